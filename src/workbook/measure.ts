/**
 * What a sheet plan looks like on screen, measured from the plan alone: the
 * font and wrapping of each cell (its formats, the last one winning), the
 * text it shows (its value or cached result under its number format), the
 * merged areas, the column widths and row heights. SheetBuilder sizes
 * columns and rows with it, and layout-checks.ts verifies finished sheets
 * with the same measures.
 */
import { CellRect, parseRect } from "./a1";
import { displayText } from "./display-text";
import { blockRect, CachedValue, cachedAt, CellBlock, CellFormat, CellValue, isFormula, SheetPlan } from "./plan";
import { Font, lineHeight, LINE_POINTS, textRoomPx, textWidthPx, wrappedLines } from "./text-width";

/** Excel's default column: 8.43 characters shown, 64 px, stored as 9.140625. */
export const DEFAULT_COLUMN_WIDTH = 9.140625;

export interface CellLook extends Font {
  wrap: boolean;
  numberFormat?: string;
}

/** A cell as a reader sees it. */
export interface ShownCell {
  row: number;
  column: number;
  /** The value, or the formula's cached result (undefined when the plan carries none). */
  value: CellValue | CachedValue | undefined;
  formula: boolean;
  text: string;
  look: CellLook;
}

const BUCKET = 256;

/** The look of any cell of a sheet, from its formats (later formats override earlier ones, property by property). */
export class SheetLooks {
  private readonly rects: CellRect[];
  private readonly buckets = new Map<number, number[]>();

  constructor(private readonly formats: readonly CellFormat[]) {
    this.rects = formats.map((f) => parseRect(f.range));
    this.rects.forEach((r, i) => {
      for (let b = Math.floor(r.row / BUCKET); b <= Math.floor(r.lastRow / BUCKET); b++) {
        const list = this.buckets.get(b);
        if (list) list.push(i);
        else this.buckets.set(b, [i]);
      }
    });
  }

  look(row: number, column: number): CellLook {
    const out: CellLook = { wrap: false };
    for (const i of this.buckets.get(Math.floor(row / BUCKET)) ?? []) {
      const r = this.rects[i];
      if (row < r.row || row > r.lastRow || column < r.column || column > r.lastColumn) continue;
      const f = this.formats[i];
      if (f.bold !== undefined) out.bold = f.bold;
      if (f.fontSize !== undefined) out.size = f.fontSize;
      if (f.wrapText !== undefined) out.wrap = f.wrapText;
      if (f.numberFormat !== undefined) out.numberFormat = f.numberFormat;
    }
    return out;
  }
}

/**
 * Every non-empty cell of the plan with the text it shows, block by block;
 * with `keep`, only the cells it accepts (decided before the text is worked out).
 */
export function* shownCells(
  sheet: SheetPlan,
  looks = new SheetLooks(sheet.formats),
  keep?: (look: CellLook, row: number, column: number) => boolean,
  sample = false,
): Generator<ShownCell> {
  for (const block of sheet.blocks) {
    const rect = blockRect(block);
    const visit = sample ? sampledRows(block) : null;
    for (let i = 0; i < block.rows.length; i++) {
      if (visit && !visit(i)) continue;
      const row = block.rows[i];
      for (let j = 0; j < row.length; j++) {
        const v = row[j];
        if (v === "") continue;
        const formula = isFormula(v, !!block.text);
        const value = formula ? cachedAt(block, i, j) : v;
        const look = looks.look(rect.row + i, rect.column + j);
        if (keep && !keep(look, rect.row + i, rect.column + j)) continue;
        yield { row: rect.row + i, column: rect.column + j, value, formula, text: formula && value === undefined ? "" : displayText(value, look.numberFormat), look };
      }
    }
  }
}

/** Rows of a block measured in full; longer blocks are sampled. */
export const MEASURED_ROWS = 10_000;

