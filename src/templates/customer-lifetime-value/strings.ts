/**
 * Every word the customer lifetime value template shows, in English and
 * Spanish: the three sheets, their blocks and charts, the task pane's
 * labels, the notes and the blocking messages. `es` is typed as `typeof en`,
 * so a missing translation does not build. Sentences that name the time
 * unit take its words (UnitWords): Spanish agrees them in gender ("los
 * próximos 12 meses", "las próximas 12 semanas").
 */
import type { RfmUnit } from "../../metrics/rfm";
import type { Language } from "../registry-types";
import { count, plural } from "../shared/language";
import { COMMON } from "../shared/strings";

/** The words of one time unit. */
export interface UnitWords {
  /** "week", "semana". */
  one: string;
  /** "weeks", "semanas". */
  many: string;
  /** Capitalised: "Week", "Semana". */
  One: string;
  /** "Weeks", "Semanas". */
  Many: string;
  /** "the next 12 weeks" / "las próximas 12 semanas". */
  next: (n: number) => string;
  /** "each week ahead" / "cada semana futura". */
  eachAhead: string;
  /** Column header and axis: "Week ahead", "Weeks ahead" / "Semana futura", "Semanas futuras". */
  OneAhead: string;
  ManyAhead: string;
  /** "week 39" / "la semana 39". */
  numbered: (k: number) => string;
}

const enUnit = (one: string, many: string): UnitWords => ({
  one,
  many,
  One: one[0].toUpperCase() + one.slice(1),
  Many: many[0].toUpperCase() + many.slice(1),
  next: (n) => (n === 1 ? `the next ${one}` : `the next ${count("en", n)} ${many}`),
  eachAhead: `each ${one} ahead`,
  OneAhead: `${one[0].toUpperCase()}${one.slice(1)} ahead`,
  ManyAhead: `${many[0].toUpperCase()}${many.slice(1)} ahead`,
  numbered: (k) => `${one} ${k}`,
});

const esUnit = (one: string, many: string, feminine: boolean): UnitWords => ({
  one,
  many,
  One: one[0].toUpperCase() + one.slice(1),
  Many: many[0].toUpperCase() + many.slice(1),
  next: (n) => (n === 1 ? `${feminine ? "la próxima" : "el próximo"} ${one}` : `${feminine ? "las próximas" : "los próximos"} ${count("es", n)} ${many}`),
  eachAhead: `cada ${one} ${feminine ? "futura" : "futuro"}`,
  OneAhead: `${one[0].toUpperCase()}${one.slice(1)} ${feminine ? "futura" : "futuro"}`,
  ManyAhead: `${many[0].toUpperCase()}${many.slice(1)} ${feminine ? "futuras" : "futuros"}`,
  numbered: (k) => `${feminine ? "la" : "el"} ${one} ${k}`,
});

/** What a block of the holdout sheet states about the split. */
export interface SplitWords {
  cutoff: string;
  end: string;
  /** The holdout's length, in the settings' unit, written out: "39 weeks". */
  length: string;
  /** "automatic (the middle of the log's dates)" or "given". */
  chosen: "auto" | "date";
}

