/**
 * The MRR bridge sheet, block by block, from the aggregate alone
 * (aggregate.ts): the summary of the latest month; the bridge of the last
 * twelve months beside its waterfall; the monthly table; the NRR and GRR
 * chart data beside the retention and MRR charts.
 *
 * The movements are values (grouping subscription rows is the aggregate's
 * job); everything derived from them is an Excel formula a reviewer can
 * audit, written with the value it computes (fx) so previews show the
 * figures:
 *   start = the previous month's end (the aggregate's start in the first month);
 *   end = start + new + expansion + reactivation − contraction − churn;
 *   NRR = (start + expansion − contraction − churn) / start;
 *   GRR = (start − contraction − churn) / start;
 *   quick ratio = (new + expansion) / (contraction + churn)
 * as src/metrics/revenue-retention.ts defines them; an undefined ratio is
 * the text n/a (the sheet opens without error cells), and #N/A only in the
 * chart data, where it leaves a gap in the line.
 *
 * Each block is a function returning its size and a fill(); SheetBuilder
 * places them (place) and tells each where the others landed (w.at).
 */
import { dateFromSerial } from "../../workbook/dates";
import { BlockSpec, chartBlock, SheetBuilder } from "../../workbook/builder";
import { Cell, fx, Placed } from "../../workbook/layout";
import type { CachedValue, WorkbookPlan } from "../../workbook/plan";
import { BAD, FORMATS, GOOD, LOOKS, PALETTE } from "../../workbook/styles";
import { gapUnlessNumber } from "../shared/chart-gaps";
import type { SourceFacts } from "../shared/strings";
import { waterfallBlock, waterfallChart, WaterfallStep } from "../shared/waterfall";
import { bridgeWindow, MrrAggregate, sumOver } from "./aggregate";
import type { MrrStrings } from "./strings";

export interface MrrSheetOptions {
  /** Number format of money cells (shared/money.ts). */
  moneyFormat: string;
  source: SourceFacts;
}

/** Cells of the summary, for headlines and tests. */
export interface MrrCells {
  latestMonth: string;
  endMrr: string;
  netNew: string;
  nrr: string;
  grr: string;
  quickRatio: string;
  quickRatioAll: string;
}

/** What mrrSheets returns: the plan, the summary's cells, and where each block's body landed (for tests). */
export interface MrrSheets {
  plan: WorkbookPlan;
  cells: MrrCells;
  at: Record<string, Placed>;
}

/** Columns of the monthly table (offsets in its block). */
export const COL = {
  month: 0,
  start: 1,
  new: 2,
  expansion: 3,
  reactivation: 4,
  contraction: 5,
  churn: 6,
  end: 7,
  netNew: 8,
  nrr: 9,
  grr: 10,
  quickRatio: 11,
  customersStart: 12,
  customersEnd: 13,
  endInData: 14,
  difference: 15,
} as const;

/** Columns of the summary. */
const SUMMARY = { latestMonth: 0, endMrr: 1, netNew: 2, nrr: 3, grr: 4, quickRatio: 5, quickRatioAll: 6 } as const;

/** What one row of the table shows once its formulas are worked out, as Excel works them out. */
interface MonthFigures {
  start: number;
  end: number;
  netNew: number;
  nrr: CachedValue;
  grr: CachedValue;
  quickRatio: CachedValue;
  difference: number;
}

/** What every block reads. */
interface View {
  agg: MrrAggregate;
  t: MrrStrings;
  o: MrrSheetOptions;
  /** Months. */
  M: number;
  figures: MonthFigures[];
  /** The bridge chart's months. */
  window: ReturnType<typeof bridgeWindow>;
}

