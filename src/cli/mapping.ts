/**
 * Which column of the file feeds each template column: the task pane's
 * automatic mapping (headers matched against English and Spanish synonyms
 * and the tools' header names, ignoring case and accents), then the user's
 * --map key=Header corrections.
 */
import { autoGroups, autoMap, groupLabel, normalizeHeader, unmappedRequired } from "../templates/column-mapping";
import type { ColumnGroups, ColumnMapping, ColumnSpec, Language, Localized } from "../templates/registry-types";
import { UsageError } from "./args";

/** Applies --map overrides to the automatic mapping; an unknown key or header is a UsageError naming it. */
export function mappingFor(
  columns: ColumnSpec[],
  header: string[],
  overrides: [string, string][],
  templateId: string,
  file: string,
  alternatives: string[][] = [],
  /** How --map names these columns: "" for the main file, "incidents." for a second source's. */
  prefix = "",
): ColumnMapping {
  const mapping = autoMap(columns, header, alternatives);
  const normalized = header.map(normalizeHeader);
  for (const [key, wanted] of overrides) {
    const column = columns.find((c) => c.key === key);
    if (!column) {
      const keys = columns.map((c) => c.key).join(", ");
      throw new UsageError({
        en: `--map ${prefix}${key}=${wanted}: template ${templateId} has no column "${prefix}${key}" (its columns: ${keys || "none"}).`,
        es: `--map ${prefix}${key}=${wanted}: la plantilla ${templateId} no tiene la columna «${prefix}${key}» (sus columnas: ${keys || "ninguna"}).`,
      });
    }
    if (column.multiple) continue; // several source columns: groupsFor reads it
    if (wanted === "") {
      mapping[key] = -1; // --map comment= : leave an optional column out
      continue;
    }
    const index = headerIndex(header, normalized, alternatives, `${prefix}${key}`, wanted, file);
    // The header now feeds `key` only: a column the automatic mapping gave it to loses it.
    for (const other of Object.keys(mapping)) if (other !== key && mapping[other] === index) mapping[other] = -1;
    mapping[key] = index;
  }
  return mapping;
}

/** The source column a --map value names (the header as written, ignoring case and accents, or another header row's text). */
function headerIndex(header: string[], normalized: string[], alternatives: string[][], key: string, wanted: string, file: string): number {
  let index = header.indexOf(wanted);
  if (index < 0) index = normalized.indexOf(normalizeHeader(wanted));
  if (index < 0) index = alternatives.findIndex((alts) => alts.some((a) => normalizeHeader(a) === normalizeHeader(wanted)));
  if (index < 0) {
    throw new UsageError({
      en: `--map ${key}=${wanted}: ${file} has no column "${wanted}" (its headers: ${header.join(", ")}).`,
      es: `--map ${key}=${wanted}: ${file} no tiene la columna «${wanted}» (sus encabezados: ${header.join(", ")}).`,
    });
  }
  return index;
}

/**
 * The source columns of the template's `multiple` columns (attribute
 * ratings): those proposed from the headers ("Rating: Price"), unless the
 * command line names them: `--map attributes=Precio --map attributes=Rapidez`
 * (or one comma-separated list) replaces the proposal, `--map attributes=`
 * leaves them all out.
 */
export function groupsFor(
  columns: ColumnSpec[],
  header: string[],
  overrides: [string, string][],
  mapping: ColumnMapping,
  file: string,
  alternatives: string[][] = [],
): ColumnGroups {
  const groups = autoGroups(columns, header, mapping, alternatives);
  const normalized = header.map(normalizeHeader);
  const chosen = new Set<string>();
  for (const [key, wanted] of overrides) {
    const column = columns.find((c) => c.key === key && c.multiple);
    if (!column) continue;
    if (!chosen.has(key)) groups[key] = [];
    chosen.add(key);
    if (wanted === "") continue;
    // One header, or a comma-separated list of them (a header holding a comma is taken whole).
    const known = (w: string) => header.includes(w) || normalized.includes(normalizeHeader(w));
    const names = known(wanted) ? [wanted] : wanted.split(",").map((w) => w.trim()).filter((w) => w !== "");
    for (const name of names) {
      const index = headerIndex(header, normalized, alternatives, key, name, file);
      if (!groups[key].some((g) => g.index === index)) groups[key].push({ index, label: groupLabel(column, header[index]) });
    }
  }
  return groups;
}

/** Required columns still without a source column, as one message naming them and the file's headers. */
export function missingColumnsMessage(columns: ColumnSpec[], mapping: ColumnMapping, header: string[], file: string, prefix = ""): Localized | null {
  const missing = unmappedRequired(columns, mapping);
  if (missing.length === 0) return null;
  const names = (language: Language) =>
    missing.map((c) => `${c.key} (${c.label[language]}; ${language === "es" ? "encabezados reconocidos" : "recognised headers"}: ${c.synonyms.slice(0, 4).join(", ")}…)`).join("; ");
  const hint = (language: Language) => missing.map((c) => `--map ${prefix}${c.key}="${language === "es" ? "Su encabezado" : "Your header"}"`).join(" ");
  const headers = header.join(", ");
  return {
    en: `${file} has no column for ${names("en")}. Its headers are: ${headers || "(none)"}. Name the column with ${hint("en")}.`,
    es: `${file} no tiene columna para ${names("es")}. Sus encabezados son: ${headers || "(ninguno)"}. Indique la columna con ${hint("es")}.`,
  };
}

/** One line per template column: which header of the file feeds it. */
export function describeMapping(columns: ColumnSpec[], mapping: ColumnMapping, header: string[], language: Language = "en", groups: ColumnGroups = {}): string[] {
  const missing = language === "es" ? "(falta)" : "(missing)";
  const unused = language === "es" ? "(sin usar)" : "(not used)";
  const source = (c: ColumnSpec) => {
    if (c.multiple) {
      const g = groups[c.key] ?? [];
      return g.length > 0 ? g.map((x) => `"${header[x.index]}"`).join(", ") : unused;
    }
    return mapping[c.key] >= 0 ? `"${header[mapping[c.key]]}"` : c.required ? missing : unused;
  };
  return columns.map((c) => `  ${c.key.padEnd(12)} <- ${source(c)}`);
}
