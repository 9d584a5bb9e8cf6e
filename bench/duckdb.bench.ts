/**
 * DuckDB and PostgreSQL computing the templates' aggregates (src/sql) over
 * generated transaction logs, beside pandas doing the cohort job on the same
 * CSV in the same run. Each measured job runs in its own process (see
 * duckdb-worker.ts) so its peak memory is its own; figures are medians.
 * - DuckDB: 1M and 10M transactions from CSV and from Parquet (DuckDB writes
 *   both files); CXM_BENCH_100M=1 adds 100M from Parquet (about 1 GB in the
 *   temporary folder, deleted after); CXM_BENCH_SIZES=100 runs that size alone.
 * - PostgreSQL: 1M transactions in a table, on a throwaway local cluster (or
 *   the server at CXM_POSTGRES_URL); its memory is the server's, not shown.
 * The data is deleted when the bench ends.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDbEngine } from "../src/cli/duckdb-engine";
import { postgresAvailability, startPostgres } from "../test/support/postgres";
import { median, report } from "./harness";

const PYTHON = "/usr/bin/python3";
const WORKER = path.join(__dirname, "duckdb-worker.ts");

interface Job {
  ms: number;
  peakMb: number;
}

function worker(args: string[]): Job {
  const r = spawnSync(process.execPath, ["--import", "tsx", WORKER, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`worker ${args.join(" ")} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Job;
}

function pandas(file: string): Job | null {
  const r = spawnSync(PYTHON, [path.join(__dirname, "duckdb_pandas.py"), file], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout.trim()) as Job;
}

/** Median time and median peak of `runs` jobs. */
function measure(runs: number, job: () => Job | null): Job | null {
  const done: Job[] = [];
  for (let i = 0; i < runs; i++) {
    const j = job();
    if (!j) return null;
    done.push(j);
  }
  return { ms: median(done.map((j) => j.ms)), peakMb: median(done.map((j) => j.peakMb)) };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = (label: string, j: Job | null, runs: number) => (j ? `${label}: ${s(j.ms)}, peak ${j.peakMb.toFixed(0)} MB (median of ${runs})` : `${label}: not run`);

/** N transactions: customers start on different days over two years and buy again over the next ~13 months. */
async function generate(engine: DuckDbEngine, rows: number, csv: string | null, parquet: string): Promise<void> {
  const customers = Math.max(1, Math.round(rows / 8));
  const select =
    `SELECT 'c' || c AS customer, DATE '2021-01-01' + CAST(hash(c) % 700 + floor(random() * 400) AS INTEGER) AS date, round(random() * 200, 2) AS amount ` +
    `FROM (SELECT CAST(floor(random() * ${customers}) AS BIGINT) AS c FROM range(${rows}))`;
  await engine.run(`COPY (${select}) TO '${parquet}' (FORMAT parquet)`);
  if (csv) await engine.run(`COPY (SELECT * FROM read_parquet('${parquet}')) TO '${csv}' (HEADER)`);
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cxm-bench-sql-"));
  chmodSync(dir, 0o755); // PostgreSQL's server (another user) reads the CSV with COPY
  // CXM_BENCH_SIZES=1,10,100 (millions) chooses the sizes; 100M and above from Parquet only.
  const millions = (process.env.CXM_BENCH_SIZES ?? (process.env.CXM_BENCH_100M ? "1,10,100" : "1,10")).split(",").map(Number);
  const sizes = millions.map((m) => ({ rows: m * 1_000_000, csv: m < 100, runs: m <= 1 ? 5 : m < 100 ? 3 : Number(process.env.CXM_BENCH_100M_RUNS ?? 1) }));
  try {
    for (const size of sizes) {
      const label = `${(size.rows / 1e6).toFixed(0)}M`;
      const csv = size.csv ? path.join(dir, `tx_${label}.csv`) : null;
      const parquet = path.join(dir, `tx_${label}.parquet`);
      const gen = await DuckDbEngine.open();
      await generate(gen, size.rows, csv, parquet);
      gen.close();
      const mb = (f: string) => `${(statSync(f).size / 1024 / 1024).toFixed(0)} MB`;
      const lines: string[] = [];
      const templatesAt = size.rows <= 1_000_000 ? ["cohort-retention", "mrr-bridge", "customer-lifetime-value"] : ["cohort-retention"];
      for (const id of templatesAt) {
        if (csv) lines.push(line(`DuckDB ${id}, CSV (${mb(csv)})`, measure(size.runs, () => worker(["duckdb", id, csv])), size.runs));
        lines.push(line(`DuckDB ${id}, Parquet (${mb(parquet)})`, measure(size.runs, () => worker(["duckdb", id, parquet])), size.runs));
      }
      if (csv && size.rows <= 10_000_000) lines.push(line("baseline pandas: read_csv + cohort customers and revenue, same CSV", measure(size.runs, () => pandas(csv)), size.runs));
      if (size.rows === 1_000_000) lines.push(...(await postgresLines(csv!, size.runs)));
      report(`Aggregates in SQL: ${size.rows.toLocaleString("en-US")} transactions, ${Math.round(size.rows / 8).toLocaleString("en-US")} customers drawn (2 cores)`, lines);
      rmSync(parquet, { force: true });
      if (csv) rmSync(csv, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresLines(csv: string, runs: number): Promise<string[]> {
  const available = postgresAvailability();
  if (!available.available) return [`PostgreSQL: not run (${available.why})`];
  const server = startPostgres();
  try {
    const client = await server.connect();
    await client.query("DROP TABLE IF EXISTS tx");
    await client.query("CREATE TABLE tx (customer TEXT, date DATE, amount DOUBLE PRECISION)");
    await client.query(`COPY tx FROM '${csv}' (FORMAT csv, HEADER true)`);
    await client.query("ANALYZE tx");
    await client.end();
    const url = connectionString(server.config);
    return ["cohort-retention", "mrr-bridge", "customer-lifetime-value"].map((id) => {
      const j = measure(runs, () => worker(["postgres", id, url]));
      return j ? `PostgreSQL ${id}, 1M-row table: ${s(j.ms)} (median of ${runs}; query + reading the result)` : `PostgreSQL ${id}: not run`;
    });
  } finally {
    server.stop();
  }
}

function connectionString(config: { connectionString?: string; host?: string; user?: string; database?: string }): string {
  if (config.connectionString) return config.connectionString;
  return `postgresql://${config.user}@localhost/${config.database}?host=${config.host}`;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
