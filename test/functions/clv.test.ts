jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn() }));

import { readBlankAreas } from "../../src/excel/blank-cells";
import { bgnbdExpected, bgnbdFit, bgnbdPalive, clv, gammagammaFit, gammagammaSpend } from "../../src/functions/clv";
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive } from "../../src/metrics/clv/bgnbd";
import { customerLifetimeValue } from "../../src/metrics/clv/clv";
import { gammaGammaExpectedSpend } from "../../src/metrics/clv/gamma-gamma";
import { loadCdnow } from "../metrics/clv/cdnow";
import { column, invocationAt, outcome } from "../support/call";
import { errorValue } from "../support/custom-functions-stub";

const blankAreas = readBlankAreas as jest.MockedFunction<typeof readBlankAreas>;
beforeEach(() => blankAreas.mockReset());

const noAddress = invocationAt();
/** Fader, Hardie & Lee (2005): CDNOW estimates, as a value row (r, alpha, a, b) and as the FIT block. */
const FHL_ROW = [[0.243, 4.414, 0.793, 2.426]];
const FHL_BLOCK = [["r", "alpha", "a", "b", "loglik"], [0.243, 4.414, 0.793, 2.426, -9582.4]];
const FHL = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
/** Fader & Hardie (2013): CDNOW Gamma-Gamma estimates. */
const FH_GG_BLOCK = [["p", "q", "gamma"], [6.25, 3.74, 15.44]];
const FH_GG = { p: 6.25, q: 3.74, gamma: 15.44 };

const valueOf = (o: Awaited<ReturnType<typeof outcome>>) => {
  if (!("value" in o)) throw new Error(`expected a value, got ${JSON.stringify(o)}`);
  return o.value as any[][];
};

describe("CXM.BGNBD.FIT", () => {
  it("fits CDNOW given as Excel columns with a header row and empty rows: Fader, Hardie & Lee (2005)", async () => {
    const cdnow = loadCdnow();
    // A header row of text and two empty rows, as a selection of a sheet would have them.
    const col = (name: string, values: number[]) => column([name, ...values.slice(0, 1000), null, "", ...values.slice(1000)]);
    const o = await outcome(bgnbdFit, col("frequency", cdnow.frequency), col("recency", cdnow.recency), col("T", cdnow.T), noAddress);
    const [labels, values] = valueOf(o);
    expect(labels).toEqual(["r", "alpha", "a", "b", "loglik"]);
    // r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4 (FHL 2005).
    [0.243, 4.414, 0.793, 2.426].forEach((v, i) => expect(Math.abs(values[i] - v)).toBeLessThan(5e-4));
    expect(Math.abs(values[4] - -9582.4)).toBeLessThan(0.05);
  });

  it("is #NUM! when the fit cannot converge (every customer bought steadily up to T: no drop-out to estimate)", async () => {
    const o = await outcome(bgnbdFit, column([5, 5, 5, 5]), column([10, 10, 10, 10]), column([10, 10, 10, 10]), noAddress);
    expect(o).toEqual({ error: "#NUM!", message: undefined });
  });

  it("is #NUM! when no customer made a repeat purchase, and #N/A when there are no customers", async () => {
    expect(await outcome(bgnbdFit, column([0, 0]), column([0, 0]), column([20, 30]), noAddress)).toEqual({ error: "#NUM!", message: undefined });
    expect(await outcome(bgnbdFit, column([null, "x"]), column([null, "y"]), column([null, "z"]), noAddress)).toEqual({
      error: "#N/A",
      message: expect.stringContaining("no customers"),
    });
  });

  it("says when the ranges differ in size", async () => {
    const o = await outcome(bgnbdFit, column([1, 2, 0]), column([3, 4]), column([10, 10, 10]), noAddress);
    expect(o).toEqual({ error: "#VALUE!", message: expect.stringContaining("frequency (3×1), recency (2×1), T (3×1)") });
  });

  it("names the cell of an impossible value", async () => {
    const at = invocationAt("Data!B2:B4", "Data!C2:C4", "Data!D2:D4");
    const call = (f: number[], r: number[], T: number[]) => outcome(bgnbdFit, column(f), column(r), column(T), at);
    expect(await call([1, -2, 0], [3, 4, 0], [10, 10, 10])).toEqual({ error: "#VALUE!", message: expect.stringContaining("Data!B3 is -2") });
    expect(await call([1, 2.5, 0], [3, 4, 0], [10, 10, 10])).toEqual({ error: "#VALUE!", message: expect.stringMatching(/Data!B3 is 2.5; .*whole number/) });
    expect(await call([1, 2, 0], [3, 14, 0], [10, 10, 10])).toEqual({ error: "#VALUE!", message: expect.stringContaining("Data!C3 is 14, after T (10)") });
  });

  it("says which value a customer lacks (a partly filled row)", async () => {
    const o = await outcome(bgnbdFit, column([1, 2]), column([3, "n/a"]), column([10, 10]), invocationAt("S!B2:B3", "S!C2:C3", "S!D2:D3"));
    expect(o).toEqual({ error: "#VALUE!", message: expect.stringContaining('S!C3 holds the text "n/a", but frequency and T have values there') });
  });

  it("propagates an error value from a range, naming its cell", async () => {
    const o = await outcome(bgnbdFit, column([1, 2]), column([3, 4]), column([10, errorValue("#N/A")]), invocationAt("S!B2:B3", "S!C2:C3", "S!D2:D3"));
    expect(o).toEqual({ error: "#N/A", message: expect.stringContaining("S!D3") });
    // Excel shows no message with #DIV/0!, but the error itself still propagates.
    const div0 = await outcome(bgnbdFit, column([1, errorValue("#DIV/0!")]), column([3, 4]), column([10, 10]), noAddress);
    expect(div0).toEqual({ error: "#DIV/0!", message: undefined });
  });
});