const en = {
  ...COMMON.en,
  language: "en" as Language,
  title: "Customer lifetime value",
  description: "From transactions: RFM summary, BG/NBD and Gamma-Gamma fits, P(alive), expected purchases, spend and CLV per customer, ranges, and a check against a holdout period.",
  units: { day: enUnit("day", "days"), week: enUnit("week", "weeks"), month: enUnit("month", "months") } as Record<RfmUnit, UnitWords>,

  // ---- Sheets
  modelSheet: "CLV model",
  customersSheet: "CLV by customer",
  customersTitle: "CLV by customer",
  holdoutSheet: "CLV holdout check",
  holdoutTitle: "CLV: calibration and holdout check",

  modelAbout:
    "Fitted parameters, expected purchases and the bootstrapped ranges are values computed by CXM at build time (build again to refresh them); P(alive), expected spend, CLV and every total are Excel formulas over them.",
  holdoutLine: (shown: boolean): string => (shown ? "The CLV holdout check sheet tests the purchase model on a period it did not see." : ""),

  // ---- Settings
  settingsTitle: "Settings",
  settingsNote: "The margin (yellow) is an input: CLV follows it. The time unit, horizon and discount rate are the build's (build again to change them).",
  setting: "Setting",
  value: "Value",
  whatItIs: "What it is",
  timeUnit: "Time unit",
  timeUnitNote: (u: UnitWords) => `Recency, T and the horizon are in ${u.many}.`,
  horizon: "Horizon (periods)",
  horizonNote: (u: UnitWords, h: number) => `CLV counts the purchases expected in ${u.next(h)}.`,
  discountRate: "Discount rate per period",
  discountRateNote: (u: UnitWords) => `The purchases of ${u.eachAhead} are divided by (1 + rate)^period.`,
  margin: "Margin",
  marginNote: "Share of spend kept as profit; 100% gives CLV in revenue.",
  marginName: "CLV_margin",
  marginComment: "Margin on spend used by CLV",
  observationEnd: "Observation end",
  observationEndNote: "The last purchase: each customer's age T is measured to here.",

  // ---- Fits
  bgTitle: "BG/NBD fit (buying and dropping out)",
  bgNote: (customers: number) =>
    `Maximum likelihood (Fader, Hardie & Lee 2005) on ${count("en", customers)} customers, fitted by CXM at build time: values, not formulas.`,
  parameter: "Parameter",
  estimate: "Estimate",
  standardError: "Std. error",
  bgR: "Shape of the purchase rates across customers.",
  bgAlpha: (u: UnitWords) => `Scale of the purchase rates (in ${u.many}); r/α is the mean rate.`,
  bgA: "First shape of the chances of dropping out.",
  bgB: "Second shape; a/(a + b) is the mean chance of dropping out after a purchase.",
  logLikelihood: "Log-likelihood",
  logLikelihoodNote: "Natural log, at the estimates.",
  bgName: (p: string) => `BG/NBD parameter ${p}`,
  ggTitle: "Gamma-Gamma fit (spend per purchase)",
  ggNote: (customers: number) =>
    `Maximum likelihood (Fader & Hardie 2013) on the ${count("en", customers)} customers with repeat purchases whose amounts are above 0, fitted at build time: values, not formulas.`,
  ggP: "Shape of one customer's spend per purchase.",
  ggQ: "Shape of the spread of mean spend across customers.",
  ggGamma: "Scale of that spread, in money.",
  ggMean: "Mean spend per purchase (model)",
  ggMeanNote: "p × γ / (q − 1): what a new customer is expected to spend per purchase.",
  ggName: (p: string) => `Gamma-Gamma parameter ${p}`,

  // ---- RFM summary
  rfmTitle: "RFM summary",
  rfmNote: (u: UnitWords) =>
    `Per customer: repeat purchases x, recency t_x (age at the last repeat purchase) and age T, in ${u.many}, as Fader, Hardie & Lee (2005) define them.`,
  measure: "Measure",
  howComputed: "How it is computed",
  customers: "Customers",
  customersHow: "One row each on the CLV by customer sheet.",
  repeatCustomers: "Repeat customers",
  repeatCustomersHow: "Customers who bought again on a later day than their first.",
  repeatShare: "Share of repeat customers",
  repeatShareHow: "Repeat customers / customers.",
  meanFrequency: "Mean repeat purchases (x)",
  meanFrequencyHow: "Purchase days after the first, per customer.",
  meanRecency: (u: UnitWords) => `Mean recency t_x (${u.many})`,
  meanRecencyHow: "Age at the last repeat purchase.",
  meanAge: (u: UnitWords) => `Mean age T (${u.many})`,
  meanAgeHow: "Time from the first purchase to the observation end.",
  meanRepeatSpend: "Mean repeat spend (repeat customers)",
  meanRepeatSpendHow: "Mean of each repeat customer's mean spend per repeat purchase.",
  repeatSpend: "Spend on repeat purchases",
  repeatSpendHow: (first: string, last: string) => `Repeat purchases × their mean spend, from ${first} to ${last}.`,

  // ---- Forecast
  forecastTitle: (u: UnitWords, h: number) => `Forecast for ${u.next(h)}`,
  forecastNote: "Sums over the CLV by customer sheet: P(alive) summed is the number of customers expected to be active today.",
  expectedActive: "Customers expected to be active today",
  expectedActiveHow: "Sum of P(alive).",
  expectedPurchases: "Expected repeat purchases",
  expectedPurchasesHow: "Sum of each customer's expected purchases (BG/NBD).",
  expectedSpend: "Expected spend (undiscounted, before margin)",
  expectedSpendHow: "Expected purchases × expected spend per purchase.",
  totalClv: "Total CLV",
  totalClvHow: "Margin × expected spend × discounted expected purchases, summed.",
  averageClv: "Average CLV per customer",
  averageClvHow: "Total CLV / customers.",

  // ---- Ranges
  rangeTitle: (level: number) => `How sure: bootstrapped ${Math.round(level * 100)}% ranges`,
  rangeNote: (resamples: number, failed: number, seed: number, capped: { asked: number; customers: number } | null) =>
    `Customers resampled ${count("en", resamples)} times with replacement (seed ${seed}${failed > 0 ? `; ${count("en", failed)} resamples did not fit and are left out` : ""}), both models refitted on each, every CLV recomputed: the range of what the model expects given how much the fits could move, not of what one customer will do. The shares are model outputs (values); Low and High are CLV × share (formulas), so they follow the margin.${capped ? ` Fewer resamples than the ${count("en", capped.asked)} asked: with ${count("en", capped.customers)} customers the build makes only as many as keep it quick, so the limits are rougher.` : ""}`,
  rangeWhat: "CLV of",
  lowShare: "Low, share of CLV",
  highShare: "High, share of CLV",
  low: "Low",
  high: "High",
  allCustomers: "All customers (total)",
  rangeSkipped: {
    bootstrapFailed: "No bootstrapped ranges: the models could not be refitted on too many resamples (too few repeat customers?).",
    bootstrapTooLarge: "No bootstrapped ranges: too many distinct customer histories × periods to refit in a build; choose a longer time unit or a shorter horizon.",
  },

  // ---- Top customers
  topTitle: (n: number) => `Top ${count("en", n)} ${plural("en", n, { one: "customer", other: "customers" })} by CLV`,
  topNote: "The first rows of the CLV by customer sheet (highest CLV first): references to it, with each one's bootstrapped range.",
  customer: "Customer",
  pAlive: "P(alive)",
  expectedPurchasesAhead: (u: UnitWords, h: number) => `Expected purchases, next ${count("en", h)} ${plural("en", h, { one: u.one, other: u.many })}`,
  expectedSpendPerPurchase: "Expected spend per purchase",
  clv: "CLV",
  topChart: (n: number) => `Top ${count("en", n)} ${plural("en", n, { one: "customer", other: "customers" })} by CLV`,

  // ---- By period
  periodsTitle: (u: UnitWords) => `Expected repeat purchases by ${u.one}, all customers`,
  periodsNote: (u: UnitWords) =>
    `Purchases the BG/NBD expects in ${u.eachAhead} (values computed at build time); the cumulative and discounted columns are formulas.`,
  ahead: (u: UnitWords) => u.OneAhead,
  cumulative: "Cumulative",
  discountFactor: "Discount factor",
  discountedPurchases: "Discounted purchases",
  periodsTable: "ClvByPeriod",
  periodsChart: (u: UnitWords, h: number) => `Expected repeat purchases per ${u.one}, ${u.next(h)}`,
  periodsAxis: (u: UnitWords) => u.ManyAhead,
  purchasesAxis: "Purchases",

  // ---- P(alive) grid
  gridTitle: "P(alive) by repeat purchases and recency",
  gridNote: (u: UnitWords, T: string) =>
    `For a customer observed ${T} ${u.many} (the longest here): the chance they are still active, by their repeat purchases x (rows) and their age at the last one, t_x in ${u.many} (columns). Values from the BG/NBD fit (FHL 2008, eq. 1).`,
  gridCorner: "x ↓   t_x →",

  // ---- Customer sheet
  customersAbout: (shown: number, all: number) =>
    `Formulas: P(alive), expected spend per purchase and CLV (over the fitted parameters on the CLV model sheet). Values: the RFM columns and the expected purchases (they need 2F1, which Excel lacks). Highest CLV first.${
      shown < all ? ` The printout holds the first ${count("en", shown)} of the ${count("en", all)} customers.` : ""
    }`,
  firstPurchase: "First purchase",
  frequency: "Repeat purchases (x)",
  recency: (u: UnitWords) => `Recency t_x (${u.many})`,
  age: (u: UnitWords) => `Age T (${u.many})`,
  meanSpend: "Mean repeat spend",
  spendFrequency: "Repeat purchases with an amount",
  discountedExpected: "Discounted expected purchases",
  customersTable: "ClvByCustomer",
  unknownSpendNote: (rows: number) =>
    `${count("en", rows)} ${plural("en", rows, { one: "row has", other: "rows have" })} no readable amount: ${plural("en", rows, { one: "it counts", other: "they count" })} as a purchase (repeat purchases, recency), not in the mean spend; a customer with no readable repeat amount is valued at the model's mean spend (blank mean repeat spend).`,

  // ---- Holdout sheet
  holdoutAbout: (s: SplitWords) =>
    `The BG/NBD refitted on the purchases up to the cut-off (${s.cutoff}, ${s.chosen === "auto" ? "the middle of the log's dates" : "as given"}) predicts each customer's repeat purchases in the ${s.length} after it, to ${s.end}; the predictions are model outputs (values), set against what the customers did (values from the log). Differences and totals are formulas. The CLV model sheet's fit uses every purchase.`,
  splitTitle: "Calibration and holdout",
  splitNote: "Customers whose first purchase is on or before the cut-off; every purchase day after their first is a repeat purchase.",
  cutoff: "Cut-off (last day of calibration)",
  cutoffHow: (chosen: "auto" | "date"): string => (chosen === "auto" ? "The middle of the log's dates (option: a date, or none)." : "The date given in the options."),
  holdoutEnd: "Holdout end",
  holdoutEndHow: "The last purchase in the log.",
  holdoutLength: (u: UnitWords) => `Holdout length (${u.many})`,
  holdoutLengthHow: "From the cut-off to the holdout end.",
  checkedCustomers: "Customers checked",
  checkedCustomersHow: "First purchase on or before the cut-off.",
  laterCustomers: "Customers left out",
  laterCustomersHow: "First purchase after the cut-off: nothing to predict from.",
  calibrationPurchases: "Repeat purchases, calibration",
  calibrationPurchasesHow: "Counted from the log.",
  actualHoldout: "Repeat purchases in the holdout: actual",
  actualHoldoutHow: "Customers × actual mean, summed over the table below.",
  predictedHoldout: "Repeat purchases in the holdout: predicted",
  predictedHoldoutHow: "Customers × predicted mean, summed over the table below.",
  holdoutDifference: "Predicted − actual",
  holdoutDifferenceHow: "Negative: the model expected fewer purchases than were made.",
  holdoutRatio: "Predicted / actual",
  holdoutRatioHow: "100% is a perfect forecast of the period's total.",
  calibrationFitTitle: "BG/NBD fit on the calibration period",
  calibrationFitNote: (customers: number) => `Maximum likelihood on the ${count("en", customers)} customers checked, up to the cut-off only: values.`,
  conditionalTitle: "Holdout purchases by calibration purchases",
  conditionalNote: "Mean repeat purchases per customer in the holdout, actual against predicted, grouped by their repeat purchases before the cut-off (Fader, Hardie & Lee 2005, Figure 4).",
  calibrationGroup: "Repeat purchases before the cut-off",
  actualMean: "Actual, per customer",
  predictedMean: "Predicted, per customer",
  difference: "Predicted − actual",
  conditionalChart: "Holdout purchases per customer, by calibration purchases",
  conditionalAxis: "Repeat purchases before the cut-off",
  perCustomerAxis: "Purchases per customer",
  actual: "Actual",
  predicted: "Predicted",
  trackingTitle: (u: UnitWords) => `Cumulative repeat purchases by ${u.one}`,
  trackingNote: (u: UnitWords, calibration: number) =>
    `All customers checked, each from their own first purchase: actual (from the log) against expected (Σ E[X(age)], FHL 2005 eq. 9, a model output). ${u.Many} 1 to ${calibration} are the calibration period.`,
  period: (u: UnitWords) => u.One,
  periodEnd: "Last day",
  part: "Period",
  calibrationPart: "Calibration",
  holdoutPart: "Holdout",
  expected: "Expected",
  trackingTable: "ClvTracking",
  trackingChart: (u: UnitWords, calibration: number) => `Cumulative repeat purchases, actual and expected (cut-off after ${u.numbered(calibration)})`,
  trackingAxis: (u: UnitWords) => `${u.Many} since the first purchase`,
  repeatPurchasesAxis: "Repeat purchases",
  holdoutSkipped: {
    calibrationFit: "No holdout check: the purchase model could not be fitted on the first half of the log (too few repeat purchases before its middle). Give a cut-off date in the options to try another split.",
    cutoffOutside: "No holdout check: the log has no days on both sides of the cut-off.",
  },

  // ---- Task pane, CLI and messages
  columnDate: "Date",
  columnAmount: "Amount",
  optionTimeUnit: "Time unit",
  unitChoice: { day: "Days", week: "Weeks", month: "Months" } as Record<RfmUnit, string>,
  optionHorizon: "Horizon (periods ahead)",
  optionDiscountRate: "Discount rate per period",
  optionMargin: "Margin (fraction of spend)",
  optionCutoff: "Holdout check: cut-off date",
  cutoffPlaceholder: "Empty: the middle of the dates; a date such as 2024-06-30; or none",
  optionResamples: "Bootstrap resamples (0: no ranges)",
  badTimeUnit: (v: string) => `The time unit must be days, weeks or months (got "${v}").`,
  badHorizon: "The horizon must be a whole number of periods from 1 to 1000.",
  badDiscountRate: "The discount rate per period must be a fraction from 0 to below 1, e.g. 0.008 a month.",
  badMargin: "The margin must be a fraction from 0 to 1, e.g. 0.3 for 30%.",
  badResamples: "The bootstrap resamples must be 0 (no ranges) or a whole number from 20 to 2,000.",
  badCutoff: (v: string) => `The cut-off "${v}" is not a date: give it as 2024-06-30, leave it empty for the middle of the dates, or write none.`,
  cutoffOutside: (cutoff: string, first: string, last: string) =>
    `The cut-off ${cutoff} leaves nothing on one side: the purchases run from ${first} to ${last}, so choose a day in between.`,
  noRepeat: "No customer bought on more than one day, so the purchase model cannot be fitted: CLV needs repeat purchases.",
  fitFailure: (reason: string) =>
    `The CLV models could not be fitted to these transactions. They need enough customers who bought more than once, over a period long enough to see some stop buying; add more history or more customers. (${reason})`,
  holdoutFitFailure: (cutoff: string, reason: string) =>
    `The purchase model could not be fitted on the purchases up to the cut-off ${cutoff}: choose a later cut-off, or none. (${reason})`,
  headlineActive: "Customers expected to be active",
  headlineTotal: "Total CLV",
  headlineAverage: "Average CLV per customer",
  headlineActualHoldout: "Holdout repeat purchases, actual",
  headlinePredictedHoldout: "Holdout repeat purchases, predicted",
};

