/**
 * `cxm sql <template>`: prints the SQL that computes a template's aggregates
 * in a warehouse (--dialect, --table), or runs it with DuckDB over files
 * (--input, repeatable, globs allowed) and prints or saves the result as CSV.
 * `cxm template <id> --aggregates result.csv` reads such a result back.
 * Arguments are parsed here (not in args.ts) so the other commands' parser
 * stays as it is; run.ts only hands these two forms over.
 */
import { existsSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { SQL_TEMPLATES, sqlOptions, sqlTemplate, SqlTemplate } from "../sql/aggregates";
import { DIALECTS, dialect as dialectNamed, tableName } from "../sql/dialects";
import type { ResultTable } from "../sql/result-table";
import type { Language } from "../templates/registry-types";
import { UsageError } from "./args";
import { aggregatesFromFiles, DuckDbEngine } from "./duckdb-engine";
import type { CliContext } from "./run";

export const SQL_HELP = `
SQL and big data:
  cxm sql <template> --dialect duckdb|postgres|bigquery|snowflake|spark --table NAME
                    [--map key=column ...] [--option key=value ...]
      Prints the SQL that computes the template's aggregates where the data
      lives, with its own complete calendar of periods. Columns default to
      the template's keys (customer, date, amount …); --map date=order_date
      names yours. Templates with SQL: ${SQL_TEMPLATES.map((t) => t.id).join(", ")}.
  cxm sql <template> --input FILE|GLOB [--input …] [--out result.csv] [--map …]
      Runs that SQL with DuckDB over CSV or Parquet files (globs of many
      allowed) and writes the result as CSV (to the screen without --out).
  cxm template <id> --aggregates result.csv [--option key=value ...] [--out <id>.xlsx] [--force]
      Reads a query's result back into the template's aggregates and checks it;
      for cohort-retention, builds the workbook from it (the others only check it for now).`;

const SQL_FLAGS = {
  dialect: { type: "string" },
  table: { type: "string" },
  input: { type: "string", short: "i", multiple: true },
  out: { type: "string", short: "o" },
  map: { type: "string", multiple: true },
  option: { type: "string", multiple: true },
  lang: { type: "string" },
  aggregates: { type: "string" },
  threads: { type: "string" },
  "memory-limit": { type: "string" },
} as const;

function parse(argv: string[], allowed: (keyof typeof SQL_FLAGS)[], command: string) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: SQL_FLAGS, allowPositionals: true, strict: true });
  } catch (e) {
    const unknown = /Unknown option '([^']+)'/.exec((e as Error).message);
    throw new UsageError(unknown ? `Unknown flag ${unknown[1]} (see cxm --help).` : `${(e as Error).message} (see cxm --help).`);
  }
  for (const flag of Object.keys(parsed.values) as (keyof typeof SQL_FLAGS)[]) {
    if (!allowed.includes(flag)) throw new UsageError(`cxm ${command} does not take --${flag} (see cxm --help).`);
  }
  const [id, extra] = parsed.positionals;
  if (id === undefined) throw new UsageError(`cxm ${command} needs a template id, e.g. cxm ${command} cohort-retention (templates with SQL: ${SQL_TEMPLATES.map((t) => t.id).join(", ")}).`);
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}" after the template id (flags start with --).`);
  let template: SqlTemplate;
  try {
    template = sqlTemplate(id);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const pairs = (flag: string, list: string[] | undefined): [string, string][] =>
    (list ?? []).map((text) => {
      const at = text.indexOf("=");
      if (at <= 0) throw new UsageError(`--${flag} ${text}: expected key=value, e.g. --${flag} ${flag === "map" ? "date=order_date" : "period=week"}.`);
      return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
    });
  let options: Record<string, string>;
  try {
    options = sqlOptions(template, pairs("option", parsed.values.option));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const lang = (parsed.values.lang ?? "en").toLowerCase();
  if (lang !== "en" && lang !== "es") throw new UsageError(`--lang ${parsed.values.lang}: the languages are en and es.`);
  return { values: parsed.values, template, options, map: pairs("map", parsed.values.map), language: lang as Language };
}

/** --map key=column for a table: each key must be one of the template's columns; an empty column leaves an optional one out. */
function tableColumns(template: SqlTemplate, map: [string, string][]): Record<string, string | undefined> {
  const columns: Record<string, string | undefined> = Object.fromEntries(template.columns.map((c) => [c.key, c.key]));
  for (const [key, column] of map) {
    const spec = template.columns.find((c) => c.key === key);
    if (!spec) throw new UsageError(`--map ${key}=${column}: template ${template.id} has no column "${key}" (its columns: ${template.columns.map((c) => c.key).join(", ")}).`);
    if (column === "" && spec.required) throw new UsageError(`--map ${key}=: ${key} is required and cannot be left out.`);
    columns[key] = column === "" ? undefined : column;
  }
  return columns;
}

/** A result as CSV text: header, then rows; fields with a comma, quote or line break are quoted. */
export function resultToCsv(table: ResultTable): string {
  const field = (v: unknown) => {
    if (v === null || v === undefined) return "";
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.split('"').join('""')}"` : s;
  };
  return [table.columns.map(field).join(","), ...table.rows.map((r) => r.map(field).join(","))].join("\n") + "\n";
}

