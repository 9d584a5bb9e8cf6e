import ExcelJS from "exceljs";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { CohortPeriod, cohortTable, CohortTable } from "../../src/metrics/cohort";
import { serialFromIso } from "../../src/metrics/dates";
import { cohortRetention, cohortRetentionTemplate as T, pooledRetention } from "../../src/templates/cohort-retention";
import type { BuildInput, Language } from "../../src/templates/registry-types";
import { sampleTransactionLog, sampleTransactions } from "../../src/templates/sample-transactions";
import { autoMap } from "../../src/templates/column-mapping";
import { cellName, rangeName } from "../../src/workbook/a1";
import { cellAt, validatePlan, valuesIn, WorkbookPlan } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { FakeExcel } from "../support/excel-batch-fake";
import { errorCells, evaluatePlan, EvaluatedWorkbook } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const HEADER = ["Customer", "Date", "Amount"];

function input(rows: unknown[][], options: Record<string, string | number> = {}, language: Language = "en", header: unknown[] = HEADER): BuildInput {
  return { rows, mapping: autoMap(T.columns, header), options, sourceLabel: "Sheet1!A1:C9", builtAt: BUILT, language };
}

/** The triangles as the core computes them, from the same good rows. */
function core(rows: unknown[][], period: CohortPeriod = "month") {
  const ids = rows.map((r) => r[0] as string);
  const dates = rows.map((r) => (typeof r[1] === "number" ? r[1] : serialFromIso(String(r[1]))));
  const amounts = rows.map((r) => Number(r[2]));
  const opts = (measure: "customers" | "revenue", output: "count" | "share") => ({ period, measure, output });
  return {
    counts: cohortTable(ids, dates, null, opts("customers", "count")),
    shares: cohortTable(ids, dates, null, opts("customers", "share")),
    revenue: cohortTable(ids, dates, amounts, opts("revenue", "count")),
    revenueShares: cohortTable(ids, dates, amounts, opts("revenue", "share")),
  };
}

