/**
 * A small helper for templates: fills a SheetPlan block by block, so a
 * template reads as a layout ("a title, then the inputs, then the grid")
 * rather than as address arithmetic. The result is plain data (build()).
 *
 * Templates in the v2 shape (src/templates/<id>/sheets.ts) describe each
 * block with its size and a fill() and hand them to place(), which lays them
 * out (down the sheet, side by side) before any block is filled, so a block
 * can refer to blocks placed after it. Their formulas carry their values
 * (fx), and build() then sizes the sheet to its content: column widths from
 * the measured text, titles and notes wrapped within their block's width,
 * row heights for every wrapped line, and a print setup. The older methods
 * (block, widths) remain for the templates not yet moved.
 */
import { CellRect, columnLetter, rangeName, rectName } from "./a1";
import { BlockPlace, BlockShape, Cell, isFx, LayoutItem, Placed, placeBlocks } from "./layout";
import { CellLook, neededHeight, SheetGeometry, SheetLooks, shownCells, shownWidthPx } from "./measure";
import {
  CachedValue,
  CellBlock,
  CellFormat,
  ChartPlan,
  ConditionalFormatPlan,
  emptySheet,
  isFormula,
  PrintSetup,
  SheetPlan,
  TablePlan,
} from "./plan";
import { LOOKS } from "./styles";
import { columnWidthFor, LINE_POINTS, widestWordPx } from "./text-width";

/** Formatting without its range. */
export type Look = Omit<CellFormat, "range">;

/** One block of a v2 sheet: its key, optional title and note, body size, and how it fills its body. */
export interface BlockSpec extends BlockShape {
  fill(w: BlockWriter): void;
}

/** Cells a chart block covers unless it says otherwise: about 480 × 300 px at the default sizes. */
export const CHART_CELLS = { rows: 18, columns: 8 } as const;

/** A block that is only a chart, drawn over its own empty cells. */
export function chartBlock(key: string, chart: (w: BlockWriter) => Omit<ChartPlan, "anchor">, size: { rows: number; columns: number } = CHART_CELLS): BlockSpec {
  return { key, rows: size.rows, columns: size.columns, fill: (w) => w.chart(chart(w)) };
}

/** Measured widths stay within these (characters); a wrapped header takes at most MAX_HEADER_LINES lines. */
export const MIN_COLUMN_WIDTH = 5;
export const MAX_COLUMN_WIDTH = 60;
export const MAX_HEADER_LINES = 3;
/** Wrapped headers up to this wide (about 12 characters: "Month 12", "Customers") keep one line. */
export const ONE_LINE_HEADER_PX = 84;
/** Heading lines wrap within at least this many pixels, even above a narrow sheet. */
const MIN_HEADING_PX = 560;
/** Wider content than this prints landscape (a portrait A4 or Letter page holds about 660 px at 100%). */
const PORTRAIT_MAX_PX = 660;
/** Excel's tallest row, in points. */
const MAX_ROW_POINTS = 409;
/** Sheet name at the left of the page header, page number at the right (Excel's header codes). */
export const PAGE_HEADER = "&L&A&R&P";

/** Where a titled block landed. */
export interface BlockLayout {
  /** Row of the block's title. */
  titleRow: number;
  /** First row of the body (the header row, for a table). */
  bodyRow: number;
  /** Last row of the body. */
  lastRow: number;
  column: number;
  lastColumn: number;
  /** The body's rectangle. */
  body: CellRect;
  /** First free row after the block, leaving one blank row. */
  next: number;
}

export class SheetBuilder {
  private readonly sheet: SheetPlan;
  /** Set by place(): build() then sizes the sheet to its content (v2 templates). */
  private laidOut = false;
  private headingRows: number[] = [];
  private hasHeading = false;
  private nextFlowRow = 1;
  /** Titles and notes wrapped within their block's width: merged at build(). */
  private readonly wrapZones: CellRect[] = [];
  private readonly places = new Map<string, BlockPlace<BlockSpec>>();
  private printSetup: Partial<PrintSetup> = {};

  constructor(key: string, name: string, title: string) {
    this.sheet = emptySheet(key, name, title);
  }

