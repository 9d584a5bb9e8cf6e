import { divisionByZero, invalidInput } from "./errors";

/**
 * Customer Effort Score (CES): the mean response to "The company made it easy
 * for me to handle my issue" on the CES 2.0 scale (1 = strongly disagree …
 * 7 = strongly agree; higher is less effort), or the 1–5 scale of CES 1.0.
 *
 * Reference: M. Dixon, K. Freeman, N. Toman (2010), "Stop Trying to Delight
 * Your Customers", Harvard Business Review; Gartner, "Customer Effort Score".
 *
 * @param histogram counts of responses by score (index = score)
 * @example cesFromHistogram([0, 1, 0, 0, 0, 2, 3, 4]) // (1 + 10 + 18 + 28) / 10 = 5.7
 */
export function cesFromHistogram(histogram: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let score = 0; score < histogram.length; score++) {
    total += histogram[score];
    sum += score * histogram[score];
  }
  if (total === 0) throw divisionByZero("There are no responses, so CES is undefined.");
  return sum / total;
}

/**
 * The first score that counts as "agree" on a CES scale of `scaleMax` points:
 * 5–7 of 7 ("somewhat agree" or more) and 4–5 of 5.
 */
export function cesAgreeMin(scaleMax: number): number {
  if (scaleMax === 7) return 5;
  if (scaleMax === 5) return 4;
  throw invalidInput(`scale_max must be 5 or 7, the two CES scales (got ${scaleMax}).`);
}

/**
 * CES agreement rate: the share of responses in the top boxes ("somewhat agree"
 * or more: 5–7 on the 7-point scale, 4–5 on the 5-point scale), as a fraction.
 *
 * Reference: Gartner, "Customer Effort Score" (CES 2.0, 7-point agreement scale).
 *
 * @example cesAgreeFromHistogram([0, 1, 0, 0, 0, 2, 3, 4], 7) // 9 / 10 = 0.9
 */
export function cesAgreeFromHistogram(histogram: ArrayLike<number>, scaleMax = 7): number {
  const min = cesAgreeMin(scaleMax);
  let total = 0;
  let agree = 0;
  for (let score = 0; score < histogram.length; score++) {
    if (histogram[score] > 0 && score > scaleMax) {
      throw invalidInput(`A score of ${score} is above scale_max ${scaleMax}.`);
    }
    total += histogram[score];
    if (score >= min) agree += histogram[score];
  }
  if (total === 0) throw divisionByZero("There are no responses, so the CES agreement rate is undefined.");
  return agree / total;
}
