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
}

export const MOVED: MovedTemplate[] = [
  // 18 monthly cohorts: summary and curve on page 1, the four triangles after; landscape, one page wide.
  { id: "cohort-retention", pages: { cohorts: 4 } },
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
      return { template, moved, language, input, plan: template.build(input) };
    });
  });
}
