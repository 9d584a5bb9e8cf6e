/**
 * The command line end to end, as a user runs it: `cxm template
 * cohort-retention --input tx.csv --out cohort.xlsx` on generated logs of 1M
 * and 10M transactions (customer, ISO date, amount; a customer per 8 rows),
 * streamed by the TypeScript reader and computed by DuckDB, beside pandas
 * doing the same job (read_csv, monthly cohorts by customers and revenue,
 * both triangles written to .xlsx with openpyxl) in the same run. Each run
 * is its own process, timed from start to exit (Node, tsx and Python start-up
 * included for all), with its own peak memory; figures are medians.
 * pandas is skipped, and said so, when python3 or pandas/openpyxl is absent.
 * CXM_BENCH_CLI_SIZES=1,10 (millions) and CXM_BENCH_CLI_RUNS=3 choose the
 * sizes and runs. The data is deleted at the end.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DuckDbEngine } from "../src/cli/duckdb-engine";
import { median, report } from "./harness";

const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "bin", "cxm.js");
const PEAK = path.join(__dirname, "peak-rss.js");

interface Run {
  ms: number;
  peakMb: number;
}

/** N transactions: customers start on different days over two years and buy again over the next ~13 months. */
async function generate(rows: number, csv: string): Promise<void> {
  const engine = await DuckDbEngine.open();
  try {
    const customers = Math.max(1, Math.round(rows / 8));
    const select =
      `SELECT 'c' || c AS customer, DATE '2021-01-01' + CAST(hash(c) % 700 + floor(random() * 400) AS INTEGER) AS date, round(random() * 200, 2) AS amount ` +
      `FROM (SELECT CAST(floor(random() * ${customers}) AS BIGINT) AS c FROM range(${rows}))`;
    await engine.run(`COPY (${select}) TO '${csv}' (HEADER)`);
  } finally {
    engine.close();
  }
}

function cli(csv: string, out: string, engine: "typescript" | "duckdb", dir: string): Run {
  const peakFile = path.join(dir, "peak.txt");
  rmSync(peakFile, { force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["-r", PEAK, CLI, "template", "cohort-retention", "--input", csv, "--out", out, "--force", "--quiet", "--engine", engine], {
    encoding: "utf8",
    env: { ...process.env, CXM_PEAK_FILE: peakFile },
    maxBuffer: 16 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`cxm --engine ${engine} failed (exit ${r.status}): ${r.stderr}`);
  return { ms, peakMb: Number(readFileSync(peakFile, "utf8")) };
}

/** The first Python with pandas and openpyxl (CXM_PYTHON, python3 on the PATH, the system's), or why there is none. */
function findPython(): { python: string } | { why: string } {
  const candidates = [process.env.CXM_PYTHON, "python3", "/usr/bin/python3"].filter((p): p is string => !!p);
  let found = false;
  for (const python of candidates) {
    const r = spawnSync(python, ["-c", "import pandas, openpyxl"], { encoding: "utf8" });
    if (r.error) continue;
    found = true;
    if (r.status === 0) return { python };
  }
  return { why: found ? "pandas or openpyxl not installed" : "python3 not found" };
}

function pandas(python: string, csv: string, out: string): Run {
  const t0 = performance.now();
  const r = spawnSync(python, [path.join(__dirname, "cli_pandas.py"), csv, out], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`pandas failed: ${r.stderr}`);
  return { ms, peakMb: (JSON.parse(r.stdout.trim()) as { peakMb: number }).peakMb };
}

function measure(runs: number, job: () => Run): Run {
  const done: Run[] = [];
  for (let i = 0; i < runs; i++) done.push(job());
  return { ms: median(done.map((j) => j.ms)), peakMb: median(done.map((j) => j.peakMb)) };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = (label: string, j: Run, runs: number) => `${label}: ${s(j.ms)}, peak ${j.peakMb.toFixed(0)} MB (median of ${runs})`;

async function main() {
  const millions = (process.env.CXM_BENCH_CLI_SIZES ?? "1,10").split(",").map(Number);
  const runs = Number(process.env.CXM_BENCH_CLI_RUNS ?? 3);
  const py = findPython();
  const dir = mkdtempSync(path.join(os.tmpdir(), "cxm-bench-cli-"));
  const first: Record<string, Run> = {};
  try {
    for (const m of millions) {
      const rows = m * 1_000_000;
      const csv = path.join(dir, `tx_${m}M.csv`);
      await generate(rows, csv);
      const mb = (statSync(csv).size / 1024 / 1024).toFixed(0);
      const out = path.join(dir, "out.xlsx");
      const ts = measure(runs, () => cli(csv, out, "typescript", dir));
      const duck = measure(runs, () => cli(csv, out, "duckdb", dir));
      const lines = [line("cxm, streamed (--engine typescript)", ts, runs), line("cxm --engine duckdb", duck, runs)];
      if ("why" in py) lines.push(`baseline pandas: not run (${py.why})`);
      else {
        const pd = measure(runs, () => pandas(py.python, csv, out));
        lines.push(line("baseline pandas (read_csv, groupby, two triangles to .xlsx with openpyxl)", pd, runs));
        lines.push(`streamed / pandas: time ×${(ts.ms / pd.ms).toFixed(2)}, peak memory ×${(ts.peakMb / pd.peakMb).toFixed(2)}`);
      }
      if (m === 1) first.ts = ts;
      else if (first.ts) lines.push(`streamed ${m}M / 1M: time ×${(ts.ms / first.ts.ms).toFixed(1)}, peak memory ×${(ts.peakMb / first.ts.peakMb).toFixed(2)}`);
      report(`cxm template cohort-retention, CSV to .xlsx: ${rows.toLocaleString("en-US")} transactions (${mb} MB), ${Math.round(rows / 8).toLocaleString("en-US")} customers drawn`, lines);
      rmSync(csv, { force: true });
      if (existsSync(out)) rmSync(out, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
