/**
 * What the CLI prints: headline figures in the chosen language's number
 * style, validation reports naming each bad row by its line in the file, and
 * the template list.
 */
import type { Headline, Language, OptionSpec, TemplateDescriptor, ValidationReport } from "../templates/registry-types";
import { inputColumnsOf } from "./templates";

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
  if (headlines.length === 0) return [title, "  (no headline figures)"];
  let width = 0;
  for (const h of headlines) width = Math.max(width, h.label[language].length);
  return [title, ...headlines.map((h) => `  ${h.label[language].padEnd(width)}  ${formatHeadline(h, language).padStart(10)}`)];
}

const WORDS = {
  en: {
    cannot: "Cannot build:",
    good: (n: number) => `${n} row${n === 1 ? "" : "s"} can be used.`,
    bad: (n: number) => `${n} row${n === 1 ? "" : "s"} cannot be used:`,
    line: (row: number, line?: number) => (line === undefined ? `Row ${row + 1}` : `Line ${line}`),
    more: (n: number) => `…and ${n} more.`,
  },
  es: {
    cannot: "No se puede crear:",
    good: (n: number) => `Se pueden usar ${n} fila${n === 1 ? "" : "s"}.`,
    bad: (n: number) => `No se pueden usar ${n} fila${n === 1 ? "" : "s"}:`,
    line: (row: number, line?: number) => (line === undefined ? `Fila ${row + 1}` : `Línea ${line}`),
    more: (n: number) => `…y ${n} más.`,
  },
};

/** The report as lines: blocking problems, then the bad rows by their line in `file` (the first `limit`). */
export function reportLines(report: ValidationReport, language: Language, file: string, lines: number[] = [], limit = 50): string[] {
  const w = WORDS[language];
  const out: string[] = [];
  if (report.blocking.length > 0) {
    out.push(w.cannot);
    for (const b of report.blocking) out.push(`  ${b[language]}`);
  }
  if (report.problems.length > 0) {
    out.push(`${file}: ${w.bad(report.problems.length)}`);
    for (const p of report.problems.slice(0, limit)) out.push(`  ${w.line(p.row, lines[p.row])} [${p.column}]: ${p.message[language]}`);
    if (report.problems.length > limit) out.push(`  ${w.more(report.problems.length - limit)}`);
  }
  if (report.blocking.length === 0) out.push(w.good(report.goodRows));
  return out;
}

/** `cxm list`: each template with its columns (and the headers they recognise) and options. */
export function listLines(templates: TemplateDescriptor[], language: Language): string[] {
  const out: string[] = [];
  for (const t of templates) {
    out.push(`${t.id}: ${t.title[language]}`, `  ${t.description[language]}`);
    const columns = t.columns.length > 0 ? t.columns : inputColumnsOf(t);
    if (columns.length === 0) out.push("  Input file: none (set the inputs with --option).");
    else {
      out.push(t.columns.length > 0 ? "  Columns (--input file.csv):" : "  Optional input file (--input file.csv), one row per item:");
      for (const c of columns) {
        out.push(`    ${c.key}${c.required ? "" : " (optional)"}: ${c.label[language]}; headers: ${c.synonyms.join(", ")}`);
      }
    }
    if (t.options.length > 0) {
      out.push("  Options (--option key=value):");
      for (const o of t.options) {
        out.push(`    ${o.key}: ${o.label[language]}${optionSummary(o, language)}`);
      }
    }
    out.push("");
  }
  return out;
}

/** What `cxm list` says after an option's label: its choices or "text", and its default (an empty text shown as "", with what that means). */
function optionSummary(o: OptionSpec, language: Language): string {
  if (o.kind === "text") {
    const meaning = o.placeholder ? ` (${o.placeholder[language]})` : "";
    return ` [text], default ${o.default === "" ? '""' : o.default}${meaning}`;
  }
  const choices = o.choices ? ` [${o.choices.map((c) => c.value).join(" | ")}]` : "";
  return `${choices}, default ${o.default}`;
}
