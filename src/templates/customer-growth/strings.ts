/**
 * Every word the customer-growth template shows, in English and Spanish:
 * its two sheets, their blocks and charts, the task pane's labels, the
 * incident log's, and the blocking messages. `es` is typed as `typeof en`,
 * so a missing translation does not build; counts of periods go through
 * plural() (Intl.PluralRules).
 */
import type { GrowthPeriod } from "../../metrics/growth/customer-growth";
import type { Language } from "../registry-types";
import { count, plural } from "../shared/language";
import { COMMON, SourceFacts } from "../shared/strings";

/** The words of one period kind. */
export interface GrowthPeriodWords {
  /** Column header and option label: "Month". */
  Unit: string;
  /** "12 months" / "1 month". */
  units: (n: number) => string;
}

const enPeriod = (one: string, other: string): GrowthPeriodWords => ({
  Unit: one[0].toUpperCase() + one.slice(1),
  units: (n) => `${count("en", n)} ${plural("en", n, { one, other })}`,
});

const esPeriod = (one: string, other: string): GrowthPeriodWords => ({
  Unit: one[0].toUpperCase() + one.slice(1),
  units: (n) => `${count("es", n)} ${plural("es", n, { one, other })}`,
});

/** What the sheets say about the rule in force. */
export interface RuleFacts {
  period: GrowthPeriodWords;
  lostAfter: number;
  valueWindow: number;
}

