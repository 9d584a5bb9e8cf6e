/**
 * The Gamma-Gamma model of spend per transaction: a customer's transaction
 * values are gamma(p, ν) around their own mean p/ν, and ν ~ gamma(q, γ) across
 * customers. It is fitted to each repeat customer's number of repeat
 * transactions x and their mean value m̄ (customers with x = 0 carry no
 * information about spend and are left out), and assumes spend is
 * independent of purchase frequency.
 *
 * Reference: P. S. Fader, B. G. S. Hardie (2013), "The Gamma-Gamma Model of
 * Monetary Value" (note, brucehardie.com); the model is that of E. Colombo,
 * W. Jiang (1999), "A stochastic RFM model", Journal of Interactive Marketing
 * 13(3). Their CDNOW estimates are p = 6.25, q = 3.74, γ = 15.44.
 */
import { invalidInput, notAvailable, notComputable } from "../errors";
import { defaultLocator, Locator } from "./history";
import { inverseHessianAt, maximizeLikelihood, refitLikelihood, WarmStart } from "./mle";
import { Objective } from "./optimize";
import { digamma, logGamma } from "./special";

export interface GammaGammaParams {
  /** Shape of the gamma distribution of one customer's transaction values. */
  p: number;
  /** Shape of the gamma distribution of ν across customers. */
  q: number;
  /** Scale (rate) of the gamma distribution of ν across customers, in money units. */
  gamma: number;
}

export const GAMMA_GAMMA_PARAM_NAMES = ["p", "q", "gamma"] as const;

export interface SpendHistories {
  /** Repeat transactions per customer (whole numbers ≥ 0). */
  frequency: ArrayLike<number>;
  /** Mean value of each customer's repeat transactions (> 0 when frequency > 0; ignored when 0). */
  monetary: ArrayLike<number>;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  standardErrors: GammaGammaParams;
  /** Customers in the fit (those with frequency > 0). */
  customers: number;
  iterations: number;
}

/** Throws #VALUE! unless every parameter is a finite number above 0. */
export function validateGammaGammaParams(g: GammaGammaParams): GammaGammaParams {
  for (const name of GAMMA_GAMMA_PARAM_NAMES) {
    const v = g[name];
    if (!Number.isFinite(v) || v <= 0) throw invalidInput(`The Gamma-Gamma parameter ${name} must be a number above 0 (got ${v}).`);
  }
  return g;
}

/** Throws #VALUE! for an impossible (frequency, monetary) pair. */
export function validateSpend(x: number, m: number, index: number, where: Locator = defaultLocator): void {
  if (!Number.isFinite(x) || x < 0 || !Number.isInteger(x)) {
    throw invalidInput(`${where(index, "frequency")} is ${x}; frequency counts repeat purchases, so it must be a whole number of 0 or more.`);
  }
  if (x > 0 && !(Number.isFinite(m) && m > 0)) {
    const what = Number.isFinite(m) ? `is ${m}` : "is empty or not a number";
    throw invalidInput(`${where(index, "monetary")} ${what}; a customer with repeat purchases needs their mean spend per repeat purchase, above 0.`);
  }
}

/** The repeat customers' (x, m̄), validated. */
function repeatCustomers(h: SpendHistories, where: Locator): { x: Float64Array; m: Float64Array } {
  const n = h.frequency.length;
  if (h.monetary.length !== n) {
    throw invalidInput(`frequency (${n}) and monetary (${h.monetary.length}) must have one value per customer, the same number each.`);
  }
  const x: number[] = [], m: number[] = [];
  for (let i = 0; i < n; i++) {
    validateSpend(h.frequency[i], h.monetary[i], i, where);
    if (h.frequency[i] > 0) {
      x.push(h.frequency[i]);
      m.push(h.monetary[i]);
    }
  }
  return { x: Float64Array.from(x), m: Float64Array.from(m) };
}

/**
 * Log-likelihood of the repeat customers and its gradient in θ = ln(p, q, γ).
 * One customer contributes
 *   ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln m̄ + px ln x − (px + q) ln(γ + x m̄);
 * the gamma functions depend on x only, so they are computed once per distinct x.
 */
/**
 * Repeat customers grouped by identical (x, m̄): prices repeat, and so do
 * histories, so every evaluation of the likelihood runs over the distinct
 * (x, m̄) only, each with a weight (how many customers share it; a bootstrap
 * resample reweights the same groups).
 */
export interface SpendGroups {
  x: Float64Array;
  m: Float64Array;
  w: Float64Array;
  /** The sum of the weights: repeat customers in the fit. */
  customers: number;
}

/**
 * Groups (x, m̄) pairs; `groupOf[i]` is pair i's group. The key m̄·1024 + x is
 * exact while x < 1024 and m̄ < 2^42; other customers keep a group of their own.
 */
