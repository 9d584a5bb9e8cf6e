/**
 * The segment movement sheet, block by block, from the aggregate alone
 * (aggregate.ts): the summary (moved up / stayed / moved down / lost) and
 * its chart, the chart of each segment's customers over its Excel Table,
 * the segment order (the ranks, editable), and the matrices of
 * customers, of value and of row shares (src/templates/shared/migration-matrix.ts).
 *
 * The matrices' cells are values grouped when the sheet was built; every
 * figure derived from them is an Excel formula a reviewer can audit, written
 * with the value it computes (fx) so previews show the figures. The up/down
 * split compares each segment's rank (an input row, lowest = 1) with SUMIFS,
 * so reordering the ladder on the sheet moves the figures; the cached values
 * are those of the ranks as built (1 … S, the aggregate's order).
 *
 * Each block is a function returning its size and a fill(); SheetBuilder
 * places them (place) and tells each where the others landed (w.at).
 */
import type { Segment } from "../../metrics/segment-matrix";
import { BlockSpec, chartBlock, SheetBuilder } from "../../workbook/builder";
import { Cell, fx, Placed } from "../../workbook/layout";
import type { WorkbookPlan } from "../../workbook/plan";
import { FORMATS, LOOKS, PALETTE } from "../../workbook/styles";
import { MIGRATION, migrationMatrixBlock, migrationSharesBlock } from "../shared/migration-matrix";
import type { SourceFacts } from "../shared/strings";
import { movesOf, SegmentMovementAggregate, SegmentMoves } from "./aggregate";
import { Move, MOVES, SegmentStrings } from "./strings";

export interface SegmentSheetOptions {
  /** Number format of value cells (shared/money.ts). */
  moneyFormat: string;
  source: SourceFacts;
}

/** Cells of the summary, for headlines and tests. */
export interface SegmentCells {
  /** The share of the customers with a segment before that moved up, stayed, moved down, were lost. */
  shares: Record<Move, string>;
  customersBefore: string;
  newCustomers: string;
}

/** What segmentMovementSheets returns: the plan, the summary's cells, and where each block's body landed. */
export interface SegmentSheets {
  plan: WorkbookPlan;
  cells: SegmentCells;
  at: Record<string, Placed>;
}

/** Columns of the movement table: the segment, its customers, the four moves, their shares, then (with values) the value and its four moves. */
export const MOVEMENT = {
  segment: 0,
  customers: 1,
  move: (k: number) => 2 + k,
  percent: (k: number) => 6 + k,
  value: 10,
  valueMove: (k: number) => 11 + k,
} as const;

/** Rows of the summary's body: the header, the four moves, those with a segment before, the new customers. */
export const SUMMARY = { move: (k: number) => 1 + k, before: 5, fresh: 6 } as const;

/** One colour per move, from the palette (green up, blue stayed, orange down, red lost), pairwise distinct. */
const MOVE_COLORS: Record<Move, string> = { movedUp: PALETTE[2], stayed: PALETTE[0], movedDown: PALETTE[1], lost: PALETTE[3] };

/** The charts: the summary's beside it, the segments' over their table. */
const SUMMARY_CHART = { rows: 13, columns: 7 };
const MOVEMENT_CHART = { rows: 14, columns: 9 };

/** What every block reads. */
interface View {
  agg: SegmentMovementAggregate;
  t: SegmentStrings;
  o: SegmentSheetOptions;
  segments: Segment[];
  S: number;
  /** Per segment before: where its customers went, and its value. */
  moves: SegmentMoves[];
  valueMoves: SegmentMoves[] | null;
}

/** Builds the sheet. */
export function segmentMovementSheets(agg: SegmentMovementAggregate, o: SegmentSheetOptions, t: SegmentStrings): SegmentSheets {
  const segments = agg.counts.segments;
  const S = segments.length;
  const range = Array.from({ length: S }, (_, i) => i);
  const v: View = {
    agg,
    t,
    o,
    segments,
    S,
    moves: range.map((i) => movesOf(agg.counts, i)),
    valueMoves: agg.values ? range.map((i) => movesOf(agg.values!, i)) : null,
  };
  const s = new SheetBuilder("movement", t.title, t.title);
  s.heading([t.source(o.source), t.about]);
  const at = s.place([
    [summary(v), summaryChart(v)],
    // Both charts at the top: a chart low on a page would be cut by the page break.
    movementChart(v),
    movement(v),
    order(v),
    counts(v),
    ...(agg.values ? [values(v)] : []),
    shares(v),
  ]);
  // The ranks, one name for SUMIFS to compare with.
  s.name(t.rankName, at.order.row(1), at.order.column(1), t.rankComment, 1, S);
  s.freeze(0, 1); // the labels stay in view across the matrices

  const sum = at.summary;
  const shareCells = Object.fromEntries(MOVES.map((m, k) => [m, sum.cell(SUMMARY.move(k), 2)])) as Record<Move, string>;
  const cells: SegmentCells = { shares: shareCells, customersBefore: sum.cell(SUMMARY.before, 1), newCustomers: sum.cell(SUMMARY.fresh, 1) };
  return { plan: { title: t.title, sheets: [s.build()] }, cells, at };
}

