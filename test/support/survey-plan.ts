/**
 * Survey dashboard plans for the renderer tests, built through the template
 * the way the pane and the CLI build them: seeded sample responses, or a few
 * responses given by hand (an object per row, for readable tests).
 */
import { autoGroups, autoMap } from "../../src/templates/column-mapping";
import type { BuildInput, Language } from "../../src/templates/registry-types";
import { surveyDashboardTemplate as T } from "../../src/templates/survey-dashboard/descriptor";
import { sampleHeader, sampleRows, sampleSurveyResponses, SampleSurveyOptions } from "../../src/templates/survey-dashboard/sample";
import type { WorkbookPlan } from "../../src/workbook/plan";

const BUILT = new Date("2025-01-15T09:30:00Z");

/** A response written out by hand; absent fields are not in the source. */
export interface HandResponse {
  date: number;
  score: number;
  segment?: string;
  csat?: number;
  ces?: number;
  comment?: string;
}

function inputOf(header: unknown[], rows: unknown[][], language: Language): BuildInput {
  const mapping = autoMap(T.columns, header);
  return { rows, mapping, groups: autoGroups(T.columns, header, mapping), options: {}, sourceLabel: "responses", builtAt: BUILT, language, surface: "taskpane" };
}

/** The dashboard of seeded sample responses. */
export function sampleSurveyPlan(options: SampleSurveyOptions = {}, language: Language = "en"): WorkbookPlan {
  return T.build(inputOf(sampleHeader(language), sampleRows(sampleSurveyResponses({ ...options, language })), language));
}

/** The dashboard of responses given by hand: only the columns some response has. */
export function surveyPlanOf(responses: HandResponse[], language: Language = "en"): WorkbookPlan {
  const keys = (["date", "score", "segment", "csat", "ces", "comment"] as const).filter((k) => responses.some((r) => r[k] !== undefined));
  const header = keys.map((k) => ({ date: "Date", score: "Score", segment: "Segment", csat: "CSAT", ces: "CES", comment: "Comment" })[k]);
  return T.build(inputOf(header, responses.map((r) => keys.map((k) => r[k] ?? "")), language));
}
