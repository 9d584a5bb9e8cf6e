jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn() }));

import { readBlankAreas } from "../../src/excel/blank-cells";
import { customergrowth, incidentloss } from "../../src/functions/growth";
import { GROWTH_HEADER } from "../../src/functions/tables/growth-tables";
import { column, invocationAt, outcome } from "../support/call";
import { errorValue, StubExcelError } from "../support/custom-functions-stub";

const blankAreas = readBlankAreas as jest.MockedFunction<typeof readBlankAreas>;
const noAddress = invocationAt();
beforeEach(() => blankAreas.mockReset());

// Serials (Microsoft's DATE docs: 2008-01-01 = 39448; + 5844 days = 2024-01-01):
// Jan 1 2024 = 45292, Feb 1 = 45323, Mar 1 = 45352 (leap year), Apr 1 = 45383.
const JAN = 45292, FEB = 45323, MAR = 45352, APR = 45383;

describe("CXM.CUSTOMERGROWTH", () => {
  it("spills the worked example from Excel-shaped columns: serial and ISO dates, blank ids and empty rows skipped", async () => {
    // a: Jan 10, Feb 20; b: Jan 5, Apr 7; c: Mar 30. lost_after 2, value_window 2 (as numeric text and a number).
    // A blank id skips its row whatever the other cells hold; the last row is an empty row as Excel desktop passes it.
    const ids = column(["a", "a", null, "b", "  ", "b", "c", 0]);
    const dates = column([JAN, "2024-02-10T09:30", "garbage", "2024-01-20", 12, APR + 2, MAR + 5, 0]);
    const amounts = column([10, 20, "x", 5, null, 7, 30, 0]);
    const r = await outcome(customergrowth, ids, dates, amounts, "Month", "2", 2, noAddress);
    expect(r).toEqual({
      value: [
        ["Month", "Customers at start", "New", "Reactivated", "Lost", "Customers at end", "Net growth", "Value of new", "Value of lost", "Net value growth"],
        // Jan: a and b new; a's first two months 10 + 20, b's 5.
        [JAN, 0, 2, 0, 0, 2, 2, 35, 0, 35],
        [FEB, 2, 0, 0, 0, 2, 0, 0, 0, 0],
        // Mar: b lost (Jan + 2; next purchase Apr), value 5; c new, value 30.
        [MAR, 2, 1, 0, 1, 2, 0, 30, 5, 25],
        // Apr: a lost (Feb + 2), value 10 + 20; b back.
        [APR, 2, 0, 1, 1, 2, 0, 0, 30, -30],
      ],
    });
  });

  it("leaves the value columns empty without amounts; defaults per period; options case-insensitive", async () => {
    // Years, default lost_after 1: a buys in 2022 and 2023, b in 2022 and 2024 (2022-01-01 = 44562, 2023-01-01 = 44927).
    const ids = column(["a", "b", "a", "b"]);
    const dates = column([44562 + 100, 44562, 44927 + 5, JAN + 200]);
    const r = await outcome(customergrowth, ids, dates, null, "YEAR", null, null, noAddress);
    expect(r).toEqual({
      value: [
        ["Year", ...GROWTH_HEADER],
        [44562, 0, 2, 0, 0, 2, 2, "", "", ""],
        [44927, 2, 0, 0, 1, 1, -1, "", "", ""],
        [JAN, 1, 0, 1, 1, 1, 0, "", "", ""],
      ],
    });
    // A reference to an empty cell arrives as 0 on Excel desktop: it means the default, as a blank does.
    expect(await outcome(customergrowth, ids, dates, null, "year", 0, 0, noAddress)).toEqual(r);
    expect(await outcome(customergrowth, ids, dates, null, "year", "", null, noAddress)).toEqual(r);
  });

  it("weeks start on Monday", async () => {
    // 2024-01-01 is a Monday: a on Sun Jan 7 (week 0) and Mon Jan 8 (week 1); lost_after 1.
    const r = (await outcome(customergrowth, column(["a", "a"]), column([JAN + 6, JAN + 7]), null, "week", 1, null, noAddress)) as { value: unknown[][] };
    expect(r.value.map((row) => row.slice(0, 7))).toEqual([
      ["Week", "Customers at start", "New", "Reactivated", "Lost", "Customers at end", "Net growth"],
      [JAN, 0, 1, 0, 0, 1, 1],
      [JAN + 7, 1, 0, 0, 0, 1, 0],
    ]);
  });

  it("names what is wrong with an option", async () => {
    const ids = column(["a"]), dates = column([JAN]);
    expect(await outcome(customergrowth, ids, dates, null, "fortnight", null, null, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining('period must be one of "week", "month", "quarter", "year"') });
    expect(await outcome(customergrowth, ids, dates, null, null, 1.5, null, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("lost_after must be a whole number from 1") });
    expect(await outcome(customergrowth, ids, dates, null, null, -1, null, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("(got -1)") });
    expect(await outcome(customergrowth, ids, dates, null, null, null, "soon", noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining('value_window expects a number, but got the text "soon"') });
    expect(await outcome(customergrowth, ids, dates, null, null, true, null, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("lost_after expects a number, but got TRUE") });
    expect(await outcome(customergrowth, ids, dates, null, null, [[1, 2]], null, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("lost_after expects a single value") });
    expect(await outcome(customergrowth, ids, dates, null, null, errorValue("#N/A"), null, noAddress)).toEqual({ error: "#N/A", message: expect.stringContaining("lost_after") });
  });

  it("names bad cells, propagates errors, and requires aligned columns", async () => {
    const at = invocationAt("Data!A2:A4", "Data!B2:B4", "Data!C2:C4");
    const date = await outcome(customergrowth, column(["a", "b", "c"]), column([JAN, "15/03/2024", JAN]), null, null, null, null, at);
    expect(date).toEqual({ error: "#VALUE!", message: expect.stringContaining('Data!B3 holds the text "15/03/2024", which is not a date') });
    const amount = await outcome(customergrowth, column(["a", "b", "c"]), column([JAN, JAN, JAN]), column([1, 2, "n/a"]), null, null, null, at);
    expect(amount).toEqual({ error: "#VALUE!", message: expect.stringContaining('Data!C4 holds the text "n/a"; amounts must be numbers') });
    const err = await outcome(customergrowth, column(["a", errorValue("#DIV/0!")]), column([JAN, JAN]), null, null, null, null, at);
    expect(err).toEqual({ error: "#DIV/0!", message: undefined });
    const lengths = await outcome(customergrowth, column(["a", "b"]), column([JAN]), null, null, null, null, noAddress);
    expect(lengths).toEqual({ error: "#VALUE!", message: expect.stringContaining("customer_ids has 2, dates has 1") });
    const none = await outcome(customergrowth, column([null, ""]), column([null, ""]), null, null, null, null, noAddress);
    expect(none).toEqual({ error: "#N/A", message: expect.stringContaining("no transactions") });
  });

  it("asks Excel about an id of 0 next to a real date, and skips the row when the cell is empty", async () => {
    // A2:A3 = a, (empty → 0). Excel reports A3 empty.
    blankAreas.mockResolvedValue([{ row: 1, column: 0, rows: 1, columns: 1 }]);
    const r = (await outcome(customergrowth, column(["a", 0]), column([JAN, FEB]), null, null, 1, null, invocationAt("S!A2:A3", "S!B2:B3"))) as { value: unknown[][] };
    expect(blankAreas).toHaveBeenCalledWith("S!A2:A3", { row: 1, column: 0, rows: 1, columns: 1 });
    // Only a, in January: the skipped row's date does not extend the data to February.
    expect(r.value.length).toBe(2);
    expect(r.value[1].slice(0, 7)).toEqual([JAN, 0, 1, 0, 0, 1, 1]);
  });

  it("refuses a spill too large for Excel, pointing to the template", async () => {
    // Two purchases 400 years apart, by weeks: about 20,900 rows × 10 numbers, over 4 MB of JSON.
    const r = await outcome(customergrowth, column(["a", "b"]), column(["1900-01-01", "2300-01-01"]), column([1, 2]), "week", null, null, noAddress);
    expect("error" in r ? r : "a value").toEqual({ error: "#VALUE!", message: expect.stringMatching(/customer growth table would spill 20,8\d\d rows .*Use the task pane template instead/) });
    // Without amounts the value columns are empty text, and the same table fits.
    const fits = (await outcome(customergrowth, column(["a", "b"]), column(["1900-01-01", "2300-01-01"]), null, "week", null, null, noAddress)) as { value: unknown[][] };
    expect(fits.value.length).toBeGreaterThan(20_800);
  });

  it("takes a full column of 1,048,576 rows as Excel passes it", async () => {
    const n = 1_048_576;
    const ids: unknown[][] = new Array(n), dates: unknown[][] = new Array(n), amounts: unknown[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      // 10,000 customers each buying every 10 days from 2021-01-01 (44197) to day 990 (2023-09-17, in Q3 2023);
      // the last 48,576 rows are empty.
      const filled = i < 1_000_000;
      ids[i] = [filled ? `C${i % 10_000}` : null];
      dates[i] = [filled ? 44197 + Math.floor(i / 10_000) * 10 : null];
      amounts[i] = [filled ? 1 : null];
    }
    const r = (await outcome(customergrowth, ids, dates, amounts, "quarter", 1, 1, noAddress)) as { value: number[][] };
    expect(r.value.length).toBe(12); // Q1 2021 … Q3 2023 and the header
    for (const row of r.value.slice(1)) expect(row[5]).toBe(row[1] + row[2] + row[3] - row[4]);
    // Everyone is new in the first quarter and buys in every quarter, so no one is lost.
    expect(r.value[1].slice(1, 8)).toEqual([0, 10_000, 0, 0, 10_000, 10_000, 10_000 * 9]);
    expect(r.value.slice(1).map((row) => row[4])).toEqual(new Array(11).fill(0));
    expect(r.value[11][5]).toBe(10_000);
  }, 180_000);
});

