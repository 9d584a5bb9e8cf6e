import fc from "fast-check";
import { MetricError } from "../../../src/metrics/errors";
import { relativeRisk } from "../../../src/metrics/lift";
import { DEFAULT_LOST_AFTER_DAYS, incidentLoss } from "../../../src/metrics/growth/incident-loss";

// Day 0 is 2024-01-01 (serial 45292, Microsoft's DATE docs: 2008-01-01 = 39448, + 5844 days).
const D0 = 45292;
const day = (d: number) => D0 + d;

function caught(f: () => unknown): MetricError {
  try {
    f();
  } catch (e) {
    if (e instanceof MetricError) return e;
    throw e;
  }
  throw new Error("expected a MetricError");
}

/** Purchases as { customer: [days] }, flattened into columns. */
function log(purchases: Record<string, number[]>) {
  const ids: string[] = [], dates: number[] = [];
  for (const [c, days] of Object.entries(purchases)) for (const d of days) {
    ids.push(c);
    dates.push(day(d));
  }
  return { ids, dates };
}

describe("incidentLoss on hand-checked logs", () => {
  // The JSDoc's worked example: lost after 30 days, window 30 (the default: lost_after_days).
  const WORKED = log({ a: [0, 70], b: [0, 20, 70], c: [0, 25, 50, 70], d: [0, 70] });

  test("the worked example", () => {
    const r = incidentLoss(WORKED.ids, WORKED.dates, ["a"], [day(10)], null, { lostAfterDays: 30 });
    expect(r).toMatchObject({ windowDays: 30, lostAfterDays: 30, incidents: { rows: 1, followed: 1, unknownCustomer: 0, windowNotOver: 0, notActive: 0 } });
    // a: active on day 10 (bought on day 0); lost on day 30 (next purchase day 70), within (10, 40]: 1 of 1.
    // Without an incident, windows from day 10: b lost on day 50 (after day 40): 0; c never lost: 0; d lost on day 30: 1.
    expect(r.all).toMatchObject({ customersWithIncident: 1, lostAfterIncident: 1, lossRate: 1, customersWithout: 3, lostWithout: 1, lossRateWithout: 1 / 3, relativeRiskProblem: null });
    // Katz: RR = 1 / (1/3) = 3; SE = √(1/1 − 1/1 + 1/1 − 1/3) = √(2/3) = 0.8165; 1.96 × 0.8165 = 1.6003;
    // 3·e^±1.6003 = 3 × 4.9546 = 14.864 and 3 / 4.9546 = 0.6055.
    expect(r.all.relativeRisk!.ratio).toBeCloseTo(3, 12);
    expect(r.all.relativeRisk!.low).toBeCloseTo(0.6055, 4);
    expect(r.all.relativeRisk!.high).toBeCloseTo(14.864, 3);
    expect(r.byType).toEqual([]);
  });

  test("the window and lost_after default to 365 days", () => {
    expect(DEFAULT_LOST_AFTER_DAYS).toBe(365);
    // a buys on day 0 and has an incident on day 5; b buys on days 0 and 400; data to day 800 (c).
    const L = log({ a: [0], b: [0, 400], c: [0, 800] });
    const r = incidentLoss(L.ids, L.dates, ["a"], [day(5)]);
    expect(r).toMatchObject({ windowDays: 365, lostAfterDays: 365 });
    // a is lost on day 365, within (5, 370]: lost. b is lost on day 365 too (next purchase on day 400): 1;
    // c is lost on day 365 (next on day 800): 1. Rate without an incident 2/2.
    expect(r.all).toMatchObject({ customersWithIncident: 1, lostAfterIncident: 1, customersWithout: 2, lostWithout: 2 });
    expect(r.all.relativeRisk!.ratio).toBe(1);
  });

  test("which incidents are followed; customers with any incident leave the comparison", () => {
    // Lost after 10 days, window 10; the data runs from day 0 to day 100 (z).
    const L = log({ a: [0, 30], b: [0, 5], c: [0], z: [0, 9, 18, 27, 36, 45, 54, 63, 72, 81, 90, 100] });
    const r = incidentLoss(
      L.ids,
      L.dates,
      ["nobody", "b", "c", "a", "a", "", null],
      [day(3), day(95), day(20), day(34), day(2), day(1), day(1)],
      null,
      { lostAfterDays: 10 },
    );
    // "nobody" has no purchase; b's incident on day 95 leaves only 5 of the 10 days of its window in the data;
    // c was lost on day 10, so it is not active on day 20; a's incidents on days 2 and 34 are both followed
    // (a bought on days 0 and 30), and the first (day 2) counts: a is lost on day 10, within (2, 12].
    // The two blank ids are not incidents.
    expect(r.incidents).toEqual({ rows: 5, followed: 2, unknownCustomer: 1, windowNotOver: 1, notActive: 1 });
    expect(r.all).toMatchObject({ customersWithIncident: 1, lostAfterIncident: 1, lossRate: 1 });
    // b and c had incidents (not followed): only z is compared. On day 2 z is active and never lost within (2, 12].
    expect(r.all).toMatchObject({ customersWithout: 1, lostWithout: 0, lossRateWithout: 0, relativeRisk: null });
    expect(r.all.relativeRiskProblem).toEqual({ kind: "div0", message: expect.stringContaining("Nobody outside the group has the outcome") });
  });

  test("a loss on the window's last day counts, the day after does not, for both groups", () => {
    // Lost after 10 days, window 5; data to day 40 (z). Incidents on day 5 for p (bought day 0: lost day 10 = 5 + 5)
    // and q (bought day 1: lost day 11 = 5 + 6). Without an incident, from days 5 and 5: u (bought day 0, lost day 10)
    // is lost in both windows, v (bought day 1, lost day 11) in none, z never.
    const L = log({ p: [0, 40], q: [1, 40], u: [0, 40], v: [1, 40], z: [0, 10, 20, 30, 40] });
    const r = incidentLoss(L.ids, L.dates, ["p", "q"], [day(5), day(5)], null, { lostAfterDays: 10, windowDays: 5 });
    expect(r.all).toMatchObject({ customersWithIncident: 2, lostAfterIncident: 1, customersWithout: 3, lostWithout: 1 });
  });

  test("no one lost after an incident, or no one to compare with", () => {
    const L = log({ a: [0, 5, 10, 15, 20, 25, 30], b: [0, 30] });
    const none = incidentLoss(L.ids, L.dates, ["a"], [day(1)], null, { lostAfterDays: 10 });
    // a buys every 5 days: never lost. b is lost on day 10, within (1, 11]: rate without 1.
    expect(none.all).toMatchObject({ customersWithIncident: 1, lostAfterIncident: 0, lossRate: 0, customersWithout: 1, lossRateWithout: 1, relativeRisk: null });
    expect(none.all.relativeRiskProblem!.kind).toBe("na");
    const alone = incidentLoss(L.ids, L.dates, ["a", "b"], [day(1), day(1)], null, { lostAfterDays: 10 });
    expect(alone.all).toMatchObject({ customersWithIncident: 2, lostAfterIncident: 1, customersWithout: 0, lossRateWithout: null });
    expect(alone.all.relativeRiskProblem!.kind).toBe("div0");
    const nobody = incidentLoss(L.ids, L.dates, ["x"], [day(1)], null, { lostAfterDays: 10 });
    expect(nobody.all).toMatchObject({ customersWithIncident: 0, lossRate: null, relativeRisk: null });
    expect(nobody.all.relativeRiskProblem!.kind).toBe("na");
  });

  test("the comparison weighs each customer once, by their share of lost windows", () => {
    // Lost after 10 days, window 10; data to day 60 (z buys every 10 days, never lost).
    // Incidents: p on day 2 and q on day 25 (p: bought day 0, lost day 10; q: bought day 20, lost day 30).
    // Without an incident: w bought on day 0 and 20: lost on day 10 and day 30. z: never lost.
    const L = log({ p: [0, 60], q: [20, 60], w: [0, 20, 60], z: [0, 10, 20, 30, 40, 50, 60] });
    const r = incidentLoss(L.ids, L.dates, ["p", "q"], [day(2), day(25)], null, { lostAfterDays: 10 });
    expect(r.all).toMatchObject({ customersWithIncident: 2, lostAfterIncident: 2 });
    // w: active on day 2 (lost day 10 ∈ (2, 12]: lost) and day 25 (lost day 30 ∈ (25, 35]: lost): share 2/2.
    // z: active on both days, never lost: 0/2. Two customers, 1 expected loss: rate 0.5.
    expect(r.all).toMatchObject({ customersWithout: 2, lostWithout: 1, lossRateWithout: 0.5 });
    expect(r.all.relativeRisk).toEqual(relativeRisk({ groupWithOutcome: 2, groupTotal: 2, restWithOutcome: 1, restTotal: 2 }));
  });

  test("by incident type: each type's first incident per customer, against customers with no incident at all", () => {
    // Lost after 10 days, window 10, data to day 60.
    const L = log({ a: [0, 60], b: [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60], c: [0, 60], n: [0, 60], m: [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60] });
    const r = incidentLoss(L.ids, L.dates, ["a", "b", "c", "a"], [day(1), day(1), day(1), day(3)], ["Delivery", "delivery ", "Billing", null], { lostAfterDays: 10 });
    // Delivery: a (lost day 10: 1) and b (never lost: 0). Billing: c (lost: 1). No type: a on day 3 (lost: 1).
    // Without any incident: n (lost day 10) and m (never), both active on day 1 and day 3: rate 1/2.
    expect(r.byType.map((t) => [t.type, t.customersWithIncident, t.lostAfterIncident, t.customersWithout, t.lostWithout])).toEqual([
      ["Delivery", 2, 1, 2, 1],
      ["Billing", 1, 1, 2, 1],
      [null, 1, 1, 2, 1],
    ]);
    // All types together: a (first followed incident day 1), b, c: 2 of 3 lost.
    expect(r.all).toMatchObject({ customersWithIncident: 3, lostAfterIncident: 2, customersWithout: 2, lostWithout: 1 });
  });

  test("checks its options and columns", () => {
    const L = log({ a: [0, 10] });
    expect(caught(() => incidentLoss(L.ids, L.dates, ["a"], [day(1)], null, { lostAfterDays: 0 })).message).toMatch(/lost_after_days must be a whole number from 1/);
    expect(caught(() => incidentLoss(L.ids, L.dates, ["a"], [day(1)], null, { windowDays: 2.5 })).message).toMatch(/window_days must be a whole number/);
    expect(caught(() => incidentLoss(L.ids, L.dates, ["a", "b"], [day(1)])).message).toMatch(/incident_customer_ids has 2, incident_dates has 1/);
    expect(caught(() => incidentLoss(L.ids, L.dates, ["a"], [day(1)], ["x", "y"])).message).toMatch(/incident_types has 2/);
    expect(caught(() => incidentLoss(L.ids, L.dates, ["b", "a"], [day(1), -4])).message).toMatch(/Row 2 of incident_dates is not a date/);
    const many = Array.from({ length: 101 }, (_, i) => `type ${i}`);
    expect(caught(() => incidentLoss(L.ids, L.dates, many.map(() => "a"), many.map(() => day(1)), many)).message).toMatch(/more than 100 incident types/);
  });
});

