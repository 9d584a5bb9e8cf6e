/**
 * Retention from your cohorts, as the sheet shows it: everything computed
 * here is what the sheet's formulas compute (their cached values), from the
 * metrics core's fits (src/metrics/retention): the sBG fitted jointly to the
 * cohorts' counts up to the end of the fit (fitSbg), the curves an analyst
 * would fit to the actual survival of the same periods (fitSurvivalCurve,
 * the pieces of projectionComparison), the constant churn a model without
 * heterogeneity fits to the same counts, and the discounted expected
 * lifetime the LTV uses (sbgDel: the sheet sums its series).
 *
 * The actual survival pools the cohorts as a life table does: S(t) =
 * S(t − 1) × (survivors at t) / (survivors at t − 1), both summed over the
 * cohorts observed t periods on; for one cohort it is n_t / n_0.
 */
import { CurveFit, CURVE_KINDS, curveValue, fitSurvivalCurve } from "../../metrics/retention/curve-fits";
import { SbgFit, fitSbg } from "../../metrics/retention/sbg-fit";
import { sbgDel } from "../../metrics/retention/sbg-value";
import { LtvCacInputs, RetentionAggregate, fittedPart } from "./aggregate";
import { MONTHS_PER_PERIOD } from "./strings";

/** The longest series the sheet sums for the discounted lifetime (rows below the printed area). */
export const MAX_LIFETIME_ROWS = 3000;
/** The series stops when what its geometric continuation may miss is below this share of the lifetime. */
const LIFETIME_TOLERANCE = 1e-10;

export interface RetentionModel {
  fit: SbgFit;
  monthsPerPeriod: number;
  /** Monthly rate compounded over the period: (1 + d)^months − 1. */
  periodDiscount: number;
  revenuePerPeriod: number;
  marginPerPeriod: number;
  /** The oldest cohort's age: actual[t] exists for t = 0 … periods. */
  periods: number;
  /** The oldest cohort's age at the end of the fit. */
  fitPeriods: number;
  /** Cohorts observed t periods on (the first observedAt[t] of the aggregate), t = 0 … periods. */
  observedAt: number[];
  /** Pooled actual survival over all counts, and over the counts fitted. */
  actual: number[];
  fittedActual: number[];
  /** The curves fitted to fittedActual (a kind is left out when it cannot be fitted, e.g. an exponential through 0). */
  curves: CurveFit[];
  /** Per cohort, over the periods fitted: customers lost, and customer-periods at risk. */
  lost: number[];
  atRisk: number[];
  /** Σ lost / Σ at risk: the maximum-likelihood churn of a model where every customer has the same churn. */
  constantChurn: number;
  /** Periods projected in the tables and charts: t = 0 … horizon. */
  horizon: number;
  sbgSurvival: number[];
  /** The discounted lifetime's series, t = 0 … last, then its continuation after `last`. */
  lifetime: { last: number; survival: number[]; discounted: number[]; tail: number };
  /** The sheet's discounted expected lifetime (its series summed), and the metrics core's (closed form). */
  lifetimeSbg: number | null;
  lifetimeExact: number | null;
  lifetimeConstant: number | null;
  ltvSbg: number | null;
  ltvConstant: number | null;
}

/** Pooled life-table survival of series of different lengths (oldest first), and the cohorts observed at each t. */
export function pooledSurvival(series: readonly number[][]): { survival: number[]; observedAt: number[] } {
  let periods = 0;
  for (const s of series) periods = Math.max(periods, s.length - 1);
  const survival = [1];
  const observedAt = [series.length];
  for (let t = 1; t <= periods; t++) {
    let now = 0, before = 0, m = 0;
    for (const s of series) {
      if (s.length <= t) continue;
      now += s[t];
      before += s[t - 1];
      m++;
    }
    observedAt.push(m);
    survival.push(before === 0 ? 0 : (survival[t - 1] * now) / before);
  }
  return { survival, observedAt };
}

/** The sBG survival S(0 … n) by the recursion the sheet writes: S(t) = S(t − 1)·(β + t − 1)/(α + β + t − 1). */
function sbgCurve(alpha: number, beta: number, n: number): number[] {
  const s = [1];
  for (let t = 1; t <= n; t++) s.push((s[t - 1] * (beta + t - 1)) / (alpha + beta + t - 1));
  return s;
}

/**
 * The series S(t)/(1 + d)^t summed to `last`, then continued geometrically
 * at the retention of period last + 1 (a lower bound of the rest, as r rises
 * towards 1); `last` grows until the gap to the upper bound, which continues
 * at r = 1, is negligible.
 */