/** The four moves' totals over the segments (customers or value). */
function totals(moves: SegmentMoves[]): SegmentMoves {
  const out: SegmentMoves = { total: 0, movedUp: 0, stayed: 0, movedDown: 0, lost: 0 };
  for (const m of moves) for (const key of ["total", ...MOVES] as const) out[key] += m[key];
  return out;
}

/** The total of the New row of a matrix (customers or value without a segment before). */
function newRowTotal(matrix: readonly (readonly number[])[]): number {
  return matrix[matrix.length - 1].reduce((a, b) => a + b, 0);
}

function summary(v: View): BlockSpec {
  const { t, agg } = v;
  const withValues = v.valueMoves !== null;
  const headers = [t.movement, t.customers, t.shareOfCustomers, ...(withValues ? [t.value, t.shareOfValue] : [])];
  return {
    key: "summary",
    title: t.summaryTitle,
    note: t.summaryNote,
    rows: SUMMARY.fresh + 1,
    columns: headers.length,
    fill(w) {
      const mv = w.at("movement");
      const cnt = w.at("counts");
      const c = totals(v.moves);
      const val = v.valueMoves ? totals(v.valueMoves) : null;
      const share = (x: number, of: number): number | string => (of === 0 ? "" : x / of);
      const rows: Cell[][] = [headers];
      let shareSum = 0, valueShareSum = 0;
      MOVES.forEach((m, k) => {
        const r = SUMMARY.move(k);
        const row: Cell[] = [
          t.moves[m],
          fx(`=SUM(${mv.columnRange(MOVEMENT.move(k), 1)})`, c[m]),
          fx(`=${w.cell(r, 1)}/${w.cell(SUMMARY.before, 1, "$row")}`, c[m] / c.total),
        ];
        shareSum += c[m] / c.total;
        if (val) {
          const valueShare = share(val[m], val.total);
          if (typeof valueShare === "number") valueShareSum += valueShare;
          const total = w.cell(SUMMARY.before, 3, "$row");
          row.push(fx(`=SUM(${mv.columnRange(MOVEMENT.valueMove(k), 1)})`, val[m]), fx(`=IF(${total}=0,"",${w.cell(r, 3)}/${total})`, valueShare));
        }
        rows.push(row);
      });
      const moveRows = (col: number) => w.range(SUMMARY.move(0), col, MOVES.length, 1);
      const before: Cell[] = [t.withSegmentBefore, fx(`=SUM(${mv.columnRange(MOVEMENT.customers, 1)})`, c.total), fx(`=SUM(${moveRows(2)})`, shareSum)];
      if (val) before.push(fx(`=SUM(${mv.columnRange(MOVEMENT.value, 1)})`, val.total), fx(`=SUM(${moveRows(4)})`, valueShareSum));
      rows.push(before);
      const fresh: Cell[] = [t.newCustomers, fx(`=${cnt.cell(MIGRATION.row(v.S), v.S + 2)}`, newRowTotal(agg.counts.matrix)), ""];
      if (agg.values) fresh.push(fx(`=${w.at("values").cell(MIGRATION.row(v.S), v.S + 2)}`, newRowTotal(agg.values.matrix)), "");
      rows.push(fresh);
      w.put(rows).header();
      w.format(w.range(0, 1, 1, headers.length - 1), { horizontalAlignment: "right" }); // over their numbers
      w.format(w.range(1, 1, SUMMARY.fresh, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 2, SUMMARY.before, 1), { ...LOOKS.output, numberFormat: FORMATS.percent });
      if (val) {
        w.format(w.range(1, 3, SUMMARY.fresh, 1), { numberFormat: v.o.moneyFormat });
        w.format(w.range(1, 4, SUMMARY.before, 1), { ...LOOKS.output, numberFormat: FORMATS.percent });
      }
      w.format(w.range(SUMMARY.before, 0, 1, headers.length), { bold: true });
    },
  };
}

function summaryChart(v: View): BlockSpec {
  const { t } = v;
  return chartBlock(
    "summaryChart",
    (w) => {
      const sum = w.at("summary");
      const moves = (col: number) => sum.columnRange(col, SUMMARY.move(0), MOVES.length);
      return {
        type: "column",
        title: t.summaryChartTitle,
        categories: moves(0),
        series: [
          { name: t.shareOfCustomers, values: moves(2), color: PALETTE[0] },
          ...(v.valueMoves ? [{ name: t.shareOfValue, values: moves(4), color: PALETTE[4] }] : []),
        ],
        yAxisTitle: t.summaryChartYAxis,
      };
    },
    SUMMARY_CHART,
  );
}

