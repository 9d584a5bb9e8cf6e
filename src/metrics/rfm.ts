/**
 * RFM summary (frequency, recency, T, monetary value) of a transaction log,
 * the sufficient statistics of the BG/NBD and Gamma-Gamma models.
 */
import { isDateSerial } from "./dates";
import { invalidInput, notAvailable } from "./errors";
import { CodedIds, CustomerKey, IdCell, rowsByCustomer, transactionLog } from "./transaction-log";

export type RfmUnit = "day" | "week" | "month";
export const RFM_UNITS: readonly RfmUnit[] = ["day", "week", "month"];

/**
 * Days per time unit. A month is the mean Gregorian month, 365.25 / 12 =
 * 30.4375 days: lifetimes' `freq="D", freq_multiplier=30.4375`. (lifetimes'
 * own `freq="M"` would floor dates to calendar months and count whole months,
 * which drops the day of purchase; the day-based unit keeps it.)
 */
export const RFM_UNIT_DAYS: Record<RfmUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

export interface RfmOptions {
  /** End of the observation period, an Excel serial; the last date in the data if omitted. Later rows are ignored. */
  asOf?: number | null;
  /** Unit of recency and T; "week" if omitted (as in Fader, Hardie & Lee's CDNOW analysis). */
  unit?: RfmUnit;
}

export interface RfmSummary {
  /** Customers in order of first appearance (those with a purchase on or before asOf). */
  ids: CustomerKey[];
  /** Repeat purchase days: distinct purchase days − 1. */
  frequency: Float64Array;
  /** Time from the first to the last purchase day, in `unit`. */
  recency: Float64Array;
  /** Time from the first purchase day to asOf, in `unit`. */
  T: Float64Array;
  /** Mean spend per repeat purchase day (the first day excluded); 0 when frequency is 0. null without amounts. */
  monetaryValue: Float64Array | null;
  /** The observation end used, as a whole-day serial. */
  asOf: number;
  unit: RfmUnit;
}

/**
 * Per customer, the summary the BG/NBD (Pareto/NBD, Gamma-Gamma) models take,
 * defined as lifetimes' summary_data_from_transaction_data with freq "D":
 * - purchases on the same day are one purchase (their amounts summed); the
 *   time of day is dropped;
 * - frequency = distinct purchase days − 1 (repeat purchases);
 * - recency = last purchase day − first purchase day, in `unit`;
 * - T = asOf − first purchase day, in `unit`;
 * - monetary value = mean of the repeat purchase days' amounts (the first
 *   day excluded), 0 when frequency is 0.
 * Rows after asOf are ignored; asOf defaults to the last date in the data.
 * Days are differences of Excel serials (see dates.ts).
 *
 * Reference: P. Fader, B. Hardie, K. L. Lee (2005), "Counting your customers
 * the easy way: an alternative to the Pareto/NBD model", Marketing Science
 * 24(2) (x, t_x, T); C. Davidson-Pilon, lifetimes,
 * `utils.summary_data_from_transaction_data` (freq, freq_multiplier).
 *
 * a buys twice on 2024-01-01 (45292: 10 and 5, one purchase day) and on
 * 01-15 (45306: 20); b once on 01-08 (45299). In weeks, up to 01-15:
 * a: frequency 1, recency 2, T 2, monetary value 20; b: 0, 0, 1, 0.
 *
 * @example rfmSummary(["a", "a", "a", "b"], [45292, 45292, 45306, 45299], [10, 5, 20, 7]).recency[0] // 2
 * @example rfmSummary(["a", "a", "a", "b"], [45292, 45292, 45306, 45299], [10, 5, 20, 7]).monetaryValue[0] // 20
 */
export function rfmSummary(
  ids: ArrayLike<IdCell> | CodedIds,
  dates: ArrayLike<number>,
  amounts?: ArrayLike<number> | null,
  options: RfmOptions = {},
): RfmSummary {
  const unit = options.unit ?? "week";
  if (!RFM_UNITS.includes(unit)) throw invalidInput(`unit must be one of ${RFM_UNITS.join(", ")} (got ${unit}).`);
  const unitDays = RFM_UNIT_DAYS[unit];
  const log = transactionLog(ids, dates, amounts);
  if (log.rows === 0) throw notAvailable("There are no transactions (every customer id is blank).");

  const day = new Float64Array(log.rows);
  let lastDay = -Infinity;
  for (let i = 0; i < log.rows; i++) {
    day[i] = Math.floor(log.date[i]);
    if (day[i] > lastDay) lastDay = day[i];
  }
  let asOf = lastDay;
  if (options.asOf !== null && options.asOf !== undefined) {
    if (!isDateSerial(options.asOf)) throw invalidInput(`as_of is not a date (got ${options.asOf}).`);
    asOf = Math.floor(options.asOf);
  }

  const { start, order } = rowsByCustomer(log);
  const customers = log.ids.length;
  const keep = new Int32Array(customers).fill(-1);
  const frequency = new Float64Array(customers), recency = new Float64Array(customers), T = new Float64Array(customers);
  const monetary = log.amount ? new Float64Array(customers) : null;
  const byDay = (x: number, y: number) => day[x] - day[y];
  let kept = 0;
  for (let c = 0; c < customers; c++) {
    const rows = order.subarray(start[c], start[c + 1]);
    if (!isSortedByDay(rows, day)) rows.sort(byDay);
    let firstDay = NaN, currentDay = NaN, distinct = 0, repeatSum = 0;
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r];
      const d = day[i];
      if (d > asOf) break;
      if (d !== currentDay) {
        if (distinct === 0) firstDay = d;
        currentDay = d;
        distinct++;
      }
      if (monetary && distinct > 1) repeatSum += log.amount![i];
    }
    if (distinct === 0) continue;
    keep[c] = kept;
    frequency[kept] = distinct - 1;
    recency[kept] = (currentDay - firstDay) / unitDays;
    T[kept] = (asOf - firstDay) / unitDays;
    if (monetary) monetary[kept] = distinct > 1 ? repeatSum / (distinct - 1) : 0;
    kept++;
  }
  if (kept === 0) throw notAvailable("No customer has a purchase on or before as_of.");
  const keptIds: CustomerKey[] = [];
  for (let c = 0; c < customers; c++) if (keep[c] >= 0) keptIds.push(log.ids[c]);
  return {
    ids: keptIds,
    frequency: frequency.slice(0, kept),
    recency: recency.slice(0, kept),
    T: T.slice(0, kept),
    monetaryValue: monetary ? monetary.slice(0, kept) : null,
    asOf,
    unit,
  };
}

function isSortedByDay(rows: Int32Array, day: Float64Array): boolean {
  for (let r = 1; r < rows.length; r++) if (day[rows[r]] < day[rows[r - 1]]) return false;
  return true;
}
