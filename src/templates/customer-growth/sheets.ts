/**
 * The customer-growth sheets, block by block, from the aggregate alone
 * (aggregate.ts: growthReport()).
 *
 * "Customer growth": net customer growth over the data (Bliss's bridge:
 * start + new + reactivated − lost = end, and the same in money), the two
 * bridges as waterfall charts, and the bridge by period.
 * "Growth drivers": net growth by segment, lost customers by reason (table
 * and bar chart), loss after incidents by incident type against customers
 * without one, the incident log's accounting, referrals by segment, and the
 * movement of customers between the first and the last window's value tiers.
 *
 * Counts and values grouped from the logs are values (the aggregate's job);
 * every figure derived from the sheet's own numbers — the ends of the bridges,
 * net growth, totals, shares, rates, the relative risk and its interval — is an
 * Excel formula over them, written with the value the core computed (fx).
 * Each block is a function returning its size and a fill(); SheetBuilder
 * places them and tells each where the others landed (w.at).
 */
import type { GrowthPeriod, GrowthRow } from "../../metrics/growth/customer-growth";
import type { IncidentLoss } from "../../metrics/growth/incident-loss";
import type { Segment } from "../../metrics/segment-matrix";
import { BlockSpec, BlockWriter, chartBlock, SheetBuilder } from "../../workbook/builder";
import { Cell, fx, Placed } from "../../workbook/layout";
import type { SheetPlan, WorkbookPlan } from "../../workbook/plan";
import { FORMATS, LOOKS, PALETTE } from "../../workbook/styles";
import { LOCALES } from "../shared/language";
import { MIGRATION, migrationMatrixBlock } from "../shared/migration-matrix";
import type { SourceFacts } from "../shared/strings";
import type { GrowthAggregate } from "./aggregate";
import type { GrowthStrings } from "./strings";

export interface GrowthSheetOptions {
  /** Number format of money cells (shared/money.ts). */
  moneyFormat: string;
  source: SourceFacts;
  /** The incident log's facts, when one was given. */
  incidentSource: SourceFacts | null;
}

/** A cell of a sheet of the plan (for headlines and tests). */
export interface SheetCell {
  sheet: string;
  cell: string;
}

export interface GrowthCells {
  atStart: SheetCell;
  newCustomers: SheetCell;
  reactivated: SheetCell;
  lost: SheetCell;
  atEnd: SheetCell;
  netGrowth: SheetCell;
  newValue: SheetCell;
  lostValue: SheetCell;
  netValue: SheetCell;
  incidentLossRate?: SheetCell;
  relativeRisk?: SheetCell;
  referralRate?: SheetCell;
}

export interface GrowthSheets {
  plan: WorkbookPlan;
  cells: GrowthCells;
  /** Where each block's body landed, by sheet key and block key. */
  at: { growth: Record<string, Placed>; drivers: Record<string, Placed> | null };
}

/** Number format of the period labels (the first day of each period). */
const PERIOD_FORMAT: Record<GrowthPeriod, string> = { week: FORMATS.date, month: FORMATS.month, quarter: FORMATS.month, year: "yyyy" };

/** Columns of the summary and of the table by period (after the period column). */
const SUMMARY = ["atStart", "newCustomers", "reactivated", "lost", "atEnd", "netGrowth", "newValue", "lostValue", "netValue"] as const;
type SummaryKey = (typeof SUMMARY)[number];
const MONEY_FROM = SUMMARY.indexOf("newValue");
/** The summary's first column holds the span of periods, so its figures stand over the same columns of the table by period. */
const SUMMARY_FROM = 1;

/** Chart colours: won in green, lost in red, levels in blue (distinct, from the palette). */
const WON = PALETTE[2];
const LOST = PALETTE[3];
const LEVEL = PALETTE[0];

