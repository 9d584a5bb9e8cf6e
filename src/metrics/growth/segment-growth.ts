/**
 * Net customer growth by segment: the CUSTOMERGROWTH bridge for each segment
 * of customers, for the customer-growth template.
 */
import { Segment, SegmentCell } from "../segment-matrix";
import { GrowthModel, GrowthRow, growthRowsByGroup, GrowthTotals, growthTotals } from "./customer-growth";
import { latestLabels } from "./customer-labels";

export interface SegmentGrowth {
  /** The segment as first written; null for customers with no segment on any row. */
  segment: Segment | null;
  /** Customers in the segment (ever). */
  customers: number;
  /** The bridge per period, the same periods as CUSTOMERGROWTH's. */
  rows: GrowthRow[];
  /** The bridge over all periods: new, reactivated and lost summed, customers at the end of the last. */
  totals: GrowthTotals;
}

/**
 * The growth bridge per segment. A customer belongs to one segment: the one
 * on their most recent row that has one (by date), so every segment's bridge
 * balances (end = start + new + reactivated − lost) and, column by column,
 * the segments add up to CUSTOMERGROWTH. Segments are in numeric order when
 * all are numbers, else in order of first appearance; customers without a
 * segment come last (segment null), when there are any.
 *
 * a (Gold) and b (Silver) buy in January 2024, a (still Gold) again in March,
 * with a customer lost after one month: Gold gains a in January, loses a in
 * February and regains a in March (net +1); Silver gains b and loses b.
 */
export function growthBySegment(model: GrowthModel, segments: ArrayLike<SegmentCell>): SegmentGrowth[] {
  const { labels, code } = latestLabels(model.activity, segments, "segments");
  const group = new Int32Array(code.length);
  let unlabelled = 0;
  for (let c = 0; c < code.length; c++) {
    group[c] = code[c] >= 0 ? code[c] : labels.length;
    if (code[c] < 0) unlabelled++;
  }
  const groups = labels.length + (unlabelled > 0 ? 1 : 0);
  const customers = new Float64Array(groups);
  for (let c = 0; c < code.length; c++) customers[group[c]]++;
  const byGroup = growthRowsByGroup(model, group, groups);
  return byGroup.map((rows, g) => ({
    segment: g < labels.length ? labels[g] : null,
    customers: customers[g],
    rows,
    totals: growthTotals(rows),
  }));
}
