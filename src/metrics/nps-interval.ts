import { divisionByZero } from "./errors";
import { NpsCounts, npsVariance } from "./nps";
import { zForConfidence } from "./normal";

/**
 * The adjusted-Wald NPS estimate: add 3/4 of a respondent to the promoters and
 * to the detractors (and so 3/2 to the passives: 3 to n) before computing the
 * shares. This keeps the interval's coverage near nominal even for small
 * samples and extreme scores, where the plain Wald interval collapses.
 *
 * Reference: B. Rocks (2016), The American Statistician 70(4); J. Sauro,
 * "Confidence Intervals for Net Promoter Scores", MeasuringU (2021).
 */
export function adjustedCounts(counts: NpsCounts): NpsCounts {
  return {
    promoters: counts.promoters + 0.75,
    passives: counts.passives + 1.5,
    detractors: counts.detractors + 0.75,
  };
}

export interface NpsInterval {
  /** Lower bound in points (−100..100). */
  low: number;
  /** Upper bound in points (−100..100). */
  high: number;
  /**
   * Half-width of the interval in points, before clipping to −100..100: when
   * the interval reaches ±100, low and high are clipped but this is not, so it
   * is then more than half of high − low.
   */
  marginOfError: number;
}

/**
 * Adjusted-Wald confidence interval for the NPS, in points:
 * NPS' ± z·√(Var' / n'), with NPS', Var' and n' = n + 3 from the adjusted counts,
 * clipped to −100..100.
 *
 * @example npsInterval({ promoters: 3, passives: 2, detractors: 1 }, 0.95)
 * // { low: -26.74…, high: 71.18…, marginOfError: 48.96… }
 */
export function npsInterval(counts: NpsCounts, confidence = 0.95): NpsInterval {
  const z = zForConfidence(confidence);
  // The adjustment adds 3 pseudo-respondents; with no real answer there is no NPS to bound (NPS itself is #DIV/0!).
  if (counts.promoters + counts.passives + counts.detractors === 0) {
    throw divisionByZero("There are no responses, so the NPS and its interval are undefined.");
  }
  const adj = adjustedCounts(counts);
  const n = adj.promoters + adj.passives + adj.detractors;
  const center = (adj.promoters - adj.detractors) / n;
  const halfWidth = z * Math.sqrt(npsVariance(adj) / n);
  return {
    low: 100 * Math.max(-1, center - halfWidth),
    high: 100 * Math.min(1, center + halfWidth),
    marginOfError: 100 * halfWidth,
  };
}
