/**
 * Sentiment of one comment, from −1 (negative) to 1 (positive), 0 when no
 * word carries polarity. Explainable: every point comes from a listed word,
 * phrase or emoji, adjusted by the rules of VADER (Hutto & Gilbert 2014,
 * "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social
 * Media Text", ICWSM-14), written here for Spanish and English:
 *
 * - an intensifier within three words before adds 0.293 per step, fading
 *   with distance (×1, ×0.95, ×0.9); a downtoner takes it away;
 * - a word IN CAPITALS in a mixed-case comment adds 0.733; a superlative
 *   (buenísimo) or stretched word (buenooo, sooo good) adds 0.293;
 * - a negator within three words before, in the same clause, multiplies by
 *   −0.74 (Spanish double negation — "no está nada mal" — negates once);
 * - in a sentence with "pero"/"but"/"sin embargo"/"however", what comes before
 *   weighs ×0.5 and what comes after ×1.5; a concessive clause ("aunque",
 *   "although", up to the next comma) weighs ×0.5;
 * - each "!" (up to 4) adds 0.292 in the direction of the sum;
 * - the sum s becomes s / √(s² + 15), VADER's normalisation to (−1, 1).
 */
import { Lexicon, Language } from "./lexicon";
import { isContractedNegation, LanguageRules } from "./rules";
import { Token, TokenKind } from "./tokenize";

export const BOOSTER_STEP = 0.293;
export const CAPS_STEP = 0.733;
export const NEGATION_SCALAR = -0.74;
export const EXCLAMATION_STEP = 0.292;
export const NORMALIZATION_ALPHA = 15;

/** One word's or phrase's part in a score, for explanations. */
export interface Term {
  text: string;
  valence: number;
  negated: boolean;
  contribution: number;
}

interface Item {
  kind: TokenKind;
  raw: string;
  text: string;
}

/** Words as the rules read them: shorthand expanded ("xq" -> "porque", "nose" -> "no se"). */
function items(tokens: Token[], rules: LanguageRules): Item[] {
  let expand = false;
  for (const t of tokens) if (t.kind === TokenKind.Word && rules.spelling.has(t.text)) expand = true;
  if (!expand) return tokens;
  const out: Item[] = [];
  for (const t of tokens) {
    const meant = t.kind === TokenKind.Word ? rules.spelling.get(t.text) : undefined;
    if (meant === undefined) out.push({ kind: t.kind, raw: t.raw, text: t.text });
    else for (const w of meant.split(" ")) out.push({ kind: TokenKind.Word, raw: t.raw === t.raw.toUpperCase() && /\p{L}{2}/u.test(t.raw) ? w.toUpperCase() : w, text: w });
  }
  return out;
}

function isUpperWord(raw: string): boolean {
  return raw.length > 1 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
}

/** Mixed case: some words in capitals and some not (VADER's condition for caps emphasis). */
function mixedCase(list: Item[]): boolean {
  let upper = 0, other = 0;
  for (const it of list) {
    if (it.kind !== TokenKind.Word || !/\p{L}/u.test(it.raw)) continue;
    if (isUpperWord(it.raw)) upper++;
    else other++;
  }
  return upper > 0 && other > 0;
}

const isBoundary = (it: Item) => it.kind === TokenKind.Clause || it.kind === TokenKind.Sentence;

/**
 * Weights from contrast and concession, per item. Computed per sentence: the
 * first contrast marker splits it (×0.5 before, ×1.5 after); a concessive
 * marker weighs its clause ×0.5.
 */
function clauseWeights(list: Item[], markers: Uint8Array): Float64Array | null {
  if (!markers.some((m) => m === MARK_CONTRAST || m === MARK_CONCESSIVE)) return null;
  const w = new Float64Array(list.length).fill(1);
  let start = 0;
  for (let i = 0; i <= list.length; i++) {
    if (i < list.length && list[i].kind !== TokenKind.Sentence) continue;
    let contrastAt = -1;
    for (let j = start; j < i; j++) {
      if (markers[j] === MARK_CONTRAST) {
        contrastAt = j;
        break;
      }
    }
    if (contrastAt >= 0) {
      for (let j = start; j < contrastAt; j++) w[j] *= 0.5;
      for (let j = contrastAt + 1; j < i; j++) w[j] *= 1.5;
    }
    for (let j = start; j < i; j++) {
      if (markers[j] !== MARK_CONCESSIVE) continue;
      for (let k = j; k < i && !(k > j && isBoundary(list[k])); k++) w[k] *= 0.5;
    }
    start = i + 1;
  }
  return w;
}

const LACK: Record<Language, ReadonlySet<string>> = { es: new Set(["poco", "poca", "pocos", "pocas"]), en: new Set(["little"]) };

const MARK_NONE = 0;
const MARK_CONTRAST = 1;
const MARK_CONCESSIVE = 2;
/** Part of a two-word marker or booster phrase: neither negates nor scores. */
const MARK_FUNCTION = 3;

