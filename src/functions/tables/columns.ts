/**
 * Reading row-aligned columns (customer id, date, amount ...) from Excel
 * ranges for the spilling engines. Unlike AVERAGE-style ranges, here a cell
 * belongs to a row, so nothing may be silently dropped: blanks have a meaning
 * per column (a blank id skips the row, a blank amount is 0, a blank segment
 * is "none"), text where a number or date belongs is #VALUE! naming the cell,
 * and an Excel error anywhere propagates with its cell named.
 *
 * One pass per column into plain arrays and typed arrays; no per-cell objects.
 */
import { invalidInput } from "../../metrics/errors";
import { isDateSerial, serialFromIso } from "../../metrics/dates";
import { segmentKey } from "../../metrics/segment-matrix";
import { CodedIds, CustomerKey } from "../../metrics/transaction-log";
import { describeCell } from "../../workbook/a1";
import { asMatrix, ExcelArg, truncate } from "../support/args";
import { confirmZeroCells } from "../support/blank-zeros";
import { InputErrorValue, isExcelErrorValue } from "../support/excel-errors";

/**
 * A range argument read as a list of cells: a single column (usual) or a
 * single row. Hot loops read `byRow ? matrix[i][0] : matrix[0][i]` inline
 * (three times faster than a closure per cell on a million rows).
 */
export interface CellColumn {
  name: string;
  address: string | null;
  length: number;
  matrix: unknown[][];
  byRow: boolean;
  /** The cell's name for messages: "Sheet1!B7", or "row 6, column 1 of dates". */
  where(i: number): string;
  /** (row, column) offsets of cell i inside the range. */
  at(i: number): [number, number];
}

export function cellColumn(v: ExcelArg, name: string, address: string | null): CellColumn {
  const m = asMatrix(v);
  const rows = m.length;
  const columns = rows === 0 ? 0 : m[0].length;
  if (rows > 1 && columns > 1) {
    throw invalidInput(`${name} must be a single column (or row), not a range of ${rows}×${columns} cells.`);
  }
  const byRow = columns <= 1;
  const at = (i: number): [number, number] => (byRow ? [i, 0] : [0, i]);
  return {
    name,
    address,
    length: byRow ? rows : columns,
    matrix: m,
    byRow,
    where: (i) => {
      const [row, column] = at(i);
      return describeCell(name, row, column, address);
    },
    at,
  };
}

/** The i-th cell (for occasional reads; loops inline this). */
export function cellOf(col: CellColumn, i: number): unknown {
  return col.byRow ? col.matrix[i][0] : col.matrix[0][i];
}

/** The columns of one call must line up row by row. */
export function requireSameLength(columns: (CellColumn | null)[]): void {
  const present = columns.filter((c): c is CellColumn => c !== null);
  if (present.every((c) => c.length === present[0].length)) return;
  const sizes = present.map((c) => `${c.name} has ${c.length}`).join(", ");
  throw invalidInput(`The columns must have the same number of rows: ${sizes}.`);
}

export function isBlankCell(x: unknown): boolean {
  return x === null || x === undefined || x === "";
}

function errorAt(col: CellColumn, i: number, x: unknown): never {
  if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, col.where(i));
  throw invalidInput(`${col.where(i)} holds a value CXM cannot read.`);
}

/** Text without surrounding spaces, null when blank; skips trim() when there is nothing to trim. */
function trimmedOrNull(x: string): string | null {
  const n = x.length;
  if (n > 0 && x.charCodeAt(0) > 32 && x.charCodeAt(n - 1) > 32) return x;
  const t = x.trim();
  return t === "" ? null : t;
}

/**
 * Codes an id column as dense integers in one pass (no intermediate array of
 * a million ids): text is trimmed, numbers kept (the number 7 and the text "7"
 * stay different ids), TRUE/FALSE become text; a blank id, or a row in
 * `skipRows`, gets −1 (skipped). Errors propagate with their cell named.
 */
export function codeIdColumn(col: CellColumn, skipRows: ReadonlySet<number>): CodedIds {
  const codes = new Int32Array(col.length);
  const index = new Map<CustomerKey, number>();
  const ids: CustomerKey[] = [];
  const { matrix: m, byRow } = col;
  let previous: unknown = undefined, c = -1;
  for (let i = 0; i < col.length; i++) {
    const x = byRow ? m[i][0] : m[0][i];
    // Exports sorted by customer repeat the id row after row: reuse the code then.
    if (x === previous && typeof x === "string") {
      codes[i] = c;
      continue;
    }
    let key: CustomerKey | null;
    if (typeof x === "string") key = trimmedOrNull(x);
    else if (typeof x === "number") {
      if (!Number.isFinite(x)) throw invalidInput(`${col.where(i)} is not a finite number.`);
      key = x === 0 && skipRows.has(i) ? null : x;
    } else if (x === null || x === undefined) key = null;
    else if (typeof x === "boolean") key = x ? "TRUE" : "FALSE";
    else errorAt(col, i, x);
    if (key === null) {
      codes[i] = -1;
      previous = undefined;
      continue;
    }
    const known = index.get(key);
    if (known === undefined) {
      c = ids.length;
      index.set(key, c);
      ids.push(key);
    } else c = known;
    codes[i] = c;
    previous = x;
  }
  return { codes, ids };
}

