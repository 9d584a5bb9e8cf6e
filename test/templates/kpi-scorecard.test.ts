/**
 * The KPI scorecard (src/templates/kpi-scorecard/): the sample's actuals
 * against the metrics core (NPS: Reichheld 2003 / Bain, churn, NRR, FCR,
 * LTV:CAC as src/metrics defines them), statuses worked out by hand, the
 * Status formula against the status rule on random KPIs, KPI lists read in
 * English and Spanish, bad rows named, the allow-list for actuals (issue 9),
 * the Spanish sheet wholly in Spanish, notes that never print over each
 * other, and both renderers. The checks every v2 template shares live in
 * test/templates/v2/.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { csatFromHistogram } from "../../src/metrics/csat";
import { churnRate, firstContactResolution } from "../../src/metrics/customers";
import { ltv, ltvToCac } from "../../src/metrics/ltv";
import { npsFromCounts } from "../../src/metrics/nps";
import { nrr } from "../../src/metrics/revenue-retention";
import { autoMap } from "../../src/templates/column-mapping";
import { kpiStatus, scorecardAggregate } from "../../src/templates/kpi-scorecard/aggregate";
import { directionOf, KPI_COLUMNS, kpiScorecardParts, kpiScorecardTemplate as T, sampleKpiValue } from "../../src/templates/kpi-scorecard/descriptor";
import { kpiSample, KpiSpec, sampleInputs, sampleKpis } from "../../src/templates/kpi-scorecard/sample";
import { COLUMN, scorecardSheets } from "../../src/templates/kpi-scorecard/sheets";
import { SCORECARD_STRINGS, ScorecardStrings } from "../../src/templates/kpi-scorecard/strings";
import type { BuildInput, Language } from "../../src/templates/registry-types";
import { TemplateInputError } from "../../src/templates/shared/errors";
import { checkSheetLayout } from "../../src/workbook/layout-checks";
import { cellAt, validatePlan } from "../../src/workbook/plan";
import { FORMATS } from "../../src/workbook/styles";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { errorCells, evaluatePlan } from "../support/evaluate-plan";
import { FakeExcel } from "../support/excel-batch-fake";

const BUILT = new Date("2025-01-15T09:30:00Z");

function input(header: unknown[], rows: unknown[][], language: Language = "en"): BuildInput {
  return { rows, mapping: autoMap(KPI_COLUMNS, header), options: {}, sourceLabel: "kpis.csv", builtAt: BUILT, surface: "taskpane", language };
}

/** The sample scorecard as the task pane builds it (no rows: the sample KPIs). */
const paneInput = (language: Language = "en") => input([], [], language);

