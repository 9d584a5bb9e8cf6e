/**
 * The KPI scorecard as the task pane, the CLI and the demo see it. It starts
 * from inputs, not from a data range, so it has no `columns`: in the task
 * pane it holds the sample KPIs (edited in the workbook). From a file (the
 * CLI's --input kpis.csv) it reads one KPI per row through `inputColumns`:
 * name, target and actual, and optionally direction, tolerance, number
 * format, time frame and note.
 *
 * An actual is a number ("85%" and "0,85" in Spanish are read too) or a
 * formula starting with "=" over the named inputs of the sample (Promoters,
 * Detractors, Customers_lost…): when any actual is a formula, the Inputs
 * block is written so the names exist.
 */
import { churnRate, firstContactResolution } from "../metrics/customers";
import { ltv, ltvToCac } from "../metrics/ltv";
import { npsFromCounts } from "../metrics/nps";
import { nrr } from "../metrics/revenue-retention";
import { currencyFormat, FORMATS } from "../workbook/styles";
import { checkUserFormula } from "../workbook/safe-formula";
import { isBlank, numberOf, shown, textOf } from "./cells";
import { NO_GOOD_ROWS, unmappedColumns } from "./descriptor-kit";
import {
  KpiDirection,
  kpiScorecard,
  KpiSpec,
  SAMPLE_KPIS,
  SAMPLE_SCORECARD_INPUTS,
  SCORECARD_COLUMNS,
  SCORECARD_FIRST_ROW,
} from "./kpi-scorecard";
import type { BuildInput, ColumnSpec, Headline, Localized, RowProblem, TemplateDescriptor, ValidationReport } from "./registry-types";

