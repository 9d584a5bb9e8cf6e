import fc from "fast-check";
import { arpa, mrr } from "../../src/metrics/mrr";
import { cac, cacPayback, crc, ltv, ltvToCac } from "../../src/metrics/ltv";
import { grr, nrr, quickRatio } from "../../src/metrics/revenue-retention";
import { averageOrderValue, conversionRate, costPerAcquisition, revenuePerVisitor, roas } from "../../src/metrics/marketing";

describe("NRR and GRR (ChartMogul)", () => {
  it("reproduce ChartMogul's worked example: start 100, churn 10, contraction 10, expansion 10", () => {
    // ChartMogul: gross MRR churn = (10 + 10) / 100 = 20% -> GRR 80%; net MRR churn = (10 + 10 - 10) / 100 = 10% -> NRR 90%.
    expect(grr(100, 10, 10)).toBeCloseTo(0.8, 12);
    expect(nrr(100, 10, 10, 10)).toBeCloseTo(0.9, 12);
  });

  it("NRR >= GRR always, and GRR <= 1 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), fc.nat(1e7), fc.nat(1e7), fc.nat(1e7), (start, exp, con, ch) => {
        // The starting customers lose at most what they had (more is #NUM!, tested in test/functions/odd-input.test.ts).
        [con, ch] = [Math.min(con, start), Math.min(ch, start - Math.min(con, start))];
        return nrr(start, exp, con, ch) >= grr(start, con, ch) - 1e-12 && grr(start, con, ch) <= 1;
      }),
    );
  });

  it("quick ratio = (new + expansion) / (contraction + churned)", () => {
    // Hamid (2015): (30 + 10) / (5 + 5) = 4.
    expect(quickRatio(30, 10, 5, 5)).toBe(4);
    expect(() => quickRatio(1, 1, 0, 0)).toThrow(expect.objectContaining({ kind: "div0" }));
  });
});

describe("MRR and ARPA", () => {
  it("normalises amounts to a month (ChartMogul: annual plans / 12)", () => {
    expect(mrr([100, 250, 1200], 1)).toBe(1550);
    expect(mrr([1200, 2400], 12)).toBe(300);
    expect(() => mrr([1], 0)).toThrow(/months_per_period/);
  });

  it("ARPA = MRR / customers", () => {
    expect(arpa(12000, 150)).toBe(80);
    expect(() => arpa(100, 0)).toThrow(expect.objectContaining({ kind: "div0" }));
  });
});

describe("LTV", () => {
  it("= ARPA x margin / churn without discounting (ChartMogul)", () => {
    // 120 x 0.8 / 0.03 = 3200.
    expect(ltv(120, 0.8, 0.03)).toBeCloseTo(3200, 9);
  });

  it("with a discount rate equals the discounted geometric sum written out", () => {
    // Sum over t >= 1 of 120 * 0.8 * (1 - 0.03)^(t-1) / (1.01)^t, summed numerically to 20,000 months.
    let sum = 0;
    for (let t = 1; t <= 20000; t++) sum += (120 * 0.8 * 0.97 ** (t - 1)) / 1.01 ** t;
    expect(ltv(120, 0.8, 0.03, 0.01)).toBeCloseTo(sum, 6);
    expect(ltv(120, 0.8, 0.03, 0.01)).toBeCloseTo(2400, 9);
  });

  it("discounting never raises the value (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (a, m, c, d) => ltv(a, m, c, d) <= ltv(a, m, c) + 1e-9,
      ),
    );
  });

  it("rejects rates given as percentages and zero churn without discounting", () => {
    expect(() => ltv(120, 80, 0.03)).toThrow(/gross_margin must be a fraction/);
    expect(() => ltv(120, 0.8, 0)).toThrow(expect.objectContaining({ kind: "div0" }));
    expect(ltv(120, 0.8, 0, 0.01)).toBeCloseTo(9600, 9);
  });

  it("CAC, LTV:CAC, payback and CRC", () => {
    expect(cac(90000, 100)).toBe(900);
    expect(ltvToCac(3200, 900)).toBeCloseTo(3.5556, 4);
    // Payback = 900 / (120 x 0.8) = 9.375 months.
    expect(cacPayback(900, 120, 0.8)).toBe(9.375);
    expect(crc(15000, 1200)).toBe(12.5);
  });
});

describe("marketing ratios", () => {
  it("compute conversion, AOV, RPV, CPA and ROAS", () => {
    expect(conversionRate(45, 1500)).toBeCloseTo(0.03, 12);
    expect(averageOrderValue(12500, 250)).toBe(50);
    expect(revenuePerVisitor(12500, 5000)).toBe(2.5);
    expect(costPerAcquisition(5000, 125)).toBe(40);
    expect(roas(20000, 5000)).toBe(4);
  });

  it("RPV = conversion rate x AOV (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0, max: 1e7, noNaN: true }), (orders, extra, revenue) => {
        const visitors = orders + extra;
        const lhs = revenuePerVisitor(revenue, visitors);
        const rhs = conversionRate(orders, visitors) * averageOrderValue(revenue, orders);
        return Math.abs(lhs - rhs) <= 1e-9 * Math.max(1, lhs);
      }),
    );
  });
});
