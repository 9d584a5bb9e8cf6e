/**
 * Every word the LTV:CAC model shows, in English and Spanish: the sheet,
 * its blocks, charts, defined names, the task pane's labels and the
 * blocking messages. `es` is typed as `typeof en`, so a missing translation
 * does not build. The defined names are in the sheet's language too
 * (Margen_bruto, Abandono_mensual): a Spanish reader audits
 * =ARPA*Margen_bruto/(Abandono_mensual+Tasa_descuento).
 */
import type { Language } from "../registry-types";
import { count, LOCALES, plural } from "../shared/language";
import { COMMON } from "../shared/strings";

/** The period of survivor counts (a cohort's renewal period). */
export type RetentionPeriod = "month" | "quarter" | "year";
export const RETENTION_PERIODS: readonly RetentionPeriod[] = ["month", "quarter", "year"];
export const MONTHS_PER_PERIOD: Record<RetentionPeriod, number> = { month: 1, quarter: 3, year: 12 };

/** The words of one period (all three are masculine in Spanish: mes, trimestre, año). */
export interface PeriodWords {
  unit: string;
  units: string;
  Unit: string;
  /** Axis title: "Years since the start". */
  sinceStart: string;
}

/** Defined names of the model's cells, in the sheet's language. */
export interface LtvNames {
  arpa: string;
  grossMargin: string;
  monthlyChurn: string;
  cac: string;
  discountRate: string;
  ltv: string;
  ltvToCac: string;
  payback: string;
  monthsPerPeriod: string;
  revenuePerPeriod: string;
  marginPerPeriod: string;
  periodDiscount: string;
  alpha: string;
  beta: string;
  constantChurn: string;
  lifetimeSbg: string;
  ltvSbg: string;
  ltvToCacSbg: string;
}

/** A number as the language writes it (0.6 / 0,6), for labels. */
const numberIn = (language: Language, x: number, digits = 2) => x.toLocaleString(LOCALES[language], { maximumFractionDigits: digits });

const enPeriod = (unit: string, units: string): PeriodWords => ({
  unit,
  units,
  Unit: unit[0].toUpperCase() + unit.slice(1),
  sinceStart: `${units[0].toUpperCase() + units.slice(1)} since the start`,
});

const esPeriod = (unit: string, units: string): PeriodWords => ({
  unit,
  units,
  Unit: unit[0].toUpperCase() + unit.slice(1),
  sinceStart: `${units[0].toUpperCase() + units.slice(1)} desde el inicio`,
});

