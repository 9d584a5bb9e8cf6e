/**
 * Evaluates a WorkbookPlan's formulas with HyperFormula, a real spreadsheet
 * engine, so template tests can compare the numbers a workbook will show with
 * the metrics core. Sheet names, defined names and {{key}} tokens are resolved
 * exactly as the renderers resolve them (src/workbook/resolve.ts).
 */
import { DetailedCellError, HyperFormula, RawCellContent } from "hyperformula";
import { cellName, parseCell } from "../../src/workbook/a1";
import { blockRect, isFormula, WorkbookPlan } from "../../src/workbook/plan";
import { ExistingNames, resolvePlans, ResolvedWorkbook } from "../../src/workbook/resolve";

/** A cell's evaluated value: null for an empty cell, { error } for an Excel error. */
export type EvaluatedValue = number | string | boolean | null | { error: string; message: string };

export interface EvaluatedWorkbook {
  /** The value of `cell` ("B5") on the sheet with this key (or final sheet name). */
  value(sheet: string, cell: string): EvaluatedValue;
  /** Like value(), but fails unless the cell holds a number. */
  number(sheet: string, cell: string): number;
  /** Puts a new value in a cell (an input), recalculating the workbook. */
  set(sheet: string, cell: string, value: number | string | boolean): void;
  /** The final sheet name of a key. */
  sheetName(key: string): string;
  resolved: ResolvedWorkbook;
  engine: HyperFormula;
}

export function evaluatePlan(plans: WorkbookPlan | WorkbookPlan[], existing?: ExistingNames): EvaluatedWorkbook {
  const list = Array.isArray(plans) ? plans : [plans];
  const resolved = resolvePlans(list, existing);
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const s of resolved.sheets) {
    const grid: RawCellContent[][] = [];
    for (const block of s.plan.blocks) {
      const rect = blockRect(block);
      block.rows.forEach((row, i) => {
        const target = (grid[rect.row - 1 + i] ??= []);
        row.forEach((v, j) => {
          target[rect.column - 1 + j] = rawContent(v, !!block.text, s.resolveFormula);
        });
      });
    }
    // HyperFormula wants dense rows; holes become empty cells.
    sheets[s.name] = Array.from(grid, (row) => Array.from(row ?? [], (v) => (v === undefined ? null : v)));
  }
  // HyperFormula rounds results to 10 digits by default; Excel keeps 15 significant digits.
  const engine = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", precisionRounding: 14 });
  for (const n of resolved.names) {
    const scope = n.scope === "sheet" ? engine.getSheetId(n.sheetName) : undefined;
    engine.addNamedExpression(n.name, `=${n.reference}`, scope);
  }

  const sheetName = (key: string): string => {
    const s = resolved.sheets.find((x) => x.plan.key === key) ?? resolved.sheets.find((x) => x.name === key);
    if (!s) throw new Error(`No sheet with key or name "${key}".`);
    return s.name;
  };
  const address = (sheet: string, cell: string) => {
    const id = engine.getSheetId(sheetName(sheet));
    if (id === undefined) throw new Error(`HyperFormula has no sheet ${sheet}.`);
    const { row, column } = parseCell(cell);
    return { sheet: id, row: row - 1, col: column - 1 };
  };
  const value = (sheet: string, cell: string): EvaluatedValue => {
    const v = engine.getCellValue(address(sheet, cell));
    if (v instanceof DetailedCellError) return { error: v.value, message: v.message };
    return v as EvaluatedValue;
  };
  return {
    value,
    number(sheet, cell) {
      const v = value(sheet, cell);
      if (typeof v !== "number") throw new Error(`${sheet}!${cell} is ${JSON.stringify(v)}, not a number.`);
      return v;
    },
    set(sheet, cell, v) {
      engine.setCellContents(address(sheet, cell), [[v]]);
    },
    sheetName,
    resolved,
    engine,
  };
}

/** What HyperFormula is given for a plan cell: formulas resolved, text kept as text (an apostrophe forces it). */
function rawContent(v: string | number | boolean, text: boolean, resolveFormula: (f: string) => string): RawCellContent {
  if (typeof v !== "string") return v;
  if (v === "") return null;
  if (isFormula(v, text)) return resolveFormula(v);
  return `'${v}`;
}

/** The plan's formula cells whose evaluated value is an Excel error, as "B7: #DIV/0!". */
export function errorCells(wb: EvaluatedWorkbook, plan: WorkbookPlan): string[] {
  const out: string[] = [];
  for (const sheet of plan.sheets) {
    for (const block of sheet.blocks) {
      const rect = blockRect(block);
      block.rows.forEach((row, i) =>
        row.forEach((v, j) => {
          if (!isFormula(v, !!block.text)) return;
          const cell = cellName(rect.row + i, rect.column + j);
          const value = wb.value(sheet.key, cell);
          if (value !== null && typeof value === "object") out.push(`${cell}: ${value.error}`);
        }),
      );
    }
  }
  return out;
}
