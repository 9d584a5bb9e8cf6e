/**
 * The cheap refits behind the CLV bootstrap: a resample is the original
 * customers reweighted, refitted from the full data's maximum with its
 * inverse Hessian. The warm refit must land where a cold fit of the same
 * resample (materialised customer by customer, fitted from the usual starts)
 * lands; the many-customer CLV must equal the one-customer CLV; and the
 * spend model takes its own frequency when some amounts are unknown.
 */
import { bgnbdObjective, bgnbdWarmStart, fitBgnbd, refitBgnbd } from "../../../src/metrics/clv/bgnbd-fit";
import { customerLifetimeValue, customerLifetimeValues } from "../../../src/metrics/clv/clv";
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood, gammaGammaSpendGroups, gammaGammaWarmStart, refitGammaGamma } from "../../../src/metrics/clv/gamma-gamma";
import { groupHistories } from "../../../src/metrics/clv/history";
import { minimizeBfgs } from "../../../src/metrics/clv/optimize";
import { bootstrapClv } from "../../../src/metrics/holdout/clv-bootstrap";
import { seededUniform } from "../../../src/metrics/random";
import { loadCdnow } from "../clv/cdnow";
import { thrown } from "../clv/thrown";

const cdnow = loadCdnow();
const n = cdnow.frequency.length;
const full = { bg: fitBgnbd(cdnow), gg: fitGammaGamma(cdnow) };

/** A resample as draw counts per customer. */
function drawCounts(seed: number): Int32Array {
  const u = seededUniform(seed);
  const counts = new Int32Array(n);
  for (let k = 0; k < n; k++) counts[Math.floor(u() * n)]++;
  return counts;
}

/** The resample written out customer by customer, as the bootstrap used to materialise it. */
function materialised(counts: Int32Array) {
  const picks: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) picks.push(i);
  });
  const take = (a: number[]) => picks.map((i) => a[i]);
  return { frequency: take(cdnow.frequency), recency: take(cdnow.recency), T: take(cdnow.T), monetary: take(cdnow.monetary) };
}

describe("warm refits on reweighted groups equal cold fits of the resample", () => {
  const bgGroups = groupHistories(cdnow);
  const ggGroups = gammaGammaSpendGroups(cdnow);
  const bgStart = bgnbdWarmStart(bgGroups, full.bg.params)!;
  const ggStart = gammaGammaWarmStart(ggGroups, full.gg.params)!;

  test.each([3, 11, 29])("resample with seed %i: BG/NBD to 6 digits, Gamma-Gamma to 5 and to the same likelihood", (seed) => {
    const counts = drawCounts(seed);
    const bgWeight = new Float64Array(bgGroups.size), ggWeight = new Float64Array(ggGroups.x.length);
    let spenders = 0;
    counts.forEach((c, i) => {
      bgWeight[bgGroups.groupOf![i]] += c;
      if (ggGroups.groupOf[i] >= 0) {
        ggWeight[ggGroups.groupOf[i]] += c;
        spenders += c;
      }
    });
    const warmBg = refitBgnbd({ ...bgGroups, weight: bgWeight }, bgStart);
    const warmGg = refitGammaGamma({ ...ggGroups, w: ggWeight, customers: spenders }, ggStart);
    const sample = materialised(counts);
    const coldBg = fitBgnbd(sample).params, coldGg = fitGammaGamma(sample).params;
    for (const k of ["r", "alpha", "a", "b"] as const) expect(warmBg[k] / coldBg[k]).toBeCloseTo(1, 6);
    // p, q and γ are strongly correlated (the likelihood is long and flat along a ridge): two searches stopping at the
    // same gradient tolerance agree to about 6 digits on the parameters and to 12 on the likelihood.
    for (const k of ["p", "q", "gamma"] as const) expect(warmGg[k] / coldGg[k]).toBeCloseTo(1, 5);
    expect(gammaGammaLogLikelihood(warmGg, sample) / gammaGammaLogLikelihood(coldGg, sample)).toBeCloseTo(1, 12);
    // A resample moves the estimates: the refit is not the start returned unchanged.
    expect(Math.abs(warmBg.r / full.bg.params.r - 1)).toBeGreaterThan(1e-4);
  });

  test("the warm start makes the refit short: a handful of iterations against a few dozen from the identity", () => {
    const counts = drawCounts(5);
    const bgWeight = new Float64Array(bgGroups.size);
    counts.forEach((c, i) => (bgWeight[bgGroups.groupOf![i]] += c));
    // The same objective bgnbdObjective builds, minimised with and without the inverse Hessian.
    let evaluations = 0;
    const f = bgnbdObjective({ ...bgGroups, weight: bgWeight });
    const objective = (theta: Float64Array, g: Float64Array) => {
      evaluations++;
      return f(theta, g);
    };
    const warm = minimizeBfgs(objective, bgStart.theta, { inverseHessian: bgStart.inverseHessian });
    const warmEvaluations = evaluations;
    evaluations = 0;
    const cold = minimizeBfgs(objective, bgStart.theta);
    expect(warm.converged && cold.converged).toBe(true);
    expect(warm.iterations).toBeLessThanOrEqual(8);
    expect(cold.iterations).toBeGreaterThan(2 * warm.iterations);
    expect(warmEvaluations).toBeLessThan(evaluations);
  });
});

