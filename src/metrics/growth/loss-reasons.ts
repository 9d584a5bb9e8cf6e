/**
 * Lost customers by the reason they gave, for the customer-growth template.
 */
import { Segment, SegmentCell } from "../segment-matrix";
import { GrowthModel } from "./customer-growth";
import { lossLabels } from "./customer-labels";

export interface LossReason {
  /** The reason as first written; null for losses with no reason. */
  reason: Segment | null;
  /** Losses with this reason (a customer lost twice counts twice, as in CUSTOMERGROWTH's lost column). */
  lost: number;
  /** Their value (as CUSTOMERGROWTH's value of lost customers); null without amounts. */
  lostValue: number | null;
  /** lost ÷ all losses. */
  share: number;
}

export interface LossReasons {
  /** All losses: the sum of CUSTOMERGROWTH's lost column. */
  lost: number;
  lostValue: number | null;
  /** Most losses first (ties in order of first appearance); no reason last. */
  reasons: LossReason[];
}

/**
 * Every loss of CUSTOMERGROWTH with its reason: the customer's most recent
 * reason on their rows up to and including their last purchase before the
 * loss (a column such as a CRM's "cancellation reason", repeated on the
 * customer's rows or given on the last one). Reasons compare trimmed and
 * case-insensitive. With no loss at all, reasons is empty and the shares are
 * not computed.
 */
export function lostByReason(model: GrowthModel, reasons: ArrayLike<SegmentCell>): LossReasons {
  const { spells } = model;
  const { labels, code } = lossLabels(model.activity, spells, reasons, "reasons");
  const count = new Float64Array(labels.length + 1), value = new Float64Array(labels.length + 1);
  const values = spells.lostValue !== null;
  let lost = 0, lostValue = 0;
  for (let s = 0; s < spells.count; s++) {
    if (spells.loss[s] < 0) continue;
    const r = code[s] >= 0 ? code[s] : labels.length;
    count[r]++;
    lost++;
    if (values) {
      value[r] += spells.lostValue![s];
      lostValue += spells.lostValue![s];
    }
  }
  const out: LossReason[] = [];
  for (let r = 0; r <= labels.length; r++) {
    if (count[r] === 0) continue;
    out.push({ reason: r < labels.length ? labels[r] : null, lost: count[r], lostValue: values ? value[r] : null, share: count[r] / lost });
  }
  out.sort((a, b) => (a.reason === null ? 1 : 0) - (b.reason === null ? 1 : 0) || b.lost - a.lost);
  return { lost, lostValue: values ? lostValue : null, reasons: out };
}
