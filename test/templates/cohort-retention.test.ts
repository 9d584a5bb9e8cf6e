/**
 * Cohort retention (src/templates/cohort-retention/): every cell of the
 * built sheet against the metrics core (src/metrics/cohort.ts, whose
 * definitions cite Amplitude's and ChartMogul's cohort retention), the
 * options, validation, the Spanish build, and both renderers. Checks every
 * v2 template shares (language, layout, cached values, LibreOffice) live in
 * test/templates/v2/.
 */
import ExcelJS from "exceljs";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { CohortPeriod, cohortTable, CohortTable } from "../../src/metrics/cohort";
import { serialFromIso } from "../../src/metrics/dates";
import { cohortAggregate, pooledRetention } from "../../src/templates/cohort-retention/aggregate";
import { cohortRetentionParts, cohortRetentionTemplate as T } from "../../src/templates/cohort-retention/descriptor";
import { cohortSample } from "../../src/templates/cohort-retention/sample";
import { cohortSheets, CohortSheets, P0, SIZE } from "../../src/templates/cohort-retention/sheets";
import { COHORT_STRINGS, CohortStrings } from "../../src/templates/cohort-retention/strings";
import type { BuildInput, Language } from "../../src/templates/registry-types";
import { TemplateInputError } from "../../src/templates/shared/errors";
import { sampleTransactionLog, sampleTransactions } from "../../src/templates/sample-transactions";
import { autoMap } from "../../src/templates/column-mapping";
import { cellAt, validatePlan, valuesIn, WorkbookPlan } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { FakeExcel } from "../support/excel-batch-fake";
import { errorCells, evaluatePlan, EvaluatedWorkbook } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const HEADER = ["Customer", "Date", "Amount"];

function input(rows: unknown[][], options: Record<string, string | number> = {}, language: Language = "en", header: unknown[] = HEADER): BuildInput {
  return { rows, mapping: autoMap(T.columns, header), options, sourceLabel: "Sheet1!A1:C9", builtAt: BUILT, language, surface: "taskpane" };
}

/** The full build (plan, cells, placed blocks, aggregate). */
const built = (i: BuildInput) => cohortRetentionParts.build(i);

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

/** The curve's column of a header (the curve's first row). */
function curveColumn(b: CohortSheets, header: string): number {
  const curve = b.at.curve;
  const headers = valuesIn(b.plan.sheets[0], curve.range(0, 0, 1, curve.columns))[0];
  const c = headers.indexOf(header);
  if (c < 0) throw new Error(`The curve has no column "${header}" (it has ${headers.join(", ")}).`);
  return c;
}

/** Compares every triangle, curve and summary cell of an evaluated build with the core on `rows`. */
function expectMatchesCore(wb: EvaluatedWorkbook, b: CohortSheets, rows: unknown[][], period: CohortPeriod, revenue = true, t: CohortStrings = COHORT_STRINGS.en) {
  const c = core(rows, period);
  const { counts, customerShares, revenueShares } = b.at;
  const num = (cell: string) => wb.number("cohorts", cell);
  const S = c.counts.matrix[0].length;
  expect(counts.rows).toBe(c.counts.cohorts.length + 1);
  expect(counts.columns).toBe(P0 + S);
  c.counts.cohorts.forEach((cohort, i) => {
    expect(num(counts.cell(1 + i, 0))).toBe(cohort);
    expect(num(counts.cell(1 + i, SIZE))).toBe(c.counts.sizes[i]);
    for (let k = 0; k < S; k++) {
      const share = c.shares.matrix[i][k];
      if (share === null) {
        expect(wb.value("cohorts", counts.cell(1 + i, P0 + k))).toBeNull();
        expect(wb.value("cohorts", customerShares.cell(1 + i, P0 + k))).toBeNull();
        continue;
      }
      expect(num(counts.cell(1 + i, P0 + k))).toBe(c.counts.matrix[i][k]);
      expect(num(customerShares.cell(1 + i, P0 + k))).toBeCloseTo(share, 12);
      if (!revenue) continue;
      expect(num(b.at.revenue.cell(1 + i, P0 + k))).toBeCloseTo(c.revenue.matrix[i][k]!, 9);
      const rs = c.revenueShares.matrix[i][k];
      if (rs === null) expect(wb.value("cohorts", revenueShares.cell(1 + i, P0 + k))).toBe("");
      else expect(num(revenueShares.cell(1 + i, P0 + k))).toBeCloseTo(rs, 12);
    }
  });
  const curve = b.at.curve;
  for (let k = 0; k < S; k++) {
    expect(num(curve.cell(1 + k, 0))).toBe(k);
    expect(num(curve.cell(1 + k, 1))).toBe(c.counts.observed.filter((o) => o > k).length);
    expect(num(curve.cell(1 + k, curveColumn(b, t.customersAverage)))).toBeCloseTo(columnMean(c.shares, k)!, 12);
    expect(num(curve.cell(1 + k, curveColumn(b, t.customersPooled)))).toBeCloseTo(pooled(c.counts, k), 12);
    if (revenue) {
      expect(num(curve.cell(1 + k, curveColumn(b, t.revenueAverage)))).toBeCloseTo(columnMean(c.revenueShares, k)!, 12);
      expect(num(curve.cell(1 + k, curveColumn(b, t.revenuePooled)))).toBeCloseTo(pooled(c.revenue, k), 12);
    }
  }
  expect(num(b.cells.customers)).toBe(c.counts.sizes.reduce((a, x) => a + x, 0));
  expect(num(b.cells.cohorts)).toBe(c.counts.cohorts.length);
  expect(num(b.cells.transactions)).toBe(rows.length);
  if (S > 1) expect(num(b.cells.retention1!)).toBeCloseTo(pooled(c.counts, 1), 12);
}

