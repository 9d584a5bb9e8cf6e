/**
 * MRR bridge (src/templates/mrr-bridge/): every cell of the built sheet
 * against the metrics core (src/metrics/mrr-movements.ts, ChartMogul's MRR
 * movements; src/metrics/revenue-retention.ts for NRR, GRR and the quick
 * ratio), the bridge and its waterfall by hand, validation, the Spanish
 * build, the aggregate (from the TypeScript engine and from the SQL
 * result's parser) and both renderers. Checks every v2 template shares
 * (language, layout, cached values, LibreOffice) live in test/templates/v2/.
 */
import ExcelJS from "exceljs";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { serialFromIso } from "../../src/metrics/dates";
import { MetricError } from "../../src/metrics/errors";
import { mrrMovements, MrrMonth } from "../../src/metrics/mrr-movements";
import { grr, nrr, quickRatio } from "../../src/metrics/revenue-retention";
import { parseMrrResult } from "../../src/sql/parse-mrr";
import { resultFromCsv } from "../../src/sql/result-table";
import { autoMap } from "../../src/templates/column-mapping";
import { mrrAggregate, mrrAggregateOf } from "../../src/templates/mrr-bridge/aggregate";
import { mrrBridgeParts, mrrBridgeTemplate as T } from "../../src/templates/mrr-bridge/descriptor";
import { mrrSample } from "../../src/templates/mrr-bridge/sample";
import { COL, MrrSheets, mrrSheets } from "../../src/templates/mrr-bridge/sheets";
import { MRR_STRINGS, MrrStrings } from "../../src/templates/mrr-bridge/strings";
import type { BuildInput, Language } from "../../src/templates/registry-types";
import { TemplateInputError } from "../../src/templates/shared/errors";
import { WATERFALL } from "../../src/templates/shared/waterfall";
import { sampleSubscriptionLog, sampleSubscriptions } from "../../src/templates/sample-transactions";
import { cellAt, validatePlan, valuesIn } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { FakeExcel } from "../support/excel-batch-fake";
import { errorCells, evaluatePlan, EvaluatedWorkbook } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const HEADER = ["Customer", "Month", "MRR"];

function input(rows: unknown[][], language: Language = "en", options: Record<string, string | number> = {}): BuildInput {
  return { rows, mapping: autoMap(T.columns, HEADER), options, sourceLabel: "Subs!A1:C99", builtAt: BUILT, language, surface: "taskpane" };
}

/** The full build (plan, cells, placed blocks, aggregate). */
const built = (i: BuildInput) => mrrBridgeParts.build(i);

const serial = (v: unknown) => (typeof v === "number" ? v : serialFromIso(String(v), true));

function coreOf(rows: unknown[][]): MrrMonth[] {
  return mrrMovements(rows.map((r) => r[0] as string), rows.map((r) => serial(r[1])), rows.map((r) => Number(r[2])));
}

/** The core's ratio, or "n/a" where it throws #DIV/0! (the sheet shows the text n/a there, not an error). */
function coreRatio(f: () => number, na = "n/a"): number | string {
  try {
    return f();
  } catch (e) {
    if (e instanceof MetricError && e.kind === "div0") return na;
    throw e;
  }
}

function expectRatio(wb: EvaluatedWorkbook, cell: string, expected: number | string) {
  if (typeof expected === "string") expect(wb.value("mrr", cell)).toBe(expected);
  else expect(wb.number("mrr", cell)).toBeCloseTo(expected, 12);
}

/** Every row of the bridge against the core: movements, balance, NRR, GRR and quick ratio (revenue-retention.ts). */
function expectBridgeMatchesCore(wb: EvaluatedWorkbook, b: MrrSheets, months: MrrMonth[], t: MrrStrings = MRR_STRINGS.en) {
  const table = b.at.months;
  // One row per month and the header: the table ends at the last month.
  expect(table.rows).toBe(months.length + 1);
  months.forEach((m, i) => {
    const at = (col: number) => table.cell(1 + i, col);
    const n = (col: number) => wb.number("mrr", at(col));
    expect(n(COL.month)).toBe(m.month);
    expect(n(COL.start)).toBeCloseTo(m.startMrr, 9);
    // The bridge balances in every row: end = start + new + expansion + reactivation − contraction − churn …
    expect(n(COL.end)).toBeCloseTo(n(COL.start) + n(COL.new) + n(COL.expansion) + n(COL.reactivation) - n(COL.contraction) - n(COL.churn), 9);
    // … and the end of the bridge is the customers' MRR summed from the data, which starts the next month.
    expect(n(COL.end)).toBeCloseTo(m.endMrr, 9);
    if (i > 0) expect(n(COL.start)).toBe(wb.number("mrr", table.cell(i, COL.end)));
    expect(n(COL.difference)).toBeCloseTo(0, 9);
    expect(n(COL.netNew)).toBeCloseTo(m.endMrr - m.startMrr, 9);
    expect([n(COL.new), n(COL.expansion), n(COL.reactivation), n(COL.contraction), n(COL.churn)]).toEqual([m.newMrr, m.expansion, m.reactivation, m.contraction, m.churn]);
    expect([n(COL.customersStart), n(COL.customersEnd)]).toEqual([m.customersAtStart, m.customersAtEnd]);
    expectRatio(wb, at(COL.nrr), coreRatio(() => nrr(m.startMrr, m.expansion, m.contraction, m.churn), t.na));
    expectRatio(wb, at(COL.grr), coreRatio(() => grr(m.startMrr, m.contraction, m.churn), t.na));
    expectRatio(wb, at(COL.quickRatio), coreRatio(() => quickRatio(m.newMrr, m.expansion, m.contraction, m.churn), t.na));
  });
}

