/**
 * Rows already in memory (the task pane's typed range, a sample, a test) as
 * one typed chunk, so they go through the same intake as a streamed file:
 * ids as dictionary codes, dates and numbers as Float64Arrays with the
 * status of every cell that gave none. Cells arrive as Excel values, as the
 * reader's rows give them (serials, numbers, UnreadableCell) or as text;
 * each column kind reads them as the template's cell readers (cells.ts) do.
 */
import { textOfValue } from "../input/cells";
import { isNoAnswer } from "../input/cells";
import { CellStatus, DateColumn, IdColumn, NumberColumn, TypedChunk, TypedColumn } from "../input/types";
import { isBlank, numberOf, textOf, transactionDateOf } from "../templates/cells";
import type { ColumnMapping, ColumnSpec, Language } from "../templates/registry-types";

export interface RowsChunkOptions {
  language: Language;
  /** Date cells: also month text such as "2024-03" (the MRR bridge's month column). */
  monthText?: boolean;
}

function idColumn(rows: readonly (readonly unknown[])[], c: number, header: string): IdColumn {
  const codes = new Int32Array(rows.length);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  for (let r = 0; r < rows.length; r++) {
    const text = textOfValue(rows[r]?.[c]);
    if (text === "") {
      codes[r] = -1;
      continue;
    }
    let code = index.get(text);
    if (code === undefined) {
      code = dictionary.length;
      index.set(text, code);
      dictionary.push(text);
    }
    codes[r] = code;
  }
  return { kind: "id", index: c, header, codes, dictionary };
}

function valueColumn(rows: readonly (readonly unknown[])[], c: number, header: string, kind: "number" | "date", read: (v: unknown) => number): NumberColumn | DateColumn {
  const values = new Float64Array(rows.length);
  const status = new Uint8Array(rows.length);
  const raw = new Map<number, string>();
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r]?.[c];
    const x = read(v);
    values[r] = x;
    if (!Number.isNaN(x)) continue;
    if (isBlank(v)) status[r] = CellStatus.Blank;
    else {
      const text = textOf(v);
      status[r] = isNoAnswer(text) ? CellStatus.NoAnswer : CellStatus.Unreadable;
      raw.set(r, text);
    }
  }
  return { kind, index: c, header, values, status, raw } as NumberColumn | DateColumn;
}

/**
 * The mapped columns of `rows` as one chunk (rows 0…n−1, lines 1…n: the
 * caller names rows by its own row numbers).
 */
export function chunkOfRows(rows: readonly (readonly unknown[])[], columns: readonly ColumnSpec[], mapping: ColumnMapping, options: RowsChunkOptions): TypedChunk {
  const out: (TypedColumn | null)[] = [];
  for (const spec of columns) {
    const c = mapping[spec.key];
    if (typeof c !== "number" || c < 0 || out[c]) continue;
    while (out.length <= c) out.push(null);
    switch (spec.kind) {
      case "id":
        out[c] = idColumn(rows, c, spec.key);
        break;
      case "date":
        out[c] = valueColumn(rows, c, spec.key, "date", (v) => transactionDateOf(v, options.monthText));
        break;
      case "number":
      case "score":
        out[c] = valueColumn(rows, c, spec.key, "number", (v) => numberOf(v, options.language));
        break;
      case "text": {
        const values = rows.map((row) => textOf(row?.[c]));
        out[c] = { kind: "text", index: c, header: spec.key, values };
        break;
      }
    }
  }
  const lines = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) lines[r] = r + 1;
  return { firstRow: 0, rows: rows.length, lines, columns: out };
}
