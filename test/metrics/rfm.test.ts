import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { rfmSummary } from "../../src/metrics/rfm";

// Serials via JavaScript's calendar: days since 1899-12-30 (Excel's epoch for
// dates from 1900-03-01 on; Microsoft's DATE docs: 2008-01-01 = 39448).
const serial = (y: number, m: number, d: number, hours = 0) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000 + hours / 24;

const rows = (r: { frequency: Float64Array; recency: Float64Array; T: Float64Array; monetaryValue: Float64Array | null; ids: unknown[] }) =>
  r.ids.map((id, i) => ({ id, frequency: r.frequency[i], recency: r.recency[i], T: r.T[i], monetary: r.monetaryValue ? r.monetaryValue[i] : null }));

describe("the lifetimes README log (summary_data_from_transaction_data, freq 'D')", () => {
  // lifetimes README quickstart, transactions_A. The observation period ends on the last date, 2015-02-06.
  const ids = [1, 1, 2, 2, 3, 3, 3];
  const dates = [serial(2015, 1, 1), serial(2015, 1, 5), serial(2015, 1, 4), serial(2015, 1, 30), serial(2015, 1, 10), serial(2015, 2, 5), serial(2015, 2, 6)];

  test("frequency, recency and T in days, worked out from the definitions", () => {
    expect(rows(rfmSummary(ids, dates, null, { unit: "day" }))).toEqual([
      // 1: two purchase days → frequency 1; Jan 1 → Jan 5 = 4 days; Jan 1 → Feb 6 = 31 + 5 = 36 days.
      { id: 1, frequency: 1, recency: 4, T: 36, monetary: null },
      // 2: Jan 4 → Jan 30 = 26 days; Jan 4 → Feb 6 = 27 + 6 = 33 days.
      { id: 2, frequency: 1, recency: 26, T: 33, monetary: null },
      // 3: three days → frequency 2; Jan 10 → Feb 6 = 21 + 6 = 27 days, both recency and T.
      { id: 3, frequency: 2, recency: 27, T: 27, monetary: null },
    ]);
  });
});

describe("a hand-built log with amounts", () => {
  // as_of 2024-03-04. Weeks are 7 days (lifetimes freq 'D', freq_multiplier 7).
  // x buys twice on Jan 1 (10:00 for 20, 15:00 for 5: one purchase day), twice on Jan 15 (30 + 10 = 40), and on Feb 12 (60).
  // y buys once, on Feb 5 (99). z buys on Jan 8 (10), Mar 4 (20) and Mar 11 (500, after as_of: ignored).
  // w buys only on Mar 20, after as_of: not in the summary.
  const log = [
    ["x", serial(2024, 1, 1, 10), 20],
    ["z", serial(2024, 1, 8), 10],
    ["x", serial(2024, 1, 1, 15), 5],
    ["x", serial(2024, 1, 15), 30],
    ["x", serial(2024, 1, 15), 10],
    ["y", serial(2024, 2, 5), 99],
    ["x", serial(2024, 2, 12), 60],
    ["z", serial(2024, 3, 4), 20],
    ["z", serial(2024, 3, 11), 500],
    ["w", serial(2024, 3, 20), 7],
  ] as const;
  const ids = log.map((r) => r[0]);
  const dates = log.map((r) => r[1]);
  const amounts = log.map((r) => r[2]);
  const asOf = serial(2024, 3, 4);

  test("in weeks (the default unit)", () => {
    expect(rows(rfmSummary(ids, dates, amounts, { asOf }))).toEqual([
      // x: days Jan 1, Jan 15, Feb 12 → frequency 2; recency 42/7 = 6; T = Jan 1 → Mar 4 = 63 days = 9 weeks;
      // monetary = mean of the repeat days (40, 60) = 50; Jan 1's 25 is the first purchase, excluded.
      { id: "x", frequency: 2, recency: 6, T: 9, monetary: 50 },
      // z: Jan 8 and Mar 4 (Mar 11 is after as_of) → frequency 1; recency = T = 56 days = 8 weeks; monetary 20.
      { id: "z", frequency: 1, recency: 8, T: 8, monetary: 20 },
      // y: one purchase → frequency 0, recency 0, monetary 0; T = Feb 5 → Mar 4 = 28 days = 4 weeks.
      { id: "y", frequency: 0, recency: 0, T: 4, monetary: 0 },
    ]);
  });

  test("in days and in months of 365.25 / 12 days", () => {
    const days = rfmSummary(ids, dates, amounts, { asOf, unit: "day" });
    expect(Array.from(days.recency)).toEqual([42, 56, 0]);
    expect(Array.from(days.T)).toEqual([63, 56, 28]);
    const months = rfmSummary(ids, dates, amounts, { asOf, unit: "month" });
    expect(Array.from(months.recency)).toEqual([42 / 30.4375, 56 / 30.4375, 0]);
    expect(Array.from(months.T)).toEqual([63 / 30.4375, 56 / 30.4375, 28 / 30.4375]);
  });

  test("as_of defaults to the last date in the data (Mar 20)", () => {
    const r = rfmSummary(ids, dates, amounts);
    expect(r.asOf).toBe(serial(2024, 3, 20));
    // Now every row counts: z has Mar 11 too (frequency 2, monetary (20 + 500) / 2 = 260), w appears.
    expect(rows(r).find((c) => c.id === "z")).toEqual({ id: "z", frequency: 2, recency: 9, T: 72 / 7, monetary: 260 });
    expect(rows(r).find((c) => c.id === "w")).toEqual({ id: "w", frequency: 0, recency: 0, T: 0, monetary: 0 });
  });

  test("errors", () => {
    expect(() => rfmSummary(ids, dates, amounts, { asOf: serial(2023, 1, 1) })).toThrow(/on or before as_of/);
    expect(() => rfmSummary(ids, dates, amounts, { asOf: 0 })).toThrow(/as_of is not a date/);
    expect(() => rfmSummary(["a"], [serial(2024, 1, 1)], null, { unit: "year" as never })).toThrow(/unit must be one of/);
  });
});