const en = {
  ...COMMON.en,
  /** The language the dates written as text (spans of periods) follow. */
  language: "en" as Language,
  title: "Customer growth",
  description:
    "Customers won and lost in number and in money (Jeanne Bliss's net customer growth), by period, segment and loss reason, with loss after incidents, referrals and value-segment movement.",
  periods: {
    week: enPeriod("week", "weeks"),
    month: enPeriod("month", "months"),
    quarter: enPeriod("quarter", "quarters"),
    year: enPeriod("year", "years"),
  } as Record<GrowthPeriod, GrowthPeriodWords>,

  growthSheet: "Customer growth",
  driversSheet: "Growth drivers",
  driversTitle: "Customer growth: segments and causes",
  about: (r: RuleFacts) =>
    `A customer is new in the ${r.period.Unit.toLowerCase()} of their first purchase and lost after ${r.period.units(r.lostAfter)} without one (reactivated when they buy again). A customer's value is their revenue in their first (new) or last (lost) ${r.period.units(r.valueWindow)}. Counts and values are grouped from the source when the sheet was built; totals, ends and rates are Excel formulas over them.`,

  summaryTitle: "Net customer growth",
  summaryNote: "Over every period of the data: customers at the start + new + reactivated − lost = customers at the end (Jeanne Bliss).",
  /** The header over the summary's first cell, the span of periods it covers. */
  span: "Periods",
  atStart: "Customers at start",
  newCustomers: "New",
  reactivated: "Reactivated",
  lost: "Lost",
  atEnd: "Customers at end",
  netGrowth: "Net growth",
  newValue: "Value of new customers",
  lostValue: "Value of lost customers",
  netValue: "Net value growth",

  bridgeTitle: "Customer bridge",
  bridgeNote: "The summary's figures as steps; the last four columns draw the chart (a waterfall: each step stands on the level before it).",
  step: "Step",
  customers: "Customers",
  chartBase: "Stands on",
  chartUp: "Won",
  chartDown: "Lost",
  chartLevel: "Level",
  bridgeChart: "Customers won and lost",
  moneyTitle: "Value bridge",
  moneyNote: "Value of the customers won against value of the customers lost; a loss larger than the gain is drawn below zero.",
  amount: "Amount",
  moneyChart: "Value won and lost",

  periodsTitle: "Growth by period",
  periodsNote: "New, reactivated and lost customers and their values are grouped from the source; each period starts where the one before ended. The last rows' value of new customers is partial (their first periods are not over).",
  periodsTable: "CustomerGrowth",

  segmentsTitle: "Net growth by segment",
  segmentsNote: "A customer belongs to the segment on their latest row that has one; the segments add up to the summary.",
  segment: "Segment",
  noSegment: "(no segment)",
  everyone: "All customers",
  total: "Total",
  segmentsTable: "GrowthBySegment",

  reasonsTitle: "Lost customers by reason",
  reasonsNote: "Each loss with the customer's latest loss reason up to their last purchase; a customer lost twice counts twice.",
  reason: "Reason",
  noReason: "(no reason given)",
  share: "Share",
  reasonsChart: "Lost customers by reason",
  reasonsTable: "LossReasons",

  incidentsTitle: "Loss after incidents",
  incidentsNote: (windowDays: number, lostAfterDays: number) =>
    `Customers with an incident, lost within ${count("en", windowDays)} days of their first one (lost: ${count("en", lostAfterDays)} days without a purchase), against customers without any incident followed over the same windows. Relative risk = the two rates' ratio, with its 95% interval (Katz log method, as =CXM.INCIDENTLOSS).`,
  incidentType: "Incident type",
  allIncidents: "All incidents",
  noType: "(no type)",
  withIncident: "Customers with an incident",
  lostAfterIncident: "Lost after it",
  lossRate: "Loss rate",
  withoutIncident: "Customers without an incident",
  lostWithout: "Lost, expected count",
  lossRateWithout: "Loss rate without an incident",
  relativeRisk: "Relative risk",
  low: "95% interval, low",
  high: "95% interval, high",
  incidentsTable: "LossAfterIncidents",
  incidentRowsTitle: "Incident log rows",
  incidentRowsNote: "An incident is followed when its customer was active that day and its window is over before the log's last date.",
  incidentRows: "Rows",
  followed: "Followed",
  unknownCustomer: "Customer not in the log",
  windowNotOver: "Window not over",
  notActive: "Not active that day",
  incidentSource: (s: SourceFacts) => {
    const used = `${count("en", s.used)} ${plural("en", s.used, { one: "row", other: "rows" })} used`;
    const where = s.surface === "cli" ? "listed in the report cxm printed" : "listed by the check in the task pane";
    const left = s.leftOut > 0 ? `; ${count("en", s.leftOut)} left out, ${where}` : "";
    return `Incident log: ${s.label} (${used}${left}).`;
  },
  noIncidentLog: "Loss after incidents needs an incident log (customer, date, type): the task pane's incident log, or --with incidents=file.csv in cxm.",

  referralsTitle: "Referrals by segment",
  referralsNote: (outside: number) =>
    `Referrals received: customers of the segment who came referred by someone (as =CXM.REFERRALRATE); referrals made: referred customers whose referrer is a customer of the segment. ${count("en", outside)} ${plural("en", outside, { one: "customer was", other: "customers were" })} referred by someone who is not a customer.`,
  referred: "Referred",
  referralRate: "Referral rate",
  referralsMade: "Referrals made",
  referralsTable: "ReferralsBySegment",

  movementTitle: "Value segment movement",
  movementNote: (first: string, last: string) =>
    `Customers by value tier (their revenue) in the first window (${first}) and in the last (${last}): rows where they started, columns where they ended; New had no purchase in the first window, Lost none in the last (as =CXM.SEGMENTMATRIX).`,
  fromTo: "From \\ to",
  tiers: ["Low", "Middle", "High"] as string[],
  newRow: "New",
  lostColumn: "Lost",
  movedUp: "Moved up",
  stayed: "Stayed",
  movedDown: "Moved down",
  movementSummaryTitle: "Where the first window's customers went",
  movementSummaryNote: "Shares of the customers with a purchase in the first window (as =CXM.SEGMENTSUMMARY).",
  tiersTitle: "Value tiers",
  tiersNote: "Thirds of the first window's revenue per customer (PERCENTILE.INC), applied to both windows.",
  tier: "Tier",
  revenueUpTo: "Revenue up to",
  above: "above the last",

  headlineAtEnd: "Customers at end",
  headlineNew: "New customers",
  headlineLost: "Lost customers",
  headlineNet: "Net growth",
  headlineNetValue: "Net value growth",
  headlineIncidentRate: "Loss rate after an incident",
  headlineRelativeRisk: "Relative risk of loss after an incident",
  headlineReferralRate: "Referral rate",

  columnDate: "Date",
  columnAmount: "Amount",
  columnSegment: "Segment",
  columnReason: "Loss reason",
  columnReferredBy: "Referred by",
  columnIncidentDate: "Date",
  columnIncidentType: "Type",
  incidentLog: "Incident log",
  incidentLogDescription: "Optional: one row per incident (customer, date, type), for loss after incidents by type.",
  optionPeriod: "Period",
  optionLostAfter: "Lost after (periods without a purchase; 0 = a year)",
  optionValueWindow: "Value window (periods; 0 = a year)",
  optionIncidentWindow: "Incident window (days; 0 = as lost after)",

  unknownPeriod: (v: string) => `Unknown period "${v}".`,
  badWhole: (label: string, v: string) => `${label} must be a whole number of 0 or more (got ${v}).`,
  tooMany: (label: string, n: number, most: number) =>
    `The ${label} column has ${count("en", n)} different values; the template breaks growth down by at most ${count("en", most)}. Map a column with fewer values, or none.`,
  incidentsBlocked: (message: string) => `Incident log: ${message}`,
  incidentsEmpty: "Incident log: it has no data rows under its header. Choose another range, or leave the incident log out.",
  spanTooLong: (span: number, p: GrowthPeriodWords) => `The dates span ${p.units(span)}, too many for a table by period: choose a longer period or check for mistyped dates.`,
  coreRefused: (message: string) => `The growth figures cannot be computed: ${message}`,
};