// ---------------------------------------------------------------------------
// The rule, written plainly over days: no spells, no prefix sums.

function naiveIncidentLoss(ids: string[], dates: number[], incIds: (string | null)[], incDates: number[], incTypes: string[] | null, L: number, W: number, type: string | null | undefined) {
  const days = dates.map(Math.floor);
  const lastDay = Math.max(...days);
  const customers = [...new Set(ids)];
  const bought = (c: string, d: number) => ids.some((id, i) => id === c && days[i] === d);
  const active = (c: string, t: number) => {
    for (let d = t - L + 1; d <= t; d++) if (bought(c, d)) return true;
    return false;
  };
  const lossDays = (c: string) => {
    const out: number[] = [];
    ids.forEach((id, i) => {
      if (id !== c) return;
      const a = days[i];
      let next = false;
      for (let d = a + 1; d <= a + L; d++) if (bought(c, d)) next = true;
      if (!next && a + L <= lastDay && !out.includes(a + L)) out.push(a + L);
    });
    return out;
  };
  const lostWithin = (c: string, t: number) => lossDays(c).some((l) => l > t && l <= t + W);
  const withIncident = new Set(incIds.filter((id): id is string => id !== null && customers.includes(id)));
  const anchors = new Map<string, number>();
  incIds.forEach((c, i) => {
    if (c === null || !customers.includes(c)) return;
    if (type !== undefined && (incTypes ? incTypes[i] : null) !== type) return;
    const t = Math.floor(incDates[i]);
    if (t + W > lastDay || !active(c, t)) return;
    if (!anchors.has(c) || t < anchors.get(c)!) anchors.set(c, t);
  });
  let lostAfter = 0;
  for (const [c, t] of anchors) if (lostWithin(c, t)) lostAfter++;
  let n0 = 0, c0 = 0;
  for (const c of customers) {
    if (withIncident.has(c)) continue;
    let windows = 0, lost = 0;
    for (const t of anchors.values()) {
      if (!active(c, t)) continue;
      windows++;
      if (lostWithin(c, t)) lost++;
    }
    if (windows > 0) {
      n0++;
      c0 += lost / windows;
    }
  }
  return { customersWithIncident: anchors.size, lostAfterIncident: lostAfter, customersWithout: n0, lostWithout: c0 };
}

