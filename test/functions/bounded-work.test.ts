/**
 * Bounded work (issue 9, item 5): a function either answers or refuses at
 * once with #VALUE! stating the limit, and checks the size of its output
 * before it allocates it. The times are in `npm run bench -- functions`; here
 * are the refusals and the correctness of the fast paths.
 */
jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn() }));
jest.mock("../../src/metrics/segment-matrix", () => {
  const actual = jest.requireActual("../../src/metrics/segment-matrix");
  return { ...actual, segmentMatrix: jest.fn(actual.segmentMatrix) };
});
jest.mock("../../src/metrics/mrr-movements", () => {
  const actual = jest.requireActual("../../src/metrics/mrr-movements");
  return { ...actual, mrrMovements: jest.fn(actual.mrrMovements) };
});

import { mrrmovements } from "../../src/functions/cohorts";
import { clv, gammagammaFit } from "../../src/functions/clv";
import { segmentmatrix } from "../../src/functions/segments";
import { CLV_TERM_LIMIT, discountedExpectedPurchases, discountedExpectedPurchasesAll, validateClvOptions } from "../../src/metrics/clv/clv";
import { mrrMovements } from "../../src/metrics/mrr-movements";
import { seededRandom } from "../../src/metrics/random";
import { segmentMatrix } from "../../src/metrics/segment-matrix";
import { loadCdnow } from "../metrics/clv/cdnow";
import { column, invocationAt, outcome } from "../support/call";

jest.setTimeout(60_000);
const at = invocationAt();
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const BG_BLOCK = [["r", "alpha", "a", "b", "loglik"], [BG.r, BG.alpha, BG.a, BG.b, -9582.4]];
const GG_BLOCK = [["p", "q", "gamma"], [6.25, 3.74, 15.44]];

describe("SEGMENTMATRIX refuses a too large matrix before building it", () => {
  it("5,000 segments: #VALUE! stating the size and the limit; the matrix (575 MB before) is never allocated", async () => {
    (segmentMatrix as jest.Mock).mockClear();
    const from = column(Array.from({ length: 100_000 }, (_, i) => `S${i % 5000}`));
    const to = column(Array.from({ length: 100_000 }, (_, i) => `S${(i * 7) % 5000}`));
    const r = await outcome(segmentmatrix, from, to, null, at);
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringContaining("5,002 rows × 5,002 columns") });
    expect((r as { message: string }).message).toContain("for 5,000 segments");
    expect((r as { message: string }).message).toContain("at most about 200,000 cells");
    expect(segmentMatrix).not.toHaveBeenCalled();
  });

  it("100,000 segments: the same refusal, no 'Invalid typed array length'", async () => {
    const r = await outcome(segmentmatrix, column(Array.from({ length: 100_000 }, (_, i) => `A${i}`)), column(Array.from({ length: 100_000 }, (_, i) => `B${i}`)), null, at);
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringContaining("for 200,000 segments") });
  });

  it("a small matrix is still built", async () => {
    const r = await outcome(segmentmatrix, column(["Gold", "Silver"]), column(["Gold", "Gold"]), null, at);
    expect(r).toEqual({ value: [["From \\ To", "Gold", "Silver", "Lost"], ["Gold", 1, 0, 0], ["Silver", 1, 0, 0], ["New", 0, 0, 0]] });
  });
});

describe("MRRMOVEMENTS refuses a table of too many months before computing it", () => {
  it("rows from 1900 to 9999: #VALUE! naming the months; the engine does not run", async () => {
    (mrrMovements as jest.Mock).mockClear();
    const n = 1000;
    const r = await outcome(mrrmovements, column(Array.from({ length: n }, (_, i) => `C${i % 10}`)), column(Array.from({ length: n }, (_, i) => 1 + i * 2958)), column(Array.from({ length: n }, () => 10)), at);
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringContaining("months from the first row to the last") });
    expect(mrrMovements).not.toHaveBeenCalled();
  });
});