export const KPI_COLUMNS: ColumnSpec[] = [
  { key: "name", label: { en: "KPI", es: "Indicador" }, required: true, kind: "text", synonyms: ["kpi", "kpi name", "name", "metric", "indicador", "nombre", "metrica", "kpi nombre"] },
  { key: "target", label: { en: "Target", es: "Objetivo" }, required: true, kind: "number", synonyms: ["target", "objetivo", "meta", "goal"] },
  { key: "actual", label: { en: "Actual", es: "Real" }, required: true, kind: "number", synonyms: ["actual", "real", "value", "valor", "current", "actual value", "valor actual", "resultado"] },
  {
    key: "direction",
    label: { en: "Better when", es: "Mejor si" },
    required: false,
    kind: "text",
    synonyms: ["direction", "better when", "better", "direccion", "mejor si", "sentido", "polarity", "polaridad"],
  },
  {
    key: "nearWithin",
    label: { en: "Near if within", es: "Cerca si a menos de" },
    required: false,
    kind: "number",
    synonyms: ["near if within", "near within", "tolerance", "tolerancia", "margin", "margen", "cerca si a menos de"],
  },
  { key: "format", label: { en: "Format", es: "Formato" }, required: false, kind: "text", synonyms: ["format", "formato", "unit", "unidad", "number format"] },
  { key: "timeFrame", label: { en: "Time frame", es: "Periodo" }, required: false, kind: "text", synonyms: ["time frame", "timeframe", "period", "periodo", "plazo"] },
  {
    key: "note",
    label: { en: "Note", es: "Nota" },
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
  percent: FORMATS.percent,
  percentage: FORMATS.percent,
  porcentaje: FORMATS.percent,
  "%": FORMATS.percent,
  points: FORMATS.points,
  puntos: FORMATS.points,
  decimal: FORMATS.decimal2,
  number: FORMATS.decimal2,
  numero: FORMATS.decimal2,
  integer: FORMATS.integer,
  entero: FORMATS.integer,
  count: FORMATS.integer,
  ratio: FORMATS.ratio,
  $: currencyFormat("$", 0),
  "€": currencyFormat("€", 0),
  "£": currencyFormat("£", 0),
  money: currencyFormat("$", 0),
  dinero: currencyFormat("€", 0),
  hours: FORMATS.points,
  horas: FORMATS.points,
};
const FORMAT_CODE = /^[0#.,%$€£"x ]+$/;

/** "percent" for "0.0%": the word a person would write (a code like "0.0" would be read back from a CSV as a number). */
function formatWord(format: string): string {
  return Object.keys(FORMAT_WORDS).find((word) => FORMAT_WORDS[word] === format) ?? format;
}

/** The Excel number format of a KPI: a named one, a code, or guessed from the target ("85%" -> percent). */
function formatOf(value: unknown, target: unknown): string | undefined {
  const t = textOf(value);
  if (t === "") return typeof target === "string" && target.trim().endsWith("%") ? FORMATS.percent : FORMATS.points;
  const word = t.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  return FORMAT_WORDS[word] ?? (FORMAT_CODE.test(t) ? t : undefined);
}

function problemText(what: Localized, value: unknown, rule: Localized): RowProblem["message"] {
  return { en: `${what.en} ${shown(value).en} ${rule.en}`, es: `${what.es} ${shown(value).es} ${rule.es}` };
}

/** Reads KPI rows through the mapping; rows with a problem are named and left out, blank rows skipped. */
export function readKpiRows(input: BuildInput): { kpis: KpiSpec[]; problems: RowProblem[] } {
  const cell = (row: unknown[], key: string) => (input.mapping[key] >= 0 ? row[input.mapping[key]] : "");
  const label = (key: string) => KPI_COLUMNS.find((c) => c.key === key)!.label;
  const kpis: KpiSpec[] = [];
  const problems: RowProblem[] = [];
  input.rows.forEach((row, index) => {
    if (KPI_COLUMNS.every((c) => isBlank(cell(row, c.key)))) return;
    const bad = (key: string, rule: Localized) => {
      problems.push({ row: index, column: key, message: problemText(label(key), cell(row, key), rule) });
    };
    const name = textOf(cell(row, "name"));
    if (name === "") return bad("name", { en: "is empty: every KPI needs a name.", es: "está vacío: cada indicador necesita un nombre." });
    for (const key of ["name", "timeFrame", "note"]) {
      if (textOf(cell(row, key)).startsWith("=")) {
        return bad(key, { en: 'starts with "=": text here cannot be a formula.', es: "empieza por «=»: aquí el texto no puede ser una fórmula." });
      }
    }
    const target = numberOf(cell(row, "target"), input.language);
    if (Number.isNaN(target)) return bad("target", { en: "is not a number.", es: "no es un número." });
    const rawActual = cell(row, "actual");
    const actual = typeof rawActual === "string" && rawActual.trim().startsWith("=") ? rawActual.trim() : numberOf(rawActual, input.language);
    if (typeof actual === "number" && Number.isNaN(actual)) {
      return bad("actual", { en: 'is not a number or a formula starting with "=".', es: "no es un número ni una fórmula que empiece por «=»." });
    }
    if (typeof actual === "string") {
      // Only the allow-list grammar becomes a formula (arithmetic over the named inputs); the rest would be text.
      const check = checkUserFormula(actual, { names: SAMPLE_SCORECARD_INPUTS.map((i) => i.name) });
      if (!check.ok) {
        return bad("actual", {
          en: `is not a formula CXM writes: ${check.reason.en} Write a number, or arithmetic over the named inputs.`,
          es: `no es una fórmula que CXM escriba: ${check.reason.es} Escriba un número, u operaciones con los datos con nombre.`,
        });
      }
    }
    const direction = directionOf(cell(row, "direction"));
    if (!direction) return bad("direction", { en: 'must be "higher" or "lower".', es: "debe ser «mayor» o «menor» (higher / lower)." });
    const near = isBlank(cell(row, "nearWithin")) ? 0 : numberOf(cell(row, "nearWithin"), input.language);
    if (!(near >= 0)) return bad("nearWithin", { en: "must be a number of 0 or more.", es: "debe ser un número de 0 o más." });
    const format = formatOf(cell(row, "format"), cell(row, "target"));
    if (!format) {
      return bad("format", {
        en: "is not a format: use percent, points, integer, decimal, ratio, $, € or an Excel code such as 0.0%.",
        es: "no es un formato: use porcentaje, puntos, entero, decimal, ratio, $, € o un código de Excel como 0.0%.",
      });
    }
    kpis.push({ name, direction, target, nearWithin: near, actual, format, timeFrame: textOf(cell(row, "timeFrame")), note: textOf(cell(row, "note")) });
  });
  return { kpis, problems };
}

/** The KPIs to build: from the rows when there are any, else the samples. */
function kpisOf(input: BuildInput): KpiSpec[] {
  return input.rows.length === 0 ? SAMPLE_KPIS : readKpiRows(input).kpis;
}

/** What the metrics core gives for a sample KPI's formula, over the sample inputs. */
function sampleActual(formula: string): number | undefined {
  const v = Object.fromEntries(SAMPLE_SCORECARD_INPUTS.map((i) => [i.name, i.value]));
  const churn = () => churnRate(v.Customers_start, v.Customers_lost);
  const formulaOf = (name: string) => SAMPLE_KPIS.find((k) => k.name === name)?.actual ?? "";
  const byFormula: Record<string, () => number> = {
    [formulaOf("NPS")]: () => npsFromCounts({ promoters: v.Promoters, passives: v.Passives, detractors: v.Detractors }),
    [formulaOf("Customer churn (monthly)")]: churn,
    [formulaOf("Net revenue retention")]: () => nrr(v.MRR_start, v.MRR_expansion, v.MRR_contraction, v.MRR_churned),
    [formulaOf("First contact resolution")]: () => firstContactResolution(v.Cases_first_contact, v.Cases_total),
    [formulaOf("LTV:CAC")]: () => ltvToCac(ltv(v.SC_ARPA, v.SC_gross_margin, churn()), v.SC_CAC),
  };
  return byFormula[formula]?.();
}

const HEADLINE_KIND: Record<string, Headline["kind"]> = {
  [FORMATS.percent]: "percent",
  [FORMATS.percent0]: "percent",
  [FORMATS.ratio]: "ratio",
  [FORMATS.points]: "points",
};

export const kpiScorecardDescriptor: TemplateDescriptor = {
  id: "kpi-scorecard",
  title: { en: "CX KPI scorecard", es: "Cuadro de mando de KPI de CX" },
  description: {
    en: "Each KPI against its target, with a met / near / missed status, the gap and a SMART note; actuals can be formulas over named inputs.",
    es: "Cada KPI frente a su objetivo, con estado cumplido / cerca / no cumplido, la diferencia y una nota SMART; los valores pueden ser fórmulas.",
  },
  columns: [],
  inputColumns: KPI_COLUMNS,
  options: [],

  validate(input: BuildInput): ValidationReport {
    if (input.rows.length === 0) return { goodRows: 0, problems: [], blocking: [] };
    const blocking = unmappedColumns(KPI_COLUMNS, input.mapping);
    if (blocking.length > 0) return { goodRows: 0, problems: [], blocking };
    const { kpis, problems } = readKpiRows(input);
    if (kpis.length === 0) blocking.push(NO_GOOD_ROWS);
    return { goodRows: kpis.length, problems, blocking };
  },

  build(input: BuildInput) {
    const kpis = kpisOf(input);
    if (kpis === SAMPLE_KPIS) return kpiScorecard();
    const formulas = kpis.some((k) => typeof k.actual === "string");
    return kpiScorecard(kpis, { inputs: formulas ? SAMPLE_SCORECARD_INPUTS : [] });
  },

  /** The sample KPIs as a list a team could keep in a spreadsheet or CSV (formulas use the sample's named inputs). */
  sample: () => [
    ["KPI", "Better when", "Target", "Actual", "Near if within", "Format", "Time frame", "Note"],
    ...SAMPLE_KPIS.map((k) => [k.name, k.direction, k.target, k.actual, k.nearWithin, formatWord(k.format), k.timeFrame, k.note]),
  ],

  headlines(input: BuildInput): Headline[] {
    const out: Headline[] = [];
    kpisOf(input).forEach((k, i) => {
      const value = typeof k.actual === "number" ? k.actual : sampleActual(k.actual);
      if (value === undefined) return;
      out.push({
        label: { en: k.name, es: k.name },
        value,
        kind: HEADLINE_KIND[k.format] ?? "number",
        sheet: "scorecard",
        cell: `${SCORECARD_COLUMNS.actual}${SCORECARD_FIRST_ROW + i}`,
      });
    });
    return out;
  },
};
