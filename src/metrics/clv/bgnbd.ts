/**
 * The BG/NBD ("beta-geometric / negative binomial distribution") model of
 * repeat buying in a non-contractual setting: while active, a customer buys
 * at a Poisson rate λ; after each purchase they drop out for good with
 * probability p; λ ~ gamma(r, α) and p ~ beta(a, b) across customers.
 *
 * Reference: P. S. Fader, B. G. S. Hardie, K. L. Lee (2005), "'Counting Your
 * Customers' the Easy Way: An Alternative to the Pareto/NBD Model",
 * Marketing Science 24(2), 275–284 (equations cited per function below).
 */
import { invalidInput } from "../errors";
import { validateHistory } from "./history";
import { hyp2f1Excess, hyp2f1ExcessAt } from "./hypergeometric";
import { logistic } from "./special";

export interface BgnbdParams {
  /** Shape of the gamma distribution of purchase rates. */
  r: number;
  /** Scale (rate) of the gamma distribution of purchase rates, in the time unit of the data. */
  alpha: number;
  /** First shape of the beta distribution of drop-out probabilities. */
  a: number;
  /** Second shape of the beta distribution of drop-out probabilities. */
  b: number;
}

export const BGNBD_PARAM_NAMES = ["r", "alpha", "a", "b"] as const;

/** Throws #VALUE! unless every parameter is a finite number above 0. */
export function validateBgnbdParams(p: BgnbdParams): BgnbdParams {
  for (const name of BGNBD_PARAM_NAMES) {
    const v = p[name];
    if (!Number.isFinite(v) || v <= 0) throw invalidInput(`The BG/NBD parameter ${name} must be a number above 0 (got ${v}).`);
  }
  return p;
}

function requireTime(t: number, name: string): number {
  if (!Number.isFinite(t) || t < 0) throw invalidInput(`${name} must be a number of 0 or more (got ${t}).`);
  return t;
}

/**
 * ln of the odds that a customer with x > 0 repeat purchases dropped out
 * after the last one rather than still being active:
 * ln[a/(b + x − 1)] + (r + x)·ln[(α + T)/(α + t_x)].
 */
function logDropOutOdds(p: BgnbdParams, x: number, tx: number, T: number): number {
  return Math.log(p.a / (p.b + x - 1)) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
}

/**
 * Probability that a customer is still active at the end of the observation
 * period, given x repeat purchases, the last at age t_x, and age T:
 * 1 / (1 + [x > 0]·a/(b + x − 1)·((α + T)/(α + t_x))^(r + x)).
 * A customer with no repeat purchase has not had a chance to drop out: 1.
 *
 * Reference: P. S. Fader, B. G. S. Hardie, K. L. Lee (2008), "Computing
 * P(alive) Using the BG/NBD Model" (note, brucehardie.com), eq. 1.
 *
 * @example bgnbdProbabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86) // 0.7265…
 */
export function bgnbdProbabilityAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  validateBgnbdParams(p);
  validateHistory(x, tx, T, 0, (_i, field) => field);
  if (x === 0) return 1;
  return logistic(-logDropOutOdds(p, x, tx, T));
}

/**
 * The expected number of purchases in (T, T + t] of a customer who is still
 * active at T, up to the factor P(alive). With z = t/(α + T + t), FHL (2005)
 * write it as (a + b + x − 1)/(a − 1)·[1 − ((α + T)/(α + T + t))^(r + x)·2F1(r + x, b + x; a + b + x − 1; z)].
 * Euler's transformation 2F1(A, B; C; z) = (1 − z)^(C−A−B) 2F1(C − A, C − B; C; z)
 * turns the bracket into 1 − (1 − z)^(a−1)·2F1(a + b − 1 − r, a − 1; a + b + x − 1; z),
 * and splitting off the series' leading 1 gives
 *
 *   c·[1 − (1 − z)^(a−1)]/(a − 1) − (1 − z)^(a−1)·c·[2F1(…) − 1]/(a − 1),   c = a + b + x − 1,
 *
 * both terms finite and accurate at and near a = 1, where the textbook form is
 * 0/0, and no term overflows for large x.
 */
function expectedWhileActive(p: BgnbdParams, t: number, x: number, T: number): number {
  if (t === 0) return 0;
  const c = p.a + p.b + x - 1;
  const log1mz = -Math.log1p(t / (p.alpha + T)); // ln(1 − z) = ln[(α + T)/(α + T + t)]
  const z = t / (p.alpha + T + t);
  const am1 = p.a - 1;
  const first = am1 === 0 ? -log1mz : -Math.expm1(am1 * log1mz) / am1;
  return c * first - Math.exp(am1 * log1mz) * hyp2f1Excess(p.a + p.b - 1 - p.r, am1, c, z);
}

/**
 * expectedWhileActive at each of the increasing times `ts` (≥ 0) for one
 * (x, T), written into `out`: the hypergeometric function is walked from one
 * time to the next (hyp2f1ExcessAt) rather than computed afresh for each.
 */
export function expectedWhileActiveAt(p: BgnbdParams, ts: ArrayLike<number>, x: number, T: number, out: Float64Array): void {
  const n = ts.length;
  const c = p.a + p.b + x - 1;
  const am1 = p.a - 1;
  const zs = new Float64Array(n);
  for (let i = 0; i < n; i++) zs[i] = ts[i] / (p.alpha + T + ts[i]);
  hyp2f1ExcessAt(p.a + p.b - 1 - p.r, am1, c, zs, out);
  for (let i = 0; i < n; i++) {
    const t = ts[i];
    if (t === 0) {
      out[i] = 0;
      continue;
    }
    const log1mz = -Math.log1p(t / (p.alpha + T));
    const first = am1 === 0 ? -log1mz : -Math.expm1(am1 * log1mz) / am1;
    out[i] = c * first - Math.exp(am1 * log1mz) * out[i];
  }
}

/**
 * Expected number of repeat purchases in (0, t] of a customer picked at random
 * at their first purchase: E[X(t)] = (a + b − 1)/(a − 1)·[1 − (α/(α + t))^r·2F1(r, b; a + b − 1; t/(α + t))].
 *
 * Reference: Fader, Hardie & Lee (2005), eq. 9.
 *
 * @example bgnbdExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 78) // 1.860…
 */
export function bgnbdExpectedPurchases(p: BgnbdParams, t: number): number {
  validateBgnbdParams(p);
  return expectedWhileActive(p, requireTime(t, "t"), 0, 0);
}

/**
 * Expected number of purchases in the next t time units of a customer with x
 * repeat purchases, the last at age t_x, now of age T:
 * E[Y(t) | x, t_x, T] = P(alive)·(a + b + x − 1)/(a − 1)·[1 − ((α + T)/(α + T + t))^(r+x)·2F1(r + x, b + x; a + b + x − 1; t/(α + T + t))].
 *
 * Reference: Fader, Hardie & Lee (2005), eq. 10. The example is customer 1 of
 * CDNOW, whom their spreadsheet implementation ("Implementing the BG/NBD Model
 * for Customer Base Analysis in Excel", 2005) expects to make 1.226 purchases
 * in the next 39 weeks.
 *
 * @example bgnbdConditionalExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 2, 30.43, 38.86) // 1.226…
 */
export function bgnbdConditionalExpectedPurchases(p: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  return bgnbdProbabilityAlive(p, x, tx, T) * expectedWhileActive(p, requireTime(t, "t"), x, T);
}
