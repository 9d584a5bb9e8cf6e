/**
 * Everything the task pane asks of Excel, as one interface the components
 * receive (the Office-Addin-TaskPane-React pattern: one module owns
 * Excel.run, components get functions). Production passes the functions of
 * src/excel (see excel-host.ts); tests pass fakes.
 */
import type { SourceData, TableInfo } from "../excel/source";
import type { InsertFormulaOutcome } from "../excel/workbook-actions";
import type { WorkbookPlan } from "../workbook/plan";

export type { InsertFormulaOutcome, SourceData, TableInfo };

export interface BuildCallbacks {
  /** Share of the writing done, 0..1. */
  onProgress(fraction: number): void;
  /** Polled by the renderer between batches; true once the user pressed Cancel. */
  isCancelled(): boolean;
}

export type BuildOutcome =
  /** The sheets created, in the plan's order (the first is the one to show). */
  | { status: "done"; sheets: string[] }
  /** Stopped on request; whatever was created has been removed. */
  | { status: "cancelled" };

export interface ExcelHost {
  readSelection(): Promise<SourceData>;
  listTables(): Promise<TableInfo[]>;
  readTable(name: string): Promise<SourceData>;
  /** Writes sample rows (header first) into a new sheet; returns what it wrote as a source. */
  insertSample(sheetName: string, rows: unknown[][]): Promise<SourceData>;
  /**
   * Puts a formula in the active cell when it is empty; a cell holding
   * something is reported ("occupied") and left alone, unless `replace`
   * names the content the user agreed to replace.
   */
  insertFormula(formula: string, options?: { replace?: { expected: string } }): Promise<InsertFormulaOutcome>;
  /** Applies a plan into new sheets. */
  applyPlan(plan: WorkbookPlan, callbacks: BuildCallbacks): Promise<BuildOutcome>;
  activateSheet(name: string): Promise<void>;
}
