/**
 * Customer growth as the task pane, the CLI and the demo see it: a
 * transaction log (customer, date, amount; optional segment, loss reason and
 * referred-by columns) and an optional second source, the incident log
 * (customer, date, optional type). Its options: the period, the loss rule,
 * the value window, the incident window and the currency.
 *
 * Rows are read in one place, prepare(): the transaction log through the
 * shared reader (transaction-rows.ts), the optional columns for the rows it
 * keeps, and the incident log the same way (its problems carry the source
 * "incidents"). aggregate.ts turns the typed columns into growthReport();
 * sheets.ts lays the sheets out from that aggregate alone.
 */
import { MetricError } from "../../metrics/errors";
import { GROWTH_PERIODS } from "../../metrics/growth/customer-growth";
import { MAX_INCIDENT_TYPES } from "../../metrics/growth/incident-loss";
import { periodIndex } from "../../metrics/dates";
import { segmentKey, SegmentCell } from "../../metrics/segment-matrix";
import type { IdCell } from "../../metrics/transaction-log";
import { isBlank } from "../cells";
import { customerColumn, mappedColumn, numberOption } from "../descriptor-kit";
import type { BuildInput, ColumnSpec, Headline, Localized, OptionSpec, RowProblem, SecondarySourceSpec, TemplateDescriptor, ValidationReport } from "../registry-types";
import { stopIfBlocking } from "../shared/errors";
import { both } from "../shared/language";
import { CURRENCY, moneyFormat } from "../shared/money";
import { sourceFacts } from "../shared/strings";
import { readTransactionRows, TransactionColumns } from "../transaction-rows";
import { GrowthAggregate, growthAggregate, GrowthColumns, GrowthSettings } from "./aggregate";
import { growthSample, incidentSample } from "./sample";
import { GrowthSheets, growthSheets } from "./sheets";
import { GROWTH_STRINGS, GrowthStrings } from "./strings";

const tr = (pick: (t: GrowthStrings) => string): Localized => both(GROWTH_STRINGS, pick);

export const COLUMNS: ColumnSpec[] = [
  customerColumn(),
  { key: "date", label: tr((t) => t.columnDate), required: true, kind: "date", synonyms: ["date", "fecha", "order_date", "transaction_date", "purchase date", "fecha pedido", "fecha compra"] },
  { key: "amount", label: tr((t) => t.columnAmount), required: true, kind: "number", synonyms: ["amount", "importe", "monto", "revenue", "ingresos", "total", "value", "valor"] },
  { key: "segment", label: tr((t) => t.columnSegment), required: false, kind: "text", synonyms: ["segment", "segmento", "customer segment", "segmento de cliente", "tier", "nivel"] },
  {
    key: "lossReason",
    label: tr((t) => t.columnReason),
    required: false,
    kind: "text",
    synonyms: ["loss reason", "churn reason", "cancellation reason", "reason", "motivo de baja", "motivo baja", "motivo de perdida", "motivo", "razon"],
  },
  {
    key: "referredBy",
    label: tr((t) => t.columnReferredBy),
    required: false,
    kind: "id",
    synonyms: ["referred by", "referred_by", "referrer", "referral", "recomendado por", "referido por", "referente", "recomendador"],
  },
];

export const INCIDENT_COLUMNS: ColumnSpec[] = [
  customerColumn(),
  { key: "date", label: tr((t) => t.columnIncidentDate), required: true, kind: "date", synonyms: ["date", "fecha", "incident date", "fecha incidencia", "fecha de la incidencia", "opened", "created", "fecha apertura"] },
  { key: "type", label: tr((t) => t.columnIncidentType), required: false, kind: "text", synonyms: ["type", "tipo", "incident type", "tipo de incidencia", "category", "categoria", "issue", "motivo"] },
];

export const INCIDENT_SOURCE: SecondarySourceSpec = {
  key: "incidents",
  label: tr((t) => t.incidentLog),
  description: tr((t) => t.incidentLogDescription),
  columns: INCIDENT_COLUMNS,
  sample: incidentSample,
};

const whole = (key: string, label: (t: GrowthStrings) => string): OptionSpec => ({ key, label: tr(label), kind: "number", default: 0 });

const OPTIONS: OptionSpec[] = [
  {
    key: "period",
    label: tr((t) => t.optionPeriod),
    kind: "choice",
    choices: GROWTH_PERIODS.map((p) => ({ value: p, label: tr((t) => t.periods[p].Unit) })),
    default: "month",
  },
  whole("lostAfter", (t) => t.optionLostAfter),
  whole("valueWindow", (t) => t.optionValueWindow),
  whole("incidentWindow", (t) => t.optionIncidentWindow),
  CURRENCY,
];

