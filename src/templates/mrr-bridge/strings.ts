/**
 * Every word the MRR bridge shows, in English and Spanish: the sheet, its
 * blocks, the charts, the task pane's labels and the headlines. `es` is
 * typed as `typeof en`, so a missing translation does not build. Month
 * names are kept here (not taken from Intl) so a title reads the same in
 * every browser and Node build.
 */
import type { Language, Surface } from "../registry-types";
import { count, counted, plural } from "../shared/language";
import { COMMON } from "../shared/strings";

/** The words of the movements, as table headers and bridge steps. */
export interface MovementWords {
  start: string;
  new: string;
  expansion: string;
  reactivation: string;
  contraction: string;
  churn: string;
  end: string;
}

const en = {
  ...COMMON.en,
  title: "MRR bridge",
  description:
    "Monthly new, expansion, reactivation, contraction and churned MRR from subscription rows, with NRR, GRR, the quick ratio and a waterfall of the last twelve months.",
  monthNames: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],

  about: (surface: Surface) =>
    `The movements are values grouped from the source when the sheet was built (${
      surface === "cli" ? "run cxm again to refresh them" : "build the sheet again from the task pane to refresh them"
    }); start and end MRR, NRR, GRR, the quick ratio, the bridge and the chart data are Excel formulas over them.`,

  summaryTitle: "Summary",
  summaryNote:
    "The latest month's figures; the quick ratio of all months sums the table's movements. Quick ratio = (new + expansion) ÷ (contraction + churn), as Mamoon Hamid (Social Capital, 2015) defined it: reactivated MRR is not counted as a gain. ChartMogul adds reactivation to the gains, which gives a higher ratio in months when customers come back.",
  latestMonth: "Latest month",
  endMrr: "End MRR",
  netNew: "Net new MRR",
  nrr: "NRR",
  grr: "GRR",
  quickRatio: "Quick ratio",
  quickRatioAll: "Quick ratio, all months",

  movements: {
    start: "Start MRR",
    new: "New",
    expansion: "Expansion",
    reactivation: "Reactivation",
    contraction: "Contraction",
    churn: "Churn",
    end: "End MRR",
  } as MovementWords,

  bridgeTitle: (from: string, to: string) => (from === to ? `MRR bridge, ${to}` : `MRR bridge, ${from} to ${to}`),
  bridgeNote: (months: number, all: boolean) =>
    `${all ? plural("en", months, { one: "The only month of the data", other: `All ${count("en", months)} months of the data` }) : `The last ${counted("en", months, { one: "month", other: "months" })}`}: the MRR at the start of the first, each movement summed over the months, and the MRR at the end of the last. Base, Increase, Decrease and Total draw the waterfall (its base is invisible).`,
  step: "Step",
  amount: "MRR",
  base: "Base",
  increase: "Increase",
  decrease: "Decrease",
  total: "Total",

  tableTitle: "MRR bridge by month",
  tableNote:
    "End = start + new + expansion + reactivation − contraction − churn; each month starts where the one before ended. NRR and GRR leave new business out; n/a where a ratio is undefined (no MRR at the start, nothing lost). Difference: the end of the bridge less the customers' MRR summed from the data (0 when it balances).",
  month: "Month",
  customersStart: "Customers at start",
  customersEnd: "Customers at end",
  endInData: "End MRR in data",
  difference: "Difference",
  tableName: "MrrBridge",

  mrrChartTitle: "MRR at the end of each month",
  retentionChartTitle: "Net and gross revenue retention",
  retentionAxis: "Share of start MRR kept",
  ratiosTitle: "Chart data: NRR and GRR",
  ratiosNote: "The table's NRR and GRR from the second month on; #N/A where a ratio is undefined, so the chart leaves a gap instead of drawing 0.",

  headlineMrr: "MRR, latest month",
  headlineNrr: "NRR, latest month",
  headlineGrr: "GRR, latest month",
  headlineQuickRatio: "Quick ratio, latest month",
  headlineQuickRatioAll: "Quick ratio, all months",

  columnMonth: "Month",
  columnMrr: "MRR",
};

