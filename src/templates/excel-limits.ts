/**
 * Excel's limits on what one cell holds, checked when a template validates
 * its source, so a row that would be written past them is named before
 * anything is written (and left out of the build), never cut short or
 * refused by Excel half way through a build.
 *
 * - A cell holds at most 32,767 characters (Microsoft, "Excel specifications
 *   and limits": "Total number of characters that a cell can contain: 32,767").
 * - A column may ask for less (ColumnSpec.maxLength): a survey segment is
 *   written into COUNTIFS criteria, whose strings Excel caps at 255 characters.
 *
 * Formulas (8,192 characters at most) are checked where they are made: user
 * formulas by safe-formula.ts, and every formula of a plan by validatePlan.
 */
import { EXCEL_MAX_CELL_TEXT } from "../workbook/plan";
import { NO_GOOD_ROWS } from "./descriptor-kit";
import type { BuildInput, ColumnSpec, RowProblem, TemplateDescriptor, ValidationReport } from "./registry-types";

/** The rows of the source holding text longer than its column allows, with the problem to report. */
export function overlongCells(input: BuildInput, columns: readonly ColumnSpec[]): Map<number, RowProblem> {
  const found = new Map<number, RowProblem>();
  for (const column of columns) {
    const at = input.mapping[column.key];
    if (typeof at !== "number" || at < 0) continue;
    const limit = Math.min(EXCEL_MAX_CELL_TEXT, column.maxLength ?? EXCEL_MAX_CELL_TEXT);
    input.rows.forEach((row, index) => {
      const v = row[at];
      if (typeof v !== "string" || v.length <= limit || found.has(index)) return;
      const n = v.length;
      const why =
        limit === EXCEL_MAX_CELL_TEXT
          ? { en: "an Excel cell holds at most 32,767.", es: "una celda de Excel admite 32.767 como mucho." }
          : { en: `this column is written where Excel takes at most ${limit}.`, es: `esta columna se escribe donde Excel admite ${limit} como mucho.` };
      found.set(index, {
        row: index,
        column: column.key,
        message: {
          en: `${column.label.en} holds ${n.toLocaleString("en-US")} characters; ${why.en}`,
          es: `${column.label.es} tiene ${n.toLocaleString("es-ES")} caracteres; ${why.es}`,
        },
      });
    });
  }
  return found;
}

/** The descriptor's columns a source is read through (its table of inputs when it has no columns). */
function sourceColumns(t: TemplateDescriptor): ColumnSpec[] {
  return t.columns.length > 0 ? t.columns : (t.inputColumns ?? []);
}

/**
 * The template with Excel's cell limits checked first: an overlong cell is a
 * row problem (one per row, in row order, merged with the template's own),
 * and such rows are left out of the build and the headline figures.
 */
export function withExcelLimits(t: TemplateDescriptor): TemplateDescriptor {
  const columns = sourceColumns(t);
  if (columns.length === 0) return t;
  const withoutOverlong = (input: BuildInput): BuildInput => {
    const overlong = overlongCells(input, columns);
    return overlong.size === 0 ? input : { ...input, rows: input.rows.filter((_, i) => !overlong.has(i)) };
  };
  return {
    ...t,
    validate(input: BuildInput): ValidationReport {
      const overlong = overlongCells(input, columns);
      const report = t.validate(input);
      if (overlong.size === 0) return report;
      const own = new Set(report.problems.map((p) => p.row));
      const added = [...overlong.values()].filter((p) => !own.has(p.row));
      const problems = [...report.problems, ...added].sort((a, b) => a.row - b.row);
      const goodRows = Math.max(0, report.goodRows - added.length);
      const blocking = goodRows === 0 && report.blocking.length === 0 && input.rows.length > 0 ? [NO_GOOD_ROWS] : report.blocking;
      return { goodRows, problems, blocking };
    },
    build: (input) => t.build(withoutOverlong(input)),
    ...(t.headlines ? { headlines: (input: BuildInput) => t.headlines!(withoutOverlong(input)) } : {}),
  };
}
