/**
 * The demo workbook recalculated by a real spreadsheet application
 * (LibreOffice, headless): no cell shows an error, and each template's
 * headline cells (positions from the templates' own layout constants, via
 * their descriptors' headlines()) equal the metrics core. Runs in CI, which
 * installs libreoffice-calc-nogui; without soffice it fails, saying so.
 *
 * Values are read from the cached results LibreOffice saved (the XML), with
 * ExcelJS as a second reader; a small control workbook with known errors
 * proves the error scan sees them.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { convertWithLibreOffice, libreOfficeAvailable } from "../../scripts/libreoffice";
import { sheetNameFor, writeDemo, WrittenDemo } from "../../src/cli/demo";
import { templates } from "../../src/templates/registry";
import { BUILT, tempDir } from "../support/cli";
import { CachedValue, CachedWorkbook, readCachedValues } from "../support/xlsx-cached";

const ERROR_TEXT = /^(#NAME\?|#VALUE!|#DIV\/0!|#REF!|#N\/A|#NUM!|#NULL!|#SPILL!|#CALC!|Err:\d+)/;

function errorOf(value: unknown): string | null {
  if (value && typeof value === "object" && "error" in value) return String((value as { error: unknown }).error);
  if (typeof value === "string" && ERROR_TEXT.test(value)) return value;
  return null;
}

/** Every error a reader would see: from the saved XML and, independently, from ExcelJS. */
async function errorsIn(file: string): Promise<{ errors: string[]; formulas: number; cached: CachedWorkbook }> {
  const cached = await readCachedValues(file);
  const errors = cached.cells().flatMap(({ sheet, address, value }) => {
    const e = errorOf(value);
    return e ? [`'${sheet}'!${address} = ${e}`] : [];
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  let formulas = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        const isFormula = cell.type === ExcelJS.ValueType.Formula;
        if (isFormula) formulas++;
        const e = errorOf(isFormula ? (v as { result?: unknown }).result : v);
        const where = `'${ws.name}'!${cell.address} = ${e}`;
        if (e && !errors.includes(where)) errors.push(where);
      }),
    );
  }
  return { errors, formulas, cached };
}

function recalculate(file: string): string {
  const outDir = path.join(path.dirname(file), "recalculated");
  mkdirSync(outDir, { recursive: true });
  return convertWithLibreOffice(file, "xlsx", outDir);
}

let demo: WrittenDemo;
let scan: Awaited<ReturnType<typeof errorsIn>>;
let sheetNames: string[];

beforeAll(async () => {
  if (!libreOfficeAvailable()) {
    throw new Error("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui (CI's .ci/run installs it). This test must run.");
  }
  const file = path.join(tempDir("cxm-lo-demo-"), "cxm-demo.xlsx");
  demo = await writeDemo(file, templates, "en", BUILT);
  const converted = recalculate(file);
  scan = await errorsIn(converted);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(converted);
  sheetNames = wb.worksheets.map((w) => w.name);
}, 300_000);

describe("the demo workbook recalculated by LibreOffice", () => {
  test("keeps every sheet of every registered template", () => {
    expect(sheetNames).toEqual(demo.resolved.sheets.map((s) => s.name));
    expect(new Set(demo.resolved.sheets.map((s) => s.planIndex)).size).toBe(templates.length);
  });

  test("no cell anywhere holds an error value", () => {
    expect(scan.errors.slice(0, 30)).toEqual([]);
    expect(scan.formulas).toBeGreaterThan(100); // the workbook really is formulas, not pasted values
  });

  test("each template's headline cells equal the metrics core", () => {
    const checked: string[] = [];
    const mismatches: string[] = [];
    demo.entries.forEach((entry, planIndex) => {
      for (const h of entry.headlines) {
        const sheet = sheetNameFor(demo.resolved, planIndex, h.sheet);
        const shown: CachedValue = scan.cached.value(sheet, h.cell);
        const where = `${entry.template.id}: ${h.label.en} at '${sheet}'!${h.cell}`;
        checked.push(where);
        const close = typeof shown === "number" && Math.abs(shown - h.value) <= 1e-9 * Math.max(1, Math.abs(h.value));
        if (!close) mismatches.push(`${where} shows ${JSON.stringify(shown)}, the metrics core gives ${h.value}`);
      }
    });
    expect(mismatches).toEqual([]);
    // Headlines this test must cover whatever else is registered.
    for (const must of ["ltv-cac: LTV at", "ltv-cac: LTV:CAC at", "survey-dashboard: NPS at", "kpi-scorecard: NPS at"]) {
      expect(checked.filter((c) => c.startsWith(must))).toHaveLength(1);
    }
  });
});

describe("the error scan itself (a control workbook with known results)", () => {
  test("sees #DIV/0!, #NAME? and #N/A after LibreOffice recalculates, and reads a cached 0 as 0", async () => {
    const file = path.join(tempDir("cxm-lo-control-"), "control.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Control");
    ws.getCell("A1").value = { formula: "1/0" } as ExcelJS.CellFormulaValue;
    ws.getCell("A2").value = { formula: "NOSUCHFUNCTION(1)" } as ExcelJS.CellFormulaValue;
    ws.getCell("A3").value = { formula: "NA()" } as ExcelJS.CellFormulaValue;
    ws.getCell("A4").value = { formula: "1+1" } as ExcelJS.CellFormulaValue;
    ws.getCell("A5").value = { formula: "0*7" } as ExcelJS.CellFormulaValue;
    wb.calcProperties.fullCalcOnLoad = true;
    await wb.xlsx.writeFile(file);
    const control = await errorsIn(recalculate(file));
    expect(control.errors.map((e) => e.split(" = ")[0]).sort()).toEqual(["'Control'!A1", "'Control'!A2", "'Control'!A3"]);
    expect(control.cached.value("Control", "A4")).toBe(2);
    expect(control.cached.value("Control", "A5")).toBe(0);
  }, 300_000);
});
