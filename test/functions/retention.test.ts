jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn() }));

import { readBlankAreas } from "../../src/excel/blank-cells";
import { bdwFit, bdwSurvivalFn, sbgDelFn, sbgDerlFn, sbgFit, sbgRetentionFn, sbgSurvivalFn } from "../../src/functions/retention";
import { fitSbg } from "../../src/metrics/retention/sbg-fit";
import { sbgSurvival } from "../../src/metrics/retention/sbg";
import { sbgDel, sbgDerl } from "../../src/metrics/retention/sbg-value";
import { loadBundle } from "../support/load-bundle";
import { column, invocationAt, outcome } from "../support/call";
import { errorValue } from "../support/custom-functions-stub";
import { HIGH_END, PUBLISHED, REGULAR } from "../metrics/retention/berry-linoff";

const blankAreas = readBlankAreas as jest.MockedFunction<typeof readBlankAreas>;
beforeEach(() => blankAreas.mockReset());

const noAddress = invocationAt();
const HIGH_BLOCK = [["alpha", "beta", "loglik", "periods"], [0.668, 3.806, -1611.2, 7]];

const valueOf = (o: Awaited<ReturnType<typeof outcome>>) => {
  if (!("value" in o)) throw new Error(`expected a value, got ${JSON.stringify(o)}`);
  return o.value as any[][];
};

describe("CXM.SBG.FIT", () => {
  it("fits Fader & Hardie's high-end cohort, years 0–7, given as a column under a heading: α 0.668, β 3.806", async () => {
    const [labels, values] = valueOf(await outcome(sbgFit, column(["High end", ...HIGH_END.slice(0, 8)]), noAddress));
    expect(labels).toEqual(["alpha", "beta", "loglik", "periods"]);
    expect(Math.abs(values[0] - 0.668)).toBeLessThan(5e-4);
    expect(Math.abs(values[1] - 3.806)).toBeLessThan(5e-4);
    expect(values[3]).toBe(7);
  });

  it("fits a triangle (one cohort per column, blank beyond each age) jointly, as the metrics core does", async () => {
    const ages = [7, 5, 2];
    const cohorts = [HIGH_END, REGULAR, HIGH_END].map((s, j) => s.slice(0, ages[j] + 1));
    const grid = Array.from({ length: 9 }, (_, r) => cohorts.map((c) => (r === 0 ? "cohort" : c[r - 1] ?? null)));
    const [, values] = valueOf(await outcome(sbgFit, grid, noAddress));
    const core = fitSbg(cohorts);
    expect(values[0]).toBeCloseTo(core.params.alpha, 10);
    expect(values[2]).toBeCloseTo(core.logLikelihood, 8);
    expect(values[3]).toBe(7);
  });

  it("reads a single row as one cohort", async () => {
    const [, values] = valueOf(await outcome(sbgFit, [HIGH_END.slice(0, 8)], noAddress));
    expect(Math.abs(values[1] - 3.806)).toBeLessThan(5e-4);
  });

  it("reads zeros that are empty cells (Excel desktop) as blanks, after asking Excel", async () => {
    // B2:C10: cohort 1 (8 counts) then a blank passed as 0; cohort 2 has 3 counts, then 0s Excel says are empty.
    const grid = Array.from({ length: 9 }, (_, r) => [r < 8 ? HIGH_END[r] : 0, r < 3 ? REGULAR[r] : 0]);
    blankAreas.mockResolvedValue([
      { row: 8, column: 0, rows: 1, columns: 1 },
      { row: 3, column: 1, rows: 6, columns: 1 },
    ]);
    const [, values] = valueOf(await outcome(sbgFit, grid, invocationAt("Data!B2:C10")));
    const core = fitSbg([HIGH_END.slice(0, 8), REGULAR.slice(0, 3)]);
    expect(values[0]).toBeCloseTo(core.params.alpha, 10);
    expect(blankAreas).toHaveBeenCalledWith("Data!B2:C10", { row: 3, column: 0, rows: 6, columns: 2 });
  });

  it("counts a real 0 (everyone left) when Excel says the cell holds one", async () => {
    blankAreas.mockResolvedValue([]);
    const grid = HIGH_END.slice(0, 8).map((n, r) => [n, [10, 4, 0][r] ?? null]);
    const o = await outcome(sbgFit, grid, invocationAt("S!A1:B8"));
    const core = fitSbg([HIGH_END.slice(0, 8), [10, 4, 0]]);
    expect(valueOf(o)[1][1]).toBeCloseTo(core.params.beta, 10);
    expect(blankAreas).toHaveBeenCalledWith("S!A1:B8", { row: 2, column: 1, rows: 1, columns: 1 });
  });

  it("takes a full-column reference (1,048,576 rows) holding one cohort and blanks", async () => {
    const full: unknown[][] = Array.from({ length: 1_048_576 }, () => [null]);
    full[0] = ["Regular"];
    REGULAR.slice(0, 8).forEach((n, i) => (full[i + 1] = [n]));
    const [, values] = valueOf(await outcome(sbgFit, full, invocationAt("S!A:A")));
    expect(Math.abs(values[0] - PUBLISHED.regular.alpha)).toBeLessThan(5e-4);
  });

  it("names the cell of a count that cannot be, or of a gap inside a cohort", async () => {
    const at = invocationAt("S!B2:B6");
    expect(await outcome(sbgFit, column([100, 80, 90]), at)).toEqual({ error: "#VALUE!", message: expect.stringContaining("S!B4 is 90, more than the 80") });
    expect(await outcome(sbgFit, column([100, 80, null, 70]), at)).toEqual({ error: "#VALUE!", message: expect.stringContaining("S!B5 holds 70 below the empty S!B4") });
    expect(await outcome(sbgFit, column([100, "n/a", 70]), at)).toEqual({ error: "#VALUE!", message: expect.stringContaining('S!B3 holds the text "n/a"') });
    expect(await outcome(sbgFit, column([100, errorValue("#N/A")]), at)).toEqual({ error: "#N/A", message: expect.stringContaining("S!B3") });
    expect(await outcome(sbgFit, column(["x", null]), at)).toEqual({ error: "#N/A", message: expect.stringContaining("holds no survivor counts") });
  });

  it("is #NUM! when the data have no best-fitting sBG (nobody leaves)", async () => {
    expect(await outcome(sbgFit, column([100, 100, 100]), noAddress)).toEqual({ error: "#NUM!", message: undefined });
  });
});