/**
 * Dates per row as Excel serials: a date cell (serial 1 = 1900-01-01, with
 * Excel's fictitious 1900-02-29 as serial 60) or ISO text ("2024-03-15",
 * optionally with a time; "2024-03" too when `allowMonth`). Rows whose
 * `skip` code is negative are not checked (but an error value in them still propagates).
 */
export function readDates(col: CellColumn, skip: Int32Array, allowMonth = false): Float64Array {
  const out = new Float64Array(col.length);
  const example = allowMonth ? "2024-03-15 or 2024-03" : "2024-03-15";
  const { matrix: m, byRow } = col;
  for (let i = 0; i < col.length; i++) {
    const x = byRow ? m[i][0] : m[0][i];
    if (typeof x === "number") {
      if (skip[i] < 0 || isDateSerial(x)) {
        out[i] = x;
        continue;
      }
      if (x === 0) throw invalidInput(`${col.where(i)} is empty (or 0), but its row has a customer id; every row needs a date.`);
      throw invalidInput(`${col.where(i)} holds ${x}, which is not a date (Excel dates run from 1, 1900-01-01, to 2958465, 9999-12-31).`);
    }
    if (isExcelErrorValue(x)) errorAt(col, i, x);
    if (skip[i] < 0) continue;
    if (typeof x === "string") {
      const serial = serialFromIso(x, allowMonth);
      if (isDateSerial(serial)) {
        out[i] = serial;
        continue;
      }
      if (x.trim() === "") throw invalidInput(`${col.where(i)} is empty, but its row has a customer id; every row needs a date.`);
      throw invalidInput(`${col.where(i)} holds the text "${truncate(x)}", which is not a date; use a date cell or ISO text such as ${example}.`);
    }
    if (isBlankCell(x)) throw invalidInput(`${col.where(i)} is empty, but its row has a customer id; every row needs a date.`);
    throw invalidInput(`${col.where(i)} holds ${x === true ? "TRUE" : x === false ? "FALSE" : "a value"}, which is not a date.`);
  }
  return out;
}

/**
 * Numbers per row; a blank is 0 (nothing spent). Text and TRUE/FALSE are
 * #VALUE! (unless the row is skipped: `skip` negative), errors propagate.
 */
export function readAmounts(col: CellColumn, skip?: Int32Array): Float64Array {
  const out = new Float64Array(col.length);
  const { matrix: m, byRow } = col;
  for (let i = 0; i < col.length; i++) {
    const x = byRow ? m[i][0] : m[0][i];
    if (typeof x === "number") {
      if (!Number.isFinite(x)) throw invalidInput(`${col.where(i)} is not a finite number.`);
      out[i] = x;
      continue;
    }
    if (isExcelErrorValue(x)) errorAt(col, i, x);
    if ((skip && skip[i] < 0) || isBlankCell(x)) continue;
    if (typeof x === "string") {
      if (x.trim() === "") continue;
      throw invalidInput(`${col.where(i)} holds the text "${truncate(x)}"; ${col.name} must be numbers.`);
    }
    if (typeof x === "boolean") throw invalidInput(`${col.where(i)} holds ${x ? "TRUE" : "FALSE"}; ${col.name} must be numbers.`);
    errorAt(col, i, x);
  }
  return out;
}

/** The (row, column) offsets of the cells at `indexes`, as confirmZeroCells takes them. */
function cellPairs(col: CellColumn, indexes: number[]): Int32Array {
  const pairs = new Int32Array(indexes.length * 2);
  indexes.forEach((i, k) => {
    const [r, c] = col.at(i);
    pairs[2 * k] = r;
    pairs[2 * k + 1] = c;
  });
  return pairs;
}

/**
 * Of the cells at `indexes`, all holding 0, the ones that are empty cells
 * Excel desktop passed as 0 (asked through the Excel API when the range's
 * address is known; with no address, every 0 is a real 0).
 */
export async function emptyZeroCells(col: CellColumn, indexes: number[]): Promise<Set<number>> {
  if (indexes.length === 0 || !col.address) return new Set();
  const pairs = cellPairs(col, indexes);
  const real = await confirmZeroCells(pairs, col.name, col.address);
  const realKeys = new Set<string>();
  for (let k = 0; k < real.length; k += 2) realKeys.add(`${real[k]},${real[k + 1]}`);
  const empty = new Set<number>();
  indexes.forEach((i, k) => {
    if (!realKeys.has(`${pairs[2 * k]},${pairs[2 * k + 1]}`)) empty.add(i);
  });
  return empty;
}

export interface TransactionArgs {
  ids: CodedIds;
  dates: Float64Array;
  amounts: Float64Array | null;
}

