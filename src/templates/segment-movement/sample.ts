/**
 * Seeded sample data for the segment movement template: customers in a
 * value-tier ladder (Bronze < Silver < Gold < Platinum; in Spanish Bronce <
 * Plata < Oro < Platino) at two snapshots, under a header in the build's
 * language, so inserted sample data reads like the user's own. The same seed
 * gives the same customers on any machine.
 *
 * Existing customers move by a Markov chain whose rows are typical of tier
 * programmes (most stay, a few move one tier, higher tiers churn less);
 * about one customer in eight is new (no segment before). Revenue grows with
 * the tier, with log-normal noise.
 */
import { customerColumn } from "../descriptor-kit";
import type { Language } from "../registry-types";
import { seededRandom } from "../sample-data";
import { SEGMENT_STRINGS } from "./strings";

/** The sample's tiers, lowest first, in each language (the user's words, as a Spanish tier report would name them). */
export const SAMPLE_TIERS: Record<Language, readonly string[]> = {
  en: ["Bronze", "Silver", "Gold", "Platinum"],
  es: ["Bronce", "Plata", "Oro", "Platino"],
};

/** Per tier before: probabilities of Bronze, Silver, Gold, Platinum, Lost after (each row sums to 1). */
const TRANSITIONS: readonly (readonly number[])[] = [
  [0.62, 0.14, 0.02, 0.0, 0.22],
  [0.12, 0.6, 0.12, 0.01, 0.15],
  [0.02, 0.12, 0.68, 0.08, 0.1],
  [0.0, 0.02, 0.12, 0.8, 0.06],
];
const START_SHARES = [0.45, 0.3, 0.18, 0.07];
const NEW_SHARES = [0.7, 0.2, 0.08, 0.02];
const REVENUE_BY_TIER = [500, 1500, 5000, 15000];

export interface SampleSnapshotOptions {
  seed?: number;
  customers?: number;
  /** Share of customers who are new (no segment before). */
  newShare?: number;
  language?: Language;
}

/** Picks an index from probabilities that sum to 1. */
function pick(random: () => number, probabilities: readonly number[]): number {
  let u = random();
  for (let i = 0; i < probabilities.length; i++) {
    u -= probabilities[i];
    if (u < 0) return i;
  }
  return probabilities.length - 1;
}

/**
 * Sample snapshot rows: a header row (Customer, Segment before, Segment
 * after, Revenue — Cliente, Segmento anterior, Segmento actual, Ingresos)
 * then one row per customer, by tier before (lowest first, new customers
 * last). A blank ("") segment before marks a new customer, a blank segment
 * after a lost one.
 *
 * @example sampleSnapshots({ seed: 1, customers: 3 }).length // 4 (a header and 3 customers)
 */
export function sampleSnapshots(options: SampleSnapshotOptions = {}): (string | number)[][] {
  const language = options.language ?? "en";
  const tiers = SAMPLE_TIERS[language];
  const random = seededRandom(options.seed ?? 2024);
  const customers = options.customers ?? 1200;
  const newShare = options.newShare ?? 0.12;
  const rows: { id: string; before: number; after: number; revenue: number }[] = [];
  for (let i = 0; i < customers; i++) {
    const isNew = random() < newShare;
    const before = isNew ? -1 : pick(random, START_SHARES);
    const after = isNew ? pick(random, NEW_SHARES) : pick(random, TRANSITIONS[before]);
    const lost = after === tiers.length;
    const tier = lost ? before : after;
    // Log-normal noise (σ ≈ 0.4) around the tier's typical revenue, by Box-Muller.
    const noise = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const revenue = Math.round(REVENUE_BY_TIER[tier] * Math.exp(0.4 * noise - 0.08) * 100) / 100;
    rows.push({ id: `C-${String(i + 1).padStart(5, "0")}`, before: isNew ? tiers.length : before, after: lost ? -1 : after, revenue });
  }
  // Listed by tier before, lowest first (new customers last), as a tier report would be: the template's default
  // order, "as first seen", is then the ladder itself.
  rows.sort((a, b) => a.before - b.before || (a.id < b.id ? -1 : 1));
  const t = SEGMENT_STRINGS[language];
  const header = [customerColumn().label[language], t.columnBefore, t.columnAfter, t.sampleValueHeader];
  const tierName = (k: number) => (k >= 0 && k < tiers.length ? tiers[k] : "");
  return [header, ...rows.map((r) => [r.id, tierName(r.before), tierName(r.after), r.revenue])];
}

/** The template's sample in the build's language. */
export function segmentMovementSample(language: Language = "en"): unknown[][] {
  return sampleSnapshots({ language });
}
