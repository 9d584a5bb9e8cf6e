/**
 * The `cxm` command line, parsed with Node's own util.parseArgs into one of
 * four commands. Anything the user typed wrong becomes a UsageError whose
 * message, in English and Spanish, names the flag or word at fault.
 */
import { parseArgs } from "node:util";
import type { DateOrder } from "../input/dates";
import type { DecimalMark } from "../input/numbers";
import type { Language, Localized } from "../templates/registry-types";

export type Command =
  | { kind: "help"; language: Language }
  | { kind: "list"; language: Language }
  | { kind: "demo"; out: string; language: Language; force: boolean }
  | {
      kind: "template";
      id: string;
      /** The first --input (the only one the TypeScript engine reads). */
      input?: string;
      /** Every --input given (files or globs; several, or a glob, go to DuckDB). */
      inputs: string[];
      /** --engine: who computes the aggregates; "auto" picks DuckDB for Parquet, several files or a big CSV. */
      engine: Engine;
      /** --quiet: no progress line. */
      quiet: boolean;
      out?: string;
      /** --map key=Header, in the order given. */
      map: [string, string][];
      /** --option key=value, in the order given. */
      options: [string, string][];
      /** --with key=file: a template's secondary sources (customer growth's incidents), in the order given. */
      with: [string, string][];
      language: Language;
      acceptBadRows: boolean;
      /** Replace an existing --out file (never a symbolic link). */
      force: boolean;
      /** How to read the file, when the user overrides what the reader would decide. */
      read: { sheet?: string; delimiter?: string; decimal?: DecimalMark; dateOrder?: DateOrder };
    };

/** A mistake on the command line (exit code 2), worded in both languages. */
export class UsageError extends Error {
  readonly messages: Localized;
  constructor(message: Localized | string) {
    const messages = typeof message === "string" ? { en: message, es: message } : message;
    super(messages.en);
    this.name = "UsageError";
    this.messages = messages;
  }
}

export const DEFAULT_DEMO_FILE = "cxm-demo.xlsx";

export type Engine = "auto" | "typescript" | "duckdb";

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  out: { type: "string", short: "o" },
  lang: { type: "string" },
  input: { type: "string", short: "i", multiple: true },
  engine: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  map: { type: "string", multiple: true },
  option: { type: "string", multiple: true },
  with: { type: "string", multiple: true },
  "accept-bad-rows": { type: "boolean" },
  force: { type: "boolean" },
  sheet: { type: "string" },
  delimiter: { type: "string" },
  decimal: { type: "string" },
  "date-order": { type: "string" },
} as const;

/** Flags each command accepts (others are reported, not ignored). */
const ALLOWED: Record<Command["kind"], (keyof typeof OPTIONS)[]> = {
  help: ["help", "lang"],
  list: ["help", "lang"],
  demo: ["help", "out", "lang", "force"],
  template: ["help", "out", "lang", "input", "map", "option", "with", "accept-bad-rows", "force", "sheet", "delimiter", "decimal", "date-order", "engine", "quiet"],
};

const SEE_HELP = { en: "(see cxm --help)", es: "(vea cxm --help)" };

/** "key=value" -> ["key", "value"]; the value may itself contain "=". */
function pair(flag: string, text: string): [string, string] {
  const at = text.indexOf("=");
  if (at <= 0) {
    const eg = `--${flag} ${flag === "map" ? "score=Puntuación" : flag === "with" ? "incidents=incidents.csv" : "confidence=0.9"}`;
    throw new UsageError({ en: `--${flag} ${text}: expected key=value, e.g. ${eg}.`, es: `--${flag} ${text}: se esperaba clave=valor, p. ej. ${eg}.` });
  }
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

function languageOf(value: string | undefined, fallback: Language): Language {
  if (value === undefined) return fallback;
  const lang = value.toLowerCase();
  if (lang === "en" || lang === "es") return lang;
  throw new UsageError({ en: `--lang ${value}: the languages are en and es.`, es: `--lang ${value}: los idiomas son en y es.` });
}

const DELIMITERS: Record<string, string> = {
  ",": ",", comma: ",", coma: ",",
  ";": ";", semicolon: ";", "punto y coma": ";", puntoycoma: ";",
  "\t": "\t", "\\t": "\t", tab: "\t", tabulador: "\t",
  "|": "|", pipe: "|", barra: "|",
};

function delimiterOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const d = DELIMITERS[value.toLowerCase()] ?? (value.length === 1 ? value : undefined);
  if (d === undefined || d === '"' || d === "\n" || d === "\r") {
    throw new UsageError({
      en: `--delimiter ${value}: give one character: , ; tab or |.`,
      es: `--delimiter ${value}: indique un carácter: , ; tab o |.`,
    });
  }
  return d;
}

