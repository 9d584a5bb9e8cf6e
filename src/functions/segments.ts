/**
 * Segment migration between two snapshots: the from-to matrix and the
 * moved up / down / stayed / lost summary. Segment columns may hold numbers
 * (tiers, RFM scores), so an empty cell that Excel desktop passes as 0 is
 * confirmed through Excel before it counts as segment 0.
 */
import { segmentMatrix, segmentSummary } from "../metrics/segment-matrix";
import { excelResultAsync } from "./support/excel-errors";
import { cellColumn, readAmounts, readSegmentOrder, readSegments, requireSameLength, requireSegmentsInOrder } from "./tables/columns";
import { segmentMatrixRows, segmentSummaryRows } from "./tables/engine-tables";
import { refuseLargeSpill, refuseLargeSpillShape } from "./tables/spill-limit";

function addressOf(invocation: CustomFunctions.Invocation | undefined, index: number): string | null {
  return invocation?.parameterAddresses?.[index] ?? null;
}

/**
 * Migration matrix of customers between two snapshots: rows = segment before (plus "New"), columns = segment after (plus "Lost"); counts, or sums of values.
 * @customfunction SEGMENTMATRIX
 * @param from_segments Each customer's segment in the first snapshot; empty for customers who were not there yet.
 * @param to_segments The same customers' segment in the second snapshot; empty for customers lost. Same number of rows.
 * @param [values] A value per customer to sum instead of counting customers (e.g. MRR). Empty cells count as 0.
 * @param invocation Invocation (Excel fills it in).
 * @returns The matrix with segment labels in the first row and column; segments in numeric order when all are numbers, else as first seen.
 * @requiresParameterAddresses
 */
export async function segmentmatrix(from_segments: any[][], to_segments: any[][], values?: any[][], invocation?: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const fromCol = cellColumn(from_segments, "from_segments", addressOf(invocation, 0));
    const toCol = cellColumn(to_segments, "to_segments", addressOf(invocation, 1));
    const valueCol = values === null || values === undefined ? null : cellColumn(values, "values", addressOf(invocation, 2));
    requireSameLength([fromCol, toCol, valueCol]);
    const from = await readSegments(fromCol);
    const to = await readSegments(toCol);
    // The matrix is (segments + 2)², labels included: refuse a too large one before building it.
    const segments = new Set<string | number>();
    for (const list of [from, to]) for (const x of list) if (x !== null) segments.add(x);
    refuseLargeSpillShape(segments.size + 2, segments.size + 2, "segment matrix", `for ${segments.size.toLocaleString("en-US")} segments`);
    const sums = valueCol ? readAmounts(valueCol) : null;
    return refuseLargeSpill(segmentMatrixRows(segmentMatrix(from, to, sums)), "segment matrix");
  });
}

/**
 * Of the customers with a segment before: the shares that moved up, moved down, stayed, or were lost between two snapshots.
 * @customfunction SEGMENTSUMMARY
 * @param from_segments Each customer's segment in the first snapshot; empty for customers who were not there yet.
 * @param to_segments The same customers' segment in the second snapshot; empty for customers lost. Same number of rows.
 * @param [segment_order] The segments from lowest to highest: a range, or text such as "Bronze, Silver, Gold". Default: numeric order when all are numbers, else as first seen.
 * @param invocation Invocation (Excel fills it in).
 * @returns A 2-column table: moved up, moved down, stayed, lost (shares), then the customers before and the new customers (counts).
 * @requiresParameterAddresses
 */
export async function segmentsummary(
  from_segments: any[][],
  to_segments: any[][],
  segment_order?: any[][],
  invocation?: CustomFunctions.Invocation,
): Promise<any[][]> {
  return excelResultAsync(async () => {
    const fromCol = cellColumn(from_segments, "from_segments", addressOf(invocation, 0));
    const toCol = cellColumn(to_segments, "to_segments", addressOf(invocation, 1));
    requireSameLength([fromCol, toCol]);
    const order = readSegmentOrder(segment_order);
    const from = await readSegments(fromCol);
    const to = await readSegments(toCol);
    if (order) {
      requireSegmentsInOrder(fromCol, from, order);
      requireSegmentsInOrder(toCol, to, order);
    }
    return segmentSummaryRows(segmentSummary(from, to, order));
  });
}
