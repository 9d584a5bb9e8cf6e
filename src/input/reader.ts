/**
 * The reader: a source's rows into typed columns, in two passes.
 *
 * 1. open: the first rows give the header layout (title rows, one to three
 *    header rows: headers.ts).
 * 2. settle: a first pass over every row gathers each column's evidence
 *    (evidence.ts) and settles its conventions, and finds the report
 *    footer; memory stays flat.
 * 3. chunks: a second pass types each batch (typing.ts) into a TypedChunk
 *    of ~64k rows; readAll gathers the chunks into one TypedTable.
 *
 * A CSV that turns out not to be UTF-8 part-way is read again as
 * Windows-1252 (the first pass starts over). The same code reads a file
 * (file.ts), bytes in memory, or the task pane's sheet values.
 */
import type { RawBatch } from "./batch";
import { NotUtf8Error } from "./bytes";
import { isBlankValue } from "./cells";
import { ColumnDecision, ColumnEvidence, decideColumns } from "./evidence";
import { detectHeader, HeaderLayout, isFooterRow } from "./headers";
import type { TabularSource } from "./sources";
import { IdDictionary, typeColumn } from "./typing";
import { CellStatus, ColumnFacts, IdColumn, NumberColumn, ReadOptions, ReadReport, TextColumn, TypedChunk, TypedColumn, TypedTable, WantedKind } from "./types";

const HEADER_SAMPLE_ROWS = 32;

export interface Settlement {
  decisions: ColumnDecision[];
  /** Data rows, without the header, the footer and blank rows. */
  rows: number;
  footerRows: number;
  blankRows: number;
}

/** The i-th row of a batch as an array (only for the few header rows). */
function rowOf(batch: RawBatch, i: number): unknown[] {
  return batch.cells.map((c) => c[i]);
}

export class TableReader {
  private settled: { kinds: string; settlement: Settlement } | null = null;
  private counts = new Map<number, { blank: number; noAnswer: number; unreadable: number }>();

  private constructor(
    readonly source: TabularSource,
    readonly options: ReadOptions,
    public layout: HeaderLayout,
  ) {}

  /** Opens a source: reads its first rows for the header. */
  static async open(source: TabularSource, options: ReadOptions): Promise<TableReader> {
    return new TableReader(source, options, await TableReader.layoutOf(source));
  }

  private static async layoutOf(source: TabularSource): Promise<HeaderLayout> {
    for (;;) {
      try {
        const rows: unknown[][] = [];
        for await (const batch of source.batches(HEADER_SAMPLE_ROWS)) {
          for (let i = 0; i < batch.rows && rows.length < HEADER_SAMPLE_ROWS; i++) rows.push(rowOf(batch, i));
          if (rows.length >= HEADER_SAMPLE_ROWS) break;
        }
        return detectHeader(rows);
      } catch (e) {
        if (!(e instanceof NotUtf8Error && source.fallBackToWindows1252?.())) throw e;
      }
    }
  }

  get header(): string[] {
    return this.layout.header;
  }

  /** Columns in the table (the widest of the header and the data seen so far). */
  get width(): number {
    return this.layout.header.length;
  }

  private get skip(): number {
    return this.layout.titleRows + this.layout.headerRows;
  }

  /** The first pass: evidence over every row, then each column's conventions. */
  async settle(kinds: readonly WantedKind[]): Promise<Settlement> {
    const key = kinds.join(",");
    if (this.settled?.kinds === key) return this.settled.settlement;
    for (;;) {
      try {
        const settlement = await this.firstPass(kinds);
        this.settled = { kinds: key, settlement };
        return settlement;
      } catch (e) {
        if (!(e instanceof NotUtf8Error && this.source.fallBackToWindows1252?.())) throw e;
        this.layout = await TableReader.layoutOf(this.source);
      }
    }
  }

  private async firstPass(kinds: readonly WantedKind[]): Promise<Settlement> {
    const evidence: (ColumnEvidence | null)[] = [];
    const evidenceFor = (c: number) => {
      while (evidence.length <= c) {
        const kind = kinds[evidence.length] ?? "skip";
        evidence.push(kind === "skip" ? null : new ColumnEvidence(kind));
      }
      return evidence[c];
    };
    let row = 0, data = 0, blankRows = 0;
    // Rows that look like a report's footer are held back until a data row follows them.
    let pending: unknown[][] = [];
    const addRow = (cells: readonly unknown[]) => {
      for (let c = 0; c < cells.length; c++) evidenceFor(c)?.add(cells[c]);
    };
    for await (const batch of this.source.batches()) {
      blankRows += batch.blankRows;
      const from = Math.max(0, Math.min(batch.rows, this.skip - row));
      row += from;
      for (let c = 0; c < batch.cells.length; c++) evidenceFor(c);
      const first = batch.cells[0];
      for (let i = from; i < batch.rows; i++, row++) {
        const lead = first?.[i];
        if (typeof lead === "string" && isFooterRow(lead, filled(batch, i))) {
          pending.push(rowOf(batch, i));
          continue;
        }
        if (pending.length > 0) {
          pending.forEach(addRow);
          data += pending.length;
          pending = [];
        }
        data++;
        for (let c = 0; c < batch.cells.length; c++) evidence[c]?.add(batch.cells[c][i]);
      }
    }
    while (evidence.length < this.width) evidenceFor(evidence.length);
    const decisions = decideColumns(evidence, {
      language: this.options.language,
      delimiter: this.source.facts.delimiter,
      decimal: this.options.decimal,
      dateOrder: this.options.dateOrder,
    });
    return { decisions, rows: data, footerRows: pending.length, blankRows };
  }

