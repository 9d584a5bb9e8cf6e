jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn() }));

import { readBlankAreas } from "../../src/excel/blank-cells";
import { ces, cesAgree, csat, enps, nps, npsBreakdown, npsCi, npsCounts, npsMoe, npsTest } from "../../src/functions/survey";
import { npsInterval } from "../../src/metrics/nps-interval";
import { column, invocationAt, outcome } from "../support/call";
import { errorValue } from "../support/custom-functions-stub";

const blankAreas = readBlankAreas as jest.MockedFunction<typeof readBlankAreas>;
const noAddress = invocationAt();

beforeEach(() => blankAreas.mockReset());

describe("CXM.NPS", () => {
  it("skips blanks, text and booleans like AVERAGE", async () => {
    // Counted: 10, 9 (promoters), 7 (passive), 3 (detractor) -> (2 - 1) / 4 = 25 points.
    const scores = column([10, null, "", "n/a", 9, true, 7, 3]);
    expect(await outcome(nps, scores, noAddress)).toEqual({ value: 25 });
  });

  it("reads a 2-D, ragged range row by row", async () => {
    expect(await outcome(nps, [[10, 10], [0], [8, 9, 1]], noAddress)).toEqual({ value: (100 * (3 - 2)) / 6 });
  });

  it("names the value and the cell of an invalid score", async () => {
    const r = await outcome(nps, column([9, 10, 11]), invocationAt("Survey!C2:C4"));
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringContaining("Survey!C4 holds 11") });
    const half = await outcome(nps, column([7.5]), noAddress);
    expect(half).toEqual({ error: "#VALUE!", message: expect.stringContaining("row 1, column 1 of scores holds 7.5") });
    const negative = await outcome(nps, column([-1]), invocationAt("'Q1 data'!B2:B2"));
    expect(negative).toEqual({ error: "#VALUE!", message: expect.stringContaining("'Q1 data'!B2 holds -1") });
  });

  it("propagates an error value from the range", async () => {
    const r = await outcome(nps, column([9, errorValue("#N/A"), 10]), invocationAt("Sheet1!B2:B4"));
    expect(r).toEqual({ error: "#N/A", message: expect.stringContaining("Sheet1!B3") });
  });

  it("is #DIV/0! when there is no answer at all", async () => {
    expect(await outcome(nps, column([null, "text"]), noAddress)).toEqual({ error: "#DIV/0!", message: undefined });
  });

  describe("blank cells that Excel desktop passes as 0", () => {
    it("asks Excel which zeros are empty cells and counts only the real zeros", async () => {
      // B2:B7 = 9, (blank), (blank), 10, 0, (blank): desktop passes the blanks as 0.
      // Excel reports B3:B4 and B7 empty, so only B6 is a real 0 (a detractor): NPS = (2 - 1) / 3.
      blankAreas.mockResolvedValue([
        { row: 1, column: 0, rows: 2, columns: 1 },
        { row: 5, column: 0, rows: 1, columns: 1 },
      ]);
      const r = await outcome(nps, column([9, 0, 0, 10, 0, 0]), invocationAt("Sheet1!B2:B7"));
      expect(r).toEqual({ value: 100 / 3 });
      // Only the box spanning the zeros (rows 1..5 of the range) is asked about.
      expect(blankAreas).toHaveBeenCalledWith("Sheet1!B2:B7", { row: 1, column: 0, rows: 5, columns: 1 });
    });

    it("counts zeros without asking when the argument is an array constant (no address)", async () => {
      const r = await outcome(nps, column([0, 10]), noAddress);
      expect(r).toEqual({ value: 0 });
      expect(blankAreas).not.toHaveBeenCalled();
    });

    it("does not ask when there is no zero", async () => {
      await outcome(nps, column([5, 10]), invocationAt("Sheet1!B2:B3"));
      expect(blankAreas).not.toHaveBeenCalled();
    });

    it("gives #VALUE! with a message when Excel cannot be asked", async () => {
      blankAreas.mockRejectedValue(new Error("RichApi.Error: busy"));
      const r = await outcome(nps, column([0, 10]), invocationAt("Sheet1!B2:B3"));
      expect(r).toEqual({ error: "#VALUE!", message: expect.stringContaining("Could not check whether the zeros in scores are empty cells") });
    });
  });
});

