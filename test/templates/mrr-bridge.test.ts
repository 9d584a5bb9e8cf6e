import ExcelJS from "exceljs";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { serialFromIso } from "../../src/metrics/dates";
import { MetricError } from "../../src/metrics/errors";
import { mrrMovements, MrrMonth } from "../../src/metrics/mrr-movements";
import { grr, nrr, quickRatio } from "../../src/metrics/revenue-retention";
import { MRR_COLUMNS as C, mrrBridge, mrrBridgeTemplate as T } from "../../src/templates/mrr-bridge";
import type { BuildInput, Language } from "../../src/templates/registry-types";
import { sampleSubscriptionLog, sampleSubscriptions } from "../../src/templates/sample-transactions";
import { autoMap } from "../../src/templates/column-mapping";
import { cellAt, validatePlan, valuesIn } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { FakeExcel } from "../support/excel-batch-fake";
import { errorCells, evaluatePlan, EvaluatedWorkbook } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const HEADER = ["Customer", "Month", "MRR"];

function input(rows: unknown[][], language: Language = "en", options: Record<string, string | number> = {}): BuildInput {
  return { rows, mapping: autoMap(T.columns, HEADER), options, sourceLabel: "Subs!A1:C99", builtAt: BUILT, language, surface: "taskpane" };
}

const serial = (v: unknown) => (typeof v === "number" ? v : serialFromIso(String(v), true));

function coreOf(rows: unknown[][]): MrrMonth[] {
  return mrrMovements(rows.map((r) => r[0] as string), rows.map((r) => serial(r[1])), rows.map((r) => Number(r[2])));
}

/** The core's ratio, or "n/a" where it throws #DIV/0! (the sheet shows the text "n/a" there, not an error). */
function coreRatio(f: () => number): number | "n/a" {
  try {
    return f();
  } catch (e) {
    if (e instanceof MetricError && e.kind === "div0") return "n/a";
    throw e;
  }
}

function expectRatio(wb: EvaluatedWorkbook, cell: string, expected: number | "n/a") {
  if (expected === "n/a") expect(wb.value("mrr", cell)).toBe("n/a");
  else expect(wb.number("mrr", cell)).toBeCloseTo(expected, 12);
}

/** Every row of the bridge against the core: movements, balance, NRR, GRR and quick ratio (revenue-retention.ts). */
function expectBridgeMatchesCore(wb: EvaluatedWorkbook, firstRow: number, months: MrrMonth[]) {
  // One row per month, and nothing below the last (the table ends there).
  expect(wb.value("mrr", `${C.month}${firstRow + months.length}`)).toBeNull();
  months.forEach((m, i) => {
    const r = firstRow + i;
    const n = (col: keyof typeof C) => wb.number("mrr", `${C[col]}${r}`);
    expect(n("month")).toBe(m.month);
    expect(n("start")).toBeCloseTo(m.startMrr, 9);
    // The bridge balances in every row: end = start + new + expansion + reactivation − contraction − churn …
    expect(n("end")).toBeCloseTo(n("start") + n("new") + n("expansion") + n("reactivation") - n("contraction") - n("churn"), 9);
    // … and the end of the bridge is the customers' MRR summed from the data, which starts the next month.
    expect(n("end")).toBeCloseTo(m.endMrr, 9);
    if (i > 0) expect(n("start")).toBe(wb.number("mrr", `${C.end}${r - 1}`));
    expect(n("check")).toBeCloseTo(0, 9);
    expect(n("netNew")).toBeCloseTo(m.endMrr - m.startMrr, 9);
    expect([n("new"), n("expansion"), n("reactivation"), n("contraction"), n("churn")]).toEqual([m.newMrr, m.expansion, m.reactivation, m.contraction, m.churn]);
    expectRatio(wb, `${C.nrr}${r}`, coreRatio(() => nrr(m.startMrr, m.expansion, m.contraction, m.churn)));
    expectRatio(wb, `${C.grr}${r}`, coreRatio(() => grr(m.startMrr, m.contraction, m.churn)));
    expectRatio(wb, `${C.quickRatio}${r}`, coreRatio(() => quickRatio(m.newMrr, m.expansion, m.contraction, m.churn)));
  });
}

