/**
 * The survey dashboard as the task pane, the CLI and the demo see it: a date
 * and a 0-10 score per response (segment, CSAT, CES, attribute ratings and a
 * comment when the source has them), its options, validate (every row that
 * cannot be used, and what blocks the build), and build: rows -> typed
 * columns (prepare, the one place that reads rows) -> aggregate
 * (aggregate.ts) -> sheets (sheets.ts).
 *
 * Above LIST_LIMIT responses the workbook does not list every response: the
 * dashboard's counts are the aggregate's values and a sheet lists the latest
 * COMMENT_CAP comments (the report and the sheets say so), so a million
 * responses build as fast and as small as a thousand.
 */
import { isNoAnswer } from "../../input/cells";
import { cesFromHistogram } from "../../metrics/ces";
import { csatFromHistogram } from "../../metrics/csat";
import { DriverMethod, MAX_SHAPLEY_DRIVERS } from "../../metrics/key-drivers";
import { npsFromCounts } from "../../metrics/nps";
import { npsInterval } from "../../metrics/nps-interval";
import { dateOf, dateOrderOf, isBlank, numberOf, shown, textOf } from "../cells";
import { mappedColumn, optionNumber, problem, unmappedColumns } from "../descriptor-kit";
import type { BuildInput, ColumnSpec, Headline, Localized, OptionSpec, ReportNote, RowProblem, TemplateDescriptor, ValidationReport } from "../registry-types";
import { stopIfBlocking } from "../shared/errors";
import { both } from "../shared/language";
import { sourceFacts } from "../shared/strings";
import { driversAggregate, responsesOf, surveyAggregate, SurveyAggregate, SurveyAggregateOptions, SurveyColumns, total } from "./aggregate";
import { surveySample } from "./sample";
import { SurveySheets, surveySheets } from "./sheets";
import { SURVEY_STRINGS, SurveyStrings } from "./strings";

/** A string of strings.ts in both languages. */
const tr = (pick: (t: SurveyStrings) => string): Localized => both(SURVEY_STRINGS, pick);

/** Up to this many responses the workbook lists every one and counts them with formulas (a sheet of 100,000 rows stays quick to write and recalculate). */
export const LIST_LIMIT = 100_000;
/** Above it, the latest comments listed. */
export const COMMENT_CAP = 10_000;

export const SURVEY_COLUMNS: ColumnSpec[] = [
  {
    key: "date",
    label: tr((t) => t.columnDate),
    required: true,
    kind: "date",
    synonyms: ["date", "fecha", "response date", "fecha de respuesta", "submitted at", "created at", "timestamp", "answered at", "fecha respuesta"],
  },
  {
    key: "score",
    label: tr((t) => t.columnScore),
    required: true,
    kind: "score",
    synonyms: ["score", "nps score", "nps", "puntuacion", "puntuacion nps", "nota", "likelihood to recommend", "recommend", "recomendacion", "rating", "valoracion"],
  },
  {
    key: "segment",
    label: tr((t) => t.columnSegment),
    required: false,
    kind: "text",
    synonyms: ["segment", "segmento", "customer segment", "segmento de cliente", "tier", "plan"],
    // Each segment is a COUNTIFS criterion on the dashboard; Excel's criteria are at most 255 characters.
    maxLength: 255,
  },
  { key: "csat", label: tr((t) => t.columnCsat), required: false, kind: "score", synonyms: ["csat", "csat score", "satisfaction", "satisfaccion", "puntuacion csat"] },
  { key: "ces", label: tr((t) => t.columnCes), required: false, kind: "score", synonyms: ["ces", "ces score", "effort", "customer effort", "esfuerzo", "esfuerzo del cliente"] },
  {
    key: "comment",
    label: tr((t) => t.columnComment),
    required: false,
    kind: "text",
    synonyms: ["comment", "comments", "comentario", "comentarios", "feedback", "verbatim", "open answer", "respuesta abierta"],
  },
  {
    key: "attributes",
    label: tr((t) => t.columnAttributes),
    required: false,
    kind: "number",
    multiple: true,
    // Prefixes of rating headers: "Rating: Price", "Valoración - Atención", "Please rate us on: Speed".
    synonyms: ["rating", "ratings", "rate", "attribute", "atributo", "driver", "impulsor", "valoracion", "valoraciones", "valore", "califique", "calificacion", "satisfaction with", "satisfaccion con"],
  },
];