  /**
   * Writes a rectangle of cells with its top-left cell at (row, column);
   * returns its rectangle. A formula given as fx(formula, value) keeps its
   * value as the cell's cached result.
   */
  write(row: number, column: number, rows: Cell[][], options: { text?: boolean; userData?: boolean } = {}): CellRect {
    const block: CellBlock = { at: rangeName(row, column), rows: [] };
    let cached: (CachedValue | null)[][] | undefined;
    rows.forEach((cells, i) => {
      const plain = cells.map((c) => (isFx(c) ? c.f : c));
      block.rows.push(plain);
      if (!cells.some(isFx)) return;
      if (options.text) throw new Error(`A text block (at ${block.at}) cannot hold formulas.`);
      cached ??= rows.slice(0, i).map((r) => r.map(() => null));
      cached.push(cells.map((c) => (isFx(c) ? c.v : null)));
    });
    if (cached) {
      for (let i = cached.length; i < rows.length; i++) cached.push(rows[i].map(() => null));
      block.cached = cached;
    }
    if (options.text) block.text = true;
    if (options.userData) block.userData = true;
    this.sheet.blocks.push(block);
    return { row, column, lastRow: row + rows.length - 1, lastColumn: column + (rows[0]?.length ?? 1) - 1 };
  }

  /** Formats a range (an A1 string or a rectangle). */
  format(range: string | CellRect, look: Look): this {
    this.sheet.formats.push({ range: typeof range === "string" ? range : rectName(range), ...look });
    return this;
  }

  /** The sheet's title in A1 and the lines under it (what the sheet is, its source, when it was built). */
  heading(lines: string[]): number {
    this.write(1, 1, [[this.sheet.title], ...lines.map((l) => [l])]);
    this.format("A1", LOOKS.title);
    if (lines.length > 0) this.format(rangeName(2, 1, lines.length, 1), LOOKS.subtitle);
    this.headingRows = lines.map((_, i) => 2 + i);
    this.hasHeading = true;
    this.nextFlowRow = lines.length + 3;
    return lines.length + 3;
  }

  /**
   * Lays the blocks out from the row under the heading — each item one blank
   * row under the previous, blocks of an item side by side — then fills each
   * block, handing it where every block landed. Returns the placed bodies.
   */
  place(items: LayoutItem<BlockSpec>[]): Record<string, Placed> {
    this.laidOut = true;
    const { places, nextRow } = placeBlocks(items, this.nextFlowRow);
    this.nextFlowRow = nextRow;
    for (const [key, p] of places) {
      if (this.places.has(key)) throw new Error(`Two blocks have the key "${key}".`);
      this.places.set(key, p);
    }
    const bodies: Record<string, Placed> = {};
    for (const [key, p] of places) bodies[key] = new Placed(p.body);
    for (const p of places.values()) {
      const { spec, body } = p;
      const zone = (row: number, look: Look, text: string) => {
        this.write(row, body.column, [[text]]);
        this.format(rangeName(row, body.column), { ...look, wrapText: true, verticalAlignment: "top" });
        this.wrapZones.push({ row, column: body.column, lastRow: row, lastColumn: body.lastColumn });
      };
      if (p.titleRow !== undefined) zone(p.titleRow, LOOKS.sectionTitle, spec.title!);
      if (p.noteRow !== undefined) zone(p.noteRow, LOOKS.note, spec.note!);
      if (spec.title !== undefined && spec.note !== undefined) {
        this.sheet.sections.push({ title: spec.title, note: spec.note, range: rectName(p.outer) });
      }
      spec.fill(new BlockWriter(this, body, (key) => this.placed(key)));
    }
    return bodies;
  }

  /**
   * Merges a one-row rectangle into one wrapped cell (its text wraps within
   * the merged width, and the row gets the height it needs at build()): a
   * long text in a block whose columns are sized by another block's numbers.
   */
  wrapAcross(rect: CellRect): this {
    if (rect.lastRow !== rect.row) throw new Error("wrapAcross merges one row at a time.");
    this.format(rect, { wrapText: true, verticalAlignment: "top" });
    this.wrapZones.push(rect);
    return this;
  }

