/**
 * Fitting the BG/NBD model by maximum likelihood.
 *
 * Reference: P. S. Fader, B. G. S. Hardie, K. L. Lee (2005), Marketing
 * Science 24(2), 275–284, §3: the likelihood of one customer is
 *   L = B(a, b + x)/B(a, b)·Γ(r + x)α^r/(Γ(r)(α + T)^(r+x))
 *     + [x > 0]·B(a + 1, b + x − 1)/B(a, b)·Γ(r + x)α^r/(Γ(r)(α + t_x)^(r+x)).
 * Their CDNOW estimates are r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
 */
import { notAvailable, notComputable } from "../errors";
import { BgnbdParams, BGNBD_PARAM_NAMES } from "./bgnbd";
import { defaultLocator, groupHistories, GroupedHistories, Locator, PurchaseHistories, validateHistories } from "./history";
import { inverseHessianAt, maximizeLikelihood, refitLikelihood, WarmStart } from "./mle";
import { Objective } from "./optimize";
import { logistic, logRisingFactorials, softplus } from "./special";

export interface BgnbdFit {
  params: BgnbdParams;
  /** Total log-likelihood at the estimates (natural log). */
  logLikelihood: number;
  standardErrors: BgnbdParams;
  /** Customers in the fit. */
  customers: number;
  iterations: number;
}

/**
 * The log-likelihood of grouped histories and its gradient in θ = ln(r, α, a, b).
 * In log form, with Γ-ratios of whole x as sums of logs,
 *   ln L = ln Γ(r+x)/Γ(r) + r ln α + ln Γ(b+x)/Γ(b) − ln Γ(a+b+x)/Γ(a+b) − (r+x) ln(α+T) + ln(1 + D),
 *   D = [x > 0]·a/(b+x−1)·((α+T)/(α+t_x))^(r+x),
 * with ln(1 + D) evaluated from ln D so that nothing overflows.
 */
export function bgnbdLogLikelihoodAt(groups: GroupedHistories): (theta: Float64Array, gradient: Float64Array | null) => number {
  // Distinct frequencies, sorted, and each group's index among them.
  const distinct = Float64Array.from(new Set(groups.x)).sort();
  const position = new Map<number, number>();
  distinct.forEach((x, j) => position.set(x, j));
  const xIndex = Int32Array.from(groups.x, (x) => position.get(x)!);
  const m = distinct.length;
  const lr = new Float64Array(m), dr = new Float64Array(m);
  const lb = new Float64Array(m), db = new Float64Array(m);
  const lab = new Float64Array(m), dab = new Float64Array(m);
  const { x, tx, T, weight, size } = groups;

  return (theta, gradient) => {
    const r = Math.exp(theta[0]), alpha = Math.exp(theta[1]), a = Math.exp(theta[2]), b = Math.exp(theta[3]);
    const lnAlpha = theta[1], lnA = theta[2];
    logRisingFactorials(r, distinct, lr, dr);
    logRisingFactorials(b, distinct, lb, db);
    logRisingFactorials(a + b, distinct, lab, dab);
    let ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
    for (let g = 0; g < size; g++) {
      const xi = x[g], j = xIndex[g], w = weight[g];
      const lnAT = Math.log(alpha + T[g]);
      let li = lr[j] + r * lnAlpha + lb[j] - lab[j] - (r + xi) * lnAT;
      let dLr = dr[j] + lnAlpha - lnAT;
      let dLalpha = r / alpha - (r + xi) / (alpha + T[g]);
      let dLa = -dab[j];
      let dLb = db[j] - dab[j];
      if (xi > 0) {
        const lnAtx = Math.log(alpha + tx[g]);
        const bx = b + xi - 1;
        const lnD = lnA - Math.log(bx) + (r + xi) * (lnAT - lnAtx);
        const share = logistic(lnD); // D/(1 + D): the weight of "dropped out after the last purchase"
        li += softplus(lnD);
        dLr += share * (lnAT - lnAtx);
        dLalpha += share * (r + xi) * (1 / (alpha + T[g]) - 1 / (alpha + tx[g]));
        dLa += share / a;
        dLb -= share / bx;
      }
      ll += w * li;
      gr += w * dLr;
      gAlpha += w * dLalpha;
      ga += w * dLa;
      gb += w * dLb;
    }
    if (gradient) {
      // Chain rule to log parameters: ∂/∂θ = p·∂/∂p.
      gradient[0] = r * gr;
      gradient[1] = alpha * gAlpha;
      gradient[2] = a * ga;
      gradient[3] = b * gb;
    }
    return ll;
  };
}

