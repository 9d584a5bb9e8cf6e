/**
 * The survey dashboard as the task pane, the CLI and the demo see it: a date
 * and a 0-10 score per response (segment, CSAT, CES and comment when the
 * source has them), each bad row named, the dashboard built from the others.
 */
import { cesFromHistogram } from "../metrics/ces";
import { csatFromHistogram } from "../metrics/csat";
import { npsFromCounts } from "../metrics/nps";
import { npsInterval } from "../metrics/nps-interval";
import { isNoAnswer } from "../input/cells";
import { dateFromSerial } from "../workbook/dates";
import { dateOf, DateOrder, dateOrderOf, isBlank, numberOf, shown, textOf } from "./cells";
import { NO_GOOD_ROWS, NO_ROWS, optionNumber, unmappedColumns } from "./descriptor-kit";
import type { BuildInput, ColumnSpec, Headline, Language, Localized, OptionSpec, ReportNote, RowProblem, TemplateDescriptor, ValidationReport } from "./registry-types";
import { sampleSurveyResponses } from "./sample-data";
import { surveyDashboard, SurveyResponse } from "./survey-dashboard";

export const SURVEY_COLUMNS: ColumnSpec[] = [
  {
    key: "date",
    label: { en: "Date", es: "Fecha" },
    required: true,
    kind: "date",
    synonyms: ["date", "fecha", "response date", "fecha de respuesta", "submitted at", "created at", "timestamp", "answered at", "fecha respuesta"],
  },
  {
    key: "score",
    label: { en: "Score", es: "Puntuación" },
    required: true,
    kind: "score",
    synonyms: ["score", "nps score", "nps", "puntuacion", "puntuacion nps", "nota", "likelihood to recommend", "recommend", "recomendacion", "rating", "valoracion"],
  },
  {
    key: "segment",
    label: { en: "Segment", es: "Segmento" },
    required: false,
    kind: "text",
    synonyms: ["segment", "segmento", "customer segment", "segmento de cliente", "tier", "plan"],
    // Each segment is a COUNTIFS criterion on the dashboard; Excel's criteria are at most 255 characters.
    maxLength: 255,
  },
  {
    key: "csat",
    label: { en: "CSAT (1-5)", es: "CSAT (1-5)" },
    required: false,
    kind: "score",
    synonyms: ["csat", "csat score", "satisfaction", "satisfaccion", "puntuacion csat"],
  },
  {
    key: "ces",
    label: { en: "CES (1-7)", es: "CES (1-7)" },
    required: false,
    kind: "score",
    synonyms: ["ces", "ces score", "effort", "customer effort", "esfuerzo", "esfuerzo del cliente"],
  },
  {
    key: "comment",
    label: { en: "Comment", es: "Comentario" },
    required: false,
    kind: "text",
    synonyms: ["comment", "comments", "comentario", "comentarios", "feedback", "verbatim", "open answer", "respuesta abierta"],
  },
];

const CONFIDENCE: OptionSpec = { key: "confidence", label: { en: "Confidence level", es: "Nivel de confianza" }, kind: "number", default: 0.95 };
const CSAT_MIN: OptionSpec = {
  key: "csatSatisfiedMin",
  label: { en: "CSAT: satisfied from score", es: "CSAT: satisfecho desde la puntuación" },
  kind: "number",
  default: 4,
};

/** The settings, or the reasons they are not valid. */
function settingsOf(input: Pick<BuildInput, "options" | "language">): { confidence: number; csatMin: number; blocking: Localized[] } {
  const confidence = optionNumber(input, CONFIDENCE);
  const csatMin = optionNumber(input, CSAT_MIN);
  const blocking: Localized[] = [];
  if (!(confidence > 0 && confidence < 1)) {
    blocking.push({
      en: `Option confidence must be a fraction between 0 and 1, e.g. 0.95 or 95%; got "${input.options.confidence}".`,
      es: `La opción confidence debe ser una fracción entre 0 y 1, p. ej. 0,95 o 95%; se recibió «${input.options.confidence}».`,
    });
  }
  if (!(Number.isInteger(csatMin) && csatMin >= 1 && csatMin <= 5)) {
    blocking.push({
      en: `Option csatSatisfiedMin must be a whole number from 1 to 5; got "${input.options.csatSatisfiedMin}".`,
      es: `La opción csatSatisfiedMin debe ser un número entero del 1 al 5; se recibió «${input.options.csatSatisfiedMin}».`,
    });
  }
  return { confidence, csatMin, blocking };
}