  /** Where a placed block's body is. */
  placed(key: string): Placed {
    const p = this.places.get(key);
    if (!p) throw new Error(`No block "${key}" on sheet ${this.sheet.key} (blocks: ${[...this.places.keys()].join(", ")}).`);
    return new Placed(p.body);
  }

  /** Rows repeated at the top of every printed page (a data table's header). */
  printTitles(first: number, last = first): this {
    this.printSetup.titleRows = { first, last };
    return this;
  }

  /** Prints only this range (leaves a large data table out of the printout). */
  printArea(range: string): this {
    this.printSetup.area = range;
    return this;
  }

  /**
   * A titled block: the title at (row, column), a one-line explanation under it,
   * then the body. `header: true` formats the body's first row as a header;
   * `textFirstColumn` keeps the first column under the header as literal text.
   */
  block(
    row: number,
    column: number,
    title: string,
    note: string,
    rows: Cell[][],
    options: { text?: boolean; header?: boolean; textFirstColumn?: boolean; literal?: (row: number, column: number) => boolean } = {},
  ): BlockLayout {
    this.write(row, column, [[title], [note]]);
    this.format(rangeName(row, column), LOOKS.sectionTitle);
    this.format(rangeName(row + 1, column), LOOKS.note);
    let body: CellRect;
    if (options.literal && !options.text) {
      body = this.writeWithLiterals(row + 2, column, rows, options.literal);
    } else if (options.textFirstColumn && rows.length > 1 && rows[0].length > 1) {
      // Labels that are user text (segment names) go in a text block of their own.
      const top = this.write(row + 2, column, [rows[0]]);
      this.write(row + 3, column, rows.slice(1).map((r) => [r[0]]), { text: true });
      const rest = this.write(row + 3, column + 1, rows.slice(1).map((r) => r.slice(1)), options);
      body = { row: top.row, column, lastRow: rest.lastRow, lastColumn: top.lastColumn };
    } else {
      body = this.write(row + 2, column, rows, options);
    }
    if (options.header) this.format(rangeName(body.row, body.column, 1, body.lastColumn - body.column + 1), LOOKS.header);
    this.sheet.sections.push({
      title,
      note,
      range: rectName({ row, column, lastRow: body.lastRow, lastColumn: Math.max(column, body.lastColumn) }),
    });
    return {
      titleRow: row,
      bodyRow: body.row,
      lastRow: body.lastRow,
      column: body.column,
      lastColumn: body.lastColumn,
      body,
      next: body.lastRow + 2,
    };
  }

  /**
   * Writes rows in which some cells are literal text (user text that must not
   * become a formula, such as a KPI's actual that is not an allowed formula)
   * among formulas: runs of rows without such a cell go in one block, and a
   * row with one is cut into blocks at the boundaries, its literal cells in
   * `text` blocks.
   */
  private writeWithLiterals(row: number, column: number, rows: Cell[][], literal: (row: number, column: number) => boolean): CellRect {
    let start = 0;
    const flush = (end: number) => {
      if (end > start) this.write(row + start, column, rows.slice(start, end));
    };
    rows.forEach((cells, r) => {
      if (!cells.some((_, c) => literal(r, c))) return;
      flush(r);
      for (let c = 0; c < cells.length; ) {
        const text = literal(r, c);
        let end = c + 1;
        while (end < cells.length && literal(r, end) === text) end++;
        this.write(row + r, column + c, [cells.slice(c, end)], { text });
        c = end;
      }
      start = r + 1;
    });
    flush(rows.length);
    return { row, column, lastRow: row + rows.length - 1, lastColumn: column + (rows[0]?.length ?? 1) - 1 };
  }

  table(name: string, range: string | CellRect, options: Omit<TablePlan, "name" | "range"> = {}): this {
    this.sheet.tables.push({ name, range: typeof range === "string" ? range : rectName(range), ...options });
    return this;
  }

  /** Names a cell or range of this sheet. */
  name(name: string, row: number, column: number, comment?: string, rows = 1, columns = 1): this {
    this.sheet.names.push({ name, ref: rangeName(row, column, rows, columns, true), ...(comment ? { comment } : {}) });
    return this;
  }

