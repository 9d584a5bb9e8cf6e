/**
 * Asks Excel which cells of a range are truly empty.
 *
 * Excel desktop passes an empty cell inside a range argument as 0 (office-js
 * issues #1951, #4702, #5262). Where 0 is a valid answer, the score functions
 * call this, through the shared runtime, to tell the two apart. One
 * getSpecialCells request returns the empty areas, so the reply stays small
 * however many cells are blank.
 */
import { parseRangeAddress } from "../workbook/a1";

/** A rectangle of cells, with row/column offsets relative to the argument's range. */
export interface CellBox {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** True when this runtime can call Excel (the add-in's shared runtime); false in tests and the CLI. */
export function excelApiAvailable(): boolean {
  return typeof Excel !== "undefined" && typeof Excel.run === "function";
}

/**
 * The empty areas inside `box` of the range at `address`, relative to that
 * range; null when no Excel API is available here (nothing to confirm with).
 */
export async function readBlankAreas(address: string, box: CellBox): Promise<CellBox[] | null> {
  if (!excelApiAvailable()) return null;
  const parsed = parseRangeAddress(address);
  if (!parsed) throw new Error(`"${address}" is not a range address.`);
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    const sheet = parsed.sheet ? sheets.getItem(parsed.sheet) : sheets.getActiveWorksheet();
    const target = sheet
      .getRange(parsed.range)
      .getCell(box.row, box.column)
      .getResizedRange(box.rows - 1, box.columns - 1);
    const blanks = target.getSpecialCellsOrNullObject(Excel.SpecialCellType.blanks);
    await context.sync();
    if (blanks.isNullObject) return [];
    blanks.areas.load("items/rowIndex,items/columnIndex,items/rowCount,items/columnCount");
    await context.sync();
    return blanks.areas.items.map((a) => ({
      row: a.rowIndex - (parsed.row - 1),
      column: a.columnIndex - (parsed.column - 1),
      rows: a.rowCount,
      columns: a.columnCount,
    }));
  });
}
