/**
 * The LTV:CAC model's samples: the inputs of a SaaS business in the usual
 * range (LTV:CAC ≈ 3.6: src/metrics/ltv.ts's own examples), and for
 * retention from your cohorts the published cohort of Fader & Hardie (2007),
 * "How to Project Customer Retention", Journal of Interactive Marketing
 * 21(1), 76-90: the "regular" plan of Berry & Linoff's data, 1,000 customers
 * followed for 12 years. The paper fits years 0-7 (α = 0.704, β = 1.182) and
 * projects years 8-12, so the sample holds those five out.
 */
import type { Language } from "../registry-types";
import type { LtvCacInputs } from "./aggregate";
import { LTV_STRINGS } from "./strings";

export const SAMPLE_INPUTS: LtvCacInputs = { arpa: 120, grossMargin: 0.8, monthlyChurn: 0.03, cac: 900, discountRate: 0 };

/** Customers of the regular cohort still active after 0, 1, …, 12 years (Fader & Hardie 2007, Figure 1). */
export const SAMPLE_SURVIVORS = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
/** Years 8-12: held out of the fit, as in the paper. */
export const SAMPLE_HELD_OUT = 5;
/** The published estimates on years 0-7 (§5). */
export const SAMPLE_PUBLISHED_FIT = { alpha: 0.704, beta: 1.182 };

/** The sample as the survivors option writes it, in the language's list style. */
export function sampleSurvivorsText(language: Language): string {
  const fitted = SAMPLE_SURVIVORS.slice(0, SAMPLE_SURVIVORS.length - SAMPLE_HELD_OUT);
  const held = SAMPLE_SURVIVORS.slice(SAMPLE_SURVIVORS.length - SAMPLE_HELD_OUT);
  const sep = language === "es" ? "; " : ", ";
  return `${fitted.join(sep)} | ${held.join(sep)}`;
}

/** The inputs table "Insert sample data" writes: each input with the option key that changes it, and the sample cohort. */
export function ltvCacSample(language: Language = "en"): unknown[][] {
  const t = LTV_STRINGS[language];
  const x = SAMPLE_INPUTS;
  return [
    t.sampleHeader,
    [t.inputLabels.arpa, "arpa", x.arpa],
    [t.inputLabels.margin, "margin", x.grossMargin],
    [t.inputLabels.churn, "churn", x.monthlyChurn],
    [t.inputLabels.cac, "cac", x.cac],
    [t.inputLabels.discount, "discount", x.discountRate],
    [t.sampleSurvivors, "survivors", sampleSurvivorsText(language)],
  ];
}
