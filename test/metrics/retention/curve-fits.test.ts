/**
 * "How not to project": the curve fits against least squares computed
 * independently here, and Fader & Hardie's (2007) finding on their two
 * cohorts — the curves fit years 0–7 well and project years 8–12 badly,
 * the sBG projects them closely.
 */
import fc from "fast-check";
import { curveValue, fitSurvivalCurve, projectionComparison } from "../../../src/metrics/retention/curve-fits";
import { thrown } from "../clv/thrown";
import { HIGH_END, REGULAR } from "./berry-linoff";

/** Simple regression of y on t by the textbook formulas: slope = cov/var. */
function simpleRegression(y: number[]): [number, number] {
  const n = y.length;
  const tMean = (n - 1) / 2;
  const yMean = y.reduce((a, b) => a + b, 0) / n;
  let cov = 0, varT = 0;
  y.forEach((v, t) => {
    cov += (t - tMean) * (v - yMean);
    varT += (t - tMean) ** 2;
  });
  const slope = cov / varT;
  return [yMean - slope * tMean, slope];
}

describe("curve fits", () => {
  it("linear: the textbook slope and intercept; exponential: the same on logarithms", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 }), (y) => {
        const [a, b] = simpleRegression(y);
        const linear = fitSurvivalCurve("linear", y);
        expect(linear.coefficients[0]).toBeCloseTo(a, 9);
        expect(linear.coefficients[1]).toBeCloseTo(b, 9);
        const [la, lb] = simpleRegression(y.map(Math.log));
        const exponential = fitSurvivalCurve("exponential", y);
        expect(Math.log(exponential.coefficients[0])).toBeCloseTo(la, 9);
        expect(exponential.coefficients[1]).toBeCloseTo(lb, 9);
      }),
    );
  });

  it("quadratic: residuals orthogonal to 1, t and t² (the normal equations), exact on a parabola", () => {
    const y = REGULAR.slice(0, 8).map((n) => n / 1000);
    const fit = fitSurvivalCurve("quadratic", y);
    const residual = y.map((v, t) => v - curveValue(fit, t));
    for (const power of [0, 1, 2]) {
      expect(Math.abs(residual.reduce((s, r, t) => s + r * t ** power, 0))).toBeLessThan(1e-12);
    }
    const parabola = fitSurvivalCurve("quadratic", [0, 1, 2, 3, 4].map((t) => 1 - 0.2 * t + 0.01 * t * t));
    [1, -0.2, 0.01].forEach((c, i) => expect(parabola.coefficients[i]).toBeCloseTo(c, 12));
    expect(parabola.rSquared).toBeCloseTo(1, 12);
  });

  it("refuses too few points and non-positive values for the exponential", () => {
    expect(thrown(() => fitSurvivalCurve("quadratic", [1, 0.5])).kind).toBe("na");
    expect(thrown(() => fitSurvivalCurve("exponential", [1, 0.5, 0])).message).toContain("needs values above 0");
  });
});

describe("Fader & Hardie (2007): fitting years 0–7 and projecting years 8–12", () => {
  for (const [name, data] of [["regular", REGULAR], ["high end", HIGH_END]] as const) {
    it(`${name}: every curve fits the calibration years (R² ≥ 0.77) yet projects year 12 worse than the sBG, by 3 to 50 times`, () => {
      const p = projectionComparison(data, 7, 12);
      expect(Array.from(p.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(p.actual[12]).toBeCloseTo(data[12] / 1000, 12);
      const sbgError = Math.abs(p.sbg[12] - p.actual[12]);
      expect(sbgError).toBeLessThan(0.017);
      for (const c of p.curves) {
        expect(c.fit.rSquared).toBeGreaterThan(0.77);
        const curveError = Math.abs(c.values[12] - p.actual[12]);
        expect(curveError).toBeGreaterThan(3 * sbgError);
      }
      // Summed over the five projected years, the sBG's error is the smallest.
      const total = (v: Float64Array) => [8, 9, 10, 11, 12].reduce((s, t) => s + Math.abs(v[t] - p.actual[t]), 0);
      for (const c of p.curves) expect(total(c.values)).toBeGreaterThan(total(p.sbg));
    });
  }

  it("projects the regular cohort's line below zero by year 9: a survival curve no cohort can have", () => {
    const linear = projectionComparison(REGULAR, 7, 12).curves.find((c) => c.fit.kind === "linear")!;
    expect(linear.values[9]).toBeLessThan(0);
  });

  it("leaves the actual share unknown (NaN) beyond the counts given", () => {
    const p = projectionComparison(HIGH_END.slice(0, 10), 7, 12);
    expect(Number.isNaN(p.actual[10])).toBe(true);
    expect(p.actual[9]).toBeCloseTo(0.445, 12);
  });
});
