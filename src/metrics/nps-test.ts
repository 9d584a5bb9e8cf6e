import { divisionByZero } from "./errors";
import { NpsCounts, npsVariance } from "./nps";
import { adjustedCounts } from "./nps-interval";
import { twoSidedPValue } from "./normal";

export interface NpsComparison {
  /** Difference of the adjusted NPS values, a − b, in points. */
  difference: number;
  /** z statistic of the difference. */
  z: number;
  /** Two-sided p-value that the two NPS are equal. */
  pValue: number;
}

/**
 * Two-sample test that two Net Promoter Scores differ, on the adjusted-Wald
 * scale: z = (NPS'a − NPS'b) / √(Var'a/n'a + Var'b/n'b), p = 2·(1 − Φ(|z|)) = erfc(|z|/√2).
 * A group with no answers has no NPS: #DIV/0!, as CXM.NPS gives.
 * The samples are independent (different respondents).
 *
 * Reference: J. Sauro, "How to Compare Two Net Promoter Scores", MeasuringU
 * (2019); B. Rocks (2016), The American Statistician 70(4).
 *
 * @example compareNps({promoters: 60, passives: 20, detractors: 20}, {promoters: 40, passives: 30, detractors: 30}).pValue // 0.0102…
 */
export function compareNps(a: NpsCounts, b: NpsCounts): NpsComparison {
  for (const [name, c] of [["scores_a", a], ["scores_b", b]] as const) {
    if (c.promoters + c.passives + c.detractors === 0) throw divisionByZero(`${name} has no answers, so its NPS is undefined and there is nothing to compare.`);
  }
  const adjA = adjustedCounts(a);
  const adjB = adjustedCounts(b);
  const nA = adjA.promoters + adjA.passives + adjA.detractors;
  const nB = adjB.promoters + adjB.passives + adjB.detractors;
  const npsA = (adjA.promoters - adjA.detractors) / nA;
  const npsB = (adjB.promoters - adjB.detractors) / nB;
  const se = Math.sqrt(npsVariance(adjA) / nA + npsVariance(adjB) / nB);
  const z = (npsA - npsB) / se;
  return { difference: 100 * (npsA - npsB), z, pValue: twoSidedPValue(z) };
}
