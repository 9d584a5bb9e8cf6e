/**
 * The spilling engines at scale: CXM.COHORT (monthly) and CXM.MRRMOVEMENTS
 * over 100k, 300k and 1M rows, called as Excel calls them (ranges as arrays of
 * one-cell rows), against pandas doing the same grouping on the same rows in a
 * child process (Debian's /usr/bin/python3 with python3-pandas). Targets at 1M
 * rows: median at most 1 s, faster than pandas, peak memory at most 400 MB.
 *
 * Each (engine, size) is measured in a fresh Node process (this file run with
 * `--case kind rows`), so its peak RSS is that case's own, not the high-water
 * mark of the cases before it. Each pandas result is checked against CXM's
 * before its time is reported.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { installCustomFunctionsStub } from "../test/support/custom-functions-stub";
import { cohortTable } from "../src/metrics/cohort";
import { mrrMovements } from "../src/metrics/mrr-movements";
import { Columns, excelColumn, purchaseLog, subscriptionRows } from "./engines-data";
import { fmt, median, peakRssMb, report } from "./harness";

installCustomFunctionsStub();
const { cohort, mrrmovements } = require("../src/functions/cohorts") as typeof import("../src/functions/cohorts");

type Kind = "cohort" | "mrr";
const SIZES = [100_000, 300_000, 1_000_000];
const RUNS = 7;
const PANDAS_RUNS = 5;
const PYTHON = "/usr/bin/python3";
const SCRIPT = path.join(__dirname, "engines_pandas.py");

interface CaseResult {
  kind: Kind;
  rows: number;
  customers: number;
  functionMs: number;
  coreMs: number;
  pandasMs: number | null;
  pandasVersion: string | null;
  peakMb: number;
}

function pandasMissingReason(): string | null {
  const probe = spawnSync(PYTHON, ["-c", "import pandas"], { encoding: "utf8" });
  if (probe.error) return `${PYTHON} not found`;
  if (probe.status !== 0) return `${PYTHON} has no pandas (apt-get update && apt-get install -y python3-pandas)`;
  return null;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Median time of `runs` calls after 2 warm-ups. A full GC runs before each
 * call, outside the timing, so one call's garbage (a million-row call frees
 * ~50 MB of typed arrays) is not charged to the next and the peak memory shows
 * what a call needs rather than how lazily V8 collects.
 */