interface View {
  agg: GrowthAggregate;
  t: GrowthStrings;
  o: GrowthSheetOptions;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Builds the sheets. */
export function growthSheets(agg: GrowthAggregate, o: GrowthSheetOptions, t: GrowthStrings): GrowthSheets {
  const v: View = { agg, t, o };
  const r = agg.report;
  const facts = { period: t.periods[r.growth.period], lostAfter: r.growth.lostAfter, valueWindow: r.growth.valueWindow };

  const g = new SheetBuilder("growth", t.growthSheet, t.title);
  g.heading([t.source(o.source), t.about(facts)]);
  const growth = g.place([summary(v), [bridge(v), money(v)], [bridgeChart(v), moneyChart(v)], periods(v)]);
  g.freeze(0, 1); // the period column stays in view
  const sheets: SheetPlan[] = [g.build()];

  const blocks = driverBlocks(v);
  let drivers: Record<string, Placed> | null = null;
  if (blocks.length > 0) {
    const d = new SheetBuilder("drivers", t.driversSheet, t.driversTitle);
    const lines = [t.source(o.source)];
    if (o.incidentSource) lines.push(t.incidentSource(o.incidentSource));
    else lines.push(t.noIncidentLog);
    d.heading(lines);
    drivers = d.place(blocks);
    sheets.push(d.build());
  }

  const on = (sheet: string, placed: Placed, r: number, c: number): SheetCell => ({ sheet, cell: placed.cell(r, c) });
  const s = growth.summary;
  const cells = Object.fromEntries(SUMMARY.map((key, i) => [key, on("growth", s, 1, SUMMARY_FROM + i)])) as unknown as GrowthCells;
  if (drivers?.incidents) {
    cells.incidentLossRate = on("drivers", drivers.incidents, 1, INCIDENT.rate);
    cells.relativeRisk = on("drivers", drivers.incidents, 1, INCIDENT.rr);
  }
  if (drivers?.referrals) cells.referralRate = on("drivers", drivers.referrals, drivers.referrals.rows - 1, 3);
  return { plan: { title: t.title, sheets }, cells, at: { growth, drivers } };
}

function header(t: GrowthStrings, key: SummaryKey): string {
  return t[key];
}

/** The net growth over every period: formulas over the table by period. */
function summary(v: View): BlockSpec {
  const { t, agg } = v;
  const totals = agg.report.totals;
  const { rows: list, period } = agg.report.growth;
  const span = list.length > 0 ? windowText(list[0].start, list[list.length - 1].start, period, t) : "";
  return {
    key: "summary",
    title: t.summaryTitle,
    note: t.summaryNote,
    rows: 2,
    columns: SUMMARY_FROM + SUMMARY.length,
    fill(w) {
      const p = w.at("periods");
      // The table by period: column 0 is the period, then SUMMARY's columns.
      const col = (key: SummaryKey) => p.columnRange(1 + SUMMARY.indexOf(key), 1);
      const own = (key: SummaryKey) => w.cell(1, SUMMARY_FROM + SUMMARY.indexOf(key));
      const values: Record<SummaryKey, Cell> = {
        atStart: fx(`=${p.cell(1, 1)}`, totals.customersAtStart),
        newCustomers: fx(`=SUM(${col("newCustomers")})`, totals.newCustomers),
        reactivated: fx(`=SUM(${col("reactivated")})`, totals.reactivated),
        lost: fx(`=SUM(${col("lost")})`, totals.lost),
        atEnd: fx(`=${own("atStart")}+${own("newCustomers")}+${own("reactivated")}-${own("lost")}`, totals.customersAtEnd),
        netGrowth: fx(`=${own("atEnd")}-${own("atStart")}`, totals.netGrowth),
        newValue: fx(`=SUM(${col("newValue")})`, totals.newValue ?? 0),
        lostValue: fx(`=SUM(${col("lostValue")})`, totals.lostValue ?? 0),
        netValue: fx(`=${own("newValue")}-${own("lostValue")}`, totals.netValue ?? 0),
      };
      w.put([
        [t.span, ...SUMMARY.map((k) => header(t, k))],
        [span, ...SUMMARY.map((k) => values[k])],
      ]).header();
      w.format(w.range(1, SUMMARY_FROM, 1, MONEY_FROM), { ...LOOKS.output, numberFormat: FORMATS.integer });
      w.format(w.range(1, SUMMARY_FROM + MONEY_FROM, 1, SUMMARY.length - MONEY_FROM), { ...LOOKS.output, numberFormat: v.o.moneyFormat });
    },
  };
}

/** Columns of a waterfall's block: the step, its figure, then the chart's series. */
const STEP = 0, FIGURE = 1, BASE = 2, UP = 3, DOWN = 4, TOTAL = 5;

/** One step of a waterfall: its label, its figure, and how the chart draws it. */
interface Step {
  label: string;
  figure: Cell;
  base: Cell;
  up: Cell;
  down: Cell;
  total: Cell;
}

/** A waterfall's table: the steps and the cells its chart draws (the base invisible under each step). */
function waterfallTable(
  spec: { key: string; title: string; note: string; figureHeader: string; format: string; steps: number },
  v: View,
  steps: (w: BlockWriter) => Step[],
): BlockSpec {
  const { t } = v;
  return {
    key: spec.key,
    title: spec.title,
    note: spec.note,
    rows: 1 + spec.steps,
    columns: 6,
    fill(w) {
      const list = steps(w);
      w.put([
        [t.step, spec.figureHeader, t.chartBase, t.chartUp, t.chartDown, t.chartLevel],
        ...list.map((s) => [s.label, s.figure, s.base, s.up, s.down, s.total]),
      ]).header();
      w.format(w.range(1, FIGURE, list.length, 5), { numberFormat: spec.format });
      // The chart's columns in grey: the figures a reader wants are in the second column.
      w.format(w.range(1, BASE, list.length, 4), { fontColor: "#7F7F7F" });
    },
  };
}

/** The chart of a waterfall table; its value axis meets zero on the side the levels lie (`below`: all 0 or less). */
function waterfallChart(key: string, table: string, title: string, v: View, below = false): BlockSpec {
  const { t } = v;
  return chartBlock(key, (w) => {
    const b = w.at(table);
    return {
      type: "waterfall",
      title,
      ...(below ? { valueAxisMax: 0 } : { valueAxisMin: 0 }),
      categories: b.columnRange(STEP, 1),
      base: b.columnRange(BASE, 1),
      series: [
        { name: t.chartUp, values: b.columnRange(UP, 1), color: WON },
        { name: t.chartDown, values: b.columnRange(DOWN, 1), color: LOST },
        { name: t.chartLevel, values: b.columnRange(TOTAL, 1), color: LEVEL },
      ],
    };
  });
}

/** Start, new, reactivated, lost, end: the summary's figures as steps (all levels are 0 or more). */
function bridge(v: View): BlockSpec {
  const { t, agg } = v;
  const x = agg.report.totals;
  return waterfallTable({ key: "bridge", title: t.bridgeTitle, note: t.bridgeNote, figureHeader: t.customers, format: FORMATS.integer, steps: 5 }, v, (w) => {
    const s = w.at("summary");
    const fig = (r: number) => w.cell(1 + r, FIGURE);
    const from = (key: SummaryKey) => `=${s.cell(1, SUMMARY_FROM + SUMMARY.indexOf(key))}`;
    const afterNew = x.customersAtStart + x.newCustomers;
    return [
      { label: t.atStart, figure: fx(from("atStart"), x.customersAtStart), base: "", up: "", down: "", total: fx(`=${fig(0)}`, x.customersAtStart) },
      { label: t.newCustomers, figure: fx(from("newCustomers"), x.newCustomers), base: fx(`=${fig(0)}`, x.customersAtStart), up: fx(`=${fig(1)}`, x.newCustomers), down: "", total: "" },
      { label: t.reactivated, figure: fx(from("reactivated"), x.reactivated), base: fx(`=${fig(0)}+${fig(1)}`, afterNew), up: fx(`=${fig(2)}`, x.reactivated), down: "", total: "" },
      {
        label: t.lost,
        figure: fx(from("lost"), x.lost),
        base: fx(`=${fig(0)}+${fig(1)}+${fig(2)}-${fig(3)}`, afterNew + x.reactivated - x.lost),
        up: "",
        down: fx(`=${fig(3)}`, x.lost),
        total: "",
      },
      { label: t.atEnd, figure: fx(from("atEnd"), x.customersAtEnd), base: "", up: "", down: "", total: fx(`=${fig(4)}`, x.customersAtEnd) },
    ];
  });
}

/**
 * Value of new customers, value of lost customers, net value growth. Stacked
 * columns cannot draw a step that crosses zero, so when the loss is the
 * larger the steps run the other way round (lost, then new), all below zero:
 * each bar then stands on the level nearer zero.
 */
function money(v: View): BlockSpec {
  const { t, agg } = v;
  const gained = agg.report.totals.newValue ?? 0;
  const lost = agg.report.totals.lostValue ?? 0;
  const net = gained - lost;
  return waterfallTable({ key: "money", title: t.moneyTitle, note: t.moneyNote, figureHeader: t.amount, format: v.o.moneyFormat, steps: 3 }, v, (w) => {
    const s = w.at("summary");
    const fig = (r: number) => w.cell(1 + r, FIGURE);
    const from = (key: SummaryKey) => `=${s.cell(1, SUMMARY_FROM + SUMMARY.indexOf(key))}`;
    const netStep = (gainRow: number, lossRow: number): Step => ({
      label: t.netValue,
      figure: fx(`=${fig(gainRow)}-${fig(lossRow)}`, net),
      base: "",
      up: "",
      down: "",
      total: fx(`=${fig(2)}`, net),
    });
    if (net >= 0) {
      // New (row 0) up from 0; lost (row 1) down from the gain to the net; the net.
      return [
        { label: t.newValue, figure: fx(from("newValue"), gained), base: "", up: fx(`=${fig(0)}`, gained), down: "", total: "" },
        { label: t.lostValue, figure: fx(from("lostValue"), lost), base: fx(`=${fig(0)}-${fig(1)}`, net), up: "", down: fx(`=${fig(1)}`, lost), total: "" },
        netStep(0, 1),
      ];
    }
    // Lost (row 0) down from 0; new (row 1) up from −lost to the net, drawn below zero; the net.
    return [
      { label: t.lostValue, figure: fx(from("lostValue"), lost), base: "", up: "", down: fx(`=-${fig(0)}`, -lost), total: "" },
      { label: t.newValue, figure: fx(from("newValue"), gained), base: fx(`=${fig(1)}-${fig(0)}`, net), up: fx(`=-${fig(1)}`, -gained), down: "", total: "" },
      netStep(1, 0),
    ];
  });
}

function bridgeChart(v: View): BlockSpec {
  return waterfallChart("bridgeChart", "bridge", v.t.bridgeChart, v);
}

function moneyChart(v: View): BlockSpec {
  const totals = v.agg.report.totals;
  return waterfallChart("moneyChart", "money", v.t.moneyChart, v, (totals.newValue ?? 0) < (totals.lostValue ?? 0));
}

/** The bridge by period: each period starts where the one before ended. */
function periods(v: View): BlockSpec {
  const { t, agg } = v;
  const { rows: list, period } = agg.report.growth;
  return {
    key: "periods",
    title: t.periodsTitle,
    note: t.periodsNote,
    rows: list.length + 1,
    columns: 1 + SUMMARY.length,
    fill(w) {
      const c = (key: SummaryKey) => 1 + SUMMARY.indexOf(key);
      const rows: Cell[][] = [[t.periods[period].Unit, ...SUMMARY.map((k) => header(t, k))]];
      list.forEach((row: GrowthRow, i) => {
        const r = 1 + i;
        const at = (key: SummaryKey) => w.cell(r, c(key));
        rows.push([
          row.start,
          i === 0 ? row.customersAtStart : fx(`=${w.cell(r - 1, c("atEnd"))}`, row.customersAtStart),
          row.newCustomers,
          row.reactivated,
          row.lost,
          fx(`=${at("atStart")}+${at("newCustomers")}+${at("reactivated")}-${at("lost")}`, row.customersAtEnd),
          fx(`=${at("atEnd")}-${at("atStart")}`, row.netGrowth),
          row.newValue ?? 0,
          row.lostValue ?? 0,
          fx(`=${at("newValue")}-${at("lostValue")}`, row.netValue ?? 0),
        ]);
      });
      w.put(rows).header().table(t.periodsTable, "TableStyleLight9");
      const n = list.length;
      w.format(w.range(1, 0, n, 1), { numberFormat: PERIOD_FORMAT[period], horizontalAlignment: "left" });
      w.format(w.range(1, 1, n, MONEY_FROM), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 1 + MONEY_FROM, n, SUMMARY.length - MONEY_FROM), { numberFormat: v.o.moneyFormat });
    },
  };
}

