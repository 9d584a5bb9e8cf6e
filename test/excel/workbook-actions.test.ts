/**
 * The task pane's small workbook edits, against the in-memory Excel fake:
 * sample data goes to a NEW sheet (unique name, dates as date serials with a
 * date format, text that looks like a formula kept as text), formulas go to
 * the active cell only, and the display language comes from Office.
 */
import { activateSheet, insertFormulaInActiveCell, insertSampleSheet, officeDisplayLanguage } from "../../src/excel/workbook-actions";
import { createFakeExcel, FakeWorkbook, FakeWorkbookSpec } from "../support/fake-workbook-api";

function install(spec: FakeWorkbookSpec): FakeWorkbook {
  const model = new FakeWorkbook(spec);
  (globalThis as { Excel?: unknown }).Excel = createFakeExcel(model);
  return model;
}

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

describe("insertSampleSheet", () => {
  it("writes the sample at A1 of a new sheet with a free name and returns it as a source", async () => {
    const model = install({ sheets: [{ name: "Sample cohorts", rows: [["user data"]] }] });
    const sample = [
      ["customer", "date", "amount", "note"],
      ["c1", new Date(Date.UTC(2024, 0, 1)), 10, "=1+1"],
      ["c2", new Date(Date.UTC(2024, 0, 2)), 20, "ok"],
    ];
    const source = await insertSampleSheet("Sample cohorts", sample);
    // "Sample cohorts" is taken, so the new sheet is "Sample cohorts (2)"; 2024-01-01 is serial 45292 (Excel's own DATE(2024,1,1)).
    expect(source.address).toBe("'Sample cohorts (2)'!A1:D3");
    expect(source.values).toEqual([
      ["customer", "date", "amount", "note"],
      ["c1", 45292, 10, "=1+1"],
      ["c2", 45293, 20, "ok"],
    ]);
    // The user's sheet is untouched; the formula-looking text was written as text, not a formula.
    expect(model.sheetValues("Sample cohorts")).toEqual([["user data"]]);
    expect(model.sheetValues("Sample cohorts (2)")).toEqual(source.values);
    expect(model.sheet("Sample cohorts (2)")!.get(1, 3)).toEqual({ value: "=1+1" });
    // Dates get a date format on their data cells only.
    expect(model.sheet("Sample cohorts (2)")!.get(1, 1)).toEqual({ value: 45292, numberFormat: "yyyy-mm-dd" });
    expect(model.sheet("Sample cohorts (2)")!.get(0, 1)).toEqual({ value: "date" });
    expect(model.activeSheet.name).toBe("Sample cohorts (2)");
    expect(model.syncs).toBe(2);
  });

  it("refuses an empty sample", async () => {
    install({ sheets: [{ name: "Sheet1" }] });
    await expect(insertSampleSheet("Sample", [])).rejects.toThrow("empty");
  });
});

describe("insertFormulaInActiveCell", () => {
  it("puts the formula in an empty active cell only and returns its address", async () => {
    const model = install({ sheets: [{ name: "Sheet1", rows: [[1, 2]] }], selection: "Sheet1!C4:D9" });
    expect(await insertFormulaInActiveCell("=CXM.NPS(scores)")).toEqual({ status: "inserted", address: "Sheet1!C4" });
    expect(model.sheet("Sheet1")!.get(3, 2)).toEqual({ value: "", formula: "=CXM.NPS(scores)" });
    expect(model.log.map((w) => [w.kind, w.address])).toEqual([["formulas", "C4"]]);
  });

  it("leaves a cell that holds a value or a formula as it is, and reports what it holds (issue 9, item 6)", async () => {
    const model = install({ sheets: [{ name: "Sheet1", rows: [["Q3 revenue", 1250]] }], selection: "Sheet1!B1" });
    expect(await insertFormulaInActiveCell("=CXM.CHURN(a,b)")).toEqual({ status: "occupied", address: "Sheet1!B1", content: "1250" });
    expect(model.sheet("Sheet1")!.get(0, 1)).toEqual({ value: 1250 });
    expect(model.log).toEqual([]);
  });

  it("replaces only the content the user agreed to replace", async () => {
    const model = install({ sheets: [{ name: "Sheet1", rows: [["old"]] }], selection: "Sheet1!A1" });
    // The cell changed since the question (a co-author typed "new"): asked again, nothing written.
    model.sheet("Sheet1")!.set(0, 0, { value: "new" });
    expect(await insertFormulaInActiveCell("=CXM.NPS(x)", { replace: { expected: "old" } })).toEqual({ status: "occupied", address: "Sheet1!A1", content: "new" });
    expect(model.log).toEqual([]);
    expect(await insertFormulaInActiveCell("=CXM.NPS(x)", { replace: { expected: "new" } })).toEqual({ status: "inserted", address: "Sheet1!A1" });
    expect(model.sheet("Sheet1")!.get(0, 0)).toEqual({ value: "", formula: "=CXM.NPS(x)" });
  });
});

describe("activateSheet and officeDisplayLanguage", () => {
  it("activates a sheet by name", async () => {
    const model = install({ sheets: [{ name: "A" }, { name: "B" }] });
    await activateSheet("B");
    expect(model.activeSheet.name).toBe("B");
  });

  it("reads Office's display language, or '' outside Office", () => {
    expect(officeDisplayLanguage()).toBe("");
    (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: "es-MX" } };
    expect(officeDisplayLanguage()).toBe("es-MX");
  });
});
