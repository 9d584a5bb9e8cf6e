/**
 * Cohort retention as the task pane, the CLI and the demo see it: its
 * columns (customer, date, amount), its options (period, measure, currency),
 * validate (every row that cannot be used, and what blocks the build), and
 * build: rows -> intake (checked and reduced as they stream) -> aggregate
 * (aggregate.ts) -> sheets (sheets.ts). The CLI streams a file's typed
 * chunks through the same intake (src/intake); DuckDB and warehouse results
 * come in through intake.fromSql.
 */
import { COHORT_PERIODS, CohortPeriod } from "../../metrics/cohort";
import { periodIndex, periodStart } from "../../metrics/dates";
import { chunkOfRows } from "../../intake/rows-chunk";
import { TransactionFieldsSpec, TransactionIntake, TransactionIntakeResult } from "../../intake/transaction-intake";
import { PlanContext, TemplateIntake, validationReport } from "../../intake/types";
import { customerColumn } from "../descriptor-kit";
import type { BuildInput, ColumnSpec, Headline, Localized, OptionSpec, TemplateDescriptor } from "../registry-types";
import { stopIfBlocking } from "../shared/errors";
import { both } from "../shared/language";
import { CURRENCY, moneyFormat } from "../shared/money";
import { sourceFacts } from "../shared/strings";
import { CohortAggregate, cohortAggregate, pooledRetention } from "./aggregate";
import { cohortSample } from "./sample";
import { COHORT_MEASURE_CHOICES, CohortCells, CohortSheets, cohortSheets } from "./sheets";
import { COHORT_STRINGS, CohortStrings } from "./strings";

/** A string of strings.ts in both languages, for the descriptor's labels and messages. */
const tr = (pick: (t: CohortStrings) => string): Localized => both(COHORT_STRINGS, pick);

export const COLUMNS: ColumnSpec[] = [
  customerColumn(["user_id", "usuario"]),
  { key: "date", label: tr((t) => t.columnDate), required: true, kind: "date", synonyms: ["date", "fecha", "order_date", "transaction_date", "fecha pedido"] },
  {
    key: "amount",
    label: tr((t) => t.columnAmount),
    required: false,
    kind: "number",
    synonyms: ["amount", "importe", "monto", "revenue", "ingresos", "total", "value", "valor"],
  },
];

const OPTIONS: OptionSpec[] = [
  {
    key: "period",
    label: tr((t) => t.optionPeriod),
    kind: "choice",
    choices: COHORT_PERIODS.map((p) => ({ value: p, label: tr((t) => t.periods[p].Unit) })),
    default: "month",
  },
  {
    key: "measure",
    label: tr((t) => t.optionMeasure),
    kind: "choice",
    choices: [
      { value: "both", label: tr((t) => t.measureBoth) },
      { value: "customers", label: tr((t) => t.measureCustomers) },
      { value: "revenue", label: tr((t) => t.measureRevenue) },
    ],
    default: "both",
  },
  CURRENCY,
];

const FIELDS: TransactionFieldsSpec = { customer: COLUMNS[0], date: COLUMNS[1], amount: COLUMNS[2] };

/** Triangle cells the core refuses above (cohort.ts); a sheet also has only 16,384 columns. */
const MAX_TRIANGLE_CELLS = 2_000_000;

function choice<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T | null {
  if (value === undefined || value === null || value === "") return fallback;
  return allowed.includes(value as T) ? (value as T) : null;
}

/** The options read, and what in them blocks the build. */
function settings(options: Record<string, string | number>, amountMapped: boolean) {
  const period = choice(options.period, COHORT_PERIODS, "month");
  const measure = choice(options.measure, COHORT_MEASURE_CHOICES, "both");
  const blocking: Localized[] = [];
  if (!period) blocking.push(tr((t) => t.unknownPeriod(String(options.period))));
  if (!measure) blocking.push(tr((t) => t.unknownMeasure(String(options.measure))));
  if (measure === "revenue" && !amountMapped) blocking.push(tr((t) => t.revenueNeedsAmount));
  return { period: period ?? "month", measure: measure ?? "both", blocking };
}

/**
 * The aggregate of a pass over the log: the reduced (customer, period)
 * entries, each dated at its period's first day, are a log the core groups
 * into the same triangles as the rows themselves (log-reducer.ts says why).
 */
function aggregateOf(pass: TransactionIntakeResult, period: CohortPeriod, withRevenue: boolean): CohortAggregate {
  const { log, ids } = pass;
  const dates = new Float64Array(log.entries);
  const starts = new Map<number, number>();
  for (let k = 0; k < log.entries; k++) {
    const b = log.bucket[k];
    let d = starts.get(b);
    if (d === undefined) starts.set(b, (d = periodStart(b, period)));
    dates[k] = d;
  }
  const customers: string[] = new Array(log.sourceCode.length);
  for (let c = 0; c < customers.length; c++) customers[c] = ids[log.sourceCode[c]];
  const agg = cohortAggregate({ ids: { codes: log.customer, ids: customers }, dates, amounts: log.amount }, period, withRevenue);
  return { ...agg, transactions: log.totalRows };
}

