/**
 * Cohort retention: customers grouped by the period of their first purchase,
 * with how many bought again (and, with an amount column, how much the cohort
 * spent) 0, 1, 2 … periods later; the retention triangles as colour-scale
 * heatmaps; and the average retention curve with its chart.
 *
 * Grouping the transactions is heavy (200k rows), so the counts and revenue
 * per cohort and period are values from src/metrics/cohort.ts, stated on the
 * sheet with the source and the build time (DESIGN 3). Everything derived
 * from them is a native Excel formula a reviewer can audit: shares = count /
 * the cohort's period-0 value, averages over the cohorts observed that far,
 * the summary figures.
 */
import { CohortPeriod, COHORT_PERIODS, cohortTable, CohortTable } from "../metrics/cohort";
import { invalidInput } from "../metrics/errors";
import { periodIndex } from "../metrics/dates";
import { codeIds, CodedIds, IdCell } from "../metrics/transaction-log";
import { cellName, columnLetter, rangeName } from "../workbook/a1";
import { SheetBuilder } from "../workbook/builder";
import { CellValue, ChartSeries, WorkbookPlan } from "../workbook/plan";
import { COLORS, currencyFormat, FORMATS, heatmap, LOOKS } from "../workbook/styles";
import type { BuildInput, ColumnSpec, Headline, Language, Localized, OptionSpec, TemplateDescriptor } from "./registry-types";
import { sampleTransactions } from "./sample-transactions";
import { CURRENCY_OPTION, customerColumn, stamp } from "./descriptor-kit";
import { readTransactionRows, reportOf, sourceSummary, TransactionFields } from "./transaction-rows";

export type CohortMeasureChoice = "both" | "customers" | "revenue";
export const COHORT_MEASURE_CHOICES: readonly CohortMeasureChoice[] = ["both", "customers", "revenue"];

export interface CohortRetentionData {
  ids: ArrayLike<IdCell> | CodedIds;
  /** Excel serials. */
  dates: ArrayLike<number>;
  /** Per transaction; needed for the revenue triangle. */
  amounts?: ArrayLike<number> | null;
}

export interface CohortRetentionOptions {
  period?: CohortPeriod;
  /** "both" (default): customers, and revenue when amounts are given; "customers"; "revenue" (needs amounts). */
  measure?: CohortMeasureChoice;
  language?: Language;
  /** Where the data came from, stated on the sheet ("Sheet1!A1:C2001 (2,000 rows used)"). */
  source?: string;
  builtAt?: Date;
  /** Currency symbol of the revenue cells ("" for none; default "$"). */
  currency?: string;
}

/** Where the blocks landed (1-based rows; columns as numbers, A = 1). */
export interface CohortRetentionLayout {
  period: CohortPeriod;
  /** First day of each cohort's period (Excel serials), oldest first: the row order of every triangle. */
  cohorts: number[];
  /** Periods in the triangles (columns "Month 0" … ). */
  periods: number;
  /** Column of period 0 in the triangles; period k is column firstPeriodColumn + k. */
  firstPeriodColumn: number;
  /** Summary values row and its cells. */
  summary: { customers: string; cohorts: string; transactions: string; retention1?: string; revenueRetention1?: string };
  /** First row of the curve (period 0); period k is at curveRow + k. Columns by measure. */
  curveRow: number;
  curveColumns: { cohortsObserved: number; customersAverage?: number; customersWeighted?: number; revenueAverage?: number; revenueWeighted?: number };
  /** First cohort row of each triangle (undefined when the measure is not shown). */
  customerCountsRow?: number;
  customerSharesRow?: number;
  revenueRow?: number;
  revenueSharesRow?: number;
}

const UNITS: Record<CohortPeriod, Localized> = {
  week: { en: "Week", es: "Semana" },
  month: { en: "Month", es: "Mes" },
  quarter: { en: "Quarter", es: "Trimestre" },
  year: { en: "Year", es: "Año" },
};
const PLURALS: Record<CohortPeriod, Localized> = {
  week: { en: "Weeks", es: "Semanas" },
  month: { en: "Months", es: "Meses" },
  quarter: { en: "Quarters", es: "Trimestres" },
  year: { en: "Years", es: "Años" },
};

const COHORT_FORMAT: Record<CohortPeriod, string> = {
  week: FORMATS.date,
  month: FORMATS.month,
  quarter: FORMATS.month,
  year: "yyyy",
};