/** The bridge block's column of a step: the amount, base, increase, decrease or total, from the HyperFormula evaluation ("" read as null). */
function bridgeColumn(wb: EvaluatedWorkbook, b: MrrSheets, column: number): (number | null)[] {
  return Array.from({ length: 7 }, (_, i) => {
    const v = wb.value("mrr", b.at.bridge.cell(1 + i, column));
    return v === null || v === "" ? null : (v as number) + 0; // -0 (a negated 0) reads as 0
  });
}

describe("MRR bridge on the seeded sample, through the descriptor", () => {
  const sample = T.sample();
  const rows = sample.slice(1);
  const b = built(input(rows));
  const plan = b.plan;
  const months = coreOf(rows);
  const wb = evaluatePlan(plan);

  test("the sample maps automatically in both languages, passes validation and gives a valid one-sheet plan", () => {
    expect(sample[0]).toEqual(HEADER);
    expect(mrrSample("es")[0]).toEqual(["Cliente", "Mes", "MRR"]);
    expect(autoMap(T.columns, mrrSample("es")[0])).toEqual({ customer: 0, month: 1, mrr: 2 });
    expect(autoMap(T.columns, sample[0])).toEqual({ customer: 0, month: 1, mrr: 2 });
    expect(T.validate(input(rows))).toEqual({ goodRows: rows.length, problems: [], blocking: [] });
    expect(() => validatePlan(plan)).not.toThrow();
    const sheet = plan.sheets[0];
    expect(sheet.name).toBe("MRR bridge");
    expect(cellAt(sheet, 2, 1)).toBe(`Source: Subs!A1:C99 (${rows.length.toLocaleString("en-US")} rows used). Built 2025-01-15 09:30 UTC by CXM.`);
    expect(sheet.tables.map((t) => t.name)).toEqual(["MrrBridge"]);
    expect(sheet.charts.map((c) => [c.type, c.series.length])).toEqual([["waterfall", 3], ["line", 2], ["line", 1]]);
    expect(months).toHaveLength(18);
  });

  test("the blocks flow down the sheet: summary, the bridge beside its waterfall, the table, the chart data beside the line charts", () => {
    const { summary, bridge, bridgeChart, months: table, ratios, retentionChart, mrrChart } = b.at;
    expect(bridge.rect.row).toBe(summary.rect.lastRow + 4); // a blank row, then the bridge's title and note
    expect(bridgeChart.rect.row).toBe(bridge.rect.row - 2); // tops aligned: the bridge's title row
    expect(bridgeChart.rect.column).toBe(bridge.rect.lastColumn + 2);
    expect(table.rect.row).toBe(bridgeChart.rect.lastRow + 4);
    expect(retentionChart.rect.row).toBe(table.rect.lastRow + 2);
    expect(ratios.rect.row).toBe(retentionChart.rect.row + 2);
    expect([retentionChart.rect.column, mrrChart.rect.column]).toEqual([ratios.rect.lastColumn + 2, retentionChart.rect.lastColumn + 2]);
    const anchors = plan.sheets[0].charts.map((c) => c.anchor);
    expect(anchors).toEqual([bridgeChart, retentionChart, mrrChart].map((p) => ({ from: p.cell(0, 0), to: p.cell(p.rows - 1, p.columns - 1) })));
    // The table's header repeats on a page that starts inside it; the month column stays in view.
    expect(plan.sheets[0].print).toMatchObject({ orientation: "landscape", titleRows: { first: table.row(0), last: table.row(0) } });
    expect(plan.sheets[0].freeze).toEqual({ rows: 0, columns: 1 });
  });

  test("no formula on the sheet evaluates to an error value (every month from the second has MRR at its start)", () => {
    expect(errorCells(wb, plan)).toEqual([]);
  });

  test("every month: movements from the core, the bridge balances, NRR / GRR / quick ratio equal revenue-retention.ts", () => {
    expectBridgeMatchesCore(wb, b, months);
  });

  test("movements are values; start, end and the ratios are formulas over them, each with its value", () => {
    const sheet = plan.sheets[0];
    const t = b.at.months;
    const at = (i: number, col: number) => t.cell(1 + i, col);
    const formula = (i: number, col: number) => cellAt(sheet, t.row(1 + i), t.column(col));
    expect(typeof formula(1, COL.new)).toBe("number");
    expect(formula(0, COL.start)).toBe(0);
    expect(formula(1, COL.start)).toBe(`=${at(0, COL.end)}`);
    expect(formula(1, COL.end)).toBe(`=${at(1, COL.start)}+${at(1, COL.new)}+${at(1, COL.expansion)}+${at(1, COL.reactivation)}-${at(1, COL.contraction)}-${at(1, COL.churn)}`);
    expect(formula(1, COL.nrr)).toBe(`=IF(${at(1, COL.start)}=0,"n/a",(${at(1, COL.start)}+${at(1, COL.expansion)}-${at(1, COL.contraction)}-${at(1, COL.churn)})/${at(1, COL.start)})`);
    expect(formula(3, COL.difference)).toBe(`=${at(3, COL.end)}-${at(3, COL.endInData)}`);
  });

  test("the bridge walks the last twelve months: start of the first, each movement summed, end of the last", () => {
    const window = months.slice(6);
    const sum = (f: (m: MrrMonth) => number) => window.reduce((a, m) => a + f(m), 0);
    const sheet = plan.sheets[0];
    expect(cellAt(sheet, b.at.bridge.row(-2), b.at.bridge.column(0))).toBe("MRR bridge, Jul 2024 to Jun 2025");
    expect(bridgeColumn(wb, b, WATERFALL.amount)).toEqual([
      window[0].startMrr,
      sum((m) => m.newMrr),
      sum((m) => m.expansion),
      sum((m) => m.reactivation),
      -sum((m) => m.contraction),
      -sum((m) => m.churn),
      months[17].endMrr,
    ]);
    // Start MRR of July 2024 and end MRR of June 2025 (the core's table printed by hand): 29,563 and 103,720.
    expect([window[0].startMrr, months[17].endMrr]).toEqual([29563, 103720]);
    expect(cellAt(sheet, b.at.bridge.row(2), b.at.bridge.column(WATERFALL.amount))).toBe(`=SUM(${b.at.months.range(7, COL.new, 12, 1)})`);
  });

  test("summary and headlines: the latest month and the quick ratio over all months, as the core computes them", () => {
    const last = months[months.length - 1];
    const sum = (f: (m: MrrMonth) => number) => months.reduce((a, m) => a + f(m), 0);
    expect(wb.number("mrr", b.cells.latestMonth)).toBe(last.month);
    expect(wb.number("mrr", b.cells.endMrr)).toBeCloseTo(last.endMrr, 9);
    expect(wb.number("mrr", b.cells.netNew)).toBeCloseTo(last.endMrr - last.startMrr, 9);
    expect(wb.number("mrr", b.cells.nrr)).toBeCloseTo(nrr(last.startMrr, last.expansion, last.contraction, last.churn), 12);
    expect(wb.number("mrr", b.cells.grr)).toBeCloseTo(grr(last.startMrr, last.contraction, last.churn), 12);
    const all = quickRatio(sum((m) => m.newMrr), sum((m) => m.expansion), sum((m) => m.contraction), sum((m) => m.churn));
    expect(wb.number("mrr", b.cells.quickRatioAll)).toBeCloseTo(all, 12);
    const h = T.headlines!(input(rows));
    expect(h.map((x) => x.label.en)).toEqual(["MRR, latest month", "NRR, latest month", "GRR, latest month", "Quick ratio, latest month", "Quick ratio, all months"]);
    expect(h.map((x) => x.label.es)).toEqual(["MRR, último mes", "NRR, último mes", "GRR, último mes", "Quick ratio, último mes", "Quick ratio, todos los meses"]);
    for (const x of h) expect(wb.number(x.sheet, x.cell)).toBeCloseTo(x.value, 9);
  });

  test("the chart data copies NRR and GRR from the second month, and the charts read it and the table", () => {
    const { ratios, months: table } = b.at;
    expect(ratios.rows).toBe(months.length); // the header and months 2..18
    for (let i = 1; i < months.length; i++) {
      expect(wb.number("mrr", ratios.cell(i, 0))).toBe(months[i].month);
      expect(wb.number("mrr", ratios.cell(i, 1))).toBe(wb.number("mrr", table.cell(1 + i, COL.nrr)));
      expect(wb.number("mrr", ratios.cell(i, 2))).toBe(wb.number("mrr", table.cell(1 + i, COL.grr)));
    }
    const [, retention, mrr] = plan.sheets[0].charts;
    expect(retention.series.map((s) => s.values)).toEqual([ratios.columnRange(1, 1), ratios.columnRange(2, 1)]);
    expect(mrr.series[0].values).toBe(table.columnRange(COL.end, 1));
    expect([mrr.xAxisTitle, mrr.yAxisTitle, retention.yAxisTitle]).toEqual(["Month", "MRR", "Share of start MRR kept"]);
  });

  test("the quick ratio's definition is stated on the sheet: Hamid's, reactivation not a gain, and that ChartMogul counts it", () => {
    const note = plan.sheets[0].sections.find((s) => s.title === "Summary")!.note;
    expect(note).toContain("Quick ratio = (new + expansion) ÷ (contraction + churn), as Mamoon Hamid (Social Capital, 2015) defined it");
    expect(note).toContain("reactivated MRR is not counted as a gain");
    expect(note).toContain("ChartMogul adds reactivation to the gains");
    // And the sheet computes that definition: reactivation moves no quick ratio.
    const m = months[14];
    expect(m.reactivation).toBeGreaterThan(0);
    expect(wb.number("mrr", b.at.months.cell(15, COL.quickRatio))).toBeCloseTo((m.newMrr + m.expansion) / (m.contraction + m.churn), 12);
  });

  test("the sheet is built from the aggregate alone: the same aggregate through JSON gives the same plan", () => {
    const again = mrrSheets(
      JSON.parse(JSON.stringify(b.agg)),
      { moneyFormat: '"$"#,##0', source: { label: "Subs!A1:C99", used: rows.length, leftOut: 0, surface: "taskpane", builtAt: BUILT } },
      MRR_STRINGS.en,
    );
    expect(again.plan).toEqual(plan);
  });
});

