/**
 * Predictive customer lifetime value: BG/NBD expected purchases × Gamma-Gamma
 * expected spend × margin, discounted period by period.
 */
import { invalidInput, requireFraction } from "../errors";
import { bgnbdConditionalExpectedPurchases, BgnbdParams, validateBgnbdParams } from "./bgnbd";
import { validateHistory } from "./history";
import { gammaGammaExpectedSpend, GammaGammaParams, validateGammaGammaParams } from "./gamma-gamma";

export interface ClvCustomer {
  /** Repeat purchases. */
  frequency: number;
  /** Age at the last repeat purchase. */
  recency: number;
  /** Age at the end of the observation period. */
  T: number;
  /** Mean spend per repeat purchase (ignored when frequency is 0). */
  monetary: number;
}

export interface ClvOptions {
  /** Number of periods to sum over (a fraction adds a last, partial period). */
  periods: number;
  /** Discount rate per period, as a fraction (0.01 = 1%). */
  discountRate: number;
  /** Profit margin on spend, as a fraction (1 = count revenue). */
  margin: number;
  /** Length of one period in the time unit of recency and T; 1 if omitted. */
  periodLength?: number;
}

/** Throws #VALUE! for options outside their range; returns them with the default period length. */
export function validateClvOptions(o: ClvOptions): Required<ClvOptions> {
  if (!Number.isFinite(o.periods) || o.periods < 0) throw invalidInput(`horizon_periods must be a number of 0 or more (got ${o.periods}).`);
  if (o.periods > 100_000) throw invalidInput(`horizon_periods is at most 100,000 (got ${o.periods}).`);
  if (!Number.isFinite(o.discountRate) || o.discountRate < 0) {
    throw invalidInput(`discount_rate_per_period must be a fraction of 0 or more, e.g. 0.002 per week (got ${o.discountRate}).`);
  }
  requireFraction(o.margin, "margin");
  const periodLength = o.periodLength ?? 1;
  if (!Number.isFinite(periodLength) || periodLength <= 0) throw invalidInput(`The period length must be above 0 (got ${periodLength}).`);
  return { ...o, periodLength };
}

/**
 * Discounted expected purchases over the horizon: with E(t) the BG/NBD expected
 * purchases in the next t time units (conditional on the customer's history),
 * Δ the period length and d the discount rate,
 *   Σ_{k=1}^{K} [E(kΔ) − E((k − 1)Δ)] / (1 + d)^k,
 * plus, for a fractional horizon H, a last term [E(HΔ) − E(⌊H⌋Δ)]/(1 + d)^H.
 * With d = 0 the sum telescopes to E(HΔ).
 */
export function discountedExpectedPurchases(bg: BgnbdParams, c: ClvCustomer, o: Required<ClvOptions>): number {
  const expected = (t: number) => bgnbdConditionalExpectedPurchases(bg, t, c.frequency, c.recency, c.T);
  if (o.discountRate === 0) return expected(o.periods * o.periodLength);
  const whole = Math.floor(o.periods);
  let total = 0;
  let previous = 0;
  for (let k = 1; k <= whole; k++) {
    const current = expected(k * o.periodLength);
    total += (current - previous) / Math.pow(1 + o.discountRate, k);
    previous = current;
  }
  if (o.periods > whole) total += (expected(o.periods * o.periodLength) - previous) / Math.pow(1 + o.discountRate, o.periods);
  return total;
}

/**
 * Customer lifetime value over a finite horizon:
 *
 *   CLV = margin × E(M | x, m̄) × Σ_{k=1}^{K} [E(Y(kΔ)) − E(Y((k − 1)Δ))] / (1 + d)^k,
 *
 * where E(Y(t)) is the BG/NBD expected number of purchases in the next t time
 * units given the customer's (x, t_x, T), and E(M | x, m̄) the Gamma-Gamma
 * expected spend per purchase. This is the discrete approximation of the
 * discounted-cash-flow integral used by lifetimes'
 * GammaGammaFitter.customer_lifetime_value (utils._customer_lifetime_value),
 * which sums, per period, the expected purchases in that period times the
 * expected spend, divided by (1 + d)^k.
 *
 * References: P. S. Fader, B. G. S. Hardie, K. L. Lee (2005), "RFM and CLV:
 * Using Iso-Value Curves for Customer Base Analysis", Journal of Marketing
 * Research 42(4) (expected purchases × expected spend, discounted);
 * C. Davidson-Pilon et al., lifetimes (MIT), lifetimes/utils.py.
 *
 * @example customerLifetimeValue({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { p: 6.25, q: 3.74, gamma: 15.44 }, { frequency: 2, recency: 30.43, T: 38.86, monetary: 22.35 }, { periods: 39, discountRate: 0, margin: 1 }) // 30.23…
 */
export function customerLifetimeValue(bg: BgnbdParams, gg: GammaGammaParams, c: ClvCustomer, options: ClvOptions): number {
  validateBgnbdParams(bg);
  validateGammaGammaParams(gg);
  const o = validateClvOptions(options);
  validateHistory(c.frequency, c.recency, c.T, 0, (_i, field) => field);
  return o.margin * gammaGammaExpectedSpend(gg, c.frequency, c.monetary) * discountedExpectedPurchases(bg, c, o);
}
