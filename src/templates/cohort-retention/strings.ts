/**
 * Every word the cohort retention template shows, in English and Spanish:
 * the sheet, its blocks, the chart, the task pane's labels and the blocking
 * messages. `es` is typed as `typeof en`, so a missing translation does not
 * build. Sentences that name the period take its words (PeriodWords) because
 * Spanish agrees them in gender ("un mes después del primero", "una semana
 * después de la primera").
 */
import type { CohortPeriod } from "../../metrics/cohort";
import type { Language } from "../registry-types";
import { plural } from "../shared/language";
import { COMMON } from "../shared/strings";

/** The words of one cohort period. */
export interface PeriodWords {
  /** Lower case, singular: "month", "semana". */
  unit: string;
  /** Column header: "Month" ("Month 3"). */
  Unit: string;
  /** Capitalized plural, for the chart axis: "Months". */
  Units: string;
  /** Plural for counts: "months". */
  units: string;
  /** "the month" / "el mes", "la semana". */
  theUnit: string;
  /** "each month after their first" / "cada mes después del primero". */
  eachAfterFirst: string;
  /** "one month after their first" / "un mes después del primero". */
  oneAfterFirst: string;
  /** "since the first" / "desde el primero", "desde la primera". */
  sinceFirst: string;
}

const enPeriod = (unit: string, units: string): PeriodWords => ({
  unit,
  Unit: unit[0].toUpperCase() + unit.slice(1),
  Units: units[0].toUpperCase() + units.slice(1),
  units,
  theUnit: `the ${unit}`,
  eachAfterFirst: `each ${unit} after their first`,
  oneAfterFirst: `one ${unit} after their first`,
  sinceFirst: "since the first",
});

const esPeriod = (unit: string, units: string, feminine: boolean): PeriodWords => ({
  unit,
  Unit: unit[0].toUpperCase() + unit.slice(1),
  Units: units[0].toUpperCase() + units.slice(1),
  units,
  theUnit: `${feminine ? "la" : "el"} ${unit}`,
  eachAfterFirst: `cada ${unit} después ${feminine ? "de la primera" : "del primero"}`,
  oneAfterFirst: `${feminine ? "una" : "un"} ${unit} después ${feminine ? "de la primera" : "del primero"}`,
  sinceFirst: feminine ? "desde la primera" : "desde el primero",
});

const en = {
  ...COMMON.en,
  title: "Cohort retention",
  description: "Retention triangles by customers and revenue from a transaction list, with heatmaps and the average retention curve.",
  periods: {
    week: enPeriod("week", "weeks"),
    month: enPeriod("month", "months"),
    quarter: enPeriod("quarter", "quarters"),
    year: enPeriod("year", "years"),
  } as Record<CohortPeriod, PeriodWords>,

  about: (p: PeriodWords) =>
    `Cohorts by ${p.unit} of first purchase. Counts and revenue are values grouped from the source when the sheet was built (build again to refresh); every share and average is an Excel formula over them.`,

  summaryTitle: "Summary",
  summaryNote: (p: PeriodWords) =>
    `Retention ${p.unit} 1 = share of the cohorts observed that far still buying ${p.oneAfterFirst}, all customers pooled.`,
  customers: "Customers",
  cohorts: "Cohorts",
  transactionsUsed: "Transactions used",
  customerRetention1: (p: PeriodWords) => `Customer retention, ${p.unit} 1 (all customers)`,
  revenueRetention1: (p: PeriodWords) => `Revenue retention, ${p.unit} 1 (all cohorts)`,

  curveTitle: "Average retention curve",
  curveNote: (p: PeriodWords) =>
    `Per ${p.unit} ${p.sinceFirst}: the plain average of the cohort shares observed that far, and all those cohorts pooled (count or revenue over their period-0 total).`,
  cohortsObserved: "Cohorts observed",
  customersAverage: "Customers: average of cohorts",
  customersPooled: "Customers: all customers",
  revenueAverage: "Revenue: average of cohorts",
  revenuePooled: "Revenue: all cohorts",

  chartTitle: "Average retention curve",
  chartXAxis: (p: PeriodWords) => `${p.Units} since the first purchase`,
  chartYAxis: "Retained",

  cohort: "Cohort",
  period: (p: PeriodWords, k: number) => `${p.Unit} ${k}`,
  customerSharesTitle: "Customer retention by cohort",
  customerSharesNote: (p: PeriodWords) =>
    `Share of each cohort's customers who bought in ${p.eachAfterFirst} (${p.Unit} 0 = 100%); blank where the data does not reach yet.`,
  revenueSharesTitle: "Revenue retention by cohort",
  revenueSharesNote: (p: PeriodWords) =>
    `Each cohort's revenue in each ${p.unit} over its revenue in ${p.unit} 0 (net: above 100% when customers spend more); blank where the data does not reach or ${p.unit} 0 is 0.`,
  revenueInPeriod0: (p: PeriodWords) => `Revenue in ${p.unit} 0`,
  countsTitle: "Active customers by cohort",
  countsNote: (p: PeriodWords) => `Values grouped from the source at build time. A customer counts once in each ${p.unit} in which they bought.`,
  revenueTitle: "Revenue by cohort",
  revenueNote: "Values grouped from the source at build time: the sum of the cohort's amounts in each period.",
  countsTable: "CohortCustomers",
  revenueTable: "CohortRevenue",

  headlineRetention1: (p: PeriodWords) => `Customer retention, ${p.unit} 1`,
  headlineRevenueRetention1: (p: PeriodWords) => `Revenue retention, ${p.unit} 1`,

  columnDate: "Date",
  columnAmount: "Amount",
  optionPeriod: "Cohort period",
  optionMeasure: "Measure",
  measureBoth: "Customers and revenue (revenue needs Amount)",
  measureCustomers: "Customers",
  measureRevenue: "Revenue",

  unknownPeriod: (v: string) => `Unknown cohort period "${v}".`,
  unknownMeasure: (v: string) => `Unknown measure "${v}".`,
  revenueNeedsAmount: "The revenue measure needs the Amount column: choose it, or pick the Customers measure.",
  spanTooLong: (span: number, p: PeriodWords) =>
    `The dates span ${span} ${plural("en", span, { one: p.unit, other: p.units })}, too many for a cohort table: choose a longer period or check for mistyped dates.`,
};