function markFunctionWords(list: Item[], rules: LanguageRules): { markers: Uint8Array; phraseBoost: Float64Array } {
  const markers = new Uint8Array(list.length);
  const phraseBoost = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    if (list[i].kind !== TokenKind.Word) continue;
    const w = list[i].text;
    const next = i + 1 < list.length && list[i + 1].kind === TokenKind.Word ? list[i + 1].text : null;
    const pair = next === null || !rules.pairStarts.has(w) ? null : `${w} ${next}`;
    if (pair !== null && rules.contrastPhrases.has(pair)) {
      markers[i] = MARK_CONTRAST;
      markers[i + 1] = MARK_FUNCTION;
      i++;
    } else if (pair !== null && rules.concessivePhrases.has(pair)) {
      markers[i] = MARK_CONCESSIVE;
      markers[i + 1] = MARK_FUNCTION;
      i++;
    } else if (pair !== null && rules.boosterPhrases.has(pair)) {
      markers[i] = MARK_FUNCTION;
      markers[i + 1] = MARK_FUNCTION;
      phraseBoost[i + 1] = rules.boosterPhrases.get(pair)!;
      i++;
    } else if (rules.contrast.has(w)) markers[i] = MARK_CONTRAST;
    else if (rules.concessive.has(w)) markers[i] = MARK_CONCESSIVE;
  }
  return { markers, phraseBoost };
}

/** Is the word at `i` a negator that reaches a polar word `distance` words later? */
function negates(list: Item[], i: number, distance: number, rules: LanguageRules, language: Language): boolean {
  const w = list[i].text;
  if (rules.adjacentNegators.has(w)) return distance === 1;
  if (rules.negators.has(w)) return true;
  if (language === "en" && isContractedNegation(w)) return true;
  // "poco amable", "little help": a lack; "un poco caro", "a little slow" are downtoners (boosterPhrases).
  const article = language === "es" ? "un" : "a";
  return LACK[language].has(w) && distance <= 2 && !(i > 0 && list[i - 1].text === article);
}

/**
 * The comment's compound score in (−1, 1), and optionally the terms behind it.
 * `tokens` come from tokenize(); `language` picks the lexicon and the rules.
 */
export function scoreTokens(tokens: Token[], lexicon: Lexicon, rules: LanguageRules, terms?: Term[]): number {
  const list = items(tokens, rules);
  const language = lexicon.language;
  const { markers, phraseBoost } = markFunctionWords(list, rules);
  const weights = clauseWeights(list, markers);
  let caps: boolean | null = null;
  let sum = 0;
  let exclamations = 0;
  for (let i = 0; i < list.length; i++) {
    const it = list[i];
    if (it.kind === TokenKind.Sentence) {
      for (let k = 0; k < it.raw.length; k++) if (it.raw.charCodeAt(k) === 33) exclamations++;
      continue;
    }
    if (it.kind === TokenKind.Clause || markers[i] !== MARK_NONE) continue;
    let valence = 0;
    let emphasis = false;
    let span = 1;
    let label = it.text;
    if (it.kind === TokenKind.Word) {
      const phrase = matchPhrase(list, i, lexicon);
      if (phrase && phrase.valence === 0) {
        // A neutral expression ("por la tarde", "neither good nor bad") hides its words.
        i += phrase.words.length - 1;
        continue;
      }
      if (phrase) {
        valence = phrase.valence;
        span = phrase.words.length;
        label = phrase.words.join(" ");
      } else {
        const p = lexicon.word(it.text);
        valence = p.valence;
        emphasis = p.emphasis;
      }
      // Intensifiers and negators only modify; a phrase that starts with one ("nunca más") scores.
      if (valence === 0 || (span === 1 && (rules.boosters.has(it.text) || rules.negators.has(it.text)))) continue;
    } else {
      valence = lexicon.word(it.text).valence;
      if (valence === 0) continue;
    }
    const sign = valence > 0 ? 1 : -1;
    let s = valence;
    if (emphasis) s += sign * BOOSTER_STEP;
    if (isUpperWord(it.raw) && (caps ??= mixedCase(list))) s += sign * CAPS_STEP;
    // Intensifiers and negators before the word, in the same clause.
    let negated = false;
    let solved = false;
    for (let d = 1, j = i - 1; j >= 0 && d <= 3; j--) {
      const before = list[j];
      if (isBoundary(before) || markers[j] === MARK_CONTRAST || markers[j] === MARK_CONCESSIVE) break;
      if (before.kind !== TokenKind.Word) continue;
      const fade = d === 1 ? 1 : d === 2 ? 0.95 : 0.9;
      const boost = phraseBoost[j] || (markers[j] === MARK_NONE ? rules.boosters.get(before.text) ?? 0 : 0);
      if (boost !== 0) s += sign * BOOSTER_STEP * boost * fade;
      if (d <= rules.negationWindow && markers[j] === MARK_NONE && negates(list, j, d, rules, language)) negated = true;
      if (valence < 0 && rules.solvers.some((p) => before.text.startsWith(p))) solved = true;
      d++;
    }
    // "resolved my problem": the problem is what was fixed, not a complaint.
    if (solved) continue;
    if (negated) s *= NEGATION_SCALAR;
    const contribution = weights ? s * weights[i] : s;
    sum += contribution;
    terms?.push({ text: label, valence, negated, contribution });
    i += span - 1;
  }
  if (sum !== 0 && exclamations > 0) sum += Math.sign(sum) * EXCLAMATION_STEP * Math.min(exclamations, 4);
  return normalize(sum);
}

function matchPhrase(list: Item[], i: number, lexicon: Lexicon): { words: string[]; valence: number } | null {
  const candidates = lexicon.phrases.get(list[i].text);
  if (!candidates) return null;
  for (const p of candidates) {
    let ok = true;
    for (let k = 1; k < p.words.length; k++) {
      const it = list[i + k];
      if (!it || it.kind !== TokenKind.Word || it.text !== p.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return p;
  }
  return null;
}

/** VADER's normalisation: s / √(s² + α), α = 15, into (−1, 1). */
export function normalize(sum: number): number {
  if (sum === 0) return 0;
  const x = sum / Math.sqrt(sum * sum + NORMALIZATION_ALPHA);
  return Math.max(-1, Math.min(1, x));
}