function lifetimeSeries(alpha: number, beta: number, d: number, horizon: number): RetentionModel["lifetime"] {
  const survival = [1];
  const discounted = [1];
  let sum = 1;
  const z = 1 / (1 + d);
  for (let t = 1; ; t++) {
    survival.push((survival[t - 1] * (beta + t - 1)) / (alpha + beta + t - 1));
    discounted.push(survival[t] / Math.pow(1 + d, t));
    sum += discounted[t];
    if (t < horizon) continue;
    const q = ((beta + t) / (alpha + beta + t)) * z;
    const gap = d > 0 ? discounted[t] * (z / (1 - z) - q / (1 - q)) : Infinity;
    if (gap <= LIFETIME_TOLERANCE * sum || t >= MAX_LIFETIME_ROWS || d === 0) {
      const tail = d > 0 ? (discounted[t] * q) / (1 - q) : 0;
      return { last: t, survival, discounted, tail };
    }
  }
}

/** Horizon of the tables and charts: the data, and half as far again as the fit. */
function horizonOf(periods: number, fitPeriods: number): number {
  return Math.max(periods, Math.min(Math.ceil(1.5 * fitPeriods), fitPeriods + 60));
}

/**
 * The model of the sheet's cohort blocks. Throws the metrics core's error
 * when the sBG cannot be fitted (a MetricError with an English message).
 */
export function retentionModel(agg: RetentionAggregate, inputs: LtvCacInputs): RetentionModel {
  const fitted = agg.cohorts.map((c) => fittedPart(agg, c));
  const fit = fitSbg(fitted);
  const { alpha, beta } = fit.params;
  const monthsPerPeriod = MONTHS_PER_PERIOD[agg.period];
  const periodDiscount = Math.pow(1 + inputs.discountRate, monthsPerPeriod) - 1;
  const revenuePerPeriod = inputs.arpa * monthsPerPeriod;
  const marginPerPeriod = revenuePerPeriod * inputs.grossMargin;

  const all = pooledSurvival(agg.cohorts.map((c) => c.survivors));
  const calibration = pooledSurvival(fitted);
  const curves: CurveFit[] = [];
  for (const kind of CURVE_KINDS) {
    try {
      curves.push(fitSurvivalCurve(kind, calibration.survival));
    } catch {
      // An exponential through a survival of 0: that curve is not drawn.
    }
  }
  const lost = fitted.map((s) => s[0] - s[s.length - 1]);
  const atRisk = fitted.map((s) => s.slice(0, -1).reduce((a, b) => a + b, 0));
  const totalRisk = atRisk.reduce((a, b) => a + b, 0);
  const constantChurn = totalRisk === 0 ? 0 : lost.reduce((a, b) => a + b, 0) / totalRisk;

  const periods = all.survival.length - 1;
  const fitPeriods = calibration.survival.length - 1;
  const horizon = horizonOf(periods, fitPeriods);
  const lifetime = lifetimeSeries(alpha, beta, periodDiscount, horizon);
  const lifetimeSbg = periodDiscount === 0 ? (alpha > 1 ? (alpha + beta - 1) / (alpha - 1) : null) : lifetime.discounted.reduce((a, b) => a + b, 0) + lifetime.tail;
  let lifetimeExact: number | null = null;
  try {
    lifetimeExact = sbgDel(fit.params, periodDiscount);
  } catch {
    // Infinite without discounting when α ≤ 1.
  }
  const lifetimeConstant = constantChurn + periodDiscount === 0 ? null : (1 + periodDiscount) / (constantChurn + periodDiscount);
  return {
    fit,
    monthsPerPeriod,
    periodDiscount,
    revenuePerPeriod,
    marginPerPeriod,
    periods,
    fitPeriods,
    observedAt: all.observedAt,
    actual: all.survival,
    fittedActual: calibration.survival,
    curves,
    lost,
    atRisk,
    constantChurn,
    horizon,
    sbgSurvival: sbgCurve(alpha, beta, horizon),
    lifetime,
    lifetimeSbg,
    lifetimeExact,
    lifetimeConstant,
    ltvSbg: lifetimeSbg === null ? null : marginPerPeriod * lifetimeSbg,
    ltvConstant: lifetimeConstant === null ? null : marginPerPeriod * lifetimeConstant,
  };
}

/** A curve's projection at t = 0 … horizon. */
export function curveProjection(fit: CurveFit, horizon: number): number[] {
  return Array.from({ length: horizon + 1 }, (_, t) => curveValue(fit, t));
}