const en = {
  ...COMMON.en,
  title: "LTV:CAC model",
  sheetName: "LTV model",
  description:
    "Lifetime value, LTV:CAC, CAC payback and a churn × ARPA sensitivity grid from five inputs, all live Excel formulas; optionally retention fitted to your cohorts (sBG) beside the constant churn.",
  about: "Edit the yellow input cells: every other number is an Excel formula over them, so the model moves with your inputs.",
  builtLine: (stamp: string) => `Built ${stamp} by CXM.`,

  names: {
    arpa: "ARPA",
    grossMargin: "Gross_margin",
    monthlyChurn: "Monthly_churn",
    cac: "CAC",
    discountRate: "Discount_rate",
    ltv: "LTV",
    ltvToCac: "LTV_to_CAC",
    payback: "CAC_payback_months",
    monthsPerPeriod: "Months_per_period",
    revenuePerPeriod: "Revenue_per_period",
    marginPerPeriod: "Margin_per_period",
    periodDiscount: "Period_discount_rate",
    alpha: "SBG_alpha",
    beta: "SBG_beta",
    constantChurn: "Constant_churn",
    lifetimeSbg: "Lifetime_sBG",
    ltvSbg: "LTV_sBG",
    ltvToCacSbg: "LTV_to_CAC_sBG",
  } as LtvNames,

  inputsTitle: "Inputs",
  inputsNote: "Monthly figures; rates are fractions (type 3% or 0.03). Each input is a named cell (Formulas > Name Manager).",
  input: "Input",
  value: "Value",
  name: "Name",
  whatItIs: "What it is",
  arpa: "ARPA (revenue per account per month)",
  arpaWhat: "Monthly recurring revenue / paying accounts.",
  grossMargin: "Gross margin",
  grossMarginWhat: "Share of revenue left after the cost of serving the customer.",
  monthlyChurn: "Monthly churn rate",
  monthlyChurnWhat: "Accounts lost in a month / accounts at its start.",
  cac: "CAC (cost to acquire a customer)",
  cacWhat: "Sales and marketing spend / new customers won.",
  discountRate: "Monthly discount rate",
  discountRateWhat: "0 for none; 0.8% a month is about 10% a year.",

  outputsTitle: "Outputs",
  outputsNote: "LTV = ARPA × gross margin / (churn + discount rate), as =CXM.LTV computes it; LTV:CAC of 3 or more is the usual sign of health.",
  output: "Output",
  howComputed: "How it is computed",
  lifetime: "Expected customer lifetime (months)",
  lifetimeHow: "1 / monthly churn.",
  ltv: "LTV (lifetime value per customer)",
  ltvHow: "ARPA × gross margin / (churn + discount rate).",
  ltvToCac: "LTV:CAC",
  ltvToCacHow: "LTV / CAC: 3 or more is healthy, below 1 loses money on every customer.",
  payback: "CAC payback (months)",
  paybackHow: "CAC / (ARPA × gross margin): months of margin to earn back CAC; under 12 is good.",
  status: "Status",
  statusHow: "Green at 3 or more, amber from 1 to 3, red below 1.",
  healthy: "Healthy (3 or more)",
  belowTarget: "Below target (1 to 3)",
  losingMoney: "Losing money (below 1)",
  ltvComment: "Customer lifetime value",
  ltvToCacComment: "LTV / CAC",
  paybackComment: "Months to recover CAC",

  gridTitle: "Sensitivity: LTV:CAC by monthly churn and ARPA",
  gridNote:
    "Rows scale your churn input, columns your ARPA; each cell is LTV / CAC with the other inputs unchanged. You may overwrite the row and column headers.",
  gridCorner: "Churn \\ ARPA",
  gridChartTitle: (levels: number) => `LTV:CAC by monthly churn, at ${levels} ARPA levels`,
  arpaAsInput: "ARPA as input",
  arpaTimes: (m: number) => `ARPA × ${numberIn("en", m)}`,
  gridXAxis: "Monthly churn",
  gridYAxis: "LTV:CAC",

  paybackTitle: "CAC payback curve",
  paybackNote: "Margin earned from one customer month by month (before churn) against what it cost to acquire; the lines cross at the payback month.",
  month: "Month",
  cumulativeMargin: "Cumulative margin per customer",
  paybackTable: "LtvPaybackCurve",
  paybackChartTitle: "CAC payback: cumulative margin vs CAC",
  paybackXAxis: "Months since acquisition",

  // Retention from your cohorts (the sBG option).
  periods: { month: enPeriod("month", "months"), quarter: enPeriod("quarter", "quarters"), year: enPeriod("year", "years") } as Record<
    RetentionPeriod,
    PeriodWords
  >,
  sampleSurvivorsSource:
    'Survivor counts: Fader & Hardie (2007), "How to Project Customer Retention", the regular cohort of Berry & Linoff\'s data, 1,000 customers followed for 12 years; fitted on years 0-7 as in the paper, years 8-12 held out.',
  typedTriangleSource: (cohorts: number) => `Survivor counts: the ${count("en", cohorts)} cohorts typed in the options, fitted jointly.`,
  typedSurvivorsSource: (counts: number, heldOut: number) =>
    `Survivor counts: the ${count("en", counts)} typed in the options${heldOut > 0 ? `, the last ${count("en", heldOut)} held out of the fit` : ""}.`,
  logSurvivorsNote: (p: PeriodWords) =>
    `A customer counts as still active from the ${p.unit} of their first transaction to the ${p.unit} of their last (one who skips a ${p.unit} and comes back was still a customer).`,
  youngLeftOut: (n: number, p: PeriodWords) =>
    n === 0
      ? ""
      : ` ${count("en", n)} ${plural("en", n, { one: "customer of the last " + p.unit + ", not yet seen to renew, is", other: "customers of the last " + p.unit + ", not yet seen to renew, are" })} left out.`,

  cohortInputsTitle: "Cohort retention: inputs",
  cohortInputsNote: (p: PeriodWords) => `The survivor counts are per ${p.unit}; revenue and discounting are converted to that period.`,
  monthsPerPeriod: "Months per period",
  monthsPerPeriodWhat: "12 for yearly counts, 3 for quarterly, 1 for monthly.",
  revenuePerPeriod: "Revenue per period",
  revenuePerPeriodWhat: "ARPA × months per period.",
  marginPerPeriod: "Margin per period",
  marginPerPeriodWhat: "Revenue per period × gross margin.",
  periodDiscount: "Discount rate per period",
  periodDiscountWhat: "(1 + monthly discount rate) ^ months per period − 1.",

  fitTitle: "Retention fitted to your cohorts (sBG)",
  fitNote:
    "α and β are values fitted by maximum likelihood to the survivor counts when the sheet was built, not formulas: with the add-in, the formula below refits them in Excel (type it in a cell). Each customer keeps one churn probability, which varies across customers as beta(α, β), so the cohort's retention rises with tenure (Fader & Hardie 2007).",
  refit: "Refit with the add-in",
  parameter: "Parameter",
  alphaLabel: "α",
  betaLabel: "β",
  alphaComment: "sBG: first shape of the beta distribution of churn probabilities",
  betaComment: "sBG: second shape of the beta distribution of churn probabilities",
  logLikelihood: "Log-likelihood",
  periodsFitted: "Periods fitted",
  cohortsFitted: "Cohorts",
  customersFitted: "Customers at the start",
  meanChurn: "Churn in the first period: α / (α + β)",

  valueTitle: "LTV with cohort retention, beside constant churn",
  valueNote:
    "LTV = margin per period × discounted expected lifetime: the sum of S(t) / (1 + d)^t from t = 0, the first period undiscounted (Fader & Hardie 2010). The constant churn c is fitted to the same counts (customers lost / customer-periods at risk); its lifetime is (1 + d) / (c + d).",
  retention: "Retention",
  churnFirstPeriod: "Churn in the first period",
  discountedLifetime: (p: PeriodWords) => `Discounted expected lifetime (${p.units})`,
  sbgRow: "sBG: retention rises with tenure",
  constantRow: "Constant churn fitted to the same counts",
  differenceRow: "Difference (sBG − constant)",
  lifetimeComment: "sBG discounted expected lifetime, in periods",
  ltvSbgComment: "LTV with retention fitted to the cohorts (sBG)",
  ltvToCacSbgComment: "LTV (sBG) / CAC",
  constantChurnComment: "Constant churn per period fitted to the same survivor counts",

  projectionTitle: "Survival: actual and projected",
  projectionNote:
    "Actual: the share of the cohort still active (cohorts pooled); sBG: S(t) = S(t − 1) × r(t), r(t) = (β + t − 1) / (α + β + t − 1); constant churn: (1 − c)^t. Blank where the counts end.",
  actual: "Actual",
  sbgProjection: "sBG projection",
  sbgRetention: "sBG retention r(t)",
  actualRetention: "Actual retention",
  constantChurn: "Constant churn",
  survivalChartTitle: "Still active: actual, sBG and constant churn",
  survivalYAxis: "Share still active",

  curvesTitle: "How not to project: curves fitted to the same periods",
  curvesNote:
    "Least-squares fits to the actual survival of the periods fitted, as a spreadsheet trendline gives (coefficients are values computed at build). They fit those periods closely, then project badly (Fader & Hardie 2007).",
  curve: "Curve",
  rSquared: "R²",
  linear: "Linear: a + b·t",
  quadratic: "Quadratic: a + b·t + c·t²",
  exponential: "Exponential: a·e^(b·t)",
  linearShort: "Linear",
  quadraticShort: "Quadratic",
  exponentialShort: "Exponential",
  howNotTitle: "Curve projections",
  howNotNote: "Each curve's value at t, to compare with the actual and the sBG above; a line soon falls below 0, which no cohort can do.",
  howNotChartTitle: "How not to project: curve fits against sBG and the actual",

  survivorsTitle: "Survivor counts",
  survivorsNote:
    "Values: the customers still active after t periods, one column a cohort, its row 0 the cohort's size. Grey: held out of the fit, to compare with the projection. Lost and customer-periods at risk count the periods fitted.",
  cohort: "Cohort",
  sampleCohort: "Regular (Fader & Hardie 2007)",
  typedCohort: "Your cohort",
  typedCohortNumber: (n: number) => `Cohort ${n}`,
  lost: "Lost",
  atRisk: "Customer-periods at risk",
  survivorsTable: "SurvivorCounts",

  delTitle: "Discounted lifetime, period by period",
  delNote: (last: number) =>
    `S(t) and S(t) / (1 + d)^t from t = 0 to ${last}; the last row continues the series at the retention of period ${last + 1}. Their sum is the sBG's discounted expected lifetime.`,
  discounted: "S(t) / (1 + d)^t",
  beyond: (last: number) => `After ${last}`,

  headlineLtvSbg: "LTV with cohort retention (sBG)",
  headlineLtvToCacSbg: "LTV:CAC with cohort retention (sBG)",

  // The task pane's and the CLI's labels.
  inputLabels: {
    arpa: "ARPA (revenue per account per month)",
    margin: "Gross margin (fraction)",
    churn: "Monthly churn rate (fraction)",
    cac: "CAC (cost to acquire a customer)",
    discount: "Monthly discount rate (fraction)",
  },
  inputRules: {
    arpa: "a number above 0",
    margin: "a fraction above 0 and at most 1 (0.8 or 80%)",
    churn: "a fraction above 0 and at most 1 (0.03 or 3%)",
    cac: "a number above 0",
    discount: "a fraction of 0 or more, below 1 (0 for none)",
  },
  badOption: (key: string, label: string, rule: string, given: string) => `Option ${key} (${label}) must be ${rule}; got "${given}".`,
  invalidInputs: "The model's inputs are not valid",
  optionRetention: "Retention",
  retentionConstant: "Constant churn (the monthly churn rate you type)",
  retentionCohorts: "From your cohorts: sBG fitted to survivor counts, beside the constant churn",
  optionSurvivors: "Survivor counts (the cohort's size first; a | starts the periods held out; / or a new line between cohorts)",
  survivorsPlaceholder: "Blank: the built-in sample, Fader & Hardie's regular cohort, years 0-12",
  optionPeriod: "Period of the survivor counts",
  periodAuto: "By the source (years for the sample, months otherwise)",
  sampleHeader: ["Input", "Option", "Value"],
  sampleSurvivors: "Survivor counts (Fader & Hardie 2007, regular cohort)",
  columnDate: "Date",

  unknownChoice: (key: string, given: string) => `Option ${key}: unknown value "${given}".`,
  notANumber: (token: string, i: number) => `Option survivors: "${token}" (count ${i}) is not a number.`,
  tooFewCounts: "Option survivors needs the cohort's size and its survivors after at least two periods before any |, e.g. 1000, 631, 468.",
  twoBars: "Option survivors has more than one |: put one where the periods held out start.",
  weeklyTriangle: "Retention from your cohorts takes monthly, quarterly or yearly cohorts; this triangle is weekly: build it by month.",
  triangleRises: (cohort: string, k: number, p: PeriodWords, n: string, before: string) =>
    `The cohort of ${cohort} has ${n} customers active after ${k} ${k === 1 ? p.unit : p.units}, more than the ${before} a ${p.unit} before: its customers come back, so these are not survivor counts. Build from the transaction log instead (a customer counts from their first to their last transaction).`,
  barWithCohorts: "Option survivors: a | (periods held out) is for one cohort; the cohorts of a triangle end at different ages, so give them without it.",
  inCohort: (n: number) => ` Cohort ${n} of the list.`,
  firstNotPositive: (given: string) => `Option survivors: the first count is the cohort's size, so it must be above 0 (got ${given}).`,
  negativeCount: (i: number, given: string) => `Option survivors: count ${i} is ${given}; survivor counts are 0 or more.`,
  risingCount: (i: number, n: string, before: string) =>
    `Option survivors: count ${i} is ${n}, more than the ${before} a period before; survivor counts cannot rise (a customer who left is not counted again).`,
  logNeedsCohorts: "A transaction log is read only for retention from your cohorts: choose that retention (--option retention=cohorts).",
  logAndTyped: "Give the survivor counts or a transaction log, not both.",
  logTooShort: (p: PeriodWords) => `The transactions span fewer than three ${p.units}: the fit and the curves need at least three points.`,
  needsDiscount: (alpha: string) =>
    `Retention from your cohorts needs a monthly discount rate above 0: the fitted α is ${alpha} (at most 1), so some customers practically never leave and their undiscounted lifetime is infinite. 0.8% a month is about 10% a year (--option discount=0.8%).`,
  fitFailed: "The sBG model cannot be fitted to these survivor counts",
  /** Why, in the language (the metrics core speaks English): nobody left, everybody left at once, or no proper maximum. */
  fitFailedWhy: {
    noneLeft: "no customer left in any cohort, so churn cannot be estimated.",
    allLeft: "every customer left after the first period, so retention cannot be estimated.",
    flat: "the fit reaches no proper maximum: the counts do not pin down α and β (more periods or more cohorts help).",
  },
};

