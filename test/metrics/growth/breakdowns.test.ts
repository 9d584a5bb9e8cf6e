/**
 * The customer-growth template's aggregates: growth by segment, losses by
 * reason, referrals by segment and value-segment movement.
 */
import fc from "fast-check";
import { MetricError } from "../../../src/metrics/errors";
import { customerGrowthOf, GrowthPeriod, growthModel, GrowthRow } from "../../../src/metrics/growth/customer-growth";
import { lostByReason } from "../../../src/metrics/growth/loss-reasons";
import { referralsBySegment } from "../../../src/metrics/growth/referrals";
import { growthBySegment } from "../../../src/metrics/growth/segment-growth";
import { valueSegmentMovement } from "../../../src/metrics/growth/value-movement";

// Month starts (2024, a leap year): Jan 1 = 45292 (Microsoft's DATE docs: 2008-01-01 = 39448, + 5844 days),
// Feb 1 = 45323, Mar 1 = 45352, Apr 1 = 45383, May 1 = 45413, Jun 1 = 45444.
const JAN = 45292, FEB = 45323, MAR = 45352, APR = 45383, MAY = 45413, JUN = 45444;

function caught(f: () => unknown): MetricError {
  try {
    f();
  } catch (e) {
    if (e instanceof MetricError) return e;
    throw e;
  }
  throw new Error("expected a MetricError");
}

const counts = (r: GrowthRow) => [r.customersAtStart, r.newCustomers, r.reactivated, r.lost, r.customersAtEnd];