describe("CXM.INCIDENTLOSS", () => {
  // The core's worked example: a, b, c, d buy on day 0 (2024-01-01); b on day 20, c on days 25 and 50; all on day 70.
  const ids = column(["a", "b", "b", "c", "c", "c", "d", "a", "b", "c", "d"]);
  const dates = column(["2024-01-01", JAN, "2024-01-21", JAN, "2024-01-26", "2024-02-20", JAN, "2024-03-11", JAN + 70, JAN + 70, JAN + 70]);

  it("spills measure and value: the worked example", async () => {
    // Lost after 30 days, window 30: a (incident day 10) is lost on day 30: 1 of 1. Without an incident: d lost
    // on day 30, b on day 50 (after day 40), c never: 1/3. Katz: RR 3, 3·e^(±1.96·√(2/3)) = 0.6055 … 14.864.
    const r = (await outcome(incidentloss, ids, dates, column(["a"]), column(["2024-01-11"]), 30, 30, noAddress)) as { value: unknown[][] };
    expect(r.value.map((row) => row[0])).toEqual([
      "Measure",
      "Customers with an incident",
      "Lost within the window",
      "Loss rate",
      "Customers without an incident",
      "Loss rate without an incident",
      "Relative risk",
      "Low (95%)",
      "High (95%)",
    ]);
    const v = r.value.map((row) => row[1]) as (string | number)[];
    expect(v.slice(0, 7)).toEqual(["Value", 1, 1, 1, 3, 1 / 3, 3]);
    expect(v[7]).toBeCloseTo(0.6055, 4);
    expect(v[8]).toBeCloseTo(14.864, 3);
    // window_days defaults to lost_after_days: the same with the window left blank (or 0, an empty cell on desktop).
    expect(await outcome(incidentloss, ids, dates, column(["a"]), column(["2024-01-11"]), null, 30, noAddress)).toEqual(r);
    expect(await outcome(incidentloss, ids, dates, column(["a"]), column(["2024-01-11"]), 0, 30, noAddress)).toEqual(r);
  });

  it("shows #N/A for the relative risk when no one was lost after an incident", async () => {
    // c's incident on day 10: c is never lost. The relative risk is 0 with no finite interval (LIFT gives #N/A).
    const r = (await outcome(incidentloss, ids, dates, column(["c"]), column([JAN + 10]), null, 30, noAddress)) as { value: unknown[][] };
    expect(r.value.slice(1, 6).map((row) => row[1])).toEqual([1, 0, 0, 3, 2 / 3]);
    for (const row of r.value.slice(6)) expect((row[1] as StubExcelError).code).toBe("#N/A");
  });

  it("says why no incident can be followed", async () => {
    // x has no purchase; b's incident on day 65 leaves 25 of its 30 days outside the data; d was lost on day 30.
    const r = await outcome(incidentloss, ids, dates, column(["x", "b", "d"]), column([JAN + 5, JAN + 65, JAN + 40]), null, 30, noAddress);
    expect(r).toEqual({
      error: "#N/A",
      message: "No incident can be followed: of 3, 1 are of customers with no purchase in customer_ids, 1 are less than 30 days (window_days) before the last purchase date, and 1 came when the customer was not active (no purchase in the lost_after_days before).",
    });
    const none = await outcome(incidentloss, ids, dates, column([null]), column([null]), null, 30, noAddress);
    expect(none).toEqual({ error: "#N/A", message: expect.stringContaining("There are no incidents") });
  });

  it("names bad incident cells and options", async () => {
    const at = invocationAt("T!A2:A12", "T!B2:B12", "I!A2:A3", "I!B2:B3");
    const date = await outcome(incidentloss, ids, dates, column(["a", "b"]), column([JAN + 3, "yesterday"]), null, null, at);
    expect(date).toEqual({ error: "#VALUE!", message: expect.stringContaining('I!B3 holds the text "yesterday", which is not a date') });
    const lengths = await outcome(incidentloss, ids, dates, column(["a", "b"]), column([JAN + 3]), null, null, noAddress);
    expect(lengths).toEqual({ error: "#VALUE!", message: expect.stringContaining("incident_customer_ids has 2, incident_dates has 1") });
    const err = await outcome(incidentloss, ids, dates, column([errorValue("#N/A")]), column([JAN + 3]), null, null, at);
    expect(err).toEqual({ error: "#N/A", message: expect.stringContaining("I!A2") });
    expect(await outcome(incidentloss, ids, dates, column(["a"]), column([JAN + 3]), 2.5, null, noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining("window_days must be a whole number") });
    expect(await outcome(incidentloss, ids, dates, column(["a"]), column([JAN + 3]), null, "a year", noAddress)).toEqual({ error: "#VALUE!", message: expect.stringContaining('lost_after_days expects a number, but got the text "a year"') });
  });
});
