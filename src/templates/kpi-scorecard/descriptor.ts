/**
 * The KPI scorecard as the task pane, the CLI and the demo see it. It starts
 * from inputs, not from a data range, so it has no `columns`: in the task
 * pane it holds the sample KPIs (edited in the workbook). From a file (the
 * CLI's --input kpis.csv) it reads one KPI per row through `inputColumns`:
 * name, target and actual, and optionally direction, tolerance, number
 * format, time frame and note.
 *
 * An actual is a number ("85%" and "0,85" in Spanish are read too) or a
 * formula starting with "=" over the sample's named inputs (Promoters,
 * Detractors, Customers_lost… — Promotores, Detractores, Clientes_perdidos…
 * in Spanish) in the allow-list grammar of src/workbook/safe-formula.ts
 * (issue 9: user text never becomes any other formula); when an actual is a
 * formula, the Inputs block is written so the names exist.
 *
 * Rows are read in one place, prepare(); aggregate.ts computes each actual's
 * value; sheets.ts lays the sheet out from the aggregate alone.
 */
import { churnRate, firstContactResolution } from "../../metrics/customers";
import { ltv, ltvToCac } from "../../metrics/ltv";
import { npsFromCounts } from "../../metrics/nps";
import { nrr } from "../../metrics/revenue-retention";
import { checkUserFormula } from "../../workbook/safe-formula";
import { currencyFormat, FORMATS } from "../../workbook/styles";
import { isBlank, numberOf, shown, textOf } from "../cells";
import { NO_GOOD_ROWS, unmappedColumns } from "../descriptor-kit";
import type { BuildInput, ColumnSpec, Headline, Language, Localized, RowProblem, TemplateDescriptor, ValidationReport } from "../registry-types";
import { stopIfBlocking } from "../shared/errors";
import { both } from "../shared/language";
import { sourceFacts } from "../shared/strings";
import { ScorecardAggregate, scorecardAggregate } from "./aggregate";
import { FORMAT_WORD, KpiDirection, kpiSample, KpiSpec, SAMPLE_VALUES, SampleKpiId, sampleInputs, sampleKpis } from "./sample";
import { ScorecardSheets, scorecardSheets } from "./sheets";
import { SCORECARD_STRINGS, ScorecardStrings } from "./strings";

const tr = (pick: (t: ScorecardStrings) => string): Localized => both(SCORECARD_STRINGS, pick);

export const KPI_COLUMNS: ColumnSpec[] = [
  { key: "name", label: tr((t) => t.kpi), required: true, kind: "text", synonyms: ["kpi", "kpi name", "name", "metric", "indicador", "nombre", "metrica", "kpi nombre"] },
  { key: "target", label: tr((t) => t.target), required: true, kind: "number", synonyms: ["target", "objetivo", "meta", "goal"] },
  { key: "actual", label: tr((t) => t.actual), required: true, kind: "number", synonyms: ["actual", "real", "value", "valor", "current", "actual value", "valor actual", "resultado"] },
  {
    key: "direction",
    label: tr((t) => t.betterWhen),
    required: false,
    kind: "text",
    synonyms: ["direction", "better when", "better", "direccion", "mejor si", "sentido", "polarity", "polaridad"],
  },
  {
    key: "nearWithin",
    label: tr((t) => t.nearWithin),
    required: false,
    kind: "number",
    synonyms: ["near if within", "near within", "tolerance", "tolerancia", "margin", "margen", "cerca si a menos de"],
  },
  { key: "format", label: tr((t) => t.format), required: false, kind: "text", synonyms: ["format", "formato", "unit", "unidad", "number format"] },
  { key: "timeFrame", label: tr((t) => t.timeFrame), required: false, kind: "text", synonyms: ["time frame", "timeframe", "period", "periodo", "plazo"] },
  {
    key: "note",
    label: tr((t) => t.note),
    required: false,
    kind: "text",
    synonyms: ["note", "notes", "nota", "notas", "how it is computed", "description", "descripcion", "comment", "comentario"],
  },
];

const HIGHER = new Set(["higher", "high", "up", "more", "increase", "mayor", "alto", "mas", "arriba", "subir", "max", "maximize"]);
const LOWER = new Set(["lower", "low", "down", "less", "decrease", "menor", "bajo", "menos", "abajo", "bajar", "min", "minimize"]);

/** "Higher is better", "mayor", "más", "down"… as a direction (first word decides); undefined when unreadable. */
export function directionOf(value: unknown): KpiDirection | undefined {
  if (isBlank(value)) return "higher";
  const word = textOf(value).normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().split(/[\s_-]+/)[0];
  return HIGHER.has(word) ? "higher" : LOWER.has(word) ? "lower" : undefined;
}