  conditional(rule: ConditionalFormatPlan): this {
    this.sheet.conditionalFormats.push(rule);
    return this;
  }

  chart(chart: ChartPlan): this {
    this.sheet.charts.push(chart);
    return this;
  }

  listValidation(range: string, list: string[]): this {
    this.sheet.validations.push({ range, list });
    return this;
  }

  /** Column widths in characters, from column `first` on. */
  widths(first: number, widths: number[]): this {
    widths.forEach((width, i) => this.sheet.columnWidths.push({ column: first + i, width }));
    return this;
  }

  freeze(rows: number, columns = 0): this {
    this.sheet.freeze = { rows, columns };
    return this;
  }

  tab(color: string): this {
    this.sheet.tabColor = color;
    return this;
  }

  build(): SheetPlan {
    if (this.laidOut) this.fitToContent();
    return this.sheet;
  }

  /**
   * Sizes a v2 sheet to what it shows: merges titles, notes and heading lines
   * into wrapped areas, measures every column's text, sets the heights of
   * wrapped and large-font rows, and sets up printing. Widths set with
   * widths() are kept.
   */
  private fitToContent(): void {
    const sheet = this.sheet;
    let extent = 1;
    for (const p of this.places.values()) extent = Math.max(extent, p.outer.lastColumn);
    const fixed = new Set(sheet.columnWidths.map((w) => w.column));
    const merges = this.wrapZones.filter((z) => z.lastColumn > z.column);
    sheet.merges = [...(sheet.merges ?? []), ...merges.map((z) => rectName(z))];

    // Column widths from the cells outside merged areas.
    const looks = new SheetLooks(sheet.formats);
    let geometry = new SheetGeometry(sheet);
    const need = new Map<number, number>();
    for (const cell of shownCells(sheet, looks, undefined, true)) {
      if (cell.text === "" || fixed.has(cell.column) || geometry.inMerge(cell.row, cell.column)) continue;
      if (this.hasHeading && cell.column === 1 && (cell.row === 1 || this.headingRows.includes(cell.row))) continue;
      // A short wrapped header stays on one line; a long one takes up to MAX_HEADER_LINES.
      const width = shownWidthPx(cell);
      const px = !cell.look.wrap || width <= ONE_LINE_HEADER_PX ? width : Math.max(widestWordPx(cell.text, cell.look), width / MAX_HEADER_LINES);
      need.set(cell.column, Math.max(need.get(cell.column) ?? 0, px));
    }
    for (const [column, px] of [...need].sort((a, b) => a[0] - b[0])) {
      sheet.columnWidths.push({ column, width: Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, columnWidthFor(px))) });
    }

    // The title and the heading lines wrap across the sheet's width (at least MIN_HEADING_PX).
    geometry = new SheetGeometry(sheet);
    let span = extent;
    while (geometry.roomPx(1, span) < MIN_HEADING_PX) span++;
    for (const row of this.hasHeading ? [1, ...this.headingRows] : []) {
      sheet.merges.push(rangeName(row, 1, 1, span));
      sheet.formats.push({ range: rangeName(row, 1), wrapText: true, verticalAlignment: "top" });
    }

    // Row heights for wrapped text and larger fonts.
    geometry = new SheetGeometry(sheet);
    const looksNow = new SheetLooks(sheet.formats);
    const heights = new Map<number, number>();
    // Only wrapped cells, larger fonts and merged areas can need more than the default row.
    const tall = (look: CellLook, row: number, column: number) => look.wrap || (look.size ?? 11) > 11 || geometry.mergeAt(row, column) !== undefined;
    for (const cell of shownCells(sheet, looksNow, tall)) {
      const merge = geometry.mergeAt(cell.row, cell.column);
      if (!merge && geometry.inMerge(cell.row, cell.column)) continue;
      const room = merge ? geometry.roomPx(merge.column, merge.lastColumn) : geometry.roomPx(cell.column, cell.column);
      const pt = neededHeight(cell, room);
      // Excel's tallest row is 409 points: longer text (a user's 9,999-character label) shows its top, still written whole.
      if (pt > LINE_POINTS) heights.set(cell.row, Math.min(MAX_ROW_POINTS, Math.max(heights.get(cell.row) ?? 0, pt)));
    }
    const set = new Set((sheet.rowHeights ?? []).map((h) => h.row));
    sheet.rowHeights = [...(sheet.rowHeights ?? []), ...[...heights].filter(([row]) => !set.has(row)).map(([row, height]) => ({ row, height }))].sort(
      (a, b) => a.row - b.row,
    );

    const widthPx = geometry.roomPx(1, extent);
    sheet.print = {
      orientation: widthPx > PORTRAIT_MAX_PX ? "landscape" : "portrait",
      fitToPagesWide: 1,
      header: PAGE_HEADER,
      ...this.printSetup,
    };
  }
}

