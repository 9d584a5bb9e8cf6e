import fc from "fast-check";
import { MetricError } from "../../../src/metrics/errors";
import {
  customerGrowth,
  DEFAULT_LOST_AFTER,
  DEFAULT_VALUE_WINDOW,
  GrowthPeriod,
  GrowthRow,
  growthTotals,
} from "../../../src/metrics/growth/customer-growth";

// Serials from 2024-01-01 = 45292 (Microsoft's DATE docs: 2008-01-01 = 39448, + 5844 days).
// 2024 is a leap year: Feb 1 = 45323, Mar 1 = 45352, Apr 1 = 45383, Jul 1 = 45474, Oct 1 = 45566;
// 2025-01-01 = 45658, 2025-04-01 = 45748 (+ 31 + 28 + 31); 2022-01-01 = 44562, 2023-01-01 = 44927.
const JAN = 45292, FEB = 45323, MAR = 45352, APR = 45383;

function caught(f: () => unknown): MetricError {
  try {
    f();
  } catch (e) {
    if (e instanceof MetricError) return e;
    throw e;
  }
  throw new Error("expected a MetricError");
}

/** The ten columns of a row, in the function's order. */
const cols = (r: GrowthRow) => [r.start, r.customersAtStart, r.newCustomers, r.reactivated, r.lost, r.customersAtEnd, r.netGrowth, r.newValue, r.lostValue, r.netValue];

