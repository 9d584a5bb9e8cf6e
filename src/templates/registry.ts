/**
 * The templates the task pane, the CLI and the demo offer, in the order they
 * are listed: from raw data first (cohorts, segments, MRR), then the models
 * built from inputs, then the survey and KPI views, then predictive CLV.
 */
import { cohortRetentionTemplate } from "./cohort-retention/descriptor";
import { customerLifetimeValueTemplate } from "./customer-lifetime-value/descriptor";
import { kpiScorecardDescriptor } from "./kpi-scorecard.descriptor";
import { ltvCacDescriptor } from "./ltv-cac.descriptor";
import { mrrBridgeTemplate } from "./mrr-bridge";
import { withExcelLimits } from "./excel-limits";
import type { TemplateDescriptor } from "./registry-types";
import { segmentMovementTemplate } from "./segment-movement";
import { surveyDashboardDescriptor } from "./survey-dashboard.descriptor";

/** Each checked against Excel's cell limits before its own validation (excel-limits.ts). */
export const templates: TemplateDescriptor[] = [
  cohortRetentionTemplate,
  segmentMovementTemplate,
  mrrBridgeTemplate,
  ltvCacDescriptor,
  surveyDashboardDescriptor,
  kpiScorecardDescriptor,
  customerLifetimeValueTemplate,
].map(withExcelLimits);