/** A whole number from lo to hi, or NaN. */
function wholeIn(value: unknown, lo: number, hi: number, language: BuildInput["language"]): number {
  const x = numberOf(value, language);
  return Number.isInteger(x) && x >= lo && x <= hi ? x : NaN;
}

type Problem = Omit<RowProblem, "row">;

/** One row as a response, or what is wrong with it (the first problem found). */
function readResponse(cell: (key: string) => unknown, order: DateOrder, language: Language): SurveyResponse | Problem {
  const date = dateOf(cell("date"), order);
  if (!(date >= 61)) {
    const v = shown(cell("date"));
    return {
      column: "date",
      message: { en: `Date ${v.en} is not a date (use 2024-03-15 or a date cell).`, es: `Fecha ${v.es} no es una fecha (use 2024-03-15 o una celda de fecha).` },
    };
  }
  const score = wholeIn(cell("score"), 0, 10, language);
  if (Number.isNaN(score)) {
    const v = shown(cell("score"));
    return {
      column: "score",
      message: { en: `Score ${v.en} is not a whole number from 0 to 10.`, es: `Puntuación ${v.es} no es un número entero del 0 al 10.` },
    };
  }
  const response: SurveyResponse = { date, score };
  const segment = textOf(cell("segment"));
  if (segment !== "") response.segment = segment;
  for (const [key, hi] of [["csat", 5], ["ces", 7]] as const) {
    const raw = cell(key);
    if (isBlank(raw)) continue;
    const x = wholeIn(raw, 1, hi, language);
    if (Number.isNaN(x)) {
      const v = shown(raw);
      const name = key.toUpperCase();
      return {
        column: key,
        message: {
          en: `${name} ${v.en} is not a whole number from 1 to ${hi} (leave it empty if not asked).`,
          es: `${name} ${v.es} no es un número entero del 1 al ${hi} (déjelo vacío si no se preguntó).`,
        },
      };
    }
    response[key] = x;
  }
  const comment = textOf(cell("comment"));
  if (comment !== "") response.comment = comment;
  return response;
}

/** A score cell that is no answer: empty, or "N/A", "n/a", "NS/NC", "Sin respuesta" and the like. */
function isUnanswered(value: unknown): boolean {
  return isBlank(value) || (typeof value === "string" && isNoAnswer(value));
}

/** The first rows a note names. */
const NOTE_ROWS = 20;

/**
 * Reads the mapped rows into responses; rows with a problem are named and
 * left out, blank rows skipped. A response without a score (empty or "N/A")
 * is "no answer", as the CXM functions treat a blank: counted in a note,
 * not a problem, and not in the NPS.
 */
export function readSurveyRows(input: BuildInput): { responses: SurveyResponse[]; problems: RowProblem[]; notes: ReportNote[] } {
  const at = (key: string) => input.mapping[key] ?? -1;
  const cellOf = (row: unknown[]) => (key: string) => (at(key) >= 0 ? row[at(key)] : "");
  const order = dateOrderOf(
    input.rows.map((r) => cellOf(r)("date")),
    input.language,
  );
  const responses: SurveyResponse[] = [];
  const problems: RowProblem[] = [];
  const unanswered: number[] = [];
  let unansweredCount = 0;
  input.rows.forEach((row, index) => {
    const cell = cellOf(row);
    if (SURVEY_COLUMNS.every((c) => isBlank(cell(c.key)))) return;
    if (isUnanswered(cell("score"))) {
      unansweredCount++;
      if (unanswered.length < NOTE_ROWS) unanswered.push(index);
      return;
    }
    const read = readResponse(cell, order, input.language);
    if ("message" in read) problems.push({ row: index, ...read });
    else responses.push(read);
  });
  const notes: ReportNote[] = [];
  if (unansweredCount > 0) {
    const n = unansweredCount;
    notes.push({
      message: {
        en: `${n.toLocaleString("en-US")} ${n === 1 ? "response has" : "responses have"} no score (empty or N/A): counted as no answer, not in the NPS.`,
        es: `${n.toLocaleString("es-ES")} ${n === 1 ? "respuesta no tiene" : "respuestas no tienen"} puntuación (vacía o N/A): ${n === 1 ? "cuenta" : "cuentan"} como sin respuesta, fuera del NPS.`,
      },
      rows: unanswered,
    });
  }
  return { responses, problems, notes };
}

/** Excel's 1,048,576 rows less the responses sheet's five rows above its data (title, note, build stamp, blank, header). */
const MAX_RESPONSES = 1_048_576 - 5;

