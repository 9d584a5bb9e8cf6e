/**
 * Fitting the beta-discrete-Weibull model to cohort survivor counts by
 * maximum likelihood (one cohort, or several of different ages jointly):
 * LL = Σ_t lost_t·ln[S(t − 1) − S(t)] + censored_t·ln S(t).
 *
 * Reference: P. S. Fader, B. G. S. Hardie, Y. Liu, J. Davin, T. Steenburgh
 * (2018), "'How to Project Customer Retention' Revisited: The Role of
 * Duration Dependence", Journal of Interactive Marketing 43, 1–16, eq. (6).
 */
import { notComputable } from "../errors";
import { maximizeLikelihood } from "../clv/mle";
import { BDW_PARAM_NAMES, bdwBase, bdwLogSurvivalAt, BdwParams, LogSurvivalAt, validateBdwParams } from "./bdw";
import { fitSbg, likelihoodPlan, perCustomer, sbgStarts } from "./sbg-fit";
import { defaultSurvivorLocator, SurvivalCounts, survivalCounts, SurvivorCohorts, SurvivorLocator } from "./survivors";

export interface BdwFit {
  params: BdwParams;
  /** Total log-likelihood at the estimates (natural log), on the scale of the counts given. */
  logLikelihood: number;
  standardErrors: BdwParams;
  periods: number;
  customers: number;
  iterations: number;
}

/**
 * The BdW log-likelihood of pooled survivor counts and its gradient in
 * θ = (ln α, ln β, ln c). With u = ln S(t − 1), v = ln S(t) and w = v − u,
 * ln P(T = t) = u + ln(1 − e^w), whose derivative is (∂u − e^w ∂v)/(1 − e^w).
 */
export function bdwLogLikelihoodAt(counts: SurvivalCounts): (theta: Float64Array, gradient: Float64Array | null) => number {
  const plan = likelihoodPlan(counts);
  const m = plan.ages.length;
  const at: LogSurvivalAt[] = Array.from({ length: m }, () => ({ value: 0, dAlpha: 0, dBeta: 0, dC: 0 }));
  return (theta, gradient) => {
    const p: BdwParams = { alpha: Math.exp(theta[0]), beta: Math.exp(theta[1]), c: Math.exp(theta[2]) };
    const base = bdwBase(p);
    for (let i = 0; i < m; i++) bdwLogSurvivalAt(p, plan.ages[i], base, at[i]);
    let ll = 0, ga = 0, gb = 0, gc = 0;
    for (let k = 0; k < plan.periods.length; k++) {
      const t = plan.periods[k];
      const lost = counts.lost[t], censored = counts.censored[t];
      if (lost > 0) {
        const u = at[plan.before[k]], v = at[plan.at[k]];
        const w = v.value - u.value;
        const drop = -Math.expm1(w); // 1 − S(t)/S(t − 1): the churn probability at t among those active at t − 1
        const e = Math.exp(w);
        ll += lost * (u.value + Math.log(drop));
        ga += (lost * (u.dAlpha - e * v.dAlpha)) / drop;
        gb += (lost * (u.dBeta - e * v.dBeta)) / drop;
        gc += (lost * (u.dC - e * v.dC)) / drop;
      }
      if (censored > 0) {
        const v = at[plan.at[k]];
        ll += censored * v.value;
        ga += censored * v.dAlpha;
        gb += censored * v.dBeta;
        gc += censored * v.dC;
      }
    }
    if (gradient) {
      gradient[0] = p.alpha * ga;
      gradient[1] = p.beta * gb;
      gradient[2] = p.c * gc;
    }
    return ll;
  };
}

/**
 * Total BdW log-likelihood of survivor series (one per cohort).
 *
 * With c = 1 it is the sBG log-likelihood (Fader & Hardie's high-end cohort, α = β = 1):
 * @example bdwLogLikelihood({ alpha: 1, beta: 1, c: 1 }, [[1, 0.869, 0.743, 0.653, 0.593, 0.551, 0.517, 0.491]]) // -2.115…
 */
export function bdwLogLikelihood(p: BdwParams, cohorts: SurvivorCohorts): number {
  validateBdwParams(p);
  const theta = Float64Array.from([p.alpha, p.beta, p.c], Math.log);
  return bdwLogLikelihoodAt(survivalCounts(cohorts))(theta, null);
}

/**
 * Maximum-likelihood BdW parameters for survivor series (one per cohort,
 * fitted jointly). Starts from the sBG fit (c = 1) when it exists. Needs at
 * least two periods of data: with one, c is not identified. Throws #NUM! when
 * the likelihood has no proper maximum.
 *
 * @example fitBdw([[1000, 869, 743, 653, 593, 551, 517, 491]]).params.c // 1.72…
 */
export function fitBdw(cohorts: SurvivorCohorts, where: SurvivorLocator = defaultSurvivorLocator): BdwFit {
  const counts = survivalCounts(cohorts, where);
  if (counts.periods < 2) {
    throw notComputable("The BdW model needs survivor counts over at least two periods: with one, duration dependence (c) cannot be told from churn.");
  }
  const starts: number[][] = [];
  try {
    const sbg = fitSbg(cohorts, where);
    starts.push([sbg.params.alpha, sbg.params.beta, 1]);
    starts.push([sbg.params.alpha, sbg.params.beta, 0.7]);
    starts.push([sbg.params.alpha, sbg.params.beta, 1.4]);
  } catch {
    // No sBG fit (e.g. a churn rate that does not vary across customers): start from generic points.
  }
  for (const [alpha, beta] of sbgStarts(counts)) starts.push([alpha, beta, 1], [alpha, beta, 0.5], [alpha, beta, 2]);
  const fit = maximizeLikelihood({
    model: "BdW",
    names: BDW_PARAM_NAMES,
    objective: perCustomer(bdwLogLikelihoodAt(counts), counts.customers),
    observations: counts.customers,
    starts,
  });
  const [alpha, beta, c] = fit.estimates;
  const se = fit.standardErrors;
  return {
    params: { alpha, beta, c },
    logLikelihood: fit.logLikelihood,
    standardErrors: { alpha: se[0], beta: se[1], c: se[2] },
    periods: counts.periods,
    customers: counts.customers,
    iterations: fit.iterations,
  };
}
