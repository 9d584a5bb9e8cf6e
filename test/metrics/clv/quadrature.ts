/**
 * Independent numerical integration for cross-checking the closed forms:
 * tanh-sinh (double-exponential) quadrature on (0, 1), which copes with
 * integrable singularities at the end points (p^(a−1) with a < 1, λ^(r−1)).
 *
 * Reference: H. Takahasi, M. Mori (1974), "Double exponential formulas for
 * numerical integration", Publ. RIMS Kyoto Univ. 9(3), 721–741.
 */

/**
 * ∫₀¹ f(x) dx, where f receives x and 1 − x (computed without cancellation,
 * for integrands singular at 1). Step h = 2^−level on t ∈ [−5, 5].
 */
export function integrate01(f: (x: number, complement: number) => number, level = 6): number {
  return integrate01Many((x, complement) => [f(x, complement)], level)[0];
}

/** ∫₀^∞ f(y) dy through y = scale·s/(1 − s). */
export function integrate0Inf(f: (y: number) => number, scale: number, level = 6): number {
  return integrate0InfMany((y) => [f(y)], scale, level)[0];
}

/** integrate01 for several integrands at once, sharing the nodes: f returns one value per integrand. */
export function integrate01Many(f: (x: number, complement: number) => number[], level = 6): number[] {
  const h = 2 ** -level;
  let sums: number[] | null = null;
  for (let t = -5; t <= 5 + 1e-12; t += h) {
    const u = (Math.PI / 2) * Math.sinh(t);
    const x = 1 / (1 + Math.exp(-2 * u));
    const complement = 1 / (1 + Math.exp(2 * u));
    if (x === 0 || complement === 0) continue;
    const coshU = Math.cosh(u);
    const weight = ((Math.PI / 4) * Math.cosh(t)) / (coshU * coshU);
    const values = f(x, complement);
    if (!sums) sums = values.map(() => 0);
    for (let i = 0; i < values.length; i++) sums[i] += weight * values[i];
  }
  return (sums ?? []).map((s) => s * h);
}

/** integrate0Inf for several integrands at once. */
export function integrate0InfMany(f: (y: number) => number[], scale: number, level = 6): number[] {
  return integrate01Many((s, c) => {
    const jacobian = scale / (c * c);
    return f((scale * s) / c).map((v) => v * jacobian);
  }, level);
}
