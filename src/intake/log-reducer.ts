/**
 * A transaction log reduced as it streams: one entry per (customer, period
 * bucket) holding the sum of its amounts and its count of rows. Memory grows
 * with customers × periods, never with rows.
 *
 * The reduction is exact for the engines that take it: the cohort triangle
 * counts a customer once per period and sums their amounts within it
 * (src/metrics/cohort.ts), the MRR bridge sums a customer's MRR per month,
 * RFM counts purchase days and sums per day — so a bucket no finer than the
 * engine's own period (the cohort's period, the month, the day) loses
 * nothing the engine uses. The only difference is the order of the
 * additions of a sum: revenue agrees to rounding (about 1e-12 relative),
 * counts exactly.
 *
 * An open-addressing table (linear probing, at most half full) of two
 * integer keys, each slot's keys and values side by side so an addition
 * touches two places in memory; rows of one customer and period in a row (a
 * sorted export) skip the lookup. Entries come out in the table's order,
 * the same for the same rows.
 */

/** The reduced log: entry k is customer[k] in bucket[k], with rows[k] rows summing to amount[k]. */
export interface ReducedLog {
  entries: number;
  /** Customers as dense codes 0..customers−1, in order of first appearance. */
  customer: Int32Array;
  bucket: Int32Array;
  /** Per entry; null when the log has no amounts. */
  amount: Float64Array | null;
  rows: Float64Array;
  /** Per dense code: the code the rows came with (e.g. the reader's id dictionary code). */
  sourceCode: Int32Array;
  /** Rows reduced (the sum of `rows`). */
  totalRows: number;
}

export class LogReducer {
  /** Per slot: customer (−1 when empty) and bucket, side by side. */
  private keys = LogReducer.emptyKeys(1 << 12);
  /** Per slot: rows and sum, side by side (one cache line with the keys' neighbours). */
  private vals = new Float64Array(2 << 12);
  private n = 0;
  private total = 0;
  private lastCustomer = -1;
  private lastBucket = 0;
  private lastSlot = -1;
  /** The largest customer code seen (for recoding). */
  private maxCustomer = -1;

  constructor(readonly withAmounts: boolean) {}

  private static emptyKeys(slots: number): Int32Array {
    const keys = new Int32Array(slots * 2);
    for (let i = 0; i < keys.length; i += 2) keys[i] = -1;
    return keys;
  }

  get entries(): number {
    return this.n;
  }

  /** Adds one row: customer code (≥ 0), bucket and amount (ignored without amounts). */
  add(customer: number, bucket: number, amount: number): void {
    this.total++;
    let at: number;
    if (customer === this.lastCustomer && bucket === this.lastBucket) at = this.lastSlot;
    else {
      at = this.slotOf(customer, bucket);
      this.lastCustomer = customer;
      this.lastBucket = bucket;
      this.lastSlot = at;
    }
    const v = at << 1;
    this.vals[v]++;
    if (this.withAmounts) this.vals[v + 1] += amount;
  }

  private static hash(customer: number, bucket: number): number {
    let h = Math.imul(customer, 0x9e3779b1) ^ Math.imul(bucket, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return h ^ (h >>> 13);
  }

  private slotOf(customer: number, bucket: number): number {
    const keys = this.keys;
    const mask = (keys.length >> 1) - 1;
    for (let at = LogReducer.hash(customer, bucket) & mask; ; at = (at + 1) & mask) {
      const k = at << 1;
      const c = keys[k];
      if (c === customer && keys[k + 1] === bucket) return at;
      if (c < 0) {
        keys[k] = customer;
        keys[k + 1] = bucket;
        if (customer > this.maxCustomer) this.maxCustomer = customer;
        if (++this.n * 2 > mask + 1) {
          this.rehash();
          this.lastCustomer = -1;
          return this.slotOf(customer, bucket);
        }
        return at;
      }
    }
  }

  private rehash(): void {
    const oldKeys = this.keys, oldVals = this.vals;
    const slots = oldKeys.length; // twice the old number of slots
    const keys = LogReducer.emptyKeys(slots);
    const vals = new Float64Array(slots * 2);
    const mask = slots - 1;
    for (let k = 0; k < oldKeys.length; k += 2) {
      const customer = oldKeys[k];
      if (customer < 0) continue;
      let at = LogReducer.hash(customer, oldKeys[k + 1]) & mask;
      while (keys[at << 1] >= 0) at = (at + 1) & mask;
      keys[at << 1] = customer;
      keys[(at << 1) + 1] = oldKeys[k + 1];
      vals[at << 1] = oldVals[k];
      vals[(at << 1) + 1] = oldVals[k + 1];
    }
    this.keys = keys;
    this.vals = vals;
  }

  /** The reduced log, customers recoded densely in order of first appearance in the table; the table is let go (call once). */
  result(): ReducedLog {
    const n = this.n, keys = this.keys, vals = this.vals;
    const dense = new Int32Array(this.maxCustomer + 1).fill(-1);
    const customer = new Int32Array(n), bucket = new Int32Array(n), rows = new Float64Array(n);
    const amount = this.withAmounts ? new Float64Array(n) : null;
    const codes: number[] = [];
    let e = 0;
    for (let k = 0; k < keys.length; k += 2) {
      const source = keys[k];
      if (source < 0) continue;
      let c = dense[source];
      if (c < 0) {
        c = dense[source] = codes.length;
        codes.push(source);
      }
      customer[e] = c;
      bucket[e] = keys[k + 1];
      rows[e] = vals[k];
      if (amount) amount[e] = vals[k + 1];
      e++;
    }
    // The table is the largest thing held: let it go before the caller builds on the result.
    this.keys = LogReducer.emptyKeys(1);
    this.vals = new Float64Array(2);
    this.n = 0;
    this.lastCustomer = -1;
    return { entries: n, customer, bucket, amount, rows, sourceCode: Int32Array.from(codes), totalRows: this.total };
  }
}