describe("the sample scorecard", () => {
  const b = kpiScorecardParts.build(paneInput());
  const wb = evaluatePlan(b.plan);
  const ids = sampleKpis("en").map((k) => k.id);
  const cell = (id: string, column: keyof typeof COLUMN) => b.at.scorecard.cell(1 + ids.indexOf(id as never), COLUMN[column]);
  const actual = (id: string) => wb.number("scorecard", cell(id, "actual"));
  const status = (id: string) => wb.value("scorecard", cell(id, "status"));

  test("a valid plan: the table, the named inputs, the direction list and the status colours", () => {
    expect(() => validatePlan(b.plan)).not.toThrow();
    const sheet = b.plan.sheets[0];
    expect(sheet.name).toBe("CX scorecard");
    expect(sheet.tables).toEqual([{ name: "KpiScorecard", range: b.at.scorecard.address, style: "TableStyleMedium2" }]);
    expect(sheet.names.map((n) => n.name)).toEqual(sampleInputs("en").map((i) => i.name));
    expect(sheet.validations).toEqual([{ range: b.at.scorecard.range(1, COLUMN.direction, 8, 1), list: ["higher", "lower"] }]);
    expect(sheet.conditionalFormats.map((c) => (c.kind === "cellValue" ? c.formula1 : ""))).toEqual(['"met"', '"near"', '"missed"']);
    expect(sheet.freeze).toEqual({ rows: b.at.scorecard.row(0), columns: 1 });
    expect(cellAt(sheet, 2, 1)).toBe("Source: built-in sample data (seeded generator) (8 rows used). Built 2025-01-15 09:30 UTC by CXM.");
    expect(errorCells(wb, b.plan)).toEqual([]);
  });

  test("actuals computed from the inputs equal the metrics core", () => {
    // NPS: 412 promoters, 288 passives, 150 detractors -> (412 - 150) / 850 × 100 = 30.82…
    expect(actual("nps")).toBeCloseTo(npsFromCounts({ promoters: 412, passives: 288, detractors: 150 }), 9);
    expect(actual("nps")).toBeCloseTo((100 * 262) / 850, 9);
    // CSAT: 640 of 800 answered 4 or 5 -> 0.8
    expect(actual("csat")).toBeCloseTo(csatFromHistogram([0, 0, 0, 160, 0, 640]), 12);
    // Churn: 46 of 2000 -> 0.023
    expect(actual("churn")).toBeCloseTo(churnRate(2000, 46), 12);
    // NRR: (250000 + 20000 - 5000 - 7500) / 250000 = 1.03
    expect(actual("nrr")).toBeCloseTo(nrr(250000, 20000, 5000, 7500), 12);
    // FCR: 3400 / 4000 = 0.85
    expect(actual("fcr")).toBeCloseTo(firstContactResolution(3400, 4000), 12);
    // LTV:CAC: 120 × 0.8 / 0.023 / 900 = 4.637…
    expect(actual("ltvcac")).toBeCloseTo(ltvToCac(ltv(120, 0.8, churnRate(2000, 46)), 900), 9);
    expect(actual("ces")).toBe(5.6);
    expect(actual("responseTime")).toBe(5.1);
    // The headlines are the core's values, in the cells that evaluate to them.
    for (const id of ids) expect(actual(id)).toBeCloseTo(sampleKpiValue(id), 9);
  });

  test("statuses: met, near and missed as worked out by hand; the gap is positive when the KPI beats its target", () => {
    expect(status("nps")).toBe("near"); // 30.8 < 35 but >= 35 - 5
    expect(status("csat")).toBe("missed"); // 0.80 < 0.85 - 0.03
    expect(status("ces")).toBe("met"); // 5.6 >= 5.5
    expect(status("churn")).toBe("near"); // lower is better: 0.023 > 0.02 but <= 0.025
    expect(status("nrr")).toBe("met"); // 1.03 >= 1
    expect(status("fcr")).toBe("met"); // 0.85 >= 0.8
    expect(status("ltvcac")).toBe("met"); // 4.64 >= 3
    expect(status("responseTime")).toBe("missed"); // lower is better: 5.1 > 4 + 1
    expect(wb.number("scorecard", cell("nrr", "gap"))).toBeCloseTo(0.03, 12); // 1.03 - 1
    expect(wb.number("scorecard", cell("responseTime", "gap"))).toBeCloseTo(-1.1, 12); // 4 - 5.1
  });

  test("the status moves when an input changes", () => {
    const w = evaluatePlan(b.plan);
    const promoters = w.resolved.names.find((n) => n.name === "Promoters")!.reference.split("!")[1].replace(/\$/g, "");
    w.set("scorecard", promoters, 600); // (600 - 150) / 1038 × 100 = 43.4 -> met
    expect(w.value("scorecard", cell("nps", "status"))).toBe("met");
  });

  test("headlines: the core's values, labelled in both languages, at the Actual cells", () => {
    const h = T.headlines!(paneInput());
    expect(h.map((x) => x.label.en)).toEqual(sampleKpis("en").map((k) => k.name));
    expect(h.find((x) => x.label.en === "Customer churn (monthly)")!.label.es).toBe("Abandono de clientes (mensual)");
    for (const x of h) expect(wb.number(x.sheet, x.cell)).toBeCloseTo(x.value, 9);
  });

  test("the notes wrap within their column and each row is as tall as its note: nothing prints over the next row", () => {
    const sheet = b.plan.sheets[0];
    expect(checkSheetLayout(sheet).filter((p) => p.check === "wrap" || p.check === "cut")).toEqual([]);
    // The churn and NRR notes (issue 11: they printed over each other) take several lines, and their rows are that tall.
    for (const id of ["churn", "nrr"]) {
      const row = b.at.scorecard.row(1 + ids.indexOf(id as never));
      expect(sheet.rowHeights!.find((h) => h.row === row)!.height).toBeGreaterThanOrEqual(2 * 15);
    }
  });

  test("the sheets are built from the aggregate alone: the same aggregate through JSON gives the same plan", () => {
    const source = { label: SCORECARD_STRINGS.en.sampleSource, used: 8, leftOut: 0, surface: "taskpane" as const, builtAt: BUILT };
    const again = scorecardSheets(JSON.parse(JSON.stringify(b.agg)), { source }, SCORECARD_STRINGS.en);
    expect(again.plan).toEqual(b.plan);
  });
});

