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
  let ascii = true;
  for (let i = 0; i < lower.length && ascii; i++) ascii = lower.charCodeAt(i) < 128;
  if (ascii) return lower;
  // ñ would lose its tilde in NFD: keep it aside as a character that never occurs in text.
  return lower.replace(/ñ/g, "\uffff").normalize("NFD").replace(COMBINING_MARKS, "").replace(/\uffff/g, "ñ");
}

/** The word with every run of three or more equal letters cut to two and to one ("sooo" -> "soo", "so"). */
export function unstretched(word: string): [string, string] | null {
  if (!/(.)\1\1/.test(word)) return null;
  return [word.replace(/(.)\1{2,}/g, "$1$1"), word.replace(/(.)\1{2,}/g, "$1")];
}