const CONFIDENCE: OptionSpec = { key: "confidence", label: tr((t) => t.optionConfidence), kind: "number", default: 0.95 };
const CSAT_MIN: OptionSpec = { key: "csatSatisfiedMin", label: tr((t) => t.optionCsatMin), kind: "number", default: 4 };
const METHODS: DriverMethod[] = ["johnson", "shapley"];
const METHOD: OptionSpec = {
  key: "driverMethod",
  label: tr((t) => t.optionMethod),
  kind: "choice",
  choices: METHODS.map((m) => ({ value: m, label: tr((t) => t.methods[m]) })),
  default: "johnson",
};

interface Settings {
  confidence: number;
  csatMin: number;
  method: DriverMethod;
}

/** The settings, or the reasons they are not valid. */
function settingsOf(input: Pick<BuildInput, "options" | "language" | "groups">): { settings: Settings; blocking: Localized[] } {
  const confidence = optionNumber(input, CONFIDENCE);
  const csatMin = optionNumber(input, CSAT_MIN);
  const given = input.options.driverMethod;
  const method = (given === undefined || given === "" ? "johnson" : String(given)) as DriverMethod;
  const blocking: Localized[] = [];
  if (!(confidence > 0 && confidence < 1)) blocking.push(tr((t) => t.badConfidence(String(input.options.confidence))));
  if (!(Number.isInteger(csatMin) && csatMin >= 1 && csatMin <= 5)) blocking.push(tr((t) => t.badCsatMin(String(input.options.csatSatisfiedMin))));
  if (!METHODS.includes(method)) blocking.push(tr((t) => t.unknownMethod(String(given))));
  const attributes = input.groups?.attributes?.length ?? 0;
  if (method === "shapley" && attributes > MAX_SHAPLEY_DRIVERS) blocking.push(tr((t) => t.shapleyTooMany(attributes, MAX_SHAPLEY_DRIVERS)));
  return { settings: { confidence, csatMin, method }, blocking };
}

/** A whole number from lo to hi, or NaN. */
function wholeIn(value: unknown, lo: number, hi: number, language: BuildInput["language"]): number {
  const x = numberOf(value, language);
  return Number.isInteger(x) && x >= lo && x <= hi ? x : NaN;
}

/** A cell that is no answer: empty, or "N/A", "n/a", "NS/NC", "Sin respuesta" and the like. */
function isUnanswered(value: unknown): boolean {
  return isBlank(value) || (typeof value === "string" && isNoAnswer(value));
}

/** The first rows a note names. */
const NOTE_ROWS = 20;

interface Prepared {
  columns: SurveyColumns;
  settings: Settings;
  report: ValidationReport;
  /** Responses without a score (not in any figure). */
  noAnswer: number;
}

/**
 * Reads the mapped rows into typed columns — the only code that reads rows —
 * and checks the options. Rows with a problem are named and left out, blank
 * rows skipped; a response without a score (empty or "N/A") is "no answer",
 * as the CXM functions treat a blank: counted in a note, not a problem, and
 * in no figure.
 */
