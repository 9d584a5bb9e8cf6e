/**
 * "How not to project customer retention": the curve fits an analyst reaches
 * for first — a linear, quadratic or exponential function of time fitted to
 * the survival curve by least squares — against the sBG, all projected past
 * the data. Fader & Hardie show the curves fit the calibration years well
 * (high R²) and then project badly, while the sBG projects within a few
 * points; this module computes both sides of that comparison.
 *
 * References: P. S. Fader, B. G. S. Hardie (2007), "How to Project Customer
 * Retention", Journal of Interactive Marketing 21(1), 76–90, §2 (the
 * regression fits of Berry & Linoff's data) and §5 (the sBG projections);
 * B. G. S. Hardie, "How Not to Project Customer Retention" (note 016,
 * brucehardie.com/notes/016).
 */
import { invalidInput, notAvailable } from "../errors";
import { fitSbg } from "./sbg-fit";
import { SbgParams, sbgSurvivalCurve } from "./sbg";

export type CurveKind = "linear" | "quadratic" | "exponential";
export const CURVE_KINDS: readonly CurveKind[] = ["linear", "quadratic", "exponential"];

export interface CurveFit {
  kind: CurveKind;
  /**
   * linear: [a, b] for a + b·t; quadratic: [a, b, c] for a + b·t + c·t²;
   * exponential: [a, b] for a·e^(b·t) (fitted as ln S = ln a + b·t).
   */
  coefficients: number[];
  /** R² of the least-squares fit on the scale fitted (ln S for the exponential, as Excel's trendline reports it). */
  rSquared: number;
}

/**
 * Least squares by modified Gram–Schmidt QR: the coefficients x minimising
 * ‖X x − y‖ for the columns of X (at most a few), and the fitted values.
 */
function leastSquares(columns: Float64Array[], y: Float64Array): { coefficients: number[]; fitted: Float64Array } {
  const k = columns.length;
  const n = y.length;
  const q = columns.map((c) => Float64Array.from(c));
  const r = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < j; i++) {
      let dot = 0;
      for (let m = 0; m < n; m++) dot += q[i][m] * q[j][m];
      r[i * k + j] = dot;
      for (let m = 0; m < n; m++) q[j][m] -= dot * q[i][m];
    }
    let norm = 0;
    for (let m = 0; m < n; m++) norm += q[j][m] * q[j][m];
    norm = Math.sqrt(norm);
    r[j * k + j] = norm;
    for (let m = 0; m < n; m++) q[j][m] /= norm;
  }
  const qty = q.map((col) => col.reduce((s, v, m) => s + v * y[m], 0));
  const x = new Array<number>(k).fill(0);
  for (let j = k - 1; j >= 0; j--) {
    let v = qty[j];
    for (let i = j + 1; i < k; i++) v -= r[j * k + i] * x[i];
    x[j] = v / r[j * k + j];
  }
  const fitted = new Float64Array(n);
  for (let m = 0; m < n; m++) for (let j = 0; j < k; j++) fitted[m] += x[j] * columns[j][m];
  return { coefficients: x, fitted };
}

function rSquared(y: Float64Array, fitted: Float64Array): number {
  let mean = 0;
  for (const v of y) mean += v / y.length;
  let residual = 0, total = 0;
  for (let m = 0; m < y.length; m++) {
    residual += (y[m] - fitted[m]) ** 2;
    total += (y[m] - mean) ** 2;
  }
  return total === 0 ? 1 : 1 - residual / total;
}

/**
 * Fits one curve to a survival curve S(0), S(1), …, S(n) (shares or counts)
 * by least squares against t = 0, 1, …, n.
 *
 * @example fitSurvivalCurve("linear", [1, 0.8, 0.6]).coefficients[1] // -0.2
 */
