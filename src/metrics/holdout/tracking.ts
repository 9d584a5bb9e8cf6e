/**
 * The tracking series: actual against expected cumulative repeat purchases of
 * the whole cohort, period by period over calibration and holdout, each
 * customer counted from their own first purchase. A model that tracks the
 * calibration periods and keeps tracking after the cut-off forecasts the
 * cohort's sales.
 *
 * Reference: P. S. Fader, B. G. S. Hardie, K. L. Lee (2005), "'Counting Your
 * Customers' the Easy Way", Marketing Science 24(2), §4, Figure 3 (CDNOW,
 * weekly cumulative repeat transactions over weeks 1–78); the expectation is
 * their eq. (9), E[X(t)], summed over customers at their ages, as BTYD's
 * bgnbd.ExpectedCumulativeTransactions does.
 */
import { bgnbdExpectedPurchases, BgnbdParams, validateBgnbdParams } from "../clv/bgnbd";
import { RFM_UNIT_DAYS } from "../rfm";
import { CalibrationHoldout } from "./split";

export interface TrackingSeries {
  /** The first period starts on the cohort's first purchase day (serial). */
  origin: number;
  /** Days per period. */
  periodDays: number;
  /** Periods in the calibration part: period k ends on or before the cut-off for k ≤ calibrationPeriods. */
  calibrationPeriods: number;
  /** Cumulative repeat purchases by the end of each period 1 … n (index k − 1). */
  actual: Float64Array;
  expected: Float64Array;
}

/**
 * Period k (1-based) covers the days [origin + (k − 1)·u, origin + k·u), u the
 * unit in days; a customer's age at its end is (origin + k·u − 1 − first)/u
 * (so at the cut-off's period the age is T, the cut-off being its last day
 * when the calibration length is whole periods). Actual: repeat purchase days
 * before origin + k·u. Expected: Σ_customers E[X(age)], customers grouped by
 * first purchase day (one evaluation per day and period).
 *
 * a first buys on 2024-01-01 and again on 01-15: by the end of week 3 the
 * cohort has made 1 repeat purchase.
 * @example cumulativeTracking({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { firstPurchase: [45292], repeatDays: [45306], cutoff: 45312, end: 45312, unit: "week" }).actual[2] // 1
 */
export function cumulativeTracking(params: BgnbdParams, split: Pick<CalibrationHoldout, "firstPurchase" | "repeatDays" | "cutoff" | "end" | "unit">): TrackingSeries {
  validateBgnbdParams(params);
  const u = RFM_UNIT_DAYS[split.unit];
  let origin = Infinity;
  for (const f of split.firstPurchase) if (f < origin) origin = f;
  const periods = Math.max(1, Math.ceil((split.end - origin + 1) / u - 1e-9));
  const calibrationPeriods = Math.floor((split.cutoff - origin + 1) / u + 1e-9);

  const perPeriod = new Float64Array(periods);
  for (const d of split.repeatDays) {
    const k = Math.floor((d - origin) / u);
    if (k >= 0 && k < periods) perPeriod[k]++;
  }
  const actual = new Float64Array(periods);
  let running = 0;
  for (let k = 0; k < periods; k++) actual[k] = running += perPeriod[k];

  const byFirstDay = new Map<number, number>();
  for (const f of split.firstPurchase) byFirstDay.set(f, (byFirstDay.get(f) ?? 0) + 1);
  const expected = new Float64Array(periods);
  for (const [first, count] of byFirstDay) {
    for (let k = 1; k <= periods; k++) {
      const age = (origin + k * u - 1 - first) / u;
      if (age > 0) expected[k - 1] += count * bgnbdExpectedPurchases(params, age);
    }
  }
  return { origin, periodDays: u, calibrationPeriods, actual, expected };
}
