/**
 * Splitting a transaction log at a cut-off date into a calibration period
 * (what a model is fitted on) and a holdout period (what it is then judged
 * against): the standard validation of a customer-base model.
 *
 * Definitions follow the RFM summary (src/metrics/rfm.ts, lifetimes'
 * calibration_and_holdout_data with freq "D"): purchases on the same day are
 * one purchase; a customer belongs to the split when their first purchase is
 * on or before the cut-off; in the calibration period frequency counts repeat
 * purchase days, recency is the age at the last of them and T the age at the
 * cut-off; in the holdout period every purchase day is a repeat purchase.
 *
 * Reference: P. S. Fader, B. G. S. Hardie, K. L. Lee (2005), "'Counting Your
 * Customers' the Easy Way", Marketing Science 24(2), §4: CDNOW's first-quarter
 * 1997 cohort, calibrated on its first 39 weeks (to 1997-09-30) and judged on
 * the next 39 (to 1998-06-30).
 */
import { isDateSerial } from "../dates";
import { invalidInput, notAvailable } from "../errors";
import { RFM_UNIT_DAYS, RFM_UNITS, RfmUnit } from "../rfm";
import { CodedIds, CustomerKey, IdCell, rowsByCustomer, transactionLog } from "../transaction-log";

export interface HoldoutOptions {
  /** The calibration period's last day, an Excel serial (inclusive). */
  cutoff: number;
  /** The holdout period's last day (inclusive); the last date in the log if omitted. */
  end?: number | null;
  /** Unit of recency, T and the holdout length; "week" if omitted. */
  unit?: RfmUnit;
}

export interface CalibrationHoldout {
  /** Customers whose first purchase is on or before the cut-off, in order of first appearance. */
  ids: CustomerKey[];
  /** Calibration-period summary per customer (PurchaseHistories). */
  calibration: { frequency: Float64Array; recency: Float64Array; T: Float64Array };
  /** Purchase days per customer in the holdout period (cutoff, end]. */
  holdoutFrequency: Float64Array;
  /** The holdout period's length, (end − cutoff) in `unit`. */
  holdoutLength: number;
  /** Each customer's first purchase day (serial). */
  firstPurchase: Float64Array;
  /** Every repeat purchase day of these customers up to `end` (serials, unsorted): the actual side of tracking. */
  repeatDays: Float64Array;
  /** Customers left out because their first purchase came after the cut-off. */
  laterCustomers: number;
  cutoff: number;
  end: number;
  unit: RfmUnit;
}

/**
 * Splits a log (ids, dates as Excel serials) at `cutoff`. Throws #VALUE! for
 * a cut-off outside the data or an end before it, #N/A when no customer
 * started by the cut-off.
 *
 * a buys on 2024-01-01 (45292), 01-15 and 02-05; b on 01-08 and 01-09.
 * Cut at 01-21, end 02-18, in weeks: a has 1 repeat, the last at week 2, T 20/7;
 * 1 holdout purchase; b has 1 repeat at 1/7, T 13/7, none in the holdout.
 *
 * @example calibrationHoldout(["a", "a", "a", "b", "b"], [45292, 45306, 45327, 45299, 45300], { cutoff: 45312, end: 45340 }).holdoutFrequency[0] // 1
 */
export function calibrationHoldout(ids: ArrayLike<IdCell> | CodedIds, dates: ArrayLike<number>, options: HoldoutOptions): CalibrationHoldout {
  const unit = options.unit ?? "week";
  if (!RFM_UNITS.includes(unit)) throw invalidInput(`unit must be one of ${RFM_UNITS.join(", ")} (got ${unit}).`);
  const unitDays = RFM_UNIT_DAYS[unit];
  if (!isDateSerial(options.cutoff)) throw invalidInput(`The cut-off is not a date (got ${options.cutoff}).`);
  const cutoff = Math.floor(options.cutoff);
  const log = transactionLog(ids, dates);
  if (log.rows === 0) throw notAvailable("There are no transactions (every customer id is blank).");
  const day = new Float64Array(log.rows);
  let firstDay = Infinity, lastDay = -Infinity;
  for (let i = 0; i < log.rows; i++) {
    const d = Math.floor(log.date[i]);
    day[i] = d;
    if (d < firstDay) firstDay = d;
    if (d > lastDay) lastDay = d;
  }
  let end = lastDay;
  if (options.end !== null && options.end !== undefined) {
    if (!isDateSerial(options.end)) throw invalidInput(`The end of the holdout period is not a date (got ${options.end}).`);
    end = Math.floor(options.end);
  }
  if (cutoff < firstDay) throw invalidInput(`The cut-off (serial ${cutoff}) is before the first purchase in the log (serial ${firstDay}): the calibration period would be empty.`);
  if (end <= cutoff) throw invalidInput(`The holdout period must end after the cut-off (serial ${cutoff}); it ends at serial ${end}.`);

  const { start, order } = rowsByCustomer(log);
  const customers = log.ids.length;
  const frequency = new Float64Array(customers), recency = new Float64Array(customers), T = new Float64Array(customers);
  const holdout = new Float64Array(customers), first = new Float64Array(customers);
  const repeatDays = new Float64Array(log.rows);
  const keptIds: CustomerKey[] = [];
  let kept = 0, repeats = 0, later = 0;
  const byDay = (x: number, y: number) => day[x] - day[y];
  for (let c = 0; c < customers; c++) {
    const rows = order.subarray(start[c], start[c + 1]);
    if (!isSortedByDay(rows, day)) rows.sort(byDay);
    const f = day[rows[0]];
    if (f > cutoff) {
      later++;
      continue;
    }
    let current = f, calibrationDays = 1, lastCalibration = f, holdoutDays = 0;
    for (let r = 1; r < rows.length; r++) {
      const d = day[rows[r]];
      if (d > end) break;
      if (d === current) continue;
      current = d;
      repeatDays[repeats++] = d;
      if (d <= cutoff) {
        calibrationDays++;
        lastCalibration = d;
      } else {
        holdoutDays++;
      }
    }
    frequency[kept] = calibrationDays - 1;
    recency[kept] = (lastCalibration - f) / unitDays;
    T[kept] = (cutoff - f) / unitDays;
    holdout[kept] = holdoutDays;
    first[kept] = f;
    keptIds.push(log.ids[c]);
    kept++;
  }
  if (kept === 0) throw notAvailable("No customer made a first purchase on or before the cut-off.");
  return {
    ids: keptIds,
    calibration: { frequency: frequency.slice(0, kept), recency: recency.slice(0, kept), T: T.slice(0, kept) },
    holdoutFrequency: holdout.slice(0, kept),
    holdoutLength: (end - cutoff) / unitDays,
    firstPurchase: first.slice(0, kept),
    repeatDays: repeatDays.slice(0, repeats),
    laterCustomers: later,
    cutoff,
    end,
    unit,
  };
}

function isSortedByDay(rows: Int32Array, day: Float64Array): boolean {
  for (let r = 1; r < rows.length; r++) if (day[rows[r]] < day[rows[r - 1]]) return false;
  return true;
}