describe("growthBySegment", () => {
  test("a hand-checked log: each customer in their latest segment", () => {
    // lost_after 1 month. a: Jan (Gold), Mar ("gold": the same segment). b: Jan (Silver). c: Feb, no segment on any row.
    // d: Jan (Silver), Feb (Gold): d's latest segment is Gold.
    const model = growthModel(["a", "b", "a", "c", "d", "d"], [JAN, JAN, MAR, FEB, JAN, FEB + 3], [10, 20, 30, 40, 5, 6], { lostAfter: 1, valueWindow: 1 });
    const bySegment = growthBySegment(model, ["Gold", "Silver", "gold", null, "Silver", " Gold "]);
    expect(bySegment.map((s) => [s.segment, s.customers])).toEqual([
      ["Gold", 2],
      ["Silver", 1],
      [null, 1],
    ]);
    const [gold, silver, none] = bySegment;
    // Gold {a, d}: Jan a and d new (10 + 5); Feb a lost (Jan + 1; value 10); Mar a back, d lost (Feb + 1; value 6).
    expect(gold.rows.map(counts)).toEqual([
      [0, 2, 0, 0, 2],
      [2, 0, 0, 1, 1],
      [1, 0, 1, 1, 1],
    ]);
    expect(gold.rows.map((r) => [r.newValue, r.lostValue])).toEqual([[15, 0], [0, 10], [0, 6]]);
    expect(gold.totals).toMatchObject({ customersAtStart: 0, newCustomers: 2, reactivated: 1, lost: 2, customersAtEnd: 1, netGrowth: 1, newValue: 15, lostValue: 16, netValue: -1 });
    // Silver {b}: new in Jan, lost in Feb. No segment {c}: new in Feb, lost in Mar.
    expect(silver.rows.map(counts)).toEqual([[0, 1, 0, 0, 1], [1, 0, 0, 1, 0], [0, 0, 0, 0, 0]]);
    expect(none.rows.map(counts)).toEqual([[0, 0, 0, 0, 0], [0, 1, 0, 0, 1], [1, 0, 0, 1, 0]]);
  });

  test("numeric segments are in numeric order; a column of the wrong length is refused", () => {
    const model = growthModel(["a", "b", "c"], [JAN, JAN, FEB], null);
    expect(growthBySegment(model, [10, 2, 2]).map((s) => s.segment)).toEqual([2, 10]);
    expect(caught(() => growthBySegment(model, ["x"])).message).toMatch(/segments must have one row per transaction: it has 1, the customer ids have 3/);
  });

  test("on random logs, the segments add up to the whole, column by column, and each balances", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e"), date: fc.integer({ min: 45000, max: 45700 }), amount: fc.integer({ min: 0, max: 100 }), segment: fc.constantFrom("A", "b", "B", null, 3) }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.constantFrom<GrowthPeriod>("week", "month", "quarter"),
        fc.integer({ min: 1, max: 5 }),
        (rows, period, L) => {
          const model = growthModel(rows.map((r) => r.id), rows.map((r) => r.date), rows.map((r) => r.amount), { period, lostAfter: L, valueWindow: 2 });
          const whole = customerGrowthOf(model).rows;
          const parts = growthBySegment(model, rows.map((r) => r.segment));
          whole.forEach((w, k) => {
            const sum = (f: (r: GrowthRow) => number) => parts.reduce((s, p) => s + f(p.rows[k]), 0);
            expect([sum((r) => r.customersAtStart), sum((r) => r.newCustomers), sum((r) => r.reactivated), sum((r) => r.lost), sum((r) => r.customersAtEnd)]).toEqual(counts(w));
            expect(sum((r) => r.newValue!)).toBeCloseTo(w.newValue!, 9);
            expect(sum((r) => r.lostValue!)).toBeCloseTo(w.lostValue!, 9);
          });
          for (const p of parts) for (const r of p.rows) expect(r.customersAtEnd).toBe(r.customersAtStart + r.newCustomers + r.reactivated - r.lost);
          expect(parts.reduce((s, p) => s + p.customers, 0)).toBe(new Set(rows.map((r) => r.id)).size);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("lostByReason", () => {
  test("each loss takes the latest reason given up to it", () => {
    // lost_after 1. a: Jan ("Price"), lost Feb; back in Mar ("Service"), lost Apr (Mar + 1; the data runs to May).
    // b: Jan, no reason, lost Feb. c: Jan ("price "), Feb, Mar ("Moved"): lost Apr with "Moved". d: May (active).
    const model = growthModel(
      ["a", "b", "c", "c", "a", "c", "d"],
      [JAN, JAN, JAN, FEB, MAR, MAR + 9, MAY],
      [100, 10, 20, 20, 50, 5, 1],
      { lostAfter: 1, valueWindow: 2 },
    );
    const r = lostByReason(model, ["Price", null, "price ", "", "Service", "Moved", "Never lost"]);
    // Values (2 months up to the last purchase): a's first loss 100 (Dec + Jan), second 50 (Feb + Mar);
    // b 10; c 20 + 5 (Feb + Mar).
    expect(r).toEqual({
      lost: 4,
      lostValue: 185,
      reasons: [
        { reason: "Price", lost: 1, lostValue: 100, share: 0.25 },
        { reason: "Service", lost: 1, lostValue: 50, share: 0.25 },
        { reason: "Moved", lost: 1, lostValue: 25, share: 0.25 },
        { reason: null, lost: 1, lostValue: 10, share: 0.25 },
      ],
    });
    // The total is CUSTOMERGROWTH's lost column.
    expect(customerGrowthOf(model).rows.reduce((s, row) => s + row.lost, 0)).toBe(4);
  });

  test("most losses first, no reason last; no amounts, no values", () => {
    const model = growthModel(["a", "b", "c", "d"], [JAN, JAN, JAN, MAR], null, { lostAfter: 1 });
    const r = lostByReason(model, ["Price", "Moved", "moved", "x"]);
    expect(r.reasons.map((x) => [x.reason, x.lost, x.lostValue])).toEqual([
      ["Moved", 2, null],
      ["Price", 1, null],
    ]);
    expect(r.lostValue).toBeNull();
    expect(lostByReason(growthModel(["a"], [JAN], null), ["x"])).toEqual({ lost: 0, lostValue: null, reasons: [] });
  });
});

describe("referralsBySegment", () => {
  test("referrals received and made, by segment", () => {
    // a (Gold) referred nobody's way in; b (Silver) was referred by a; c (Silver) by "Partner X" (not a customer);
    // d (Gold) by b on a later row (the earliest referrer counts: b on Feb, not a on Mar); e names itself.
    const model = growthModel(["a", "b", "c", "d", "d", "e"], [JAN, JAN, FEB, FEB, MAR, MAR], null);
    const r = referralsBySegment(model, [null, "a", " Partner X", "b", "a", "e"], ["Gold", "Silver", "Silver", "Gold", null, "Gold"]);
    expect(r).toEqual({
      customers: 5,
      referred: 3,
      referralRate: 0.6,
      referredByNonCustomers: 1,
      bySegment: [
        // Gold {a, d, e}: d was referred (received 1); a referred b (made 1).
        { segment: "Gold", customers: 3, referred: 1, referralRate: 1 / 3, referralsMade: 1 },
        // Silver {b, c}: both referred; b referred d (made 1).
        { segment: "Silver", customers: 2, referred: 2, referralRate: 1, referralsMade: 1 },
      ],
    });
  });

  test("without segments, one row for everyone; referrers match ids as numbers or text", () => {
    const model = growthModel([7, "7", 8], [JAN, JAN, FEB], null);
    const r = referralsBySegment(model, [null, 7, "7"]);
    // "7" (text) was referred by 7 (the number): made by a customer. 8 by "7" (the text customer).
    expect(r).toEqual({ customers: 3, referred: 2, referralRate: 2 / 3, referredByNonCustomers: 0, bySegment: [{ segment: null, customers: 3, referred: 2, referralRate: 2 / 3, referralsMade: 2 }] });
  });
});

describe("valueSegmentMovement", () => {
  test("the JSDoc's example: two tiers, a one-month window", () => {
    // a: 10 in Jan, 50 in Mar; b: 40, 5; c: 20 in Jan only. Median of January's 10, 20, 40 is 20.
    const model = growthModel(["a", "b", "c", "a", "b"], [JAN, JAN, JAN, MAR, MAR], [10, 40, 20, 50, 5], { valueWindow: 1 });
    const m = valueSegmentMovement(model, { tiers: 2 });
    expect(m).toMatchObject({ window: 1, first: { from: JAN, to: JAN, customers: 3 }, last: { from: MAR, to: MAR, customers: 2 }, thresholds: [20], tiers: [1, 2] });
    // Rows: tier 1 {a, c}, tier 2 {b}, New; columns: tier 1, tier 2, Lost.
    expect(m.matrix).toEqual([
      [0, 1, 1], // a up, c lost
      [1, 0, 0], // b down
      [0, 0, 0],
    ]);
    expect(m.summary).toMatchObject({ movedUp: 1 / 3, movedDown: 1 / 3, stayed: 0, lost: 1 / 3, customersBefore: 3, newCustomers: 0 });
  });

  test("three tiers at PERCENTILE.INC's thirds; the window shrinks to half the data; every tier has a row", () => {
    // Six months (Jan … Jun), value window 12 → 3 months each: Jan–Mar and Apr–Jun.
    // First-window values: p 10, q 20, r 30, s 40 → PERCENTILE.INC at 1/3: rank 1 → 20; at 2/3: rank 2 → 30.
    const ids = ["p", "q", "r", "s", "p", "q", "n", "s"];
    const dates = [JAN, FEB, MAR, JAN, APR, MAY, JUN, JUN];
    const amounts = [10, 20, 30, 40, 35, 20, 1, 0];
    const m = valueSegmentMovement(growthModel(ids, dates, amounts), {});
    expect(m).toMatchObject({ window: 3, first: { from: JAN, to: MAR }, last: { from: APR, to: JUN }, thresholds: [20, 30], tiers: [1, 2, 3] });
    // Before: p 1, q 1 (20 ≤ 20), r 2, s 3. After: p 3 (35 > 30), q 1, n 1 (new), s 1 (0); r lost.
    expect(m.matrix).toEqual([
      [1, 0, 1, 0], // q stayed, p up
      [0, 0, 0, 1], // r lost
      [1, 0, 0, 0], // s down
      [1, 0, 0, 0], // n new
    ]);
    expect(m.summary).toMatchObject({ movedUp: 0.25, movedDown: 0.25, stayed: 0.25, lost: 0.25, customersBefore: 4, newCustomers: 1 });
  });

  test("needs amounts and two periods", () => {
    expect(caught(() => valueSegmentMovement(growthModel(["a", "b"], [JAN, FEB], null))).message).toMatch(/need the amounts/);
    expect(caught(() => valueSegmentMovement(growthModel(["a"], [JAN], [1]))).kind).toBe("na");
    expect(caught(() => valueSegmentMovement(growthModel(["a", "b"], [JAN, FEB], [1, 2]), { tiers: 1 })).message).toMatch(/tiers must be a whole number from 2 to 10/);
  });

  test("on random logs the matrix counts every customer seen in either window once", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e", "f"), date: fc.integer({ min: 45000, max: 45700 }), amount: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        (rows, window) => {
          const model = growthModel(rows.map((r) => r.id), rows.map((r) => r.date), rows.map((r) => r.amount), { valueWindow: window });
          if (model.activity.span < 2) return;
          const m = valueSegmentMovement(model);
          const total = m.matrix.flat().reduce((s, v) => s + v, 0);
          const tiers = m.tiers.length;
          const before = m.matrix.slice(0, tiers).flat().reduce((s, v) => s + v, 0);
          const after = m.matrix.reduce((s, row) => s + row.slice(0, tiers).reduce((t, v) => t + v, 0), 0);
          expect(before).toBe(m.first.customers);
          expect(after).toBe(m.last.customers);
          expect(total).toBeLessThanOrEqual(new Set(rows.map((r) => r.id)).size);
          expect(m.matrix[tiers][tiers]).toBe(0);
          expect(m.summary.movedUp + m.summary.movedDown + m.summary.stayed + m.summary.lost).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 200 },
    );
  });
});
