/**
 * A workbook (.xlsx, .xlsm) as a TabularSource, read with ExcelJS's
 * streaming WorkbookReader so a sheet of a million rows is never held
 * whole. Cells arrive as Excel holds them: numbers, text, booleans, and
 * dates as JavaScript Dates (cells with a date format), formulas as their
 * cached results. Node only (the task pane reads ranges through Office.js).
 */
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
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
