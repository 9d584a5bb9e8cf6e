/**
 * Every word the survey dashboard shows, in English and Spanish: the two
 * sheets, their blocks, charts and tables, the task pane's and the CLI's
 * labels, the row problems and the notes of the report. `es` is typed as
 * `typeof en`, so a missing translation does not build.
 */
import type { DriverMethod } from "../../metrics/key-drivers";
import type { Language } from "../registry-types";
import { count, plural } from "../shared/language";
import { COMMON } from "../shared/strings";
import type { DriverProblem } from "./aggregate";

const en = {
  ...COMMON.en,
  templateTitle: "Survey dashboard (NPS, CSAT, CES)",
  description:
    "NPS by month and by segment with confidence intervals, the score distribution, CSAT and CES, the sentiment and themes of comments and the key drivers of the score, from one row per response.",

  columnDate: "Date",
  columnScore: "Score",
  columnSegment: "Segment",
  columnCsat: "CSAT (1-5)",
  columnCes: "CES (1-7)",
  columnComment: "Comment",
  columnAttributes: "Attribute ratings",
  optionConfidence: "Confidence level",
  optionCsatMin: "CSAT: satisfied from score",
  optionMethod: "Key drivers: method",
  methods: { johnson: "Johnson's relative weights", shapley: "Shapley decomposition of R² (LMG)" } as Record<DriverMethod, string>,

  badConfidence: (v: string) => `Option confidence must be a fraction between 0 and 1, e.g. 0.95 or 95%; got "${v}".`,
  badCsatMin: (v: string) => `Option csatSatisfiedMin must be a whole number from 1 to 5; got "${v}".`,
  unknownMethod: (v: string) => `Unknown key-driver method "${v}": use johnson or shapley.`,
  shapleyTooMany: (k: number, max: number) => `The Shapley decomposition takes at most ${max} attributes (${k} are mapped): choose Johnson's relative weights or fewer attributes.`,
  noRows: "The source has no data rows.",
  noGoodRows: "No row can be used: every row has a problem.",

  dateNotDate: (v: string) => `Date ${v} is not a date (use 2024-03-15 or a date cell).`,
  scoreNotScore: (v: string) => `Score ${v} is not a whole number from 0 to 10.`,
  scaleNotWhole: (name: string, v: string, hi: number) => `${name} ${v} is not a whole number from 1 to ${hi} (leave it empty if not asked).`,
  ratingNotNumber: (label: string, v: string) => `${label} ${v} is not a number (leave it empty if not rated).`,
  noAnswerNote: (n: number) =>
    `${count("en", n)} ${plural("en", n, { one: "response has", other: "responses have" })} no score (empty or N/A): counted as no answer, not in the NPS.`,
  largeNote: (n: number, limit: number, cap: number) =>
    `${count("en", n)} responses: more than the ${count("en", limit)} the workbook lists one by one, so the dashboard's counts are values grouped when it is built, and only the latest ${count("en", cap)} comments are listed.`,

  title: "NPS dashboard",
  aboutLive:
    "Counts are COUNTIFS formulas over the responses sheet, so a correction there flows here; every share, NPS and interval is a formula over the counts. #N/A marks a month without responses, and the NPS chart leaves a gap there.",
  aboutValues: (n: number, limit: number) =>
    `Counts are values grouped from the ${count("en", n)} responses when the sheet was built (above ${count("en", limit)} responses they are not listed one by one; build again to refresh); every share, NPS and interval is a formula over the counts. #N/A marks a month without responses, and the NPS chart leaves a gap there.`,

  settingsTitle: "Settings",
  settingsNote: (csat: boolean) =>
    `Change the confidence level${csat ? " or the CSAT threshold" : ""}: every figure recalculates. Formulas name them NPS_confidence, NPS_z${csat ? " and CSAT_satisfied_min" : ""}.`,
  settingsHeader: ["Setting", "Value"],
  confidenceLevel: "Confidence level",
  zForLevel: "z for that level",
  csatMinLabel: "CSAT: satisfied from score",
  nameConfidence: "NPS_confidence",
  nameZ: "NPS_z",
  nameCsatMin: "CSAT_satisfied_min",
  nameConfidenceComment: "Confidence level of the NPS intervals",
  nameZComment: "Standard normal quantile for the confidence level",
  nameCsatMinComment: "Lowest CSAT score counted as satisfied",

  overallTitle: "All responses",
  overallNote:
    "NPS = % promoters (9-10) − % detractors (0-6), in points; the interval is the adjusted-Wald interval (Rocks 2016) at the confidence level above; CSAT = share of answers from the threshold up; CES = average answer (1-7).",
  allResponses: "All responses",
  responses: "Responses",
  promoters: "Promoters",
  passives: "Passives",
  detractors: "Detractors",
  pctPromoters: "% Promoters",
  pctPassives: "% Passives",
  pctDetractors: "% Detractors",
  nps: "NPS",
  margin: "Margin of error (±)",
  ciLow: "CI low",
  ciHigh: "CI high",
  csat: "CSAT",
  ces: "CES (average)",

  monthsTitle: "NPS by month",
  monthsNote: "Responses dated from the first of the month to its end; the interval narrows as a month's responses grow. #N/A: no responses that month.",
  month: "Month",
  monthsTable: "NpsByMonth",
  segmentsTitle: "NPS by segment",
  segmentsNote: "All months together. Responses without a segment count only in the overall figures.",
  segment: "Segment",
  segmentsTable: "NpsBySegment",

  npsChartTitle: "NPS by month with its confidence interval",
  npsAxis: "NPS (points)",
  csatChartTitle: "CSAT by month",
  cesChartTitle: "CES by month",

  distributionTitle: "Score distribution",
  distributionNote: "How many answered each score from 0 to 10, and their share of all responses.",
  distributionHeader: ["Score", "Responses", "Share", "Group"],
  groupNames: { promoters: "Promoter", passives: "Passive", detractors: "Detractor" },
  distributionTable: "NpsScoreDistribution",
  scoreChartTitle: "Responses by score",
  scoreAxis: "Score (0-10)",

  groupsTitle: "Sentiment of comments by group",
  groupsNote:
    "Each comment scored from −1 (negative) to 1 (positive) by CXM's lexicons when the sheet was built, as =CXM.SENTIMENT scores it: positive from 0.05, negative from −0.05. Grouped by the respondent's 0-10 score; the shares are formulas.",
  groupsHeader: ["Group", "Comments", "Positive", "Neutral", "Negative", "% positive", "% neutral", "% negative", "Average sentiment"],
  groupRows: { promoters: "Promoters (9-10)", passives: "Passives (7-8)", detractors: "Detractors (0-6)" },
  allComments: "All comments",
  groupsChartTitle: "Comments by sentiment and group",

  positiveThemesTitle: "Themes of positive comments",
  negativeThemesTitle: "Themes of negative comments",
  themesNote: (positive: boolean) =>
    `The words and two-word phrases mentioned most in comments that lean ${positive ? "positive" : "negative"}, as =CXM.THEMES finds them (values at build time). NPS impact = NPS of the respondents who mention it − NPS of everyone else, in points, with the p-value of that difference (adjusted Wald).`,
  themesHeader: ["Theme", "Comments", "Share of comments", "Average sentiment", "NPS, mentioning", "NPS, others", "NPS impact (points)", "p-value"],
  noThemes: (positive: boolean) => `No theme leans ${positive ? "positive" : "negative"} (a theme needs two comments).`,

  driversTitle: "Key drivers of the score",
  driversNote: (method: DriverMethod, complete: number) =>
    `How much of the variance of the 0-10 score each rating explains: ${method === "shapley" ? "the Shapley decomposition of R² (LMG)" : "Johnson's relative weights (2000)"} over the ${count("en", complete)} ${plural("en", complete, { one: "response", other: "responses" })} rating every attribute, as =CXM.DRIVERS computes them (values at build time). Share = weight ÷ R²; R² = the weights added up.`,
  driversHeader: ["Attribute", "Average rating", "Ratings", "Weight", "Share of R²"],
  rSquaredRow: "R² (all attributes)",
  driversChartTitle: "Key drivers: share of R²",
  driverProblem: (p: DriverProblem, complete: number): string => {
    switch (p.kind) {
      case "tooFew":
        return `The key drivers need at least ${count("en", p.needed)} responses rating every attribute; there ${plural("en", complete, { one: "is", other: "are" })} ${count("en", complete)}.`;
      case "constant":
        return `Every response rates ${p.attribute} alike, so its weight is undefined: leave that column out.`;
      case "sameScore":
        return "Every response rating every attribute gives the same score: there is nothing to explain.";
      case "collinear":
        return "The ratings are perfectly correlated with each other (one is a copy or a sum of others): leave the redundant column out.";
    }
  },

  csatCountsTitle: "CSAT answers by score",
  cesCountsTitle: "CES answers by score",
  countsNoteLive: "How many gave each answer, counted from the responses sheet; the CSAT and CES columns above are formulas over these counts.",
  countsNoteValues: "How many gave each answer, grouped when the sheet was built; the CSAT and CES columns above are formulas over these counts.",

  listName: "Survey responses",
  latestName: "Latest comments",
  listNoteAll:
    "Every response used, oldest first. The dashboard counts these columns with COUNTIFS: correct a value here and it follows. Sentiment: CXM's score of the comment, from −1 (negative) to 1 (positive), computed when the sheet was built (as =CXM.SENTIMENT does).",
  listNoteLatest: (k: number, total: number, limit: number) =>
    `The latest ${count("en", k)} of ${count("en", total)} comments with their sentiment, from −1 (negative) to 1 (positive), as =CXM.SENTIMENT scores it. Above ${count("en", limit)} responses the workbook does not list every response; the dashboard's counts are values.`,
  printNote: "The table is left out of the printout: clear the print area to print it (its header repeats on every page).",
  listDate: "Date",
  listScore: "Score (0-10)",
  listSentiment: "Sentiment",
  listComment: "Comment",
  listTable: "SurveyResponses",
  latestTable: "LatestComments",

  headlineResponses: "Responses",
  headlineCiLow: "NPS CI low",
  headlineCiHigh: "NPS CI high",
  headlineSentiment: "Average sentiment of comments",
};