export type MrrStrings = typeof en;

const es: MrrStrings = {
  ...COMMON.es,
  title: "Puente de MRR",
  description:
    "MRR nuevo, de expansión, reactivación, contracción y bajas por mes a partir de filas de suscripción, con NRR, GRR, el quick ratio y una cascada de los últimos doce meses.",
  monthNames: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],

  about: (surface) =>
    `Los movimientos son valores agrupados del origen al generar la hoja (${
      surface === "cli" ? "vuelva a ejecutar cxm para actualizarlos" : "vuelva a generarla desde el panel de tareas para actualizarlos"
    }); el MRR inicial y final, NRR, GRR, el quick ratio, el puente y los datos de los gráficos son fórmulas de Excel sobre ellos.`,

  summaryTitle: "Resumen",
  summaryNote:
    "Las cifras del último mes; el quick ratio de todos los meses suma los movimientos de la tabla. Quick ratio = (nuevo + expansión) ÷ (contracción + bajas), como lo definió Mamoon Hamid (Social Capital, 2015): el MRR reactivado no cuenta como ganancia. ChartMogul suma la reactivación a las ganancias, lo que da un ratio mayor en los meses en que vuelven clientes.",
  latestMonth: "Último mes",
  endMrr: "MRR final",
  netNew: "MRR neto nuevo",
  nrr: "NRR",
  grr: "GRR",
  quickRatio: "Quick ratio",
  quickRatioAll: "Quick ratio, todos los meses",

  movements: {
    start: "MRR inicial",
    new: "Nuevo",
    expansion: "Expansión",
    reactivation: "Reactivación",
    contraction: "Contracción",
    churn: "Bajas",
    end: "MRR final",
  },

  bridgeTitle: (from, to) => (from === to ? `Puente de MRR, ${to}` : `Puente de MRR, ${from} a ${to}`),
  bridgeNote: (months, all) =>
    `${all ? plural("es", months, { one: "El único mes de los datos", other: `Los ${count("es", months)} meses de los datos` }) : `Los últimos ${counted("es", months, { one: "mes", other: "meses" })}`}: el MRR al inicio del primero, cada movimiento sumado en los meses y el MRR al final del último. Base, Aumento, Disminución y Total dibujan la cascada (su base es invisible).`,
  step: "Paso",
  amount: "MRR",
  base: "Base",
  increase: "Aumento",
  decrease: "Disminución",
  total: "Total",

  tableTitle: "Puente de MRR por mes",
  tableNote:
    "Final = inicial + nuevo + expansión + reactivación − contracción − bajas; cada mes empieza donde terminó el anterior. NRR y GRR excluyen el negocio nuevo; n/d donde un ratio no está definido (sin MRR al inicio, nada perdido). Diferencia: el final del puente menos el MRR de los clientes sumado de los datos (0 cuando cuadra).",
  month: "Mes",
  customersStart: "Clientes al inicio",
  customersEnd: "Clientes al final",
  endInData: "MRR final en los datos",
  difference: "Diferencia",
  tableName: "PuenteDeMrr",

  mrrChartTitle: "MRR al final de cada mes",
  retentionChartTitle: "Retención de ingresos neta y bruta",
  retentionAxis: "Parte del MRR inicial conservada",
  ratiosTitle: "Datos del gráfico: NRR y GRR",
  ratiosNote: "NRR y GRR de la tabla desde el segundo mes; #N/D donde un ratio no está definido, para que el gráfico deje un hueco en vez de dibujar 0.",

  headlineMrr: "MRR, último mes",
  headlineNrr: "NRR, último mes",
  headlineGrr: "GRR, último mes",
  headlineQuickRatio: "Quick ratio, último mes",
  headlineQuickRatioAll: "Quick ratio, todos los meses",

  columnMonth: "Mes",
  columnMrr: "MRR",
};

export const MRR_STRINGS: Record<Language, MrrStrings> = { en, es };
