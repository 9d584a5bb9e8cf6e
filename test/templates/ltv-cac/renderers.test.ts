/**
 * The LTV:CAC model with retention from cohorts in both renderers: the
 * .xlsx carries every figure's cached value (a cached 0 included, which
 * ExcelJS alone would drop), its manual page breaks and print area; the
 * Excel renderer (against the batch fake) writes the formulas, the names,
 * the four charts and the page breaks. And the page breaks themselves
 * (src/templates/shared/page-breaks.ts): no page holds more than the
 * conservative page, and no item with a chart is cut.
 */
import path from "node:path";
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { applyPlanInContext } from "../../../src/excel/apply-plan";
import { ltvCacModel } from "../../../src/templates/ltv-cac/descriptor";
import { keepItemsWhole, pageCapacity } from "../../../src/templates/shared/page-breaks";
import { parseRect } from "../../../src/workbook/a1";
import { SheetGeometry } from "../../../src/workbook/measure";
import { emptySheet } from "../../../src/workbook/plan";
import { writePlanToFile } from "../../../src/xlsx/write-plan";
import { tempDir } from "../../support/cli";
import { FakeExcel } from "../../support/excel-batch-fake";
import { readCachedValues } from "../../support/xlsx-cached";
import { build, COHORTS, input } from "./support";

describe("the .xlsx", () => {
  test("carries the cached figures (a 0 included), the page breaks and the print area", async () => {
    const b = build(input(COHORTS));
    const file = path.join(tempDir("cxm-ltv-"), "ltv.xlsx");
    await writePlanToFile(b.plan, file);
    const saved = await readCachedValues(file);
    const c = b.cells.retention!;
    const m = b.model!;
    expect(saved.value("LTV model", c.alpha)).toBe(m.fit.params.alpha);
    expect(saved.value("LTV model", c.lifetimeSbg)).toBe(m.lifetimeSbg);
    expect(saved.value("LTV model", c.ltvSbg)).toBe(m.ltvSbg);
    expect(saved.value("LTV model", b.cells.ltv)).toBe(3200 * (0.03 / (0.03 + 0.008)));
    expect(saved.value("LTV model", b.at.payback.cell(1, 1))).toBe(0); // month 0's margin: a formula whose value is 0
    const zip = await JSZip.loadAsync(readFileSync(file));
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const breaks = b.plan.sheets[0].print!.rowBreaks!;
    expect(breaks.length).toBeGreaterThan(1);
    // OOXML's break ids are the rows above each break.
    for (const r of breaks) expect(sheetXml).toContain(`<brk id="${r - 1}"`);
    expect(await zip.file("xl/workbook.xml")!.async("string")).toContain("_xlnm.Print_Area");
  }, 30_000);
});

describe("the Excel renderer", () => {
  test("writes the formulas, the names, the four charts with their colours and the page breaks", async () => {
    const fake = new FakeExcel();
    await applyPlanInContext(fake.context, ltvCacModel(COHORTS));
    const s = fake.sheet("LTV model");
    const b = build(input(COHORTS));
    const c = b.cells.retention!;
    expect(s.cells.get(c.alpha)).toBe(b.model!.fit.params.alpha);
    expect(s.cells.get(c.ltvSbg)).toBe(`=IF(ISNUMBER(${c.lifetimeSbg}),Margin_per_period*${c.lifetimeSbg},"n/a")`);
    expect(fake.workbookNames.map((n) => n.name)).toEqual(expect.arrayContaining(["SBG_alpha", "SBG_beta", "LTV_sBG", "Constant_churn"]));
    expect(s.charts.map((x) => x.seriesList.length)).toEqual([3, 5, 5, 2]);
    expect(s.print.rowBreaks).toEqual(b.plan.sheets[0].print!.rowBreaks!.map((r) => `A${r}`));
  });
});

describe("page breaks that keep charts whole", () => {
  /** A sheet of 15-point rows, `columns` default columns wide, with a chart over rows [from, to]. */
  function sheetWith(rows: number, charts: [number, number][]) {
    const s = emptySheet("s", "S", "S");
    s.blocks.push({ at: "A1", rows: Array.from({ length: rows }, (_, i) => [i]) });
    s.charts = charts.map(([from, to]) => ({ type: "line" as const, title: "c", categories: "A1", series: [{ name: "x", values: "A1" }], anchor: { from: `B${from}`, to: `I${to}` } }));
    s.print = { orientation: "landscape", fitToPagesWide: 1 };
    return s;
  }

  test("an item with a chart that would cross the page's end starts a new page; a table taller than a page is cut where it fills", () => {
    const s = sheetWith(200, [[25, 42]]);
    const capacity = pageCapacity(s); // the whole page at 100%: 0.98 × A4's 487 points
    expect(capacity).toBeCloseTo(0.98 * 487, 6);
    const perPage = Math.floor(capacity / 15);
    const breaks = keepItemsWhole(s, [
      { top: 1, bottom: 20 },
      { top: 22, bottom: 42 }, // holds the chart: 21 rows that do not fit after row 21
      { top: 44, bottom: 200 }, // a long table
    ]);
    // The chart's item starts page 2, on the blank row above it; the table follows it there and is cut wherever a page fills.
    expect(breaks[0]).toBe(21);
    expect(breaks.length).toBe(1 + Math.ceil((200 - 20) / perPage) - 1);
    for (let i = 1; i < breaks.length; i++) expect(breaks[i] - breaks[i - 1]).toBe(perPage);
    expect(s.print!.rowBreaks).toEqual(breaks);
  });

  test("on the LTV sheets, in both languages and both models, no page holds more than the page, and every chart sits within one page", () => {
    for (const options of [{}, COHORTS]) {
      for (const language of ["en", "es"] as const) {
        const b = build(input(options, language));
        const s = b.plan.sheets[0];
        const g = new SheetGeometry(s);
        const capacity = pageCapacity(s);
        const last = s.print!.area ? parseRect(s.print!.area).lastRow : Object.values(b.at).reduce((m, p) => Math.max(m, p.rect.lastRow), 0);
        const starts = [1, ...s.print!.rowBreaks!, last + 1];
        for (let i = 0; i + 1 < starts.length; i++) expect(g.heightOf(starts[i], starts[i + 1] - 1)).toBeLessThanOrEqual(capacity);
        for (const chart of s.charts) {
          const top = parseRect(chart.anchor.from).row, bottom = parseRect(chart.anchor.to).lastRow;
          // Nor at its first row: LibreOffice would draw its top edge at the foot of the page before.
          expect(starts.filter((r) => r >= top && r <= bottom)).toEqual([]);
        }
      }
    }
  });
});
