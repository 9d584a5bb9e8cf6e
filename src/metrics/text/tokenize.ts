/**
 * Splits a comment into the pieces the sentiment rules read: words (letters,
 * digits, inner apostrophes and hyphens: "didn't", "rip-off", "10/10"),
 * emoticons (":)", ":-(", "<3", "xD"), emoji (skin tones and variation
 * selectors dropped, so 👍🏽 reads as 👍) and the punctuation that ends a
 * clause or a sentence. One regular expression pass, no per-character work.
 */

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

const EMOTICONS = [":-)", ":)", ":-(", ":(", ":-D", ":D", ";-)", ";)", ":'(", ":-/", ":/", ":-P", ":P", ":p", ":-|", ":|", ":S", ":s", "D:", "<3", "</3", ":o", ":O", "xD", "XD", "=)", "=(", ":]", ":[", "^^", "^_^", "-_-", ">:(", ":@"];
const escaped = EMOTICONS.sort((a, b) => b.length - a.length)
  .map((e) => e.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
  .join("|");

// Emoticons must not swallow the end of a word or a time ("12:30"): they stand alone.
const TOKEN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${escaped})(?![\\p{L}\\p{N}])` +
    "|\\p{Extended_Pictographic}(?:\\u200d\\p{Extended_Pictographic})*" +
    "|[\\p{L}\\p{N}]+(?:['’/-][\\p{L}\\p{N}]+)*" +
    "|[.!?…]+|[,;:()\\u00bf\\u00a1]",
  "gu",
);

import { fold } from "./fold";

/** The tokens of a comment, in order. */
export function tokenize(comment: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(comment)) !== null) {
    const raw = m[0];
    const c = raw.charCodeAt(0);
    const start = m.index;
    const end = start + raw.length;
    if (c === 46 || c === 33 || c === 63 || c === 0x2026) out.push({ kind: TokenKind.Sentence, raw, text: raw, start, end });
    else if (raw.length === 1 && ",;:()\u00bf\u00a1".includes(raw)) out.push({ kind: TokenKind.Clause, raw, text: raw, start, end });
    else if (/^[\p{L}\p{N}]/u.test(raw)) out.push({ kind: TokenKind.Word, raw, text: fold(raw).replace(/’/g, "'"), start, end });
    else out.push({ kind: TokenKind.Emoji, raw, text: fold(raw), start, end });
  }
  return out;
}
