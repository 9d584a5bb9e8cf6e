import { divisionByZero, invalidInput, notComputable } from "./errors";

/** Respondents in each Net Promoter group. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * Net Promoter Score from group counts: (promoters − detractors) / total × 100,
 * in points from −100 to 100, as every survey tool reports it.
 * Promoters score 9–10, passives 7–8, detractors 0–6 on the 0–10
 * "How likely are you to recommend…" question.
 *
 * Reference: F. Reichheld (2003), "The One Number You Need to Grow",
 * Harvard Business Review 81(12).
 *
 * @example npsFromCounts({ promoters: 3, passives: 2, detractors: 1 }) // 33.333…
 */
export function npsFromCounts(counts: NpsCounts): number {
  const { promoters, passives, detractors } = validCounts(counts);
  for (const key of ["promoters", "passives", "detractors"] as const) {
    if (!Number.isInteger(counts[key])) throw notComputable(`${key} is ${counts[key]}: a count of respondents is a whole number.`);
  }
  const n = promoters + passives + detractors;
  if (n === 0) throw divisionByZero("There are no responses, so the NPS is undefined.");
  return (100 * (promoters - detractors)) / n;
}

/**
 * Groups a histogram of 0–10 scores (index = score) into NPS counts.
 *
 * @example npsCountsFromHistogram([1,0,0,0,0,0,0,2,0,3,0]) // { promoters: 3, passives: 2, detractors: 1 }
 */
export function npsCountsFromHistogram(histogram: ArrayLike<number>): NpsCounts {
  if (histogram.length !== 11) throw invalidInput("An NPS histogram has 11 entries, for scores 0 to 10.");
  let detractors = 0;
  for (let s = 0; s <= 6; s++) detractors += histogram[s];
  return { promoters: histogram[9] + histogram[10], passives: histogram[7] + histogram[8], detractors };
}

/**
 * Variance of the NPS (as a proportion difference, −1..1) for one respondent:
 * (p+ + p−) − (p+ − p−)², where p+ and p− are the promoter and detractor shares.
 *
 * Reference: B. Rocks (2016), "Interval Estimation for the 'Net Promoter Score'",
 * The American Statistician 70(4), 365–372; the NPS R package by the same author.
 *
 * @example npsVariance({ promoters: 3, passives: 2, detractors: 1 }) // 5/9
 */
export function npsVariance(counts: NpsCounts): number {
  const { promoters, passives, detractors } = validCounts(counts);
  const n = promoters + passives + detractors;
  if (n === 0) throw divisionByZero("There are no responses, so the NPS variance is undefined.");
  const pPlus = promoters / n;
  const pMinus = detractors / n;
  return pPlus + pMinus - (pPlus - pMinus) ** 2;
}

/**
 * Standard error of the NPS as a proportion difference: √(variance / n).
 *
 * @example npsStandardError({ promoters: 3, passives: 2, detractors: 1 }) // 0.3043…
 */
export function npsStandardError(counts: NpsCounts): number {
  const n = counts.promoters + counts.passives + counts.detractors;
  return Math.sqrt(npsVariance(counts) / n);
}

function validCounts(counts: NpsCounts): NpsCounts {
  for (const key of ["promoters", "passives", "detractors"] as const) {
    const v = counts[key];
    if (!Number.isFinite(v) || v < 0) throw invalidInput(`${key} must be a count of 0 or more (got ${v}).`);
  }
  return counts;
}