export async function runSqlCommand(argv: string[], cx: CliContext): Promise<number> {
  const { values, template, options, map } = parse(argv, ["dialect", "table", "input", "out", "map", "option", "threads", "memory-limit"], "sql");
  if (values.input && values.input.length > 0) return await runOnFiles(values, template, options, map, cx);
  if (!values.dialect) throw new UsageError(`cxm sql needs --dialect (${DIALECTS.join(", ")}) and --table, or --input files to run it with DuckDB.`);
  if (!values.table) throw new UsageError("cxm sql needs --table NAME: the table (or view) holding the rows, e.g. --table analytics.orders.");
  if (values.out) throw new UsageError("--out goes with --input (it saves the result of running the SQL); redirect the printed SQL to save it.");
  let d;
  try {
    d = dialectNamed(values.dialect);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let sql: string;
  try {
    sql = template.sql(d, { from: tableName(d, values.table), columns: Object.fromEntries(Object.entries(tableColumns(template, map)).map(([k, c]) => [k, c === undefined ? undefined : tableName(d, c)])) }, options);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  sql.trimEnd().split("\n").forEach((l) => cx.out(l));
  return 0;
}

async function runOnFiles(
  values: { dialect?: string; out?: string; input?: string[]; threads?: string; "memory-limit"?: string },
  template: SqlTemplate,
  options: Record<string, string>,
  map: [string, string][],
  cx: CliContext,
): Promise<number> {
  if (values.dialect && values.dialect.toLowerCase() !== "duckdb") throw new UsageError(`--input runs the SQL with DuckDB: leave out --dialect ${values.dialect}.`);
  const files = values.input!.map((f) => (/[*?[]/.test(f) ? path.resolve(cx.cwd, f) : existing(cx, f)));
  let out: string | null = null;
  if (values.out) {
    out = path.resolve(cx.cwd, values.out);
    if (existsSync(out)) throw new UsageError(`${values.out} already exists: cxm does not replace files; choose another --out.`);
    if (!existsSync(path.dirname(out))) throw new UsageError(`Cannot write ${values.out}: the folder ${path.dirname(out)} does not exist.`);
  }
  const descriptor = cx.templates.find((t) => t.id === template.id);
  const columns = descriptor ? descriptor.columns : [];
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0)) throw new UsageError(`--threads ${values.threads}: give a whole number of 1 or more.`);
  const label = values.input!.length === 1 ? values.input![0] : `${values.input!.length} inputs`;
  cx.err(`Computing the ${template.aggregate} with DuckDB from ${label}.`);
  const engine = await DuckDbEngine.open({ threads, memoryLimit: values["memory-limit"] });
  try {
    const done = await aggregatesFromFiles(engine, { template, columns, files, map, options, label });
    const csv = resultToCsv(done.result);
    if (out) {
      const temporary = `${out}.${process.pid}.tmp`;
      writeFileSync(temporary, csv, { flag: "wx" });
      renameSync(temporary, out);
      cx.err(`Wrote ${out}: ${done.result.rows.length} rows.`);
    } else csv.trimEnd().split("\n").forEach((l) => cx.out(l));
  } finally {
    engine.close();
  }
  return 0;
}

function existing(cx: CliContext, file: string): string {
  const full = path.resolve(cx.cwd, file);
  if (!existsSync(full)) throw new UsageError(`File not found: ${file} (looked in ${path.dirname(full)}).`);
  if (!statSync(full).isFile()) throw new UsageError(`${file} is not a file.`);
  return full;
}