export type GrowthStrings = typeof en;

const es: GrowthStrings = {
  ...COMMON.es,
  language: "es",
  title: "Crecimiento de clientes",
  description:
    "Clientes ganados y perdidos en número y en dinero (el crecimiento neto de clientes de Jeanne Bliss), por periodo, segmento y motivo de baja, con la pérdida tras incidencias, las recomendaciones y el movimiento entre segmentos de valor.",
  periods: {
    week: esPeriod("semana", "semanas"),
    month: esPeriod("mes", "meses"),
    quarter: esPeriod("trimestre", "trimestres"),
    year: esPeriod("año", "años"),
  },

  growthSheet: "Crecimiento de clientes",
  driversSheet: "Causas del crecimiento",
  driversTitle: "Crecimiento de clientes: segmentos y causas",
  about: (r) =>
    `Un cliente es nuevo en el periodo de su primera compra y se pierde tras ${r.period.units(r.lostAfter)} sin comprar (se reactiva si vuelve a comprar). El valor de un cliente son sus ingresos en sus primeros (nuevos) o últimos (perdidos) ${r.period.units(r.valueWindow)}. Los recuentos y valores se agrupan del origen al generar la hoja; los totales, saldos finales y tasas son fórmulas de Excel sobre ellos.`,

  summaryTitle: "Crecimiento neto de clientes",
  summaryNote: "En todos los periodos de los datos: clientes al inicio + nuevos + reactivados − perdidos = clientes al final (Jeanne Bliss).",
  span: "Periodos",
  atStart: "Clientes al inicio",
  newCustomers: "Nuevos",
  reactivated: "Reactivados",
  lost: "Perdidos",
  atEnd: "Clientes al final",
  netGrowth: "Crecimiento neto",
  newValue: "Valor de los clientes nuevos",
  lostValue: "Valor de los clientes perdidos",
  netValue: "Crecimiento neto del valor",

  bridgeTitle: "Puente de clientes",
  bridgeNote: "Las cifras del resumen como pasos; las cuatro últimas columnas dibujan el gráfico (una cascada: cada paso parte del nivel anterior).",
  step: "Paso",
  customers: "Clientes",
  chartBase: "Parte de",
  chartUp: "Ganados",
  chartDown: "Perdidos",
  chartLevel: "Nivel",
  bridgeChart: "Clientes ganados y perdidos",
  moneyTitle: "Puente de valor",
  moneyNote: "Valor de los clientes ganados frente al de los perdidos; una pérdida mayor que la ganancia se dibuja bajo cero.",
  amount: "Importe",
  moneyChart: "Valor ganado y perdido",

  periodsTitle: "Crecimiento por periodo",
  periodsNote: "Los clientes nuevos, reactivados y perdidos y sus valores se agrupan del origen; cada periodo empieza donde acabó el anterior. El valor de los clientes nuevos de las últimas filas es parcial (sus primeros periodos no han terminado).",
  periodsTable: "CrecimientoClientes",

  segmentsTitle: "Crecimiento neto por segmento",
  segmentsNote: "Cada cliente pertenece al segmento de su fila más reciente que tenga uno; los segmentos suman el resumen.",
  segment: "Segmento",
  noSegment: "(sin segmento)",
  everyone: "Todos los clientes",
  total: "Total",
  segmentsTable: "CrecimientoPorSegmento",

  reasonsTitle: "Clientes perdidos por motivo",
  reasonsNote: "Cada pérdida con el motivo de baja más reciente del cliente hasta su última compra; un cliente perdido dos veces cuenta dos veces.",
  reason: "Motivo",
  noReason: "(sin motivo)",
  share: "Parte",
  reasonsChart: "Clientes perdidos por motivo",
  reasonsTable: "MotivosDeBaja",

  incidentsTitle: "Pérdida tras incidencias",
  incidentsNote: (windowDays, lostAfterDays) =>
    `Clientes con una incidencia perdidos en los ${count("es", windowDays)} días siguientes a la primera (perdido: ${count("es", lostAfterDays)} días sin comprar), frente a los clientes sin ninguna incidencia seguidos en las mismas ventanas. Riesgo relativo = cociente de las dos tasas, con su intervalo del 95 % (método logarítmico de Katz, como =CXM.INCIDENTLOSS).`,
  incidentType: "Tipo de incidencia",
  allIncidents: "Todas las incidencias",
  noType: "(sin tipo)",
  withIncident: "Clientes con incidencia",
  lostAfterIncident: "Perdidos después",
  lossRate: "Tasa de pérdida",
  withoutIncident: "Clientes sin incidencia",
  lostWithout: "Perdidos, recuento esperado",
  lossRateWithout: "Tasa de pérdida sin incidencia",
  relativeRisk: "Riesgo relativo",
  low: "Intervalo del 95 %, mínimo",
  high: "Intervalo del 95 %, máximo",
  incidentsTable: "PerdidaTrasIncidencias",
  incidentRowsTitle: "Filas del registro de incidencias",
  incidentRowsNote: "Una incidencia se sigue cuando su cliente estaba activo ese día y su ventana termina antes de la última fecha del registro.",
  incidentRows: "Filas",
  followed: "Seguidas",
  unknownCustomer: "Cliente que no está en el registro",
  windowNotOver: "Ventana sin terminar",
  notActive: "Cliente inactivo ese día",
  incidentSource: (s) => {
    const used = `${count("es", s.used)} ${plural("es", s.used, { one: "fila usada", other: "filas usadas" })}`;
    const where = s.surface === "cli" ? "listadas en el informe que imprimió cxm" : "listadas en la comprobación del panel de tareas";
    const left = s.leftOut > 0 ? `; ${count("es", s.leftOut)} ${plural("es", s.leftOut, { one: "descartada", other: "descartadas" })}, ${where}` : "";
    return `Registro de incidencias: ${s.label} (${used}${left}).`;
  },
  noIncidentLog: "La pérdida tras incidencias necesita un registro de incidencias (cliente, fecha, tipo): el registro de incidencias del panel de tareas, o --with incidents=archivo.csv en cxm.",

  referralsTitle: "Recomendaciones por segmento",
  referralsNote: (outside) =>
    `Recomendaciones recibidas: clientes del segmento que llegaron recomendados por alguien (como =CXM.REFERRALRATE); hechas: clientes recomendados cuyo recomendador es cliente del segmento. ${count("es", outside)} ${plural("es", outside, { one: "cliente llegó recomendado", other: "clientes llegaron recomendados" })} por alguien que no es cliente.`,
  referred: "Recomendados",
  referralRate: "Tasa de recomendación",
  referralsMade: "Recomendaciones hechas",
  referralsTable: "RecomendacionesPorSegmento",

  movementTitle: "Movimiento entre segmentos de valor",
  movementNote: (first, last) =>
    `Clientes por nivel de valor (sus ingresos) en la primera ventana (${first}) y en la última (${last}): filas donde empezaron, columnas donde acabaron; Nuevos no compraron en la primera ventana, Perdidos no compraron en la última (como =CXM.SEGMENTMATRIX).`,
  fromTo: "De \\ a",
  tiers: ["Bajo", "Medio", "Alto"],
  newRow: "Nuevos",
  lostColumn: "Perdidos",
  movedUp: "Suben",
  stayed: "Se mantienen",
  movedDown: "Bajan",
  movementSummaryTitle: "Adónde fueron los clientes de la primera ventana",
  movementSummaryNote: "Partes de los clientes con alguna compra en la primera ventana (como =CXM.SEGMENTSUMMARY).",
  tiersTitle: "Niveles de valor",
  tiersNote: "Tercios de los ingresos por cliente de la primera ventana (PERCENTIL.INC), aplicados a las dos ventanas.",
  tier: "Nivel",
  revenueUpTo: "Ingresos hasta",
  above: "por encima del último",

  headlineAtEnd: "Clientes al final",
  headlineNew: "Clientes nuevos",
  headlineLost: "Clientes perdidos",
  headlineNet: "Crecimiento neto",
  headlineNetValue: "Crecimiento neto del valor",
  headlineIncidentRate: "Tasa de pérdida tras una incidencia",
  headlineRelativeRisk: "Riesgo relativo de pérdida tras una incidencia",
  headlineReferralRate: "Tasa de recomendación",

  columnDate: "Fecha",
  columnAmount: "Importe",
  columnSegment: "Segmento",
  columnReason: "Motivo de baja",
  columnReferredBy: "Recomendado por",
  columnIncidentDate: "Fecha",
  columnIncidentType: "Tipo",
  incidentLog: "Registro de incidencias",
  incidentLogDescription: "Opcional: una fila por incidencia (cliente, fecha, tipo), para la pérdida tras incidencias por tipo.",
  optionPeriod: "Periodo",
  optionLostAfter: "Perdido tras (periodos sin comprar; 0 = un año)",
  optionValueWindow: "Ventana de valor (periodos; 0 = un año)",
  optionIncidentWindow: "Ventana tras una incidencia (días; 0 = la de pérdida)",

  unknownPeriod: (v) => `Periodo desconocido «${v}».`,
  badWhole: (label, v) => `${label} debe ser un número entero de 0 o más (se indicó ${v}).`,
  tooMany: (label, n, most) =>
    `La columna ${label} tiene ${count("es", n)} valores distintos; la plantilla desglosa el crecimiento en ${count("es", most)} como mucho. Asigne una columna con menos valores, o ninguna.`,
  incidentsBlocked: (message) => `Registro de incidencias: ${message}`,
  incidentsEmpty: "Registro de incidencias: no tiene filas de datos bajo el encabezado. Elija otro rango, o prescinda del registro de incidencias.",
  spanTooLong: (span, p) => `Las fechas abarcan ${p.units(span)}, demasiados periodos para una tabla por periodo: elija un periodo más largo o revise fechas mal escritas.`,
  coreRefused: (message) => `No se pueden calcular las cifras de crecimiento: ${message}`,
};

export const GROWTH_STRINGS: Record<Language, GrowthStrings> = { en, es };
