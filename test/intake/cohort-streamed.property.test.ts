/**
 * Streaming changes how the rows are read, not what the sheets say: on
 * random transaction logs (bad rows, a customer whose first purchase comes
 * before everyone else's, months with no activity, amounts missing), the
 * cohort aggregate built by streaming the file in small chunks through the
 * intake (src/intake, reduced by customer and period as the rows pass)
 * equals the one built the pre-streaming way: the whole table read, one row
 * each, checked by transaction-rows.ts and grouped by cohortAggregate
 * (src/metrics/cohort.ts) — customer counts exactly, revenue to rounding
 * (the reduction only reorders additions). The report lists the same rows
 * with the same messages.
 */
import fc from "fast-check";
import { bytesSource } from "../../src/input/file";
import { TableReader } from "../../src/input/reader";
import type { CohortPeriod } from "../../src/metrics/cohort";
import { cohortAggregate, CohortAggregate } from "../../src/templates/cohort-retention/aggregate";
import { COLUMNS, cohortRetentionTemplate } from "../../src/templates/cohort-retention/descriptor";
import type { BuildInput } from "../../src/templates/registry-types";
import { readTransactionRows, reportOf } from "../../src/templates/transaction-rows";
import { kindsFor, rowsOf } from "../../src/templates/typed-rows";
import type { IntakeResult } from "../../src/intake/types";

const MAPPING = { customer: 0, date: 1, amount: 2 };

const iso = (day: number) => new Date(Date.UTC(2022, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

const row = fc.oneof(
  { weight: 20, arbitrary: fc.record({ c: fc.integer({ min: 0, max: 30 }), d: fc.integer({ min: 0, max: 900 }), a: fc.integer({ min: -500, max: 50_000 }) }).map(({ c, d, a }) => `c${c},${iso(d)},${(a / 100).toFixed(2)}`) },
  // Bad or partial rows: a blank customer, a date that is not one, a blank or unreadable amount.
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 900 }).map((d) => `,${iso(d)},10.00`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 }).map((c) => `c${c},soon,10.00`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 900 })).map(([c, d]) => `c${c},${iso(d)},`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 900 })).map(([c, d]) => `c${c},${iso(d)},n/a`) },
);

/** A log with an early first purchase (before everyone else's) and a gap of months with no activity. */
const log = fc.array(row, { minLength: 1, maxLength: 300 }).map((rows) => ["c999,2021-03-05,12.50", ...rows, "c998,2025-06-30,1.00"]);

async function reader(text: string, chunkBytes: number, chunkRows: number) {
  return TableReader.open(bytesSource("log.csv", new TextEncoder().encode(text), {}, chunkBytes), { language: "en", chunkRows });
}

async function streamed(text: string, period: CohortPeriod, chunkBytes: number, chunkRows: number): Promise<IntakeResult<CohortAggregate>> {
  const r = await reader(text, chunkBytes, chunkRows);
  const { kinds } = kindsFor(COLUMNS, MAPPING, r.header.length);
  const sink = await r.stream(kinds, () => cohortRetentionTemplate.intake!.start({ mapping: MAPPING, options: { period, measure: "both" }, language: "en", listLimit: Infinity }));
  return sink.finish() as IntakeResult<CohortAggregate>;
}

/** The pre-streaming path: the whole table, a row each, then the columns grouped at once. */
async function wholeTable(text: string, period: CohortPeriod) {
  const r = await reader(text, 1 << 20, 1 << 16);
  const { kinds, mappedTo } = kindsFor(COLUMNS, MAPPING, r.header.length);
  const table = await r.readAll(kinds, mappedTo);
  const input: BuildInput = { rows: rowsOf(table, r.header.length), mapping: MAPPING, options: { period }, sourceLabel: "log.csv", builtAt: new Date(0), language: "en", surface: "cli" };
  const columns = readTransactionRows(input, { customer: COLUMNS[0], date: COLUMNS[1], amount: COLUMNS[2] });
  return { report: reportOf(columns), aggregate: cohortAggregate(columns, period, true) };
}

function expectRevenueClose(a: (number | null)[][], b: (number | null)[][]) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    for (let k = 0; k < a[i].length; k++) {
      const x = a[i][k], y = b[i][k];
      if (x === null || y === null) expect(x).toBe(y);
      else expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
    }
  }
}

describe("cohort retention: streamed intake == whole-table path", () => {
  test("random logs, chunk sizes and periods: same triangles, same report", async () => {
    await fc.assert(
      fc.asyncProperty(log, fc.integer({ min: 7, max: 400 }), fc.integer({ min: 1, max: 64 }), fc.constantFrom<CohortPeriod>("month", "week", "quarter", "year"), async (rows, chunkBytes, chunkRows, period) => {
        const text = `customer,date,amount\n${rows.join("\n")}\n`;
        const s = await streamed(text, period, chunkBytes, chunkRows);
        const w = await wholeTable(text, period);
        expect(s.report.goodRows).toBe(w.report.goodRows);
        expect(s.report.problemCount).toBe(w.report.problems.length);
        expect(s.report.problems).toEqual(w.report.problems);
        expect(s.report.notes ?? []).toEqual(w.report.notes ?? []);
        const a = s.aggregate!, b = w.aggregate;
        expect(a.customers).toEqual(b.customers);
        expect(a.revenue!.cohorts).toEqual(b.revenue!.cohorts);
        expect(a.revenue!.sizes).toEqual(b.revenue!.sizes);
        expect(a.revenue!.observed).toEqual(b.revenue!.observed);
        expectRevenueClose(a.revenue!.matrix, b.revenue!.matrix);
        expect(a.transactions).toBe(w.report.goodRows);
      }),
      { numRuns: 60 },
    );
  });

  test("the early customer opens the first cohort and the empty months stay in the spine", async () => {
    const text = "customer,date,amount\nb,2024-05-02,5\na,2024-01-10,10\na,2024-05-20,7\n";
    const s = (await streamed(text, "month", 9, 1)).aggregate!;
    // Cohorts Jan and May 2024; a is active in months 0 and 4, nothing in between.
    expect(s.customers.sizes).toEqual([1, 1]);
    expect(s.customers.matrix[0]).toEqual([1, 0, 0, 0, 1]);
    expect(s.revenue!.matrix[0]).toEqual([10, 0, 0, 0, 7]);
  });
});
