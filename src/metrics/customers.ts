import { notComputable, ratio, requireNonNegative } from "./errors";

/**
 * Customer churn rate: customers lost during the period / customers at its start,
 * as a fraction. Customers acquired during the period and lost in it may count
 * as lost, so the rate can exceed 1 for very short-lived cohorts.
 *
 * Reference: ChartMogul, "Customer Churn Rate" (lost customers / customers at
 * the start of the period).
 *
 * @example churnRate(200, 10) // 0.05
 */
export function churnRate(startCustomers: number, lostCustomers: number): number {
  requireNonNegative(startCustomers, "start_customers");
  requireNonNegative(lostCustomers, "lost_customers");
  return ratio(lostCustomers, startCustomers, "start_customers");
}

/**
 * Customer retention rate: (customers at the end − customers acquired during
 * the period) / customers at the start, as a fraction.
 *
 * Reference: P. Farris et al. (2010), Marketing Metrics, 2nd ed., ch. 5
 * ("retention rate"); the CRR formula ((E − N) / S) used across CX tools.
 *
 * @example retentionRate(200, 210, 30) // 0.9
 */
export function retentionRate(startCustomers: number, endCustomers: number, newCustomers: number): number {
  requireNonNegative(startCustomers, "start_customers");
  requireNonNegative(endCustomers, "end_customers");
  requireNonNegative(newCustomers, "new_customers");
  // The customers kept, end − new, are some of those at the start: 0 to start.
  if (newCustomers > endCustomers) {
    throw notComputable(`new_customers (${newCustomers}) is more than end_customers (${endCustomers}): the customers at the end include the new ones.`);
  }
  if (endCustomers - newCustomers > startCustomers) {
    throw notComputable(
      `end_customers minus new_customers (${endCustomers - newCustomers}) is more than start_customers (${startCustomers}): more customers were kept than there were.`,
    );
  }
  return ratio(endCustomers - newCustomers, startCustomers, "start_customers");
}

/**
 * Net customers (or net value): incoming minus outgoing — customers won minus
 * customers lost, or MRR won minus MRR lost.
 *
 * @example netCustomers(30, 20) // 10
 */
export function netCustomers(incoming: number, outgoing: number): number {
  requireNonNegative(incoming, "new_customers");
  requireNonNegative(outgoing, "lost_customers");
  return incoming - outgoing;
}

/**
 * A share of a total: `part / total` as a fraction, with both counts checked.
 * The customer rates below are all of this shape.
 */
export function shareOf(part: number, total: number, partName: string, totalName: string): number {
  requireNonNegative(part, partName);
  requireNonNegative(total, totalName);
  return ratio(part, total, totalName);
}

/**
 * Referral rate: customers who came through a referral / all new customers
 * (or referrals made / customers), as a fraction.
 *
 * @example referralRate(15, 300) // 0.05
 */
export function referralRate(referred: number, total: number): number {
  requirePartOfWhole(referred, total, "referred", "total");
  return shareOf(referred, total, "referred", "total");
}

/**
 * Resolution rate: support cases resolved / cases received in the period.
 *
 * Reference: Zendesk, "Customer service metrics: resolution rate".
 *
 * @example resolutionRate(450, 500) // 0.9
 */
export function resolutionRate(resolved: number, received: number): number {
  return shareOf(resolved, received, "resolved", "received");
}

/**
 * First contact resolution (FCR): cases resolved in the first contact / all
 * cases, as a fraction.
 *
 * Reference: SQM Group, "First Call Resolution"; Zendesk, "First contact resolution".
 *
 * @example firstContactResolution(350, 500) // 0.7
 */
export function firstContactResolution(resolvedFirstContact: number, total: number): number {
  requirePartOfWhole(resolvedFirstContact, total, "resolved_first_contact", "total");
  return shareOf(resolvedFirstContact, total, "resolved_first_contact", "total");
}

/** #NUM! when a part counted among a whole is larger than the whole (15 referred of 10 acquired). */
function requirePartOfWhole(part: number, whole: number, partName: string, wholeName: string): void {
  if (part > whole) throw notComputable(`${partName} (${part}) is more than ${wholeName} (${whole}), of which it is a part.`);
}
