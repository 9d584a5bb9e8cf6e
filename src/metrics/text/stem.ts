/**
 * Light stemming for grouping theme words: plurals (and, in Spanish, gender)
 * only, so "entregas" and "entrega", "refunds" and "refund" are one theme
 * while "entregar" and "entrega" stay apart. Heavier stemmers (Porter,
 * Snowball) join words a reader would not ("organization" and "organ").
 *
 * English: Harman's S-stemmer (D. Harman 1991, "How effective is suffixing?",
 * JASIS 42(1)): -ies -> -y (not -eies, -aies); -es -> -e (not -aes, -ees,
 * -oes); -s -> "" (not -us, -ss).
 * Spanish: plural, then final gender vowel, after J. Savoy's light stemmer for
 * Spanish (University of Neuchâtel; the basis of Lucene's SpanishLightStemmer):
 * -ces -> -z, -es after a consonant and -s after a vowel removed, then a final
 * -a, -o or -e removed, on folded words of more than four letters.
 */
import type { Language } from "./lexicon";

export function stemEnglish(w: string): string {
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && !w.endsWith("eies") && !w.endsWith("aies")) return w.slice(0, -3) + "y";
  if (w.endsWith("es") && !w.endsWith("aes") && !w.endsWith("ees") && !w.endsWith("oes")) return w.slice(0, -1);
  if (w.endsWith("s") && !w.endsWith("us") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

const VOWEL = /[aeiou]/;

export function stemSpanish(w: string): string {
  if (w.length <= 4) return w;
  let s = w;
  if (s.endsWith("ces")) s = s.slice(0, -3) + "z";
  else if (s.endsWith("es") && !VOWEL.test(s[s.length - 3])) s = s.slice(0, -2);
  else if (s.endsWith("s") && VOWEL.test(s[s.length - 2])) s = s.slice(0, -1);
  if (s.length > 4 && /[aoe]$/.test(s)) s = s.slice(0, -1);
  return s;
}

const memo: Record<Language, Map<string, string>> = { es: new Map(), en: new Map() };

/** The light stem of a folded word; memoised, as a column of comments repeats its vocabulary. */
export function stem(word: string, language: Language): string {
  const cache = memo[language];
  let s = cache.get(word);
  if (s === undefined) {
    s = language === "es" ? stemSpanish(word) : stemEnglish(word);
    if (cache.size < 200_000) cache.set(word, s);
  }
  return s;
}
