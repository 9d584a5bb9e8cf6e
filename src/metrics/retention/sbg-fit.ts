/**
 * Fitting the sBG model to cohort survivor counts by maximum likelihood, one
 * cohort or several of different ages jointly.
 *
 * Reference: P. S. Fader, B. G. S. Hardie (2007), "How to Project Customer
 * Retention", Journal of Interactive Marketing 21(1), 76–90, eq. (4) and the
 * appendix: LL(α, β) = Σ_t (n_{t−1} − n_t)·ln P(T = t) + n_a·ln S(a) for a
 * cohort observed to age a; cohorts of different ages add their terms.
 * Their fits on years 0–7 of Berry & Linoff's two cohorts: "regular"
 * α = 0.704, β = 1.182; "high end" α = 0.668, β = 3.806.
 */
import { notComputable } from "../errors";
import { maximizeLikelihood } from "../clv/mle";
import { Objective } from "../clv/optimize";
import { SBG_PARAM_NAMES, SbgParams, validateSbgParams } from "./sbg";
import { defaultSurvivorLocator, SurvivalCounts, survivalCounts, SurvivorCohorts, SurvivorLocator, weightedPeriods } from "./survivors";

export interface SbgFit {
  params: SbgParams;
  /** Total log-likelihood at the estimates (natural log), on the scale of the counts given. */
  logLikelihood: number;
  /** Asymptotic standard errors (meaningful when the counts are customers, not shares). */
  standardErrors: SbgParams;
  /** The oldest cohort's age. */
  periods: number;
  /** Customers over all cohorts. */
  customers: number;
  iterations: number;
}

/**
 * The where-to-evaluate plan shared by the sBG and BdW likelihoods: the
 * periods carrying weight, and the sorted distinct ages x at which ln S(x) is
 * needed (t − 1 for those lost at t, t for those censored at t).
 */
export interface LikelihoodPlan {
  periods: Int32Array;
  ages: Float64Array;
  /** Index into ages of t − 1 and of t, per weighted period. */
  before: Int32Array;
  at: Int32Array;
}

export function likelihoodPlan(c: SurvivalCounts): LikelihoodPlan {
  const periods = weightedPeriods(c);
  const needed = new Set<number>();
  for (const t of periods) {
    needed.add(t - 1);
    needed.add(t);
  }
  const ages = Float64Array.from(needed).sort();
  const index = new Map<number, number>();
  ages.forEach((x, i) => index.set(x, i));
  return {
    periods,
    ages,
    before: Int32Array.from(periods, (t) => index.get(t - 1)!),
    at: Int32Array.from(periods, (t) => index.get(t)!),
  };
}

/**
 * The sBG log-likelihood of pooled survivor counts and its gradient in
 * θ = (ln α, ln β). The model is a sequence of renewal decisions: a customer
 * active after k periods renews with probability (β + k)/(α + β + k) and
 * leaves with α/(α + β + k). So, with R_k customers renewing and C_k leaving
 * at decision k (C_k = lost[k + 1]; R_k = those lost later plus those
 * censored after more than k periods),
 *   LL = Σ_k R_k·ln(β + k) + C_k·ln α − (R_k + C_k)·ln(α + β + k),
 * which equals eq. (4) of Fader & Hardie (2007) term by term and costs two
 * logarithms per period.
 */
export function sbgLogLikelihoodAt(c: SurvivalCounts): (theta: Float64Array, gradient: Float64Array | null) => number {
  const periods = c.periods;
  const renew = new Float64Array(periods), churn = new Float64Array(periods);
  let later = 0; // customers whose observed lifetime exceeds k + 1 periods, lost or censored
  for (let k = periods - 1; k >= 0; k--) {
    churn[k] = c.lost[k + 1];
    later += c.censored[k + 1];
    renew[k] = later;
    later += c.lost[k + 1];
  }
  let totalChurn = 0;
  for (let k = 0; k < periods; k++) totalChurn += churn[k];
  return (theta, gradient) => {
    const alpha = Math.exp(theta[0]), beta = Math.exp(theta[1]);
    let ll = totalChurn * theta[0], ga = totalChurn / alpha, gb = 0;
    for (let k = 0; k < periods; k++) {
      const r = renew[k], n = r + churn[k];
      if (n === 0) continue;
      const ab = alpha + beta + k;
      ll += (r > 0 ? r * Math.log(beta + k) : 0) - n * Math.log(ab);
      ga -= n / ab;
      gb += r / (beta + k) - n / ab;
    }
    if (gradient) {
      gradient[0] = alpha * ga;
      gradient[1] = beta * gb;
    }
    return ll;
  };
}

