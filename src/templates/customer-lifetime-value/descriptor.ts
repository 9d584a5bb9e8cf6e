/**
 * Customer lifetime value as the task pane, the CLI and the demo see it:
 * its columns (customer, date, amount), its options (time unit, horizon,
 * discount rate, margin, currency, the holdout check's cut-off, bootstrap
 * resamples), validate (every row that cannot be used, and what blocks the
 * build), and build: rows -> typed columns (prepare, the one place that
 * reads rows) -> aggregate (aggregate.ts) -> sheets (sheets.ts).
 *
 * The partial-row rule (issue 10): a row whose amount is blank or unreadable
 * is still a purchase — it counts for repeat purchases and recency — and is
 * left out of the mean spend; the report and the customer sheet say so. A
 * negative amount (a refund) is not a purchase: the row is left out, named.
 */
import { RFM_UNITS, RfmUnit } from "../../metrics/rfm";
import { MetricError } from "../../metrics/errors";
import { numberOf, textOf, transactionDateOf } from "../cells";
import { normalizeHeader } from "../column-mapping";
import { customerColumn } from "../descriptor-kit";
import type { BuildInput, ColumnSpec, Headline, Language, Localized, OptionSpec, TemplateDescriptor, ValidationReport } from "../registry-types";
import { stopIfBlocking, TemplateInputError } from "../shared/errors";
import { both } from "../shared/language";
import { CURRENCY, moneyFormat } from "../shared/money";
import { sourceFacts } from "../shared/strings";
import { readTransactionRows, reportOf, TransactionColumns, TransactionFields } from "../transaction-rows";
import { ClvAggregate, clvAggregate, ClvSettings, CutoffChoice, HoldoutFitError, totals } from "./aggregate";
import { clvSample } from "./sample";
import { ClvSheets, clvSheets, isoDate } from "./sheets";
import { CLV_STRINGS, ClvStrings } from "./strings";

/** A string of strings.ts in both languages, for the descriptor's labels and messages. */
const tr = (pick: (t: ClvStrings) => string): Localized => both(CLV_STRINGS, pick);

export const COLUMNS: ColumnSpec[] = [
  customerColumn(),
  {
    key: "date",
    label: tr((t) => t.columnDate),
    required: true,
    kind: "date",
    synonyms: ["date", "fecha", "order date", "purchase date", "transaction date", "fecha pedido", "fecha de compra", "fecha compra"],
  },
  {
    key: "amount",
    label: tr((t) => t.columnAmount),
    required: true,
    kind: "number",
    synonyms: ["amount", "importe", "monto", "revenue", "ingresos", "value", "valor", "total", "sales", "ventas", "spend", "gasto"],
  },
];

/** The defaults: months, a year ahead at about 10% a year, CLV in revenue, 100 resamples. */
export const DEFAULTS = { timeUnit: "month" as RfmUnit, horizon: 12, discountRate: 0.008, margin: 1, resamples: 100, top: 20, seed: 1 };

const OPTIONS: OptionSpec[] = [
  {
    key: "timeUnit",
    label: tr((t) => t.optionTimeUnit),
    kind: "choice",
    choices: RFM_UNITS.map((u) => ({ value: u, label: tr((t) => t.unitChoice[u]) })),
    default: DEFAULTS.timeUnit,
  },
  { key: "horizon", label: tr((t) => t.optionHorizon), kind: "number", default: DEFAULTS.horizon },
  { key: "discountRate", label: tr((t) => t.optionDiscountRate), kind: "number", default: DEFAULTS.discountRate },
  { key: "margin", label: tr((t) => t.optionMargin), kind: "number", default: DEFAULTS.margin },
  CURRENCY,
  { key: "cutoff", label: tr((t) => t.optionCutoff), kind: "text", placeholder: tr((t) => t.cutoffPlaceholder), default: "" },
  { key: "resamples", label: tr((t) => t.optionResamples), kind: "number", default: DEFAULTS.resamples },
];

