/**
 * Customer growth as Jeanne Bliss measures it: customers won and lost per
 * period, in number and in money (CUSTOMERGROWTH), and customers lost after an
 * incident against those without one (INCIDENTLOSS). Columns are read as the
 * other transaction engines read them (tables/columns.ts: blank ids skip a
 * row, a blank amount is 0, bad cells are named, errors propagate).
 */
import { notAvailable } from "../metrics/errors";
import { customerGrowth, GROWTH_PERIODS } from "../metrics/growth/customer-growth";
import { incidentLoss } from "../metrics/growth/incident-loss";
import { ExcelArg, optionalChoice, optionalNumber } from "./support/args";
import { excelResultAsync } from "./support/excel-errors";
import { cellColumn, readTransactions } from "./tables/columns";
import { growthRows, incidentLossRows } from "./tables/growth-tables";
import { refuseLargeSpill } from "./tables/spill-limit";

function addressOf(invocation: CustomFunctions.Invocation | undefined, index: number): string | null {
  return invocation?.parameterAddresses?.[index] ?? null;
}

/**
 * A whole number of periods or days, or undefined for the default. Blank and
 * 0 give the default: Excel desktop passes a reference to an empty cell as 0,
 * and 0 is never a valid count here. Anything else the core checks.
 */
function optionalUnits(v: ExcelArg, name: string): number | undefined {
  const x = optionalNumber(v, name, 0);
  return x === 0 ? undefined : x;
}

/**
 * Net customer growth by period (Jeanne Bliss): customers at start, new, reactivated, lost, at end, net growth, and the value of new and of lost customers.
 * @customfunction CUSTOMERGROWTH
 * @param customer_ids The customer id of each purchase (one row per purchase). Rows with an empty id are skipped.
 * @param dates The date of each purchase: a date cell or ISO text such as 2024-03-15. Same number of rows as customer_ids.
 * @param [amounts] The amount of each purchase, for the value columns (empty without it). Empty cells count as 0.
 * @param [period] "week" (Monday to Sunday), "month" (default), "quarter" or "year".
 * @param [lost_after] Whole periods without a purchase after which a customer is lost. Default (blank or 0): one year, i.e. 52 weeks, 12 months, 4 quarters or 1 year.
 * @param [value_window] Whole periods of revenue that value a new customer (their first) or a lost one (their last before the loss). Default (blank or 0): one year.
 * @param invocation Invocation (Excel fills it in).
 * @returns Header row, then one row per period: its first day (format as a date), customers at start, new, reactivated, lost, customers at end, net growth, value of new, value of lost, net value growth.
 * @requiresParameterAddresses
 */
export async function customergrowth(
  customer_ids: any[][],
  dates: any[][],
  amounts?: any[][],
  period?: any,
  lost_after?: any,
  value_window?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<any[][]> {
  return excelResultAsync(async () => {
    const options = {
      period: optionalChoice(period, "period", GROWTH_PERIODS, "month"),
      lostAfter: optionalUnits(lost_after, "lost_after"),
      valueWindow: optionalUnits(value_window, "value_window"),
    };
    const amountCol = amounts === null || amounts === undefined ? null : cellColumn(amounts, "amounts", addressOf(invocation, 2));
    const log = await readTransactions(
      cellColumn(customer_ids, "customer_ids", addressOf(invocation, 0)),
      cellColumn(dates, "dates", addressOf(invocation, 1)),
      amountCol,
    );
    return refuseLargeSpill(growthRows(customerGrowth(log.ids, log.dates, log.amounts, options)), "customer growth table");
  });
}

/**
 * Customers lost after an incident: how many of the customers with an incident were lost within window_days, against customers without one over the same windows, with the relative risk.
 * @customfunction INCIDENTLOSS
 * @param customer_ids The customer id of each purchase (one row per purchase). Rows with an empty id are skipped.
 * @param dates The date of each purchase: a date cell or ISO text such as 2024-03-15. Same number of rows as customer_ids.
 * @param incident_customer_ids The customer id of each incident (a complaint, a failed delivery...). Rows with an empty id are skipped.
 * @param incident_dates The date of each incident. Same number of rows as incident_customer_ids.
 * @param [window_days] Days after an incident in which a loss counts. Default (blank or 0): lost_after_days.
 * @param [lost_after_days] Days without a purchase after which a customer is lost. Default (blank or 0): 365.
 * @param invocation Invocation (Excel fills it in).
 * @returns Two columns, measure and value: customers with an incident, lost within the window, loss rate, customers without an incident, their loss rate, relative risk, low and high (95% interval).
 * @requiresParameterAddresses
 */
export async function incidentloss(
  customer_ids: any[][],
  dates: any[][],
  incident_customer_ids: any[][],
  incident_dates: any[][],
  window_days?: any,
  lost_after_days?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<any[][]> {
  return excelResultAsync(async () => {
    const options = { windowDays: optionalUnits(window_days, "window_days"), lostAfterDays: optionalUnits(lost_after_days, "lost_after_days") };
    const log = await readTransactions(
      cellColumn(customer_ids, "customer_ids", addressOf(invocation, 0)),
      cellColumn(dates, "dates", addressOf(invocation, 1)),
      null,
    );
    const incidents = await readTransactions(
      cellColumn(incident_customer_ids, "incident_customer_ids", addressOf(invocation, 2)),
      cellColumn(incident_dates, "incident_dates", addressOf(invocation, 3)),
      null,
    );
    const report = incidentLoss(log.ids, log.dates, incidents.ids, incidents.dates, null, options);
    const { all, incidents: seen, windowDays } = report;
    if (seen.rows === 0) throw notAvailable("There are no incidents (every incident_customer_ids cell is blank).");
    if (all.customersWithIncident === 0) {
      throw notAvailable(
        `No incident can be followed: of ${seen.rows}, ${seen.unknownCustomer} are of customers with no purchase in customer_ids, ` +
          `${seen.windowNotOver} are less than ${windowDays} days (window_days) before the last purchase date, and ` +
          `${seen.notActive} came when the customer was not active (no purchase in the lost_after_days before).`,
      );
    }
    return incidentLossRows(all);
  });
}