/** Named formats people write in a KPI list; anything else must look like an Excel number format code. */
const FORMAT_WORDS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(FORMAT_WORD.en).map(([format, word]) => [word, format])),
  ...Object.fromEntries(Object.entries(FORMAT_WORD.es).map(([format, word]) => [word, format])),
  percentage: FORMATS.percent,
  "%": FORMATS.percent,
  number: FORMATS.decimal2,
  numero: FORMATS.decimal2,
  count: FORMATS.integer,
  $: currencyFormat("$", 0),
  "€": currencyFormat("€", 0),
  "£": currencyFormat("£", 0),
  money: currencyFormat("$", 0),
  dinero: currencyFormat("€", 0),
  hours: FORMATS.points,
  horas: FORMATS.points,
};
const FORMAT_CODE = /^[0#.,%$€£"x ]+$/;

/** The Excel number format of a KPI: a named one, a code, or guessed from the target ("85%" -> percent). */
function formatOf(value: unknown, target: unknown): string | undefined {
  const t = textOf(value);
  if (t === "") return typeof target === "string" && target.trim().endsWith("%") ? FORMATS.percent : FORMATS.points;
  const word = t.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  return FORMAT_WORDS[word] ?? (FORMAT_CODE.test(t) ? t : undefined);
}

/** The defined names a KPI list's formulas may use: the sample inputs' names in the build's language. */
export function allowedNames(language: Language): string[] {
  return sampleInputs(language).map((i) => i.name);
}

/** Reads KPI rows through the mapping; rows with a problem are named and left out, blank rows skipped. */
export function readKpiRows(input: BuildInput): { kpis: KpiSpec[]; problems: RowProblem[] } {
  const cell = (row: unknown[], key: string) => (input.mapping[key] >= 0 ? row[input.mapping[key]] : "");
  const label = (key: string) => KPI_COLUMNS.find((c) => c.key === key)!.label;
  const names = allowedNames(input.language);
  const kpis: KpiSpec[] = [];
  const problems: RowProblem[] = [];
  input.rows.forEach((row, index) => {
    if (KPI_COLUMNS.every((c) => isBlank(cell(row, c.key)))) return;
    const bad = (key: string, rule: (t: ScorecardStrings) => string) => {
      const value = shown(cell(row, key));
      const message = { en: `${label(key).en} ${value.en} ${rule(SCORECARD_STRINGS.en)}`, es: `${label(key).es} ${value.es} ${rule(SCORECARD_STRINGS.es)}` };
      problems.push({ row: index, column: key, message });
    };
    const name = textOf(cell(row, "name"));
    if (name === "") return bad("name", (t) => t.nameEmpty);
    for (const key of ["name", "timeFrame", "note"]) {
      if (textOf(cell(row, key)).startsWith("=")) return bad(key, (t) => t.notFormulaText);
    }
    const target = numberOf(cell(row, "target"), input.language);
    if (Number.isNaN(target)) return bad("target", (t) => t.notNumber);
    const rawActual = cell(row, "actual");
    const actual = typeof rawActual === "string" && rawActual.trim().startsWith("=") ? rawActual.trim() : numberOf(rawActual, input.language);
    if (typeof actual === "number" && Number.isNaN(actual)) return bad("actual", (t) => t.notNumberOrFormula);
    if (typeof actual === "string") {
      // Only the allow-list grammar becomes a formula (arithmetic over the named inputs); the rest would be text.
      const check = checkUserFormula(actual, { names, cells: false });
      if (!check.ok) {
        const reason = check.reason;
        return bad("actual", (t) => t.notAllowedFormula(t === SCORECARD_STRINGS.es ? reason.es : reason.en));
      }
    }
    const direction = directionOf(cell(row, "direction"));
    if (!direction) return bad("direction", (t) => t.badDirection);
    const near = isBlank(cell(row, "nearWithin")) ? 0 : numberOf(cell(row, "nearWithin"), input.language);
    if (!(near >= 0)) return bad("nearWithin", (t) => t.badTolerance);
    const format = formatOf(cell(row, "format"), cell(row, "target"));
    if (!format) return bad("format", (t) => t.badFormat);
    kpis.push({ name, direction, target, nearWithin: near, actual, format, timeFrame: textOf(cell(row, "timeFrame")), note: textOf(cell(row, "note")) });
  });
  return { kpis, problems };
}

interface Prepared {
  kpis: (KpiSpec & { id?: SampleKpiId })[];
  /** The KPIs are the built-in sample's (no rows, or the sample list read back). */
  sample: boolean;
  report: ValidationReport;
}

/** The one place rows are read: the KPI list (or the sample when there are no rows), and the report. */
function prepare(input: BuildInput): Prepared {
  const samples = sampleKpis(input.language);
  if (input.rows.length === 0) return { kpis: samples, sample: true, report: { goodRows: 0, problems: [], blocking: [] } };
  const blocking = unmappedColumns(KPI_COLUMNS, input.mapping);
  if (blocking.length > 0) return { kpis: [], sample: false, report: { goodRows: 0, problems: [], blocking } };
  const { kpis, problems } = readKpiRows(input);
  if (kpis.length === 0) blocking.push(NO_GOOD_ROWS);
  // The sample's own list, read back from a file or sheet, is still the sample (its words are the template's).
  const same = (k: KpiSpec, s: KpiSpec) =>
    k.name === s.name && k.direction === s.direction && k.target === s.target && k.nearWithin === s.nearWithin && k.actual === s.actual && k.format === s.format && k.timeFrame === s.timeFrame && k.note === s.note;
  const sample = kpis.length === samples.length && kpis.every((k, i) => same(k, samples[i]));
  return { kpis: sample ? samples : kpis, sample, report: { goodRows: kpis.length, problems, blocking } };
}

function build(input: BuildInput): ScorecardSheets & { agg: ScorecardAggregate } {
  const { kpis, sample, report } = prepare(input);
  stopIfBlocking(report, input.language);
  const agg = scorecardAggregate(kpis, sampleInputs(input.language), sample);
  const used = input.rows.length === 0 ? kpis.length : report.goodRows;
  const source = input.rows.length === 0 ? { ...input, sourceLabel: SCORECARD_STRINGS[input.language].sampleSource } : input;
  const sheets = scorecardSheets(agg, { source: sourceFacts(source, used, report.problems.length) }, SCORECARD_STRINGS[input.language]);
  return { ...sheets, agg };
}

/** What the metrics core gives for each sample KPI, from the sample inputs (the published definitions, not the sheet's formulas). */
export function sampleKpiValue(id: SampleKpiId): number {
  const v = SAMPLE_VALUES;
  const churn = churnRate(v.customersStart, v.customersLost);
  switch (id) {
    case "nps":
      return npsFromCounts({ promoters: v.promoters, passives: v.passives, detractors: v.detractors });
    case "csat":
      return v.csatSatisfied / v.csatResponses;
    case "ces":
      return v.cesAverage;
    case "churn":
      return churn;
    case "nrr":
      return nrr(v.mrrStart, v.mrrExpansion, v.mrrContraction, v.mrrChurned);
    case "fcr":
      return firstContactResolution(v.casesFirstContact, v.casesTotal);
    case "ltvcac":
      return ltvToCac(ltv(v.arpa, v.grossMargin, churn), v.cac);
    case "responseTime":
      return 5.1;
  }
}

/** A sample KPI's name in a language. */
const nameOf = (language: Language, id: SampleKpiId) => sampleKpis(language).find((k) => k.id === id)!.name;

const HEADLINE_KIND: Record<string, Headline["kind"]> = {
  [FORMATS.percent]: "percent",
  [FORMATS.percent0]: "percent",
  [FORMATS.ratio]: "ratio",
  [FORMATS.points]: "points",
};

/** Each KPI's actual: the core's value for the sample KPIs, the typed number or the formula's value for the others. */
function headlines(input: BuildInput): Headline[] {
  const { agg, actualCells } = build(input);
  const out: Headline[] = [];
  agg.kpis.forEach((k, i) => {
    const value = k.id ? sampleKpiValue(k.id) : k.value;
    if (typeof value !== "number") return;
    const label = k.id ? { en: nameOf("en", k.id), es: nameOf("es", k.id) } : { en: k.name, es: k.name };
    out.push({ label, value, kind: HEADLINE_KIND[k.format] ?? "number", sheet: "scorecard", cell: actualCells[i] });
  });
  return out;
}

export const kpiScorecardTemplate: TemplateDescriptor = {
  id: "kpi-scorecard",
  title: tr((t) => t.title),
  description: tr((t) => t.description),
  columns: [],
  inputColumns: KPI_COLUMNS,
  options: [],
  validate: (input) => prepare(input).report,
  build: (input) => build(input).plan,
  sample: kpiSample,
  headlines,
};

/** The pure parts, for tests. */
export const kpiScorecardParts = { build, prepare };
