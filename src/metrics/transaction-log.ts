/**
 * A transaction log (customer id, date, optional amount per row) in the form
 * the engines group fast: customers coded once as dense integers 0..n−1, dates
 * as Excel serials and amounts in typed arrays. No per-row objects, so a
 * million rows cost a few typed arrays.
 */
import { isDateSerial } from "./dates";
import { invalidInput } from "./errors";

/** A customer id: text or a number (the number 7 and the text "7" are different customers). */
export type CustomerKey = string | number;
/** One cell of an id column; rows whose id is null, undefined or "" are skipped. */
export type IdCell = CustomerKey | null | undefined;

export interface TransactionColumnNames {
  ids: string;
  dates: string;
  amounts: string;
}

const DEFAULT_NAMES: TransactionColumnNames = { ids: "customer_ids", dates: "dates", amounts: "amounts" };

export interface TransactionLog {
  /** Rows kept (rows with a blank id are dropped). */
  rows: number;
  /** Per kept row: the customer's dense index, in order of first appearance. */
  customer: Int32Array;
  /** Per kept row: the date as an Excel serial (the input array itself when it is a Float64Array and no row was skipped). */
  date: Float64Array;
  /** Per kept row: the amount, or null when no amounts were given. */
  amount: Float64Array | null;
  /** Per dense index: the customer's id. */
  ids: CustomerKey[];
}

function isBlankId(id: IdCell): boolean {
  return id === null || id === undefined || id === "";
}

/**
 * Ids already coded as dense integers: codes[i] is row i's customer index in
 * `ids`, or −1 to skip the row. Every index must have at least one row. An
 * adapter that reads cells can code them in the same pass (see codeIds).
 */
export interface CodedIds {
  codes: Int32Array;
  ids: CustomerKey[];
}

function isCodedIds(x: ArrayLike<IdCell> | CodedIds): x is CodedIds {
  return (x as CodedIds).codes instanceof Int32Array;
}

/**
 * Codes a column of ids as dense integers in order of first appearance;
 * blank ids get −1 (skipped).
 *
 * codeIds(["a", "b", null, "a"]) gives codes [0, 1, −1, 0] and ids ["a", "b"].
 *
 * @example codeIds(["a", "b", null, "a"]).codes[3] // 0
 */
export function codeIds(ids: ArrayLike<IdCell>, name = DEFAULT_NAMES.ids): CodedIds {
  const codes = new Int32Array(ids.length);
  const index = new Map<CustomerKey, number>();
  const keys: CustomerKey[] = [];
  let previousId: IdCell = null, c = -1;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (isBlankId(id)) {
      codes[i] = -1;
      continue;
    }
    // Exports sorted by customer repeat the id row after row: skip the lookup then.
    if (id !== previousId) {
      if (typeof id === "number" && !Number.isFinite(id)) throw invalidInput(`Row ${i + 1} of ${name} is not a valid id (${id}).`);
      const known = index.get(id as CustomerKey);
      if (known === undefined) {
        c = keys.length;
        index.set(id as CustomerKey, c);
        keys.push(id as CustomerKey);
      } else c = known;
      previousId = id;
    }
    codes[i] = c;
  }
  return { codes, ids: keys };
}

/**
 * Validates and codes a transaction log. The columns must have the same
 * length; a row with a blank id is skipped; every other row needs a valid date
 * serial (1900-01-01 to 9999-12-31) and, when amounts are given, a finite
 * amount. Throws #VALUE! naming the first bad row. `ids` is a column of ids or
 * ids already coded (CodedIds).
 *
 * @example transactionLog(["a", "b", "a"], [45292, 45300, 45322]).customer[2] // 0
 */
export function transactionLog(
  ids: ArrayLike<IdCell> | CodedIds,
  dates: ArrayLike<number>,
  amounts?: ArrayLike<number> | null,
  names: TransactionColumnNames = DEFAULT_NAMES,
): TransactionLog {
  const n = isCodedIds(ids) ? ids.codes.length : ids.length;
  if (dates.length !== n || (amounts && amounts.length !== n)) {
    const sizes = [`${names.ids} has ${n}`, `${names.dates} has ${dates.length}`];
    if (amounts) sizes.push(`${names.amounts} has ${amounts.length}`);
    throw invalidInput(`The columns must have the same number of rows: ${sizes.join(", ")}.`);
  }
  const { codes, ids: keys } = isCodedIds(ids) ? ids : codeIds(ids, names.ids);
  let kept = 0;
  for (let i = 0; i < n; i++) if (codes[i] >= 0) kept++;
  // With no row skipped, typed-array inputs are used as they are (rows k and i
  // coincide, so the loop below rewrites each value in place): fewer copies.
  const customer = kept === n ? codes : new Int32Array(kept);
  const date = kept === n && dates instanceof Float64Array ? dates : new Float64Array(kept);
  const amount = !amounts ? null : kept === n && amounts instanceof Float64Array ? amounts : new Float64Array(kept);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c < 0) continue;
    if (c >= keys.length) throw invalidInput(`Row ${i + 1} of ${names.ids} has a customer code with no id.`);
    const d = dates[i];
    if (!isDateSerial(d)) throw invalidInput(`Row ${i + 1} of ${names.dates} is not a date (got ${d}); dates are Excel serials from 1 (1900-01-01).`);
    customer[k] = c;
    date[k] = d;
    if (amount) {
      const a = amounts![i];
      if (!Number.isFinite(a)) throw invalidInput(`Row ${i + 1} of ${names.amounts} is not a number (got ${a}).`);
      amount[k] = a;
    }
    k++;
  }
  return { rows: kept, customer, date, amount, ids: keys };
}

/** Rows grouped by customer: rows of customer c are order[start[c]] .. order[start[c + 1] − 1], in input order. */
export interface CustomerRows {
  start: Int32Array;
  order: Int32Array;
}

/** Groups a log's rows by customer with one counting sort (linear, stable). */
export function rowsByCustomer(log: TransactionLog): CustomerRows {
  const customers = log.ids.length;
  const start = new Int32Array(customers + 1);
  const { customer } = log;
  for (let i = 0; i < log.rows; i++) start[customer[i] + 1]++;
  for (let c = 0; c < customers; c++) start[c + 1] += start[c];
  const next = start.slice(0, customers);
  const order = new Int32Array(log.rows);
  for (let i = 0; i < log.rows; i++) order[next[customer[i]]++] = i;
  return { start, order };
}
