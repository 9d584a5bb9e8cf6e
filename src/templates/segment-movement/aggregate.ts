/**
 * What the segment movement sheet is built from: the migration matrix of
 * customers, the same matrix of their value (when the source has one), and
 * the moved up / stayed / moved down / lost summary — the metrics core's
 * types (SegmentMatrix, SegmentSummary in src/metrics/segment-matrix.ts),
 * in the order of the sheet. A plain, JSON-able object: the contract
 * between the data and the sheets, exactly what src/sql/parse-segments.ts
 * returns for a warehouse's result, so the same sheet can be built from it.
 */
import { invalidInput } from "../../metrics/errors";
import { Segment, segmentKey, SegmentMatrix, SegmentSummary, segmentSummaryOfMatrix } from "../../metrics/segment-matrix";

export interface SegmentMovementAggregate {
  /** Customers from each segment (rows) to each (columns); the last row is New, the last column Lost. */
  counts: SegmentMatrix;
  /** The same cells summing the customers' values; null without a value column. */
  values: SegmentMatrix | null;
  /** Of the customers with a segment before: the shares that moved up, stayed, moved down, were lost. */
  summary: SegmentSummary;
}

/** The rows as columns (one entry per customer), segments coded: what descriptor.ts reads the source into. */
export interface SegmentColumns {
  /** The distinct segments as first spelt (trimmed text, or numbers), by code; compared as segmentKey compares them. */
  labels: Segment[];
  /** Per customer, the code of the segment before and after; -1 for none (new before, lost after). */
  before: Int32Array;
  after: Int32Array;
  /** Per customer, the value; NaN where it could not be read (the customer counts, its value does not). Null without a value column. */
  values: Float64Array | null;
}

/** "auto": numeric when every segment is a number, else as first seen (the before column, then the after); "alphabetical"; or the segments lowest first. */
export type SegmentOrderChoice = "auto" | "alphabetical" | readonly Segment[];

/** The segments in the chosen order; where each code goes. */
function orderOf(columns: SegmentColumns, choice: SegmentOrderChoice): { segments: Segment[]; position: Int32Array } {
  const { labels } = columns;
  const position = new Int32Array(labels.length);
  if (Array.isArray(choice)) {
    const rank = new Map(choice.map((s, i) => [segmentKey(s), i]));
    labels.forEach((label, code) => {
      const r = rank.get(segmentKey(label));
      if (r === undefined) throw invalidInput(`The segment "${String(label)}" is not in the segment order (${choice.join(", ")}).`);
      position[code] = r;
    });
    return { segments: [...choice], position };
  }
  let codes: number[];
  const allNumbers = labels.every((s) => typeof s === "number");
  if (choice === "alphabetical" || allNumbers) {
    codes = labels.map((_, code) => code);
    codes.sort((a, b) =>
      allNumbers ? (labels[a] as number) - (labels[b] as number) : String(labels[a]).localeCompare(String(labels[b]), "en", { sensitivity: "base", numeric: true }),
    );
  } else {
    // As segment-matrix.ts's defaultSegmentOrder: first seen down the before column, then down the after column.
    const seen = new Uint8Array(labels.length);
    codes = [];
    for (const column of [columns.before, columns.after]) {
      for (let i = 0; i < column.length && codes.length < labels.length; i++) {
        const c = column[i];
        if (c >= 0 && !seen[c]) {
          seen[c] = 1;
          codes.push(c);
        }
      }
    }
  }
  codes.forEach((code, r) => (position[code] = r));
  return { segments: codes.map((c) => labels[c]), position };
}

/**
 * The matrices and the summary, in one pass over the customers.
 *
 * @example segmentMovementAggregate({ labels: ["Gold", "Silver"], before: Int32Array.of(0, 1, 0, -1), after: Int32Array.of(0, 0, -1, 1), values: null }, "auto").counts.matrix
 * // [[1, 0, 1], [1, 0, 0], [0, 1, 0]] (rows Gold, Silver, New; columns Gold, Silver, Lost), as segmentMatrix's example
 */
export function segmentMovementAggregate(columns: SegmentColumns, order: SegmentOrderChoice): SegmentMovementAggregate {
  const { segments, position } = orderOf(columns, order);
  const n = segments.length;
  const width = n + 1;
  const counts = new Float64Array(width * width);
  const values = columns.values ? new Float64Array(width * width) : null;
  const { before, after } = columns;
  for (let k = 0; k < before.length; k++) {
    const b = before[k], a = after[k];
    if (b < 0 && a < 0) continue; // neither segment: not a customer of either snapshot
    const cell = (b < 0 ? n : position[b]) * width + (a < 0 ? n : position[a]);
    counts[cell]++;
    if (values) {
      const v = columns.values![k];
      if (Number.isFinite(v)) values[cell] += v;
    }
  }
  const matrix = (cells: Float64Array) => Array.from({ length: width }, (_, r) => Array.from(cells.subarray(r * width, (r + 1) * width)));
  const countMatrix: SegmentMatrix = { segments, matrix: matrix(counts) };
  return {
    counts: countMatrix,
    values: values ? { segments, matrix: matrix(values) } : null,
    summary: segmentSummaryOfMatrix(countMatrix),
  };
}

/** One segment's row of the movement table: where its customers (or their value) went, with the default ranks (the order). */
export interface SegmentMoves {
  total: number;
  movedUp: number;
  stayed: number;
  movedDown: number;
  lost: number;
}

/** Row i of a migration matrix split by the order: higher segments moved up, lower moved down, the diagonal stayed, the last column lost. */
export function movesOf(m: SegmentMatrix, i: number): SegmentMoves {
  const n = m.segments.length;
  const row = m.matrix[i];
  const out: SegmentMoves = { total: 0, movedUp: 0, stayed: 0, movedDown: 0, lost: row[n] };
  for (let j = 0; j < n; j++) {
    if (j > i) out.movedUp += row[j];
    else if (j < i) out.movedDown += row[j];
    else out.stayed += row[j];
  }
  out.total = out.movedUp + out.stayed + out.movedDown + out.lost;
  return out;
}