/** The blocks of the drivers sheet that the data allows, in reading order. */
function driverBlocks(v: View): (BlockSpec | BlockSpec[])[] {
  const r = v.agg.report;
  const out: (BlockSpec | BlockSpec[])[] = [];
  if (r.bySegment) out.push(segments(v));
  if (r.lossReasons && r.lossReasons.reasons.length > 0) out.push([reasons(v), reasonsChart(v)]);
  if (r.incidents) out.push(incidents(v), incidentRows(v));
  if (r.referrals) out.push(referrals(v));
  if (r.valueMovement) out.push(movement(v), movementSummary(v), tiers(v));
  return out;
}

/** Writes a label column: the user's labels as their own text, the template's words (no segment, total) as the template's. */
function putLabels(w: BlockWriter, labels: { text: Segment; user: boolean }[], from = 1): void {
  labels.forEach((l, i) => w.put([[l.text]], [from + i, 0], { text: true, userData: l.user }));
}

/** Net growth by segment over every period (everyone starts at 0), with the total that equals the summary. */
function segments(v: View): BlockSpec {
  const { t, agg } = v;
  const list = agg.report.bySegment!;
  const n = list.length;
  const heads = [t.segment, t.customers, t.newCustomers, t.reactivated, t.lost, t.netGrowth, t.newValue, t.lostValue, t.netValue];
  return {
    key: "segments",
    title: t.segmentsTitle,
    note: t.segmentsNote,
    rows: n + 2,
    columns: heads.length,
    fill(w) {
      w.put([heads]).header();
      putLabels(w, [...list.map((s) => ({ text: s.segment ?? t.noSegment, user: s.segment !== null })), { text: t.total, user: false }]);
      const rows: Cell[][] = list.map((s, i) => {
        const r = 1 + i;
        const x = s.totals;
        return [
          s.customers,
          x.newCustomers,
          x.reactivated,
          x.lost,
          fx(`=${w.cell(r, 2)}+${w.cell(r, 3)}-${w.cell(r, 4)}`, x.newCustomers + x.reactivated - x.lost),
          x.newValue ?? 0,
          x.lostValue ?? 0,
          fx(`=${w.cell(r, 6)}-${w.cell(r, 7)}`, (x.newValue ?? 0) - (x.lostValue ?? 0)),
        ];
      });
      const column = (c: number, pick: (i: number) => number) => fx(`=SUM(${w.columnRange(c, 1, n)})`, sum(list.map((_, i) => pick(i))));
      rows.push([
        column(1, (i) => list[i].customers),
        column(2, (i) => list[i].totals.newCustomers),
        column(3, (i) => list[i].totals.reactivated),
        column(4, (i) => list[i].totals.lost),
        column(5, (i) => list[i].totals.newCustomers + list[i].totals.reactivated - list[i].totals.lost),
        column(6, (i) => list[i].totals.newValue ?? 0),
        column(7, (i) => list[i].totals.lostValue ?? 0),
        column(8, (i) => (list[i].totals.newValue ?? 0) - (list[i].totals.lostValue ?? 0)),
      ]);
      w.put(rows, [1, 1]);
      w.format(w.range(1, 1, n + 1, 5), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 6, n + 1, 3), { numberFormat: v.o.moneyFormat });
      w.format(w.range(n + 1, 0, 1, heads.length), { bold: true });
    },
  };
}

