/**
 * The scorecard's sample: eight CX KPIs of a mid-sized SaaS business for one
 * quarter, with SMART notes, and the named inputs their actuals are computed
 * from — in English and in Spanish (KPI names, notes, time frames, input
 * labels and the defined names themselves), so a Spanish scorecard reads
 * "Abandono de clientes (mensual)", not "Customer churn (monthly)". The
 * figures are the same in both languages.
 *
 * `kpiSample(language)` is the KPI list as a team would keep it in a
 * spreadsheet or CSV (the CLI's --input reads the same shape).
 */
import { FORMATS } from "../../workbook/styles";
import type { Language } from "../registry-types";
import { moneyFormat } from "../shared/money";
import { SCORECARD_STRINGS } from "./strings";

export type KpiDirection = "higher" | "lower";

export interface KpiSpec {
  /** What is measured, e.g. "NPS". */
  name: string;
  /** "higher" when more is better (NPS, CSAT), "lower" when less is (churn, response time). */
  direction: KpiDirection;
  target: number;
  /** How far on the wrong side of the target still counts as "near", in the KPI's own unit (5 NPS points, 0.02 for 2 pp). */
  nearWithin: number;
  /** A number, or a formula ("=…") over the named inputs in the allow-list grammar (src/workbook/safe-formula.ts). */
  actual: number | string;
  /** Excel number format of target, actual and gap, e.g. "0.0%". */
  format: string;
  /** The period the target is for (the T of SMART). */
  timeFrame: string;
  /** How the KPI is computed and where the target comes from. */
  note: string;
}

/** A named input cell the actuals' formulas use. */
export interface ScorecardInput {
  label: string;
  /** Defined name of the cell, e.g. "Promoters" ("Promotores" in Spanish). */
  name: string;
  value: number;
  format: string;
  note: string;
}

/** The sample KPIs, by what the metrics core computes for them (descriptor.ts headlines). */
export type SampleKpiId = "nps" | "csat" | "ces" | "churn" | "nrr" | "fcr" | "ltvcac" | "responseTime";

/** The inputs' values, by a key that does not change with the language. */
export const SAMPLE_VALUES = {
  promoters: 412,
  passives: 288,
  detractors: 150,
  csatResponses: 800,
  csatSatisfied: 640,
  cesAverage: 5.6,
  customersStart: 2000,
  customersLost: 46,
  mrrStart: 250000,
  mrrExpansion: 20000,
  mrrContraction: 5000,
  mrrChurned: 7500,
  casesTotal: 4000,
  casesFirstContact: 3400,
  arpa: 120,
  grossMargin: 0.8,
  cac: 900,
} as const;

type InputKey = keyof typeof SAMPLE_VALUES;

/** Label, defined name and note of each input, per language. */
const INPUT_WORDS: Record<Language, Record<InputKey, [string, string, string]>> = {
  en: {
    promoters: ["NPS promoters (9-10)", "Promoters", "Answers of 9 or 10 this quarter."],
    passives: ["NPS passives (7-8)", "Passives", "Answers of 7 or 8."],
    detractors: ["NPS detractors (0-6)", "Detractors", "Answers of 0 to 6."],
    csatResponses: ["CSAT responses", "CSAT_responses", "Answers to the 1-5 satisfaction question."],
    csatSatisfied: ["CSAT satisfied (4-5)", "CSAT_satisfied", "Answers of 4 or 5 (top-2-box)."],
    cesAverage: ["CES average (1-7)", "CES_average", 'Mean answer to "It was easy to handle my issue", 7 = strongly agree.'],
    customersStart: ["Customers at start of month", "Customers_start", "Paying customers on day 1."],
    customersLost: ["Customers lost in the month", "Customers_lost", "Of those, customers who cancelled."],
    mrrStart: ["MRR at start", "MRR_start", "Monthly recurring revenue of the starting customers."],
    mrrExpansion: ["Expansion MRR", "MRR_expansion", "Upgrades of those customers."],
    mrrContraction: ["Contraction MRR", "MRR_contraction", "Downgrades."],
    mrrChurned: ["Churned MRR", "MRR_churned", "MRR of cancelled customers."],
    casesTotal: ["Support cases", "Cases_total", "Cases closed this quarter."],
    casesFirstContact: ["Cases resolved on first contact", "Cases_first_contact", "Closed without a second contact."],
    arpa: ["ARPA (per month)", "SC_ARPA", "MRR / paying accounts."],
    grossMargin: ["Gross margin", "SC_gross_margin", "Share of revenue after cost of service."],
    cac: ["CAC", "SC_CAC", "Sales and marketing spend / new customers."],
  },
  es: {
    promoters: ["Promotores NPS (9-10)", "Promotores", "Respuestas de 9 o 10 este trimestre."],
    passives: ["Pasivos NPS (7-8)", "Pasivos", "Respuestas de 7 u 8."],
    detractors: ["Detractores NPS (0-6)", "Detractores", "Respuestas de 0 a 6."],
    csatResponses: ["Respuestas CSAT", "CSAT_respuestas", "Respuestas a la pregunta de satisfacción de 1 a 5."],
    csatSatisfied: ["CSAT satisfechos (4-5)", "CSAT_satisfechos", "Respuestas de 4 o 5 (las dos mejores)."],
    cesAverage: ["CES medio (1-7)", "CES_media", "Respuesta media a «Me resultó fácil resolver mi gestión», 7 = totalmente de acuerdo."],
    customersStart: ["Clientes al inicio del mes", "Clientes_inicio", "Clientes de pago el día 1."],
    customersLost: ["Clientes perdidos en el mes", "Clientes_perdidos", "De ellos, los que se dieron de baja."],
    mrrStart: ["MRR al inicio", "MRR_inicio", "Ingresos recurrentes mensuales de los clientes del inicio."],
    mrrExpansion: ["MRR de ampliación", "MRR_ampliacion", "Mejoras de plan de esos clientes."],
    mrrContraction: ["MRR de reducción", "MRR_reduccion", "Rebajas de plan."],
    mrrChurned: ["MRR perdido", "MRR_perdido", "MRR de los clientes que se dieron de baja."],
    casesTotal: ["Casos de soporte", "Casos_total", "Casos cerrados este trimestre."],
    casesFirstContact: ["Casos resueltos al primer contacto", "Casos_primer_contacto", "Cerrados sin un segundo contacto."],
    arpa: ["ARPA (mensual)", "SC_ARPA", "MRR / cuentas de pago."],
    grossMargin: ["Margen bruto", "SC_margen_bruto", "Parte de los ingresos tras el coste del servicio."],
    cac: ["CAC", "SC_CAC", "Gasto de ventas y marketing / clientes nuevos."],
  },
};

