/**
 * Per-row labels of a transaction log (segment, loss reason, referred-by)
 * turned into one label per customer or per loss. Labels compare as segments
 * do (segmentKey: trimmed, case-insensitive; 3 and "3" alike) and are shown
 * as first written.
 */
import { invalidInput } from "../errors";
import { Segment, SegmentCell, segmentKey } from "../segment-matrix";
import { CustomerKey, IdCell } from "../transaction-log";
import { ActivityLog, Spells } from "./activity";

export interface LabelCodes {
  /** The distinct labels: in numeric order when all are numbers, else in order of first appearance. */
  labels: Segment[];
  /** Per customer (or per spell): an index into labels, or −1 for none. */
  code: Int32Array;
}

function isBlank(x: SegmentCell): boolean {
  return x === null || x === undefined || (typeof x === "string" && x.trim() === "");
}

/** Checks that a label column goes with the log's rows (blank-id rows included). */
export function requireLogLength(activity: ActivityLog, column: ArrayLike<unknown>, name: string): void {
  if (column.length !== activity.inputRows) {
    throw invalidInput(`${name} must have one row per transaction: it has ${column.length}, the customer ids have ${activity.inputRows}.`);
  }
}

/** Codes the labels of the kept rows; the codes follow the final label order. */
function codeLabels(activity: ActivityLog, column: ArrayLike<SegmentCell>, name: string): { rowCode: Int32Array; labels: Segment[] } {
  requireLogLength(activity, column, name);
  const n = activity.log.rows;
  const rowCode = new Int32Array(n);
  const index = new Map<string, number>();
  // Labels repeat row after row: the code of each raw value is remembered, so segmentKey runs once per distinct value.
  const seen = new Map<SegmentCell, number>();
  const labels: Segment[] = [];
  let allNumbers = true;
  for (let k = 0; k < n; k++) {
    const x = column[activity.inputRow[k]];
    const known = seen.get(x);
    if (known !== undefined) {
      rowCode[k] = known;
      continue;
    }
    if (isBlank(x)) {
      rowCode[k] = -1;
      seen.set(x, -1);
      continue;
    }
    if (typeof x === "number" && !Number.isFinite(x)) throw invalidInput(`Row ${activity.inputRow[k] + 1} of ${name} is not a valid label (${x}).`);
    const key = segmentKey(x as Segment);
    let code = index.get(key);
    if (code === undefined) {
      code = labels.length;
      index.set(key, code);
      labels.push(typeof x === "string" ? x.trim() : (x as number));
      if (typeof x !== "number") allNumbers = false;
    }
    seen.set(x, code);
    rowCode[k] = code;
  }
  if (allNumbers && labels.length > 1) {
    const sorted = labels.map((label, code) => ({ label: label as number, code })).sort((a, b) => a.label - b.label);
    const remap = new Int32Array(labels.length);
    sorted.forEach((s, i) => (remap[s.code] = i));
    for (let k = 0; k < n; k++) if (rowCode[k] >= 0) rowCode[k] = remap[rowCode[k]];
    return { rowCode, labels: sorted.map((s) => s.label) };
  }
  return { rowCode, labels };
}

/**
 * Each customer's label on their most recent row that has one (by date; on
 * the same date, the later row). A customer whose rows are all blank has none.
 */
export function latestLabels(activity: ActivityLog, column: ArrayLike<SegmentCell>, name: string): LabelCodes {
  const { rowCode, labels } = codeLabels(activity, column, name);
  const customers = activity.log.ids.length;
  const code = new Int32Array(customers).fill(-1);
  const when = new Float64Array(customers).fill(-Infinity);
  const { customer, date } = activity.log;
  for (let k = 0; k < activity.log.rows; k++) {
    if (rowCode[k] < 0) continue;
    const c = customer[k];
    if (date[k] >= when[c]) {
      when[c] = date[k];
      code[c] = rowCode[k];
    }
  }
  return { labels, code };
}

/**
 * The label of each loss (per spell; −1 for spells that do not end in a loss,
 * and for losses with no label): the customer's most recent labelled row up
 * to and including the last purchase period before the loss. A reason given
 * after a comeback does not relabel the earlier loss.
 */
export function lossLabels(activity: ActivityLog, spells: Spells, column: ArrayLike<SegmentCell>, name: string): LabelCodes {
  const { rowCode, labels } = codeLabels(activity, column, name);
  const code = new Int32Array(spells.count).fill(-1);
  const { key, order, start } = activity;
  const { date } = activity.log;
  const customers = activity.log.ids.length;
  for (let c = 0; c < customers; c++) {
    let r = start[c], best = -1, when = -Infinity;
    for (let s = spells.spellStart[c]; s < spells.spellStart[c + 1]; s++) {
      for (; r < start[c + 1] && key[order[r]] <= spells.last[s]; r++) {
        const row = order[r];
        if (rowCode[row] >= 0 && date[row] >= when) {
          when = date[row];
          best = rowCode[row];
        }
      }
      if (spells.loss[s] >= 0) code[s] = best;
    }
  }
  return { labels, code };
}

/**
 * Each customer's referrer: the value on their earliest row that has one (by
 * date; on the same date, the earlier row), as a customer index when the
 * referrer is a customer in the log (−1 otherwise), with a flag for referred
 * customers. Text is trimmed before matching; a customer naming themselves is
 * not referred.
 */
export function referrers(activity: ActivityLog, column: ArrayLike<IdCell>, name: string): { referred: Uint8Array; referrer: Int32Array } {
  requireLogLength(activity, column, name);
  const customers = activity.log.ids.length;
  const referred = new Uint8Array(customers);
  const referrer = new Int32Array(customers).fill(-1);
  const when = new Float64Array(customers).fill(Infinity);
  const customerOf = new Map<CustomerKey, number>();
  activity.log.ids.forEach((id, c) => customerOf.set(id, c));
  const { customer, date } = activity.log;
  for (let k = 0; k < activity.log.rows; k++) {
    const x = column[activity.inputRow[k]];
    if (x === null || x === undefined || x === "") continue;
    if (typeof x === "string" && x.trim() === "") continue;
    if (typeof x === "number" && !Number.isFinite(x)) throw invalidInput(`Row ${activity.inputRow[k] + 1} of ${name} is not a valid id (${x}).`);
    const c = customer[k];
    if (date[k] >= when[c]) continue;
    const who = customerOf.get(x) ?? (typeof x === "string" ? customerOf.get(x.trim()) : undefined) ?? -1;
    if (who === c) continue;
    when[c] = date[k];
    referred[c] = 1;
    referrer[c] = who;
  }
  return { referred, referrer };
}