function distinctSpends(x: Float64Array, m: Float64Array): SpendGroups & { groupOf: Int32Array } {
  const n = x.length;
  const slot = new Map<number, number>();
  const gx = new Float64Array(n), gm = new Float64Array(n), gw = new Float64Array(n);
  const groupOf = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const exact = x[i] < 1024 && m[i] < 4.398e12;
    const key = m[i] * 1024 + x[i];
    const at = exact ? slot.get(key) : undefined;
    if (at !== undefined) {
      gw[at]++;
      groupOf[i] = at;
      continue;
    }
    if (exact) slot.set(key, k);
    gx[k] = x[i];
    gm[k] = m[i];
    gw[k] = 1;
    groupOf[i] = k;
    k++;
  }
  return { x: gx.subarray(0, k), m: gm.subarray(0, k), w: gw.subarray(0, k), customers: n, groupOf };
}

/**
 * Log-likelihood of the repeat customers and its gradient in θ = ln(p, q, γ).
 * One customer contributes
 *   ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln m̄ + px ln x − (px + q) ln(γ + x m̄);
 * the gamma functions depend on x only, so they are computed once per distinct x.
 */
function logLikelihoodAt(groups: SpendGroups): (theta: Float64Array, gradient: Float64Array | null) => number {
  const { x, m, w } = groups;
  const size = x.length;
  const n = groups.customers;
  const counts = new Map<number, number>();
  let linearInP = 0; // Σ x(ln m̄ + ln x)
  let sumLogM = 0;
  const xm = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    if (w[i] === 0) continue;
    counts.set(x[i], (counts.get(x[i]) ?? 0) + w[i]);
    linearInP += w[i] * x[i] * (Math.log(m[i]) + Math.log(x[i]));
    sumLogM += w[i] * Math.log(m[i]);
    xm[i] = x[i] * m[i];
  }
  const distinct = [...counts.entries()];
  return (theta, gradient) => {
    const p = Math.exp(theta[0]), q = Math.exp(theta[1]), gamma = Math.exp(theta[2]);
    let ll = -n * logGamma(q) + n * q * theta[2] + p * linearInP - sumLogM;
    let gp = linearInP, gq = -n * digamma(q) + n * theta[2], gg = (n * q) / gamma;
    for (const [xv, count] of distinct) {
      const px = p * xv;
      ll += count * (logGamma(px + q) - logGamma(px));
      if (gradient) {
        const psiSum = digamma(px + q);
        gp += count * xv * (psiSum - digamma(px));
        gq += count * psiSum;
      }
    }
    for (let i = 0; i < size; i++) {
      if (w[i] === 0) continue;
      const denom = gamma + xm[i];
      const lnDenom = w[i] * Math.log(denom);
      const shape = p * x[i] + q;
      ll -= shape * lnDenom;
      gp -= x[i] * lnDenom;
      gq -= lnDenom;
      gg -= (w[i] * shape) / denom;
    }
    if (gradient) {
      gradient[0] = p * gp;
      gradient[1] = q * gq;
      gradient[2] = gamma * gg;
    }
    return ll;
  };
}

/**
 * Total Gamma-Gamma log-likelihood of the repeat customers.
 *
 * @example gammaGammaLogLikelihood({ p: 1, q: 1, gamma: 1 }, { frequency: [1, 0], monetary: [1, 0] }) // -1.3862943611…
 */
export function gammaGammaLogLikelihood(g: GammaGammaParams, h: SpendHistories): number {
  validateGammaGammaParams(g);
  const { x, m } = repeatCustomers(h, defaultLocator);
  return logLikelihoodAt(distinctSpends(x, m))(Float64Array.from([g.p, g.q, g.gamma], Math.log), null);
}

/** q above this (e^9 ≈ 8,100) is checked for the boundary where customers' spend rates do not vary. */
const LARGE_LOG_Q = 9;

const HOMOGENEOUS =
  "the customers' mean spends vary no more than the spread of single purchases explains, so the model's spread of " +
  "spending rates across customers (q) goes to infinity and every customer's expected spend is the average spend. " +
  "Use the average spend per purchase (AVERAGE) instead of a Gamma-Gamma fit.";

/**
 * True when the fit is heading for q, γ → ∞ with γ/q fixed: the limit in which
 * every customer has the same spending rate ν = q/γ (no heterogeneity) and the
 * Gamma-Gamma model has no maximum. Detected when q is large and the
 * likelihood still does not fall when q and γ are both multiplied by 10.
 */
function spendHomogeneous(objective: Objective, theta: Float64Array, gradient: Float64Array): boolean {
  if (!(theta[1] > LARGE_LOG_Q)) return false;
  const here = objective(theta, gradient);
  const further = objective(Float64Array.from([theta[0], theta[1] + Math.LN10, theta[2] + Math.LN10]), gradient);
  return !(further > here + 1e-12 * Math.abs(here));
}

/** What the fits minimise: the mean negative log-likelihood per repeat customer, with its gradient in θ = ln(p, q, γ). */
export function gammaGammaObjective(groups: SpendGroups): Objective {
  const logLik = logLikelihoodAt(groups);
  const n = groups.customers;
  return (theta, gradient) => {
    const ll = logLik(theta, gradient);
    for (let i = 0; i < 3; i++) gradient[i] = -gradient[i] / n;
    return -ll / n;
  };
}

