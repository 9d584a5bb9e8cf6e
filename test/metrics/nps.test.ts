import fc from "fast-check";
import { npsCountsFromHistogram, npsFromCounts, npsStandardError, npsVariance } from "../../src/metrics/nps";
import { MetricError } from "../../src/metrics/errors";

describe("npsFromCounts", () => {
  it("matches Rocks' NPS package reference case (1 detractor, 2 passives, 3 promoters -> 1/3)", () => {
    // B. Rocks, NPS R package tests: counts 1, 2, 3 give NPS = (3 - 1) / 6 = 1/3, i.e. 33.33 points.
    expect(npsFromCounts({ detractors: 1, passives: 2, promoters: 3 })).toBeCloseTo(100 / 3, 12);
  });

  it("spans -100 (all detractors) to 100 (all promoters)", () => {
    // Reichheld (2003): NPS = %promoters - %detractors.
    expect(npsFromCounts({ promoters: 0, passives: 0, detractors: 7 })).toBe(-100);
    expect(npsFromCounts({ promoters: 7, passives: 0, detractors: 0 })).toBe(100);
    expect(npsFromCounts({ promoters: 0, passives: 5, detractors: 0 })).toBe(0);
  });

  it("is #DIV/0! with no responses", () => {
    expect(() => npsFromCounts({ promoters: 0, passives: 0, detractors: 0 })).toThrow(expect.objectContaining({ kind: "div0" }));
  });

  it("rejects negative counts as invalid input", () => {
    expect(() => npsFromCounts({ promoters: -1, passives: 0, detractors: 2 })).toThrow(MetricError);
  });

  it("always lies in -100..100 (property)", () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(1e6), fc.nat(1e6), (p, m, d) => {
        fc.pre(p + m + d > 0);
        const v = npsFromCounts({ promoters: p, passives: m, detractors: d });
        return v >= -100 && v <= 100;
      }),
    );
  });
});

describe("npsCountsFromHistogram", () => {
  it("groups 0-6 as detractors, 7-8 passives, 9-10 promoters", () => {
    // One answer at every score 0..10: 7 detractors (0-6), 2 passives, 2 promoters.
    expect(npsCountsFromHistogram(new Array(11).fill(1))).toEqual({ detractors: 7, passives: 2, promoters: 2 });
  });
});

describe("npsVariance and npsStandardError", () => {
  it("match Rocks' reference values: variance 5/9, SE 0.304 for counts 1, 2, 3", () => {
    // Rocks (2016) / NPS R package: Var = (p+ + p-) - (p+ - p-)^2 = (3/6 + 1/6) - (2/6)^2 = 2/3 - 1/9 = 5/9;
    // SE = sqrt(Var / n) = sqrt((5/9) / 6) = 0.3043.
    const counts = { detractors: 1, passives: 2, promoters: 3 };
    expect(npsVariance(counts)).toBeCloseTo(5 / 9, 12);
    expect(npsStandardError(counts)).toBeCloseTo(0.304, 3);
  });
});