export type CohortStrings = typeof en;

const es: CohortStrings = {
  ...COMMON.es,
  title: "Retención por cohortes",
  description: "Triángulos de retención por clientes e ingresos a partir de una lista de transacciones, con mapas de calor y la curva media de retención.",
  periods: {
    week: esPeriod("semana", "semanas", true),
    month: esPeriod("mes", "meses", false),
    quarter: esPeriod("trimestre", "trimestres", false),
    year: esPeriod("año", "años", false),
  },

  about: (p) =>
    `Cohortes por ${p.unit} de la primera compra. Los recuentos e ingresos son valores agrupados del origen al generar la hoja (vuelva a generarla para actualizarlos); cada porcentaje y media es una fórmula de Excel sobre ellos.`,

  summaryTitle: "Resumen",
  summaryNote: (p) =>
    `Retención ${p.unit} 1 = parte de las cohortes observadas hasta entonces que sigue comprando ${p.oneAfterFirst}, con todos los clientes juntos.`,
  customers: "Clientes",
  cohorts: "Cohortes",
  transactionsUsed: "Transacciones usadas",
  customerRetention1: (p) => `Retención de clientes, ${p.unit} 1 (todos los clientes)`,
  revenueRetention1: (p) => `Retención de ingresos, ${p.unit} 1 (todas las cohortes)`,

  curveTitle: "Curva media de retención",
  curveNote: (p) =>
    `Por ${p.unit} ${p.sinceFirst}: la media simple de los porcentajes de las cohortes observadas hasta entonces, y todas esas cohortes juntas (recuento o ingresos sobre su total del periodo 0).`,
  cohortsObserved: "Cohortes observadas",
  customersAverage: "Clientes: media de cohortes",
  customersPooled: "Clientes: todos los clientes",
  revenueAverage: "Ingresos: media de cohortes",
  revenuePooled: "Ingresos: todas las cohortes",

  chartTitle: "Curva media de retención",
  chartXAxis: (p) => `${p.Units} desde la primera compra`,
  chartYAxis: "Retenido",

  cohort: "Cohorte",
  period: (p, k) => `${p.Unit} ${k}`,
  customerSharesTitle: "Retención de clientes por cohorte",
  customerSharesNote: (p) =>
    `Parte de los clientes de cada cohorte que compró en ${p.eachAfterFirst} (${p.Unit} 0 = 100 %); en blanco donde los datos aún no llegan.`,
  revenueSharesTitle: "Retención de ingresos por cohorte",
  revenueSharesNote: (p) =>
    `Ingresos de cada cohorte en cada ${p.unit} sobre sus ingresos en ${p.theUnit} 0 (neto: más del 100 % si los clientes gastan más); en blanco donde los datos no llegan o ${p.theUnit} 0 es 0.`,
  revenueInPeriod0: (p) => `Ingresos en ${p.theUnit} 0`,
  countsTitle: "Clientes activos por cohorte",
  countsNote: (p) => `Valores agrupados del origen al generar la hoja. Un cliente cuenta una vez en cada ${p.unit} en que compró.`,
  revenueTitle: "Ingresos por cohorte",
  revenueNote: "Valores agrupados del origen al generar la hoja: la suma de los importes de la cohorte en cada periodo.",
  countsTable: "ClientesPorCohorte",
  revenueTable: "IngresosPorCohorte",

  headlineRetention1: (p) => `Retención de clientes, ${p.unit} 1`,
  headlineRevenueRetention1: (p) => `Retención de ingresos, ${p.unit} 1`,

  columnDate: "Fecha",
  columnAmount: "Importe",
  optionPeriod: "Periodo de cohorte",
  optionMeasure: "Medida",
  measureBoth: "Clientes e ingresos (ingresos necesita Importe)",
  measureCustomers: "Clientes",
  measureRevenue: "Ingresos",

  unknownPeriod: (v) => `Periodo de cohorte desconocido «${v}».`,
  unknownMeasure: (v) => `Medida desconocida «${v}».`,
  revenueNeedsAmount: "La medida de ingresos necesita la columna Importe: elíjala o elija la medida Clientes.",
  spanTooLong: (span, p) =>
    `Las fechas abarcan ${span} ${plural("es", span, { one: p.unit, other: p.units })}, demasiados periodos para una tabla de cohortes: elija un periodo más largo o revise fechas mal escritas.`,
};

export const COHORT_STRINGS: Record<Language, CohortStrings> = { en, es };
