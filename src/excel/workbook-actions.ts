/**
 * The small workbook edits the task pane makes besides building a template:
 * inserting a template's sample data into a new sheet, putting a formula
 * skeleton in the active cell, and going to a sheet. Never touches existing
 * cells: a formula goes into the active cell only when it is empty, or when
 * the user has agreed to replace what it holds.
 */
import { columnLetter } from "../workbook/a1";
import { excelSerial } from "../workbook/dates";
import { uniqueSheetName } from "../workbook/names";
import type { SourceData } from "./source";

/** Office's display language ("en-US", "es-ES"); "" outside Office. */
export function officeDisplayLanguage(): string {
  if (typeof Office === "undefined" || !Office.context) return "";
  return Office.context.displayLanguage ?? "";
}

/**
 * What a sample cell becomes in Excel: a Date becomes its date serial (the
 * column gets a date format); text that Excel would read as a formula or a
 * number gets the leading apostrophe that keeps it text.
 */
function sampleCell(value: unknown): { value: string | number | boolean; isDate: boolean } {
  if (value instanceof Date) return { value: excelSerial(value), isDate: true };
  if (typeof value === "number" || typeof value === "boolean") return { value, isDate: false };
  if (value === null || value === undefined) return { value: "", isDate: false };
  const text = String(value);
  return { value: /^[=+\-@]/.test(text) ? `'${text}` : text, isDate: false };
}

/**
 * Writes sample data (a header row then data rows) at A1 of a new sheet named
 * after `sheetName` (made unique: "Sample (2)"), formats it as a readable
 * list, activates the sheet, and returns what was written as a source.
 */
export async function insertSampleSheet(sheetName: string, rows: unknown[][]): Promise<SourceData> {
  if (rows.length === 0 || rows[0].length === 0) throw new Error("The sample is empty.");
  const width = rows[0].length;
  const cells = rows.map((row) => Array.from({ length: width }, (_, c) => sampleCell(row[c])));
  const dateColumns = new Set<number>();
  cells.slice(1).forEach((row) => row.forEach((cell, c) => cell.isDate && dateColumns.add(c)));
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const name = uniqueSheetName(sheetName, sheets.items.map((s) => s.name));
    const sheet = sheets.add(name);
    const range = sheet.getRange("A1").getResizedRange(rows.length - 1, width - 1);
    range.values = cells.map((row) => row.map((cell) => cell.value));
    for (const c of dateColumns) {
      const letter = columnLetter(c + 1);
      sheet.getRange(`${letter}2:${letter}${rows.length}`).numberFormat = Array.from({ length: rows.length - 1 }, () => ["yyyy-mm-dd"]);
    }
    range.getRow(0).format.font.bold = true;
    sheet.freezePanes.freezeRows(1);
    range.format.autofitColumns();
    sheet.activate();
    range.load("address");
    await context.sync();
    const values = cells.map((row) => row.map((cell) => cell.value)).map((row) => row.map(stripApostrophe));
    return { address: range.address, values };
  });
}

/** Excel returns the text without the apostrophe that kept it from being a formula. */
function stripApostrophe(value: string | number | boolean): string | number | boolean {
  return typeof value === "string" && value.startsWith("'") ? value.slice(1) : value;
}

/** What inserting a formula did: put it in the cell, or found the cell holding something and left it. */
export type InsertFormulaOutcome =
  | { status: "inserted"; address: string }
  /** The active cell holds `content` (its formula, or its value as text); nothing was written. */
  | { status: "occupied"; address: string; content: string };

/**
 * Puts `formula` (English, comma-separated) in the active cell — only when
 * the cell is empty. A cell holding anything (a value, a formula, part of a
 * spilled result) is left as it is and reported, so the pane can ask first;
 * `replace.expected` is the content the user agreed to replace: the formula
 * goes in only if the cell still holds exactly that. Two syncs: read, write.
 */
export async function insertFormulaInActiveCell(formula: string, options: { replace?: { expected: string } } = {}): Promise<InsertFormulaOutcome> {
  return Excel.run(async (context) => {
    const cell = context.workbook.getActiveCell();
    cell.load("address,formulas,values");
    await context.sync();
    const content = contentOf(cell.formulas?.[0]?.[0], cell.values?.[0]?.[0]);
    if (content !== "" && content !== options.replace?.expected) return { status: "occupied", address: cell.address, content };
    cell.formulas = [[formula]];
    await context.sync();
    return { status: "inserted", address: cell.address };
  });
}

/** A cell's content as the user would see it in the formula bar: its formula, else its value; "" when empty. */
function contentOf(formula: unknown, value: unknown): string {
  if (typeof formula === "string" && formula !== "") return formula;
  if (typeof formula === "number" || typeof formula === "boolean") return String(formula);
  return value === null || value === undefined ? "" : String(value);
}

/** Brings a sheet to the front (the result line's link to a new sheet). */
export async function activateSheet(name: string): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(name).activate();
    await context.sync();
  });
}
