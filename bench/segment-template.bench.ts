/**
 * The segment movement template at Excel's limit: 1,048,575 customers (a
 * full sheet under its header) from rows to a finished .xlsx buffer. The
 * plan is validation + reading the rows into coded columns (prepare, the one
 * place rows are read) + the matrices and summary + the sheet; its size does
 * not grow with the rows (S + 3 matrix rows), so the rows cost only their
 * reading. Baseline in the same run: the metrics core (segmentMatrix for
 * counts and values, segmentSummary) on ready columns of the same rows.
 */
import { segmentMatrix, segmentSummary } from "../src/metrics/segment-matrix";
import type { BuildInput } from "../src/templates/registry-types";
import { segmentMovementTemplate } from "../src/templates/segment-movement/descriptor";
import { SAMPLE_TIERS, sampleSnapshots } from "../src/templates/segment-movement/sample";
import { writePlanToBuffer } from "../src/xlsx/write-plan";
import { fmt, peakRssMb, report, time } from "./harness";

const ROWS = 1_048_575;

async function main() {
  const rows = sampleSnapshots({ customers: ROWS, seed: 11 }).slice(1);
  if (rows.length !== ROWS) throw new Error(`only ${rows.length} customers generated`);
  const tiers = SAMPLE_TIERS.en;
  const input: BuildInput = {
    rows,
    mapping: { customer: 0, before: 1, after: 2, value: 3 },
    options: { segmentOrder: tiers.join(", ") },
    sourceLabel: `Sheet1!A1:D${ROWS + 1}`,
    builtAt: new Date("2025-01-15T09:30:00Z"),
    language: "en",
    surface: "taskpane",
  };
  const before = rows.map((r) => (r[1] === "" ? null : (r[1] as string)));
  const after = rows.map((r) => (r[2] === "" ? null : (r[2] as string)));
  const values = rows.map((r) => r[3] as number);

  const core = await time("core on ready columns", () => {
    segmentMatrix(before, after);
    segmentMatrix(before, after, values);
    segmentSummary(before, after, [...tiers]);
  }, 5, 1);
  const validate = await time("validate", () => segmentMovementTemplate.validate(input), 5, 1);
  const plan = await time("plan", () => segmentMovementTemplate.build(input), 5, 1);
  let bytes = 0;
  const xlsx = await time(
    ".xlsx",
    async () => {
      bytes = (await writePlanToBuffer(segmentMovementTemplate.build(input))).buffer.length;
    },
    5,
    1,
  );
  report(`Segment movement template: ${ROWS.toLocaleString("en-US")} customers (Excel's row limit), ${tiers.length} tiers with values`, [
    `plan (validate + read into coded columns + matrices + sheet): ${fmt(plan.medianMs)} median of ${plan.runs}`,
    `  of which validate (read + check rows): ${fmt(validate.medianMs)}; baseline core (2 x segmentMatrix + segmentSummary) on ready columns: ${fmt(core.medianMs)}`,
    `whole .xlsx (plan + ExcelJS + charts): ${fmt(xlsx.medianMs)} median of ${xlsx.runs}; ${(bytes / 1024).toFixed(1)} KB`,
    `peak RSS ${peakRssMb().toFixed(0)} MB (the rows themselves included)`,
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
