import { divisionByZero } from "./errors";

/**
 * Repeat purchase rate: customers with more than one purchase / all customers,
 * as a fraction. Each element of `customerIds` is one purchase.
 *
 * Reference: Shopify, "Repeat customer rate" (returning customers / total customers).
 *
 * @example repeatRate(["a", "b", "a", "c", "c", "c"]) // 2 / 3
 */
export function repeatRate(customerIds: Iterable<string | number>): number {
  const purchases = new Map<string | number, number>();
  for (const id of customerIds) purchases.set(id, (purchases.get(id) ?? 0) + 1);
  if (purchases.size === 0) throw divisionByZero("There are no customers, so the repeat rate is undefined.");
  let repeaters = 0;
  for (const count of purchases.values()) if (count > 1) repeaters++;
  return repeaters / purchases.size;
}
