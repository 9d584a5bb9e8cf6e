import { divisionByZero, invalidInput } from "./errors";

/**
 * Customer Satisfaction score (CSAT): the share of responses at or above
 * `satisfiedMin` — the "top-2-box" (4 and 5) on the usual 1–5 scale.
 * Returned as a fraction (format the cell as %).
 *
 * Reference: Delighted, "What is CSAT and how do you measure it?" — 74 of 107
 * responses scoring 4 or 5 give a CSAT of 69.2%.
 *
 * @param histogram counts of responses by score (index = score)
 * @example csatFromHistogram([0, 10, 8, 15, 40, 34], 4) // 74 / 107 = 0.6916
 */
export function csatFromHistogram(histogram: ArrayLike<number>, satisfiedMin = 4): number {
  if (!Number.isFinite(satisfiedMin)) throw invalidInput(`satisfied_min must be a number (got ${satisfiedMin}).`);
  let total = 0;
  let satisfied = 0;
  for (let score = 0; score < histogram.length; score++) {
    total += histogram[score];
    if (score >= satisfiedMin) satisfied += histogram[score];
  }
  if (total === 0) throw divisionByZero("There are no responses, so CSAT is undefined.");
  return satisfied / total;
}
