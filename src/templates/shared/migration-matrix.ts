/**
 * The migration matrix blocks any template moving customers between
 * segments shows (segment movement; customer growth's value tiers): the
 * matrix of customers (or of their value) from each segment before to each
 * segment after, with the "New" row, the "Lost" column and totals, and the
 * matrix of row shares computed from it.
 *
 * The matrix is the metrics core's shape (SegmentMatrix in
 * src/metrics/segment-matrix.ts: (S + 1) × (S + 1), last row New, last
 * column Lost). Its cells are values (grouped when the sheet was built);
 * totals and shares are formulas written with the value they compute (fx).
 * Segment names are the user's words: written as literal text (never a
 * formula, whatever they start with) and marked as user data.
 *
 * Body offsets (MIGRATION): row 0 is the header, row 1 + i segment i before
 * (row 1 + S New, row 2 + S the totals); column 0 the labels, column 1 + j
 * segment j after (column 1 + S Lost, column 2 + S the totals).
 */
import type { Segment } from "../../metrics/segment-matrix";
import type { BlockSpec, BlockWriter } from "../../workbook/builder";
import { Cell, fx } from "../../workbook/layout";
import type { ColorScaleRule } from "../../workbook/plan";
import { FORMATS, PALETTE } from "../../workbook/styles";

/** The words around the segments, in the build's language. */
export interface MigrationWords {
  /** The top-left corner: "Before \ After". */
  corner: string;
  /** The last row: customers without a segment before. */
  newRow: string;
  /** The last column: customers without a segment after. */
  lost: string;
  totalBefore: string;
  totalAfter: string;
}

/** Offsets of a migration matrix block's body. */
export const MIGRATION = {
  /** Body row of segment i before (i = S: New). */
  row: (i: number) => 1 + i,
  /** Body column of segment j after (j = S: Lost). */
  column: (j: number) => 1 + j,
} as const;

/** What both blocks show. */
interface MigrationBase {
  key: string;
  title: string;
  note: string;
  /** The segments, lowest first: the rows and columns in this order. */
  segments: readonly Segment[];
  words: MigrationWords;
  /**
   * The cell (on the same sheet) holding segment j's label, when the sheet
   * writes the labels once elsewhere (an editable order row): the header
   * then refers to it. Absent: the header holds the labels.
   */
  labelCell?: (w: BlockWriter, j: number) => string;
}

export interface MigrationMatrixSpec extends MigrationBase {
  /** (S + 1) × (S + 1): customers (or value) from segment i to segment j; last row New, last column Lost. */
  matrix: readonly (readonly number[])[];
  numberFormat: string;
  /** A white-to-blue scale over the segment-to-segment cells (where the customers are). */
  heatmap?: boolean;
}

export interface MigrationSharesSpec extends MigrationBase {
  /** The key of the migration matrix block (of counts) the shares divide. */
  from: string;
  /** That block's matrix, for the cached values. */
  matrix: readonly (readonly number[])[];
}

/** White (none) to blue (the most): a count or a share is neither good nor bad, so no red-green scale. */
export function whiteToBlue(range: string, max?: number): ColorScaleRule {
  return {
    kind: "colorScale",
    range,
    min: max === undefined ? { type: "lowest", color: "#FFFFFF" } : { type: "number", value: 0, color: "#FFFFFF" },
    max: max === undefined ? { type: "highest", color: PALETTE[0] } : { type: "number", value: max, color: PALETTE[0] },
  };
}

/** The header row and the label column: the corner, the segments (user text), then `last` (template words). */
function writeFrame(w: BlockWriter, spec: MigrationBase, last: string[]): void {
  const { segments, words, labelCell } = spec;
  const S = segments.length;
  if (labelCell) {
    w.put([[words.corner, ...segments.map((s, j) => fx(`=${labelCell(w, j)}`, s)), ...last]]);
  } else {
    w.put([[words.corner]]);
    w.put([segments.map((s) => s)], [0, 1], { text: true, userData: true });
    w.put([last], [0, 1 + S]);
  }
  w.put(
    segments.map((s) => [s]),
    [1, 0],
    { text: true, userData: true },
  );
  w.put([[words.newRow]], [1 + S, 0]);
  w.header();
  w.format(w.range(0, 1, 1, S + last.length), { horizontalAlignment: "right" }); // over their numbers
  w.format(w.range(1, 0, S + 1, 1), { horizontalAlignment: "left" });
}

/**
 * The matrix with its totals: a block of (S + 3) × (S + 3) cells. Each row
 * ends with its total (customers before), the last row totals each column
 * (customers after; its last cell is every customer).
 */
export function migrationMatrixBlock(spec: MigrationMatrixSpec): BlockSpec {
  const S = spec.segments.length;
  const m = spec.matrix;
  const rowTotals = m.map((row) => row.reduce((a, b) => a + b, 0));
  return {
    key: spec.key,
    title: spec.title,
    note: spec.note,
    rows: S + 3,
    columns: S + 3,
    fill(w) {
      writeFrame(w, spec, [spec.words.lost, spec.words.totalBefore]);
      const body: Cell[][] = m.map((row, i) => [...row, fx(`=SUM(${w.range(1 + i, 1, 1, S + 1)})`, rowTotals[i])]);
      const totals: Cell[] = [];
      for (let j = 0; j <= S + 1; j++) {
        let sum = 0;
        for (let i = 0; i <= S; i++) sum += j <= S ? m[i][j] : rowTotals[i];
        totals.push(fx(`=SUM(${w.columnRange(1 + j, 1, S + 1)})`, sum));
      }
      w.put(body, [1, 1]);
      w.put([[spec.words.totalAfter, ...totals]], [S + 2, 0]);
      w.format(w.range(1, 1, S + 2, S + 2), { numberFormat: spec.numberFormat });
      w.format(w.range(S + 2, 0, 1, S + 3), { bold: true });
      w.format(w.range(1, S + 2, S + 1, 1), { bold: true });
      if (spec.heatmap && S > 0) w.conditional(whiteToBlue(w.range(1, 1, S, S)));
    },
  };
}

/**
 * Where each row's customers went: every cell of the counts matrix over its
 * row total (blank for a row without customers), so a row sums to 100%. A
 * block of (S + 2) × (S + 2) cells, as a white-to-blue scale from 0 to 100%.
 */
export function migrationSharesBlock(spec: MigrationSharesSpec): BlockSpec {
  const S = spec.segments.length;
  const m = spec.matrix;
  return {
    key: spec.key,
    title: spec.title,
    note: spec.note,
    rows: S + 2,
    columns: S + 2,
    fill(w) {
      const counts = w.at(spec.from);
      writeFrame(w, spec, [spec.words.lost]);
      const rows: Cell[][] = m.map((row, i) => {
        const total = row.reduce((a, b) => a + b, 0);
        const totalCell = counts.cell(MIGRATION.row(i), S + 2, "$col");
        return row.map((x, j) => fx(`=IF(${totalCell}=0,"",${counts.cell(MIGRATION.row(i), MIGRATION.column(j))}/${totalCell})`, total === 0 ? "" : x / total));
      });
      w.put(rows, [1, 1]);
      w.format(w.range(1, 1, S + 1, S + 1), { numberFormat: FORMATS.percent });
      w.conditional(whiteToBlue(w.range(1, 1, S + 1, S + 1), 1));
    },
  };
}
