/**
 * A small helper for templates: fills a SheetPlan block by block, so a
 * template reads as a layout ("a title, then the inputs, then the grid")
 * rather than as address arithmetic. The result is plain data (build()).
 */
import { CellRect, columnLetter, rangeName, rectName } from "./a1";
import {
  CellFormat,
  CellValue,
  ChartPlan,
  ConditionalFormatPlan,
  emptySheet,
  SheetPlan,
  TablePlan,
} from "./plan";
import { LOOKS } from "./styles";

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

  constructor(key: string, name: string, title: string) {
    this.sheet = emptySheet(key, name, title);
  }

  /** Writes a rectangle of cells with its top-left cell at (row, column); returns its rectangle. */
  write(row: number, column: number, rows: CellValue[][], options: { text?: boolean } = {}): CellRect {
    this.sheet.blocks.push({ at: rangeName(row, column), rows, ...(options.text ? { text: true } : {}) });
    return { row, column, lastRow: row + rows.length - 1, lastColumn: column + (rows[0]?.length ?? 1) - 1 };
  }

  /** Formats a range (an A1 string or a rectangle). */
  format(range: string | CellRect, look: Omit<CellFormat, "range">): this {
    this.sheet.formats.push({ range: typeof range === "string" ? range : rectName(range), ...look });
    return this;
  }

  /** The sheet's title in A1 and the lines under it (what the sheet is, its source, when it was built). */
  heading(lines: string[]): number {
    this.write(1, 1, [[this.sheet.title], ...lines.map((l) => [l])]);
    this.format("A1", LOOKS.title);
    if (lines.length > 0) this.format(rangeName(2, 1, lines.length, 1), LOOKS.subtitle);
    return lines.length + 3;
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
    rows: CellValue[][],
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
  private writeWithLiterals(row: number, column: number, rows: CellValue[][], literal: (row: number, column: number) => boolean): CellRect {
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
    return this.sheet;
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