describe("CLV of many customers at once", () => {
  const bg = full.bg.params, gg = full.gg.params;

  test("equals customerLifetimeValue customer by customer (discounted, weekly, 52 periods)", () => {
    const options = { periods: 52, discountRate: 0.002, margin: 0.3 };
    const all = customerLifetimeValues(bg, gg, cdnow, options);
    for (let i = 0; i < n; i += 7) {
      const one = customerLifetimeValue(bg, gg, { frequency: cdnow.frequency[i], recency: cdnow.recency[i], T: cdnow.T[i], monetary: cdnow.monetary[i] }, options);
      expect(all[i] / one).toBeCloseTo(1, 10);
    }
  });

  test("a spend frequency of 0 values the customer's spend at the population mean p·γ/(q − 1); a smaller one weighs their own mean less", () => {
    const c = { frequency: [4, 4, 4], recency: [20, 20, 20], T: [38, 38, 38], monetary: [50, 50, 50], spendFrequency: [4, 1, 0] };
    const options = { periods: 26, discountRate: 0, margin: 1 };
    const values = customerLifetimeValues(bg, gg, c, options);
    const purchases = customerLifetimeValue(bg, gg, { frequency: 4, recency: 20, T: 38, monetary: 50 }, options) / gammaGammaExpectedSpend(gg, 4, 50);
    expect(values[0] / (purchases * gammaGammaExpectedSpend(gg, 4, 50))).toBeCloseTo(1, 12);
    expect(values[1] / (purchases * gammaGammaExpectedSpend(gg, 1, 50))).toBeCloseTo(1, 12);
    expect(values[2] / (purchases * ((gg.p * gg.gamma) / (gg.q - 1)))).toBeCloseTo(1, 12);
    expect(thrown(() => customerLifetimeValues(bg, gg, { ...c, spendFrequency: [5, 1, 0] }, options)).message).toContain("exceeds their repeat purchases");
  });
});

describe("the bootstrap with fits given and a spend frequency", () => {
  const clv = { periods: 26, discountRate: 0, margin: 1 };

  test("given the full fits, it does not refit them and gives the same ranges", () => {
    const own = bootstrapClv(cdnow, { clv, replicates: 8, seed: 2, top: 3 });
    const given = bootstrapClv(cdnow, { clv, replicates: 8, seed: 2, top: 3, fitted: { bgnbd: full.bg.params, gammaGamma: full.gg.params } });
    expect(given.total).toEqual(own.total);
    expect(given.top).toEqual(own.top);
  });

  test("customers with a spend frequency of 0 are left out of the spend fit, kept in the purchase fit", () => {
    // Half the repeat customers' amounts unknown: the spend model sees the other half only.
    const spendFrequency = cdnow.frequency.map((x, i) => (i % 2 === 0 ? x : 0));
    const b = bootstrapClv({ ...cdnow, spendFrequency }, { clv, replicates: 4, seed: 1, top: 0 });
    expect(b.bgnbd).toEqual(full.bg.params);
    const half = fitGammaGamma({ frequency: spendFrequency, monetary: cdnow.monetary }).params;
    expect(b.gammaGamma).toEqual(half);
    expect(b.total.estimate).toBeCloseTo(customerLifetimeValues(full.bg.params, half, { ...cdnow, spendFrequency }, clv).reduce((a, v) => a + v, 0), 6);
  });
});
