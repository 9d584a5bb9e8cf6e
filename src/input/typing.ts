/**
 * The second pass: a batch of cells into typed columns, with the column's
 * conventions already settled (evidence.ts). Numbers and dates go into
 * Float64Arrays (NaN where a cell gave nothing, its status saying why), ids
 * into integer codes, text into strings. Pure; the same code types a CSV
 * chunk, a workbook's rows and the task pane's sheet values.
 */
import { isDateSerial, serialFromDate } from "../metrics/dates";
import type { BatchColumn } from "./batch";
import { isBlankValue, isNoAnswer, textOfValue } from "./cells";
import { FieldColumn } from "./csv-bytes";
import { bareDate, bareNumber } from "./fast-cells";
import { parseDate } from "./dates";
import type { ColumnDecision } from "./evidence";
import { labelledScore, parseNumber } from "./numbers";
import { CellStatus, DateColumn, IdColumn, NumberColumn, TextColumn, TypedColumn } from "./types";

/** The dictionary of an id column, shared by its chunks. */
export class IdDictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  /** CSV ids by their bytes, so a known id costs no string (filled lazily from `code`). */
  private bytesIndex: ByteKeys | null = null;

  code(text: string): number {
    let c = this.index.get(text);
    if (c === undefined) {
      c = this.values.length;
      this.index.set(text, c);
      this.values.push(text);
    }
    return c;
  }

  /** The code of row i's cell of a CSV column, whose bytes need no trimming. */
  codeBytes(column: FieldColumn, i: number): number {
    const keys = (this.bytesIndex ??= new ByteKeys());
    const s = column.start[i], e = column.end[i];
    const known = keys.get(column.bytes, s, e);
    if (known >= 0) return known;
    const c = this.code(column.text(i));
    keys.add(column.bytes, s, e, c);
    return c;
  }
}

/**
 * An open-addressing table from byte strings to codes (FNV-1a hashes with
 * MurmurHash3's finaliser, linear probing, at most half full), its keys
 * copied into one growing buffer: a few bytes per distinct id, no object per
 * id. Each slot holds [hash, key offset, key length, code] side by side, so a
 * lookup touches one place in memory and then the key's bytes.
 */
class ByteKeys {
  /** 4 numbers per slot; code −1 marks an empty slot. */
  private slots = ByteKeys.empty(1 << 12);
  private arena = new Uint8Array(1 << 14);
  private used = 0;
  private count = 0;
  /** Where the last get() stopped (the free slot an add() fills) and its hash. */
  private probe = 0;
  private hash = 0;

  private static empty(capacity: number): Int32Array {
    const slots = new Int32Array(capacity * 4);
    for (let i = 3; i < slots.length; i += 4) slots[i] = -1;
    return slots;
  }

