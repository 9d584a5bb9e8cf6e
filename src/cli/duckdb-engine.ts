/**
 * DuckDB as the CLI's engine for inputs too big for one process's memory:
 * it reads CSV and Parquet files (and globs of many) where they lie, runs the
 * template's DuckDB SQL (src/sql) over them and hands back the same
 * aggregates the TypeScript engines give. CLI only: @duckdb/node-api is a
 * native module, loaded on first use, and never part of the add-in's bundles.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { ColumnSpec } from "../templates/registry-types";
import { Aggregates, SqlTemplate } from "../sql/aggregates";
import type { SqlSource } from "../sql/common";
import { dialect } from "../sql/dialects";
import { ResultTable, resultFromObjects } from "../sql/result-table";
import { UsageError } from "./args";
import { mappingFor, missingColumnsMessage } from "./mapping";

export type FileFormat = "csv" | "parquet";

/** The format of a file or glob from its extension (.csv, .tsv, .txt, optionally .gz; .parquet, .pq), or null. */
export function formatOf(file: string): FileFormat | null {
  const name = file.toLowerCase().replace(/\.(gz|zst)$/, "");
  if (/\.(csv|tsv|txt)$/.test(name)) return "csv";
  if (/\.(parquet|pq)$/.test(name)) return "parquet";
  return null;
}

function sqlString(text: string): string {
  return `'${text.split("'").join("''")}'`;
}

/**
 * The table function reading `files` (paths or globs, all of one format):
 * read_csv with DuckDB's sniffer (delimiter, quoting, header, types) or
 * read_parquet; union_by_name lines up files whose columns come in another order.
 */
export function fileSource(files: readonly string[]): string {
  if (files.length === 0) throw new UsageError("No input file given.");
  const formats = new Set(files.map((f) => formatOf(f)));
  if (formats.has(null)) {
    const odd = files.find((f) => formatOf(f) === null)!;
    throw new UsageError(`${odd}: DuckDB reads .csv, .tsv, .txt (optionally .gz) and .parquet files; name the file by its format.`);
  }
  if (formats.size > 1) throw new UsageError("The input mixes CSV and Parquet files: give files of one format.");
  const list = `[${files.map(sqlString).join(", ")}]`;
  return formats.has("csv") ? `read_csv(${list}, header = true, union_by_name = true)` : `read_parquet(${list}, union_by_name = true)`;
}

/** Above this size a single CSV file is aggregated by DuckDB rather than read into memory. */
export const DUCKDB_THRESHOLD_BYTES = 256 * 1024 * 1024;

export interface EngineChoice {
  engine: "typescript" | "duckdb";
  /** Why, in a sentence the CLI prints when it picks DuckDB by itself. */
  reason: string;
}

/**
 * Which engine computes the aggregates: DuckDB for Parquet, for several files
 * or a glob, and for a CSV above DUCKDB_THRESHOLD_BYTES; TypeScript otherwise.
 */
export function chooseEngine(inputs: readonly { file: string; bytes: number }[], threshold = DUCKDB_THRESHOLD_BYTES): EngineChoice {
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  if (inputs.some((i) => formatOf(i.file) === "parquet")) return { engine: "duckdb", reason: "Parquet input: computing with DuckDB." };
  if (inputs.length > 1) return { engine: "duckdb", reason: `${inputs.length} input files: computing with DuckDB.` };
  const [only] = inputs;
  if (only && only.bytes > threshold) return { engine: "duckdb", reason: `${path.basename(only.file)} is ${mb(only.bytes)}, above ${mb(threshold)}: computing with DuckDB.` };
  return { engine: "typescript", reason: "" };
}

export interface DuckDbOptions {
  /** DuckDB's memory_limit, e.g. "2GB"; DuckDB's default (80% of RAM) if omitted. */
  memoryLimit?: string;
  threads?: number;
}

