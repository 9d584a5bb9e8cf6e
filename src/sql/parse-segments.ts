/**
 * The segment query's result (segments.ts) as the SegmentMatrix (counts, and
 * values when the query summed them) and the SegmentSummary that
 * src/metrics/segment-matrix.ts gives for the same rows: the contract the
 * segment movement template consumes.
 */
import { explicitSegmentOrder, Segment, SegmentMatrix, segmentKey, SegmentOrder, SegmentSummary, segmentSummaryOfMatrix } from "../metrics/segment-matrix";
import { resultError, ResultReader, ResultTable } from "./result-table";

/**
 * "auto": numeric when every segment is a number, else alphabetical — a table
 * has no row order, so the engine's "as first seen" cannot be had from SQL;
 * "alphabetical" (as the template sorts); or the segments, lowest first.
 */
export type SegmentOrderSpec = "auto" | "alphabetical" | readonly Segment[];

export interface SegmentAggregates {
  /** Customers from each segment (rows) to each (columns); the last row is New, the last column Lost. */
  counts: SegmentMatrix;
  /** The same cells summing the value column, or null when the query had none. */
  values: SegmentMatrix | null;
  summary: SegmentSummary;
}

function sortedOrder(segments: Segment[], alphabetical: boolean): SegmentOrder {
  const allNumbers = segments.every((s) => typeof s === "number");
  const sorted = [...segments].sort((a, b) =>
    allNumbers && !alphabetical ? (a as number) - (b as number) : String(a).localeCompare(String(b), "en", { sensitivity: "base", numeric: true }),
  );
  return { segments: sorted, rank: new Map(sorted.map((s, i) => [segmentKey(s), i])) };
}

export function parseSegmentResult(table: ResultTable, order: SegmentOrderSpec = "auto"): SegmentAggregates {
  const r = new ResultReader(table);
  r.require("segment_before", "segment_after", "customers");
  const withValues = r.has("value");
  // Segments as the result spells them; one key per segment (trimmed, case ignored).
  const seen = new Map<string, Segment>();
  const cells: { before: string | null; after: string | null; customers: number; value: number }[] = [];
  for (let i = 0; i < r.rows; i++) {
    const before = r.label(i, "segment_before");
    const after = r.label(i, "segment_after");
    if (before === null && after === null) {
      throw resultError(`Row ${i + 1} of ${table.source} has neither segment before nor after.`, `La fila ${i + 1} de ${table.source} no tiene segmento anterior ni actual.`);
    }
    for (const s of [before, after]) if (s !== null && !seen.has(segmentKey(s))) seen.set(segmentKey(s), s);
    cells.push({
      before: before === null ? null : segmentKey(before),
      after: after === null ? null : segmentKey(after),
      customers: r.count(i, "customers"),
      value: withValues && !r.isBlank(i, "value") ? r.number(i, "value") : 0,
    });
  }
  if (cells.length === 0) throw resultError(`${table.source} has no rows: no customer had a segment.`, `${table.source} no tiene filas: ningún cliente tenía segmento.`);

  const chosen = Array.isArray(order) ? explicitSegmentOrder(order as Segment[]) : sortedOrder([...seen.values()], order === "alphabetical");
  for (const [key, s] of seen) {
    if (!chosen.rank.has(key)) {
      const listed = chosen.segments.join(", ");
      throw resultError(`${table.source} holds segment "${s}", which is not in the segment order (${listed}).`, `${table.source} contiene el segmento «${s}», que no está en el orden de segmentos (${listed}).`);
    }
  }
  const n = chosen.segments.length;
  const at = (key: string | null) => (key === null ? n : chosen.rank.get(key)!);
  const counts = Array.from({ length: n + 1 }, () => new Array<number>(n + 1).fill(0));
  const values = Array.from({ length: n + 1 }, () => new Array<number>(n + 1).fill(0));
  for (const c of cells) {
    counts[at(c.before)][at(c.after)] += c.customers;
    values[at(c.before)][at(c.after)] += c.value;
  }

  const segments = chosen.segments;
  const countMatrix: SegmentMatrix = { segments, matrix: counts };
  // The summary as the core gives it for a matrix already counted (throws when no customer had a segment before).
  return { counts: countMatrix, values: withValues ? { segments, matrix: values } : null, summary: segmentSummaryOfMatrix(countMatrix) };
}
