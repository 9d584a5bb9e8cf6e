/**
 * Test data for the SQL engines: columns of a log written as CREATE TABLE +
 * INSERT statements both DuckDB and PostgreSQL run, and the comparisons the
 * agreement tests share.
 */
import { isoOfSerial } from "../../src/sql/result-table";

export type SqlValue = string | number | null | { date: number };

export interface TableColumn {
  name: string;
  /** A type both engines know: TEXT, DATE, DOUBLE PRECISION, INTEGER. */
  type: string;
  values: readonly SqlValue[];
}

function literal(v: SqlValue): string {
  if (v === null) return "NULL";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "NULL";
  if (typeof v === "string") return `'${v.split("'").join("''")}'`;
  return `DATE '${isoOfSerial(v.date)}'`;
}

/** CREATE TABLE and INSERTs (in batches) for the columns, all of one length. */
export function tableStatements(table: string, columns: readonly TableColumn[]): string[] {
  const n = columns[0].values.length;
  const out = [`DROP TABLE IF EXISTS ${table}`, `CREATE TABLE ${table} (${columns.map((c) => `${c.name} ${c.type}`).join(", ")})`];
  for (let start = 0; start < n; start += 500) {
    const rows: string[] = [];
    for (let i = start; i < Math.min(n, start + 500); i++) rows.push(`(${columns.map((c) => literal(c.values[i])).join(", ")})`);
    out.push(`INSERT INTO ${table} VALUES ${rows.join(", ")}`);
  }
  return out;
}

/** Equal to rounding: summing in another order moves the last bits. */
export function close(a: number | null, b: number | null, relative = 1e-9): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= relative * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Fails with the path of the first cell that differs (numbers to rounding, the rest exactly). */
export function expectSameCells(actual: unknown, expected: unknown, where = "result"): void {
  const differ = (a: unknown, e: unknown, at: string): string | null => {
    if (typeof a === "number" && typeof e === "number") return close(a, e) ? null : `${at}: ${a} ≠ ${e}`;
    if (ArrayBuffer.isView(a) || ArrayBuffer.isView(e)) return differ(Array.from(a as ArrayLike<number>), Array.from(e as ArrayLike<number>), at);
    if (Array.isArray(a) && Array.isArray(e)) {
      if (a.length !== e.length) return `${at}: length ${a.length} ≠ ${e.length}`;
      for (let i = 0; i < a.length; i++) {
        const d = differ(a[i], e[i], `${at}[${i}]`);
        if (d) return d;
      }
      return null;
    }
    if (a && e && typeof a === "object" && typeof e === "object") {
      const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
      for (const k of keys) {
        const d = differ((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${at}.${k}`);
        if (d) return d;
      }
      return null;
    }
    return Object.is(a, e) ? null : `${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(e)}`;
  };
  const d = differ(actual, expected, where);
  if (d) throw new Error(`Cells differ at ${d}`);
}
