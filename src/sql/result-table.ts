/**
 * A query's result as the parsers read it: named columns and rows of cells,
 * from a CSV export (BigQuery, Snowflake, Spark, psql \copy) or from a
 * driver's rows (DuckDB, pg). Column names match ignoring case (Snowflake
 * returns COHORT for cohort); cells are read strictly, and a cell that is not
 * what its column needs is an error naming the row and the column, in English
 * and Spanish.
 */
import { parse } from "csv-parse/sync";
import { serialFromDate, serialFromIso } from "../metrics/dates";

export type ResultCell = string | number | bigint | boolean | Date | null | undefined;

export interface ResultTable {
  columns: string[];
  rows: ResultCell[][];
  /** Where the result came from, for messages ("result.csv"). */
  source: string;
}

export type Messages = Record<"en" | "es", string>;

/** A result that cannot be the aggregates it claims to be; `messages` says why in both languages (message is the English). */
export class ResultError extends Error {
  readonly messages: Messages;
  constructor(messages: Messages) {
    super(messages.en);
    this.name = "ResultError";
    this.messages = messages;
  }
}

export function resultError(en: string, es: string): ResultError {
  return new ResultError({ en, es });
}

/** Parses a result exported as CSV (comma, semicolon or tab separated; header row first). An empty field is a NULL. */
export function resultFromCsv(text: string, source = "the result"): ResultTable {
  const firstLine = text.slice(0, Math.max(0, text.indexOf("\n")) || text.length);
  const delimiter = [",", ";", "\t"].reduce((best, c) => (firstLine.split(c).length > firstLine.split(best).length ? c : best), ",");
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (e) {
    const why = (e as Error).message;
    throw resultError(`${source} is not readable CSV: ${why}`, `${source} no es un CSV legible: ${why}`);
  }
  if (records.length === 0) throw resultError(`${source} is empty: it needs a header row.`, `${source} está vacío: necesita una fila de encabezados.`);
  const [header, ...rows] = records;
  return { columns: header.map((h) => h.trim()), rows: rows.map((r) => r.map((c) => (c.trim() === "" ? null : c))), source };
}

/** Rows as a driver returns them (one object per row, keyed by column name). */
export function resultFromObjects(objects: readonly Record<string, unknown>[], source: string, columns?: string[]): ResultTable {
  const names = columns ?? (objects.length > 0 ? Object.keys(objects[0]) : []);
  return { columns: names, rows: objects.map((o) => names.map((n) => o[n] as ResultCell)), source };
}

/** Reads the cells of one result, naming row (1 = first data row) and column in every message. */
export class ResultReader {
  private readonly index = new Map<string, number>();
  constructor(readonly table: ResultTable) {
    table.columns.forEach((c, i) => {
      const key = c.trim().toLowerCase();
      if (!this.index.has(key)) this.index.set(key, i);
    });
  }

  get rows(): number {
    return this.table.rows.length;
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  /** The column's position; a missing required column is an error listing the result's columns. */
  require(...names: string[]): void {
    const missing = names.filter((n) => !this.index.has(n));
    if (missing.length === 0) return;
    const found = this.table.columns.join(", ") || "(none)";
    throw resultError(
      `${this.table.source} has no column ${missing.join(", ")} (its columns: ${found}). Run the SQL that \`cxm sql\` prints for this template and export its whole result.`,
      `${this.table.source} no tiene la columna ${missing.join(", ")} (sus columnas: ${found}). Ejecute el SQL que imprime \`cxm sql\` para esta plantilla y exporte el resultado completo.`,
    );
  }

  raw(row: number, name: string): ResultCell {
    const i = this.index.get(name);
    return i === undefined ? null : this.table.rows[row][i];
  }

  private bad(row: number, name: string, what: { en: string; es: string }, cell: ResultCell): ResultError {
    const shown = cell instanceof Date ? cell.toISOString() : String(cell);
    return resultError(
      `Row ${row + 1} of ${this.table.source}, column ${name}: ${what.en} (got "${shown}").`,
      `Fila ${row + 1} de ${this.table.source}, columna ${name}: ${what.es} (contiene «${shown}»).`,
    );
  }

  isBlank(row: number, name: string): boolean {
    const c = this.raw(row, name);
    return c === null || c === undefined || (typeof c === "string" && c.trim() === "");
  }

  /** A finite number: a number, a bigint, or text that is a plain number ("12.5", "-3e2"). */
  number(row: number, name: string): number {
    const c = this.raw(row, name);
    let x = NaN;
    if (typeof c === "number") x = c;
    else if (typeof c === "bigint") x = Number(c);
    else if (typeof c === "string" && PLAIN_NUMBER.test(c.trim())) x = Number(c.trim());
    if (!Number.isFinite(x)) throw this.bad(row, name, { en: "expected a number", es: "se esperaba un número" }, c);
    return x;
  }

  /** A whole number of 0 or more (counts, offsets, days). */
  count(row: number, name: string): number {
    const x = this.number(row, name);
    if (!Number.isInteger(x) || x < 0) throw this.bad(row, name, { en: "expected a whole number of 0 or more", es: "se esperaba un número entero no negativo" }, this.raw(row, name));
    return x;
  }

  /** A date as a whole-day Excel serial: ISO text ("2024-03-01", with or without a time) or a Date (its UTC day). */
  date(row: number, name: string): number {
    const c = this.raw(row, name);
    let serial = NaN;
    if (typeof c === "string") serial = serialFromIso(c.trim());
    else if (c instanceof Date) serial = serialFromDate(c);
    if (Number.isNaN(serial)) throw this.bad(row, name, { en: "expected a date as YYYY-MM-DD", es: "se esperaba una fecha como AAAA-MM-DD" }, c);
    return Math.floor(serial);
  }

  /** A label (customer id, segment): text as written, trimmed, and plain numbers as numbers, as a CSV file's cells are read; null when blank. */
  label(row: number, name: string): string | number | null {
    const c = this.raw(row, name);
    if (c === null || c === undefined) return null;
    if (typeof c === "number") return c;
    if (typeof c === "bigint") return Number(c);
    const text = String(c).trim();
    if (text === "") return null;
    return PLAIN_NUMBER.test(text) ? Number(text) : text;
  }
}

const PLAIN_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** "2024-03-01" for a whole-day serial (messages). */
export function isoOfSerial(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}
