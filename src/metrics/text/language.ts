/**
 * Spanish or English? Counts words that are frequent in one language and rare
 * in the other (articles, prepositions, pronouns, auxiliaries, and the most
 * common words of customer comments), plus the letters and marks only Spanish
 * uses (ñ, ¿, ¡, accented vowels). Only these two languages are told apart:
 * general detectors (trigram models such as franc) need longer text than a
 * survey comment and confuse Spanish with Portuguese, Galician or Catalan.
 */
import type { Language } from "./lexicon";
import { Token, TokenKind } from "./tokenize";

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

// Folded (no accents). Words shared by both languages ("no", "me", "a", "he") are left out.
const SPANISH = words(
  "de la que el en y los se del las por un una para con su al lo como pero sus le ya muy mi es esta este esto estoy estan todo todos todavia nada " +
    "fue era hay son tengo tiene tienen han hemos ha sin mas muy gracias bien mal bueno buena buen mejor peor servicio atencion pedido envio producto " +
    "llego tarde nunca siempre porque cuando donde tambien solo sobre desde hasta entre sera puede pueden hace hicieron dijeron cliente clientes " +
    "q xq tb nos os les unos unas ese esa eso aqui alli ahora despues antes vez veces dia dias mes semana ni o u e yo tu usted ustedes ellos",
);
const ENGLISH = words(
  "the and to of in is it you that was for on are with they be at this have not my i so very but it's i'm didn't don't doesn't wasn't isn't can't " +
    "won't was were has had will would their them there what all thanks thank good bad great service order product delivery arrived late never always " +
    "because when where also only about from until between just your our we us an any some more most again after before day days month week " +
    "or by if than then its get got been did does do dont didnt im ive",
);

const SPANISH_MARKS = /[ñ¿¡áéíóú]/i;
/** Endings that English words (almost) never have: -mente, -ción, -dad, diminutives, -iendo. */
const SPANISH_ENDINGS = ["mente", "cion", "ciones", "dad", "dades", "ito", "ita", "itos", "itas", "iendo", "amos", "aron", "ieron"];

function hasSpanishEnding(word: string): boolean {
  if (word.length < 6) return false;
  for (const e of SPANISH_ENDINGS) if (word.endsWith(e)) return true;
  return false;
}

/** +1 per Spanish marker word, −1 per English one; the sign decides, 0 is undecided. */
export function languageEvidence(tokens: Token[], text: string): number {
  let score = SPANISH_MARKS.test(text) ? 2 : 0;
  for (const t of tokens) {
    if (t.kind !== TokenKind.Word) continue;
    if (SPANISH.has(t.text) || hasSpanishEnding(t.text)) score++;
    else if (ENGLISH.has(t.text)) score--;
  }
  return score;
}

/** "es", "en", or null when the text gives no evidence either way. */
export function detectLanguage(tokens: Token[], text: string): Language | null {
  const score = languageEvidence(tokens, text);
  return score > 0 ? "es" : score < 0 ? "en" : null;
}