/** Rows the chart takes to the right of the curve (the triangles start below it). */
const CHART_ROWS = 20;

/**
 * Builds the cohort retention sheet from validated columns.
 *
 * @example cohortRetention({ ids: ["a", "b", "a", "c"], dates: [45292, 45300, 45323, 45323] }).layout.cohorts // [45292, 45323]
 */
export function cohortRetention(
  data: CohortRetentionData,
  options: CohortRetentionOptions = {},
): { plan: WorkbookPlan; layout: CohortRetentionLayout; customers: CohortTable; revenue: CohortTable | null } {
  const period = options.period ?? "month";
  if (!COHORT_PERIODS.includes(period)) throw invalidInput(`period must be one of ${COHORT_PERIODS.join(", ")} (got ${period}).`);
  const measure = options.measure ?? "both";
  if (!COHORT_MEASURE_CHOICES.includes(measure)) throw invalidInput(`measure must be one of ${COHORT_MEASURE_CHOICES.join(", ")} (got ${measure}).`);
  if (measure === "revenue" && !data.amounts) throw invalidInput('measure "revenue" needs the amount column.');
  const lang = options.language ?? "en";
  const t = (x: Localized) => x[lang];
  const builtAt = options.builtAt ?? new Date();
  const showCustomers = measure !== "revenue";
  const showRevenue = measure !== "customers" && !!data.amounts;

  // Code the ids once for both triangles (same cohorts, same rows).
  const ids = isCoded(data.ids) ? data.ids : codeIds(data.ids);
  const customers = cohortTable(ids, data.dates, null, { period, measure: "customers", output: "count" });
  const revenue = showRevenue ? cohortTable(ids, data.dates, data.amounts, { period, measure: "revenue", output: "count" }) : null;
  const C = customers.cohorts.length;
  const S = customers.matrix[0].length;
  // observed[i] falls as i rises, so the cohorts observed k periods on are the first observedAt(k).
  const observedAt = (k: number) => customers.observed.filter((o) => o > k).length;

  // An undefined figure shows as text, not as #N/A: the sheet opens without error cells, and AVERAGE skips it.
  const na = `"${t({ en: "n/a", es: "n/d" })}"`;
  const unit = t(UNITS[period]);
  const unitLower = unit.toLowerCase();
  const money = currencyFormat(options.currency ?? "$", 0);
  const P0 = 3; // column C: period 0
  const periodHeaders = Array.from({ length: S }, (_, k) => `${unit} ${k}`);

  // ---- Rows, fixed in advance so the curve at the top can refer to the triangles below.
  const first = 5; // after the title and two lines (SheetBuilder.heading)
  const summaryTop = first;
  const summaryRow = summaryTop + 3;
  const curveTop = summaryRow + 2;
  const curveRow = curveTop + 3;
  const afterCurve = Math.max(curveRow + S + 1, curveTop + CHART_ROWS + 1);
  let next = afterCurve;
  const take = (rows: number) => {
    const top = next;
    next += rows + 4; // title, note, header, rows, blank
    return top;
  };
  const customerSharesTop = showCustomers ? take(C) : 0;
  const revenueSharesTop = showRevenue ? take(C) : 0;
  const customerCountsTop = take(C); // cohort sizes are always shown: they define the cohorts
  const revenueTop = showRevenue ? take(C) : 0;
  const row0 = (top: number) => top + 3;

  const s = new SheetBuilder("cohorts", t({ en: "Cohort retention", es: "Retención por cohortes" }), t({ en: "Cohort retention", es: "Retención por cohortes" }));
  const source = options.source ?? t({ en: "transactions given to the CXM cohort retention template", es: "transacciones dadas a la plantilla de retención por cohortes de CXM" });
  s.heading([
    t({ en: `Source: ${source}. Built ${stamp(builtAt)} by CXM.`, es: `Origen: ${source}. Generado el ${stamp(builtAt)} por CXM.` }),
    t({
      en: `Cohorts by ${unitLower} of first purchase. Counts and revenue are values grouped from the source when the sheet was built (build again to refresh); every share and average is an Excel formula over them.`,
      es: `Cohortes por ${unitLower} de la primera compra. Los recuentos e ingresos son valores agrupados del origen al generar la hoja (vuelva a generarla para actualizarlos); cada porcentaje y media es una fórmula de Excel sobre ellos.`,
    }),
  ]);

  const countsFirst = row0(customerCountsTop);
  const sizes = rangeName(countsFirst, 2, C, 1);
  /** Column k of a triangle, over the cohorts observed k periods on. */
  const observedRange = (firstRow: number, column: number, k: number) => rangeName(firstRow, column, observedAt(k), 1);

  // ---- Summary.
  const has1 = S > 1;
  const summaryHeaders: CellValue[] = [
    t({ en: "Customers", es: "Clientes" }),
    t({ en: "Cohorts", es: "Cohortes" }),
    t({ en: "Transactions used", es: "Transacciones usadas" }),
  ];
  const summaryValues: CellValue[] = [`=SUM(${sizes})`, `=COUNT(${rangeName(countsFirst, 1, C, 1)})`, transactionsOf(data)];
  const curveCols: CohortRetentionLayout["curveColumns"] = { cohortsObserved: 2 };
  let col = 3;
  if (showCustomers) {
    curveCols.customersAverage = col++;
    curveCols.customersWeighted = col++;
  }
  if (showRevenue) {
    curveCols.revenueAverage = col++;
    curveCols.revenueWeighted = col++;
  }
  const summary: CohortRetentionLayout["summary"] = { customers: cellName(summaryRow, 1), cohorts: cellName(summaryRow, 2), transactions: cellName(summaryRow, 3) };
  if (showCustomers) {
    summaryHeaders.push(t({ en: `Customer retention, ${unitLower} 1 (all customers)`, es: `Retención de clientes, ${unitLower} 1 (todos los clientes)` }));
    summaryValues.push(has1 ? `=${cellName(curveRow + 1, curveCols.customersWeighted!)}` : `=${na}`);
    summary.retention1 = cellName(summaryRow, summaryHeaders.length);
  }
  if (showRevenue) {
    summaryHeaders.push(t({ en: `Revenue retention, ${unitLower} 1 (all cohorts)`, es: `Retención de ingresos, ${unitLower} 1 (todas las cohortes)` }));
    summaryValues.push(has1 ? `=${cellName(curveRow + 1, curveCols.revenueWeighted!)}` : `=${na}`);
    summary.revenueRetention1 = cellName(summaryRow, summaryHeaders.length);
  }
  s.block(
    summaryTop,
    1,
    t({ en: "Summary", es: "Resumen" }),
    t({
      en: `Retention ${unitLower} 1 = share of the cohorts observed that far still buying one ${unitLower} after their first, all customers pooled.`,
      es: `Retención ${unitLower} 1 = parte de las cohortes observadas hasta entonces que sigue comprando un ${unitLower} después del primero, con todos los clientes juntos.`,
    }),
    [summaryHeaders, summaryValues],
    { header: true },
  );
  s.format(rangeName(summaryRow - 1, 1, 1, summaryHeaders.length), { wrapText: true });
  s.format(rangeName(summaryRow, 1, 1, 3), { ...LOOKS.output, numberFormat: FORMATS.integer });
  if (summaryHeaders.length > 3) s.format(rangeName(summaryRow, 4, 1, summaryHeaders.length - 3), { ...LOOKS.output, numberFormat: FORMATS.percent });

  // ---- Average retention curve (formulas over the triangles below) and its chart.
  const sharesFirst = row0(customerSharesTop);
  const revFirst = row0(revenueTop);
  const revSharesFirst = row0(revenueSharesTop);
  const curveHeader: CellValue[] = [unit, t({ en: "Cohorts observed", es: "Cohortes observadas" })];
  if (showCustomers) {
    curveHeader.push(t({ en: "Customers: average of cohorts", es: "Clientes: media de cohortes" }), t({ en: "Customers: all customers", es: "Clientes: todos los clientes" }));
  }
  if (showRevenue) {
    curveHeader.push(t({ en: "Revenue: average of cohorts", es: "Ingresos: media de cohortes" }), t({ en: "Revenue: all cohorts", es: "Ingresos: todas las cohortes" }));
  }
  const curveRows: CellValue[][] = [curveHeader];
  for (let k = 0; k < S; k++) {
    const pc = P0 + k;
    const cells: CellValue[] = [k, `=COUNT(${observedRange(countsFirst, pc, k)})`];
    if (showCustomers) {
      cells.push(`=AVERAGE(${observedRange(sharesFirst, pc, k)})`, `=SUM(${observedRange(countsFirst, pc, k)})/SUM(${observedRange(countsFirst, 2, k)})`);
    }
    if (showRevenue) {
      const shares = observedRange(revSharesFirst, pc, k);
      const base = observedRange(revFirst, P0, k);
      cells.push(`=IF(COUNT(${shares})=0,${na},AVERAGE(${shares}))`, `=IF(SUM(${base})=0,${na},SUM(${observedRange(revFirst, pc, k)})/SUM(${base}))`);
    }
    curveRows.push(cells);
  }
  s.block(
    curveTop,
    1,
    t({ en: "Average retention curve", es: "Curva media de retención" }),
    t({
      en: `Per ${unitLower} since the first: the plain average of the cohort shares observed that far, and all those cohorts pooled (count or revenue over their period-0 total).`,
      es: `Por ${unitLower} desde el primero: la media simple de los porcentajes de las cohortes observadas hasta entonces, y todas esas cohortes juntas (recuento o ingresos sobre su total del periodo 0).`,
    }),
    curveRows,
    { header: true },
  );
  s.format(rangeName(curveRow - 1, 1, 1, curveHeader.length), { wrapText: true });
  s.format(rangeName(curveRow, 1, S, 2), { numberFormat: FORMATS.integer });
  if (curveHeader.length > 2) s.format(rangeName(curveRow, 3, S, curveHeader.length - 2), { numberFormat: FORMATS.percent });
  const series: ChartSeries[] = [];
  const seriesOf = (name: Localized, column: number | undefined, color: string, dashed = false) => {
    if (column !== undefined) series.push({ name: t(name), values: rangeName(curveRow, column, S, 1), color, ...(dashed ? { dashed } : {}) });
  };
  seriesOf({ en: "Customers (average of cohorts)", es: "Clientes (media de cohortes)" }, curveCols.customersAverage, COLORS.series[0]);
  seriesOf({ en: "Customers (all customers)", es: "Clientes (todos)" }, curveCols.customersWeighted, COLORS.series[0], true);
  seriesOf({ en: "Revenue (average of cohorts)", es: "Ingresos (media de cohortes)" }, curveCols.revenueAverage, COLORS.series[1]);
  seriesOf({ en: "Revenue (all cohorts)", es: "Ingresos (todas)" }, curveCols.revenueWeighted, COLORS.series[1], true);
  const chartColumn = Math.max(curveHeader.length + 2, 8);
  s.chart({
    type: "line",
    title: t({ en: "Average retention curve", es: "Curva media de retención" }),
    categories: rangeName(curveRow, 1, S, 1),
    series,
    anchor: { from: cellName(curveTop, chartColumn), to: cellName(curveTop + CHART_ROWS - 1, chartColumn + 8) },
    xAxisTitle: t({ en: `${PLURALS[period].en} since the first purchase`, es: `${PLURALS[period].es} desde la primera compra` }),
    yAxisTitle: t({ en: "Retained", es: "Retenido" }),
  });

  // ---- Triangles.
  const cohortColumn = (firstRow: number) => s.format(rangeName(firstRow, 1, C, 1), { numberFormat: COHORT_FORMAT[period], horizontalAlignment: "left" });
  const cohortHeader = t({ en: "Cohort", es: "Cohorte" });

  if (showCustomers) {
    const rows: CellValue[][] = [[cohortHeader, t({ en: "Customers", es: "Clientes" }), ...periodHeaders]];
    for (let i = 0; i < C; i++) {
      const r = sharesFirst + i, src = countsFirst + i;
      const row: CellValue[] = [`=A${src}`, `=B${src}`];
      for (let k = 0; k < S; k++) row.push(k < customers.observed[i] ? `=${columnLetter(P0 + k)}${src}/$B${r}` : "");
      rows.push(row);
    }
    s.block(
      customerSharesTop,
      1,
      t({ en: "Customer retention by cohort", es: "Retención de clientes por cohorte" }),
      t({
        en: `Share of each cohort's customers who bought in each ${unitLower} after their first (${unit} 0 = 100%); blank where the data does not reach yet.`,
        es: `Parte de los clientes de cada cohorte que compró en cada ${unitLower} después del primero (${unit} 0 = 100 %); en blanco donde los datos aún no llegan.`,
      }),
      rows,
      { header: true },
    );
    cohortColumn(sharesFirst);
    s.format(rangeName(sharesFirst, 2, C, 1), { numberFormat: FORMATS.integer });
    s.format(rangeName(sharesFirst, P0, C, S), { numberFormat: FORMATS.percent });
    s.conditional(heatmap(rangeName(sharesFirst, S > 1 ? P0 + 1 : P0, C, S > 1 ? S - 1 : 1)));
  }

  if (showRevenue) {
    const rows: CellValue[][] = [[cohortHeader, t({ en: `Revenue in ${unitLower} 0`, es: `Ingresos en ${unitLower} 0` }), ...periodHeaders]];
    for (let i = 0; i < C; i++) {
      const r = revSharesFirst + i, src = revFirst + i;
      const row: CellValue[] = [`=A${src}`, `=C${src}`];
      for (let k = 0; k < S; k++) row.push(k < customers.observed[i] ? `=IF($B${r}=0,"",${columnLetter(P0 + k)}${src}/$B${r})` : "");
      rows.push(row);
    }
    s.block(
      revenueSharesTop,
      1,
      t({ en: "Revenue retention by cohort", es: "Retención de ingresos por cohorte" }),
      t({
        en: `Each cohort's revenue in each ${unitLower} over its revenue in ${unitLower} 0 (net: above 100% when customers spend more); blank where the data does not reach or ${unitLower} 0 is 0.`,
        es: `Ingresos de cada cohorte en cada ${unitLower} sobre sus ingresos del ${unitLower} 0 (neto: más del 100 % si los clientes gastan más); en blanco donde los datos no llegan o el ${unitLower} 0 es 0.`,
      }),
      rows,
      { header: true },
    );
    cohortColumn(revSharesFirst);
    s.format(rangeName(revSharesFirst, 2, C, 1), { numberFormat: money });
    s.format(rangeName(revSharesFirst, P0, C, S), { numberFormat: FORMATS.percent });
    s.conditional(heatmap(rangeName(revSharesFirst, S > 1 ? P0 + 1 : P0, C, S > 1 ? S - 1 : 1)));
  }

  const valuesNote: Localized = {
    en: `Values grouped from the source at build time. A customer counts once in each ${unitLower} in which they bought.`,
    es: `Valores agrupados del origen al generar la hoja. Un cliente cuenta una vez en cada ${unitLower} en que compró.`,
  };
  const countRows: CellValue[][] = [[cohortHeader, t({ en: "Customers", es: "Clientes" }), ...periodHeaders]];
  customers.cohorts.forEach((cohort, i) => countRows.push([cohort, customers.sizes[i], ...customers.matrix[i].map((v) => v ?? "")]));
  const counts = s.block(customerCountsTop, 1, t({ en: "Active customers by cohort", es: "Clientes activos por cohorte" }), t(valuesNote), countRows, { header: true });
  s.table("CohortCustomers", counts.body, { style: "TableStyleLight9" });
  cohortColumn(countsFirst);
  s.format(rangeName(countsFirst, 2, C, S + 1), { numberFormat: FORMATS.integer });

  if (revenue) {
    const revRows: CellValue[][] = [[cohortHeader, t({ en: "Customers", es: "Clientes" }), ...periodHeaders]];
    revenue.cohorts.forEach((cohort, i) => revRows.push([cohort, `=B${countsFirst + i}`, ...revenue.matrix[i].map((v) => v ?? "")]));
    const rev = s.block(
      revenueTop,
      1,
      t({ en: "Revenue by cohort", es: "Ingresos por cohorte" }),
      t({ en: "Values grouped from the source at build time: the sum of the cohort's amounts in each period.", es: "Valores agrupados del origen al generar la hoja: la suma de los importes de la cohorte en cada periodo." }),
      revRows,
      { header: true },
    );
    s.table("CohortRevenue", rev.body, { style: "TableStyleLight9" });
    cohortColumn(revFirst);
    s.format(rangeName(revFirst, 2, C, 1), { numberFormat: FORMATS.integer });
    s.format(rangeName(revFirst, P0, C, S), { numberFormat: money });
  }

  s.widths(1, [13, 13, ...Array.from({ length: Math.max(S, curveHeader.length - 2, summaryHeaders.length - 2) }, () => 11)]);
  s.freeze(0, 1);

  const layout: CohortRetentionLayout = {
    period,
    cohorts: customers.cohorts,
    periods: S,
    firstPeriodColumn: P0,
    summary,
    curveRow,
    curveColumns: curveCols,
    ...(showCustomers ? { customerSharesRow: sharesFirst } : {}),
    customerCountsRow: countsFirst,
    ...(showRevenue ? { revenueRow: revFirst, revenueSharesRow: revSharesFirst } : {}),
  };
  const plan: WorkbookPlan = { title: t({ en: "Cohort retention", es: "Retención por cohortes" }), sheets: [s.build()] };
  return { plan, layout, customers, revenue };
}

