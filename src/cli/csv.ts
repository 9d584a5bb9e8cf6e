/**
 * Reads a CSV export into what a template's validate/build expect: a header
 * row and data rows of Excel-like values. Plain numbers ("1234.5") become
 * numbers; anything else ("1,234.50", dates) stays text, for the template to
 * parse or to name in its validation report.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

export interface Table {
  header: string[];
  rows: unknown[][];
  /** The line of the file each data row ends on (1-based), to name a bad row where the user can find it. */
  lines: number[];
}

const PLAIN_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Converts a CSV field to a number when it is a plain number; blanks become "". */
export function cellFromCsv(field: string): unknown {
  const t = field.trim();
  if (t === "") return "";
  return PLAIN_NUMBER.test(t) ? Number(t) : field;
}

/** Parses CSV text (comma, semicolon or tab separated, detected from the header line). */
export function parseCsv(text: string): Table {
  const firstLine = text.slice(0, text.indexOf("\n") >= 0 ? text.indexOf("\n") : text.length);
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  const delimiter = counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
  const records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  if (records.length === 0) return { header: [], rows: [], lines: [] };
  const [header, ...data] = records;
  return {
    header: header.record.map((h) => h.trim()),
    rows: data.map((r) => r.record.map(cellFromCsv)),
    lines: data.map((r) => r.info.lines),
  };
}

export function readCsv(file: string): Table {
  return parseCsv(readFileSync(file, "utf8"));
}
