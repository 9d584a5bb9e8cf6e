/**
 * The survey dashboard, block by block, from the aggregate alone
 * (aggregate.ts): the settings, all responses, NPS by month with its chart
 * (#N/A, a gap, where a month has no responses), CSAT and CES by month, NPS
 * by segment, the score distribution, the comments' sentiment and themes and
 * the key drivers (comment-blocks.ts), and the CSAT and CES answers the
 * tables above are computed from. A second sheet lists the responses
 * (list-sheet.ts).
 *
 * The NPS interval is the one of src/metrics/nps-interval.ts (Rocks 2016):
 * with P promoters, D detractors and N responses,
 *   centre = (P − D) / (N + 3),  variance = (P + D + 1.5) / (N + 3) − centre²,
 *   margin = z · √(variance / (N + 3)),  CI = 100 · [centre ∓ margin] clipped to ±100,
 * with z = NORM.S.INV(0.5 + confidence / 2). Every formula is written with
 * the value it computes (fx), mirroring the formula term by term.
 *
 * Each block is a function returning its size and a fill(); SheetBuilder
 * places them (place) and tells each where the others landed (w.at).
 */
import { cesFromHistogram } from "../../metrics/ces";
import { csatFromHistogram } from "../../metrics/csat";
import { BlockSpec, BlockWriter, chartBlock, SheetBuilder } from "../../workbook/builder";
import { Cell, fx, LayoutItem, Placed } from "../../workbook/layout";
import type { WorkbookPlan } from "../../workbook/plan";
import { FORMATS, LOOKS, PALETTE } from "../../workbook/styles";
import { flowRows, keepItemsWhole } from "../shared/page-breaks";
import { responsesOf, SurveyAggregate, Tally, total } from "./aggregate";
import { commentBlocks, driverBlocks } from "./comment-blocks";
import { listSheet } from "./list-sheet";
import type { SurveyStrings } from "./strings";
import { COL, counted, Criteria, guarded, listRef, monthCriteria, NA, segmentCriteria, SurveySheetOptions, View, view } from "./view";

export type { SurveySheetOptions } from "./view";

/** Cells of the overall row, for headlines and tests. */
export interface SurveyCells {
  responses: string;
  nps: string;
  ciLow: string;
  ciHigh: string;
  margin: string;
  csat?: string;
  ces?: string;
  sentiment?: string;
  confidence: string;
  z: string;
}

export interface SurveySheets {
  plan: WorkbookPlan;
  cells: SurveyCells;
  /** Where each block's body landed on the dashboard, and on the responses sheet. */
  at: Record<string, Placed>;
  list: Record<string, Placed>;
}

/** A breakdown row: its label and its tally, with the criteria of its rows on the responses sheet (from its label cell). */
interface Row {
  tally: Tally;
  criteria: (labelCell: string) => Criteria;
}

/** Builds the dashboard and the responses sheet. */
export function surveySheets(agg: SurveyAggregate, o: SurveySheetOptions, t: SurveyStrings): SurveySheets {
  const v = view(agg, o, t);
  const s = new SheetBuilder("dashboard", t.title, t.title);
  s.heading([t.source(o.source), v.live ? t.aboutLive : t.aboutValues(agg.responses, agg.listLimit)]);
  const measureCharts = [...(agg.has.csat ? [measureChart(v, "csat")] : []), ...(agg.has.ces ? [measureChart(v, "ces")] : [])];
  const items: LayoutItem<BlockSpec>[] = [
    settings(v),
    overall(v),
    months(v),
    npsChart(v),
    ...(measureCharts.length > 0 ? [measureCharts] : []),
    ...(agg.has.segment ? [segments(v)] : []),
    [distribution(v), scoreChart(v)],
    ...commentBlocks(v),
    ...driverBlocks(v),
    ...(agg.has.csat || agg.has.ces ? [[...(agg.has.csat ? [answerCounts(v, "csat")] : []), ...(agg.has.ces ? [answerCounts(v, "ces")] : [])]] : []),
  ];
  const at = s.place(items);
  s.freeze(0, 1); // the labels (months, segments) stay in view across the columns

  const row = at.overall;
  const cells: SurveyCells = {
    responses: row.cell(1, COL.responses),
    nps: row.cell(1, COL.nps),
    ciLow: row.cell(1, COL.ciLow),
    ciHigh: row.cell(1, COL.ciHigh),
    margin: row.cell(1, COL.margin),
    confidence: at.settings.cell(1, 1),
    z: at.settings.cell(2, 1),
  };
  if (agg.has.csat) cells.csat = row.cell(1, 1 + v.headers.indexOf(t.csat));
  if (agg.has.ces) cells.ces = row.cell(1, 1 + v.headers.indexOf(t.ces));
  if (at.groups) cells.sentiment = at.groups.cell(4, 8);
  const dashboard = s.build();
  // Printed, no chart or block is cut across two pages.
  keepItemsWhole(dashboard, flowRows(items, at));
  const sheets = [dashboard];
  const list = listSheet(v);
  if (list) sheets.push(list.sheet);
  return { plan: { title: t.title, sheets }, cells, at, list: list?.at ?? {} };
}