/**
 * Reads (customer id, date[, amount]) columns for the transaction engines.
 *
 * Which rows are skipped: a row whose id is blank. Excel desktop passes empty
 * cells as 0, so an empty row arrives as id 0, date 0: a row whose id is 0 and
 * whose date is 0 or blank is skipped too (0 is not a date, so such a row can
 * never be a transaction). An id of 0 next to a real date is ambiguous (a
 * customer numbered 0, or an empty id cell); when the range's address is
 * known, Excel is asked whether the cell is empty, and an empty one skips the
 * row. Every other row needs a valid date.
 */
export async function readTransactions(
  idCol: CellColumn,
  dateCol: CellColumn,
  amountCol: CellColumn | null,
  allowMonth = false,
): Promise<TransactionArgs> {
  requireSameLength([idCol, dateCol, amountCol]);
  const skipZero = new Set<number>();
  const ambiguous: number[] = [];
  const { matrix: m, byRow } = idCol;
  for (let i = 0; i < idCol.length; i++) {
    if ((byRow ? m[i][0] : m[0][i]) !== 0) continue;
    const d = cellOf(dateCol, i);
    if (d === 0 || isBlankCell(d)) skipZero.add(i);
    else ambiguous.push(i);
  }
  for (const i of await emptyZeroCells(idCol, ambiguous)) skipZero.add(i);
  const ids = codeIdColumn(idCol, skipZero);
  const dates = readDates(dateCol, ids.codes, allowMonth);
  const amounts = amountCol ? readAmounts(amountCol, ids.codes) : null;
  return { ids, dates, amounts };
}

/**
 * Segment labels per row: text (trimmed; blank -> null), numbers, TRUE/FALSE
 * as text. A 0 that Excel confirms is an empty cell becomes null ("no segment").
 */
export async function readSegments(col: CellColumn): Promise<(string | number | null)[]> {
  const out: (string | number | null)[] = new Array(col.length);
  const zeros: number[] = [];
  const { matrix: m, byRow } = col;
  for (let i = 0; i < col.length; i++) {
    const x = byRow ? m[i][0] : m[0][i];
    if (typeof x === "string") {
      out[i] = trimmedOrNull(x);
    } else if (typeof x === "number") {
      if (!Number.isFinite(x)) throw invalidInput(`${col.where(i)} is not a finite number.`);
      out[i] = x;
      if (x === 0) zeros.push(i);
    } else if (x === null || x === undefined) {
      out[i] = null;
    } else if (typeof x === "boolean") {
      out[i] = x ? "TRUE" : "FALSE";
    } else {
      errorAt(col, i, x);
    }
  }
  for (const i of await emptyZeroCells(col, zeros)) out[i] = null;
  return out;
}

/**
 * An optional single date (a date cell or ISO text); blank or omitted gives
 * null. So does 0, which is how Excel desktop passes a reference to an empty
 * cell (0 is never a date, so there is nothing to confuse it with).
 */
export function optionalDate(v: ExcelArg, name: string): number | null {
  const m = asMatrix(v);
  if (m.length !== 1 || m[0].length !== 1) throw invalidInput(`${name} expects a single date, not a range.`);
  const x = m[0][0];
  if (isBlankCell(x) || x === 0) return null;
  if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, name);
  const serial = typeof x === "number" ? x : typeof x === "string" ? serialFromIso(x) : NaN;
  if (!isDateSerial(serial)) {
    throw invalidInput(`${name} is not a date (got ${typeof x === "string" ? `"${truncate(x)}"` : String(x)}); use a date cell or ISO text such as 2024-03-15.`);
  }
  return serial;
}

/**
 * An order of segments, lowest first: the cells of a range (row, column or
 * block, read row by row), and text cells split at commas, so "Bronze, Silver,
 * Gold" in one cell works too. Blank or omitted gives null (default order).
 */
export function readSegmentOrder(v: ExcelArg): (string | number)[] | null {
  if (v === null || v === undefined) return null;
  const out: (string | number)[] = [];
  asMatrix(v).forEach((row, r) =>
    row.forEach((x, c) => {
      if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, describeCell("segment_order", r, c, null));
      if (typeof x === "number" && Number.isFinite(x)) out.push(x);
      else if (typeof x === "string") {
        for (const part of x.split(",")) if (part.trim() !== "") out.push(part.trim());
      } else if (typeof x === "boolean") out.push(x ? "TRUE" : "FALSE");
    }),
  );
  return out.length === 0 ? null : out;
}

/**
 * Throws #VALUE! naming the cell of the first segment that `order` does not
 * list, so the user sees "Sheet1!B7" rather than a row number.
 */
export function requireSegmentsInOrder(col: CellColumn, values: (string | number | null)[], order: (string | number)[]): void {
  const listed = new Set(order.map(segmentKey));
  values.forEach((v, i) => {
    if (v !== null && !listed.has(segmentKey(v))) {
      throw invalidInput(`${col.where(i)} holds "${String(v)}", which is not in segment_order (${order.join(", ")}).`);
    }
  });
}
