/**
 * One measured job of bench/duckdb.bench.ts, in its own process so that its
 * peak memory is its own: `node --import tsx bench/duckdb-worker.ts
 * duckdb|postgres TEMPLATE INPUT [THREADS]`. Prints one JSON line: the time
 * from the query's start to the parsed aggregates, and the process's peak RSS
 * (DuckDB's native memory included).
 */
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { aggregatesFromFiles, DuckDbEngine } from "../src/cli/duckdb-engine";
import { sqlOptions, sqlTemplate } from "../src/sql/aggregates";
import { dialect } from "../src/sql/dialects";
import { resultFromObjects } from "../src/sql/result-table";
import { templates } from "../src/templates/registry";
import { peakRssMb } from "./harness";

const COLUMNS: Record<string, Record<string, string>> = {
  "cohort-retention": { customer: "customer", date: "date", amount: "amount" },
  "customer-lifetime-value": { customer: "customer", date: "date", amount: "amount" },
  "mrr-bridge": { customer: "customer", month: "date", mrr: "amount" },
};

async function main() {
  const [engineName, id, input, threads] = process.argv.slice(2);
  const template = sqlTemplate(id);
  const options = sqlOptions(template, []);
  const t0 = performance.now();
  let rows = 0;
  if (engineName === "duckdb") {
    // CXM_BENCH_MEMORY_LIMIT (e.g. 2GB) caps DuckDB's memory; it spills to a temporary folder beyond it.
    const engine = await DuckDbEngine.open({ threads: threads ? Number(threads) : undefined, memoryLimit: process.env.CXM_BENCH_MEMORY_LIMIT });
    const map = Object.entries(COLUMNS[id]).map(([k, v]) => [k, v] as [string, string]);
    const done = await aggregatesFromFiles(engine, { template, columns: templates.find((t) => t.id === id)!.columns, files: [input], map, options, label: input });
    rows = done.result.rows.length;
    engine.close();
  } else {
    // input: a connection string; the table "tx" is loaded by the bench.
    const client = new Client({ connectionString: input });
    await client.connect();
    const sql = template.sql(dialect("postgres"), { from: "tx", columns: COLUMNS[id] }, options);
    const r = await client.query(sql);
    template.parse(resultFromObjects(r.rows, "postgres", r.fields.map((f) => f.name)), options);
    rows = r.rows.length;
    await client.end();
  }
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ ms, peakMb: peakRssMb(), resultRows: rows })}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
