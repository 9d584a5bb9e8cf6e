/**
 * Retention models and holdout validation: sBG and BdW fits (Fader & Hardie's
 * high-end cohort; a 10-year monthly triangle of 120 cohorts; one cohort over
 * 100,000 periods), DEL/DERL, and the CDNOW calibration/holdout split,
 * tracking and CLV bootstrap. Baseline in the same run: one log-likelihood
 * evaluation (a fit's cost reads as "N evaluations") and one BG/NBD fit (a
 * bootstrap replicate is two fits and the CLVs).
 */
import { fitBgnbd } from "../src/metrics/clv/bgnbd-fit";
import { bootstrapClv } from "../src/metrics/holdout/clv-bootstrap";
import { conditionalExpectations } from "../src/metrics/holdout/conditional";
import { calibrationHoldout } from "../src/metrics/holdout/split";
import { cumulativeTracking } from "../src/metrics/holdout/tracking";
import { bdwSurvival } from "../src/metrics/retention/bdw";
import { fitBdw } from "../src/metrics/retention/bdw-fit";
import { sbgSurvivalCurve } from "../src/metrics/retention/sbg";
import { fitSbg, sbgLogLikelihood } from "../src/metrics/retention/sbg-fit";
import { sbgDel, sbgDerl } from "../src/metrics/retention/sbg-value";
import { loadCdnow } from "../test/metrics/clv/cdnow";
import { CUTOFF, END, loadCdnowLog } from "../test/metrics/holdout/cdnow-log";
import { fmt, peakRssMb, report, time } from "./harness";

const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491];
const FHL = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

async function main() {
  const high = await time("sBG fit, high end", () => fitSbg([HIGH_END]), 21);
  const highEval = await time("sBG log-likelihood, high end", () => sbgLogLikelihood({ alpha: 0.668, beta: 3.806 }, [HIGH_END]), 21);
  const curve = sbgSurvivalCurve({ alpha: 0.8, beta: 2.6 }, 120);
  const triangle = Array.from({ length: 120 }, (_, k) => Array.from(curve.subarray(0, 121 - k), (s) => Math.round(5000 * s)));
  const tri = await time("sBG fit, 120-cohort triangle", () => fitSbg(triangle), 11);
  const long = [Array.from(sbgSurvivalCurve({ alpha: 1.3, beta: 4 }, 100_000), (s) => 1e9 * s)];
  const longFit = await time("sBG fit, 100,000 periods", () => fitSbg(long), 3, 1);
  const bdw = await time("BdW fit, high end", () => fitBdw([HIGH_END]), 11);
  const bdwTriangle = Array.from({ length: 120 }, (_, k) => Array.from({ length: 121 - k }, (_t, t) => Math.round(5000 * bdwSurvival({ alpha: 1.2, beta: 3.5, c: 0.8 }, t))));
  const bdwTri = await time("BdW fit, 120-cohort triangle", () => fitBdw(bdwTriangle), 5, 1);
  const del = await time("DEL + DERL(100), d = 0.01", () => sbgDel({ alpha: 0.668, beta: 3.806 }, 0.01) + sbgDerl({ alpha: 0.668, beta: 3.806 }, 0.01, 100), 21);

  const log = loadCdnowLog();
  const split = await time("CDNOW split (6,919 rows)", () => calibrationHoldout(log.ids, log.dates, { cutoff: CUTOFF, end: END }), 11);
  const s = calibrationHoldout(log.ids, log.dates, { cutoff: CUTOFF, end: END });
  const cond = await time("conditional expectations", () => conditionalExpectations(FHL, s), 11);
  const track = await time("78-week tracking", () => cumulativeTracking(FHL, s), 11);
  const cdnow = loadCdnow();
  const oneFit = await time("BG/NBD fit, CDNOW (baseline)", () => fitBgnbd(cdnow), 7);
  const boot = await time("CLV bootstrap, 50 resamples", () => bootstrapClv(cdnow, { clv: { periods: 52, discountRate: 0.0019, margin: 1 }, replicates: 50, top: 10 }), 3, 0);

  report("Retention and holdout", [
    `sBG fit, Fader & Hardie high end: ${fmt(high.medianMs)} (one log-likelihood ${fmt(highEval.medianMs)})`,
    `sBG fit, 120 monthly cohorts jointly: ${fmt(tri.medianMs)}; one cohort of 100,000 periods: ${fmt(longFit.medianMs)}`,
    `BdW fit, high end: ${fmt(bdw.medianMs)}; 120-cohort triangle: ${fmt(bdwTri.medianMs)}`,
    `DEL + DERL(100 renewals) at 1 %: ${fmt(del.medianMs)}`,
    `CDNOW 39+39 split: ${fmt(split.medianMs)}; conditional expectations ${fmt(cond.medianMs)}; tracking ${fmt(track.medianMs)}`,
    `CLV bootstrap, 50 resamples of 2,357 customers: ${fmt(boot.medianMs)} (one BG/NBD fit ${fmt(oneFit.medianMs)})`,
    `peak memory ${peakRssMb().toFixed(0)} MB`,
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
