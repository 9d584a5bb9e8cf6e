/**
 * The Office.js renderer and the plan features the v2 templates use
 * (test/support/v2-feature-plan.ts), against the batch fake: row heights,
 * merged areas, vertical alignment, the print setup (ExcelApi 1.9
 * pageLayout), a waterfall (stacked columns over a base without fill or
 * legend entry), gaps in line charts, and the palette.
 */
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { headerSections, planOperations } from "../../src/excel/plan-requests";
import { resolvePlans } from "../../src/workbook/resolve";
import { PALETTE } from "../../src/workbook/styles";
import { FakeExcel } from "../support/excel-batch-fake";
import { featurePlan } from "../support/v2-feature-plan";

describe("applyPlanInContext: v2 plan features", () => {
  const plan = featurePlan();
  const s = plan.sheets[0];
  let fake: FakeExcel;
  beforeAll(async () => {
    fake = new FakeExcel();
    await applyPlanInContext(fake.context, plan);
  });

  test("row heights in points, merged areas, and wrapped titles set at the top", () => {
    const sheet = fake.sheet("Features");
    expect(sheet.rowHeights).toEqual(Object.fromEntries(s.rowHeights!.map((h) => [`${h.row}:${h.row}`, h.height])));
    expect(sheet.merges).toEqual(s.merges);
    expect(sheet.formats.filter((f) => f["verticalAlignment"] === "Top").length).toBeGreaterThan(0);
  });

  test("print setup: orientation, one page wide and as tall as needed, the header's three sections, print titles and area", () => {
    expect(fake.sheet("Features").print).toEqual({
      orientation: "Portrait",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      leftHeader: "&A",
      centerHeader: "",
      rightHeader: "&P",
      printTitleRows: `$${s.print!.titleRows!.first}:$${s.print!.titleRows!.last}`,
      printArea: s.print!.area,
    });
  });

  test("a waterfall: stacked columns whose first series is the base, without fill, line or legend entry", () => {
    const chart = fake.sheet("Features").charts[1];
    expect(chart.type).toBe("ColumnStacked");
    expect(chart.seriesList.map((x) => x.name)).toEqual(["Base", "Increase", "Decrease", "Total"]);
    expect(chart.seriesList[0]).toMatchObject({ noFill: true, lineStyle: "None", values: s.charts[1].base, gapWidth: 50 });
    expect(chart.seriesList.slice(1).map((x) => x.color)).toEqual(["#59A14F", "#E15759", "#4E79A7"]);
    expect(chart.hiddenLegendEntries).toEqual([0]);
  });

  test("line charts leave blanks unplotted, and series without a colour take the palette's", () => {
    const line = fake.sheet("Features").charts[0];
    expect(line.type).toBe("Line");
    expect(line.blanksAs).toBe("NotPlotted");
    expect(line.seriesList[0].color).toBe(PALETTE[0]);
  });

  test("each new kind of operation is sized for the request budget", () => {
    const ops = planOperations(resolvePlans([plan]));
    const kinds = new Set(ops.map((o) => o.op.kind));
    for (const k of ["rowHeight", "merge", "print"]) expect(kinds).toContain(k);
    for (const o of ops) expect(o.bytes).toBeGreaterThan(0);
  });

  test("a header string is cut into its left, centre and right sections", () => {
    expect(headerSections("&L&A&R&P")).toEqual({ left: "&A", center: "", right: "&P" });
    expect(headerSections("Title&RPage &P")).toEqual({ left: "", center: "Title", right: "Page &P" });
  });
});
