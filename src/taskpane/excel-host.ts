/**
 * The production ExcelHost: the functions of src/excel, which own every
 * Excel.run call, gathered into the one object the pane receives.
 */
import { applyPlan, PlanApplyError } from "../excel/apply-plan";
import { listTables, readSelection, readTable } from "../excel/source";
import { activateSheet, insertFormulaInActiveCell, insertSampleSheet } from "../excel/workbook-actions";
import type { ExcelHost } from "./host";

export const excelHost: ExcelHost = {
  readSelection,
  listTables,
  readTable,
  insertSample: insertSampleSheet,
  insertFormula: insertFormulaInActiveCell,
  activateSheet,
  applyPlan: async (plan, { onProgress, isCancelled }) => {
    // apply-plan polls an AbortSignal-like object between batches.
    const signal = {
      get aborted() {
        return isCancelled();
      },
    };
    try {
      const result = await applyPlan(plan, { onProgress, signal });
      return { status: "done", sheets: result.sheets.map((s) => s.name) };
    } catch (error) {
      // A cancelled build whose sheets were removed is an outcome, not a failure;
      // one that could not clean up is reported with the renderer's explanation.
      if (error instanceof PlanApplyError && error.cancelled && error.rolledBack) return { status: "cancelled" };
      throw error;
    }
  },
};
