/**
 * Customers' activity as spells, the model behind CUSTOMERGROWTH,
 * INCIDENTLOSS and the customer-growth breakdowns.
 *
 * Time is cut into units (weeks, months, quarters, years or days) numbered
 * 0, 1, 2 … from the first unit with data. A customer's purchase units
 * p₁ < p₂ < … < pₖ (distinct units with at least one row) form spells: a spell
 * starts at a purchase and continues while the next purchase comes within
 * `lostAfter` units; a gap b − a > lostAfter between consecutive purchase
 * units a < b ends the spell — the customer is lost in unit a + lostAfter —
 * and the next spell starts (a reactivation) in b. After the last purchase
 * unit pₖ the customer is lost in pₖ + lostAfter if that unit is within the
 * data, and otherwise still active at its end. So a customer is active at the
 * end of unit m exactly when some purchase unit lies in (m − lostAfter, m].
 *
 * Everything is typed arrays and counting sorts: linear in rows + units.
 */
import { Period, periodIndexes } from "../dates";
import { invalidInput, notAvailable } from "../errors";
import { CodedIds, codeIds, IdCell, TransactionColumnNames, TransactionLog, transactionLog } from "../transaction-log";

/** The unit time is counted in: a calendar period, or the day. */
export type ActivityUnit = Period;

export interface ActivityLog {
  log: TransactionLog;
  unit: ActivityUnit;
  /** Rows of the input, blank ids included: columns that go with the log (segments, reasons) have this length. */
  inputRows: number;
  /** Per kept row: the row of the input it came from (rows with a blank id are dropped). */
  inputRow: Int32Array;
  /** Per kept row: its unit, as an offset 0 … span − 1 from the first unit with data. */
  key: Int32Array;
  /** The unit index (periodIndex, or the day's serial) of offset 0. */
  firstUnit: number;
  /** Units from the first with data to the last, inclusive. */
  span: number;
  /** Rows of customer c, in unit order (stable): order[start[c]] … order[start[c + 1] − 1]. */
  start: Int32Array;
  order: Int32Array;
}

function isCoded(ids: ArrayLike<IdCell> | CodedIds): ids is CodedIds {
  return (ids as CodedIds).codes instanceof Int32Array;
}

/**
 * Codes and validates a transaction log (see transactionLog) and orders each
 * customer's rows by unit, with two stable counting sorts (by unit, then by
 * customer), so nothing is sorted per customer.
 */
export function activityLog(
  ids: ArrayLike<IdCell> | CodedIds,
  dates: ArrayLike<number>,
  amounts: ArrayLike<number> | null | undefined,
  unit: ActivityUnit,
  names?: TransactionColumnNames,
): ActivityLog {
  const coded = isCoded(ids) ? ids : codeIds(ids, names?.ids);
  const log = transactionLog(coded, dates, amounts, names);
  if (log.rows === 0) throw notAvailable("There are no transactions (every customer id is blank).");
  const inputRow = new Int32Array(log.rows);
  for (let i = 0, k = 0; i < coded.codes.length; i++) if (coded.codes[i] >= 0) inputRow[k++] = i;

  const { index: key, min, max } = periodIndexes(log.date, unit);
  for (let i = 0; i < log.rows; i++) key[i] -= min;
  const span = max - min + 1;

  const n = log.rows;
  const byKey = new Int32Array(n);
  const count = new Int32Array(span + 1);
  for (let i = 0; i < n; i++) count[key[i] + 1]++;
  for (let k = 0; k < span; k++) count[k + 1] += count[k];
  for (let i = 0; i < n; i++) byKey[count[key[i]]++] = i;

  const customers = log.ids.length;
  const start = new Int32Array(customers + 1);
  const { customer } = log;
  for (let i = 0; i < n; i++) start[customer[i] + 1]++;
  for (let c = 0; c < customers; c++) start[c + 1] += start[c];
  const next = start.slice(0, customers);
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = byKey[j];
    order[next[customer[i]]++] = i;
  }
  return { log, unit, inputRows: coded.codes.length, inputRow, key, firstUnit: min, span, start, order };
}

