/**
 * What the survey dashboard is built from: the NPS counts of every month and
 * every segment with their CSAT and CES answers by score, the 0-10 score
 * histogram, the sentiment of the comments by NPS group and their themes,
 * the key drivers of the score among the attribute ratings, and the list of
 * responses the workbook shows (every response up to a limit; above it, the
 * latest comments only). A plain, JSON-able object — the contract between the
 * data and the sheets — so the same sheets can be built from these
 * TypeScript engines or from a streaming or SQL intake returning the same
 * counts.
 *
 * Engines used: src/metrics/text/engine.ts (analyseComments, themes,
 * sentimentByNpsGroup, themesByPolarity) and src/metrics/key-drivers.ts.
 */
import { DriverMethod, keyDrivers, KeyDrivers } from "../../metrics/key-drivers";
import { MetricError } from "../../metrics/errors";
import { AnalysedComment, analyseComments, GroupSentiment, sentimentByNpsGroup, Theme, themes, themesByPolarity } from "../../metrics/text/engine";
import { addMonths, monthStart } from "../../workbook/dates";

/** One entry per scored response, as descriptor.ts prepare() reads them. */
export interface SurveyColumns {
  /** Excel serials (a fraction is the time of day). */
  dates: Float64Array;
  /** 0-10. */
  scores: Uint8Array;
  /** Coded segments (-1: none), or null when the source has no segment column. */
  segments: { codes: Int32Array; names: string[] } | null;
  /** 1-5, 0 when not answered; null without the column. */
  csat: Uint8Array | null;
  /** 1-7, 0 when not answered; null without the column. */
  ces: Uint8Array | null;
  /** The comment, null when there is none; null without the column. */
  comments: (string | null)[] | null;
  /** One rating column per attribute (NaN when not rated), with its label; null when none is mapped. */
  attributes: { labels: string[]; values: Float64Array[] } | null;
}

export interface SurveyAggregateOptions {
  /** Key-driver method (key-drivers.ts). */
  method: DriverMethod;
  /** Up to this many responses the workbook lists every response (and counts them with formulas). */
  listLimit: number;
  /** Above listLimit, the latest comments the workbook lists. */
  commentCap: number;
}

/** Responses of one row of the dashboard (all, a month, a segment). */
export interface Tally {
  promoters: number;
  passives: number;
  detractors: number;
  /** CSAT answers by score: csat[k] answered k + 1 (1-5); empty without CSAT. */
  csat: number[];
  /** CES answers by score: ces[k] answered k + 1 (1-7); empty without CES. */
  ces: number[];
}

export interface CommentsAggregate {
  /** Scored responses with a comment. */
  commented: number;
  /** Promoters, passives, detractors (sentimentByNpsGroup). */
  groups: GroupSentiment[];
  /** The sentiment of every comment added up (the average of all = sentimentSum / commented). */
  sentimentSum: number;
  /** The most mentioned themes leaning positive and negative (themesByPolarity), with their NPS comparison. */
  positiveThemes: Theme[];
  negativeThemes: Theme[];
}

export type DriverProblem = { kind: "tooFew"; needed: number } | { kind: "constant"; attribute: string } | { kind: "sameScore" } | { kind: "collinear" };

export interface DriversAggregate {
  labels: string[];
  /** Mean rating of each attribute over the responses that rated it (null: none did), and how many did. */
  averages: (number | null)[];
  rated: number[];
  /** Responses that rated every attribute: the rows of the regression. */
  complete: number;
  method: DriverMethod;
  /** Null when the weights cannot be computed (problem says why). */
  result: KeyDrivers | null;
  problem: DriverProblem | null;
}

/** The responses the workbook lists, oldest first; absent fields are null. */
export interface Listing {
  /** "all": every response (the dashboard counts them with formulas); "latestComments": the latest commented responses. */
  kind: "all" | "latestComments";
  dates: number[];
  scores: number[];
  /** "" for no segment. */
  segments: string[] | null;
  csat: (number | null)[] | null;
  ces: (number | null)[] | null;
  /** By attribute, then row. */
  attributes: (number | null)[][] | null;
  sentiments: (number | null)[] | null;
  /** "" for no comment. */
  comments: string[] | null;
}

export interface SurveyAggregate {
  /** Scored responses. */
  responses: number;
  has: { segment: boolean; csat: boolean; ces: boolean; comment: boolean; attributes: boolean; time: boolean };
  overall: Tally;
  /** Every month from the first response's to the last's, empty months included (all counts 0). */
  months: { month: number; tally: Tally }[];
  /** Segments in text order. */
  segments: { name: string; tally: Tally }[];
  /** Responses by score 0-10. */
  scores: number[];
  comments: CommentsAggregate | null;
  drivers: DriversAggregate | null;
  /** Null when the responses are above the list limit and there are no comments to list. */
  listing: Listing | null;
  /** The limit the build used (stated on the sheets). */
  listLimit: number;
  /** Comments in all, when the listing holds only the latest. */
  commentsInAll: number;
}

