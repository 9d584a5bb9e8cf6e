/**
 * Survivor counts typed as an option (`--option survivors="1000, 631, 468"`,
 * or the task pane's box): the cohort's size, then the customers still
 * active after 1, 2, … periods. A "|" marks where the fit ends: the counts
 * after it are held out and compared with the projection, as Fader & Hardie
 * fit years 0-7 and compare years 8-12.
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
  survivors: number[];
  /** Counts after the "|". */
  heldOut: number;
}

const SEPARATORS: Record<Language, RegExp> = { en: /[,;\s]+/, es: /;|\s+|,(?=\s)/ };

const tr = (pick: (t: LtvStrings) => string): Localized => ({ en: pick(LTV_STRINGS.en), es: pick(LTV_STRINGS.es) });

/** The counts of the text, or what is wrong with them (in both languages). */
export function readSurvivorList(text: string, language: Language): SurvivorList | { problems: Localized[] } {
  const parts = text.split("|");
  if (parts.length > 2) return { problems: [tr((t) => t.twoBars)] };
  const tokens = parts.map((p) => p.split(SEPARATORS[language]).map((x) => x.trim()).filter((x) => x !== ""));
  const survivors: number[] = [];
  for (const token of tokens.flat()) {
    const n = numberOf(token, language);
    if (Number.isNaN(n)) return { problems: [tr((t) => t.notANumber(token, survivors.length + 1))] };
    survivors.push(n);
  }
  if (tokens[0].length < 3) return { problems: [tr((t) => t.tooFewCounts)] };
  const shown = (n: number, l: Language) => n.toLocaleString(l === "es" ? "es-ES" : "en-US", { maximumFractionDigits: 6 });
  if (!(survivors[0] > 0)) return { problems: [{ en: LTV_STRINGS.en.firstNotPositive(shown(survivors[0], "en")), es: LTV_STRINGS.es.firstNotPositive(shown(survivors[0], "es")) }] };
  for (let i = 1; i < survivors.length; i++) {
    const n = survivors[i];
    if (n < 0) return { problems: [{ en: LTV_STRINGS.en.negativeCount(i + 1, shown(n, "en")), es: LTV_STRINGS.es.negativeCount(i + 1, shown(n, "es")) }] };
    if (n > survivors[i - 1]) {
      const before = survivors[i - 1];
      return {
        problems: [{ en: LTV_STRINGS.en.risingCount(i + 1, shown(n, "en"), shown(before, "en")), es: LTV_STRINGS.es.risingCount(i + 1, shown(n, "es"), shown(before, "es")) }],
      };
    }
  }
  return { survivors, heldOut: tokens[1]?.length ?? 0 };
}
