/**
 * Survivor counts typed as an option (`--option survivors="1000, 631, 468"`,
 * or the task pane's box): the cohort's size, then the customers still
 * active after 1, 2, … periods. A "|" marks where the fit ends: the counts
 * after it are held out and compared with the projection, as Fader & Hardie
 * fit years 0-7 and compare years 8-12.
 *
 * Several cohorts, fitted jointly, are separated by "/" or by line breaks:
 * the rows of a cohort-retention triangle of active customers copied from
 * "Month 0" on (Excel copies cells with tabs between them and a line break
 * after each row; cells beyond a cohort's age are blank). A held-out "|" is
 * for one cohort only: the cohorts of a triangle end at different ages.
 *
 * English separates the counts with commas, semicolons or spaces; Spanish,
 * whose decimal mark is the comma, with semicolons, spaces or a comma
 * followed by a space ("1000; 631; 468", "0,869; 0,743"). Counts may be
 * shares: the fit is the same.
 */
import { numberOf } from "../cells";
import type { Language, Localized } from "../registry-types";
import { LTV_STRINGS, LtvStrings } from "./strings";

export interface SurvivorList {
  /** One series per cohort, the longest (oldest) first; each starts with the cohort's size. */
  cohorts: number[][];
  /** Counts after the "|" (one cohort only). */
  heldOut: number;
}

const SEPARATORS: Record<Language, RegExp> = { en: /[,;\s]+/, es: /;|\s+|,(?=\s)/ };
/** Between cohorts: a slash, or the line breaks of rows copied from a sheet. */
const COHORT_SEPARATOR = /\/|\r\n|\n|\r/;

const tr = (pick: (t: LtvStrings) => string): Localized => ({ en: pick(LTV_STRINGS.en), es: pick(LTV_STRINGS.es) });
const shown = (n: number, l: Language) => n.toLocaleString(l === "es" ? "es-ES" : "en-US", { maximumFractionDigits: 6 });
const both = (say: (t: LtvStrings, l: Language) => string): Localized => ({ en: say(LTV_STRINGS.en, "en"), es: say(LTV_STRINGS.es, "es") });

/** The counts of the text, or what is wrong with them (in both languages). */
export function readSurvivorList(text: string, language: Language): SurvivorList | { problems: Localized[] } {
  const rows = text.split(COHORT_SEPARATOR).filter((row) => row.trim() !== "");
  if (rows.length > 1 && text.includes("|")) return { problems: [tr((t) => t.barWithCohorts)] };
  const cohorts: number[][] = [];
  let heldOut = 0;
  for (const [j, row] of rows.entries()) {
    const one = readCohort(row, language, rows.length > 1 ? j + 1 : null);
    if ("problems" in one) return one;
    cohorts.push(one.survivors);
    heldOut = one.heldOut;
  }
  // Oldest first, as the aggregate keeps cohorts (a stable sort keeps the typed order among equals).
  cohorts.sort((a, b) => b.length - a.length);
  return { cohorts, heldOut };
}

/** One cohort's counts; `cohort` is its number when several are typed (named in the messages). */
function readCohort(row: string, language: Language, cohort: number | null): { survivors: number[]; heldOut: number } | { problems: Localized[] } {
  const parts = row.split("|");
  if (parts.length > 2) return { problems: [tr((t) => t.twoBars)] };
  const tokens = parts.map((p) => p.split(SEPARATORS[language]).map((x) => x.trim()).filter((x) => x !== ""));
  const where = (t: LtvStrings) => (cohort === null ? "" : t.inCohort(cohort));
  const survivors: number[] = [];
  for (const token of tokens.flat()) {
    const n = numberOf(token, language);
    if (Number.isNaN(n)) return { problems: [tr((t) => t.notANumber(token, survivors.length + 1) + where(t))] };
    survivors.push(n);
  }
  if (tokens[0].length < 3) return { problems: [tr((t) => t.tooFewCounts + where(t))] };
  if (!(survivors[0] > 0)) return { problems: [both((t, l) => t.firstNotPositive(shown(survivors[0], l)) + where(t))] };
  for (let i = 1; i < survivors.length; i++) {
    const n = survivors[i];
    if (n < 0) return { problems: [both((t, l) => t.negativeCount(i + 1, shown(n, l)) + where(t))] };
    if (n > survivors[i - 1]) return { problems: [both((t, l) => t.risingCount(i + 1, shown(n, l), shown(survivors[i - 1], l)) + where(t))] };
  }
  return { survivors, heldOut: tokens[1]?.length ?? 0 };
}