/** Builds the sheet. */
export function mrrSheets(agg: MrrAggregate, o: MrrSheetOptions, t: MrrStrings): MrrSheets {
  const v = view(agg, o, t);
  const s = new SheetBuilder("mrr", t.title, t.title);
  s.heading([t.source(o.source), t.about(o.source.surface)]);
  const at = s.place([summary(v), [bridge(v), bridgeChart(v)], table(v), [ratios(v), retentionChart(v), mrrChart(v)]]);
  s.freeze(0, 1); // the month column stays in view across the table's sixteen columns
  s.printTitles(at.months.row(0)); // a page that starts inside the table repeats its header

  const sum = at.summary;
  const cell = (c: number) => sum.cell(1, c);
  const cells: MrrCells = {
    latestMonth: cell(SUMMARY.latestMonth),
    endMrr: cell(SUMMARY.endMrr),
    netNew: cell(SUMMARY.netNew),
    nrr: cell(SUMMARY.nrr),
    grr: cell(SUMMARY.grr),
    quickRatio: cell(SUMMARY.quickRatio),
    quickRatioAll: cell(SUMMARY.quickRatioAll),
  };
  return { plan: { title: t.title, sheets: [s.build()] }, cells, at };
}

function view(agg: MrrAggregate, o: MrrSheetOptions, t: MrrStrings): View {
  const figures: MonthFigures[] = [];
  agg.months.forEach((m, i) => {
    const start = i === 0 ? m.startMrr : figures[i - 1].end;
    const end = start + m.newMrr + m.expansion + m.reactivation - m.contraction - m.churn;
    const lost = m.contraction + m.churn;
    figures.push({
      start,
      end,
      netNew: end - start,
      nrr: start === 0 ? t.na : (start + m.expansion - m.contraction - m.churn) / start,
      grr: start === 0 ? t.na : (start - m.contraction - m.churn) / start,
      quickRatio: lost === 0 ? t.na : (m.newMrr + m.expansion) / lost,
      difference: end - m.endMrr,
    });
  });
  return { agg, t, o, M: agg.months.length, figures, window: bridgeWindow(agg) };
}