const FIELDS: TransactionFields = {
  customer: COLUMNS[0],
  date: COLUMNS[1],
  amount: COLUMNS[2],
  nonNegativeAmount: true,
  keepUnreadableAmounts: { note: (rows) => ({ en: CLV_STRINGS.en.unknownSpendNote(rows), es: CLV_STRINGS.es.unknownSpendNote(rows) }) },
};

/** Words that turn the holdout check off. */
const NO_CHECK = new Set(["none", "no", "ninguna", "ninguno", "off"]);

interface Prepared {
  columns: TransactionColumns;
  settings: ClvSettings;
  cutoff: CutoffChoice;
  report: ValidationReport;
}

/** An option's number: its default when absent, NaN when unreadable. */
function optionNumber(input: BuildInput, key: string, fallback: number): number {
  const given = input.options[key];
  if (given === undefined || given === null || given === "") return fallback;
  return numberOf(given, input.language);
}

/** The options, checked: the settings and the blocking messages for those that cannot be used. */
function settingsOf(input: BuildInput): { settings: ClvSettings; cutoff: CutoffChoice; blocking: Localized[] } {
  const blocking: Localized[] = [];
  const unitGiven = textOf(input.options.timeUnit);
  const unit = (unitGiven === "" ? DEFAULTS.timeUnit : unitGiven) as RfmUnit;
  if (!RFM_UNITS.includes(unit)) blocking.push(tr((t) => t.badTimeUnit(unitGiven)));
  const horizon = optionNumber(input, "horizon", DEFAULTS.horizon);
  if (!(Number.isInteger(horizon) && horizon >= 1 && horizon <= 1000)) blocking.push(tr((t) => t.badHorizon));
  const discountRate = optionNumber(input, "discountRate", DEFAULTS.discountRate);
  if (!(discountRate >= 0 && discountRate < 1)) blocking.push(tr((t) => t.badDiscountRate));
  const margin = optionNumber(input, "margin", DEFAULTS.margin);
  if (!(margin >= 0 && margin <= 1)) blocking.push(tr((t) => t.badMargin));
  const resamples = optionNumber(input, "resamples", DEFAULTS.resamples);
  if (!(resamples === 0 || (Number.isInteger(resamples) && resamples >= 20 && resamples <= 2000))) blocking.push(tr((t) => t.badResamples));

  const cutoffText = textOf(input.options.cutoff).trim();
  let cutoff: CutoffChoice = { kind: "auto" };
  if (NO_CHECK.has(normalizeHeader(cutoffText))) cutoff = { kind: "none" };
  else if (cutoffText !== "") {
    const given = input.options.cutoff;
    const serial = transactionDateOf(typeof given === "number" ? given : cutoffText);
    if (Number.isNaN(serial)) blocking.push(tr((t) => t.badCutoff(cutoffText)));
    else cutoff = { kind: "date", serial };
  }
  const settings: ClvSettings = { unit, horizon, discountRate, margin, top: DEFAULTS.top, resamples, seed: DEFAULTS.seed };
  return { settings, cutoff, blocking };
}

/** Reads the rows and checks the options; the blocking problems say what to change. */
function prepare(input: BuildInput): Prepared {
  const { settings, cutoff, blocking } = settingsOf(input);
  const columns = readTransactionRows(input, FIELDS);
  if (columns.ids.length > 0 && columns.blocking.length === 0) {
    let first = Infinity, last = -Infinity;
    for (const d of columns.dates) {
      const day = Math.floor(d);
      if (day < first) first = day;
      if (day > last) last = day;
    }
    if (!hasRepeatPurchase(columns)) blocking.push(tr((t) => t.noRepeat));
    if (cutoff.kind === "date" && !(Math.floor(cutoff.serial) >= first && Math.floor(cutoff.serial) < last)) {
      blocking.push(tr((t) => t.cutoffOutside(isoDate(cutoff.serial), isoDate(first), isoDate(last))));
    }
  }
  return { columns, settings, cutoff, report: reportOf(columns, blocking) };
}

