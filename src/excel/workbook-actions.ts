/**
 * The small workbook edits the task pane makes besides building a template:
 * inserting a template's sample data into a new sheet, putting a formula
 * skeleton in the active cell, and going to a sheet. Never touches existing
 * cells other than the active cell the user chose for a formula.
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

/** Puts `formula` (English, comma-separated) in the active cell and returns that cell's address. */
export async function insertFormulaInActiveCell(formula: string): Promise<string> {
  return Excel.run(async (context) => {
    const cell = context.workbook.getActiveCell();
    cell.formulas = [[formula]];
    cell.load("address");
    await context.sync();
    return cell.address;
  });
}

/** Brings a sheet to the front (the result line's link to a new sheet). */
export async function activateSheet(name: string): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(name).activate();
    await context.sync();
  });
}
