/**
 * CXM.CUSTOMERGROWTH (monthly, the defaults: lost after 12 months, values
 * over 12) and CXM.INCIDENTLOSS at 100k, 300k and 1,048,576 rows, called as
 * Excel calls them (ranges as arrays of one-cell rows). Baselines in the same
 * run: CXM.COHORT on the same ranges (one grouping of the same rows), and
 * pandas computing the same ten columns in a child process (Debian's
 * /usr/bin/python3 with python3-pandas), whose result is checked against
 * CXM's before its time is reported. Targets at 1,048,576 rows: median at most
 * 1 s, faster than pandas, peak memory at most 400 MB.
 *
 * Each (engine, size) runs in a fresh Node process (this file with `--case`),
 * so its peak RSS is its own.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { installCustomFunctionsStub } from "../test/support/custom-functions-stub";
import { customerGrowth } from "../src/metrics/growth/customer-growth";
import { incidentLoss } from "../src/metrics/growth/incident-loss";
import { seededRandom } from "../src/metrics/random";
import { Columns, excelColumn, purchaseLog } from "./engines-data";
import { fmt, median, peakRssMb, report } from "./harness";

installCustomFunctionsStub();
const { customergrowth, incidentloss } = require("../src/functions/growth") as typeof import("../src/functions/growth");
const { cohort } = require("../src/functions/cohorts") as typeof import("../src/functions/cohorts");

type Kind = "growth" | "incidents";
const SIZES = [100_000, 300_000, 1_048_576];
const RUNS = 7;
const PANDAS_RUNS = 5;
const PYTHON = "/usr/bin/python3";
const SCRIPT = path.join(__dirname, "growth_pandas.py");
const LOST_AFTER = 12, VALUE_WINDOW = 12;

interface CaseResult {
  kind: Kind;
  rows: number;
  customers: number;
  functionMs: number;
  coreMs: number;
  cohortMs: number;
  pandasMs: number | null;
  pandasVersion: string | null;
  peakMb: number;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median of `runs` calls after 2 warm-ups, with a full GC before each call (outside the timing). */
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

function pandasMissingReason(): string | null {
  const probe = spawnSync(PYTHON, ["-c", "import pandas"], { encoding: "utf8" });
  if (probe.error) return `${PYTHON} not found`;
  if (probe.status !== 0) return `${PYTHON} has no pandas (apt-get install -y python3-pandas)`;
  return null;
}

