/**
 * Every aggregate of the customer-growth template from one read of the logs:
 * the contract between the data and the template's sheets. Plain JSON (no
 * typed arrays, no NaN), so it can as well come from SQL or a cache.
 */
import { SegmentCell } from "../segment-matrix";
import { CodedIds, codeIds, IdCell } from "../transaction-log";
import { CustomerGrowth, customerGrowthOf, CustomerGrowthOptions, GrowthTotals, growthModel, growthTotals } from "./customer-growth";
import { IncidentLossReport, incidentLoss, IncidentLossOptions } from "./incident-loss";
import { LossReasons, lostByReason } from "./loss-reasons";
import { Referrals, referralsBySegment } from "./referrals";
import { growthBySegment, SegmentGrowth } from "./segment-growth";
import { ValueMovement, valueSegmentMovement } from "./value-movement";

function isCoded(ids: ArrayLike<IdCell> | CodedIds): ids is CodedIds {
  return (ids as CodedIds).codes instanceof Int32Array;
}

export interface GrowthReportInput {
  /** The transaction log, one row per purchase; the optional columns go row by row with it. */
  customerIds: ArrayLike<IdCell> | CodedIds;
  dates: ArrayLike<number>;
  amounts?: ArrayLike<number> | null;
  segments?: ArrayLike<SegmentCell> | null;
  lossReasons?: ArrayLike<SegmentCell> | null;
  referredBy?: ArrayLike<IdCell> | null;
  /** The incident log, one row per incident. */
  incidents?: { customerIds: ArrayLike<IdCell> | CodedIds; dates: ArrayLike<number>; types?: ArrayLike<SegmentCell> | null } | null;
  growth?: CustomerGrowthOptions;
  incidentOptions?: IncidentLossOptions;
  /** Value tiers for the movement (3 if omitted). */
  valueTiers?: number;
}

export interface GrowthReport {
  growth: CustomerGrowth;
  /** The bridge over all periods. */
  totals: GrowthTotals;
  /** With segments. */
  bySegment: SegmentGrowth[] | null;
  /** With loss reasons. */
  lossReasons: LossReasons | null;
  /** With a referred-by column (by segment when there are segments). */
  referrals: Referrals | null;
  /** With amounts and at least two periods of data. */
  valueMovement: ValueMovement | null;
  /** With an incident log (by type when there are types). */
  incidents: IncidentLossReport | null;
}

/**
 * The customer-growth template's aggregates: CUSTOMERGROWTH and its totals,
 * growth by segment, losses by reason, referrals by segment, value-segment
 * movement and loss after incidents by type (see each function for its rule).
 * Customer ids are coded once; the log is grouped by period, and by day for
 * the incidents.
 */
export function growthReport(input: GrowthReportInput): GrowthReport {
  const ids = isCoded(input.customerIds) ? input.customerIds : codeIds(input.customerIds);
  const model = growthModel(ids, input.dates, input.amounts, input.growth);
  const growth = customerGrowthOf(model);
  const incidents = input.incidents;
  return {
    growth,
    totals: growthTotals(growth.rows),
    bySegment: input.segments ? growthBySegment(model, input.segments) : null,
    lossReasons: input.lossReasons ? lostByReason(model, input.lossReasons) : null,
    referrals: input.referredBy ? referralsBySegment(model, input.referredBy, input.segments) : null,
    valueMovement: input.amounts && model.activity.span >= 2 ? valueSegmentMovement(model, { tiers: input.valueTiers }) : null,
    incidents: incidents ? incidentLoss(ids, input.dates, incidents.customerIds, incidents.dates, incidents.types, input.incidentOptions) : null,
  };
}