describe("CXM.SBG.SURVIVAL and CXM.SBG.RETENTION", () => {
  it("take params as the FIT block, its value row or the block transposed, and spill over a range of t", async () => {
    const want = [[1], [sbgSurvival(PUBLISHED.highEnd, 7)], [""], [sbgSurvival(PUBLISHED.highEnd, 12)]];
    const transposed = HIGH_BLOCK[0].map((label, i) => [label, HIGH_BLOCK[1][i]]);
    for (const params of [HIGH_BLOCK, [[0.668, 3.806]], [HIGH_BLOCK[1]], transposed]) {
      expect(valueOf(await outcome(sbgSurvivalFn, params, column([0, 7, "t", 12]), noAddress))).toEqual(want);
    }
  });

  it("leaves an empty cell that arrived as 0 empty, and keeps a real 0", async () => {
    blankAreas.mockResolvedValue([{ row: 1, column: 0, rows: 1, columns: 1 }]);
    const o = valueOf(await outcome(sbgSurvivalFn, HIGH_BLOCK, column([0, 0, 3]), invocationAt("S!A1:D2", "S!F2:F4")));
    expect(o).toEqual([[1], [""], [sbgSurvival(PUBLISHED.highEnd, 3)]]);
  });

  it("RETENTION is (β + t − 1)/(α + β + t − 1) from t = 1, and names a t that cannot be", async () => {
    const o = valueOf(await outcome(sbgRetentionFn, HIGH_BLOCK, [[1, 2]], noAddress));
    expect(o[0][0]).toBeCloseTo(3.806 / 4.474, 12);
    expect(o[0][1]).toBeCloseTo(4.806 / 5.474, 12);
    blankAreas.mockResolvedValue([]);
    expect(await outcome(sbgRetentionFn, HIGH_BLOCK, column([1, 0]), invocationAt("S!A1:D2", "S!F2:F3"))).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining("S!F3 is 0; t counts whole periods"),
    });
    expect(await outcome(sbgSurvivalFn, HIGH_BLOCK, 2.5, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("whole number") });
  });

  it("say what is wrong with params, even when t holds no number, and refuse an empty t", async () => {
    expect(await outcome(sbgSurvivalFn, [[0, 0]], column([null]), noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("alpha must be a number above 0") });
    expect(await outcome(sbgSurvivalFn, HIGH_BLOCK, [], noAddress)).toEqual({ error: "#VALUE!", message: "t is an empty range." });
    expect(await outcome(sbgSurvivalFn, [[0.7, 1.2, 3]], 1, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("params must be the block CXM.SBG.FIT returns") });
    expect(await outcome(sbgSurvivalFn, [["r", "alpha", "a", "b"], [1, 2, 3, 4]], 1, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining('no "beta" label') });
  });
});