export type SurveyStrings = typeof en;

const es: SurveyStrings = {
  ...COMMON.es,
  templateTitle: "Panel de encuestas (NPS, CSAT, CES)",
  description:
    "NPS por mes y por segmento con intervalos de confianza, la distribución de puntuaciones, CSAT y CES, el sentimiento y los temas de los comentarios y los impulsores clave de la puntuación, con una fila por respuesta.",

  columnDate: "Fecha",
  columnScore: "Puntuación",
  columnSegment: "Segmento",
  columnCsat: "CSAT (1-5)",
  columnCes: "CES (1-7)",
  columnComment: "Comentario",
  columnAttributes: "Valoraciones de atributos",
  optionConfidence: "Nivel de confianza",
  optionCsatMin: "CSAT: satisfecho desde la puntuación",
  optionMethod: "Impulsores clave: método",
  methods: { johnson: "Pesos relativos de Johnson", shapley: "Descomposición de Shapley del R² (LMG)" },

  badConfidence: (v) => `La opción confidence debe ser una fracción entre 0 y 1, p. ej. 0,95 o 95%; se recibió «${v}».`,
  badCsatMin: (v) => `La opción csatSatisfiedMin debe ser un número entero del 1 al 5; se recibió «${v}».`,
  unknownMethod: (v) => `Método de impulsores clave desconocido «${v}»: use johnson o shapley.`,
  shapleyTooMany: (k, max) => `La descomposición de Shapley admite ${max} atributos como mucho (hay ${k} asignados): elija los pesos relativos de Johnson o menos atributos.`,
  noRows: "El origen no tiene filas de datos.",
  noGoodRows: "No se puede usar ninguna fila: todas tienen algún problema.",

  dateNotDate: (v) => `Fecha ${v} no es una fecha (use 2024-03-15 o una celda de fecha).`,
  scoreNotScore: (v) => `Puntuación ${v} no es un número entero del 0 al 10.`,
  scaleNotWhole: (name, v, hi) => `${name} ${v} no es un número entero del 1 al ${hi} (déjelo vacío si no se preguntó).`,
  ratingNotNumber: (label, v) => `${label} ${v} no es un número (déjelo vacío si no se valoró).`,
  noAnswerNote: (n) =>
    `${count("es", n)} ${plural("es", n, { one: "respuesta no tiene", other: "respuestas no tienen" })} puntuación (vacía o N/A): ${plural("es", n, { one: "cuenta", other: "cuentan" })} como sin respuesta, fuera del NPS.`,
  largeNote: (n, limit, cap) =>
    `${count("es", n)} respuestas: más de las ${count("es", limit)} que el libro enumera una a una, así que los recuentos del panel son valores agrupados al generarlo, y solo se enumeran los ${count("es", cap)} comentarios más recientes.`,

  title: "Panel NPS",
  aboutLive:
    "Los recuentos son fórmulas CONTAR.SI.CONJUNTO sobre la hoja de respuestas, así que una corrección allí llega aquí; cada porcentaje, NPS e intervalo es una fórmula sobre los recuentos. #N/A marca un mes sin respuestas, y el gráfico del NPS deja un hueco ahí.",
  aboutValues: (n, limit) =>
    `Los recuentos son valores agrupados de las ${count("es", n)} respuestas al generar la hoja (con más de ${count("es", limit)} respuestas no se enumeran una a una; vuelva a generarla para actualizarlos); cada porcentaje, NPS e intervalo es una fórmula sobre los recuentos. #N/A marca un mes sin respuestas, y el gráfico del NPS deja un hueco ahí.`,

  settingsTitle: "Ajustes",
  settingsNote: (csat) =>
    `Cambie el nivel de confianza${csat ? " o el umbral de CSAT" : ""}: todas las cifras se recalculan. Las fórmulas los llaman NPS_confianza, NPS_z${csat ? " y CSAT_satisfecho_min" : ""}.`,
  settingsHeader: ["Ajuste", "Valor"],
  confidenceLevel: "Nivel de confianza",
  zForLevel: "z de ese nivel",
  csatMinLabel: "CSAT: satisfecho desde la puntuación",
  nameConfidence: "NPS_confianza",
  nameZ: "NPS_z",
  nameCsatMin: "CSAT_satisfecho_min",
  nameConfidenceComment: "Nivel de confianza de los intervalos del NPS",
  nameZComment: "Cuantil de la normal estándar para el nivel de confianza",
  nameCsatMinComment: "Puntuación CSAT más baja que cuenta como satisfecho",

  overallTitle: "Todas las respuestas",
  overallNote:
    "NPS = % de promotores (9-10) − % de detractores (0-6), en puntos; el intervalo es el de Wald ajustado (Rocks 2016) al nivel de confianza de arriba; CSAT = parte de las respuestas desde el umbral; CES = respuesta media (1-7).",
  allResponses: "Todas las respuestas",
  responses: "Respuestas",
  promoters: "Promotores",
  passives: "Pasivos",
  detractors: "Detractores",
  pctPromoters: "% promotores",
  pctPassives: "% pasivos",
  pctDetractors: "% detractores",
  nps: "NPS",
  margin: "Margen de error (±)",
  ciLow: "IC inferior",
  ciHigh: "IC superior",
  csat: "CSAT",
  ces: "CES (media)",

  monthsTitle: "NPS por mes",
  monthsNote: "Respuestas fechadas del primer día del mes a su final; el intervalo se estrecha al crecer las respuestas del mes. #N/A: ninguna respuesta ese mes.",
  month: "Mes",
  monthsTable: "NpsPorMes",
  segmentsTitle: "NPS por segmento",
  segmentsNote: "Todos los meses juntos. Las respuestas sin segmento solo cuentan en las cifras generales.",
  segment: "Segmento",
  segmentsTable: "NpsPorSegmento",

  npsChartTitle: "NPS por mes con su intervalo de confianza",
  npsAxis: "NPS (puntos)",
  csatChartTitle: "CSAT por mes",
  cesChartTitle: "CES por mes",

  distributionTitle: "Distribución de puntuaciones",
  distributionNote: "Cuántos respondieron cada puntuación del 0 al 10, y su parte del total de respuestas.",
  distributionHeader: ["Puntuación", "Respuestas", "Porcentaje", "Grupo"],
  groupNames: { promoters: "Promotor", passives: "Pasivo", detractors: "Detractor" },
  distributionTable: "DistribucionDePuntuaciones",
  scoreChartTitle: "Respuestas por puntuación",
  scoreAxis: "Puntuación (0-10)",

  groupsTitle: "Sentimiento de los comentarios por grupo",
  groupsNote:
    "Cada comentario puntuado de −1 (negativo) a 1 (positivo) por los léxicos de CXM al generar la hoja, como lo puntúa =CXM.SENTIMENT: positivo desde 0,05, negativo desde −0,05. Agrupados por la puntuación de 0 a 10 de quien responde; los porcentajes son fórmulas.",
  groupsHeader: ["Grupo", "Comentarios", "Positivos", "Neutros", "Negativos", "% positivos", "% neutros", "% negativos", "Sentimiento medio"],
  groupRows: { promoters: "Promotores (9-10)", passives: "Pasivos (7-8)", detractors: "Detractores (0-6)" },
  allComments: "Todos los comentarios",
  groupsChartTitle: "Comentarios por sentimiento y grupo",

  positiveThemesTitle: "Temas de los comentarios positivos",
  negativeThemesTitle: "Temas de los comentarios negativos",
  themesNote: (positive) =>
    `Las palabras y frases de dos palabras más mencionadas en los comentarios de tono ${positive ? "positivo" : "negativo"}, como las encuentra =CXM.THEMES (valores al generar la hoja). Impacto en el NPS = NPS de quienes lo mencionan − NPS del resto, en puntos, con el valor p de esa diferencia (Wald ajustado).`,
  themesHeader: ["Tema", "Comentarios", "Parte de los comentarios", "Sentimiento medio", "NPS, lo mencionan", "NPS, el resto", "Impacto en el NPS (puntos)", "Valor p"],
  noThemes: (positive) => `Ningún tema tiene tono ${positive ? "positivo" : "negativo"} (un tema necesita dos comentarios).`,

  driversTitle: "Impulsores clave de la puntuación",
  driversNote: (method, complete) =>
    `Cuánto de la varianza de la puntuación de 0 a 10 explica cada valoración: ${method === "shapley" ? "la descomposición de Shapley del R² (LMG)" : "los pesos relativos de Johnson (2000)"} sobre ${plural("es", complete, { one: "la", other: "las" })} ${count("es", complete)} ${plural("es", complete, { one: "respuesta que valora", other: "respuestas que valoran" })} todos los atributos, como los calcula =CXM.DRIVERS (valores al generar la hoja). Parte = peso ÷ R²; R² = la suma de los pesos.`,
  driversHeader: ["Atributo", "Valoración media", "Valoraciones", "Peso", "Parte del R²"],
  rSquaredRow: "R² (todos los atributos)",
  driversChartTitle: "Impulsores clave: parte del R²",
  driverProblem: (p, complete) => {
    switch (p.kind) {
      case "tooFew":
        return `Los impulsores clave necesitan al menos ${count("es", p.needed)} respuestas que valoren todos los atributos; hay ${count("es", complete)}.`;
      case "constant":
        return `Todas las respuestas valoran ${p.attribute} igual, así que su peso no está definido: deje fuera esa columna.`;
      case "sameScore":
        return "Todas las respuestas que valoran todos los atributos dan la misma puntuación: no hay nada que explicar.";
      case "collinear":
        return "Las valoraciones están perfectamente correlacionadas entre sí (una es copia o suma de otras): deje fuera la columna redundante.";
    }
  },

  csatCountsTitle: "Respuestas CSAT por puntuación",
  cesCountsTitle: "Respuestas CES por puntuación",
  countsNoteLive: "Cuántos dieron cada respuesta, contados en la hoja de respuestas; las columnas CSAT y CES de arriba son fórmulas sobre estos recuentos.",
  countsNoteValues: "Cuántos dieron cada respuesta, agrupados al generar la hoja; las columnas CSAT y CES de arriba son fórmulas sobre estos recuentos.",

  listName: "Respuestas de la encuesta",
  latestName: "Últimos comentarios",
  listNoteAll:
    "Cada respuesta usada, de la más antigua a la más reciente. El panel cuenta estas columnas con CONTAR.SI.CONJUNTO: corrija un valor aquí y el panel lo sigue. Sentimiento: la puntuación de CXM del comentario, de −1 (negativo) a 1 (positivo), calculada al generar la hoja (como hace =CXM.SENTIMENT).",
  listNoteLatest: (k, total, limit) =>
    `Los ${count("es", k)} comentarios más recientes de ${count("es", total)}, con su sentimiento, de −1 (negativo) a 1 (positivo), como lo puntúa =CXM.SENTIMENT. Con más de ${count("es", limit)} respuestas el libro no enumera cada respuesta; los recuentos del panel son valores.`,
  printNote: "La tabla queda fuera de la impresión: borre el área de impresión para imprimirla (su encabezado se repite en cada página).",
  listDate: "Fecha",
  listScore: "Puntuación (0-10)",
  listSentiment: "Sentimiento",
  listComment: "Comentario",
  listTable: "RespuestasDeEncuesta",
  latestTable: "UltimosComentarios",

  headlineResponses: "Respuestas",
  headlineCiLow: "NPS IC inferior",
  headlineCiHigh: "NPS IC superior",
  headlineSentiment: "Sentimiento medio de los comentarios",
};

export const SURVEY_STRINGS: Record<Language, SurveyStrings> = { en, es };