describe("MRR bridge: ChartMogul's worked example by hand", () => {
  // mrr-movements.ts's doc example: a pays 100 in Jan 2024 and 150 in Feb; b pays 50 in Jan and 80 in Mar.
  // Jan: new 150, end 150. Feb: expansion 50 (a), churn 50 (b), end 150. Mar: churn 150 (a), reactivation 80 (b), end 80.
  const rows = [
    ["a", "2024-01", 100],
    ["a", "2024-02-01", 150],
    ["b", 45292, 50],
    ["b", "2024-03-20", 80],
  ];
  const b = built(input(rows));
  const wb = evaluatePlan(b.plan);
  const at = (col: number, i: number) => wb.value("mrr", b.at.months.cell(1 + i, col));

  test("movements, ends and ratios", () => {
    expect([0, 1, 2].map((i) => at(COL.end, i))).toEqual([150, 150, 80]);
    expect([at(COL.new, 0), at(COL.expansion, 1), at(COL.churn, 1), at(COL.churn, 2), at(COL.reactivation, 2)]).toEqual([150, 50, 50, 150, 80]);
    // January starts at 0: NRR, GRR undefined; nothing lost: quick ratio undefined.
    expect(at(COL.nrr, 0)).toBe("n/a");
    expect(at(COL.quickRatio, 0)).toBe("n/a");
    // February: NRR = (150 + 50 − 0 − 50) / 150 = 1; GRR = (150 − 0 − 50) / 150 = 2/3; quick ratio = (0 + 50) / (0 + 50) = 1.
    expect(at(COL.nrr, 1)).toBe(1);
    expect(at(COL.grr, 1) as number).toBeCloseTo(2 / 3, 14);
    expect(at(COL.quickRatio, 1)).toBe(1);
    // March: NRR = (150 + 0 − 0 − 150) / 150 = 0; quick ratio = (0 + 0) / (0 + 150) = 0 (b's 80 back is a reactivation, not a gain).
    expect(at(COL.nrr, 2)).toBe(0);
    expect(at(COL.quickRatio, 2)).toBe(0);
    // All months: (150 + 50) / (0 + 200) = 1.
    expect(wb.number("mrr", b.cells.quickRatioAll)).toBe(1);
    expectBridgeMatchesCore(wb, b, coreOf(rows));
  });

  test("the bridge over all three months and its waterfall: start 0, +150 +50 +80, −0 −200, end 80", () => {
    expect(cellAt(b.plan.sheets[0], b.at.bridge.row(-2), b.at.bridge.column(0))).toBe("MRR bridge, Jan 2024 to Mar 2024");
    expect(b.plan.sheets[0].sections.find((s) => s.title.startsWith("MRR bridge, "))!.note).toMatch(/^All 3 months of the data: /);
    expect(bridgeColumn(wb, b, WATERFALL.amount)).toEqual([0, 150, 50, 80, 0, -200, 80]);
    // The invisible base: the level before an increase (0, 150, 200), the level after a decrease (280, 80).
    expect(bridgeColumn(wb, b, WATERFALL.base)).toEqual([null, 0, 150, 200, 280, 80, null]);
    expect(bridgeColumn(wb, b, WATERFALL.increase)).toEqual([null, 150, 50, 80, null, null, null]);
    expect(bridgeColumn(wb, b, WATERFALL.decrease)).toEqual([null, null, null, null, 0, 200, null]);
    expect(bridgeColumn(wb, b, WATERFALL.total)).toEqual([0, null, null, null, null, null, 80]);
    const chart = b.plan.sheets[0].charts[0];
    expect(chart).toMatchObject({ type: "waterfall", base: b.at.bridge.columnRange(WATERFALL.base, 1), categories: b.at.bridge.columnRange(WATERFALL.step, 1) });
    expect(chart.series.map((s) => [s.name, s.values])).toEqual([
      ["Increase", b.at.bridge.columnRange(WATERFALL.increase, 1)],
      ["Decrease", b.at.bridge.columnRange(WATERFALL.decrease, 1)],
      ["Total", b.at.bridge.columnRange(WATERFALL.total, 1)],
    ]);
  });

  test("no formula on the sheet evaluates to an error value (undefined ratios show as text)", () => {
    expect(errorCells(wb, b.plan)).toEqual([]);
  });

  test("Spanish: sheet, headers, steps and the n/a mark in Spanish, euros after the number; same numbers", () => {
    const es = built(input(rows, "es"));
    const ev = evaluatePlan(es.plan);
    const sheet = es.plan.sheets[0];
    expect(sheet.name).toBe("Puente de MRR");
    expect(ev.value("mrr", es.at.months.cell(1, COL.nrr))).toBe("n/d");
    expect(cellAt(sheet, es.at.months.row(0), es.at.months.column(COL.churn))).toBe("Bajas");
    expect(cellAt(sheet, es.at.bridge.row(-2), es.at.bridge.column(0))).toBe("Puente de MRR, ene 2024 a mar 2024");
    expect(cellAt(sheet, 2, 1)).toBe("Origen: Subs!A1:C99 (4 filas usadas). Generado el 2025-01-15 09:30 UTC por CXM.");
    expect(sheet.tables.map((t) => t.name)).toEqual(["PuenteDeMrr"]);
    expect(ev.value("mrr", es.at.months.cell(3, COL.end))).toBe(80);
    expect(sheet.formats.find((f) => f.range === es.at.months.range(1, COL.start, 3, COL.netNew - COL.start + 1))?.numberFormat).toBe('#,##0 "€"');
    expectBridgeMatchesCore(ev, es, coreOf(rows), MRR_STRINGS.es);
  });

  test("the same months read back from the SQL result (parse-mrr.ts) build the same sheet", () => {
    const csv = `month,start_mrr,new_mrr,expansion,contraction,churn,reactivation,end_mrr,customers_at_start,customers_at_end
2024-01-01,0,150,0,0,0,0,150,0,2
2024-02-01,150,0,50,0,50,0,150,2,1
2024-03-01,150,0,0,0,150,80,80,1,1
`;
    const agg = mrrAggregateOf(parseMrrResult(resultFromCsv(csv, "mrr.csv")));
    const source = { label: "Subs!A1:C99", used: 4, leftOut: 0, surface: "taskpane" as const, builtAt: BUILT };
    expect(mrrSheets(agg, { moneyFormat: '"$"#,##0', source }, MRR_STRINGS.en).plan).toEqual(b.plan);
  });
});

