/**
 * Unconstrained minimisation for the CLV model fits: BFGS (quasi-Newton) with
 * analytic gradients and a backtracking line search, plus the finite-difference
 * Hessian and Cholesky test that tell a proper minimum from a fit that ran off
 * to a boundary. The models are fitted on log parameters, so "unconstrained"
 * covers their positivity constraints.
 *
 * Reference: J. Nocedal, S. J. Wright (2006), Numerical Optimization, 2nd ed.,
 * Springer: Algorithm 6.1 (BFGS), eq. 6.20 (initial scaling), Algorithm 3.1
 * (backtracking), §8.1 (Hessian from gradient differences).
 */

/** Returns f(x) and writes ∇f(x) into `gradient`. May return a non-finite value outside f's domain. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  /** Stop when every |∂f/∂x_i| is at most this. */
  gradientTolerance?: number;
  maxIterations?: number;
  /** Largest change of any coordinate in one step (log parameters: e^maxStep-fold). */
  maxStep?: number;
  /**
   * A first estimate of the inverse Hessian (n × n, row by row), e.g. the one
   * at the maximum of a nearby problem: the first steps are then Newton steps
   * and a refit from that maximum takes a few iterations. The identity, scaled
   * after the first step, when absent.
   */
  inverseHessian?: ArrayLike<number>;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  converged: boolean;
  /** Why the search stopped, in words. */
  reason: string;
}

const ARMIJO = 1e-4;

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

function identity(n: number): Float64Array {
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) h[i * n + i] = 1;
  return h;
}

/**
 * Minimises f from x0 by BFGS. The inverse-Hessian estimate starts as the
 * identity, is rescaled after the first step, and is reset to the identity
 * whenever it stops giving a descent direction.
 *
 * @example minimizeBfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, [0]).x[0] // 3
 */
export function minimizeBfgs(f: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const gtol = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 3;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) {
    return { x, value: fx, gradient: g, iterations: 0, converged: false, reason: "the objective cannot be computed at the starting point" };
  }
  let h = options.inverseHessian ? Float64Array.from(options.inverseHessian) : identity(n);
  let fresh = !options.inverseHessian; // h is the identity, not yet scaled
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);

  for (let iter = 0; iter < maxIterations; iter++) {
    if (maxAbs(g) <= gtol) return { x, value: fx, gradient: g, iterations: iter, converged: true, reason: "gradient below tolerance" };
    // Search direction d = −H g; fall back to steepest descent if it is not downhill.
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= h[i * n + j] * g[j];
      d[i] = v;
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      h = identity(n);
      fresh = true;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = dot(g, d);
    }
    const longest = maxAbs(d);
    let step = longest > maxStep ? maxStep / longest : 1;
    // Backtracking (Armijo) line search; a non-finite value counts as too far.
    let fNew = NaN;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
      fNew = f(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= fx + ARMIJO * step * slope && gNew.every(Number.isFinite)) {
        accepted = true;
        break;
      }
      step *= Number.isFinite(fNew) ? Math.max(0.1, Math.min(0.5, (-slope * step) / (2 * (fNew - fx - slope * step)))) : 0.25;
    }
    if (!accepted) {
      if (!fresh) {
        h = identity(n);
        fresh = true;
        continue;
      }
      const close = maxAbs(g) <= 1e3 * gtol;
      return { x, value: fx, gradient: g, iterations: iter, converged: close, reason: close ? "no further progress possible at machine precision" : "the line search failed" };
    }
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (fresh) {
        // Nocedal & Wright eq. 6.20: scale the identity to the curvature just seen.
        const scale = sy / dot(y, y);
        for (let i = 0; i < n * n; i++) h[i] *= scale;
        fresh = false;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs)
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += h[i * n + j] * y[j];
        hy[i] = v;
      }
      const yhy = dot(y, hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
        }
      }
    }
    const previous = fx;
    x = Float64Array.from(xNew);
    [g, gNew] = [gNew, g];
    fx = fNew;
    if (maxAbs(s) <= 1e-14 * Math.max(1, maxAbs(x)) && Math.abs(previous - fx) <= 1e-16 * Math.abs(fx)) {
      const close = maxAbs(g) <= 1e3 * gtol;
      return { x, value: fx, gradient: g, iterations: iter + 1, converged: close, reason: close ? "steps below machine precision" : "the search stalled" };
    }
  }
  return { x, value: fx, gradient: g, iterations: maxIterations, converged: false, reason: `no convergence in ${maxIterations} iterations` };
}

/**
 * The Hessian of f at x by central differences of its analytic gradient,
 * symmetrised: column j is (∇f(x + h e_j) − ∇f(x − h e_j)) / 2h.
 */
export function hessianFromGradient(f: Objective, x: Float64Array, relativeStep = 1e-5): Float64Array {
  const n = x.length;
  const hess = new Float64Array(n * n);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const probe = Float64Array.from(x);
  for (let j = 0; j < n; j++) {
    const h = relativeStep * Math.max(1, Math.abs(x[j]));
    probe[j] = x[j] + h;
    f(probe, plus);
    probe[j] = x[j] - h;
    f(probe, minus);
    probe[j] = x[j];
    for (let i = 0; i < n; i++) hess[i * n + j] = (plus[i] - minus[i]) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const m = (hess[i * n + j] + hess[j * n + i]) / 2;
      hess[i * n + j] = m;
      hess[j * n + i] = m;
    }
  }
  return hess;
}

/**
 * The inverse of a symmetric positive-definite matrix by Cholesky
 * factorisation, or null when the matrix is not safely positive definite
 * (a pivot at or below `relativeTolerance` times its diagonal entry): at a
 * minimum that means the data do not pin the parameters down.
 */
export function invertPositiveDefinite(m: Float64Array, n: number, relativeTolerance = 1e-10): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let pivot = m[j * n + j];
    for (let k = 0; k < j; k++) pivot -= l[j * n + k] ** 2;
    if (!(pivot > relativeTolerance * Math.abs(m[j * n + j])) || !(m[j * n + j] > 0)) return null;
    const ljj = Math.sqrt(pivot);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = m[i * n + j];
      for (let k = 0; k < j; k++) v -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = v / ljj;
    }
  }
  // inverse = L⁻ᵀ L⁻¹, column by column
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let v = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) v -= l[i * n + k] * col[k];
      col[i] = v / l[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let v = col[i];
      for (let k = i + 1; k < n; k++) v -= l[k * n + i] * col[k];
      col[i] = v / l[i * n + i];
    }
    for (let i = 0; i < n; i++) inv[i * n + c] = col[i];
  }
  return inv;
}
