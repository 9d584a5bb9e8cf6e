/**
 * Finds a KPI's cells in a written scorecard (.xlsx read back with ExcelJS):
 * the scorecard's rows sit where the measured layout puts them, so tests look
 * the KPI up by its name in the first column.
 */
import type ExcelJS from "exceljs";
import { COLUMN } from "../../src/templates/kpi-scorecard/sheets";

/** The cell of `column` on the row whose first column holds `kpi`. */
export function kpiCell(ws: ExcelJS.Worksheet, kpi: string, column: keyof typeof COLUMN): ExcelJS.Cell {
  for (let row = 1; row <= ws.rowCount; row++) {
    if (ws.getCell(row, 1 + COLUMN.kpi).value === kpi) return ws.getCell(row, 1 + COLUMN[column]);
  }
  throw new Error(`No KPI "${kpi}" in the first column of ${ws.name}.`);
}
