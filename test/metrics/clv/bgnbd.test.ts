/**
 * BG/NBD per-customer quantities: published values, and an independent check
 * of every closed form by integrating the model's definition numerically over
 * the purchase rate λ ~ gamma(r, α) and the drop-out probability p ~ beta(a, b).
 */
import fc from "fast-check";
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdExpectedPurchases,
  BgnbdParams,
  bgnbdProbabilityAlive,
} from "../../../src/metrics/clv/bgnbd";
import { integrate01Many, integrate0InfMany } from "./quadrature";
import { thrown } from "./thrown";

/** Fader, Hardie & Lee (2005), Marketing Science 24(2): their maximum-likelihood estimates for CDNOW. */
const FHL: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/**
 * ∫∫ λ^(r−1) e^(−αλ) p^(a−1) (1−p)^(b−1) h_i(λ, p) dλ dp for several h_i at once — the
 * model's prior without its normalising constants, which cancel in every ratio below.
 * Each h_i is given by its logarithm and a factor, ln|h| and sign·scale, so that
 * λ^x e^(−λT) neither overflows nor underflows.
 */
function overPrior(P: BgnbdParams, lambdaScale: number, h: (lambda: number, p: number, q: number) => number[]): number[] {
  return integrate01Many((p, q) => {
    const prior = Math.pow(p, P.a - 1) * Math.pow(q, P.b - 1);
    const inner = integrate0InfMany((lambda) => {
      const gammaKernel = (P.r - 1) * Math.log(lambda) - P.alpha * lambda;
      return h(lambda, p, q).map((logValue) => Math.exp(gammaKernel + logValue));
    }, lambdaScale, 5);
    return inner.map((v) => prior * v);
  }, 5);
}

/** FHL (2005) §2: given λ and p, purchases in (0, t] of an active customer average (1 − e^(−λpt))/p; its log. */
const logMeanPurchases = (lambda: number, p: number, t: number) => Math.log(-Math.expm1(-lambda * p * t) / p);

/**
 * By quadrature: P(alive) and E[Y(t) | x, t_x, T] from the two likelihood pieces, "still active"
 * ((1−p)^x λ^x e^(−λT)) and "dropped out after the last purchase" (p (1−p)^(x−1) λ^x e^(−λ t_x)).
 */
function byQuadrature(P: BgnbdParams, t: number, x: number, tx: number, T: number) {
  const scale = Math.max(P.r + x, 1) / (P.alpha + T);
  const [alive, dropped, aliveTimesFuture] = overPrior(P, scale, (l, p, q) => {
    const logAlive = x * Math.log(q) + x * Math.log(l) - l * T;
    const logDropped = x > 0 ? Math.log(p) + (x - 1) * Math.log(q) + x * Math.log(l) - l * tx : -Infinity;
    return [logAlive, logDropped, logAlive + logMeanPurchases(l, p, t)];
  });
  return { pAlive: alive / (alive + dropped), expected: aliveTimesFuture / (alive + dropped) };
}

const relClose = (got: number, want: number, rel: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.max(Math.abs(want), 1e-12));

