import ExcelJS from "exceljs";
import JSZip from "jszip";
import { kpiScorecardTemplate } from "../../src/templates/kpi-scorecard/descriptor";
import { ltvCacModel } from "../../src/templates/ltv-cac/descriptor";
import { excelDate } from "../../src/workbook/dates";
import { emptySheet, WorkbookPlan } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { surveyPlanOf } from "../support/survey-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");

const d = (m: number, day: number) => excelDate(2024, m, day);
const responses = [
  { date: d(1, 5), score: 10, segment: "SMB", csat: 5, ces: 6, comment: "=1+1" },
  { date: d(1, 9), score: 3, segment: "Enterprise", csat: 2, comment: "+44 slow" },
  { date: d(2, 2), score: 8, segment: "SMB", ces: 4 },
];

/** The KPI scorecard of the sample KPIs. */
function kpiScorecard(): WorkbookPlan {
  return kpiScorecardTemplate.build({ rows: [], mapping: {}, options: {}, sourceLabel: "", builtAt: BUILT, language: "en", surface: "taskpane" });
}

async function load(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const zip = await JSZip.loadAsync(buffer);
  const part = async (path: string) => {
    const f = zip.file(path);
    if (!f) throw new Error(`missing part ${path}`);
    return f.async("string");
  };
  return { wb, zip, part };
}