/**
 * Which rows of a long block to measure: the first MEASURED_ROWS, as many
 * more spread evenly over the rest, and in every column the rows holding its
 * largest and smallest number (the widest numbers are never missed). Text
 * wider than every sampled row's may go unseen in a block of millions of rows.
 */
function sampledRows(block: CellBlock): ((i: number) => boolean) | null {
  const n = block.rows.length;
  if (n <= 2 * MEASURED_ROWS) return null;
  const stride = Math.ceil((n - MEASURED_ROWS) / MEASURED_ROWS);
  const width = block.rows[0].length;
  const extremes = new Set<number>();
  for (let j = 0; j < width; j++) {
    let hi = -Infinity, lo = Infinity, hiAt = -1, loAt = -1;
    for (let i = 0; i < n; i++) {
      const v = block.rows[i][j];
      const x = typeof v === "number" ? v : typeof v === "string" && v.charCodeAt(0) === 61 ? block.cached?.[i]?.[j] : undefined;
      if (typeof x !== "number") continue;
      if (x > hi) {
        hi = x;
        hiAt = i;
      }
      if (x < lo) {
        lo = x;
        loAt = i;
      }
    }
    if (hiAt >= 0) extremes.add(hiAt).add(loAt);
  }
  return (i) => i < MEASURED_ROWS || (i - MEASURED_ROWS) % stride === 0 || extremes.has(i);
}

/** The width of each column (characters, padding included) and the height of each row (points) the plan sets or Excel defaults to. */
export class SheetGeometry {
  private readonly widths = new Map<number, number>();
  private readonly heights = new Map<number, number>();
  readonly merges: CellRect[];
  /** Rows holding part of a merged area (most rows hold none: a quick test first). */
  private readonly mergedRows = new Set<number>();

  constructor(sheet: SheetPlan) {
    for (const w of sheet.columnWidths) this.widths.set(w.column, w.width);
    for (const h of sheet.rowHeights ?? []) this.heights.set(h.row, h.height);
    this.merges = (sheet.merges ?? []).map(parseRect);
    for (const m of this.merges) for (let r = m.row; r <= m.lastRow; r++) this.mergedRows.add(r);
  }

  width(column: number): number {
    return this.widths.get(column) ?? DEFAULT_COLUMN_WIDTH;
  }

  height(row: number): number {
    return this.heights.get(row) ?? LINE_POINTS;
  }

  /** Pixels of text the columns first..last show side by side (a merged area). */
  roomPx(first: number, last: number): number {
    let px = 0;
    for (let c = first; c <= last; c++) px += this.width(c) * 7;
    return Math.max(0, px - 5);
  }

  /** Points of the rows first..last together. */
  heightOf(first: number, last: number): number {
    let pt = 0;
    for (let r = first; r <= last; r++) pt += this.height(r);
    return pt;
  }

  /** The merged area whose top-left cell is (row, column), if any. */
  mergeAt(row: number, column: number): CellRect | undefined {
    if (!this.mergedRows.has(row)) return undefined;
    return this.merges.find((m) => m.row === row && m.column === column);
  }

  /** True when (row, column) lies inside a merged area. */
  inMerge(row: number, column: number): boolean {
    if (!this.mergedRows.has(row)) return false;
    return this.merges.some((m) => row >= m.row && row <= m.lastRow && column >= m.column && column <= m.lastColumn);
  }
}

/** Points a shown cell needs: its lines (wrapped within `roomPx`, or one) times the line height of its font. */
export function neededHeight(cell: Pick<ShownCell, "text" | "look">, roomPx: number): number {
  const lines = cell.look.wrap ? wrappedLines(cell.text, roomPx, cell.look) : 1;
  return lines * lineHeight(cell.look);
}

/** Pixels a shown cell's text takes on one line. */
export function shownWidthPx(cell: Pick<ShownCell, "text" | "look">): number {
  return textWidthPx(cell.text, cell.look);
}

export { textRoomPx };
