/**
 * The customer lifetime value template's build (validate, aggregate, sheets
 * plan), what its bootstrap costs, and its bound at Excel's row limit.
 * - CDNOW's 6,919 transactions (2,357 customers) with the holdout check and
 *   100 resamples, against the same build without ranges (the baseline in
 *   the same run: what the bootstrap adds);
 * - 1,048,575 rows of the seeded sample (about 225,000 customers, weekly):
 *   the bootstrap is held to BOOTSTRAP_BUDGET customers × resamples
 *   (aggregate.ts), so the build stays bounded; again with and without it.
 */
import { customerLifetimeValueParts as clv } from "../src/templates/customer-lifetime-value/descriptor";
import { sampleClvTransactions } from "../src/templates/customer-lifetime-value/sample";
import type { BuildInput } from "../src/templates/registry-types";
import { loadCdnowLog } from "../test/metrics/holdout/cdnow-log";
import { fmt, peakRssMb, report, time } from "./harness";

const EXCEL_DATA_ROWS = 1_048_575;

function input(rows: unknown[][], options: Record<string, string | number>): BuildInput {
  return {
    rows,
    mapping: { customer: 0, date: 1, amount: 2 },
    options,
    sourceLabel: "bench",
    builtAt: new Date("2025-01-15T09:30:00Z"),
    language: "en",
    surface: "cli",
  };
}

async function main() {
  const log = loadCdnowLog();
  const cdnow = log.ids.map((id, i) => [id, log.dates[i], log.amounts[i]]);
  const weekly = { timeUnit: "week", horizon: 52, discountRate: 0.002, margin: 1 };
  const base = await time("CDNOW, no ranges (baseline)", () => clv.build(input(cdnow, { ...weekly, resamples: 0 })), 3, 1);
  const boot = await time("CDNOW, 100 resamples", () => clv.build(input(cdnow, { ...weekly, resamples: 100 })), 3, 1);

  const big = sampleClvTransactions({ customers: 225_000, seed: 3 }).slice(1, 1 + EXCEL_DATA_ROWS);
  // Tens of seconds a build: one run each (the medians of several would take minutes).
  let built: ReturnType<typeof clv.build> | null = null;
  const bigBase = await time("1,048,575 rows, no ranges", () => clv.build(input(big, { ...weekly, resamples: 0 })), 1, 0);
  const bigBoot = await time("1,048,575 rows, ranges", () => (built = clv.build(input(big, { ...weekly, resamples: 100 }))), 1, 0);
  const agg = built!.agg;
  const customers = agg.rfm.ids.length;
  const made = agg.bootstrap ? agg.bootstrap.replicates + agg.bootstrap.failed : 0;

  report("Customer lifetime value template", [
    `CDNOW (6,919 rows, 2,357 customers, holdout check): ${fmt(base.medianMs)} without ranges, ${fmt(boot.medianMs)} with 100 resamples`,
    `${big.length.toLocaleString("en-US")} rows (${customers.toLocaleString("en-US")} customers): ${fmt(bigBase.medianMs)} without ranges, ${fmt(bigBoot.medianMs)} with ${made} resamples (100 asked)`,
    `peak memory ${peakRssMb().toFixed(0)} MB`,
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