describe("customerGrowth on hand-checked logs", () => {
  test("the worked example: months, lost after 2, value window 2", () => {
    // a: Jan 10, Feb 20. b: Jan 5, Apr 7. c: Mar 30. Months 0 (Jan) … 3 (Apr).
    const g = customerGrowth(["a", "a", "b", "b", "c"], [JAN, FEB, JAN, APR, MAR + 14.5], [10, 20, 5, 7, 30], { lostAfter: 2, valueWindow: 2 });
    expect(g).toMatchObject({ period: "month", lostAfter: 2, valueWindow: 2 });
    expect(g.rows.map(cols)).toEqual([
      // Jan: a and b new. a's first two months: 10 + 20 = 30; b's: 5 (Apr is month 3, outside 0–1).
      [JAN, 0, 2, 0, 0, 2, 2, 35, 0, 35],
      // Feb: a buys again (gap 1 ≤ 2); b's gap is still open.
      [FEB, 2, 0, 0, 0, 2, 0, 0, 0, 0],
      // Mar: b lost (Jan + 2: the next purchase, Apr, is 3 months after Jan > 2), valued at Jan's 5
      // (months −1 … 0); c new, valued at Mar + Apr = 30 (only what the data shows).
      [MAR, 2, 1, 0, 1, 2, 0, 30, 5, 25],
      // Apr: a lost (Feb + 2, within the data), valued at Jan + Feb = 30; b reactivated.
      [APR, 2, 0, 1, 1, 2, 0, 0, 30, -30],
    ]);
  });

  test("weeks start on Monday; several rows in a week are one purchase week", () => {
    // 2024-01-01 is a Monday. a: Mon Jan 1 (10) and Sun Jan 7 (5), both week 0; Mon Jan 22 (week 3, 4).
    // b: Wed Jan 10 (week 1, 8). lost_after 1, value_window 2.
    const g = customerGrowth(["a", "a", "b", "a"], [JAN, JAN + 6, JAN + 9, JAN + 21], [10, 5, 8, 4], { period: "week", lostAfter: 1, valueWindow: 2 });
    expect(g.rows.map(cols)).toEqual([
      // a new; weeks 0–1 of a: 15.
      [JAN, 0, 1, 0, 0, 1, 1, 15, 0, 15],
      // b new (weeks 1–2: 8); a lost (week 0 + 1; next purchase week 3), valued at weeks −1…0: 15.
      [JAN + 7, 1, 1, 0, 1, 1, 0, 8, 15, -7],
      // b lost (week 1 + 1, within the data), valued at weeks 0…1: 8.
      [JAN + 14, 1, 0, 0, 1, 0, -1, 0, 8, -8],
      // a back.
      [JAN + 21, 0, 0, 1, 0, 1, 1, 0, 0, 0],
    ]);
  });

  test("quarters with their defaults (lost after 4 quarters, value window 4)", () => {
    // a: Feb 2024 (Q1 2024, 100) and May 2025 (Q2 2025, 30); b: Jul 2024 (Q3 2024, 60).
    const g = customerGrowth(["a", "b", "a"], [FEB, 45474 + 3, 45748 + 40], [100, 60, 30], { period: "quarter" });
    expect(g).toMatchObject({ lostAfter: 4, valueWindow: 4 });
    expect(g.rows.map(cols)).toEqual([
      // a new: Q1 2024 … Q4 2024 revenue = 100 (the 30 is in Q2 2025, five quarters later).
      [JAN, 0, 1, 0, 0, 1, 1, 100, 0, 100],
      [APR, 1, 0, 0, 0, 1, 0, 0, 0, 0],
      // b new: 60.
      [45474, 1, 1, 0, 0, 2, 1, 60, 0, 60],
      [45566, 2, 0, 0, 0, 2, 0, 0, 0, 0],
      // a lost in Q1 2025 (Q1 2024 + 4: the gap to Q2 2025 is 5 > 4), valued at Q2 2023 … Q1 2024 = 100.
      [45658, 2, 0, 0, 1, 1, -1, 0, 100, -100],
      // a reactivated; b (last Q3 2024) would be lost in Q3 2025, after the data: still active.
      [45748, 1, 0, 1, 0, 2, 1, 0, 0, 0],
    ]);
  });

  test("years with the default (lost after 1 year); no amounts gives no values", () => {
    // a: 2022, 2023; b: 2022, 2024.
    const g = customerGrowth(["a", "b", "a", "b"], [44562 + 100, 44562, 44927 + 5, 45292 + 200], null, { period: "year" });
    expect(g).toMatchObject({ lostAfter: 1, valueWindow: 1 });
    expect(g.rows.map(cols)).toEqual([
      [44562, 0, 2, 0, 0, 2, 2, null, null, null],
      // b lost in 2023 (2022 + 1; next purchase 2024, a gap of 2 > 1).
      [44927, 2, 0, 0, 1, 1, -1, null, null, null],
      // a lost (2023 + 1 = 2024, the last year of the data), b reactivated.
      [45292, 1, 0, 1, 1, 1, 0, null, null, null],
    ]);
  });

  test("every row counts as a purchase whatever its amount; empty periods are rows; lost only within the data", () => {
    // a: Jan 0, then nothing until Apr; lost_after 1: lost in Feb, reactivated in Apr. A refund (−5) in Apr.
    const g = customerGrowth(["a", "a", "a"], [JAN, APR, APR + 3], [0, 12, -5], { lostAfter: 1, valueWindow: 1 });
    expect(g.rows.map(cols)).toEqual([
      [JAN, 0, 1, 0, 0, 1, 1, 0, 0, 0],
      [FEB, 1, 0, 0, 1, 0, -1, 0, 0, 0],
      [MAR, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      // Apr is the last month: the loss in May is beyond the data.
      [APR, 0, 0, 1, 0, 1, 1, 0, 0, 0],
    ]);
  });

  test("a customer lost twice is counted twice; value windows reach back past a reactivation", () => {
    // Months Jan (0) … Jul (6) 2024 (May 1 = 45413, Jun 1 = 45444, Jul 1 = 45474); lost_after 1, value_window 3.
    // a buys in Jan (1), Feb (2), Apr (4) and Jun (8); z in Jul (0), so the data runs to July.
    const g = customerGrowth(["a", "a", "a", "a", "z"], [JAN, FEB, APR + 2, 45444 + 1, 45474 + 1], [1, 2, 4, 8, 0], { lostAfter: 1, valueWindow: 3 });
    expect(g.rows.map((r) => [r.newCustomers, r.reactivated, r.lost, r.lostValue])).toEqual([
      [1, 0, 0, 0], // Jan: a new
      [0, 0, 0, 0], // Feb
      [0, 0, 1, 3], // Mar: a lost (Feb + 1; next purchase Apr, 2 > 1); months Dec … Feb: 1 + 2
      [0, 1, 0, 0], // Apr: a back
      [0, 0, 1, 6], // May: a lost (Apr + 1); months Feb … Apr: 2 + 0 + 4
      [0, 1, 0, 0], // Jun: a back
      [1, 0, 1, 12], // Jul: z new; a lost (Jun + 1, the last month); months Apr … Jun: 4 + 0 + 8
    ]);
    expect(g.rows[0].newValue).toBe(1 + 2); // a's first 3 months: Jan, Feb, Mar.
  });

  test("rows with a blank id are skipped; times of day do not move a date", () => {
    const g = customerGrowth(["a", null, "", "a"], [JAN + 0.99, 7, 8, FEB + 0.5], [1, 2, 3, 4], { lostAfter: 1, valueWindow: 1 });
    expect(g.rows.map((r) => [r.start, r.newCustomers, r.customersAtEnd, r.newValue])).toEqual([
      [JAN, 1, 1, 1],
      [FEB, 0, 1, 0],
    ]);
  });

  test("totals over a range of rows keep the bridge", () => {
    const g = customerGrowth(["a", "a", "b", "b", "c"], [JAN, FEB, JAN, APR, MAR], [10, 20, 5, 7, 30], { lostAfter: 2, valueWindow: 2 });
    expect(growthTotals(g.rows, 1, 3)).toEqual({
      from: FEB,
      to: APR,
      customersAtStart: 2,
      newCustomers: 1,
      reactivated: 1,
      lost: 2,
      customersAtEnd: 2,
      netGrowth: 0,
      newValue: 30,
      lostValue: 35,
      netValue: -5,
    });
    expect(caught(() => growthTotals(g.rows, 2, 9)).kind).toBe("value");
  });

  test("checks its options and columns", () => {
    expect(caught(() => customerGrowth(["a"], [JAN], null, { period: "day" as GrowthPeriod })).message).toMatch(/period must be one of week, month, quarter, year/);
    expect(caught(() => customerGrowth(["a"], [JAN], null, { lostAfter: 0 })).message).toMatch(/lost_after must be a whole number from 1/);
    expect(caught(() => customerGrowth(["a"], [JAN], null, { lostAfter: 1.5 })).message).toMatch(/lost_after .* \(got 1.5\)/);
    expect(caught(() => customerGrowth(["a"], [JAN], null, { valueWindow: -2 })).message).toMatch(/value_window must be a whole number/);
    expect(caught(() => customerGrowth(["a", "b"], [JAN], null)).message).toMatch(/same number of rows/);
    expect(caught(() => customerGrowth(["a"], [0], null)).message).toMatch(/Row 1 of dates is not a date/);
    expect(caught(() => customerGrowth([null, ""], [JAN, JAN], null)).kind).toBe("na");
  });

  test("the defaults are a year for every period kind", () => {
    expect(DEFAULT_LOST_AFTER).toEqual({ week: 52, month: 12, quarter: 4, year: 1 });
    expect(DEFAULT_VALUE_WINDOW).toEqual({ week: 52, month: 12, quarter: 4, year: 1 });
  });
});

// ---------------------------------------------------------------------------
// A naive implementation, written straight from the rule with JavaScript
// dates: no spells, no sorting tricks, every period and customer checked.

const DAY_MS = 86400000;
const dateOf = (serial: number) => new Date((Math.floor(serial) - 25569) * DAY_MS); // serials ≥ 61

/** A period number that increases by one per period (for weeks: the Monday's serial ÷ 7). */
function naivePeriod(serial: number, period: GrowthPeriod): number {
  const d = dateOf(serial);
  const y = d.getUTCFullYear(), m = d.getUTCMonth();
  if (period === "year") return y;
  if (period === "quarter") return y * 4 + Math.floor(m / 3);
  if (period === "month") return y * 12 + m;
  return (Math.floor(serial) - ((d.getUTCDay() + 6) % 7)) / 7;
}

/** The serial of a period number's first day. */
function naiveStart(n: number, period: GrowthPeriod): number {
  const serialOf = (t: number) => t / DAY_MS + 25569;
  if (period === "year") return serialOf(Date.UTC(n, 0, 1));
  if (period === "quarter") return serialOf(Date.UTC(Math.floor(n / 4), (n % 4) * 3, 1));
  if (period === "month") return serialOf(Date.UTC(Math.floor(n / 12), n % 12, 1));
  return n * 7;
}

function naiveGrowth(ids: string[], dates: number[], amounts: number[], period: GrowthPeriod, L: number, W: number) {
  const periods = dates.map((d) => naivePeriod(d, period));
  const first = Math.min(...periods);
  const last = Math.max(...periods);
  const customers = [...new Set(ids)];
  // Purchase periods and revenue per period, per customer.
  const bought = (c: string, p: number) => ids.some((id, i) => id === c && periods[i] === p);
  const revenue = (c: string, from: number, to: number) => {
    let sum = 0;
    ids.forEach((id, i) => {
      if (id === c && periods[i] >= from && periods[i] <= to) sum += amounts[i];
    });
    return sum;
  };
  const purchasePeriods = (c: string) => [...new Set(ids.flatMap((id, i) => (id === c ? [periods[i]] : [])))].sort((a, b) => a - b);
  const activeAtEnd = (c: string, m: number) => {
    for (let p = m - L + 1; p <= m; p++) if (bought(c, p)) return true;
    return false;
  };
  const rows = [];
  for (let m = first; m <= last; m++) {
    let start = 0, end = 0, fresh = 0, back = 0, lost = 0, freshValue = 0, lostValue = 0;
    for (const c of customers) {
      if (m > first && activeAtEnd(c, m - 1)) start++;
      if (activeAtEnd(c, m)) end++;
      const ps = purchasePeriods(c);
      if (ps[0] === m) {
        fresh++;
        freshValue += revenue(c, m, m + W - 1);
      }
      for (let j = 0; j < ps.length; j++) {
        const a = ps[j], b = ps[j + 1];
        // Lost in a + L when the next purchase is more than L periods later, or there is none.
        if (a + L === m && (b === undefined || b - a > L)) {
          lost++;
          lostValue += revenue(c, a - W + 1, a);
        }
        if (b === m && b - a > L) back++;
      }
    }
    rows.push({ start: naiveStart(m, period), customersAtStart: start, newCustomers: fresh, reactivated: back, lost, customersAtEnd: end, newValue: freshValue, lostValue });
  }
  return rows;
}

/** Random logs over 2023-02 … 2025-04 (serials 44958 … 45780): 27 months, 118 weeks, 10 quarters, 3 years. */
const logArbitrary = fc
  .array(
    fc.record({
      id: fc.constantFrom("a", "b", "c", "d", "e", "f"),
      date: fc.integer({ min: 44958, max: 45780 }),
      time: fc.constantFrom(0, 0.5, 0.999),
      cents: fc.integer({ min: -2000, max: 50000 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((rows) => ({ ids: rows.map((r) => r.id), dates: rows.map((r) => r.date + r.time), amounts: rows.map((r) => r.cents / 100) }));

const periodArbitrary = fc.constantFrom<GrowthPeriod>("week", "month", "quarter", "year");

describe("customerGrowth against the naive rule on random logs", () => {
  test.each(["week", "month", "quarter", "year"] as GrowthPeriod[])("%s", (period) => {
    fc.assert(
      fc.property(logArbitrary, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), (log, L, W) => {
        const g = customerGrowth(log.ids, log.dates, log.amounts, { period, lostAfter: L, valueWindow: W });
        const naive = naiveGrowth(log.ids, log.dates, log.amounts, period, L, W);
        expect(g.rows.length).toBe(naive.length);
        g.rows.forEach((r, k) => {
          const n = naive[k];
          expect(r.start).toBe(n.start);
          expect([r.customersAtStart, r.newCustomers, r.reactivated, r.lost, r.customersAtEnd]).toEqual([n.customersAtStart, n.newCustomers, n.reactivated, n.lost, n.customersAtEnd]);
          expect(r.newValue!).toBeCloseTo(n.newValue, 9);
          expect(r.lostValue!).toBeCloseTo(n.lostValue, 9);
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe("invariants on random logs", () => {
  test("end = start + new + reactivated − lost, start = the previous end, and the value columns add up", () => {
    fc.assert(
      fc.property(logArbitrary, periodArbitrary, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), (log, period, L, W) => {
        const { rows } = customerGrowth(log.ids, log.dates, log.amounts, { period, lostAfter: L, valueWindow: W });
        rows.forEach((r, k) => {
          expect(r.customersAtEnd).toBe(r.customersAtStart + r.newCustomers + r.reactivated - r.lost);
          expect(r.netGrowth).toBe(r.customersAtEnd - r.customersAtStart);
          expect(r.customersAtStart).toBe(k === 0 ? 0 : rows[k - 1].customersAtEnd);
          expect(r.netValue).toBe(r.newValue! - r.lostValue!);
          expect(r.customersAtEnd).toBeGreaterThanOrEqual(0);
        });
        // Every customer is new exactly once; losses never exceed new + reactivated.
        const total = growthTotals(rows);
        expect(total.newCustomers).toBe(new Set(log.ids).size);
        expect(total.lost).toBeLessThanOrEqual(total.newCustomers + total.reactivated);
        expect(total.customersAtEnd).toBe(total.newCustomers + total.reactivated - total.lost);
      }),
      { numRuns: 300 },
    );
  });

  test("a value window covering the data values new customers at everything they spent; one period values losses at their last period", () => {
    fc.assert(
      fc.property(logArbitrary, periodArbitrary, fc.integer({ min: 1, max: 4 }), (log, period, L) => {
        const wide = customerGrowth(log.ids, log.dates, log.amounts, { period, lostAfter: L, valueWindow: 200 });
        const spent = log.amounts.reduce((s, a) => s + a, 0);
        expect(growthTotals(wide.rows).newValue!).toBeCloseTo(spent, 9);
        // With lost_after longer than the data, no one is ever lost.
        const never = customerGrowth(log.ids, log.dates, log.amounts, { period, lostAfter: 200 });
        expect(growthTotals(never.rows).lost).toBe(0);
        expect(growthTotals(never.rows).customersAtEnd).toBe(new Set(log.ids).size);
      }),
      { numRuns: 200 },
    );
  });
});

describe("at Excel's row limit", () => {
  test("1,048,576 transactions: the bridge balances and matches per-customer counts", () => {
    const n = 1_048_576, customers = 100_000;
    const ids = new Array<string>(n);
    const dates = new Float64Array(n), amounts = new Float64Array(n);
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    for (let i = 0; i < n; i++) {
      const c = Math.floor(rand() * customers);
      ids[i] = `C${c}`;
      dates[i] = 44197 + Math.floor(rand() * 1095); // 2021 … 2023
      amounts[i] = Math.round(rand() * 10000) / 100;
    }
    const g = customerGrowth(ids, dates, amounts, { period: "month", lostAfter: 3, valueWindow: 3 });
    expect(g.rows.length).toBe(36);
    for (const r of g.rows) expect(r.customersAtEnd).toBe(r.customersAtStart + r.newCustomers + r.reactivated - r.lost);
    // Independent counts: customers seen (all new once) and, at the end, customers with a purchase in the last 3 months
    // (Oct–Dec 2023: serials from 2023-10-01 = 45200).
    const seen = new Set(ids);
    const recent = new Set<string>();
    for (let i = 0; i < n; i++) if (dates[i] >= 45200) recent.add(ids[i]);
    expect(growthTotals(g.rows).newCustomers).toBe(seen.size);
    expect(g.rows[35].customersAtEnd).toBe(recent.size);
    // With a window covering the data, the value of new customers is all the revenue.
    let spent = 0;
    for (let i = 0; i < n; i++) spent += amounts[i];
    const wide = customerGrowth(ids, dates, amounts, { period: "quarter", valueWindow: 12 });
    expect(growthTotals(wide.rows).newValue!).toBeCloseTo(spent, 3);
  }, 180_000);
});
