/**
 * WorkbookPlan: a plain-data description of the sheets a template writes.
 *
 * Templates build plans; two renderers apply them — src/excel/apply-plan.ts
 * (Office.js, inside Excel) and src/xlsx/write-plan.ts (ExcelJS, for the CLI
 * and tests) — and test/support/evaluate-plan.ts evaluates their formulas with
 * HyperFormula. A plan knows nothing about which renderer runs it.
 *
 * Cells come in rectangular blocks (2-D arrays), never one object per cell,
 * so a renderer can write a block with a single range call and a template can
 * hold 200k values cheaply. Formatting, too, is given per range.
 *
 * Conventions
 * - Addresses are A1 strings local to the sheet ("B5", "A4:F20").
 * - An empty cell is "" (never null or undefined).
 * - A string starting with "=" is a formula in English A1 syntax with comma
 *   separators (Excel's invariant form), unless the block is `text: true`.
 * - A formula that refers to another sheet of the same plan writes the sheet
 *   as a token, `{{key}}` (see sheetRef), because the renderer may have to
 *   rename a sheet whose name is taken: `=SUM({{responses}}!B2:B9)`.
 * - Defined names are workbook-scoped when the name is free; a renderer that
 *   finds it taken scopes it to its sheet instead. So a formula may use a
 *   defined name only on the sheet the name lives on (validatePlan checks).
 * - Colours are "#RRGGBB".
 * - A formula cell may carry the value it evaluates to (CellBlock.cached),
 *   computed by the template: the .xlsx writer stores it as the cell's cached
 *   result, so previews and readers that do not recalculate show the figures.
 */
import { CellRect, parseRect, rangeName, rectContains, rectsOverlap, MAX_COLUMNS, MAX_ROWS } from "./a1";
import { invalidDefinedName, invalidTableName } from "./names";

/** Excel's limits (Microsoft, "Excel specifications and limits"): characters in a cell, and in a formula. */
export const EXCEL_MAX_CELL_TEXT = 32767;
export const EXCEL_MAX_FORMULA_LENGTH = 8192;

/** What a cell holds: a number, a boolean, text, a formula ("=..."), or "" for empty. */
export type CellValue = string | number | boolean;

/** An Excel error value as a formula's result, e.g. { error: "#N/A" }. */
export interface ErrorValue {
  error: "#N/A" | "#DIV/0!" | "#VALUE!" | "#NUM!" | "#REF!" | "#NAME?" | "#NULL!";
}

/** What a formula evaluates to: a number, text ("" included), a boolean or an error. */
export type CachedValue = number | string | boolean | ErrorValue;

/** A rectangle of cells written in one go. */
export interface CellBlock {
  /** Top-left cell, e.g. "B5". */
  at: string;
  /** Rows of equal length. */
  rows: CellValue[][];
  /**
   * Every string is literal text, even one that starts with "=", "+" or "-"
   * (user data such as comments and segment names). Without it, a string
   * starting with "=" is a formula.
   */
  text?: boolean;
  /**
   * The value of each formula cell, computed by the template: same shape as
   * `rows`, null where the cell is not a formula. Absent on blocks without
   * formulas (and on plans from templates not yet moved to the v2 shape).
   */
  cached?: (CachedValue | null)[][];
  /** The cells are the user's own data (names, comments): their words are not the template's language. */
  userData?: boolean;
}

/** Formatting applied to every cell of a range. */
export interface CellFormat {
  range: string;
  /** An Excel number format code in its invariant (en-US) form, e.g. "0.0%", "$#,##0", "yyyy-mm-dd". */
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  /** Font size in points. */
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  horizontalAlignment?: "left" | "center" | "right";
  /** Where text sits in a tall row (Excel's default is the bottom). */
  verticalAlignment?: "top" | "center" | "bottom";
  wrapText?: boolean;
  /** Colour of a thin line under every cell of the range. */
  bottomBorder?: string;
}

/** Height of one row, in points (Excel's unit; the default row of Calibri 11 is 15). */
export interface RowHeight {
  /** 1-based row number. */
  row: number;
  height: number;
}

/** How a sheet prints. */
export interface PrintSetup {
  orientation: "portrait" | "landscape";
  /** Pages across (1: the sheet is scaled to one page wide); as many pages down as it needs. */
  fitToPagesWide: number;
  /** Rows repeated at the top of every printed page, e.g. { first: 5, last: 5 } for a table's header row. */
  titleRows?: { first: number; last: number };
  /** What prints, e.g. "A1:K40" (everything when absent): a large data table can be left out. */
  area?: string;
  /** The page header in Excel's header codes: "&L&A&R&P" puts the sheet name left and the page number right. */
  header?: string;
  /** Rows that start a new printed page (manual page breaks), e.g. so that no chart is cut in two. */
  rowBreaks?: number[];
}

