/**
 * MRR bridge: month by month, the MRR at the start, the new, expansion,
 * reactivation, contraction and churned MRR (ChartMogul's movements), the
 * MRR at the end, NRR, GRR and the SaaS quick ratio, with charts.
 *
 * The movements are an aggregation of the subscription rows, so they are
 * values from src/metrics/mrr-movements.ts, stated on the sheet with the
 * source and the build time (DESIGN 3). Everything else is an Excel formula
 * over them, so the bridge can be audited and edited:
 *   start = the previous month's end (0 in the first month);
 *   end = start + new + expansion + reactivation − contraction − churn;
 *   NRR = (start + expansion − contraction − churn) / start;
 *   GRR = (start − contraction − churn) / start;
 *   quick ratio = (new + expansion) / (contraction + churn)
 * as src/metrics/revenue-retention.ts defines them. A check column compares
 * the end MRR of the bridge with the customers' MRR summed from the data.
 */
import { invalidInput, MetricError } from "../metrics/errors";
import { MrrMonth, mrrMovements } from "../metrics/mrr-movements";
import { grr, nrr, quickRatio } from "../metrics/revenue-retention";
import { CodedIds, IdCell } from "../metrics/transaction-log";
import { cellName, columnLetter, rangeName } from "../workbook/a1";
import { SheetBuilder } from "../workbook/builder";
import { CellValue, WorkbookPlan } from "../workbook/plan";
import { BAD, COLORS, currencyFormat, FORMATS, GOOD, LOOKS } from "../workbook/styles";
import type { BuildInput, ColumnSpec, Headline, Language, Localized, OptionSpec, TemplateDescriptor } from "./registry-types";
import { sampleSubscriptions } from "./sample-transactions";
import { CURRENCY_OPTION, customerColumn, stamp } from "./descriptor-kit";
import { readTransactionRows, reportOf, sourceSummary, TransactionFields } from "./transaction-rows";

export interface MrrBridgeData {
  ids: ArrayLike<IdCell> | CodedIds;
  /** Any date in the month, as an Excel serial. */
  months: ArrayLike<number>;
  /** MRR of the row (0 or more); a customer's rows in a month add up. */
  mrr: ArrayLike<number>;
}

export interface MrrBridgeOptions {
  language?: Language;
  /** Where the data came from, stated on the sheet. */
  source?: string;
  builtAt?: Date;
  /** Currency symbol ("" for none; default "$"). */
  currency?: string;
}

/** What the sheet shows for a ratio that is undefined. */
export const NOT_AVAILABLE: Localized = { en: "n/a", es: "n/d" };

/** The monthly table's columns, in order: key -> header. */
const TABLE_COLUMNS = [
  ["month", { en: "Month", es: "Mes" }],
  ["start", { en: "Start MRR", es: "MRR inicial" }],
  ["new", { en: "New", es: "Nuevo" }],
  ["expansion", { en: "Expansion", es: "Expansión" }],
  ["reactivation", { en: "Reactivation", es: "Reactivación" }],
  ["contraction", { en: "Contraction", es: "Contracción" }],
  ["churn", { en: "Churn", es: "Bajas (churn)" }],
  ["end", { en: "End MRR", es: "MRR final" }],
  ["netNew", { en: "Net new MRR", es: "MRR neto nuevo" }],
  ["nrr", { en: "NRR", es: "NRR" }],
  ["grr", { en: "GRR", es: "GRR" }],
  ["quickRatio", { en: "Quick ratio", es: "Quick ratio" }],
  ["customersStart", { en: "Customers at start", es: "Clientes al inicio" }],
  ["customersEnd", { en: "Customers at end", es: "Clientes al final" }],
  ["endInData", { en: "End MRR in data", es: "MRR final en los datos" }],
  ["check", { en: "Difference", es: "Diferencia" }],
] as const satisfies readonly (readonly [string, Localized])[];

export type MrrColumn = (typeof TABLE_COLUMNS)[number][0];

/** Column letter of each table column: month -> "A", end -> "H", … */
export const MRR_COLUMNS = Object.fromEntries(TABLE_COLUMNS.map(([key], i) => [key, columnLetter(1 + i)])) as Record<MrrColumn, string>;

