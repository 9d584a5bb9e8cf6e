/**
 * Writes WorkbookPlans to an .xlsx file with ExcelJS, for the CLI and tests.
 *
 * ExcelJS writes the cells, formats, column widths, frozen panes, Excel
 * Tables, conditional formats and list validations. Two things it cannot
 * write are added to the package afterwards (package-parts.ts): defined names
 * scoped to a sheet or carrying a comment, and charts (DrawingML parts).
 * A formula is stored with the value the plan carries for it as its cached
 * result (what previews and non-recalculating readers show); the file still
 * asks Excel to recalculate on load (fullCalcOnLoad). Functions newer than
 * Excel 2007 get their "_xlfn." prefix. Row heights, merged areas and the
 * print setup (orientation, fit to pages wide, page header, print titles and
 * area) are written when the plan sets them.
 */
import { writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { parseRect } from "../workbook/a1";
import { rangeName } from "../workbook/a1";
import {
  blockRect,
  CachedValue,
  cachedAt,
  cellAt,
  CellFormat,
  ColorStop,
  ConditionalFormatPlan,
  ConditionalStyle,
  isFormula,
  SheetPlan,
  WorkbookPlan,
} from "../workbook/plan";
import { resolvePlans, ResolvedSheet, ResolvedWorkbook } from "../workbook/resolve";
import { chartXml } from "./chart-xml";
import { withFuturePrefixes } from "./future-functions";
import { patchPackage, SheetChartParts } from "./package-parts";

export interface WrittenWorkbook {
  buffer: Buffer;
  /** Final names of sheets, defined names and tables. */
  resolved: ResolvedWorkbook;
  /** Number of charts written. */
  charts: number;
}

/** Writes one or several plans (each plan's sheets in order) into one new workbook. */
export async function writePlanToBuffer(plans: WorkbookPlan | WorkbookPlan[]): Promise<WrittenWorkbook> {
  const list = Array.isArray(plans) ? plans : [plans];
  const resolved = resolvePlans(list);
  const wb = new ExcelJS.Workbook();
  wb.creator = "CXM";
  wb.created = new Date(0); // deterministic output; the sheets state their own build time
  wb.modified = new Date(0);
  wb.calcProperties.fullCalcOnLoad = true;

  for (const sheet of resolved.sheets) writeSheet(wb, sheet, resolved);

  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  const charts: SheetChartParts[] = resolved.sheets
    .filter((s) => s.plan.charts.length > 0)
    .map((s) => ({
      sheetName: s.name,
      charts: s.plan.charts.map((chart) => ({
        name: chart.title,
        anchor: chart.anchor,
        xml: chartXml({
          chart,
          quotedSheet: s.quoted,
          textCategories: hasTextCategories(s, chart.categories),
          categoryFormat: numberFormatAt(s, chart.categories),
          valueFormat: numberFormatAt(s, chart.series[0].values),
        }),
      })),
    }));
  const buffer = await patchPackage(raw, {
    names: [
      ...resolved.names.map((n) => ({
        name: n.name,
        reference: n.reference,
        comment: n.comment,
        sheetName: n.scope === "sheet" ? n.sheetName : undefined,
      })),
      ...resolved.sheets.flatMap(printNames),
    ],
    charts,
  });
  return { buffer, resolved, charts: charts.reduce((n, s) => n + s.charts.length, 0) };
}

/** Writes the plans to an .xlsx file at `path`. */
export async function writePlanToFile(plans: WorkbookPlan | WorkbookPlan[], path: string): Promise<Omit<WrittenWorkbook, "buffer">> {
  const { buffer, ...rest } = await writePlanToBuffer(plans);
  await writeFile(path, buffer);
  return rest;
}

/** The print titles and print area of a sheet, as the sheet-scoped names Excel reads them from. */
function printNames(s: ResolvedSheet): { name: string; reference: string; sheetName: string }[] {
  const print = s.plan.print;
  if (!print) return [];
  const out: { name: string; reference: string; sheetName: string }[] = [];
  if (print.titleRows) out.push({ name: "_xlnm.Print_Titles", reference: `${s.quoted}!$${print.titleRows.first}:$${print.titleRows.last}`, sheetName: s.name });
  if (print.area) out.push({ name: "_xlnm.Print_Area", reference: `${s.quoted}!${areaName(print.area)}`, sheetName: s.name });
  return out;
}

/** A range as absolute A1 ("$A$1:$F$40"). */
function areaName(range: string): string {
  const r = parseRect(range);
  return rangeName(r.row, r.column, r.lastRow - r.row + 1, r.lastColumn - r.column + 1, true);
}

/**
 * A cell's value as addTable writes it back. ExcelJS's `cell.value` of a
 * formula drops a falsy cached result (0, "", FALSE), so a formula's result
 * is read from the cell itself.
 */
function tableValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  if (cell.type !== ExcelJS.ValueType.Formula) return cell.value;
  const result = cell.result;
  return result === undefined ? { formula: cell.formula } : ({ formula: cell.formula, result } as ExcelJS.CellFormulaValue);
}

