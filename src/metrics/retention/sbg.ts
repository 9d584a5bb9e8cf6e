/**
 * The shifted-beta-geometric (sBG) model of contract renewal: at the end of
 * each period a customer with churn probability θ leaves with probability θ
 * (and renews otherwise); θ varies across customers as beta(α, β). The
 * cohort's retention rises with tenure because the likeliest churners leave
 * first, which a constant churn rate cannot show.
 *
 * Periods are counted from the start of the contract: t = 0 is the start,
 * S(t) the share still active after t periods (t renewals), and the lifetime
 * T = t when the customer leaves at the end of period t.
 *
 * Reference: P. S. Fader, B. G. S. Hardie (2007), "How to Project Customer
 * Retention", Journal of Interactive Marketing 21(1), 76–90, eqs. (1)–(3) and
 * (5)–(7) (P(T = t), S(t), r(t)).
 */
import { invalidInput } from "../errors";
import { logRisingFactorials } from "../clv/special";

export interface SbgParams {
  /** First shape of the beta distribution of churn probabilities. */
  alpha: number;
  /** Second shape of the beta distribution of churn probabilities. */
  beta: number;
}

export const SBG_PARAM_NAMES = ["alpha", "beta"] as const;

/** Throws #VALUE! unless α and β are finite numbers above 0. */
export function validateSbgParams(p: SbgParams): SbgParams {
  for (const name of SBG_PARAM_NAMES) {
    const v = p[name];
    if (!Number.isFinite(v) || v <= 0) throw invalidInput(`The sBG parameter ${name} must be a number above 0 (got ${v}).`);
  }
  return p;
}

/** Throws #VALUE! unless t is a whole number of periods, at least `min`. */
export function requirePeriods(t: number, name = "t", min = 0): number {
  if (!Number.isFinite(t) || !Number.isInteger(t) || t < min) {
    throw invalidInput(`${name} counts whole periods, so it must be a whole number of ${min} or more (got ${t}).`);
  }
  return t;
}

const scratchX = new Float64Array(1);
const scratchLog = new Float64Array(1);
const scratchDerivative = new Float64Array(1);

/** ln Γ(u + t)/Γ(u) for a whole t ≥ 0 (a sum of logs, or log-gammas for large t). */
export function logRising(u: number, t: number): number {
  scratchX[0] = t;
  logRisingFactorials(u, scratchX, scratchLog, scratchDerivative);
  return scratchLog[0];
}

/**
 * ln S(t) = ln[B(α, β + t)/B(α, β)] = ln[Γ(β + t)/Γ(β)] − ln[Γ(α + β + t)/Γ(α + β)],
 * i.e. Σ_{k<t} ln[(β + k)/(α + β + k)].
 */
export function sbgLogSurvival(p: SbgParams, t: number): number {
  return logRising(p.beta, t) - logRising(p.alpha + p.beta, t);
}

/**
 * S(t), the share of a cohort still active after t periods:
 * B(α, β + t)/B(α, β) = Π_{k<t} (β + k)/(α + β + k) (Fader & Hardie 2007, eq. 3).
 * S(0) = 1.
 *
 * The "high end" cohort of Fader & Hardie (α = 0.668, β = 3.806) after 7 years:
 * @example sbgSurvival({ alpha: 0.668, beta: 3.806 }, 7) // 0.4889…
 */
export function sbgSurvival(p: SbgParams, t: number): number {
  validateSbgParams(p);
  return Math.exp(sbgLogSurvival(p, requirePeriods(t)));
}

/**
 * r(t) = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1), the share of those
 * active after t − 1 periods who renew once more (Fader & Hardie 2007, eq. 7);
 * defined for t ≥ 1. It rises towards 1 with t.
 *
 * @example sbgRetention({ alpha: 0.668, beta: 3.806 }, 1) // 0.8506…
 */
export function sbgRetention(p: SbgParams, t: number): number {
  validateSbgParams(p);
  requirePeriods(t, "t", 1);
  return (p.beta + t - 1) / (p.alpha + p.beta + t - 1);
}

/**
 * P(T = t) = B(α + 1, β + t − 1)/B(α, β) = S(t − 1)·α/(α + β + t − 1), the
 * probability that a new customer leaves at the end of period t, t ≥ 1
 * (Fader & Hardie 2007, eq. 2).
 *
 * @example sbgChurnProbability({ alpha: 1, beta: 1 }, 2) // 1/6
 */
export function sbgChurnProbability(p: SbgParams, t: number): number {
  validateSbgParams(p);
  requirePeriods(t, "t", 1);
  return Math.exp(sbgLogSurvival(p, t - 1)) * (p.alpha / (p.alpha + p.beta + t - 1));
}

/**
 * S(0), S(1), …, S(periods) in one pass by the recursion S(t) = r(t)·S(t − 1).
 *
 * @example sbgSurvivalCurve({ alpha: 1, beta: 1 }, 3)[3] // 0.25
 */
export function sbgSurvivalCurve(p: SbgParams, periods: number): Float64Array {
  validateSbgParams(p);
  requirePeriods(periods, "periods");
  const s = new Float64Array(periods + 1);
  s[0] = 1;
  for (let t = 1; t <= periods; t++) s[t] = (s[t - 1] * (p.beta + t - 1)) / (p.alpha + p.beta + t - 1);
  return s;
}