export interface MrrBridgeLayout {
  /** Row of the first month; month i is at firstRow + i. */
  firstRow: number;
  lastRow: number;
  months: number[];
  /** The summary's value cells. */
  summary: { latestMonth: string; endMrr: string; netNew: string; nrr: string; grr: string; quickRatio: string; quickRatioAll: string };
  /** First column of the chart data block (losses negated). */
  chartDataColumn: number;
}

/**
 * Builds the MRR bridge sheet from validated columns.
 *
 * @example mrrBridge({ ids: ["a", "a"], months: [45292, 45323], mrr: [100, 150] }).layout.months // [45292, 45323]
 */
export function mrrBridge(data: MrrBridgeData, options: MrrBridgeOptions = {}): { plan: WorkbookPlan; layout: MrrBridgeLayout; movements: MrrMonth[] } {
  const lang = options.language ?? "en";
  const t = (x: Localized) => x[lang];
  const builtAt = options.builtAt ?? new Date();
  const movements = mrrMovements(data.ids, data.months, data.mrr);
  const M = movements.length;
  const money = currencyFormat(options.currency ?? "$", 0);
  const c = MRR_COLUMNS;
  // An undefined ratio shows as text, not as #N/A: the sheet opens without error cells, and AVERAGE skips it.
  const na = `"${t(NOT_AVAILABLE)}"`;

  const s = new SheetBuilder("mrr", t({ en: "MRR bridge", es: "Puente de MRR" }), t({ en: "MRR bridge", es: "Puente de MRR" }));
  const source = options.source ?? t({ en: "subscriptions given to the CXM MRR bridge template", es: "suscripciones dadas a la plantilla de puente de MRR de CXM" });
  const first = s.heading([
    t({ en: `Source: ${source}. Built ${stamp(builtAt)} by CXM.`, es: `Origen: ${source}. Generado el ${stamp(builtAt)} por CXM.` }),
    t({
      en: "The movements are values grouped from the source when the sheet was built (build again to refresh); start and end MRR, NRR, GRR and the quick ratio are Excel formulas over them.",
      es: "Los movimientos son valores agrupados del origen al generar la hoja (vuelva a generarla para actualizarlos); el MRR inicial y final, NRR, GRR y el quick ratio son fórmulas de Excel sobre ellos.",
    }),
  ]);

  // Rows fixed in advance: the summary refers to the table below it.
  const summaryRow = first + 3;
  const tableTop = summaryRow + 2;
  const firstRow = tableTop + 3;
  const lastRow = firstRow + M - 1;
  const col = (key: MrrColumn) => `${c[key]}${firstRow}:${c[key]}${lastRow}`;
  const at = (key: MrrColumn, row: number) => `${c[key]}${row}`;

  // ---- Summary: the latest month, and the quick ratio over all months.
  const summaryHeaders: CellValue[] = [
    t({ en: "Latest month", es: "Último mes" }),
    t({ en: "End MRR", es: "MRR final" }),
    t({ en: "Net new MRR", es: "MRR neto nuevo" }),
    t({ en: "NRR", es: "NRR" }),
    t({ en: "GRR", es: "GRR" }),
    t({ en: "Quick ratio", es: "Quick ratio" }),
    t({ en: "Quick ratio, all months", es: "Quick ratio, todos los meses" }),
  ];
  const lost = `SUM(${col("contraction")})+SUM(${col("churn")})`;
  s.block(
    first,
    1,
    t({ en: "Summary", es: "Resumen" }),
    t({
      en: "The latest month's figures; the quick ratio over all months is (new + expansion) / (contraction + churn) summed over the table.",
      es: "Las cifras del último mes; el quick ratio de todos los meses es (nuevo + expansión) / (contracción + bajas) sumados en la tabla.",
    }),
    [
      summaryHeaders,
      [
        `=${at("month", lastRow)}`,
        `=${at("end", lastRow)}`,
        `=${at("netNew", lastRow)}`,
        `=${at("nrr", lastRow)}`,
        `=${at("grr", lastRow)}`,
        `=${at("quickRatio", lastRow)}`,
        `=IF(${lost}=0,${na},(SUM(${col("new")})+SUM(${col("expansion")}))/(${lost}))`,
      ],
    ],
    { header: true },
  );
  s.format(rangeName(summaryRow - 1, 1, 1, summaryHeaders.length), { wrapText: true });
  s.format(cellName(summaryRow, 1), { ...LOOKS.output, numberFormat: FORMATS.month, horizontalAlignment: "left" });
  s.format(rangeName(summaryRow, 2, 1, 2), { ...LOOKS.output, numberFormat: money });
  s.format(rangeName(summaryRow, 4, 1, 2), { ...LOOKS.output, numberFormat: FORMATS.percent });
  s.format(rangeName(summaryRow, 6, 1, 2), { ...LOOKS.output, numberFormat: FORMATS.ratio });
  const summary: MrrBridgeLayout["summary"] = {
    latestMonth: cellName(summaryRow, 1),
    endMrr: cellName(summaryRow, 2),
    netNew: cellName(summaryRow, 3),
    nrr: cellName(summaryRow, 4),
    grr: cellName(summaryRow, 5),
    quickRatio: cellName(summaryRow, 6),
    quickRatioAll: cellName(summaryRow, 7),
  };

  // ---- The monthly bridge.
  const rows: CellValue[][] = [TABLE_COLUMNS.map(([, label]) => t(label))];
  movements.forEach((m, i) => {
    const r = firstRow + i;
    const v = (key: MrrColumn) => at(key, r);
    rows.push([
      m.month,
      i === 0 ? 0 : `=${at("end", r - 1)}`,
      m.newMrr,
      m.expansion,
      m.reactivation,
      m.contraction,
      m.churn,
      `=${v("start")}+${v("new")}+${v("expansion")}+${v("reactivation")}-${v("contraction")}-${v("churn")}`,
      `=${v("end")}-${v("start")}`,
      `=IF(${v("start")}=0,${na},(${v("start")}+${v("expansion")}-${v("contraction")}-${v("churn")})/${v("start")})`,
      `=IF(${v("start")}=0,${na},(${v("start")}-${v("contraction")}-${v("churn")})/${v("start")})`,
      `=IF(${v("contraction")}+${v("churn")}=0,${na},(${v("new")}+${v("expansion")})/(${v("contraction")}+${v("churn")}))`,
      m.customersAtStart,
      m.customersAtEnd,
      m.endMrr,
      `=${v("end")}-${v("endInData")}`,
    ]);
  });
  const table = s.block(
    tableTop,
    1,
    t({ en: "MRR bridge by month", es: "Puente de MRR por mes" }),
    t({
      en: "End = start + new + expansion + reactivation − contraction − churn. NRR and GRR leave new business out; n/a where a ratio is undefined (no MRR at the start, nothing lost). The first month starts at 0.",
      es: "Final = inicial + nuevo + expansión + reactivación − contracción − bajas. NRR y GRR excluyen el negocio nuevo; n/d donde un ratio no está definido (sin MRR al inicio, nada perdido). El primer mes empieza en 0.",
    }),
    rows,
    { header: true },
  );
  s.table("MrrBridge", table.body, { style: "TableStyleMedium2" });
  s.format(rangeName(firstRow - 1, 1, 1, TABLE_COLUMNS.length), { wrapText: true });
  s.format(col("month"), { numberFormat: FORMATS.month, horizontalAlignment: "left" });
  s.format(`${c.start}${firstRow}:${c.netNew}${lastRow}`, { numberFormat: money });
  s.format(col("end"), { bold: true });
  s.format(`${c.nrr}${firstRow}:${c.grr}${lastRow}`, { numberFormat: FORMATS.percent });
  s.format(col("quickRatio"), { numberFormat: FORMATS.ratio });
  s.format(`${c.customersStart}${firstRow}:${c.customersEnd}${lastRow}`, { numberFormat: FORMATS.integer });
  s.format(col("endInData"), { numberFormat: money });
  s.format(col("check"), { numberFormat: FORMATS.decimal2 });
  s.conditional({ kind: "cellValue", range: col("check"), operator: "notBetween", formula1: "-0.005", formula2: "0.005", style: BAD });
  s.conditional({ kind: "cellValue", range: col("quickRatio"), operator: "greaterThanOrEqual", formula1: "4", style: GOOD });
  s.conditional({ kind: "cellValue", range: col("quickRatio"), operator: "lessThan", formula1: "1", style: BAD });
  s.conditional({ kind: "cellValue", range: col("nrr"), operator: "greaterThanOrEqual", formula1: "1", style: GOOD });

  // ---- Chart data: losses as negative numbers so they fall below the axis.
  const chartDataColumn = TABLE_COLUMNS.length + 2;
  const chartKeys: MrrColumn[] = ["new", "expansion", "reactivation", "contraction", "churn"];
  const negative = new Set<MrrColumn>(["contraction", "churn"]);
  s.block(
    tableTop,
    chartDataColumn,
    t({ en: "Chart data", es: "Datos del gráfico" }),
    t({ en: "Formulas over the bridge: losses negated so the chart shows them below the axis.", es: "Fórmulas sobre el puente: las pérdidas en negativo para que el gráfico las muestre bajo el eje." }),
    [
      [t({ en: "Month", es: "Mes" }), ...chartKeys.map((k) => t(TABLE_COLUMNS.find(([key]) => key === k)![1]))],
      ...movements.map((_, i) => {
        const r = firstRow + i;
        return [`=${at("month", r)}`, ...chartKeys.map((k) => `=${negative.has(k) ? "-" : ""}${at(k, r)}`)];
      }),
    ],
    { header: true },
  );
  s.format(rangeName(firstRow, chartDataColumn, M, 1), { numberFormat: FORMATS.month, horizontalAlignment: "left" });
  s.format(rangeName(firstRow, chartDataColumn + 1, M, chartKeys.length), { numberFormat: money });

  // ---- Charts, under the table.
  const chartTop = table.next;
  const months = col("month");
  s.chart({
    type: "column",
    title: t({ en: "MRR movements by month", es: "Movimientos de MRR por mes" }),
    categories: rangeName(firstRow, chartDataColumn, M, 1),
    series: chartKeys.map((k, i) => ({
      name: t(TABLE_COLUMNS.find(([key]) => key === k)![1]),
      values: rangeName(firstRow, chartDataColumn + 1 + i, M, 1),
      color: [COLORS.series[5], COLORS.series[0], COLORS.series[4], COLORS.series[3], COLORS.bad.fontColor][i],
    })),
    anchor: { from: cellName(chartTop, 1), to: cellName(chartTop + 19, 8) },
    yAxisTitle: "MRR",
  });
  s.chart({
    type: "line",
    title: t({ en: "MRR at the end of each month", es: "MRR al final de cada mes" }),
    categories: months,
    series: [{ name: t({ en: "End MRR", es: "MRR final" }), values: col("end"), color: COLORS.series[0] }],
    anchor: { from: cellName(chartTop, 9), to: cellName(chartTop + 19, 16) },
  });
  // From the second month: the first starts at 0 MRR, so its ratios are undefined (text, which a chart would draw as 0).
  const from = M > 1 ? firstRow + 1 : firstRow;
  const ratioRange = (key: MrrColumn) => `${c[key]}${from}:${c[key]}${lastRow}`;
  s.chart({
    type: "line",
    title: t({ en: "Net and gross revenue retention", es: "Retención de ingresos neta y bruta" }),
    categories: ratioRange("month"),
    series: [
      { name: "NRR", values: ratioRange("nrr"), color: COLORS.series[0] },
      { name: "GRR", values: ratioRange("grr"), color: COLORS.series[1] },
    ],
    anchor: { from: cellName(chartTop + 21, 1), to: cellName(chartTop + 40, 8) },
  });

  s.widths(1, [12, ...Array.from({ length: TABLE_COLUMNS.length - 1 }, () => 12), 3, 12, 11, 11, 12, 12, 11]);
  s.freeze(firstRow - 1, 1);
  const plan: WorkbookPlan = { title: t({ en: "MRR bridge", es: "Puente de MRR" }), sheets: [s.build()] };
  return { plan, layout: { firstRow, lastRow, months: movements.map((m) => m.month), summary, chartDataColumn }, movements };
}

