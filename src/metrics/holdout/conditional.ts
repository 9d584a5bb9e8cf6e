/**
 * Conditional expectations: predicted against actual holdout purchases,
 * grouped by the number of repeat purchases in the calibration period. The
 * standard check that a buy-till-you-die model ranks customers right, not
 * only that it gets the total right.
 *
 * Reference: P. S. Fader, B. G. S. Hardie, K. L. Lee (2005), "'Counting Your
 * Customers' the Easy Way", Marketing Science 24(2), §4, Figure 4 (CDNOW,
 * weeks 40–78 by number of repeat transactions in weeks 1–39, "7+" pooled);
 * BTYD's bgnbd.PlotFreqVsConditionalExpectedFrequency and lifetimes'
 * plot_calibration_purchases_vs_holdout_purchases draw the same figure.
 */
import { invalidInput } from "../errors";
import { bgnbdConditionalExpectedPurchases, BgnbdParams, validateBgnbdParams } from "../clv/bgnbd";
import { CalibrationHoldout } from "./split";

export interface ConditionalExpectationRow {
  /** Calibration repeat purchases in this group (the last group: this many or more). */
  frequency: number;
  /** "0", "1", …, and "7+" for the pooled last group. */
  label: string;
  customers: number;
  /** Mean holdout purchases per customer; null for an empty group. */
  actual: number | null;
  /** Mean of each customer's expected holdout purchases, E[Y(holdout) | x, t_x, T]; null for an empty group. */
  predicted: number | null;
}

/**
 * Per customer, the expected number of purchases in the holdout period given
 * their calibration history (Fader, Hardie & Lee 2005, eq. 10).
 */
export function holdoutPredictions(params: BgnbdParams, split: CalibrationHoldout): Float64Array {
  validateBgnbdParams(params);
  const { frequency, recency, T } = split.calibration;
  const out = new Float64Array(frequency.length);
  // Customers with the same (x, t_x, T) share a prediction: compute it once.
  const seen = new Map<string, number>();
  for (let i = 0; i < out.length; i++) {
    const key = `${frequency[i]}|${frequency[i] === 0 ? 0 : recency[i]}|${T[i]}`;
    let v = seen.get(key);
    if (v === undefined) {
      v = bgnbdConditionalExpectedPurchases(params, split.holdoutLength, frequency[i], recency[i], T[i]);
      seen.set(key, v);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Groups customers by calibration repeat purchases 0, 1, …, censor − 1 and
 * censor or more, and gives per group the mean actual and predicted holdout
 * purchases.
 *
 * Two customers, one with a repeat purchase at week 2 and observed 20/7 weeks, one
 * without, judged on 39 weeks: the second group's prediction is the first
 * customer's E[Y(39) | 1, 2, 20/7].
 * @example conditionalExpectations({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { calibration: { frequency: [1, 0], recency: [2, 0], T: [20 / 7, 13 / 7] }, holdoutFrequency: [1, 0], holdoutLength: 39 }, 1)[1].predicted // 2.7296…
 */
export function conditionalExpectations(params: BgnbdParams, split: CalibrationHoldout, censor = 7): ConditionalExpectationRow[] {
  if (!Number.isInteger(censor) || censor < 1) throw invalidInput(`The last group must start at a whole number of 1 or more repeat purchases (got ${censor}).`);
  const predictions = holdoutPredictions(params, split);
  const customers = new Float64Array(censor + 1), actual = new Float64Array(censor + 1), predicted = new Float64Array(censor + 1);
  const { frequency } = split.calibration;
  for (let i = 0; i < frequency.length; i++) {
    const g = Math.min(frequency[i], censor);
    customers[g]++;
    actual[g] += split.holdoutFrequency[i];
    predicted[g] += predictions[i];
  }
  return Array.from({ length: censor + 1 }, (_, g) => ({
    frequency: g,
    label: g === censor ? `${censor}+` : String(g),
    customers: customers[g],
    actual: customers[g] > 0 ? actual[g] / customers[g] : null,
    predicted: customers[g] > 0 ? predicted[g] / customers[g] : null,
  }));
}
