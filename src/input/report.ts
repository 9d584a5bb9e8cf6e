/**
 * The report of assumptions in the user's words, English or Spanish: how
 * the file was read (encoding, delimiter, sheet), which rows were taken as
 * the header or skipped, and for each column what it was read as and why
 * (its own values, the file's other columns, the delimiter, or the
 * language's default), with the way to change it. Plurals by
 * Intl.PluralRules ("1 fila", "2 filas"). Pure.
 */
import type { DateOrder } from "./dates";
import type { Basis, ColumnFacts, Language, ReadReport } from "./types";

/** Where the user changes an assumption: command-line flags, or the task pane's settings. */
export type Overrides = "cli" | "pane";

const RULES: Record<Language, Intl.PluralRules> = { en: new Intl.PluralRules("en"), es: new Intl.PluralRules("es") };
const NUMBERS: Record<Language, Intl.NumberFormat> = { en: new Intl.NumberFormat("en-US"), es: new Intl.NumberFormat("es-ES") };

/** "1 row" / "2 rows", "1 fila" / "2 filas", with the number written the language's way. */
export function plural(n: number, language: Language, forms: { one: string; other: string }): string {
  const word = RULES[language].select(n) === "one" ? forms.one : forms.other;
  return `${NUMBERS[language].format(n)} ${word}`;
}

const q = (text: string, language: Language) => (language === "es" ? `«${text}»` : `"${text}"`);

const ENCODING: Record<string, Record<Language, string>> = {
  "utf-8": { en: "UTF-8", es: "UTF-8" },
  "utf-8-bom": { en: "UTF-8 (with a BOM)", es: "UTF-8 (con BOM)" },
  "utf-16le": { en: "UTF-16 (little-endian)", es: "UTF-16 (little-endian)" },
  "utf-16be": { en: "UTF-16 (big-endian)", es: "UTF-16 (big-endian)" },
  "windows-1252": { en: "Windows-1252", es: "Windows-1252" },
};

const DELIMITER: Record<string, Record<Language, string>> = {
  ",": { en: "comma-separated", es: "separado por comas" },
  ";": { en: "semicolon-separated", es: "separado por punto y coma" },
  "\t": { en: "tab-separated", es: "separado por tabuladores" },
  "|": { en: "separated by |", es: "separado por |" },
};

const TOOL: Record<string, Record<Language, string>> = {
  qualtrics: { en: "Qualtrics layout: 3 header rows (names, question text, ImportId)", es: "formato de Qualtrics: 3 filas de encabezado (nombres, texto de la pregunta, ImportId)" },
  "qualtrics-legacy": { en: "Qualtrics layout: 2 header rows (names, question text)", es: "formato de Qualtrics: 2 filas de encabezado (nombres, texto de la pregunta)" },
  surveymonkey: { en: "SurveyMonkey layout: 2 header rows (questions, answers)", es: "formato de SurveyMonkey: 2 filas de encabezado (preguntas, respuestas)" },
};

const ORDER_NAME: Record<DateOrder, Record<Language, string>> = {
  dmy: { en: "day first", es: "día primero" },
  mdy: { en: "month first", es: "mes primero" },
  ymd: { en: "year first", es: "año primero" },
};

function orderHint(other: DateOrder, how: Overrides, language: Language): string {
  if (how === "cli") return `use --date-order ${other}`;
  return language === "es" ? `elija «${ORDER_NAME[other].es}» en Orden de fechas` : `choose "${ORDER_NAME[other].en}" under Date order`;
}

function decimalHint(other: "." | ",", how: Overrides, language: Language): string {
  if (how === "cli") return `use --decimal ${other}`;
  const name = other === "," ? { en: "comma", es: "coma" } : { en: "point", es: "punto" };
  return language === "es" ? `elija «${name.es}» en Separador decimal` : `choose "${name.en}" under Decimal mark`;
}

