/**
 * User text never becomes a formula (issue 9, item 1), in any template and
 * in both renderers. Every text and id column of every template's sample
 * gets formula-injection payloads (the WEBSERVICE and DDE ones, and
 * the CSV-injection prefixes + - @ tab CR of OWASP's "CSV Injection"); the
 * KPI list gets them as actuals. Then:
 * - the plan holds no formula carrying a payload;
 * - the .xlsx, read back with ExcelJS, holds no formula carrying one, and a
 *   payload cell has the Text format "@" (so editing it keeps it text);
 * - Office.js receives every payload with Excel's text prefix (an apostrophe).
 */
import ExcelJS from "exceljs";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { sampleInput, inputColumnsOf } from "../../src/cli/templates";
import { templates } from "../../src/templates/registry";
import { blockRect, isFormula, WorkbookPlan } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { FakeExcel } from "../support/excel-batch-fake";

jest.setTimeout(60_000);

const BUILT = new Date("2025-01-15T09:30:00Z");
const MARKER = "cmd|";
const PAYLOADS = [
  `=WEBSERVICE("http://evil/")&"${MARKER}"`,
  `=${MARKER}'/c calc'!A1`,
  `+1+${MARKER}' /C calc'!A0`,
  `-2+3+${MARKER}' /C calc'!A0`,
  `@SUM(1+1)*${MARKER}' /C calc'!A0`,
  `\t=1+${MARKER}' /C calc'!A0`,
  `\r=1+${MARKER}' /C calc'!A0`,
];
const INJECTABLE = /^[=+\-@\t\r]/;

/** A formula's code with its string literals emptied: user text may appear only inside those, where it is inert. */
function code(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, '""');
}

/** Templates whose sheets showed the payloads (some show no ids at all): checked not to be none. */
const shown = new Set<string>();
afterAll(() => expect(shown.size).toBeGreaterThanOrEqual(3));

/** The template's sample with payloads in every 4th row of each text or id column (and in the KPI actuals). */
function poisonedInput(id: string) {
  const t = templates.find((x) => x.id === id)!;
  const input = sampleInput(t, "en", BUILT);
  const columns = inputColumnsOf(t).filter((c) => c.kind === "text" || c.kind === "id" || (t.id === "kpi-scorecard" && c.key === "actual"));
  let k = 0;
  for (const c of columns) {
    const at = input.mapping[c.key];
    if (at === undefined || at < 0) continue;
    input.rows.forEach((row, i) => {
      if (i % 4 === 1) row[at] = PAYLOADS[k++ % PAYLOADS.length];
    });
  }
  return { t, input };
}

const withText = templates.filter((t) => inputColumnsOf(t).some((c) => c.kind === "text" || c.kind === "id"));

describe.each(withText.map((t) => [t.id] as const))("%s", (id) => {
  let plan: WorkbookPlan;
  beforeAll(() => {
    const { t, input } = poisonedInput(id);
    t.validate(input); // problems may be reported; the build uses the rows it can
    plan = t.build(input);
  });

  it("the plan holds no formula carrying user text", () => {
    const formulas = plan.sheets.flatMap((s) => s.blocks.flatMap((b) => b.rows.flat().filter((v) => isFormula(v, !!b.text))));
    expect(formulas.filter((f) => code(f as string).includes(MARKER))).toEqual([]);
  });

  it("the .xlsx holds the payloads as text, formatted as Text, never as formulas", async () => {
    const { buffer } = await writePlanToBuffer(plan);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const texts: { value: string; numFmt: string }[] = [];
    const formulas: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula) formulas.push(cell.formula);
          else if (typeof cell.value === "string" && cell.value.includes(MARKER)) texts.push({ value: cell.value, numFmt: cell.numFmt });
        }),
      ),
    );
    expect(formulas.filter((f) => code(f).includes(MARKER))).toEqual([]);
    if (texts.length > 0) shown.add(id);
    for (const t of texts) if (INJECTABLE.test(t.value)) expect(t).toEqual({ value: t.value, numFmt: "@" });
  });

  it("Office.js receives every payload with Excel's text prefix", async () => {
    const fake = new FakeExcel();
    await applyPlanInContext(fake.context, plan);
    const written = fake.sheetNames.flatMap((n) => [...fake.sheet(n).cells.values()]).filter((v): v is string => typeof v === "string" && v.includes(MARKER));
    // Text arrives with the apostrophe; a plan formula may carry user text only inside a string literal.
    expect(written.filter((v) => !v.startsWith("'") && !(v.startsWith("=") && !code(v).includes(MARKER)))).toEqual([]);
  });
});

describe("the KPI scorecard with a malicious actual", () => {
  it("is flagged in the validation report, in English and Spanish, naming the function", () => {
    const t = templates.find((x) => x.id === "kpi-scorecard")!;
    const input = sampleInput(t, "en", BUILT);
    input.rows[1][input.mapping.actual] = PAYLOADS[0];
    const report = t.validate(input);
    const flagged = report.problems.filter((p) => p.column === "actual");
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.some((p) => p.message.en.includes("WEBSERVICE, which is not one of the functions allowed here"))).toBe(true);
    expect(flagged.some((p) => p.message.es.includes("WEBSERVICE, que no es una de las funciones permitidas"))).toBe(true);
  });

  it("is written as literal text when built directly, with no status formula over it", async () => {
    // The sheets take an aggregate: one built around the validation (a list read elsewhere, a cache) still never writes the formula.
    const { scorecardAggregate } = await import("../../src/templates/kpi-scorecard/aggregate");
    const { sampleInputs, sampleKpis } = await import("../../src/templates/kpi-scorecard/sample");
    const { scorecardSheets } = await import("../../src/templates/kpi-scorecard/sheets");
    const { SCORECARD_STRINGS } = await import("../../src/templates/kpi-scorecard/strings");
    const kpis = sampleKpis("en").map((k, i) => (i === 0 ? { ...k, actual: '=WEBSERVICE("http://evil/")' } : k));
    const source = { label: "kpis.csv", used: kpis.length, leftOut: 0, surface: "cli" as const, builtAt: BUILT };
    const p = scorecardSheets(scorecardAggregate(kpis, sampleInputs("en"), false), { source }, SCORECARD_STRINGS.en).plan;
    const sheet = p.sheets[0];
    const block = sheet.blocks.find((b) => b.rows.flat().includes('=WEBSERVICE("http://evil/")'))!;
    expect(block.text).toBe(true);
    const { buffer } = await writePlanToBuffer(p);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const at = blockRect(block);
    const cell = wb.worksheets[0].getCell(at.row, at.column);
    expect(cell.value).toBe('=WEBSERVICE("http://evil/")');
    expect(cell.formula).toBeUndefined();
    expect(cell.numFmt).toBe("@");
    // The other KPIs keep their formulas (the allow-list passes them).
    expect(sheet.blocks.flatMap((b) => (b.text ? [] : b.rows.flat())).filter((v) => typeof v === "string" && v.startsWith("=(Promoters"))).toHaveLength(0);
  });
});