const INPUT_FORMATS = (language: Language): Record<InputKey, string> => {
  const money = (decimals: number) => moneyFormat(undefined, language, decimals);
  return {
    promoters: FORMATS.integer,
    passives: FORMATS.integer,
    detractors: FORMATS.integer,
    csatResponses: FORMATS.integer,
    csatSatisfied: FORMATS.integer,
    cesAverage: FORMATS.decimal2,
    customersStart: FORMATS.integer,
    customersLost: FORMATS.integer,
    mrrStart: money(0),
    mrrExpansion: money(0),
    mrrContraction: money(0),
    mrrChurned: money(0),
    casesTotal: FORMATS.integer,
    casesFirstContact: FORMATS.integer,
    arpa: money(2),
    grossMargin: FORMATS.percent,
    cac: money(0),
  };
};

/** The sample's named inputs in a language. */
export function sampleInputs(language: Language): ScorecardInput[] {
  const words = INPUT_WORDS[language];
  const formats = INPUT_FORMATS(language);
  return (Object.keys(SAMPLE_VALUES) as InputKey[]).map((key) => {
    const [label, name, note] = words[key];
    return { label, name, value: SAMPLE_VALUES[key], format: formats[key], note };
  });
}

/** The defined name of an input in a language: n("en", "promoters") -> "Promoters". */
const n = (language: Language, key: InputKey) => INPUT_WORDS[language][key][1];