function movement(v: View): BlockSpec {
  const { t, S } = v;
  const headers: string[] = [
    t.segmentBefore,
    t.customers,
    ...MOVES.map((m) => t.moves[m]),
    ...MOVES.map((m) => t.percentOf[m]),
    ...(v.valueMoves ? [t.value, ...MOVES.map((m) => t.valueOf[m])] : []),
  ];
  return {
    key: "movement",
    title: t.movementTitle,
    note: t.movementNote,
    rows: S + 1,
    columns: headers.length,
    fill(w) {
      const order = w.at("order");
      const rank = (i: number) => order.cell(1, 1 + i, "$row");
      /** Segment i's row of a matrix split by the ranks, and its Lost and Total cells. */
      const split = (matrix: Placed, i: number, moves: SegmentMoves): Cell[] => {
        const row = matrix.range(MIGRATION.row(i), MIGRATION.column(0), 1, S, true);
        const sumifs = (criterion: string, value: number) => fx(`=SUMIFS(${row},${t.rankName},${criterion}${rank(i)})`, value);
        return [
          fx(`=${matrix.cell(MIGRATION.row(i), S + 2)}`, moves.total),
          sumifs('">"&', moves.movedUp),
          sumifs("", moves.stayed),
          sumifs('"<"&', moves.movedDown),
          fx(`=${matrix.cell(MIGRATION.row(i), MIGRATION.column(S))}`, moves.lost),
        ];
      };
      const rows: Cell[][] = v.moves.map((moves, i) => {
        const customers = w.cell(1 + i, MOVEMENT.customers, "$col");
        const percents = MOVES.map((m, k) => {
          const cell = w.cell(1 + i, MOVEMENT.move(k));
          return fx(`=IF(${customers}=0,"",${cell}/${customers})`, moves.total === 0 ? "" : moves[m] / moves.total);
        });
        return [...split(w.at("counts"), i, moves), ...percents, ...(v.valueMoves ? split(w.at("values"), i, v.valueMoves[i]) : [])];
      });
      w.put([headers]);
      w.put(
        v.segments.map((s) => [s]),
        [1, 0],
        { text: true, userData: true },
      );
      w.put(rows, [1, 1]);
      w.header().table(t.movementTable, "TableStyleLight9");
      w.format(w.range(0, 1, 1, headers.length - 1), { horizontalAlignment: "right" }); // over their numbers
      w.format(w.range(1, MOVEMENT.segment, S, 1), { horizontalAlignment: "left" }); // labels, even numeric ones (RFM scores), as in the matrices
      w.format(w.range(1, MOVEMENT.customers, S, 5), { numberFormat: FORMATS.integer });
      w.format(w.range(1, MOVEMENT.percent(0), S, 4), { numberFormat: FORMATS.percent });
      if (v.valueMoves) w.format(w.range(1, MOVEMENT.value, S, 5), { numberFormat: v.o.moneyFormat });
    },
  };
}

function movementChart(v: View): BlockSpec {
  const { t } = v;
  return chartBlock(
    "movementChart",
    (w) => {
      const mv = w.at("movement");
      return {
        type: "column",
        title: t.movementChartTitle,
        categories: mv.columnRange(MOVEMENT.segment, 1),
        series: MOVES.map((m, k) => ({ name: t.moves[m], values: mv.columnRange(MOVEMENT.percent(k), 1), color: MOVE_COLORS[m] })),
        xAxisTitle: t.segmentBefore,
        yAxisTitle: t.movementChartYAxis,
      };
    },
    MOVEMENT_CHART,
  );
}

function order(v: View): BlockSpec {
  const { t, S } = v;
  return {
    key: "order",
    title: t.orderTitle,
    note: t.orderNote,
    rows: 2,
    columns: 1 + S,
    fill(w) {
      w.put([[t.segment], [t.rank]]);
      w.put([v.segments], [0, 1], { text: true, userData: true });
      w.put([v.segments.map((_, j) => j + 1)], [1, 1]);
      w.header();
      w.format(w.range(0, 1, 1, S), { horizontalAlignment: "center" }); // over the ranks
      w.format(w.range(1, 0), { bold: true });
      w.format(w.range(1, 1, 1, S), { ...LOOKS.input, horizontalAlignment: "center" });
    },
  };
}

/** What every matrix block shares: the segments, the words, and headers that refer to the order's labels (written once). */
function frame(v: View) {
  return { segments: v.segments, words: v.t.matrix, labelCell: (w: { at(key: string): Placed }, j: number) => w.at("order").cell(0, 1 + j, "$row") };
}

function counts(v: View): BlockSpec {
  const { t } = v;
  return migrationMatrixBlock({ key: "counts", title: t.countsTitle, note: t.countsNote, matrix: v.agg.counts.matrix, numberFormat: FORMATS.integer, heatmap: true, ...frame(v) });
}

function values(v: View): BlockSpec {
  const { t } = v;
  return migrationMatrixBlock({ key: "values", title: t.valuesTitle, note: t.valuesNote, matrix: v.agg.values!.matrix, numberFormat: v.o.moneyFormat, ...frame(v) });
}

function shares(v: View): BlockSpec {
  const { t } = v;
  return migrationSharesBlock({ key: "shares", from: "counts", title: t.sharesTitle, note: t.sharesNote, matrix: v.agg.counts.matrix, ...frame(v) });
}
