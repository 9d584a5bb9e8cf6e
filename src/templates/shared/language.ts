/**
 * Words that change with a number, and strings kept in both languages.
 * Every template keeps its text in a strings.ts of its own:
 *
 *   const en = { title: "Cohort retention", rows: (n: number) => plural("en", n, { one: "row", other: "rows" }) };
 *   export type Strings = typeof en;
 *   const es: Strings = { title: "Retención por cohortes", rows: (n) => plural("es", n, { one: "fila", other: "filas" }) };
 *
 * Typing `es` as `typeof en` makes a missing or misspelt translation a
 * build error; plurals go through Intl.PluralRules, never `n === 1`.
 */
import type { Language, Localized } from "../registry-types";

export const LOCALES: Record<Language, string> = { en: "en-US", es: "es-ES" };

const RULES = new Map<Language, Intl.PluralRules>();

/** The plural category CLDR gives `n` in the language ("one" or "other" for English and Spanish). */
export function pluralCategory(language: Language, n: number): Intl.LDMLPluralRule {
  let rules = RULES.get(language);
  if (!rules) RULES.set(language, (rules = new Intl.PluralRules(LOCALES[language])));
  return rules.select(n);
}

/** The form of a word for `n`: plural("en", 1, { one: "row", other: "rows" }) -> "row". */
export function plural(language: Language, n: number, forms: { one: string; other: string }): string {
  return pluralCategory(language, n) === "one" ? forms.one : forms.other;
}

/** A count as the language writes it: 1,995 in English, 1995 / 12.500 in Spanish (CLDR grouping). */
export function count(language: Language, n: number): string {
  return n.toLocaleString(LOCALES[language]);
}

/** "1 row" / "1,995 rows": a count and its word. */
export function counted(language: Language, n: number, forms: { one: string; other: string }): string {
  return `${count(language, n)} ${plural(language, n, forms)}`;
}

/** Both languages of one string of a template's tables: both(STRINGS, (t) => t.title) -> { en, es }. */
export function both<S>(strings: Record<Language, S>, pick: (s: S) => string): Localized {
  return { en: pick(strings.en), es: pick(strings.es) };
}
