/**
 * The LTV:CAC model as the task pane, the CLI and the demo see it. Its five
 * inputs are options (`--option arpa=120 --option churn=3%`); retention from
 * your cohorts (`--option retention=cohorts`) adds the sBG fitted to
 * survivor counts, which come:
 * - typed as an option: `--option survivors="1000, 631, 468, 382 | 326, 289"`
 *   (the task pane's box takes the same text; a | starts the periods held
 *   out of the fit), several cohorts separated by "/" or line breaks: the
 *   rows of a cohort-retention triangle (survivor-list.ts);
 * - from a transaction log (`cxm template ltv-cac --input orders.csv`, its
 *   customer and date columns, `inputColumns`), grouped into cohorts with
 *   src/metrics/cohort.ts (aggregate.ts);
 * - or, when neither is given, from the built-in sample: Fader & Hardie's
 *   (2007) regular cohort, fitted on years 0-7 as in the paper.
 *
 * Reading the rows happens only in prepare() (the intake seam); the
 * aggregate takes typed columns, the sheets only the aggregate.
 */
import { civilFromSerial } from "../../metrics/dates";
import { cacPayback, ltv, ltvToCac } from "../../metrics/ltv";
import type { WorkbookPlan } from "../../workbook/plan";
import { blockingFromError, customerColumn, mappedColumn, optionNumber } from "../descriptor-kit";
import type { BuildInput, ColumnSpec, Headline, Language, Localized, OptionSpec, TemplateDescriptor, ValidationReport } from "../registry-types";
import { stopIfBlocking } from "../shared/errors";
import { both } from "../shared/language";
import { CURRENCY, moneyFormat } from "../shared/money";
import { choiceOf } from "../shared/options";
import { sourceFacts, stamp } from "../shared/strings";
import { readTransactionRows, reportOf, TransactionColumns, TransactionFields } from "../transaction-rows";
import { LtvCacAggregate, LtvCacInputs, RetentionAggregate, retentionFromLog } from "./aggregate";
import { retentionModel } from "./retention-model";
import { ltvCacSample, SAMPLE_HELD_OUT, SAMPLE_INPUTS, SAMPLE_SURVIVORS } from "./sample";
import { LtvSheets, ltvCacSheets } from "./sheets";
import { LTV_STRINGS, LtvStrings, RETENTION_PERIODS, RetentionPeriod } from "./strings";
import { readSurvivorList, SurvivorList } from "./survivor-list";

const tr = (pick: (t: LtvStrings) => string): Localized => both(LTV_STRINGS, pick);

type InputKey = keyof LtvStrings["inputLabels"];

/** One option per model input, with its default (the sample business) and the rule it must satisfy. */
const INPUTS: { key: InputKey; field: keyof LtvCacInputs; check: (x: number) => boolean }[] = [
  { key: "arpa", field: "arpa", check: (x) => x > 0 },
  { key: "margin", field: "grossMargin", check: (x) => x > 0 && x <= 1 },
  { key: "churn", field: "monthlyChurn", check: (x) => x > 0 && x <= 1 },
  { key: "cac", field: "cac", check: (x) => x > 0 },
  { key: "discount", field: "discountRate", check: (x) => x >= 0 && x < 1 },
];

const INPUT_SPECS: OptionSpec[] = INPUTS.map(({ key, field }) => ({ key, label: tr((t) => t.inputLabels[key]), kind: "number", default: SAMPLE_INPUTS[field] }));

export type RetentionChoice = "constant" | "cohorts";
const RETENTION_CHOICES: readonly RetentionChoice[] = ["constant", "cohorts"];
type PeriodChoice = "auto" | RetentionPeriod;
const PERIOD_CHOICES: readonly PeriodChoice[] = ["auto", ...RETENTION_PERIODS];

