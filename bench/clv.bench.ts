/**
 * Predictive CLV fits: BG/NBD and Gamma-Gamma on the 2,357 CDNOW customers
 * (test/fixtures/cdnow), and BG/NBD on 100,000 simulated customers.
 * Targets (issue 6): BG/NBD <= 200 ms, Gamma-Gamma <= 100 ms, 100k <= 5 s.
 * Baseline in the same run: one log-likelihood evaluation over the same
 * customers (with its gradient), so a fit's cost reads as "N evaluations".
 */
import { loadCdnow } from "../test/metrics/clv/cdnow";
import { bgnbdLogLikelihood, fitBgnbd } from "../src/metrics/clv/bgnbd-fit";
import { fitGammaGamma, gammaGammaLogLikelihood } from "../src/metrics/clv/gamma-gamma";
import { simulateBgnbd } from "../src/metrics/clv/simulate";
import { fmt, peakRssMb, report, time } from "./harness";

async function main() {
  const cdnow = loadCdnow();
  const bg = fitBgnbd(cdnow);
  const gg = fitGammaGamma(cdnow);
  const bgFit = await time("BG/NBD fit, CDNOW", () => fitBgnbd(cdnow), 15);
  const bgEval = await time("BG/NBD log-likelihood, CDNOW", () => bgnbdLogLikelihood(bg.params, cdnow), 15);
  const ggFit = await time("Gamma-Gamma fit, CDNOW", () => fitGammaGamma(cdnow), 15);
  const ggEval = await time("Gamma-Gamma log-likelihood, CDNOW", () => gammaGammaLogLikelihood(gg.params, cdnow), 15);

  // 100,000 customers observed 39 weeks with daily resolution, like CDNOW.
  const simulated = simulateBgnbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 100_000, 7, { minT: 27, maxT: 39, resolution: 1 / 7 });
  const big = await time("BG/NBD fit, 100k customers", () => fitBgnbd(simulated), 5, 1);
  const bigEval = await time("BG/NBD log-likelihood, 100k", () => bgnbdLogLikelihood(bg.params, simulated), 5, 1);
  const bigFit = fitBgnbd(simulated);

  report("Predictive CLV fits", [
    `BG/NBD fit on CDNOW (2,357 customers): ${fmt(bgFit.medianMs)} median of ${bgFit.runs} (target <= 200 ms); one log-likelihood ${fmt(bgEval.medianMs)}`,
    `  r ${bg.params.r.toFixed(4)}, alpha ${bg.params.alpha.toFixed(4)}, a ${bg.params.a.toFixed(4)}, b ${bg.params.b.toFixed(4)}, LL ${bg.logLikelihood.toFixed(2)} (published 0.243, 4.414, 0.793, 2.426, -9582.4)`,
    `Gamma-Gamma fit on CDNOW (946 repeat customers): ${fmt(ggFit.medianMs)} median of ${ggFit.runs} (target <= 100 ms); one log-likelihood ${fmt(ggEval.medianMs)}`,
    `  p ${gg.params.p.toFixed(3)}, q ${gg.params.q.toFixed(3)}, gamma ${gg.params.gamma.toFixed(3)} (published 6.25, 3.74, 15.44)`,
    `BG/NBD fit on 100,000 simulated customers: ${fmt(big.medianMs)} median of ${big.runs} (target <= 5 s); one log-likelihood ${fmt(bigEval.medianMs)}`,
    `  recovered r ${bigFit.params.r.toFixed(3)}, alpha ${bigFit.params.alpha.toFixed(3)}, a ${bigFit.params.a.toFixed(3)}, b ${bigFit.params.b.toFixed(3)} (simulated from 0.243, 4.414, 0.793, 2.426)`,
    `peak memory ${peakRssMb().toFixed(0)} MB`,
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
