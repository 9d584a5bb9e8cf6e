/**
 * The .xlsx writer and the plan features the v2 templates use
 * (test/support/v2-feature-plan.ts): cached results of every kind, row
 * heights, merged areas, the print setup (orientation, fit to one page wide,
 * page header, print titles and area), named fonts, a waterfall chart and a
 * line chart whose #N/A cells are gaps.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { chartXml } from "../../src/xlsx/chart-xml";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { emptySheet, validatePlan, WorkbookPlan } from "../../src/workbook/plan";
import { featurePlan } from "../support/v2-feature-plan";

let zip: JSZip;
let wb: ExcelJS.Workbook;
let plan: WorkbookPlan;
const part = async (path: string) => {
  const f = zip.file(path);
  if (!f) throw new Error(`missing part ${path}`);
  return f.async("string");
};

beforeAll(async () => {
  plan = featurePlan();
  const { buffer } = await writePlanToBuffer(plan);
  zip = await JSZip.loadAsync(buffer);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
});

describe("writePlanToBuffer: v2 plan features", () => {
  test("formula cells carry their cached results: numbers (0 too), text, empty text, booleans and errors", async () => {
    const sheet = await part("xl/worksheets/sheet1.xml");
    const row = plan.sheets[0].sections[0].range.split(":")[1].replace(/[A-Z]+/, ""); // the values row ends the section
    const cell = (col: string) => new RegExp(`<c r="${col}${row}"[^>]*>.*?</c>`).exec(sheet)?.[0] ?? "";
    expect(cell("A")).toMatch(/<f>1\+2<\/f><v>3<\/v>/);
    expect(cell("B")).toMatch(/<f>0\*7<\/f><v>0<\/v>/);
    expect(cell("C")).toMatch(/t="str".*<v>n\/a<\/v>/);
    expect(cell("D")).toMatch(/t="str".*<f>IF\(1&gt;2,1,&quot;&quot;\)<\/f><v><\/v>/);
    expect(cell("E")).toMatch(/t="b".*<v>1<\/v>/);
    expect(cell("F")).toMatch(/t="e".*<v>#N\/A<\/v>/);
  });

  test("inside an Excel Table too, formula cells keep results of 0, empty text and false (ExcelJS's getter drops them)", async () => {
    const t: WorkbookPlan = {
      title: "T",
      sheets: [
        {
          ...emptySheet("t", "T", "T"),
          blocks: [{ at: "A1", rows: [["a", "b", "c"], ["=0*1", '=""&""', "=1>2"]], cached: [[null, null, null], [0, "", false]] }],
          tables: [{ name: "Zeros", range: "A1:C2" }],
        },
      ],
    };
    const sheet = await (await JSZip.loadAsync((await writePlanToBuffer(t)).buffer)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet).toMatch(/<c r="A2"[^>]*><f>0\*1<\/f><v>0<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="C2"[^>]*t="b"[^>]*><f>1&gt;2<\/f><v>0<\/v><\/c>/);
  });

  test("row heights, merged areas, widths and frozen panes are written", () => {
    const ws = wb.getWorksheet("Features")!;
    const s = plan.sheets[0];
    for (const h of s.rowHeights!) expect(ws.getRow(h.row).height).toBe(h.height);
    for (const w of s.columnWidths) expect(ws.getColumn(w.column).width).toBe(w.width);
    const merges = Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges);
    expect(merges.length).toBe(s.merges!.length);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: s.freeze!.rows });
  });

  test("print setup: orientation, one page wide, the page header, print titles and area as sheet-scoped names", async () => {
    const sheet = await part("xl/worksheets/sheet1.xml");
    expect(sheet).toMatch(/<pageSetup[^>]*orientation="portrait"/);
    expect(sheet).toMatch(/<pageSetup[^>]*fitToWidth="1"/);
    expect(sheet).toMatch(/<pageSetup[^>]*fitToHeight="0"/);
    expect(sheet).toMatch(/<sheetPr[^>]*>.*<pageSetUpPr fitToPage="1"\/>/);
    expect(sheet).toMatch(/<oddHeader>&amp;L&amp;A&amp;R&amp;P<\/oddHeader>/);
    const workbook = await part("xl/workbook.xml");
    const p = plan.sheets[0].print!;
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">Features!$${p.titleRows!.first}:$${p.titleRows!.last}</definedName>`);
    expect(workbook).toMatch(/<definedName name="_xlnm.Print_Area" localSheetId="0">Features!\$A\$1:\$K\$\d+<\/definedName>/);
  });

  test("every font written names Calibri 11, so no reader falls back to another face", async () => {
    const styles = await part("xl/styles.xml");
    const fonts = [...styles.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(2);
    for (const f of fonts) expect(f).toMatch(/<name val="Calibri"\/>/);
  });

  test("a waterfall is stacked columns over an invisible base without a legend entry", async () => {
    const xml = await part("xl/charts/chart2.xml");
    expect(xml).toMatch(/<c:barChart><c:barDir val="col"\/><c:grouping val="stacked"\/>/);
    expect(xml).toMatch(/<c:overlap val="100"\/>/);
    const series = [...xml.matchAll(/<c:ser>(.*?)<\/c:ser>/g)].map((m) => m[1]);
    expect(series.map((s) => /<c:tx><c:v>([^<]*)</.exec(s)![1])).toEqual(["Base", "Increase", "Decrease", "Total"]);
    expect(series[0]).toMatch(/<c:spPr><a:noFill\/><a:ln><a:noFill\/><\/a:ln><\/c:spPr>/);
    expect(series[1]).toMatch(/<a:srgbClr val="59A14F"\/>/);
    expect(xml).toMatch(/<c:legend><c:legendPos val="b"\/><c:legendEntry><c:idx val="0"\/><c:delete val="1"\/><\/c:legendEntry>/);
  });

  test("a line chart leaves gaps: blanks as gaps, #N/A as blank (Excel 2016+), and markers show lone points", async () => {
    const xml = await part("xl/charts/chart1.xml");
    expect(xml).toMatch(/<c:dispBlanksAs val="gap"\/>/);
    expect(xml).toMatch(/<c16r3:dispNaAsBlank val="1"\/>/);
    expect(xml.indexOf("<c:extLst>")).toBeGreaterThan(xml.indexOf("</c:chart>"));
    expect(xml).toMatch(/<c:marker><c:symbol val="circle"\/>/);
  });

  test("series without a colour take the palette's, one each", () => {
    const chart = plan.sheets[0].charts[0];
    const xml = chartXml({
      chart: { ...chart, series: [0, 1, 2].map((i) => ({ name: `S${i}`, values: chart.series[0].values })) },
      quotedSheet: "Features",
      textCategories: true,
    });
    expect([...xml.matchAll(/<c:spPr><a:ln[^>]*><a:solidFill><a:srgbClr val="([0-9A-F]{6})"/g)].map((m) => m[1])).toEqual(["4E79A7", "F28E2B", "59A14F"]);
  });
});

describe("validatePlan: the v2 fields", () => {
  const base = featurePlan();
  const broken = (patch: (p: WorkbookPlan) => void) => {
    const p = structuredClone(base);
    patch(p);
    return () => validatePlan(p);
  };

  test("cached values must have the shape of their block and sit on formulas only", () => {
    expect(broken((p) => (p.sheets[0].blocks.find((b) => b.cached)!.cached = [[1]]))).toThrow(/do not have the shape of its cells/);
    expect(
      broken((p) => {
        const b = p.sheets[0].blocks.find((x) => x.cached)!;
        b.cached = b.rows.map((r) => r.map(() => 1));
      }),
    ).toThrow(/caches a value for a cell that is not a formula/);
  });

  test("a waterfall needs its base; merges, print areas and row heights must be on the sheet", () => {
    expect(broken((p) => delete p.sheets[0].charts[1].base)).toThrow(/waterfall chart "Bridge" needs its base series/);
    expect(broken((p) => p.sheets[0].merges!.push("A1:B"))).toThrow(/a merge/);
    expect(broken((p) => (p.sheets[0].print!.area = "nowhere"))).toThrow(/the print area/);
    expect(broken((p) => p.sheets[0].rowHeights!.push({ row: 3, height: 500 }))).toThrow(/row 3 has the height 500/);
    expect(() => validatePlan(base)).not.toThrow();
  });
});