/** True when some customer bought on two different days. */
function hasRepeatPurchase(columns: TransactionColumns): boolean {
  const firstDay = new Map<unknown, number>();
  for (let i = 0; i < columns.ids.length; i++) {
    const d = Math.floor(columns.dates[i]), f = firstDay.get(columns.ids[i]);
    if (f === undefined) firstDay.set(columns.ids[i], d);
    else if (f !== d) return true;
  }
  return false;
}

/** Rows kept without a readable amount. */
function unknownAmounts(columns: TransactionColumns): number {
  let n = 0;
  if (columns.amounts) for (const a of columns.amounts) if (Number.isNaN(a)) n++;
  return n;
}

/** A fit that failed, in words a manager can act on (the core's reason kept at the end). */
function failure(e: unknown, language: Language): never {
  if (e instanceof HoldoutFitError) {
    throw new TemplateInputError(tr((t) => t.holdoutFitFailure(isoDate(e.cutoff), e.cause.message)), language);
  }
  if (e instanceof MetricError && (e.kind === "num" || e.kind === "na")) throw new TemplateInputError(tr((t) => t.fitFailure(e.message)), language);
  throw e;
}

/** Validates, aggregates and lays out the sheets; a blocking problem or a failed fit throws a TemplateInputError. */
function build(input: BuildInput): ClvSheets & { agg: ClvAggregate } {
  const { columns, settings, cutoff, report } = prepare(input);
  stopIfBlocking(report, input.language);
  let agg: ClvAggregate;
  try {
    agg = clvAggregate({ ids: columns.ids, dates: columns.dates, amounts: columns.amounts! }, settings, cutoff);
  } catch (e) {
    failure(e, input.language);
  }
  const sheets = clvSheets(
    agg,
    {
      moneyFormat: moneyFormat(input.options.currency, input.language, 2),
      source: sourceFacts(input, columns.ids.length, columns.problems.length),
      unknownAmounts: unknownAmounts(columns),
    },
    CLV_STRINGS[input.language],
  );
  return { ...sheets, agg };
}

/** The headline figures, from the aggregate (the metrics core's numbers), and the cells that show them. */
function headlines(input: BuildInput): Headline[] {
  const { cells, agg } = build(input);
  const sum = totals(agg);
  const out: Headline[] = [
    { label: tr((t) => t.headlineActive), value: sum.alive, kind: "number", sheet: "clv", cell: cells.expectedActive },
    { label: tr((t) => t.headlineTotal), value: sum.clv, kind: "money", sheet: "clv", cell: cells.totalClv },
    { label: tr((t) => t.headlineAverage), value: sum.clv / agg.rfm.ids.length, kind: "money", sheet: "clv", cell: cells.averageClv },
  ];
  const h = agg.holdout;
  if (h && cells.actualHoldout && cells.predictedHoldout) {
    let predicted = 0;
    for (const r of h.conditional) predicted += (r.predicted ?? 0) * r.customers;
    out.push(
      { label: tr((t) => t.headlineActualHoldout), value: h.holdoutPurchases, kind: "number", sheet: "holdout", cell: cells.actualHoldout },
      { label: tr((t) => t.headlinePredictedHoldout), value: predicted, kind: "number", sheet: "holdout", cell: cells.predictedHoldout },
    );
  }
  return out;
}

export const customerLifetimeValueTemplate: TemplateDescriptor = {
  id: "customer-lifetime-value",
  title: tr((t) => t.title),
  description: tr((t) => t.description),
  columns: COLUMNS,
  options: OPTIONS,
  validate: (input) => prepare(input).report,
  build: (input) => build(input).plan,
  sample: clvSample,
  headlines,
};

/** The pure parts, for tests: the build with its cells and aggregate. */
export const customerLifetimeValueParts = { build, prepare };
