import { ratio, requireNonNegative } from "./errors";

/**
 * Conversion rate: conversions / visitors (or sessions), as a fraction.
 *
 * Reference: P. Farris et al. (2010), Marketing Metrics, ch. 9.
 *
 * @example conversionRate(45, 1500) // 0.03
 */
export function conversionRate(conversions: number, visitors: number): number {
  requireNonNegative(conversions, "conversions");
  requireNonNegative(visitors, "visitors");
  return ratio(conversions, visitors, "visitors");
}

/**
 * Average order value: revenue / orders.
 *
 * Reference: Shopify, "Average order value".
 *
 * @example averageOrderValue(12500, 250) // 50
 */
export function averageOrderValue(revenue: number, orders: number): number {
  requireNonNegative(orders, "orders");
  return ratio(revenue, orders, "orders");
}

/**
 * Revenue per visitor: revenue / visitors (= conversion rate × AOV).
 *
 * @example revenuePerVisitor(12500, 5000) // 2.5
 */
export function revenuePerVisitor(revenue: number, visitors: number): number {
  requireNonNegative(visitors, "visitors");
  return ratio(revenue, visitors, "visitors");
}

/**
 * Cost per acquisition: campaign cost / acquisitions (customers, sign-ups).
 *
 * Reference: P. Farris et al. (2010), Marketing Metrics, ch. 9 ("cost per customer acquired").
 *
 * @example costPerAcquisition(5000, 125) // 40
 */
export function costPerAcquisition(cost: number, acquisitions: number): number {
  requireNonNegative(cost, "cost");
  requireNonNegative(acquisitions, "acquisitions");
  return ratio(cost, acquisitions, "acquisitions");
}

/**
 * Return on ad spend: revenue attributed to ads / ad spend, as a multiple (4 = 4:1).
 *
 * Reference: Google Ads Help, "Target ROAS" (conversion value / cost).
 *
 * @example roas(20000, 5000) // 4
 */
export function roas(revenue: number, adSpend: number): number {
  requireNonNegative(adSpend, "ad_spend");
  return ratio(revenue, adSpend, "ad_spend");
}