function settings(v: View): BlockSpec {
  const { t, o, agg } = v;
  return {
    key: "settings",
    title: t.settingsTitle,
    note: t.settingsNote(agg.has.csat),
    rows: agg.has.csat ? 4 : 3,
    // Two columns of settings; the block is wider so its note wraps on fewer lines.
    columns: 6,
    fill(w) {
      const rows: Cell[][] = [
        t.settingsHeader,
        [t.confidenceLevel, o.confidence],
        [t.zForLevel, fx(`=NORM.S.INV(0.5+${t.nameConfidence}/2)`, v.z)],
      ];
      if (agg.has.csat) rows.push([t.csatMinLabel, o.csatMin]);
      w.put(rows).format(w.range(0, 0, 1, 2), { ...LOOKS.header, wrapText: true });
      w.name(t.nameConfidence, 1, 1, t.nameConfidenceComment);
      w.name(t.nameZ, 2, 1, t.nameZComment);
      w.format(w.range(1, 1), { ...LOOKS.input, numberFormat: FORMATS.percent });
      w.format(w.range(2, 1), { numberFormat: "0.000" });
      if (agg.has.csat) {
        w.name(t.nameCsatMin, 3, 1, t.nameCsatMinComment);
        w.format(w.range(3, 1), LOOKS.input);
      }
    },
  };
}

/**
 * The formulas of one breakdown row at body row r of `w`: the counts
 * (COUNTIFS or values), then shares, NPS and interval over them, then CSAT
 * and CES over the answer counts (block `countsRow` of the counts blocks).
 */
function breakdownRow(v: View, w: BlockWriter, r: number, row: Row, countsRow: number): Cell[] {
  const { agg, t } = v;
  const tally = row.tally;
  const label = w.cell(r, 0, "$col");
  const at = (c: number) => w.cell(r, c);
  const [N, P, S, D, M] = [COL.responses, COL.promoters, COL.passives, COL.detractors, COL.margin].map(at);
  const n = responsesOf(tally), p = tally.promoters, d = tally.detractors;
  const scores = () => (v.live ? listRef(v, "score") : "");
  const criteria = () => row.criteria(label);
  const centre = (p - d) / (n + 3);
  const margin = 100 * v.z * Math.sqrt(((p + d + 1.5) / (n + 3) - centre ** 2) / (n + 3));
  const centreF = `(${P}-${D})/(${N}+3)`;
  const cells: Cell[] = [
    fx(`=${P}+${S}+${D}`, n),
    counted(v, () => [...criteria(), scores(), '">=9"'], p),
    counted(v, () => [...criteria(), scores(), '">=7"', scores(), '"<=8"'], tally.passives),
    counted(v, () => [...criteria(), scores(), '"<=6"'], d),
    guarded(N, n, `${P}/${N}`, () => p / n),
    guarded(N, n, `${S}/${N}`, () => tally.passives / n),
    guarded(N, n, `${D}/${N}`, () => d / n),
    guarded(N, n, `100*(${P}-${D})/${N}`, () => (100 * (p - d)) / n),
    guarded(N, n, `100*${t.nameZ}*SQRT(((${P}+${D}+1.5)/(${N}+3)-(${centreF})^2)/(${N}+3))`, () => margin),
    guarded(N, n, `MAX(-100,100*${centreF}-${M})`, () => Math.max(-100, 100 * centre - margin)),
    guarded(N, n, `MIN(100,100*${centreF}+${M})`, () => Math.min(100, 100 * centre + margin)),
  ];
  if (agg.has.csat) {
    const c = w.at("csatCounts");
    const h = c.range(countsRow, 1, 1, 5);
    const answered = total(tally.csat);
    cells.push(
      fx(
        `=IF(SUM(${h})=0,NA(),SUMIFS(${h},${c.range(0, 1, 1, 5, true)},">="&${t.nameCsatMin})/SUM(${h}))`,
        answered === 0 ? NA : csatFromHistogram([0, ...tally.csat], v.o.csatMin),
      ),
    );
  }
  if (agg.has.ces) {
    const c = w.at("cesCounts");
    const h = c.range(countsRow, 1, 1, 7);
    const answered = total(tally.ces);
    cells.push(fx(`=IF(SUM(${h})=0,NA(),SUMPRODUCT(${c.range(0, 1, 1, 7, true)},${h})/SUM(${h}))`, answered === 0 ? NA : cesFromHistogram([0, ...tally.ces])));
  }
  return cells;
}

