/**
 * Headers over columns of numbers, aligned right as the numbers are: a
 * header left-aligned over a wide column of right-aligned figures sits
 * nearer the figures of the column to its left, and a reader pairs them
 * wrongly ("Cohort 2" read over cohort 1's counts).
 */
import type { BlockWriter } from "../../workbook/builder";

/** Aligns right the header cells (body row 0) of columns `from` … `from + count − 1` (to the last column when count is absent). */
export function numberHeaders(w: BlockWriter, from: number, count = w.columns - from): BlockWriter {
  return w.format(w.range(0, from, 1, count), { horizontalAlignment: "right" });
}