describe("CXM.BGNBD.PALIVE and CXM.BGNBD.EXPECTED", () => {
  const frequency = column([2, null, 0, 7]);
  const recency = column([30.43, null, 0, 20]);
  const T = column([38.86, null, 38.86, 38]);

  it("take params as the FIT block, its value row (with or without loglik) or the block transposed", async () => {
    const want = [[bgnbdProbabilityAlive(FHL, 2, 30.43, 38.86)], [""], [1], [bgnbdProbabilityAlive(FHL, 7, 20, 38)]];
    const transposed = FHL_BLOCK[0].map((label, i) => [label, FHL_BLOCK[1][i]]);
    for (const params of [FHL_BLOCK, FHL_ROW, [FHL_BLOCK[1]], transposed]) {
      expect(valueOf(await outcome(bgnbdPalive, params, frequency, recency, T, noAddress))).toEqual(want);
    }
  });

  it("spill one value per customer in the inputs' shape (a row of customers spills a row)", async () => {
    const o = await outcome(bgnbdPalive, FHL_ROW, [[2, 0]], [[30.43, 0]], [[38.86, 38.86]], noAddress);
    expect(valueOf(o)).toEqual([[bgnbdProbabilityAlive(FHL, 2, 30.43, 38.86), 1]]);
  });

  it("EXPECTED: customer 1 of CDNOW expects 1.226 purchases in the next 39 weeks (FHL 2005)", async () => {
    const o = valueOf(await outcome(bgnbdExpected, FHL_BLOCK, 39, frequency, recency, T, noAddress));
    expect(Math.abs(o[0][0] - 1.226)).toBeLessThan(5e-4);
    expect(o[1][0]).toBe("");
    expect(o[3][0]).toBeCloseTo(bgnbdConditionalExpectedPurchases(FHL, 39, 7, 20, 38), 12);
  });

  it("say what is wrong with params", async () => {
    const three = await outcome(bgnbdPalive, [[0.2, 4, 0.8]], frequency, recency, T, noAddress);
    expect(three).toEqual({ error: "#VALUE!", message: expect.stringContaining("params must be the block CXM.BGNBD.FIT returns") });
    const negative = await outcome(bgnbdPalive, [[0.2, -4, 0.8, 2]], frequency, recency, T, noAddress);
    expect(negative).toEqual({ error: "#VALUE!", message: expect.stringContaining("alpha must be a number above 0") });
    const missing = await outcome(bgnbdPalive, [["r", "alpha", "a"], [0.2, 4, 0.8]], frequency, recency, T, noAddress);
    expect(missing).toEqual({ error: "#VALUE!", message: expect.stringContaining('no "b" label') });
    const t = await outcome(bgnbdExpected, FHL_ROW, "soon", frequency, recency, T, noAddress);
    expect(t).toEqual({ error: "#VALUE!", message: expect.stringContaining('t expects a number, but got the text "soon"') });
  });

  it("skip rows of empty cells that Excel desktop passed as 0, after asking Excel", async () => {
    // B2:D4: customer (2, 30.43, 38.86), then two rows desktop passes as (0, 0, 0); Excel reports
    // row 3 (offset 1) empty in every column and row 4 (offset 2) holding real zeros.
    blankAreas.mockResolvedValue([{ row: 1, column: 0, rows: 1, columns: 1 }]);
    const o = await outcome(bgnbdPalive, FHL_ROW, column([2, 0, 0]), column([30.43, 0, 0]), column([38.86, 0, 0]), invocationAt("S!A1:D1", "S!B2:B4", "S!C2:C4", "S!D2:D4"));
    expect(valueOf(o)).toEqual([[bgnbdProbabilityAlive(FHL, 2, 30.43, 38.86)], [""], [1]]);
    expect(blankAreas).toHaveBeenCalledWith("S!B2:B4", { row: 1, column: 0, rows: 2, columns: 1 });
  });
});