describe("MRR bridge: a month that starts with no MRR leaves a gap in the retention chart", () => {
  // a pays 100 in January, nothing in February (churn 100, end 0), 120 in March (reactivation: March starts at 0), 90 in April.
  const rows = [
    ["a", "2024-01", 100],
    ["a", "2024-03", 120],
    ["a", "2024-04", 90],
  ];
  const b = built(input(rows));
  const wb = evaluatePlan(b.plan);

  test("March's NRR and GRR are n/a in the table and #N/A in the chart data; April's are numbers", () => {
    const { months, ratios } = b.at;
    expect(wb.value("mrr", months.cell(3, COL.start))).toBe(0);
    expect(wb.value("mrr", months.cell(3, COL.nrr))).toBe("n/a");
    // Chart data starts in February: row 2 is March.
    expect(wb.value("mrr", ratios.cell(2, 0))).toBe(serialFromIso("2024-03-01"));
    expect(wb.value("mrr", ratios.cell(2, 1))).toMatchObject({ error: "#N/A" });
    expect(wb.value("mrr", ratios.cell(2, 2))).toMatchObject({ error: "#N/A" });
    // April: NRR = (120 + 0 − 30 − 0) / 120 = 0.75, GRR the same.
    expect(wb.number("mrr", ratios.cell(3, 1))).toBeCloseTo(0.75, 14);
    expect(errorCells(wb, b.plan).sort()).toEqual([ratios.cell(2, 1), ratios.cell(2, 2)].map((c) => `${c}: #N/A`).sort());
    expect(cellAt(b.plan.sheets[0], ratios.row(2), ratios.column(1))).toBe(`=IF(ISNUMBER(${months.cell(3, COL.nrr)}),${months.cell(3, COL.nrr)},NA())`);
  });
});