function decimalOf(value: string | undefined): DecimalMark | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (v === "," || v === "comma" || v === "coma") return ",";
  if (v === "." || v === "point" || v === "dot" || v === "punto") return ".";
  throw new UsageError({ en: `--decimal ${value}: the decimal mark is , or .`, es: `--decimal ${value}: el separador decimal es , o .` });
}

const ORDERS: Record<string, DateOrder> = { dmy: "dmy", mdy: "mdy", ymd: "ymd", dma: "dmy", mda: "mdy", amd: "ymd" };

function dateOrderOf(value: string | undefined): DateOrder | undefined {
  if (value === undefined) return undefined;
  const order = ORDERS[value.toLowerCase()];
  if (!order) {
    throw new UsageError({
      en: `--date-order ${value}: use dmy (15/01/2024), mdy (01/15/2024) or ymd (2024/01/15).`,
      es: `--date-order ${value}: use dmy (15/01/2024), mdy (01/15/2024) o ymd (2024/01/15).`,
    });
  }
  return order;
}

function engineOf(value: string | undefined): Engine {
  if (value === undefined) return "auto";
  const v = value.toLowerCase();
  if (v === "auto" || v === "automatico" || v === "automático") return "auto";
  if (v === "typescript" || v === "ts" || v === "node") return "typescript";
  if (v === "duckdb") return "duckdb";
  throw new UsageError({ en: `--engine ${value}: use duckdb, typescript or auto.`, es: `--engine ${value}: use duckdb, typescript o auto.` });
}