function because(basis: Basis | undefined, language: Language): string {
  const en: Record<Basis, string> = {
    values: "as its values show",
    file: "like the file's other columns",
    delimiter: "assumed because the file is semicolon-separated, as Excel writes it where the decimal mark is a comma",
    language: "assumed: the default for English",
    given: "as you asked",
  };
  const es: Record<Basis, string> = {
    values: "como muestran sus valores",
    file: "como las demás columnas del archivo",
    delimiter: "supuesto porque el archivo está separado por punto y coma, como lo escribe Excel donde la coma es el separador decimal",
    language: "supuesto: lo habitual en español",
    given: "como ha pedido",
  };
  return basis ? (language === "es" ? es : en)[basis] : "";
}

function columnLine(c: ColumnFacts, language: Language, how: Overrides): string {
  const es = language === "es";
  const name = q(c.header || (es ? `columna ${c.index + 1}` : `column ${c.index + 1}`), language);
  const target = c.mappedTo ? (es ? ` → ${c.mappedTo}` : ` → ${c.mappedTo}`) : "";
  const parts: string[] = [];
  if (c.kind === "number") {
    if (c.decimal && c.decimalBasis) {
      const mark = c.decimal === "," ? (es ? "coma decimal" : "decimal comma") : es ? "punto decimal" : "decimal point";
      const eg = c.example ? ` (${q(c.example, language)})` : "";
      let basis = because(c.decimalBasis, language);
      if (c.decimalBasis === "language" && !es) basis = "assumed: the default for English";
      if (c.decimalBasis !== "values" && c.decimalBasis !== "given") {
        basis += es ? `; si no es así, ${decimalHint(c.decimal === "," ? "." : ",", how, language)}` : `; if not, ${decimalHint(c.decimal === "," ? "." : ",", how, language)}`;
      }
      parts.push(es ? `números con ${mark}${eg}, ${basis}` : `numbers with a ${mark}${eg}, ${basis}`);
    } else parts.push(es ? "números" : "numbers");
    if (c.currency) parts.push(es ? `${plural(c.currency, language, { one: "valor con símbolo o código de moneda", other: "valores con símbolo o código de moneda" })} (se ignora la moneda)` : `${plural(c.currency, language, { one: "value", other: "values" })} with a currency symbol or code (the currency is ignored)`);
    if (c.percent) parts.push(es ? `${plural(c.percent, language, { one: "porcentaje leído", other: "porcentajes leídos" })} como fracción (12,5 % = 0,125)` : `${plural(c.percent, language, { one: "percentage", other: "percentages" })} read as a fraction (12.5% = 0.125)`);
  } else if (c.kind === "date") {
    if (c.serials) parts.push(es ? "fechas como números de serie de Excel" : "dates as Excel serial numbers");
    else if (c.dateOrder && c.dateBasis) {
      const order = ORDER_NAME[c.dateOrder][language];
      const eg = c.example ? ` (${q(c.example, language)})` : "";
      let basis = because(c.dateBasis, language);
      if (c.dateBasis === "language") basis = es ? "supuesto: lo habitual en español" : "assumed: the default for English";
      if (c.dateBasis !== "values" && c.dateBasis !== "given") {
        const other: DateOrder = c.dateOrder === "dmy" ? "mdy" : "dmy";
        basis += es ? `; si no es así, ${orderHint(other, how, language)}` : `; if not, ${orderHint(other, how, language)}`;
      }
      parts.push(es ? `fechas con el ${order}${eg}, ${basis}` : `dates ${order}${eg}, ${basis}`);
    } else parts.push(es ? "fechas" : "dates");
  } else if (c.kind === "id") parts.push(es ? "identificadores" : "ids");
  else parts.push(es ? "texto" : "text");
  if (c.conflicts) {
    const eg = c.conflictExample ? ` (${es ? "p. ej." : "e.g."} ${q(c.conflictExample, language)})` : "";
    parts.push(
      es
        ? `${plural(c.conflicts, language, { one: "valor escrito", other: "valores escritos" })} al revés${eg}: no se pueden leer`
        : `${plural(c.conflicts, language, { one: "value", other: "values" })} written the other way${eg}: cannot be read`,
    );
  }
  const counts: string[] = [];
  if (c.blank) counts.push(es ? plural(c.blank, language, { one: "vacía", other: "vacías" }) : `${NUMBERS.en.format(c.blank)} blank`);
  if (c.noAnswer) counts.push(es ? plural(c.noAnswer, language, { one: "«sin respuesta»", other: "«sin respuesta»" }) : `${NUMBERS.en.format(c.noAnswer)} "no answer"`);
  if (c.unreadable) counts.push(es ? plural(c.unreadable, language, { one: "ilegible", other: "ilegibles" }) : `${NUMBERS.en.format(c.unreadable)} unreadable`);
  const tail = counts.length > 0 ? (es ? `; celdas: ${counts.join(", ")}` : `; cells: ${counts.join(", ")}`) : "";
  return `${name}${target}: ${parts.join("; ")}${tail}.`;
}

