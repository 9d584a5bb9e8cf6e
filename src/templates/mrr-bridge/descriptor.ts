/**
 * The MRR bridge as the task pane, the CLI and the demo see it: its columns
 * (customer, month, MRR), its option (currency), validate (every row that
 * cannot be used, and what blocks the build), and build: rows -> typed
 * columns (prepare, the one place that reads rows) -> aggregate
 * (aggregate.ts) -> sheets (sheets.ts).
 */
import { MetricError } from "../../metrics/errors";
import { grr, nrr, quickRatio } from "../../metrics/revenue-retention";
import { customerColumn } from "../descriptor-kit";
import type { BuildInput, ColumnSpec, Headline, Localized, OptionSpec, TemplateDescriptor, ValidationReport } from "../registry-types";
import { stopIfBlocking } from "../shared/errors";
import { both } from "../shared/language";
import { CURRENCY, moneyFormat } from "../shared/money";
import { sourceFacts } from "../shared/strings";
import { readTransactionRows, reportOf, TransactionFields } from "../transaction-rows";
import { MrrAggregate, mrrAggregate, MrrColumns, sumOver } from "./aggregate";
import { mrrSample } from "./sample";
import { MrrSheets, mrrSheets } from "./sheets";
import { MRR_STRINGS, MrrStrings } from "./strings";

/** A string of strings.ts in both languages, for the descriptor's labels and messages. */
const tr = (pick: (t: MrrStrings) => string): Localized => both(MRR_STRINGS, pick);

export const COLUMNS: ColumnSpec[] = [
  customerColumn(["subscriber", "suscriptor"]),
  { key: "month", label: tr((t) => t.columnMonth), required: true, kind: "date", synonyms: ["month", "mes", "date", "fecha", "period", "periodo"] },
  {
    key: "mrr",
    label: tr((t) => t.columnMrr),
    required: true,
    kind: "number",
    synonyms: ["mrr", "monthly recurring revenue", "ingreso recurrente mensual", "amount", "importe"],
  },
];

const OPTIONS: OptionSpec[] = [CURRENCY];

const FIELDS: TransactionFields = { customer: COLUMNS[0], date: COLUMNS[1], amount: COLUMNS[2], monthText: true, nonNegativeAmount: true };

interface Prepared {
  columns: MrrColumns;
  /** Rows used and left out, for the source line. */
  used: number;
  leftOut: number;
  report: ValidationReport;
}

/** Reads the rows into typed columns (the only code that reads rows); the blocking problems say what to change. */
function prepare(input: BuildInput): Prepared {
  const read = readTransactionRows(input, FIELDS);
  return {
    columns: { ids: read.ids, months: read.dates, mrr: read.amounts ?? new Float64Array(0) },
    used: read.ids.length,
    leftOut: read.problems.length,
    report: reportOf(read),
  };
}

/** Validates, aggregates and lays out the sheet; a blocking problem throws a TemplateInputError. */
function build(input: BuildInput): MrrSheets & { agg: MrrAggregate } {
  const { columns, used, leftOut, report } = prepare(input);
  stopIfBlocking(report, input.language);
  const agg = mrrAggregate(columns);
  const sheets = mrrSheets(
    agg,
    { moneyFormat: moneyFormat(input.options.currency, input.language), source: sourceFacts(input, used, leftOut) },
    MRR_STRINGS[input.language],
  );
  return { ...sheets, agg };
}

/** The metrics core's value, or undefined where it is undefined (the core's #DIV/0!; the sheet shows n/a). */
function defined(f: () => number): number | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof MetricError && e.kind === "div0") return undefined;
    throw e;
  }
}

/** The headline figures, as revenue-retention.ts computes them from the aggregate, and the cells that show them. */
function headlines(input: BuildInput): Headline[] {
  const { cells, agg } = build(input);
  const last = agg.months[agg.months.length - 1];
  const out: Headline[] = [{ label: tr((t) => t.headlineMrr), value: last.endMrr, kind: "money", sheet: "mrr", cell: cells.endMrr }];
  const add = (label: Localized, value: number | undefined, kind: Headline["kind"], cell: string) => {
    if (value !== undefined) out.push({ label, value, kind, sheet: "mrr", cell });
  };
  add(tr((t) => t.headlineNrr), defined(() => nrr(last.startMrr, last.expansion, last.contraction, last.churn)), "percent", cells.nrr);
  add(tr((t) => t.headlineGrr), defined(() => grr(last.startMrr, last.contraction, last.churn)), "percent", cells.grr);
  add(tr((t) => t.headlineQuickRatio), defined(() => quickRatio(last.newMrr, last.expansion, last.contraction, last.churn)), "ratio", cells.quickRatio);
  const all = defined(() => quickRatio(sumOver(agg, "newMrr"), sumOver(agg, "expansion"), sumOver(agg, "contraction"), sumOver(agg, "churn")));
  add(tr((t) => t.headlineQuickRatioAll), all, "ratio", cells.quickRatioAll);
  return out;
}

export const mrrBridgeTemplate: TemplateDescriptor = {
  id: "mrr-bridge",
  title: tr((t) => t.title),
  description: tr((t) => t.description),
  columns: COLUMNS,
  options: OPTIONS,
  validate: (input) => prepare(input).report,
  build: (input) => build(input).plan,
  sample: mrrSample,
  headlines,
};

/** The pure parts, for tests: the build with its cells and aggregate. */
export const mrrBridgeParts = { build, prepare };
