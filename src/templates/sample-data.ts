/**
 * Seeded, realistic sample survey responses for demos and tests: the same
 * seed always gives the same responses, on any machine.
 *
 * Each respondent has a latent sentiment (segment mean + a slow monthly
 * improvement + noise); the 0-10 recommend score, the 1-5 CSAT and the 1-7
 * CES answers are read off it with their own noise, so the three measures
 * correlate as they do in real programmes. Some respondents skip CSAT or CES,
 * and about one in five leaves a comment (some starting with "=" or "+",
 * which a renderer must keep as text).
 */
import { excelDate } from "../workbook/dates";
import type { SurveyResponse } from "./survey-dashboard";

import { seededRandom } from "../metrics/random";

// Re-exported: sample generators of other templates import it from here.
export { seededRandom };

/** A standard normal draw (Box-Muller) from a uniform generator. */
function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1]: log(u) is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface SampleSegment {
  name: string;
  /** Share of respondents in the segment (weights are normalised). */
  weight: number;
  /** Mean latent sentiment on the 0-10 scale. */
  mean: number;
}

export interface SampleSurveyOptions {
  seed?: number;
  /** First month, as [year, month] (default [2024, 1]). */
  start?: [number, number];
  months?: number;
  /** Average responses per month (each month varies ±20%). */
  perMonth?: number;
  segments?: SampleSegment[];
  /** Sentiment gained per month (the programme improving). */
  trendPerMonth?: number;
  withCsat?: boolean;
  withCes?: boolean;
  /** Share of respondents who leave a comment. */
  commentRate?: number;
}

export const SAMPLE_SEGMENTS: SampleSegment[] = [
  { name: "Enterprise", weight: 0.25, mean: 8.1 },
  { name: "Mid-market", weight: 0.35, mean: 7.5 },
  { name: "SMB", weight: 0.4, mean: 6.9 },
];

const COMMENTS = {
  promoter: ["Great support team, quick answers.", "+1 for the new reporting", "=) love it", "Onboarding was smooth.", "Does exactly what we need."],
  passive: ["Good, but pricing is steep.", "Fine overall; the mobile app lags.", "-", "Solid product, slow releases."],
  detractor: ["Support took days to reply.", "Too many outages this month.", "-- cancelled our renewal", "Billing errors twice in a row.", "Hard to set up."],
};

/**
 * Generates survey responses: dates (Excel serials) spread over the months,
 * 0-10 scores, segments, and optional CSAT (1-5), CES (1-7) and comments.
 *
 * @example sampleSurveyResponses({ seed: 7, months: 2, perMonth: 10 }).length // about 20, the same on every run
 */
export function sampleSurveyResponses(options: SampleSurveyOptions = {}): SurveyResponse[] {
  const random = seededRandom(options.seed ?? 42);
  const [year, month] = options.start ?? [2024, 1];
  const months = options.months ?? 12;
  const perMonth = options.perMonth ?? 150;
  const segments = options.segments ?? SAMPLE_SEGMENTS;
  const trend = options.trendPerMonth ?? 0.04;
  const withCsat = options.withCsat ?? true;
  const withCes = options.withCes ?? true;
  const commentRate = options.commentRate ?? 0.2;
  const totalWeight = segments.reduce((s, x) => s + x.weight, 0);

  const out: SurveyResponse[] = [];
  for (let m = 0; m < months; m++) {
    const first = excelDate(year, month + m, 1);
    const days = excelDate(year, month + m + 1, 1) - first;
    const count = Math.max(1, Math.round(perMonth * (0.8 + 0.4 * random())));
    const dates = Array.from({ length: count }, () => first + Math.floor(random() * days) + Math.floor(random() * 24 * 60) / (24 * 60));
    dates.sort((a, b) => a - b);
    for (const date of dates) {
      let pick = random() * totalWeight;
      const segment = segments.find((s) => (pick -= s.weight) < 0) ?? segments[segments.length - 1];
      const sentiment = segment.mean + trend * m + 1.6 * normal(random);
      const score = clamp(Math.round(sentiment), 0, 10);
      const response: SurveyResponse = { date, score, segment: segment.name };
      if (withCsat && random() < 0.85) response.csat = clamp(Math.round(1 + (sentiment / 10) * 4 + 0.6 * normal(random)), 1, 5);
      if (withCes && random() < 0.7) response.ces = clamp(Math.round(1 + sentiment * 0.6 + 0.8 * normal(random)), 1, 7);
      if (random() < commentRate) {
        const pool = score >= 9 ? COMMENTS.promoter : score >= 7 ? COMMENTS.passive : COMMENTS.detractor;
        response.comment = pool[Math.floor(random() * pool.length)];
      }
      out.push(response);
    }
  }
  return out;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
