/**
 * A bootstrapped range for customer lifetime value: how much the CLV of the
 * customer base, and of each top customer, could move if the same business
 * had drawn a different sample of customers. Customers are resampled with
 * replacement, BG/NBD and Gamma-Gamma are refitted on each resample, and each
 * original customer's CLV is recomputed under the refitted parameters; the
 * range is the percentile interval of those replicates.
 *
 * It measures the parameters' sampling uncertainty, not the randomness of a
 * single customer's future purchases (which is far wider): a range for what
 * the model expects, not a prediction interval for what will happen.
 *
 * The refits are cheap, so a template can afford them at build time:
 * - a resample is the original customers with new weights (how often each
 *   was drawn), so the fits' groups of identical histories are formed once
 *   and only reweighted;
 * - each refit starts at the full data's maximum with its inverse Hessian
 *   (warm start: a few Newton-like steps, refitLikelihood in clv/mle.ts);
 * - CLVs are computed once per distinct history and period structure
 *   (customerLifetimeValues).
 *
 * References: B. Efron, R. J. Tibshirani (1993), An Introduction to the
 * Bootstrap, Chapman & Hall, ch. 6 (nonparametric bootstrap) and §13.3
 * (percentile interval); the CLV as in src/metrics/clv/clv.ts.
 */
import { invalidInput, MetricError, notComputable } from "../errors";
import { bgnbdWarmStart, fitBgnbd, refitBgnbd } from "../clv/bgnbd-fit";
import { BgnbdParams } from "../clv/bgnbd";
import { ClvCustomers, ClvOptions, customerLifetimeValues, validateClvOptions } from "../clv/clv";
import { fitGammaGamma, gammaGammaSpendGroups, gammaGammaWarmStart, GammaGammaParams, refitGammaGamma } from "../clv/gamma-gamma";
import { groupHistories, validateHistories } from "../clv/history";
import { seededUniform } from "../random";

export type { ClvCustomers } from "../clv/clv";

export interface BootstrapOptions {
  clv: ClvOptions;
  /** Resamples; 200 if omitted. */
  replicates?: number;
  /** Seed of the resampling (src/metrics/random.ts): the same seed gives the same ranges. 1 if omitted. */
  seed?: number;
  /** Coverage of the range; 0.9 (5th to 95th percentile) if omitted. */
  level?: number;
  /** How many of the highest-CLV customers get their own range; 10 if omitted. */
  top?: number;
  /** The fits on all customers when already made (a template has them): they are not fitted again. */
  fitted?: { bgnbd: BgnbdParams; gammaGamma: GammaGammaParams };
}

export interface ClvRange {
  /** CLV under the parameters fitted on all customers. */
  estimate: number;
  low: number;
  high: number;
}

export interface ClvBootstrap {
  total: ClvRange;
  /** The `top` customers by estimated CLV, highest first; index is their position in the input. */
  top: (ClvRange & { index: number })[];
  /** Resamples whose fits converged (the range is over these). */
  replicates: number;
  /** Resamples whose fits did not converge, left out. */
  failed: number;
  level: number;
  seed: number;
  bgnbd: BgnbdParams;
  gammaGamma: GammaGammaParams;
}

/**
 * Excel's PERCENTILE.INC (linear interpolation between order statistics) of sorted values.
 *
 * @example percentileSorted(Float64Array.from([1, 2, 3, 4, 5]), 0.05) // 1.2
 */
export function percentileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Customers with the same history and spend have the same CLV: one representative each, its weight, and each customer's. */
function valueGroups(c: ClvCustomers, spendX: ArrayLike<number>): { representatives: ClvCustomers; weight: Float64Array; groupOf: Int32Array } {
  const n = c.frequency.length;
  const slot = new Map<string, number>();
  const picks: number[] = [], weight: number[] = [];
  const groupOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = c.frequency[i];
    // Without repeat purchases only T matters; without a spend frequency, not the spend.
    const key = x === 0 ? `0|${c.T[i]}|${spendX[i]}` : `${x}|${c.recency[i]}|${c.T[i]}|${spendX[i]}|${spendX[i] > 0 ? c.monetary[i] : 0}`;
    const g = slot.get(key);
    if (g === undefined) {
      slot.set(key, picks.length);
      groupOf[i] = picks.length;
      picks.push(i);
      weight.push(1);
    } else {
      groupOf[i] = g;
      weight[g]++;
    }
  }
  const take = (a: ArrayLike<number>) => Float64Array.from(picks, (i) => a[i]);
  return {
    representatives: { frequency: take(c.frequency), recency: take(c.recency), T: take(c.T), monetary: take(c.monetary), spendFrequency: take(spendX) },
    weight: Float64Array.from(weight),
    groupOf,
  };
}

