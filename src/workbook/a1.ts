/**
 * A1-style addresses: column letters, cell names and the parsing of the
 * addresses Excel hands to custom functions ("Sheet1!B2:B500",
 * "'Q1 data'!B:B", "[Book1]Sheet1!C3").
 */

/** 1 -> "A", 27 -> "AA", 16384 -> "XFD". */
export function columnLetter(column: number): string {
  let n = column;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "A" -> 1, "XFD" -> 16384. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** (row 1-based, column 1-based) -> "B7". */
export function cellName(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

export interface RangeAddress {
  /** Sheet name without quotes or workbook prefix; "" when the address has none. */
  sheet: string;
  /** The part after "!", e.g. "B2:B500". */
  range: string;
  /** First row and column of the range, 1-based. */
  row: number;
  column: number;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Parses an address such as "Sheet1!B2:B500"; returns null when it is not one. */
export function parseRangeAddress(address: string | undefined | null): RangeAddress | null {
  if (!address) return null;
  const bang = address.lastIndexOf("!");
  let sheet = bang >= 0 ? address.slice(0, bang) : "";
  const range = bang >= 0 ? address.slice(bang + 1) : address;
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  sheet = sheet.replace(/^\[[^\]]*\]/, "");
  const first = range.split(":")[0];
  const m = CELL.exec(first);
  if (!m || (!m[1] && !m[2])) return null;
  return { sheet, range, row: m[2] ? Number(m[2]) : 1, column: m[1] ? columnNumber(m[1]) : 1 };
}

/** Quotes a sheet name for use in a formula or an address when it needs it. */
export function quoteSheetName(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * Names the cell at (row, column) offsets inside a parameter's range:
 * "Sheet1!B7" when the address is known, else "row 6, column 1 of scores".
 */
export function describeCell(param: string, rowOffset: number, columnOffset: number, address?: string | null): string {
  const parsed = parseRangeAddress(address);
  if (!parsed) return `row ${rowOffset + 1}, column ${columnOffset + 1} of ${param}`;
  const name = cellName(parsed.row + rowOffset, parsed.column + columnOffset);
  return parsed.sheet ? `${quoteSheetName(parsed.sheet)}!${name}` : name;
}

/** A rectangle of cells, 1-based and inclusive. */
export interface CellRect {
  row: number;
  column: number;
  lastRow: number;
  lastColumn: number;
}

/** The most rows and columns an Excel sheet has. */
export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

const CELL_REF = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** "B7" or "$B$7" -> { row: 7, column: 2 }; throws on anything else. */
export function parseCell(ref: string): { row: number; column: number } {
  const m = CELL_REF.exec(ref.trim());
  if (!m) throw new Error(`"${ref}" is not a cell reference such as B7.`);
  const row = Number(m[2]);
  const column = columnNumber(m[1]);
  if (row < 1 || row > MAX_ROWS || column > MAX_COLUMNS) throw new Error(`"${ref}" is outside the sheet.`);
  return { row, column };
}

/** "A1:C5", "$A$1:$C$5" or a single cell "B7" -> its rectangle; throws on anything else. */
export function parseRect(range: string): CellRect {
  const [a, b, extra] = range.split(":");
  if (extra !== undefined) throw new Error(`"${range}" is not a range such as A1:C5.`);
  const first = parseCell(a);
  const last = b === undefined ? first : parseCell(b);
  return {
    row: Math.min(first.row, last.row),
    column: Math.min(first.column, last.column),
    lastRow: Math.max(first.row, last.row),
    lastColumn: Math.max(first.column, last.column),
  };
}

/** A rectangle as "A1:C5" ("B7" for one cell); `absolute` gives "$A$1:$C$5". */
export function rectName(rect: CellRect, absolute = false): string {
  const cell = (r: number, c: number) => (absolute ? `$${columnLetter(c)}$${r}` : cellName(r, c));
  const first = cell(rect.row, rect.column);
  return rect.row === rect.lastRow && rect.column === rect.lastColumn ? first : `${first}:${cell(rect.lastRow, rect.lastColumn)}`;
}

/** The range of `rows` × `columns` cells whose top-left cell is (row, column): rangeName(5, 2, 3, 2) -> "B5:C7". */
export function rangeName(row: number, column: number, rows = 1, columns = 1, absolute = false): string {
  return rectName({ row, column, lastRow: row + rows - 1, lastColumn: column + columns - 1 }, absolute);
}

/** "B7" -> "$B$7". */
export function absoluteCell(row: number, column: number): string {
  return `$${columnLetter(column)}$${row}`;
}

/** True when the two rectangles share a cell. */
export function rectsOverlap(a: CellRect, b: CellRect): boolean {
  return a.row <= b.lastRow && b.row <= a.lastRow && a.column <= b.lastColumn && b.column <= a.lastColumn;
}

/** True when `inner` lies entirely inside `outer`. */
export function rectContains(outer: CellRect, inner: CellRect): boolean {
  return inner.row >= outer.row && inner.lastRow <= outer.lastRow && inner.column >= outer.column && inner.lastColumn <= outer.lastColumn;
}
