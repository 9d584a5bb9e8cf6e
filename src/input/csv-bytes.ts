/**
 * CSV read from its bytes (UTF-8 and Windows-1252, whose delimiters,
 * quotes and line breaks are ASCII): records are split on the bytes and
 * each cell is kept as a span of its batch's buffer, so no string is made
 * for a cell that typing can read from its bytes (fast-cells.ts). The same
 * RFC 4180 rules as csv.ts (which still reads UTF-16): quoted fields with
 * "" inside and line breaks, text after a closing quote kept, CRLF, LF or
 * CR, the line each record starts on. A record cut by the end of a chunk
 * is read again from its start when the next chunk arrives.
 */
import type { RawBatch } from "./batch";
import { NotUtf8Error } from "./bytes";
import { isBlankValue } from "./cells";

const QUOTE = 34, CR = 13, LF = 10, SPACE = 32, TAB = 9;

const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c | 32 : c);

/** Turns a span of bytes into text, in the file's encoding. */
export type SpanDecoder = (bytes: Uint8Array) => string;

/** Windows-1252's characters for the bytes 0x80-0x9F (WHATWG's index; the rest are Latin-1's). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Char codes as a string, a slice of at most 4,096 at a time. */
function fromCodes(codes: Uint8Array | Uint16Array): string {
  let out = "";
  for (let at = 0; at < codes.length; at += 4096) {
    // eslint-disable-next-line no-restricted-syntax -- at most 4,096 codes per call
    out += String.fromCharCode.apply(null, codes.subarray(at, at + 4096) as unknown as number[]);
  }
  return out;
}

/**
 * Windows-1252 by table (Node's TextDecoder gives "" for a lone 0x80 byte):
 * ASCII and Latin-1 bytes are their own code points.
 */
function decodeCp1252(bytes: Uint8Array): string {
  let high = false;
  for (let k = 0; k < bytes.length; k++) {
    if (bytes[k] >= 0x80 && bytes[k] < 0xa0) {
      high = true;
      break;
    }
  }
  if (!high) return fromCodes(bytes);
  const codes = new Uint16Array(bytes.length);
  for (let k = 0; k < bytes.length; k++) {
    const c = bytes[k];
    codes[k] = c >= 0x80 && c < 0xa0 ? CP1252_HIGH[c - 0x80] : c;
  }
  return fromCodes(codes);
}