export type ClvStrings = typeof en;

const es: ClvStrings = {
  ...COMMON.es,
  language: "es",
  title: "Valor de vida del cliente",
  description:
    "A partir de transacciones: resumen RFM, ajustes BG/NBD y Gamma-Gamma, P(activo), compras y gasto esperados y CLV por cliente, intervalos y una comprobación contra un periodo de validación.",
  units: { day: esUnit("día", "días", false), week: esUnit("semana", "semanas", true), month: esUnit("mes", "meses", false) },

  modelSheet: "Modelo de CLV",
  customersSheet: "CLV por cliente",
  customersTitle: "CLV por cliente",
  holdoutSheet: "Validación del CLV",
  holdoutTitle: "CLV: calibración y validación",

  modelAbout:
    "Los parámetros ajustados, las compras esperadas y los intervalos bootstrap son valores que CXM calcula al generar la hoja (vuelva a generarla para actualizarlos); P(activo), el gasto esperado, el CLV y cada total son fórmulas de Excel sobre ellos.",
  holdoutLine: (shown) => (shown ? "La hoja Validación del CLV pone a prueba el modelo de compras en un periodo que no vio." : ""),

  settingsTitle: "Parámetros del cálculo",
  settingsNote: "El margen (en amarillo) es una entrada: el CLV lo sigue. La unidad de tiempo, el horizonte y la tasa de descuento son los de la generación (vuelva a generar para cambiarlos).",
  setting: "Parámetro",
  value: "Valor",
  whatItIs: "Qué es",
  timeUnit: "Unidad de tiempo",
  timeUnitNote: (u) => `La recencia, T y el horizonte están en ${u.many}.`,
  horizon: "Horizonte (periodos)",
  horizonNote: (u, h) => `El CLV cuenta las compras esperadas en ${u.next(h)}.`,
  discountRate: "Tasa de descuento por periodo",
  discountRateNote: (u) => `Las compras de ${u.eachAhead} se dividen entre (1 + tasa)^periodo.`,
  margin: "Margen",
  marginNote: "Parte del gasto que queda como beneficio; con 100 % el CLV es en ingresos.",
  marginName: "CLV_margen",
  marginComment: "Margen sobre el gasto que usa el CLV",
  observationEnd: "Fin de la observación",
  observationEndNote: "La última compra: la antigüedad T de cada cliente se mide hasta aquí.",

  bgTitle: "Ajuste BG/NBD (comprar y abandonar)",
  bgNote: (customers) =>
    `Máxima verosimilitud (Fader, Hardie y Lee 2005) sobre ${count("es", customers)} clientes, ajustada por CXM al generar la hoja: valores, no fórmulas.`,
  parameter: "Parámetro",
  estimate: "Estimación",
  standardError: "Error estándar",
  bgR: "Forma de las tasas de compra entre clientes.",
  bgAlpha: (u) => `Escala de las tasas de compra (en ${u.many}); r/α es la tasa media.`,
  bgA: "Primera forma de las probabilidades de abandono.",
  bgB: "Segunda forma; a/(a + b) es la probabilidad media de abandonar tras una compra.",
  logLikelihood: "Log-verosimilitud",
  logLikelihoodNote: "Logaritmo natural, en las estimaciones.",
  bgName: (p) => `Parámetro ${p} del BG/NBD`,
  ggTitle: "Ajuste Gamma-Gamma (gasto por compra)",
  ggNote: (customers) =>
    `Máxima verosimilitud (Fader y Hardie 2013) sobre los ${count("es", customers)} clientes con compras repetidas de importe mayor que 0, ajustada al generar la hoja: valores, no fórmulas.`,
  ggP: "Forma del gasto por compra de un cliente.",
  ggQ: "Forma de la dispersión del gasto medio entre clientes.",
  ggGamma: "Escala de esa dispersión, en dinero.",
  ggMean: "Gasto medio por compra (modelo)",
  ggMeanNote: "p × γ / (q − 1): lo que se espera que gaste un cliente nuevo en cada compra.",
  ggName: (p) => `Parámetro ${p} del Gamma-Gamma`,

  rfmTitle: "Resumen RFM",
  rfmNote: (u) =>
    `Por cliente: compras repetidas x, recencia t_x (antigüedad en la última compra repetida) y antigüedad T, en ${u.many}, como las definen Fader, Hardie y Lee (2005).`,
  measure: "Medida",
  howComputed: "Cómo se calcula",
  customers: "Clientes",
  customersHow: "Una fila cada uno en la hoja CLV por cliente.",
  repeatCustomers: "Clientes que repiten",
  repeatCustomersHow: "Clientes que volvieron a comprar otro día después del primero.",
  repeatShare: "Porcentaje de clientes que repiten",
  repeatShareHow: "Clientes que repiten / clientes.",
  meanFrequency: "Compras repetidas medias (x)",
  meanFrequencyHow: "Días de compra después del primero, por cliente.",
  meanRecency: (u) => `Recencia media t_x (${u.many})`,
  meanRecencyHow: "Antigüedad en la última compra repetida.",
  meanAge: (u) => `Antigüedad media T (${u.many})`,
  meanAgeHow: "Tiempo desde la primera compra hasta el fin de la observación.",
  meanRepeatSpend: "Gasto medio repetido (clientes que repiten)",
  meanRepeatSpendHow: "Media del gasto medio por compra repetida de cada cliente que repite.",
  repeatSpend: "Gasto en compras repetidas",
  repeatSpendHow: (first, last) => `Compras repetidas × su gasto medio, del ${first} al ${last}.`,

  forecastTitle: (u, h) => `Previsión para ${u.next(h)}`,
  forecastNote: "Sumas sobre la hoja CLV por cliente: la suma de P(activo) es el número de clientes que se espera que sigan activos hoy.",
  expectedActive: "Clientes que se espera que sigan activos hoy",
  expectedActiveHow: "Suma de P(activo).",
  expectedPurchases: "Compras repetidas esperadas",
  expectedPurchasesHow: "Suma de las compras esperadas de cada cliente (BG/NBD).",
  expectedSpend: "Gasto esperado (sin descontar, antes del margen)",
  expectedSpendHow: "Compras esperadas × gasto esperado por compra.",
  totalClv: "CLV total",
  totalClvHow: "Margen × gasto esperado × compras esperadas descontadas, sumado.",
  averageClv: "CLV medio por cliente",
  averageClvHow: "CLV total / clientes.",

  rangeTitle: (level) => `Qué seguridad hay: intervalos bootstrap del ${Math.round(level * 100)} %`,
  rangeNote: (resamples, failed, seed, capped) =>
    `Clientes remuestreados ${count("es", resamples)} veces con reposición (semilla ${seed}${failed > 0 ? `; ${count("es", failed)} remuestras no se pudieron ajustar y se descartan` : ""}), con los dos modelos reajustados en cada una y cada CLV recalculado: el intervalo de lo que el modelo espera según cuánto podrían moverse los ajustes, no de lo que hará un cliente. Las proporciones son resultados del modelo (valores); Bajo y Alto son CLV × proporción (fórmulas), así que siguen al margen.${capped ? ` Menos remuestras que las ${count("es", capped.asked)} pedidas: con ${count("es", capped.customers)} clientes se hacen solo las que mantienen rápida la generación, así que los límites son más toscos.` : ""}`,
  rangeWhat: "CLV de",
  lowShare: "Bajo, proporción del CLV",
  highShare: "Alto, proporción del CLV",
  low: "Bajo",
  high: "Alto",
  allCustomers: "Todos los clientes (total)",
  rangeSkipped: {
    bootstrapFailed: "Sin intervalos bootstrap: los modelos no se pudieron reajustar en demasiadas remuestras (¿pocos clientes que repiten?).",
    bootstrapTooLarge: "Sin intervalos bootstrap: demasiados historiales distintos × periodos para reajustar al generar; elija una unidad de tiempo mayor o un horizonte más corto.",
  },

  topTitle: (n) => `Los ${count("es", n)} ${plural("es", n, { one: "cliente", other: "clientes" })} con mayor CLV`,
  topNote: "Las primeras filas de la hoja CLV por cliente (mayor CLV primero): referencias a ella, con el intervalo bootstrap de cada uno.",
  customer: "Cliente",
  pAlive: "P(activo)",
  expectedPurchasesAhead: (u, h) => `Compras esperadas, ${u.next(h)}`,
  expectedSpendPerPurchase: "Gasto esperado por compra",
  clv: "CLV",
  topChart: (n) => `Los ${count("es", n)} ${plural("es", n, { one: "cliente", other: "clientes" })} con mayor CLV`,

  periodsTitle: (u) => `Compras repetidas esperadas por ${u.one}, todos los clientes`,
  periodsNote: (u) => `Compras que el BG/NBD espera en ${u.eachAhead} (valores calculados al generar); las columnas acumulada y descontada son fórmulas.`,
  ahead: (u) => u.OneAhead,
  cumulative: "Acumuladas",
  discountFactor: "Factor de descuento",
  discountedPurchases: "Compras descontadas",
  periodsTable: "ClvPorPeriodo",
  periodsChart: (u, h) => `Compras repetidas esperadas por ${u.one}, ${u.next(h)}`,
  periodsAxis: (u) => u.ManyAhead,
  purchasesAxis: "Compras",

  gridTitle: "P(activo) según compras repetidas y recencia",
  gridNote: (u, T) =>
    `Para un cliente observado ${T} ${u.many} (lo más largo aquí): la probabilidad de que siga activo, según sus compras repetidas x (filas) y su antigüedad en la última, t_x en ${u.many} (columnas). Valores del ajuste BG/NBD (FHL 2008, ec. 1).`,
  gridCorner: "x ↓   t_x →",

  customersAbout: (shown, all) =>
    `Fórmulas: P(activo), gasto esperado por compra y CLV (sobre los parámetros ajustados de la hoja Modelo de CLV). Valores: las columnas RFM y las compras esperadas (necesitan 2F1, que Excel no tiene). Mayor CLV primero.${
      shown < all ? ` La impresión incluye los ${count("es", shown)} primeros de los ${count("es", all)} clientes.` : ""
    }`,
  firstPurchase: "Primera compra",
  frequency: "Compras repetidas (x)",
  recency: (u) => `Recencia t_x (${u.many})`,
  age: (u) => `Antigüedad T (${u.many})`,
  meanSpend: "Gasto medio repetido",
  spendFrequency: "Compras repetidas con importe",
  discountedExpected: "Compras esperadas descontadas",
  customersTable: "ClvPorCliente",
  unknownSpendNote: (rows) =>
    `${count("es", rows)} ${plural("es", rows, { one: "fila no tiene", other: "filas no tienen" })} un importe legible: ${plural("es", rows, { one: "cuenta", other: "cuentan" })} como compra (compras repetidas, recencia), no en el gasto medio; un cliente sin ningún importe repetido legible se valora con el gasto medio del modelo (gasto medio repetido en blanco).`,

  holdoutAbout: (s) =>
    `El BG/NBD reajustado con las compras hasta la fecha de corte (${s.cutoff}, ${s.chosen === "auto" ? "la mitad de las fechas del registro" : "la indicada"}) predice las compras repetidas de cada cliente en ${s.length} posteriores, hasta el ${s.end}; las predicciones son resultados del modelo (valores), frente a lo que hicieron los clientes (valores del registro). Las diferencias y los totales son fórmulas. El ajuste de la hoja Modelo de CLV usa todas las compras.`,
  splitTitle: "Calibración y validación",
  splitNote: "Clientes cuya primera compra es anterior o igual a la fecha de corte; cada día de compra después del primero es una compra repetida.",
  cutoff: "Fecha de corte (último día de calibración)",
  cutoffHow: (chosen) => (chosen === "auto" ? "La mitad de las fechas del registro (opción: una fecha, o ninguna)." : "La fecha indicada en las opciones."),
  holdoutEnd: "Fin de la validación",
  holdoutEndHow: "La última compra del registro.",
  holdoutLength: (u) => `Duración de la validación (${u.many})`,
  holdoutLengthHow: "Desde la fecha de corte hasta el fin de la validación.",
  checkedCustomers: "Clientes comprobados",
  checkedCustomersHow: "Primera compra en la fecha de corte o antes.",
  laterCustomers: "Clientes descartados",
  laterCustomersHow: "Primera compra después de la fecha de corte: no hay nada con qué predecir.",
  calibrationPurchases: "Compras repetidas, calibración",
  calibrationPurchasesHow: "Contadas en el registro.",
  actualHoldout: "Compras repetidas en la validación: reales",
  actualHoldoutHow: "Clientes × media real, sumado en la tabla de abajo.",
  predictedHoldout: "Compras repetidas en la validación: previstas",
  predictedHoldoutHow: "Clientes × media prevista, sumado en la tabla de abajo.",
  holdoutDifference: "Previstas − reales",
  holdoutDifferenceHow: "Negativo: el modelo esperaba menos compras de las que hubo.",
  holdoutRatio: "Previstas / reales",
  holdoutRatioHow: "100 % es una previsión perfecta del total del periodo.",
  calibrationFitTitle: "Ajuste BG/NBD en el periodo de calibración",
  calibrationFitNote: (customers) => `Máxima verosimilitud sobre los ${count("es", customers)} clientes comprobados, solo hasta la fecha de corte: valores.`,
  conditionalTitle: "Compras en la validación según compras en la calibración",
  conditionalNote:
    "Compras repetidas medias por cliente en la validación, reales frente a previstas, agrupadas por sus compras repetidas antes de la fecha de corte (Fader, Hardie y Lee 2005, figura 4).",
  calibrationGroup: "Compras repetidas antes del corte",
  actualMean: "Reales, por cliente",
  predictedMean: "Previstas, por cliente",
  difference: "Previstas − reales",
  conditionalChart: "Compras por cliente en la validación, según compras en la calibración",
  conditionalAxis: "Compras repetidas antes del corte",
  perCustomerAxis: "Compras por cliente",
  actual: "Reales",
  predicted: "Previstas",
  trackingTitle: (u) => `Compras repetidas acumuladas por ${u.one}`,
  trackingNote: (u, calibration) =>
    `Todos los clientes comprobados, cada uno desde su primera compra: reales (del registro) frente a esperadas (Σ E[X(antigüedad)], FHL 2005 ec. 9, resultado del modelo). ${u.Many} 1 a ${calibration}: periodo de calibración.`,
  period: (u) => u.One,
  periodEnd: "Último día",
  part: "Periodo",
  calibrationPart: "Calibración",
  holdoutPart: "Validación",
  expected: "Esperadas",
  trackingTable: "ClvSeguimiento",
  trackingChart: (u, calibration) => `Compras repetidas acumuladas, reales y esperadas (corte tras ${u.numbered(calibration)})`,
  trackingAxis: (u) => `${u.Many} desde la primera compra`,
  repeatPurchasesAxis: "Compras repetidas",
  holdoutSkipped: {
    calibrationFit:
      "Sin comprobación de validación: el modelo de compras no se pudo ajustar con la primera mitad del registro (pocas compras repetidas antes de su mitad). Indique una fecha de corte en las opciones para probar otra división.",
    cutoffOutside: "Sin comprobación de validación: el registro no tiene días a ambos lados de la fecha de corte.",
  },

  columnDate: "Fecha",
  columnAmount: "Importe",
  optionTimeUnit: "Unidad de tiempo",
  unitChoice: { day: "Días", week: "Semanas", month: "Meses" },
  optionHorizon: "Horizonte (periodos futuros)",
  optionDiscountRate: "Tasa de descuento por periodo",
  optionMargin: "Margen (fracción del gasto)",
  optionCutoff: "Validación: fecha de corte",
  cutoffPlaceholder: "Vacío: la mitad de las fechas; una fecha como 2024-06-30; o ninguna",
  optionResamples: "Remuestras bootstrap (0: sin intervalos)",
  badTimeUnit: (v) => `La unidad de tiempo debe ser días, semanas o meses (se indicó «${v}»).`,
  badHorizon: "El horizonte debe ser un número entero de periodos entre 1 y 1000.",
  badDiscountRate: "La tasa de descuento por periodo debe ser una fracción de 0 a menos de 1, p. ej. 0,008 al mes.",
  badMargin: "El margen debe ser una fracción de 0 a 1, p. ej. 0,3 para el 30 %.",
  badResamples: "Las remuestras bootstrap deben ser 0 (sin intervalos) o un número entero entre 20 y 2000.",
  badCutoff: (v) => `La fecha de corte «${v}» no es una fecha: escríbala como 2024-06-30, déjela vacía para la mitad de las fechas o escriba ninguna.`,
  cutoffOutside: (cutoff, first, last) =>
    `La fecha de corte ${cutoff} no deja nada a un lado: las compras van del ${first} al ${last}, así que elija un día intermedio.`,
  noRepeat: "Ningún cliente compró en más de un día, así que el modelo de compras no se puede ajustar: el CLV necesita compras repetidas.",
  fitFailure: (reason) =>
    `No se pudieron ajustar los modelos de CLV a estas transacciones. Necesitan suficientes clientes que compraron más de una vez, en un periodo lo bastante largo para ver que algunos dejan de comprar; añada más historia o más clientes. (${reason})`,
  holdoutFitFailure: (cutoff, reason) =>
    `El modelo de compras no se pudo ajustar con las compras hasta la fecha de corte ${cutoff}: elija una fecha posterior o ninguna. (${reason})`,
  headlineActive: "Clientes activos esperados",
  headlineTotal: "CLV total",
  headlineAverage: "CLV medio por cliente",
  headlineActualHoldout: "Compras repetidas en la validación, reales",
  headlinePredictedHoldout: "Compras repetidas en la validación, previstas",
};

export const CLV_STRINGS: Record<Language, ClvStrings> = { en, es };