describe("MRR bridge validation names the bad rows, and the build leaves them out", () => {
  const good = [
    ["a", "2024-01-01", 100],
    ["b", "2024-01-15", 50],
    ["a", "2024-02-01", "120"], // numeric text, as a CSV may give it
    ["c", 45352, 0], // a month at 0 MRR is allowed (it counts as no MRR)
    ["b", "2024-03", 70],
  ];
  const rows: unknown[][] = [
    good[0],
    ["a", "2024-02-01", -20],
    good[1],
    ["", "2024-02-01", 10],
    good[2],
    ["d", "Feb 2024", 10],
    good[3],
    ["e", "2024-02-01", "n/a"],
    good[4],
    ["f", true, 10],
  ];

  test("one problem per bad row: a negative MRR, a blank customer, a date that is not a date, an MRR that is not a number", () => {
    const report = T.validate(input(rows));
    expect(report.goodRows).toBe(5);
    expect(report.problems.map((p) => [p.row, p.column, p.message.en])).toEqual([
      [1, "mrr", "MRR -20 is negative; it cannot be below 0."],
      [3, "customer", "Customer is blank."],
      [5, "month", 'Month "Feb 2024" is not a date; use a date cell or ISO text such as 2024-03-15.'],
      [7, "mrr", 'MRR "n/a" is not a number.'],
      [9, "month", 'Month "true" is not a date; use a date cell or ISO text such as 2024-03-15.'],
    ]);
    expect(report.problems[0].message.es).toBe("MRR -20 es negativo; no puede ser menor que 0.");
  });

  test("the build equals a build from the good rows alone, and says where the left-out rows are listed: the task pane's check, or the CLI's report", () => {
    const withBad = built(input(rows));
    const onlyGood = built(input(good));
    const sheet = withBad.plan.sheets[0];
    expect(cellAt(sheet, 2, 1)).toBe("Source: Subs!A1:C99 (5 rows used; 5 left out, listed by the check in the task pane). Built 2025-01-15 09:30 UTC by CXM.");
    expect(cellAt(sheet, 3, 1)).toMatch(/\(build the sheet again from the task pane to refresh them\)/);
    const cli = built({ ...input(rows), surface: "cli" });
    expect(cellAt(cli.plan.sheets[0], 2, 1)).toBe("Source: Subs!A1:C99 (5 rows used; 5 left out, listed in the report cxm printed when it built this sheet). Built 2025-01-15 09:30 UTC by CXM.");
    expect(cellAt(cli.plan.sheets[0], 3, 1)).toMatch(/\(run cxm again to refresh them\)/);
    const cliEs = built({ ...input(rows, "es"), surface: "cli" });
    expect(cellAt(cliEs.plan.sheets[0], 2, 1)).toBe(
      "Origen: Subs!A1:C99 (5 filas usadas; 5 descartadas, listadas en el informe que imprimió cxm al generar esta hoja). Generado el 2025-01-15 09:30 UTC por CXM.",
    );
    expect(cellAt(cliEs.plan.sheets[0], 3, 1)).toMatch(/\(vuelva a ejecutar cxm para actualizarlos\)/);
    const last = withBad.at.months.cell(withBad.at.months.rows - 1, withBad.at.months.columns - 1);
    expect(valuesIn(sheet, `A3:${last}`)).toEqual(valuesIn(onlyGood.plan.sheets[0], `A3:${last}`));
    expectBridgeMatchesCore(evaluatePlan(withBad.plan), withBad, coreOf(good));
  });

  test("one row, one month: plurals through the language's rules, not n === 1", () => {
    const one = built(input([["a", "2024-01-01", 100], ["", "2024-01-01", 5]]));
    expect(cellAt(one.plan.sheets[0], 2, 1)).toMatch(/\(1 row used; 1 left out,/);
    expect(one.plan.sheets[0].sections.find((s) => s.title === "MRR bridge, Jan 2024")!.note).toMatch(/^The only month of the data: /);
    const oneEs = built(input([["a", "2024-01-01", 100], ["", "2024-01-01", 5]], "es"));
    expect(cellAt(oneEs.plan.sheets[0], 2, 1)).toMatch(/\(1 fila usada; 1 descartada,/);
    expect(oneEs.plan.sheets[0].sections.find((s) => s.title === "Puente de MRR, ene 2024")!.note).toMatch(/^El único mes de los datos: /);
    // One month: its ratios are undefined, and the chart data holds that month as a gap.
    const wb = evaluatePlan(one.plan);
    expect(wb.value("mrr", one.cells.nrr)).toBe("n/a");
    expect(wb.value("mrr", one.at.ratios.cell(1, 1))).toMatchObject({ error: "#N/A" });
  });

  test("a required column not mapped, or no usable row, blocks the build with a TemplateInputError", () => {
    const unmapped = T.validate({ ...input(rows), mapping: { customer: 0, month: 1, mrr: -1 } });
    expect(unmapped.blocking).toEqual([{ en: "The MRR column is required: map a source column to it.", es: "La columna MRR es obligatoria: asígnele una columna de origen." }]);
    expect(() => T.build({ ...input(rows), mapping: { customer: 0, month: 1, mrr: -1 } })).toThrow(TemplateInputError);
    expect(() => T.build({ ...input(rows, "es"), mapping: { customer: 0, month: -1, mrr: 2 } })).toThrow(/La columna Mes es obligatoria/);
    expect(T.validate(input([["", "x", -1]])).blocking[0].en).toMatch(/No row can be used/);
  });

  test("the currency follows the language unless chosen: $ before the number in English, € after it in Spanish", () => {
    const format = (o: Record<string, string>, language: Language) => {
      const x = built(input(good, language, o));
      return x.plan.sheets[0].formats.find((f) => f.range === x.at.months.range(1, COL.endInData, x.at.months.rows - 1, 1))?.numberFormat;
    };
    expect(format({}, "en")).toBe('"$"#,##0');
    expect(format({}, "es")).toBe('#,##0 "€"');
    expect(format({ currency: "€" }, "en")).toBe('"€"#,##0');
    expect(format({ currency: "$" }, "es")).toBe('"$"#,##0');
    expect(format({ currency: "" }, "es")).toBe("#,##0");
  });

  test("a missing translation does not build", () => {
    // @ts-expect-error every key of the English strings is required in Spanish
    const missing: MrrStrings = { ...MRR_STRINGS.es, title: undefined };
    // @ts-expect-error and no key may be added that English lacks
    const extra: MrrStrings = { ...MRR_STRINGS.es, titel: "Puente" };
    expect([missing.title, extra.title]).toEqual([undefined, "Puente de MRR"]);
  });
});

describe("MRR bridge renders with both renderers", () => {
  const plan = T.build(input(T.sample().slice(1)));

  test(".xlsx: ExcelJS opens it with its sheet, table, formulas and cached values; three charts", async () => {
    const b = built(input(T.sample().slice(1)));
    const written = await writePlanToBuffer(plan);
    expect(written.charts).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written.buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["MRR bridge"]);
    const ws = wb.getWorksheet("MRR bridge")!;
    expect(ws.getCell("A1").value).toBe("MRR bridge");
    expect(Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables)).toEqual(["MrrBridge"]);
    const t = b.at.months;
    const cell = ws.getCell(t.cell(2, COL.end)).value as { formula: string; result: number };
    expect(cell.formula).toBe(`${t.cell(2, COL.start)}+${t.cell(2, COL.new)}+${t.cell(2, COL.expansion)}+${t.cell(2, COL.reactivation)}-${t.cell(2, COL.contraction)}-${t.cell(2, COL.churn)}`);
    expect(cell.result).toBe(b.agg.months[1].endMrr);
  });

  test("Office.js: a taken sheet name gets a suffix, the user's sheet is untouched; the waterfall stands on an invisible base", async () => {
    const fake = new FakeExcel({ sheets: { "MRR bridge": { B2: 1 } }, tables: ["MrrBridge"] });
    const result = await applyPlanInContext(fake.context, plan);
    expect(result.sheets.map((s) => s.name)).toEqual(["MRR bridge (2)"]);
    expect(result.tables.map((t) => t.name)).toEqual(["MrrBridge_2"]);
    expect(Object.fromEntries(fake.sheet("MRR bridge").cells)).toEqual({ B2: 1 });
    const s = fake.sheet("MRR bridge (2)");
    expect(s.charts.map((c) => c.type)).toEqual(["ColumnStacked", "Line", "Line"]);
    const waterfall = s.charts[0];
    expect(waterfall.seriesList.map((x) => x.name)).toEqual(["Base", "Increase", "Decrease", "Total"]);
    expect(waterfall.seriesList[0]).toMatchObject({ noFill: true, lineStyle: "None", values: plan.sheets[0].charts[0].base });
    expect(waterfall.hiddenLegendEntries).toEqual([0]);
    expect(s.charts[1].blanksAs).toBe("NotPlotted");
    expect(s.conditionalFormats.length).toBe(4);
    expect(s.print).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, leftHeader: "&A", rightHeader: "&P" });
    expect(s.print.printTitleRows).toBe(`$${plan.sheets[0].print!.titleRows!.first}:$${plan.sheets[0].print!.titleRows!.first}`);
    expect(result.syncs).toBeLessThanOrEqual(4);
  });
});