/** The sample KPIs in a language, each with the id the metrics core knows it by. */
export function sampleKpis(language: Language): (KpiSpec & { id: SampleKpiId })[] {
  const v = (key: InputKey) => n(language, key);
  const es = language === "es";
  const quarter = es ? "Este trimestre" : "This quarter";
  const lastMonth = es ? "Mes pasado" : "Last month";
  return [
    {
      id: "nps",
      name: "NPS",
      direction: "higher",
      target: 35,
      nearWithin: 5,
      actual: `=(${v("promoters")}-${v("detractors")})/(${v("promoters")}+${v("passives")}+${v("detractors")})*100`,
      format: FORMATS.points,
      timeFrame: quarter,
      note: es
        ? "% de promotores (9-10) menos % de detractores (0-6), en puntos; =CXM.NPS. Objetivo: 5 puntos más que los 30 del trimestre pasado."
        : "% promoters (9-10) minus % detractors (0-6), in points; =CXM.NPS. Target: +5 points on last quarter's 30.",
    },
    {
      id: "csat",
      name: "CSAT",
      direction: "higher",
      target: 0.85,
      nearWithin: 0.03,
      actual: `=${v("csatSatisfied")}/${v("csatResponses")}`,
      format: FORMATS.percent,
      timeFrame: quarter,
      note: es
        ? "Parte de respuestas 4-5 en la escala de 1 a 5 (las dos mejores); =CXM.CSAT. Objetivo: la referencia del sector, 85 %."
        : "Share of 4-5 answers on the 1-5 scale (top-2-box); =CXM.CSAT. Target: the industry benchmark of 85%.",
    },
    {
      id: "ces",
      name: es ? "CES (media, 1-7)" : "CES (average, 1-7)",
      direction: "higher",
      target: 5.5,
      nearWithin: 0.3,
      actual: `=${v("cesAverage")}`,
      format: FORMATS.decimal2,
      timeFrame: quarter,
      note: es
        ? "Acuerdo medio con «la empresa me facilitó resolver mi gestión» (CES 2.0, 7 = lo más fácil); =CXM.CES."
        : 'Mean agreement with "the company made it easy to handle my issue" (CES 2.0, 7 = easiest); =CXM.CES.',
    },
    {
      id: "churn",
      name: es ? "Abandono de clientes (mensual)" : "Customer churn (monthly)",
      direction: "lower",
      target: 0.02,
      nearWithin: 0.005,
      actual: `=${v("customersLost")}/${v("customersStart")}`,
      format: FORMATS.percent,
      timeFrame: lastMonth,
      note: es
        ? "Clientes perdidos / clientes al inicio del mes; =CXM.CHURN. Objetivo: 2 % al mes (cerca del 22 % al año)."
        : "Customers lost / customers at the start of the month; =CXM.CHURN. Target: 2% a month (about 22% a year).",
    },
    {
      id: "nrr",
      name: es ? "Retención neta de ingresos" : "Net revenue retention",
      direction: "higher",
      target: 1,
      nearWithin: 0.03,
      actual: `=(${v("mrrStart")}+${v("mrrExpansion")}-${v("mrrContraction")}-${v("mrrChurned")})/${v("mrrStart")}`,
      format: FORMATS.percent,
      timeFrame: lastMonth,
      note: es
        ? "(MRR inicial + ampliación − reducción − perdido) / MRR inicial, sin clientes nuevos; =CXM.NRR. Objetivo: 100 % o más."
        : "(Start MRR + expansion - contraction - churned) / start MRR, new customers excluded; =CXM.NRR. Target: 100% or more.",
    },
    {
      id: "fcr",
      name: es ? "Resolución al primer contacto" : "First contact resolution",
      direction: "higher",
      target: 0.8,
      nearWithin: 0.05,
      actual: `=${v("casesFirstContact")}/${v("casesTotal")}`,
      format: FORMATS.percent,
      timeFrame: quarter,
      note: es
        ? "Casos resueltos en el primer contacto / todos los casos; =CXM.FCR. Objetivo: 80 %, la norma de los centros de contacto (SQM Group)."
        : "Cases resolved in the first contact / all cases; =CXM.FCR. Target: 80%, the contact-centre norm (SQM Group).",
    },
    {
      id: "ltvcac",
      name: "LTV:CAC",
      direction: "higher",
      target: 3,
      nearWithin: 0.5,
      actual: `=${v("arpa")}*${v("grossMargin")}/(${v("customersLost")}/${v("customersStart")})/${v("cac")}`,
      format: FORMATS.ratio,
      timeFrame: lastMonth,
      note: es
        ? "LTV (ARPA × margen bruto / abandono mensual) / CAC; =CXM.LTV y =CXM.LTVCAC. Objetivo: 3 o más."
        : "LTV (ARPA x gross margin / monthly churn) / CAC; =CXM.LTV and =CXM.LTVCAC. Target: 3 or more.",
    },
    {
      id: "responseTime",
      name: es ? "Tiempo de primera respuesta (horas)" : "First response time (hours)",
      direction: "lower",
      target: 4,
      nearWithin: 1,
      actual: 5.1,
      format: FORMATS.points,
      timeFrame: quarter,
      note: es
        ? "Mediana de horas entre el primer mensaje del cliente y la primera respuesta de una persona, del informe del servicio de ayuda (tecleado)."
        : "Median hours from a customer's first message to the first human reply, from the help desk report (typed in).",
    },
  ];
}

/** Words a person writes for the number formats in a KPI list, by language (formatWord's reverse). */
export const FORMAT_WORD: Record<Language, Record<string, string>> = {
  en: { [FORMATS.points]: "points", [FORMATS.percent]: "percent", [FORMATS.decimal2]: "decimal", [FORMATS.ratio]: "ratio", [FORMATS.integer]: "integer" },
  es: { [FORMATS.points]: "puntos", [FORMATS.percent]: "porcentaje", [FORMATS.decimal2]: "decimal", [FORMATS.ratio]: "ratio", [FORMATS.integer]: "entero" },
};

/** The header of a KPI list in a language (what `cxm template kpi-scorecard --input` reads). */
export function kpiListHeader(language: Language): string[] {
  const t = SCORECARD_STRINGS[language];
  return [t.kpi, t.betterWhen, t.target, t.actual, t.nearWithin, t.format, t.timeFrame, t.note];
}

/** The sample KPIs as a list a team could keep in a spreadsheet or CSV, under a header in the language. */
export function kpiSample(language: Language = "en"): unknown[][] {
  const t = SCORECARD_STRINGS[language];
  return [
    kpiListHeader(language),
    ...sampleKpis(language).map((k) => [k.name, t.direction[k.direction], k.target, k.actual, k.nearWithin, FORMAT_WORD[language][k.format] ?? k.format, k.timeFrame, k.note]),
  ];
}
