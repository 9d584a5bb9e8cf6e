/**
 * Themes of a set of comments: the words and two-word phrases customers use
 * most, after stop words (stopwords.ts) and light stemming (stem.ts), with
 * how many comments mention each, their share of the comments, the comments'
 * average sentiment, and — when the comments come with 0–10 scores — the NPS
 * of the respondents who mention the theme against everyone else's, with the
 * two-sided p-value of the difference (adjusted-Wald test, nps-test.ts).
 *
 * A two-word phrase is two theme words in the same clause with at most one
 * stop word between them ("servicio técnico", "tiempo de espera", "customer
 * service"); it is shown as customers wrote it. A word is dropped when every
 * comment that mentions it does so inside one of the listed phrases.
 * A theme needs at least two comments.
 */
import { invalidInput } from "../errors";
import { NpsCounts, npsFromCounts } from "../nps";
import { compareNps } from "../nps-test";
import type { Language } from "./lexicon";
import { stem } from "./stem";
import { isStopWord } from "./stopwords";
import { Token, TokenKind } from "./tokenize";

export interface ThemeComparison {
  /** NPS of the respondents who mention the theme (points), null with none. */
  npsWith: number | null;
  /** NPS of every other respondent with a score, null with none. */
  npsWithout: number | null;
  /** npsWith − npsWithout, null when either is. */
  difference: number | null;
  /** Two-sided p-value of the difference (adjusted Wald), null when either group is empty. */
  pValue: number | null;
}

export interface Theme {
  /** Stemmed key: "entreg", "servici tecnic". */
  key: string;
  /** The most frequent way customers wrote it: "entrega", "servicio técnico". */
  label: string;
  words: 1 | 2;
  /** Comments that mention it. */
  comments: number;
  /** comments ÷ comments with text. */
  share: number;
  averageSentiment: number;
  nps: ThemeComparison | null;
}

export interface ThemeTable {
  themes: Theme[];
  /** Comments with text. */
  commented: number;
  /** Respondents with a valid score (all of them, commented or not). */
  scored: number;
}

/** What themes() needs per comment: its tokens, language and sentiment (the engine supplies them). */
export interface AnalysedComment {
  tokens: Token[];
  text: string;
  language: Language;
  sentiment: number;
}

interface Tally {
  comments: number;
  sentimentSum: number;
  labels: Map<string, number>;
  group: NpsCounts;
  words: 1 | 2;
}

type NpsGroup = "promoters" | "passives" | "detractors";

function groupOf(score: number): NpsGroup {
  return score >= 9 ? "promoters" : score >= 7 ? "passives" : "detractors";
}

/** The theme keys of one comment, each with the wording used. */
export function commentThemes(c: AnalysedComment): Map<string, { label: string; words: 1 | 2 }> {
  const found = new Map<string, { label: string; words: 1 | 2 }>();
  let previous: { key: string; start: number } | null = null;
  let stopsSince = 0;
  for (const t of c.tokens) {
    if (t.kind !== TokenKind.Word) {
      previous = null;
      continue;
    }
    const w = t.text;
    if (w.length < 3 || /^\d/.test(w) || isStopWord(w, c.language)) {
      stopsSince++;
      continue;
    }
    const key = stem(w, c.language);
    if (!found.has(key)) found.set(key, { label: t.raw.toLowerCase(), words: 1 });
    if (previous && stopsSince <= 1 && previous.key !== key) {
      const pair = `${previous.key} ${key}`;
      if (!found.has(pair)) found.set(pair, { label: c.text.slice(previous.start, t.end).toLowerCase().replace(/\s+/g, " "), words: 2 });
    }
    previous = { key, start: t.start };
    stopsSince = 0;
  }
  return found;
}

/**
 * Ranks the themes of analysed comments. `scores[i]` is comment i's 0–10
 * answer (null when it has none; respondents without a comment may be passed
 * as null comments so that they count among "everyone else").
 */
export function themes(comments: (AnalysedComment | null)[], scores: (number | null)[] | null, topN: number): ThemeTable {
  if (scores && scores.length !== comments.length) {
    throw invalidInput(`comments and scores must have the same number of rows (${comments.length} and ${scores.length}).`);
  }
  const tallies = new Map<string, Tally>();
  const phraseCover = new Map<string, Map<string, number>>();
  const all: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  let commented = 0, scored = 0;
  for (let i = 0; i < comments.length; i++) {
    const score = scores ? scores[i] : null;
    const group = score === null ? null : groupOf(score);
    if (group) {
      all[group]++;
      scored++;
    }
    const c = comments[i];
    if (!c) continue;
    commented++;
    const found = commentThemes(c);
    for (const [key, { label, words }] of found) {
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = { comments: 0, sentimentSum: 0, labels: new Map(), group: { promoters: 0, passives: 0, detractors: 0 }, words }));
      t.comments++;
      t.sentimentSum += c.sentiment;
      t.labels.set(label, (t.labels.get(label) ?? 0) + 1);
      if (group) t.group[group]++;
      if (words === 2) {
        for (const part of key.split(" ")) {
          const cover = phraseCover.get(part) ?? new Map<string, number>();
          cover.set(key, (cover.get(key) ?? 0) + 1);
          phraseCover.set(part, cover);
        }
      }
    }
  }
  const ranked = [...tallies.entries()]
    .filter(([key, t]) => t.comments >= 2 && !(t.words === 1 && coveredByPhrase(key, t, phraseCover, tallies)))
    .sort((a, b) => b[1].comments - a[1].comments || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, topN);
  return {
    commented,
    scored,
    themes: ranked.map(([key, t]) => ({
      key,
      label: mostFrequent(t.labels),
      words: t.words,
      comments: t.comments,
      share: t.comments / commented,
      averageSentiment: t.sentimentSum / t.comments,
      nps: scores ? compareGroups(t.group, all) : null,
    })),
  };
}

/** Every mention of the word is inside one phrase that is itself a theme (2+ comments). */
function coveredByPhrase(key: string, t: Tally, cover: Map<string, Map<string, number>>, tallies: Map<string, Tally>): boolean {
  const phrases = cover.get(key);
  if (!phrases) return false;
  for (const [phrase, n] of phrases) if (n === t.comments && (tallies.get(phrase)?.comments ?? 0) >= 2) return true;
  return false;
}

function mostFrequent(labels: Map<string, number>): string {
  let best = "", count = -1;
  for (const [label, n] of labels) {
    if (n > count || (n === count && label < best)) {
      best = label;
      count = n;
    }
  }
  return best;
}

function total(c: NpsCounts): number {
  return c.promoters + c.passives + c.detractors;
}

function compareGroups(within: NpsCounts, all: NpsCounts): ThemeComparison {
  const others: NpsCounts = {
    promoters: all.promoters - within.promoters,
    passives: all.passives - within.passives,
    detractors: all.detractors - within.detractors,
  };
  const npsWith = total(within) > 0 ? npsFromCounts(within) : null;
  const npsWithout = total(others) > 0 ? npsFromCounts(others) : null;
  const both = npsWith !== null && npsWithout !== null;
  return {
    npsWith,
    npsWithout,
    difference: both ? npsWith - npsWithout : null,
    pValue: both ? compareNps(within, others).pValue : null,
  };
}
