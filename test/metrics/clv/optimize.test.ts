import { hessianFromGradient, invertPositiveDefinite, minimizeBfgs, Objective } from "../../../src/metrics/clv/optimize";

describe("minimizeBfgs", () => {
  it("finds the minimum of Rosenbrock's function at (1, 1) from the classic start (−1.2, 1)", () => {
    // f = 100(y − x²)² + (1 − x)², minimum 0 at (1, 1) (Nocedal & Wright 2006, p. 27 and exercise 2.1).
    const rosenbrock: Objective = ([x, y], g) => {
      g[0] = -400 * x * (y - x * x) - 2 * (1 - x);
      g[1] = 200 * (y - x * x);
      return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    };
    const result = minimizeBfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(Math.abs(result.x[0] - 1)).toBeLessThan(1e-8);
    expect(Math.abs(result.x[1] - 1)).toBeLessThan(1e-8);
  });

  it("reports a function without a minimum as not converged", () => {
    // f = −x decreases forever with slope −1: the gradient never reaches the tolerance.
    const result = minimizeBfgs((x, g) => ((g[0] = -1), -x[0]), [0], { maxIterations: 50 });
    expect(result.converged).toBe(false);
    expect(result.reason).toMatch(/no convergence in 50 iterations/);
  });

  it("backs off from points where the objective cannot be computed", () => {
    // f = x − ln x on x > 0 (NaN below), minimum at x = 1; a full first step from 5 lands below 0.
    const f: Objective = (x, g) => ((g[0] = 1 - 1 / x[0]), x[0] - Math.log(x[0]));
    const result = minimizeBfgs(f, [5], { maxStep: 10 });
    expect(result.converged).toBe(true);
    expect(Math.abs(result.x[0] - 1)).toBeLessThan(1e-8);
  });
});

describe("hessianFromGradient and invertPositiveDefinite", () => {
  it("recover a quadratic's Hessian [[4, 1], [1, 3]] and its inverse (1/11)[[3, −1], [−1, 4]]", () => {
    const f: Objective = ([x, y], g) => {
      g[0] = 4 * x + y;
      g[1] = x + 3 * y;
      return 2 * x * x + x * y + 1.5 * y * y;
    };
    const h = hessianFromGradient(f, Float64Array.from([0.3, -0.2]));
    [4, 1, 1, 3].forEach((v, i) => expect(h[i]).toBeCloseTo(v, 8));
    const inv = invertPositiveDefinite(h, 2)!;
    [3 / 11, -1 / 11, -1 / 11, 4 / 11].forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 8));
  });

  it("returns null for a matrix that is not positive definite (a flat or saddle direction)", () => {
    expect(invertPositiveDefinite(Float64Array.from([1, 1, 1, 1]), 2)).toBeNull(); // singular
    expect(invertPositiveDefinite(Float64Array.from([1, 2, 2, 1]), 2)).toBeNull(); // indefinite
  });
});