/** "Jun 2025" / "jun 2025": a month as titles name it. */
function monthLabel(t: MrrStrings, serial: number): string {
  const d = dateFromSerial(serial);
  return `${t.monthNames[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A ratio the sheet shows as "n/a" where it is undefined: =IF(test,"n/a",value). */
function ratio(v: View, undefinedWhen: string, formula: string, value: CachedValue): Cell {
  return fx(`=IF(${undefinedWhen},"${v.t.na}",${formula})`, value);
}

function summary(v: View): BlockSpec {
  const { t, M, agg, figures } = v;
  const headers = [t.latestMonth, t.endMrr, t.netNew, t.nrr, t.grr, t.quickRatio, t.quickRatioAll];
  return {
    key: "summary",
    title: t.summaryTitle,
    note: t.summaryNote,
    rows: 2,
    columns: headers.length,
    fill(w) {
      const months = w.at("months");
      const last = (c: number, value: CachedValue) => fx(`=${months.cell(M, c)}`, value);
      const column = (c: number) => `SUM(${months.columnRange(c, 1)})`;
      const lost = `${column(COL.contraction)}+${column(COL.churn)}`;
      const lostValue = sumOver(agg, "contraction") + sumOver(agg, "churn");
      const f = figures[M - 1];
      w.put([
        headers,
        [
          last(COL.month, agg.months[M - 1].month),
          last(COL.end, f.end),
          last(COL.netNew, f.netNew),
          last(COL.nrr, f.nrr),
          last(COL.grr, f.grr),
          last(COL.quickRatio, f.quickRatio),
          ratio(v, `${lost}=0`, `(${column(COL.new)}+${column(COL.expansion)})/(${lost})`, lostValue === 0 ? t.na : (sumOver(agg, "newMrr") + sumOver(agg, "expansion")) / lostValue),
        ],
      ]).header();
      w.format(w.range(1, SUMMARY.latestMonth), { ...LOOKS.output, numberFormat: FORMATS.month, horizontalAlignment: "left" });
      w.format(w.range(1, SUMMARY.endMrr, 1, 2), { ...LOOKS.output, numberFormat: v.o.moneyFormat });
      w.format(w.range(1, SUMMARY.nrr, 1, 2), { ...LOOKS.output, numberFormat: FORMATS.percent });
      w.format(w.range(1, SUMMARY.quickRatio, 1, 2), { ...LOOKS.output, numberFormat: FORMATS.ratio, horizontalAlignment: "right" });
    },
  };
}

/** The bridge of the chart's months: start, the movements summed, end. */
function bridge(v: View): BlockSpec {
  const { t, agg, window } = v;
  const { first, last } = window;
  const n = last - first + 1;
  const words = t.movements;
  return waterfallBlock({
    key: "bridge",
    title: t.bridgeTitle(monthLabel(t, agg.months[first].month), monthLabel(t, agg.months[last].month)),
    note: t.bridgeNote(n, window.all),
    headers: headers(t),
    count: 7,
    format: v.o.moneyFormat,
    steps(w) {
      const months = w.at("months");
      const summed = (c: number) => `SUM(${months.range(1 + first, c, n, 1)})`;
      const up = (label: string, c: number, key: "newMrr" | "expansion" | "reactivation"): WaterfallStep => ({
        kind: "increase",
        label,
        amount: fx(`=${summed(c)}`, sumOver(agg, key, first, last)),
        value: sumOver(agg, key, first, last),
      });
      const down = (label: string, c: number, key: "contraction" | "churn"): WaterfallStep => ({
        kind: "decrease",
        label,
        amount: fx(`=-${summed(c)}`, -sumOver(agg, key, first, last)),
        value: -sumOver(agg, key, first, last),
      });
      const start = v.figures[first].start;
      return [
        { kind: "start", label: words.start, amount: fx(`=${months.cell(1 + first, COL.start)}`, start), value: start },
        up(words.new, COL.new, "newMrr"),
        up(words.expansion, COL.expansion, "expansion"),
        up(words.reactivation, COL.reactivation, "reactivation"),
        down(words.contraction, COL.contraction, "contraction"),
        down(words.churn, COL.churn, "churn"),
        { kind: "end", label: words.end },
      ];
    },
  });
}

function headers(t: MrrStrings) {
  return { step: t.step, amount: t.amount, base: t.base, increase: t.increase, decrease: t.decrease, total: t.total };
}

function bridgeChart(v: View): BlockSpec {
  const { t, agg, window } = v;
  const title = t.bridgeTitle(monthLabel(t, agg.months[window.first].month), monthLabel(t, agg.months[window.last].month));
  return waterfallChart("bridgeChart", "bridge", { title, yAxisTitle: t.amount, headers: headers(t) });
}

/** The monthly bridge: movements as values, everything else a formula. */
function table(v: View): BlockSpec {
  const { t, agg, M, figures } = v;
  const words = t.movements;
  const header = [
    t.month,
    words.start,
    words.new,
    words.expansion,
    words.reactivation,
    words.contraction,
    words.churn,
    words.end,
    t.netNew,
    t.nrr,
    t.grr,
    t.quickRatio,
    t.customersStart,
    t.customersEnd,
    t.endInData,
    t.difference,
  ];
  return {
    key: "months",
    title: t.tableTitle,
    note: t.tableNote,
    rows: M + 1,
    columns: header.length,
    fill(w) {
      const rows: Cell[][] = [header];
      agg.months.forEach((m, i) => {
        const r = 1 + i;
        const c = (col: number) => w.cell(r, col);
        const f = figures[i];
        const [start, neu, expansion, reactivation, contraction, churn, end] = [COL.start, COL.new, COL.expansion, COL.reactivation, COL.contraction, COL.churn, COL.end].map(c);
        rows.push([
          m.month,
          i === 0 ? m.startMrr : fx(`=${w.cell(r - 1, COL.end)}`, f.start),
          m.newMrr,
          m.expansion,
          m.reactivation,
          m.contraction,
          m.churn,
          fx(`=${start}+${neu}+${expansion}+${reactivation}-${contraction}-${churn}`, f.end),
          fx(`=${end}-${start}`, f.netNew),
          ratio(v, `${start}=0`, `(${start}+${expansion}-${contraction}-${churn})/${start}`, f.nrr),
          ratio(v, `${start}=0`, `(${start}-${contraction}-${churn})/${start}`, f.grr),
          ratio(v, `${contraction}+${churn}=0`, `(${neu}+${expansion})/(${contraction}+${churn})`, f.quickRatio),
          m.customersAtStart,
          m.customersAtEnd,
          m.endMrr,
          fx(`=${end}-${c(COL.endInData)}`, f.difference),
        ]);
      });
      w.put(rows).header().table(t.tableName, "TableStyleMedium2");
      const body = (c: number, columns = 1) => w.range(1, c, M, columns);
      w.format(body(COL.month), { numberFormat: FORMATS.month, horizontalAlignment: "left" });
      w.format(body(COL.start, COL.netNew - COL.start + 1), { numberFormat: v.o.moneyFormat });
      w.format(body(COL.end), { bold: true });
      w.format(body(COL.nrr, 2), { numberFormat: FORMATS.percent, horizontalAlignment: "right" });
      w.format(body(COL.quickRatio), { numberFormat: FORMATS.ratio, horizontalAlignment: "right" });
      w.format(body(COL.customersStart, 2), { numberFormat: FORMATS.integer });
      w.format(body(COL.endInData), { numberFormat: v.o.moneyFormat });
      w.format(body(COL.difference), { numberFormat: FORMATS.decimal2 });
      // Text (n/a) compares above every number in a cell-value rule, so the ratio rules test for a number first.
      const top = (c: number) => w.cell(1, c);
      w.conditional({ kind: "cellValue", range: body(COL.difference), operator: "notBetween", formula1: "-0.005", formula2: "0.005", style: BAD });
      w.conditional({ kind: "expression", range: body(COL.quickRatio), formula: `AND(ISNUMBER(${top(COL.quickRatio)}),${top(COL.quickRatio)}>=4)`, style: GOOD });
      w.conditional({ kind: "expression", range: body(COL.quickRatio), formula: `AND(ISNUMBER(${top(COL.quickRatio)}),${top(COL.quickRatio)}<1)`, style: BAD });
      w.conditional({ kind: "expression", range: body(COL.nrr), formula: `AND(ISNUMBER(${top(COL.nrr)}),${top(COL.nrr)}>=1)`, style: GOOD });
    },
  };
}

/** The months the retention chart shows: from the second (the first starts with no MRR), or the only one. */
function ratioMonths(v: View): { from: number; count: number } {
  return v.M > 1 ? { from: 1, count: v.M - 1 } : { from: 0, count: 1 };
}

/** NRR and GRR copied for the chart, #N/A where undefined (a gap in the line, not a 0). */
function ratios(v: View): BlockSpec {
  const { t, agg, figures } = v;
  const { from, count } = ratioMonths(v);
  return {
    key: "ratios",
    title: t.ratiosTitle,
    note: t.ratiosNote,
    rows: count + 1,
    columns: 3,
    fill(w) {
      const months = w.at("months");
      const rows: Cell[][] = [[t.month, t.nrr, t.grr]];
      for (let i = from; i < from + count; i++) {
        rows.push([
          fx(`=${months.cell(1 + i, COL.month)}`, agg.months[i].month),
          gapUnlessNumber(months.cell(1 + i, COL.nrr), figures[i].nrr),
          gapUnlessNumber(months.cell(1 + i, COL.grr), figures[i].grr),
        ]);
      }
      w.put(rows).header();
      w.format(w.range(1, 0, count, 1), { numberFormat: FORMATS.month, horizontalAlignment: "left" });
      w.format(w.range(1, 1, count, 2), { numberFormat: FORMATS.percent });
    },
  };
}

function retentionChart(v: View): BlockSpec {
  const { t } = v;
  return chartBlock("retentionChart", (w) => {
    const r = w.at("ratios");
    return {
      type: "line",
      title: t.retentionChartTitle,
      categories: r.columnRange(0, 1),
      series: [
        { name: t.nrr, values: r.columnRange(1, 1), color: PALETTE[0] },
        { name: t.grr, values: r.columnRange(2, 1), color: PALETTE[1] },
      ],
      xAxisTitle: t.month,
      yAxisTitle: t.retentionAxis,
    };
  });
}

function mrrChart(v: View): BlockSpec {
  const { t } = v;
  return chartBlock("mrrChart", (w) => {
    const months = w.at("months");
    return {
      type: "line",
      title: t.mrrChartTitle,
      categories: months.columnRange(COL.month, 1),
      series: [{ name: t.movements.end, values: months.columnRange(COL.end, 1), color: PALETTE[0] }],
      xAxisTitle: t.month,
      yAxisTitle: t.amount,
    };
  });
}
