/**
 * The beta-discrete-Weibull model (Fader, Hardie, Liu, Davin & Steenburgh
 * 2018): it reduces to the sBG at c = 1, its fit is a proper maximum of the
 * likelihood, and expected counts give back the parameters they came from.
 */
import fc from "fast-check";
import { lgamma } from "mathjs";
import { bdwRetention, bdwSurvival } from "../../../src/metrics/retention/bdw";
import { bdwLogLikelihood, bdwLogLikelihoodAt, fitBdw } from "../../../src/metrics/retention/bdw-fit";
import { sbgSurvival } from "../../../src/metrics/retention/sbg";
import { sbgLogLikelihood } from "../../../src/metrics/retention/sbg-fit";
import { survivalCounts } from "../../../src/metrics/retention/survivors";
import { thrown } from "../clv/thrown";
import { calibration, HIGH_END, REGULAR } from "./berry-linoff";

const positive = fc.double({ min: 0.05, max: 30, noNaN: true });

describe("BdW survival", () => {
  it("is the sBG survival when c = 1, for any α, β and t (fast-check)", () => {
    fc.assert(
      fc.property(positive, positive, fc.integer({ min: 0, max: 300 }), (alpha, beta, t) => {
        expect(bdwSurvival({ alpha, beta, c: 1 }, t)).toBeCloseTo(sbgSurvival({ alpha, beta }, t), 11);
      }),
    );
  });

  it("is B(α, β + t^c)/B(α, β) (eq. 4), and a discrete Weibull for one customer type as α, β grow with α/(α + β) = θ", () => {
    const logBeta = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);
    const p = { alpha: 0.7, beta: 2.2, c: 0.6 };
    for (const t of [1, 2, 10, 50]) expect(bdwSurvival(p, t)).toBeCloseTo(Math.exp(logBeta(0.7, 2.2 + t ** 0.6) - logBeta(0.7, 2.2)), 12);
    // θ fixed at 0.1: S(t) → 0.9^(t^c).
    expect(bdwSurvival({ alpha: 1e5, beta: 9e5, c: 1.5 }, 4)).toBeCloseTo(0.9 ** (4 ** 1.5), 4);
  });

  it("gives retention falling with tenure when churn rises fast enough (c well above 1) and rising when c ≤ 1", () => {
    const rising = { alpha: 50, beta: 200, c: 2 };
    expect(bdwRetention(rising, 5)).toBeLessThan(bdwRetention(rising, 2));
    const falling = { alpha: 1, beta: 3, c: 0.7 };
    expect(bdwRetention(falling, 5)).toBeGreaterThan(bdwRetention(falling, 2));
  });

  it("has the likelihood of the sBG at c = 1", () => {
    const data = [calibration(REGULAR), [600, 420, 350]];
    expect(bdwLogLikelihood({ alpha: 0.8, beta: 1.4, c: 1 }, data)).toBeCloseTo(sbgLogLikelihood({ alpha: 0.8, beta: 1.4 }, data), 8);
  });
});

describe("BdW maximum likelihood", () => {
  for (const [name, data] of [["regular", REGULAR], ["high end", HIGH_END]] as const) {
    it(`is a maximum on the ${name} cohort, years 0–7: moving any parameter 1 % either way lowers the likelihood`, () => {
      const fit = fitBdw([calibration(data)]);
      for (const key of ["alpha", "beta", "c"] as const) {
        for (const step of [1.01, 0.99]) {
          const moved = { ...fit.params, [key]: fit.params[key] * step };
          expect(bdwLogLikelihood(moved, [calibration(data)])).toBeLessThan(fit.logLikelihood);
        }
      }
      // It nests the sBG, so it fits at least as well.
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(sbgLogLikelihood({ alpha: 1, beta: 1 }, [calibration(data)]));
    });
  }

  it("recovers the parameters from expected counts, cohorts of different ages fitted jointly", () => {
    const truth = { alpha: 1.2, beta: 3.5, c: 0.75 };
    const cohorts = [12, 9, 6, 3].map((age) => Array.from({ length: age + 1 }, (_, t) => 10_000 * bdwSurvival(truth, t)));
    const fit = fitBdw(cohorts);
    expect(fit.params.alpha).toBeCloseTo(truth.alpha, 4);
    expect(fit.params.beta).toBeCloseTo(truth.beta, 4);
    expect(fit.params.c).toBeCloseTo(truth.c, 5);
    expect(fit.periods).toBe(12);
  });

  it("has the gradient of its finite differences (fast-check)", () => {
    const ll = bdwLogLikelihoodAt(survivalCounts([calibration(HIGH_END), [300, 200, 170]]));
    const coordinate = fc.double({ min: -1.5, max: 1.5, noNaN: true });
    fc.assert(
      fc.property(fc.tuple(coordinate, coordinate, coordinate), (theta) => {
        const g = new Float64Array(3);
        ll(Float64Array.from(theta), g);
        const h = 1e-6;
        for (let i = 0; i < 3; i++) {
          const up = Float64Array.from(theta), down = Float64Array.from(theta);
          up[i] += h;
          down[i] -= h;
          const fd = (ll(up, null) - ll(down, null)) / (2 * h);
          expect(Math.abs(g[i] - fd)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd)));
        }
      }),
      { numRuns: 50 },
    );
  });

  it("needs two periods, and is #NUM! when nobody leaves", () => {
    expect(thrown(() => fitBdw([[100, 80]]))).toMatchObject({ kind: "num", message: expect.stringContaining("at least two periods") });
    expect(thrown(() => fitBdw([[100, 100, 100, 100]])).kind).toBe("num");
  });
});