async function time(fn: () => unknown, runs: number): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** Writes the rows for pandas in chunks, so the file never sits in memory whole. */
function writeCsv(cols: Columns, file: string): void {
  const fd = openSync(file, "w");
  writeSync(fd, "cust,serial,amount\n");
  const CHUNK = 50_000;
  for (let start = 0; start < cols.ids.length; start += CHUNK) {
    let text = "";
    for (let i = start; i < Math.min(start + CHUNK, cols.ids.length); i++) text += `${cols.ids[i]},${cols.dates[i]},${cols.amounts[i]}\n`;
    writeSync(fd, text);
  }
  closeSync(fd);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** pandas fills cells beyond the window with 0; CXM leaves them null. Compares the observed cells. */
function checkCohort(cols: Columns, counts: number[][]): void {
  const t = cohortTable(cols.ids, cols.dates, null, { period: "month", output: "count" });
  if (t.cohorts.length !== counts.length) throw new Error(`cohort rows differ: ${t.cohorts.length} vs pandas ${counts.length}`);
  t.matrix.forEach((row, i) => {
    for (let k = 0; k < t.observed[i]; k++) {
      if (row[k] !== counts[i][k]) throw new Error(`cohort cell (${i}, ${k}) differs: ${row[k]} vs pandas ${counts[i][k]}`);
    }
  });
}

function checkMrr(cols: Columns, p: Record<string, number[]>): void {
  const months = mrrMovements(cols.ids, cols.dates, cols.amounts);
  const fields = { start: "startMrr", new: "newMrr", expansion: "expansion", contraction: "contraction", churn: "churn", reactivation: "reactivation", end: "endMrr" } as const;
  for (const [py, ts] of Object.entries(fields)) {
    months.forEach((m, i) => {
      if (!close(m[ts], p[py][i])) throw new Error(`MRR ${py} in month ${i} differs: ${m[ts]} vs pandas ${p[py][i]}`);
    });
  }
}

function runPandas(kind: Kind, cols: Columns): { ms: number; version: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "cxm-engines-"));
  try {
    const file = path.join(dir, "rows.csv");
    writeCsv(cols, file);
    const r = spawnSync(PYTHON, [SCRIPT, kind, file, String(PANDAS_RUNS)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`pandas script failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { pandas: string; median_ms: number; result: Record<string, unknown> };
    if (kind === "cohort") checkCohort(cols, out.result.counts as number[][]);
    else checkMrr(cols, out.result as Record<string, number[]>);
    return { ms: out.median_ms, version: out.pandas };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One (engine, size) case, in this process. */
async function runCase(kind: Kind, rows: number, withPandas: boolean): Promise<CaseResult> {
  let cols: Columns | null = kind === "cohort" ? purchaseLog(rows) : subscriptionRows(rows);
  const customers = cols.customers;
  const flat = cols;
  const coreMs = await time(() => (kind === "cohort" ? cohortTable(flat.ids, flat.dates, null, { period: "month" }) : mrrMovements(flat.ids, flat.dates, flat.amounts)), RUNS);
  const pandas = withPandas ? runPandas(kind, cols) : null;
  // From here on only the Excel-shaped ranges are alive, as in Excel's runtime.
  const ids = excelColumn(cols.ids), dates = excelColumn(cols.dates);
  const amounts = kind === "mrr" ? excelColumn(cols.amounts) : null;
  cols = null;
  const functionMs = await time(
    () => (kind === "cohort" ? cohort(ids, dates, undefined, "month", null, null, undefined) : mrrmovements(ids, dates, amounts!, undefined)),
    RUNS,
  );
  return { kind, rows, customers, functionMs, coreMs, pandasMs: pandas?.ms ?? null, pandasVersion: pandas?.version ?? null, peakMb: peakRssMb() };
}

function runCaseInChild(kind: Kind, rows: number, withPandas: boolean): CaseResult {
  const args = ["--import", "tsx", "--expose-gc", __filename, "--case", kind, String(rows), withPandas ? "pandas" : "no-pandas"];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`case ${kind} ${rows} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as CaseResult;
}

function line(r: CaseResult, pandasMissing: string | null): string {
  const baseline =
    r.pandasMs === null
      ? `pandas: NOT MEASURED, ${pandasMissing}`
      : `pandas ${r.pandasVersion} ${fmt(r.pandasMs)} (same result) -> CXM function ${(r.pandasMs / r.functionMs).toFixed(2)}x faster`;
  return (
    `${r.rows.toLocaleString("en-US")} rows, ${r.customers.toLocaleString("en-US")} customers: function ${fmt(r.functionMs)}, ` +
    `core ${fmt(r.coreMs)}; ${baseline}; peak RSS ${r.peakMb.toFixed(0)} MB`
  );
}

async function main() {
  const at = process.argv.indexOf("--case");
  if (at >= 0) {
    const [kind, rows, pandas] = process.argv.slice(at + 1);
    console.log(JSON.stringify(await runCase(kind as Kind, Number(rows), pandas === "pandas")));
    return;
  }
  const pandasMissing = pandasMissingReason();
  const titles: Record<Kind, string> = {
    cohort: "CXM.COHORT, monthly, customers measure",
    mrr: "CXM.MRRMOVEMENTS",
  };
  for (const kind of ["cohort", "mrr"] as const) {
    const lines = SIZES.map((n) => line(runCaseInChild(kind, n, pandasMissing === null), pandasMissing));
    report(`${titles[kind]} (median of ${RUNS}; pandas median of ${PANDAS_RUNS}; each size in its own process)`, lines);
  }
  report("Targets at 1,000,000 rows", ["median <= 1000 ms, faster than pandas, peak RSS <= 400 MB (node + tsx alone take ~90 MB)"]);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
