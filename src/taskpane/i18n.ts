/**
 * The task pane's words in English and Spanish. The Spanish table has the
 * English table's type, so a string added in one language and forgotten in the
 * other is a compile error. Template titles, column labels and validation
 * messages come localized from the templates themselves (registry-types.ts).
 */
import type { Language, Localized } from "../templates/registry-types";

/**
 * The Spanish locales Office can report as its display language (Microsoft's
 * Office language tags: Spain, Mexico, the United States and every Spanish-
 * speaking country of Latin America). The manifest gives each of them the
 * Spanish function metadata and strings (test/scripts/manifest-locales.test.ts).
 */
export const SPANISH_LOCALES = [
  "es-ES", "es-MX", "es-US", "es-AR", "es-BO", "es-CL", "es-CO", "es-CR", "es-DO", "es-EC",
  "es-SV", "es-GT", "es-HN", "es-NI", "es-PA", "es-PY", "es-PE", "es-PR", "es-UY", "es-VE",
] as const;

/** The pane's language for Office's display language: Spanish for the Spanish locales and any other "es-*", English otherwise. */
export function languageFor(displayLanguage: string | undefined | null): Language {
  return /^es(-|_|$)/i.test((displayLanguage ?? "").trim()) ? "es" : "en";
}

/** Picks the text for `language` from a template's localized text. */
export function pick(text: Localized, language: Language): string {
  return text[language] || text.en;
}

/** Formats a count the way the language writes numbers (1,995 / 1.995). */
export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(language === "es" ? "es-ES" : "en-US").format(n);
}

const n_en = (n: number) => formatCount(n, "en");
const n_es = (n: number) => formatCount(n, "es");

const en = {
  languageLabel: "Language",
  tabsLabel: "CXM sections",
  tabTemplates: "Templates",
  tabFunctions: "Functions",

  templateHeading: "Template",
  noTemplates: "No templates are available in this version.",
  inputsOnly: "This template starts from inputs you type in the new sheet: no source data needed.",
  insertSample: "Insert sample data",
  insertSampleLabel: (title: string) => `Insert sample data for ${title} into a new sheet`,
  sampleSheetName: (title: string) => `Sample ${title}`,
  sampleInserted: (sheet: string) => `Sample data is on the new sheet ${sheet} and is now the source.`,
  sampleInsertedNoSource: (sheet: string) => `Sample data is on the new sheet ${sheet}.`,

  sourceHeading: "Source data",
  sourceHint: "Select your data in the sheet, headers in the first row, or pick an Excel table.",
  useSelection: "Use selection",
  tableLabel: "Excel table",
  tablePlaceholder: "Choose a table",
  noTables: "No tables in this workbook",
  reading: "Reading…",
  noSource: "No source chosen yet.",
  sourceSummary: (address: string, rows: number) => `${address}: ${n_en(rows)} data ${rows === 1 ? "row" : "rows"}`,
  emptySelection: "The selection holds no values: select your data, headers included.",
  tableNotFound: "That table no longer exists.",
  headerOnly: "The source has a header row but no data rows.",

  secondaryHeading: (label: string) => `${label} (optional)`,
  secondaryUseSelection: (label: string) => `Use the selection as the ${label.toLowerCase()}`,
  secondaryTableLabel: (label: string) => `Excel table for the ${label.toLowerCase()}`,
  secondaryRemove: "Remove",
  secondaryRemoveLabel: (label: string) => `Remove the ${label.toLowerCase()}`,
  secondaryNone: "None chosen: the build leaves it out.",
  secondaryReadLabel: (label: string) => `How the ${label.toLowerCase()} was read`,
  secondaryColumnLabel: (label: string, column: string) => `${label}: ${column}`,
  secondaryRowLabel: (label: string, row: string) => `${label}, row ${row}`,
  secondarySampleInserted: (label: string, sheet: string) => `Its ${label.toLowerCase()} is on the new sheet ${sheet}.`,

  columnsHeading: "Columns",
  columnsHint: "Matched from your headers. Correct any that are wrong.",
  notMapped: "(not mapped)",
  requiredSuffix: "required",
  optionalSuffix: "optional",
  untitledColumn: (letter: string) => `Column ${letter}`,
  mapRequired: (labels: string) => `Map these columns to build: ${labels}.`,
  sharedColumn: (headers: string) => `${headers} feeds more than one column; check the mapping.`,
  groupHint: "Tick every column that holds one; its header names it on the sheet.",
  groupChosen: (n: number) => `${n_en(n)} ${n === 1 ? "column" : "columns"} chosen`,

  readReportHeading: "How the source was read:",
  readReportLabel: "How the source was read",
  dateOrderLabel: "Date order",
  decimalLabel: "Decimal mark",
  fromValues: "From the values",
  dayFirst: "day first",
  monthFirst: "month first",
  yearFirst: "year first",
  decimalComma: "comma",
  decimalPoint: "point",

  checkHeading: "Check",
  checkLabel: "Validation summary",
  rowsReady: (n: number) => `${n_en(n)} ${n === 1 ? "row" : "rows"} ready.`,
  rowsLeftOut: (n: number) => (n === 1 ? "1 row will be left out:" : `${n_en(n)} rows will be left out:`),
  rowLabel: (row: string) => `Row ${row}`,
  moreProblems: (n: number) => `…and ${n_en(n)} more.`,
  allRowsGood: "Every row can be used.",
  cannotBuild: "Cannot build yet:",

  optionsHeading: "Options",
  noOptions: "This template has no options.",

  build: "Build",
  buildLabel: (title: string) => `Build ${title} on a new sheet`,
  cancel: "Cancel",
  cancelLabel: "Cancel the build",
  progressLabel: "Build progress",
  computing: "Computing…",
  writing: (percent: string) => `Writing to Excel… ${percent}%`,
  cancelling: "Cancelling…",
  built: (sheet: string) => `Built on the new sheet ${sheet}.`,
  builtMore: (n: number) => (n === 1 ? "1 more sheet was added after it." : `${n_en(n)} more sheets were added after it.`),
  openSheet: (sheet: string) => `Go to ${sheet}`,
  cancelled: "Build cancelled: nothing was left in the workbook.",
  failed: (message: string) => `The build failed: ${message}`,
  excelFailed: (message: string) => `Excel could not do that: ${message}`,

  searchLabel: "Search functions",
  searchPlaceholder: "Search, e.g. churn",
  functionCount: (n: number) => (n === 1 ? "1 function" : `${n_en(n)} functions`),
  catalogLoading: "Loading functions…",
  catalogFailed: "The function list could not be loaded.",
  noMatches: "No function matches your search.",
  insert: "Insert",
  insertLabel: (name: string) => `Insert ${name} in the active cell`,
  inserted: (formula: string, address: string) => `${formula} is in ${address}. Replace the argument names with your cells.`,
  replaceQuestion: (address: string, content: string) => `${address} is not empty: it holds ${content}. Replace it with the formula?`,
  replaceYes: "Replace",
  replaceNo: "Keep it",
  replaceKept: (address: string) => `Nothing was inserted: ${address} keeps what it holds. Select an empty cell and insert again.`,
};