const OPTIONS: OptionSpec[] = [
  ...INPUT_SPECS,
  {
    key: "retention",
    label: tr((t) => t.optionRetention),
    kind: "choice",
    choices: [
      { value: "constant", label: tr((t) => t.retentionConstant) },
      { value: "cohorts", label: tr((t) => t.retentionCohorts) },
    ],
    default: "constant",
  },
  { key: "survivors", label: tr((t) => t.optionSurvivors), kind: "text", placeholder: tr((t) => t.survivorsPlaceholder), default: "" },
  {
    key: "period",
    label: tr((t) => t.optionPeriod),
    kind: "choice",
    choices: [
      { value: "auto", label: tr((t) => t.periodAuto) },
      ...RETENTION_PERIODS.map((p) => ({ value: p, label: tr((t) => t.periods[p].Unit) })),
    ],
    default: "auto",
  },
  CURRENCY,
];

/** The transaction log's columns (read with --input): who, and when. */
export const LOG_COLUMNS: ColumnSpec[] = [
  customerColumn(["user_id", "usuario", "subscriber", "suscriptor"]),
  {
    key: "date",
    label: tr((t) => t.columnDate),
    required: true,
    kind: "date",
    synonyms: ["date", "fecha", "payment_date", "fecha pago", "order_date", "transaction_date", "invoice_date", "fecha factura"],
  },
];
const FIELDS: TransactionFields = { customer: LOG_COLUMNS[0], date: LOG_COLUMNS[1] };

type Source = { kind: "sample" } | { kind: "typed"; list: SurvivorList } | { kind: "log"; columns: TransactionColumns };

export interface Prepared {
  inputs: LtvCacInputs;
  period: PeriodChoice;
  source: Source | null;
  report: ValidationReport;
}

/** The model's inputs from the options, and what is wrong with them. */
function inputsFrom(input: Pick<BuildInput, "options" | "language">): { inputs: LtvCacInputs; blocking: Localized[] } {
  const inputs = { ...SAMPLE_INPUTS };
  const blocking: Localized[] = [];
  INPUTS.forEach(({ key, field, check }, i) => {
    const spec = INPUT_SPECS[i];
    const value = optionNumber(input, spec);
    inputs[field] = value;
    if (!(Number.isFinite(value) && check(value))) {
      const given = String(input.options[key] ?? spec.default);
      const say = (t: LtvStrings) => t.badOption(key, t.inputLabels[key], t.inputRules[key], given);
      blocking.push(tr(say));
    }
  });
  if (blocking.length === 0) {
    try {
      // The metrics core has the last word (the same rules as =CXM.LTV, =CXM.LTVCAC, =CXM.CAC.PAYBACK).
      ltvToCac(ltv(inputs.arpa, inputs.grossMargin, inputs.monthlyChurn, inputs.discountRate), inputs.cac);
      cacPayback(inputs.cac, inputs.arpa, inputs.grossMargin);
    } catch (e) {
      blocking.push(blockingFromError(e, tr((t) => t.invalidInputs)));
    }
  }
  return { inputs, blocking };
}

/** Reads the options and, for a log, the rows: the one place rows are read. */
function prepare(input: BuildInput): Prepared {
  const { inputs, blocking } = inputsFrom(input);
  const retention = choiceOf(input.options.retention, RETENTION_CHOICES, "constant");
  const period = choiceOf(input.options.period, PERIOD_CHOICES, "auto");
  if (!retention) blocking.push(tr((t) => t.unknownChoice("retention", String(input.options.retention))));
  if (!period) blocking.push(tr((t) => t.unknownChoice("period", String(input.options.period))));
  const logGiven = input.rows.length > 0 && (mappedColumn(input.mapping, "customer") >= 0 || mappedColumn(input.mapping, "date") >= 0);
  const text = String(input.options.survivors ?? "").trim();
  let source: Source | null = null;
  let report: ValidationReport = { goodRows: 0, problems: [], blocking };
  if (retention === "constant" && logGiven) blocking.push(tr((t) => t.logNeedsCohorts));
  if (retention === "cohorts") {
    if (logGiven) {
      if (text) blocking.push(tr((t) => t.logAndTyped));
      const columns = readTransactionRows(input, FIELDS);
      source = { kind: "log", columns };
      report = reportOf(columns, blocking);
    } else if (text) {
      const list = readSurvivorList(text, input.language);
      if ("problems" in list) for (const p of list.problems) blocking.push(p);
      else source = { kind: "typed", list };
    } else source = { kind: "sample" };
  }
  return { inputs, period: period ?? "auto", source, report };
}

