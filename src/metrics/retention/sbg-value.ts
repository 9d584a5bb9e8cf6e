/**
 * Valuing contractual customers under the sBG model: the discounted expected
 * lifetime (DEL) of a new customer and the discounted expected residual
 * lifetime (DERL) of one who has renewed n times, in closed form with the
 * Gaussian hypergeometric function. Multiplied by the (constant) margin per
 * period they give the customer's value: CLV = m·DEL, RLV = m·DERL.
 *
 * Reference: P. S. Fader, B. G. S. Hardie (2010), "Customer-Base Valuation in
 * a Contractual Setting: The Perils of Ignoring Heterogeneity", Marketing
 * Science 29(1), 85–93, eqs. (3)–(6).
 *
 * ## The period convention (sources differ by one period here)
 *
 * Payments are made at the start of each period a customer is active: at
 * signing (t = 0), then at each renewal (t = 1, 2, …), discounted by
 * (1 + d)^t. So
 *
 *   DEL(d) = Σ_{t≥0} S(t)/(1 + d)^t = ₂F₁(1, β; α + β; 1/(1 + d)),
 *
 * which counts the first period undiscounted (DEL ≥ 1). DERL is valued at
 * the moment a customer who has made n renewals decides on the next one, so
 * that renewal's payment, if made, is undiscounted too:
 *
 *   DERL(d, n) = Σ_{k≥1} [S(n + k)/S(n)]/(1 + d)^(k−1)
 *              = (β + n)/(α + β + n)·₂F₁(1, β + n + 1; α + β + n + 1; 1/(1 + d)).
 *
 * Fader & Hardie write this for "a customer who has made n − 1 renewals"; our
 * `renewals` is their n − 1. The two are one period apart: a new customer's
 * DEL includes the payment at signing and looks at the first renewal from a
 * period away, DERL(0) stands at that renewal, so
 *
 *   DEL(d) = 1 + DERL(d, 0)/(1 + d).
 *
 * Worked example, α = β = 1 (S(t) = 1/(t + 1)), d = 10 %, z = 1/1.1:
 * DEL = −ln(1 − z)/z = 2.6377 periods (1 + 0.4545 + 0.3030 + 0.2273 + …);
 * DERL(0) = ½·₂F₁(1, 2; 3; z) = (−ln(1 − z) − z)/z² = 1.8015 periods
 * (0.5 + 0.3333·0.9091 + 0.25·0.8264 + …); and 1 + 1.8015/1.1 = 2.6377.
 * Sources that discount the first renewal (value the customer a period
 * earlier) report DERL/(1 + d); sources that start counting after signing
 * report DEL − 1.
 */
import { invalidInput, notComputable } from "../errors";
import { hyp2f1 } from "../clv/hypergeometric";
import { requirePeriods, SbgParams, validateSbgParams } from "./sbg";

/** Throws #VALUE! unless d is a finite fraction of 0 or more (0.1 for 10 % per period). */
export function requireDiscountRate(d: number, name = "discount_rate"): number {
  if (!Number.isFinite(d) || d < 0) throw invalidInput(`${name} must be a fraction of 0 or more per period, e.g. 0.1 for 10 % (got ${d}).`);
  return d;
}

/** Terms summed at most: enough for discount rates down to about 1e-7 per period. */
const MAX_TERMS = 200_000_000;

/**
 * Σ_{k≥0} (b)_k/(c)_k·z^k = ₂F₁(1, b; c; z) for c > b > 0 and 0 < z < 1, summed
 * term by term: every term is positive and smaller than the last, so the sum
 * is exact to rounding, and the tail after term k is at most t_k/(1 − z).
 * It takes about 37/(1 − z) terms.
 */
function survivalSeries(b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  const tailFactor = 1 / (1 - z);
  for (let k = 0; k < MAX_TERMS; k++) {
    term *= (z * (b + k)) / (c + k);
    sum += term;
    if (term * tailFactor <= 1e-17 * sum) return sum;
  }
  throw notComputable("The discount rate is too small for the discounted lifetime to be summed: use 0 (no discounting) or a rate of at least 0.000001 per period.");
}

/**
 * ₂F₁(1, b; c; 1/(1 + d)) = Σ_{k≥0} (b)_k/(c)_k·(1 + d)^−k, the discounted sum of
 * the survival ratios; at d = 0 it is (c − 1)/(c − 1 − b), finite only when c − b > 1.
 * The series is summed directly when that is quick (d ≥ 0.001: at most some
 * 40,000 terms) or when the parameters are large; for smaller rates with
 * moderate parameters, the hypergeometric function's continuation is as
 * accurate (to 1e-11 for b ≤ 30, c ≤ 40; its accuracy falls for larger ones)
 * and far quicker.
 */
function discountedSurvivalSum(b: number, c: number, d: number, what: string): number {
  if (d === 0) {
    if (c - b > 1) return (c - 1) / (c - 1 - b);
    throw notComputable(
      `${what} is infinite without discounting when alpha is 1 or less (a share of customers never leaves): give a discount rate above 0.`,
    );
  }
  const z = 1 / (1 + d);
  if (d < 1e-3 && b <= 30 && c <= 40) return hyp2f1(1, b, c, z);
  return survivalSeries(b, c, z);
}

/**
 * Discounted expected lifetime of a new customer, in periods, the first
 * period counted undiscounted: DEL = ₂F₁(1, β; α + β; 1/(1 + d)) (Fader &
 * Hardie 2010, eq. 5). Without discounting it is the expected lifetime
 * (α + β − 1)/(α − 1), finite only for α > 1.
 *
 * α = β = 1, d = 10 %: −ln(1 − z)/z with z = 1/1.1.
 * @example sbgDel({ alpha: 1, beta: 1 }, 0.1) // 2.6376…
 */
export function sbgDel(p: SbgParams, discountRate: number): number {
  validateSbgParams(p);
  const d = requireDiscountRate(discountRate);
  return discountedSurvivalSum(p.beta, p.alpha + p.beta, d, "The expected lifetime");
}

/**
 * Discounted expected residual lifetime, in periods, of a customer who has
 * made `renewals` renewals, valued at their next renewal decision (that
 * renewal's payment undiscounted): DERL = (β + n)/(α + β + n)·₂F₁(1, β + n + 1;
 * α + β + n + 1; 1/(1 + d)) with n = renewals (Fader & Hardie 2010, eq. 6,
 * where n − 1 renewals have been made). DEL(d) = 1 + DERL(d, 0)/(1 + d).
 *
 * α = β = 1, d = 10 %, no renewal yet: (−ln(1 − z) − z)/z² with z = 1/1.1.
 * @example sbgDerl({ alpha: 1, beta: 1 }, 0.1, 0) // 1.8014…
 */
export function sbgDerl(p: SbgParams, discountRate: number, renewals: number): number {
  validateSbgParams(p);
  const d = requireDiscountRate(discountRate);
  const n = requirePeriods(renewals, "renewals");
  const renew = (p.beta + n) / (p.alpha + p.beta + n);
  return renew * discountedSurvivalSum(p.beta + n + 1, p.alpha + p.beta + n + 1, d, "The expected residual lifetime");
}
