/**
 * Puts a CXM error message in the user's language (issue 9: "bad input gets a
 * clear message … in the user's language"). The metrics core and the adapters
 * write their messages in English, where they are thrown; this is the one
 * place they are translated, when they become Excel errors. Each catalog entry
 * is the English text with "…" where the code interpolates something; the
 * interpolated pieces (argument names, cell addresses, values, numbers) are
 * carried into the translation, itself translated when it is one of the
 * phrases the code composes (a unit, a table name, "row 2, column 1 of x").
 * Error paths only, so a linear pass over the precompiled list is enough.
 */
import type { OutputLanguage } from "./display-language";
import { FRAGMENTS_ES, FRAGMENT_RULES_ES, MESSAGES_ES, PLURALS_ES } from "./messages-es";

interface CompiledEntry {
  english: string;
  pattern: RegExp;
  /** Per slot: true when the English quotes it ("…"), so it is the user's text and stays verbatim. */
  quoted: boolean[];
  translation: string;
}

const SLOT = "…";
const ADJACENT_SLOT = "((?:holds|is|does not|has|have)\\b.*?|\\p{L}+)";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The English pattern as an anchored regular expression, one lazy group per "…". */
export function compileEntry(english: string, translation: string): CompiledEntry {
  const parts = english.split(SLOT);
  const quoted = parts.slice(0, -1).map((before, i) => /["«]$/.test(before) && /^["»]/.test(parts[i + 1]));
  // Two pieces side by side ("${where} ${what}": "row 3, column 1 of T holds 2") split where the
  // second starts with a verb the code writes, or is a single word (a unit: "… …s").
  const groups = parts.slice(1).map((_, i) => (parts[i] === " " && i > 0 ? ADJACENT_SLOT : "(.*?)"));
  const pattern = new RegExp(`^${escapeRegExp(parts[0])}${groups.map((g, i) => g + escapeRegExp(parts[i + 1])).join("")}$`, "su");
  return { english, pattern, quoted, translation };
}

/** Longest literal text first, so a specific pattern is tried before a general one it overlaps. */
function literalLength(english: string): number {
  return english.split(SLOT).join("").length;
}

const CATALOG_ES: readonly CompiledEntry[] = MESSAGES_ES.map(([en, es]) => compileEntry(en, es)).sort(
  (a, b) => literalLength(b.english) - literalLength(a.english),
);

/** "1,234.5" -> "1.234,5", "0.25" -> "0,25": how Spanish Excel writes numbers. */
function spanishNumber(s: string): string | null {
  if (/^[-−]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) || /^[-−]?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(s)) {
    return s.replace(/[.,]/g, (c) => (c === "," ? "." : ","));
  }
  return null;
}

/** An interpolated piece, in Spanish when it is one of the phrases the code composes. */
function translateSlot(value: string, quoted: boolean): string {
  if (quoted) return value;
  const fragment = FRAGMENTS_ES[value];
  if (fragment !== undefined) return fragment;
  const number = spanishNumber(value);
  if (number !== null) return number;
  for (const [pattern, replace] of FRAGMENT_RULES_ES) {
    const m = pattern.exec(value);
    if (m) return replace((piece) => translateSlot(piece, false), m.slice(1).map((g) => g ?? ""));
  }
  return value;
}

/** The catalog entry matching an English message, or undefined. */
export function findEntry(message: string): CompiledEntry | undefined {
  return CATALOG_ES.find((entry) => entry.pattern.test(message));
}

/** `message` in `language`; English, or a message the catalog does not know, is returned as it is. */
export function translateMessage(message: string, language: OutputLanguage): string {
  if (language === "en") return message;
  for (const entry of CATALOG_ES) {
    const m = entry.pattern.exec(message);
    if (!m) continue;
    const slots = m.slice(1);
    return entry.translation.replace(/\{(\d+)([s!]?)\}/g, (_all, n: string, mark: string) => {
      const value = slots[Number(n) - 1] ?? "";
      if (mark === "!") return value;
      if (mark === "s") return PLURALS_ES[value] ?? translateSlot(value, false);
      return translateSlot(value, entry.quoted[Number(n) - 1] ?? false);
    });
  }
  return message;
}