export type LtvStrings = typeof en;

const es: LtvStrings = {
  ...COMMON.es,
  title: "Modelo LTV:CAC",
  sheetName: "Modelo LTV",
  description:
    "Valor de vida, LTV:CAC, recuperación del CAC y una tabla de sensibilidad abandono × ARPA a partir de cinco datos, con fórmulas de Excel; si se quiere, la retención ajustada a sus cohortes (sBG) junto al abandono constante.",
  about: "Cambie las celdas amarillas de entrada: cada otra cifra es una fórmula de Excel sobre ellas, así que el modelo sigue a sus datos.",
  builtLine: (stamp) => `Generado el ${stamp} por CXM.`,

  names: {
    arpa: "ARPA",
    grossMargin: "Margen_bruto",
    monthlyChurn: "Abandono_mensual",
    cac: "CAC",
    discountRate: "Tasa_descuento",
    ltv: "LTV",
    ltvToCac: "LTV_CAC",
    payback: "Meses_recuperacion_CAC",
    monthsPerPeriod: "Meses_por_periodo",
    revenuePerPeriod: "Ingreso_por_periodo",
    marginPerPeriod: "Margen_por_periodo",
    periodDiscount: "Descuento_por_periodo",
    alpha: "SBG_alfa",
    beta: "SBG_beta",
    constantChurn: "Abandono_constante",
    lifetimeSbg: "Vida_sBG",
    ltvSbg: "LTV_sBG",
    ltvToCacSbg: "LTV_CAC_sBG",
  },

  inputsTitle: "Datos de entrada",
  inputsNote: "Cifras mensuales; las tasas son fracciones (escriba 3 % o 0,03). Cada dato es una celda con nombre (Fórmulas > Administrador de nombres).",
  input: "Dato",
  value: "Valor",
  name: "Nombre",
  whatItIs: "Qué es",
  arpa: "ARPA (ingreso por cuenta al mes)",
  arpaWhat: "Ingreso recurrente mensual / cuentas de pago.",
  grossMargin: "Margen bruto",
  grossMarginWhat: "Parte del ingreso que queda tras el coste de servir al cliente.",
  monthlyChurn: "Tasa de abandono mensual",
  monthlyChurnWhat: "Cuentas perdidas en un mes / cuentas al empezarlo.",
  cac: "CAC (coste de adquirir un cliente)",
  cacWhat: "Gasto en ventas y marketing / clientes nuevos ganados.",
  discountRate: "Tasa de descuento mensual",
  discountRateWhat: "0 si no hay; un 0,8 % al mes es cerca de un 10 % al año.",

  outputsTitle: "Resultados",
  outputsNote:
    "LTV = ARPA × margen bruto / (abandono + tasa de descuento), como lo calcula =CXM.LTV; un LTV:CAC de 3 o más es la señal habitual de buena salud.",
  output: "Resultado",
  howComputed: "Cómo se calcula",
  lifetime: "Vida esperada del cliente (meses)",
  lifetimeHow: "1 / abandono mensual.",
  ltv: "LTV (valor de vida por cliente)",
  ltvHow: "ARPA × margen bruto / (abandono + tasa de descuento).",
  ltvToCac: "LTV:CAC",
  ltvToCacHow: "LTV / CAC: 3 o más es sano; menos de 1 pierde dinero con cada cliente.",
  payback: "Recuperación del CAC (meses)",
  paybackHow: "CAC / (ARPA × margen bruto): meses de margen para recuperar el CAC; menos de 12 es bueno.",
  status: "Estado",
  statusHow: "Verde con 3 o más, ámbar de 1 a 3, rojo con menos de 1.",
  healthy: "Sano (3 o más)",
  belowTarget: "Bajo el objetivo (de 1 a 3)",
  losingMoney: "Pierde dinero (menos de 1)",
  ltvComment: "Valor de vida del cliente",
  ltvToCacComment: "LTV / CAC",
  paybackComment: "Meses para recuperar el CAC",

  gridTitle: "Sensibilidad: LTV:CAC según abandono mensual y ARPA",
  gridNote:
    "Las filas escalan su abandono, las columnas su ARPA; cada celda es LTV / CAC con los demás datos sin cambiar. Puede sobrescribir los encabezados de filas y columnas.",
  gridCorner: "Abandono \\ ARPA",
  gridChartTitle: (levels) => `LTV:CAC según el abandono mensual, con ${levels} niveles de ARPA`,
  arpaAsInput: "ARPA del modelo",
  arpaTimes: (m) => `ARPA × ${numberIn("es", m)}`,
  gridXAxis: "Abandono mensual",
  gridYAxis: "LTV:CAC",

  paybackTitle: "Curva de recuperación del CAC",
  paybackNote:
    "Margen que deja un cliente mes a mes (sin contar el abandono) frente a lo que costó adquirirlo; las líneas se cruzan en el mes de recuperación.",
  month: "Mes",
  cumulativeMargin: "Margen acumulado por cliente",
  paybackTable: "RecuperacionCac",
  paybackChartTitle: "Recuperación del CAC: margen acumulado frente al CAC",
  paybackXAxis: "Meses desde la adquisición",

  periods: { month: esPeriod("mes", "meses"), quarter: esPeriod("trimestre", "trimestres"), year: esPeriod("año", "años") },
  sampleSurvivorsSource:
    "Clientes que siguen: Fader y Hardie (2007), la cohorte normal de los datos de Berry y Linoff, 1000 clientes seguidos 12 años; ajustada con los años 0-7 como en el artículo, los años 8-12 apartados.",
  typedTriangleSource: (cohorts) => `Clientes que siguen: las ${count("es", cohorts)} cohortes escritas en las opciones, ajustadas juntas.`,
  typedSurvivorsSource: (counts, heldOut) =>
    `Clientes que siguen: los ${count("es", counts)} recuentos escritos en las opciones${heldOut > 0 ? `; los ${count("es", heldOut)} últimos, apartados del ajuste` : ""}.`,
  logSurvivorsNote: (p) =>
    `Un cliente sigue activo desde el ${p.unit} de su primera transacción hasta el ${p.unit} de la última (quien se salta un ${p.unit} y vuelve seguía siendo cliente).`,
  youngLeftOut: (n, p) =>
    n === 0
      ? ""
      : plural("es", n, {
          one: ` Queda fuera el cliente del último ${p.unit}, aún sin renovar.`,
          other: ` Quedan fuera los ${count("es", n)} clientes del último ${p.unit}, aún sin renovar.`,
        }),

  cohortInputsTitle: "Retención por cohortes: datos",
  cohortInputsNote: (p) => `Los recuentos son por ${p.unit}; el ingreso y el descuento se pasan a ese periodo.`,
  monthsPerPeriod: "Meses por periodo",
  monthsPerPeriodWhat: "12 para recuentos anuales, 3 trimestrales, 1 mensuales.",
  revenuePerPeriod: "Ingreso por periodo",
  revenuePerPeriodWhat: "ARPA × meses por periodo.",
  marginPerPeriod: "Margen por periodo",
  marginPerPeriodWhat: "Ingreso por periodo × margen bruto.",
  periodDiscount: "Tasa de descuento por periodo",
  periodDiscountWhat: "(1 + tasa de descuento mensual) ^ meses por periodo − 1.",

  fitTitle: "Retención ajustada a sus cohortes (sBG)",
  fitNote:
    "α y β son valores ajustados por máxima verosimilitud a los recuentos al generar la hoja, no fórmulas: con el complemento, la fórmula de abajo los vuelve a ajustar en Excel (escríbala en una celda). Cada cliente tiene una probabilidad de abandono fija, que varía entre clientes como una beta(α, β); por eso la retención de la cohorte sube con la antigüedad (Fader y Hardie 2007).",
  refit: "Reajuste con el complemento",
  parameter: "Parámetro",
  alphaLabel: "α",
  betaLabel: "β",
  alphaComment: "sBG: primera forma de la distribución beta de las probabilidades de abandono",
  betaComment: "sBG: segunda forma de la distribución beta de las probabilidades de abandono",
  logLikelihood: "Log-verosimilitud",
  periodsFitted: "Periodos ajustados",
  cohortsFitted: "Cohortes",
  customersFitted: "Clientes al inicio",
  meanChurn: "Abandono en el primer periodo: α / (α + β)",

  valueTitle: "LTV con la retención de las cohortes, junto al abandono constante",
  valueNote:
    "LTV = margen por periodo × vida esperada descontada: la suma de S(t) / (1 + d)^t desde t = 0, el primer periodo sin descontar (Fader y Hardie 2010). El abandono constante c se ajusta a los mismos recuentos (clientes perdidos / periodos-cliente en riesgo); su vida es (1 + d) / (c + d).",
  retention: "Retención",
  churnFirstPeriod: "Abandono en el primer periodo",
  discountedLifetime: (p) => `Vida esperada descontada (${p.units})`,
  sbgRow: "sBG: la retención sube con la antigüedad",
  constantRow: "Abandono constante ajustado a los mismos recuentos",
  differenceRow: "Diferencia (sBG − constante)",
  lifetimeComment: "Vida esperada descontada del sBG, en periodos",
  ltvSbgComment: "LTV con la retención ajustada a las cohortes (sBG)",
  ltvToCacSbgComment: "LTV (sBG) / CAC",
  constantChurnComment: "Abandono constante por periodo ajustado a los mismos recuentos",

  projectionTitle: "Supervivencia: real y proyectada",
  projectionNote:
    "Real: la parte de la cohorte que sigue activa (cohortes juntas); sBG: S(t) = S(t − 1) × r(t), r(t) = (β + t − 1) / (α + β + t − 1); abandono constante: (1 − c)^t. En blanco donde acaban los recuentos.",
  actual: "Real",
  sbgProjection: "Proyección sBG",
  sbgRetention: "Retención sBG r(t)",
  actualRetention: "Retención real",
  constantChurn: "Abandono constante",
  survivalChartTitle: "Siguen activos: real, sBG y abandono constante",
  survivalYAxis: "Parte que sigue activa",

  curvesTitle: "Cómo no proyectar: curvas ajustadas a los mismos periodos",
  curvesNote:
    "Ajustes por mínimos cuadrados a la supervivencia real de los periodos ajustados, como da una línea de tendencia (coeficientes: valores calculados al generar). Se ajustan bien a esos periodos y luego proyectan mal (Fader y Hardie 2007).",
  curve: "Curva",
  rSquared: "R²",
  linear: "Lineal: a + b·t",
  quadratic: "Cuadrática: a + b·t + c·t²",
  exponential: "Exponencial: a·e^(b·t)",
  linearShort: "Lineal",
  quadraticShort: "Cuadrática",
  exponentialShort: "Exponencial",
  howNotTitle: "Proyecciones de las curvas",
  howNotNote: "El valor de cada curva en t, para comparar con el real y el sBG de arriba; una recta pronto baja de 0, cosa que ninguna cohorte puede hacer.",
  howNotChartTitle: "Cómo no proyectar: curvas frente al sBG y al real",

  survivorsTitle: "Clientes que siguen",
  survivorsNote:
    "Valores: los clientes aún activos tras t periodos; una columna por cohorte, su fila 0 el tamaño de la cohorte. En gris: apartados del ajuste, para comparar con la proyección. Perdidos y periodos-cliente en riesgo cuentan los periodos ajustados.",
  cohort: "Cohorte",
  sampleCohort: "Normal (Fader y Hardie 2007)",
  typedCohort: "Su cohorte",
  typedCohortNumber: (n) => `Cohorte ${n}`,
  lost: "Perdidos",
  atRisk: "Periodos-cliente en riesgo",
  survivorsTable: "ClientesQueSiguen",

  delTitle: "Vida descontada, periodo a periodo",
  delNote: (last) =>
    `S(t) y S(t) / (1 + d)^t desde t = 0 hasta ${last}; la última fila prolonga la serie con la retención del periodo ${last + 1}. Su suma es la vida esperada descontada del sBG.`,
  discounted: "S(t) / (1 + d)^t",
  beyond: (last) => `Tras ${last}`,

  headlineLtvSbg: "LTV con la retención de las cohortes (sBG)",
  headlineLtvToCacSbg: "LTV:CAC con la retención de las cohortes (sBG)",

  inputLabels: {
    arpa: "ARPA (ingreso por cuenta al mes)",
    margin: "Margen bruto (fracción)",
    churn: "Tasa de abandono mensual (fracción)",
    cac: "CAC (coste de adquirir un cliente)",
    discount: "Tasa de descuento mensual (fracción)",
  },
  inputRules: {
    arpa: "un número mayor que 0",
    margin: "una fracción mayor que 0 y como mucho 1 (0,8 u 80%)",
    churn: "una fracción mayor que 0 y como mucho 1 (0,03 o 3%)",
    cac: "un número mayor que 0",
    discount: "una fracción de 0 o más, menor que 1 (0 si no hay)",
  },
  badOption: (key, label, rule, given) => `La opción ${key} (${label}) debe ser ${rule}; se recibió «${given}».`,
  invalidInputs: "Los datos del modelo no son válidos",
  optionRetention: "Retención",
  retentionConstant: "Abandono constante (la tasa mensual que escriba)",
  retentionCohorts: "De sus cohortes: sBG ajustado a los recuentos, junto al abandono constante",
  optionSurvivors: "Clientes que siguen (primero el tamaño de la cohorte; una | abre los periodos apartados; / o un salto de línea entre cohortes)",
  survivorsPlaceholder: "En blanco: el ejemplo incorporado, la cohorte normal de Fader y Hardie, años 0-12",
  optionPeriod: "Periodo de los recuentos",
  periodAuto: "Según el origen (años en el ejemplo, meses en otro caso)",
  sampleHeader: ["Dato", "Opción", "Valor"],
  sampleSurvivors: "Clientes que siguen (Fader y Hardie 2007, cohorte normal)",
  columnDate: "Fecha",

  unknownChoice: (key, given) => `Opción ${key}: valor desconocido «${given}».`,
  notANumber: (token, i) => `Opción survivors: «${token}» (recuento ${i}) no es un número.`,
  tooFewCounts:
    "La opción survivors necesita el tamaño de la cohorte y los clientes que siguen tras dos periodos como mínimo antes de cualquier |; por ejemplo, 1000; 631; 468.",
  twoBars: "La opción survivors tiene más de una |: ponga una donde empiezan los periodos apartados.",
  weeklyTriangle: "La retención de sus cohortes admite cohortes mensuales, trimestrales o anuales; este triángulo es semanal: genérelo por meses.",
  triangleRises: (cohort, k, p, n, before) =>
    `La cohorte de ${cohort} tiene ${n} clientes activos tras ${k} ${k === 1 ? p.unit : p.units}, más que los ${before} del ${p.unit} anterior: sus clientes vuelven, así que no son recuentos de clientes que siguen. Parta del registro de transacciones (un cliente cuenta desde su primera transacción hasta la última).`,
  barWithCohorts: "Opción survivors: la | (periodos apartados) es para una sola cohorte; las cohortes de un triángulo acaban en edades distintas, así que indíquelas sin ella.",
  inCohort: (n) => ` Cohorte ${n} de la lista.`,
  firstNotPositive: (given) => `Opción survivors: el primer recuento es el tamaño de la cohorte, así que debe ser mayor que 0 (se recibió ${given}).`,
  negativeCount: (i, given) => `Opción survivors: el recuento ${i} es ${given}; los recuentos son 0 o más.`,
  risingCount: (i, n, before) =>
    `Opción survivors: el recuento ${i} es ${n}, más que los ${before} del periodo anterior; los recuentos no pueden subir (un cliente que se fue no vuelve a contarse).`,
  logNeedsCohorts: "Un registro de transacciones solo se lee con la retención de sus cohortes: elija esa retención (--option retention=cohorts).",
  logAndTyped: "Indique los recuentos o un registro de transacciones, no ambos.",
  logTooShort: (p) => `Las transacciones abarcan menos de tres ${p.units}: el ajuste y las curvas necesitan tres puntos como mínimo.`,
  needsDiscount: (alpha) =>
    `La retención de sus cohortes necesita una tasa de descuento mensual mayor que 0: el α ajustado es ${alpha} (1 o menos), así que algunos clientes casi nunca se van y su vida sin descontar es infinita. Un 0,8 % al mes es cerca de un 10 % al año (--option discount=0,8%).`,
  fitFailed: "No se puede ajustar el modelo sBG a estos recuentos",
  fitFailedWhy: {
    noneLeft: "ningún cliente se fue en ninguna cohorte, así que no se puede estimar el abandono.",
    allLeft: "todos los clientes se fueron tras el primer periodo, así que no se puede estimar la retención.",
    flat: "el ajuste no llega a un máximo propio: los recuentos no determinan α y β (ayudan más periodos o más cohortes).",
  },
};

export const LTV_STRINGS: Record<Language, LtvStrings> = { en, es };

/** "1 period" / "3 periods" in the language, for notes. */
export function periodsWord(language: Language, n: number, p: PeriodWords): string {
  return plural(language, n, { one: p.unit, other: p.units });
}