/** Most segments or loss reasons broken down (each is a row of a table, and a pass over the customers). */
export const MAX_GROUPS = 500;
/** Most periods a table by period may have (a century of weeks means a mistyped year). */
export const MAX_PERIODS = 2000;

/** A text or id cell as a label: null when blank, numbers kept, text trimmed. */
function labelOf(value: unknown): SegmentCell {
  if (isBlank(value)) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  return String(value).trim();
}

/** The mapped column `key` for the rows kept (`sourceRows`), or null when it is not mapped. */
function optionalColumn(rows: unknown[][], mapping: BuildInput["mapping"], key: string, sourceRows: Int32Array): SegmentCell[] | null {
  const at = mappedColumn(mapping, key);
  if (at < 0) return null;
  const out = new Array<SegmentCell>(sourceRows.length);
  for (let i = 0; i < sourceRows.length; i++) out[i] = labelOf(rows[sourceRows[i]][at]);
  return out;
}

/** Distinct labels (as segments compare: trimmed, case-insensitive). */
function distinct(labels: readonly SegmentCell[]): number {
  const seen = new Set<string>();
  for (const l of labels) if (l !== null && l !== undefined) seen.add(segmentKey(l));
  return seen.size;
}

interface Prepared {
  columns: GrowthColumns;
  settings: GrowthSettings;
  report: ValidationReport;
  /** Rows of the transaction log used and left out; of the incident log (null without one). */
  used: number;
  leftOut: number;
  incidents: { used: number; leftOut: number; label: string } | null;
}

function choice<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T | null {
  if (value === undefined || value === null || value === "") return fallback;
  return allowed.includes(value as T) ? (value as T) : null;
}

