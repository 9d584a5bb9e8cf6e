import fc from "fast-check";
import { npsInterval } from "../../src/metrics/nps-interval";
import { compareNps } from "../../src/metrics/nps-test";
import { npsFromCounts } from "../../src/metrics/nps";

describe("npsInterval (adjusted Wald, Rocks 2016 / MeasuringU)", () => {
  it("reproduces the adjusted-Wald arithmetic for counts 1 detractor, 2 passives, 3 promoters", () => {
    // Adjusted counts: promoters 3.75, passives 3.5, detractors 1.75, n' = 9.
    // p+' = 3.75/9 = 0.41667, p-' = 1.75/9 = 0.19444, NPS' = 0.22222.
    // Var' = (0.41667 + 0.19444) - 0.22222^2 = 0.61111 - 0.04938 = 0.56173; SE' = sqrt(0.56173 / 9) = 0.24983.
    // 95%: 0.22222 -/+ 1.959964 * 0.24983 = [-0.26744, 0.71188] -> points [-26.74, 71.19]; MOE 48.97 points.
    const ci = npsInterval({ detractors: 1, passives: 2, promoters: 3 }, 0.95);
    expect(ci.low).toBeCloseTo(-26.744, 2);
    expect(ci.high).toBeCloseTo(71.188, 2);
    expect(ci.marginOfError).toBeCloseTo(48.966, 2);
  });

  it("clips to -100..100 and stays ordered (property)", () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), fc.nat(5000), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (p, m, d, conf) => {
        const ci = npsInterval({ promoters: p, passives: m, detractors: d }, conf);
        return ci.low >= -100 && ci.high <= 100 && ci.low <= ci.high && ci.marginOfError > 0;
      }),
    );
  });

  it("narrows as the sample grows with the same shares", () => {
    const small = npsInterval({ promoters: 5, passives: 3, detractors: 2 });
    const large = npsInterval({ promoters: 500, passives: 300, detractors: 200 });
    expect(large.marginOfError).toBeLessThan(small.marginOfError / 5);
  });

  it("covers the true NPS about 95% of the time (simulation, seeded)", () => {
    // Rocks (2016) shows the adjusted-Wald interval keeps near-nominal coverage; check it by simulation:
    // true shares 40% promoters / 35% passives / 25% detractors (NPS 15), n = 60, 4000 samples.
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
    let covered = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      const c = { promoters: 0, passives: 0, detractors: 0 };
      for (let i = 0; i < 60; i++) {
        const u = rand();
        if (u < 0.4) c.promoters++;
        else if (u < 0.75) c.passives++;
        else c.detractors++;
      }
      const ci = npsInterval(c, 0.95);
      if (ci.low <= 15 && 15 <= ci.high) covered++;
    }
    const coverage = covered / trials;
    expect(coverage).toBeGreaterThan(0.93);
    expect(coverage).toBeLessThan(0.975);
  });
});

describe("compareNps", () => {
  it("gives p = 1 for identical samples and is symmetric", () => {
    const a = { promoters: 50, passives: 30, detractors: 20 };
    expect(compareNps(a, a).pValue).toBeCloseTo(1, 12);
    const b = { promoters: 35, passives: 35, detractors: 30 };
    expect(compareNps(a, b).pValue).toBeCloseTo(compareNps(b, a).pValue, 12);
  });

  it("follows the adjusted-Wald z test arithmetic", () => {
    // a: 60/20/20 -> adjusted 60.75/21.5/20.75, n' = 103: NPS'a = 40/103 = 0.388350;
    //    Var'a = (60.75 + 20.75)/103 - 0.388350^2 = 0.791262 - 0.150816 = 0.640446.
    // b: 40/30/30 -> adjusted 40.75/31.5/30.75, n' = 103: NPS'b = 10/103 = 0.097087;
    //    Var'b = 71.5/103 - 0.097087^2 = 0.694175 - 0.009426 = 0.684749.
    // z = (0.388350 - 0.097087) / sqrt((0.640446 + 0.684749) / 103) = 0.291262 / 0.113425 = 2.5679;
    // p = 2 (1 - Phi(2.5679)) = 0.01023.
    const r = compareNps({ promoters: 60, passives: 20, detractors: 20 }, { promoters: 40, passives: 30, detractors: 30 });
    expect(r.z).toBeCloseTo(2.5679, 3);
    expect(r.pValue).toBeCloseTo(0.01023, 4);
    expect(r.difference).toBeCloseTo(29.126, 2);
    // The unadjusted NPS values are 40 and 10: the test is about their difference.
    expect(npsFromCounts({ promoters: 60, passives: 20, detractors: 20 })).toBe(40);
  });
});
