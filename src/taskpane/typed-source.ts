/**
 * The task pane's path through the reader (src/input): the source range's
 * values are typed exactly as the CLI types a file (each column's decimal
 * mark and date order decided from all its values, "N/A" as no answer),
 * then handed to the template as rows (through the temporary adapter), with
 * the report of assumptions in the pane's language. Pure: no Office, no DOM.
 */
import type { DateOrder } from "../input/dates";
import type { DecimalMark } from "../input/numbers";
import { TableReader } from "../input/reader";
import { reportText } from "../input/report";
import { sheetSource } from "../input/sources";
import type { ReadReport } from "../input/types";
import type { ColumnGroups, ColumnMapping, ColumnSpec, Language } from "../templates/registry-types";
import { kindsFor, rowsOf } from "../templates/typed-rows";
import { parseRangeAddress } from "../workbook/a1";

/** The user's overrides of what the reader decides ("auto": let the values decide). */
export interface ReadSettings {
  dateOrder: DateOrder | "auto";
  decimal: DecimalMark | "auto";
}

export const AUTO_SETTINGS: ReadSettings = { dateOrder: "auto", decimal: "auto" };

export interface TypedSource {
  /** The data rows as the template takes them (header rows, title rows and blank rows left out). */
  rows: unknown[][];
  /** Per row: its sheet row number, to name a bad row where the user sees it. */
  sheetRows: number[];
  report: ReadReport;
  /** The report of assumptions as lines in the pane's language. */
  lines: string[];
}

/** Types a range's values (header first) for a template's mapped columns (and the source columns of its `multiple` ones). */
export async function typeSheetValues(
  values: readonly (readonly unknown[])[],
  address: string,
  columns: readonly ColumnSpec[],
  mapping: ColumnMapping,
  language: Language,
  settings: ReadSettings = AUTO_SETTINGS,
  groups: ColumnGroups = {},
): Promise<TypedSource> {
  const firstRow = parseRangeAddress(address)?.row ?? 1;
  const reader = await TableReader.open(sheetSource(address, values, firstRow), {
    language,
    ...(settings.dateOrder !== "auto" ? { dateOrder: settings.dateOrder } : {}),
    ...(settings.decimal !== "auto" ? { decimal: settings.decimal } : {}),
  });
  const width = Math.max(reader.header.length, values[0]?.length ?? 0);
  const { kinds, mappedTo } = kindsFor(columns as ColumnSpec[], mapping, width, groups);
  const labels = mappedTo.map((key) => {
    const c = columns.find((x) => x.key === key);
    return c ? c.label[language] : undefined;
  });
  const table = await reader.readAll(kinds, labels);
  return { rows: rowsOf(table, width), sheetRows: Array.from(table.lines), report: table.report, lines: reportText(table.report, language, "pane") };
}
