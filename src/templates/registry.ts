/**
 * The templates the task pane, the CLI and the demo offer. PLACEHOLDER: the
 * lead fills this list with the templates' descriptors (registry-types.ts).
 */
import { cohortRetentionTemplate } from "./cohort-retention";
import { customerLifetimeValueTemplate } from "./customer-lifetime-value";
import { kpiScorecardDescriptor } from "./kpi-scorecard.descriptor";
import { ltvCacDescriptor } from "./ltv-cac.descriptor";
import { mrrBridgeTemplate } from "./mrr-bridge";
import type { TemplateDescriptor } from "./registry-types";
import { segmentMovementTemplate } from "./segment-movement";
import { surveyDashboardDescriptor } from "./survey-dashboard.descriptor";

export const templates: TemplateDescriptor[] = [
  ltvCacDescriptor,
  surveyDashboardDescriptor,
  kpiScorecardDescriptor,
  segmentMovementTemplate,
  customerLifetimeValueTemplate,
  cohortRetentionTemplate,
  mrrBridgeTemplate,
];
