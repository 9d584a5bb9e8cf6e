/**
 * The formula cells of a plan with the values the template cached for them,
 * and the comparison of a recalculated value with a cached one, for the
 * cached-value tests (HyperFormula and LibreOffice).
 */
import { cellName } from "../../src/workbook/a1";
import { blockRect, cachedAt, CachedValue, isFormula, WorkbookPlan } from "../../src/workbook/plan";
import type { EvaluatedValue } from "./evaluate-plan";
import type { CachedValue as SavedValue } from "./xlsx-cached";

export interface FormulaCell {
  sheet: string;
  cell: string;
  formula: string;
  cached: CachedValue | undefined;
}

/** Every formula cell of a plan with its cached value. */
export function formulaCells(plan: WorkbookPlan): FormulaCell[] {
  const out: FormulaCell[] = [];
  for (const s of plan.sheets) {
    for (const block of s.blocks) {
      const rect = blockRect(block);
      block.rows.forEach((row, i) =>
        row.forEach((v, j) => {
          if (isFormula(v, !!block.text)) out.push({ sheet: s.key, cell: cellName(rect.row + i, rect.column + j), formula: v, cached: cachedAt(block, i, j) });
        }),
      );
    }
  }
  return out;
}

/** True when a recalculated value equals the cached one (numbers to 1e-9 relative: engines sum in different orders). */
export function sameValue(shown: EvaluatedValue | SavedValue | undefined, cached: CachedValue): boolean {
  if (typeof cached === "number") return typeof shown === "number" && Math.abs(shown - cached) <= 1e-9 * Math.max(1, Math.abs(cached));
  if (typeof cached === "object") return typeof shown === "object" && shown !== null && shown.error === cached.error;
  if (cached === "") return shown === "" || shown === null;
  return shown === cached;
}

