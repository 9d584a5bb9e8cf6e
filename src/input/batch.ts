import { isBlankValue as isBlankCell } from "./cells";
import { FieldColumn } from "./csv-bytes";

/**
 * Rows travel through the reader as column-major batches: one array per
 * column holding that column's cells for up to ~64k rows, and the line each
 * row starts on. No object per row, so a 560 MB file costs a batch at a time.
 */

/**
 * One column of a batch: an array of cells (a workbook's or a sheet's Excel
 * values, or UTF-16 CSV text), or a CSV's cells as spans of its bytes
 * (csv-bytes.ts), read without making a string where the bytes suffice.
 */
export type BatchColumn = unknown[] | FieldColumn;

/** A slice of the source's rows, column by column. */
export interface RawBatch {
  /** cells[c] holds column c of the batch's rows (cellAt reads one). Text from a CSV; Excel values (numbers, Dates, text, booleans) from a workbook or a sheet. Missing cells are "". */
  cells: BatchColumn[];
  /** Per row: the line of the file (CSV) or the sheet row (workbook, range) the row starts on, 1-based. */
  lines: number[] | Int32Array;
  rows: number;
  /** Fully blank rows dropped from this batch (counted for the report). */
  blankRows: number;
}

/** Row i's cell of a batch column. */
export function cellAt(column: BatchColumn | undefined, i: number): unknown {
  if (column === undefined) return "";
  return column instanceof FieldColumn ? column.text(i) : column[i];
}

/** isBlankValue of row i's cell of a batch column. */
export function blankAt(column: BatchColumn, i: number): boolean {
  return column instanceof FieldColumn ? column.isBlank(i) : isBlankCell(column[i]);
}

/** The rows a batch holds before it is handed on. */
export const BATCH_ROWS = 65_536;


/** Collects cells row by row into a RawBatch; fully blank rows are dropped and counted. */
export class BatchBuilder {
  private cells: unknown[][] = [];
  private lines: number[] = [];
  private rows = 0;
  private column = 0;
  private filled = false;
  private blankRows = 0;

  cell(value: unknown): void {
    let col = this.cells[this.column];
    if (col === undefined) {
      col = new Array<unknown>(this.rows).fill("");
      this.cells[this.column] = col;
    }
    col.push(value);
    if (!this.filled && !isBlankCell(value)) this.filled = true;
    this.column++;
  }

  endRow(line: number): void {
    const cells = this.cells;
    if (!this.filled) {
      for (let c = 0; c < this.column; c++) cells[c].length = this.rows;
      this.blankRows++;
    } else {
      for (let c = this.column; c < cells.length; c++) cells[c].push("");
      this.lines.push(line);
      this.rows++;
    }
    this.column = 0;
    this.filled = false;
  }

  get size(): number {
    return this.rows;
  }

  /** Hands over the rows completed so far and starts a new batch (a row still being filled moves to the new batch). */
  take(): RawBatch {
    const partial = this.cells.map((col, c) => (c < this.column ? col.splice(this.rows) : []));
    const batch: RawBatch = { cells: this.cells, lines: this.lines, rows: this.rows, blankRows: this.blankRows };
    this.cells = partial;
    this.lines = [];
    this.rows = 0;
    this.blankRows = 0;
    return batch;
  }
}
