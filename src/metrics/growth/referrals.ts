/**
 * Referrals by segment, from a referred-by column of the transaction log, for
 * the customer-growth template.
 */
import { Segment, SegmentCell } from "../segment-matrix";
import { IdCell } from "../transaction-log";
import { GrowthModel } from "./customer-growth";
import { latestLabels, referrers } from "./customer-labels";

export interface SegmentReferrals {
  /** The segment as first written; null for customers with no segment (or everyone, without a segment column). */
  segment: Segment | null;
  /** Customers in the segment (each customer of the log was acquired within it: their first purchase is in the data). */
  customers: number;
  /** Referrals received: customers of the segment who came referred by someone. */
  referred: number;
  /** referred ÷ customers, as REFERRALRATE (customers acquired through referrals ÷ all acquired); null for an empty segment. */
  referralRate: number | null;
  /** Referrals made: referred customers (of any segment) whose referrer is a customer of this segment. */
  referralsMade: number;
}

export interface Referrals {
  customers: number;
  referred: number;
  referralRate: number;
  /** Referred customers whose referrer is not a customer in the log (a partner, an employee, a lead). */
  referredByNonCustomers: number;
  bySegment: SegmentReferrals[];
}

/**
 * Referrals received and made, by segment. A customer's referrer is the value
 * on their earliest row that has one (by date); a customer naming themselves
 * is not referred. A referral is made by a segment when the referrer is a
 * customer of the log (matched as ids are: text trimmed; 7 and "7" differ),
 * in that segment. A customer's segment is the one on their most recent row,
 * as in growthBySegment. Without segments, one row for everyone.
 *
 * Reference: the referral rate of REFERRALRATE (customers acquired through
 * referrals ÷ all customers acquired); J. Bliss (2006), ch. 3, referrals as
 * evidence of customers' advocacy.
 */
export function referralsBySegment(model: GrowthModel, referredBy: ArrayLike<IdCell>, segments?: ArrayLike<SegmentCell> | null): Referrals {
  const { activity } = model;
  const customers = activity.log.ids.length;
  const { referred, referrer } = referrers(activity, referredBy, "referred_by");
  const labelled = segments ? latestLabels(activity, segments, "segments") : { labels: [] as Segment[], code: new Int32Array(customers).fill(-1) };
  const { labels, code } = labelled;
  const none = labels.length;
  const size = new Float64Array(none + 1), received = new Float64Array(none + 1), made = new Float64Array(none + 1);
  let referredTotal = 0, outside = 0;
  for (let c = 0; c < customers; c++) {
    const g = code[c] >= 0 ? code[c] : none;
    size[g]++;
    if (!referred[c]) continue;
    received[g]++;
    referredTotal++;
    const who = referrer[c];
    if (who < 0) outside++;
    else made[code[who] >= 0 ? code[who] : none]++;
  }
  const bySegment: SegmentReferrals[] = [];
  for (let g = 0; g <= none; g++) {
    if (g === none && size[g] === 0 && made[g] === 0) continue;
    bySegment.push({
      segment: g < none ? labels[g] : null,
      customers: size[g],
      referred: received[g],
      referralRate: size[g] > 0 ? received[g] / size[g] : null,
      referralsMade: made[g],
    });
  }
  return { customers, referred: referredTotal, referralRate: referredTotal / customers, referredByNonCustomers: outside, bySegment };
}
