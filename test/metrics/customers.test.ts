import fc from "fast-check";
import { churnRate, firstContactResolution, netCustomers, referralRate, resolutionRate, retentionRate } from "../../src/metrics/customers";
import { repeatRate } from "../../src/metrics/repeat-rate";
import { relativeRisk } from "../../src/metrics/lift";

describe("churn and retention", () => {
  it("churn = lost / start (ChartMogul customer churn rate)", () => {
    // ChartMogul: 200 customers at the start, 10 lost -> 10 / 200 = 5%.
    expect(churnRate(200, 10)).toBe(0.05);
  });

  it("retention = (end - new) / start", () => {
    // Start 200, end 210 of whom 30 are new: (210 - 30) / 200 = 90%.
    expect(retentionRate(200, 210, 30)).toBe(0.9);
  });

  it("churn + retention = 1 when the only changes are losses and new customers (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.nat(1e6), fc.nat(1e6), (start, lostRaw, added) => {
        const lost = lostRaw % (start + 1);
        const end = start - lost + added;
        return Math.abs(churnRate(start, lost) + retentionRate(start, end, added) - 1) < 1e-12;
      }),
    );
  });

  it("is #DIV/0! with no starting customers and #VALUE! for negative counts", () => {
    expect(() => churnRate(0, 0)).toThrow(expect.objectContaining({ kind: "div0" }));
    expect(() => churnRate(-5, 1)).toThrow(expect.objectContaining({ kind: "value", message: expect.stringContaining("start_customers") }));
  });

  it("net customers = new - lost", () => {
    expect(netCustomers(30, 20)).toBe(10);
    expect(netCustomers(5, 20)).toBe(-15);
  });
});

describe("shares of a total", () => {
  it("referral, resolution and FCR rates divide part by total", () => {
    expect(referralRate(15, 300)).toBe(0.05);
    expect(resolutionRate(450, 500)).toBe(0.9);
    expect(firstContactResolution(350, 500)).toBe(0.7);
    expect(() => resolutionRate(1, 0)).toThrow(expect.objectContaining({ kind: "div0", message: expect.stringContaining("received") }));
  });
});

describe("repeatRate", () => {
  it("counts customers with more than one purchase", () => {
    // a: 2 purchases, b: 1, c: 3 -> 2 of 3 customers repeat.
    expect(repeatRate(["a", "b", "a", "c", "c", "c"])).toBeCloseTo(2 / 3, 12);
  });

  it("keeps the number 7 and the text '7' apart", () => {
    expect(repeatRate([7, "7"])).toBe(0);
  });
});

describe("relativeRisk (Katz log interval)", () => {
  it("follows the textbook arithmetic", () => {
    // a = 20 of n1 = 100 in the group, c = 10 of n0 = 250 outside: RR = 0.20 / 0.04 = 5.
    // SE(ln RR) = sqrt(1/20 - 1/100 + 1/10 - 1/250) = sqrt(0.136) = 0.368782;
    // 95%: exp(ln 5 -/+ 1.959964 * 0.368782) = 5 * exp(-/+0.722800) = [2.4270, 10.3010].
    const rr = relativeRisk({ groupWithOutcome: 20, groupTotal: 100, restWithOutcome: 10, restTotal: 250 });
    expect(rr.ratio).toBeCloseTo(5, 12);
    expect(rr.low).toBeCloseTo(2.4270, 3);
    expect(rr.high).toBeCloseTo(10.3010, 3);
  });

  it("matches Agresti's aspirin example", () => {
    // Agresti, Categorical Data Analysis (3rd ed.), Table 2.3 (Physicians' Health Study, myocardial infarction):
    // placebo 189 / 11034, aspirin 104 / 11037 -> RR = 0.017129 / 0.009423 = 1.818, 95% CI (1.43, 2.31).
    const rr = relativeRisk({ groupWithOutcome: 189, groupTotal: 11034, restWithOutcome: 104, restTotal: 11037 });
    expect(rr.ratio).toBeCloseTo(1.818, 3);
    expect(rr.low).toBeCloseTo(1.43, 2);
    expect(rr.high).toBeCloseTo(2.31, 2);
  });

  it("refuses undefined ratios", () => {
    expect(() => relativeRisk({ groupWithOutcome: 0, groupTotal: 10, restWithOutcome: 2, restTotal: 10 })).toThrow(expect.objectContaining({ kind: "na" }));
    expect(() => relativeRisk({ groupWithOutcome: 1, groupTotal: 10, restWithOutcome: 0, restTotal: 10 })).toThrow(expect.objectContaining({ kind: "div0" }));
  });
});
