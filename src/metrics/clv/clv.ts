/**
 * Predictive customer lifetime value: BG/NBD expected purchases × Gamma-Gamma
 * expected spend × margin, discounted period by period.
 */
import { invalidInput, requireFraction } from "../errors";
import { bgnbdConditionalExpectedPurchases, BgnbdParams, bgnbdProbabilityAlive, expectedWhileActiveAt, validateBgnbdParams } from "./bgnbd";
import { PurchaseHistories, validateHistory } from "./history";
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

/**
 * The most terms (one per customer group and period summed) a discounted CLV
 * may take: about a second of work. Beyond it CXM.CLV refuses at once, before
 * computing, with #VALUE! stating the limit.
 */
export const CLV_TERM_LIMIT = 2_000_000;

/** Horizons of at most this many periods are summed in full (no tail bound). */
const SHORT_HORIZON = 120;

/** Relative size below which the discounted tail is dropped: it cannot change a double. */
const TAIL = 1e-17;

interface ActiveGroup {
  x: number;
  T: number;
  /** The number of whole periods summed (after dropping the tail that cannot count). */
  periods: number;
  /** Σ discounted increments of the expected purchases while active, once computed. */
  sum: number;
}

/**
 * The discounted expected purchases of many customers at once — the same
 * number discountedExpectedPurchases gives for each — in bounded work:
 *
 * - E(t) = P(alive | x, t_x, T) · W(t; x, T), and the sum over periods needs
 *   only W, so it is computed once per distinct (x, T), not per customer;
 * - along the periods the hypergeometric function is walked from one period
 *   to the next (expectedWhileActiveAt), one short Taylor step each;
 * - the periods after k contribute at most v^k (W(K) − W(k)) ≤ v^k W(K)
 *   (increments are positive, v = 1/(1 + d)), so periods are summed only
 *   until that bound falls below 1e-17 of the first period's term;
 * - without discounting the sum telescopes to E(K), one evaluation.
 *
 * Throws #VALUE! before the sums when they would take more than
 * CLV_TERM_LIMIT terms (distinct (x, T) × periods).
 */