/** Themes ranked before they are split by polarity: enough for the top five of each side. */
const THEME_POOL = 60;
/** Themes shown per side. */
export const THEMES_SHOWN = 5;

function emptyTally(csat: boolean, ces: boolean): Tally {
  return { promoters: 0, passives: 0, detractors: 0, csat: csat ? [0, 0, 0, 0, 0] : [], ces: ces ? [0, 0, 0, 0, 0, 0, 0] : [] };
}

function count(t: Tally, score: number, csat: number, ces: number): void {
  if (score >= 9) t.promoters++;
  else if (score >= 7) t.passives++;
  else t.detractors++;
  if (csat > 0 && t.csat.length > 0) t.csat[csat - 1]++;
  if (ces > 0 && t.ces.length > 0) t.ces[ces - 1]++;
}

/**
 * The aggregate of the responses.
 *
 * @example surveyAggregate({ dates: Float64Array.of(45292, 45352), scores: Uint8Array.of(10, 3), segments: null, csat: null, ces: null, comments: null, attributes: null }, OPTIONS).months.length // 3 (January to March, February empty)
 */
export function surveyAggregate(c: SurveyColumns, o: SurveyAggregateOptions): SurveyAggregate {
  const n = c.scores.length;
  const hasCsat = c.csat !== null && c.csat.some((x) => x > 0);
  const hasCes = c.ces !== null && c.ces.some((x) => x > 0);
  const csatOf = (i: number) => (hasCsat ? c.csat![i] : 0);
  const cesOf = (i: number) => (hasCes ? c.ces![i] : 0);

  // Months: from the first response's to the last's. A loop, never Math.min(...dates).
  let first = Infinity, last = -Infinity, time = false;
  for (let i = 0; i < n; i++) {
    const d = c.dates[i];
    if (d < first) first = d;
    if (d > last) last = d;
    if (!time && d % 1 !== 0) time = true;
  }
  const months: SurveyAggregate["months"] = [];
  const monthAt = new Map<number, number>();
  if (n > 0) {
    for (let m = monthStart(first), end = monthStart(last); m <= end; m = addMonths(m, 1)) {
      monthAt.set(m, months.length);
      months.push({ month: m, tally: emptyTally(hasCsat, hasCes) });
    }
  }
  // The month of each day, found once per day.
  const dayMonth = new Map<number, number>();
  const monthIndex = (date: number) => {
    const day = Math.floor(date);
    let k = dayMonth.get(day);
    if (k === undefined) dayMonth.set(day, (k = monthAt.get(monthStart(day))!));
    return k;
  };

  // Segments in text order (as the previous dashboard sorted them).
  const names = c.segments?.names ?? [];
  const order = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  const rank = new Int32Array(names.length);
  order.forEach((code, r) => (rank[code] = r));
  const segments = order.map((code) => ({ name: names[code], tally: emptyTally(hasCsat, hasCes) }));

  const overall = emptyTally(hasCsat, hasCes);
  const scores = new Array<number>(11).fill(0);
  for (let i = 0; i < n; i++) {
    const score = c.scores[i], csat = csatOf(i), ces = cesOf(i);
    count(overall, score, csat, ces);
    count(months[monthIndex(c.dates[i])].tally, score, csat, ces);
    const code = c.segments ? c.segments.codes[i] : -1;
    if (code >= 0) count(segments[rank[code]].tally, score, csat, ces);
    scores[score]++;
  }

  const analysed = c.comments ? analyseDistinct(c.comments) : null;
  const comments = analysed ? commentsAggregate(c.scores, analysed) : null;
  const sentiments = analysed ? analysed.map((a) => (a ? a.sentiment : null)) : null;
  const drivers = c.attributes && c.attributes.labels.length > 0 ? driversAggregate(c.scores, c.attributes, o.method) : null;

  const has = {
    segment: segments.length > 0,
    csat: hasCsat,
    ces: hasCes,
    comment: comments !== null && comments.commented > 0,
    attributes: drivers !== null,
    time,
  };
  const listing = listingOf(c, sentiments, has, o);
  return {
    responses: n,
    has,
    overall,
    months,
    segments,
    scores,
    comments: has.comment ? comments : null,
    drivers,
    listing,
    listLimit: o.listLimit,
    commentsInAll: comments?.commented ?? 0,
  };
}

/**
 * Tokens, language and sentiment of each comment (analyseComments), each
 * distinct text analysed once: surveys repeat short answers ("Bien",
 * "Good service"), and a million rows of them stay cheap.
 */
function analyseDistinct(comments: (string | null)[]): (AnalysedComment | null)[] {
  const index = new Map<string, number>();
  const texts: string[] = [];
  const at = new Int32Array(comments.length).fill(-1);
  for (let i = 0; i < comments.length; i++) {
    const text = comments[i];
    if (text === null || text.trim() === "") continue;
    let k = index.get(text);
    if (k === undefined) {
      index.set(text, (k = texts.length));
      texts.push(text);
    }
    at[i] = k;
  }
  const analysed = analyseComments(texts, null);
  const out = new Array<AnalysedComment | null>(comments.length);
  for (let i = 0; i < comments.length; i++) out[i] = at[i] < 0 ? null : analysed[at[i]];
  return out;
}

