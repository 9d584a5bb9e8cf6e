/**
 * Text folding for matching: lower case, accents removed (so "atencion" and
 * "atención" match, as customers often type without accents), but ñ kept
 * (año and ano are different words). Letters stretched for emphasis
 * ("buenísimoooo", "sooo") are handled at lookup time (lexicon.ts), not here,
 * because "good" and "too" have real double letters.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Lower case without accents, ñ kept. Fast path for plain ASCII. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower.replace(/ñ/g, "\u0001").normalize("NFD").replace(COMBINING_MARKS, "").replace(/\u0001/g, "ñ");
}

/** The word with every run of three or more equal letters cut to two and to one ("sooo" -> "soo", "so"). */
export function unstretched(word: string): [string, string] | null {
  if (!/(.)\1\1/.test(word)) return null;
  return [word.replace(/(.)\1{2,}/g, "$1$1"), word.replace(/(.)\1{2,}/g, "$1")];
}
