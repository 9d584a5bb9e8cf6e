import fc from "fast-check";
import { CohortPeriod, cohortTable } from "../../src/metrics/cohort";
import { MetricError } from "../../src/metrics/errors";

// A small log, serials worked out from 2024-01-01 = 45292 (Microsoft's DATE
// docs give 2008-01-01 = 39448; + 5844 days to 2024): Jan 5 = 45296,
// Jan 20 = 45311, Jan 31 = 45322, Feb 1 = 45323, Feb 10 = 45332,
// Feb 28 = 45350, Mar 1 = 45352 (2024 is a leap year), Mar 3 = 45354,
// Mar 15 = 45366, Mar 31 = 45382.
const LOG = {
  ids: ["a", "b", "c", "a", "d", "d", "a", "d", "b", "e"],
  dates: [45296, 45311, 45322, 45332, 45323, 45350, 45354, 45352, 45366, 45382],
  amounts: [10, 50, 40, 20, 5, 5, 30, 15, 25, 100],
};

describe("cohortTable on a hand-checked log", () => {
  test("customers, share (the default)", () => {
    const t = cohortTable(LOG.ids, LOG.dates, null);
    // January: a, b, c start (3). February: d. March: e.
    expect(t.cohorts).toEqual([45292, 45323, 45352]);
    expect(t.sizes).toEqual([3, 1, 1]);
    expect(t.observed).toEqual([3, 2, 1]);
    // January cohort: Feb only a is active (1/3); Mar a and b (2/3).
    // February cohort: d is back in March (1/1). Cells past March are null.
    expect(t.matrix).toEqual([
      [1, 1 / 3, 2 / 3],
      [1, 1, null],
      [1, null, null],
    ]);
  });

  test("customers, count; several rows in a period count once", () => {
    // d has two rows in February (Feb 1 and Feb 28): still 1 customer.
    const t = cohortTable(LOG.ids, LOG.dates, null, { output: "count" });
    expect(t.matrix).toEqual([
      [3, 1, 2],
      [1, 1, null],
      [1, null, null],
    ]);
  });

  test("revenue: net revenue retention can exceed 100%", () => {
    const t = cohortTable(LOG.ids, LOG.dates, LOG.amounts, { measure: "revenue", output: "count" });
    // January cohort: Jan 10 + 50 + 40 = 100; Feb a's 20; Mar a's 30 + b's 25 = 55.
    // February cohort: Feb d's 5 + 5 = 10; Mar d's 15. March cohort: e's 100.
    expect(t.matrix).toEqual([
      [100, 20, 55],
      [10, 15, null],
      [100, null, null],
    ]);
    expect(t.base).toEqual([100, 10, 100]);
    const shares = cohortTable(LOG.ids, LOG.dates, LOG.amounts, { measure: "revenue" });
    // 20/100, 55/100; 15/10 = 150% for February.
    expect(shares.matrix).toEqual([
      [1, 0.2, 0.55],
      [1, 1.5, null],
      [1, null, null],
    ]);
    expect(shares.sizes).toEqual([3, 1, 1]);
  });

  test("quarters and years: one cohort", () => {
    for (const period of ["quarter", "year"] as const) {
      const t = cohortTable(LOG.ids, LOG.dates, null, { period });
      expect(t.cohorts).toEqual([45292]);
      expect(t.sizes).toEqual([5]);
      expect(t.matrix).toEqual([[1]]);
    }
  });

  test("weeks start on Monday", () => {
    // Mon 2024-01-01 (45292) and Sun 2024-01-07 (45298) are one week; Mon 01-08 (45299) the next.
    const t = cohortTable(["a", "b", "a", "b"], [45292, 45298, 45299, 45306], null, { period: "week", output: "count" });
    expect(t.cohorts).toEqual([45292]);
    // a: weeks 0 and 1; b: weeks 0 and 2 (Mon 01-15 = 45306).
    expect(t.matrix).toEqual([[2, 1, 1]]);
  });

  test("periods with no new customers have no row; a gap in activity stays 0, not null", () => {
    // a starts in Jan, c in Mar; nobody starts in Feb; a is back in Mar.
    const t = cohortTable(["a", "a", "c"], [45292, 45352, 45352], null, { output: "count" });
    expect(t.cohorts).toEqual([45292, 45352]);
    expect(t.matrix).toEqual([
      [1, 0, 1],
      [1, null, null],
    ]);
  });

  test("a cohort whose first-period revenue is 0 has no shares", () => {
    // a's first month is a free trial (0), then 30.
    const t = cohortTable(["a", "a"], [45292, 45323], [0, 30], { measure: "revenue" });
    expect(t.base).toEqual([0]);
    expect(t.matrix).toEqual([[null, null]]);
    expect(t.observed).toEqual([2]);
  });

  test("blank ids are skipped; bad input is #VALUE!", () => {
    const t = cohortTable(["a", null, "", undefined, "b"], [45292, 0, -5, NaN, 45323], null, { output: "count" });
    expect(t.sizes).toEqual([1, 1]);
    expect(() => cohortTable(["a"], [45292, 45293], null)).toThrow(/same number of rows/);
    expect(() => cohortTable(["a"], [0], null)).toThrow(/Row 1 of dates is not a date/);
    expect(() => cohortTable(["a"], [45292], null, { measure: "revenue" })).toThrow(/needs the amounts/);
    expect(() => cohortTable(["a"], [45292], [NaN], { measure: "revenue" })).toThrow(/Row 1 of amounts/);
    expect(() => cohortTable([null], [45292], null)).toThrow(MetricError);
  });
});