describe("in Spanish", () => {
  const b = kpiScorecardParts.build(paneInput("es"));
  const wb = evaluatePlan(b.plan);
  const row = (name: string) => 1 + sampleKpis("es").findIndex((k) => k.name === name);

  test("KPI names, statuses, directions, input names and notes are Spanish; the figures the same", () => {
    const sheet = b.plan.sheets[0];
    expect(sheet.name).toBe("Cuadro de mando CX");
    const churn = row("Abandono de clientes (mensual)");
    expect(cellAt(sheet, b.at.scorecard.row(churn), b.at.scorecard.column(COLUMN.kpi))).toBe("Abandono de clientes (mensual)");
    expect(wb.value("scorecard", b.at.scorecard.cell(churn, COLUMN.status))).toBe("cerca");
    expect(wb.value("scorecard", b.at.scorecard.cell(churn, COLUMN.direction))).toBe("menor");
    expect(wb.number("scorecard", b.at.scorecard.cell(churn, COLUMN.actual))).toBeCloseTo(0.023, 12);
    expect(cellAt(sheet, b.at.scorecard.row(churn), b.at.scorecard.column(COLUMN.actual))).toBe("=Clientes_perdidos/Clientes_inicio");
    expect(sheet.validations[0].list).toEqual(["mayor", "menor"]);
    expect(sheet.conditionalFormats.map((c) => (c.kind === "cellValue" ? c.formula1 : ""))).toEqual(['"cumplido"', '"cerca"', '"no cumplido"']);
    expect(sheet.names.map((n) => n.name)).toContain("Promotores");
    expect(sheet.tables[0].name).toBe("CuadroDeMandoKPI");
    expect(errorCells(wb, b.plan)).toEqual([]);
  });

  test("the Spanish sample list reads back through its own headers as the sample, and builds the same plan", () => {
    const [header, ...rows] = kpiSample("es");
    expect(header).toEqual(["Indicador", "Mejor si", "Objetivo", "Real", "Tolerancia", "Formato", "Periodo", "Nota"]);
    const x = input(header, rows, "es");
    expect(Object.values(x.mapping).every((i) => i >= 0)).toBe(true);
    expect(T.validate(x)).toEqual({ goodRows: 8, problems: [], blocking: [] });
    const fromRows = kpiScorecardParts.build(x);
    expect(fromRows.agg.sample).toBe(true);
    // The same sheet but for the source line (a file, not the built-in sample).
    const strip = (p: typeof b.plan) => JSON.stringify(p).replace(/Origen: [^"]*/g, "");
    expect(strip(fromRows.plan)).toBe(strip(b.plan));
  });

  test("a missing translation does not build", () => {
    // @ts-expect-error every key of the English strings is required in Spanish
    const missing: ScorecardStrings = { ...SCORECARD_STRINGS.es, title: undefined };
    // @ts-expect-error and no key may be added that English lacks
    const extra: ScorecardStrings = { ...SCORECARD_STRINGS.es, titel: "Cuadro" };
    expect([missing.title, extra.title]).toEqual([undefined, "Cuadro de mando de KPI de CX"]);
  });
});

describe("any KPIs", () => {
  test("property: the Status formula agrees with the status rule for typed actuals", () => {
    const kpi = fc.record({
      direction: fc.constantFrom("higher" as const, "lower" as const),
      target: fc.integer({ min: -100, max: 100 }),
      nearWithin: fc.integer({ min: 0, max: 20 }),
      actual: fc.integer({ min: -150, max: 150 }),
    });
    fc.assert(
      fc.property(fc.array(kpi, { minLength: 1, maxLength: 6 }), fc.constantFrom<Language>("en", "es"), (specs, language) => {
        const kpis: KpiSpec[] = specs.map((k, i) => ({ ...k, name: `KPI ${i}`, format: "0", timeFrame: "Q1", note: "n" }));
        const source = { label: "x", used: kpis.length, leftOut: 0, surface: "cli" as const, builtAt: BUILT };
        const t = SCORECARD_STRINGS[language];
        const s = scorecardSheets(scorecardAggregate(kpis, [], false), { source }, t);
        const w = evaluatePlan(s.plan);
        kpis.forEach((k, i) => {
          expect(w.value("scorecard", s.at.scorecard.cell(1 + i, COLUMN.status))).toBe(t.status[kpiStatus(k.direction, k.target, k.actual as number, k.nearWithin)]);
        });
      }),
      { numRuns: 25 },
    );
  });

  test("an actual whose formula cannot be computed shows Excel's error, cached as HyperFormula computes it", () => {
    const kpis: KpiSpec[] = [{ name: "Churn", direction: "lower", target: 0.02, nearWithin: 0, actual: "=Customers_lost/(Customers_start-2000)", format: "0.0%", timeFrame: "", note: "" }];
    const agg = scorecardAggregate(kpis, sampleInputs("en"), false);
    expect(agg.kpis[0].value).toEqual({ error: "#DIV/0!" });
    const s = scorecardSheets(agg, { source: { label: "x", used: 1, leftOut: 0, surface: "cli", builtAt: BUILT } }, SCORECARD_STRINGS.en);
    const w = evaluatePlan(s.plan);
    expect(w.value("scorecard", s.actualCells[0])).toMatchObject({ error: "#DIV/0!" });
    expect(w.value("scorecard", s.at.scorecard.cell(1, COLUMN.status))).toMatchObject({ error: "#DIV/0!" });
  });
});

describe("KPI lists from a file", () => {
  test("starts from inputs: no columns (the pane builds the sample KPIs), an optional KPI list for files", () => {
    expect(T.columns).toEqual([]);
    expect(T.inputColumns!.filter((c) => c.required).map((c) => c.key)).toEqual(["name", "target", "actual"]);
    expect(T.validate(paneInput())).toEqual({ goodRows: 0, problems: [], blocking: [] });
  });

  test("reads a Spanish KPI list: headers, directions, percentages and formats", () => {
    const header = ["Indicador", "Objetivo", "Real", "Mejor si", "Tolerancia", "Formato", "Periodo"];
    const rows = [
      ["NPS", 35, 41, "mayor", 5, "puntos", "T3 2025"],
      ["Abandono mensual", "2%", "2,3%", "menor", "0,5%", "", "Octubre"],
      ["Tiempo de respuesta (h)", 4, 6.5, "menor", 1, "horas", ""],
    ];
    const x = input(header, rows, "es");
    expect(T.validate(x)).toEqual({ goodRows: 3, problems: [], blocking: [] });
    const b = kpiScorecardParts.build(x);
    expect(() => validatePlan(b.plan)).not.toThrow();
    expect(b.plan.sheets[0].names).toEqual([]); // numbers only: no inputs block
    expect(b.at.inputs).toBeUndefined();
    const wb = evaluatePlan(b.plan);
    const status = (i: number) => wb.value("scorecard", b.at.scorecard.cell(1 + i, COLUMN.status));
    // NPS 41 ≥ 35: met. Churn 2.3% > 2% but within 0.5 pp: near. Response time 6.5 h > 4 + 1: missed.
    expect([status(0), status(1), status(2)]).toEqual(["cumplido", "cerca", "no cumplido"]);
    expect(kpiStatus("lower", 0.02, 0.023, 0.005)).toBe("near");
    expect(wb.number("scorecard", b.actualCells[1])).toBeCloseTo(0.023, 12);
    // A "%" target with no format column gets the percent format.
    expect(b.plan.sheets[0].formats.find((f) => f.range === b.at.scorecard.range(2, COLUMN.target, 1, 3))?.numberFormat).toBe(FORMATS.percent);
    expect(T.headlines!(x).map((h) => h.value)).toEqual([41, 0.023, 6.5]);
    // The user's KPI names are the user's words: marked as such (the language checks skip them).
    expect(b.plan.sheets[0].blocks.find((bl) => bl.rows.flat().includes("Abandono mensual"))!.userData).toBe(true);
  });

  test("formulas over the named inputs of the build's language: the inputs block is written, the values computed", () => {
    const header = ["KPI", "Target", "Actual"];
    const x = input(header, [["Win rate", 0.5, "=ROUND(Promoters/(Promoters+Detractors), 2)"]]);
    const b = kpiScorecardParts.build(x);
    // 412 / 562 = 0.7330… -> 0.73
    expect(b.agg.kpis[0].value).toBe(0.73);
    expect(evaluatePlan(b.plan).number("scorecard", b.actualCells[0])).toBe(0.73);
    expect(b.at.inputs).toBeDefined();
    expect(T.headlines!(x)[0].value).toBe(0.73);
    // In Spanish, the names are the Spanish ones: an English name is refused, naming the Spanish ones.
    const es = T.validate(input(header, [["Tasa", 0.5, "=Promoters/2"]], "es"));
    expect(es.problems[0].message.es).toMatch(/usa Promoters, que no es uno de los datos con nombre \(Promotores, Pasivos, Detractores/);
    expect(es.problems[0].message.es).not.toMatch(/celda/);
  });

  test("names each bad row with its column and builds from the others", () => {
    const header = ["KPI", "Target", "Actual", "Direction", "Format"];
    const rows = [
      ["CSAT", 0.85, 0.81, "higher", "percent"],
      ["", 1, 2, "", ""], // 1: no name
      ["FCR", "eighty", 0.7, "", ""], // 2: target not a number
      ['=HYPERLINK("x")', 1, 2, "", ""], // 3: a name that would be a formula
      ["CES", 5.5, 5.1, "sideways", ""], // 4: direction
      ["NRR", 1, "n/a", "", ""], // 5: actual
      ["Churn", 0.02, 0.03, "lower", "dollars please"], // 6: format
      ["", "", "", "", ""], // 7: blank, skipped
      ["Response time", 4, 3.5, "Lower is better", "0.0"],
      ["Evil", 1, '=WEBSERVICE("http://evil/")', "", ""], // 9: a formula outside the allow-list
      ["Cell", 1, "=B5*2", "", ""], // 10: a cell reference (a KPI list cannot know the sheet's cells)
    ];
    const x = input(header, rows);
    const report = T.validate(x);
    expect(report.goodRows).toBe(2);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [1, "name"],
      [2, "target"],
      [3, "name"],
      [4, "direction"],
      [5, "actual"],
      [6, "format"],
      [9, "actual"],
      [10, "actual"],
    ]);
    expect(report.problems[1].message.en).toBe('Target "eighty" is not a number.');
    expect(report.problems[3].message.es).toBe("Mejor si «sideways» debe ser «mayor» o «menor» (higher / lower).");
    expect(report.problems[6].message.en).toMatch(/WEBSERVICE, which is not one of the functions allowed here/);
    expect(report.problems[7].message.en).toMatch(/it uses B5, which is not one of the named inputs \(Promoters, .*\)\. Write a number/);
    const b = kpiScorecardParts.build(x);
    const wb = evaluatePlan(b.plan);
    expect(wb.value("scorecard", b.at.scorecard.cell(1, COLUMN.kpi))).toBe("CSAT");
    expect(wb.value("scorecard", b.at.scorecard.cell(2, COLUMN.kpi))).toBe("Response time");
    expect(wb.value("scorecard", b.at.scorecard.cell(2, COLUMN.status))).toBe("met");
    expect(cellAt(b.plan.sheets[0], 2, 1)).toMatch(/\(2 rows used; 8 left out, listed by the check in the task pane\)/);
  });

  test("blocks when a required column is missing or no row is usable", () => {
    expect(T.validate(input(["KPI", "Target"], [["NPS", 30]])).blocking.map((b) => b.en)).toEqual(["The Actual column is required: map a source column to it."]);
    expect(T.validate(input(["KPI", "Target", "Actual"], [["NPS", "x", 1]])).blocking.map((b) => b.en)).toEqual(["No row can be used: every row has a problem."]);
    expect(() => T.build(input(["KPI", "Target", "Actual"], [["NPS", "x", 1]], "es"))).toThrow(TemplateInputError);
  });

  test("directions in English and Spanish", () => {
    expect(["higher", "Higher is better", "más", "MAYOR", ""].map(directionOf)).toEqual(["higher", "higher", "higher", "higher", "higher"]);
    expect(["lower", "Lower is better", "menos", "menor", "down"].map(directionOf)).toEqual(["lower", "lower", "lower", "lower", "lower"]);
    expect(directionOf("sideways")).toBeUndefined();
  });
});

describe("both renderers", () => {
  const plan = T.build(paneInput());

  test(".xlsx: ExcelJS opens it; the statuses carry their cached values", async () => {
    const { buffer } = await writePlanToBuffer(plan);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("CX scorecard")!;
    expect(ws.getCell("A1").value).toBe("CX KPI scorecard");
    const at = kpiScorecardParts.build(paneInput()).at.scorecard;
    expect(ws.getCell(at.cell(1, COLUMN.status)).value).toMatchObject({ result: "near" });
  });

  test("Office.js: a taken sheet and table name get a suffix, the user's sheet is untouched, in a handful of syncs", async () => {
    const fake = new FakeExcel({ sheets: { "CX scorecard": { A1: "mine" } }, tables: ["KpiScorecard"] });
    const result = await applyPlanInContext(fake.context, plan);
    expect(result.sheets.map((s) => s.name)).toEqual(["CX scorecard (2)"]);
    expect(result.tables.map((t) => t.name)).toEqual(["KpiScorecard_2"]);
    expect(Object.fromEntries(fake.sheet("CX scorecard").cells)).toEqual({ A1: "mine" });
    const s = fake.sheet("CX scorecard (2)");
    expect(s.cells.get("A1")).toBe("CX KPI scorecard");
    expect(s.conditionalFormats).toHaveLength(3);
    expect(s.merges.length).toBeGreaterThan(0);
    expect(result.syncs).toBeLessThanOrEqual(4);
  });
});