describe("cohort retention on the seeded sample, through the descriptor", () => {
  const sample = T.sample();
  const rows = sample.slice(1);
  const b = built(input(rows));
  const plan = b.plan;
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
    expect(sheet.conditionalFormats[0].range).toBe(b.at.customerShares.range(1, P0 + 1, b.agg.customers.cohorts.length, b.agg.customers.matrix[0].length - 1));
  });

  test("the blocks flow down the sheet, the chart beside the curve, each block under the one before", () => {
    const { summary, curve, chart, customerShares, revenueShares, counts, revenue } = b.at;
    const order = [summary, curve, customerShares, revenueShares, counts, revenue];
    // Title and note above each body, one blank row between blocks.
    for (let i = 1; i < order.length; i++) expect(order[i].rect.row).toBe(Math.max(order[i - 1].rect.lastRow, i === 2 ? chart.rect.lastRow : 0) + 4);
    expect(chart.rect.row).toBe(curve.rect.row - 2); // tops aligned: the curve's title row
    expect(chart.rect.column).toBe(curve.rect.lastColumn + 2);
    expect(plan.sheets[0].charts[0].anchor).toEqual({ from: chart.cell(0, 0), to: chart.cell(chart.rows - 1, chart.columns - 1) });
  });

  test("every count, share, average and summary cell equals the metrics core (cohort.ts)", () => {
    expectMatchesCore(wb, b, rows, "month");
  });

  test("no formula on the sheet evaluates to an error value", () => {
    expect(errorCells(wb, plan)).toEqual([]);
  });

  test("counts are values, shares and averages are formulas over them, each with its value", () => {
    const sheet = plan.sheets[0];
    const { counts, customerShares, revenueShares, revenue, curve } = b.at;
    expect(typeof cellAt(sheet, counts.row(1), counts.column(P0 + 1))).toBe("number");
    expect(cellAt(sheet, customerShares.row(1), customerShares.column(P0 + 1))).toBe(`=${counts.cell(1, P0 + 1)}/${customerShares.cell(1, SIZE, "$col")}`);
    expect(cellAt(sheet, revenueShares.row(1), revenueShares.column(P0 + 1))).toBe(
      `=IF(${revenueShares.cell(1, SIZE, "$col")}=0,"",${revenue.cell(1, P0 + 1)}/${revenueShares.cell(1, SIZE, "$col")})`,
    );
    const n = b.agg.customers.cohorts.length - 1; // cohorts observed one period on: all but the newest
    expect(cellAt(sheet, curve.row(2), curve.column(curveColumn(b, "Customers: all customers")))).toBe(
      `=SUM(${counts.columnRange(P0 + 1, 1, n)})/SUM(${counts.columnRange(SIZE, 1, n)})`,
    );
  });

  test("headlines are the core's numbers and sit in the cells the sheet shows them in", () => {
    const h = T.headlines!(input(rows));
    expect(h.map((x) => x.label.en)).toEqual(["Customers", "Cohorts", "Customer retention, month 1", "Revenue retention, month 1"]);
    const c = core(rows);
    expect(h[2].value).toBeCloseTo(pooled(c.counts, 1), 12);
    expect(h[3].value).toBeCloseTo(pooled(c.revenue, 1), 12);
    for (const x of h) expect(wb.number(x.sheet, x.cell)).toBeCloseTo(x.value, 12);
  });

  test("the sheets are built from the aggregate alone: the same aggregate through JSON gives the same plan", () => {
    const agg = b.agg;
    const again = cohortSheets(
      JSON.parse(JSON.stringify(agg)),
      { measure: "both", moneyFormat: '"$"#,##0', source: { label: "Sheet1!A1:C9", used: rows.length, leftOut: 0, surface: "taskpane", builtAt: BUILT } },
      COHORT_STRINGS.en,
    );
    expect(again.plan).toEqual(plan);
  });
});

