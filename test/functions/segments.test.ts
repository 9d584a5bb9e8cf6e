jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn() }));

import { readBlankAreas } from "../../src/excel/blank-cells";
import { segmentmatrix, segmentsummary } from "../../src/functions/segments";
import { column, invocationAt, outcome } from "../support/call";
import { errorValue } from "../support/custom-functions-stub";

const blankAreas = readBlankAreas as jest.MockedFunction<typeof readBlankAreas>;
const noAddress = invocationAt();
beforeEach(() => blankAreas.mockReset());

// Six customers, by hand: Gold→Gold, Gold→Silver, Silver→(lost), (new)→Silver, Silver→Gold, (none)→(none: skipped).
const FROM = column(["Gold", "Gold", "Silver", null, " silver ", ""]);
const TO = column(["Gold", "Silver", "", "Silver", "GOLD", null]);

describe("CXM.SEGMENTMATRIX", () => {
  it("spills counts with labels, New row and Lost column", async () => {
    expect(await outcome(segmentmatrix, FROM, TO, null, noAddress)).toEqual({
      value: [
        ["From \\ To", "Gold", "Silver", "Lost"],
        ["Gold", 1, 1, 0],
        ["Silver", 1, 0, 1],
        ["New", 0, 1, 0],
      ],
    });
  });

  it("sums values when given (a blank value is 0)", async () => {
    const values = column([100, 50, 30, 20, null, 999]);
    expect(await outcome(segmentmatrix, FROM, TO, values, noAddress)).toEqual({
      value: [
        ["From \\ To", "Gold", "Silver", "Lost"],
        ["Gold", 100, 50, 0],
        ["Silver", 0, 0, 30],
        ["New", 0, 20, 0],
      ],
    });
  });

  it("orders numeric segments numerically, and confirms zeros with Excel", async () => {
    // A2:A5 = 2, 1, (empty → 0), 0 ; B2:B5 = 1, 1, 2, 0. Excel reports A4 empty: that customer is new.
    blankAreas.mockImplementation(async (address) => (address === "S!A2:A5" ? [{ row: 2, column: 0, rows: 1, columns: 1 }] : []));
    const r = await outcome(segmentmatrix, column([2, 1, 0, 0]), column([1, 1, 2, 0]), null, invocationAt("S!A2:A5", "S!B2:B5"));
    expect(r).toEqual({
      value: [
        ["From \\ To", 0, 1, 2, "Lost"],
        [0, 1, 0, 0, 0],
        [1, 0, 1, 0, 0],
        [2, 0, 1, 0, 0],
        ["New", 0, 0, 1, 0],
      ],
    });
  });

  it("propagates errors and checks lengths", async () => {
    expect(await outcome(segmentmatrix, column(["Gold", errorValue("#N/A")]), column(["Gold", "Gold"]), null, invocationAt("S!A2:A3"))).toEqual({
      error: "#N/A",
      message: expect.stringContaining("S!A3"),
    });
    expect(await outcome(segmentmatrix, column(["Gold"]), column(["Gold", "Gold"]), null, noAddress)).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining("from_segments has 1, to_segments has 2"),
    });
    expect(await outcome(segmentmatrix, column(["Gold"]), column(["Gold"]), column(["lots"]), noAddress)).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining('holds the text "lots"; values must be numbers'),
    });
  });
});

describe("CXM.SEGMENTSUMMARY", () => {
  // Customers with a segment before: the first four (Gold, Gold, Silver, silver).
  // Order Silver < Gold: Gold→Gold stayed, Gold→Silver down, Silver→lost, silver→GOLD up. One new customer.
  const expected = [
    ["Movement", "Share"],
    ["Moved up", 0.25],
    ["Moved down", 0.25],
    ["Stayed", 0.25],
    ["Lost", 0.25],
    ["Customers before", 4],
    ["New customers", 1],
  ];

  it("takes the order as comma-separated text, lowest first", async () => {
    expect(await outcome(segmentsummary, FROM, TO, "Silver, Gold", noAddress)).toEqual({ value: expected });
  });

  it("or as a range", async () => {
    expect(await outcome(segmentsummary, FROM, TO, [["Silver", "Gold"]], noAddress)).toEqual({ value: expected });
  });

  it("defaults to first seen (Gold, then Silver): Gold → Silver is then up", async () => {
    const r = await outcome(segmentsummary, FROM, TO, null, noAddress);
    // Gold ranks below Silver now: Gold→Silver up, silver→GOLD down.
    expect(r).toEqual({ value: expected });
    const numeric = await outcome(segmentsummary, column([1, 2, 3]), column([3, 2, 1]), null, noAddress);
    expect((numeric as { value: unknown[][] }).value.slice(1, 4)).toEqual([["Moved up", 1 / 3], ["Moved down", 1 / 3], ["Stayed", 1 / 3]]);
  });

  it("names a segment missing from the order", async () => {
    const r = await outcome(segmentsummary, FROM, TO, "Bronze, Gold", invocationAt("S!A1:A6", "S!B1:B6"));
    // The first segment not listed: Silver in A3 (from_segments is checked before to_segments).
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringContaining('S!A3 holds "Silver", which is not in segment_order (Bronze, Gold)') });
    expect(await outcome(segmentsummary, column([null]), column(["Gold"]), null, noAddress)).toEqual({ error: "#DIV/0!", message: undefined });
    expect(await outcome(segmentsummary, FROM, TO, [[errorValue("#N/A")]], noAddress)).toEqual({ error: "#N/A", message: expect.stringContaining("segment_order") });
  });
});