export interface Spells {
  lostAfter: number;
  /** The value window, in units (0 when no amounts). */
  valueWindow: number;
  count: number;
  /** Per spell, in customer order then time order: */
  customer: Int32Array;
  /** the unit of the spell's first purchase (the customer is new or reactivated in it); */
  first: Int32Array;
  /** the unit of its last purchase; */
  last: Int32Array;
  /** the unit in which the customer is lost (last + lostAfter), or −1 when still active at the end of the data; */
  loss: Int32Array;
  /** the customer's revenue in the valueWindow units up to and including `last` (when amounts were given). */
  lostValue: Float64Array | null;
  /** Per customer: the index of their first spell (their spells run to spellStart[c + 1] − 1). */
  spellStart: Int32Array;
  /** Per customer: their revenue in their first valueWindow units, as far as the data goes (when amounts were given). */
  newValue: Float64Array | null;
}

/** Whole number of units ≥ 1; the engines' limit keeps unit arithmetic exact in 32-bit integers. */
const MAX_UNITS = 10_000_000;

export function requireUnits(x: number, name: string): number {
  if (!Number.isInteger(x) || x < 1 || x > MAX_UNITS) {
    throw invalidInput(`${name} must be a whole number from 1 to ${MAX_UNITS.toLocaleString("en-US")} (got ${x}).`);
  }
  return x;
}

/**
 * A running sum that can also subtract, with Neumaier's compensation, so that
 * a window's total after rows have left it keeps no rounding residue
 * (19.99 + 5.01 − 19.99 − 5.01 gives 0, not 1.8e-15).
 */
class WindowSum {
  private s = 0;
  private c = 0;
  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
  reset(): void {
    this.s = 0;
    this.c = 0;
  }
}

/** How many spells the customers have: a first pass, so the spell arrays are allocated to size (a few per customer, not one per row). */
function countSpells(a: ActivityLog, lostAfter: number): number {
  const { key, start, order } = a;
  const customers = a.log.ids.length;
  let count = customers;
  for (let c = 0; c < customers; c++) {
    let previous = key[order[start[c]]];
    for (let r = start[c] + 1; r < start[c + 1]; r++) {
      const k = key[order[r]];
      if (k - previous > lostAfter) count++;
      previous = k;
    }
  }
  return count;
}

/**
 * The spells of every customer (see the module comment), and, with amounts,
 * the value of each loss (revenue in the `valueWindow` units up to and
 * including the last purchase unit before it) and of each new customer
 * (revenue in their first `valueWindow` units). One walk over each customer's
 * rows in unit order; the value window slides with a left pointer.
 */
export function activitySpells(a: ActivityLog, lostAfter: number, valueWindow = 0): Spells {
  requireUnits(lostAfter, "lost_after");
  const amount = a.log.amount;
  if (amount) requireUnits(valueWindow, "value_window");
  const customers = a.log.ids.length;
  const { key, start, order, span } = a;
  const capacity = countSpells(a, lostAfter);
  const customer = new Int32Array(capacity), first = new Int32Array(capacity), last = new Int32Array(capacity), loss = new Int32Array(capacity);
  const lostValue = amount ? new Float64Array(capacity) : null;
  const newValue = amount ? new Float64Array(customers) : null;
  const spellStart = new Int32Array(customers + 1);
  const window = new WindowSum();
  let s = 0;

  const close = (c: number, lastKey: number, left: number, r: number): number => {
    customer[s] = c;
    last[s] = lastKey;
    loss[s] = lastKey + lostAfter <= span - 1 ? lastKey + lostAfter : -1;
    if (lostValue) {
      // Rows r' < r are exactly the customer's rows up to unit lastKey: drop those before the window.
      while (left < r && key[order[left]] <= lastKey - valueWindow) window.add(-amount![order[left++]]);
      if (left === r) window.reset();
      lostValue[s] = window.value;
    }
    s++;
    return left;
  };

  for (let c = 0; c < customers; c++) {
    spellStart[c] = s;
    const r0 = start[c], r1 = start[c + 1];
    const firstKey = key[order[r0]];
    let previous = firstKey, left = r0, fresh = 0;
    first[s] = firstKey;
    window.reset();
    for (let r = r0; r < r1; r++) {
      const row = order[r];
      const k = key[row];
      if (k !== previous) {
        if (k - previous > lostAfter) {
          left = close(c, previous, left, r);
          first[s] = k;
        }
        previous = k;
      }
      if (amount) {
        window.add(amount[row]);
        if (k < firstKey + valueWindow) fresh += amount[row];
      }
    }
    close(c, previous, left, r1);
    if (newValue) newValue[c] = fresh;
  }
  spellStart[customers] = s;
  return {
    lostAfter,
    valueWindow: amount ? valueWindow : 0,
    count: s,
    customer,
    first,
    last,
    loss,
    lostValue,
    spellStart,
    newValue,
  };
}