function prepare(input: BuildInput): Prepared {
  const chosen = settingsOf(input);
  const settings = chosen.settings;
  const blocking = [...unmappedColumns(SURVEY_COLUMNS, input.mapping), ...chosen.blocking];
  const at = (key: string) => mappedColumn(input.mapping, key);
  const [di, si, gi, ci, ei, mi] = ["date", "score", "segment", "csat", "ces", "comment"].map(at);
  const attributes = (input.groups?.attributes ?? []).filter((g) => Number.isInteger(g.index) && g.index >= 0);
  const cell = (row: unknown[], i: number) => (i >= 0 ? row[i] : "");
  const rows = input.rows;
  const n = rows.length;
  const order = dateOrderOf(
    (function* () {
      for (const row of rows) yield cell(row, di);
    })(),
    input.language,
  );

  const dates = new Float64Array(n);
  const scores = new Uint8Array(n);
  const codes = new Int32Array(n);
  const segmentIndex = new Map<string, number>();
  const csat = new Uint8Array(n);
  const ces = new Uint8Array(n);
  const comments: (string | null)[] = mi >= 0 ? new Array<string | null>(n) : [];
  const ratings = attributes.map(() => new Float64Array(n));
  const problems: RowProblem[] = [];
  const unanswered: number[] = [];
  let noAnswer = 0;
  let k = 0;
  const { en, es } = SURVEY_STRINGS;
  /** A row problem, its message in both languages with the cell's value shown each language's way. */
  const say = (r: number, column: string, value: unknown, message: (t: SurveyStrings, shownValue: string) => string) => {
    const v = shown(value);
    problems.push(problem(r, column, message(en, v.en), message(es, v.es)));
  };

  rows: for (let r = 0; r < n; r++) {
    const row = rows[r] ?? [];
    const date = cell(row, di), score = cell(row, si);
    if (isUnanswered(score)) {
      // A row with nothing in any mapped column is no response at all: skipped silently.
      if (isBlank(date) && [gi, ci, ei, mi].every((i) => isBlank(cell(row, i))) && attributes.every((a) => isBlank(row[a.index]))) continue;
      noAnswer++;
      if (unanswered.length < NOTE_ROWS) unanswered.push(r);
      continue;
    }
    const serial = dateOf(date, order);
    if (!(serial >= 61)) {
      say(r, "date", date, (x, v) => x.dateNotDate(v));
      continue;
    }
    const s = wholeIn(score, 0, 10, input.language);
    if (Number.isNaN(s)) {
      say(r, "score", score, (x, v) => x.scoreNotScore(v));
      continue;
    }
    const scales = [["csat", ci, 5, csat], ["ces", ei, 7, ces]] as const;
    for (const [key, i, hi, out] of scales) {
      const raw = cell(row, i);
      if (isBlank(raw)) {
        out[k] = 0;
        continue;
      }
      const x = wholeIn(raw, 1, hi, input.language);
      if (Number.isNaN(x)) {
        say(r, key, raw, (y, v) => y.scaleNotWhole(key.toUpperCase(), v, hi));
        continue rows;
      }
      out[k] = x;
    }
    for (let j = 0; j < attributes.length; j++) {
      const raw = row[attributes[j].index];
      if (isUnanswered(raw)) {
        ratings[j][k] = NaN;
        continue;
      }
      const x = numberOf(raw, input.language);
      if (Number.isNaN(x)) {
        say(r, "attributes", raw, (y, v) => y.ratingNotNumber(attributes[j].label, v));
        continue rows;
      }
      ratings[j][k] = x;
    }
    const segment = textOf(cell(row, gi));
    if (segment === "") codes[k] = -1;
    else {
      let code = segmentIndex.get(segment);
      if (code === undefined) segmentIndex.set(segment, (code = segmentIndex.size));
      codes[k] = code;
    }
    if (mi >= 0) {
      const comment = textOf(cell(row, mi));
      comments[k] = comment === "" ? null : comment;
    }
    dates[k] = serial;
    scores[k] = s;
    k++;
  }

  const columns: SurveyColumns = {
    dates: dates.subarray(0, k),
    scores: scores.subarray(0, k),
    segments: gi >= 0 ? { codes: codes.subarray(0, k), names: [...segmentIndex.keys()] } : null,
    csat: ci >= 0 ? csat.subarray(0, k) : null,
    ces: ei >= 0 ? ces.subarray(0, k) : null,
    comments: mi >= 0 ? comments.slice(0, k) : null,
    attributes: attributes.length > 0 ? { labels: attributes.map((a) => a.label), values: ratings.map((x) => x.subarray(0, k)) } : null,
  };
  if (blocking.length === 0) {
    if (n === 0) blocking.push(tr((x) => x.noRows));
    else if (k === 0) blocking.push(tr((x) => x.noGoodRows));
  }
  const notes: ReportNote[] = [];
  if (noAnswer > 0) notes.push({ message: tr((x) => x.noAnswerNote(noAnswer)), rows: unanswered });
  if (k > LIST_LIMIT) notes.push({ message: tr((x) => x.largeNote(k, LIST_LIMIT, COMMENT_CAP)) });
  const report: ValidationReport = { goodRows: k, problems, blocking };
  if (notes.length > 0) report.notes = notes;
  return { columns, settings, report, noAnswer };
}

