/**
 * Survey functions: NPS (with its interval and test), eNPS, CSAT, CES.
 * Each is a thin adapter: read the Excel arguments -> src/metrics -> result.
 * They ask for their parameters' addresses so that an empty cell that Excel
 * desktop passes as 0 is not counted as a 0 score (see blank-zeros.ts).
 */
import { npsCountsFromHistogram, npsFromCounts, NpsCounts } from "../metrics/nps";
import { npsInterval } from "../metrics/nps-interval";
import { compareNps } from "../metrics/nps-test";
import { csatFromHistogram } from "../metrics/csat";
import { cesAgreeFromHistogram, cesFromHistogram } from "../metrics/ces";
import { invalidInput } from "../metrics/errors";
import { optionalNumber, requiredNumber } from "./support/args";
import { scoreHistogram } from "./support/blank-zeros";
import { excelError, excelResult, excelResultAsync } from "./support/excel-errors";
import { NPS_SCALE, ScoreScale } from "./support/score-range";

const CSAT_SCALE: ScoreScale = { min: 1, max: 10, description: "a whole number from 1 to 10" };
const CES_SCALE: ScoreScale = { min: 1, max: 7, description: "a whole number from 1 to 7" };

function addressOf(invocation: CustomFunctions.Invocation | undefined, index: number): string | null {
  return invocation?.parameterAddresses?.[index] ?? null;
}

async function npsCountsOf(scores: unknown, name: string, invocation: CustomFunctions.Invocation | undefined, index: number): Promise<NpsCounts> {
  return npsCountsFromHistogram(await scoreHistogram(scores, name, NPS_SCALE, addressOf(invocation, index)));
}

/**
 * Net Promoter Score of 0-10 answers, in points from -100 to 100: the share of promoters (9-10) minus the share of detractors (0-6).
 * @customfunction NPS
 * @param scores Answers from 0 to 10 to "How likely are you to recommend us?". Empty cells and text are skipped.
 * @param invocation Invocation (Excel fills it in).
 * @returns The NPS in points, -100 to 100.
 * @requiresParameterAddresses
 */
export async function nps(scores: any[][], invocation: CustomFunctions.Invocation): Promise<number> {
  return excelResultAsync(async () => npsFromCounts(await npsCountsOf(scores, "scores", invocation, 0)));
}

/**
 * Net Promoter Score from the number of promoters, passives and detractors, in points from -100 to 100.
 * @customfunction NPS.COUNTS
 * @param promoters Number of promoters (answers of 9 or 10).
 * @param passives Number of passives (answers of 7 or 8).
 * @param detractors Number of detractors (answers of 0 to 6).
 * @returns The NPS in points, -100 to 100.
 */
export function npsCounts(promoters: any, passives: any, detractors: any): number {
  return excelResult(() =>
    npsFromCounts({
      promoters: requiredNumber(promoters, "promoters"),
      passives: requiredNumber(passives, "passives"),
      detractors: requiredNumber(detractors, "detractors"),
    }),
  );
}

/**
 * Spills a table of promoters, passives and detractors with their count and share of all answers, and the total.
 * @customfunction NPS.BREAKDOWN
 * @param scores Answers from 0 to 10. Empty cells and text are skipped.
 * @param invocation Invocation (Excel fills it in).
 * @returns A 5x3 table: group, count, share.
 * @requiresParameterAddresses
 */
export async function npsBreakdown(scores: any[][], invocation: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const c = await npsCountsOf(scores, "scores", invocation, 0);
    const n = c.promoters + c.passives + c.detractors;
    // With no answers the shares are undefined, as =0/0 would be in Excel.
    const share = (k: number) => (n === 0 ? excelError("#DIV/0!") : k / n);
    return [
      ["Group", "Count", "Share"],
      ["Promoters", c.promoters, share(c.promoters)],
      ["Passives", c.passives, share(c.passives)],
      ["Detractors", c.detractors, share(c.detractors)],
      ["Total", n, share(n)],
    ];
  });
}

/**
 * Confidence interval of the NPS (adjusted Wald: Rocks 2016, MeasuringU), spilled as low and high, in points.
 * @customfunction NPS.CI
 * @param scores Answers from 0 to 10. Empty cells and text are skipped.
 * @param [confidence] Confidence level, 0.95 if omitted.
 * @param invocation Invocation (Excel fills it in).
 * @returns One row: low, high (points, -100 to 100).
 * @requiresParameterAddresses
 */
export async function npsCi(scores: any[][], confidence?: any, invocation?: CustomFunctions.Invocation): Promise<number[][]> {
  return excelResultAsync(async () => {
    const level = optionalNumber(confidence, "confidence", 0.95);
    const interval = npsInterval(await npsCountsOf(scores, "scores", invocation, 0), level);
    return [[interval.low, interval.high]];
  });
}

