import { emptySheet, WorkbookPlan } from "../../src/workbook/plan";
import { evaluatePlan } from "../support/evaluate-plan";

describe("evaluatePlan (the HyperFormula harness)", () => {
  const plan: WorkbookPlan = {
    title: "t",
    sheets: [
      {
        ...emptySheet("in", "My inputs", "t"),
        blocks: [
          { at: "A1", rows: [["Rate", 0.2], ["Base", 50], ["Label", "=B1*B2"]] },
          { at: "D1", rows: [["=1+1"], ["007"]], text: true },
        ],
        names: [{ name: "Rate", ref: "$B$1" }],
      },
      { ...emptySheet("out", "Out", "t"), blocks: [{ at: "A1", rows: [["={{in}}!B2*2", "=NORM.S.INV(0.975)", "=1/0"]] }] },
    ],
  };

  test("evaluates formulas with names, sheet tokens and text kept as text", () => {
    const wb = evaluatePlan(plan);
    expect(wb.value("in", "B3")).toBe(10); // 0.2 × 50
    expect(wb.value("out", "A1")).toBe(100);
    expect(wb.number("out", "B1")).toBeCloseTo(1.959963984540054, 9);
    expect(wb.value("in", "D1")).toBe("=1+1");
    expect(wb.value("in", "D2")).toBe("007");
    expect(wb.value("out", "C1")).toMatchObject({ error: "#DIV/0!" });
    expect(wb.value("in", "Z9")).toBeNull();
  });

  test("a sheet-scoped name (taken in the workbook) still resolves on its sheet", () => {
    const wb = evaluatePlan(plan, { sheets: ["My inputs"], names: ["Rate"], tables: [] });
    expect(wb.sheetName("in")).toBe("My inputs (2)");
    expect(wb.resolved.names[0].scope).toBe("sheet");
    expect(wb.value("in", "B3")).toBe(10);
    wb.set("in", "B1", 0.5);
    expect(wb.value("in", "B3")).toBe(25);
  });
});
