/**
 * CSV text into cells: a small RFC 4180 state machine that takes the text in
 * chunks (a field, even a quoted one with line breaks inside, may straddle
 * two chunks), writes fields straight into a BatchBuilder and keeps the line
 * each record starts on, so a report can say "line 1,204". Also the
 * delimiter detection (`,` `;` tab `|`) from a sample. Pure: no I/O.
 */
import { BatchBuilder } from "./batch";

const QUOTE = 34, CR = 13, LF = 10;

export interface CellSink {
  cell(value: string): void;
  endRow(line: number): void;
}

export class CsvTokenizer {
  private carry = "";
  private line = 1;
  private recordLine = 1;
  private fieldsInRecord = 0;
  private skipLf = false;
  private readonly delimiter: number;

  constructor(delimiter: string, private readonly sink: CellSink) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Feeds the next piece of text; `last` marks the end of the input. */
  push(chunk: string, last = false): void {
    let s = this.carry === "" ? chunk : this.carry + chunk;
    this.carry = "";
    let i = 0;
    if (this.skipLf && s.charCodeAt(0) === LF) i = 1;
    this.skipLf = false;
    const n = s.length, d = this.delimiter, sink = this.sink;
    while (i < n) {
      const fieldStart = i, lineAtStart = this.line;
      let value: string;
      let j: number;
      if (s.charCodeAt(i) === QUOTE) {
        let parts = "";
        let from = i + 1;
        for (;;) {
          const q = s.indexOf('"', from);
          if (q < 0 || (q === n - 1 && !last)) {
            if (!last) {
              this.carry = s.slice(fieldStart);
              this.line = lineAtStart;
              return;
            }
            parts += s.slice(from, q < 0 ? n : q);
            this.countLines(s, from, n);
            j = n;
            break;
          }
          this.countLines(s, from, q);
          if (s.charCodeAt(q + 1) === QUOTE) {
            parts += s.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          parts += s.slice(from, q);
          j = q + 1;
          // Text after the closing quote (malformed, e.g. "a"b) is kept, as spreadsheets do.
          let k = j;
          while (k < n) {
            const c = s.charCodeAt(k);
            if (c === d || c === CR || c === LF) break;
            k++;
          }
          if (k === n && !last) {
            this.carry = s.slice(fieldStart);
            this.line = lineAtStart;
            return;
          }
          if (k > j) parts += s.slice(j, k);
          j = k;
          break;
        }
        value = parts;
      } else {
        j = i;
        while (j < n) {
          const c = s.charCodeAt(j);
          if (c === d || c === CR || c === LF) break;
          j++;
        }
        if (j === n && !last) {
          this.carry = s.slice(fieldStart);
          return;
        }
        value = s.slice(i, j);
      }
      sink.cell(value);
      this.fieldsInRecord++;
      if (j >= n) {
        i = n;
        break;
      }
      const c = s.charCodeAt(j);
      if (c === d) {
        i = j + 1;
        if (i === n) {
          if (last) {
            sink.cell("");
            this.endRecord();
          } else {
            // The field after a trailing delimiter starts in the next chunk.
          }
        }
        continue;
      }
      // End of record: CRLF, LF or CR.
      if (c === CR) {
        if (j + 1 < n) {
          if (s.charCodeAt(j + 1) === LF) j++;
        } else {
          this.skipLf = true;
        }
      }
      this.endRecord();
      i = j + 1;
    }
    if (last && this.fieldsInRecord > 0) this.endRecord();
    s = "";
  }

  private endRecord(): void {
    this.sink.endRow(this.recordLine);
    this.fieldsInRecord = 0;
    this.line++;
    this.recordLine = this.line;
  }

  private countLines(s: string, from: number, to: number): void {
    let k = s.indexOf("\n", from);
    while (k >= 0 && k < to) {
      this.line++;
      k = s.indexOf("\n", k + 1);
    }
  }
}

/** Tokenizes a whole text into a BatchBuilder (for small inputs and tests). */
export function tokenize(text: string, delimiter: string, builder: BatchBuilder): void {
  new CsvTokenizer(delimiter, builder).push(text, true);
}

export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Field counts of the first complete records of a sample, for one delimiter. */
function fieldCounts(sample: string, delimiter: string, limit = 60): number[] {
  const counts: number[] = [];
  let fields = 0;
  const sink: CellSink = {
    cell: () => void fields++,
    endRow: () => {
      if (counts.length < limit) counts.push(fields);
      fields = 0;
    },
  };
  // Not `last`: a record cut by the end of the sample is not counted.
  new CsvTokenizer(delimiter, sink).push(sample, false);
  return counts.filter((c) => c > 0);
}

export interface DelimiterGuess {
  delimiter: string;
  /** Fields per record for the chosen delimiter (the most common count). */
  fields: number;
  /** Share of the sampled records with that many fields. */
  consistency: number;
}

/**
 * The delimiter of a CSV sample: the one that splits the most records into
 * the same number (at least 2) of fields; comma when none does (one column).
 *
 * @example detectDelimiter("Fecha;Importe\n15/01/2024;12,50\n").delimiter // ";"
 */
export function detectDelimiter(sample: string): DelimiterGuess {
  let best: DelimiterGuess = { delimiter: ",", fields: 1, consistency: 0 };
  const text = /[\r\n]/.test(sample) ? sample : `${sample}\n`;
  for (const delimiter of DELIMITERS) {
    const counts = fieldCounts(text, delimiter);
    if (counts.length === 0) continue;
    const tally = new Map<number, number>();
    for (const c of counts) tally.set(c, (tally.get(c) ?? 0) + 1);
    let mode = 0, modeCount = 0;
    for (const [c, k] of tally) if (k > modeCount || (k === modeCount && c > mode)) [mode, modeCount] = [c, k];
    if (mode < 2) continue;
    const consistency = modeCount / counts.length;
    if (consistency > best.consistency + 1e-9 || (Math.abs(consistency - best.consistency) < 1e-9 && mode > best.fields)) {
      best = { delimiter, fields: mode, consistency };
    }
  }
  return best;
}
