/**
 * Automatic column mapping: which header of the source feeds each column a
 * template needs. Headers are matched against the column's synonyms (English
 * and Spanish, e.g. "amount", "importe", "monto"), its key and its labels,
 * ignoring case, accents, surrounding spaces and the separators people put in
 * headers ("Customer ID", "customer_id", "customer-id" are the same). The user
 * can correct the result; this only proposes it. Headers as survey, billing
 * and CRM tools write them are recognised too (header-vocabulary.ts), and a
 * column may have several header texts (Qualtrics' and SurveyMonkey's
 * header rows): any of them can match. Pure: no DOM, no Office.
 */
import { HEADER_EXCLUSIONS, HEADER_PATTERNS, TOOL_HEADERS } from "./header-vocabulary";
import type { ColumnGroups, ColumnMapping, ColumnSpec, GroupedColumn } from "./registry-types";

/** "  Puntuación_NPS " -> "puntuacion nps": lower case, no accents, one space between words. */
export function normalizeHeader(text: unknown): string {
  if (text === null || text === undefined) return "";
  return String(text)
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[\s_\-./]+/g, " ")
    .trim();
}

/** Every normalized name that identifies `column`: its synonyms, its key and its labels. */
function namesOf(column: ColumnSpec): string[] {
  const names = [...column.synonyms, column.key, column.label.en, column.label.es, ...(TOOL_HEADERS[column.key] ?? [])].map(normalizeHeader);
  return [...new Set(names.filter((n) => n !== ""))];
}

/** True when every word of `name` appears as a word of `header` ("order amount usd" contains "amount"). */
function containsWords(header: string, name: string): boolean {
  const words = new Set(header.split(" "));
  return name.split(" ").every((w) => words.has(w));
}

/**
 * Proposes a mapping from template columns to source columns (0-based indexes
 * into `headers`; -1 when nothing matches). Exact matches win over the
 * tools' question wordings, which win over partial ones; each source column
 * is used at most once; required columns choose before optional ones, then
 * columns in the template's order. `alternatives[i]` are more header texts
 * of column i (the other header rows of a survey export).
 */
export function autoMap(columns: ColumnSpec[], headers: unknown[], alternatives: unknown[][] = []): ColumnMapping {
  const texts = headers.map((h, i) => [...new Set([h, ...(alternatives[i] ?? [])].map(normalizeHeader).filter((t) => t !== ""))]);
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  // A column fed by several source columns is proposed by autoGroups, never here.
  const single = columns.filter((c) => !c.multiple);
  const order = [...single.filter((c) => c.required), ...single.filter((c) => !c.required)];
  for (const c of columns) mapping[c.key] = -1;

  const choose = (column: ColumnSpec, test: (header: string) => boolean): boolean => {
    const exclude = HEADER_EXCLUSIONS[column.key];
    const index = texts.findIndex((alts, i) => !used.has(i) && alts.some((h) => !(exclude && exclude.test(h)) && test(h)));
    if (index < 0) return false;
    mapping[column.key] = index;
    used.add(index);
    return true;
  };
  const pass = (matches: (header: string, name: string) => boolean) => {
    for (const column of order) {
      if (mapping[column.key] >= 0) continue;
      // Try the names in the template's order of preference, so "customer_id" beats a later, looser synonym.
      for (const name of namesOf(column)) if (choose(column, (h) => matches(h, name))) break;
    }
  };
  pass((h, name) => h === name);
  for (const column of order) {
    const patterns = HEADER_PATTERNS[column.key];
    if (mapping[column.key] < 0 && patterns) choose(column, (h) => patterns.some((p) => p.test(h)));
  }
  pass(containsWords);
  return mapping;
}

/** The required columns the mapping leaves out. */
export function unmappedRequired(columns: ColumnSpec[], mapping: ColumnMapping): ColumnSpec[] {
  return columns.filter((c) => c.required && !(mapping[c.key] >= 0));
}

/** Source columns chosen for more than one template column (usually a mistake worth pointing out). */
export function sharedSourceColumns(columns: ColumnSpec[], mapping: ColumnMapping): number[] {
  const count = new Map<number, number>();
  for (const c of columns) {
    const i = mapping[c.key];
    if (i >= 0) count.set(i, (count.get(i) ?? 0) + 1);
  }
  return [...count].filter(([, n]) => n > 1).map(([i]) => i);
}

/** "Rating: Price", "Valoración - Precio", "Rate us on each: - Speed": a prefix, a separator, then the item. */
const PREFIXED_ITEM = /^\s*(.+?)\s*[:\-\u2013\u2014_|/]\s*(.+?)\s*$/u;

/** The item of a header whose prefix names `column` ("Rating: Price" -> "Price"), or null. */
function itemOf(column: ColumnSpec, header: unknown): string | null {
  const m = PREFIXED_ITEM.exec(header === null || header === undefined ? "" : String(header));
  if (!m) return null;
  const prefix = normalizeHeader(m[1]);
  const item = m[2].replace(/^[\s:\-\u2013\u2014_|/]+/u, "").trim();
  // An item names something ("Price"): "Rating (0-10)" is a scale, not an item.
  if (prefix === "" || !/\p{L}/u.test(item)) return null;
  return namesOf(column).some((name) => prefix === name || containsWords(prefix, name)) ? item : null;
}

/**
 * Proposes the source columns of each `multiple` column (attribute ratings):
 * the headers — or another header row's text, `alternatives[i]` — that start
 * with one of its names and a separator ("Rating: Price", "Valoración -
 * Atención", Qualtrics' "Please rate us on each: - Speed"), not already fed
 * to a single column by `mapping`, in the source's order. Each is labelled by
 * what follows the prefix. The user can add or remove columns; this only
 * proposes them.
 */
export function autoGroups(columns: ColumnSpec[], headers: unknown[], mapping: ColumnMapping, alternatives: unknown[][] = []): ColumnGroups {
  const used = new Set(Object.values(mapping).filter((i) => i >= 0));
  const groups: ColumnGroups = {};
  for (const column of columns.filter((c) => c.multiple)) {
    const found: GroupedColumn[] = [];
    headers.forEach((h, index) => {
      if (used.has(index)) return;
      for (const text of [h, ...(alternatives[index] ?? [])]) {
        const label = itemOf(column, text);
        if (label === null) continue;
        found.push({ index, label });
        used.add(index);
        return;
      }
    });
    groups[column.key] = found;
  }
  return groups;
}

/** The label a source column goes by in a group: the item after a recognised prefix, else the header itself. */
export function groupLabel(column: ColumnSpec, header: unknown): string {
  const item = itemOf(column, header);
  if (item !== null) return item;
  return header === null || header === undefined ? "" : String(header).trim();
}