describe("CXM.NPS.COUNTS, BREAKDOWN, CI, MOE, TEST, ENPS", () => {
  it("NPS.COUNTS takes counts, numeric text and blank-as-0, like Excel arithmetic", async () => {
    expect(await outcome(npsCounts, 3, 2, 1)).toEqual({ value: 100 / 3 });
    expect(await outcome(npsCounts, "3", [[2]], null)).toEqual({ value: 60 });
    expect(await outcome(npsCounts, "three", 2, 1)).toEqual({ error: "#VALUE!", message: expect.stringContaining('promoters expects a number, but got the text "three"') });
    expect(await outcome(npsCounts, [[1, 2]], 2, 1)).toEqual({ error: "#VALUE!", message: expect.stringContaining("promoters expects a single value") });
  });

  it("NPS.BREAKDOWN spills a labelled table", async () => {
    const r = await outcome(npsBreakdown, column([10, 9, 8, 1]), noAddress);
    expect(r).toEqual({
      value: [
        ["Group", "Count", "Share"],
        ["Promoters", 2, 0.5],
        ["Passives", 1, 0.25],
        ["Detractors", 1, 0.25],
        ["Total", 4, 1],
      ],
    });
  });

  it("NPS.CI spills [low, high] equal to the metrics core, with 0.95 when confidence is omitted (null)", async () => {
    // Counts 3 promoters, 2 passives, 1 detractor: see test/metrics/nps-interval.test.ts for the arithmetic.
    const scores = column([10, 9, 9, 8, 7, 0]);
    const expected = npsInterval({ promoters: 3, passives: 2, detractors: 1 }, 0.95);
    expect(await outcome(npsCi, scores, null, noAddress)).toEqual({ value: [[expected.low, expected.high]] });
    expect(await outcome(npsMoe, scores, 0.95, noAddress)).toEqual({ value: expected.marginOfError });
    expect(await outcome(npsCi, scores, 95, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("confidence must be between 0 and 1") });
  });

  it("NPS.TEST compares two ranges, confirming zeros in each against its own address", async () => {
    blankAreas.mockResolvedValue([]);
    // a: NPS +60 (4 promoters, 1 detractor per 5), b: NPS -60, 15 answers each.
    const a = column([10, 10, 10, 9, 0, 10, 10, 10, 9, 0, 10, 10, 10, 9, 0]);
    const b = column([0, 0, 1, 2, 10, 0, 0, 1, 2, 10, 0, 0, 1, 2, 10]);
    const r = await outcome(npsTest, a, b, invocationAt("A!B2:B16", "A!C2:C16"));
    expect(r).toEqual({ value: expect.any(Number) });
    expect((r as { value: number }).value).toBeLessThan(0.05);
    expect(blankAreas).toHaveBeenCalledWith("A!C2:C16", expect.anything());
    expect(await outcome(npsTest, a, column([null]), noAddress)).toEqual({ error: "#DIV/0!", message: undefined });
  });

  it("ENPS follows the NPS rule", async () => {
    expect(await outcome(enps, column([9, 6]), noAddress)).toEqual({ value: 0 });
  });
});

describe("CXM.CSAT and CES", () => {
  it("CSAT defaults to top-2-box and rejects a real 0 on a 1-5 scale", async () => {
    // Delighted: 74 of 107 answers at 4-5 -> 69.2%.
    const answers = [...Array(8).fill(1), ...Array(10).fill(2), ...Array(15).fill(3), ...Array(40).fill(4), ...Array(34).fill(5)];
    expect(await outcome(csat, column(answers), null, noAddress)).toEqual({ value: 74 / 107 });
    expect(await outcome(csat, column([5, 0]), null, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("holds 0, which is not a valid score") });
  });

  it("CSAT ignores a 0 that Excel confirms is an empty cell", async () => {
    blankAreas.mockResolvedValue([{ row: 1, column: 0, rows: 1, columns: 1 }]);
    expect(await outcome(csat, column([5, 0, 3]), null, invocationAt("S!A1:A3"))).toEqual({ value: 0.5 });
  });

  it("CES is the mean; CES.AGREE counts the top boxes", async () => {
    expect(await outcome(ces, column([7, 6, 5, 2]), noAddress)).toEqual({ value: 5 });
    expect(await outcome(cesAgree, column([7, 6, 5, 2]), null, noAddress)).toEqual({ value: 0.75 });
    expect(await outcome(cesAgree, column([5, 4, 3, 2]), 5, noAddress)).toEqual({ value: 0.5 });
    expect(await outcome(ces, column([8]), noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("a whole number from 1 to 7") });
  });
});