/**
 * Total sBG log-likelihood of survivor series (one per cohort).
 *
 * At α = β = 1 the high-end cohort's shares over years 0–7 give −2.115, the
 * starting value of Fader & Hardie's spreadsheet (their appendix):
 * @example sbgLogLikelihood({ alpha: 1, beta: 1 }, [[1, 0.869, 0.743, 0.653, 0.593, 0.551, 0.517, 0.491]]) // -2.115…
 */
export function sbgLogLikelihood(p: SbgParams, cohorts: SurvivorCohorts): number {
  validateSbgParams(p);
  const theta = Float64Array.from([p.alpha, p.beta], Math.log);
  return sbgLogLikelihoodAt(survivalCounts(cohorts))(theta, null);
}

/** Mean negative log-likelihood per customer, with its gradient: what the optimiser minimises. */
export function perCustomer(logLik: (theta: Float64Array, gradient: Float64Array | null) => number, customers: number): Objective {
  return (theta, gradient) => {
    const ll = logLik(theta, gradient);
    for (let i = 0; i < gradient.length; i++) gradient[i] = -gradient[i] / customers;
    return -ll / customers;
  };
}

/** Starting points: spread around β/(α + β) = the first period's observed renewal rate. */
export function sbgStarts(c: SurvivalCounts): number[][] {
  let atRisk = 0;
  for (let t = 1; t <= c.periods; t++) atRisk += c.lost[t] + c.censored[t];
  const firstChurn = Math.min(0.99, Math.max(0.01, c.lost[1] / Math.max(atRisk, Number.MIN_VALUE)));
  const odds = (1 - firstChurn) / firstChurn;
  return [
    [1, odds],
    [0.5, 0.5 * odds],
    [3, 3 * odds],
    [1, 1],
    [0.2, 1],
  ];
}

/**
 * Maximum-likelihood sBG parameters for survivor series, one per cohort
 * (cohorts of different ages are fitted jointly). Throws #NUM! when the
 * likelihood has no proper maximum: no customer ever left (β → ∞), every
 * customer left after one period (α → ∞), or a churn rate that does not vary
 * across customers at all (α, β → ∞: a plain geometric fits better than any sBG).
 *
 * @example fitSbg([[1000, 869, 743, 653, 593, 551, 517, 491]]).params.beta // 3.80…
 */
export function fitSbg(cohorts: SurvivorCohorts, where: SurvivorLocator = defaultSurvivorLocator): SbgFit {
  const counts = survivalCounts(cohorts, where);
  let lost = 0, stayed = 0;
  for (let t = 1; t <= counts.periods; t++) {
    lost += counts.lost[t];
    stayed += counts.censored[t];
  }
  if (lost === 0) throw notComputable("No customer left in any cohort, so the sBG model cannot be fitted (churn cannot be estimated).");
  if (stayed === 0 && counts.lost[1] === counts.customers) {
    throw notComputable("Every customer left after the first period, so the sBG model cannot be fitted (retention cannot be estimated).");
  }
  const fit = maximizeLikelihood({
    model: "sBG",
    names: SBG_PARAM_NAMES,
    objective: perCustomer(sbgLogLikelihoodAt(counts), counts.customers),
    observations: counts.customers,
    starts: sbgStarts(counts),
  });
  const [alpha, beta] = fit.estimates;
  return {
    params: { alpha, beta },
    logLikelihood: fit.logLikelihood,
    standardErrors: { alpha: fit.standardErrors[0], beta: fit.standardErrors[1] },
    periods: counts.periods,
    customers: counts.customers,
    iterations: fit.iterations,
  };
}