/**
 * Cohort retention's intake: the rows (streamed in chunks by the CLI, or
 * the task pane's range as one chunk) checked and reduced by customer and
 * cohort period as they pass; the triangles, the span check and the
 * option checks at the end.
 */
const cohortIntake: TemplateIntake<CohortAggregate> = {
  start(setup) {
    const amountMapped = (setup.mapping.amount ?? -1) >= 0;
    const { period, measure, blocking } = settings(setup.options, amountMapped);
    const pass = new TransactionIntake(amountMapped ? FIELDS : { ...FIELDS, amount: undefined }, period, setup);
    return {
      push: (chunk) => pass.push(chunk),
      finish() {
        const done = pass.finish();
        const report = done.report;
        for (const b of blocking) report.blocking.push(b);
        if (done.report.goodRows > 0) {
          const span = periodIndex(done.lastDate, period) - periodIndex(done.firstDate, period) + 1;
          if ((span * (span + 1)) / 2 > MAX_TRIANGLE_CELLS || span > 16_000) report.blocking.push(tr((t) => t.spanTooLong(span, t.periods[period])));
        }
        return { report, aggregate: report.blocking.length > 0 ? null : aggregateOf(done, period, measure !== "customers") };
      },
    };
  },
  build(agg, context) {
    const { sheets, headlines } = sheetsOf(agg, context);
    return { plan: sheets.plan, headlines };
  },
  fromSql(parsed, options, rows) {
    if (parsed.kind !== "cohort") throw new Error(`A cohort retention workbook is built from a cohort triangle, not from ${parsed.kind} aggregates.`);
    const { period, measure } = settings(options, parsed.revenue !== null);
    if (parsed.customers.period !== period) throw new Error(`The result is by ${parsed.customers.period}, not by ${period}.`);
    return { period, customers: parsed.customers, revenue: measure === "customers" ? null : parsed.revenue, transactions: rows };
  },
  sqlOptions: (options) => [
    ["period", String(options.period ?? "month")],
    ["measure", String(options.measure ?? "both")],
  ],
};

/** The sheet and its headline figures from an aggregate. */
function sheetsOf(agg: CohortAggregate, context: PlanContext): { sheets: CohortSheets; headlines: Headline[] } {
  const { measure } = settings(context.options, agg.revenue !== null);
  const sheets = cohortSheets(agg, { measure, moneyFormat: moneyFormat(context.options.currency, context.language), source: context.source }, COHORT_STRINGS[context.language]);
  return { sheets, headlines: headlinesOf(sheets.cells, agg) };
}

/** The rows of a BuildInput through the intake, as one chunk. */
function prepare(input: BuildInput) {
  const sink = cohortIntake.start({ mapping: input.mapping, options: input.options, language: input.language, listLimit: Infinity });
  sink.push(chunkOfRows(input.rows, COLUMNS, input.mapping, { language: input.language }));
  return sink.finish();
}

/** Validates, aggregates and lays out the sheet; a blocking problem throws a TemplateInputError. */
function build(input: BuildInput): CohortSheets & { agg: CohortAggregate; headlines: Headline[] } {
  const { report, aggregate } = prepare(input);
  stopIfBlocking(report, input.language);
  const agg = aggregate!;
  const { sheets, headlines } = sheetsOf(agg, { options: input.options, language: input.language, source: sourceFacts(input, report.goodRows, report.problemCount) });
  return { ...sheets, agg, headlines };
}

/** The headline figures, from the aggregate (pooled retention one period on), and the cells that show them. */
function headlinesOf(cells: CohortCells, agg: CohortAggregate): Headline[] {
  const at = (label: Localized, value: number, kind: Headline["kind"], cell: string): Headline => ({ label, value, kind, sheet: "cohorts", cell });
  const out = [
    at(tr((t) => t.customers), agg.customers.sizes.reduce((a, b) => a + b, 0), "number", cells.customers),
    at(tr((t) => t.cohorts), agg.customers.cohorts.length, "number", cells.cohorts),
  ];
  const periods = agg.customers.matrix[0]?.length ?? 0;
  if (periods > 1 && cells.retention1) {
    out.push(at(tr((t) => t.headlineRetention1(t.periods[agg.period])), pooledRetention(agg.customers, agg, 1), "percent", cells.retention1));
  }
  const revenue1 = agg.revenue ? pooledRetention(agg.revenue, agg, 1) : Number.NaN;
  if (periods > 1 && cells.revenueRetention1 && Number.isFinite(revenue1)) {
    out.push(at(tr((t) => t.headlineRevenueRetention1(t.periods[agg.period])), revenue1, "percent", cells.revenueRetention1));
  }
  return out;
}

export const cohortRetentionTemplate: TemplateDescriptor = {
  id: "cohort-retention",
  title: tr((t) => t.title),
  description: tr((t) => t.description),
  columns: COLUMNS,
  options: OPTIONS,
  validate: (input) => validationReport(prepare(input).report),
  build: (input) => build(input).plan,
  sample: cohortSample,
  headlines: (input) => build(input).headlines,
  intake: cohortIntake,
};

/** The pure parts, for tests: the build with its cells and aggregate. */
export const cohortRetentionParts = { build, prepare };
