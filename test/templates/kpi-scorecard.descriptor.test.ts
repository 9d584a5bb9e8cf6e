import { churnRate } from "../../src/metrics/customers";
import { ltv, ltvToCac } from "../../src/metrics/ltv";
import { npsFromCounts } from "../../src/metrics/nps";
import { autoMap } from "../../src/templates/column-mapping";
import { kpiScorecard, kpiStatus, SAMPLE_KPIS, SCORECARD_COLUMNS as COL, SCORECARD_FIRST_ROW as FIRST } from "../../src/templates/kpi-scorecard";
import { directionOf, KPI_COLUMNS, kpiScorecardDescriptor as d } from "../../src/templates/kpi-scorecard.descriptor";
import type { BuildInput } from "../../src/templates/registry-types";
import { FORMATS } from "../../src/workbook/styles";
import { validatePlan } from "../../src/workbook/plan";
import { evaluatePlan } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const input = (header: string[], rows: unknown[][], language: "en" | "es" = "en"): BuildInput => ({
  rows,
  mapping: autoMap(KPI_COLUMNS, header),
  options: {},
  sourceLabel: "kpis.csv",
  builtAt: BUILT,
  surface: "taskpane",
  language,
});

describe("KPI scorecard descriptor", () => {
  test("starts from inputs: no columns (the pane builds the sample KPIs), an optional KPI list for files", () => {
    expect(d.columns).toEqual([]);
    expect(d.inputColumns!.filter((c) => c.required).map((c) => c.key)).toEqual(["name", "target", "actual"]);
    const empty = input([], []);
    expect(d.validate(empty)).toEqual({ goodRows: 0, problems: [], blocking: [] });
    expect(d.build(empty)).toEqual(kpiScorecard());
  });

  test("sample headlines: the metrics core's values, in the Actual cells that evaluate to them", () => {
    const x = input([], []);
    const headlines = d.headlines!(x);
    const wb = evaluatePlan(d.build(x));
    const nps = headlines.find((h) => h.label.en === "NPS")!;
    // 412 promoters, 288 passives, 150 detractors: 100 × (412 − 150) / 850 = 30.82… (hand arithmetic).
    expect(nps.value).toBeCloseTo((100 * 262) / 850, 12);
    expect(nps.value).toBe(npsFromCounts({ promoters: 412, passives: 288, detractors: 150 }));
    expect(nps.cell).toBe(`${COL.actual}${FIRST}`);
    // LTV:CAC: churn 46 / 2000 = 2.3%; LTV = 120 × 0.8 / 0.023 = 4173.9; / 900 = 4.64.
    expect(headlines.find((h) => h.label.en === "LTV:CAC")!.value).toBeCloseTo(ltvToCac(ltv(120, 0.8, churnRate(2000, 46)), 900), 12);
    expect(headlines.find((h) => h.label.en === "LTV:CAC")!.value).toBeCloseTo((120 * 0.8) / 0.023 / 900, 9);
    expect(headlines.length).toBeGreaterThanOrEqual(5);
    for (const h of headlines) expect(wb.number(h.sheet, h.cell)).toBeCloseTo(h.value, 9);
  });

  test("the sample, read back as a KPI list through its own headers, builds the same scorecard", () => {
    const [header, ...rows] = d.sample();
    const x = input(header as string[], rows);
    expect(Object.values(x.mapping).every((i) => i >= 0)).toBe(true);
    expect(d.validate(x)).toEqual({ goodRows: SAMPLE_KPIS.length, problems: [], blocking: [] });
    const plan = d.build(x);
    expect(() => validatePlan(plan)).not.toThrow();
    expect(plan).toEqual(d.build(input([], [])));
  });

  test("reads a Spanish KPI list: headers, directions, percentages and formats", () => {
    const header = ["Indicador", "Objetivo", "Real", "Mejor si", "Tolerancia", "Formato", "Periodo"];
    const rows = [
      ["NPS", 35, 41, "mayor", 5, "puntos", "T3 2025"],
      ["Abandono mensual", "2%", "2,3%", "menor", "0,5%", "", "Octubre"],
      ["Tiempo de respuesta (h)", 4, 6.5, "menor", 1, "horas", ""],
    ];
    const x = input(header, rows, "es");
    expect(d.validate(x)).toEqual({ goodRows: 3, problems: [], blocking: [] });
    const plan = d.build(x);
    expect(() => validatePlan(plan)).not.toThrow();
    expect(plan.sheets[0].names).toEqual([]); // numbers only: no Inputs block
    const wb = evaluatePlan(plan);
    const status = (i: number) => wb.value("scorecard", `${COL.status}${FIRST + i}`);
    // NPS 41 ≥ 35: met. Churn 2.3% > 2% but within 0.5 pp: near. Response time 6.5 h > 4 + 1: missed.
    expect([status(0), status(1), status(2)]).toEqual(["met", "near", "missed"]);
    expect(kpiStatus("lower", 0.02, 0.023, 0.005)).toBe("near");
    expect(wb.number("scorecard", `${COL.actual}${FIRST + 1}`)).toBeCloseTo(0.023, 12);
    // A "%" target with no format column gets the percent format.
    expect(plan.sheets[0].formats.find((f) => f.range === `C${FIRST + 1}:E${FIRST + 1}`)?.numberFormat).toBe(FORMATS.percent);
    expect(d.headlines!(x).map((h) => h.value)).toEqual([41, 0.023, 6.5]);
  });

  test("names each bad row with its column and builds from the others", () => {
    const header = ["KPI", "Target", "Actual", "Direction", "Format"];
    const rows = [
      ["CSAT", 0.85, 0.81, "higher", "percent"],
      ["", 1, 2, "", ""], // 1: no name
      ["FCR", "eighty", 0.7, "", ""], // 2: target not a number
      ["=HYPERLINK(\"x\")", 1, 2, "", ""], // 3: a name that would be a formula
      ["CES", 5.5, 5.1, "sideways", ""], // 4: direction
      ["NRR", 1, "n/a", "", ""], // 5: actual
      ["Churn", 0.02, 0.03, "lower", "dollars please"], // 6: format
      ["", "", "", "", ""], // 7: blank, skipped
      ["Response time", 4, 3.5, "Lower is better", "0.0"],
    ];
    const x = input(header, rows);
    const report = d.validate(x);
    expect(report.goodRows).toBe(2);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [1, "name"],
      [2, "target"],
      [3, "name"],
      [4, "direction"],
      [5, "actual"],
      [6, "format"],
    ]);
    expect(report.problems[1].message.en).toBe('Target "eighty" is not a number.');
    expect(report.problems[3].message.es).toBe("Mejor si «sideways» debe ser «mayor» o «menor» (higher / lower).");
    const wb = evaluatePlan(d.build(x));
    expect(wb.value("scorecard", `${COL.kpi}${FIRST}`)).toBe("CSAT");
    expect(wb.value("scorecard", `${COL.kpi}${FIRST + 1}`)).toBe("Response time");
    expect(wb.value("scorecard", `${COL.status}${FIRST + 1}`)).toBe("met");
  });

  test("blocks when a required column is missing or no row is usable", () => {
    expect(d.validate(input(["KPI", "Target"], [["NPS", 30]])).blocking.map((b) => b.en)).toEqual([
      "The Actual column is required: map a source column to it.",
    ]);
    expect(d.validate(input(["KPI", "Target", "Actual"], [["NPS", "x", 1]])).blocking.map((b) => b.en)).toEqual([
      "No row can be used: every row has a problem.",
    ]);
  });

  test("directions in English and Spanish", () => {
    expect(["higher", "Higher is better", "más", "MAYOR", ""].map(directionOf)).toEqual(["higher", "higher", "higher", "higher", "higher"]);
    expect(["lower", "Lower is better", "menos", "menor", "down"].map(directionOf)).toEqual(["lower", "lower", "lower", "lower", "lower"]);
    expect(directionOf("sideways")).toBeUndefined();
  });
});

