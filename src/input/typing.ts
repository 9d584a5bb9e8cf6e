/**
 * The second pass: a batch of cells into typed columns, with the column's
 * conventions already settled (evidence.ts). Numbers and dates go into
 * Float64Arrays (NaN where a cell gave nothing, its status saying why), ids
 * into integer codes, text into strings. Pure; the same code types a CSV
 * chunk, a workbook's rows and the task pane's sheet values.
 */
import { isDateSerial, serialFromDate } from "../metrics/dates";
import { isBlankValue, isNoAnswer, textOfValue } from "./cells";
import { parseDate } from "./dates";
import type { ColumnDecision } from "./evidence";
import { labelledScore, parseNumber } from "./numbers";
import { CellStatus, DateColumn, IdColumn, NumberColumn, TextColumn, TypedColumn } from "./types";

/** The dictionary of an id column, shared by its chunks. */
export class IdDictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  code(text: string): number {
    let c = this.index.get(text);
    if (c === undefined) {
      c = this.values.length;
      this.index.set(text, c);
      this.values.push(text);
    }
    return c;
  }
}

function numberFrom(v: unknown, d: ColumnDecision): number {
  if (typeof v === "number") return Number.isFinite(v) ? v : NaN;
  if (typeof v !== "string") return NaN;
  const x = parseNumber(v, d.decimal ?? ".");
  if (!Number.isNaN(x) || !d.score) return x;
  return labelledScore(v);
}

function dateFrom(v: unknown, d: ColumnDecision): number {
  if (v instanceof Date) return serialFromDate(v);
  if (typeof v === "number") return isDateSerial(v) ? v : NaN;
  if (typeof v !== "string") return NaN;
  const serial = parseDate(v, d.dateOrder ?? "dmy");
  if (!Number.isNaN(serial)) return serial;
  const x = parseNumber(v, d.decimal ?? ".");
  return isDateSerial(x) ? x : NaN;
}

/**
 * Types rows [start, start + rows) of one column of a batch. `firstRow` is
 * the absolute data row of cells[start] (the keys of `raw`).
 */
export function typeColumn(
  cells: readonly unknown[],
  start: number,
  rows: number,
  firstRow: number,
  index: number,
  header: string,
  d: ColumnDecision,
  dictionary?: IdDictionary,
): TypedColumn | null {
  switch (d.kind) {
    case "skip":
      return null;
    case "number":
    case "date": {
      const values = new Float64Array(rows);
      const status = new Uint8Array(rows);
      const raw = new Map<number, string>();
      const read = d.kind === "number" ? numberFrom : dateFrom;
      for (let i = 0; i < rows; i++) {
        const v = cells[start + i];
        const x = read(v, d);
        if (!Number.isNaN(x)) {
          values[i] = x;
          continue;
        }
        values[i] = NaN;
        if (isBlankValue(v)) status[i] = CellStatus.Blank;
        else {
          const text = textOfValue(v);
          status[i] = typeof v === "string" && isNoAnswer(text) ? CellStatus.NoAnswer : CellStatus.Unreadable;
          raw.set(firstRow + i, text);
        }
      }
      const column: NumberColumn | DateColumn = { kind: d.kind, index, header, values, status, raw } as NumberColumn | DateColumn;
      return column;
    }
    case "id": {
      const dict = dictionary ?? new IdDictionary();
      const codes = new Int32Array(rows);
      let previous: unknown = undefined, previousCode = -1;
      for (let i = 0; i < rows; i++) {
        const v = cells[start + i];
        // Exports sorted by customer repeat the id row after row.
        if (v === previous && i > 0) {
          codes[i] = previousCode;
          continue;
        }
        const text = textOfValue(v);
        previous = v;
        previousCode = text === "" ? -1 : dict.code(text);
        codes[i] = previousCode;
      }
      const column: IdColumn = { kind: "id", index, header, codes, dictionary: dict.values };
      return column;
    }
    case "text": {
      const values = new Array<string>(rows);
      for (let i = 0; i < rows; i++) values[i] = textOfValue(cells[start + i]);
      const column: TextColumn = { kind: "text", index, header, values };
      return column;
    }
  }
}
