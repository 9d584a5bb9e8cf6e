import { divisionByZero, invalidInput, ratio, requireFraction, requireNonNegative } from "./errors";

/**
 * Customer lifetime value for a subscription business.
 *
 * Without discounting, LTV = ARPA × gross margin / churn rate: the margin a
 * customer brings each month times the expected lifetime of 1 / churn months.
 *
 * With a discount rate d per month (the same period as the churn rate c), each
 * month's margin is discounted: a customer pays at the end of month t (t = 1, 2, …)
 * if still active, which happens with probability (1 − c)^(t−1), so
 *
 *   LTV = Σ_{t≥1} ARPA·m·(1 − c)^(t−1) / (1 + d)^t = ARPA·m / (c + d),
 *
 * which reduces to ARPA·m / c when d = 0.
 *
 * Reference: ChartMogul, "Customer Lifetime Value (LTV)" (ARPA × gross margin /
 * churn rate); S. Gupta, D. R. Lehmann (2003), "Customers as Assets", Journal
 * of Interactive Marketing 17(1) (the discounted geometric sum).
 *
 * @example ltv(120, 0.8, 0.03) // 3200
 * @example ltv(120, 0.8, 0.03, 0.01) // 2400
 */
export function ltv(arpa: number, grossMargin: number, churnRate: number, discountRate = 0): number {
  requireNonNegative(arpa, "arpa");
  requireFraction(grossMargin, "gross_margin");
  requireFraction(churnRate, "churn_rate");
  if (!Number.isFinite(discountRate) || discountRate < 0) {
    throw invalidInput(`discount_rate must be a fraction of 0 or more per period (got ${discountRate}).`);
  }
  if (churnRate + discountRate === 0) {
    throw divisionByZero("churn_rate is 0 and there is no discount rate, so the lifetime value is unbounded.");
  }
  return (arpa * grossMargin) / (churnRate + discountRate);
}

/**
 * Customer acquisition cost: sales and marketing spend / new customers won.
 *
 * Reference: ChartMogul, "Customer Acquisition Cost (CAC)".
 *
 * @example cac(90000, 100) // 900
 */
export function cac(salesMarketingCost: number, newCustomers: number): number {
  requireNonNegative(salesMarketingCost, "sales_marketing_cost");
  requireNonNegative(newCustomers, "new_customers");
  return ratio(salesMarketingCost, newCustomers, "new_customers");
}

/**
 * LTV:CAC ratio — lifetime value over acquisition cost; 3 or more is the
 * usual sign of a healthy SaaS business.
 *
 * Reference: D. Skok, "SaaS Metrics 2.0" (For Entrepreneurs): LTV:CAC > 3.
 *
 * @example ltvToCac(3200, 900) // 3.555…
 */
export function ltvToCac(lifetimeValue: number, acquisitionCost: number): number {
  requireNonNegative(lifetimeValue, "ltv");
  requireNonNegative(acquisitionCost, "cac");
  return ratio(lifetimeValue, acquisitionCost, "cac");
}

/**
 * CAC payback period in months: CAC / (ARPA × gross margin), the months of
 * margin it takes to earn back the cost of acquiring a customer.
 *
 * Reference: D. Skok, "SaaS Metrics 2.0": months to recover CAC < 12.
 *
 * @example cacPayback(900, 120, 0.8) // 9.375
 */
export function cacPayback(acquisitionCost: number, arpa: number, grossMargin: number): number {
  requireNonNegative(acquisitionCost, "cac");
  requireNonNegative(arpa, "arpa");
  requireFraction(grossMargin, "gross_margin");
  if (arpa * grossMargin === 0) throw divisionByZero("arpa × gross_margin is 0, so CAC is never paid back.");
  return acquisitionCost / (arpa * grossMargin);
}

/**
 * Customer retention cost: retention spend / customers retained.
 *
 * @example crc(15000, 1200) // 12.5
 */
export function crc(retentionCost: number, retainedCustomers: number): number {
  requireNonNegative(retentionCost, "retention_cost");
  requireNonNegative(retainedCustomers, "retained_customers");
  return ratio(retentionCost, retainedCustomers, "retained_customers");
}
