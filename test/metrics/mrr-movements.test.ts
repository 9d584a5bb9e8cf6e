import fc from "fast-check";
import { MrrMonth, mrrMovements } from "../../src/metrics/mrr-movements";

// Month starts in 2024 (2024-01-01 = 45292, Microsoft's DATE docs give
// 2008-01-01 = 39448, + 5844 days): Feb 1 = 45323, Mar 1 = 45352 (leap year),
// Apr 1 = 45383. Any day in a month stands for the month.
const JAN = 45292, FEB = 45323, MAR = 45352, APR = 45383;

type Row = Omit<MrrMonth, "month">;
const row = (month: number, r: Row): MrrMonth => ({ month, ...r });

describe("mrrMovements on a hand-checked log (ChartMogul's definitions)", () => {
  // a: 100 → 150 (expansion) → 120 (contraction) → 120.
  // b: 50 in Jan as two rows (30 + 20), nothing in Feb (churn), 80 in Mar (reactivation), an explicit 0 in Apr (churn).
  // c: new in Feb at 200, 200 in Mar, gone in Apr (churn).
  // d: new in Apr at 40. e: only a 0 row in Jan, so never a paying customer.
  const ids = ["a", "b", "b", "e", "a", "c", "a", "b", "c", "a", "b", "d"];
  const months = [JAN + 4, JAN + 1, JAN + 20, JAN, FEB + 3, FEB + 10, MAR, MAR + 5, MAR + 30, APR, APR + 2, APR + 29];
  const mrr = [100, 30, 20, 0, 150, 200, 120, 80, 200, 120, 0, 40];

  test("every movement, month by month", () => {
    expect(mrrMovements(ids, months, mrr)).toEqual([
      // Jan: new = a 100 + b (30 + 20) = 150.
      row(JAN, { startMrr: 0, newMrr: 150, expansion: 0, contraction: 0, churn: 0, reactivation: 0, endMrr: 150, customersAtStart: 0, customersAtEnd: 2 }),
      // Feb: start 150; new c 200; expansion a 150 − 100 = 50; churn b 50. End 150 + 200 + 50 − 50 = 350 = a 150 + c 200.
      row(FEB, { startMrr: 150, newMrr: 200, expansion: 50, contraction: 0, churn: 50, reactivation: 0, endMrr: 350, customersAtStart: 2, customersAtEnd: 2 }),
      // Mar: contraction a 150 − 120 = 30; reactivation b 80. End 350 − 30 + 80 = 400 = 120 + 80 + 200.
      row(MAR, { startMrr: 350, newMrr: 0, expansion: 0, contraction: 30, churn: 0, reactivation: 80, endMrr: 400, customersAtStart: 2, customersAtEnd: 3 }),
      // Apr: new d 40; churn b 80 (total 0) + c 200 (no row). End 400 + 40 − 280 = 160 = a 120 + d 40.
      row(APR, { startMrr: 400, newMrr: 40, expansion: 0, contraction: 0, churn: 280, reactivation: 0, endMrr: 160, customersAtStart: 3, customersAtEnd: 2 }),
    ]);
  });

  test("a month with no rows at all is still a row", () => {
    // a pays 10 in Jan and Mar: Feb churns 10 (end 0), Mar reactivates 10.
    const out = mrrMovements(["a", "a"], [JAN, MAR], [10, 10]);
    expect(out.map((m) => m.month)).toEqual([JAN, FEB, MAR]);
    expect(out[1]).toEqual(row(FEB, { startMrr: 10, newMrr: 0, expansion: 0, contraction: 0, churn: 10, reactivation: 0, endMrr: 0, customersAtStart: 1, customersAtEnd: 0 }));
    expect(out[2].reactivation).toBe(10);
    expect(out[2].newMrr).toBe(0);
  });

  test("credits: a negative row is fine while the month's total is not negative", () => {
    // 100 − 20 = 80 new MRR.
    expect(mrrMovements(["a", "a"], [JAN, JAN], [100, -20])[0].newMrr).toBe(80);
    expect(() => mrrMovements(["a", "a"], [JAN, JAN], [10, -20])).toThrow(/customer a in month 2024-01 adds up to -10/);
  });

  test("a total that is zero up to rounding is zero: churn, not a sliver of MRR", () => {
    // 0.1 + 0.2 − 0.3 is 5.55e−17 in floating point.
    const out = mrrMovements(["a", "a", "a", "a"], [JAN, FEB, FEB, FEB], [50, 0.1, 0.2, -0.3]);
    expect(out[1].churn).toBe(50);
    expect(out[1].endMrr).toBe(0);
    expect(out[1].customersAtEnd).toBe(0);
  });

  test("input errors", () => {
    expect(() => mrrMovements(["a", "b"], [JAN], [1, 2])).toThrow(/same number of rows/);
    expect(() => mrrMovements(["a"], [JAN], [NaN])).toThrow(/Row 1 of mrr/);
    expect(() => mrrMovements(["a"], [0], [5])).toThrow(/Row 1 of months is not a date/);
    expect(() => mrrMovements([null, ""], [JAN, JAN], [1, 1])).toThrow(/no subscription rows/);
  });
});

