/**
 * The survey dashboard's comment aggregates, as plain data for the template
 * sheets: sentiment by promoter / passive / detractor, and the themes that
 * lean positive or negative with their NPS impact. Pure functions of scores,
 * sentiment scores and a theme table (themes.ts).
 */
import { invalidInput } from "../errors";
import type { Theme, ThemeTable } from "./themes";

const POSITIVE = 0.05;
const NEGATIVE = -0.05;

export interface GroupSentiment {
  group: "promoters" | "passives" | "detractors";
  /** Respondents of the group with a scored comment. */
  comments: number;
  /** Mean sentiment (−1 … 1), null without comments. */
  averageSentiment: number | null;
  /** Shares of the group's comments labelled positive, neutral, negative (VADER thresholds ±0.05). */
  positive: number | null;
  neutral: number | null;
  negative: number | null;
}

/**
 * Sentiment of the comments of promoters (9–10), passives (7–8) and
 * detractors (0–6). Rows with no score or no comment (sentiment null) are left out.
 */
export function sentimentByNpsGroup(scores: (number | null)[], sentiments: (number | null)[]): GroupSentiment[] {
  if (scores.length !== sentiments.length) throw invalidInput(`scores and sentiments must have the same length (${scores.length} and ${sentiments.length}).`);
  const groups = (["promoters", "passives", "detractors"] as const).map((group) => ({ group, n: 0, sum: 0, pos: 0, neu: 0, neg: 0 }));
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i], s = sentiments[i];
    if (score === null || s === null) continue;
    if (!(score >= 0 && score <= 10)) throw invalidInput(`Score ${score} at position ${i + 1} is not on the 0-10 scale.`);
    const g = groups[score >= 9 ? 0 : score >= 7 ? 1 : 2];
    g.n++;
    g.sum += s;
    if (s >= POSITIVE) g.pos++;
    else if (s <= NEGATIVE) g.neg++;
    else g.neu++;
  }
  return groups.map((g) => ({
    group: g.group,
    comments: g.n,
    averageSentiment: g.n ? g.sum / g.n : null,
    positive: g.n ? g.pos / g.n : null,
    neutral: g.n ? g.neu / g.n : null,
    negative: g.n ? g.neg / g.n : null,
  }));
}

export interface PolarThemes {
  /** Themes whose comments lean positive, most mentioned first. */
  positive: Theme[];
  /** Themes whose comments lean negative, most mentioned first. */
  negative: Theme[];
}

/**
 * Splits a theme table into the themes whose comments average positive
 * (≥ 0.05) and negative (≤ −0.05) sentiment, the `n` most mentioned of each;
 * each theme keeps its NPS comparison (NPS of those who mention it against
 * everyone else, and the p-value).
 */
export function themesByPolarity(table: ThemeTable, n: number): PolarThemes {
  return {
    positive: table.themes.filter((t) => t.averageSentiment >= POSITIVE).slice(0, n),
    negative: table.themes.filter((t) => t.averageSentiment <= NEGATIVE).slice(0, n),
  };
}