/** Validates, and says before the build when the key drivers cannot be computed. */
function validate(input: BuildInput): ValidationReport {
  const { columns, settings, report } = prepare(input);
  if (report.blocking.length > 0 || !columns.attributes) return report;
  const d = driversAggregate(columns.scores, columns.attributes, settings.method);
  if (!d.problem) return report;
  return { ...report, notes: [...(report.notes ?? []), { message: tr((t) => t.driverProblem(d.problem!, d.complete)) }] };
}

type Built = SurveySheets & { agg: SurveyAggregate; confidence: number; csatMin: number };

/**
 * The last build of each input, so that headlines() after build() on the
 * same input (as the CLI and the demo call them) does not read a million
 * rows twice. An input whose fields are replaced is built again.
 */
const lastBuild = new WeakMap<BuildInput, { key: unknown[]; built: Built }>();
const keyOf = (input: BuildInput, limits: Partial<SurveyAggregateOptions>) =>
  [input.rows, input.rows.length, input.mapping, input.groups, input.options, input.language, input.builtAt, input.sourceLabel, input.surface, limits.listLimit, limits.commentCap];

/** Validates, aggregates and lays out the sheets; a blocking problem throws a TemplateInputError. */
function build(input: BuildInput, limits: Partial<SurveyAggregateOptions> = {}): Built {
  const key = keyOf(input, limits);
  const last = lastBuild.get(input);
  if (last && last.key.every((k, i) => k === key[i])) return last.built;
  const built = buildAnew(input, limits);
  lastBuild.set(input, { key, built });
  return built;
}

function buildAnew(input: BuildInput, limits: Partial<SurveyAggregateOptions>): Built {
  const { columns, settings, report } = prepare(input);
  stopIfBlocking(report, input.language);
  const agg = surveyAggregate(columns, { method: settings.method, listLimit: LIST_LIMIT, commentCap: COMMENT_CAP, ...limits });
  const sheets = surveySheets(
    agg,
    { confidence: settings.confidence, csatMin: settings.csatMin, source: sourceFacts(input, columns.scores.length, report.problems.length) },
    SURVEY_STRINGS[input.language],
  );
  return { ...sheets, agg, confidence: settings.confidence, csatMin: settings.csatMin };
}

/** The headline figures, from the aggregate through the metrics core, and the cells that show them. */
function headlines(input: BuildInput): Headline[] {
  const { cells, agg, confidence, csatMin } = build(input);
  const at = (label: Localized, value: number, kind: Headline["kind"], cell: string): Headline => ({ label, value, kind, sheet: "dashboard", cell });
  const counts = agg.overall;
  const interval = npsInterval(counts, confidence);
  const out = [
    at(tr((t) => t.headlineResponses), responsesOf(counts), "number", cells.responses),
    at(tr((t) => t.nps), npsFromCounts(counts), "points", cells.nps),
    at(tr((t) => t.headlineCiLow), interval.low, "points", cells.ciLow),
    at(tr((t) => t.headlineCiHigh), interval.high, "points", cells.ciHigh),
  ];
  if (cells.csat && total(counts.csat) > 0) out.push(at(tr((t) => t.csat), csatFromHistogram([0, ...counts.csat], csatMin), "percent", cells.csat));
  if (cells.ces && total(counts.ces) > 0) out.push(at(tr((t) => t.ces), cesFromHistogram([0, ...counts.ces]), "number", cells.ces));
  if (cells.sentiment && agg.comments) out.push(at(tr((t) => t.headlineSentiment), agg.comments.sentimentSum / agg.comments.commented, "number", cells.sentiment));
  return out;
}

export const surveyDashboardTemplate: TemplateDescriptor = {
  id: "survey-dashboard",
  title: tr((t) => t.templateTitle),
  description: tr((t) => t.description),
  columns: SURVEY_COLUMNS,
  options: [CONFIDENCE, CSAT_MIN, METHOD],
  validate,
  build: (input) => build(input).plan,
  sample: surveySample,
  headlines,
};

/** The pure parts, for tests: prepare, and the build with its cells and aggregate (and other list limits). */
export const surveyDashboardParts = { prepare, build };
