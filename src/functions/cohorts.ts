/**
 * Transaction-log engines that spill tables: the cohort triangle, the MRR
 * bridge and the RFM summary. Each reads row-aligned columns (see
 * tables/columns.ts for blanks, dates and the zeros Excel desktop passes for
 * empty cells), calls src/metrics, lays the result out and refuses a spill too
 * large for Excel to take back.
 */
import { COHORT_MEASURES, COHORT_OUTPUTS, COHORT_PERIODS, cohortTable } from "../metrics/cohort";
import { civilFromSerial } from "../metrics/dates";
import { mrrMovements } from "../metrics/mrr-movements";
import { RFM_UNITS, rfmSummary } from "../metrics/rfm";
import { optionalChoice } from "./support/args";
import { excelResultAsync } from "./support/excel-errors";
import { cellColumn, optionalDate, readTransactions } from "./tables/columns";
import { cohortRows, MRR_HEADER, mrrRows, rfmRows } from "./tables/engine-tables";
import { refuseLargeSpill, refuseLargeSpillShape } from "./tables/spill-limit";

function addressOf(invocation: CustomFunctions.Invocation | undefined, index: number): string | null {
  return invocation?.parameterAddresses?.[index] ?? null;
}

/**
 * Cohort retention triangle: customers grouped by the period of their first activity, with what each cohort did 0, 1, 2 ... periods later.
 * @customfunction COHORT
 * @param customer_ids The customer id of each transaction (one row per transaction). Rows with an empty id are skipped.
 * @param dates The date of each transaction: a date cell or ISO text such as 2024-03-15. Same number of rows as customer_ids.
 * @param [amounts] The amount of each transaction (needed when measure is "revenue"). Empty cells count as 0.
 * @param [period] "week" (Monday to Sunday), "month" (default), "quarter" or "year".
 * @param [measure] "customers" (default): active customers; "revenue": the cohort's revenue in the period.
 * @param [output] "share" (default): divided by period 0, so net revenue retention can exceed 100%; "count": the numbers themselves.
 * @param invocation Invocation (Excel fills it in).
 * @returns Header row, then one row per cohort: its first day (format as a date), its customers, then one column per period since the first; empty beyond the data.
 * @requiresParameterAddresses
 */
export async function cohort(
  customer_ids: any[][],
  dates: any[][],
  amounts?: any[][],
  period?: any,
  measure?: any,
  output?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<any[][]> {
  return excelResultAsync(async () => {
    const options = {
      period: optionalChoice(period, "period", COHORT_PERIODS, "month"),
      measure: optionalChoice(measure, "measure", COHORT_MEASURES, "customers"),
      output: optionalChoice(output, "output", COHORT_OUTPUTS, "share"),
    };
    const amountCol = amounts === null || amounts === undefined ? null : cellColumn(amounts, "amounts", addressOf(invocation, 2));
    const log = await readTransactions(
      cellColumn(customer_ids, "customer_ids", addressOf(invocation, 0)),
      cellColumn(dates, "dates", addressOf(invocation, 1)),
      amountCol,
    );
    return refuseLargeSpill(cohortRows(cohortTable(log.ids, log.dates, log.amounts, options)), "cohort table");
  });
}

/**
 * MRR movements by month (ChartMogul's definitions): start MRR, new, expansion, contraction, churn, reactivation, end MRR, and customers at start and end.
 * @customfunction MRRMOVEMENTS
 * @param customer_ids The customer id of each subscription row. Rows with an empty id are skipped.
 * @param months The month of each row: any date in the month, or ISO text such as 2024-03 or 2024-03-15.
 * @param mrr The monthly recurring revenue of each row; a customer's MRR in a month is the sum of their rows. Empty cells count as 0.
 * @param invocation Invocation (Excel fills it in).
 * @returns Header row, then one row per month from the first to the last (format column 1 as a date); end = start + new + expansion + reactivation - contraction - churn.
 * @requiresParameterAddresses
 */
export async function mrrmovements(customer_ids: any[][], months: any[][], mrr: any[][], invocation?: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const log = await readTransactions(
      cellColumn(customer_ids, "customer_ids", addressOf(invocation, 0)),
      cellColumn(months, "months", addressOf(invocation, 1)),
      cellColumn(mrr, "mrr", addressOf(invocation, 2)),
      true,
    );
    // One row per month from the first to the last: refuse a too long table before computing it.
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < log.dates.length; i++) {
      if (log.dates[i] < first) first = log.dates[i];
      if (log.dates[i] > last) last = log.dates[i];
    }
    if (first <= last) {
      const a = civilFromSerial(first), b = civilFromSerial(last);
      const months = (b.year - a.year) * 12 + (b.month - a.month) + 1;
      refuseLargeSpillShape(months + 1, MRR_HEADER.length, "MRR movements table", `for the ${months.toLocaleString("en-US")} months from the first row to the last`);
    }
    return refuseLargeSpill(mrrRows(mrrMovements(log.ids, log.dates, log.amounts!)), "MRR movements table");
  });
}

/**
 * RFM summary per customer for the BG/NBD and Gamma-Gamma models (as lifetimes' summary_data_from_transaction_data): frequency, recency, T, monetary value.
 * @customfunction RFM
 * @param customer_ids The customer id of each purchase. Rows with an empty id are skipped.
 * @param dates The date of each purchase: a date cell or ISO text such as 2024-03-15. Purchases on the same day count as one.
 * @param [amounts] The amount of each purchase, for the monetary value. Empty cells count as 0.
 * @param [as_of] End of the observation period (a date); the last date in the data if omitted. Later purchases are ignored.
 * @param [unit] Unit of recency and T: "day", "week" (default) or "month" (365.25/12 days).
 * @param invocation Invocation (Excel fills it in).
 * @returns Header row, then one row per customer: id, frequency (repeat purchase days), recency, T, mean repeat purchase value (0 with no repeats; empty without amounts).
 * @requiresParameterAddresses
 */
export async function rfm(
  customer_ids: any[][],
  dates: any[][],
  amounts?: any[][],
  as_of?: any,
  unit?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<any[][]> {
  return excelResultAsync(async () => {
    const options = { asOf: optionalDate(as_of, "as_of"), unit: optionalChoice(unit, "unit", RFM_UNITS, "week") };
    const amountCol = amounts === null || amounts === undefined ? null : cellColumn(amounts, "amounts", addressOf(invocation, 2));
    const log = await readTransactions(
      cellColumn(customer_ids, "customer_ids", addressOf(invocation, 0)),
      cellColumn(dates, "dates", addressOf(invocation, 1)),
      amountCol,
    );
    return refuseLargeSpill(rfmRows(rfmSummary(log.ids, log.dates, log.amounts, options)), "RFM table");
  });
}