// ---------------------------------------------------------------- descriptor

const COLUMNS: ColumnSpec[] = [
  customerColumn(["subscriber", "suscriptor"]),
  { key: "month", label: { en: "Month", es: "Mes" }, required: true, kind: "date", synonyms: ["month", "mes", "date", "fecha", "period", "periodo"] },
  { key: "mrr", label: { en: "MRR", es: "MRR" }, required: true, kind: "number", synonyms: ["mrr", "monthly recurring revenue", "ingreso recurrente mensual", "amount", "importe"] },
];

const OPTIONS: OptionSpec[] = [
  CURRENCY_OPTION,
];

const FIELDS: TransactionFields = { customer: COLUMNS[0], date: COLUMNS[1], amount: COLUMNS[2], monthText: true, nonNegativeAmount: true };

function build(input: BuildInput) {
  const columns = readTransactionRows(input, FIELDS);
  const report = reportOf(columns);
  if (report.blocking.length > 0) throw invalidInput(report.blocking.map((b) => b[input.language]).join(" "));
  return mrrBridge(
    { ids: columns.ids, months: columns.dates, mrr: columns.amounts! },
    {
      language: input.language,
      source: sourceSummary(input, columns)[input.language],
      builtAt: input.builtAt,
      currency: typeof input.options.currency === "string" ? input.options.currency : "$",
    },
  );
}

