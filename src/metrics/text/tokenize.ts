/**
 * Splits a comment into the pieces the sentiment rules read: words (letters,
 * digits, inner apostrophes and hyphens: "didn't", "rip-off", "10/10"),
 * emoticons (":)", ":-(", "<3", "xD"), emoji (skin tones and variation
 * selectors dropped, so 👍🏽 reads as 👍) and the punctuation that ends a
 * clause or a sentence. A hand-written scanner: one pass over the characters,
 * with fast paths for ASCII and the Latin letters of Spanish.
 */

import { fold } from "./fold";

export const enum TokenKind {
  Word = 0,
  Emoji = 1,
  /** , ; : — ends a clause. */
  Clause = 2,
  /** . ! ? … — ends a sentence. */
  Sentence = 3,
}

export interface Token {
  kind: TokenKind;
  /** As written (for ALL-CAPS emphasis). */
  raw: string;
  /** Folded: lower case, no accents (fold.ts); emoji and emoticons as written. */
  text: string;
  /** Offsets in the comment, for the theme phrases' original wording. */
  start: number;
  end: number;
}

const EMOTICONS = [":-)", ":)", ":-(", ":(", ":-D", ":D", ";-)", ";)", ":'(", ":-/", ":/", ":-P", ":P", ":p", ":-|", ":|", ":S", ":s", "D:", "<3", "</3", ":o", ":O", "xD", "XD", "=)", "=(", ":]", ":[", "^^", "^_^", "-_-", ">:(", ":@"].sort(
  (a, b) => b.length - a.length,
);
/** First characters of emoticons, for a quick test before trying them. */
const EMOTICON_START = new Set(EMOTICONS.map((e) => e.charCodeAt(0)));

const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}\p{M}]$/u;

/** Letters and digits, with fast answers for ASCII and Latin-1/Latin Extended (all Spanish letters). */
function isWordChar(code: number, text: string, i: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  if (code >= 0xc0 && code <= 0x24f) return code !== 0xd7 && code !== 0xf7;
  if (code >= 0xd800 && code <= 0xdbff) return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(i)!));
  return LETTER_OR_DIGIT.test(text[i]);
}

/** Characters that join two runs of letters into one word: apostrophes, hyphen, slash ("didn't", "rip-off", "10/10"). */
function isJoiner(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 45 || code === 47;
}

function emoticonAt(text: string, i: number): string | null {
  if (!EMOTICON_START.has(text.charCodeAt(i))) return null;
  for (const e of EMOTICONS) {
    if (!text.startsWith(e, i)) continue;
    // An emoticon stands alone: not glued to a word on either side ("ID:", "xDD").
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    const after = i + e.length < text.length ? text.charCodeAt(i + e.length) : 32;
    if (isWordChar(before, text, i - 1) || isWordChar(after, text, i + e.length)) return null;
    return e;
  }
  return null;
}

/** Length of the emoji (a pictographic character, with ZWJ sequences) at i, 0 if none. Skin tones and VS16 are skipped by the caller. */
function emojiLength(text: string, i: number): number {
  let j = i;
  for (;;) {
    const cp = text.codePointAt(j);
    if (cp === undefined || !PICTOGRAPHIC.test(String.fromCodePoint(cp))) break;
    j += cp > 0xffff ? 2 : 1;
    // Variation selector 16 and skin tones belong to the emoji; a zero-width joiner continues it.
    for (;;) {
      const next = text.codePointAt(j);
      if (next === 0xfe0f) j += 1;
      else if (next !== undefined && next >= 0x1f3fb && next <= 0x1f3ff) j += 2;
      else break;
    }
    if (text.charCodeAt(j) === 0x200d) j += 1;
    else break;
  }
  return j - i;
}

/** The emoji as the lexicon lists it: no skin tone, no variation selector, no joiner tail. */
function emojiKey(raw: string): string {
  const cp = raw.codePointAt(0)!;
  return String.fromCodePoint(cp);
}

const SENTENCE_END = new Set([46, 33, 63, 0x2026]);
const CLAUSE_END = new Set([44, 59, 58, 40, 41, 0xbf, 0xa1]);

/** The tokens of a comment, in order. One pass over the characters. */
export function tokenize(comment: string): Token[] {
  const out: Token[] = [];
  const n = comment.length;
  const lower = comment.toLowerCase();
  const sameLength = lower.length === n;
  let i = 0;
  while (i < n) {
    const code = comment.charCodeAt(i);
    if (code <= 32) {
      i++;
      continue;
    }
    const emoticon = emoticonAt(comment, i);
    if (emoticon) {
      out.push({ kind: TokenKind.Emoji, raw: emoticon, text: emoticon.toLowerCase(), start: i, end: i + emoticon.length });
      i += emoticon.length;
      continue;
    }
    if (isWordChar(code, comment, i)) {
      let j = i;
      let ascii = true;
      for (;;) {
        const c = comment.charCodeAt(j);
        if (j < n && isWordChar(c, comment, j)) {
          if (c >= 128) ascii = false;
          j += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        } else if (j + 1 < n && isJoiner(c) && isWordChar(comment.charCodeAt(j + 1), comment, j + 1)) {
          if (c >= 128) ascii = false;
          j++;
        } else break;
      }
      const raw = comment.slice(i, j);
      const text = ascii && sameLength ? lower.slice(i, j) : fold(raw).replace(/’/g, "'");
      out.push({ kind: TokenKind.Word, raw, text, start: i, end: j });
      i = j;
      continue;
    }
    if (SENTENCE_END.has(code)) {
      let j = i + 1;
      while (j < n && SENTENCE_END.has(comment.charCodeAt(j))) j++;
      const raw = comment.slice(i, j);
      out.push({ kind: TokenKind.Sentence, raw, text: raw, start: i, end: j });
      i = j;
      continue;
    }
    if (CLAUSE_END.has(code)) {
      out.push({ kind: TokenKind.Clause, raw: comment[i], text: comment[i], start: i, end: i + 1 });
      i++;
      continue;
    }
    if (code >= 0x2000) {
      const len = emojiLength(comment, i);
      if (len > 0) {
        const raw = comment.slice(i, i + len);
        out.push({ kind: TokenKind.Emoji, raw, text: emojiKey(raw), start: i, end: i + len });
        i += len;
        continue;
      }
    }
    i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return out;
}