/** Lost customers by reason, with each reason's share (a formula over the counts) and value. */
function reasons(v: View): BlockSpec {
  const { t, agg } = v;
  const lr = agg.report.lossReasons!;
  const n = lr.reasons.length;
  return {
    key: "reasons",
    title: t.reasonsTitle,
    note: t.reasonsNote,
    rows: n + 2,
    columns: 4,
    fill(w) {
      w.put([[t.reason, t.lost, t.share, t.lostValue]]).header();
      putLabels(w, [...lr.reasons.map((x) => ({ text: x.reason ?? t.noReason, user: x.reason !== null })), { text: t.total, user: false }]);
      const total = w.cell(n + 1, 1, "$all");
      const rows: Cell[][] = lr.reasons.map((x, i) => [x.lost, fx(`=${w.cell(1 + i, 1)}/${total}`, x.share), x.lostValue ?? 0]);
      rows.push([fx(`=SUM(${w.columnRange(1, 1, n)})`, lr.lost), fx(`=SUM(${w.columnRange(2, 1, n)})`, sum(lr.reasons.map((x) => x.share))), fx(`=SUM(${w.columnRange(3, 1, n)})`, lr.lostValue ?? 0)]);
      w.put(rows, [1, 1]);
      w.format(w.range(1, 1, n + 1, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 2, n + 1, 1), { numberFormat: FORMATS.percent });
      w.format(w.range(1, 3, n + 1, 1), { numberFormat: v.o.moneyFormat });
      w.format(w.range(n + 1, 0, 1, 4), { bold: true });
    },
  };
}