describe("writePlanToBuffer: four plans in one workbook", () => {
  let file: Awaited<ReturnType<typeof load>>;
  let charts = 0;
  beforeAll(async () => {
    const plans: WorkbookPlan[] = [ltvCacModel(), kpiScorecard(), surveyPlanOf(responses), ltvCacModel()];
    const written = await writePlanToBuffer(plans);
    charts = written.charts;
    file = await load(written.buffer);
  });

  test("sheets keep their order; a taken name gets a suffix", () => {
    expect(file.wb.worksheets.map((w) => w.name)).toEqual(["LTV model", "CX scorecard", "NPS dashboard", "Survey responses", "LTV model (2)"]);
  });

  test("values, formulas and number formats round-trip", () => {
    const ltv = file.wb.getWorksheet("LTV model")!;
    expect(ltv.getCell("B7").value).toBe(120);
    expect(ltv.getCell("B7").numFmt).toBe('"$"#,##0.00');
    expect(ltv.getCell("B8").numFmt).toBe("0.0%");
    expect(ltv.getCell("B17").value).toEqual({ formula: "ARPA*Gross_margin/(Monthly_churn+Discount_rate)", result: 3200 });
    expect(ltv.getCell("B18").numFmt).toBe('0.0"x"');
    expect(ltv.getCell("A1").value).toBe("LTV:CAC model");
    expect(ltv.getCell("A1").font.bold).toBe(true);
    expect(ltv.getColumn(1).width).toBe(34.75); // measured from the longest label
  });

  test("functions newer than Excel 2007 carry the _xlfn. prefix", () => {
    const dash = file.wb.getWorksheet("NPS dashboard")!;
    let z: unknown;
    dash.eachRow((row) => row.eachCell((cell) => {
      const v = cell.value as { formula?: string };
      if (v && typeof v === "object" && v.formula?.includes("NORM.S.INV")) z = v.formula;
    }));
    expect(z).toBe("_xlfn.NORM.S.INV(0.5+NPS_confidence/2)");
  });

  test("user text stays text, even when it starts with = or +", () => {
    const data = file.wb.getWorksheet("Survey responses")!;
    const comments: unknown[] = [];
    data.getColumn(7).eachCell((cell) => comments.push(cell.value));
    expect(comments).toContain("=1+1");
    expect(comments).toContain("+44 slow");
    // An empty plan cell ("") is an empty Excel cell.
    expect(data.getCell("D9").value).toBeNull(); // the third response has no CSAT
  });

  test("tables: names (suffixed when taken), ranges and styles", () => {
    const tables = (name: string) => {
      const ws = file.wb.getWorksheet(name)! as unknown as { getTables(): { table: { name: string; tableRef: string; style: { theme: string } } }[] };
      return ws.getTables().map((t) => [t.table.name, t.table.tableRef, t.table.style.theme]);
    };
    expect(tables("LTV model")).toEqual([["LtvPaybackCurve", "A43:C68", "TableStyleLight9"]]);
    expect(tables("LTV model (2)")).toEqual([["LtvPaybackCurve_2", "A43:C68", "TableStyleLight9"]]);
    expect(tables("Survey responses")).toEqual([["SurveyResponses", "A6:G9", "TableStyleLight9"]]);
    expect(tables("CX scorecard")[0][0]).toBe("KpiScorecard");
  });

  test("defined names: workbook-scoped when free, sheet-scoped (localSheetId) when taken, with comments", async () => {
    const xml = await file.part("xl/workbook.xml");
    expect(xml).toContain(`<definedName name="ARPA" comment="Monthly recurring revenue / paying accounts.">&apos;LTV model&apos;!$B$7</definedName>`);
    expect(xml).toContain(`<definedName name="ARPA" localSheetId="4" comment="Monthly recurring revenue / paying accounts.">&apos;LTV model (2)&apos;!$B$7</definedName>`);
    expect(xml).toContain(`<definedName name="NPS_z" comment="Standard normal quantile for the confidence level">&apos;NPS dashboard&apos;!$B$9</definedName>`);
    // definedNames sits between </sheets> and <calcPr> as CT_Workbook requires.
    expect(xml.indexOf("</sheets>")).toBeLessThan(xml.indexOf("<definedNames>"));
    expect(xml.indexOf("</definedNames>")).toBeLessThan(xml.indexOf("<calcPr"));
    expect(xml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  test("conditional formats: status colours, text equality and colour rules", () => {
    const ltv = file.wb.getWorksheet("LTV model")! as unknown as { conditionalFormattings: { ref: string; rules: any[] }[] };
    const rules = ltv.conditionalFormattings.map((c) => [c.ref, c.rules[0].type, c.rules[0].operator ?? "", c.rules[0].formulae?.join("|")]);
    expect(rules).toContainEqual(["B18", "cellIs", "greaterThanOrEqual", "3"]);
    expect(rules).toContainEqual(["B25:F30", "expression", "", "AND(ISNUMBER(B25),B25>=1,B25<3)"]);
    expect(rules).toContainEqual(["B25:F30", "cellIs", "lessThan", "1"]);
    const card = file.wb.getWorksheet("CX scorecard")! as unknown as { conditionalFormattings: { ref: string; rules: any[] }[] };
    expect(card.conditionalFormattings[0].rules[0]).toMatchObject({ type: "cellIs", operator: "equal", formulae: ['"met"'] });
    expect(card.conditionalFormattings[0].rules[0].style.fill.bgColor.argb).toBe("FFC6EFCE");
  });

  test("frozen panes and list validation", () => {
    const card = file.wb.getWorksheet("CX scorecard")!;
    const plan = kpiScorecard().sheets[0];
    expect(card.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: plan.freeze!.rows });
    const first = plan.validations[0].range.split(":")[0];
    expect(card.getCell(first).dataValidation).toMatchObject({ type: "list", formulae: ['"higher,lower"'] });
  });

  test("charts: one drawing per sheet with charts, chart parts, content types and the sheet's <drawing>", async () => {
    expect(charts).toBe(2 + 5 + 2); // LTV ×2 (2 each), dashboard: NPS, CSAT, CES, scores, comments' sentiment
    const types = await file.part("[Content_Types].xml");
    for (let i = 1; i <= 9; i++) expect(types).toContain(`<Override PartName="/xl/charts/chart${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
    expect(types).toContain(`PartName="/xl/drawings/drawing3.xml"`);
    const sheet1 = await file.part("xl/worksheets/sheet1.xml");
    const rels1 = await file.part("xl/worksheets/_rels/sheet1.xml.rels");
    const id = /Id="(rId\d+)" Type="[^"]*\/drawing" Target="..\/drawings\/drawing1.xml"/.exec(rels1)![1];
    expect(sheet1).toContain(`<drawing r:id="${id}"/>`);
    expect(sheet1.indexOf("<drawing ")).toBeLessThan(sheet1.indexOf("<tableParts"));
    expect(sheet1.indexOf("<pageSetup")).toBeLessThan(sheet1.indexOf("<drawing "));
    const drawing = await file.part("xl/drawings/drawing2.xml");
    expect((drawing.match(/<xdr:twoCellAnchor/g) ?? []).length).toBe(5);
    const chart = await file.part("xl/charts/chart3.xml");
    expect(chart).toContain("<c:lineChart>");
    expect(chart).toContain("<c:f>&apos;NPS dashboard&apos;!$I$20:$I$21</c:f>");
    expect(chart).toContain('<c:numFmt formatCode="mmm yyyy" sourceLinked="0"/>');
    expect(chart).toContain('<a:prstDash val="dash"/>');
    const scores = await file.part("xl/charts/chart6.xml");
    expect(scores).toContain('<c:barDir val="col"/>');
  });
});

describe("writePlanToBuffer: small cases", () => {
  test("cross-sheet formulas follow a suffixed sheet", async () => {
    const plans = [surveyPlanOf(responses), surveyPlanOf(responses)];
    const { wb } = await load((await writePlanToBuffer(plans)).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["NPS dashboard", "Survey responses", "NPS dashboard (2)", "Survey responses (2)"]);
    const formula = (wb.getWorksheet("NPS dashboard (2)")!.getCell("C15").value as { formula: string }).formula;
    expect(formula).toContain("'Survey responses (2)'!$B:$B");
  });

  test("a sheet name Excel would refuse is made valid", async () => {
    const plan: WorkbookPlan = { title: "t", sheets: [{ ...emptySheet("a", "Q1/Q2: [draft]?*", "t"), blocks: [{ at: "A1", rows: [[1]] }] }] };
    const { wb, resolved } = await writePlanToBuffer(plan).then(async (w) => ({ ...(await load(w.buffer)), resolved: w.resolved }));
    expect(resolved.sheets[0].name).toBe("Q1-Q2- -draft---");
    expect(wb.worksheets[0].name).toBe("Q1-Q2- -draft---");
  });

  test("a plan without charts or names is plain ExcelJS output", async () => {
    const plan: WorkbookPlan = { title: "t", sheets: [{ ...emptySheet("a", "Data", "t"), blocks: [{ at: "B2", rows: [["x", 1, true, ""]] }] }] };
    const { wb, zip } = await load((await writePlanToBuffer(plan)).buffer);
    const ws = wb.getWorksheet("Data")!;
    expect([ws.getCell("B2").value, ws.getCell("C2").value, ws.getCell("D2").value, ws.getCell("E2").value]).toEqual(["x", 1, true, null]);
    expect(Object.keys(zip.files).some((p) => p.startsWith("xl/charts/"))).toBe(false);
  });
});

describe("writePlanToBuffer: heatmaps", () => {
  test("a colour scale round-trips with its stops and colours", async () => {
    const { heatmap } = await import("../../src/workbook/styles");
    const plan: WorkbookPlan = {
      title: "t",
      sheets: [{ ...emptySheet("a", "Heat", "t"), blocks: [{ at: "A1", rows: [[0.1, 0.5], [0.9, 0.3]] }], conditionalFormats: [heatmap("A1:B2")] }],
    };
    const { wb } = await load((await writePlanToBuffer(plan)).buffer);
    const cf = (wb.getWorksheet("Heat") as unknown as { conditionalFormattings: { ref: string; rules: any[] }[] }).conditionalFormattings[0];
    expect(cf.ref).toBe("A1:B2");
    expect(cf.rules[0].type).toBe("colorScale");
    expect(cf.rules[0].cfvo).toEqual([{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }]);
    expect(cf.rules[0].color.map((c: { argb: string }) => c.argb)).toEqual(["FFF8696B", "FFFFEB84", "FF63BE7B"]);
  });
});