describe("MRR bridge on the seeded sample, through the descriptor", () => {
  const sample = T.sample();
  const rows = sample.slice(1);
  const plan = T.build(input(rows));
  const months = coreOf(rows);
  const { layout } = mrrBridge({ ids: rows.map((r) => r[0] as string), months: rows.map((r) => r[1] as number), mrr: rows.map((r) => r[2] as number) });
  const wb = evaluatePlan(plan);

  test("the sample maps automatically, passes validation and gives a valid one-sheet plan", () => {
    expect(sample[0]).toEqual(HEADER);
    expect(autoMap(T.columns, sample[0])).toEqual({ customer: 0, month: 1, mrr: 2 });
    expect(T.validate(input(rows))).toEqual({ goodRows: rows.length, problems: [], blocking: [] });
    expect(() => validatePlan(plan)).not.toThrow();
    const sheet = plan.sheets[0];
    expect(sheet.name).toBe("MRR bridge");
    expect(cellAt(sheet, 2, 1)).toBe(`Source: Subs!A1:C99 (${rows.length.toLocaleString("en-US")} rows used). Built 2025-01-15 09:30 UTC by CXM.`);
    expect(sheet.tables.map((t) => t.name)).toEqual(["MrrBridge"]);
    expect(sheet.charts.map((c) => [c.type, c.series.length])).toEqual([["column", 5], ["line", 1], ["line", 2]]);
    expect(months).toHaveLength(18);
  });

  test("no formula on the sheet evaluates to an error value", () => {
    expect(errorCells(wb, plan)).toEqual([]);
  });

  test("every month: movements from the core, the bridge balances, NRR / GRR / quick ratio equal revenue-retention.ts", () => {
    expect(layout.months).toEqual(months.map((m) => m.month));
    expectBridgeMatchesCore(wb, layout.firstRow, months);
  });

  test("movements are values; start, end and the ratios are formulas over them", () => {
    const sheet = plan.sheets[0];
    const r = layout.firstRow + 1;
    expect(typeof cellAt(sheet, r, 3)).toBe("number");
    expect(cellAt(sheet, r, 2)).toBe(`=H${r - 1}`);
    expect(cellAt(sheet, r, 8)).toBe(`=B${r}+C${r}+D${r}+E${r}-F${r}-G${r}`);
    expect(cellAt(sheet, r, 10)).toBe(`=IF(B${r}=0,"n/a",(B${r}+D${r}-F${r}-G${r})/B${r})`);
    expect(cellAt(sheet, layout.firstRow, 2)).toBe(0);
  });

  test("the chart data negates the losses, by formula", () => {
    const col = layout.chartDataColumn;
    const r = layout.firstRow + 3;
    expect(valuesIn(plan.sheets[0], `${C.check}${r}:${C.check}${r}`)).toEqual([[`=H${r}-O${r}`]]);
    const letter = (k: number) => String.fromCharCode(64 + col + k);
    expect(wb.number("mrr", `${letter(4)}${r}`)).toBe(-months[3].contraction);
    expect(wb.number("mrr", `${letter(5)}${r}`)).toBe(-months[3].churn);
    expect(wb.number("mrr", `${letter(1)}${r}`)).toBe(months[3].newMrr);
  });

  test("summary and headlines: the latest month and the quick ratio over all months, as the core computes them", () => {
    const last = months[months.length - 1];
    const sum = (f: (m: MrrMonth) => number) => months.reduce((a, m) => a + f(m), 0);
    expect(wb.number("mrr", layout.summary.latestMonth)).toBe(last.month);
    expect(wb.number("mrr", layout.summary.endMrr)).toBeCloseTo(last.endMrr, 9);
    expect(wb.number("mrr", layout.summary.nrr)).toBeCloseTo(nrr(last.startMrr, last.expansion, last.contraction, last.churn), 12);
    const all = quickRatio(sum((m) => m.newMrr), sum((m) => m.expansion), sum((m) => m.contraction), sum((m) => m.churn));
    expect(wb.number("mrr", layout.summary.quickRatioAll)).toBeCloseTo(all, 12);
    const h = T.headlines!(input(rows));
    expect(h.map((x) => x.label.en)).toEqual(["MRR, latest month", "NRR, latest month", "GRR, latest month", "Quick ratio, latest month", "Quick ratio, all months"]);
    for (const x of h) expect(wb.number(x.sheet, x.cell)).toBeCloseTo(x.value, 9);
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
  const plan = T.build(input(rows));
  const wb = evaluatePlan(plan);
  const { layout } = mrrBridge({ ids: ["a", "a", "b", "b"], months: [45292, 45323, 45292, 45352], mrr: [100, 150, 50, 80] });
  const at = (col: keyof typeof C, i: number) => wb.value("mrr", `${C[col]}${layout.firstRow + i}`);

  test("movements, ends and ratios", () => {
    expect([0, 1, 2].map((i) => at("end", i))).toEqual([150, 150, 80]);
    expect([at("new", 0), at("expansion", 1), at("churn", 1), at("churn", 2), at("reactivation", 2)]).toEqual([150, 50, 50, 150, 80]);
    // January starts at 0: NRR, GRR undefined; nothing lost: quick ratio undefined.
    expect(at("nrr", 0)).toBe("n/a");
    expect(at("quickRatio", 0)).toBe("n/a");
    // February: NRR = (150 + 50 − 0 − 50) / 150 = 1; GRR = (150 − 0 − 50) / 150 = 2/3; quick ratio = (0 + 50) / (0 + 50) = 1.
    expect(at("nrr", 1)).toBe(1);
    expect(wb.number("mrr", `${C.grr}${layout.firstRow + 1}`)).toBeCloseTo(2 / 3, 14);
    expect(at("quickRatio", 1)).toBe(1);
    // March: NRR = (150 + 0 − 0 − 150) / 150 = 0; quick ratio = (0 + 0) / (0 + 150) = 0.
    expect(at("nrr", 2)).toBe(0);
    expect(at("quickRatio", 2)).toBe(0);
    // All months: (150 + 50) / (0 + 200) = 1.
    expect(wb.number("mrr", layout.summary.quickRatioAll)).toBe(1);
    expect(layout.months).toEqual([45292, 45323, 45352]);
    expectBridgeMatchesCore(wb, layout.firstRow, coreOf(rows));
  });

  test("no formula on the sheet evaluates to an error value (undefined ratios show as text)", () => {
    expect(errorCells(wb, plan)).toEqual([]);
  });

  test("Spanish: sheet and headers in Spanish, same numbers", () => {
    const es = T.build(input(rows, "es"));
    expect(evaluatePlan(es).value("mrr", `${C.nrr}${layout.firstRow}`)).toBe("n/d");
    expect(es.sheets[0].name).toBe("Puente de MRR");
    expect(cellAt(es.sheets[0], layout.firstRow - 1, 7)).toBe("Bajas (churn)");
    expect(cellAt(es.sheets[0], 2, 1)).toBe("Origen: Subs!A1:C99 (4 filas usadas). Generado el 2025-01-15 09:30 UTC por CXM.");
    expect(evaluatePlan(es).value("mrr", `${C.end}${layout.firstRow + 2}`)).toBe(80);
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

  test("the build equals a build from the good rows alone, and the core on them", () => {
    const withBad = T.build(input(rows));
    const onlyGood = T.build(input(good));
    expect(cellAt(withBad.sheets[0], 2, 1)).toBe("Source: Subs!A1:C99 (5 rows used, 5 left out). Built 2025-01-15 09:30 UTC by CXM.");
    expect(valuesIn(withBad.sheets[0], "A3:W40")).toEqual(valuesIn(onlyGood.sheets[0], "A3:W40"));
    // The table starts at the same row whatever the data (row 13: title, two lines, the summary, the table's title and header).
    const { layout } = mrrBridge({ ids: ["a"], months: [45292], mrr: [1] });
    expect(layout.firstRow).toBe(13);
    expectBridgeMatchesCore(evaluatePlan(withBad), layout.firstRow, coreOf(good));
  });

  test("a required column not mapped, or no usable row, blocks the build", () => {
    const unmapped = T.validate({ ...input(rows), mapping: { customer: 0, month: 1, mrr: -1 } });
    expect(unmapped.blocking).toEqual([{ en: "The MRR column is required: map a source column to it.", es: "La columna MRR es obligatoria: asígnele una columna de origen." }]);
    expect(() => T.build({ ...input(rows), mapping: { customer: 0, month: 1, mrr: -1 } })).toThrow(/The MRR column is required/);
    expect(T.validate(input([["", "x", -1]])).blocking[0].en).toMatch(/No row can be used/);
  });
});

describe("MRR bridge renders with both renderers", () => {
  const plan = T.build(input(T.sample().slice(1)));

  test(".xlsx: ExcelJS opens it with its sheet, table and charts", async () => {
    const written = await writePlanToBuffer(plan);
    expect(written.charts).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written.buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["MRR bridge"]);
    const ws = wb.getWorksheet("MRR bridge")!;
    expect(ws.getCell("A1").value).toBe("MRR bridge");
    expect(Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables)).toEqual(["MrrBridge"]);
    const r = 14;
    expect(ws.getCell(`H${r}`).value).toEqual({ formula: `B${r}+C${r}+D${r}+E${r}-F${r}-G${r}` });
  });

  test("Office.js: a taken sheet name gets a suffix and the user's sheet is untouched", async () => {
    const fake = new FakeExcel({ sheets: { "MRR bridge": { B2: 1 } } });
    const result = await applyPlanInContext(fake.context, plan);
    expect(result.sheets.map((s) => s.name)).toEqual(["MRR bridge (2)"]);
    expect(Object.fromEntries(fake.sheet("MRR bridge").cells)).toEqual({ B2: 1 });
    const s = fake.sheet("MRR bridge (2)");
    expect(s.tables.map((t) => t.name)).toEqual(["MrrBridge"]);
    expect(s.charts.map((c) => c.type)).toEqual(["ColumnClustered", "Line", "Line"]);
    expect(result.syncs).toBeLessThanOrEqual(4);
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