  private static hashOf(b: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let k = s; k < e; k++) h = Math.imul(h ^ b[k], 0x01000193);
    // FNV's low bits mix poorly (a multiply carries upwards only): MurmurHash3's finaliser spreads them.
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  get(b: Uint8Array, s: number, e: number): number {
    const h = ByteKeys.hashOf(b, s, e);
    const slots = this.slots, arena = this.arena;
    const mask = (slots.length >> 2) - 1;
    const n = e - s;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const x = at << 2;
      const code = slots[x + 3];
      if (code < 0) {
        this.probe = at;
        this.hash = h;
        return -1;
      }
      if (slots[x] !== h || slots[x + 2] !== n) continue;
      const o = slots[x + 1];
      let k = 0;
      while (k < n && arena[o + k] === b[s + k]) k++;
      if (k === n) return code;
    }
  }

  /** Adds the key the last get() missed. */
  add(b: Uint8Array, s: number, e: number, code: number): void {
    const n = e - s;
    if (this.used + n > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.used + n));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    this.arena.set(b.subarray(s, e), this.used);
    const x = this.probe << 2;
    this.slots[x] = this.hash;
    this.slots[x + 1] = this.used;
    this.slots[x + 2] = n;
    this.slots[x + 3] = code;
    this.used += n;
    if (++this.count * 2 > this.slots.length >> 2) this.rehash();
  }

  private rehash(): void {
    const old = this.slots;
    const slots = ByteKeys.empty((old.length >> 2) * 2);
    const mask = (slots.length >> 2) - 1;
    for (let x = 0; x < old.length; x += 4) {
      if (old[x + 3] < 0) continue;
      let at = old[x] & mask;
      while (slots[(at << 2) + 3] >= 0) at = (at + 1) & mask;
      slots.set(old.subarray(x, x + 4), at << 2);
    }
    this.slots = slots;
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
  column: BatchColumn,
  start: number,
  rows: number,
  firstRow: number,
  index: number,
  header: string,
  d: ColumnDecision,
  dictionary?: IdDictionary,
): TypedColumn | null {
  if (column instanceof FieldColumn) return typeFields(column, start, rows, firstRow, index, header, d, dictionary);
  const cells = column ?? [];
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

/**
 * typeColumn for a CSV column: bare numbers, ISO and bare slashed dates and
 * ids are read from their bytes (fast-cells.ts, ByteKeys); any other cell is
 * decoded and read as typeColumn reads text, so the result is the same.
 */
function typeFields(
  column: FieldColumn,
  start: number,
  rows: number,
  firstRow: number,
  index: number,
  header: string,
  d: ColumnDecision,
  dictionary?: IdDictionary,
): TypedColumn | null {
  const { bytes, start: starts, end: ends } = column;
  switch (d.kind) {
    case "skip":
      return null;
    case "number":
    case "date": {
      const values = new Float64Array(rows);
      const status = new Uint8Array(rows);
      const raw = new Map<number, string>();
      const isNumber = d.kind === "number";
      const mark = d.decimal ?? ".", order = d.dateOrder ?? "dmy";
      for (let i = 0; i < rows; i++) {
        const s = starts[start + i], e = ends[start + i];
        if (s === e) {
          values[i] = NaN;
          status[i] = CellStatus.Blank;
          continue;
        }
        if (s >= 0) {
          const x = isNumber ? bareNumber(bytes, s, e, mark) : bareDate(bytes, s, e, order);
          if (!Number.isNaN(x)) {
            values[i] = x;
            continue;
          }
        }
        const v = column.text(start + i);
        const x = isNumber ? numberFrom(v, d) : dateFrom(v, d);
        if (!Number.isNaN(x)) {
          values[i] = x;
          continue;
        }
        values[i] = NaN;
        if (isBlankValue(v)) status[i] = CellStatus.Blank;
        else {
          const text = v.trim();
          status[i] = isNoAnswer(text) ? CellStatus.NoAnswer : CellStatus.Unreadable;
          raw.set(firstRow + i, text);
        }
      }
      const typed: NumberColumn | DateColumn = { kind: d.kind, index, header, values, status, raw } as NumberColumn | DateColumn;
      return typed;
    }
    case "id": {
      const dict = dictionary ?? new IdDictionary();
      const codes = new Int32Array(rows);
      for (let i = 0; i < rows; i++) {
        const r = start + i, s = starts[r], e = ends[r];
        if (s >= 0 && e > s) {
          const b0 = bytes[s], bl = bytes[e - 1];
          // No space or non-ASCII byte at either end: the bytes are the id as trimmed text would be.
          if (b0 > 32 && b0 < 0x80 && bl > 32 && bl < 0x80) {
            codes[i] = dict.codeBytes(column, r);
            continue;
          }
        }
        const text = column.text(r).trim();
        codes[i] = text === "" ? -1 : dict.code(text);
      }
      const typed: IdColumn = { kind: "id", index, header, codes, dictionary: dict.values };
      return typed;
    }
    case "text": {
      const values = new Array<string>(rows);
      for (let i = 0; i < rows; i++) values[i] = column.text(start + i).trim();
      const typed: TextColumn = { kind: "text", index, header, values };
      return typed;
    }
  }
}
