/**
 * Scale is part of correctness: retention from a payments log of Excel's
 * full 1,048,575 data rows (a 1,048,576-row sheet with its header), through
 * the descriptor's validate and build as the task pane and the CLI call
 * them. The survivor counts are checked against a plain count of each
 * customer's first and last month, written out here.
 */
import { validatePlan } from "../../../src/workbook/plan";
import { ltvCacTemplate as T } from "../../../src/templates/ltv-cac/descriptor";
import { templates } from "../../../src/templates/registry";
import { build, COHORTS, input } from "./support";

jest.setTimeout(300_000);

const DATA_ROWS = 1_048_575;
const MONTHS = 24;
/** Serial of the 10th of month m after January 2023 (Excel's day count from 1899-12-30). */
const serial = (m: number) => Date.UTC(2023, m, 10) / 86_400_000 + 25_569;

test("a log of 1,048,575 payments: validated, built, and the survivors are the plain count", () => {
  // Customer i starts in month i mod 24 and pays monthly for 1 + (i·7 mod 13) months, cut at the log's end.
  const rows: unknown[][] = [];
  const span: [number, number][] = [];
  for (let i = 0; rows.length < DATA_ROWS; i++) {
    const first = i % MONTHS;
    const last = Math.min(MONTHS - 1, first + ((i * 7) % 13));
    span.push([first, first]);
    for (let m = first; m <= last && rows.length < DATA_ROWS; m++) {
      rows.push([`c${i}`, serial(m)]);
      span[i][1] = m;
    }
  }
  const i = input(COHORTS, "en", rows, { customer: 0, date: 1 });
  const report = T.validate(i);
  expect(report.blocking).toEqual([]);
  expect(report.goodRows).toBe(DATA_ROWS);
  const b = build(i);
  expect(() => validatePlan(b.plan)).not.toThrow();
  const r = b.agg.retention!;
  // Cohorts of months 0-22 (month 23's customers are not yet seen to renew).
  expect(r.cohorts).toHaveLength(MONTHS - 1);
  for (const [s, cohort] of r.cohorts.entries()) {
    const members = span.filter(([first]) => first === s);
    const plain = Array.from({ length: MONTHS - s }, (_, k) => members.filter(([first, last]) => last - first >= k).length);
    expect(cohort.survivors).toEqual(plain);
  }
  expect(r.youngCustomers).toBe(span.filter(([first]) => first === MONTHS - 1).length);
  expect(b.model!.fit.customers).toBe(span.length - r.youngCustomers);
});

test("a customer id of 40,000 characters is a row problem naming its row and column; one of 9,999 is read whole (ids are never written)", () => {
  // As registered (src/templates/registry.ts wraps every template with Excel's cell limits).
  const registered = templates.find((t) => t.id === "ltv-cac")!;
  // One cohort of 100 shaped like Fader & Hardie's regular one: 100, 63, 47, 38, 33, 29, 26, 24 still paying after 0-7 months.
  const still = [100, 63, 47, 38, 33, 29, 26, 24];
  const rows: unknown[][] = [];
  for (let c = 0; c < 100; c++) {
    const last = still.filter((n) => n > c).length - 1;
    for (let m = 0; m <= last; m++) rows.push([`c${c}`, serial(m)]);
  }
  rows[2][0] = "x".repeat(40_000);
  rows[5][0] = "y".repeat(9_999);
  const i = input(COHORTS, "en", rows, { customer: 0, date: 1 });
  const report = registered.validate(i);
  const problem = report.problems.find((p) => p.row === 2);
  expect(problem).toMatchObject({ column: "customer" });
  expect(problem!.message.en).toContain("40,000 characters; an Excel cell holds at most 32,767.");
  expect(problem!.message.es).toContain("40.000 caracteres; una celda de Excel admite 32.767 como mucho.");
  expect(report.goodRows).toBe(rows.length - 1);
  expect(report.blocking).toEqual([]);
  const plan = registered.build(i);
  expect(() => validatePlan(plan)).not.toThrow();
  const texts = plan.sheets.flatMap((s) => s.blocks.flatMap((b) => b.rows.flat())).filter((v): v is string => typeof v === "string");
  expect(texts.every((v) => v.length < 9_999)).toBe(true);
});
