/**
 * readBlankAreas against a small fake of the Excel objects it uses: it must ask
 * Excel for the empty cells of exactly the box of zeros, on the right sheet,
 * and translate the sheet-absolute areas back to offsets inside the range.
 * (office-addin-mock cannot express a collection load such as
 * "items/rowIndex" on an object returned by a method, so the fake is hand-made.)
 */
import { readBlankAreas } from "../../src/excel/blank-cells";

interface Call {
  sheet: string;
  range: string;
  cell?: [number, number];
  resized?: [number, number];
}

function excelWithBlanks(areas: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }[] | null) {
  const calls: Call[] = [];
  let syncs = 0;
  const loads: string[] = [];
  const specialCells = {
    isNullObject: areas === null,
    areas: {
      items: areas ?? [],
      load(what: string) {
        loads.push(what);
      },
    },
  };
  const rangeFor = (call: Call) => ({
    getCell(r: number, c: number) {
      call.cell = [r, c];
      return {
        getResizedRange(dr: number, dc: number) {
          call.resized = [dr, dc];
          return { getSpecialCellsOrNullObject: () => specialCells };
        },
      };
    },
  });
  const sheet = (name: string) => ({
    getRange(address: string) {
      const call = { sheet: name, range: address };
      calls.push(call);
      return rangeFor(call);
    },
  });
  const data = {
    context: {
      workbook: {
        worksheets: { getItem: (name: string) => sheet(name), getActiveWorksheet: () => sheet("(active)") },
      },
      sync: async () => {
        syncs++;
      },
    },
    SpecialCellType: { blanks: "Blanks" },
    run: async function (callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  };
  const mock = data as unknown as typeof Excel;
  return { mock, calls, loads, syncs: () => syncs };
}

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
});

describe("readBlankAreas", () => {
  it("returns null when no Excel API is present (CLI, tests), so callers keep the zeros", async () => {
    expect(await readBlankAreas("Sheet1!B2:B9", { row: 0, column: 0, rows: 1, columns: 1 })).toBeNull();
  });

  it("asks for the empty cells of the box only, and maps areas back to offsets in the range", async () => {
    // Range 'Q1 data'!B2:C20; the box of zeros is rows 3..7, columns 0..1 of it.
    // Excel answers with sheet-absolute indices: B6:B7 is rowIndex 5, columnIndex 1 (0-based).
    const excel = excelWithBlanks([{ rowIndex: 5, columnIndex: 1, rowCount: 2, columnCount: 1 }]);
    (globalThis as { Excel?: unknown }).Excel = excel.mock;
    const areas = await readBlankAreas("'Q1 data'!B2:C20", { row: 3, column: 0, rows: 5, columns: 2 });
    expect(excel.calls).toEqual([{ sheet: "Q1 data", range: "B2:C20", cell: [3, 0], resized: [4, 1] }]);
    // B6 is row 6 - 2 = offset 4 in the range, column B = offset 0.
    expect(areas).toEqual([{ row: 4, column: 0, rows: 2, columns: 1 }]);
    expect(excel.loads).toEqual(["items/rowIndex,items/columnIndex,items/rowCount,items/columnCount"]);
    expect(excel.syncs()).toBe(2);
  });

  it("returns no areas when nothing is blank (a null object), in one sync", async () => {
    const excel = excelWithBlanks(null);
    (globalThis as { Excel?: unknown }).Excel = excel.mock;
    expect(await readBlankAreas("B2:B4", { row: 0, column: 0, rows: 3, columns: 1 })).toEqual([]);
    expect(excel.calls[0].sheet).toBe("(active)");
    expect(excel.syncs()).toBe(1);
  });
});
