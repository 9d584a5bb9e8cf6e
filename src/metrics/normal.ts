/* eslint-disable no-loss-of-precision -- AS 241 coefficients are kept exactly as Wichura published them. */
import erfc from "@stdlib/math-base-special-erfc";
import { invalidInput } from "./errors";

/**
 * Standard normal cumulative distribution function, Φ(x) = erfc(−x/√2) / 2.
 * Written with the complementary error function (stdlib's erfc, accurate to
 * a few ulps over the whole line) rather than (1 + erf(x/√2))/2, so that the
 * lower tail keeps its digits: Φ(−10) is 7.6e-24, not 0.
 *
 * @example normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * Two-sided p-value of a standard normal test statistic, 2·(1 − Φ(|z|)),
 * computed as erfc(|z|/√2): 1 − Φ would cancel to 0 from |z| ≈ 8.3 on, while
 * erfc keeps full relative precision down to about 1e-308 (|z| ≈ 37.5).
 *
 * @example twoSidedPValue(10) // 1.5239706048320866e-23
 */
export function twoSidedPValue(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/**
 * Standard normal quantile Φ⁻¹(p), Wichura's algorithm AS 241 (PPND16),
 * accurate to about 1e-16. Written here because mathjs has no inverse normal.
 *
 * Reference: M. J. Wichura (1988), "Algorithm AS 241: The Percentage Points of
 * the Normal Distribution", Applied Statistics 37(3), 477–484.
 *
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw invalidInput(`A probability strictly between 0 and 1 is needed (got ${p}).`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    x =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -x : x;
}

/** The z value of a two-sided interval at `confidence` (0.95 -> 1.96). */
export function zForConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw invalidInput(`confidence must be between 0 and 1, e.g. 0.95 (got ${confidence}).`);
  }
  return normalQuantile(0.5 + confidence / 2);
}