// ---- Properties on random logs ----

const bridge = (m: MrrMonth) => m.startMrr + m.newMrr + m.expansion + m.reactivation - m.contraction - m.churn;

function randomLog(amount: fc.Arbitrary<number>) {
  return fc
    .array(fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e", "f"), month: fc.integer({ min: 0, max: 14 }), day: fc.integer({ min: 0, max: 27 }), mrr: amount }), {
      minLength: 1,
      maxLength: 80,
    })
    .map((rows) => ({
      ids: rows.map((r) => r.id),
      // 2023-01-01 (44927) plus whole months via JavaScript's calendar, plus a day in the month.
      months: rows.map((r) => (Date.UTC(2023, r.month, 1 + r.day) - Date.UTC(1899, 11, 30)) / 86400000),
      mrr: rows.map((r) => r.mrr),
    }));
}

test("the bridge balances exactly in every row when amounts are whole numbers", () => {
  fc.assert(
    fc.property(randomLog(fc.integer({ min: 0, max: 1000 })), ({ ids, months, mrr }) => {
      const out = mrrMovements(ids, months, mrr);
      out.forEach((m, i) => {
        expect(bridge(m)).toBe(m.endMrr);
        if (i > 0) expect(m.startMrr).toBe(out[i - 1].endMrr);
      });
    }),
    { numRuns: 500 },
  );
});

test("the bridge balances to rounding with cents", () => {
  fc.assert(
    fc.property(randomLog(fc.integer({ min: 0, max: 100000 }).map((c) => c / 100)), ({ ids, months, mrr }) => {
      for (const m of mrrMovements(ids, months, mrr)) {
        expect(Math.abs(bridge(m) - m.endMrr)).toBeLessThanOrEqual(1e-9 * Math.max(1, m.startMrr, m.endMrr));
      }
    }),
    { numRuns: 500 },
  );
});

// An independent computation, written plainly: each customer's total per month in a map, then every month × customer.
function naiveMovements(ids: string[], months: number[], mrr: number[]) {
  const monthOf = (serial: number) => {
    const d = new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  const totals = new Map<string, Map<number, number>>();
  ids.forEach((id, i) => {
    if (!totals.has(id)) totals.set(id, new Map());
    const t = totals.get(id)!;
    t.set(monthOf(months[i]), (t.get(monthOf(months[i])) ?? 0) + mrr[i]);
  });
  const all = months.map(monthOf);
  const out = [];
  for (let m = Math.min(...all); m <= Math.max(...all); m++) {
    const r = { start: 0, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0, end: 0, customersStart: 0, customersEnd: 0 };
    for (const t of totals.values()) {
      const prev = t.get(m - 1) ?? 0;
      const cur = t.get(m) ?? 0;
      const paidBefore = [...t.entries()].some(([month, v]) => month < m && v > 0);
      r.start += prev;
      r.end += cur;
      if (prev > 0) r.customersStart++;
      if (cur > 0) r.customersEnd++;
      if (prev === 0 && cur > 0) {
        if (paidBefore) r.reactivation += cur;
        else r.new += cur;
      } else if (prev > 0 && cur === 0) r.churn += prev;
      else if (prev > 0 && cur > prev) r.expansion += cur - prev;
      else if (prev > 0 && cur < prev) r.contraction += prev - cur;
    }
    out.push(r);
  }
  return out;
}

test("matches a naive per-customer computation on random logs", () => {
  fc.assert(
    fc.property(randomLog(fc.constantFrom(0, 0, 10, 20, 50, 99, 250)), ({ ids, months, mrr }) => {
      const got = mrrMovements(ids, months, mrr).map((m) => ({
        start: m.startMrr,
        new: m.newMrr,
        expansion: m.expansion,
        contraction: m.contraction,
        churn: m.churn,
        reactivation: m.reactivation,
        end: m.endMrr,
        customersStart: m.customersAtStart,
        customersEnd: m.customersAtEnd,
      }));
      expect(got).toEqual(naiveMovements(ids, months, mrr));
    }),
    { numRuns: 500 },
  );
});