function isCoded(ids: ArrayLike<IdCell> | CodedIds): ids is CodedIds {
  return (ids as CodedIds).codes instanceof Int32Array;
}

/** Rows with a customer (blank ids are skipped by the core). */
function transactionsOf(data: CohortRetentionData): number {
  if (isCoded(data.ids)) {
    let n = 0;
    for (let i = 0; i < data.ids.codes.length; i++) if (data.ids.codes[i] >= 0) n++;
    return n;
  }
  let n = 0;
  for (let i = 0; i < data.ids.length; i++) {
    const id = data.ids[i];
    if (id !== null && id !== undefined && id !== "") n++;
  }
  return n;
}

// ---------------------------------------------------------------- descriptor

const COLUMNS: ColumnSpec[] = [
  customerColumn(["user_id", "usuario"]),
  { key: "date", label: { en: "Date", es: "Fecha" }, required: true, kind: "date", synonyms: ["date", "fecha", "order_date", "transaction_date", "fecha pedido"] },
  {
    key: "amount",
    label: { en: "Amount", es: "Importe" },
    required: false,
    kind: "number",
    synonyms: ["amount", "importe", "monto", "revenue", "ingresos", "total", "value", "valor"],
  },
];

const OPTIONS: OptionSpec[] = [
  {
    key: "period",
    label: { en: "Cohort period", es: "Periodo de cohorte" },
    kind: "choice",
    choices: COHORT_PERIODS.map((p) => ({ value: p, label: UNITS[p] })),
    default: "month",
  },
  {
    key: "measure",
    label: { en: "Measure", es: "Medida" },
    kind: "choice",
    choices: [
      { value: "both", label: { en: "Customers and revenue (revenue needs Amount)", es: "Clientes e ingresos (ingresos necesita Importe)" } },
      { value: "customers", label: { en: "Customers", es: "Clientes" } },
      { value: "revenue", label: { en: "Revenue", es: "Ingresos" } },
    ],
    default: "both",
  },
  CURRENCY_OPTION,
];