/** A cached value as ExcelJS stores a formula's result. */
function resultOf(v: CachedValue): ExcelJS.CellFormulaValue["result"] {
  return typeof v === "object" ? ({ error: v.error } as ExcelJS.CellErrorValue) : v;
}

function writeSheet(wb: ExcelJS.Workbook, s: ResolvedSheet, resolved: ResolvedWorkbook): void {
  const plan = s.plan;
  const print = plan.print;
  const ws = wb.addWorksheet(s.name, {
    views: plan.freeze && (plan.freeze.rows > 0 || plan.freeze.columns > 0)
      ? [{ state: "frozen", xSplit: plan.freeze.columns, ySplit: plan.freeze.rows }]
      : [{}],
    properties: plan.tabColor ? { tabColor: { argb: argb(plan.tabColor) } } : {},
    // Without a print setup in the plan, a sheet prints landscape and as wide as the page
    // (as many pages tall as it needs): the tables are wider than a portrait page.
    pageSetup: {
      orientation: print?.orientation ?? "landscape",
      fitToPage: true,
      fitToWidth: print?.fitToPagesWide ?? 1,
      fitToHeight: 0,
    },
    ...(print?.header ? { headerFooter: { oddHeader: print.header } as ExcelJS.HeaderFooter } : {}),
  });
  const formula = (f: string) => withFuturePrefixes(s.resolveFormula(f).slice(1));

  for (const block of plan.blocks) {
    const rect = blockRect(block);
    block.rows.forEach((row, i) => {
      const wsRow = ws.getRow(rect.row + i);
      row.forEach((v, j) => {
        if (v === "") return;
        if (!isFormula(v, !!block.text)) {
          wsRow.getCell(rect.column + j).value = v;
          return;
        }
        const cached = cachedAt(block, i, j);
        wsRow.getCell(rect.column + j).value =
          cached === undefined ? { formula: formula(v) } : ({ formula: formula(v), result: resultOf(cached) } as ExcelJS.CellFormulaValue);
      });
    });
  }
  for (const f of plan.formats) applyFormat(ws, f);
  markInjectableText(ws, plan);
  for (const w of plan.columnWidths) ws.getColumn(w.column).width = w.width;
  for (const h of plan.rowHeights ?? []) ws.getRow(h.row).height = h.height;
  // A manual break sits below a row: a page that starts at row r breaks below row r − 1.
  for (const r of print?.rowBreaks ?? []) if (r > 1) ws.getRow(r - 1).addPageBreak();
  for (const m of plan.merges ?? []) ws.mergeCells(m);

  for (const t of resolved.tables.filter((x) => x.sheetName === s.name)) {
    const rect = parseRect(t.range);
    const headers: string[] = [];
    for (let c = rect.column; c <= rect.lastColumn; c++) headers.push(String(cellAt(plan, rect.row, c)));
    const rows: ExcelJS.CellValue[][] = [];
    for (let r = rect.row + 1; r <= rect.lastRow; r++) {
      const wsRow = ws.getRow(r);
      const values: ExcelJS.CellValue[] = [];
      for (let c = rect.column; c <= rect.lastColumn; c++) values.push(tableValue(wsRow.getCell(c)));
      rows.push(values);
    }
    // addTable rewrites the same values into the cells; it keeps their styles.
    ws.addTable({
      name: t.name,
      ref: t.range.split(":")[0],
      headerRow: true,
      totalsRow: false,
      style: { theme: (t.style ?? "TableStyleMedium2") as ExcelJS.TableStyleProperties["theme"], showRowStripes: t.bandedRows ?? true },
      columns: headers.map((name) => ({ name, filterButton: true })),
      rows,
    });
  }

  keepFalsyResults(ws, plan);

  plan.conditionalFormats.forEach((cf, i) => {
    ws.addConditionalFormatting({ ref: cf.range, rules: [conditionalRule(cf, i + 1, formula)] });
  });

  for (const v of plan.validations) {
    if (v.list.some((item) => item.includes(",") || item.includes('"'))) {
      throw new Error(`List validation items cannot contain commas or quotes: ${v.list.join(" | ")}`);
    }
    const rect = parseRect(v.range);
    for (let r = rect.row; r <= rect.lastRow; r++) {
      for (let c = rect.column; c <= rect.lastColumn; c++) {
        ws.getCell(r, c).dataValidation = {
          type: "list",
          allowBlank: true,
          showErrorMessage: true,
          formulae: [`"${v.list.join(",")}"`],
        };
      }
    }
  }
}

