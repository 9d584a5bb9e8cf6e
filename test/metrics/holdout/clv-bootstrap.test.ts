/**
 * The bootstrapped CLV range: seeded (the same seed, the same range),
 * computed as a percentile interval over refits on resamples, around the
 * point estimate, and narrower with more customers.
 */
import { customerLifetimeValue } from "../../../src/metrics/clv/clv";
import { fitBgnbd } from "../../../src/metrics/clv/bgnbd-fit";
import { fitGammaGamma } from "../../../src/metrics/clv/gamma-gamma";
import { bootstrapClv, percentileSorted } from "../../../src/metrics/holdout/clv-bootstrap";
import { loadCdnow } from "../clv/cdnow";
import { thrown } from "../clv/thrown";

const cdnow = loadCdnow();
// Undiscounted, a customer's CLV is one conditional expectation (the sum telescopes), which keeps
// each resample's refits the main cost; the discounted path is the CLV module's and is tested there.
const clv = { periods: 52, discountRate: 0, margin: 0.3 };
const REPLICATES = 16;

describe("CLV bootstrap on CDNOW", () => {
  const result = bootstrapClv(cdnow, { clv, replicates: REPLICATES, seed: 7, top: 5 });

  it("has the point CLV of the full-data fits, total and per top customer, highest first", () => {
    const bg = fitBgnbd(cdnow).params, gg = fitGammaGamma(cdnow).params;
    const each = cdnow.frequency.map((x, i) => customerLifetimeValue(bg, gg, { frequency: x, recency: cdnow.recency[i], T: cdnow.T[i], monetary: cdnow.monetary[i] }, clv));
    expect(result.total.estimate).toBeCloseTo(each.reduce((a, b) => a + b, 0), 6);
    const best = each.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]).slice(0, 5);
    expect(result.top.map((t) => t.index)).toEqual(best.map(([, i]) => i));
    result.top.forEach((t, k) => expect(t.estimate).toBeCloseTo(best[k][0], 8));
  });

  it("gives a 90 % range around each estimate, using every resample", () => {
    expect(result.replicates).toBe(REPLICATES);
    expect(result.failed).toBe(0);
    expect(result.level).toBe(0.9);
    for (const r of [result.total, ...result.top]) {
      expect(r.low).toBeLessThan(r.estimate);
      expect(r.high).toBeGreaterThan(r.estimate);
    }
    // Parameter uncertainty on 2,357 customers: the total moves by a few percent, not by half.
    expect(result.total.high / result.total.low).toBeLessThan(1.3);
    expect(result.total.high / result.total.low).toBeGreaterThan(1.01);
  });

  it("is reproducible with its seed and changes with another", () => {
    const again = bootstrapClv(cdnow, { clv, replicates: REPLICATES, seed: 7, top: 5 });
    expect(again.total).toEqual(result.total);
    const other = bootstrapClv(cdnow, { clv, replicates: REPLICATES, seed: 8, top: 5 });
    expect(other.total.low).not.toBe(result.total.low);
  });

  it("narrows with more customers: half the sample gives a wider relative range", () => {
    const half = { frequency: cdnow.frequency.slice(0, 1178), recency: cdnow.recency.slice(0, 1178), T: cdnow.T.slice(0, 1178), monetary: cdnow.monetary.slice(0, 1178) };
    const h = bootstrapClv(half, { clv, replicates: REPLICATES, seed: 7, top: 0 });
    expect(h.total.high / h.total.low).toBeGreaterThan(result.total.high / result.total.low);
  });
});

describe("percentiles and bad options", () => {
  it("percentileSorted is Excel's PERCENTILE.INC", () => {
    const xs = Float64Array.from([3, 6, 7, 8, 8, 10, 13, 15, 16, 20]);
    // PERCENTILE.INC({3,6,7,8,8,10,13,15,16,20}, 0.25) = 7.25; 0.9 → 16.4.
    expect(percentileSorted(xs, 0.25)).toBeCloseTo(7.25, 12);
    expect(percentileSorted(xs, 0.9)).toBeCloseTo(16.4, 12);
    expect(percentileSorted(xs, 1)).toBe(20);
  });

  it("refuses options it cannot use", () => {
    expect(thrown(() => bootstrapClv(cdnow, { clv, replicates: 1 })).message).toContain("whole number from 2");
    expect(thrown(() => bootstrapClv(cdnow, { clv, level: 1.5 })).message).toContain("coverage");
    expect(thrown(() => bootstrapClv({ ...cdnow, T: cdnow.T.slice(1) }, { clv })).message).toContain("one value per customer");
  });
});