export function fitSurvivalCurve(kind: CurveKind, survival: ArrayLike<number>): CurveFit {
  if (!CURVE_KINDS.includes(kind)) throw invalidInput(`The curve must be one of ${CURVE_KINDS.join(", ")} (got ${kind}).`);
  const n = survival.length;
  const needed = kind === "quadratic" ? 3 : 2;
  if (n < needed) throw notAvailable(`A ${kind} curve needs at least ${needed} points of the survival curve (got ${n}).`);
  const t = Float64Array.from({ length: n }, (_, i) => i);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = survival[i];
    if (!Number.isFinite(s) || (kind === "exponential" ? s <= 0 : false)) {
      throw invalidInput(`Point ${i} of the survival curve is ${s}; ${kind === "exponential" ? "an exponential curve needs values above 0" : "it must be a number"}.`);
    }
    y[i] = kind === "exponential" ? Math.log(s) : s;
  }
  const ones = new Float64Array(n).fill(1);
  const columns = kind === "quadratic" ? [ones, t, t.map((v) => v * v)] : [ones, t];
  const { coefficients, fitted } = leastSquares(columns, y);
  const r2 = rSquared(y, fitted);
  return { kind, coefficients: kind === "exponential" ? [Math.exp(coefficients[0]), coefficients[1]] : coefficients, rSquared: r2 };
}

/**
 * The curve's value at t.
 *
 * @example curveValue({ kind: "exponential", coefficients: [1, Math.log(0.5)], rSquared: 1 }, 3) // 0.125
 */
export function curveValue(fit: CurveFit, t: number): number {
  const [a, b, c = 0] = fit.coefficients;
  if (fit.kind === "exponential") return a * Math.exp(b * t);
  return a + b * t + c * t * t;
}

export interface ProjectionComparison {
  /** Periods fitted: the curves and the sBG saw S(0) … S(fitPeriods). */
  fitPeriods: number;
  /** t = 0 … horizon. */
  t: Int32Array;
  /** Observed survival (share of the cohort) at each t, NaN beyond the data. */
  actual: Float64Array;
  sbg: Float64Array;
  sbgParams: SbgParams;
  curves: { fit: CurveFit; values: Float64Array }[];
}

/**
 * Fits the sBG and the three curves to the first `fitPeriods` periods of a
 * cohort's survivor counts (n_0 … n_fitPeriods) and projects all four to
 * `horizon`, as shares of the cohort, beside the observed shares where the
 * counts go on. Curves are not bounded: a line projects below 0, which is the
 * point of the comparison.
 *
 * @example projectionComparison([1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394], 7, 12).sbg[12] // 0.378…
 */
export function projectionComparison(survivors: ArrayLike<number>, fitPeriods: number, horizon: number): ProjectionComparison {
  if (!Number.isInteger(fitPeriods) || fitPeriods < 1) throw invalidInput(`The periods to fit must be a whole number of 1 or more (got ${fitPeriods}).`);
  if (fitPeriods >= survivors.length) {
    throw invalidInput(`There are survivor counts for ${survivors.length - 1} periods; cannot fit ${fitPeriods}.`);
  }
  if (!Number.isInteger(horizon) || horizon < fitPeriods) throw invalidInput(`The horizon must be a whole number of periods, at least the ${fitPeriods} fitted (got ${horizon}).`);
  const calibration = Array.from({ length: fitPeriods + 1 }, (_, i) => survivors[i]);
  const sbgParams = fitSbg([calibration]).params;
  const size = survivors[0];
  const shares = calibration.map((n) => n / size);
  const t = Int32Array.from({ length: horizon + 1 }, (_, i) => i);
  const actual = Float64Array.from(t, (i) => (i < survivors.length ? survivors[i] / size : NaN));
  const curves = CURVE_KINDS.map((kind) => {
    const fit = fitSurvivalCurve(kind, shares);
    return { fit, values: Float64Array.from(t, (i) => curveValue(fit, i)) };
  });
  return { fitPeriods, t, actual, sbg: sbgSurvivalCurve(sbgParams, horizon), sbgParams, curves };
}