/**
 * ExcelJS's value setter (used by the writer and again by addTable) drops a
 * formula's falsy result, so a cached 0 or FALSE would be written without
 * its value; its model setter keeps it. Run after the tables are added.
 */
function keepFalsyResults(ws: ExcelJS.Worksheet, plan: SheetPlan): void {
  for (const block of plan.blocks) {
    if (!block.cached || block.text) continue;
    const rect = blockRect(block);
    block.cached.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== 0 && v !== false) return;
        const cell = ws.getCell(rect.row + i, rect.column + j);
        cell.model = { ...cell.model, result: v } as ExcelJS.CellModel;
      }),
    );
  }
}

/** Text that Excel would turn into a formula if the user edited the cell (OWASP "CSV Injection" prefixes: = + - @ tab CR LF). */
function injectable(v: string): boolean {
  const c = v.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 10;
}

/**
 * A string cell of an .xlsx is never evaluated when the file opens, but a
 * user who edits one starting with = + - @ (F2, Enter) would turn it into a
 * formula. Such cells get the Text number format "@", under which Excel keeps
 * what is typed as text. (Applied after the plan's formats; a number format
 * does not change how text shows.)
 */
function markInjectableText(ws: ExcelJS.Worksheet, plan: ResolvedSheet["plan"]): void {
  for (const block of plan.blocks) {
    const rect = blockRect(block);
    block.rows.forEach((row, i) => {
      row.forEach((v, j) => {
        if (typeof v === "string" && injectable(v) && !isFormula(v, !!block.text)) ws.getCell(rect.row + i, rect.column + j).numFmt = "@";
      });
    });
  }
}

function argb(color: string): string {
  return `FF${color.replace("#", "").toUpperCase()}`;
}

/** Excel's default font, as ExcelJS writes it for the workbook's normal style. */
const DEFAULT_FONT: Partial<ExcelJS.Font> = { name: "Calibri", size: 11, family: 2, scheme: "minor" };

