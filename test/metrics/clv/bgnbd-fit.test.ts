/**
 * BG/NBD maximum likelihood: the published CDNOW fit, recovery of known
 * parameters from simulated customers, the likelihood against the paper's
 * formula, and fits that must fail.
 */
import fc from "fast-check";
import { lgamma } from "mathjs";
import { bgnbdConditionalExpectedPurchases, bgnbdExpectedPurchases, BgnbdParams } from "../../../src/metrics/clv/bgnbd";
import { bgnbdLogLikelihood, bgnbdLogLikelihoodAt, fitBgnbd } from "../../../src/metrics/clv/bgnbd-fit";
import { groupHistories } from "../../../src/metrics/clv/history";
import { simulateBgnbd } from "../../../src/metrics/clv/simulate";
import { thrown } from "./thrown";
import { loadCdnow, loadCdnowSummary } from "./cdnow";

describe("CDNOW (2,357 customers, weeks)", () => {
  const cdnow = loadCdnowSummary();
  const fit = fitBgnbd(cdnow);

  it("reproduces Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4", () => {
    // Marketing Science 24(2), 275–284, the CDNOW estimates, to the digits published.
    expect(Math.abs(fit.params.r - 0.243)).toBeLessThan(5e-4);
    expect(Math.abs(fit.params.alpha - 4.414)).toBeLessThan(5e-4);
    expect(Math.abs(fit.params.a - 0.793)).toBeLessThan(5e-4);
    expect(Math.abs(fit.params.b - 2.426)).toBeLessThan(5e-4);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.05);
  });

  it("matches lifetimes' BetaGeoFitter summary to 6 decimals, standard errors included", () => {
    // lifetimes documentation, Quickstart ("bgf.summary"), fitted to the same file:
    // r 0.242593 (se 0.012557), alpha 4.413532 (0.378221), a 0.792886 (0.185719), b 2.425752 (0.705345).
    const lifetimes = { r: [0.242593, 0.012557], alpha: [4.413532, 0.378221], a: [0.792886, 0.185719], b: [2.425752, 0.705345] };
    for (const [name, [estimate, se]] of Object.entries(lifetimes) as [keyof BgnbdParams, number[]][]) {
      // Two optimisers stopping at slightly different points agree to about 1e-6 here.
      expect(Math.abs(fit.params[name] - estimate)).toBeLessThan(3e-6);
      expect(Math.abs(fit.standardErrors[name] - se)).toBeLessThan(3e-6);
    }
  });

  it("gives the same fit from the file with spend (x, t_x, T columns)", () => {
    const withSpend = loadCdnow();
    const other = fitBgnbd(withSpend);
    expect(Math.abs(other.logLikelihood - fit.logLikelihood)).toBeLessThan(1e-6);
  });

  it("gives E[X(t)] of Hardie's spreadsheet: 0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576 at t = 0.1429 … 78 weeks", () => {
    // lifetimes test_estimation.py, test_expectation_returns_same_value_Hardie_excel_sheet, compared
    // as lifetimes does it (numpy assert_array_almost_equal, decimal=3: |difference| < 1.5e-3).
    const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
    const hardie = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(Math.abs(bgnbdExpectedPurchases(fit.params, t) - hardie[i])).toBeLessThan(1.5e-3));
  });

  it("gives lifetimes' predicted purchases in the next week for its top five customers", () => {
    // lifetimes documentation, Quickstart ("Ranking customers from best to worst"), t = 1:
    // ID 509 → 0.424877, 841 → 0.474738, 1981 → 0.486526, 157 → 0.662396, 1516 → 0.710623.
    const expected: [number, number][] = [[509, 0.424877], [841, 0.474738], [1981, 0.486526], [157, 0.662396], [1516, 0.710623]];
    for (const [id, value] of expected) {
      const i = cdnow.id.indexOf(id);
      const e = bgnbdConditionalExpectedPurchases(fit.params, 1, cdnow.frequency[i], cdnow.recency[i], cdnow.T[i]);
      expect(Math.abs(e - value)).toBeLessThan(2e-6);
    }
  });
});