// ---- Independent computation: a plain per-customer loop, dates through JavaScript's calendar ----

function periodKey(serial: number, period: CohortPeriod): number {
  const d = new Date((Math.floor(serial) - 25569) * 86400000); // serial → UTC date (serials ≥ 61)
  const y = d.getUTCFullYear(), m = d.getUTCMonth();
  if (period === "year") return y;
  if (period === "quarter") return y * 4 + Math.floor(m / 3);
  if (period === "month") return y * 12 + m;
  const mondayBased = (d.getUTCDay() + 6) % 7; // days since Monday
  return Math.round((Math.floor(serial) - mondayBased) / 7); // the week's Monday, in weeks
}

function naiveCohorts(ids: string[], dates: number[], amounts: number[], period: CohortPeriod, measure: "customers" | "revenue") {
  const byCustomer = new Map<string, { period: number; amount: number }[]>();
  ids.forEach((id, i) => {
    if (!byCustomer.has(id)) byCustomer.set(id, []);
    byCustomer.get(id)!.push({ period: periodKey(dates[i], period), amount: amounts[i] });
  });
  const last = Math.max(...dates.map((d) => periodKey(d, period)));
  const rows = new Map<number, { size: number; cells: Map<number, number> }>();
  for (const rowsOfCustomer of byCustomer.values()) {
    const first = Math.min(...rowsOfCustomer.map((r) => r.period));
    if (!rows.has(first)) rows.set(first, { size: 0, cells: new Map() });
    const row = rows.get(first)!;
    row.size += 1;
    if (measure === "customers") {
      for (const p of new Set(rowsOfCustomer.map((r) => r.period))) row.cells.set(p - first, (row.cells.get(p - first) ?? 0) + 1);
    } else {
      for (const r of rowsOfCustomer) row.cells.set(r.period - first, (row.cells.get(r.period - first) ?? 0) + r.amount);
    }
  }
  const firsts = [...rows.keys()].sort((a, b) => a - b);
  const width = last - firsts[0] + 1;
  return {
    sizes: firsts.map((f) => rows.get(f)!.size),
    counts: firsts.map((f) => Array.from({ length: width }, (_, k) => (f + k <= last ? rows.get(f)!.cells.get(k) ?? 0 : null))),
  };
}

const logArbitrary = fc
  .array(
    fc.record({
      id: fc.constantFrom("a", "b", "c", "d", "e", "f", "g"),
      date: fc.integer({ min: 45000, max: 45800 }),
      time: fc.constantFrom(0, 0.25, 0.999),
      amount: fc.integer({ min: 0, max: 500 }),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((rows) => ({
    ids: rows.map((r) => r.id),
    dates: rows.map((r) => r.date + r.time),
    amounts: rows.map((r) => r.amount),
  }));

test("matches a naive per-customer computation on random logs", () => {
  fc.assert(
    fc.property(
      logArbitrary,
      fc.constantFrom<CohortPeriod>("week", "month", "quarter", "year"),
      fc.constantFrom("customers" as const, "revenue" as const),
      (log, period, measure) => {
        const t = cohortTable(log.ids, log.dates, log.amounts, { period, measure, output: "count" });
        const naive = naiveCohorts(log.ids, log.dates, log.amounts, period, measure);
        expect(t.sizes).toEqual(naive.sizes);
        expect(t.matrix).toEqual(naive.counts);
        // Shares are the counts over period 0.
        const shares = cohortTable(log.ids, log.dates, log.amounts, { period, measure });
        shares.matrix.forEach((row, i) =>
          row.forEach((v, k) => {
            const c = naive.counts[i][k];
            const base = naive.counts[i][0]!;
            expect(v).toBe(c === null || base === 0 ? null : c / base);
          }),
        );
      },
    ),
    { numRuns: 300 },
  );
});