function applyFormat(ws: ExcelJS.Worksheet, f: CellFormat): void {
  const rect = parseRect(f.range);
  const font: Partial<ExcelJS.Font> = {};
  if (f.bold !== undefined) font.bold = f.bold;
  if (f.italic !== undefined) font.italic = f.italic;
  if (f.fontSize !== undefined) font.size = f.fontSize;
  if (f.fontColor !== undefined) font.color = { argb: argb(f.fontColor) };
  const hasFont = Object.keys(font).length > 0;
  for (let r = rect.row; r <= rect.lastRow; r++) {
    const row = ws.getRow(r);
    for (let c = rect.column; c <= rect.lastColumn; c++) {
      const cell = row.getCell(c);
      if (f.numberFormat !== undefined) cell.numFmt = f.numberFormat;
      // Fresh objects per cell: ExcelJS may share style objects between cells.
      // A font without a name is not the workbook's default to every reader: LibreOffice falls back
      // to a serif face. Every font written names Calibri 11 unless the plan says otherwise.
      if (hasFont) cell.font = { ...DEFAULT_FONT, ...(cell.font ?? {}), ...font };
      if (f.fill !== undefined) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(f.fill) } };
      if (f.horizontalAlignment !== undefined || f.wrapText !== undefined || f.verticalAlignment !== undefined) {
        cell.alignment = {
          ...(cell.alignment ?? {}),
          ...(f.horizontalAlignment ? { horizontal: f.horizontalAlignment } : {}),
          ...(f.verticalAlignment ? { vertical: f.verticalAlignment === "center" ? "middle" : f.verticalAlignment } : {}),
          ...(f.wrapText !== undefined ? { wrapText: f.wrapText } : {}),
        };
      }
      if (f.bottomBorder !== undefined) cell.border = { ...(cell.border ?? {}), bottom: { style: "thin", color: { argb: argb(f.bottomBorder) } } };
    }
  }
}

const CFVO: Record<ColorStop["type"], string> = { lowest: "min", highest: "max", number: "num", percent: "percent", percentile: "percentile" };

function dxf(style: ConditionalStyle): Partial<ExcelJS.Style> {
  return {
    ...(style.fill ? { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(style.fill) } } as ExcelJS.Fill } : {}),
    ...(style.fontColor || style.bold ? { font: { ...(style.fontColor ? { color: { argb: argb(style.fontColor) } } : {}), ...(style.bold ? { bold: true } : {}) } } : {}),
  };
}

function conditionalRule(cf: ConditionalFormatPlan, priority: number, formula: (f: string) => string): ExcelJS.ConditionalFormattingRule {
  const f = (x: string) => formula(`=${x}`);
  switch (cf.kind) {
    case "colorScale": {
      const stops = cf.mid ? [cf.min, cf.mid, cf.max] : [cf.min, cf.max];
      return {
        type: "colorScale",
        priority,
        cfvo: stops.map((s) => ({ type: CFVO[s.type], ...(s.value !== undefined ? { value: s.value } : {}) })),
        color: stops.map((s) => ({ argb: argb(s.color) })),
      } as unknown as ExcelJS.ConditionalFormattingRule;
    }
    case "cellValue":
      return {
        type: "cellIs",
        priority,
        operator: cf.operator,
        formulae: [f(cf.formula1), ...(cf.formula2 !== undefined ? [f(cf.formula2)] : [])],
        style: dxf(cf.style),
      } as unknown as ExcelJS.ConditionalFormattingRule;
    case "expression":
      return { type: "expression", priority, formulae: [f(cf.formula)], style: dxf(cf.style) } as ExcelJS.ConditionalFormattingRule;
  }
}

/** The number format the plan gives the first cell of a range (the last format applied wins), if any. */
function numberFormatAt(s: ResolvedSheet, range: string): string | undefined {
  const { row, column } = parseRect(range);
  let found: string | undefined;
  for (const f of s.plan.formats) {
    if (f.numberFormat === undefined) continue;
    const r = parseRect(f.range);
    if (row >= r.row && row <= r.lastRow && column >= r.column && column <= r.lastColumn) found = f.numberFormat;
  }
  return found;
}

/** True when a chart's category cells hold text rather than numbers (a formula is taken as numeric). */
function hasTextCategories(s: ResolvedSheet, range: string): boolean {
  const rect = parseRect(range);
  for (let r = rect.row; r <= rect.lastRow; r++) {
    for (let c = rect.column; c <= rect.lastColumn; c++) {
      const v = cellAt(s.plan, r, c);
      if (typeof v === "string" && v !== "" && !isFormula(v)) return true;
    }
  }
  return false;
}
