/**
 * The CDNOW sample transaction log (test/fixtures/cdnow/CDNOW_sample.txt, see
 * SOURCES.md there): customer id, sample id, date YYYYMMDD, CDs, dollars; one
 * row per transaction, 6,919 rows for 2,357 customers. Customers are named by
 * their sample id (1 … 2,357), the ID of the published summaries, as BTYD's
 * walkthrough reads them (cust.idx = 2).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { serialFromParts } from "../../../src/metrics/dates";

export function loadCdnowLog(): { ids: string[]; dates: Float64Array; amounts: Float64Array } {
  const text = readFileSync(path.resolve(__dirname, "../../fixtures/cdnow/CDNOW_sample.txt"), "utf8");
  const lines = text.trim().split(/\r?\n/);
  const ids: string[] = [];
  const dates = new Float64Array(lines.length), amounts = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const [, sampleId, ymd, , dollars] = line.trim().split(/\s+/);
    ids.push(String(Number(sampleId)));
    dates[i] = serialFromParts(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)), Number(ymd.slice(6, 8)));
    amounts[i] = Number(dollars);
  });
  return { ids, dates, amounts };
}

/** Fader, Hardie & Lee's split: calibration to the end of week 39 (1997-09-30), holdout to week 78 (1998-06-30). */
export const CUTOFF = serialFromParts(1997, 9, 30);
export const END = serialFromParts(1998, 6, 30);
