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