function dashboardOf(input: BuildInput) {
  const { confidence, csatMin, blocking } = settingsOf(input);
  if (blocking.length > 0) throw new Error(blocking.map((b) => b[input.language]).join(" "));
  const { responses } = readSurveyRows(input);
  return {
    responses,
    confidence,
    ...surveyDashboard(responses, { confidence, csatSatisfiedMin: csatMin, source: input.sourceLabel || undefined, builtAt: input.builtAt }),
  };
}

function histogram(values: number[], size: number): number[] {
  const h = new Array<number>(size).fill(0);
  for (const v of values) h[v]++;
  return h;
}

export const surveyDashboardDescriptor: TemplateDescriptor = {
  id: "survey-dashboard",
  title: { en: "Survey dashboard (NPS, CSAT, CES)", es: "Panel de encuestas (NPS, CSAT, CES)" },
  description: {
    en: "NPS by month and by segment with confidence intervals, the score distribution, CSAT and CES, from one row per response.",
    es: "NPS por mes y por segmento con intervalos de confianza, la distribución de puntuaciones, CSAT y CES, con una fila por respuesta.",
  },
  columns: SURVEY_COLUMNS,
  options: [CONFIDENCE, CSAT_MIN],

  validate(input: BuildInput): ValidationReport {
    const blocking = [...unmappedColumns(SURVEY_COLUMNS, input.mapping), ...settingsOf(input).blocking];
    if (blocking.length > 0) return { goodRows: 0, problems: [], blocking };
    const { responses, problems, notes } = readSurveyRows(input);
    if (input.rows.length === 0) blocking.push(NO_ROWS);
    else if (responses.length === 0) blocking.push(NO_GOOD_ROWS);
    else if (responses.length > MAX_RESPONSES) {
      // The responses sheet holds them under its title, note, stamp and header: a full column of data does not fit.
      blocking.push({
        en: `${responses.length.toLocaleString("en-US")} responses do not fit on the responses sheet: it holds at most ${MAX_RESPONSES.toLocaleString("en-US")} under its title and header. Split the data by period.`,
        es: `${responses.length.toLocaleString("es-ES")} respuestas no caben en la hoja de respuestas: admite ${MAX_RESPONSES.toLocaleString("es-ES")} como mucho bajo su título y encabezado. Divida los datos por periodo.`,
      });
    }
    return notes.length > 0 ? { goodRows: responses.length, problems, blocking, notes } : { goodRows: responses.length, problems, blocking };
  },

  build: (input: BuildInput) => dashboardOf(input).plan,

  /** A year of seeded responses from three segments (src/templates/sample-data.ts). */
  sample: () => [
    ["Date", "Score (0-10)", "Segment", "CSAT (1-5)", "CES (1-7)", "Comment"],
    ...sampleSurveyResponses().map((r) => [dateFromSerial(r.date), r.score, r.segment ?? "", r.csat ?? "", r.ces ?? "", r.comment ?? ""]),
  ],

  headlines(input: BuildInput): Headline[] {
    const { responses, confidence, layout } = dashboardOf(input);
    const counts = {
      promoters: responses.filter((r) => r.score >= 9).length,
      passives: responses.filter((r) => r.score === 7 || r.score === 8).length,
      detractors: responses.filter((r) => r.score <= 6).length,
    };
    const at = (column: string) => `${layout.columns[column]}${layout.overallRow}`;
    const interval = npsInterval(counts, confidence);
    const out: Headline[] = [
      { label: { en: "Responses", es: "Respuestas" }, value: responses.length, kind: "number", sheet: "dashboard", cell: at("Responses") },
      { label: { en: "NPS", es: "NPS" }, value: npsFromCounts(counts), kind: "points", sheet: "dashboard", cell: at("NPS") },
      { label: { en: "NPS CI low", es: "NPS IC inferior" }, value: interval.low, kind: "points", sheet: "dashboard", cell: at("CI low") },
      { label: { en: "NPS CI high", es: "NPS IC superior" }, value: interval.high, kind: "points", sheet: "dashboard", cell: at("CI high") },
    ];
    const csat = responses.flatMap((r) => (r.csat === undefined ? [] : [r.csat]));
    if (layout.columns.CSAT) {
      const csatMin = settingsOf(input).csatMin;
      out.push({ label: { en: "CSAT", es: "CSAT" }, value: csatFromHistogram(histogram(csat, 6), csatMin), kind: "percent", sheet: "dashboard", cell: at("CSAT") });
    }
    const ces = responses.flatMap((r) => (r.ces === undefined ? [] : [r.ces]));
    if (layout.columns["CES (average)"]) {
      out.push({ label: { en: "CES (average)", es: "CES (media)" }, value: cesFromHistogram(histogram(ces, 8)), kind: "number", sheet: "dashboard", cell: at("CES (average)") });
    }
    return out;
  },
};