/** Parses the arguments after `cxm` (process.argv.slice(2)); `fallback` is the language when --lang is not given (the environment's). */
export function parseCommand(argv: string[], fallback: Language = "en"): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    throw new UsageError(
      unknown
        ? { en: `Unknown flag ${unknown[1]} ${SEE_HELP.en}.`, es: `Opción desconocida ${unknown[1]} ${SEE_HELP.es}.` }
        : { en: `${message} ${SEE_HELP.en}.`, es: `${message} ${SEE_HELP.es}.` },
    );
  }
  const { values, positionals } = parsed;
  const [word, ...rest] = positionals;
  const language = languageOf(values.lang, fallback);
  if (values.help || word === undefined || word === "help" || word === "ayuda") return { kind: "help", language };
  if (word !== "demo" && word !== "list" && word !== "template") {
    throw new UsageError({
      en: `Unknown command "${word}": use demo, list or template ${SEE_HELP.en}.`,
      es: `Orden desconocida «${word}»: use demo, list o template ${SEE_HELP.es}.`,
    });
  }
  for (const flag of Object.keys(values) as (keyof typeof OPTIONS)[]) {
    if (!ALLOWED[word].includes(flag)) throw new UsageError({ en: `cxm ${word} does not take --${flag} ${SEE_HELP.en}.`, es: `cxm ${word} no admite --${flag} ${SEE_HELP.es}.` });
  }
  if (word === "template") {
    if (rest.length === 0) {
      throw new UsageError({
        en: "cxm template needs a template id, e.g. cxm template survey-dashboard --input responses.csv (see cxm list).",
        es: "cxm template necesita el id de una plantilla, p. ej. cxm template survey-dashboard --input respuestas.csv (vea cxm list).",
      });
    }
    if (rest.length > 1) {
      throw new UsageError({
        en: `Unexpected argument "${rest[1]}" after the template id (flags start with --).`,
        es: `Argumento inesperado «${rest[1]}» tras el id de la plantilla (las opciones empiezan por --).`,
      });
    }
    const read: Extract<Command, { kind: "template" }>["read"] = {};
    if (values.sheet !== undefined) read.sheet = values.sheet;
    const delimiter = delimiterOf(values.delimiter);
    if (delimiter !== undefined) read.delimiter = delimiter;
    const decimal = decimalOf(values.decimal);
    if (decimal !== undefined) read.decimal = decimal;
    const dateOrder = dateOrderOf(values["date-order"]);
    if (dateOrder !== undefined) read.dateOrder = dateOrder;
    const inputs = values.input ?? [];
    return {
      kind: "template",
      id: rest[0],
      input: inputs[0],
      inputs,
      engine: engineOf(values.engine),
      quiet: values.quiet ?? false,
      out: values.out,
      map: (values.map ?? []).map((m) => pair("map", m)),
      options: (values.option ?? []).map((o) => pair("option", o)),
      with: (values.with ?? []).map((w) => pair("with", w)),
      language,
      acceptBadRows: values["accept-bad-rows"] ?? false,
      force: values.force ?? false,
      read,
    };
  }
  if (rest.length > 0) {
    throw new UsageError({
      en: `cxm ${word} takes no argument "${rest[0]}" (flags start with --).`,
      es: `cxm ${word} no admite el argumento «${rest[0]}» (las opciones empiezan por --).`,
    });
  }
  if (word === "list") return { kind: "list", language };
  return { kind: "demo", out: values.out ?? DEFAULT_DEMO_FILE, language, force: values.force ?? false };
}

const HELP_EN = `cxm: customer-experience workbooks from your exports

Usage:
  cxm demo [--out cxm-demo.xlsx] [--lang en|es] [--force]
      Builds every template from built-in sample data into one workbook
      (default ./cxm-demo.xlsx) and prints the headline figures.
  cxm list [--lang en|es]
      The templates, the columns each reads (and the header names it
      recognises) and its options.
  cxm template <id> --input data.csv [--out <id>.xlsx] [--map key=Header ...]
                    [--option key=value ...] [--lang en|es] [--accept-bad-rows]
                    [--force] [--sheet NAME] [--delimiter ,|;|tab|'|'] [--decimal ,|.]
                    [--date-order dmy|mdy|ymd] [--with key=file ...]
                    [--engine auto|typescript|duckdb] [--quiet]
      Builds one template from a file: CSV or text (UTF-8, UTF-16 or
      Windows-1252; comma, semicolon, tab or | separated, detected) or an
      Excel workbook (.xlsx, .xlsm: the first sheet, or --sheet NAME).
      Columns are matched by header name, in English or Spanish, ignoring
      case and accents, and as survey, billing and CRM tools write them;
      --map score="Recommend score" overrides one; a column fed by several
      (the survey's attribute ratings) takes each: --map attributes=Price
      --map attributes=Speed. Each column's decimal mark and date order are
      decided from all its values; the report says what was assumed, and
      --decimal / --date-order override it. Templates that start from
      inputs (ltv-cac) take --option instead of --input.
      Rows that cannot be used are listed and nothing is written, unless
      --accept-bad-rows: then the workbook is built from the good rows.
      A template with a second source reads it with --with: customer-growth
      takes --with incidents=incidents.csv (customer, date, type), read the
      same way; --map incidents.type="Category" names one of its columns.
      A file of any size is read as it streams, in memory that grows with
      customers and periods, not rows; on a terminal a progress line shows
      rows read, the rate and the time left (--quiet hides it). --engine
      duckdb computes the aggregates with DuckDB instead (Parquet, several
      --input files or a glob such as 'sales/*.parquet'); it is chosen by
      itself for those and for a CSV above 256 MB, and says so.
  cxm --help

An existing output file is never replaced unless --force is given, and never
written through a symbolic link; the workbook is written to a temporary file
in the same folder, then renamed, so a failed write leaves the old file as it
was.

Language: --lang, else the environment's (LC_ALL, LC_MESSAGES, LANG).
Exit codes: 0 done, 1 the data has problems (nothing written), 2 a mistake in
the command line or a file that cannot be read.
`;

