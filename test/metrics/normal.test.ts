import fc from "fast-check";
import { normalCdf, normalQuantile, twoSidedPValue, zForConfidence } from "../../src/metrics/normal";

describe("normalQuantile (AS 241)", () => {
  it("matches textbook quantiles", () => {
    // Standard normal table values (e.g. Abramowitz & Stegun 26.2; R qnorm): qnorm(0.975) = 1.959963984540054,
    // qnorm(0.995) = 2.575829303548901, qnorm(0.001) = -3.090232306167813, qnorm(0.5) = 0.
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829303548901, 14);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 14);
    expect(normalQuantile(0.5)).toBe(0);
    // Far tail, the third branch of AS 241: qnorm(1e-20) = -9.262340089798408.
    expect(normalQuantile(1e-20)).toBeCloseTo(-9.262340089798408, 10);
  });

  it("inverts the CDF (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => Math.abs(normalCdf(normalQuantile(p)) - p) < 1e-12),
    );
  });

  it("rejects probabilities outside (0, 1)", () => {
    expect(() => normalQuantile(0)).toThrow();
    expect(() => normalQuantile(1)).toThrow();
  });
});

describe("normalCdf, twoSidedPValue, zForConfidence", () => {
  it("match table values", () => {
    // R: pnorm(1.96) = 0.9750021048517795; 2 * (1 - pnorm(1.96)) = 0.04999579029644087.
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 12);
    expect(twoSidedPValue(-1.96)).toBeCloseTo(0.04999579029644087, 12);
    expect(zForConfidence(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(zForConfidence(0.9)).toBeCloseTo(1.644853626951472, 14);
  });

  it("rejects a confidence level outside (0, 1)", () => {
    expect(() => zForConfidence(95)).toThrow(/between 0 and 1/);
  });
});
