/**
 * DEL and DERL (Fader & Hardie 2010, Marketing Science 29(1), eqs. 5–6)
 * against their defining series, summed plainly here, and the one-period
 * convention between them.
 */
import fc from "fast-check";
import { sbgSurvivalCurve } from "../../../src/metrics/retention/sbg";
import { sbgDel, sbgDerl } from "../../../src/metrics/retention/sbg-value";
import { thrown } from "../clv/thrown";
import { PUBLISHED } from "./berry-linoff";

/** Σ_{t≥0} S(t)/(1 + d)^t, term by term, until the terms vanish. */
function delBySeries(alpha: number, beta: number, d: number): number {
  let s = 1, sum = 0;
  for (let t = 0; t < 5_000_000; t++) {
    if (t > 0) s *= (beta + t - 1) / (alpha + beta + t - 1);
    const term = s / Math.pow(1 + d, t);
    sum += term;
    if (term < 1e-18) break;
  }
  return sum;
}

/**
 * A customer who has made n renewals, at the next renewal: Σ_{k≥1} P(renews k more times)/(1 + d)^(k−1),
 * with P(renews k more | n renewals) = S(n + k)/S(n).
 */
function derlBySeries(alpha: number, beta: number, d: number, n: number): number {
  let ratio = 1, sum = 0;
  for (let k = 1; k < 5_000_000; k++) {
    ratio *= (beta + n + k - 1) / (alpha + beta + n + k - 1);
    const term = ratio / Math.pow(1 + d, k - 1);
    sum += term;
    if (term < 1e-18) break;
  }
  return sum;
}

describe("DEL", () => {
  it("is Σ S(t)/(1 + d)^t from t = 0, the first period undiscounted: the worked example α = β = 1, d = 10 % gives ln 11 × 1.1 = 2.6377", () => {
    // S(t) = 1/(t + 1): DEL = Σ z^t/(t + 1) = −ln(1 − z)/z with z = 1/1.1.
    expect(sbgDel({ alpha: 1, beta: 1 }, 0.1)).toBeCloseTo(Math.log(11) * 1.1, 12);
    expect(sbgDel({ alpha: 1, beta: 1 }, 0.1)).toBeCloseTo(delBySeries(1, 1, 0.1), 12);
  });

  it("equals its series for the published cohorts and any parameters (fast-check)", () => {
    for (const p of [PUBLISHED.regular, PUBLISHED.highEnd]) {
      for (const d of [0.01, 0.1, 0.25]) expect(sbgDel(p, d)).toBeCloseTo(delBySeries(p.alpha, p.beta, d), 9);
    }
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 20, noNaN: true }), fc.double({ min: 0.1, max: 60, noNaN: true }), fc.double({ min: 0.002, max: 1, noNaN: true }), (alpha, beta, d) => {
        const want = delBySeries(alpha, beta, d);
        expect(Math.abs(sbgDel({ alpha, beta }, d) - want)).toBeLessThan(1e-9 * want);
      }),
      { numRuns: 60 },
    );
  });

  it("without discounting is the expected lifetime (α + β − 1)/(α − 1), and #NUM! (infinite) when α ≤ 1", () => {
    expect(sbgDel({ alpha: 2, beta: 3 }, 0)).toBeCloseTo(4, 12);
    // A small rate approaches it from below.
    expect(sbgDel({ alpha: 2, beta: 3 }, 1e-7)).toBeLessThan(4);
    expect(sbgDel({ alpha: 2, beta: 3 }, 1e-7)).toBeGreaterThan(3.9999);
    expect(thrown(() => sbgDel(PUBLISHED.highEnd, 0))).toMatchObject({ kind: "num", message: expect.stringContaining("infinite without discounting") });
  });

  it("is the same whichever way it is summed near the switch between the two methods (d = 0.001)", () => {
    for (const p of [PUBLISHED.highEnd, { alpha: 3, beta: 25 }]) {
      const below = sbgDel(p, 0.000999999), above = sbgDel(p, 0.001);
      expect(Math.abs(below - above) / above).toBeLessThan(1e-5);
      expect(above).toBeCloseTo(delBySeries(p.alpha, p.beta, 0.001), 8);
    }
  });

  it("refuses a negative or non-finite discount rate", () => {
    expect(thrown(() => sbgDel(PUBLISHED.highEnd, -0.1)).message).toContain("discount_rate must be a fraction of 0 or more");
    expect(thrown(() => sbgDel(PUBLISHED.highEnd, NaN)).kind).toBe("value");
  });
});

describe("DERL", () => {
  it("stands at the next renewal (its payment undiscounted): DEL = 1 + DERL(0)/(1 + d), the one period sources differ by", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 30, noNaN: true }), fc.double({ min: 0.005, max: 0.5, noNaN: true }), (alpha, beta, d) => {
        const p = { alpha, beta };
        expect(sbgDel(p, d)).toBeCloseTo(1 + sbgDerl(p, d, 0) / (1 + d), 9);
      }),
      { numRuns: 60 },
    );
  });

  it("equals its series for 0 to 1,000 renewals, where the posterior has moved far from the prior", () => {
    const p = PUBLISHED.highEnd;
    for (const n of [0, 1, 7, 12, 100, 1000]) {
      for (const d of [0.1, 0.01]) expect(sbgDerl(p, d, n)).toBeCloseTo(derlBySeries(p.alpha, p.beta, d, n), 8);
    }
    // Small rates take the other method for moderate parameters: the same numbers.
    expect(sbgDerl(p, 0.0005, 3)).toBeCloseTo(derlBySeries(p.alpha, p.beta, 0.0005, 3), 7);
    expect(sbgDerl({ alpha: 2, beta: 3 }, 0.0001, 500)).toBeCloseTo(derlBySeries(2, 3, 0.0001, 500), 6);
  });

  it("gives 7.530 for the high end after 7 renewals at 10 %, the value in jdmaturen's sBG port (README)", () => {
    expect(sbgDerl(PUBLISHED.highEnd, 0.1, 7)).toBeCloseTo(7.53, 3);
  });

  it("rises with renewals (survivors are the loyal ones) and, undiscounted, is (β + n)/(α − 1)", () => {
    const p = { alpha: 1.5, beta: 4 };
    expect(sbgDerl(p, 0.1, 5)).toBeGreaterThan(sbgDerl(p, 0.1, 4));
    expect(sbgDerl(p, 0, 6)).toBeCloseTo(10 / 0.5, 12);
    expect(thrown(() => sbgDerl(PUBLISHED.regular, 0, 3)).kind).toBe("num");
    expect(thrown(() => sbgDerl(p, 0.1, 2.5)).message).toContain("renewals counts whole periods");
  });

  it("agrees with the survival curve: DERL(n) = Σ_k S(n + k)/S(n)·(1 + d)^(1 − k)", () => {
    const p = PUBLISHED.regular;
    const s = sbgSurvivalCurve(p, 20_000);
    let sum = 0;
    for (let k = 1; 3 + k < s.length; k++) sum += s[3 + k] / s[3] / Math.pow(1.1, k - 1);
    expect(sbgDerl(p, 0.1, 3)).toBeCloseTo(sum, 9);
  });
});
