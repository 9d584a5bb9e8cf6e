/**
 * The text engine: sentiment of comments in Spanish and English, themes, and
 * the survey aggregates built on them. This module is what the custom
 * functions load on their first text call (a separate bundle chunk: the
 * lexicons are ~200 KB that the other functions never need), and what the
 * templates and the CLI import directly.
 *
 * The lexicons are built once, on first use.
 */
import { Lexicon, Language } from "./lexicon";
import { EMOJI } from "./lexicons/emoji";
import { EN_CX } from "./lexicons/en-cx";
import { VADER_LEXICON } from "./lexicons/en-vader";
import { ES_CORE, ES_NEUTRAL } from "./lexicons/es-core";
import { ES_PHRASES, EN_PHRASES } from "./lexicons/phrases";
import { detectLanguage, languageEvidence } from "./language";
import { rulesFor } from "./rules";
import { scoreTokens, Term } from "./sentiment";
import { themes, ThemeTable, AnalysedComment } from "./themes";
import { Token, tokenize } from "./tokenize";

export type { Language } from "./lexicon";
export type { Term } from "./sentiment";

export type SentimentLabel = "positive" | "neutral" | "negative";

/** VADER's published thresholds (Hutto & Gilbert; vaderSentiment README): compound ≥ 0.05 positive, ≤ −0.05 negative. */
export const POSITIVE_THRESHOLD = 0.05;
export const NEGATIVE_THRESHOLD = -0.05;

let built: Record<Language, Lexicon> | null = null;

function addLists(lexicon: Lexicon, lists: Record<string, string>): void {
  for (const [valence, list] of Object.entries(lists)) lexicon.addList(Number(valence), list);
}

/** The two lexicons, built on first use. */
export function lexicons(): Record<Language, Lexicon> {
  if (built) return built;
  const en = new Lexicon("en");
  for (const line of VADER_LEXICON.split("\n")) {
    const tab = line.indexOf("\t");
    en.addExact(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  addLists(en, EMOJI);
  addLists(en, EN_CX);
  addLists(en, EN_PHRASES);
  const es = new Lexicon("es");
  addLists(es, EMOJI);
  addLists(es, ES_CORE);
  es.addList(0, ES_NEUTRAL);
  addLists(es, ES_PHRASES);
  built = { en, es };
  return built;
}

export interface SentimentResult {
  /** −1 … 1; 0 when nothing carries polarity. */
  score: number;
  language: Language;
  terms: Term[];
}

function scoreIn(tokens: Token[], language: Language, terms?: Term[]): number {
  return scoreTokens(tokens, lexicons()[language], rulesFor(language), terms);
}

/**
 * Picks the language of a comment: the evidence of language.ts, and when it
 * is silent (one word: "Genial", "Awful"), the lexicon that knows more of its words.
 */
export function languageOf(tokens: Token[], text: string): Language {
  const detected = detectLanguage(tokens, text);
  if (detected) return detected;
  const lex = lexicons();
  let es = 0, en = 0;
  for (const t of tokens) {
    if (lex.es.word(t.text).valence !== 0) es++;
    if (lex.en.word(t.text).valence !== 0) en++;
  }
  // A tie goes to Spanish: VADER lists a few Spanish words ("perfecta") that CXM's Spanish lexicon rates too.
  return es >= en && es > 0 ? "es" : "en";
}

/** Sentiment of one comment; `language` "es", "en", or null to detect it. */
export function sentiment(text: string, language: Language | null = null): number {
  const tokens = tokenize(text);
  return scoreIn(tokens, language ?? languageOf(tokens, text));
}

/** Sentiment with the words, phrases and emoji behind it. */
export function explainSentiment(text: string, language: Language | null = null): SentimentResult {
  const tokens = tokenize(text);
  const lang = language ?? languageOf(tokens, text);
  const terms: Term[] = [];
  return { score: scoreIn(tokens, lang, terms), language: lang, terms };
}

export function sentimentLabel(score: number): SentimentLabel {
  return score >= POSITIVE_THRESHOLD ? "positive" : score <= NEGATIVE_THRESHOLD ? "negative" : "neutral";
}

export { languageEvidence, tokenize };

/** Tokens, language and sentiment of each comment; null for a blank one. */
export function analyseComments(texts: (string | null)[], language: Language | null = null): (AnalysedComment | null)[] {
  return texts.map((text) => {
    if (text === null || text.trim() === "") return null;
    const tokens = tokenize(text);
    const lang = language ?? languageOf(tokens, text);
    return { tokens, text, language: lang, sentiment: scoreIn(tokens, lang) };
  });
}

/** The top themes of a column of comments (themes.ts), with NPS comparisons when scores are given. */
export function commentThemeTable(texts: (string | null)[], scores: (number | null)[] | null, topN: number, language: Language | null = null): ThemeTable {
  return themes(analyseComments(texts, language), scores, topN);
}

export { themes, commentThemes } from "./themes";
export type { Theme, ThemeTable, ThemeComparison, AnalysedComment } from "./themes";
export { sentimentByNpsGroup, themesByPolarity } from "./survey-comments";
export type { GroupSentiment, PolarThemes } from "./survey-comments";