const incidentCase = fc.record({
  purchases: fc.array(fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e", "f"), day: fc.integer({ min: 0, max: 60 }), time: fc.constantFrom(0, 0.7) }), { minLength: 1, maxLength: 40 }),
  incidents: fc.array(
    fc.record({ id: fc.constantFrom("a", "b", "c", "x", null), day: fc.integer({ min: -5, max: 65 }), type: fc.constantFrom("late", "broken", "") }),
    { maxLength: 8 },
  ),
  L: fc.integer({ min: 1, max: 15 }),
  W: fc.integer({ min: 1, max: 15 }),
});

describe("incidentLoss against the naive rule on random logs", () => {
  test("overall and by type", () => {
    fc.assert(
      fc.property(incidentCase, ({ purchases, incidents, L, W }) => {
        const ids = purchases.map((p) => p.id), dates = purchases.map((p) => day(p.day) + p.time);
        const incIds = incidents.map((i) => i.id), incDates = incidents.map((i) => day(i.day)), types = incidents.map((i) => i.type);
        const r = incidentLoss(ids, dates, incIds, incDates, types, { lostAfterDays: L, windowDays: W });
        const check = (got: { customersWithIncident: number; lostAfterIncident: number; customersWithout: number; lostWithout: number }, want: ReturnType<typeof naiveIncidentLoss>) => {
          expect([got.customersWithIncident, got.lostAfterIncident, got.customersWithout]).toEqual([want.customersWithIncident, want.lostAfterIncident, want.customersWithout]);
          expect(got.lostWithout).toBeCloseTo(want.lostWithout, 9);
        };
        check(r.all, naiveIncidentLoss(ids, dates, incIds, incDates, types, L, W, undefined));
        for (const t of r.byType) check(t, naiveIncidentLoss(ids, dates, incIds, incDates, types, L, W, t.type === null ? "" : (t.type as string)));
        const knownTypes = new Set(incidents.filter((i) => i.id !== null).map((i) => i.type));
        expect(r.byType.length).toBe(knownTypes.size);
        // Rates and the relative risk follow from the counts.
        if (r.all.customersWithIncident > 0) expect(r.all.lossRate).toBe(r.all.lostAfterIncident / r.all.customersWithIncident);
        if (r.all.relativeRisk) expect(r.all.relativeRisk.ratio).toBeCloseTo(r.all.lossRate! / r.all.lossRateWithout!, 12);
      }),
      { numRuns: 500 },
    );
  });
});

describe("at Excel's row limit", () => {
  test("1,048,576 transactions and 100,000 incidents", () => {
    const n = 1_048_576, customers = 100_000, m = 100_000;
    let seed = 99;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const ids = new Array<number>(n), dates = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ids[i] = Math.floor(rand() * customers);
      dates[i] = 44197 + Math.floor(rand() * 1095);
    }
    const incIds = new Array<number>(m), incDates = new Float64Array(m), types = new Array<string>(m);
    for (let i = 0; i < m; i++) {
      incIds[i] = Math.floor(rand() * customers * 1.05); // some ids are not customers
      incDates[i] = 44197 + Math.floor(rand() * 1095);
      types[i] = ["late", "broken", "billing"][i % 3];
    }
    const r = incidentLoss(ids, dates, incIds, incDates, types, { lostAfterDays: 60 });
    const { incidents } = r;
    expect(incidents.rows).toBe(m);
    expect(incidents.followed + incidents.unknownCustomer + incidents.windowNotOver + incidents.notActive).toBe(m);
    expect(r.all.customersWithIncident).toBeGreaterThan(10_000);
    expect(r.all.customersWithout).toBeGreaterThan(0);
    expect(r.all.lossRate).toBeGreaterThan(0);
    expect(r.all.lossRate).toBeLessThan(1);
    // No effect was built in: incidents fall at random, so the rates should agree to within the interval.
    expect(r.all.relativeRisk!.low).toBeLessThan(1.1);
    expect(r.all.relativeRisk!.high).toBeGreaterThan(0.9);
    expect(r.byType.map((t) => t.type).sort()).toEqual(["billing", "broken", "late"]);
    // A customer counts once overall but once in each type they had: the types cover everyone at least once.
    expect(r.byType.reduce((s, t) => s + t.customersWithIncident, 0)).toBeGreaterThanOrEqual(r.all.customersWithIncident);
  }, 180_000);
});
