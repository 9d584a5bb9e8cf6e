/**
 * Reading a template's source rows (Excel values, as the task pane or the CLI
 * hands them over) into typed fields, with the row problems a descriptor
 * reports in English and Spanish. A cell is read once, here, so validate()
 * and build() agree on which rows are good.
 */
import { isDateSerial, serialFromDate, serialFromIso } from "../metrics/dates";
import type { BuildInput, ColumnMapping, ColumnSpec, Localized, RowProblem } from "./registry-types";

/** True for an empty cell: null, undefined, or text that is only spaces. */
export function isBlankCell(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** A cell as it would read in a message: trimmed text, "" for an empty cell. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A number from a number cell or numeric text ("12.5"); NaN for anything else (blank, words, booleans). */
export function readNumber(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  if (typeof value === "string" && NUMERIC_TEXT.test(value.trim())) return Number(value.trim());
  return NaN;
}

/**
 * A date serial from a date cell (Excel hands dates over as serials), ISO text
 * ("2024-03-15", "2024-03-15 14:30") or a JavaScript Date; NaN for anything
 * else, including numbers Excel cannot show as a date.
 */
export function readDate(value: unknown): number {
  if (typeof value === "number") return isDateSerial(value) ? value : NaN;
  if (typeof value === "string") return serialFromIso(value);
  if (value instanceof Date) return serialFromDate(value);
  return NaN;
}

/** The source column index of a template column, or -1 when it is not mapped. */
export function mappedColumn(mapping: ColumnMapping, key: string): number {
  const index = mapping[key];
  return typeof index === "number" && Number.isInteger(index) && index >= 0 ? index : -1;
}

/** The value of a template column in a row ("" when the column is not mapped). */
export function field(row: readonly unknown[], mapping: ColumnMapping, key: string): unknown {
  const index = mappedColumn(mapping, key);
  return index < 0 ? "" : row[index];
}

/** Blocking messages for required columns that are not mapped. */
export function unmappedColumns(columns: readonly ColumnSpec[], mapping: ColumnMapping): Localized[] {
  return columns
    .filter((c) => c.required && mappedColumn(mapping, c.key) < 0)
    .map((c) => ({
      en: `Map the "${c.label.en}" column: the template needs it.`,
      es: `Asigne la columna «${c.label.es}»: la plantilla la necesita.`,
    }));
}

/** A row problem with its message in both languages. */
export function problem(row: number, column: string, en: string, es: string): RowProblem {
  return { row, column, message: { en, es } };
}

/** "(empty)" / "(vacía)" for a blank cell, else the cell's text in quotes. */
export function shown(value: unknown): Localized {
  const text = cellText(value);
  return text === "" ? { en: "(empty)", es: "(vacía)" } : { en: `"${text}"`, es: `«${text}»` };
}

/** The build time as the sheets state it: "2025-01-15 09:30 UTC". */
export function stamp(builtAt: Date): string {
  return `${builtAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A number option, or its default when it is missing or not a number. */
export function numberOption(input: BuildInput, key: string, fallback: number): number {
  const v = input.options[key];
  if (v === undefined || v === null || v === "") return fallback;
  return typeof v === "number" ? v : readNumber(v);
}

/** An error whose message is in the build's language, for the task pane and the CLI to show as it is. */
export class TemplateInputError extends Error {
  readonly messages: Localized;
  constructor(messages: Localized, language: keyof Localized = "en") {
    super(messages[language]);
    this.name = "TemplateInputError";
    this.messages = messages;
  }
}