describe("CXM.CLV in bounded work", () => {
  it("equals the per-period computation (one special-function evaluation per period and customer) on small cases", () => {
    // Random BG/NBD parameters, customers and options; the reference is discountedExpectedPurchases,
    // the sum Σ [E(kΔ) − E((k−1)Δ)] / (1 + d)^k evaluated term by term (lifetimes' discounting).
    const u = seededRandom(9);
    let worst = 0;
    for (let trial = 0; trial < 20; trial++) {
      const bg = { r: 0.1 + u() * 2, alpha: 1 + u() * 20, a: 0.2 + u() * 3, b: 0.2 + u() * 5 };
      const n = 6;
      const h = { frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n) };
      for (let i = 0; i < n; i++) {
        h.T[i] = 5 + Math.floor(u() * 4) * 10; // repeated T: groups of identical histories
        h.frequency[i] = Math.floor(u() * 6);
        h.recency[i] = h.frequency[i] === 0 ? 0 : u() * h.T[i];
      }
      const o = { periods: [1, 7.5, 52, 260][trial % 4], discountRate: [0, 0.0019, 0.01, 0.2, 0.05][trial % 5], margin: 1, periodLength: [1, 0.5, 4.3][trial % 3] };
      const fast = discountedExpectedPurchasesAll(bg, h, o);
      for (let i = 0; i < n; i++) {
        const slow = discountedExpectedPurchases(bg, { frequency: h.frequency[i], recency: h.recency[i], T: h.T[i], monetary: 1 }, validateClvOptions(o));
        worst = Math.max(worst, Math.abs(fast[i] - slow) / slow);
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it("the documented maximum horizon (100,000 periods) answers, equal to the first 20,000 periods (the rest discounts below 1e-16)", async () => {
    // (1 + 0.0019)^-20,000 = 3e-17: nothing after period 20,000 can change the sum.
    const args = (horizon: number) => [BG_BLOCK, GG_BLOCK, column([2, 5]), column([30.43, 20]), column([38.86, 38]), column([22.35, 40]), horizon, 0.0019, 0.3, at];
    const full = await outcome(clv, ...args(100_000));
    const part = await outcome(clv, ...args(20_000));
    expect("value" in full).toBe(true);
    const [a, b] = (full as { value: number[][] }).value.map((r) => r[0]);
    const [c, d] = (part as { value: number[][] }).value.map((r) => r[0]);
    expect(a / c).toBeCloseTo(1, 14);
    expect(b / d).toBeCloseTo(1, 14);
  });

  it("refuses at once, stating the limit, when distinct histories × periods are too many", async () => {
    const n = 3000;
    const r = await outcome(
      clv,
      BG_BLOCK,
      GG_BLOCK,
      column(Array.from({ length: n }, (_, i) => 1 + (i % 7))),
      column(Array.from({ length: n }, () => 10)),
      column(Array.from({ length: n }, (_, i) => 20 + i / 1000)),
      column(Array.from({ length: n }, () => 30)),
      100_000,
      1e-9,
      1,
      at,
    );
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringContaining(`more than the limit of ${CLV_TERM_LIMIT.toLocaleString("en-US")}`) });
    expect((r as { message: string }).message).toContain("3,000 distinct (frequency, T) × 100,000 periods");
  });
});

describe("CXM.GAMMAGAMMA.FIT at 100,000 rows", () => {
  it("CDNOW repeated 43 times (101,351 customers) gives Fader & Hardie's estimates (p 6.25, q 3.74, γ 15.44)", async () => {
    const c = loadCdnow();
    const n = c.frequency.length * 43;
    const f = column(Array.from({ length: n }, (_, i) => c.frequency[i % c.frequency.length]));
    const m = column(Array.from({ length: n }, (_, i) => c.monetary[i % c.frequency.length]));
    const r = (await outcome(gammagammaFit, f, m, at)) as { value: number[][] };
    expect(r.value[0]).toEqual(["p", "q", "gamma"]);
    expect(r.value[1][0]).toBeCloseTo(6.25, 2);
    expect(r.value[1][1]).toBeCloseTo(3.74, 2);
    expect(r.value[1][2]).toBeCloseTo(15.44, 1);
  });

  it("spends whose likelihood has no maximum (q → ∞): #NUM!, not a silent q of millions", async () => {
    // Frequencies 1-10 and mean spends uniform on 0-100, independent: the likelihood keeps rising as q
    // and γ grow together (it answered q ≈ 2.4 million before). No Gamma-Gamma model fits best.
    const u = seededRandom(5);
    const n = 20_000;
    const x: number[] = [], m: number[] = [];
    for (let i = 0; i < n; i++) {
      x.push(1 + Math.floor(u() * 10));
      m.push(u() * 100);
    }
    expect(await outcome(gammagammaFit, column(x), column(m), at)).toEqual({ error: "#NUM!", message: undefined });
  });
});