export function discountedExpectedPurchasesAll(bg: BgnbdParams, h: PurchaseHistories, options: ClvOptions): Float64Array {
  validateBgnbdParams(bg);
  const o = validateClvOptions(options);
  const n = h.frequency.length;
  const groups = new Map<string, ActiveGroup>();
  const groupOf: ActiveGroup[] = new Array(n);
  for (let i = 0; i < n; i++) {
    validateHistory(h.frequency[i], h.recency[i], h.T[i], i);
    const key = `${h.frequency[i]} ${h.T[i]}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { x: h.frequency[i], T: h.T[i], periods: 0, sum: NaN }));
    groupOf[i] = g;
  }
  const whole = Math.floor(o.periods);
  const one = new Float64Array(1);
  const at = (g: ActiveGroup, t: number) => {
    expectedWhileActiveAt(bg, [t], g.x, g.T, one);
    return one[0];
  };
  if (o.discountRate === 0 || whole === 0) {
    for (const g of groups.values()) g.sum = o.discountRate === 0 ? at(g, o.periods * o.periodLength) : at(g, o.periods * o.periodLength) / Math.pow(1 + o.discountRate, o.periods);
  } else {
    const lnV = -Math.log1p(o.discountRate);
    // The work before any of it is done: periods past e^(k lnV) < e^-60 never count, whatever the data.
    const periodsThatCount = Math.min(whole, Math.ceil(60 / -lnV));
    const terms = groups.size * periodsThatCount;
    if (terms > CLV_TERM_LIMIT) {
      throw invalidInput(
        `CXM.CLV with discounting sums each period for each distinct customer history: here ${groups.size.toLocaleString("en-US")} distinct ` +
          `(frequency, T) × ${periodsThatCount.toLocaleString("en-US")} periods is ${terms.toLocaleString("en-US")} terms, more than the limit of ` +
          `${CLV_TERM_LIMIT.toLocaleString("en-US")}. Use a longer period (months instead of weeks), a shorter horizon, or no discount rate.`,
      );
    }
    for (const g of groups.values()) {
      // A short horizon is summed whole: bounding its tail would cost two evaluations more than it saves.
      if (whole <= SHORT_HORIZON) {
        g.periods = whole;
        continue;
      }
      const total = at(g, o.periods * o.periodLength);
      const first = at(g, o.periodLength) * Math.exp(lnV);
      // The tail after period k is at most e^(k lnV) · total: below TAIL · first from k on.
      const enough = first > 0 && total > 0 ? Math.ceil(Math.log((TAIL * first) / total) / lnV) : whole;
      g.periods = Math.max(1, Math.min(whole, enough));
    }
    const times = new Float64Array(whole + 1);
    const values = new Float64Array(whole + 1);
    for (const g of groups.values()) {
      const k = g.periods;
      const fractional = k === whole && o.periods > whole;
      const count = k + (fractional ? 1 : 0);
      const ts = times.subarray(0, count);
      for (let j = 1; j <= k; j++) ts[j - 1] = j * o.periodLength;
      if (fractional) ts[k] = o.periods * o.periodLength;
      const w = values.subarray(0, count);
      expectedWhileActiveAt(bg, ts, g.x, g.T, w);
      let sum = 0;
      let previous = 0;
      for (let j = 1; j <= k; j++) {
        sum += (w[j - 1] - previous) * Math.exp(j * lnV);
        previous = w[j - 1];
      }
      if (fractional) sum += (w[k] - previous) * Math.exp(o.periods * lnV);
      g.sum = sum;
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = bgnbdProbabilityAlive(bg, h.frequency[i], h.recency[i], h.T[i]) * groupOf[i].sum;
  return out;
}

/** Many customers' histories and spend, one value per customer in each array. */
export interface ClvCustomers extends PurchaseHistories {
  /** Mean spend per repeat purchase (ignored where the spend frequency is 0). */
  monetary: ArrayLike<number>;
  /**
   * The repeat purchases whose amounts `monetary` averages: the Gamma-Gamma's
   * x. `frequency` when omitted. 0 for a repeat customer whose spend tells the
   * spend model nothing (amounts unknown, or all 0): their expected spend is
   * the population mean pγ/(q − 1).
   */
  spendFrequency?: ArrayLike<number>;
}

/**
 * The CLV of many customers at once, each as customerLifetimeValue defines it
 * with the spend taken from (spendFrequency, monetary):
 * margin × E(M | x_s, m̄) × discounted expected purchases given (x, t_x, T),
 * the purchases by discountedExpectedPurchasesAll (bounded work, one sum per
 * distinct (x, T)).
 *
 * @example customerLifetimeValues({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { p: 6.25, q: 3.74, gamma: 15.44 }, { frequency: [2], recency: [30.43], T: [38.86], monetary: [22.35] }, { periods: 39, discountRate: 0, margin: 1 })[0] // 30.23…
 */
export function customerLifetimeValues(bg: BgnbdParams, gg: GammaGammaParams, c: ClvCustomers, options: ClvOptions): Float64Array {
  validateGammaGammaParams(gg);
  const n = c.frequency.length;
  const spendX = c.spendFrequency ?? c.frequency;
  if (c.monetary.length !== n || spendX.length !== n) {
    throw invalidInput("frequency, recency, T, monetary and the spend frequency must have one value per customer, the same number each.");
  }
  const purchases = discountedExpectedPurchasesAll(bg, c, options);
  const margin = validateClvOptions(options).margin;
  for (let i = 0; i < n; i++) {
    if (spendX[i] > c.frequency[i]) throw invalidInput(`customer ${i + 1}'s spend frequency (${spendX[i]}) exceeds their repeat purchases (${c.frequency[i]}).`);
    purchases[i] *= margin * gammaGammaExpectedSpend(gg, spendX[i], spendX[i] > 0 ? c.monetary[i] : 0);
  }
  return purchases;
}
