import { invalidInput, ratio, requireNonNegative } from "./errors";

/**
 * Monthly recurring revenue: the sum of subscription amounts normalised to a
 * month. An annual plan of 1,200 billed yearly (`monthsPerPeriod` = 12)
 * contributes 100 of MRR; one-off charges do not belong in the input.
 *
 * Reference: ChartMogul, "Monthly Recurring Revenue (MRR)" (annual and
 * quarterly plans are divided by 12 and 3).
 *
 * @example mrr([100, 250, 1200], 1) // 1550
 * @example mrr([1200, 2400], 12) // 300
 */
export function mrr(amounts: ArrayLike<number>, monthsPerPeriod = 1): number {
  if (!Number.isFinite(monthsPerPeriod) || monthsPerPeriod <= 0) {
    throw invalidInput(`months_per_period must be more than 0, e.g. 12 for annual plans (got ${monthsPerPeriod}).`);
  }
  let sum = 0;
  for (let i = 0; i < amounts.length; i++) sum += amounts[i];
  return sum / monthsPerPeriod;
}

/**
 * Average revenue per account (ARPA): MRR / active customers.
 *
 * Reference: ChartMogul, "Average Revenue Per Account (ARPA)".
 *
 * @example arpa(12000, 150) // 80
 */
export function arpa(monthlyRecurringRevenue: number, customers: number): number {
  requireNonNegative(customers, "customers");
  return ratio(monthlyRecurringRevenue, customers, "customers");
}