/**
 * The point CLV and a bootstrapped `level` range for the total CLV of all
 * customers and for each of the `top` customers. A resample whose fit does
 * not converge is left out and counted; if more than a tenth fail, the
 * ranges would be biased towards the resamples that fit, so it is #NUM!.
 * The Gamma-Gamma is fitted on (spendFrequency, monetary) when given
 * (customers with a spend frequency of 0 are left out of it), the BG/NBD on
 * (frequency, recency, T).
 */
export function bootstrapClv(customers: ClvCustomers, options: BootstrapOptions): ClvBootstrap {
  const n = customers.frequency.length;
  const spendX = customers.spendFrequency ?? customers.frequency;
  if (customers.recency.length !== n || customers.T.length !== n || customers.monetary.length !== n || spendX.length !== n) {
    throw invalidInput("frequency, recency, T and monetary must have one value per customer, the same number each.");
  }
  const clv = validateClvOptions(options.clv);
  const replicates = options.replicates ?? 200;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.9;
  const topCount = Math.min(options.top ?? 10, n);
  if (!Number.isInteger(replicates) || replicates < 2 || replicates > 100_000) throw invalidInput(`The number of resamples must be a whole number from 2 to 100,000 (got ${replicates}).`);
  if (!(level > 0 && level < 1)) throw invalidInput(`The range's coverage must be a fraction between 0 and 1, e.g. 0.9 (got ${level}).`);
  if (!Number.isInteger(topCount) || topCount < 0) throw invalidInput(`The number of top customers must be a whole number of 0 or more (got ${options.top}).`);

  validateHistories(customers);
  const spend = { frequency: spendX, monetary: customers.monetary };
  const bg = options.fitted?.bgnbd ?? fitBgnbd(customers).params;
  const gg = options.fitted?.gammaGamma ?? fitGammaGamma(spend).params;
  const bgGroups = groupHistories(customers);
  const ggGroups = gammaGammaSpendGroups(spend);
  const bgStart = bgnbdWarmStart(bgGroups, bg);
  const ggStart = gammaGammaWarmStart(ggGroups, gg);
  if (!bgStart || !ggStart) throw notComputable("The fits on all customers are not a proper maximum, so they cannot be refitted on resamples.");

  const { representatives, weight, groupOf } = valueGroups(customers, spendX);
  const valued = (b: BgnbdParams, g: GammaGammaParams) => customerLifetimeValues(b, g, representatives, clv);
  const point = valued(bg, gg);
  let pointTotal = 0;
  for (let g = 0; g < point.length; g++) pointTotal += weight[g] * point[g];
  const pointOf = (i: number) => point[groupOf[i]];
  const top = Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => pointOf(b) - pointOf(a) || a - b)
    .slice(0, topCount);

  const uniform = seededUniform(seed);
  const totals = new Float64Array(replicates);
  const topDraws = top.map(() => new Float64Array(replicates));
  const bgOf = bgGroups.groupOf!;
  const bgWeight = new Float64Array(bgGroups.size), ggWeight = new Float64Array(ggGroups.x.length);
  let done = 0, failed = 0;
  for (let b = 0; b < replicates; b++) {
    // A resample of n customers: each draw adds one to its customer's groups.
    bgWeight.fill(0);
    ggWeight.fill(0);
    let spenders = 0;
    for (let k = 0; k < n; k++) {
      const i = Math.floor(uniform() * n);
      bgWeight[bgOf[i]]++;
      const s = ggGroups.groupOf[i];
      if (s >= 0) {
        ggWeight[s]++;
        spenders++;
      }
    }
    let v: Float64Array;
    try {
      const bgB = refitBgnbd({ ...bgGroups, weight: bgWeight }, bgStart);
      const ggB = refitGammaGamma({ ...ggGroups, w: ggWeight, customers: spenders }, ggStart);
      // A refit can still give no finite CLV (q ≤ 1: an infinite mean spend): that resample failed too.
      v = valued(bgB, ggB);
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      failed++;
      continue;
    }
    let total = 0;
    for (let g = 0; g < v.length; g++) total += weight[g] * v[g];
    totals[done] = total;
    top.forEach((i, k) => (topDraws[k][done] = v[groupOf[i]]));
    done++;
  }
  if (failed > replicates / 10) {
    throw notComputable(`The models could not be refitted on ${failed} of ${replicates} resamples, too many for a trustworthy range (too few repeat customers?).`);
  }
  const lowP = (1 - level) / 2, highP = 1 - lowP;
  const range = (estimate: number, draws: Float64Array): ClvRange => {
    const sorted = draws.slice(0, done).sort();
    return { estimate, low: percentileSorted(sorted, lowP), high: percentileSorted(sorted, highP) };
  };
  return {
    total: range(pointTotal, totals),
    top: top.map((i, k) => ({ index: i, ...range(pointOf(i), topDraws[k]) })),
    replicates: done,
    failed,
    level,
    seed,
    bgnbd: bg,
    gammaGamma: gg,
  };
}