describe("published values", () => {
  it("customer 1 of CDNOW (x = 2, t_x = 30.43, T = 38.86) expects 1.226 purchases in the next 39 weeks", () => {
    // Fader, Hardie & Lee (2005), "Implementing the BG/NBD Model for Customer Base Analysis in Excel"
    // (brucehardie.com) with the published estimates; also lifetimes' test
    // test_conditional_expectation_returns_same_value_as_Hardie_excel_sheet (1.226, to 0.001).
    expect(Math.abs(bgnbdConditionalExpectedPurchases(FHL, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(5e-4);
  });
});

describe("closed forms against numerical integration of the model", () => {
  // Parameter sets: CDNOW (a < 1); a > 1; a = 1 exactly (where the textbook form of E is 0/0);
  // a + b < 1 (so a + b + x − 1 < 0 when x = 0).
  const params: [string, BgnbdParams][] = [
    ["CDNOW", FHL],
    ["a > 1", { r: 1.5, alpha: 10, a: 2.2, b: 6 }],
    ["a = 1", { r: 0.5, alpha: 3, a: 1, b: 1.5 }],
    ["a + b < 1", { r: 0.3, alpha: 2, a: 0.4, b: 0.45 }],
  ];
  // (t, x, t_x, T): z = t/(α + T + t) from 0.0 to 0.9998, x from 0 to 25.
  const customers: [number, number, number, number][] = [
    [39, 0, 0, 38.86],
    [39, 2, 30.43, 38.86],
    [52, 7, 20, 38],
    [10, 25, 37, 38],
    [2000, 1, 0.5, 50],
    [1e5, 3, 10, 12],
  ];
  const cases = params.flatMap(([name, P]) => customers.map(([t, x, tx, T]) => [`${name}: t = ${t}, x = ${x}, t_x = ${tx}, T = ${T}`, P, t, x, tx, T] as const));

  it.each(cases)("%s", (_label, P, t, x, tx, T) => {
    const q = byQuadrature(P, t, x, tx, T);
    relClose(bgnbdProbabilityAlive(P, x, tx, T), q.pAlive, 1e-9);
    relClose(bgnbdConditionalExpectedPurchases(P, t, x, tx, T), q.expected, 1e-8);
  });

  it.each(params)("%s: unconditional E[X(t)] (FHL 2005 eq. 9) for t from 0.14 to 10,000", (_name, P) => {
    const times = [0.1429, 1, 39, 78, 1000, 10_000];
    const [total, ...perTime] = overPrior(P, Math.max(P.r, 1) / P.alpha, (l, p) => [0, ...times.map((t) => logMeanPurchases(l, p, t))]);
    times.forEach((t, i) => relClose(bgnbdExpectedPurchases(P, t), perTime[i] / total, 1e-8));
  });
});

describe("properties (fast-check)", () => {
  const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true });
  const paramsArb = fc.record({ r: positive(0.05, 5), alpha: positive(0.1, 50), a: positive(0.05, 5), b: positive(0.05, 20) });
  const customerArb = fc
    .tuple(fc.integer({ min: 0, max: 60 }), positive(0, 1), positive(0, 200))
    .map(([x, share, T]) => ({ x, tx: x === 0 ? 0 : share * T, T }));

  it("P(alive) is in (0, 1], 1 without repeat purchases, and falls as the silence since the last purchase grows", () => {
    fc.assert(fc.property(paramsArb, customerArb, positive(0.01, 100), (P, c, more) => {
      const now = bgnbdProbabilityAlive(P, c.x, c.tx, c.T);
      expect(now).toBeGreaterThan(0);
      expect(now).toBeLessThanOrEqual(1);
      if (c.x === 0) expect(now).toBe(1);
      else expect(bgnbdProbabilityAlive(P, c.x, c.tx, c.T + more)).toBeLessThanOrEqual(now);
    }));
  });

  it("expected purchases are 0 at t = 0 and grow with t; a new customer (x = 0, T = 0) expects E[X(t)]", () => {
    fc.assert(fc.property(paramsArb, customerArb, positive(0.01, 500), positive(0.01, 500), (P, c, t, dt) => {
      expect(bgnbdConditionalExpectedPurchases(P, 0, c.x, c.tx, c.T)).toBe(0);
      const e = bgnbdConditionalExpectedPurchases(P, t, c.x, c.tx, c.T);
      expect(Number.isFinite(e)).toBe(true);
      expect(e).toBeGreaterThan(0);
      expect(bgnbdConditionalExpectedPurchases(P, t + dt, c.x, c.tx, c.T)).toBeGreaterThanOrEqual(e * (1 - 1e-12));
      relClose(bgnbdConditionalExpectedPurchases(P, t, 0, 0, 0), bgnbdExpectedPurchases(P, t), 1e-12);
    }));
  });
});

describe("invalid input", () => {
  it("names what is wrong", () => {
    expect(thrown(() => bgnbdProbabilityAlive({ ...FHL, a: 0 }, 1, 1, 2)).message).toMatch(/parameter a must be a number above 0/);
    expect(thrown(() => bgnbdProbabilityAlive(FHL, 1.5, 1, 2)).message).toMatch(/frequency is 1.5.*whole number/);
    expect(thrown(() => bgnbdProbabilityAlive(FHL, 1, 3, 2)).message).toMatch(/recency is 3, after T \(2\)/);
    expect(thrown(() => bgnbdExpectedPurchases(FHL, -1)).kind).toBe("value");
  });
});
