/**
 * Excel's limits are checked at validation (issue 9, item 7): a source cell
 * of 40,000 characters (a cell holds 32,767) is a row problem naming the row
 * and the column, in English and Spanish, and the row is left out; text that
 * the template would put into a formula (a survey segment: a COUNTIFS
 * criterion, at most 255 characters) is refused at its own limit. Whatever
 * is built writes no cell past 32,767 characters and no formula past 8,192.
 * Microsoft, "Excel specifications and limits": 32,767 characters in a cell,
 * 8,192 in a formula; COUNTIFS criteria longer than 255 characters are #VALUE!.
 */
import { inputColumnsOf, sampleInput } from "../../src/cli/templates";
import { templates } from "../../src/templates/registry";
import { EXCEL_MAX_CELL_TEXT, EXCEL_MAX_FORMULA_LENGTH, isFormula, validatePlan, WorkbookPlan } from "../../src/workbook/plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const HUGE = "x".repeat(40_000);
const LONG = "y".repeat(9_999);

function longest(plan: WorkbookPlan): { text: number; formula: number } {
  let text = 0;
  let formula = 0;
  for (const s of plan.sheets) {
    for (const b of s.blocks) {
      for (const row of b.rows) {
        for (const v of row) {
          if (typeof v !== "string") continue;
          const n = v.length;
          if (isFormula(v, !!b.text)) formula = Math.max(formula, n);
          else text = Math.max(text, n);
        }
      }
    }
  }
  return { text, formula };
}

// The templates whose sample reads rows with a text column (ltv-cac's sample is its inputs: its log is tested in test/templates/ltv-cac/limit.test.ts).
const withText = templates.filter((t) => {
  const mapping = sampleInput(t, "en", BUILT).mapping;
  return inputColumnsOf(t).some((c) => (c.kind === "text" || c.kind === "id") && mapping[c.key] >= 0);
});

describe.each(withText.map((t) => [t.id, t] as const))("%s", (_id, t) => {
  it("a 40,000-character cell is a row problem naming its row and column; 9,999 characters are written whole or refused, never cut", () => {
    const input = sampleInput(t, "en", BUILT);
    const textColumns = inputColumnsOf(t).filter((c) => (c.kind === "text" || c.kind === "id") && input.mapping[c.key] >= 0);
    const column = textColumns.find((c) => c.maxLength === undefined)!;
    input.rows[2][input.mapping[column.key]] = HUGE;
    for (const c of textColumns) input.rows[5][input.mapping[c.key]] = LONG;
    const report = t.validate(input);
    const problem = report.problems.find((p) => p.row === 2);
    expect(problem).toMatchObject({ column: column.key });
    expect(problem!.message.en).toContain("40,000 characters; an Excel cell holds at most 32,767.");
    expect(problem!.message.es).toContain("40.000 caracteres; una celda de Excel admite 32.767 como mucho.");

    const plan = t.build(input);
    expect(() => validatePlan(plan)).not.toThrow();
    const { text, formula } = longest(plan);
    expect(text).toBeLessThanOrEqual(EXCEL_MAX_CELL_TEXT);
    expect(formula).toBeLessThanOrEqual(EXCEL_MAX_FORMULA_LENGTH);
  });
});

it("a survey segment longer than 255 characters (a COUNTIFS criterion) is a row problem", () => {
  const t = templates.find((x) => x.id === "survey-dashboard")!;
  const input = sampleInput(t, "es", BUILT);
  input.rows[3][input.mapping.segment] = "s".repeat(300);
  const report = t.validate(input);
  expect(report.problems.find((p) => p.row === 3)?.message.es).toBe("Segmento tiene 300 caracteres; esta columna se escribe donde Excel admite 255 como mucho.");
  const plan = t.build(input);
  expect(longest(plan).formula).toBeLessThanOrEqual(EXCEL_MAX_FORMULA_LENGTH);
});

it("a plan with a cell or a formula past Excel's limits is refused before anything is written", () => {
  const sheet = (rows: string[][], text = false): WorkbookPlan => ({
    title: "t",
    sheets: [{ key: "k", name: "S", title: "S", blocks: [{ at: "A1", rows, ...(text ? { text } : {}) }], formats: [], columnWidths: [], tables: [], names: [], conditionalFormats: [], charts: [], validations: [], sections: [] }],
  });
  expect(() => validatePlan(sheet([[HUGE]], true))).toThrow(/A1: 40000 characters of text/);
  expect(() => validatePlan(sheet([[`=${"1+".repeat(4200)}1`]]))).toThrow(/A1: a formula of 8402 characters/);
  expect(() => validatePlan(sheet([[LONG]], true))).not.toThrow();
});
