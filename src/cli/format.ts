/**
 * What the CLI prints: headline figures in the chosen language's number
 * style, validation reports naming each bad row by its line in the file, and
 * the template list, in English or Spanish with plurals as each language
 * makes them (Intl.PluralRules).
 */
import { plural } from "../input/report";
import type { Headline, Language, OptionSpec, TemplateDescriptor, ValidationReport } from "../templates/registry-types";
import { inputColumnsOf, SPANISH_WORD } from "./templates";

const LOCALE: Record<Language, string> = { en: "en-US", es: "es-ES" };

/**
 * C0 and C1 control characters (ESC, BEL, CR, tab, line breaks…), DEL and the
 * Unicode bidirectional overrides, which a terminal would act on rather than
 * show (ESC [2J clears the screen; U+202E reverses the text after it).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A line as a terminal may print it: every control character shown as an escape ("\x1B", "\u202E"). */
export function escapeControlCharacters(line: string): string {
  return line.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  });
}

/** 3200 -> "3,200" (en) / "3200" (es), percentages as 42.0%, ratios as 3.6x. */
export function formatHeadline(h: Pick<Headline, "value" | "kind">, language: Language): string {
  const n = (digits: number) =>
    new Intl.NumberFormat(LOCALE[language], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(h.value);
  switch (h.kind) {
    case "percent":
      return new Intl.NumberFormat(LOCALE[language], { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(h.value);
    case "money":
      return n(0);
    case "ratio":
      return `${n(2)}x`;
    case "points":
    case "months":
      return n(1);
    default:
      return Number.isInteger(h.value) ? n(0) : n(2);
  }
}

/** A two-column table: label, value. */
export function headlineTable(title: string, headlines: Headline[], language: Language): string[] {
  if (headlines.length === 0) return [title, language === "es" ? "  (sin cifras principales)" : "  (no headline figures)"];
  let width = 0;
  for (const h of headlines) width = Math.max(width, h.label[language].length);
  return [title, ...headlines.map((h) => `  ${h.label[language].padEnd(width)}  ${formatHeadline(h, language).padStart(10)}`)];
}

const WORDS = {
  en: {
    cannot: "Cannot build:",
    good: (n: number) => `${plural(n, "en", { one: "row", other: "rows" })} can be used.`,
    bad: (n: number) => `${plural(n, "en", { one: "row", other: "rows" })} cannot be used:`,
    line: (row: number, line?: number) => (line === undefined ? `Row ${row + 1}` : `Line ${line}`),
    lines: (n: number) => (n === 1 ? "line" : "lines"),
    more: (n: number) => `…and ${n} more.`,
  },
  es: {
    cannot: "No se puede crear:",
    good: (n: number) => (n === 1 ? "Se puede usar 1 fila." : `Se pueden usar ${plural(n, "es", { one: "fila", other: "filas" })}.`),
    bad: (n: number) => (n === 1 ? "No se puede usar 1 fila:" : `No se pueden usar ${plural(n, "es", { one: "fila", other: "filas" })}:`),
    line: (row: number, line?: number) => (line === undefined ? `Fila ${row + 1}` : `Línea ${line}`),
    lines: (n: number) => (n === 1 ? "línea" : "líneas"),
    more: (n: number) => `…y ${n} más.`,
  },
};

/** Where a row starts: an array by row, or (a streamed read) a map of the rows the report names. */
export type RowLines = readonly number[] | ReadonlyMap<number, number>;

/**
 * The report as lines: blocking problems, the bad rows by their line in
 * `file` (the first `limit`), and the notes. Problems and notes of a
 * secondary source (RowProblem.source) are named by the lines of that
 * source's file (`sources`), after the main file's. `total` is the number of
 * the main file's bad rows when the report lists only the first ones (a
 * streamed read).
 */
export function reportLines(
  report: ValidationReport,
  language: Language,
  file: string,
  lines: RowLines = [],
  limit = 50,
  sources: Record<string, { file: string; lines: RowLines }> = {},
  total?: number,
): string[] {
  const w = WORDS[language];
  const out: string[] = [];
  if (report.blocking.length > 0) {
    out.push(w.cannot);
    for (const b of report.blocking) out.push(`  ${b[language]}`);
  }
  const lineIn = (rows: RowLines, row: number) => (rows instanceof Map ? rows.get(row) : (rows as readonly number[])[row]);
  const groups = [{ key: undefined as string | undefined, file, lines }, ...Object.entries(sources).map(([key, s]) => ({ key, file: s.file, lines: s.lines }))];
  for (const g of groups) {
    const problems = report.problems.filter((p) => p.source === g.key);
    const count = g.key === undefined && total !== undefined ? total : problems.length;
    if (count === 0) continue;
    out.push(`${g.file}: ${w.bad(count)}`);
    for (const p of problems.slice(0, limit)) out.push(`  ${w.line(p.row, lineIn(g.lines, p.row))} [${p.column}]: ${p.message[language]}`);
    const listed = Math.min(limit, problems.length);
    if (count > listed) out.push(`  ${w.more(count - listed)}`);
  }
  for (const note of report.notes ?? []) {
    const noteLines = note.source ? (sources[note.source]?.lines ?? []) : lines;
    const at = (note.rows ?? []).map((r) => (lineIn(noteLines, r) === undefined ? String(r + 1) : String(lineIn(noteLines, r))));
    const where = at.length > 0 ? ` (${w.lines(at.length)} ${at.join(", ")}${at.length >= 20 ? "…" : ""})` : "";
    out.push(`${note.message[language]}${where}`);
  }
  if (report.blocking.length === 0) out.push(w.good(report.goodRows));
  return out;
}

const LIST = {
  en: {
    noInput: "  Input file: none (set the inputs with --option).",
    columns: "  Columns (--input file.csv or .xlsx):",
    optionalInput: "  Optional input file (--input file.csv), one row per item:",
    optional: " (optional)",
    secondary: (key: string, label: string) => `  ${label}, optional (--with ${key}=file.csv; --map ${key}.column=Header):`,
    headers: "headers",
    options: "  Options (--option key=value):",
    text: "text",
    default: "default",
  },
  es: {
    noInput: "  Archivo de entrada: ninguno (indique los datos con --option).",
    columns: "  Columnas (--input archivo.csv o .xlsx):",
    optionalInput: "  Archivo de entrada opcional (--input archivo.csv), una fila por elemento:",
    optional: " (opcional)",
    secondary: (key: string, label: string) => `  ${label}, opcional (--with ${key}=archivo.csv; --map ${key}.columna=Encabezado):`,
    headers: "encabezados",
    options: "  Opciones (--option clave=valor):",
    text: "texto",
    default: "por defecto",
  },
};

/** `cxm list`: each template with its columns (and the headers they recognise) and options. */
export function listLines(templates: TemplateDescriptor[], language: Language): string[] {
  const w = LIST[language];
  const out: string[] = [];
  for (const t of templates) {
    out.push(`${t.id}: ${t.title[language]}`, `  ${t.description[language]}`);
    const columns = t.columns.length > 0 ? t.columns : inputColumnsOf(t);
    if (columns.length === 0) out.push(w.noInput);
    else {
      out.push(t.columns.length > 0 ? w.columns : w.optionalInput);
      for (const c of columns) {
        out.push(`    ${c.key}${c.required ? "" : w.optional}: ${c.label[language]}; ${w.headers}: ${c.synonyms.join(", ")}`);
      }
    }
    for (const second of t.secondarySources ?? []) {
      out.push(w.secondary(second.key, second.label[language]));
      for (const c of second.columns) out.push(`    ${c.key}${c.required ? "" : w.optional}: ${c.label[language]}; ${w.headers}: ${c.synonyms.join(", ")}`);
    }
    if (t.options.length > 0) {
      out.push(w.options);
      for (const o of t.options) {
        out.push(`    ${o.key}: ${o.label[language]}${optionSummary(o, language)}`);
      }
    }
    out.push("");
  }
  return out;
}

/** What `cxm list` says after an option's label: its choices (in Spanish, with the Spanish word too) or "text", and its default. */
function optionSummary(o: OptionSpec, language: Language): string {
  const w = LIST[language];
  if (o.kind === "text") {
    const meaning = o.placeholder ? ` (${o.placeholder[language]})` : "";
    return ` [${w.text}], ${w.default} ${o.default === "" ? '""' : o.default}${meaning}`;
  }
  const shown = (value: string) => {
    if (value === "") return `"" (${o.choices?.find((x) => x.value === "")?.label[language] ?? ""})`;
    const word = SPANISH_WORD[value];
    return language === "es" && word ? `${value} (${word})` : value;
  };
  const choices = o.choices ? ` [${o.choices.map((c) => shown(c.value)).join(" | ")}]` : "";
  return `${choices}, ${w.default} ${o.kind === "choice" ? shown(String(o.default)) : o.default}`;
}