describe("cohort retention options", () => {
  // Four months of the sample: about 17 weeks, 2 quarters, 1 year.
  const rows = sampleTransactions({ months: 4, newPerMonth: 25, seed: 9 }).slice(1);

  test.each(["week", "month", "quarter", "year"] as const)("period %s: every cell equals the core", (period) => {
    const b = built(input(rows, { period }));
    expect(() => validatePlan(b.plan)).not.toThrow();
    expect(cellAt(b.plan.sheets[0], b.at.curve.row(0), b.at.curve.column(0))).toBe({ week: "Week", month: "Month", quarter: "Quarter", year: "Year" }[period]);
    expectMatchesCore(evaluatePlan(b.plan), b, rows, period);
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
    const b = built(input(rows, { measure: "revenue" }));
    expect(b.at.customerShares).toBeUndefined();
    const wb = evaluatePlan(b.plan);
    const c = core(rows);
    const S = c.counts.matrix[0].length;
    expect(b.at.curve.columns).toBe(4);
    for (let k = 0; k < S; k++) {
      expect(wb.number("cohorts", b.at.curve.cell(1 + k, 2))).toBeCloseTo(columnMean(c.revenueShares, k)!, 12);
      expect(wb.number("cohorts", b.at.curve.cell(1 + k, 3))).toBeCloseTo(pooled(c.revenue, k), 12);
    }
    expect(b.plan.sheets[0].conditionalFormats).toHaveLength(1);
    expect(wb.number("cohorts", b.cells.revenueRetention1!)).toBeCloseTo(pooled(c.revenue, 1), 12);
    expect(errorCells(wb, b.plan)).toEqual([]);
  });

  test("the currency follows the language unless chosen: $ before the number in English, € after it in Spanish", () => {
    const format = (o: Record<string, string>, language: Language) => {
      const b = built(input(rows, o, language));
      return b.plan.sheets[0].formats.find((f) => f.range === b.at.revenue.range(1, P0, b.at.revenue.rows - 1, b.at.revenue.columns - P0))?.numberFormat;
    };
    expect(format({}, "en")).toBe('"$"#,##0');
    expect(format({}, "es")).toBe('#,##0 "€"');
    expect(format({ currency: "€" }, "en")).toBe('"€"#,##0');
    expect(format({ currency: "$" }, "es")).toBe('"$"#,##0');
    expect(format({ currency: "" }, "es")).toBe("#,##0");
  });

  test('measure "revenue" without an Amount column, an unknown period and a required column not mapped block the build with a TemplateInputError', () => {
    const noAmount: BuildInput = { ...input(rows), mapping: { customer: 0, date: 1, amount: -1 } };
    expect(T.validate({ ...noAmount, options: { measure: "revenue" } }).blocking[0].en).toMatch(/needs the Amount column/);
    expect(() => T.build({ ...noAmount, options: { measure: "revenue" } })).toThrow(TemplateInputError);
    expect(() => T.build({ ...noAmount, options: { measure: "revenue" }, language: "es" })).toThrow(/necesita la columna Importe/);
    expect(T.validate(input(rows, { period: "fortnight" })).blocking[0].en).toMatch(/Unknown cohort period "fortnight"/);
    const unmapped = T.validate({ ...input(rows), mapping: { customer: 0, date: -1, amount: 2 } });
    expect(unmapped.blocking).toEqual([{ en: "The Date column is required: map a source column to it.", es: "La columna Fecha es obligatoria: asígnele una columna de origen." }]);
  });

  test("a mistyped year that would stretch the triangle over centuries of weeks blocks the build", () => {
    const r = [["a", "2024-01-05", 1], ["b", "1924-01-05", 1]];
    expect(T.validate(input(r, { period: "week" })).blocking[0]).toEqual({
      en: "The dates span 5219 weeks, too many for a cohort table: choose a longer period or check for mistyped dates.",
      es: "Las fechas abarcan 5219 semanas, demasiados periodos para una tabla de cohortes: elija un periodo más largo o revise fechas mal escritas.",
    });
  });

  test("Spanish: sheet, headers, notes and the sample's header in Spanish; the numbers are the same", () => {
    const en = built(input(rows));
    const es = built(input(rows, {}, "es"));
    const sheet = es.plan.sheets[0];
    expect(sheet.name).toBe("Retención por cohortes");
    expect(cellAt(sheet, es.at.curve.row(0), es.at.curve.column(0))).toBe("Mes");
    expect(cellAt(sheet, es.at.counts.row(0), es.at.counts.column(P0))).toBe("Mes 0");
    expect(sheet.tables.map((t) => t.name)).toEqual(["ClientesPorCohorte", "IngresosPorCohorte"]);
    expect(cohortSample("es")[0]).toEqual(["Cliente", "Fecha", "Importe"]);
    expect(autoMap(T.columns, cohortSample("es")[0])).toEqual({ customer: 0, date: 1, amount: 2 });
    const a = evaluatePlan(en.plan), b = evaluatePlan(es.plan);
    expect(b.number("cohorts", es.cells.retention1!)).toBe(a.number("cohorts", en.cells.retention1!));
    expectMatchesCore(b, es, rows, "month", true, COHORT_STRINGS.es);
  });

  test("Spanish period words agree in gender: a week is feminine", () => {
    const t = COHORT_STRINGS.es;
    expect(t.summaryNote(t.periods.week)).toContain("una semana después de la primera");
    expect(t.summaryNote(t.periods.month)).toContain("un mes después del primero");
    expect(t.revenueInPeriod0(t.periods.week)).toBe("Ingresos en la semana 0");
  });

  test("a missing translation does not build", () => {
    // @ts-expect-error every key of the English strings is required in Spanish
    const missing: CohortStrings = { ...COHORT_STRINGS.es, title: undefined };
    // @ts-expect-error and no key may be added that English lacks
    const extra: CohortStrings = { ...COHORT_STRINGS.es, titel: "Retención" };
    expect([missing.title, extra.title]).toEqual([undefined, "Retención por cohortes"]);
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
    const partial = built(input([...good, bad[2], bad[6]]));
    const asZero = built(input([...good, ["e", 45310, 0], ["h", "2024-01-09", 0]]));
    expect(valuesIn(partial.plan.sheets[0], "A3:J60")).toEqual(valuesIn(asZero.plan.sheets[0], "A3:J60"));
    // e and h join the January cohort, which grows from 2 to 4 customers: 5 in all.
    expect(evaluatePlan(partial.plan).number("cohorts", partial.cells.customers)).toBe(5);
  });

  test("the build uses the good rows only, and says where the left-out rows are listed: the task pane's check, or the CLI's report", () => {
    const rowsWithBad = rows.filter((r) => r !== bad[2] && r !== bad[6]);
    const withBad = built(input(rowsWithBad));
    const onlyGood = built(input(good));
    expect(cellAt(withBad.plan.sheets[0], 2, 1)).toBe("Source: Sheet1!A1:C9 (5 rows used; 5 left out, listed by the check in the task pane). Built 2025-01-15 09:30 UTC by CXM.");
    const cli = built({ ...input(rowsWithBad), surface: "cli" });
    expect(cellAt(cli.plan.sheets[0], 2, 1)).toBe("Source: Sheet1!A1:C9 (5 rows used; 5 left out, listed in the report cxm printed when it built this sheet). Built 2025-01-15 09:30 UTC by CXM.");
    const cliEs = built({ ...input(rowsWithBad, {}, "es"), surface: "cli" });
    expect(cellAt(cliEs.plan.sheets[0], 2, 1)).toBe(
      "Origen: Sheet1!A1:C9 (5 filas usadas; 5 descartadas, listadas en el informe que imprimió cxm al generar esta hoja). Generado el 2025-01-15 09:30 UTC por CXM.",
    );
    expect(valuesIn(withBad.plan.sheets[0], "A3:J60")).toEqual(valuesIn(onlyGood.plan.sheets[0], "A3:J60"));
    // Hand check: January cohort {a, b} (2), February {c} (1); the data reaches March, so both cohorts are
    // observed one month on. a is back in February, c is not back in March: month 1 = (1 + 0) / (2 + 1) = 1/3.
    // Revenue: January cohort 10 + 20 = 30 in month 0 and 15 in month 1; February's -5 (a refund) and 0:
    // (15 + 0) / (30 − 5) = 0.6.
    const wb = evaluatePlan(withBad.plan);
    expect(wb.number("cohorts", withBad.cells.customers)).toBe(3);
    expect(wb.number("cohorts", withBad.cells.retention1!)).toBeCloseTo(1 / 3, 14);
    expect(wb.number("cohorts", withBad.cells.revenueRetention1!)).toBeCloseTo(0.6, 14);
    expectMatchesCore(wb, withBad, good, "month");
  });

  test("one row left out is one row, in both languages (plural rules, not n === 1)", () => {
    const one = built(input([...good, bad[0]]));
    expect(cellAt(one.plan.sheets[0], 2, 1)).toMatch(/\(5 rows used; 1 left out,/);
    const oneEs = built(input([good[0], bad[0]], {}, "es"));
    expect(cellAt(oneEs.plan.sheets[0], 2, 1)).toMatch(/\(1 fila usada; 1 descartada,/);
  });

  test("data within one month: retention one month on is undefined and shows as text, not an error", () => {
    const oneMonth = [["a", "2024-01-05", 10], ["b", "2024-01-20", 0], ["a", "2024-01-28", 5]];
    const b = built(input(oneMonth));
    const wb = evaluatePlan(b.plan);
    expect(wb.value("cohorts", b.cells.retention1!)).toBe("n/a");
    expect(wb.value("cohorts", b.cells.revenueRetention1!)).toBe("n/a");
    expect(wb.number("cohorts", b.cells.customers)).toBe(2);
    expect(errorCells(wb, b.plan)).toEqual([]);
  });

  test("a cohort whose first month's revenue is 0 has blank revenue shares, and the revenue curve says n/a where no base is left", () => {
    const zero = [["a", "2024-01-05", 0], ["a", "2024-02-05", 10], ["b", "2024-02-06", 0]];
    const b = built(input(zero));
    const wb = evaluatePlan(b.plan);
    expect(wb.value("cohorts", b.at.revenueShares.cell(1, P0 + 1))).toBe("");
    expect(wb.value("cohorts", b.at.curve.cell(1, 4))).toBe("n/a");
    expect(wb.value("cohorts", b.at.curve.cell(1, 5))).toBe("n/a");
    expect(errorCells(wb, b.plan)).toEqual([]);
    // And no revenue headline where the base is 0.
    expect(T.headlines!(input(zero)).map((h) => h.label.en)).not.toContain("Revenue retention, month 1");
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
  const plan: WorkbookPlan = T.build(input(T.sample().slice(1)));

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
    expect(s.merges.length).toBeGreaterThan(0);
    expect(s.print).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, leftHeader: "&A", rightHeader: "&P" });
    expect(result.syncs).toBeLessThanOrEqual(4);
  });
});

describe("the aggregate", () => {
  test("is the core's cohort tables, JSON-able, and pooled retention reads it", () => {
    const log = sampleTransactionLog({ months: 5, newPerMonth: 20, seed: 3 });
    const agg = cohortAggregate({ ids: log.map((t) => t.customer), dates: log.map((t) => t.date), amounts: log.map((t) => t.amount) }, "month", true);
    const c = core(log.map((t) => [t.customer, t.date, t.amount]));
    expect(agg.customers).toEqual(c.counts);
    expect(agg.revenue).toEqual(c.revenue);
    expect(agg.transactions).toBe(log.length);
    expect(JSON.parse(JSON.stringify(agg))).toEqual(agg);
    expect(pooledRetention(agg.customers, agg, 1)).toBeCloseTo(pooled(c.counts, 1), 14);
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
