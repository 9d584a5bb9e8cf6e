/**
 * Customer lifetime value: lifetimes' documented CLV table for CDNOW, the
 * discounting written out by hand, and its invariants.
 */
import fc from "fast-check";
import { bgnbdConditionalExpectedPurchases, BgnbdParams } from "../../../src/metrics/clv/bgnbd";
import { fitBgnbd } from "../../../src/metrics/clv/bgnbd-fit";
import { ClvCustomer, customerLifetimeValue } from "../../../src/metrics/clv/clv";
import { fitGammaGamma, gammaGammaExpectedSpend, GammaGammaParams } from "../../../src/metrics/clv/gamma-gamma";
import { loadCdnow } from "./cdnow";
import { thrown } from "./thrown";

const BG: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };
const CUSTOMER_1: ClvCustomer = { frequency: 2, recency: 30.43, T: 38.86, monetary: 22.35 };

describe("lifetimes' documented CLV of CDNOW customers", () => {
  it("reproduces customer_lifetime_value(bgf, …, time=12, discount_rate=0.01).head(10)", () => {
    // lifetimes README / Quickstart: with the BG/NBD and Gamma-Gamma fits to this file,
    //   ggf.customer_lifetime_value(bgf, frequency, recency, T, monetary_value, time=12, discount_rate=0.01)
    // gives, for customers 1–10: 140.096211, 18.943467, 38.180574, 38.180574, 38.180574,
    // 1003.868107, 28.109683, 38.180574, 167.418216, 38.180574.
    // lifetimes' default freq="D" steps 30 time units per "month" (its utils._customer_lifetime_value
    // sums predict(30k) − predict(30(k − 1)) over k = 1…12, discounted by 1.01^k); CDNOW is in
    // weeks, so its periods are 30 weeks long: periodLength 30 here.
    const cdnow = loadCdnow();
    const bg = fitBgnbd(cdnow).params;
    const gg = fitGammaGamma(cdnow).params;
    const documented = [140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216, 38.180574];
    documented.forEach((value, i) => {
      const customer = { frequency: cdnow.frequency[i], recency: cdnow.recency[i], T: cdnow.T[i], monetary: cdnow.monetary[i] };
      const clv = customerLifetimeValue(bg, gg, customer, { periods: 12, discountRate: 0.01, margin: 1, periodLength: 30 });
      // The two fits stop at slightly different points; the values agree to 1e-6 relative.
      expect(Math.abs(clv - value)).toBeLessThan(1e-6 * value);
    });
  });
});

describe("the discounted sum, written out", () => {
  const E = (t: number) => bgnbdConditionalExpectedPurchases(BG, t, 2, 30.43, 38.86);
  const spend = gammaGammaExpectedSpend(GG, 2, 22.35);

  it("three periods at 10%: spend × margin × [E(1)/1.1 + (E(2) − E(1))/1.1² + (E(3) − E(2))/1.1³]", () => {
    const want = spend * 0.3 * (E(1) / 1.1 + (E(2) - E(1)) / 1.1 ** 2 + (E(3) - E(2)) / 1.1 ** 3);
    expect(customerLifetimeValue(BG, GG, CUSTOMER_1, { periods: 3, discountRate: 0.1, margin: 0.3 })).toBeCloseTo(want, 12);
  });

  it("a fractional horizon adds a partial last period: 1.5 periods at 10% = E(1)/1.1 + (E(1.5) − E(1))/1.1^1.5", () => {
    const want = spend * (E(1) / 1.1 + (E(1.5) - E(1)) / 1.1 ** 1.5);
    expect(customerLifetimeValue(BG, GG, CUSTOMER_1, { periods: 1.5, discountRate: 0.1, margin: 1 })).toBeCloseTo(want, 12);
  });

  it("without discounting it is spend × E[Y(horizon)]: customer 1 over 39 weeks, 24.6637 × 1.2260 = 30.238", () => {
    // 24.6637 = 6.25·(15.44 + 2·22.35)/(6.25·2 + 3.74 − 1); 1.2260 = FHL's 39-week expectation (1.226).
    expect(customerLifetimeValue(BG, GG, CUSTOMER_1, { periods: 39, discountRate: 0, margin: 1 })).toBeCloseTo(spend * E(39), 12);
    expect(Math.abs(customerLifetimeValue(BG, GG, CUSTOMER_1, { periods: 39, discountRate: 0, margin: 1 }) - 24.6637 * 1.226)).toBeLessThan(0.02);
  });

  it("uses the population mean spend for a customer without repeat purchases (monetary ignored)", () => {
    const newcomer = { frequency: 0, recency: 0, T: 20, monetary: 0 };
    const want = ((GG.p * GG.gamma) / (GG.q - 1)) * bgnbdConditionalExpectedPurchases(BG, 52, 0, 0, 20);
    expect(customerLifetimeValue(BG, GG, newcomer, { periods: 52, discountRate: 0, margin: 1 })).toBeCloseTo(want, 12);
    expect(customerLifetimeValue(BG, GG, { ...newcomer, monetary: 999 }, { periods: 52, discountRate: 0, margin: 1 })).toBeCloseTo(want, 12);
  });
});

describe("invariants (fast-check)", () => {
  const customerArb = fc
    .tuple(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 60, noNaN: true }), fc.double({ min: 1, max: 500, noNaN: true }))
    .map(([x, share, T, m]) => ({ frequency: x, recency: x === 0 ? 0 : share * T, T, monetary: m }));

  it("falls as the discount rate rises, grows with the horizon, and is proportional to the margin", () => {
    fc.assert(fc.property(customerArb, fc.double({ min: 0, max: 0.05, noNaN: true }), fc.integer({ min: 1, max: 60 }), (c, d, h) => {
      const base = customerLifetimeValue(BG, GG, c, { periods: h, discountRate: d, margin: 1 });
      expect(base).toBeGreaterThan(0);
      expect(customerLifetimeValue(BG, GG, c, { periods: h, discountRate: d + 0.01, margin: 1 })).toBeLessThan(base);
      expect(customerLifetimeValue(BG, GG, c, { periods: h + 5, discountRate: d, margin: 1 })).toBeGreaterThan(base);
      expect(customerLifetimeValue(BG, GG, c, { periods: h, discountRate: d, margin: 0.25 })).toBeCloseTo(0.25 * base, 10);
    }), { numRuns: 60 });
  });
});

describe("invalid options", () => {
  it("are #VALUE! with what to fix", () => {
    expect(thrown(() => customerLifetimeValue(BG, GG, CUSTOMER_1, { periods: -1, discountRate: 0, margin: 1 })).message).toMatch(/horizon_periods/);
    expect(thrown(() => customerLifetimeValue(BG, GG, CUSTOMER_1, { periods: 52, discountRate: -0.1, margin: 1 })).message).toMatch(/discount_rate_per_period/);
    expect(thrown(() => customerLifetimeValue(BG, GG, CUSTOMER_1, { periods: 52, discountRate: 0, margin: 1.5 })).message).toMatch(/margin must be a fraction/);
    expect(thrown(() => customerLifetimeValue(BG, GG, { ...CUSTOMER_1, monetary: 0 }, { periods: 52, discountRate: 0, margin: 1 })).message).toMatch(/monetary is 0/);
    expect(thrown(() => customerLifetimeValue(BG, GG, { ...CUSTOMER_1, recency: 40 }, { periods: 52, discountRate: 0, margin: 1 })).message).toMatch(/recency is 40, after T/);
  });
});
