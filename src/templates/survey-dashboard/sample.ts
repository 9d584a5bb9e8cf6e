/**
 * Seeded, realistic sample survey responses for the demo, the task pane's
 * "Insert sample data" and tests: the same seed always gives the same
 * responses, on any machine, in English or Spanish (segments, attribute
 * names and comments in the build's language).
 *
 * Each respondent rates three attributes (service, price, speed) from 1 to
 * 5; their recommend score is a segment's mean, a slow monthly improvement
 * and those ratings, weighted (service most, price least), plus noise, so
 * the key drivers come out in that order. CSAT (1-5) and CES (1-7) are read
 * off the same sentiment with their own noise. About one in four leaves a
 * comment about their best-rated attribute when they recommend, their worst
 * when they do not (some starting with "=", "+" or "--", which a renderer
 * must keep as text).
 */
import { seededRandom } from "../../metrics/random";
import { excelDate } from "../../workbook/dates";
import type { Language } from "../registry-types";
import { SURVEY_STRINGS } from "./strings";

export interface SampleSegment {
  name: Record<Language, string>;
  /** Share of respondents in the segment (weights are normalised). */
  weight: number;
  /** Mean latent sentiment on the 0-10 scale. */
  mean: number;
}

export const SAMPLE_SEGMENTS: SampleSegment[] = [
  { name: { en: "Enterprise", es: "Grandes cuentas" }, weight: 0.25, mean: 8.5 },
  { name: { en: "Mid-market", es: "Mediana empresa" }, weight: 0.35, mean: 7.9 },
  { name: { en: "SMB", es: "Pyme" }, weight: 0.4, mean: 7.3 },
];

type Attribute = "service" | "price" | "speed";

/** The rated attributes, their names and how much each moves the recommend score. */
export const SAMPLE_ATTRIBUTES: { key: Attribute; name: Record<Language, string>; weight: number }[] = [
  { key: "service", name: { en: "Service", es: "Atención" }, weight: 0.9 },
  { key: "price", name: { en: "Price", es: "Precio" }, weight: 0.3 },
  { key: "speed", name: { en: "Speed", es: "Rapidez" }, weight: 0.6 },
];

/** The prefix of the attribute rating headers ("Rating: Price"), recognised by the column mapping. */
const RATING_PREFIX: Record<Language, string> = { en: "Rating", es: "Valoración" };

type Pool = Record<Attribute | "general", string[]>;

const COMMENTS: Record<Language, { positive: Pool; negative: Pool; passive: string[] }> = {
  en: {
    positive: {
      service: ["Great support team, quick answers.", "Customer service was excellent and very friendly."],
      price: ["Good price for what you get.", "Fair price, I would recommend it."],
      speed: ["Fast delivery, no problems.", "Super fast, arrived the next day 👍"],
      general: ["Love the app, really easy to use.", "+1 for the new reporting, great work", "=) all good"],
    },
    negative: {
      service: ["Support took days to reply, very frustrating.", "Nobody helped with my problem, terrible customer service."],
      price: ["Too expensive for what it offers.", "The price went up again, not worth it."],
      speed: ["The waiting time is far too long.", "Delivery took almost two weeks, very slow."],
      general: ["-- cancelled our renewal, a mess", "Billed twice and nobody fixes it."],
    },
    passive: ["Fine overall; the mobile app lags.", "Good product, but too expensive.", "OK, nothing special.", "Solid product, slow releases."],
  },
  es: {
    positive: {
      service: ["Muy buena atención, resolvieron todo enseguida.", "La atención al cliente fue excelente y muy amable."],
      price: ["Buen precio para lo que ofrece.", "El precio es justo, lo recomiendo."],
      speed: ["Entrega rápida y sin problemas.", "Súper rápido, llegó al día siguiente 👍"],
      general: ["Me encanta la aplicación, muy fácil de usar.", "+1 por los nuevos informes, geniales", "=) todo perfecto"],
    },
    negative: {
      service: ["La atención al cliente tardó días en responder.", "Nadie me ayudó con mi problema, atención pésima."],
      price: ["Muy caro para lo que ofrece.", "El precio subió otra vez, no vale la pena."],
      speed: ["El tiempo de espera es excesivo y frustrante.", "La entrega tardó casi dos semanas, muy lenta."],
      general: ["-- cancelamos la renovación, un desastre", "Me cobraron dos veces y nadie lo resuelve."],
    },
    passive: ["Bien en general; la aplicación móvil va lenta.", "Buen producto, pero demasiado caro.", "Normal, sin más.", "Cumple, aunque las novedades tardan mucho."],
  },
};

export interface SampleSurveyOptions {
  seed?: number;
  language?: Language;
  /** First month, as [year, month] (default [2024, 1]). */
  start?: [number, number];
  months?: number;
  /** Average responses per month (each month varies ±20%). */
  perMonth?: number;
  /** Sentiment gained per month (the programme improving). */
  trendPerMonth?: number;
  withCsat?: boolean;
  withCes?: boolean;
  withRatings?: boolean;
  /** Share of respondents who leave a comment. */
  commentRate?: number;
}

