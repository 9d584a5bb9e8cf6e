/**
 * Reading the source a template builds from, against the in-memory fake of
 * the Excel API (test/support/fake-workbook-api.ts), which enforces Office's
 * load-then-sync rule: every value read here had to be loaded first.
 */
import { CELLS_PER_READ, listTables, readSelection, readTable, SourceError } from "../../src/excel/source";
import { createFakeExcel, FakeWorkbook, FakeWorkbookSpec } from "../support/fake-workbook-api";

function install(spec: FakeWorkbookSpec): FakeWorkbook {
  const model = new FakeWorkbook(spec);
  (globalThis as { Excel?: unknown }).Excel = createFakeExcel(model);
  return model;
}

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
});

const ROWS = [
  ["Cliente", "Fecha", "Importe"],
  ["c1", 45292, 10],
  ["c2", 45293, 20.5],
  ["c3", 45294, "n/a"],
];

describe("readSelection", () => {
  it("reads the selected block, header included, with its sheet-qualified address", async () => {
    const model = install({ sheets: [{ name: "Ventas 2024", at: "B2", rows: ROWS }], selection: "'Ventas 2024'!B2:D5" });
    expect(await readSelection()).toEqual({ address: "'Ventas 2024'!B2:D5", values: ROWS });
    // cellCount, then the trimmed range's address and size, then one read of the values.
    expect(model.syncs).toBe(3);
    expect(model.log).toEqual([]);
  });

  it("takes the data around a single selected cell (the current region)", async () => {
    install({ sheets: [{ name: "Sheet1", at: "B2", rows: ROWS }], selection: "Sheet1!C3" });
    expect((await readSelection()).address).toBe("Sheet1!B2:D5");
  });

  it("trims whole-column or oversized selections to the cells that hold values", async () => {
    install({ sheets: [{ name: "Sheet1", rows: ROWS }], selection: "Sheet1!A1:F40" });
    const source = await readSelection();
    expect(source.address).toBe("Sheet1!A1:C4");
    expect(source.values).toEqual(ROWS);
  });

  it("explains an empty selection", async () => {
    install({ sheets: [{ name: "Sheet1", rows: [] }], selection: "Sheet1!A1:B3" });
    await expect(readSelection()).rejects.toMatchObject({ problem: "emptySelection" });
    await expect(readSelection()).rejects.toBeInstanceOf(SourceError);
  });

  it("reads a large source in slices of at most CELLS_PER_READ cells", async () => {
    // 3 columns: floor(50000 / 3) = 16666 rows per read; 40001 rows -> 3 reads.
    const rows = [["customer", "date", "amount"], ...Array.from({ length: 40_000 }, (_, i) => [`c${i}`, 45000 + (i % 365), i])];
    const model = install({ sheets: [{ name: "Big", rows }], selection: "Big!A1:C40001" });
    const source = await readSelection();
    expect(source.values.length).toBe(40_001);
    expect(source.values[40_000]).toEqual(["c39999", 45000 + (39_999 % 365), 39_999]);
    expect(Math.ceil(40_001 / Math.floor(CELLS_PER_READ / 3))).toBe(3);
    // cellCount + address/size + 3 reads.
    expect(model.syncs).toBe(5);
  });
});

describe("tables", () => {
  const spec: FakeWorkbookSpec = {
    sheets: [{ name: "Data", rows: ROWS }],
    tables: [{ name: "Orders", sheet: "Data", range: "A1:C4" }],
  };

  it("lists the workbook's tables with their addresses", async () => {
    install(spec);
    expect(await listTables()).toEqual([{ name: "Orders", address: "Data!A1:C4" }]);
  });

  it("reads a table by name, header row included", async () => {
    install(spec);
    expect(await readTable("Orders")).toEqual({ address: "Data!A1:C4", values: ROWS });
  });

  it("explains a table that no longer exists", async () => {
    install(spec);
    await expect(readTable("Gone")).rejects.toMatchObject({ problem: "tableNotFound" });
  });
});
