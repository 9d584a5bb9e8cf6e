/**
 * Key drivers against published output and against a plain Shapley
 * computation written here from the definition.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { correlationMatrix, keyDrivers, shapleyWeights } from "../../src/metrics/key-drivers";
import { MetricError } from "../../src/metrics/errors";

const rows = readFileSync(path.resolve(__dirname, "../fixtures/mtcars/mtcars.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
const column = (name: string) => {
  const i = ["car", "mpg", "cyl", "disp", "hp", "wt", "gear"].indexOf(name);
  return Float64Array.from(rows.map((r) => Number(r[i])));
};

describe("Johnson's relative weights reproduce the R package rwa on mtcars", () => {
  // rwa README and vignette "Introduction to Relative Weights Analysis" (martinctc/rwa):
  // mtcars %>% rwa(outcome = "mpg", predictors = c("cyl", "disp", "hp", "gear")).
  it("mpg on cyl, disp, hp, gear: R² 0.7791896 and the four weights", () => {
    const labels = ["cyl", "disp", "hp", "gear"];
    const r = keyDrivers(column("mpg"), labels.map(column), labels);
    expect(r.rows).toBe(32);
    expect(r.rSquared).toBeCloseTo(0.7791896, 7);
    [0.2284797, 0.2221469, 0.2321744, 0.0963886].forEach((w, i) => expect(r.weights[i]).toBeCloseTo(w, 7));
    [29.32274, 28.50999, 29.79691, 12.37037].forEach((p, i) => expect(100 * r.shares[i]).toBeCloseTo(p, 5));
  });

  it("mpg on cyl, disp, hp, gear, wt: the five weights of the vignette's plot example", () => {
    const labels = ["cyl", "disp", "hp", "gear", "wt"];
    const r = keyDrivers(column("mpg"), labels.map(column), labels);
    [0.18833374, 0.16479802, 0.18809142, 0.07345304, 0.23642417].forEach((w, i) => expect(r.weights[i]).toBeCloseTo(w, 8));
    [22.128264, 19.362936, 22.099792, 8.630361, 27.778646].forEach((p, i) => expect(100 * r.shares[i]).toBeCloseTo(p, 5));
  });

  it("mpg on cyl, disp, hp, wt (the issue's example): weights sum to the regression's R²", () => {
    const labels = ["cyl", "disp", "hp", "wt"];
    const r = keyDrivers(column("mpg"), labels.map(column), labels);
    // R² of lm(mpg ~ cyl + disp + hp + wt), computed here by least squares from the raw columns.
    expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(olsRSquared(column("mpg"), labels.map(column)), 12);
    expect(r.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

/** R² of an ordinary least-squares fit with intercept, by the normal equations (Gaussian elimination). */
function olsRSquared(y: Float64Array, xs: Float64Array[]): number {
  const n = y.length, p = xs.length + 1;
  const design = (i: number, j: number) => (j === 0 ? 1 : xs[j - 1][i]);
  const a = Array.from({ length: p }, (_, r) => Array.from({ length: p + 1 }, (_, c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += design(i, r) * (c === p ? y[i] : design(i, c));
    return s;
  }));
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let k = c; k <= p; k++) a[r][k] -= f * a[c][k];
    }
  }
  const beta = a.map((row, r) => row[p] / row[r]);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  let ssRes = 0, ssTot = 0;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let j = 0; j < p; j++) fit += beta[j] * design(i, j);
    ssRes += (y[i] - fit) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