describe("recovery of known parameters from simulated customers (seeded)", () => {
  // Each estimate within 3 of its standard errors of the truth: a seeded draw, so the
  // test is deterministic; 3 SE would hold in about 99% of draws for each parameter.
  const settings: [string, BgnbdParams, { minT: number; maxT: number }][] = [
    ["CDNOW-like, weeks", { r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { minT: 26, maxT: 39 }],
    ["a > 1, days", { r: 1.5, alpha: 60, a: 2, b: 6 }, { minT: 90, maxT: 365 }],
  ];
  it.each(settings)("%s", (_name, truth, window) => {
    const customers = simulateBgnbd(truth, 8000, 20240601, window);
    const fit = fitBgnbd(customers);
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(fit.params[name] - truth[name])).toBeLessThan(3 * fit.standardErrors[name]);
    }
  });
});

describe("the log-likelihood", () => {
  // FHL (2005) §3, written out with Γ and B functions (mathjs lgamma), independent of the
  // log-sum form and the grouping the fit uses.
  function paperLogLikelihood(P: BgnbdParams, x: number, tx: number, T: number): number {
    const lnB = (p: number, q: number) => lgamma(p) + lgamma(q) - lgamma(p + q);
    const common = lgamma(P.r + x) - lgamma(P.r) + P.r * Math.log(P.alpha);
    const A1 = Math.exp(lnB(P.a, P.b + x) - lnB(P.a, P.b) + common - (P.r + x) * Math.log(P.alpha + T));
    const A2 = x > 0 ? Math.exp(lnB(P.a + 1, P.b + x - 1) - lnB(P.a, P.b) + common - (P.r + x) * Math.log(P.alpha + tx)) : 0;
    return Math.log(A1 + A2);
  }

  it("equals the paper's formula, summed over customers (CDNOW, at the published estimates)", () => {
    const cdnow = loadCdnowSummary();
    const P = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    let want = 0;
    cdnow.frequency.forEach((x, i) => (want += paperLogLikelihood(P, x, cdnow.recency[i], cdnow.T[i])));
    expect(Math.abs(bgnbdLogLikelihood(P, cdnow) - want)).toBeLessThan(1e-7);
  });

  it("has the gradient of its finite differences (fast-check)", () => {
    const customers = simulateBgnbd({ r: 0.5, alpha: 5, a: 1.2, b: 3 }, 300, 99, { minT: 10, maxT: 40 });
    const logLik = bgnbdLogLikelihoodAt(groupHistories(customers));
    const theta = fc.tuple(...[0, 1, 2, 3].map(() => fc.double({ min: -2, max: 2.5, noNaN: true })));
    fc.assert(fc.property(theta, (t) => {
      const at = Float64Array.from(t);
      const grad = new Float64Array(4);
      logLik(at, grad);
      for (let i = 0; i < 4; i++) {
        const h = 1e-6;
        const up = Float64Array.from(at), down = Float64Array.from(at);
        up[i] += h;
        down[i] -= h;
        const numeric = (logLik(up, null) - logLik(down, null)) / (2 * h);
        expect(Math.abs(grad[i] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }
    }), { numRuns: 50 });
  });
});

describe("fits that cannot be made", () => {
  it("no repeat purchases at all: #NUM! (kind num), saying why", () => {
    const e = thrown(() => fitBgnbd({ frequency: [0, 0, 0], recency: [0, 0, 0], T: [5, 6, 7] }));
    expect(e.kind).toBe("num");
    expect(e.message).toMatch(/No customer made a repeat purchase/);
  });

  it("no sign of drop-out (every customer bought steadily up to T): the likelihood has no maximum, #NUM!", () => {
    const e = thrown(() => fitBgnbd({ frequency: [5, 5, 5, 5], recency: [10, 10, 10, 10], T: [10, 10, 10, 10] }));
    expect(e.kind).toBe("num");
    expect(e.message).toMatch(/did not converge/);
  });

  it("a single customer: #NUM!", () => {
    expect(thrown(() => fitBgnbd({ frequency: [1], recency: [5], T: [10] })).kind).toBe("num");
  });

  it("impossible summaries are #VALUE! naming the customer", () => {
    const base = { frequency: [1, 2, 0], recency: [3, 4, 0], T: [10, 10, 10] };
    expect(thrown(() => fitBgnbd({ ...base, frequency: [1, 2.5, 0] })).message).toMatch(/customer 2's frequency is 2.5/);
    expect(thrown(() => fitBgnbd({ ...base, recency: [3, 11, 0] })).message).toMatch(/customer 2's recency is 11, after T \(10\)/);
    expect(thrown(() => fitBgnbd({ ...base, T: [10, 10, -1] })).message).toMatch(/customer 3's T is -1/);
    expect(thrown(() => fitBgnbd({ ...base, T: [10, 10] })).kind).toBe("value");
  });
});