/**
 * Margin of error of the NPS in points (half the width of the adjusted-Wald confidence interval).
 * @customfunction NPS.MOE
 * @param scores Answers from 0 to 10. Empty cells and text are skipped.
 * @param [confidence] Confidence level, 0.95 if omitted.
 * @param invocation Invocation (Excel fills it in).
 * @returns Margin of error in points.
 * @requiresParameterAddresses
 */
export async function npsMoe(scores: any[][], confidence?: any, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excelResultAsync(async () => {
    const level = optionalNumber(confidence, "confidence", 0.95);
    return npsInterval(await npsCountsOf(scores, "scores", invocation, 0), level).marginOfError;
  });
}

/**
 * Two-sided p-value that two groups of respondents have different NPS (adjusted-Wald z test). Below 0.05 is the usual bar for a real difference.
 * @customfunction NPS.TEST
 * @param scores_a Answers from 0 to 10 of the first group.
 * @param scores_b Answers from 0 to 10 of the second group.
 * @param invocation Invocation (Excel fills it in).
 * @returns The p-value, 0 to 1.
 * @requiresParameterAddresses
 */
export async function npsTest(scores_a: any[][], scores_b: any[][], invocation: CustomFunctions.Invocation): Promise<number> {
  return excelResultAsync(async () => {
    const a = await npsCountsOf(scores_a, "scores_a", invocation, 0);
    const b = await npsCountsOf(scores_b, "scores_b", invocation, 1);
    return compareNps(a, b).pValue;
  });
}

/**
 * Employee Net Promoter Score of 0-10 answers, in points from -100 to 100 (same rule as NPS).
 * @customfunction ENPS
 * @param scores Answers from 0 to 10 to "How likely are you to recommend working here?". Empty cells and text are skipped.
 * @param invocation Invocation (Excel fills it in).
 * @returns The eNPS in points, -100 to 100.
 * @requiresParameterAddresses
 */
export async function enps(scores: any[][], invocation: CustomFunctions.Invocation): Promise<number> {
  return excelResultAsync(async () => npsFromCounts(await npsCountsOf(scores, "scores", invocation, 0)));
}

/**
 * Customer satisfaction (CSAT): the share of answers at or above satisfied_min (4 and 5 on a 1-5 scale).
 * @customfunction CSAT
 * @param scores Satisfaction answers, whole numbers from 1 to 10 (usually 1-5). Empty cells and text are skipped.
 * @param [satisfied_min] Lowest answer that counts as satisfied, 4 if omitted.
 * @param invocation Invocation (Excel fills it in).
 * @returns CSAT as a fraction (format as %).
 * @requiresParameterAddresses
 */
export async function csat(scores: any[][], satisfied_min?: any, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excelResultAsync(async () => {
    const min = optionalNumber(satisfied_min, "satisfied_min", 4);
    if (min < CSAT_SCALE.min || min > CSAT_SCALE.max) throw invalidInput(`satisfied_min must be between 1 and 10 (got ${min}).`);
    return csatFromHistogram(await scoreHistogram(scores, "scores", CSAT_SCALE, addressOf(invocation, 0)), min);
  });
}

/**
 * Customer Effort Score (CES): the mean answer on the 1-7 "it was easy to handle my issue" scale (higher is easier).
 * @customfunction CES
 * @param scores Effort answers, whole numbers from 1 to 7 (or 1 to 5). Empty cells and text are skipped.
 * @param invocation Invocation (Excel fills it in).
 * @returns The mean effort score.
 * @requiresParameterAddresses
 */
export async function ces(scores: any[][], invocation: CustomFunctions.Invocation): Promise<number> {
  return excelResultAsync(async () => cesFromHistogram(await scoreHistogram(scores, "scores", CES_SCALE, addressOf(invocation, 0))));
}

/**
 * Share of CES answers that agree the experience was easy: 5-7 on a 7-point scale, 4-5 on a 5-point scale.
 * @customfunction CES.AGREE
 * @param scores Effort answers, whole numbers from 1 to scale_max. Empty cells and text are skipped.
 * @param [scale_max] 7 or 5, the top of the scale; 7 if omitted.
 * @param invocation Invocation (Excel fills it in).
 * @returns The agreement rate as a fraction (format as %).
 * @requiresParameterAddresses
 */
export async function cesAgree(scores: any[][], scale_max?: any, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excelResultAsync(async () => {
    const max = optionalNumber(scale_max, "scale_max", 7);
    return cesAgreeFromHistogram(await scoreHistogram(scores, "scores", CES_SCALE, addressOf(invocation, 0)), max);
  });
}
