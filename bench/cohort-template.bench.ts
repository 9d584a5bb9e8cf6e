/**
 * The cohort retention template from 200,000 transactions to a finished
 * .xlsx buffer: the plan (validation, grouping by src/metrics/cohort.ts and
 * the sheet's cells; target < 2 s) and the whole file (plan + ExcelJS +
 * chart parts). Rows arrive as Excel hands them over (dates as serials) and,
 * for comparison in the same run, as a CSV gives them (dates as ISO text).
 * Baseline in the same run: cohortTable alone on the same columns, the
 * grouping the plan cannot avoid.
 */
import { cohortTable } from "../src/metrics/cohort";
import { cohortRetentionTemplate } from "../src/templates/cohort-retention/descriptor";
import type { BuildInput } from "../src/templates/registry-types";
import { sampleTransactionLog } from "../src/templates/sample-transactions";
import { cellCount } from "../src/workbook/plan";
import { writePlanToBuffer } from "../src/xlsx/write-plan";
import { fmt, peakRssMb, report, time } from "./harness";

const TARGET_ROWS = 200_000;

function isoOf(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

async function main() {
  // About 86 rows per new customer a month at the sample's defaults: scale the batch to just over 200k rows,
  // then keep the first 200k (the log is sorted by date, so only the last days are trimmed).
  const log = sampleTransactionLog({ newPerMonth: 2350, seed: 7 }).slice(0, TARGET_ROWS);
  if (log.length < TARGET_ROWS) throw new Error(`only ${log.length} transactions generated`);
  const rows = log.map((t) => [t.customer, t.date, t.amount]);
  const isoRows = log.map((t) => [t.customer, isoOf(t.date), t.amount]);
  const input = (r: unknown[][]): BuildInput => ({
    rows: r,
    mapping: { customer: 0, date: 1, amount: 2 },
    options: { period: "month", measure: "both" },
    sourceLabel: `Sheet1!A1:C${r.length + 1}`,
    builtAt: new Date("2025-01-15T09:30:00Z"),
    language: "en",
    surface: "taskpane",
  });

  const plan = cohortRetentionTemplate.build(input(rows));
  const ids = log.map((t) => t.customer), dates = log.map((t) => t.date), amounts = log.map((t) => t.amount);
  const core = await time("cohortTable x2 (customers + revenue)", () => {
    cohortTable(ids, dates, null, { output: "count" });
    cohortTable(ids, dates, amounts, { measure: "revenue", output: "count" });
  });
  const planTime = await time("plan (serial dates)", () => cohortRetentionTemplate.build(input(rows)));
  const isoPlanTime = await time("plan (ISO text dates)", () => cohortRetentionTemplate.build(input(isoRows)));
  const validateTime = await time("validate only", () => cohortRetentionTemplate.validate(input(rows)));
  let bytes = 0;
  const xlsx = await time(
    ".xlsx",
    async () => {
      const written = await writePlanToBuffer(cohortRetentionTemplate.build(input(rows)));
      bytes = written.buffer.length;
    },
    5,
    1,
  );
  const customers = new Set(ids).size;
  const cohorts = cohortTable(ids, dates, null, { output: "count" }).cohorts.length;
  report(`Cohort retention template: ${TARGET_ROWS.toLocaleString("en-US")} transactions, ${customers.toLocaleString("en-US")} customers, ${cohorts} monthly cohorts`, [
    `plan (validate + group + cells), serial dates: ${fmt(planTime.medianMs)} median of ${planTime.runs} (target < 2 s) — ${planTime.medianMs < 2000 ? "met" : "MISSED"}`,
    `plan, ISO text dates: ${fmt(isoPlanTime.medianMs)} median of ${isoPlanTime.runs}`,
    `  of which validate (read + check rows): ${fmt(validateTime.medianMs)}; baseline cohortTable x2 on ready columns: ${fmt(core.medianMs)}`,
    `whole .xlsx (plan + ExcelJS + charts): ${fmt(xlsx.medianMs)} median of ${xlsx.runs}; ${(bytes / 1024).toFixed(1)} KB, ${cellCount(plan).toLocaleString("en-US")} cells written`,
    `peak RSS ${peakRssMb().toFixed(0)} MB`,
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
