/**
 * Seeded sample transactions for the customer lifetime value template: a
 * cohort of customers who make their first purchase in the first 12 weeks of
 * 2023 and are observed for 78 weeks (as in the CDNOW data of Fader, Hardie &
 * Lee 2005), buying by the BG/NBD story and spending by the Gamma-Gamma one,
 * so the template's fits have something well-behaved to recover.
 *
 * While active, a customer buys at a Poisson rate λ ~ gamma(r, α) per week;
 * after each repeat purchase they drop out for good with probability
 * p ~ beta(a, b); each amount is gamma(p_s, ν) with ν ~ gamma(q, γ) per
 * customer. The same seed gives the same rows on any machine. The header
 * is in the build's language, so inserted sample data reads like the
 * user's own.
 */
import { gammaDraw, seededUniform } from "../../metrics/clv/simulate";
import { excelDate } from "../../workbook/dates";
import { customerColumn } from "../descriptor-kit";
import type { Language } from "../registry-types";
import { CLV_STRINGS } from "./strings";

/** Weekly purchase and spend parameters of the sample (mean rate r/α = 0.12 a week, mean spend p_s·γ/(q − 1) = $30). */
export const SAMPLE_CLV_PARAMS = {
  bgnbd: { r: 0.6, alpha: 5, a: 0.8, b: 2.8 },
  gammaGamma: { p: 6, q: 4, gamma: 15 },
} as const;

export interface SampleClvTransactionOptions {
  seed?: number;
  customers?: number;
  /** Weeks observed from the first day (default 78). */
  weeks?: number;
  /** The header's language (default English). */
  language?: Language;
}

/**
 * Sample transactions: a header row ["Customer", "Date", "Amount"] (["Cliente",
 * "Fecha", "Importe"] in Spanish) then one
 * row per purchase (dates as Excel serials, amounts in dollars and cents),
 * in date order.
 *
 * @example sampleClvTransactions({ seed: 1, customers: 5 })[0] // ["Customer", "Date", "Amount"]
 */
export function sampleClvTransactions(options: SampleClvTransactionOptions = {}): (string | number)[][] {
  const u = seededUniform(options.seed ?? 2023);
  const customers = options.customers ?? 1000;
  const weeks = options.weeks ?? 78;
  const start = excelDate(2023, 1, 2);
  const { bgnbd: bg, gammaGamma: gg } = SAMPLE_CLV_PARAMS;
  const rows: [string, number, number][] = [];
  for (let i = 0; i < customers; i++) {
    const id = `C-${String(i + 1).padStart(4, "0")}`;
    const lambda = gammaDraw(bg.r, u) / bg.alpha;
    const g1 = gammaDraw(bg.a, u);
    const dropOut = g1 / (g1 + gammaDraw(bg.b, u));
    const nu = gammaDraw(gg.q, u) / gg.gamma;
    const amount = () => Math.max(0.01, Math.round((gammaDraw(gg.p, u) / nu) * 100) / 100);
    let t = 12 * u(); // first purchase, in weeks from the start
    rows.push([id, start + Math.floor(t * 7), amount()]);
    for (;;) {
      t += -Math.log(u()) / lambda;
      if (!(t < weeks)) break;
      rows.push([id, start + Math.floor(t * 7), amount()]);
      if (u() < dropOut) break;
    }
  }
  rows.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const language = options.language ?? "en";
  const t = CLV_STRINGS[language];
  return [[customerColumn().label[language], t.columnDate, t.columnAmount], ...rows];
}

/** The template's sample in the build's language (the descriptor's sample()). */
export function clvSample(language: Language = "en"): unknown[][] {
  return sampleClvTransactions({ language });
}
