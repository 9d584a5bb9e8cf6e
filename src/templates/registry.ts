/**
 * The templates the task pane, the CLI and the demo offer, in the order they
 * are listed: from raw data first (cohorts, segments, customer growth, MRR), then the models
 * built from inputs, then the survey and KPI views, then predictive CLV.
 */
import { cohortRetentionTemplate } from "./cohort-retention/descriptor";
import { customerGrowthTemplate } from "./customer-growth/descriptor";
import { customerLifetimeValueTemplate } from "./customer-lifetime-value/descriptor";
import { kpiScorecardTemplate } from "./kpi-scorecard/descriptor";
import { ltvCacTemplate } from "./ltv-cac/descriptor";
import { mrrBridgeTemplate } from "./mrr-bridge/descriptor";
import { withExcelLimits } from "./excel-limits";
import type { TemplateDescriptor } from "./registry-types";
import { segmentMovementTemplate } from "./segment-movement/descriptor";
import { surveyDashboardTemplate } from "./survey-dashboard/descriptor";

/** Each checked against Excel's cell limits before its own validation (excel-limits.ts). */
export const templates: TemplateDescriptor[] = [
  cohortRetentionTemplate,
  segmentMovementTemplate,
  customerGrowthTemplate,
  mrrBridgeTemplate,
  ltvCacTemplate,
  surveyDashboardTemplate,
  kpiScorecardTemplate,
  customerLifetimeValueTemplate,
].map(withExcelLimits);