/** Number formats of a breakdown table's columns, from body row 1 for `rows` rows. */
function formatBreakdown(v: View, w: BlockWriter, rows: number): void {
  const { t } = v;
  const fmt = (c: number, numberFormat: string) => w.format(w.range(1, c, rows, 1), { numberFormat });
  for (const c of [COL.responses, COL.promoters, COL.passives, COL.detractors]) fmt(c, FORMATS.integer);
  for (const c of [5, 6, 7]) fmt(c, FORMATS.percent);
  for (const c of [COL.nps, COL.margin, COL.ciLow, COL.ciHigh]) fmt(c, FORMATS.points);
  w.format(w.range(1, COL.nps, rows, 1), { bold: true, numberFormat: FORMATS.points });
  if (v.agg.has.csat) fmt(1 + v.headers.indexOf(t.csat), FORMATS.percent);
  if (v.agg.has.ces) fmt(1 + v.headers.indexOf(t.ces), FORMATS.decimal2);
}

/** Row offsets of the counts blocks: all responses, then the months, then the segments. */
const countsRowOfMonth = (k: number) => 1 + 1 + k;
const countsRowOfSegment = (v: View, k: number) => 1 + 1 + v.agg.months.length + k;

function overall(v: View): BlockSpec {
  const { t, agg } = v;
  return {
    key: "overall",
    title: t.overallTitle,
    note: t.overallNote,
    rows: 2,
    columns: 1 + v.headers.length,
    fill(w) {
      w.put([["", ...v.headers]]).header();
      w.put([[t.allResponses, ...breakdownRow(v, w, 1, { tally: agg.overall, criteria: () => [] }, 1)]], [1, 0]);
      formatBreakdown(v, w, 1);
    },
  };
}

/** A breakdown table (by month, by segment): a label column, then one breakdownRow per entry. */
interface Breakdown {
  key: string;
  title: string;
  note: string;
  labelHeader: string;
  table: string;
  labels: Cell[];
  /** Segment names are the user's text: written as text, never read as a formula. */
  userLabels: boolean;
  rows: { row: Row; countsRow: number }[];
  formatLabels?: (w: BlockWriter) => void;
}

function breakdownBlock(v: View, b: Breakdown): BlockSpec {
  return {
    key: b.key,
    title: b.title,
    note: b.note,
    rows: 1 + b.rows.length,
    columns: 1 + v.headers.length,
    fill(w) {
      w.put([[b.labelHeader, ...v.headers]]).header();
      w.put(
        b.labels.map((label) => [label]),
        [1, 0],
        b.userLabels ? { text: true, userData: true } : undefined,
      );
      w.put(
        b.rows.map((x, k) => breakdownRow(v, w, 1 + k, x.row, x.countsRow)),
        [1, 1],
      );
      w.table(b.table, "TableStyleMedium2");
      b.formatLabels?.(w);
      formatBreakdown(v, w, b.rows.length);
    },
  };
}

function months(v: View): BlockSpec {
  const { t, agg } = v;
  return breakdownBlock(v, {
    key: "months",
    title: t.monthsTitle,
    note: t.monthsNote,
    labelHeader: t.month,
    table: t.monthsTable,
    labels: agg.months.map((m) => m.month),
    userLabels: false,
    rows: agg.months.map((m, k) => ({ row: { tally: m.tally, criteria: (cell) => monthCriteria(v, cell) }, countsRow: countsRowOfMonth(k) })),
    formatLabels: (w) => w.format(w.range(1, 0, agg.months.length, 1), { numberFormat: FORMATS.month, horizontalAlignment: "left" }),
  });
}

function segments(v: View): BlockSpec {
  const { t, agg } = v;
  return breakdownBlock(v, {
    key: "segments",
    title: t.segmentsTitle,
    note: t.segmentsNote,
    labelHeader: t.segment,
    table: t.segmentsTable,
    labels: agg.segments.map((s) => s.name),
    userLabels: true,
    rows: agg.segments.map((s, k) => ({ row: { tally: s.tally, criteria: (cell) => segmentCriteria(v, s.name, cell) }, countsRow: countsRowOfSegment(v, k) })),
  });
}

/** The series of a month column of the breakdown (NPS, CSAT …) as a chart range. */
function monthSeries(w: BlockWriter, c: number): string {
  return w.at("months").columnRange(c, 1);
}