export function spanDecoder(encoding: "utf-8" | "windows-1252"): SpanDecoder {
  if (encoding === "windows-1252") return decodeCp1252;
  const decoder = new TextDecoder("utf-8");
  return (bytes) => {
    const n = bytes.length;
    // Short ASCII cells (ids, codes) without TextDecoder's per-call cost.
    if (n <= 32) {
      let ascii = true;
      for (let k = 0; k < n; k++) {
        if (bytes[k] >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) return fromCodes(bytes);
    }
    return decoder.decode(bytes);
  };
}

/** The value of a quoted field's raw bytes as text: quotes removed, "" as ", text after the closing quote kept (csv.ts). */
function unquote(raw: string): string {
  let parts = "";
  let from = 1;
  for (;;) {
    const q = raw.indexOf('"', from);
    if (q < 0) return parts + raw.slice(from);
    if (raw.charCodeAt(q + 1) === QUOTE) {
      parts += raw.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    return parts + raw.slice(from, q) + raw.slice(q + 1);
  }
}

/**
 * One column of a CSV batch: row i's cell is bytes[start[i], end[i]). A
 * negative start (~offset) marks a quoted field whose bytes need unquoting
 * (an escaped quote, or text after the closing quote); simply quoted
 * fields point inside their quotes.
 */
export class FieldColumn {
  constructor(
    readonly bytes: Uint8Array,
    readonly start: Int32Array,
    readonly end: Int32Array,
    private readonly decode: SpanDecoder,
  ) {}

  get length(): number {
    return this.start.length;
  }

  /** Row i's cell as text. */
  text(i: number): string {
    const s = this.start[i], e = this.end[i];
    if (s >= 0) return s === e ? "" : this.decode(this.bytes.subarray(s, e));
    return unquote(this.decode(this.bytes.subarray(~s, e)));
  }

  /**
   * The first two bytes of row i's cell after spaces and tabs, lower case,
   * as one number (a << 8 | b); −1 when they are not both ASCII letters or
   * signs (a field that needs unquoting, non-ASCII text, a short cell).
   */
  leadPair(i: number): number {
    const s = this.start[i], e = this.end[i];
    if (s < 0) return -1;
    let k = s;
    while (k < e && (this.bytes[k] === SPACE || this.bytes[k] === TAB)) k++;
    if (k + 1 >= e) return -1;
    const a = this.bytes[k], b = this.bytes[k + 1];
    if (a >= 0x80 || b >= 0x80) return -1;
    return (lowerAscii(a) << 8) | lowerAscii(b);
  }

  /** True when row i's cell is plainly blank or plainly filled from its bytes; undefined when its text must say. */
  private blankByBytes(i: number): boolean | undefined {
    const s = this.start[i], e = this.end[i];
    if (s < 0) return undefined;
    for (let k = s; k < e; k++) {
      const c = this.bytes[k];
      if (c === SPACE || c === TAB) continue;
      return c >= 0x80 ? undefined : false;
    }
    return true;
  }

  /** isBlankValue of row i's cell. */
  isBlank(i: number): boolean {
    return this.blankByBytes(i) ?? isBlankValue(this.text(i));
  }
}

/**
 * Checks bytes as UTF-8 the way a fatal TextDecoder does (WHATWG: no
 * overlong forms, no surrogates, nothing above U+10FFFF), across chunks.
 */
export class Utf8Validator {
  private needed = 0;
  private seen = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private offset = 0;

  check(b: Uint8Array): void {
    const n = b.length;
    let i = 0;
    while (i < n) {
      if (this.needed === 0) {
        // ASCII runs: the common case.
        while (i < n && b[i] < 0x80) i++;
        if (i === n) break;
        const c = b[i++];
        if (c >= 0xc2 && c <= 0xdf) this.needed = 1;
        else if (c >= 0xe0 && c <= 0xef) {
          if (c === 0xe0) this.lower = 0xa0;
          if (c === 0xed) this.upper = 0x9f;
          this.needed = 2;
        } else if (c >= 0xf0 && c <= 0xf4) {
          if (c === 0xf0) this.lower = 0x90;
          if (c === 0xf4) this.upper = 0x8f;
          this.needed = 3;
        } else throw new NotUtf8Error(this.offset);
        continue;
      }
      const c = b[i++];
      if (c < this.lower || c > this.upper) throw new NotUtf8Error(this.offset);
      this.lower = 0x80;
      this.upper = 0xbf;
      if (++this.seen === this.needed) this.needed = this.seen = 0;
    }
    this.offset += n;
  }

  /** The end of the input: a character cut short is not UTF-8. */
  finish(): void {
    if (this.needed !== 0) throw new NotUtf8Error(this.offset);
  }
}

/**
 * Splits CSV bytes into batches of records. append() adds a chunk of the
 * file; take() hands over a batch of `batchRows` records once that many are
 * complete (or, at the end, whatever is left). Fully blank records are
 * dropped and counted, as BatchBuilder does.
 */
export class CsvByteBatcher {
  private buf: Uint8Array;
  private len = 0;
  /** Start of the first record not yet split. */
  private pos = 0;
  private line = 1;
  private rows = 0;
  private done = false;
  private blankRows = 0;
  private capacity: number;
  private starts: Int32Array[] = [];
  private ends: Int32Array[] = [];
  private lines: Int32Array;
  /** The current record's fields (reused). */
  private fieldStart = new Int32Array(64);
  private fieldEnd = new Int32Array(64);

  constructor(
    private readonly delimiter: number,
    private readonly decode: SpanDecoder,
    private readonly batchRows: number,
  ) {
    this.capacity = Math.min(batchRows, 4096);
    this.lines = new Int32Array(this.capacity);
    this.buf = new Uint8Array(1 << 16);
  }

  /** Adds the next bytes of the file. */
  append(chunk: Uint8Array): void {
    if (this.len + chunk.length > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.len + chunk.length));
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
  }

  /** A batch when `batchRows` records are complete; at the end (`last`) the rest, then null. */
  take(last: boolean): RawBatch | null {
    while (this.rows < this.batchRows && this.record(last)) {
      // split records until the batch is full or the bytes run out
    }
    if (this.rows >= this.batchRows) return this.hand();
    if (!last || this.done) return null;
    // Like BatchBuilder's last take(): the final batch, even an empty one.
    this.done = true;
    return this.hand();
  }

  /** Gives the batch away and starts the next one in a new buffer holding the bytes not yet split. */
  private hand(): RawBatch {
    const { rows } = this;
    const cells: FieldColumn[] = this.starts.map((s, c) => new FieldColumn(this.buf, s.subarray(0, rows), this.ends[c].subarray(0, rows), this.decode));
    const batch: RawBatch = { cells, lines: this.lines.subarray(0, rows), rows, blankRows: this.blankRows };
    const rest = this.buf.subarray(this.pos, this.len);
    this.buf = new Uint8Array(Math.max(1 << 16, rest.length * 2));
    this.buf.set(rest);
    this.len = rest.length;
    this.pos = 0;
    this.rows = 0;
    this.blankRows = 0;
    this.starts = this.starts.map(() => new Int32Array(this.capacity));
    this.ends = this.ends.map(() => new Int32Array(this.capacity));
    this.lines = new Int32Array(this.capacity);
    return batch;
  }

  private grow(): void {
    const capacity = Math.min(this.batchRows, this.capacity * 2);
    const widen = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.starts = this.starts.map(widen);
    this.ends = this.ends.map(widen);
    this.lines = widen(this.lines);
    this.capacity = capacity;
  }

  private field(k: number, s: number, e: number): void {
    if (k >= this.fieldStart.length) {
      const a = new Int32Array(this.fieldStart.length * 2), b = new Int32Array(this.fieldStart.length * 2);
      a.set(this.fieldStart);
      b.set(this.fieldEnd);
      this.fieldStart = a;
      this.fieldEnd = b;
    }
    this.fieldStart[k] = s;
    this.fieldEnd[k] = e;
  }

  /** Splits one record from `pos`; false when it is not complete yet (or nothing is left). */
  private record(last: boolean): boolean {
    const b = this.buf, n = this.len, d = this.delimiter;
    let p = this.pos;
    if (p >= n) return false;
    let line = this.line;
    let k = 0;
    for (;;) {
      let s: number, e: number, j: number;
      if (b[p] === QUOTE) {
        let q = p + 1, escaped = false;
        for (;;) {
          q = b.indexOf(QUOTE, q);
          if (q < 0 || (q === n - 1 && !last)) {
            if (!last) return false;
            q = -1;
            break;
          }
          if (b[q + 1] === QUOTE) {
            escaped = true;
            q += 2;
            continue;
          }
          break;
        }
        const close = q < 0 ? n : q;
        for (let x = b.indexOf(LF, p + 1); x >= 0 && x < close; x = b.indexOf(LF, x + 1)) line++;
        if (q < 0) {
          // An unterminated quote runs to the end of the input.
          s = ~p;
          e = j = n;
        } else {
          j = q + 1;
          while (j < n) {
            const c = b[j];
            if (c === d || c === CR || c === LF) break;
            j++;
          }
          if (j === n && !last) return false;
          if (escaped || j > q + 1) {
            s = ~p;
            e = j;
          } else {
            s = p + 1;
            e = q;
          }
        }
      } else {
        j = p;
        while (j < n) {
          const c = b[j];
          if (c === d || c === CR || c === LF) break;
          j++;
        }
        if (j === n && !last) return false;
        s = p;
        e = j;
      }
      this.field(k++, s, e);
      if (j >= n) {
        p = n;
        break;
      }
      const c = b[j];
      if (c === d) {
        p = j + 1;
        if (p === n) {
          if (!last) return false;
          this.field(k++, n, n);
          break;
        }
        continue;
      }
      if (c === CR) {
        if (j + 1 < n) {
          if (b[j + 1] === LF) j++;
        } else if (!last) return false;
      }
      p = j + 1;
      break;
    }
    this.end(k, this.line, p, line + 1);
    return true;
  }

  /** Stores the record's k fields as a row (or counts it blank) and moves past it. */
  private end(k: number, recordLine: number, next: number, nextLine: number): void {
    this.pos = next;
    this.line = nextLine;
    let filled = false;
    for (let f = 0; f < k && !filled; f++) filled = !this.fieldBlank(f);
    if (!filled) {
      this.blankRows++;
      return;
    }
    if (this.rows >= this.capacity) this.grow();
    const r = this.rows++;
    while (this.starts.length < k) {
      this.starts.push(new Int32Array(this.capacity));
      this.ends.push(new Int32Array(this.capacity));
    }
    for (let f = 0; f < this.starts.length; f++) {
      this.starts[f][r] = f < k ? this.fieldStart[f] : 0;
      this.ends[f][r] = f < k ? this.fieldEnd[f] : 0;
    }
    this.lines[r] = recordLine;
  }

  private fieldBlank(f: number): boolean {
    const s = this.fieldStart[f], e = this.fieldEnd[f], b = this.buf;
    if (s >= 0) {
      for (let x = s; x < e; x++) {
        const c = b[x];
        if (c === SPACE || c === TAB) continue;
        if (c < 0x80) return false;
        return isBlankValue(this.decode(b.subarray(s, e)));
      }
      return true;
    }
    return isBlankValue(unquote(this.decode(b.subarray(~s, e))));
  }
}
