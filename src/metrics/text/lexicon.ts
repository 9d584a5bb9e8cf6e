/**
 * A polarity lexicon ready for fast lookup: exact words, stems (`resolv*`)
 * and phrases (`deja_mucho_que_desear`), all folded (fold.ts), with a memo so
 * that each distinct word is analysed once however many comments use it.
 *
 * Lookup of a word not listed as such tries, in order: stretched letters cut
 * ("buenooo" -> "bueno"), then the language's inflections (morphology below),
 * then the longest listed stem that starts the word.
 */
import { fold, unstretched } from "./fold";

export type Language = "es" | "en";

export interface Phrase {
  words: string[];
  valence: number;
}

export interface WordPolarity {
  valence: number;
  /** Superlative or stretched: an intensifier's worth of emphasis is added. */
  emphasis: boolean;
}

const NONE: WordPolarity = { valence: 0, emphasis: false };

export class Lexicon {
  readonly exact = new Map<string, number>();
  readonly stems = new Map<string, number>();
  /** Phrases by first word, longest first. */
  readonly phrases = new Map<string, Phrase[]>();
  private readonly memo = new Map<string, WordPolarity>();
  private shortestStem = Infinity;
  private longestStem = 0;

  constructor(readonly language: Language) {}

  /**
   * Adds `valence` for every entry of a space-separated list (see es-core.ts
   * for the format). Later lists override earlier ones: CXM's additions are
   * added after VADER's ratings.
   */
  addList(valence: number, list: string): void {
    for (const entry of list.split(/\s+/)) if (entry) this.add(entry, valence);
  }

  /** Adds one word as it is, with no stem or phrase syntax (VADER's emoticons contain "*" and "_"). */
  addExact(word: string, valence: number): void {
    this.exact.set(fold(word), valence);
    this.memo.clear();
  }

  add(entry: string, valence: number): void {
    const folded = fold(entry);
    if (folded.includes("_") || (folded.includes(" ") && folded.length > 1)) {
      const words = folded.split(/[_ ]/).filter(Boolean);
      const list = this.phrases.get(words[0]) ?? [];
      const existing = list.findIndex((p) => p.words.join(" ") === words.join(" "));
      if (existing >= 0) list.splice(existing, 1);
      list.push({ words, valence });
      list.sort((a, b) => b.words.length - a.words.length);
      this.phrases.set(words[0], list);
    } else if (folded.endsWith("*") && folded.length > 1) {
      const stem = folded.slice(0, -1);
      this.stems.set(stem, valence);
      this.shortestStem = Math.min(this.shortestStem, stem.length);
      this.longestStem = Math.max(this.longestStem, stem.length);
    } else {
      this.exact.set(folded, valence);
    }
    this.memo.clear();
  }

  /** Polarity of one folded word (0 when it carries none). */
  word(word: string): WordPolarity {
    const known = this.memo.get(word);
    if (known !== undefined) return known;
    const found = this.analyse(word);
    // A bounded memo: comments in a column share a vocabulary of a few thousand words.
    if (this.memo.size < 200_000) this.memo.set(word, found);
    return found;
  }

  private analyse(word: string): WordPolarity {
    const direct = this.direct(word);
    if (direct) return direct;
    const cut = unstretched(word);
    if (cut) {
      for (const w of cut) {
        const hit = this.direct(w);
        if (hit) return { valence: hit.valence, emphasis: true };
      }
    }
    return NONE;
  }

  /** Exact word, then inflections, then stems. */
  private direct(word: string): WordPolarity | null {
    const v = this.exact.get(word);
    if (v !== undefined) return v === 0 ? NONE : { valence: v, emphasis: false };
    for (const form of (this.language === "es" ? spanishBaseForms : englishBaseForms)(word)) {
      const b = this.exact.get(form.word);
      if (b !== undefined) return b === 0 ? NONE : { valence: b, emphasis: form.emphasis };
    }
    for (let n = Math.min(word.length, this.longestStem); n >= this.shortestStem; n--) {
      const s = this.stems.get(word.slice(0, n));
      if (s !== undefined) return s === 0 ? NONE : { valence: s, emphasis: false };
    }
    return null;
  }
}

interface BaseForm {
  word: string;
  emphasis: boolean;
}

/**
 * Spanish forms a listed word may be the base of: gender and number (buenas ->
 * bueno), superlatives (buenísimas -> bueno, with emphasis; amabilísimo ->
 * amable), diminutives (rapidito -> rápido) and adverbs in -mente
 * (rápidamente -> rápido).
 */
function spanishBaseForms(w: string): BaseForm[] {
  const out: BaseForm[] = [];
  const plain = (word: string) => out.push({ word, emphasis: false });
  const strong = (word: string) => out.push({ word, emphasis: true });
  let s = w;
  if (s.endsWith("mente") && s.length > 8) {
    s = s.slice(0, -5);
    plain(s);
    if (s.endsWith("a")) plain(s.slice(0, -1) + "o");
    return out;
  }
  const sup = /^(.+?)(?:bil)?isim([oa])s?$/.exec(s);
  if (sup && sup[1].length >= 2) {
    const stem = sup[1];
    if (/bilisim[oa]s?$/.test(s)) strong(stem + "ble");
    // rapidísimo -> rápido; buenísimo -> bueno; carísimo -> caro; ricos -> rico (qu/c)
    strong(stem + "o");
    strong(stem + "a");
    strong(stem + "e");
    strong(stem);
    if (stem.endsWith("qu")) strong(stem.slice(0, -2) + "co");
    if (stem.endsWith("c")) strong(stem.slice(0, -1) + "z");
    return out;
  }
  const dim = /^(.+?)(?:it|ic)([oa])s?$/.exec(s);
  if (dim && dim[1].length >= 3) {
    plain(dim[1] + "o");
    plain(dim[1]);
  }
  if (s.endsWith("es") && s.length > 4) plain(s.slice(0, -2));
  if (s.endsWith("s") && s.length > 3) {
    s = s.slice(0, -1);
    plain(s);
  }
  if (s.endsWith("a") && s.length > 3) plain(s.slice(0, -1) + "o");
  return out;
}

/** English forms: plurals and verb forms (refunds, refunded, refunding -> refund), -ly adverbs. */
function englishBaseForms(w: string): BaseForm[] {
  const out: BaseForm[] = [];
  const plain = (word: string) => out.push({ word, emphasis: false });
  if (w.length <= 3) return out;
  if (w.endsWith("ies")) plain(w.slice(0, -3) + "y");
  else if (w.endsWith("es")) {
    plain(w.slice(0, -2));
    plain(w.slice(0, -1));
  } else if (w.endsWith("s") && !w.endsWith("ss")) plain(w.slice(0, -1));
  if (w.endsWith("ed")) {
    plain(w.slice(0, -2));
    plain(w.slice(0, -1));
    if (w.length > 5 && w[w.length - 3] === w[w.length - 4]) plain(w.slice(0, -3));
  }
  if (w.endsWith("ing") && w.length > 5) {
    plain(w.slice(0, -3));
    plain(w.slice(0, -3) + "e");
  }
  if (w.endsWith("ily")) plain(w.slice(0, -3) + "y");
  else if (w.endsWith("ly")) plain(w.slice(0, -2));
  return out;
}