function npsChart(v: View): BlockSpec {
  const { t } = v;
  return chartBlock(
    "npsChart",
    (w) => ({
      type: "line",
      title: t.npsChartTitle,
      categories: monthSeries(w, 0),
      series: [
        { name: t.nps, values: monthSeries(w, COL.nps), color: PALETTE[0] },
        { name: t.ciLow, values: monthSeries(w, COL.ciLow), color: PALETTE[3], dashed: true },
        { name: t.ciHigh, values: monthSeries(w, COL.ciHigh), color: PALETTE[2], dashed: true },
      ],
      yAxisTitle: t.npsAxis,
    }),
    { rows: 18, columns: 1 + v.headers.length },
  );
}

function measureChart(v: View, which: "csat" | "ces"): BlockSpec {
  const { t } = v;
  const header = which === "csat" ? t.csat : t.ces;
  const columns = Math.max(6, Math.floor(v.headers.length / 2));
  return chartBlock(
    `${which}Chart`,
    (w) => ({
      type: "line",
      title: which === "csat" ? t.csatChartTitle : t.cesChartTitle,
      categories: monthSeries(w, 0),
      series: [{ name: header, values: monthSeries(w, 1 + v.headers.indexOf(header)), color: which === "csat" ? PALETTE[4] : PALETTE[7] }],
    }),
    { rows: 16, columns },
  );
}

function distribution(v: View): BlockSpec {
  const { t, agg } = v;
  return {
    key: "distribution",
    title: t.distributionTitle,
    note: t.distributionNote,
    rows: 12,
    columns: 4,
    fill(w) {
      const all = w.at("overall").cell(1, COL.responses, "$all");
      const rows: Cell[][] = [t.distributionHeader];
      for (let score = 0; score <= 10; score++) {
        const n = agg.scores[score];
        const group = score >= 9 ? t.groupNames.promoters : score >= 7 ? t.groupNames.passives : t.groupNames.detractors;
        rows.push([
          score,
          counted(v, () => [listRef(v, "score"), w.cell(1 + score, 0, "$col")], n),
          guarded(all, agg.responses, `${w.cell(1 + score, 1)}/${all}`, () => n / agg.responses),
          group,
        ]);
      }
      w.put(rows).header().table(t.distributionTable, "TableStyleLight9");
      w.format(w.range(1, 1, 11, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 2, 11, 1), { numberFormat: FORMATS.percent });
    },
  };
}

function scoreChart(v: View): BlockSpec {
  const { t } = v;
  return chartBlock("scoreChart", (w) => {
    const d = w.at("distribution");
    return { type: "column", title: t.scoreChartTitle, categories: d.columnRange(0, 1), series: [{ name: t.responses, values: d.columnRange(1, 1), color: PALETTE[0] }], xAxisTitle: t.scoreAxis };
  });
}

/**
 * The CSAT (1-5) or CES (1-7) answers by score of every breakdown row: all
 * responses, each month, each segment. The CSAT and CES columns above are
 * formulas over these rows, with the scores in the header row as numbers.
 */
function answerCounts(v: View, which: "csat" | "ces"): BlockSpec {
  const { t, agg } = v;
  const k = which === "csat" ? 5 : 7;
  const rows: Row[] = [
    { tally: agg.overall, criteria: () => [] },
    ...agg.months.map((m) => ({ tally: m.tally, criteria: (cell: string) => monthCriteria(v, cell) })),
    ...agg.segments.map((s) => ({ tally: s.tally, criteria: (cell: string) => segmentCriteria(v, s.name, cell) })),
  ];
  return {
    key: `${which}Counts`,
    title: which === "csat" ? t.csatCountsTitle : t.cesCountsTitle,
    note: v.live ? t.countsNoteLive : t.countsNoteValues,
    rows: 1 + rows.length,
    columns: 1 + k,
    fill(w) {
      w.put([["", ...Array.from({ length: k }, (_, i) => i + 1)]]).header();
      w.format(w.range(0, 1, 1, k), { horizontalAlignment: "center" });
      // Labels: all responses, the months (dates), the segments (the user's text).
      w.put([[t.allResponses]], [1, 0]);
      if (agg.months.length > 0) w.put(agg.months.map((m) => [m.month]), [2, 0]);
      if (agg.segments.length > 0) w.put(agg.segments.map((s) => [s.name]), [2 + agg.months.length, 0], { text: true, userData: true });
      w.format(w.range(2, 0, agg.months.length, 1), { numberFormat: FORMATS.month, horizontalAlignment: "left" });
      const column = () => listRef(v, which);
      const body = rows.map((row, r) => {
        const counts = which === "csat" ? row.tally.csat : row.tally.ces;
        return counts.map((n, i) => counted(v, () => [...row.criteria(w.cell(1 + r, 0, "$col")), column(), String(i + 1)], n));
      });
      w.put(body, [1, 1]);
      w.format(w.range(1, 1, rows.length, k), { numberFormat: FORMATS.integer });
    },
  };
}