/**
 * The report as lines of text.
 *
 * @example reportText(report, "es", "cli")[0] // "Leído ventas.csv como UTF-8 (con BOM), separado por punto y coma."
 */
export function reportText(report: ReadReport, language: Language, how: Overrides = "cli"): string[] {
  const es = language === "es";
  const s = report.source;
  const out: string[] = [];
  if (s.format === "csv") {
    const enc = ENCODING[s.encoding ?? "utf-8"][language];
    const why =
      s.encodingBasis === "invalid-utf8"
        ? es
          ? " (sus bytes no son UTF-8 válido: así guarda Excel para Windows un «CSV»)"
          : " (its bytes are not valid UTF-8: what Excel on Windows saves as \"CSV\")"
        : s.encodingBasis === "no-bom-utf16"
          ? es ? " (sin BOM)" : " (no BOM)"
          : "";
    const delim = DELIMITER[s.delimiter ?? ","]?.[language] ?? (es ? `separado por ${q(s.delimiter ?? "", language)}` : `separated by ${q(s.delimiter ?? "", language)}`);
    const given = s.delimiterGiven ? (es ? " (como ha pedido)" : " (as you asked)") : "";
    out.push(es ? `Leído ${s.name} como ${enc}${why}, ${delim}${given}.` : `Read ${s.name} as ${enc}${why}, ${delim}${given}.`);
  } else if (s.format === "xlsx") {
    const others = (s.sheets ?? []).length > 1 ? (es ? ` (hojas: ${s.sheets!.join(", ")}; elija otra con --sheet)` : ` (sheets: ${s.sheets!.join(", ")}; choose another with --sheet)`) : "";
    out.push(es ? `Leída la hoja ${q(s.sheet ?? "", language)} de ${s.name}${others}.` : `Read sheet ${q(s.sheet ?? "", language)} of ${s.name}${others}.`);
  } else {
    out.push(es ? `Leído ${s.name}.` : `Read ${s.name}.`);
  }
  const h = report.header;
  if (h.titleRows > 0) {
    out.push(es ? `Omitidas ${plural(h.titleRows, language, { one: "fila", other: "filas" })} sobre el encabezado (título o filtros).`.replace("Omitidas 1 fila", "Omitida 1 fila") : `Skipped ${plural(h.titleRows, language, { one: "row", other: "rows" })} above the header (a title or filters).`);
  }
  if (h.tool) out.push(es ? `Encabezado: ${TOOL[h.tool].es}.` : `Header: ${TOOL[h.tool].en}.`);
  out.push(es ? `${plural(report.rows, language, { one: "fila", other: "filas" })} de datos.` : `${plural(report.rows, language, { one: "data row", other: "data rows" })}.`);
  if (h.blankRows > 0) {
    out.push(es ? `${plural(h.blankRows, language, { one: "fila vacía omitida", other: "filas vacías omitidas" })}.` : `${plural(h.blankRows, language, { one: "blank row", other: "blank rows" })} skipped.`);
  }
  if (h.footerRows > 0) {
    out.push(es ? `${plural(h.footerRows, language, { one: "línea final omitida", other: "líneas finales omitidas" })} (pie del informe).` : `${plural(h.footerRows, language, { one: "line", other: "lines" })} at the end skipped (the report's footer).`);
  }
  for (const c of report.columns) out.push(`  ${columnLine(c, language, how)}`);
  return out;
}
