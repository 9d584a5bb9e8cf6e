/**
 * TEMPORARY bridge, to be deleted when the templates take typed columns
 * (the templates v2 work): the reader's typed columns (src/input) turned back
 * into the rows of Excel values that today's validate/build take. Dates
 * become serial numbers and numbers numbers, so every template reads them
 * the same way whatever the file's conventions were; blanks become "", and
 * "no answer" cells keep their text ("N/A"), which templates take as no
 * answer or name as not a number; a cell the reader could not read becomes an
 * UnreadableCell, which no template takes for a number or a date but whose
 * text a report can show. Also the other direction: the kind the reader must
 * give each source column, from the template's column mapping.
 */
import { CellStatus, TypedTable, WantedKind } from "../input/types";
import type { ColumnGroups, ColumnMapping, ColumnKind, ColumnSpec } from "./registry-types";

/** A cell the reader could not read as its column's kind: not a number, not a date, shown by its text. */
export class UnreadableCell {
  constructor(readonly raw: string) {}
  toString(): string {
    return this.raw;
  }
}

const WANTED: Record<ColumnKind, WantedKind> = { id: "id", date: "date", number: "number", score: "score", text: "text" };

/**
 * The kind of each source column (by index): the first template column it
 * feeds decides (a `multiple` column's sources, from `groups`, after the
 * single ones); unmapped columns are skipped.
 */
export function kindsFor(
  columns: readonly ColumnSpec[],
  mapping: ColumnMapping,
  width: number,
  groups: ColumnGroups = {},
): { kinds: WantedKind[]; mappedTo: (string | undefined)[] } {
  const kinds = new Array<WantedKind>(width).fill("skip");
  const mappedTo = new Array<string | undefined>(width).fill(undefined);
  const feed = (c: ColumnSpec, i: unknown) => {
    if (typeof i !== "number" || i < 0 || i >= width || kinds[i] !== "skip") return;
    kinds[i] = WANTED[c.kind];
    mappedTo[i] = c.key;
  };
  for (const c of columns) feed(c, mapping[c.key]);
  for (const c of columns) for (const g of groups[c.key] ?? []) feed(c, g.index);
  return { kinds, mappedTo };
}

/** Text that is a plain number becomes a number, as it did when the CLI read CSV directly (ids and labels like 1001); "007" stays text. */
const PLAIN_NUMBER = /^-?(?:[1-9]\d*|0)(?:\.\d+)?$/;

/** The table as rows of Excel values, `width` cells each. */
export function rowsOf(table: TypedTable, width = table.header.length): unknown[][] {
  const rows: unknown[][] = new Array(table.rows);
  for (let r = 0; r < table.rows; r++) rows[r] = new Array<unknown>(width).fill("");
  for (const col of table.columns) {
    if (!col || col.index >= width) continue;
    const c = col.index;
    switch (col.kind) {
      case "number":
      case "date":
        for (let r = 0; r < table.rows; r++) {
          const s = col.status[r];
          if (s === CellStatus.Ok) rows[r][c] = col.values[r];
          else if (s === CellStatus.Unreadable) rows[r][c] = new UnreadableCell(col.raw.get(r) ?? "");
          else if (s === CellStatus.NoAnswer) rows[r][c] = col.raw.get(r) ?? "";
        }
        break;
      case "id":
        for (let r = 0; r < table.rows; r++) {
          const code = col.codes[r];
          if (code >= 0) rows[r][c] = plain(col.dictionary[code]);
        }
        break;
      case "text":
        for (let r = 0; r < table.rows; r++) rows[r][c] = plain(col.values[r]);
        break;
    }
  }
  return rows;
}

function plain(text: string): string | number {
  return PLAIN_NUMBER.test(text) && text.length < 16 ? Number(text) : text;
}