/** One sample response; dates are Excel serials. */
export interface SampleResponse {
  date: number;
  score: number;
  segment: string;
  csat?: number;
  ces?: number;
  /** Service, price, speed (1-5); null when not rated. */
  ratings?: (number | null)[];
  comment?: string;
}

/** A standard normal draw (Box-Muller) from a uniform generator. */
function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1]: log(u) is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * Generates survey responses over the months.
 *
 * @example sampleSurveyResponses({ seed: 7, months: 2, perMonth: 10 }).length // about 20, the same on every run
 */
export function sampleSurveyResponses(options: SampleSurveyOptions = {}): SampleResponse[] {
  const random = seededRandom(options.seed ?? 42);
  const language = options.language ?? "en";
  const [year, month] = options.start ?? [2024, 1];
  const months = options.months ?? 12;
  const perMonth = options.perMonth ?? 150;
  const trend = options.trendPerMonth ?? 0.04;
  const commentRate = options.commentRate ?? 0.25;
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const totalWeight = SAMPLE_SEGMENTS.reduce((s, x) => s + x.weight, 0);
  const comments = COMMENTS[language];

  const out: SampleResponse[] = [];
  for (let m = 0; m < months; m++) {
    const first = excelDate(year, month + m, 1);
    const days = excelDate(year, month + m + 1, 1) - first;
    const count = Math.max(1, Math.round(perMonth * (0.8 + 0.4 * random())));
    const dates = Array.from({ length: count }, () => first + Math.floor(random() * days) + Math.floor(random() * 24 * 60) / (24 * 60));
    dates.sort((a, b) => a - b);
    for (const date of dates) {
      let draw = random() * totalWeight;
      const segment = SAMPLE_SEGMENTS.find((s) => (draw -= s.weight) < 0) ?? SAMPLE_SEGMENTS[SAMPLE_SEGMENTS.length - 1];
      const z = SAMPLE_ATTRIBUTES.map(() => normal(random));
      const sentiment = segment.mean + trend * m + SAMPLE_ATTRIBUTES.reduce((s, a, j) => s + 0.8 * a.weight * z[j], 0) + 1.1 * normal(random);
      const score = clamp(Math.round(sentiment), 0, 10);
      const response: SampleResponse = { date, score, segment: segment.name[language] };
      if (options.withCsat ?? true) {
        if (random() < 0.85) response.csat = clamp(Math.round(1 + (sentiment / 10) * 4 + 0.6 * normal(random)), 1, 5);
      }
      if (options.withCes ?? true) {
        if (random() < 0.7) response.ces = clamp(Math.round(1 + sentiment * 0.6 + 0.8 * normal(random)), 1, 7);
      }
      if (options.withRatings ?? true) response.ratings = z.map((x) => (random() < 0.9 ? clamp(Math.round(3.4 + 1.1 * x + 0.3 * normal(random)), 1, 5) : null));
      if (random() < commentRate) {
        // About the attribute they rate best (promoters) or worst (detractors).
        let best = 0, worst = 0;
        z.forEach((x, j) => {
          if (x > z[best]) best = j;
          if (x < z[worst]) worst = j;
        });
        const general = random() < 0.25;
        if (score >= 9) response.comment = pick(comments.positive[general ? "general" : SAMPLE_ATTRIBUTES[best].key]);
        else if (score <= 6) response.comment = pick(comments.negative[general ? "general" : SAMPLE_ATTRIBUTES[worst].key]);
        else response.comment = pick(comments.passive);
      }
      out.push(response);
    }
  }
  return out;
}

/** The header of the sample (and of its spreadsheet form), in a language. */
export function sampleHeader(language: Language, withRatings = true): string[] {
  const t = SURVEY_STRINGS[language];
  const ratings = withRatings ? SAMPLE_ATTRIBUTES.map((a) => `${RATING_PREFIX[language]}: ${a.name[language]}`) : [];
  return [t.listDate, t.listScore, t.columnSegment, t.columnCsat, t.columnCes, ...ratings, t.columnComment];
}

/** Responses as rows under sampleHeader(): dates as serials, "" where there is no answer. */
export function sampleRows(responses: SampleResponse[], withRatings = true): unknown[][] {
  return responses.map((r) => [
    r.date,
    r.score,
    r.segment,
    r.csat ?? "",
    r.ces ?? "",
    ...(withRatings ? SAMPLE_ATTRIBUTES.map((_, j) => r.ratings?.[j] ?? "") : []),
    r.comment ?? "",
  ]);
}

/** The template's sample: a year of seeded responses from three segments, under a header in the build's language. */
export function surveySample(language: Language = "en"): unknown[][] {
  return [sampleHeader(language), ...sampleRows(sampleSurveyResponses({ language }))];
}