export type Strings = typeof en;

const es: Strings = {
  languageLabel: "Idioma",
  tabsLabel: "Secciones de CXM",
  tabTemplates: "Plantillas",
  tabFunctions: "Funciones",

  templateHeading: "Plantilla",
  noTemplates: "Esta versión no incluye plantillas.",
  inputsOnly: "Esta plantilla parte de datos que escribe en la hoja nueva: no necesita datos de origen.",
  insertSample: "Insertar datos de ejemplo",
  insertSampleLabel: (title) => `Insertar datos de ejemplo de ${title} en una hoja nueva`,
  sampleSheetName: (title) => `Ejemplo ${title}`,
  sampleInserted: (sheet) => `Los datos de ejemplo están en la hoja nueva ${sheet} y ahora son el origen.`,
  sampleInsertedNoSource: (sheet) => `Los datos de ejemplo están en la hoja nueva ${sheet}.`,

  sourceHeading: "Datos de origen",
  sourceHint: "Seleccione sus datos en la hoja, con los encabezados en la primera fila, o elija una tabla de Excel.",
  useSelection: "Usar la selección",
  tableLabel: "Tabla de Excel",
  tablePlaceholder: "Elija una tabla",
  noTables: "El libro no tiene tablas",
  reading: "Leyendo…",
  noSource: "Todavía no hay datos de origen.",
  sourceSummary: (address, rows) => `${address}: ${n_es(rows)} ${rows === 1 ? "fila" : "filas"} de datos`,
  emptySelection: "La selección no contiene valores: seleccione sus datos, con los encabezados.",
  tableNotFound: "Esa tabla ya no existe.",
  headerOnly: "El origen tiene fila de encabezados pero ninguna fila de datos.",

  secondaryHeading: (label) => `${label} (opcional)`,
  secondaryUseSelection: (label) => `Usar la selección como ${label.toLowerCase()}`,
  secondaryTableLabel: (label) => `Tabla de Excel (${label.toLowerCase()})`,
  secondaryRemove: "Quitar",
  secondaryRemoveLabel: (label) => `Quitar: ${label.toLowerCase()}`,
  secondaryNone: "Sin elegir: la hoja se crea sin este origen.",
  secondaryReadLabel: (label) => `Cómo se leyó: ${label.toLowerCase()}`,
  secondaryColumnLabel: (label, column) => `${label}, columna ${column}`,
  secondaryRowLabel: (label, row) => `${label}, fila ${row}`,
  secondarySampleInserted: (label, sheet) => `Su ${label.toLowerCase()} está en la hoja nueva ${sheet}.`,

  columnsHeading: "Columnas",
  columnsHint: "Asignadas a partir de sus encabezados. Corrija las que no sean correctas.",
  notMapped: "(sin asignar)",
  requiredSuffix: "obligatoria",
  optionalSuffix: "opcional",
  untitledColumn: (letter) => `Columna ${letter}`,
  mapRequired: (labels) => `Asigne estas columnas para crear la hoja: ${labels}.`,
  sharedColumn: (headers) => `${headers} alimenta más de una columna; revise la asignación.`,
  groupHint: "Marque cada columna que contenga una; su encabezado la nombra en la hoja.",
  groupChosen: (n) => `${n_es(n)} ${n === 1 ? "columna elegida" : "columnas elegidas"}`,

  readReportHeading: "Cómo se leyó el origen:",
  readReportLabel: "Cómo se leyó el origen",
  dateOrderLabel: "Orden de fechas",
  decimalLabel: "Separador decimal",
  fromValues: "Según los valores",
  dayFirst: "día primero",
  monthFirst: "mes primero",
  yearFirst: "año primero",
  decimalComma: "coma",
  decimalPoint: "punto",

  checkHeading: "Comprobación",
  checkLabel: "Resumen de la validación",
  rowsReady: (n) => (n === 1 ? "1 fila lista." : `${n_es(n)} filas listas.`),
  rowsLeftOut: (n) => (n === 1 ? "Se dejará fuera 1 fila:" : `Se dejarán fuera ${n_es(n)} filas:`),
  rowLabel: (row) => `Fila ${row}`,
  moreProblems: (n) => `…y ${n_es(n)} más.`,
  allRowsGood: "Se pueden usar todas las filas.",
  cannotBuild: "Todavía no se puede crear:",

  optionsHeading: "Opciones",
  noOptions: "Esta plantilla no tiene opciones.",

  build: "Crear",
  buildLabel: (title) => `Crear ${title} en una hoja nueva`,
  cancel: "Cancelar",
  cancelLabel: "Cancelar la creación",
  progressLabel: "Progreso de la creación",
  computing: "Calculando…",
  writing: (percent) => `Escribiendo en Excel… ${percent} %`,
  cancelling: "Cancelando…",
  built: (sheet) => `Creada en la hoja nueva ${sheet}.`,
  builtMore: (n) => (n === 1 ? "Se añadió 1 hoja más a continuación." : `Se añadieron ${n_es(n)} hojas más a continuación.`),
  openSheet: (sheet) => `Ir a ${sheet}`,
  cancelled: "Creación cancelada: no queda nada en el libro.",
  failed: (message) => `No se pudo crear: ${message}`,
  excelFailed: (message) => `Excel no pudo hacerlo: ${message}`,

  searchLabel: "Buscar funciones",
  searchPlaceholder: "Buscar, p. ej. abandono",
  functionCount: (n) => (n === 1 ? "1 función" : `${n_es(n)} funciones`),
  catalogLoading: "Cargando funciones…",
  catalogFailed: "No se pudo cargar la lista de funciones.",
  noMatches: "Ninguna función coincide con la búsqueda.",
  insert: "Insertar",
  insertLabel: (name) => `Insertar ${name} en la celda activa`,
  inserted: (formula, address) => `${formula} está en ${address}. Sustituya los nombres de los argumentos por sus celdas.`,
  replaceQuestion: (address, content) => `${address} no está vacía: contiene ${content}. ¿Sustituirla por la fórmula?`,
  replaceYes: "Sustituir",
  replaceNo: "Conservarla",
  replaceKept: (address) => `No se ha insertado nada: ${address} conserva su contenido. Seleccione una celda vacía e inserte de nuevo.`,
};

export const STRINGS: Record<Language, Strings> = { en, es };
