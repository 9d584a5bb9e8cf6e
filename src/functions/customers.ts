/**
 * Customer functions: churn, retention, net customers, referral, resolution,
 * first contact resolution, repeat rate, and lift (relative risk).
 */
import { churnRate, firstContactResolution, netCustomers, referralRate, resolutionRate, retentionRate } from "../metrics/customers";
import { invalidInput } from "../metrics/errors";
import { relativeRisk } from "../metrics/lift";
import { repeatRate } from "../metrics/repeat-rate";
import { rangeKeys, requiredNumber } from "./support/args";
import { excelResult, excelResultAsync } from "./support/excel-errors";
import { readFlags } from "./support/flags";

/**
 * Customer churn rate: customers lost in the period divided by customers at its start.
 * @customfunction CHURN
 * @param start_customers Customers at the start of the period.
 * @param lost_customers Customers lost during the period.
 * @returns Churn rate as a fraction (format as %).
 */
export function churn(start_customers: any, lost_customers: any): number {
  return excelResult(() => churnRate(requiredNumber(start_customers, "start_customers"), requiredNumber(lost_customers, "lost_customers")));
}

/**
 * Customer retention rate: (customers at the end minus new customers) divided by customers at the start.
 * @customfunction RETENTION
 * @param start_customers Customers at the start of the period.
 * @param end_customers Customers at the end of the period.
 * @param new_customers Customers acquired during the period.
 * @returns Retention rate as a fraction (format as %).
 */
export function retention(start_customers: any, end_customers: any, new_customers: any): number {
  return excelResult(() =>
    retentionRate(
      requiredNumber(start_customers, "start_customers"),
      requiredNumber(end_customers, "end_customers"),
      requiredNumber(new_customers, "new_customers"),
    ),
  );
}

/**
 * Net customers: incoming minus outgoing, by count (customers won minus lost) or by value (MRR won minus lost).
 * @customfunction NETCUSTOMERS
 * @param new_customers Customers won in the period (or the value won, e.g. new MRR).
 * @param lost_customers Customers lost in the period (or the value lost, e.g. churned MRR).
 * @returns New minus lost.
 */
export function netcustomers(new_customers: any, lost_customers: any): number {
  return excelResult(() => netCustomers(requiredNumber(new_customers, "new_customers"), requiredNumber(lost_customers, "lost_customers")));
}

/**
 * Referral rate: customers who came through a referral divided by all customers in the period.
 * @customfunction REFERRALRATE
 * @param referred Customers acquired through referrals.
 * @param total All customers acquired in the period.
 * @returns Referral rate as a fraction (format as %).
 */
export function referralrate(referred: any, total: any): number {
  return excelResult(() => referralRate(requiredNumber(referred, "referred"), requiredNumber(total, "total")));
}

/**
 * Resolution rate: support cases resolved divided by cases received.
 * @customfunction RESOLUTIONRATE
 * @param resolved Cases resolved in the period.
 * @param received Cases received in the period.
 * @returns Resolution rate as a fraction (format as %).
 */
export function resolutionrate(resolved: any, received: any): number {
  return excelResult(() => resolutionRate(requiredNumber(resolved, "resolved"), requiredNumber(received, "received")));
}

/**
 * First contact resolution: cases solved in the first contact divided by all cases.
 * @customfunction FCR
 * @param resolved_first_contact Cases resolved in the first contact.
 * @param total All cases in the period.
 * @returns FCR as a fraction (format as %).
 */
export function fcr(resolved_first_contact: any, total: any): number {
  return excelResult(() => firstContactResolution(requiredNumber(resolved_first_contact, "resolved_first_contact"), requiredNumber(total, "total")));
}

/**
 * Repeat purchase rate: the share of customers who bought more than once. Give one customer id per purchase.
 * @customfunction REPEATRATE
 * @param customer_ids The customer id of each purchase (one row per purchase). Empty cells are skipped.
 * @returns Repeat rate as a fraction (format as %).
 */
export function repeatrate(customer_ids: any[][]): number {
  return excelResult(() => repeatRate(rangeKeys(customer_ids, "customer_ids")));
}

/**
 * Lift (relative risk): how many times more likely the outcome is in the group than in everyone else, with its 95% interval.
 * @customfunction LIFT
 * @param outcome TRUE/1 where the outcome happened (e.g. churned), FALSE/0 where not. Empty rows are skipped.
 * @param group TRUE/1 for rows in the group (e.g. not solved at first contact), FALSE/0 for the rest. Same size as outcome.
 * @param invocation Invocation (Excel fills it in).
 * @returns One row: ratio, low, high (95% log interval).
 * @requiresParameterAddresses
 */
export async function lift(outcome: any[][], group: any[][], invocation: CustomFunctions.Invocation): Promise<number[][]> {
  return excelResultAsync(async () => {
    const addresses = invocation?.parameterAddresses ?? [];
    const out = await readFlags(outcome, "outcome", addresses[0]);
    const grp = await readFlags(group, "group", addresses[1]);
    if (out.rows !== grp.rows || out.columns !== grp.columns) {
      throw invalidInput(`outcome (${out.rows}×${out.columns}) and group (${grp.rows}×${grp.columns}) must be the same size.`);
    }
    let a = 0, n1 = 0, c = 0, n0 = 0;
    for (let i = 0; i < out.flags.length; i++) {
      const o = out.flags[i], g = grp.flags[i];
      if (o < 0 || g < 0) continue;
      if (g === 1) { n1++; a += o; } else { n0++; c += o; }
    }
    const rr = relativeRisk({ groupWithOutcome: a, groupTotal: n1, restWithOutcome: c, restTotal: n0 });
    return [[rr.ratio, rr.low, rr.high]];
  });
}
