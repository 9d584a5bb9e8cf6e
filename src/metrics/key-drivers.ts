/**
 * Key-driver analysis: how much of the variance of an outcome (NPS or CSAT
 * answers) each attribute rating explains, as a decomposition of the R² of
 * the linear regression of the outcome on all the drivers.
 *
 * - Johnson's relative weights (J. W. Johnson 2000, "A Heuristic Method for
 *   Estimating the Relative Weight of Predictor Variables in Multiple
 *   Regression", Multivariate Behavioral Research 35(1), 1–19): with Rxx = VΛV'
 *   the drivers' correlation matrix, Λ½ = VΛ^½V' relates the drivers to their
 *   closest orthogonal counterparts; β = (Λ½)⁻¹ rxy; weight_j = Σ_k (Λ½)²_jk β²_k.
 *   The weights sum to R². The R package rwa (Chan; Tonidandel & LeBreton 2015)
 *   computes the same.
 * - The Shapley value of R², also called LMG (Lindeman, Merenda & Gold 1980;
 *   Grömping 2006, "Relative Importance for Linear Regression in R: The Package
 *   relaimpo", J. Stat. Software 17(1)): each driver's increase in R² when it is
 *   added, averaged over all orders of entry; computed exactly over the 2^k
 *   subsets, each subset's R² from the one correlation matrix
 *   (R²(S) = r_S' R_SS⁻¹ r_S).
 *
 * Both work on the correlation matrix alone, computed once in one pass over
 * the rows (centred, so sums of large values stay exact).
 */
import { invalidInput, notComputable } from "./errors";

export type DriverMethod = "johnson" | "shapley";

export interface KeyDrivers {
  labels: string[];
  /** Raw relative weights; they sum to R². */
  weights: number[];
  /** weights ÷ R² (fractions summing to 1). */
  shares: number[];
  rSquared: number;
  /** Rows used. */
  rows: number;
  method: DriverMethod;
}

/** The most drivers Johnson's weights take (an eigen-decomposition of k×k). */
export const MAX_DRIVERS = 200;

/** The most drivers the exact Shapley decomposition takes (2^15 subsets). */
export const MAX_SHAPLEY_DRIVERS = 15;

/**
 * Pearson correlations of [outcome, ...drivers] (index 0 is the outcome), as a
 * (k+1)×(k+1) row-major matrix. A column with no variation is named in a #VALUE!.
 */
export function correlationMatrix(outcome: Float64Array, drivers: Float64Array[], labels: string[]): Float64Array {
  const columns = [outcome, ...drivers];
  const p = columns.length;
  const n = outcome.length;
  const means = columns.map((c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += c[i];
    return s / n;
  });
  const cross = new Float64Array(p * p);
  const centred = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) centred[a] = columns[a][i] - means[a];
    for (let a = 0; a < p; a++) {
      const x = centred[a];
      const row = a * p;
      for (let b = a; b < p; b++) cross[row + b] += x * centred[b];
    }
  }
  const sd = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    sd[a] = Math.sqrt(cross[a * p + a]);
    // Relative to the values' size: a column of 7s read as 7.000000000000001 is still constant.
    if (!(sd[a] > 1e-12 * Math.sqrt(n) * Math.max(1, Math.abs(means[a])))) {
      throw invalidInput(
        a === 0
          ? "The outcome has the same value in every row used, so there is nothing to explain."
          : `The driver "${labels[a - 1]}" has the same value in every row used, so its weight is undefined; remove it.`,
      );
    }
  }
  const r = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    r[a * p + a] = 1;
    for (let b = a + 1; b < p; b++) r[a * p + b] = r[b * p + a] = cross[a * p + b] / (sd[a] * sd[b]);
  }
  return r;
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix: cyclic Jacobi rotations. */
export function symmetricEigen(matrix: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let i = 0; i < k; i++) {
          const aip = a[i * k + p], aiq = a[i * k + q];
          a[i * k + p] = c * aip - s * aiq;
          a[i * k + q] = s * aip + c * aiq;
        }
        for (let i = 0; i < k; i++) {
          const api = a[p * k + i], aqi = a[q * k + i];
          a[p * k + i] = c * api - s * aqi;
          a[q * k + i] = s * api + c * aqi;
        }
        for (let i = 0; i < k; i++) {
          const vip = v[i * k + p], viq = v[i * k + q];
          v[i * k + p] = c * vip - s * viq;
          v[i * k + q] = s * vip + c * viq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = a[i * k + i];
  return { values, vectors: v };
}

/** The drivers' block Rxx and their correlations with the outcome rxy, from the full matrix. */
function blocks(r: Float64Array, k: number): { rxx: Float64Array; rxy: Float64Array } {
  const p = k + 1;
  const rxx = new Float64Array(k * k);
  const rxy = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    rxy[i] = r[i + 1];
    for (let j = 0; j < k; j++) rxx[i * k + j] = r[(i + 1) * p + j + 1];
  }
  return { rxx, rxy };
}

function collinear(labels: string[]): never {
  throw invalidInput(
    `The drivers (${labels.join(", ")}) are perfectly correlated with each other (one is a copy or a sum of others), so their weights cannot be told apart; remove the redundant column.`,
  );
}

