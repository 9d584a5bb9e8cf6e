import { divisionByZero, notComputable, ratio, requireNonNegative } from "./errors";

function checkMovements(values: Record<string, number>): void {
  for (const [name, v] of Object.entries(values)) requireNonNegative(v, name);
}

/** The starting customers cannot lose more MRR than they had: #NUM! otherwise. */
function requireLossWithinStart(startMrr: number, contraction: number, churned: number): void {
  if (contraction + churned > startMrr) {
    throw notComputable(`contraction + churned (${contraction + churned}) is more than start_mrr (${startMrr}): the starting customers cannot lose more MRR than they had.`);
  }
}

/**
 * Net revenue retention (NRR, net dollar retention): the share of starting MRR
 * kept after expansion, contraction and churn of those same customers —
 * (start + expansion − contraction − churned) / start. New customers are left out.
 * It is 1 minus ChartMogul's net MRR churn rate, and can exceed 1.
 *
 * Reference: ChartMogul, "Net MRR Churn Rate": start 100, churn 10,
 * contraction 10, expansion 10 -> net churn 10%, so NRR = 90%.
 *
 * @example nrr(100, 10, 10, 10) // 0.9
 */
export function nrr(startMrr: number, expansion: number, contraction: number, churned: number): number {
  checkMovements({ start_mrr: startMrr, expansion, contraction, churned });
  requireLossWithinStart(startMrr, contraction, churned);
  return ratio(startMrr + expansion - contraction - churned, startMrr, "start_mrr");
}

/**
 * Gross revenue retention (GRR): (start − contraction − churned) / start,
 * 1 minus ChartMogul's gross MRR churn rate ((churn + contraction) / start MRR);
 * never above 1 because expansion is left out.
 *
 * Reference: ChartMogul, "Gross MRR Churn Rate": start 100, churn 10,
 * contraction 10 -> gross churn 20%, so GRR = 80%.
 *
 * @example grr(100, 10, 10) // 0.8
 */
export function grr(startMrr: number, contraction: number, churned: number): number {
  checkMovements({ start_mrr: startMrr, contraction, churned });
  requireLossWithinStart(startMrr, contraction, churned);
  return ratio(startMrr - contraction - churned, startMrr, "start_mrr");
}

/**
 * SaaS quick ratio: MRR gained over MRR lost in the period,
 * (new + expansion) / (contraction + churned). Above 4 is efficient growth.
 *
 * Reference: Mamoon Hamid (Social Capital), "The SaaS Quick Ratio", SaaStr Annual 2015.
 *
 * @example quickRatio(30, 10, 5, 5) // 4
 */
export function quickRatio(newMrr: number, expansion: number, contraction: number, churned: number): number {
  checkMovements({ new: newMrr, expansion, contraction, churned });
  if (contraction + churned === 0) {
    throw divisionByZero("No MRR was lost (contraction + churned = 0), so the quick ratio is undefined.");
  }
  return (newMrr + expansion) / (contraction + churned);
}
