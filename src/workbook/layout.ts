/**
 * Blocks and where they land. A template describes a sheet as blocks — a
 * summary, a table, a chart — each knowing its size before any cell is
 * written (the sizes follow from the aggregates). SheetBuilder.place() puts
 * them in a flow, down the sheet and side by side, then asks each block to
 * fill its body, handing it where every other block landed: a block can
 * refer to one placed below it (the curve at the top averages the triangles
 * further down) without any row arithmetic. Pure data and functions.
 */
import { CellRect, cellName, columnLetter, rangeName } from "./a1";
import type { CachedValue, CellValue } from "./plan";

/** A formula with the value the template computed for it (the cached result a reader sees before recalculating). */
export interface Fx {
  readonly f: string;
  readonly v: CachedValue;
}

/** `fx("=SUM(B5:B9)", 123)`: the formula and its value. */
export function fx(formula: string, value: CachedValue): Fx {
  if (formula.charCodeAt(0) !== 61) throw new Error(`A formula starts with "=": ${formula}`);
  return { f: formula, v: value };
}

/** A cell a template writes: a value, "" for empty, or a formula with its value. */
export type Cell = CellValue | Fx;

export function isFx(cell: Cell): cell is Fx {
  return typeof cell === "object" && cell !== null;
}

/** Which parts of a reference stay put when it is copied: "$col" -> $B7, "$row" -> B$7, "$all" -> $B$7. */
export type Anchor = "$col" | "$row" | "$all";

/** A placed rectangle, addressed by offsets from its top-left cell (0-based). */
export class Placed {
  constructor(readonly rect: CellRect) {}

  get rows(): number {
    return this.rect.lastRow - this.rect.row + 1;
  }

  get columns(): number {
    return this.rect.lastColumn - this.rect.column + 1;
  }

  /** The sheet row of offset r. */
  row(r: number): number {
    return this.rect.row + r;
  }

  /** The sheet column of offset c. */
  column(c: number): number {
    return this.rect.column + c;
  }

  /** The A1 name of the cell at offsets (r, c): cell(1, 2) -> "C6" for a rectangle starting at A5. */
  cell(r: number, c: number, anchor?: Anchor): string {
    const col = columnLetter(this.rect.column + c);
    const row = this.rect.row + r;
    if (!anchor) return cellName(row, this.rect.column + c);
    return `${anchor !== "$row" ? "$" : ""}${col}${anchor !== "$col" ? "$" : ""}${row}`;
  }

  /** The A1 range of `rows` × `columns` cells from offsets (r, c). */
  range(r: number, c: number, rows = 1, columns = 1, absolute = false): string {
    return rangeName(this.rect.row + r, this.rect.column + c, rows, columns, absolute);
  }

  /** Column c from row offset `from`, `rows` cells down (to the bottom when absent). */
  columnRange(c: number, from = 0, rows = this.rows - from, absolute = false): string {
    return this.range(from, c, rows, 1, absolute);
  }

  /** The whole rectangle as A1. */
  get address(): string {
    return this.range(0, 0, this.rows, this.columns);
  }
}

/** What the flow needs to know of a block: its key, its title and note rows, and its body's size. */
export interface BlockShape {
  /** How other blocks find this one. Unique on the sheet. */
  key: string;
  title?: string;
  note?: string;
  rows: number;
  columns: number;
}

/** A row of the flow: one block, or blocks side by side (tops aligned). */
export type LayoutItem<B extends BlockShape> = B | B[];

/** Where one block landed. */
export interface BlockPlace<B extends BlockShape> {
  spec: B;
  titleRow?: number;
  noteRow?: number;
  body: CellRect;
  /** Title, note and body together. */
  outer: CellRect;
}

/** Empty columns between blocks side by side. */
export const GAP_COLUMNS = 1;
/** Empty rows between one row of the flow and the next. */
export const GAP_ROWS = 1;

/**
 * Places the items from (row, column) down: each item starts one blank row
 * under the tallest block of the previous one; blocks of an item sit left to
 * right with one blank column between them.
 */
export function placeBlocks<B extends BlockShape>(
  items: LayoutItem<B>[],
  row: number,
  column = 1,
): { places: Map<string, BlockPlace<B>>; nextRow: number } {
  const places = new Map<string, BlockPlace<B>>();
  let top = row;
  for (const item of items) {
    const group = Array.isArray(item) ? item : [item];
    let left = column;
    let bottom = top - 1;
    for (const spec of group) {
      if (places.has(spec.key)) throw new Error(`Two blocks have the key "${spec.key}".`);
      if (!(Number.isInteger(spec.rows) && spec.rows >= 1 && Number.isInteger(spec.columns) && spec.columns >= 1)) {
        throw new Error(`Block "${spec.key}" has ${spec.rows} × ${spec.columns} cells; a block has at least one.`);
      }
      let r = top;
      const titleRow = spec.title !== undefined ? r++ : undefined;
      const noteRow = spec.note !== undefined ? r++ : undefined;
      const body: CellRect = { row: r, column: left, lastRow: r + spec.rows - 1, lastColumn: left + spec.columns - 1 };
      const outer: CellRect = { row: top, column: left, lastRow: body.lastRow, lastColumn: body.lastColumn };
      places.set(spec.key, { spec, titleRow, noteRow, body, outer });
      left = body.lastColumn + 1 + GAP_COLUMNS;
      bottom = Math.max(bottom, body.lastRow);
    }
    top = bottom + 1 + GAP_ROWS;
  }
  return { places, nextRow: top };
}