/** One DuckDB database in memory, spilling to a private temporary folder that close() removes. */
export class DuckDbEngine {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly spill: string,
  ) {}

  static async open(options: DuckDbOptions = {}): Promise<DuckDbEngine> {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const spill = mkdtempSync(path.join(os.tmpdir(), "cxm-duckdb-"));
    const config: Record<string, string> = { temp_directory: spill, preserve_insertion_order: "false" };
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    const instance = await DuckDBInstance.create(":memory:", config);
    return new DuckDbEngine(instance, await instance.connect(), spill);
  }

  /** Runs a statement that returns nothing (CREATE, COPY, SET). */
  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  /** Runs a query; dates come back as ISO text and big integers as text, as the result parsers read them. */
  async query(sql: string, source = "the DuckDB result"): Promise<ResultTable> {
    const reader = await this.connection.runAndReadAll(sql);
    return resultFromObjects(reader.getRowObjectsJson() as Record<string, unknown>[], source, reader.columnNames());
  }

  /** Column names and DuckDB types of a relation. */
  async describe(from: string): Promise<{ name: string; type: string }[]> {
    const t = await this.query(`DESCRIBE SELECT * FROM ${from}`);
    return t.rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.spill, { recursive: true, force: true });
  }
}

const DATE_TYPES = /^(DATE|TIMESTAMP|TIMESTAMP WITH TIME ZONE|TIMESTAMP_[A-Z]+|TIMESTAMPTZ|VARCHAR)$/;
const NUMBER_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/;

export interface FileAggregatesRequest {
  template: SqlTemplate;
  /** The template's columns with their header synonyms (the descriptor's), for automatic mapping. */
  columns: ColumnSpec[];
  files: string[];
  map: [string, string][];
  options: Record<string, string>;
  /** How the input is named in messages. */
  label: string;
}

export interface FileAggregates {
  aggregates: Aggregates;
  /** The SQL that ran. */
  sql: string;
  /** The raw result (to save as CSV). */
  result: ResultTable;
  /** Template column key -> header used. */
  mapping: Record<string, string | undefined>;
}

/**
 * The template's aggregates over files: headers mapped as the CLI maps a CSV
 * (synonyms in English and Spanish, then --map), the columns' types checked,
 * the DuckDB SQL run and its result parsed.
 */
export async function aggregatesFromFiles(engine: DuckDbEngine, request: FileAggregatesRequest): Promise<FileAggregates> {
  const from = fileSource(request.files);
  let described;
  try {
    described = await engine.describe(from);
  } catch (e) {
    throw new UsageError(`DuckDB cannot read ${request.label}: ${(e as Error).message.split("\n")[0]}`);
  }
  const header = described.map((c) => c.name);
  const wanted = request.columns.filter((c) => request.template.columns.some((k) => k.key === c.key));
  const mapping = mappingFor(wanted, header, request.map, request.template.id, request.label);
  const missing = missingColumnsMessage(
    wanted.filter((c) => request.template.columns.find((k) => k.key === c.key)!.required),
    mapping,
    header,
    request.label,
  );
  if (missing) throw new UsageError(missing);
  const d = dialect("duckdb");
  const columns: SqlSource["columns"] = {};
  const used: Record<string, string | undefined> = {};
  for (const c of wanted) {
    const index = mapping[c.key];
    if (index === undefined || index < 0) continue;
    const { name, type } = described[index];
    if (c.kind === "date" && !DATE_TYPES.test(type)) throw new UsageError(`${request.label}: column "${name}" (${c.key}) holds ${type}, not dates.`);
    if (c.kind === "number" && !NUMBER_TYPES.test(type)) {
      throw new UsageError(`${request.label}: column "${name}" (${c.key}) holds ${type}, not numbers (DuckDB could not read it as numbers: check its decimal mark).`);
    }
    columns[c.key] = d.quote(name);
    used[c.key] = name;
  }
  const sql = request.template.sql(d, { from, columns }, request.options);
  let result: ResultTable;
  try {
    result = await engine.query(sql, request.label);
  } catch (e) {
    throw new UsageError(`DuckDB could not compute the aggregates of ${request.label}: ${(e as Error).message.split("\n")[0]}`);
  }
  return { aggregates: request.template.parse(result, request.options), sql, result, mapping: used };
}
