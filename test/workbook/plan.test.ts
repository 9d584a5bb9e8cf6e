import { cellAt, emptySheet, resolveSheetTokens, SheetPlan, sheetRef, validatePlan, valuesIn, WorkbookPlan } from "../../src/workbook/plan";
import { resolvePlans } from "../../src/workbook/resolve";
import { parseCell, parseRect, rangeName, rectName } from "../../src/workbook/a1";

function sheet(key: string, name: string, extra: Partial<SheetPlan> = {}): SheetPlan {
  return { ...emptySheet(key, name, name), ...extra };
}

describe("a1 helpers", () => {
  test("parse and name cells and rectangles", () => {
    expect(parseCell("$AB$12")).toEqual({ row: 12, column: 28 });
    expect(parseRect("C5:A1")).toEqual({ row: 1, column: 1, lastRow: 5, lastColumn: 3 });
    expect(rectName({ row: 5, column: 2, lastRow: 7, lastColumn: 3 }, true)).toBe("$B$5:$C$7");
    expect(rangeName(5, 2, 3, 2)).toBe("B5:C7");
    expect(rangeName(5, 2)).toBe("B5");
    expect(() => parseCell("B0")).toThrow();
    expect(() => parseRect("A1:B2:C3")).toThrow();
  });
});

describe("WorkbookPlan", () => {
  test("cellAt and valuesIn read what the blocks write", () => {
    const s = sheet("a", "A", { blocks: [{ at: "B2", rows: [[1, 2], [3, "=B2+C2"]] }] });
    expect(cellAt(s, 3, 3)).toBe("=B2+C2");
    expect(cellAt(s, 1, 1)).toBe("");
    expect(valuesIn(s, "A2:C3")).toEqual([["", 1, 2], ["", 3, "=B2+C2"]]);
  });

  test("validatePlan lists every problem", () => {
    const plan: WorkbookPlan = {
      title: "Broken",
      sheets: [
        sheet("a", "A", {
          blocks: [
            { at: "A1", rows: [[1, 2], [3]] },
            { at: "D1", rows: [["=SUM({{nowhere}}!A1)"]] },
            { at: "D1", rows: [[1]] },
            { at: "F1", rows: [["Head", "Head"], [1, 2]] },
          ],
          tables: [{ name: "T1", range: "F1:G2" }, { name: "Gap", range: "K1:L3" }],
          names: [{ name: "CAC1", ref: "$A$1" }],
          sections: [{ title: "", note: "", range: "A1" }],
        }),
        sheet("a", "B"),
      ],
    };
    const message = (() => {
      try {
        validatePlan(plan);
        return "";
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/Two sheets have the key "a"/);
    expect(message).toMatch(/rows of different lengths/);
    expect(message).toMatch(/unknown sheet \{\{nowhere\}\}/);
    expect(message).toMatch(/overlaps another block/);
    expect(message).toMatch(/header "Head" twice/);
    expect(message).toMatch(/table Gap covers cells no block writes/);
    expect(message).toMatch(/"CAC1" looks like a cell reference/);
    expect(message).toMatch(/every section needs a title and a one-line note/);
  });

  test("a defined name may be used only on its own sheet", () => {
    const plan: WorkbookPlan = {
      title: "t",
      sheets: [
        sheet("in", "Inputs", { blocks: [{ at: "A1", rows: [[5, '="ARPA is text"', "=ARPA*2"]] }], names: [{ name: "ARPA", ref: "$A$1" }] }),
        sheet("out", "Outputs", { blocks: [{ at: "A1", rows: [["=ARPA*3", "=SUM(arpa_total)"]] }] }),
      ],
    };
    expect(() => validatePlan(plan)).toThrow(/=ARPA\*3 uses the name ARPA, which lives on sheet "in"/);
    plan.sheets[1].blocks[0].rows[0][0] = `=${sheetRef("in")}!A1*3`;
    expect(() => validatePlan(plan)).not.toThrow();
  });

  test("a table may span several blocks side by side", () => {
    const plan: WorkbookPlan = {
      title: "t",
      sheets: [
        sheet("a", "A", {
          blocks: [
            { at: "A1", rows: [["Segment", "N"]] },
            { at: "A2", rows: [["=cmd"], ["SMB"]], text: true },
            { at: "B2", rows: [[1], [2]] },
          ],
          tables: [{ name: "Seg", range: "A1:B3" }],
        }),
      ],
    };
    expect(() => validatePlan(plan)).not.toThrow();
  });
});

describe("resolvePlans", () => {
  const plan = (): WorkbookPlan => ({
    title: "t",
    sheets: [
      sheet("dash", "Dashboard", {
        blocks: [{ at: "A1", rows: [[`=COUNT(${sheetRef("data")}!A:A)`, "=Rate*2"]] }],
        names: [{ name: "Rate", ref: "B1", comment: "a rate" }],
      }),
      sheet("data", "Data", { blocks: [{ at: "A1", rows: [["Value"], [1]] }], tables: [{ name: "Values", range: "A1:A2" }] }),
    ],
  });

  test("sheet tokens become the final quoted names; names get absolute references", () => {
    const r = resolvePlans([plan()], { sheets: ["Data"], names: [], tables: [] });
    expect(r.sheets.map((s) => s.name)).toEqual(["Dashboard", "Data (2)"]);
    expect(r.sheets[0].resolveFormula("=COUNT({{data}}!A:A)")).toBe("=COUNT('Data (2)'!A:A)");
    expect(r.names).toEqual([{ name: "Rate", sheetName: "Dashboard", reference: "Dashboard!$B$1", scope: "workbook", comment: "a rate" }]);
  });

  test("a taken defined name becomes sheet-scoped; a taken table name gets a suffix", () => {
    const r = resolvePlans([plan(), plan()], { sheets: [], names: ["rate"], tables: ["Values"] });
    expect(r.names.map((n) => [n.sheetName, n.scope])).toEqual([["Dashboard", "sheet"], ["Dashboard (2)", "sheet"]]);
    expect(r.tables.map((t) => t.name)).toEqual(["Values_2", "Values_3"]);
    // Each plan's tokens point at its own sheets.
    expect(r.sheets[2].resolveFormula("={{data}}!A1")).toBe("='Data (2)'!A1");
  });

  test("resolveSheetTokens leaves formulas without tokens as they are", () => {
    expect(resolveSheetTokens("=SUM(A1:A3)", () => "x")).toBe("=SUM(A1:A3)");
  });
});
