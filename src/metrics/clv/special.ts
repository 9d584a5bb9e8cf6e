/**
 * Special functions the CLV models need beyond mathjs: the digamma function
 * (the derivative of log-gamma, for analytic gradients) and numerically safe
 * forms of log(1 + e^x) and the logistic function.
 */
import { lgamma } from "mathjs";

/** ln Γ(x) for x > 0 (mathjs). */
export function logGamma(x: number): number {
  return lgamma(x);
}

// Bernoulli-number coefficients of the asymptotic series ψ(x) ~ ln x − 1/(2x) − Σ B_2k / (2k x^2k).
const B2K_OVER_2K = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12];

/**
 * The digamma function ψ(x) = d/dx ln Γ(x), for x > 0: the recurrence
 * ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series, which at
 * x ≥ 10 is accurate to machine precision.
 *
 * Reference: M. Abramowitz, I. A. Stegun (1964), Handbook of Mathematical
 * Functions, 6.3.5 (recurrence) and 6.3.18 (asymptotic expansion).
 *
 * @example digamma(1) // -0.5772156649…
 */
export function digamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  let series = 0;
  let power = inv2;
  for (const c of B2K_OVER_2K) {
    series += c * power;
    power *= inv2;
  }
  return shift + Math.log(x) - 0.5 / x - series;
}

/**
 * log(1 + e^x) without overflow for large x or loss of precision for very negative x.
 *
 * @example softplus(0) // 0.6931471805…
 */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * The logistic function 1 / (1 + e^−x), safe for any x.
 *
 * @example logistic(0) // 0.5
 */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Gaps up to this are summed term by term; beyond, log-gamma and digamma differences are used. */
const DIRECT_GAP = 64;

/**
 * For a base u > 0 and whole numbers xs (sorted ascending, ≥ 0), writes
 * ln[Γ(u + x)/Γ(u)] = Σ_{k<x} ln(u + k) into logs and its derivative in u,
 * ψ(u + x) − ψ(u) = Σ_{k<x} 1/(u + k), into derivs. Walking up the sorted list
 * and adding only the new terms makes the common case (small frequencies)
 * cost a few logarithms per distinct value, and exact; a large jump uses the
 * gamma functions instead.
 */
export function logRisingFactorials(u: number, xs: Float64Array, logs: Float64Array, derivs: Float64Array): void {
  let at = 0;
  let sumLog = 0;
  let sumInv = 0;
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j];
    if (x - at > DIRECT_GAP) {
      sumLog = logGamma(u + x) - logGamma(u);
      sumInv = digamma(u + x) - digamma(u);
      at = x;
    }
    for (; at < x; at++) {
      sumLog += Math.log(u + at);
      sumInv += 1 / (u + at);
    }
    logs[j] = sumLog;
    derivs[j] = sumInv;
  }
}