describe("CXM.GAMMAGAMMA.FIT and CXM.GAMMAGAMMA.SPEND", () => {
  it("FIT reproduces Fader & Hardie (2013) on CDNOW; customers with frequency 0 are left out, their monetary may be empty", async () => {
    const cdnow = loadCdnow();
    const monetary = cdnow.monetary.map((m, i) => (cdnow.frequency[i] === 0 ? null : m));
    const [labels, values] = valueOf(await outcome(gammagammaFit, column(cdnow.frequency), column(monetary), noAddress));
    expect(labels).toEqual(["p", "q", "gamma"]);
    // p = 6.25, q = 3.74, γ = 15.44 (see test/metrics/clv/gamma-gamma.test.ts on γ's last digit).
    expect(Math.abs(values[0] - 6.25)).toBeLessThan(0.005);
    expect(Math.abs(values[1] - 3.74)).toBeLessThan(0.005);
    expect(Math.abs(values[2] - 15.44)).toBeLessThan(0.01);
  });

  it("FIT is #NUM! when every customer spends the same (nothing to fit the spread to)", async () => {
    expect(await outcome(gammagammaFit, column([1, 2, 3, 4]), column([10, 10, 10, 10]), noAddress)).toEqual({ error: "#NUM!", message: undefined });
  });

  it("names a repeat customer's missing or non-positive spend", async () => {
    const at = invocationAt("S!B2:B3", "S!C2:C3");
    expect(await outcome(gammagammaFit, column([1, 2]), column([10, 0]), at)).toEqual({ error: "#VALUE!", message: expect.stringContaining("S!C3 is 0") });
    expect(await outcome(gammagammaFit, column([1, 2]), column([10, null]), at)).toEqual({ error: "#VALUE!", message: expect.stringContaining("S!C3 is empty or not a number") });
  });

  it("SPEND: customer 1 of CDNOW (x = 2, m̄ = 22.35) → 6.25·(15.44 + 44.7)/(12.5 + 2.74) = 24.664; a newcomer gets the mean pγ/(q − 1)", async () => {
    const o = valueOf(await outcome(gammagammaSpend, FH_GG_BLOCK, column([2, 0, null]), column([22.35, null, null]), noAddress));
    expect(o[0][0]).toBeCloseTo((6.25 * 60.14) / 15.24, 10);
    expect(o[1][0]).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
    expect(o[2][0]).toBe("");
  });
});

describe("CXM.CLV", () => {
  const args = [column([2, 0, null]), column([30.43, 0, null]), column([38.86, 20, null]), column([22.35, null, null])];

  it("defaults to 52 periods, no discounting and margin 1 when the optional arguments are omitted (null)", async () => {
    const o = valueOf(await outcome(clv, FHL_BLOCK, FH_GG_BLOCK, ...args, null, null, null, noAddress));
    const defaults = { periods: 52, discountRate: 0, margin: 1 };
    expect(o[0][0]).toBeCloseTo(customerLifetimeValue(FHL, FH_GG, { frequency: 2, recency: 30.43, T: 38.86, monetary: 22.35 }, defaults), 10);
    // Without discounting, CLV = spend × E[Y(52)] (the sum telescopes).
    expect(o[0][0]).toBeCloseTo(gammaGammaExpectedSpend(FH_GG, 2, 22.35) * bgnbdConditionalExpectedPurchases(FHL, 52, 2, 30.43, 38.86), 10);
    expect(o[1][0]).toBeCloseTo(((6.25 * 15.44) / 2.74) * bgnbdConditionalExpectedPurchases(FHL, 52, 0, 0, 20), 10);
    expect(o[2][0]).toBe("");
  });

  it("discounts per period and applies the margin, taking params as value rows", async () => {
    const o = valueOf(await outcome(clv, FHL_ROW, [[6.25, 3.74, 15.44]], ...args, 26, 0.002, 0.3, noAddress));
    const want = customerLifetimeValue(FHL, FH_GG, { frequency: 2, recency: 30.43, T: 38.86, monetary: 22.35 }, { periods: 26, discountRate: 0.002, margin: 0.3 });
    expect(o[0][0]).toBeCloseTo(want, 10);
  });

  it("says what is wrong with the options and with monetary", async () => {
    expect(await outcome(clv, FHL_BLOCK, FH_GG_BLOCK, ...args, 52, -0.1, 1, noAddress)).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining("discount_rate_per_period must be a fraction of 0 or more"),
    });
    expect(await outcome(clv, FHL_BLOCK, FH_GG_BLOCK, ...args, 52, 0, 80, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("margin must be a fraction") });
    const noSpend = [args[0], args[1], args[2], column([null, null, null])];
    const at = invocationAt("S!A1:E2", "S!G1:I2", "S!B5:B7", "S!C5:C7", "S!D5:D7", "S!E5:E7");
    expect(await outcome(clv, FHL_BLOCK, FH_GG_BLOCK, ...noSpend, null, null, null, at)).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining("S!E5 is empty or not a number; a customer with repeat purchases needs their mean spend"),
    });
    expect(await outcome(clv, FH_GG_BLOCK, FHL_BLOCK, ...args, null, null, null, noAddress)).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining("bgnbd_params has the labels p, q, gamma, not r, alpha, a, b"),
    });
  });
});
