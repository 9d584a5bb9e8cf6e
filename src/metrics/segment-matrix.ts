/**
 * Segment migration between two snapshots (tiers, RFM segments, plans):
 * the from-to matrix and the share of customers who moved up, moved down,
 * stayed or were lost.
 */
import { divisionByZero, invalidInput } from "./errors";

/** A segment label; null, undefined or blank text means "no segment" (not a customer yet, or no longer). */
export type SegmentCell = string | number | null | undefined;
export type Segment = string | number;

/** Row label for customers with no segment before; column label for customers with none after. */
export const NEW_LABEL = "New";
export const LOST_LABEL = "Lost";

function isBlankSegment(s: SegmentCell): boolean {
  return s === null || s === undefined || (typeof s === "string" && s.trim() === "");
}

/**
 * Segments compare as Excel compares text: trimmed and case-insensitive, so
 * "Gold", "gold " and "GOLD" are one segment (shown as first seen), and the
 * number 3 and the text "3" are one segment too.
 */
export function segmentKey(s: Segment): string {
  return typeof s === "number" ? String(s) : s.trim().toLowerCase();
}

/** The distinct segments of the columns with a rank each: numeric order when all are numbers, else order of first appearance (from, then to). */
export interface SegmentOrder {
  segments: Segment[];
  rank: Map<string, number>;
}

/** Segments in their default order: numeric when every segment is a number, else as first seen (all of `from`, then `to`). */
export function defaultSegmentOrder(from: ArrayLike<SegmentCell>, to: ArrayLike<SegmentCell>): SegmentOrder {
  const seen = new Map<string, Segment>();
  let allNumbers = true;
  for (const column of [from, to]) {
    for (let i = 0; i < column.length; i++) {
      const s = column[i];
      if (isBlankSegment(s)) continue;
      if (typeof s === "number" && !Number.isFinite(s)) throw invalidInput(`A segment is not a valid label (${s}).`);
      const key = segmentKey(s as Segment);
      if (!seen.has(key)) {
        seen.set(key, typeof s === "string" ? s.trim() : (s as number));
        if (typeof s !== "number") allNumbers = false;
      }
    }
  }
  const segments = [...seen.values()];
  if (allNumbers) (segments as number[]).sort((a, b) => a - b);
  return { segments, rank: new Map(segments.map((s, i) => [segmentKey(s), i])) };
}

/**
 * An explicit order of segments, lowest first ("Bronze", "Silver", "Gold").
 * Blank entries are ignored; a segment listed twice is an error.
 */
export function explicitSegmentOrder(order: ArrayLike<SegmentCell>): SegmentOrder {
  const segments: Segment[] = [];
  const rank = new Map<string, number>();
  for (let i = 0; i < order.length; i++) {
    const s = order[i];
    if (isBlankSegment(s)) continue;
    const key = segmentKey(s as Segment);
    if (rank.has(key)) throw invalidInput(`segment_order lists "${String(s)}" twice.`);
    rank.set(key, segments.length);
    segments.push(typeof s === "string" ? s.trim() : (s as number));
  }
  if (segments.length === 0) throw invalidInput("segment_order lists no segments.");
  return { segments, rank };
}

export interface SegmentMatrix {
  /** The segments, in the order of the matrix's rows and columns. */
  segments: Segment[];
  /**
   * (segments + 1) × (segments + 1): matrix[i][j] counts customers (or sums
   * their values) in segment i before and segment j after. The last row is
   * "New" (no segment before), the last column "Lost" (no segment after).
   */
  matrix: number[][];
}

function checkLengths(from: ArrayLike<unknown>, to: ArrayLike<unknown>, extra?: { name: string; values: ArrayLike<unknown> }): void {
  if (from.length !== to.length || (extra && extra.values.length !== from.length)) {
    const sizes = [`from_segments has ${from.length}`, `to_segments has ${to.length}`];
    if (extra) sizes.push(`${extra.name} has ${extra.values.length}`);
    throw invalidInput(`The columns must have the same number of rows: ${sizes.join(", ")}.`);
  }
}

/**
 * Migration matrix of customers between two snapshots: one row per customer
 * with their segment before and after. Rows are the segment before (plus
 * "New" for customers without one), columns the segment after (plus "Lost").
 * Each cell counts customers, or sums `values` (e.g. MRR) when given. A row
 * with neither segment is skipped. Segments are in numeric order when all are
 * numbers, else in order of first appearance.
 *
 * Reference: the transition (migration) matrix of customer-migration models,
 * P. Pfeifer, R. Carraway (2000), "Modeling customer relationships as Markov
 * chains", Journal of Interactive Marketing 14(2).
 *
 * Four customers: Gold→Gold, Silver→Gold, Gold→(none), (none)→Silver give
 * segments ["Gold", "Silver"] and matrix [[1, 0, 1], [1, 0, 0], [0, 1, 0]]
 * (rows Gold, Silver, New; columns Gold, Silver, Lost).
 *
 * @example segmentMatrix(["Gold", "Silver", "Gold", null], ["Gold", "Gold", null, "Silver"]).matrix[0][2] // 1
 */
