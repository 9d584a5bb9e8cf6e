/**
 * The beta-discrete-Weibull (BdW) model of contract renewal: a customer's
 * churn hazard varies with tenure as a discrete Weibull, P(T > t | θ) =
 * (1 − θ)^(t^c), with θ ~ beta(α, β) across customers. c < 1: each
 * customer's churn probability falls with tenure; c > 1: it rises; c = 1 is
 * the sBG. Retention at the cohort level then mixes heterogeneity with real
 * duration dependence, which the sBG attributes to heterogeneity alone.
 *
 * Reference: P. S. Fader, B. G. S. Hardie, Y. Liu, J. Davin, T. Steenburgh
 * (2018), "'How to Project Customer Retention' Revisited: The Role of
 * Duration Dependence", Journal of Interactive Marketing 43, 1–16, eqs. (3)–(5):
 *   S(t) = B(α, β + t^c)/B(α, β),   P(T = t) = S(t − 1) − S(t).
 */
import { invalidInput } from "../errors";
import { digamma, logGamma } from "../clv/special";
import { requirePeriods } from "./sbg";

export interface BdwParams {
  alpha: number;
  beta: number;
  /** Duration dependence: below 1 churn falls with tenure, above 1 it rises, 1 is the sBG. */
  c: number;
}

export const BDW_PARAM_NAMES = ["alpha", "beta", "c"] as const;

/** Throws #VALUE! unless α, β and c are finite numbers above 0. */
export function validateBdwParams(p: BdwParams): BdwParams {
  for (const name of BDW_PARAM_NAMES) {
    const v = p[name];
    if (!Number.isFinite(v) || v <= 0) throw invalidInput(`The BdW parameter ${name} must be a number above 0 (got ${v}).`);
  }
  return p;
}

/** ln S and its partial derivatives in α, β and c at one whole t. */
export interface LogSurvivalAt {
  value: number;
  dAlpha: number;
  dBeta: number;
  dC: number;
}

/**
 * ln S(t) = ln Γ(β + x) − ln Γ(β) − ln Γ(α + β + x) + ln Γ(α + β) with x = t^c,
 * and its derivatives (ψ the digamma function):
 *   ∂/∂α = ψ(α + β) − ψ(α + β + x),
 *   ∂/∂β = ψ(β + x) − ψ(β) + ψ(α + β) − ψ(α + β + x),
 *   ∂/∂c = [ψ(β + x) − ψ(α + β + x)]·x·ln t.
 * `base` carries ln Γ(β) − ln Γ(α + β) and ψ(β), ψ(α + β), computed once per parameter set.
 */
export function bdwLogSurvivalAt(p: BdwParams, t: number, base: BdwBase, out: LogSurvivalAt): LogSurvivalAt {
  if (t === 0) {
    out.value = out.dAlpha = out.dBeta = out.dC = 0;
    return out;
  }
  const x = Math.pow(t, p.c);
  const psiBx = digamma(p.beta + x), psiABx = digamma(p.alpha + p.beta + x);
  out.value = logGamma(p.beta + x) - logGamma(p.alpha + p.beta + x) - base.logGammaRatio;
  out.dAlpha = base.psiAB - psiABx;
  out.dBeta = psiBx - base.psiB + base.psiAB - psiABx;
  out.dC = (psiBx - psiABx) * x * Math.log(t);
  return out;
}

export interface BdwBase {
  /** ln Γ(β) − ln Γ(α + β). */
  logGammaRatio: number;
  psiB: number;
  psiAB: number;
}

export function bdwBase(p: BdwParams): BdwBase {
  return {
    logGammaRatio: logGamma(p.beta) - logGamma(p.alpha + p.beta),
    psiB: digamma(p.beta),
    psiAB: digamma(p.alpha + p.beta),
  };
}

/**
 * S(t) = B(α, β + t^c)/B(α, β), the share of a cohort still active after t
 * periods (Fader et al. 2018, eq. 4). With c = 1 it is the sBG survival.
 *
 * @example bdwSurvival({ alpha: 1, beta: 1, c: 1 }, 3) // 0.25
 */
export function bdwSurvival(p: BdwParams, t: number): number {
  validateBdwParams(p);
  requirePeriods(t);
  const out: LogSurvivalAt = { value: 0, dAlpha: 0, dBeta: 0, dC: 0 };
  return Math.exp(bdwLogSurvivalAt(p, t, bdwBase(p), out).value);
}

/**
 * r(t) = S(t)/S(t − 1), the share of those active after t − 1 periods who
 * renew once more, t ≥ 1.
 *
 * @example bdwRetention({ alpha: 1, beta: 1, c: 1 }, 2) // 2/3
 */
export function bdwRetention(p: BdwParams, t: number): number {
  validateBdwParams(p);
  requirePeriods(t, "t", 1);
  const base = bdwBase(p);
  const a: LogSurvivalAt = { value: 0, dAlpha: 0, dBeta: 0, dC: 0 };
  const b: LogSurvivalAt = { value: 0, dAlpha: 0, dBeta: 0, dC: 0 };
  return Math.exp(bdwLogSurvivalAt(p, t, base, a).value - bdwLogSurvivalAt(p, t - 1, base, b).value);
}