function commentsAggregate(scores: Uint8Array, analysed: (AnalysedComment | null)[]): CommentsAggregate {
  const scoreList = Array.from(scores) as (number | null)[];
  const sentiments = analysed.map((a) => (a ? a.sentiment : null));
  let commented = 0, sentimentSum = 0;
  for (const s of sentiments) {
    if (s === null) continue;
    commented++;
    sentimentSum += s;
  }
  const polar = themesByPolarity(themes(analysed, scoreList, THEME_POOL), THEMES_SHOWN);
  return { commented, groups: sentimentByNpsGroup(scoreList, sentiments), sentimentSum, positiveThemes: polar.positive, negativeThemes: polar.negative };
}

/** Key drivers of the 0-10 score among the ratings, over the responses that rated every attribute. */
export function driversAggregate(scores: Uint8Array, attributes: { labels: string[]; values: Float64Array[] }, method: DriverMethod): DriversAggregate {
  const { labels, values } = attributes;
  const k = labels.length, n = scores.length;
  const averages: (number | null)[] = [];
  const rated: number[] = [];
  for (const column of values) {
    let sum = 0, m = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(column[i])) continue;
      sum += column[i];
      m++;
    }
    averages.push(m > 0 ? sum / m : null);
    rated.push(m);
  }
  let complete = 0;
  const keep = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let all = true;
    for (const column of values) if (Number.isNaN(column[i])) all = false;
    if (!all) continue;
    keep[i] = 1;
    complete++;
  }
  const base = { labels, averages, rated, complete, method };
  if (complete < k + 2) return { ...base, result: null, problem: { kind: "tooFew", needed: k + 2 } };
  const outcome = new Float64Array(complete);
  const drivers = values.map(() => new Float64Array(complete));
  for (let i = 0, r = 0; i < n; i++) {
    if (!keep[i]) continue;
    outcome[r] = scores[i];
    values.forEach((column, j) => (drivers[j][r] = column[i]));
    r++;
  }
  // A rating everyone gave alike explains nothing: named, rather than the engine's English message.
  for (let j = 0; j < k; j++) {
    const x = drivers[j];
    let same = true;
    for (let i = 1; i < complete && same; i++) if (x[i] !== x[0]) same = false;
    if (same) return { ...base, result: null, problem: { kind: "constant", attribute: labels[j] } };
  }
  try {
    return { ...base, result: keyDrivers(outcome, drivers, labels, method), problem: null };
  } catch (e) {
    if (!(e instanceof MetricError)) throw e;
    // The only other refusals: the ratings are collinear, or every score is the same.
    return { ...base, result: null, problem: /outcome/i.test(e.message) ? { kind: "sameScore" } : { kind: "collinear" } };
  }
}

/** Every response (up to the limit), else the latest comments (up to the cap), oldest first. */
function listingOf(c: SurveyColumns, sentiments: (number | null)[] | null, has: SurveyAggregate["has"], o: SurveyAggregateOptions): Listing | null {
  const n = c.scores.length;
  const all = n <= o.listLimit;
  if (!all && !has.comment) return null;
  let rows: number[] = [];
  if (all) for (let i = 0; i < n; i++) rows.push(i);
  else for (let i = 0; i < n; i++) if (sentiments![i] !== null) rows.push(i);
  rows.sort((a, b) => c.dates[a] - c.dates[b] || a - b);
  if (!all && rows.length > o.commentCap) rows = rows.slice(rows.length - o.commentCap);
  const segmentOf = (i: number) => (c.segments && c.segments.codes[i] >= 0 ? c.segments.names[c.segments.codes[i]] : "");
  const orNull = (x: number) => (x > 0 ? x : null);
  return {
    kind: all ? "all" : "latestComments",
    dates: rows.map((i) => c.dates[i]),
    scores: rows.map((i) => c.scores[i]),
    segments: has.segment ? rows.map(segmentOf) : null,
    csat: all && has.csat ? rows.map((i) => orNull(c.csat![i])) : null,
    ces: all && has.ces ? rows.map((i) => orNull(c.ces![i])) : null,
    attributes: all && has.attributes ? c.attributes!.values.map((column) => rows.map((i) => (Number.isNaN(column[i]) ? null : column[i]))) : null,
    sentiments: has.comment ? rows.map((i) => sentiments![i]) : null,
    comments: has.comment ? rows.map((i) => c.comments![i] ?? "") : null,
  };
}

/** The responses of a tally. */
export function responsesOf(t: Tally): number {
  return t.promoters + t.passives + t.detractors;
}

/** The sum of an array (the counts of a tally's CSAT or CES answers). */
export function total(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
