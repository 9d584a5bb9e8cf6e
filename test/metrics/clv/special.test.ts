import fc from "fast-check";
import { lgamma } from "mathjs";
import { digamma, logistic, logRisingFactorials, softplus } from "../../../src/metrics/clv/special";

const EULER_GAMMA = 0.5772156649015329; // Euler–Mascheroni constant

describe("digamma", () => {
  it("ψ(1) = −γ and ψ(1/2) = −γ − 2 ln 2 (Abramowitz & Stegun 6.3.2, 6.3.3)", () => {
    expect(Math.abs(digamma(1) + EULER_GAMMA)).toBeLessThan(1e-15);
    expect(Math.abs(digamma(0.5) - (-EULER_GAMMA - 2 * Math.LN2))).toBeLessThan(1e-14);
  });

  it("ψ(n + 1) = H_n − γ (A&S 6.3.2), n = 1…50", () => {
    let harmonic = 0;
    for (let n = 1; n <= 50; n++) {
      harmonic += 1 / n;
      expect(Math.abs(digamma(n + 1) - (harmonic - EULER_GAMMA))).toBeLessThan(1e-14);
    }
  });

  it("satisfies ψ(x + 1) = ψ(x) + 1/x and matches the slope of ln Γ (fast-check)", () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 500, noNaN: true }), (x) => {
      expect(Math.abs(digamma(x + 1) - digamma(x) - 1 / x)).toBeLessThan(1e-12 * Math.max(1, 1 / x));
      if (x < 0.5) return; // the finite difference below is too coarse where ψ bends sharply
      const h = 1e-4 * Math.max(1, x);
      const slope = (lgamma(x + h) - lgamma(x - h)) / (2 * h);
      expect(Math.abs(digamma(x) - slope)).toBeLessThan(1e-6 * Math.max(1, Math.abs(slope)));
    }));
  });
});

describe("logRisingFactorials", () => {
  it("gives ln Γ(u + x) − ln Γ(u) and ψ(u + x) − ψ(u), for small and large jumps in x", () => {
    const xs = Float64Array.from([0, 1, 2, 7, 40, 500, 501, 10_000]);
    const logs = new Float64Array(xs.length), derivs = new Float64Array(xs.length);
    for (const u of [0.243, 2.4, 37]) {
      logRisingFactorials(u, xs, logs, derivs);
      xs.forEach((x, j) => {
        const want = lgamma(u + x) - lgamma(u);
        expect(Math.abs(logs[j] - want)).toBeLessThan(1e-9 * Math.max(1, Math.abs(want)));
        expect(Math.abs(derivs[j] - (digamma(u + x) - digamma(u)))).toBeLessThan(1e-10);
      });
    }
  });
});

describe("softplus and logistic", () => {
  it("are ln(1 + eˣ) and 1/(1 + e⁻ˣ), without overflow", () => {
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(logistic(0)).toBe(0.5);
    expect(logistic(800)).toBe(1);
    expect(logistic(-800)).toBe(0);
    fc.assert(fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
      expect(Math.abs(softplus(x) - Math.log(1 + Math.exp(x)))).toBeLessThan(1e-13);
      expect(Math.abs(logistic(x) - 1 / (1 + Math.exp(-x)))).toBeLessThan(1e-15);
    }));
  });
});