/** Plain mean of the non-null entries of column k (the definition of "average of cohorts", written out again). */
function columnMean(table: CohortTable, k: number): number | null {
  const xs = table.matrix.map((row) => row[k]).filter((v): v is number => v !== null);
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sum over the cohorts observed k periods on of column k, over the same sum of column 0 (pooled retention, written out again). */
function pooled(table: CohortTable, k: number): number {
  let num = 0, den = 0;
  table.matrix.forEach((row) => {
    if (row[k] !== null) {
      num += row[k]!;
      den += row[0]!;
    }
  });
  return num / den;
}

/** Compares every triangle, curve and summary cell of an evaluated build with the core on `rows`. */
function expectMatchesCore(wb: EvaluatedWorkbook, layout: ReturnType<typeof cohortRetention>["layout"], rows: unknown[][], period: CohortPeriod, revenue = true) {
  const c = core(rows, period);
  const P0 = layout.firstPeriodColumn;
  expect(layout.cohorts).toEqual(c.counts.cohorts);
  expect(layout.periods).toBe(c.counts.matrix[0].length);
  const num = (row: number, col: number) => wb.number("cohorts", cellName(row, col));
  const blank = (row: number, col: number) => expect(wb.value("cohorts", cellName(row, col))).toBeNull();
  c.counts.cohorts.forEach((cohort, i) => {
    expect(num(layout.customerCountsRow! + i, 1)).toBe(cohort);
    expect(num(layout.customerCountsRow! + i, 2)).toBe(c.counts.sizes[i]);
    for (let k = 0; k < layout.periods; k++) {
      const share = c.shares.matrix[i][k];
      if (share === null) {
        blank(layout.customerCountsRow! + i, P0 + k);
        expect(wb.value("cohorts", cellName(layout.customerSharesRow! + i, P0 + k))).toBeNull();
        continue;
      }
      expect(num(layout.customerCountsRow! + i, P0 + k)).toBe(c.counts.matrix[i][k]);
      expect(num(layout.customerSharesRow! + i, P0 + k)).toBeCloseTo(share, 12);
      if (!revenue) continue;
      expect(num(layout.revenueRow! + i, P0 + k)).toBeCloseTo(c.revenue.matrix[i][k]!, 9);
      const rs = c.revenueShares.matrix[i][k];
      if (rs === null) expect(wb.value("cohorts", cellName(layout.revenueSharesRow! + i, P0 + k))).toBe("");
      else expect(num(layout.revenueSharesRow! + i, P0 + k)).toBeCloseTo(rs, 12);
    }
  });
  const cc = layout.curveColumns;
  for (let k = 0; k < layout.periods; k++) {
    const r = layout.curveRow + k;
    expect(num(r, 1)).toBe(k);
    expect(num(r, cc.cohortsObserved)).toBe(c.counts.observed.filter((o) => o > k).length);
    expect(num(r, cc.customersAverage!)).toBeCloseTo(columnMean(c.shares, k)!, 12);
    expect(num(r, cc.customersWeighted!)).toBeCloseTo(pooled(c.counts, k), 12);
    if (revenue) {
      expect(num(r, cc.revenueAverage!)).toBeCloseTo(columnMean(c.revenueShares, k)!, 12);
      expect(num(r, cc.revenueWeighted!)).toBeCloseTo(pooled(c.revenue, k), 12);
    }
  }
  expect(wb.number("cohorts", layout.summary.customers)).toBe(c.counts.sizes.reduce((a, b) => a + b, 0));
  expect(wb.number("cohorts", layout.summary.cohorts)).toBe(c.counts.cohorts.length);
  expect(wb.number("cohorts", layout.summary.transactions)).toBe(rows.length);
  if (layout.periods > 1) expect(wb.number("cohorts", layout.summary.retention1!)).toBeCloseTo(pooled(c.counts, 1), 12);
}

describe("cohort retention on the seeded sample, through the descriptor", () => {
  const sample = T.sample();
  const rows = sample.slice(1);
  const plan = T.build(input(rows));
  const built = cohortRetention({ ids: rows.map((r) => r[0] as string), dates: rows.map((r) => r[1] as number), amounts: rows.map((r) => r[2] as number) }, { builtAt: BUILT });
  const wb = evaluatePlan(plan);

  test("the sample maps automatically, passes validation and gives a valid one-sheet plan", () => {
    expect(sample[0]).toEqual(HEADER);
    expect(autoMap(T.columns, sample[0])).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(T.validate(input(rows))).toEqual({ goodRows: rows.length, problems: [], blocking: [] });
    expect(() => validatePlan(plan)).not.toThrow();
    expect(plan.sheets.map((s) => s.name)).toEqual(["Cohort retention"]);
    const sheet = plan.sheets[0];
    expect(cellAt(sheet, 2, 1)).toBe(`Source: Sheet1!A1:C9 (${rows.length.toLocaleString("en-US")} rows used). Built 2025-01-15 09:30 UTC by CXM.`);
    expect(sheet.tables.map((t) => t.name)).toEqual(["CohortCustomers", "CohortRevenue"]);
    expect(sheet.charts.map((c) => [c.type, c.series.length])).toEqual([["line", 4]]);
    // Two heatmaps: customer and revenue shares, from period 1 on.
    expect(sheet.conditionalFormats.map((c) => c.kind)).toEqual(["colorScale", "colorScale"]);
    expect(sheet.conditionalFormats[0].range).toBe(rangeName(built.layout.customerSharesRow!, 4, built.layout.cohorts.length, built.layout.periods - 1));
  });

  test("the build from rows equals the pure builder on the same columns", () => {
    // Same cells, except the source line (the descriptor states the rows used).
    expect(valuesIn(plan.sheets[0], "A3:T200")).toEqual(valuesIn(built.plan.sheets[0], "A3:T200"));
  });

  test("every count, share, average and summary cell equals the metrics core (cohort.ts)", () => {
    expectMatchesCore(wb, built.layout, rows, "month");
  });

  test("no formula on the sheet evaluates to an error value", () => {
    expect(errorCells(wb, plan)).toEqual([]);
  });

  test("counts are values, shares and averages are formulas over them", () => {
    const sheet = plan.sheets[0];
    const L = built.layout;
    expect(typeof cellAt(sheet, L.customerCountsRow!, 4)).toBe("number");
    expect(cellAt(sheet, L.customerSharesRow!, 4)).toBe(`=D${L.customerCountsRow}/$B${L.customerSharesRow}`);
    expect(cellAt(sheet, L.revenueSharesRow!, 4)).toBe(`=IF($B${L.revenueSharesRow}=0,"",D${L.revenueRow}/$B${L.revenueSharesRow})`);
    const n = L.cohorts.length - 1; // cohorts observed one period on: all but the newest
    expect(cellAt(sheet, L.curveRow + 1, L.curveColumns.customersWeighted!)).toBe(
      `=SUM(D${L.customerCountsRow}:D${L.customerCountsRow! + n - 1})/SUM(B${L.customerCountsRow}:B${L.customerCountsRow! + n - 1})`,
    );
  });

  test("headlines are the core's numbers and sit in the cells the sheet shows them in", () => {
    const h = T.headlines!(input(rows));
    expect(h.map((x) => x.label.en)).toEqual(["Customers", "Cohorts", "Customer retention, month 1", "Revenue retention, month 1"]);
    const c = core(rows);
    expect(h[2].value).toBeCloseTo(pooled(c.counts, 1), 12);
    expect(h[3].value).toBeCloseTo(pooled(c.revenue, 1), 12);
    expect(pooledRetention(c.counts, c.counts, 1)).toBeCloseTo(pooled(c.counts, 1), 12);
    for (const x of h) expect(wb.number(x.sheet, x.cell)).toBeCloseTo(x.value, 12);
  });
});

describe("cohort retention options", () => {
  // Four months of the sample: about 17 weeks, 2 quarters, 1 year.
  const rows = sampleTransactions({ months: 4, newPerMonth: 25, seed: 9 }).slice(1);

  test.each(["week", "month", "quarter", "year"] as const)("period %s: every cell equals the core", (period) => {
    const { plan, layout } = cohortRetention(
      { ids: rows.map((r) => r[0] as string), dates: rows.map((r) => r[1] as number), amounts: rows.map((r) => r[2] as number) },
      { period, builtAt: BUILT },
    );
    expect(() => validatePlan(plan)).not.toThrow();
    expect(cellAt(plan.sheets[0], layout.curveRow - 1, 1)).toBe({ week: "Week", month: "Month", quarter: "Quarter", year: "Year" }[period]);
    expectMatchesCore(evaluatePlan(plan), layout, rows, period);
  });

  test('measure "customers" leaves the revenue out; without an Amount column "both" does too', () => {
    const customersOnly = T.build(input(rows, { measure: "customers" }));
    expect(customersOnly.sheets[0].tables.map((t) => t.name)).toEqual(["CohortCustomers"]);
    expect(customersOnly.sheets[0].charts[0].series).toHaveLength(2);
    const noAmount: BuildInput = { ...input(rows.map((r) => [r[0], r[1]])), mapping: { customer: 0, date: 1, amount: -1 } };
    expect(T.validate(noAmount).blocking).toEqual([]);
    expect(T.build(noAmount).sheets[0].tables.map((t) => t.name)).toEqual(["CohortCustomers"]);
  });

  test('measure "revenue": the revenue triangle and curve only, still equal to the core', () => {
    const plan = T.build(input(rows, { measure: "revenue" }));
    const { layout } = cohortRetention(
      { ids: rows.map((r) => r[0] as string), dates: rows.map((r) => r[1] as number), amounts: rows.map((r) => r[2] as number) },
      { measure: "revenue", builtAt: BUILT },
    );
    expect(layout.customerSharesRow).toBeUndefined();
    expect(layout.curveColumns).toEqual({ cohortsObserved: 2, revenueAverage: 3, revenueWeighted: 4 });
    expect(plan.sheets[0].conditionalFormats).toHaveLength(1);
    const wb = evaluatePlan(plan);
    const c = core(rows);
    for (let k = 0; k < layout.periods; k++) {
      expect(wb.number("cohorts", cellName(layout.curveRow + k, 3))).toBeCloseTo(columnMean(c.revenueShares, k)!, 12);
      expect(wb.number("cohorts", cellName(layout.curveRow + k, 4))).toBeCloseTo(pooled(c.revenue, k), 12);
    }
    expect(wb.number("cohorts", layout.summary.revenueRetention1!)).toBeCloseTo(pooled(c.revenue, 1), 12);
    expect(errorCells(wb, plan)).toEqual([]);
  });

  test('measure "revenue" without an Amount column, an unknown period and a required column not mapped block the build', () => {
    const noAmount: BuildInput = { ...input(rows), mapping: { customer: 0, date: 1, amount: -1 } };
    expect(T.validate({ ...noAmount, options: { measure: "revenue" } }).blocking[0].en).toMatch(/needs the Amount column/);
    expect(() => T.build({ ...noAmount, options: { measure: "revenue" } })).toThrow(/needs the Amount column/);
    expect(T.validate(input(rows, { period: "fortnight" })).blocking[0].en).toMatch(/Unknown cohort period "fortnight"/);
    const unmapped = T.validate({ ...input(rows), mapping: { customer: 0, date: -1, amount: 2 } });
    expect(unmapped.blocking).toEqual([{ en: "The Date column is required: map a source column to it.", es: "La columna Fecha es obligatoria: asígnele una columna de origen." }]);
  });

  test("a mistyped year that would stretch the triangle over centuries of weeks blocks the build", () => {
    const r = [["a", "2024-01-05", 1], ["b", "1924-01-05", 1]];
    expect(T.validate(input(r, { period: "week" })).blocking[0].en).toMatch(/span 5219 weeks/);
  });

  test("Spanish: sheet, headers and notes in Spanish; the numbers are the same", () => {
    const en = cohortRetention({ ids: rows.map((r) => r[0] as string), dates: rows.map((r) => r[1] as number) }, { builtAt: BUILT });
    const es = cohortRetention({ ids: rows.map((r) => r[0] as string), dates: rows.map((r) => r[1] as number) }, { builtAt: BUILT, language: "es" });
    expect(es.plan.sheets[0].name).toBe("Retención por cohortes");
    expect(cellAt(es.plan.sheets[0], es.layout.curveRow - 1, 1)).toBe("Mes");
    expect(cellAt(es.plan.sheets[0], es.layout.customerCountsRow! - 1, 3)).toBe("Mes 0");
    const a = evaluatePlan(en.plan), b = evaluatePlan(es.plan);
    expect(b.number("cohorts", cellName(en.layout.curveRow + 1, 4))).toBe(a.number("cohorts", cellName(en.layout.curveRow + 1, 4)));
  });
});

describe("cohort retention validation names the bad rows, and the build leaves them out", () => {
  const good = [
    ["a", "2024-01-05", 10],
    ["b", 45300, 20], // 2024-01-08 as a serial
    ["a", "2024-02-10", 15],
    ["c", "2024-02-11", -5], // a refund: allowed in a cohort's revenue
    ["b", "2024-03-01T10:00", 30],
  ];
  const bad = [
    ["", "2024-01-06", 5],
    ["d", "2024-13-01", 5],
    ["e", 45310, "abc"],
    ["f", "05/01/2024", 7],
    ["#N/A", "2024-01-07", 1],
    ["g", "", 1],
    ["h", "2024-01-09", ""],
  ];
  // Interleave: good rows at 0, 2, 4, 6, 8, bad ones in between and after.
  const rows: unknown[][] = [good[0], bad[0], good[1], bad[1], good[2], bad[2], good[3], bad[3], good[4], bad[4], bad[5], bad[6]];

  test("one problem per bad row, in row order, naming the column and the value in both languages; a bad amount keeps its row for customers (issue 10)", () => {
    const report = T.validate(input(rows));
    // e ("abc") and h (blank) have a valid customer and date: they count for customers and cohorts, not for revenue.
    expect(report.goodRows).toBe(7);
    expect(report.blocking).toEqual([]);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [1, "customer"],
      [3, "date"],
      [7, "date"],
      [9, "customer"],
      [10, "date"],
    ]);
    const en = report.problems.map((p) => p.message.en);
    expect(en[0]).toBe("Customer is blank.");
    expect(en[1]).toBe('Date "2024-13-01" is not a date; use a date cell or ISO text such as 2024-03-15.');
    expect(en[2]).toMatch(/^Date "05\/01\/2024" is not a date/);
    expect(en[3]).toBe("Customer is the Excel error #N/A.");
    expect(en[4]).toBe("Date is blank.");
    expect(report.problems[1].message.es).toBe("Fecha «2024-13-01» no es una fecha; use una celda de fecha o texto ISO como 2024-03-15.");
    expect(report.notes).toEqual([
      {
        message: {
          en: "2 rows have no readable amount: they count for customers and cohorts (by their date), not for revenue.",
          es: "2 filas no tienen un importe legible: cuentan para clientes y cohortes (por su fecha), no para ingresos.",
        },
        rows: [5, 11],
      },
    ]);
  });

  test("a row whose amount cannot be read builds as a customer with no revenue: its cohort follows its valid date", () => {
    const partial = T.build(input([...good, bad[2], bad[6]]));
    const asZero = T.build(input([...good, ["e", 45310, 0], ["h", "2024-01-09", 0]]));
    expect(valuesIn(partial.sheets[0], "A3:J60")).toEqual(valuesIn(asZero.sheets[0], "A3:J60"));
    // e and h join the January cohort, which grows from 2 to 4 customers.
    const layout = cohortRetention({ ids: ["a"], dates: [45292], amounts: [1] }, { builtAt: BUILT }).layout;
    expect(evaluatePlan(partial).number("cohorts", layout.summary.customers)).toBe(5);
  });

  test("the build uses the good rows only: the same cells as a build from them alone, and the core on them", () => {
    const withBad = T.build(input(rows.filter((r) => r !== bad[2] && r !== bad[6])));
    const onlyGood = T.build(input(good));
    expect(cellAt(withBad.sheets[0], 2, 1)).toBe("Source: Sheet1!A1:C9 (5 rows used, 5 left out). Built 2025-01-15 09:30 UTC by CXM.");
    expect(valuesIn(withBad.sheets[0], "A3:J60")).toEqual(valuesIn(onlyGood.sheets[0], "A3:J60"));
    const layout = cohortRetention(
      { ids: good.map((r) => r[0] as string), dates: good.map((r) => (typeof r[1] === "number" ? r[1] : serialFromIso(r[1] as string))), amounts: good.map((r) => r[2] as number) },
      { builtAt: BUILT },
    ).layout;
    // Hand check: January cohort {a, b} (2), February {c} (1); the data reaches March, so both cohorts are
    // observed one month on. a is back in February, c is not back in March: month 1 = (1 + 0) / (2 + 1) = 1/3.
    // Revenue: January cohort 10 + 20 = 30 in month 0 and 15 in month 1; February's -5 (a refund) and 0:
    // (15 + 0) / (30 − 5) = 0.6.
    const wb = evaluatePlan(withBad);
    expect(wb.number("cohorts", layout.summary.customers)).toBe(3);
    expect(wb.number("cohorts", layout.summary.retention1!)).toBeCloseTo(1 / 3, 14);
    expect(wb.number("cohorts", layout.summary.revenueRetention1!)).toBeCloseTo(0.6, 14);
    expectMatchesCore(wb, layout, good, "month");
  });

  test("data within one month: retention one month on is undefined and shows as text, not an error", () => {
    const oneMonth = [["a", "2024-01-05", 10], ["b", "2024-01-20", 0], ["a", "2024-01-28", 5]];
    const plan = T.build(input(oneMonth));
    const layout = cohortRetention({ ids: ["a"], dates: [45292], amounts: [1] }, { builtAt: BUILT }).layout;
    const wb = evaluatePlan(plan);
    expect(wb.value("cohorts", layout.summary.retention1!)).toBe("n/a");
    expect(wb.value("cohorts", layout.summary.revenueRetention1!)).toBe("n/a");
    expect(wb.number("cohorts", layout.summary.customers)).toBe(2);
    expect(errorCells(wb, plan)).toEqual([]);
  });

  test("no usable row blocks the build", () => {
    const unusable = bad.filter((r) => r !== bad[2] && r !== bad[6]);
    const report = T.validate(input(unusable));
    expect(report.goodRows).toBe(0);
    expect(report.blocking[0].en).toMatch(/No row can be used/);
    expect(() => T.build(input(unusable))).toThrow(/No row can be used/);
    expect(T.validate(input([])).blocking[0].en).toMatch(/no data rows/);
  });
});

