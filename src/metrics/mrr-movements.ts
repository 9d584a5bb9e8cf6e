/**
 * MRR movements (the MRR bridge) from subscription rows.
 */
import { periodIndexes, periodStart } from "./dates";
import { invalidInput, notAvailable } from "./errors";
import { CodedIds, IdCell, rowsByCustomer, transactionLog } from "./transaction-log";

export interface MrrMonth {
  /** First day of the month, as an Excel serial. */
  month: number;
  /** MRR at the start of the month: the end MRR of the month before (0 in the first month). */
  startMrr: number;
  /** MRR of customers with their first-ever MRR this month. */
  newMrr: number;
  /** MRR added by customers active in both this month and the one before. */
  expansion: number;
  /** MRR lost by customers active in both months (a positive number). */
  contraction: number;
  /** MRR of the month before, of customers whose MRR went to zero this month (positive). */
  churn: number;
  /** MRR of customers coming back after at least one month at zero. */
  reactivation: number;
  /** MRR at the end of the month: the sum of every customer's MRR in it. */
  endMrr: number;
  /** Customers with MRR above zero in the month before. */
  customersAtStart: number;
  /** Customers with MRR above zero this month. */
  customersAtEnd: number;
}

/** A customer's monthly total counts as zero within this fraction of the rows' absolute sum (rounding of 0.1 + 0.2 − 0.3). */
const ZERO_TOLERANCE = 1e-9;

/**
 * Monthly MRR movements. Each row is (customer, any date in the month, MRR);
 * a customer's MRR in a month is the sum of their rows in it, and a month
 * without rows is a month at zero. Comparing each customer's MRR with the
 * month before:
 * - new: first-ever MRR above zero;
 * - reactivation: MRR above zero after a month at zero (not their first);
 * - expansion / contraction: the change, for customers above zero in both months;
 * - churn: the previous month's MRR, when the total goes to zero.
 * Every month from the first to the last in the data is a row, and the bridge
 * balances: end = start + new + expansion + reactivation − contraction − churn
 * (exactly for whole-number amounts, to rounding otherwise).
 *
 * Reference: ChartMogul, "MRR movements" (new business, expansion,
 * contraction, churn and reactivation MRR; Help Center, "MRR Movements").
 *
 * a pays 100 in Jan 2024 and 150 in Feb; b pays 50 in Jan and 80 in Mar.
 * Jan: new 150, end 150. Feb: expansion 50 (a), churn 50 (b), end 150.
 * Mar: churn 150 (a), reactivation 80 (b), end 80.
 *
 * @example mrrMovements(["a", "a", "b", "b"], [45292, 45323, 45292, 45352], [100, 150, 50, 80])[1].expansion // 50
 * @example mrrMovements(["a", "a", "b", "b"], [45292, 45323, 45292, 45352], [100, 150, 50, 80])[2].reactivation // 80
 */
export function mrrMovements(ids: ArrayLike<IdCell> | CodedIds, months: ArrayLike<number>, mrr: ArrayLike<number>): MrrMonth[] {
  const log = transactionLog(ids, months, mrr, { ids: "customer_ids", dates: "months", amounts: "mrr" });
  if (log.rows === 0) throw notAvailable("There are no subscription rows (every customer id is blank).");
  const amount = log.amount!;

  const { index: p, min: minP, max: maxP } = periodIndexes(log.date, "month");
  const span = maxP - minP + 1;
  const newMrr = new Float64Array(span), expansion = new Float64Array(span), contraction = new Float64Array(span);
  const churn = new Float64Array(span), reactivation = new Float64Array(span), endMrr = new Float64Array(span);
  const customersAtEnd = new Float64Array(span);

  // Per customer: total their rows by month (scratch arrays stamped by customer), then walk the months in order.
  const { start, order } = rowsByCustomer(log);
  const total = new Float64Array(span), magnitude = new Float64Array(span);
  const stamp = new Int32Array(span).fill(-1);
  const touched = new Int32Array(span);
  for (let c = 0; c < log.ids.length; c++) {
    let t = 0;
    for (let r = start[c]; r < start[c + 1]; r++) {
      const row = order[r];
      const m = p[row] - minP;
      if (stamp[m] !== c) {
        stamp[m] = c;
        total[m] = 0;
        magnitude[m] = 0;
        touched[t++] = m;
      }
      total[m] += amount[row];
      magnitude[m] += Math.abs(amount[row]);
    }
    const monthsOfCustomer = touched.subarray(0, t).sort();
    let prevMonth = -1, prevMrr = 0;
    for (let q = 0; q < t; q++) {
      const m = monthsOfCustomer[q];
      let v = total[m];
      if (Math.abs(v) <= ZERO_TOLERANCE * magnitude[m]) v = 0;
      if (v < 0) {
        throw invalidInput(`The MRR of customer ${String(log.ids[c])} in month ${monthLabel(minP + m)} adds up to ${v}; MRR cannot be negative.`);
      }
      if (v === 0) continue;
      if (prevMonth < 0) newMrr[m] += v;
      else if (prevMonth === m - 1) {
        if (v > prevMrr) expansion[m] += v - prevMrr;
        else contraction[m] += prevMrr - v;
      } else {
        churn[prevMonth + 1] += prevMrr;
        reactivation[m] += v;
      }
      endMrr[m] += v;
      customersAtEnd[m]++;
      prevMonth = m;
      prevMrr = v;
    }
    if (prevMonth >= 0 && prevMonth < span - 1) churn[prevMonth + 1] += prevMrr;
  }

  const out: MrrMonth[] = [];
  for (let m = 0; m < span; m++) {
    out.push({
      month: periodStart(minP + m, "month"),
      startMrr: m === 0 ? 0 : endMrr[m - 1],
      newMrr: newMrr[m],
      expansion: expansion[m],
      contraction: contraction[m],
      churn: churn[m],
      reactivation: reactivation[m],
      endMrr: endMrr[m],
      customersAtStart: m === 0 ? 0 : customersAtEnd[m - 1],
      customersAtEnd: customersAtEnd[m],
    });
  }
  return out;
}

function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