/** The metrics core's value, or undefined where it is undefined (the core's #DIV/0!; the sheet shows "n/a"). */
function defined(f: () => number): number | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof MetricError && e.kind === "div0") return undefined;
    throw e;
  }
}

export const mrrBridgeTemplate: TemplateDescriptor = {
  id: "mrr-bridge",
  title: { en: "MRR bridge", es: "Puente de MRR" },
  description: {
    en: "Monthly new, expansion, contraction, churn and reactivation MRR from subscription rows, with NRR, GRR and the quick ratio.",
    es: "MRR nuevo, de expansión, contracción, bajas y reactivación por mes a partir de filas de suscripción, con NRR, GRR y quick ratio.",
  },
  columns: COLUMNS,
  options: OPTIONS,
  validate: (input) => reportOf(readTransactionRows(input, FIELDS)),
  build: (input) => build(input).plan,
  /** A header row (Customer, Month, MRR), then about 3,600 seeded subscription rows over 18 months, months as Excel serials. */
  sample: () => sampleSubscriptions(),
  headlines(input): Headline[] {
    const { layout, movements } = build(input);
    const last = movements[movements.length - 1];
    const out: Headline[] = [{ label: { en: "MRR, latest month", es: "MRR, último mes" }, value: last.endMrr, kind: "money", sheet: "mrr", cell: layout.summary.endMrr }];
    const add = (label: Localized, value: number | undefined, kind: Headline["kind"], cell: string) => {
      if (value !== undefined) out.push({ label, value, kind, sheet: "mrr", cell });
    };
    add({ en: "NRR, latest month", es: "NRR, último mes" }, defined(() => nrr(last.startMrr, last.expansion, last.contraction, last.churn)), "percent", layout.summary.nrr);
    add({ en: "GRR, latest month", es: "GRR, último mes" }, defined(() => grr(last.startMrr, last.contraction, last.churn)), "percent", layout.summary.grr);
    add({ en: "Quick ratio, latest month", es: "Quick ratio, último mes" }, defined(() => quickRatio(last.newMrr, last.expansion, last.contraction, last.churn)), "ratio", layout.summary.quickRatio);
    const sum = (f: (m: MrrMonth) => number) => movements.reduce((a, m) => a + f(m), 0);
    add(
      { en: "Quick ratio, all months", es: "Quick ratio, todos los meses" },
      defined(() => quickRatio(sum((m) => m.newMrr), sum((m) => m.expansion), sum((m) => m.contraction), sum((m) => m.churn))),
      "ratio",
      layout.summary.quickRatioAll,
    );
    return out;
  },
};