describe("the aggregate", () => {
  test("is the core's months, JSON-able, from typed columns; months computed elsewhere are taken as they are", () => {
    const log = sampleSubscriptionLog({ months: 5, seed: 3 });
    const columns = { ids: log.map((r) => r.customer), months: Float64Array.from(log.map((r) => r.month)), mrr: Float64Array.from(log.map((r) => r.mrr)) };
    const agg = mrrAggregate(columns);
    expect(agg.months).toEqual(mrrMovements(columns.ids, columns.months, columns.mrr));
    expect(JSON.parse(JSON.stringify(agg))).toEqual(agg);
    expect(mrrAggregateOf(agg.months)).toEqual(agg);
    expect(() => mrrAggregateOf([])).toThrow(/at least one month/);
  });

  test("the seeded sample's months, written as the SQL result and read back by parse-mrr.ts, build the same sheet", () => {
    const b = built(input(T.sample().slice(1)));
    const iso = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
    const csv = [
      "month,start_mrr,new_mrr,expansion,contraction,churn,reactivation,end_mrr,customers_at_start,customers_at_end",
      ...b.agg.months.map((m) => [iso(m.month), m.startMrr, m.newMrr, m.expansion, m.contraction, m.churn, m.reactivation, m.endMrr, m.customersAtStart, m.customersAtEnd].join(",")),
    ].join("\n");
    const agg = mrrAggregateOf(parseMrrResult(resultFromCsv(csv, "mrr.csv")));
    expect(agg).toEqual(b.agg);
    const source = { label: "Subs!A1:C99", used: T.sample().length - 1, leftOut: 0, surface: "taskpane" as const, builtAt: BUILT };
    expect(mrrSheets(agg, { moneyFormat: '"$"#,##0', source }, MRR_STRINGS.en).plan).toEqual(b.plan);
  });
});

