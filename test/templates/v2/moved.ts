/**
 * The templates moved to the v2 shape (issue 11: src/templates/<id>/ with
 * descriptor, aggregate, sheets, strings and sample). Every test in this
 * folder runs over this list, in English and in Spanish.
 *
 * THIS IS NOT A SKIP LIST. The templates not listed here fail these checks
 * today (English words in their Spanish sheets, no cached values, no
 * measured layout). Whoever moves a template adds it here in the same
 * commit, with the most pages each of its sheets may print from the sample
 * (the LibreOffice test counts them), and the checks must pass.
 */
import { sampleInput } from "../../../src/cli/templates";
import { templates } from "../../../src/templates/registry";
import type { BuildInput, Language, TemplateDescriptor } from "../../../src/templates/registry-types";
import type { WorkbookPlan } from "../../../src/workbook/plan";

export interface MovedTemplate {
  id: string;
  /** Most pages LibreOffice may print for each sheet (by sheet key) of the sample's build, in either language. */
  pages: Record<string, number>;
  /** Options over the defaults, for a second build of a template that shows more with them. */
  options?: Record<string, string | number>;
}

export const MOVED: MovedTemplate[] = [
  // 18 monthly cohorts: summary and curve on page 1, the four triangles after; landscape, one page wide.
  { id: "cohort-retention", pages: { cohorts: 4 } },
  // 18 months: summary, the bridge and its waterfall on page 1; the monthly table (its header repeated) and the
  // retention and MRR charts beside their data on page 2; landscape, one page wide.
  { id: "mrr-bridge", pages: { mrr: 2 } },
  // 4 tiers with values: summary and its chart, the movement table and its chart on page 1; order and matrices on page 2.
  { id: "segment-movement", pages: { movement: 2 } },
  // 12 months, 3 segments, comments and three attribute ratings: the NPS tables and charts, the score distribution,
  // the comments' sentiment and themes, the key drivers and the CSAT/CES answers, with page breaks between blocks
  // (5 pages in Spanish, 6 in English: narrower columns, a larger scale); the responses sheet prints its heading only.
  { id: "survey-dashboard", pages: { dashboard: 7, responses: 1 } },
  // Eight KPIs with wrapped notes on page 1, the 17 named inputs after them; landscape, one page wide.
  { id: "kpi-scorecard", pages: { scorecard: 2 } },
  // Summary, bridges and their waterfalls, 36 months by period; then segments, reasons, incidents, referrals, value movement.
  { id: "customer-growth", pages: { growth: 2, drivers: 3 } },
  // The constant-churn model: inputs and outputs, then the sensitivity grid and the payback curve, each with its chart on a page of its own.
  { id: "ltv-cac", pages: { ltv: 3 } },
  // With retention from the sample cohort (Fader & Hardie 2007): the sBG blocks and their two charts too (6 pages in English, 4 in Spanish,
  // whose narrower columns let more rows fit a page); the lifetime series is off the print area.
  { id: "ltv-cac", pages: { ltv: 6 }, options: { retention: "cohorts", discount: 0.008 } },
  // 1,000 customers, monthly: the charts, settings and forecast on page 1, the tables and fits after (3 pages);
  // the 100 customers with the highest CLV printed, header repeated (4 portrait pages); the holdout check (3).
  { id: "customer-lifetime-value", pages: { clv: 4, customers: 5, holdout: 4 } },
];

export const LANGUAGES: Language[] = ["en", "es"];

export const BUILT = new Date("2025-01-15T09:30:00Z");

export interface SampleBuild {
  template: TemplateDescriptor;
  moved: MovedTemplate;
  language: Language;
  input: BuildInput;
  plan: WorkbookPlan;
}

/** Each moved template, registered, built from its sample in each language (as `cxm demo` builds it). */
export function sampleBuilds(languages: Language[] = LANGUAGES): SampleBuild[] {
  return MOVED.flatMap((moved) => {
    const template = templates.find((t) => t.id === moved.id);
    if (!template) throw new Error(`Template ${moved.id} is in the moved list but not registered (src/templates/registry.ts).`);
    return languages.map((language) => {
      const input = sampleInput(template, language, BUILT);
      if (moved.options) input.options = { ...input.options, ...moved.options };
      return { template, moved, language, input, plan: template.build(input) };
    });
  });
}