function reasonsChart(v: View): BlockSpec {
  const { t, agg } = v;
  const n = agg.report.lossReasons!.reasons.length;
  return chartBlock(
    "reasonsChart",
    (w) => {
      const b = w.at("reasons");
      return { type: "bar", title: t.reasonsChart, categories: b.columnRange(0, 1, n), series: [{ name: t.lost, values: b.columnRange(1, 1, n), color: LOST }] };
    },
    { rows: Math.max(10, n + 6), columns: 7 },
  );
}

/** Columns of the incidents table. */
const INCIDENT = { type: 0, n1: 1, a: 2, rate: 3, n0: 4, c: 5, rateWithout: 6, rr: 7, low: 8, high: 9 } as const;

/** Loss after incidents, all types together and by type, against customers without one. */
function incidents(v: View): BlockSpec {
  const { t, agg } = v;
  const rep = agg.report.incidents!;
  const rows: { label: string; user: boolean; x: IncidentLoss }[] = [
    { label: t.allIncidents, user: false, x: rep.all },
    ...rep.byType.map((b) => ({ label: b.type === null ? t.noType : String(b.type), user: b.type !== null, x: b as IncidentLoss })),
  ];
  const heads = [t.incidentType, t.withIncident, t.lostAfterIncident, t.lossRate, t.withoutIncident, t.lostWithout, t.lossRateWithout, t.relativeRisk, t.low, t.high];
  return {
    key: "incidents",
    title: t.incidentsTitle,
    note: t.incidentsNote(rep.windowDays, rep.lostAfterDays),
    rows: rows.length + 1,
    columns: heads.length,
    fill(w) {
      w.put([heads]).header();
      putLabels(
        w,
        rows.map((r) => ({ text: r.label, user: r.user })),
      );
      const na = t.na;
      const cells: Cell[][] = rows.map(({ x }, i) => {
        const at = (c: number) => w.cell(1 + i, c);
        const [n1, a, rate, n0, c, without, rr] = [INCIDENT.n1, INCIDENT.a, INCIDENT.rate, INCIDENT.n0, INCIDENT.c, INCIDENT.rateWithout, INCIDENT.rr].map(at);
        const ratio = x.relativeRisk;
        const bound = (sign: "-" | "+", value: number | undefined): Cell =>
          fx(`=IF(ISNUMBER(${rr}),EXP(LN(${rr})${sign}NORM.S.INV(0.975)*SQRT(1/${a}-1/${n1}+1/${c}-1/${n0})),"${na}")`, value ?? na);
        return [
          x.customersWithIncident,
          x.lostAfterIncident,
          fx(`=IF(${n1}=0,"${na}",${a}/${n1})`, x.lossRate ?? na),
          x.customersWithout,
          x.lostWithout,
          fx(`=IF(${n0}=0,"${na}",${c}/${n0})`, x.lossRateWithout ?? na),
          fx(`=IF(OR(${n1}=0,${n0}=0,${a}=0,${c}=0),"${na}",${rate}/${without})`, ratio ? ratio.ratio : na),
          bound("-", ratio?.low),
          bound("+", ratio?.high),
        ];
      });
      w.put(cells, [1, 1]);
      const n = rows.length;
      w.format(w.range(1, INCIDENT.n1, n, 2), { numberFormat: FORMATS.integer });
      w.format(w.range(1, INCIDENT.n0, n, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(1, INCIDENT.c, n, 1), { numberFormat: "#,##0.0" });
      w.format(w.range(1, INCIDENT.rate, n, 1), { numberFormat: FORMATS.percent });
      w.format(w.range(1, INCIDENT.rateWithout, n, 1), { numberFormat: FORMATS.percent });
      w.format(w.range(1, INCIDENT.rr, n, 3), { numberFormat: FORMATS.decimal2, horizontalAlignment: "right" });
      w.format(w.range(1, 0, 1, heads.length), { bold: true });
    },
  };
}

/** What happened to the incident log's rows. */
function incidentRows(v: View): BlockSpec {
  const { t, agg } = v;
  const x = agg.report.incidents!.incidents;
  return {
    key: "incidentRows",
    title: t.incidentRowsTitle,
    note: t.incidentRowsNote,
    rows: 2,
    columns: 5,
    fill(w) {
      w.put([
        [t.incidentRows, t.followed, t.unknownCustomer, t.windowNotOver, t.notActive],
        [x.rows, x.followed, x.unknownCustomer, x.windowNotOver, x.notActive],
      ]).header();
      w.format(w.range(1, 0, 1, 5), { numberFormat: FORMATS.integer });
    },
  };
}

/** Referrals received and made by segment, with the rate as a formula and the total. */
function referrals(v: View): BlockSpec {
  const { t, agg } = v;
  const ref = agg.report.referrals!;
  const list = ref.bySegment;
  const n = list.length;
  const segmented = agg.report.bySegment !== null;
  return {
    key: "referrals",
    title: t.referralsTitle,
    note: t.referralsNote(ref.referredByNonCustomers),
    rows: n + 2,
    columns: 5,
    fill(w) {
      w.put([[t.segment, t.customers, t.referred, t.referralRate, t.referralsMade]]).header();
      putLabels(w, [
        ...list.map((s) => ({ text: s.segment ?? (segmented ? t.noSegment : t.everyone), user: s.segment !== null })),
        { text: t.total, user: false },
      ]);
      const na = t.na;
      const rate = (r: number, value: number | null) => fx(`=IF(${w.cell(r, 1)}=0,"${na}",${w.cell(r, 2)}/${w.cell(r, 1)})`, value ?? na);
      const rows: Cell[][] = list.map((s, i) => [s.customers, s.referred, rate(1 + i, s.referralRate), s.referralsMade]);
      const total = (c: number, value: number) => fx(`=SUM(${w.columnRange(c, 1, n)})`, value);
      rows.push([total(1, sum(list.map((s) => s.customers))), total(2, sum(list.map((s) => s.referred))), rate(n + 1, ref.referralRate), total(4, sum(list.map((s) => s.referralsMade)))]);
      w.put(rows, [1, 1]);
      w.format(w.range(1, 1, n + 1, 2), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 3, n + 1, 1), { numberFormat: FORMATS.percent });
      w.format(w.range(1, 4, n + 1, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(n + 1, 0, 1, 5), { bold: true });
    },
  };
}

/** A window's dates as the language writes them: "Jan 2022 – Dec 2022" ("ene 2022 – dic 2022"). */
function windowText(from: number, to: number, period: GrowthPeriod, t: GrowthStrings): string {
  const locale = LOCALES[t.language];
  const options: Intl.DateTimeFormatOptions =
    period === "week" ? { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" } : period === "year" ? { year: "numeric", timeZone: "UTC" } : { month: "short", year: "numeric", timeZone: "UTC" };
  const show = (serial: number) => new Intl.DateTimeFormat(locale, options).format(new Date(Date.UTC(1899, 11, 30) + serial * 86400000));
  return from === to ? show(from) : `${show(from)} – ${show(to)}`;
}

/** The tiers × tiers movement matrix (the shared migration matrix): rows where customers started, columns where they ended. */
function movement(v: View): BlockSpec {
  const { t, agg } = v;
  const m = agg.report.valueMovement!;
  const period = agg.report.growth.period;
  return migrationMatrixBlock({
    key: "movement",
    title: t.movementTitle,
    note: t.movementNote(windowText(m.first.from, m.first.to, period, t), windowText(m.last.from, m.last.to, period, t)),
    segments: m.tiers.map((n) => t.tiers[n - 1] ?? String(n)),
    words: { corner: t.fromTo, newRow: t.newRow, lost: t.lostColumn, totalBefore: t.total, totalAfter: t.total },
    matrix: m.matrix,
    numberFormat: FORMATS.integer,
  });
}

/** Shares moved up, stayed, moved down and lost: formulas over the matrix. */
function movementSummary(v: View): BlockSpec {
  const { t, agg } = v;
  const m = agg.report.valueMovement!;
  const k = m.tiers.length;
  const s = m.summary;
  return {
    key: "movementSummary",
    title: t.movementSummaryTitle,
    note: t.movementSummaryNote,
    rows: 2,
    columns: 4,
    fill(w) {
      const mx = w.at("movement");
      const cell = (i: number, j: number) => mx.cell(MIGRATION.row(i), MIGRATION.column(j));
      // Customers before: every tier's row, its Lost column included (not the New row).
      const before = `SUM(${mx.range(MIGRATION.row(0), MIGRATION.column(0), k, k + 1)})`;
      const up: string[] = [], same: string[] = [], down: string[] = [];
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) (j > i ? up : j === i ? same : down).push(cell(i, j));
      }
      const lost = mx.range(MIGRATION.row(0), MIGRATION.column(k), k, 1);
      const share = (cells: string, value: number): Cell => fx(`=IF(${before}=0,"${t.na}",${cells}/${before})`, s.customersBefore === 0 ? t.na : value);
      w.put([
        [t.movedUp, t.stayed, t.movedDown, t.lostColumn],
        [share(`SUM(${up.join(",")})`, s.movedUp), share(`SUM(${same.join(",")})`, s.stayed), share(`SUM(${down.join(",")})`, s.movedDown), share(`SUM(${lost})`, s.lost)],
      ]).header();
      w.format(w.range(1, 0, 1, 4), { ...LOOKS.output, numberFormat: FORMATS.percent });
    },
  };
}

/** The tiers' revenue bounds (values: quantiles of the first window's revenue). */
function tiers(v: View): BlockSpec {
  const { t, agg } = v;
  const m = agg.report.valueMovement!;
  return {
    key: "tiers",
    title: t.tiersTitle,
    note: t.tiersNote,
    rows: m.tiers.length + 1,
    columns: 2,
    fill(w) {
      const rows: Cell[][] = [[t.tier, t.revenueUpTo]];
      m.tiers.forEach((n, i) => rows.push([t.tiers[n - 1] ?? String(n), i < m.thresholds.length ? m.thresholds[i] : t.above]));
      w.put(rows).header();
      w.format(w.range(1, 1, m.tiers.length, 1), { numberFormat: v.o.moneyFormat, horizontalAlignment: "right" });
    },
  };
}
