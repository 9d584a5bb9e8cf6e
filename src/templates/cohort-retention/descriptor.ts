/**
 * Cohort retention as the task pane, the CLI and the demo see it: its
 * columns (customer, date, amount), its options (period, measure, currency),
 * validate (every row that cannot be used, and what blocks the build), and
 * build: rows -> aggregate (aggregate.ts) -> sheets (sheets.ts).
 */
import { COHORT_PERIODS, CohortPeriod } from "../../metrics/cohort";
import { periodIndex } from "../../metrics/dates";
import { customerColumn } from "../descriptor-kit";
import type { BuildInput, ColumnSpec, Headline, Localized, OptionSpec, TemplateDescriptor, ValidationReport } from "../registry-types";
import { stopIfBlocking } from "../shared/errors";
import { both } from "../shared/language";
import { CURRENCY, moneyFormat } from "../shared/money";
import { sourceFacts } from "../shared/strings";
import { readTransactionRows, reportOf, TransactionColumns, TransactionFields } from "../transaction-rows";
import { CohortAggregate, cohortAggregate, pooledRetention } from "./aggregate";
import { cohortSample } from "./sample";
import { CohortMeasureChoice, COHORT_MEASURE_CHOICES, CohortSheets, cohortSheets } from "./sheets";
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

const FIELDS: TransactionFields = { customer: COLUMNS[0], date: COLUMNS[1], amount: COLUMNS[2] };

/** Triangle cells the core refuses above (cohort.ts); a sheet also has only 16,384 columns. */
const MAX_TRIANGLE_CELLS = 2_000_000;

function choice<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T | null {
  if (value === undefined || value === null || value === "") return fallback;
  return allowed.includes(value as T) ? (value as T) : null;
}

interface Prepared {
  columns: TransactionColumns;
  period: CohortPeriod;
  measure: CohortMeasureChoice;
  report: ValidationReport;
}

/** Reads the rows and checks the options; the blocking problems say what to change. */
function prepare(input: BuildInput): Prepared {
  const period = choice(input.options.period, COHORT_PERIODS, "month");
  const measure = choice(input.options.measure, COHORT_MEASURE_CHOICES, "both");
  const amountMapped = (input.mapping.amount ?? -1) >= 0;
  const columns = readTransactionRows(input, amountMapped ? FIELDS : { ...FIELDS, amount: undefined });
  const blocking: Localized[] = [];
  if (!period) blocking.push(tr((t) => t.unknownPeriod(String(input.options.period))));
  if (!measure) blocking.push(tr((t) => t.unknownMeasure(String(input.options.measure))));
  if (measure === "revenue" && !amountMapped) blocking.push(tr((t) => t.revenueNeedsAmount));
  if (period && columns.ids.length > 0) {
    let lo = Infinity, hi = -Infinity;
    for (const d of columns.dates) {
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    const span = periodIndex(hi, period) - periodIndex(lo, period) + 1;
    if ((span * (span + 1)) / 2 > MAX_TRIANGLE_CELLS || span > 16_000) blocking.push(tr((t) => t.spanTooLong(span, t.periods[period])));
  }
  return { columns, period: period ?? "month", measure: measure ?? "both", report: reportOf(columns, blocking) };
}

/** Validates, aggregates and lays out the sheet; a blocking problem throws a TemplateInputError. */
function build(input: BuildInput): CohortSheets & { agg: CohortAggregate } {
  const { columns, period, measure, report } = prepare(input);
  stopIfBlocking(report, input.language);
  const agg = cohortAggregate(columns, period, measure !== "customers");
  const sheets = cohortSheets(
    agg,
    {
      measure,
      moneyFormat: moneyFormat(input.options.currency, input.language),
      source: sourceFacts(input, columns.ids.length, columns.problems.length),
    },
    COHORT_STRINGS[input.language],
  );
  return { ...sheets, agg };
}

/** The headline figures, from the aggregate (pooled retention one period on), and the cells that show them. */
function headlines(input: BuildInput): Headline[] {
  const { cells, agg } = build(input);
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
  validate: (input) => prepare(input).report,
  build: (input) => build(input).plan,
  sample: cohortSample,
  headlines,
};

/** The pure parts, for tests: the build with its cells and aggregate. */
export const cohortRetentionParts = { build, prepare };
