/**
 * Chart data that leaves a gap where a figure is undefined. A table shows
 * an undefined ratio as text ("n/a"), which a line chart would draw at 0;
 * the chart reads a copy of the column where such a cell is #N/A instead,
 * which Excel 2016 and later leave out of the line (the .xlsx writer asks for
 * #N/A as an empty cell; Office.js leaves blanks unplotted).
 */
import { Cell, fx } from "../../workbook/layout";
import type { CachedValue } from "../../workbook/plan";

/** =IF(ISNUMBER(cell),cell,NA()), with its value: the number, or #N/A. */
export function gapUnlessNumber(cell: string, value: CachedValue): Cell {
  return fx(`=IF(ISNUMBER(${cell}),${cell},NA())`, typeof value === "number" ? value : { error: "#N/A" });
}