/**
 * The repeat customers of `h` (frequency > 0) grouped by identical (x, m̄),
 * and each customer's group (−1 for a customer without repeat purchases):
 * what a bootstrap reweights. Validates as fitGammaGamma does.
 */
export function gammaGammaSpendGroups(h: SpendHistories, where: Locator = defaultLocator): SpendGroups & { groupOf: Int32Array } {
  const { x, m } = repeatCustomers(h, where);
  const grouped = distinctSpends(x, m);
  const groupOf = new Int32Array(h.frequency.length).fill(-1);
  for (let i = 0, k = 0; i < groupOf.length; i++) if (h.frequency[i] > 0) groupOf[i] = grouped.groupOf[k++];
  return { ...grouped, groupOf };
}

/** The warm start at fitted parameters of these groups (θ = ln(p, q, γ) and the inverse Hessian there); null when it is not positive definite. */
export function gammaGammaWarmStart(groups: SpendGroups, params: GammaGammaParams): WarmStart | null {
  const theta = Float64Array.from([params.p, params.q, params.gamma], Math.log);
  const inverseHessian = inverseHessianAt(gammaGammaObjective(groups), theta);
  return inverseHessian ? { theta, inverseHessian } : null;
}

/**
 * The Gamma-Gamma refitted on reweighted groups (a bootstrap resample; `customers`
 * the sum of the new weights) from the original fit's maximum. Throws #NUM! as
 * fitGammaGamma when the resample has no proper maximum.
 */
export function refitGammaGamma(groups: SpendGroups, from: WarmStart): GammaGammaParams {
  const objective = gammaGammaObjective(groups);
  const scratch = new Float64Array(3);
  const [p, q, gamma] = refitLikelihood({
    model: "Gamma-Gamma",
    names: GAMMA_GAMMA_PARAM_NAMES,
    objective,
    start: from.theta,
    inverseHessian: from.inverseHessian,
    boundary: (theta) => (spendHomogeneous(objective, theta, scratch) ? HOMOGENEOUS : null),
  });
  return { p, q, gamma };
}

/**
 * Maximum-likelihood Gamma-Gamma parameters from each customer's repeat
 * frequency and mean spend per repeat transaction; customers with frequency 0
 * are left out. Throws #NUM! when the likelihood has no proper maximum.
 *
 * @example fitGammaGamma({ frequency: [1, 2, 3, 1, 4, 2, 0], monetary: [10, 30, 22, 8, 40, 15, 0] }).params.p // 2.285…
 */
export function fitGammaGamma(h: SpendHistories, where: Locator = defaultLocator): GammaGammaFit {
  const { x, m } = repeatCustomers(h, where);
  const n = x.length;
  if (n === 0) throw notAvailable("No customer made a repeat purchase, so there is no spend to fit the Gamma-Gamma model to.");
  const objective = gammaGammaObjective(distinctSpends(x, m));
  // Starts on the data's money scale: the mean spend is pγ/(q − 1).
  let mean = 0;
  for (let i = 0; i < n; i++) mean += m[i] / n;
  const scratch = new Float64Array(3);
  const fit = maximizeLikelihood({
    model: "Gamma-Gamma",
    names: GAMMA_GAMMA_PARAM_NAMES,
    objective,
    observations: n,
    boundary: (theta) => (spendHomogeneous(objective, theta, scratch) ? HOMOGENEOUS : null),
    starts: [
      [2, 3, mean],
      [5, 5, 0.8 * mean],
      [1, 1.5, 0.5 * mean],
      [10, 2, 0.1 * mean],
    ],
  });
  const [p, q, gamma] = fit.estimates;
  const se = fit.standardErrors;
  return {
    params: { p, q, gamma },
    logLikelihood: fit.logLikelihood,
    standardErrors: { p: se[0], q: se[1], gamma: se[2] },
    customers: n,
    iterations: fit.iterations,
  };
}

/**
 * Expected mean spend per transaction of a customer with x repeat
 * transactions of mean value m̄: a weighted average of the population mean
 * pγ/(q − 1) and the customer's own mean,
 *   E(M | x, m̄) = (q − 1)/(px + q − 1)·pγ/(q − 1) + px/(px + q − 1)·m̄ = p(γ + x m̄)/(px + q − 1).
 * With x = 0 it is the population mean, which is finite only when q > 1.
 *
 * Reference: Fader & Hardie (2013), the conditional expectation of M; lifetimes'
 * GammaGammaFitter.conditional_expected_average_profit.
 *
 * @example gammaGammaExpectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, 2, 22.35) // 24.66…
 */
export function gammaGammaExpectedSpend(g: GammaGammaParams, x: number, m: number): number {
  validateGammaGammaParams(g);
  validateSpend(x, m, 0, (_i, field) => field);
  const denominator = g.p * x + g.q - 1;
  if (denominator <= 0) {
    throw notComputable(`With q = ${g.q} ≤ 1 the Gamma-Gamma mean spend of a customer without repeat purchases is infinite.`);
  }
  return (g.p * (g.gamma + (x > 0 ? x * m : 0))) / denominator;
}