/**
 * Total BG/NBD log-likelihood of a set of customers.
 *
 * @example bgnbdLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, { frequency: [0], recency: [0], T: [1] }) // -0.6931471805…
 */
export function bgnbdLogLikelihood(p: BgnbdParams, h: PurchaseHistories): number {
  validateHistories(h);
  const theta = Float64Array.from([p.r, p.alpha, p.a, p.b], Math.log);
  return bgnbdLogLikelihoodAt(groupHistories(h))(theta, null);
}

/**
 * What the fits minimise: the mean negative log-likelihood per customer of
 * grouped histories (groups.customers customers: the sum of the weights),
 * with its gradient in θ = ln(r, α, a, b).
 */
export function bgnbdObjective(groups: GroupedHistories): Objective {
  const logLik = bgnbdLogLikelihoodAt(groups);
  const n = groups.customers;
  return (theta, gradient) => {
    const ll = logLik(theta, gradient);
    for (let i = 0; i < 4; i++) gradient[i] = -gradient[i] / n;
    return -ll / n;
  };
}

/** The warm start at fitted parameters of these groups; null when the Hessian there is not positive definite. */
export function bgnbdWarmStart(groups: GroupedHistories, params: BgnbdParams): WarmStart | null {
  const theta = Float64Array.from([params.r, params.alpha, params.a, params.b], Math.log);
  const inverseHessian = inverseHessianAt(bgnbdObjective(groups), theta);
  return inverseHessian ? { theta, inverseHessian } : null;
}

/**
 * The BG/NBD refitted on reweighted groups (a bootstrap resample: the
 * original groups, each weighted by how often its customers were drawn) from
 * the original fit's maximum (refitLikelihood: a few Newton-like steps).
 * Throws #NUM! as fitBgnbd when the resample has no proper maximum.
 */
export function refitBgnbd(groups: GroupedHistories, from: WarmStart): BgnbdParams {
  const [r, alpha, a, b] = refitLikelihood({ model: "BG/NBD", names: BGNBD_PARAM_NAMES, objective: bgnbdObjective(groups), start: from.theta, inverseHessian: from.inverseHessian });
  return { r, alpha, a, b };
}

/**
 * Maximum-likelihood BG/NBD parameters for a set of customers (frequency,
 * recency, T per customer; see history.ts). Throws #NUM! when the likelihood
 * has no proper maximum (no repeat purchases at all, no sign of drop-out, a
 * flat likelihood), #VALUE! naming the customer when a summary is impossible.
 *
 * @example fitBgnbd({ frequency: [1, 1, 1, 0, 0, 6, 1, 1, 1, 1, 4, 1], recency: [7, 11, 7, 0, 0, 13, 0, 1, 23, 6, 24, 5], T: [26, 20, 27, 22, 29, 29, 21, 21, 24, 29, 26, 25] }).params.r // 1.347…
 */
export function fitBgnbd(h: PurchaseHistories, where: Locator = defaultLocator): BgnbdFit {
  const n = validateHistories(h, where);
  if (n === 0) throw notAvailable("There are no customers to fit the BG/NBD model to.");
  let purchases = 0, exposure = 0;
  for (let i = 0; i < n; i++) {
    purchases += h.frequency[i];
    exposure += h.T[i];
  }
  if (purchases === 0) throw notComputable("No customer made a repeat purchase, so the BG/NBD model cannot be fitted (its parameters are not identified).");
  const objective = bgnbdObjective(groupHistories(h));
  // Starts on the data's time scale: r/α is the mean purchase rate, so α = r × (exposure / purchases).
  const perPurchase = exposure / purchases;
  const fit = maximizeLikelihood({
    model: "BG/NBD",
    names: BGNBD_PARAM_NAMES,
    objective,
    observations: n,
    starts: [
      [1, perPurchase, 1, 1],
      [0.5, 0.5 * perPurchase, 0.5, 2],
      [2, 2 * perPurchase, 2, 5],
      [0.2, 0.2 * perPurchase, 1, 10],
    ],
  });
  const [r, alpha, a, b] = fit.estimates;
  const se = fit.standardErrors;
  return {
    params: { r, alpha, a, b },
    logLikelihood: fit.logLikelihood,
    standardErrors: { r: se[0], alpha: se[1], a: se[2], b: se[3] },
    customers: n,
    iterations: fit.iterations,
  };
}
