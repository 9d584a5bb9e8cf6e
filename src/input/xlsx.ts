/**
 * A workbook (.xlsx, .xlsm) as a TabularSource, read with ExcelJS's
 * streaming WorkbookReader so a sheet of a million rows is never held
 * whole. Cells arrive as Excel holds them: numbers, text, booleans, and
 * dates as JavaScript Dates (cells with a date format), formulas as their
 * cached results. Node only (the task pane reads ranges through Office.js).
 */
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { Open } from "unzipper";
import { BATCH_ROWS, BatchBuilder } from "./batch";
import type { TabularSource } from "./sources";
import type { SourceFacts } from "./types";

/** The worksheet asked for does not exist (the caller names the sheets there are). */
export class MissingSheetError extends Error {
  constructor(
    readonly wanted: string,
    readonly sheets: string[],
  ) {
    super(`There is no sheet named "${wanted}" (the sheets are: ${sheets.join(", ")}).`);
    this.name = "MissingSheetError";
  }
}

/** An ExcelJS cell value as a plain Excel value. */
export function plainValue(v: unknown): unknown {
  if (v === null || v === undefined) return "";
  if (typeof v !== "object" || v instanceof Date) return v;
  const o = v as { richText?: { text: string }[]; result?: unknown; formula?: string; error?: string; text?: unknown; hyperlink?: string };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join("");
  if ("result" in o || "formula" in o || "sharedFormula" in (o as object)) return plainValue(o.result);
  if (typeof o.error === "string") return o.error;
  if ("text" in o) return plainValue(o.text);
  return String(v);
}

type Input = string | Uint8Array;

function streamOf(input: Input): string | Readable {
  return typeof input === "string" ? input : Readable.from([Buffer.from(input.buffer, input.byteOffset, input.byteLength)]);
}

/** The private steps of ExcelJS's WorkbookReader that read the workbook-wide parts. */
interface ReaderInternals {
  options: { sharedStrings: string };
  sharedStrings?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
}

async function zipEntries(input: Input) {
  const directory = typeof input === "string" ? await Open.file(input) : await Open.buffer(Buffer.from(input.buffer, input.byteOffset, input.byteLength));
  return directory.files;
}

/**
 * Reads the workbook-wide parts (relationships, sheet list, shared strings,
 * styles) through the zip's central directory before the sheets stream.
 * Why: ExcelJS's streaming reader defers a sheet stored before those parts
 * (as ExcelJS itself and other writers store them) by piping it to a temp
 * file, and on that path the zip stream sometimes ends early (about one run
 * in 300 here): the parts after the sheet are lost, so text cells would come
 * back empty or the sheet list is missing ("Cannot read properties of
 * undefined (reading 'sheets')", exceljs issue #962). With the parts read
 * first no sheet is ever deferred, and the shared strings are not read twice.
 */
async function readWorkbookParts(reader: unknown, input: Input): Promise<void> {
  const r = reader as ReaderInternals;
  const entries = await zipEntries(input);
  const part = (path: string) => entries.find((e) => e.path === path);
  const rels = part("xl/_rels/workbook.xml.rels");
  if (rels) await r._parseRels(rels.stream());
  const book = part("xl/workbook.xml");
  if (book) await r._parseWorkbook(book.stream());
  const styles = part("xl/styles.xml");
  if (styles) await r._parseStyles(styles.stream());
  const strings = part("xl/sharedStrings.xml");
  if (strings) for await (const event of r._parseSharedStrings(strings.stream())) void event;
  r.sharedStrings ??= [];
  r.options.sharedStrings = "ignore";
}

/** A workbook file (path) or bytes; `sheet` names the worksheet (default: the first). */
export function xlsxSource(name: string, input: Input, sheet?: string): TabularSource {
  const facts: SourceFacts = { format: "xlsx", name, ...(sheet ? { sheet } : {}) };
  return {
    facts,
    async *batches(batchRows = BATCH_ROWS) {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(streamOf(input) as never, {
        worksheets: "emit",
        sharedStrings: "cache",
        styles: "cache",
        hyperlinks: "ignore",
        entries: "ignore",
      });
      await readWorkbookParts(reader, input);
      const names: string[] = [];
      for await (const worksheet of reader) {
        const ws = worksheet as unknown as AsyncIterable<{ number: number; values: unknown[] }> & { name: string };
        names.push(ws.name);
        // The workbook's own list of sheets (read from workbook.xml before the sheets themselves).
        const listed = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets?.map((x) => x.name);
        if (listed && listed.length > 0) facts.sheets = listed;
        if (sheet !== undefined ? ws.name !== sheet : names.length > 1) continue;
        facts.sheet = ws.name;
        const builder = new BatchBuilder();
        let width = 0;
        for await (const row of ws) {
          const values = row.values; // 1-based, sparse
          if (values.length - 1 > width) width = values.length - 1;
          for (let c = 1; c <= width; c++) builder.cell(plainValue(values[c]));
          builder.endRow(row.number);
          if (builder.size >= batchRows) yield builder.take();
        }
        yield builder.take();
        facts.sheets ??= names;
        return;
      }
      facts.sheets = names;
      if (sheet !== undefined) throw new MissingSheetError(sheet, names);
      yield new BatchBuilder().take();
    },
  };
}