describe("sample subscriptions", () => {
  test("deterministic for a seed, different between seeds", () => {
    expect(sampleSubscriptions({ seed: 1, months: 4 })).toEqual(sampleSubscriptions({ seed: 1, months: 4 }));
    expect(sampleSubscriptions({ seed: 1, months: 4 })).not.toEqual(sampleSubscriptions({ seed: 2, months: 4 }));
  });

  test("a few thousand rows with every kind of movement, and a plausible SaaS profile", () => {
    const log = sampleSubscriptionLog();
    expect(log.length).toBeGreaterThan(2000);
    expect(log.length).toBeLessThan(10000);
    const months = mrrMovements(log.map((r) => r.customer), log.map((r) => r.month), log.map((r) => r.mrr));
    const sum = (f: (m: MrrMonth) => number) => months.reduce((a, m) => a + f(m), 0);
    for (const f of [(m: MrrMonth) => m.expansion, (m: MrrMonth) => m.contraction, (m: MrrMonth) => m.churn, (m: MrrMonth) => m.reactivation]) {
      expect(sum(f)).toBeGreaterThan(0);
    }
    // Monthly GRR of a healthy B2B SaaS sits around 95-99%; NRR around 98-105%.
    const later = months.slice(6);
    for (const m of later) {
      expect(grr(m.startMrr, m.contraction, m.churn)).toBeGreaterThan(0.9);
      expect(nrr(m.startMrr, m.expansion, m.contraction, m.churn)).toBeLessThan(1.1);
    }
  });
});