const FIELDS: TransactionFields = { customer: COLUMNS[0], date: COLUMNS[1], amount: COLUMNS[2] };

/** Cells the core cannot take: more than this many triangle cells is refused there (cohort.ts), and a sheet has 16,384 columns. */
const MAX_TRIANGLE_CELLS = 2_000_000;

function choice<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T | null {
  if (value === undefined || value === null || value === "") return fallback;
  return allowed.includes(value as T) ? (value as T) : null;
}

/** Reads the rows and checks the options; the blocking problems say what to change. */
function prepare(input: BuildInput) {
  const period = choice(input.options.period, COHORT_PERIODS, "month");
  const measure = choice(input.options.measure, COHORT_MEASURE_CHOICES, "both");
  const amountMapped = (input.mapping.amount ?? -1) >= 0;
  const columns = readTransactionRows(input, amountMapped ? FIELDS : { ...FIELDS, amount: undefined });
  const blocking: Localized[] = [];
  if (!period) blocking.push({ en: `Unknown cohort period "${input.options.period}".`, es: `Periodo de cohorte desconocido «${input.options.period}».` });
  if (!measure) blocking.push({ en: `Unknown measure "${input.options.measure}".`, es: `Medida desconocida «${input.options.measure}».` });
  if (measure === "revenue" && !amountMapped) {
    blocking.push({ en: "The revenue measure needs the Amount column: choose it, or pick the Customers measure.", es: "La medida de ingresos necesita la columna Importe: elíjala o elija la medida Clientes." });
  }
  if (period && columns.ids.length > 0) {
    let lo = Infinity, hi = -Infinity;
    for (const d of columns.dates) {
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    const span = periodIndex(hi, period) - periodIndex(lo, period) + 1;
    if ((span * (span + 1)) / 2 > MAX_TRIANGLE_CELLS || span > 16_000) {
      blocking.push({
        en: `The dates span ${span} ${period}s, too many for a cohort table: choose a longer period or check for mistyped dates.`,
        es: `Las fechas abarcan ${span} periodos, demasiados para una tabla de cohortes: elija un periodo más largo o revise fechas mal escritas.`,
      });
    }
  }
  return { columns, period: period ?? "month", measure: measure ?? "both", blocking };
}

function build(input: BuildInput) {
  const { columns, period, measure, blocking } = prepare(input);
  const report = reportOf(columns, blocking);
  if (report.blocking.length > 0) throw invalidInput(report.blocking.map((b) => b[input.language]).join(" "));
  return cohortRetention(
    { ids: columns.ids, dates: columns.dates, amounts: columns.amounts },
    {
      period,
      measure,
      language: input.language,
      source: sourceSummary(input, columns)[input.language],
      builtAt: input.builtAt,
      currency: typeof input.options.currency === "string" ? input.options.currency : "$",
    },
  );
}

/** The sample: a header row (Customer, Date, Amount), then about 4,000 seeded transactions over 18 months, dates as Excel serials. */
export function cohortSample(): unknown[][] {
  return sampleTransactions();
}

export const cohortRetentionTemplate: TemplateDescriptor = {
  id: "cohort-retention",
  title: { en: "Cohort retention", es: "Retención por cohortes" },
  description: {
    en: "Retention triangles by customers and revenue from a transaction list, with heatmaps and the average retention curve.",
    es: "Triángulos de retención por clientes e ingresos a partir de una lista de transacciones, con mapas de calor y la curva media de retención.",
  },
  columns: COLUMNS,
  options: OPTIONS,
  validate(input) {
    const { columns, blocking } = prepare(input);
    return reportOf(columns, blocking);
  },
  build: (input) => build(input).plan,
  sample: cohortSample,
  headlines(input): Headline[] {
    const { plan, layout, customers, revenue } = build(input);
    void plan;
    const out: Headline[] = [
      { label: { en: "Customers", es: "Clientes" }, value: customers.sizes.reduce((a, b) => a + b, 0), kind: "number", sheet: "cohorts", cell: layout.summary.customers },
      { label: { en: "Cohorts", es: "Cohortes" }, value: customers.cohorts.length, kind: "number", sheet: "cohorts", cell: layout.summary.cohorts },
    ];
    const unit = UNITS[layout.period];
    if (layout.periods > 1 && layout.summary.retention1) {
      out.push({
        label: { en: `Customer retention, ${unit.en.toLowerCase()} 1`, es: `Retención de clientes, ${unit.es.toLowerCase()} 1` },
        value: pooledRetention(customers, customers, 1),
        kind: "percent",
        sheet: "cohorts",
        cell: layout.summary.retention1,
      });
    }
    if (layout.periods > 1 && revenue && layout.summary.revenueRetention1 && pooledBase(revenue, customers, 1) !== 0) {
      out.push({
        label: { en: `Revenue retention, ${unit.en.toLowerCase()} 1`, es: `Retención de ingresos, ${unit.es.toLowerCase()} 1` },
        value: pooledRetention(revenue, customers, 1),
        kind: "percent",
        sheet: "cohorts",
        cell: layout.summary.revenueRetention1,
      });
    }
    return out;
  },
};

/** Period-0 total of the cohorts observed k periods on (counts tables from cohortTable with output "count"). */
function pooledBase(table: CohortTable, customers: CohortTable, k: number): number {
  let base = 0;
  table.matrix.forEach((row, i) => {
    if (customers.observed[i] > k) base += row[0] ?? 0;
  });
  return base;
}

/** Period-k total over period-0 total, over the cohorts observed k periods on. */
export function pooledRetention(table: CohortTable, customers: CohortTable, k: number): number {
  let sum = 0;
  table.matrix.forEach((row, i) => {
    if (customers.observed[i] > k) sum += row[k] ?? 0;
  });
  return sum / pooledBase(table, customers, k);
}