/** The one place rows are read: both logs, their optional columns, the options; blocking problems say what to change. */
function prepare(input: BuildInput): Prepared {
  const blocking: Localized[] = [];
  const period = choice(input.options.period, GROWTH_PERIODS, "month");
  if (!period) blocking.push(tr((t) => t.unknownPeriod(String(input.options.period))));
  const wholeOption = (key: string, label: (t: GrowthStrings) => string) => {
    const n = numberOption(input, key, 0);
    if (Number.isInteger(n) && n >= 0) return n;
    blocking.push({ en: GROWTH_STRINGS.en.badWhole(label(GROWTH_STRINGS.en), String(input.options[key])), es: GROWTH_STRINGS.es.badWhole(label(GROWTH_STRINGS.es), String(input.options[key])) });
    return 0;
  };
  const settings: GrowthSettings = {
    period: period ?? "month",
    lostAfter: wholeOption("lostAfter", (t) => t.optionLostAfter),
    valueWindow: wholeOption("valueWindow", (t) => t.optionValueWindow),
    incidentWindowDays: wholeOption("incidentWindow", (t) => t.optionIncidentWindow),
  };

  const log = readTransactionRows(input, { customer: COLUMNS[0], date: COLUMNS[1], amount: COLUMNS[2] });
  const segments = optionalColumn(input.rows, input.mapping, "segment", log.sourceRows);
  const lossReasons = optionalColumn(input.rows, input.mapping, "lossReason", log.sourceRows);
  const referredBy = optionalColumn(input.rows, input.mapping, "referredBy", log.sourceRows) as IdCell[] | null;
  const tooMany = (labels: SegmentCell[] | null, column: ColumnSpec, most: number) => {
    const n = labels ? distinct(labels) : 0;
    if (n > most) blocking.push({ en: GROWTH_STRINGS.en.tooMany(column.label.en, n, most), es: GROWTH_STRINGS.es.tooMany(column.label.es, n, most) });
  };
  tooMany(segments, COLUMNS[3], MAX_GROUPS);
  tooMany(lossReasons, COLUMNS[4], MAX_GROUPS);
  if (period && log.dates.length > 0) {
    let lo = Infinity, hi = -Infinity;
    for (const d of log.dates) {
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    const span = periodIndex(hi, period) - periodIndex(lo, period) + 1;
    if (span > MAX_PERIODS) blocking.push(tr((t) => t.spanTooLong(span, t.periods[period])));
  }

  const { incidents, problems: incidentProblems } = readIncidents(input, blocking);
  const problems: RowProblem[] = [...log.problems, ...incidentProblems];
  const report: ValidationReport = { goodRows: log.ids.length, problems, blocking: [...log.blocking, ...blocking] };
  if (log.notes.length > 0) report.notes = log.notes;
  return {
    columns: { ids: log.ids, dates: log.dates, amounts: log.amounts!, segments, lossReasons, referredBy, incidents: incidents?.columns ?? null },
    settings,
    report,
    used: log.ids.length,
    leftOut: log.problems.length,
    incidents: incidents ? { used: incidents.columns.dates.length, leftOut: incidentProblems.length, label: incidents.label } : null,
  };
}

/** The incident log, when given: read as the transactions are (a customer and a date per row), its problems tagged with its key. */
function readIncidents(input: BuildInput, blocking: Localized[]) {
  const given = input.secondary?.[INCIDENT_SOURCE.key];
  if (!given) return { incidents: null, problems: [] as RowProblem[] };
  if (given.rows.length === 0) {
    blocking.push(tr((t) => t.incidentsEmpty));
    return { incidents: null, problems: [] as RowProblem[] };
  }
  const read: TransactionColumns = readTransactionRows({ ...input, rows: given.rows, mapping: given.mapping }, { customer: INCIDENT_COLUMNS[0], date: INCIDENT_COLUMNS[1] });
  for (const b of read.blocking) blocking.push({ en: GROWTH_STRINGS.en.incidentsBlocked(b.en), es: GROWTH_STRINGS.es.incidentsBlocked(b.es) });
  const problems = read.problems.map((p) => ({ ...p, source: INCIDENT_SOURCE.key }));
  const types = optionalColumn(given.rows, given.mapping, "type", read.sourceRows);
  const n = types ? distinct(types) : 0;
  if (n > MAX_INCIDENT_TYPES) {
    const label = INCIDENT_COLUMNS[2].label;
    blocking.push({ en: GROWTH_STRINGS.en.tooMany(label.en, n, MAX_INCIDENT_TYPES), es: GROWTH_STRINGS.es.tooMany(label.es, n, MAX_INCIDENT_TYPES) });
  }
  return { incidents: { columns: { ids: read.ids, dates: read.dates, types }, label: given.sourceLabel || "—" }, problems };
}

/** Validates, aggregates and lays the sheets out; a blocking problem throws a TemplateInputError. */
function build(input: BuildInput): GrowthSheets & { agg: GrowthAggregate } {
  const p = prepare(input);
  stopIfBlocking(p.report, input.language);
  let agg: GrowthAggregate;
  try {
    agg = growthAggregate(p.columns, p.settings);
  } catch (e) {
    // The core's own limits (a segment column too varied for the periods, say): a blocking message, not a crash.
    if (!(e instanceof MetricError)) throw e;
    stopIfBlocking({ blocking: [tr((t) => t.coreRefused(e.message))] }, input.language);
    throw e;
  }
  const t = GROWTH_STRINGS[input.language];
  const sheets = growthSheets(
    agg,
    {
      moneyFormat: moneyFormat(input.options.currency, input.language),
      source: sourceFacts(input, p.used, p.leftOut),
      incidentSource: p.incidents ? sourceFacts({ ...input, sourceLabel: p.incidents.label }, p.incidents.used, p.incidents.leftOut) : null,
    },
    t,
  );
  return { ...sheets, agg };
}

/** The headline figures: the core's report, and the cells that show them. */
function headlines(input: BuildInput): Headline[] {
  const { cells, agg } = build(input);
  const { totals, incidents, referrals } = agg.report;
  const at = (label: Localized, value: number, kind: Headline["kind"], cell: { sheet: string; cell: string }): Headline => ({ label, value, kind, ...cell });
  const out = [
    at(tr((t) => t.headlineAtEnd), totals.customersAtEnd, "number", cells.atEnd),
    at(tr((t) => t.headlineNew), totals.newCustomers, "number", cells.newCustomers),
    at(tr((t) => t.headlineLost), totals.lost, "number", cells.lost),
    at(tr((t) => t.headlineNet), totals.netGrowth, "number", cells.netGrowth),
    at(tr((t) => t.headlineNetValue), totals.netValue!, "money", cells.netValue),
  ];
  if (incidents && cells.incidentLossRate && incidents.all.lossRate !== null) {
    out.push(at(tr((t) => t.headlineIncidentRate), incidents.all.lossRate, "percent", cells.incidentLossRate));
  }
  if (incidents && cells.relativeRisk && incidents.all.relativeRisk) {
    out.push(at(tr((t) => t.headlineRelativeRisk), incidents.all.relativeRisk.ratio, "ratio", cells.relativeRisk));
  }
  if (referrals && cells.referralRate) out.push(at(tr((t) => t.headlineReferralRate), referrals.referralRate, "percent", cells.referralRate));
  return out;
}

export const customerGrowthTemplate: TemplateDescriptor = {
  id: "customer-growth",
  title: tr((t) => t.title),
  description: tr((t) => t.description),
  columns: COLUMNS,
  options: OPTIONS,
  secondarySources: [INCIDENT_SOURCE],
  validate: (input) => prepare(input).report,
  build: (input) => build(input).plan,
  sample: growthSample,
  headlines,
};

/** The pure parts, for tests: the build with its cells and aggregate, and the reading of the rows. */
export const customerGrowthParts = { build, prepare };
