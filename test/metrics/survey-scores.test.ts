import { csatFromHistogram } from "../../src/metrics/csat";
import { cesAgreeFromHistogram, cesAgreeMin, cesFromHistogram } from "../../src/metrics/ces";

function histogram(counts: Record<number, number>, size = 11): number[] {
  const h = new Array(size).fill(0);
  for (const [score, n] of Object.entries(counts)) h[Number(score)] = n;
  return h;
}

describe("csatFromHistogram", () => {
  it("reproduces Delighted's worked example: 74 of 107 responses scoring 4-5 -> 69.2%", () => {
    // Delighted, "What is CSAT": 74 satisfied (4 or 5) out of 107 -> 69.2%.
    const h = histogram({ 1: 8, 2: 10, 3: 15, 4: 40, 5: 34 }, 6);
    expect(csatFromHistogram(h, 4)).toBeCloseTo(0.692, 3);
  });

  it("moves the threshold with satisfied_min (top-box only)", () => {
    const h = histogram({ 1: 8, 2: 10, 3: 15, 4: 40, 5: 34 }, 6);
    expect(csatFromHistogram(h, 5)).toBeCloseTo(34 / 107, 12);
  });

  it("is #DIV/0! with no responses", () => {
    expect(() => csatFromHistogram(histogram({}, 6))).toThrow(expect.objectContaining({ kind: "div0" }));
  });
});

describe("CES", () => {
  it("is the mean answer", () => {
    // (1*1 + 5*2 + 6*3 + 7*4) / 10 = 57 / 10 = 5.7
    expect(cesFromHistogram(histogram({ 1: 1, 5: 2, 6: 3, 7: 4 }, 8))).toBeCloseTo(5.7, 12);
  });

  it("counts 5-7 as agreement on the 7-point scale and 4-5 on the 5-point scale (Gartner CES 2.0)", () => {
    expect(cesAgreeMin(7)).toBe(5);
    expect(cesAgreeMin(5)).toBe(4);
    // 7-point: 2 + 3 + 4 = 9 of 10 agree.
    expect(cesAgreeFromHistogram(histogram({ 1: 1, 5: 2, 6: 3, 7: 4 }, 8), 7)).toBeCloseTo(0.9, 12);
    // 5-point: answers 4 and 5 (3 + 2) of 10.
    expect(cesAgreeFromHistogram(histogram({ 1: 2, 2: 1, 3: 2, 4: 3, 5: 2 }, 8), 5)).toBeCloseTo(0.5, 12);
  });

  it("rejects answers above the scale and scales other than 5 or 7", () => {
    expect(() => cesAgreeFromHistogram(histogram({ 6: 1 }, 8), 5)).toThrow(/above scale_max 5/);
    expect(() => cesAgreeMin(10)).toThrow(/5 or 7/);
  });
});
