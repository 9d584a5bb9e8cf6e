/**
 * The moved templates (moved.ts) as a real spreadsheet application shows
 * and prints them, in both languages (LibreOffice headless; CI installs it,
 * and without soffice the test fails, saying so):
 * - the .xlsx carries every formula's cached value as the plan computed it
 *   (what previews and pandas/openpyxl show without recalculating);
 * - LibreOffice's recalculation equals those values, cell for cell;
 * - printed to PDF, each sheet takes no more pages than its stated bound.
 *   Pages are attributed to sheets by their header, which names the sheet
 *   (the plans' print setup puts &A, the sheet name, at its left).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { convertWithLibreOffice, libreOfficeAvailable } from "../../../scripts/libreoffice";
import type { Language } from "../../../src/templates/registry-types";
import { SheetBuilder } from "../../../src/workbook/builder";
import { fx } from "../../../src/workbook/layout";
import type { ResolvedWorkbook } from "../../../src/workbook/resolve";
import { writePlanToFile } from "../../../src/xlsx/write-plan";
import { tempDir } from "../../support/cli";
import { formulaCells, sameValue } from "../../support/formula-cells";
import { CachedWorkbook, readCachedValues } from "../../support/xlsx-cached";
import { LANGUAGES, sampleBuilds, SampleBuild } from "./moved";

interface Printed {
  builds: SampleBuild[];
  resolved: ResolvedWorkbook;
  written: CachedWorkbook;
  recalculated: CachedWorkbook;
  /** Pages LibreOffice printed, by final sheet name; and in all. */
  pages: Map<string, number>;
  totalPages: number;
}

/** The sheet named in each page's header (its first line of text), page by page. */
function pagesBySheet(pdf: string, sheetNames: string[]): { pages: Map<string, number>; total: number } {
  const total = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
  const pages = new Map<string, number>();
  // Longest names first, so "Cohort retention (2)" is not read as "Cohort retention".
  const names = [...sheetNames].sort((a, b) => b.length - a.length);
  for (let p = 1; p <= total; p++) {
    const text = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), "-layout", pdf, "-"], { encoding: "utf8" });
    const header = text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
    const sheet = names.find((n) => header.startsWith(n));
    if (!sheet) throw new Error(`Page ${p} of ${pdf} has no sheet name in its header: "${header}".`);
    pages.set(sheet, (pages.get(sheet) ?? 0) + 1);
  }
  return { pages, total };
}

async function printed(language: Language): Promise<Printed> {
  const dir = tempDir(`cxm-lo-v2-${language}-`);
  const file = path.join(dir, `templates-${language}.xlsx`);
  const builds = sampleBuilds([language]);
  const { resolved } = await writePlanToFile(
    builds.map((b) => b.plan),
    file,
  );
  const recalcDir = path.join(dir, "recalculated");
  mkdirSync(recalcDir);
  const recalculated = await readCachedValues(convertWithLibreOffice(file, "xlsx", recalcDir));
  const { pages, total } = pagesBySheet(convertWithLibreOffice(file, "pdf", dir), resolved.sheets.map((s) => s.name));
  return { builds, resolved, written: await readCachedValues(file), recalculated, pages, totalPages: total };
}

const results = new Map<Language, Printed>();

beforeAll(async () => {
  if (!libreOfficeAvailable()) {
    throw new Error("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui (CI's .ci/run installs it). This test must run.");
  }
  for (const language of LANGUAGES) results.set(language, await printed(language));
}, 600_000);

/** Every formula cell of every build, with the final sheet name it was written to. */
function formulaCellsOf(p: Printed) {
  return p.builds.flatMap((b, planIndex) =>
    formulaCells(b.plan).map((c) => {
      const sheet = p.resolved.sheets.find((s) => s.planIndex === planIndex && s.plan.key === c.sheet)!.name;
      return { ...c, id: b.template.id, sheetName: sheet };
    }),
  );
}

describe("the recalculation check itself (a control plan)", () => {
  test("a wrongly cached value is caught: LibreOffice recalculates rather than keeping the file's values", async () => {
    const dir = tempDir("cxm-lo-v2-control-");
    const file = path.join(dir, "control.xlsx");
    const s = new SheetBuilder("c", "Control", "Control");
    s.write(1, 1, [[fx("=1+1", 3), fx('=IF(1>2,"yes","no")', "no")]]);
    await writePlanToFile({ title: "Control", sheets: [s.build()] }, file);
    expect((await readCachedValues(file)).value("Control", "A1")).toBe(3);
    const recalcDir = path.join(dir, "recalculated");
    mkdirSync(recalcDir);
    const lo = await readCachedValues(convertWithLibreOffice(file, "xlsx", recalcDir));
    expect(lo.value("Control", "A1")).toBe(2);
    expect(sameValue(lo.value("Control", "A1"), 3)).toBe(false);
    expect(sameValue(lo.value("Control", "B1"), "no")).toBe(true);
  }, 300_000);
});

describe.each(LANGUAGES)("the moved templates in %s, opened and printed by LibreOffice", (language) => {
  test("the file carries every formula's value as the template computed it", () => {
    const p = results.get(language)!;
    const cells = formulaCellsOf(p);
    expect(cells.length).toBeGreaterThan(100);
    const differ = cells
      .filter((c) => !sameValue(p.written.value(c.sheetName, c.cell), c.cached!))
      .map((c) => `${c.id} '${c.sheetName}'!${c.cell}: plan ${JSON.stringify(c.cached)}, file ${JSON.stringify(p.written.value(c.sheetName, c.cell))}`);
    expect(differ.slice(0, 20)).toEqual([]);
  });

  test("LibreOffice's recalculation equals the cached value of every formula cell", () => {
    const p = results.get(language)!;
    const differ = formulaCellsOf(p)
      .filter((c) => !sameValue(p.recalculated.value(c.sheetName, c.cell), c.cached!))
      .map((c) => `${c.id} '${c.sheetName}'!${c.cell} ${c.formula}: cached ${JSON.stringify(c.cached)}, LibreOffice ${JSON.stringify(p.recalculated.value(c.sheetName, c.cell))}`);
    expect(differ.slice(0, 20)).toEqual([]);
  });

  test("each sheet prints within its stated number of pages, and every page is a sheet's", () => {
    const p = results.get(language)!;
    const over: string[] = [];
    p.builds.forEach((b, planIndex) => {
      for (const s of p.resolved.sheets.filter((x) => x.planIndex === planIndex)) {
        const bound = b.moved.pages[s.plan.key];
        const got = p.pages.get(s.name) ?? 0;
        if (bound === undefined) over.push(`${b.template.id}: sheet ${s.plan.key} has no page bound in moved.ts`);
        else if (got < 1 || got > bound) over.push(`${b.template.id} '${s.name}': ${got} pages, bound ${bound}`);
      }
    });
    expect(over).toEqual([]);
    expect([...p.pages.values()].reduce((a, x) => a + x, 0)).toBe(p.totalPages);
  });
});