describe("cohort retention renders with both renderers", () => {
  const sample = T.sample();
  const plan: WorkbookPlan = T.build(input(sample.slice(1)));

  test(".xlsx: ExcelJS opens it; the sheet, its tables and its values are there", async () => {
    const written = await writePlanToBuffer(plan);
    expect(written.charts).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written.buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Cohort retention"]);
    const ws = wb.getWorksheet("Cohort retention")!;
    expect(ws.getCell("A1").value).toBe("Cohort retention");
    const tables = Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables);
    expect(tables.sort()).toEqual(["CohortCustomers", "CohortRevenue"]);
  });

  test("Office.js: a taken sheet name gets a suffix, the user's sheet is untouched, in a handful of syncs", async () => {
    const fake = new FakeExcel({ sheets: { "Cohort retention": { A1: "mine" } }, tables: ["CohortCustomers"] });
    const result = await applyPlanInContext(fake.context, plan);
    expect(result.sheets.map((s) => s.name)).toEqual(["Cohort retention (2)"]);
    expect(result.tables.map((t) => t.name)).toEqual(["CohortCustomers_2", "CohortRevenue"]);
    expect(Object.fromEntries(fake.sheet("Cohort retention").cells)).toEqual({ A1: "mine" });
    const s = fake.sheet("Cohort retention (2)");
    expect(s.cells.get("A1")).toBe("Cohort retention");
    expect(s.charts).toHaveLength(1);
    expect(s.conditionalFormats.map((c) => c.type)).toEqual(["ColorScale", "ColorScale"]);
    expect(result.syncs).toBeLessThanOrEqual(4);
  });
});