  /** The second pass: typed chunks of ~64k rows. */
  async *chunks(kinds: readonly WantedKind[]): AsyncGenerator<TypedChunk> {
    const { decisions, rows: total } = await this.settle(kinds);
    const dictionaries = decisions.map((d) => (d.kind === "id" ? new IdDictionary() : undefined));
    this.counts = new Map();
    let row = 0, data = 0;
    for await (const batch of this.source.batches(this.options.chunkRows)) {
      const from = Math.max(0, Math.min(batch.rows, this.skip - row));
      const count = Math.min(batch.rows - from, total - data);
      row += batch.rows;
      if (count <= 0) {
        if (data >= total) break;
        continue;
      }
      const lines = Int32Array.from(batch.lines.slice(from, from + count));
      const columns = decisions.map((d, c) =>
        typeColumn(batch.cells[c] ?? [], from, count, data, c, this.header[c] ?? "", d, dictionaries[c]),
      );
      this.tally(columns);
      yield { firstRow: data, rows: count, lines, columns };
      data += count;
      if (data >= total) break;
    }
  }

  private tally(columns: (TypedColumn | null)[]): void {
    for (const col of columns) {
      if (!col || (col.kind !== "number" && col.kind !== "date")) continue;
      let t = this.counts.get(col.index);
      if (!t) this.counts.set(col.index, (t = { blank: 0, noAnswer: 0, unreadable: 0 }));
      const s = col.status;
      for (let i = 0; i < s.length; i++) {
        if (s[i] === CellStatus.Blank) t.blank++;
        else if (s[i] === CellStatus.NoAnswer) t.noAnswer++;
        else if (s[i] === CellStatus.Unreadable) t.unreadable++;
      }
    }
  }

  /** Every row at once (inputs that fit in memory). `mappedTo` names the template column each source column feeds, for the report. */
  async readAll(kinds: readonly WantedKind[], mappedTo: (string | undefined)[] = []): Promise<TypedTable> {
    const { decisions, rows } = await this.settle(kinds);
    const lines = new Int32Array(rows);
    const columns: (TypedColumn | null)[] = decisions.map((d, c) => emptyColumn(d, c, this.header[c] ?? "", rows));
    for await (const chunk of this.chunks(kinds)) {
      lines.set(chunk.lines, chunk.firstRow);
      chunk.columns.forEach((part, c) => {
        const whole = columns[c];
        if (!part || !whole) return;
        if (whole.kind === "number" || whole.kind === "date") {
          const p = part as NumberColumn;
          whole.values.set(p.values, chunk.firstRow);
          whole.status.set(p.status, chunk.firstRow);
          for (const [r, t] of p.raw) whole.raw.set(r, t);
        } else if (whole.kind === "id") {
          const p = part as IdColumn;
          whole.codes.set(p.codes, chunk.firstRow);
          whole.dictionary = p.dictionary;
        } else {
          const p = part as TextColumn;
          for (let i = 0; i < p.values.length; i++) whole.values[chunk.firstRow + i] = p.values[i];
        }
      });
    }
    return { firstRow: 0, rows, lines, columns, header: this.header, report: this.report(mappedTo) };
  }

  /** The report of what was read and assumed (complete once the chunks have all been read). */
  report(mappedTo: (string | undefined)[] = []): ReadReport {
    const settlement = this.settled?.settlement;
    const columns: ColumnFacts[] = [];
    settlement?.decisions.forEach((d, index) => {
      if (d.kind === "skip") return;
      const t = this.counts.get(index) ?? { blank: 0, noAnswer: 0, unreadable: 0 };
      const facts: ColumnFacts = { index, header: this.header[index] ?? "", kind: d.kind, ...t };
      if (d.kind === "number" && d.decimalBasis) [facts.decimal, facts.decimalBasis] = [d.decimal, d.decimalBasis];
      if (d.kind === "date" && d.dateBasis) [facts.dateOrder, facts.dateBasis] = [d.dateOrder, d.dateBasis];
      if (d.example) facts.example = d.example;
      if (d.serials) facts.serials = true;
      if (d.conflicts) [facts.conflicts, facts.conflictExample] = [d.conflicts, d.conflictExample];
      if (mappedTo[index]) facts.mappedTo = mappedTo[index];
      columns.push(facts);
    });
    return {
      source: { ...this.source.facts },
      header: {
        titleRows: this.layout.titleRows,
        headerRows: this.layout.headerRows,
        ...(this.layout.tool ? { tool: this.layout.tool } : {}),
        footerRows: settlement?.footerRows ?? 0,
        blankRows: settlement?.blankRows ?? 0,
      },
      rows: settlement?.rows ?? 0,
      columns,
    };
  }
}

function filled(batch: RawBatch, i: number): number {
  let n = 0;
  for (const col of batch.cells) if (!isBlankValue(col[i])) n++;
  return n;
}

function emptyColumn(d: ColumnDecision, index: number, header: string, rows: number): TypedColumn | null {
  switch (d.kind) {
    case "skip":
      return null;
    case "number":
    case "date":
      return { kind: d.kind, index, header, values: new Float64Array(rows), status: new Uint8Array(rows), raw: new Map() } as TypedColumn;
    case "id":
      return { kind: "id", index, header, codes: new Int32Array(rows), dictionary: [] };
    case "text":
      return { kind: "text", index, header, values: new Array<string>(rows).fill("") };
  }
}