export function segmentMatrix(from: ArrayLike<SegmentCell>, to: ArrayLike<SegmentCell>, values?: ArrayLike<number> | null): SegmentMatrix {
  checkLengths(from, to, values ? { name: "values", values } : undefined);
  const { segments, rank } = defaultSegmentOrder(from, to);
  const s = segments.length;
  const cells = new Float64Array((s + 1) * (s + 1));
  for (let i = 0; i < from.length; i++) {
    const a = from[i], b = to[i];
    const blankA = isBlankSegment(a), blankB = isBlankSegment(b);
    if (blankA && blankB) continue;
    const row = blankA ? s : rank.get(segmentKey(a as Segment))!;
    const col = blankB ? s : rank.get(segmentKey(b as Segment))!;
    let v = 1;
    if (values) {
      v = values[i];
      if (!Number.isFinite(v)) throw invalidInput(`Row ${i + 1} of values is not a number (got ${v}).`);
    }
    cells[row * (s + 1) + col] += v;
  }
  const matrix: number[][] = [];
  for (let r = 0; r <= s; r++) matrix.push(Array.from(cells.subarray(r * (s + 1), (r + 1) * (s + 1))));
  return { segments, matrix };
}

export interface SegmentSummary {
  /** Shares of the customers who had a segment before (fractions summing to 1). */
  movedUp: number;
  movedDown: number;
  stayed: number;
  lost: number;
  /** Customers with a segment before: the denominator of the shares. */
  customersBefore: number;
  /** Customers with no segment before and one after (not in the shares). */
  newCustomers: number;
  /** The order used, lowest first. */
  segments: Segment[];
}

/**
 * Of the customers who had a segment before: the shares that moved up (to a
 * higher segment in `order`, listed lowest first), moved down, stayed in the
 * same segment, or were lost (no segment after). New customers (no segment
 * before) are counted apart. Without an order, segments rank numerically when
 * all are numbers, else in order of first appearance.
 *
 * Reference: as segmentMatrix; the up/down/stay split is the usual summary of
 * a migration matrix (upper triangle, lower triangle, diagonal).
 *
 * @example segmentSummary(["Bronze", "Silver", "Gold", "Gold"], ["Silver", "Silver", "Bronze", null], ["Bronze", "Silver", "Gold"])
 * // { movedUp: 0.25, movedDown: 0.25, stayed: 0.25, lost: 0.25, customersBefore: 4, newCustomers: 0 }
 */
export function segmentSummary(from: ArrayLike<SegmentCell>, to: ArrayLike<SegmentCell>, order?: ArrayLike<SegmentCell> | null): SegmentSummary {
  checkLengths(from, to);
  const { segments, rank } = order ? explicitSegmentOrder(order) : defaultSegmentOrder(from, to);
  const rankOf = (s: SegmentCell, column: string, i: number): number => {
    const r = rank.get(segmentKey(s as Segment));
    if (r === undefined) {
      throw invalidInput(`Row ${i + 1} of ${column} holds "${String(s)}", which is not in segment_order (${segments.join(", ")}).`);
    }
    return r;
  };
  let up = 0, down = 0, stayed = 0, lost = 0, before = 0, fresh = 0;
  for (let i = 0; i < from.length; i++) {
    const a = from[i], b = to[i];
    const blankA = isBlankSegment(a), blankB = isBlankSegment(b);
    if (blankA) {
      if (!blankB) {
        rankOf(b, "to_segments", i);
        fresh++;
      }
      continue;
    }
    before++;
    const ra = rankOf(a, "from_segments", i);
    if (blankB) {
      lost++;
      continue;
    }
    const rb = rankOf(b, "to_segments", i);
    if (rb > ra) up++;
    else if (rb < ra) down++;
    else stayed++;
  }
  if (before === 0) throw divisionByZero("No customer had a segment before, so the shares are undefined.");
  return {
    movedUp: up / before,
    movedDown: down / before,
    stayed: stayed / before,
    lost: lost / before,
    customersBefore: before,
    newCustomers: fresh,
    segments,
  };
}

/**
 * The summary of a migration matrix already counted (customers, not
 * values), its segments lowest first: the upper triangle moved up, the lower
 * moved down, the diagonal stayed, the last column (Lost) was lost, the last
 * row (New) is the new customers. Gives what segmentSummary gives for the
 * rows the matrix counts, in the matrix's order, without the rows (a matrix
 * from SQL, or one counted from coded columns).
 *
 * @example segmentSummaryOfMatrix({ segments: ["Bronze", "Silver"], matrix: [[1, 1, 0], [0, 1, 1], [0, 1, 0]] }).movedUp // 0.25
 */
export function segmentSummaryOfMatrix(counts: SegmentMatrix): SegmentSummary {
  const n = counts.segments.length;
  const m = counts.matrix;
  let up = 0, down = 0, stayed = 0, lost = 0, fresh = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j > i) up += m[i][j];
      else if (j < i) down += m[i][j];
      else stayed += m[i][j];
    }
    lost += m[i][n];
    fresh += m[n][i];
  }
  const before = up + down + stayed + lost;
  if (before === 0) throw divisionByZero("No customer had a segment before, so the shares are undefined.");
  return { movedUp: up / before, movedDown: down / before, stayed: stayed / before, lost: lost / before, customersBefore: before, newCustomers: fresh, segments: counts.segments };
}
