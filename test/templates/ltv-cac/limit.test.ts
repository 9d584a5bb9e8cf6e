/**
 * Scale is part of correctness: retention from a payments log of Excel's
 * full 1,048,575 data rows (a 1,048,576-row sheet with its header), through
 * the descriptor's validate and build as the task pane and the CLI call
 * them. The survivor counts are checked against a plain count of each
 * customer's first and last month, written out here.
 */
import { validatePlan } from "../../../src/workbook/plan";
import { ltvCacTemplate as T } from "../../../src/templates/ltv-cac/descriptor";
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