/** The aggregate of what prepare() read. */
function aggregate(p: Prepared): LtvCacAggregate {
  const s = p.source;
  if (!s) return { inputs: p.inputs, retention: null };
  const period = (auto: RetentionPeriod) => (p.period === "auto" ? auto : p.period);
  let retention: RetentionAggregate;
  if (s.kind === "sample") {
    retention = { source: "sample", period: period("year"), cohorts: [{ start: null, survivors: SAMPLE_SURVIVORS }], heldOut: SAMPLE_HELD_OUT, youngCustomers: 0 };
  } else if (s.kind === "typed") {
    const cohorts = s.list.cohorts.map((survivors) => ({ start: null, survivors }));
    retention = { source: "typed", period: period("month"), cohorts, heldOut: s.list.heldOut, youngCustomers: 0 };
  } else {
    retention = retentionFromLog({ ids: s.columns.ids, dates: s.columns.dates }, period("month"));
  }
  return { inputs: p.inputs, retention };
}

/** A cohort's first day as ISO text (2024-01-01), the same in both languages. */
function isoDate(serial: number): string {
  const d = civilFromSerial(serial);
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/** The first count that rises in a triangle's cohort (customers who came back), named in both languages. */
function risingCohort(r: RetentionAggregate): Localized | null {
  for (const [i, c] of r.cohorts.entries()) {
    const k = c.survivors.findIndex((n, t) => t > 0 && n > c.survivors[t - 1]);
    if (k < 0) continue;
    const say = (l: Language) => {
      const t = LTV_STRINGS[l];
      const cohort = c.start === null ? t.typedCohortNumber(i + 1) : isoDate(c.start);
      const shown = (n: number) => n.toLocaleString(l === "es" ? "es-ES" : "en-US");
      return t.triangleRises(cohort, k, t.periods[r.period], shown(c.survivors[k]), shown(c.survivors[k - 1]));
    };
    return { en: say("en"), es: say("es") };
  }
  return null;
}

/** Problems only the fitted model shows: too short a log, a fit that fails, a lifetime that is infinite. */
function modelProblems(agg: LtvCacAggregate): Localized[] {
  const r = agg.retention;
  if (!r) return [];
  const rise = risingCohort(r);
  if (rise) return [rise];
  const oldest = r.cohorts.reduce((a, c) => Math.max(a, c.survivors.length - 1 - r.heldOut), 0);
  if (oldest < 2) return [tr((t) => t.logTooShort(t.periods[r.period]))];
  try {
    const model = retentionModel(r, agg.inputs);
    if (model.lifetimeSbg === null) {
      const alpha = (l: Language) => model.fit.params.alpha.toLocaleString(l === "es" ? "es-ES" : "en-US", { maximumFractionDigits: 3 });
      return [{ en: LTV_STRINGS.en.needsDiscount(alpha("en")), es: LTV_STRINGS.es.needsDiscount(alpha("es")) }];
    }
  } catch (e) {
    return [fitFailure(e)];
  }
  return [];
}

/**
 * Why the sBG could not be fitted, in both languages: the metrics core's
 * messages are English, so the Spanish one names the known cases itself
 * (src/metrics/retention/sbg-fit.ts).
 */
function fitFailure(e: unknown): Localized {
  const detail = e instanceof Error ? e.message : String(e);
  const why = /^No customer left/.test(detail) ? "noneLeft" : /^Every customer left/.test(detail) ? "allLeft" : /did not converge|flat/.test(detail) ? "flat" : null;
  if (why === null) return blockingFromError(e, tr((t) => t.fitFailed));
  return { en: `${LTV_STRINGS.en.fitFailed}: ${LTV_STRINGS.en.fitFailedWhy[why]}`, es: `${LTV_STRINGS.es.fitFailed}: ${LTV_STRINGS.es.fitFailedWhy[why]}` };
}

interface Analysis {
  prepared: Prepared;
  agg: LtvCacAggregate | null;
  report: ValidationReport;
}

/** Validates everything a build needs: the options, the rows of a log, and the fit. */
function analyse(input: BuildInput): Analysis {
  const prepared = prepare(input);
  const { report } = prepared;
  if (report.blocking.length > 0 || (prepared.source?.kind === "log" && report.goodRows === 0)) return { prepared, agg: null, report };
  const agg = aggregate(prepared);
  const more = modelProblems(agg);
  return { prepared, agg, report: more.length > 0 ? { ...report, blocking: [...report.blocking, ...more] } : report };
}

/** The heading lines stating where the survivor counts came from and when the sheet was built. */
function sourceLines(input: BuildInput, p: Prepared, agg: LtvCacAggregate): string[] {
  const t = LTV_STRINGS[input.language];
  const r = agg.retention;
  const s = p.source;
  if (!r || !s) return [];
  const built = t.builtLine(stamp(input.builtAt));
  if (s.kind === "sample") return [`${t.sampleSurvivorsSource} ${built}`];
  if (s.kind === "typed") {
    const { cohorts, heldOut } = s.list;
    return [`${cohorts.length > 1 ? t.typedTriangleSource(cohorts.length) : t.typedSurvivorsSource(cohorts[0].length, heldOut)} ${built}`];
  }
  const pw = t.periods[r.period];
  const facts = sourceFacts(input, s.columns.ids.length, s.columns.problems.length);
  return [`${t.source(facts)} ${t.logSurvivorsNote(pw)}${t.youngLeftOut(r.youngCustomers, pw)}`];
}

/** Validates, aggregates and lays out the sheet; a blocking problem throws a TemplateInputError. */
function build(input: BuildInput): LtvSheets & { agg: LtvCacAggregate } {
  const { prepared, agg, report } = analyse(input);
  stopIfBlocking(report, input.language);
  const a = agg!;
  const options = {
    money: moneyFormat(input.options.currency, input.language, 0),
    money2: moneyFormat(input.options.currency, input.language, 2),
    sourceLines: sourceLines(input, prepared, a),
  };
  return { ...ltvCacSheets(a, options, LTV_STRINGS[input.language]), agg: a };
}

/** The headline figures, from the metrics core, and the cells that show them. */
function headlines(input: BuildInput): Headline[] {
  const { cells, agg, model } = build(input);
  const x = agg.inputs;
  const value = ltv(x.arpa, x.grossMargin, x.monthlyChurn, x.discountRate);
  const at = (label: Localized, v: number, kind: Headline["kind"], cell: string): Headline => ({ label, value: v, kind, sheet: "ltv", cell });
  const out = [
    at({ en: "LTV", es: "LTV" }, value, "money", cells.ltv),
    at({ en: "LTV:CAC", es: "LTV:CAC" }, ltvToCac(value, x.cac), "ratio", cells.ltvToCac),
    at(tr((t) => t.payback), cacPayback(x.cac, x.arpa, x.grossMargin), "months", cells.payback),
  ];
  if (model && cells.retention && model.lifetimeExact !== null) {
    // The metrics core's closed form (sbgDel), which the sheet's summed series equals to 1e-10.
    const ltvSbg = model.marginPerPeriod * model.lifetimeExact;
    out.push(at(tr((t) => t.headlineLtvSbg), ltvSbg, "money", cells.retention.ltvSbg));
    out.push(at(tr((t) => t.headlineLtvToCacSbg), ltvSbg / x.cac, "ratio", cells.retention.ltvToCacSbg));
  }
  return out;
}

export const ltvCacTemplate: TemplateDescriptor = {
  id: "ltv-cac",
  title: tr((t) => t.title),
  description: tr((t) => t.description),
  columns: [],
  inputColumns: LOG_COLUMNS,
  options: OPTIONS,
  validate: (input) => analyse(input).report,
  build: (input) => build(input).plan,
  sample: ltvCacSample,
  headlines,
};

/** The sample business's model (constant churn, or with the sample cohort when `options` say so), for renderer tests. */
export function ltvCacModel(options: Record<string, string | number> = {}, language: Language = "en"): WorkbookPlan {
  const defaults = Object.fromEntries(OPTIONS.map((o) => [o.key, o.default]));
  const input: BuildInput = { rows: [], mapping: {}, options: { ...defaults, ...options }, sourceLabel: "", builtAt: new Date(0), language, surface: "cli" };
  return build(input).plan;
}

/** The pure parts, for tests. */
export const ltvCacParts = { build, prepare, aggregate, analyse, modelProblems };
