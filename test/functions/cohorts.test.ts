jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn() }));

import { readBlankAreas } from "../../src/excel/blank-cells";
import { cohort, mrrmovements, rfm } from "../../src/functions/cohorts";
import { column, invocationAt, outcome } from "../support/call";
import { errorValue, StubExcelError } from "../support/custom-functions-stub";

const blankAreas = readBlankAreas as jest.MockedFunction<typeof readBlankAreas>;
const noAddress = invocationAt();
beforeEach(() => blankAreas.mockReset());

// Serials (Microsoft's DATE docs: 2008-01-01 = 39448; + 5844 days = 2024-01-01):
// Jan 1 2024 = 45292, Feb 1 = 45323, Mar 1 = 45352 (leap year), Apr 1 = 45383.
const JAN = 45292, FEB = 45323, MAR = 45352, APR = 45383;

describe("CXM.COHORT", () => {
  it("spills the triangle from Excel-shaped columns: serial and ISO dates, blanks skipped", async () => {
    // a: Jan (serial), Feb (ISO text with a time); b: Jan (ISO), Mar (serial); c: Feb.
    // Blank ids (null, "", spaces) skip their rows whatever their date holds; the last row is an empty row as
    // Excel desktop passes it (0, 0).
    const ids = column(["a", "a", null, "b", "", "b", "  ", "c", 0]);
    const dates = column([JAN + 4, "2024-02-10T09:30", "garbage", "2024-01-20", 12, MAR + 2, null, FEB + 5, 0]);
    const r = await outcome(cohort, ids, dates, null, null, null, null, noAddress);
    // January cohort {a, b}: Feb a (1/2), Mar b (1/2). February cohort {c}: nothing in March (0).
    expect(r).toEqual({
      value: [
        ["Cohort month", "Customers", 0, 1, 2],
        [JAN, 2, 1, 0.5, 0.5],
        [FEB, 1, 1, 0, ""],
      ],
    });
  });

  it("counts, weeks, revenue and row-shaped ranges", async () => {
    const ids = [["a", "b", "a"]];
    const dates = [[JAN, JAN + 1, JAN + 7]]; // Mon Jan 1, Tue Jan 2, Mon Jan 8
    const amounts = [[10, 30, 20]];
    const weekly = await outcome(cohort, ids, dates, amounts, "week", "revenue", "count", noAddress);
    // One weekly cohort (Monday Jan 1): revenue 10 + 30 = 40 in week 0, 20 in week 1.
    expect(weekly).toEqual({ value: [["Cohort week", "Customers", 0, 1], [JAN, 2, 40, 20]] });
    const share = await outcome(cohort, ids, dates, amounts, "WEEK", "Revenue", null, noAddress);
    expect(share).toEqual({ value: [["Cohort week", "Customers", 0, 1], [JAN, 2, 1, 0.5]] });
  });

  it("handles Excel's 1900 leap-year quirk: serial 60 is 1900-02-29, in February", async () => {
    // a on serial 59 (1900-02-28), b on 60 (the fictitious 1900-02-29), c on 61 (1900-03-01), d on "1900-02-29" (= 60).
    const r = await outcome(cohort, column(["a", "b", "c", "d", "a"]), column([59, 60, 61, "1900-02-29", 61]), null, "month", null, "count", noAddress);
    // February 1900 starts on serial 32 (January has 31 days); March on 61.
    expect(r).toEqual({
      value: [
        ["Cohort month", "Customers", 0, 1],
        [32, 3, 3, 1],
        [61, 1, 1, ""],
      ],
    });
  });

  it("shows #DIV/0! for the shares of a cohort whose first-period revenue is 0", async () => {
    const r = await outcome(cohort, column(["a", "a", "b"]), column([JAN, FEB, FEB]), column([0, 30, 10]), null, "revenue", null, noAddress);
    expect(r).toEqual({
      value: [
        ["Cohort month", "Customers", 0, 1],
        [JAN, 1, expect.any(StubExcelError), expect.any(StubExcelError)],
        [FEB, 1, 1, ""],
      ],
    });
    const cells = (r as { value: unknown[][] }).value[1];
    expect((cells[2] as StubExcelError).code).toBe("#DIV/0!");
  });

  it("names the cell of a date it cannot read", async () => {
    const bad = await outcome(cohort, column(["a", "b", "c"]), column([JAN, "15/03/2024", JAN]), null, null, null, null, invocationAt("Data!A2:A4", "Data!B2:B4"));
    expect(bad).toEqual({ error: "#VALUE!", message: expect.stringContaining('Data!B3 holds the text "15/03/2024", which is not a date') });
    const noAddr = await outcome(cohort, column(["a", "b"]), column([JAN, true]), null, null, null, null, noAddress);
    expect(noAddr).toEqual({ error: "#VALUE!", message: expect.stringContaining("row 2, column 1 of dates holds TRUE") });
    const zero = await outcome(cohort, column(["a", "b"]), column([JAN, 0]), null, null, null, null, invocationAt("S!A1:A2", "S!B1:B2"));
    expect(zero).toEqual({ error: "#VALUE!", message: expect.stringContaining("S!B2 is empty (or 0), but its row has a customer id") });
    const negative = await outcome(cohort, column(["a"]), column([-3]), null, null, null, null, noAddress);
    expect(negative).toEqual({ error: "#VALUE!", message: expect.stringContaining("holds -3, which is not a date") });
    const blank = await outcome(cohort, column(["a"]), column([null]), null, null, null, null, noAddress);
    expect(blank).toEqual({ error: "#VALUE!", message: expect.stringContaining("is empty, but its row has a customer id") });
  });

  it("propagates error values from any column, naming the cell", async () => {
    const inDates = await outcome(cohort, column(["a", "b"]), column([JAN, errorValue("#N/A")]), null, null, null, null, invocationAt("S!A2:A3", "S!B2:B3"));
    expect(inDates).toEqual({ error: "#N/A", message: expect.stringContaining("S!B3") });
    const inIds = await outcome(cohort, column([errorValue("#DIV/0!")]), column([JAN]), null, null, null, null, noAddress);
    expect(inIds).toEqual({ error: "#DIV/0!", message: undefined });
    // #REF! cannot be a custom function's result: it arrives as #VALUE! naming the cell.
    const ref = await outcome(cohort, column(["a"]), column([JAN]), column([errorValue("#REF!")]), null, "revenue", null, noAddress);
    expect(ref).toEqual({ error: "#VALUE!", message: expect.stringContaining("row 1, column 1 of amounts holds #REF!") });
  });

  it("requires columns of the same length, one column each", async () => {
    const r = await outcome(cohort, column(["a", "b", "c"]), column([JAN, JAN]), null, null, null, null, noAddress);
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringContaining("customer_ids has 3, dates has 2") });
    const block = await outcome(cohort, [["a", "b"], ["c", "d"]], column([JAN, JAN]), null, null, null, null, noAddress);
    expect(block).toEqual({ error: "#VALUE!", message: expect.stringContaining("customer_ids must be a single column") });
  });

  it("checks its options", async () => {
    const period = await outcome(cohort, column(["a"]), column([JAN]), null, "fortnight", null, null, noAddress);
    expect(period).toEqual({ error: "#VALUE!", message: expect.stringContaining('period must be one of "week", "month", "quarter", "year"') });
    const revenue = await outcome(cohort, column(["a"]), column([JAN]), null, null, "revenue", null, noAddress);
    expect(revenue).toEqual({ error: "#VALUE!", message: expect.stringContaining("needs the amounts") });
    const amounts = await outcome(cohort, column(["a"]), column([JAN]), column(["ten"]), null, "revenue", null, noAddress);
    expect(amounts).toEqual({ error: "#VALUE!", message: expect.stringContaining('holds the text "ten"; amounts must be numbers') });
    const none = await outcome(cohort, column([null, ""]), column([null, ""]), null, null, null, null, noAddress);
    expect(none).toEqual({ error: "#N/A", message: expect.stringContaining("no transactions") });
  });

  describe("an id of 0 (Excel desktop passes empty cells as 0)", () => {
    it("skips a row of id 0 and date 0 without asking Excel: that is an empty row", async () => {
      const r = await outcome(cohort, column(["a", 0, 0]), column([JAN, 0, null]), null, null, null, "count", invocationAt("S!A1:A3", "S!B1:B3"));
      expect(r).toEqual({ value: [["Cohort month", "Customers", 0], [JAN, 1, 1]] });
      expect(blankAreas).not.toHaveBeenCalled();
    });

    it("asks Excel about an id of 0 next to a real date, and skips the row when the cell is empty", async () => {
      // A2:A4 = a, (empty → 0), 0 (a real customer numbered 0). Excel reports A3 empty.
      blankAreas.mockResolvedValue([{ row: 1, column: 0, rows: 1, columns: 1 }]);
      const r = await outcome(cohort, column(["a", 0, 0]), column([JAN, JAN, FEB]), null, null, null, "count", invocationAt("S!A2:A4", "S!B2:B4"));
      expect(blankAreas).toHaveBeenCalledWith("S!A2:A4", { row: 1, column: 0, rows: 2, columns: 1 });
      // a starts in January (1); customer 0 in February (1).
      expect(r).toEqual({ value: [["Cohort month", "Customers", 0, 1], [JAN, 1, 1, 0], [FEB, 1, 1, ""]] });
    });

    it("takes 0 as a customer id when there is no address to ask about (an array constant)", async () => {
      const r = await outcome(cohort, column([0, 0]), column([JAN, FEB]), null, null, null, "count", noAddress);
      expect(r).toEqual({ value: [["Cohort month", "Customers", 0, 1], [JAN, 1, 1, 1]] });
      expect(blankAreas).not.toHaveBeenCalled();
    });
  });

  it("refuses a spill too large for Excel, pointing to the template", async () => {
    // One new customer a week for 800 weeks: an 801 × 802 triangle (~640,000 cells, ~7 MB of JSON).
    const ids = column(Array.from({ length: 800 }, (_, i) => `c${i}`));
    const dates = column(Array.from({ length: 800 }, (_, i) => 40000 + 7 * i));
    const r = await outcome(cohort, ids, dates, null, "week", null, null, noAddress);
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringMatching(/cohort table would spill 801 rows .* Use the task pane template instead/) });
  });
});

