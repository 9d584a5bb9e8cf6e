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
 * References: B. Efron, R. J. Tibshirani (1993), An Introduction to the
 * Bootstrap, Chapman & Hall, ch. 6 (nonparametric bootstrap) and §13.3
 * (percentile interval); the CLV as in src/metrics/clv/clv.ts.
 */
import { invalidInput, MetricError, notComputable } from "../errors";
import { fitBgnbd } from "../clv/bgnbd-fit";
import { BgnbdParams } from "../clv/bgnbd";
import { ClvOptions, customerLifetimeValue, validateClvOptions } from "../clv/clv";
import { fitGammaGamma, GammaGammaParams } from "../clv/gamma-gamma";
import { seededUniform } from "../random";

export interface ClvCustomers {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Mean spend per repeat purchase (ignored when frequency is 0). */
  monetary: ArrayLike<number>;
}

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

function clvOf(bg: BgnbdParams, gg: GammaGammaParams, c: ClvCustomers, i: number, options: ClvOptions): number {
  return customerLifetimeValue(bg, gg, { frequency: c.frequency[i], recency: c.recency[i], T: c.T[i], monetary: c.monetary[i] }, options);
}

function take(c: ClvCustomers, picks: Int32Array): ClvCustomers {
  return {
    frequency: Float64Array.from(picks, (i) => c.frequency[i]),
    recency: Float64Array.from(picks, (i) => c.recency[i]),
    T: Float64Array.from(picks, (i) => c.T[i]),
    monetary: Float64Array.from(picks, (i) => c.monetary[i]),
  };
}

/**
 * The point CLV and a bootstrapped `level` range for the total CLV of all
 * customers and for each of the `top` customers. A resample whose fit does
 * not converge is left out and counted; if more than a tenth fail, the
 * ranges would be biased towards the resamples that fit, so it is #NUM!.
 * Customers with the same history (x, t_x, T and, for repeat buyers, spend)
 * have the same CLV, so each replicate values each distinct history once.
 */
export function bootstrapClv(customers: ClvCustomers, options: BootstrapOptions): ClvBootstrap {
  const n = customers.frequency.length;
  if (customers.recency.length !== n || customers.T.length !== n || customers.monetary.length !== n) {
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

  const bg = fitBgnbd(customers).params;
  const gg = fitGammaGamma(customers).params;
  const point = Float64Array.from({ length: n }, (_, i) => clvOf(bg, gg, customers, i, clv));
  let pointTotal = 0;
  for (const v of point) pointTotal += v;
  const top = Array.from(point.keys())
    .sort((a, b) => point[b] - point[a] || a - b)
    .slice(0, topCount);

  // Distinct histories and how many customers share each: a customer without
  // repeat purchases is valued by T alone.
  const groupOf = new Map<string, number>();
  const representative: number[] = [], weight: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = customers.frequency[i];
    const key = x === 0 ? `0|${customers.T[i]}` : `${x}|${customers.recency[i]}|${customers.T[i]}|${customers.monetary[i]}`;
    const g = groupOf.get(key);
    if (g === undefined) {
      groupOf.set(key, representative.length);
      representative.push(i);
      weight.push(1);
    } else weight[g]++;
  }

  const uniform = seededUniform(seed);
  const totals = new Float64Array(replicates);
  const topDraws = top.map(() => new Float64Array(replicates));
  const picks = new Int32Array(n);
  let done = 0, failed = 0;
  for (let b = 0; b < replicates; b++) {
    for (let i = 0; i < n; i++) picks[i] = Math.floor(uniform() * n);
    let bgB: BgnbdParams, ggB: GammaGammaParams;
    try {
      const sample = take(customers, picks);
      bgB = fitBgnbd(sample).params;
      ggB = fitGammaGamma(sample).params;
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      failed++;
      continue;
    }
    let total = 0;
    for (let g = 0; g < representative.length; g++) total += weight[g] * clvOf(bgB, ggB, customers, representative[g], clv);
    totals[done] = total;
    top.forEach((i, k) => (topDraws[k][done] = clvOf(bgB, ggB, customers, i, clv)));
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
    top: top.map((i, k) => ({ index: i, ...range(point[i], topDraws[k]) })),
    replicates: done,
    failed,
    level,
    seed,
    bgnbd: bg,
    gammaGamma: gg,
  };
}
