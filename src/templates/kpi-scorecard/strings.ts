/**
 * Every word the KPI scorecard shows, in English and Spanish: the sheet, its
 * blocks, the statuses and directions its formulas write, the task pane's
 * labels and the row problems of a KPI list. The sample KPIs' own words
 * (names, notes, time frames, inputs) are in sample.ts, in both languages
 * too. `es` is typed as `typeof en`, so a missing translation does not build.
 */
import type { Language } from "../registry-types";
import { COMMON } from "../shared/strings";

const en = {
  ...COMMON.en,
  title: "CX KPI scorecard",
  sheetName: "CX scorecard",
  description: "Each KPI against its target, with a met / near / missed status, the gap and a SMART note; actuals can be formulas over named inputs.",
  about: "Status is met when the actual reaches the target, near when it misses by no more than the tolerance, missed otherwise.",

  /** The words the Status formula writes (and the conditional formats colour). */
  status: { met: "met", near: "near", missed: "missed" },
  /** The words of the Better when column (and its drop-down). */
  direction: { higher: "higher", lower: "lower" },

  scorecardTitle: "Scorecard",
  scorecardNote: "Gap to target is positive when the KPI beats its target. Edit targets, tolerances and directions in place.",
  kpi: "KPI",
  betterWhen: "Better when",
  target: "Target",
  actual: "Actual",
  nearWithin: "Near if within",
  statusHeader: "Status",
  gap: "Gap to target",
  timeFrame: "Time frame",
  howComputed: "How it is computed (SMART target)",
  format: "Format",
  note: "Note",
  scorecardTable: "KpiScorecard",

  inputsTitle: "Inputs",
  inputsNote: "The KPI formulas read these named cells (Formulas > Name Manager); update them each period.",
  input: "Input",
  value: "Value",
  name: "Name",
  whatItIs: "What it is",

  /** Row problems of a KPI list: the column's label, the value, then one of these. */
  nameEmpty: "is empty: every KPI needs a name.",
  notFormulaText: 'starts with "=": text here cannot be a formula.',
  notNumber: "is not a number.",
  notNumberOrFormula: 'is not a number or a formula starting with "=".',
  notAllowedFormula: (reason: string) => `is not a formula CXM writes: ${reason} Write a number, or arithmetic over the named inputs.`,
  badDirection: 'must be "higher" or "lower".',
  badTolerance: "must be a number of 0 or more.",
  badFormat: "is not a format: use percent, points, integer, decimal, ratio, $, € or an Excel code such as 0.0%.",
};

export type ScorecardStrings = typeof en;

const es: ScorecardStrings = {
  ...COMMON.es,
  title: "Cuadro de mando de KPI de CX",
  sheetName: "Cuadro de mando CX",
  description: "Cada KPI frente a su objetivo, con estado cumplido / cerca / no cumplido, la diferencia y una nota SMART; los valores pueden ser fórmulas.",
  about: "El estado es «cumplido» cuando el valor real alcanza el objetivo, «cerca» cuando se queda corto como mucho en la tolerancia y «no cumplido» en otro caso.",

  status: { met: "cumplido", near: "cerca", missed: "no cumplido" },
  direction: { higher: "mayor", lower: "menor" },

  scorecardTitle: "Cuadro de mando",
  scorecardNote: "La diferencia es positiva cuando el KPI supera su objetivo. Cambie objetivos, tolerancias y sentidos en la propia tabla.",
  kpi: "Indicador",
  betterWhen: "Mejor si",
  target: "Objetivo",
  actual: "Real",
  nearWithin: "Tolerancia",
  statusHeader: "Estado",
  gap: "Diferencia con el objetivo",
  timeFrame: "Periodo",
  howComputed: "Cómo se calcula (objetivo SMART)",
  format: "Formato",
  note: "Nota",
  scorecardTable: "CuadroDeMandoKPI",

  inputsTitle: "Datos de partida",
  inputsNote: "Las fórmulas de los KPI leen estas celdas con nombre (Fórmulas > Administrador de nombres); actualícelas en cada periodo.",
  input: "Dato",
  value: "Valor",
  name: "Nombre",
  whatItIs: "Qué es",

  nameEmpty: "está vacío: cada indicador necesita un nombre.",
  notFormulaText: "empieza por «=»: aquí el texto no puede ser una fórmula.",
  notNumber: "no es un número.",
  notNumberOrFormula: "no es un número ni una fórmula que empiece por «=».",
  notAllowedFormula: (reason) => `no es una fórmula que CXM escriba: ${reason} Escriba un número, u operaciones con los datos con nombre.`,
  badDirection: "debe ser «mayor» o «menor» (higher / lower).",
  badTolerance: "debe ser un número de 0 o más.",
  badFormat: "no es un formato: use porcentaje, puntos, entero, decimal, ratio, $, € o un código de Excel como 0.0%.",
};

export const SCORECARD_STRINGS: Record<Language, ScorecardStrings> = { en, es };
