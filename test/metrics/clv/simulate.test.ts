import { bgnbdExpectedPurchases } from "../../../src/metrics/clv/bgnbd";
import { gammaDraw, seededUniform, simulateBgnbd } from "../../../src/metrics/clv/simulate";

describe("seeded simulation", () => {
  it("is reproducible: the same seed gives the same customers", () => {
    const a = simulateBgnbd({ r: 0.3, alpha: 4, a: 0.8, b: 2.5 }, 50, 11, { minT: 10, maxT: 20, resolution: 1 / 7 });
    const b = simulateBgnbd({ r: 0.3, alpha: 4, a: 0.8, b: 2.5 }, 50, 11, { minT: 10, maxT: 20, resolution: 1 / 7 });
    expect([...a.frequency]).toEqual([...b.frequency]);
    expect([...a.recency]).toEqual([...b.recency]);
    for (let i = 0; i < 50; i++) {
      expect(Number.isInteger(a.frequency[i])).toBe(true);
      expect(a.recency[i]).toBeLessThanOrEqual(a.T[i]);
    }
  });

  it("draws uniforms in (0, 1) and gamma variables with the right mean and variance", () => {
    const u = seededUniform(3);
    for (const shape of [0.25, 1, 6.5]) {
      const n = 200_000;
      let sum = 0, sumSq = 0;
      for (let i = 0; i < n; i++) {
        const g = gammaDraw(shape, u);
        sum += g;
        sumSq += g * g;
      }
      const mean = sum / n;
      const variance = sumSq / n - mean * mean;
      // gamma(k, 1): mean k, variance k; the sample mean's standard error is √(k/n).
      expect(Math.abs(mean - shape)).toBeLessThan(4 * Math.sqrt(shape / n));
      expect(Math.abs(variance / shape - 1)).toBeLessThan(0.05);
    }
  });

  it("reproduces the model's E[X(t)] on average (everyone observed for t = 30)", () => {
    // With T fixed at 30 for every customer, mean frequency estimates E[X(30)] (FHL 2005 eq. 9).
    const params = { r: 0.5, alpha: 4, a: 1.5, b: 3 };
    const sim = simulateBgnbd(params, 100_000, 5, { minT: 30, maxT: 30 });
    const mean = sim.frequency.reduce((s, x) => s + x, 0) / sim.frequency.length;
    const expected = bgnbdExpectedPurchases(params, 30);
    // The frequency's standard deviation here is below 5, so the mean's is below 5/√100,000 ≈ 0.016.
    expect(Math.abs(mean - expected)).toBeLessThan(0.05);
  });
});
