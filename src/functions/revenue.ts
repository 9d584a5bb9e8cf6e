/**
 * Revenue and unit-economics functions: MRR, ARPA, LTV, CAC, LTV:CAC, CAC
 * payback, CRC, NRR, GRR, quick ratio.
 */
import { arpa as arpaOf, mrr as mrrOf } from "../metrics/mrr";
import { cac as cacOf, cacPayback, crc as crcOf, ltv as ltvOf, ltvToCac } from "../metrics/ltv";
import { grr as grrOf, nrr as nrrOf, quickRatio } from "../metrics/revenue-retention";
import { optionalNumber, rangeNumbers, requiredNumber } from "./support/args";
import { excelResult } from "./support/excel-errors";

/**
 * Monthly recurring revenue: the sum of subscription amounts, divided by the months each amount covers (12 for annual plans).
 * @customfunction MRR
 * @param amounts Recurring amounts, one per subscription. Empty cells and text are skipped.
 * @param [months_per_period] Months each amount covers: 1 for monthly (default), 3 quarterly, 12 annual.
 * @returns MRR.
 */
export function mrr(amounts: any[][], months_per_period?: any): number {
  return excelResult(() =>
    mrrOf(rangeNumbers(amounts, "amounts", null, { nonNegative: true }), optionalNumber(months_per_period, "months_per_period", 1)),
  );
}

/**
 * Average revenue per account: MRR divided by active customers.
 * @customfunction ARPA
 * @param mrr Monthly recurring revenue.
 * @param customers Active customers (accounts).
 * @returns ARPA per month.
 */
export function arpa(mrr: any, customers: any): number {
  return excelResult(() => arpaOf(requiredNumber(mrr, "mrr"), requiredNumber(customers, "customers")));
}

/**
 * Customer lifetime value: ARPA x gross margin / churn rate; with a discount rate, ARPA x margin / (churn + discount), the discounted sum of future margin.
 * @customfunction LTV
 * @param arpa Average revenue per account per period (e.g. per month).
 * @param gross_margin Gross margin as a fraction, e.g. 0.8.
 * @param churn_rate Churn rate per period as a fraction, e.g. 0.03.
 * @param [discount_rate] Discount rate per period as a fraction, 0 if omitted.
 * @returns Lifetime value, in the currency of arpa.
 */
export function ltv(arpa: any, gross_margin: any, churn_rate: any, discount_rate?: any): number {
  return excelResult(() =>
    ltvOf(
      requiredNumber(arpa, "arpa"),
      requiredNumber(gross_margin, "gross_margin"),
      requiredNumber(churn_rate, "churn_rate"),
      optionalNumber(discount_rate, "discount_rate", 0),
    ),
  );
}

/**
 * Customer acquisition cost: sales and marketing cost divided by new customers.
 * @customfunction CAC
 * @param sales_marketing_cost Sales and marketing spend in the period.
 * @param new_customers Customers acquired in the period.
 * @returns CAC per customer.
 */
export function cac(sales_marketing_cost: any, new_customers: any): number {
  return excelResult(() => cacOf(requiredNumber(sales_marketing_cost, "sales_marketing_cost"), requiredNumber(new_customers, "new_customers")));
}

/**
 * LTV:CAC ratio: lifetime value divided by acquisition cost; 3 or more is the usual target.
 * @customfunction LTVCAC
 * @param ltv Customer lifetime value.
 * @param cac Customer acquisition cost.
 * @returns The ratio (3 means 3:1).
 */
export function ltvcac(ltv: any, cac: any): number {
  return excelResult(() => ltvToCac(requiredNumber(ltv, "ltv"), requiredNumber(cac, "cac")));
}

/**
 * CAC payback: months of gross margin needed to earn back the acquisition cost, CAC / (ARPA x gross margin).
 * @customfunction CACPAYBACK
 * @param cac Customer acquisition cost.
 * @param arpa Average revenue per account per month.
 * @param gross_margin Gross margin as a fraction, e.g. 0.8.
 * @returns Payback in months.
 */
export function cacpayback(cac: any, arpa: any, gross_margin: any): number {
  return excelResult(() => cacPayback(requiredNumber(cac, "cac"), requiredNumber(arpa, "arpa"), requiredNumber(gross_margin, "gross_margin")));
}

/**
 * Customer retention cost: retention spend divided by customers retained.
 * @customfunction CRC
 * @param retention_cost Spend on keeping customers (success, support, loyalty) in the period.
 * @param retained_customers Customers retained in the period.
 * @returns Cost per retained customer.
 */
export function crc(retention_cost: any, retained_customers: any): number {
  return excelResult(() => crcOf(requiredNumber(retention_cost, "retention_cost"), requiredNumber(retained_customers, "retained_customers")));
}

/**
 * Net revenue retention: (start MRR + expansion - contraction - churned) / start MRR, for the customers present at the start.
 * @customfunction NRR
 * @param start_mrr MRR at the start of the period.
 * @param expansion MRR added by upgrades of existing customers.
 * @param contraction MRR lost to downgrades.
 * @param churned MRR lost to customers who left.
 * @returns NRR as a fraction (can exceed 100%).
 */
export function nrr(start_mrr: any, expansion: any, contraction: any, churned: any): number {
  return excelResult(() =>
    nrrOf(
      requiredNumber(start_mrr, "start_mrr"),
      requiredNumber(expansion, "expansion"),
      requiredNumber(contraction, "contraction"),
      requiredNumber(churned, "churned"),
    ),
  );
}

/**
 * Gross revenue retention: (start MRR - contraction - churned) / start MRR; expansion is left out, so it is at most 100%.
 * @customfunction GRR
 * @param start_mrr MRR at the start of the period.
 * @param contraction MRR lost to downgrades.
 * @param churned MRR lost to customers who left.
 * @returns GRR as a fraction.
 */
export function grr(start_mrr: any, contraction: any, churned: any): number {
  return excelResult(() =>
    grrOf(requiredNumber(start_mrr, "start_mrr"), requiredNumber(contraction, "contraction"), requiredNumber(churned, "churned")),
  );
}

/**
 * SaaS quick ratio: MRR gained over MRR lost, (new + expansion) / (contraction + churned); above 4 is efficient growth.
 * @customfunction QUICKRATIO
 * @param new_mrr MRR from new customers.
 * @param expansion MRR from upgrades.
 * @param contraction MRR lost to downgrades.
 * @param churned MRR lost to customers who left.
 * @returns The quick ratio.
 */
export function quickratio(new_mrr: any, expansion: any, contraction: any, churned: any): number {
  return excelResult(() =>
    quickRatio(
      requiredNumber(new_mrr, "new_mrr"),
      requiredNumber(expansion, "expansion"),
      requiredNumber(contraction, "contraction"),
      requiredNumber(churned, "churned"),
    ),
  );
}