/** Width of one column, in characters of the default font (Excel's own unit). */
export interface ColumnWidth {
  /** 1-based column number. */
  column: number;
  width: number;
}

/** An Excel Table over cells the plan writes; the first row of `range` holds its headers. */
export interface TablePlan {
  /** Requested name (letters, digits, "_" and "."); the renderer adds a suffix when it is taken. */
  name: string;
  range: string;
  /** A built-in table style, e.g. "TableStyleMedium2" (the default). */
  style?: string;
  /** Banded rows (default true). */
  bandedRows?: boolean;
}

/** A named cell or range on this sheet, e.g. ARPA -> $C$5. */
export interface DefinedNamePlan {
  name: string;
  /** The cell or range on this sheet, e.g. "$C$5". */
  ref: string;
  /** What the name holds; Excel shows it in the Name Manager. */
  comment?: string;
}

/** One colour stop of a colour scale. */
export interface ColorStop {
  type: "lowest" | "highest" | "number" | "percent" | "percentile";
  /** Needed for number, percent and percentile. */
  value?: number;
  color: string;
}

/** What a matching cell looks like. */
export interface ConditionalStyle {
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

export type CellValueOperator =
  | "between"
  | "notBetween"
  | "equal"
  | "notEqual"
  | "greaterThan"
  | "lessThan"
  | "greaterThanOrEqual"
  | "lessThanOrEqual";

/** A 2- or 3-colour scale (heatmaps). */
export interface ColorScaleRule {
  kind: "colorScale";
  range: string;
  min: ColorStop;
  mid?: ColorStop;
  max: ColorStop;
}

/** Colours cells whose value compares with formula1 (and formula2 for between). */
export interface CellValueRule {
  kind: "cellValue";
  range: string;
  operator: CellValueOperator;
  /** A constant or a formula without the leading "=": "3", "\"met\"", "$B$4". */
  formula1: string;
  formula2?: string;
  style: ConditionalStyle;
}

/** Colours cells for which a formula (relative to the range's top-left cell) is TRUE. */
export interface ExpressionRule {
  kind: "expression";
  range: string;
  /** Without the leading "=", e.g. "$E5=\"missed\"". */
  formula: string;
  style: ConditionalStyle;
}

export type ConditionalFormatPlan = ColorScaleRule | CellValueRule | ExpressionRule;

/** One series of a chart; ranges are on the chart's sheet. */
export interface ChartSeries {
  name: string;
  values: string;
  color?: string;
  /** A dashed line (for bounds such as confidence limits); line charts only. */
  dashed?: boolean;
}

/**
 * "waterfall": stacked columns standing on an invisible base series (`base`),
 * the form every Excel since 2007 and LibreOffice draw; each series is one
 * kind of step (increase, decrease, total) and its cells are 0 or blank where
 * a column is of another kind.
 */
export type ChartType = "line" | "column" | "bar" | "waterfall";

export interface ChartPlan {
  type: ChartType;
  title: string;
  /** The category (x-axis) labels, a single row or column. */
  categories: string;
  series: ChartSeries[];
  /** The cells the chart covers, from its top-left to its bottom-right cell. */
  anchor: { from: string; to: string };
  xAxisTitle?: string;
  yAxisTitle?: string;
  /** Waterfall only: the invisible series each column stands on (the running level before the step). */
  base?: string;
  /**
   * Where the value axis starts and ends, when the template knows: a
   * waterfall's levels are read from zero, and Excel and LibreOffice start the
   * axis far above zero when the values lie close together.
   */
  valueAxisMin?: number;
  valueAxisMax?: number;
}

/** An in-cell drop-down list. */
export interface ListValidation {
  range: string;
  list: string[];
}

/** A block as a reader sees it: a title, a one-line explanation, and where it is. */
export interface SectionPlan {
  title: string;
  note: string;
  /** The cells the block covers (title and note included). */
  range: string;
}

export interface SheetPlan {
  /** Identifies the sheet inside the plan; other sheets' formulas refer to it as {{key}}. */
  key: string;
  /** Requested name; the renderer makes it valid and unique (" (2)", " (3)"). */
  name: string;
  /** The title at the top of the sheet. */
  title: string;
  blocks: CellBlock[];
  formats: CellFormat[];
  columnWidths: ColumnWidth[];
  tables: TablePlan[];
  names: DefinedNamePlan[];
  conditionalFormats: ConditionalFormatPlan[];
  charts: ChartPlan[];
  validations: ListValidation[];
  sections: SectionPlan[];
  /** Rows at the top and columns at the left that stay in view. */
  freeze?: { rows: number; columns: number };
  tabColor?: string;
  /** Rows whose height the plan sets (wrapped text, larger fonts); others keep the default. */
  rowHeights?: RowHeight[];
  /** Ranges merged into one cell ("A6:F6"): notes wrapped within their block's width. */
  merges?: string[];
  /** Print setup (the renderer's default, landscape and one page wide, when absent). */
  print?: PrintSetup;
}

export interface WorkbookPlan {
  /** What the plan builds, e.g. "LTV:CAC model". */
  title: string;
  sheets: SheetPlan[];
}

/** An empty sheet plan, ready to fill. */
export function emptySheet(key: string, name: string, title: string): SheetPlan {
  return {
    key,
    name,
    title,
    blocks: [],
    formats: [],
    columnWidths: [],
    tables: [],
    names: [],
    conditionalFormats: [],
    charts: [],
    validations: [],
    sections: [],
  };
}

/** The token another sheet's formulas use for this sheet: `${sheetRef("data")}!A1` -> {{data}}!A1. */
export function sheetRef(key: string): string {
  return `{{${key}}}`;
}

const SHEET_TOKEN = /\{\{([^{}]+)\}\}/g;

/** Replaces every {{key}} in a formula with the quoted name `quotedName(key)` returns. */
export function resolveSheetTokens(formula: string, quotedName: (key: string) => string): string {
  return formula.indexOf("{{") < 0 ? formula : formula.replace(SHEET_TOKEN, (_, key: string) => quotedName(key));
}

/** True when a cell value is a formula (and its block is not text). */
export function isFormula(value: CellValue, textBlock = false): value is string {
  return !textBlock && typeof value === "string" && value.charCodeAt(0) === 61; /* "=" */
}

/** The rectangle a block covers. */
export function blockRect(block: CellBlock): CellRect {
  const at = parseRect(block.at);
  const rows = block.rows.length;
  const columns = rows === 0 ? 0 : block.rows[0].length;
  return { row: at.row, column: at.column, lastRow: at.row + rows - 1, lastColumn: at.column + columns - 1 };
}

/** The value the plan writes at (row, column) of a sheet, or "" when no block covers it. */
export function cellAt(sheet: SheetPlan, row: number, column: number): CellValue {
  for (const block of sheet.blocks) {
    const r = blockRect(block);
    if (row >= r.row && row <= r.lastRow && column >= r.column && column <= r.lastColumn) {
      return block.rows[row - r.row][column - r.column];
    }
  }
  return "";
}

/** The values the plan writes in a range, row by row ("" where nothing is written). */
export function valuesIn(sheet: SheetPlan, range: string): CellValue[][] {
  const rect = parseRect(range);
  const out: CellValue[][] = [];
  for (let r = rect.row; r <= rect.lastRow; r++) {
    const row: CellValue[] = [];
    for (let c = rect.column; c <= rect.lastColumn; c++) row.push(cellAt(sheet, r, c));
    out.push(row);
  }
  return out;
}

/** Number of cells a plan writes (its size, for progress and payload estimates). */
export function cellCount(plan: WorkbookPlan): number {
  let n = 0;
  for (const sheet of plan.sheets) for (const b of sheet.blocks) n += b.rows.length * (b.rows[0]?.length ?? 0);
  return n;
}

/**
 * Checks a plan's internal consistency and throws an Error listing every
 * problem: unknown sheet tokens, ragged or overlapping blocks, ranges off the
 * sheet, tables without header text, invalid or duplicate names, names used
 * outside their own sheet. Templates call it before returning; renderers call
 * it before touching a workbook.
 */
export function validatePlan(plan: WorkbookPlan): void {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const sheet of plan.sheets) {
    if (keys.has(sheet.key)) problems.push(`Two sheets have the key "${sheet.key}".`);
    keys.add(sheet.key);
    if (!sheet.name.trim()) problems.push(`Sheet "${sheet.key}" has no name.`);
  }
  const definedNames = new Map<string, string>(); // upper-case name -> sheet key
  for (const sheet of plan.sheets) {
    for (const n of sheet.names) {
      const why = invalidDefinedName(n.name);
      if (why) problems.push(`Sheet "${sheet.key}": ${why}`);
      const upper = n.name.toUpperCase();
      if (definedNames.has(upper)) problems.push(`The name ${n.name} is defined twice.`);
      definedNames.set(upper, sheet.key);
      checkRange(problems, sheet, n.ref, `name ${n.name}`);
    }
  }
  const tableNames = new Set<string>();
  for (const sheet of plan.sheets) {
    const where = `Sheet "${sheet.key}"`;
    const rects: CellRect[] = [];
    for (const block of sheet.blocks) {
      const width = block.rows[0]?.length ?? 0;
      if (block.rows.length === 0 || width === 0) {
        problems.push(`${where}: the block at ${block.at} is empty.`);
        continue;
      }
      if (block.rows.some((row) => row.length !== width)) {
        problems.push(`${where}: the block at ${block.at} has rows of different lengths.`);
        continue;
      }
      let rect: CellRect;
      try {
        rect = blockRect(block);
      } catch (e) {
        problems.push(`${where}: ${(e as Error).message}`);
        continue;
      }
      if (rect.lastRow > MAX_ROWS || rect.lastColumn > MAX_COLUMNS) problems.push(`${where}: the block at ${block.at} runs off the sheet.`);
      for (const other of rects) if (rectsOverlap(rect, other)) problems.push(`${where}: the block at ${block.at} overlaps another block.`);
      rects.push(rect);
      if (!block.text) checkFormulas(problems, sheet, block, keys, definedNames);
      if (block.cached) checkCached(problems, where, block);
      checkLengths(problems, sheet, block);
    }
    for (const m of sheet.merges ?? []) checkRange(problems, sheet, m, "a merge");
    for (const h of sheet.rowHeights ?? []) {
      if (!(Number.isInteger(h.row) && h.row >= 1 && h.row <= MAX_ROWS) || !(h.height > 0 && h.height <= 409)) {
        problems.push(`${where}: row ${h.row} has the height ${h.height} (rows are 1 to ${MAX_ROWS}, heights above 0 and at most 409 points).`);
      }
    }
    if (sheet.print?.area) checkRange(problems, sheet, sheet.print.area, "the print area");
    for (const r of sheet.print?.rowBreaks ?? []) {
      if (!(Number.isInteger(r) && r >= 2 && r <= MAX_ROWS)) problems.push(`${where}: a page break before row ${r} is off the sheet.`);
    }
    for (const f of sheet.formats) checkRange(problems, sheet, f.range, "a format");
    for (const cf of sheet.conditionalFormats) checkRange(problems, sheet, cf.range, "a conditional format");
    for (const v of sheet.validations) checkRange(problems, sheet, v.range, "a list validation");
    for (const s of sheet.sections) {
      checkRange(problems, sheet, s.range, `section "${s.title}"`);
      if (!s.title.trim() || !s.note.trim()) problems.push(`${where}: every section needs a title and a one-line note.`);
    }
    for (const chart of sheet.charts) {
      for (const r of [chart.categories, chart.anchor.from, chart.anchor.to, ...chart.series.map((s) => s.values)]) {
        checkRange(problems, sheet, r, `chart "${chart.title}"`);
      }
      if (chart.series.length === 0) problems.push(`${where}: chart "${chart.title}" has no series.`);
      if (chart.type === "waterfall" && !chart.base) problems.push(`${where}: waterfall chart "${chart.title}" needs its base series.`);
      if (chart.base) checkRange(problems, sheet, chart.base, `chart "${chart.title}"`);
    }
    for (const table of sheet.tables) {
      const why = invalidTableName(table.name);
      if (why) problems.push(`${where}: ${why}`);
      if (tableNames.has(table.name.toUpperCase())) problems.push(`Two tables are named ${table.name}.`);
      if (definedNames.has(table.name.toUpperCase())) problems.push(`Table ${table.name} has the name of a defined name.`);
      tableNames.add(table.name.toUpperCase());
      if (!checkRange(problems, sheet, table.range, `table ${table.name}`)) continue;
      const rect = parseRect(table.range);
      if (rect.lastRow === rect.row) problems.push(`${where}: table ${table.name} needs a header row and at least one data row.`);
      const headers = valuesIn(sheet, rangeName(rect.row, rect.column, 1, rect.lastColumn - rect.column + 1))[0];
      const seen = new Set<string>();
      for (const h of headers) {
        if (typeof h !== "string" || !h.trim() || h.startsWith("=")) {
          problems.push(`${where}: table ${table.name} needs text in every header cell.`);
          break;
        }
        if (seen.has(h.toUpperCase())) problems.push(`${where}: table ${table.name} has the header "${h}" twice.`);
        seen.add(h.toUpperCase());
      }
      if (!rects.some((r) => rectContains(r, rect)) && !coveredByBlocks(rects, rect)) {
        problems.push(`${where}: table ${table.name} covers cells no block writes.`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`The workbook plan "${plan.title}" is not valid:\n- ${problems.join("\n- ")}`);
}

function checkCached(problems: string[], where: string, block: CellBlock): void {
  const cached = block.cached!;
  if (block.text) problems.push(`${where}: the text block at ${block.at} carries cached values.`);
  if (cached.length !== block.rows.length || cached.some((row, i) => row.length !== block.rows[i].length)) {
    problems.push(`${where}: the cached values of the block at ${block.at} do not have the shape of its cells.`);
    return;
  }
  const stray = block.rows.some((row, i) => row.some((v, j) => !isFormula(v) && cached[i][j] !== null));
  if (stray) problems.push(`${where}: the block at ${block.at} caches a value for a cell that is not a formula.`);
}

/** The value cached for the formula at (i, j) of a block, or undefined when the block carries none for it. */
export function cachedAt(block: CellBlock, i: number, j: number): CachedValue | undefined {
  const v = block.cached?.[i]?.[j];
  return v === null ? undefined : v;
}

/** No cell is written past Excel's limits: 32,767 characters of text, 8,192 of formula. */
function checkLengths(problems: string[], sheet: SheetPlan, block: CellBlock): void {
  const text = !!block.text;
  const at = parseRect(block.at);
  block.rows.forEach((row, i) => {
    row.forEach((v, j) => {
      if (typeof v !== "string" || v.length <= EXCEL_MAX_FORMULA_LENGTH) return;
      const formula = !text && v.charCodeAt(0) === 61; /* "=" */
      if (formula || v.length > EXCEL_MAX_CELL_TEXT) {
        const cell = rangeName(at.row + i, at.column + j);
        problems.push(
          `Sheet "${sheet.key}", ${cell}: ${formula ? `a formula of ${v.length} characters (Excel takes ${EXCEL_MAX_FORMULA_LENGTH})` : `${v.length} characters of text (a cell holds ${EXCEL_MAX_CELL_TEXT})`}.`,
        );
      }
    });
  });
}

function checkRange(problems: string[], sheet: SheetPlan, range: string, what: string): boolean {
  try {
    parseRect(range);
    return true;
  } catch (e) {
    problems.push(`Sheet "${sheet.key}", ${what}: ${(e as Error).message}`);
    return false;
  }
}

/** True when the blocks together cover every cell of `rect` (a table may span several blocks). */
function coveredByBlocks(blocks: CellRect[], rect: CellRect): boolean {
  for (let r = rect.row; r <= rect.lastRow; r++) {
    const spans = blocks
      .filter((b) => b.row <= r && b.lastRow >= r && b.lastColumn >= rect.column && b.column <= rect.lastColumn)
      .sort((a, b) => a.column - b.column);
    let reached = rect.column - 1;
    for (const b of spans) {
      if (b.column > reached + 1) break;
      reached = Math.max(reached, b.lastColumn);
    }
    if (reached < rect.lastColumn) return false;
  }
  return true;
}

const IDENTIFIER = /[A-Za-z_\\][A-Za-z0-9_.]*/g;

function checkFormulas(
  problems: string[],
  sheet: SheetPlan,
  block: CellBlock,
  keys: Set<string>,
  definedNames: Map<string, string>,
): void {
  for (const row of block.rows) {
    for (const v of row) {
      if (!isFormula(v)) continue;
      for (const m of v.matchAll(SHEET_TOKEN)) {
        if (!keys.has(m[1])) problems.push(`Sheet "${sheet.key}": ${v} refers to an unknown sheet {{${m[1]}}}.`);
      }
      if (definedNames.size === 0) continue;
      // Strip string literals, then look at bare identifiers.
      const code = v.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, "x!");
      for (const m of code.matchAll(IDENTIFIER)) {
        const owner = definedNames.get(m[0].toUpperCase());
        const next = code[(m.index ?? 0) + m[0].length];
        if (owner !== undefined && owner !== sheet.key && next !== "(" && next !== "!") {
          problems.push(`Sheet "${sheet.key}": ${v} uses the name ${m[0]}, which lives on sheet "${owner}".`);
        }
      }
    }
  }
}