describe("CXM.SBG.DEL and CXM.SBG.DERL", () => {
  it("are the core's DEL and DERL, and DEL = 1 + DERL(0)/(1 + d)", async () => {
    const del = valueOf(await outcome(sbgDelFn, HIGH_BLOCK, 0.1)) as unknown as number;
    const derl = valueOf(await outcome(sbgDerlFn, HIGH_BLOCK, 0.1, 0)) as unknown as number;
    expect(del).toBe(sbgDel(PUBLISHED.highEnd, 0.1));
    expect(derl).toBe(sbgDerl(PUBLISHED.highEnd, 0.1, 0));
    expect(del).toBeCloseTo(1 + derl / 1.1, 12);
  });

  it("are #NUM! undiscounted when the lifetime is infinite (α ≤ 1), and #VALUE! for impossible arguments", async () => {
    expect(await outcome(sbgDelFn, HIGH_BLOCK, 0)).toEqual({ error: "#NUM!", message: undefined });
    expect(await outcome(sbgDelFn, HIGH_BLOCK, "ten")).toEqual({ error: "#VALUE!", message: expect.stringContaining("discount_rate expects a number") });
    expect(await outcome(sbgDerlFn, HIGH_BLOCK, 0.1, -1)).toEqual({ error: "#VALUE!", message: expect.stringContaining("renewals counts whole periods") });
  });
});

describe("CXM.BDW.FIT and CXM.BDW.SURVIVAL", () => {
  it("fit and evaluate the BdW, labels alpha, beta, c, loglik, periods; with c = 1 the survival is the sBG's", async () => {
    const [labels, values] = valueOf(await outcome(bdwFit, column(REGULAR.slice(0, 8)), noAddress));
    expect(labels).toEqual(["alpha", "beta", "c", "loglik", "periods"]);
    expect(values[4]).toBe(7);
    const sbgLike = [["alpha", "beta", "c"], [0.704, 1.182, 1]];
    expect(valueOf(await outcome(bdwSurvivalFn, sbgLike, 5, noAddress))[0][0]).toBeCloseTo(sbgSurvival(PUBLISHED.regular, 5), 11);
    expect(await outcome(bdwSurvivalFn, HIGH_BLOCK, 5, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining('no "c" label') });
  });
});

describe("the built bundle", () => {
  const { associated } = loadBundle();

  it("associates every retention function and gives the same results as the sources", async () => {
    for (const id of ["SBG.FIT", "SBG.SURVIVAL", "SBG.RETENTION", "SBG.DEL", "SBG.DERL", "BDW.FIT", "BDW.SURVIVAL"]) expect(associated.has(id)).toBe(true);
    const fit = valueOf(await outcome(associated.get("SBG.FIT")!, column(HIGH_END.slice(0, 8)), noAddress));
    expect(Math.abs(fit[1][0] - 0.668)).toBeLessThan(5e-4);
    const del = (await outcome(associated.get("SBG.DEL")!, fit, 0.1)) as { value: number };
    expect(del.value).toBeCloseTo(sbgDel({ alpha: fit[1][0], beta: fit[1][1] }, 0.1), 12);
  });
});
