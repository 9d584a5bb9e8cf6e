/**
 * Reads the source data a template builds from: the user's selection or an
 * Excel table, header row included, with the address it came from.
 *
 * Large sources are read in slices of rows so that no single response comes
 * near Excel on the web's 5 MB payload limit; a small selection takes three
 * syncs (its size, its shape, its values), whatever its size up to 50k cells.
 * Only this module and its siblings in src/excel call Excel.run; the task
 * pane receives these functions (see src/taskpane/host.ts).
 */

/** A rectangle of cells read from the workbook: its address and its values, row by row. */
export interface SourceData {
  /** Sheet-qualified address, e.g. "Sheet1!A1:D201". */
  address: string;
  /** Header row first; Excel's values (numbers, text, booleans; "" for an empty cell). */
  values: unknown[][];
}

export interface TableInfo {
  name: string;
  /** Sheet-qualified address of the whole table, header row included. */
  address: string;
}

/** Why a source could not be read, for the pane to explain in the user's language. */
export type SourceProblem = "emptySelection" | "tableNotFound";

export class SourceError extends Error {
  constructor(readonly problem: SourceProblem, message: string) {
    super(message);
    this.name = "SourceError";
  }
}

/** Cells per read: ~50k values stays far below 5 MB even for long text. */
export const CELLS_PER_READ = 50_000;

const SHAPE = "address,rowCount,columnCount";

/**
 * Reads `range` (any size) in slices of whole rows, at most CELLS_PER_READ
 * cells per sync. The caller has loaded SHAPE and synced.
 */
async function readValues(context: Excel.RequestContext, range: Excel.Range): Promise<SourceData> {
  const rows = range.rowCount;
  const columns = range.columnCount;
  const rowsPerRead = Math.max(1, Math.floor(CELLS_PER_READ / columns));
  const values: unknown[][] = [];
  for (let first = 0; first < rows; first += rowsPerRead) {
    const count = Math.min(rowsPerRead, rows - first);
    const slice = range.getCell(first, 0).getResizedRange(count - 1, columns - 1);
    slice.load("values");
    await context.sync();
    for (const row of slice.values) values.push(row);
  }
  return { address: range.address, values };
}

/**
 * The selected cells, trimmed to the part that holds values; a single
 * selected cell stands for the block of data around it (Excel's "current
 * region", what Ctrl+A selects), so the user can click anywhere in a list.
 */
export async function readSelection(): Promise<SourceData> {
  return Excel.run(async (context) => {
    const selected = context.workbook.getSelectedRange();
    selected.load("cellCount");
    await context.sync();
    const area = selected.cellCount === 1 ? selected.getSurroundingRegion() : selected;
    const used = area.getUsedRangeOrNullObject(true);
    used.load(SHAPE);
    await context.sync();
    if (used.isNullObject) throw new SourceError("emptySelection", "The selection holds no values.");
    return readValues(context, used);
  });
}

/** The workbook's Excel tables, with their addresses. */
export async function listTables(): Promise<TableInfo[]> {
  return Excel.run(async (context) => {
    const tables = context.workbook.tables;
    tables.load("items/name");
    await context.sync();
    const ranges = tables.items.map((t) => {
      const r = t.getRange();
      r.load("address");
      return r;
    });
    await context.sync();
    return tables.items.map((t, i) => ({ name: t.name, address: ranges[i].address }));
  });
}

/** An Excel table's header row and data rows. */
export async function readTable(name: string): Promise<SourceData> {
  return Excel.run(async (context) => {
    const table = context.workbook.tables.getItemOrNullObject(name);
    await context.sync();
    if (table.isNullObject) throw new SourceError("tableNotFound", `There is no table named ${name}.`);
    const range = table.getRange();
    range.load(SHAPE);
    await context.sync();
    return readValues(context, range);
  });
}