/** The Shapley value from its definition: the average over all k! orders of each driver's increase in R². */
function shapleyByOrders(y: Float64Array, xs: Float64Array[]): number[] {
  const k = xs.length;
  const totals = new Array<number>(k).fill(0);
  const r2 = (set: number[]) => (set.length === 0 ? 0 : olsRSquared(y, set.map((j) => xs[j])));
  let orders = 0;
  const permute = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) {
      orders++;
      for (let i = 0; i < k; i++) totals[prefix[i]] += r2(prefix.slice(0, i + 1)) - r2(prefix.slice(0, i));
      return;
    }
    rest.forEach((j, i) => permute([...prefix, j], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  permute([], [...Array(k).keys()]);
  return totals.map((t) => t / orders);
}

describe("the exact Shapley (LMG) decomposition", () => {
  it("equals the average over all orders of entry, each R² from a fresh least-squares fit (mtcars, 4 drivers)", () => {
    const labels = ["cyl", "disp", "hp", "wt"];
    const xs = labels.map(column);
    const r = keyDrivers(column("mpg"), xs, labels, "shapley");
    shapleyByOrders(column("mpg"), xs).forEach((w, i) => expect(r.weights[i]).toBeCloseTo(w, 10));
    expect(r.rSquared).toBeCloseTo(olsRSquared(column("mpg"), xs), 12);
  });

  it("matches the definition on random data with correlated drivers (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 1e6 }), (k, seed) => {
        let s = seed;
        const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
        const n = 30;
        const base = Float64Array.from({ length: n }, rand);
        const xs = Array.from({ length: k }, () => Float64Array.from(base, (b) => b + rand()));
        const y = Float64Array.from(base, (b, i) => b + xs.reduce((acc, x) => acc + x[i], 0) * 0.3 + rand());
        const labels = xs.map((_, j) => `x${j}`);
        const r = keyDrivers(y, xs, labels, "shapley");
        const expected = shapleyByOrders(y, xs);
        expected.forEach((w, i) => expect(r.weights[i]).toBeCloseTo(w, 9));
        const johnson = keyDrivers(y, xs, labels, "johnson");
        expect(johnson.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(r.rSquared, 10);
      }),
      { numRuns: 40 },
    );
  });

  it("takes 12 drivers (4,096 subsets) and sums to R²", () => {
    let s = 11;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 500;
    const xs = Array.from({ length: 12 }, () => Float64Array.from({ length: n }, rand));
    const y = Float64Array.from({ length: n }, (_, i) => xs.reduce((acc, x, j) => acc + (j + 1) * x[i], 0) + rand());
    const r = keyDrivers(y, xs, xs.map((_, j) => `d${j}`), "shapley");
    expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(r.rSquared, 12);
    expect(r.rSquared).toBeCloseTo(olsRSquared(y, xs), 10);
    // The strongest driver (weight 12) gets the largest share.
    expect(r.weights.indexOf(Math.max(...r.weights))).toBe(11);
  });
});

describe("bad input", () => {
  const catchError = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e as MetricError;
    }
    throw new Error("no error");
  };

  it("a constant driver is #VALUE! naming it", () => {
    const e = catchError(() => keyDrivers(Float64Array.of(1, 2, 3, 4, 5), [Float64Array.of(1, 2, 1, 2, 3), Float64Array.of(7, 7, 7, 7, 7)], ["Atención", "Precio"]));
    expect(e.kind).toBe("value");
    expect(e.message).toContain('"Precio"');
  });

  it("a copied driver is #VALUE! (perfect collinearity), with either method", () => {
    const x = Float64Array.of(1, 3, 2, 5, 4, 6);
    for (const method of ["johnson", "shapley"] as const) {
      const e = catchError(() => keyDrivers(Float64Array.of(2, 3, 1, 6, 5, 5), [x, x], ["a", "b"], method));
      expect(e.message).toContain("perfectly correlated");
    }
  });

  it("too few rows and too many drivers for Shapley are #VALUE!", () => {
    expect(catchError(() => keyDrivers(Float64Array.of(1, 2, 3), [Float64Array.of(1, 2, 4), Float64Array.of(3, 1, 2)], ["a", "b"])).message).toContain("too few");
    const r = new Float64Array(17 * 17);
    expect(catchError(() => shapleyWeights(r, Array.from({ length: 16 }, (_, i) => `d${i}`))).message).toContain("johnson");
  });

  it("correlations are exact for large values (centred sums)", () => {
    const big = Float64Array.from({ length: 1000 }, (_, i) => 1e9 + (i % 7));
    const y = Float64Array.from(big, (v) => 2 * (v - 1e9) + 5);
    const r = correlationMatrix(y, [big], ["x"]);
    expect(r[1]).toBeCloseTo(1, 12);
  });
});