describe("CXM.MRRMOVEMENTS", () => {
  it("spills the bridge, one row per month, from months as dates or ISO month text", async () => {
    // a: 100 in Jan, 150 in Feb ("2024-02"), nothing in Mar, 80 in Apr (reactivation). b: 40 from Feb, 40 in Mar.
    // A blank MRR cell is 0. The trailing row is an empty row as desktop passes it.
    const ids = column(["a", "a", "b", "b", "a", "b", 0]);
    const months = column([JAN + 9, "2024-02", "2024-02-15", MAR, APR, APR, 0]);
    const mrr = column([100, 150, 40, 40, 80, null, 0]);
    const r = await outcome(mrrmovements, ids, months, mrr, noAddress);
    expect(r).toEqual({
      value: [
        ["Month", "Start MRR", "New", "Expansion", "Contraction", "Churn", "Reactivation", "End MRR", "Customers at start", "Customers at end"],
        // Jan: a new 100.
        [JAN, 0, 100, 0, 0, 0, 0, 100, 0, 1],
        // Feb: a +50, b new 40 → 190.
        [FEB, 100, 40, 50, 0, 0, 0, 190, 1, 2],
        // Mar: a has no row → churn 150 → 40.
        [MAR, 190, 0, 0, 0, 150, 0, 40, 2, 1],
        // Apr: a back at 80 (reactivation); b's blank MRR is 0 → churn 40 → 80.
        [APR, 40, 0, 0, 0, 40, 80, 80, 1, 1],
      ],
    });
  });

  it("names bad cells", async () => {
    const text = await outcome(mrrmovements, column(["a"]), column([JAN]), column(["n/a"]), invocationAt("M!A5:A5", "M!B5:B5", "M!C5:C5"));
    expect(text).toEqual({ error: "#VALUE!", message: expect.stringContaining('M!C5 holds the text "n/a"; mrr must be numbers') });
    const month = await outcome(mrrmovements, column(["a"]), column(["March"]), column([5]), noAddress);
    expect(month).toEqual({ error: "#VALUE!", message: expect.stringContaining("such as 2024-03-15 or 2024-03") });
    const lengths = await outcome(mrrmovements, column(["a", "b"]), column([JAN, JAN]), column([5]), noAddress);
    expect(lengths).toEqual({ error: "#VALUE!", message: expect.stringContaining("customer_ids has 2, months has 2, mrr has 1") });
  });
});

