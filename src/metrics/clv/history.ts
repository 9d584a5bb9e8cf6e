/**
 * The per-customer purchase summary the buy-till-you-die models take, and
 * its validation and grouping.
 *
 * For each customer, measured from their first purchase, in one time unit
 * (days, weeks…) throughout:
 * - frequency x: the number of repeat purchases (purchases after the first);
 * - recency t_x: the customer's age at their last repeat purchase (0 when x = 0);
 * - T: the customer's age at the end of the observation period.
 * This is the "RFM summary" of Fader, Hardie & Lee (2005) and of the lifetimes
 * package (summary_data_from_transaction_data). Note that recency here is NOT
 * "time since the last purchase", as RFM scoring uses it.
 */
import { invalidInput } from "../errors";

export interface PurchaseHistories {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}

/** Names the i-th customer's value of a field in messages ("Sheet1!B7", "customer 7's frequency"). */
export type Locator = (index: number, field: "frequency" | "recency" | "T" | "monetary") => string;

export const defaultLocator: Locator = (i, field) => `customer ${i + 1}'s ${field}`;

/**
 * Throws #VALUE! at the first customer whose summary is impossible: frequency
 * not a whole number ≥ 0, recency or T negative, or recency after T.
 */
export function validateHistory(x: number, tx: number, T: number, index: number, where: Locator = defaultLocator): void {
  if (!Number.isFinite(x) || x < 0 || !Number.isInteger(x)) {
    throw invalidInput(`${where(index, "frequency")} is ${x}; frequency counts repeat purchases, so it must be a whole number of 0 or more.`);
  }
  if (!Number.isFinite(T) || T < 0) {
    throw invalidInput(`${where(index, "T")} is ${T}; T, the customer's age at the end of the period, must be 0 or more.`);
  }
  if (!Number.isFinite(tx) || tx < 0) {
    throw invalidInput(`${where(index, "recency")} is ${tx}; recency, the customer's age at the last repeat purchase, must be 0 or more.`);
  }
  if (tx > T) {
    throw invalidInput(
      `${where(index, "recency")} is ${tx}, after T (${T}); recency is the customer's age at the last repeat purchase, so it cannot exceed T.`,
    );
  }
}

/** Validates every customer; the arrays must have the same length. */
export function validateHistories(h: PurchaseHistories, where: Locator = defaultLocator): number {
  const n = h.frequency.length;
  if (h.recency.length !== n || h.T.length !== n) {
    throw invalidInput(`frequency (${n}), recency (${h.recency.length}) and T (${h.T.length}) must have one value per customer, the same number each.`);
  }
  for (let i = 0; i < n; i++) validateHistory(h.frequency[i], h.recency[i], h.T[i], i, where);
  return n;
}

/** Customers with identical (x, t_x, T), counted once with a weight: the likelihood is a weighted sum. */
export interface GroupedHistories {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** Groups. */
  size: number;
  /** Customers. */
  customers: number;
  /** Largest frequency. */
  maxFrequency: number;
  /** Each customer's group (an index into x, tx, T, weight), when grouped by groupHistories. */
  groupOf?: Int32Array;
}

/**
 * Groups validated histories. For x = 0 the recency does not enter any BG/NBD
 * formula, so those customers are grouped by T alone.
 */
export function groupHistories(h: PurchaseHistories): GroupedHistories {
  const n = h.frequency.length;
  const index = new Map<string, number>();
  const x: number[] = [], tx: number[] = [], T: number[] = [], weight: number[] = [];
  const groupOf = new Int32Array(n);
  let maxFrequency = 0;
  for (let i = 0; i < n; i++) {
    const xi = h.frequency[i];
    const txi = xi === 0 ? 0 : h.recency[i];
    const Ti = h.T[i];
    const key = `${xi}|${txi}|${Ti}`;
    const g = index.get(key);
    if (g === undefined) {
      groupOf[i] = x.length;
      index.set(key, x.length);
      x.push(xi);
      tx.push(txi);
      T.push(Ti);
      weight.push(1);
      if (xi > maxFrequency) maxFrequency = xi;
    } else {
      groupOf[i] = g;
      weight[g]++;
    }
  }
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
    size: x.length,
    customers: n,
    maxFrequency,
    groupOf,
  };
}
