jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn() }));

import { readBlankAreas } from "../../src/excel/blank-cells";
import { churn, fcr, lift, netcustomers, referralrate, repeatrate, resolutionrate, retention } from "../../src/functions/customers";
import { arpa, cac, cacpayback, crc, grr, ltv, ltvcac, mrr, nrr, quickratio } from "../../src/functions/revenue";
import { aov, conversion, cpa, roas, rpv } from "../../src/functions/marketing";
import { column, invocationAt, outcome } from "../support/call";
import { errorValue } from "../support/custom-functions-stub";

const blankAreas = readBlankAreas as jest.MockedFunction<typeof readBlankAreas>;

describe("scalar functions follow Excel's argument rules", () => {
  it("compute from numbers and numeric text", async () => {
    expect(await outcome(churn, 200, 10)).toEqual({ value: 0.05 });
    expect(await outcome(churn, "200", " 10 ")).toEqual({ value: 0.05 });
    expect(await outcome(retention, 200, 210, 30)).toEqual({ value: 0.9 });
    expect(await outcome(netcustomers, 30, 20)).toEqual({ value: 10 });
    expect(await outcome(referralrate, 15, 300)).toEqual({ value: 0.05 });
    expect(await outcome(resolutionrate, 450, 500)).toEqual({ value: 0.9 });
    expect(await outcome(fcr, 350, 500)).toEqual({ value: 0.7 });
  });

  it("give #DIV/0! for a zero (or blank) denominator", async () => {
    expect(await outcome(churn, 0, 0)).toEqual({ error: "#DIV/0!", message: undefined });
    expect(await outcome(churn, null, 3)).toEqual({ error: "#DIV/0!", message: undefined });
    expect(await outcome(cac, 1000, [[null]])).toEqual({ error: "#DIV/0!", message: undefined });
  });

  it("give #VALUE! with a message for text, booleans and ranges", async () => {
    expect(await outcome(churn, "lots", 3)).toEqual({ error: "#VALUE!", message: expect.stringContaining("start_customers expects a number") });
    expect(await outcome(churn, true, 3)).toEqual({ error: "#VALUE!", message: expect.stringContaining("got TRUE") });
    expect(await outcome(churn, [[1], [2]], 3)).toEqual({ error: "#VALUE!", message: expect.stringContaining("single value") });
    expect(await outcome(churn, -5, 3)).toEqual({ error: "#VALUE!", message: expect.stringContaining("start_customers must be a number of 0 or more") });
  });

  it("propagate an error value", async () => {
    expect(await outcome(churn, errorValue("#DIV/0!"), 3)).toEqual({ error: "#DIV/0!", message: undefined });
  });
});

describe("revenue and marketing functions", () => {
  it("reproduce ChartMogul's NRR/GRR example and the LTV chain from the issue", async () => {
    expect(await outcome(nrr, 100, 10, 10, 10)).toEqual({ value: 0.9 });
    expect(await outcome(grr, 100, 10, 10)).toEqual({ value: 0.8 });
    expect(await outcome(quickratio, 30, 10, 5, 5)).toEqual({ value: 4 });
    // =CXM.LTVCAC(CXM.LTV(120, 0.8, 0.03), 900) = 3200 / 900.
    const life = (await outcome(ltv, 120, 0.8, 0.03, null)) as { value: number };
    expect(life.value).toBeCloseTo(3200, 9);
    expect(((await outcome(ltvcac, life.value, 900)) as { value: number }).value).toBeCloseTo(3.5556, 4);
    expect(((await outcome(ltv, 120, 0.8, 0.03, 0.01)) as { value: number }).value).toBeCloseTo(2400, 9);
    expect(await outcome(cacpayback, 900, 120, 0.8)).toEqual({ value: 9.375 });
    expect(await outcome(crc, 15000, 1200)).toEqual({ value: 12.5 });
    expect(await outcome(arpa, 12000, 150)).toEqual({ value: 80 });
    expect(await outcome(cac, 90000, 100)).toEqual({ value: 900 });
  });

  it("MRR sums a range, skipping blanks and text, normalising by months_per_period", async () => {
    expect(await outcome(mrr, column([100, null, "n/a", 250, 1200]), null)).toEqual({ value: 1550 });
    expect(await outcome(mrr, column([1200, 2400]), 12)).toEqual({ value: 300 });
    expect(await outcome(mrr, column([100, -5]), null)).toEqual({ error: "#VALUE!", message: expect.stringContaining("row 2, column 1 of amounts is negative (-5)") });
    expect(await outcome(mrr, column([100, errorValue("#N/A")]), null)).toEqual({ error: "#N/A", message: expect.stringContaining("row 2") });
  });

  it("marketing ratios", async () => {
    expect(await outcome(conversion, 45, 1500)).toEqual({ value: 0.03 });
    expect(await outcome(aov, 12500, 250)).toEqual({ value: 50 });
    expect(await outcome(rpv, 12500, 5000)).toEqual({ value: 2.5 });
    expect(await outcome(cpa, 5000, 125)).toEqual({ value: 40 });
    expect(await outcome(roas, 20000, 5000)).toEqual({ value: 4 });
  });
});

describe("CXM.REPEATRATE", () => {
  it("counts ids with more than one row, skipping blanks and trimming text", async () => {
    expect(await outcome(repeatrate, column(["a", "b", " a", null, "c", "c", ""]))).toEqual({ value: 2 / 3 });
    expect(await outcome(repeatrate, column([null]))).toEqual({ error: "#DIV/0!", message: undefined });
  });
});

describe("CXM.LIFT", () => {
  beforeEach(() => blankAreas.mockReset());

  it("spills [ratio, low, high] from TRUE/FALSE or 1/0 columns", async () => {
    // Group (not solved at first contact): 2 of 4 churned; rest: 1 of 8 -> RR = 0.5 / 0.125 = 4.
    const outcomeCol = column([true, true, false, false, 1, 0, 0, 0, 0, 0, 0, 0]);
    const groupCol = column([1, 1, 1, 1, false, false, false, false, false, false, false, "FALSE"]);
    const r = (await outcome(lift, outcomeCol, groupCol, invocationAt())) as { value: number[][] };
    expect(r.value[0][0]).toBeCloseTo(4, 12);
    expect(r.value[0][1]).toBeLessThan(4);
    expect(r.value[0][2]).toBeGreaterThan(4);
  });

  it("skips rows whose cells are empty, including zeros that Excel confirms are empty", async () => {
    // Rows 5-6 are empty in both columns; desktop passes them as 0. Without the check they would join "the rest".
    blankAreas.mockImplementation(async () => [{ row: 4, column: 0, rows: 2, columns: 1 }]);
    const outcomeCol = column([1, 0, 1, 0, 0, 0]);
    const groupCol = column([1, 1, 0, 0, 0, 0]);
    const r = (await outcome(lift, outcomeCol, groupCol, invocationAt("S!A1:A6", "S!B1:B6"))) as { value: number[][] };
    // Group: 1 of 2; rest: 1 of 2 -> RR = 1 (it would be 1 / (1/4) = 2 if the blanks counted).
    expect(r.value[0][0]).toBeCloseTo(1, 12);
  });

  it("rejects different sizes and values that are not flags", async () => {
    expect(await outcome(lift, column([1, 0]), column([1]), invocationAt())).toEqual({ error: "#VALUE!", message: expect.stringContaining("must be the same size") });
    expect(await outcome(lift, column([2]), column([1]), invocationAt("S!A5:A5", "S!B5:B5"))).toEqual({ error: "#VALUE!", message: expect.stringContaining("S!A5 holds 2") });
  });
});