describe("CXM.RFM", () => {
  // lifetimes README quickstart, transactions_A (2015-01-01 = 42005 = 45292 − 3287 days, 9 years with 2 leap days):
  // customer 1 on Jan 1 and Jan 5; 2 on Jan 4 and Jan 30; 3 on Jan 10, Feb 5 and Feb 6.
  const D = (month: number, day: number) => 42005 + (month === 2 ? 31 : 0) + day - 1;
  const ids = column([1, 1, 2, 2, 3, 3, 3]);
  const dates = column([D(1, 1), "2015-01-05", D(1, 4), D(1, 30), D(1, 10), D(2, 5), "2015-02-06T23:59"]);

  it("spills frequency, recency, T (and an empty monetary column without amounts)", async () => {
    const r = await outcome(rfm, ids, dates, null, null, "day", noAddress);
    // Ends on the last date, Feb 6: T = 36, 33, 27 days; recency 4, 26, 27 days.
    expect(r).toEqual({
      value: [
        ["Customer", "Frequency", "Recency", "T", "Monetary value"],
        [1, 1, 4, 36, ""],
        [2, 1, 26, 33, ""],
        [3, 2, 27, 27, ""],
      ],
    });
  });

  it("takes as_of as a date or ISO text, and amounts", async () => {
    const amounts = column([10, 20, 5, 7, 1, 2, 3]);
    // As of 2015-01-31 (Feb purchases ignored), in weeks: 1: T 30/7; 2: recency 26/7, T 27/7; 3: one purchase, T 21/7.
    const r = await outcome(rfm, ids, dates, amounts, "2015-01-31", null, noAddress);
    expect(r).toEqual({
      value: [
        ["Customer", "Frequency", "Recency", "T", "Monetary value"],
        [1, 1, 4 / 7, 30 / 7, 20],
        [2, 1, 26 / 7, 27 / 7, 7],
        [3, 0, 0, 21 / 7, 0],
      ],
    });
    const sameAsSerial = await outcome(rfm, ids, dates, amounts, D(1, 31), null, noAddress);
    expect(sameAsSerial).toEqual(r);
    // A reference to an empty as_of cell (0 on desktop) means "not given".
    const blank = await outcome(rfm, ids, dates, amounts, 0, "week", noAddress);
    expect((blank as { value: unknown[][] }).value[1][3]).toBe(36 / 7);
  });

  it("names a bad as_of or unit", async () => {
    expect(await outcome(rfm, ids, dates, null, "last week", null, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining('as_of is not a date (got "last week")') });
    expect(await outcome(rfm, ids, dates, null, null, "year", noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining('unit must be one of "day", "week", "month"') });
    expect(await outcome(rfm, ids, dates, null, D(1, 1) - 10, null, noAddress)).toEqual({ error: "#N/A", message: expect.stringContaining("on or before as_of") });
  });

  it("refuses a spill too large for Excel, pointing to the template", async () => {
    // 50,000 customers → 50,001 rows × 5 columns ≈ 5 MB of JSON, over the 4 MB threshold.
    const n = 50_000;
    const r = await outcome(rfm, column(Array.from({ length: n }, (_, i) => i + 1)), column(Array.from({ length: n }, (_, i) => JAN + (i % 300))), null, null, null, noAddress);
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringMatching(/RFM table would spill 50,001 rows .*Use the task pane template instead/) });
    // 10,000 customers fit.
    const fits = await outcome(rfm, column(Array.from({ length: 10_000 }, (_, i) => i + 1)), column(Array.from({ length: 10_000 }, () => JAN)), null, null, null, noAddress);
    expect((fits as { value: unknown[][] }).value.length).toBe(10_001);
  });
});