describe("sample transactions", () => {
  test("deterministic for a seed, different between seeds", () => {
    expect(sampleTransactions({ seed: 3, months: 3 })).toEqual(sampleTransactions({ seed: 3, months: 3 }));
    expect(sampleTransactions({ seed: 3, months: 3 })).not.toEqual(sampleTransactions({ seed: 4, months: 3 }));
  });

  test("a few thousand rows, 18 monthly cohorts, retention that decays and flattens", () => {
    const log = sampleTransactionLog();
    expect(log.length).toBeGreaterThan(2000);
    expect(log.length).toBeLessThan(10000);
    for (let i = 1; i < log.length; i++) expect(log[i].date).toBeGreaterThanOrEqual(log[i - 1].date);
    for (const t of log) expect(t.amount).toBeGreaterThan(0);
    const c = cohortTable(log.map((t) => t.customer), log.map((t) => t.date), null, { period: "month", output: "count" });
    expect(c.cohorts).toHaveLength(18);
    const r = (k: number) => pooled(c, k);
    // Typical repeat-purchase curves: a steep first drop (to 30-70%), then a slow decline.
    expect(r(1)).toBeGreaterThan(0.3);
    expect(r(1)).toBeLessThan(0.7);
    expect(r(3)).toBeLessThan(r(1));
    expect(r(12)).toBeLessThan(r(3));
    expect(r(1) - r(3)).toBeGreaterThan(r(9) - r(11));
  });
});
