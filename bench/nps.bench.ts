/**
 * CXM.NPS over a full Excel column (1,048,576 cells, shaped as Excel passes a
 * range: an array of one-element rows) against a bare loop over the same array
 * that only counts promoters and detractors. Target: at most 3x the bare loop.
 * Also reports the size of the functions bundle Excel downloads at start-up.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { installCustomFunctionsStub } from "../test/support/custom-functions-stub";
import { fmt, report, time } from "./harness";

installCustomFunctionsStub();
const { nps } = require("../src/functions/survey") as typeof import("../src/functions/survey");

const ROWS = 1_048_576;

function excelColumn(): number[][] {
  // A seeded mix of 1-10 answers (no zeros, so no blank check is needed).
  let seed = 42;
  const col: number[][] = new Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    col[i] = [1 + (seed % 10)];
  }
  return col;
}

function bareLoop(col: number[][]): number {
  let promoters = 0, detractors = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i][0];
    if (v >= 9) promoters++;
    else if (v <= 6) detractors++;
  }
  return (100 * (promoters - detractors)) / col.length;
}

async function main() {
  const col = excelColumn();
  const expected = bareLoop(col);
  const got = await nps(col, undefined as unknown as CustomFunctions.Invocation);
  if (Math.abs(got - expected) > 1e-9) throw new Error(`NPS mismatch: ${got} vs ${expected}`);
  const base = await time("bare loop", () => bareLoop(col), 15);
  const ours = await time("CXM.NPS", () => nps(col, undefined as unknown as CustomFunctions.Invocation), 15);
  const lines = [
    `1,048,576 cells: CXM.NPS ${fmt(ours.medianMs)} vs bare typed loop ${fmt(base.medianMs)} = ${(ours.medianMs / base.medianMs).toFixed(2)}x (target <= 3x), median of ${ours.runs}`,
  ];
  const bundle = path.join(__dirname, "..", "dist", "functions.js");
  if (existsSync(bundle)) {
    const raw = readFileSync(bundle);
    lines.push(`functions bundle: ${(raw.length / 1024).toFixed(1)} KB, ${(gzipSync(raw).length / 1024).toFixed(1)} KB gzipped (target <= 100 KB)`);
  } else {
    lines.push("functions bundle: run `npm run build` first to measure it");
  }
  report("CXM.NPS on a full column", lines);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