const HELP_ES = `cxm: libros de métricas de cliente a partir de sus exportaciones

Uso:
  cxm demo [--out cxm-demo.xlsx] [--lang en|es] [--force]
      Crea todas las plantillas con datos de ejemplo en un libro
      (por defecto ./cxm-demo.xlsx) y muestra las cifras principales.
  cxm list [--lang en|es]
      Las plantillas, las columnas que lee cada una (y los encabezados que
      reconoce) y sus opciones.
  cxm template <id> --input datos.csv [--out <id>.xlsx] [--map clave=Encabezado ...]
                    [--option clave=valor ...] [--lang en|es] [--accept-bad-rows]
                    [--force] [--sheet HOJA] [--delimiter ,|;|tab|'|'] [--decimal ,|.]
                    [--date-order dmy|mdy|ymd] [--with clave=archivo ...]
                    [--engine auto|typescript|duckdb] [--quiet]
      Crea una plantilla a partir de un archivo: CSV o texto (UTF-8, UTF-16
      o Windows-1252; separado por comas, punto y coma, tabuladores o |,
      detectado) o un libro de Excel (.xlsx, .xlsm: la primera hoja, o
      --sheet HOJA). Las columnas se asignan por el nombre del encabezado,
      en español o en inglés, sin distinguir mayúsculas ni acentos, y como
      los escriben las herramientas de encuestas, facturación y CRM;
      --map score="Nota NPS" corrige una; una columna que reúne varias (las
      valoraciones de atributos de la encuesta) las toma una a una:
      --map attributes=Precio --map attributes=Rapidez. El separador
      decimal y el orden de las fechas de cada columna se deciden con todos
      sus valores; el informe dice qué se supuso, y --decimal /
      --date-order lo cambian.
      Las plantillas que parten de datos sueltos (ltv-cac) usan --option en
      lugar de --input. Las filas que no se pueden usar se listan y no se
      escribe nada, salvo con --accept-bad-rows: entonces el libro se crea
      con las filas válidas.
      Un archivo de cualquier tamaño se lee a medida que llega, con una
      memoria que crece con los clientes y los periodos, no con las filas; en
      un terminal, una línea muestra las filas leídas, el ritmo y el tiempo
      restante (--quiet la oculta). --engine duckdb calcula los agregados con
      DuckDB (Parquet, varios --input o un patrón como 'ventas/*.parquet'); se
      elige solo en esos casos y para un CSV de más de 256 MB, y lo dice.
      Las opciones admiten palabras en español: period=semana|mes|trimestre|año,
      measure=clientes|ingresos|ambos.
      Una plantilla con un segundo origen lo lee con --with: customer-growth
      admite --with incidents=incidencias.csv (cliente, fecha, tipo), leído
      igual; --map incidents.type="Categoría" indica una de sus columnas.
  cxm --help

Un archivo de salida existente no se reemplaza nunca sin --force, ni se
escribe a través de un enlace simbólico; el libro se escribe en un archivo
temporal de la misma carpeta y luego se renombra, así que una escritura fallida
deja el archivo anterior como estaba.

Idioma: --lang; si no, el del entorno (LC_ALL, LC_MESSAGES, LANG).
Códigos de salida: 0 hecho, 1 los datos tienen problemas (no se escribe nada),
2 un error en la línea de órdenes o un archivo que no se puede leer.
`;

export const HELP: Record<Language, string> = { en: HELP_EN, es: HELP_ES };