/** What a block's fill() writes with: offsets count from the top-left cell of the block's body. */
export class BlockWriter extends Placed {
  constructor(
    private readonly sheet: SheetBuilder,
    body: CellRect,
    private readonly find: (key: string) => Placed,
  ) {
    super(body);
  }

  /** Where another block's body landed (placed before or after this one). */
  at(key: string): Placed {
    return this.find(key);
  }

  /**
   * Writes cells with their top-left at body offsets (r, c). Formulas must
   * come as fx(formula, value): a v2 sheet caches every formula's value.
   */
  put(rows: Cell[][], at: [number, number] = [0, 0], options: { text?: boolean; userData?: boolean } = {}): this {
    const [r, c] = at;
    if (r < 0 || c < 0 || r + rows.length > this.rows || c + (rows[0]?.length ?? 0) > this.columns) {
      throw new Error(`${rows.length} × ${rows[0]?.length ?? 0} cells at offset (${r}, ${c}) do not fit the block body ${this.address}.`);
    }
    if (!options.text) {
      for (const row of rows) {
        for (const cell of row) {
          if (typeof cell === "string" && isFormula(cell)) throw new Error(`Write formulas as fx(formula, value) so their value is cached: ${cell}`);
        }
      }
    }
    this.sheet.write(this.row(r), this.column(c), rows, options);
    return this;
  }

  format(range: string | CellRect, look: Look): this {
    this.sheet.format(range, look);
    return this;
  }

  /** Formats body row r (the first when absent) as a table header: bold, filled, wrapped to fit. */
  header(r = 0): this {
    return this.format(this.range(r, 0, 1, this.columns), { ...LOOKS.header, wrapText: true });
  }

  /** An Excel Table over the whole body (its first row is the header). */
  table(name: string, style?: string): this {
    this.sheet.table(name, this.rect, style ? { style } : {});
    return this;
  }

  conditional(rule: ConditionalFormatPlan): this {
    this.sheet.conditional(rule);
    return this;
  }

  /** A chart drawn over this block's body, which stays empty. */
  chart(chart: Omit<ChartPlan, "anchor">): this {
    this.sheet.chart({ ...chart, anchor: { from: this.cell(0, 0), to: this.cell(this.rows - 1, this.columns - 1) } });
    return this;
  }

  /** Names the cell at body offsets (r, c). */
  name(name: string, r: number, c: number, comment?: string): this {
    this.sheet.name(name, this.row(r), this.column(c), comment);
    return this;
  }

  /** Merges `columns` cells of body row r from column c into one wrapped cell (SheetBuilder.wrapAcross). */
  wrapAcross(r: number, c: number, columns: number): this {
    this.sheet.wrapAcross({ row: this.row(r), column: this.column(c), lastRow: this.row(r), lastColumn: this.column(c + columns - 1) });
    return this;
  }

  /** An in-cell drop-down of `list` over a range of this block. */
  listValidation(range: string, list: string[]): this {
    this.sheet.listValidation(range, list);
    return this;
  }
}

/** The A1 range of one column of a rectangle: columnRange(rect, 2) -> "C5:C20" when rect starts at B. */
export function columnRange(rect: CellRect, offset: number, absolute = false, fromRow = rect.row): string {
  return rangeName(fromRow, rect.column + offset, rect.lastRow - fromRow + 1, 1, absolute);
}

/** Column letter of the column `offset` columns right of the rectangle's first. */
export function columnOf(rect: CellRect, offset: number): string {
  return columnLetter(rect.column + offset);
}