describe("CDNOW (Fader, Hardie & Lee 2005), rebuilt as transaction logs", () => {
  // The shared CDNOW file is a summary (x, t_x, T in weeks, zbar), not a log, so it cannot be reproduced from
  // raw data. Instead: build, for every customer, a log consistent with their row (first purchase T weeks before
  // the end of the calibration period, 1997-09-30; last one t_x weeks after it; x repeat days; repeat spend zbar)
  // and check that the summary comes back. lifetimes documents that freq 'D' with freq_multiplier 7 gives
  // CDNOW's figures (customer 1: recency 30.43, T 38.86).
  const file = path.resolve(__dirname, "../fixtures/cdnow/cdnow_customers_summary_with_transactions.csv");
  const table = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",").map(Number));

  test("frequency, recency, T and monetary value come back for all 2,357 customers", () => {
    const asOf = serial(1997, 9, 30);
    const ids: number[] = [], dates: number[] = [], amounts: number[] = [];
    let unusable = 0;
    for (const [id, x, tx, T, zbar] of table) {
      const first = asOf - Math.round(T * 7);
      const last = first + Math.round(tx * 7);
      if (x > last - first) {
        unusable++; // more repeat days than days between first and last purchase
        continue;
      }
      // first purchase: excluded from the monetary value
      ids.push(id);
      dates.push(first);
      amounts.push(1000);
      for (let k = 1; k <= x; k++) {
        ids.push(id);
        dates.push(k === x ? last : first + k);
        amounts.push(zbar);
      }
    }
    expect(unusable).toBe(0);
    const r = rfmSummary(ids, dates, amounts, { asOf, unit: "week" });
    expect(r.ids.length).toBe(2357);
    const round2 = (v: number) => Math.round(v * 100) / 100;
    r.ids.forEach((id, i) => {
      const [, x, tx, T, zbar] = table[i];
      expect(id).toBe(table[i][0]);
      expect(r.frequency[i]).toBe(x);
      expect(round2(r.recency[i])).toBeCloseTo(tx, 10);
      expect(round2(r.T[i])).toBeCloseTo(T, 10);
      expect(r.monetaryValue![i]).toBeCloseTo(zbar, 10);
    });
    // lifetimes' docstring: customer 1 has recency 30.43 and T 38.86 weeks.
    expect(round2(r.recency[0])).toBe(30.43);
    expect(round2(r.T[0])).toBe(38.86);
  });
});

// ---- Independent computation on random logs: each customer's purchases grouped by day in a map ----

function naiveRfm(ids: string[], dates: number[], amounts: number[], asOf: number | null, unitDays: number) {
  const end = asOf ?? Math.max(...dates.map(Math.floor));
  const perCustomer = new Map<string, Map<number, number>>();
  ids.forEach((id, i) => {
    const day = Math.floor(dates[i]);
    if (day > end) return;
    if (!perCustomer.has(id)) perCustomer.set(id, new Map());
    const days = perCustomer.get(id)!;
    days.set(day, (days.get(day) ?? 0) + amounts[i]);
  });
  const order = [...new Set(ids)].filter((id) => perCustomer.has(id));
  return order.map((id) => {
    const days = [...perCustomer.get(id)!.entries()].sort((a, b) => a[0] - b[0]);
    const repeats = days.slice(1);
    return {
      id,
      frequency: days.length - 1,
      recency: (days[days.length - 1][0] - days[0][0]) / unitDays,
      T: (end - days[0][0]) / unitDays,
      monetary: repeats.length === 0 ? 0 : repeats.reduce((s, d) => s + d[1], 0) / repeats.length,
    };
  });
}

test("matches a naive per-customer computation on random logs", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e"), day: fc.integer({ min: 45000, max: 45120 }), time: fc.constantFrom(0, 0.3, 0.99), amount: fc.integer({ min: 0, max: 300 }) }),
        { minLength: 1, maxLength: 50 },
      ),
      fc.option(fc.integer({ min: 45000, max: 45130 }), { nil: null }),
      fc.constantFrom(["day", 1] as const, ["week", 7] as const, ["month", 365.25 / 12] as const),
      (log, asOf, [unit, unitDays]) => {
        const ids = log.map((r) => r.id), dates = log.map((r) => r.day + r.time), amounts = log.map((r) => r.amount);
        const expected = naiveRfm(ids, dates, amounts, asOf, unitDays);
        if (expected.length === 0) {
          expect(() => rfmSummary(ids, dates, amounts, { asOf, unit })).toThrow(/on or before as_of/);
          return;
        }
        const got = rows(rfmSummary(ids, dates, amounts, { asOf, unit }));
        expect(got.map((g) => g.id)).toEqual(expected.map((e) => e.id));
        got.forEach((g, i) => {
          const e = expected[i];
          expect(g.frequency).toBe(e.frequency);
          expect(g.recency).toBe(e.recency);
          expect(g.T).toBe(e.T);
          expect(g.monetary).toBeCloseTo(e.monetary, 9);
        });
      },
    ),
    { numRuns: 400 },
  );
});