/** Johnson (2000) relative weights from a correlation matrix (outcome first). */
export function johnsonWeights(r: Float64Array, labels: string[]): { weights: number[]; rSquared: number } {
  const k = labels.length;
  const { rxx, rxy } = blocks(r, k);
  const { values, vectors } = symmetricEigen(rxx, k);
  let largest = 0;
  for (const x of values) if (x > largest) largest = x;
  if (values.some((x) => !(x > 1e-10 * largest))) collinear(labels);
  // Λ½ = V diag(√λ) V'  and  (Λ½)⁻¹ = V diag(1/√λ) V'.
  const half = new Float64Array(k * k);
  const inverseHalf = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let h = 0, g = 0;
      for (let m = 0; m < k; m++) {
        const vv = vectors[i * k + m] * vectors[j * k + m];
        h += vv * Math.sqrt(values[m]);
        g += vv / Math.sqrt(values[m]);
      }
      half[i * k + j] = h;
      inverseHalf[i * k + j] = g;
    }
  }
  const beta = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let b = 0;
    for (let j = 0; j < k; j++) b += inverseHalf[i * k + j] * rxy[j];
    beta[i] = b;
  }
  const weights: number[] = [];
  let rSquared = 0;
  for (let j = 0; j < k; j++) {
    let w = 0;
    for (let m = 0; m < k; m++) w += half[j * k + m] ** 2 * beta[m] ** 2;
    weights.push(w);
    rSquared += beta[j] ** 2;
  }
  return { weights, rSquared };
}

/**
 * R² of the regression on each subset of drivers (bit j of the index = driver
 * j), from the correlation matrix: Cholesky of R_SS, then r_S' R_SS⁻¹ r_S.
 */
export function subsetRSquared(r: Float64Array, labels: string[]): Float64Array {
  const k = labels.length;
  const { rxx, rxy } = blocks(r, k);
  const out = new Float64Array(1 << k);
  const idx = new Int32Array(k);
  const l = new Float64Array(k * k);
  const y = new Float64Array(k);
  for (let mask = 1; mask < 1 << k; mask++) {
    let m = 0;
    for (let j = 0; j < k; j++) if (mask & (1 << j)) idx[m++] = j;
    // Cholesky R_SS = L L', then L y = r_S; R² = |y|².
    for (let i = 0; i < m; i++) {
      for (let j = 0; j <= i; j++) {
        let s = rxx[idx[i] * k + idx[j]];
        for (let t = 0; t < j; t++) s -= l[i * k + t] * l[j * k + t];
        if (i === j) {
          if (!(s > 1e-12)) collinear(labels);
          l[i * k + i] = Math.sqrt(s);
        } else l[i * k + j] = s / l[j * k + j];
      }
    }
    let r2 = 0;
    for (let i = 0; i < m; i++) {
      let s = rxy[idx[i]];
      for (let t = 0; t < i; t++) s -= l[i * k + t] * y[t];
      y[i] = s / l[i * k + i];
      r2 += y[i] * y[i];
    }
    out[mask] = r2;
  }
  return out;
}

/** Exact Shapley (LMG) decomposition of R² from a correlation matrix (outcome first). */
export function shapleyWeights(r: Float64Array, labels: string[]): { weights: number[]; rSquared: number } {
  const k = labels.length;
  if (k > MAX_SHAPLEY_DRIVERS) {
    throw invalidInput(`The exact Shapley decomposition takes at most ${MAX_SHAPLEY_DRIVERS} drivers (2^${k} subsets is too many); use method "johnson".`);
  }
  const r2 = subsetRSquared(r, labels);
  // Weight of a subset of size s not containing j: s!(k−s−1)!/k!.
  const factorial = [1];
  for (let i = 1; i <= k; i++) factorial.push(factorial[i - 1] * i);
  const weightOfSize = Array.from({ length: k }, (_, s) => (factorial[s] * factorial[k - s - 1]) / factorial[k]);
  const weights = new Array<number>(k).fill(0);
  const size = new Uint8Array(1 << k);
  for (let mask = 1; mask < 1 << k; mask++) size[mask] = size[mask >> 1] + (mask & 1);
  for (let mask = 0; mask < 1 << k; mask++) {
    const w = weightOfSize[size[mask]];
    if (w === undefined) continue;
    for (let j = 0; j < k; j++) {
      const bit = 1 << j;
      if (!(mask & bit)) weights[j] += w * (r2[mask | bit] - r2[mask]);
    }
  }
  return { weights, rSquared: r2[(1 << k) - 1] };
}

/**
 * Key drivers of `outcome` among `drivers` (columns of equal length, no
 * missing values: the caller leaves incomplete rows out).
 */
export function keyDrivers(outcome: Float64Array, drivers: Float64Array[], labels: string[], method: DriverMethod = "johnson"): KeyDrivers {
  const k = drivers.length;
  if (k === 0) throw invalidInput("Give at least one driver column.");
  if (k > MAX_DRIVERS) throw invalidInput(`At most ${MAX_DRIVERS} drivers can be compared (got ${k}).`);
  if (labels.length !== k) throw invalidInput(`${k} driver columns but ${labels.length} labels.`);
  for (const d of drivers) if (d.length !== outcome.length) throw invalidInput("The outcome and every driver must have the same number of rows.");
  const n = outcome.length;
  if (n < k + 2) throw invalidInput(`${n} complete rows are too few for ${k} driver${k === 1 ? "" : "s"}: at least ${k + 2} are needed.`);
  const r = correlationMatrix(outcome, drivers, labels);
  const { weights, rSquared } = method === "shapley" ? shapleyWeights(r, labels) : johnsonWeights(r, labels);
  if (!Number.isFinite(rSquared) || weights.some((w) => !Number.isFinite(w))) throw notComputable("The key-driver weights could not be computed.");
  return {
    labels,
    weights,
    shares: weights.map((w) => (rSquared > 0 ? w / rSquared : 0)),
    rSquared,
    rows: n,
    method,
  };
}