function writeCsv(cols: Columns, file: string): void {
  const fd = openSync(file, "w");
  writeSync(fd, "cust,serial,amount\n");
  for (let start = 0; start < cols.ids.length; start += 50_000) {
    let text = "";
    for (let i = start; i < Math.min(start + 50_000, cols.ids.length); i++) text += `${cols.ids[i]},${cols.dates[i]},${cols.amounts[i]}\n`;
    writeSync(fd, text);
  }
  closeSync(fd);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

function runPandas(cols: Columns): { ms: number; version: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "cxm-growth-"));
  try {
    const file = path.join(dir, "rows.csv");
    writeCsv(cols, file);
    const r = spawnSync(PYTHON, [SCRIPT, file, String(LOST_AFTER), String(VALUE_WINDOW), String(PANDAS_RUNS)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`pandas script failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { pandas: string; median_ms: number; result: Record<string, number[]> };
    const rows = customerGrowth(cols.ids, cols.dates, cols.amounts, { lostAfter: LOST_AFTER, valueWindow: VALUE_WINDOW }).rows;
    const fields = { start: "customersAtStart", new: "newCustomers", reactivated: "reactivated", lost: "lost", end: "customersAtEnd", value_new: "newValue", value_lost: "lostValue" } as const;
    for (const [py, ts] of Object.entries(fields)) {
      if (out.result[py].length !== rows.length) throw new Error(`pandas gives ${out.result[py].length} months, CXM ${rows.length}`);
      rows.forEach((row, i) => {
        if (!close(row[ts] as number, out.result[py][i])) throw new Error(`${py} in month ${i} differs: ${row[ts]} vs pandas ${out.result[py][i]}`);
      });
    }
    return { ms: out.median_ms, version: out.pandas };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Incidents for a tenth of the rows: random customers and days of the log (some ids unknown). */
function incidentsFor(cols: Columns): { ids: string[]; dates: Float64Array } {
  const rand = seededRandom(5);
  const m = Math.floor(cols.ids.length / 10);
  const ids = new Array<string>(m), dates = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const row = Math.floor(rand() * cols.ids.length);
    ids[i] = rand() < 0.02 ? `unknown ${i}` : cols.ids[row];
    dates[i] = cols.dates[row] + Math.floor(rand() * 30);
  }
  return { ids, dates };
}

async function runCase(kind: Kind, rows: number, withPandas: boolean): Promise<CaseResult> {
  let cols: Columns | null = purchaseLog(rows);
  const customers = cols.customers;
  const flat = cols;
  const incidents = kind === "incidents" ? incidentsFor(flat) : null;
  const coreMs = await time(
    () =>
      kind === "growth"
        ? customerGrowth(flat.ids, flat.dates, flat.amounts, { lostAfter: LOST_AFTER, valueWindow: VALUE_WINDOW })
        : incidentLoss(flat.ids, flat.dates, incidents!.ids, incidents!.dates, null, { lostAfterDays: 90 }),
    RUNS,
  );
  const pandas = withPandas && kind === "growth" ? runPandas(cols) : null;
  // From here on only the Excel-shaped ranges are alive, as in Excel's runtime.
  const ids = excelColumn(cols.ids), dates = excelColumn(cols.dates), amounts = excelColumn(cols.amounts);
  const incIds = incidents ? excelColumn(incidents.ids) : null, incDates = incidents ? excelColumn(incidents.dates) : null;
  cols = null;
  const functionMs = await time(
    () => (kind === "growth" ? customergrowth(ids, dates, amounts, "month", null, null) : incidentloss(ids, dates, incIds!, incDates!, null, 90)),
    RUNS,
  );
  const cohortMs = await time(() => cohort(ids, dates, undefined, "month", null, null, undefined), RUNS);
  return { kind, rows, customers, functionMs, coreMs, cohortMs, pandasMs: pandas?.ms ?? null, pandasVersion: pandas?.version ?? null, peakMb: peakRssMb() };
}

function runCaseInChild(kind: Kind, rows: number, withPandas: boolean): CaseResult {
  const args = ["--import", "tsx", "--expose-gc", __filename, "--case", kind, String(rows), withPandas ? "pandas" : "no-pandas"];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`case ${kind} ${rows} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as CaseResult;
}

function line(r: CaseResult, pandasMissing: string | null): string {
  const pandas =
    r.kind !== "growth"
      ? ""
      : r.pandasMs === null
        ? `; pandas: NOT MEASURED, ${pandasMissing}`
        : `; pandas ${r.pandasVersion} ${fmt(r.pandasMs)} (same ten columns) -> CXM function ${(r.pandasMs / r.functionMs).toFixed(2)}x faster`;
  return (
    `${r.rows.toLocaleString("en-US")} rows, ${r.customers.toLocaleString("en-US")} customers: function ${fmt(r.functionMs)}, core ${fmt(r.coreMs)}; ` +
    `CXM.COHORT on the same ranges ${fmt(r.cohortMs)}${pandas}; peak RSS ${r.peakMb.toFixed(0)} MB`
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
  report(
    `CXM.CUSTOMERGROWTH, monthly, lost after 12, values over 12 (median of ${RUNS}; pandas median of ${PANDAS_RUNS}; each size in its own process)`,
    SIZES.map((n) => line(runCaseInChild("growth", n, pandasMissing === null), pandasMissing)),
  );
  report(
    `CXM.INCIDENTLOSS, lost after 90 days, incidents for a tenth of the rows (median of ${RUNS}; each size in its own process)`,
    SIZES.map((n) => line(runCaseInChild("incidents", n, false), null)),
  );
  report("Targets at 1,048,576 rows", ["median <= 1000 ms, faster than pandas, peak RSS <= 400 MB (node + tsx alone take ~90 MB)"]);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
