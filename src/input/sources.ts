/**
 * Where rows come from, as batches the reader can walk twice (a first pass
 * for the evidence, a second to type): CSV text from a re-openable stream of
 * bytes (a file, or bytes in memory), or a sheet range's values (the task
 * pane). The workbook source is xlsx.ts (it needs ExcelJS, which the task
 * pane does not load). No fs here: the bytes come from the caller.
 */
import { BATCH_ROWS, BatchBuilder, RawBatch } from "./batch";
import { ByteSniff, decodeChunks, TextEncoding } from "./bytes";
import { CsvTokenizer, detectDelimiter } from "./csv";
import { CsvByteBatcher, spanDecoder, Utf8Validator } from "./csv-bytes";
import type { SourceFacts } from "./types";

export interface TabularSource {
  readonly facts: SourceFacts;
  /** The rows from the top, in batches of about `batchRows`. Can be walked again. */
  batches(batchRows?: number): AsyncIterable<RawBatch>;
  /** After a NotUtf8Error: read as Windows-1252 from now on; false when that is not possible. */
  fallBackToWindows1252?(): boolean;
  /** Share of the source read so far in the current walk (0-1), when known (a file's bytes). */
  fraction?(): number | null;
}

/** Bytes that can be read from the start as often as needed. */
export interface ByteStream {
  name: string;
  open(): AsyncIterable<Uint8Array>;
  /** Share of the bytes the current open() has given so far, when the size is known. */
  fraction?(): number | null;
}

/** Bytes in memory as a ByteStream, in chunks of `chunkBytes` (a test can make them tiny). */
export function memoryBytes(name: string, bytes: Uint8Array, chunkBytes = 1 << 20): ByteStream {
  let given = 0;
  return {
    name,
    async *open() {
      given = 0;
      for (let at = 0; at < bytes.length; at += chunkBytes) {
        given = Math.min(bytes.length, at + chunkBytes);
        yield bytes.subarray(at, given);
      }
    },
    fraction: () => (bytes.length === 0 ? 1 : given / bytes.length),
  };
}

/** The first `limit` bytes of a stream, for sniffing. */
export async function headOf(stream: ByteStream, limit = 1 << 16): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream.open()) {
    parts.push(chunk);
    size += chunk.byteLength;
    if (size >= limit) break;
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  return all.subarray(0, Math.min(size, limit));
}

/** A delimited text file. */
export function csvSource(stream: ByteStream, sniff: Extract<ByteSniff, { kind: "text" }>, head: Uint8Array, delimiter?: string): TabularSource {
  let encoding: TextEncoding = sniff.encoding;
  /** Set once a whole pass has read as valid UTF-8: the next passes skip the check. */
  let checked = false;
  const sample = new TextDecoder(encoding === "utf-8-bom" ? "utf-8" : encoding).decode(head, { stream: true });
  const chosen = delimiter ?? detectDelimiter(sample).delimiter;
  const facts: SourceFacts = {
    format: "csv",
    name: stream.name,
    encoding,
    encodingBasis: sniff.basis,
    delimiter: chosen,
    delimiterGiven: delimiter !== undefined,
  };
  return {
    facts,
    async *batches(batchRows = BATCH_ROWS) {
      if (encoding === "utf-16le" || encoding === "utf-16be") {
        // UTF-16: decoded to text first (its delimiters are not single bytes).
        const builder = new BatchBuilder();
        const tokenizer = new CsvTokenizer(chosen, builder);
        for await (const text of decodeChunks(stream.open(), encoding)) {
          tokenizer.push(text);
          if (builder.size >= batchRows) yield builder.take();
        }
        tokenizer.push("", true);
        yield builder.take();
        return;
      }
      // UTF-8 and Windows-1252: split on the bytes (csv-bytes.ts). UTF-8 is checked as it
      // streams (a NotUtf8Error makes the reader start again as Windows-1252), once per file.
      const strict = (encoding === "utf-8" || encoding === "utf-8-bom") && !checked;
      const validator = strict ? new Utf8Validator() : null;
      const batcher = new CsvByteBatcher(chosen.charCodeAt(0), spanDecoder(encoding === "windows-1252" ? "windows-1252" : "utf-8"), batchRows);
      // The BOM is not part of the first header (it may come in pieces when chunks are tiny).
      let bom = encoding === "utf-8-bom" ? 3 : 0;
      let batch: RawBatch | null;
      for await (let chunk of stream.open()) {
        if (bom > 0) {
          const cut = Math.min(bom, chunk.length);
          chunk = chunk.subarray(cut);
          bom -= cut;
        }
        validator?.check(chunk);
        batcher.append(chunk);
        while ((batch = batcher.take(false))) yield batch;
      }
      validator?.finish();
      if (validator) checked = true;
      while ((batch = batcher.take(true))) yield batch;
    },
    fraction: () => stream.fraction?.() ?? null,
    fallBackToWindows1252() {
      if (encoding !== "utf-8" && encoding !== "utf-8-bom") return false;
      encoding = "windows-1252";
      facts.encoding = encoding;
      facts.encodingBasis = "invalid-utf8";
      return true;
    },
  };
}

/** A sheet range's values (header row first), as the task pane reads them through Office.js. */
export function sheetSource(name: string, values: readonly (readonly unknown[])[], firstSheetRow = 1): TabularSource {
  return {
    facts: { format: "sheet", name },
    async *batches(batchRows = BATCH_ROWS) {
      const width = values.reduce((w, r) => Math.max(w, r.length), 0);
      for (let start = 0; start < values.length || start === 0; start += batchRows) {
        const end = Math.min(values.length, start + batchRows);
        const builder = new BatchBuilder();
        for (let r = start; r < end; r++) {
          const row = values[r];
          for (let c = 0; c < width; c++) builder.cell(row[c] ?? "");
          builder.endRow(firstSheetRow + r);
        }
        yield builder.take();
        if (end >= values.length) break;
      }
    },
  };
}
