/**
 * The customer lifetime value sheets, block by block, from the aggregate
 * alone (aggregate.ts):
 * - "CLV model": settings, the two fits, the RFM summary, the forecast, the
 *   bootstrapped ranges, the top customers and expected purchases by period
 *   (each with its chart), the P(alive) grid;
 * - "CLV by customer": one row per customer, highest CLV first;
 * - "CLV holdout check" (when the aggregate has one): the split, the
 *   calibration fit, actual against predicted holdout purchases by
 *   calibration purchases, and the cumulative tracking, with charts.
 *
 * What is a value and what is a formula (DESIGN §3): the RFM columns are
 * values grouped from the log; the fitted parameters, expected purchases,
 * the P(alive) grid, the bootstrap's shares and the holdout predictions are
 * model outputs computed at build time (values, said so on the sheets);
 * P(alive) (FHL 2008, eq. 1, as 1/(1 + e^min(500, ln D)) so no power
 * overflows), the expected spend, CLV = margin × spend × discounted
 * purchases, every total, difference and ratio are Excel formulas, each
 * written with the value the core computed (fx).
 */
import { RFM_UNIT_DAYS } from "../../metrics/rfm";
import { columnLetter } from "../../workbook/a1";
import { BlockSpec, BlockWriter, chartBlock, SheetBuilder } from "../../workbook/builder";
import { Cell, fx, Placed } from "../../workbook/layout";
import { sheetRef, WorkbookPlan } from "../../workbook/plan";
import { COLORS, FORMATS, LOOKS, PALETTE } from "../../workbook/styles";
import { LOCALES, plural } from "../shared/language";
import type { SourceFacts } from "../shared/strings";
import { ClvAggregate, hasPartlyKnownSpend, populationSpend, totals } from "./aggregate";
import type { ClvStrings, UnitWords } from "./strings";

export interface ClvSheetOptions {
  /** Number format of money cells (shared/money.ts). */
  moneyFormat: string;
  source: SourceFacts;
  /** Rows kept with an unreadable amount (the partial-row rule): stated on the customer sheet. */
  unknownAmounts: number;
}

/** Cells of the headline figures, for headlines and tests. */
export interface ClvCells {
  expectedActive: string;
  expectedPurchases: string;
  totalClv: string;
  averageClv: string;
  margin: string;
  actualHoldout?: string;
  predictedHoldout?: string;
}

export interface ClvSheets {
  plan: WorkbookPlan;
  cells: ClvCells;
  /** Where each block's body landed, by sheet key then block key (for tests). */
  at: Record<"clv" | "customers" | "holdout", Record<string, Placed>>;
  /** The per-customer table's columns (offsets from its first column), for tests. */
  columns: Record<CustomerColumn, number>;
}

/**
 * The explanations of the "Measure | Value | How it is computed" blocks wrap
 * in column C at this width (characters), the same on the whole sheet: two
 * lines for most of them, where the measured width of a wrapped cell would
 * give three or four narrow ones.
 */
const DESCRIPTION_COLUMN = 3;
const DESCRIPTION_WIDTH = 46;

/**
 * The row of charts at the top of a sheet: the first over column A (the
 * labels' column, about 300 px), the second, after the gap of column B, over
 * columns C to F (the explanations' column and three of figures).
 */
const FIRST_CHART = { rows: 18, columns: 1 };
const WIDE_CHART = { rows: 18, columns: 4 };

/** The printout of the customer sheet holds at most this many customers (highest CLV first). */
export const PRINTED_CUSTOMERS = 100;

type CustomerColumn = "customer" | "firstPurchase" | "frequency" | "recency" | "T" | "monetary" | "spendX" | "pAlive" | "expected" | "discounted" | "spend" | "clv";

/** What every block reads. */
interface View {
  agg: ClvAggregate;
  t: ClvStrings;
  u: UnitWords;
  o: ClvSheetOptions;
  n: number;
  H: number;
  top: number;
  /** The customer sheet's columns and its first data row. */
  K: Record<CustomerColumn, number>;
  firstRow: number;
  /** Absolute range of a customer column on the customer sheet, from another sheet. */
  col: (c: CustomerColumn) => string;
  /** Absolute cell of a block's body on the model sheet, from another sheet (set once the model sheet is placed). */
  model: (key: string, r: number, c: number) => string;
  /** The bootstrap's range per customer index. */
  ranges: Map<number, { low: number; high: number; estimate: number }>;
}

const C_MODEL = sheetRef("clv");
const C_CUSTOMERS = sheetRef("customers");

/** Builds the sheets. */
export function clvSheets(agg: ClvAggregate, o: ClvSheetOptions, t: ClvStrings): ClvSheets {
  const n = agg.rfm.ids.length;
  const partial = hasPartlyKnownSpend(agg);
  const order: CustomerColumn[] = ["customer", "firstPurchase", "frequency", "recency", "T", "monetary", ...(partial ? (["spendX"] as const) : []), "pAlive", "expected", "discounted", "spend", "clv"];
  const K = Object.fromEntries(order.map((c, i) => [c, i])) as Record<CustomerColumn, number>;
  if (!partial) K.spendX = K.frequency; // the Gamma-Gamma's x is the repeat purchases themselves

  // The customer sheet's heading comes first: the model sheet's formulas point at its columns.
  const cs = new SheetBuilder("customers", t.customersSheet, t.customersTitle);
  const printed = Math.min(n, PRINTED_CUSTOMERS);
  const headerRow = cs.heading([t.source(o.source), t.customersAbout(printed, n), ...(o.unknownAmounts > 0 ? [t.unknownSpendNote(o.unknownAmounts)] : [])]);
  const firstRow = headerRow + 1;
  let modelAt: Record<string, Placed> = {};
  const v: View = {
    agg,
    t,
    u: t.units[agg.settings.unit],
    o,
    n,
    H: agg.settings.horizon,
    top: Math.min(agg.settings.top, n),
    K,
    firstRow,
    col: (c) => {
      const letter = columnLetter(1 + K[c]);
      return `${C_CUSTOMERS}!$${letter}$${firstRow}:$${letter}$${firstRow + n - 1}`;
    },
    model: (key, r, c) => `${C_MODEL}!${modelAt[key].cell(r, c, "$all")}`,
    ranges: new Map((agg.bootstrap?.top ?? []).map((r) => [r.index, r])),
  };

  // ---- The model sheet.
  const s = new SheetBuilder("clv", t.modelSheet, t.title);
  const skippedLines = agg.skipped.map((reason) => (reason === "bootstrapFailed" || reason === "bootstrapTooLarge" ? t.rangeSkipped[reason] : t.holdoutSkipped[reason]));
  s.heading([t.source(o.source), t.modelAbout, ...[t.holdoutLine(agg.holdout !== null)].filter((l) => l !== ""), ...skippedLines]);
  // The charts first, side by side in one row, so they print whole on the first page (a chart cut by a page break
  // prints in two pieces); then what a manager reads (settings, forecast, ranges, top customers, the periods ahead),
  // then the model behind it.
  modelAt = s.place([
    [periodsChart(v), topChart(v)],
    settings(v),
    forecast(v),
    ...(agg.bootstrap ? [range(v)] : []),
    topCustomers(v),
    periods(v),
    [rfm(v), grid(v)],
    fitBg(v),
    fitGg(v),
  ]);
  s.widths(DESCRIPTION_COLUMN, [DESCRIPTION_WIDTH]).freeze(0, 1);

  // ---- The customer sheet.
  const customerAt = cs.place([customerTable(v)]);
  cs.freeze(headerRow, 1).printTitles(headerRow).tab(COLORS.series[2]);
  const lastColumn = columnLetter(order.length);
  if (printed < n) cs.printArea(`A1:${lastColumn}${headerRow + printed}`);

  // ---- The holdout sheet.
  const sheets = [s.build(), cs.build()];
  let holdoutAt: Record<string, Placed> = {};
  if (agg.holdout) {
    const hs = new SheetBuilder("holdout", t.holdoutSheet, t.holdoutTitle);
    const h = agg.holdout;
    const date = (serial: number) => isoDate(serial);
    hs.heading([t.source(o.source), t.holdoutAbout({ cutoff: date(h.cutoff), end: date(h.end), length: lengthWords(v, h.holdoutLength), chosen: h.chosen })]);
    holdoutAt = hs.place([[conditionalChart(v), trackingChart(v)], split(v), conditional(v), tracking(v), calibrationFit(v)]);
    hs.widths(DESCRIPTION_COLUMN, [DESCRIPTION_WIDTH]).freeze(0, 1);
    sheets.push(hs.build());
  }

  const f = modelAt.forecast;
  const cells: ClvCells = {
    expectedActive: f.cell(1, 1),
    expectedPurchases: f.cell(2, 1),
    totalClv: f.cell(4, 1),
    averageClv: f.cell(5, 1),
    margin: modelAt.settings.cell(4, 1),
  };
  if (agg.holdout) {
    cells.actualHoldout = holdoutAt.split.cell(7, 1);
    cells.predictedHoldout = holdoutAt.split.cell(8, 1);
  }
  return { plan: { title: t.title, sheets }, cells, at: { clv: modelAt, customers: customerAt, holdout: holdoutAt }, columns: { ...K } };
}

/** "2024-03-15" for a serial. */
export function isoDate(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86400000)).toISOString().slice(0, 10);
}

/** "39 weeks", "9.1 months": a length of time in the build's unit, as the language writes numbers. */
function lengthWords(v: View, length: number): string {
  const shown = decimal(v, length);
  return `${shown} ${plural(v.t.language, length, { one: v.u.one, other: v.u.many })}`;
}

/** A number with at most one decimal, as the build's language writes it. */
function decimal(v: View, x: number): string {
  return x.toLocaleString(LOCALES[v.t.language], { maximumFractionDigits: 1 });
}

/** The number of a body row's cell, or "" where a figure is blank. */
const orBlank = (x: number | null | undefined): Cell => (x === null || x === undefined || !Number.isFinite(x) ? "" : x);

/**
 * A "Measure | Value | How it is computed" table: a header, then `count`
 * rows (made once the block is placed, so formulas can name its cells); the
 * explanations (the third column) wrap.
 */
function describedTable(
  key: string,
  title: string,
  note: string,
  header: string[],
  count: number,
  rows: (w: BlockWriter) => Cell[][],
  format: (w: BlockWriter) => void,
): BlockSpec {
  return {
    key,
    title,
    note,
    rows: count + 1,
    columns: header.length,
    fill(w) {
      const body = rows(w);
      if (body.length !== count) throw new Error(`Block ${key}: ${body.length} rows, ${count} announced.`);
      w.put([header, ...body]).header();
      w.format(w.range(1, 0, count, header.length), { verticalAlignment: "top" });
      w.format(w.range(1, DESCRIPTION_COLUMN - 1, count, 1), { ...LOOKS.note, wrapText: true, verticalAlignment: "top" });
      format(w);
    },
  };
}

function settings(v: View): BlockSpec {
  const { t, u, agg } = v;
  const { settings: o } = agg;
  return describedTable(
    "settings",
    t.settingsTitle,
    t.settingsNote,
    [t.setting, t.value, t.whatItIs],
    5,
    () => [
      [t.timeUnit, u.many, t.timeUnitNote(u)],
      [t.horizon, o.horizon, t.horizonNote(u, o.horizon)],
      [t.discountRate, o.discountRate, t.discountRateNote(u)],
      [t.margin, o.margin, t.marginNote],
      [t.observationEnd, agg.rfm.asOf, t.observationEndNote],
    ],
    (w) => {
      w.format(w.range(1, 1, 2, 1), { horizontalAlignment: "right" });
      w.format(w.range(3, 1), { numberFormat: "0.00%" });
      w.format(w.range(4, 1), { ...LOOKS.input, numberFormat: FORMATS.percent0 });
      w.format(w.range(5, 1), { numberFormat: FORMATS.date, horizontalAlignment: "right" });
      w.name(t.marginName, 4, 1, t.marginComment);
    },
  );
}

const se = (x: number): Cell => (Number.isFinite(x) ? x : "");

function fitBg(v: View): BlockSpec {
  const { t, u, agg } = v;
  const { params: p, standardErrors: e } = agg.bgnbd;
  return describedTable(
    "bg",
    t.bgTitle,
    t.bgNote(agg.bgnbd.customers),
    [t.parameter, t.estimate, t.whatItIs, t.standardError],
    5,
    () => [
      ["r", p.r, t.bgR, se(e.r)],
      ["α", p.alpha, t.bgAlpha(u), se(e.alpha)],
      ["a", p.a, t.bgA, se(e.a)],
      ["b", p.b, t.bgB, se(e.b)],
      [t.logLikelihood, agg.bgnbd.logLikelihood, t.logLikelihoodNote, ""],
    ],
    (w) => {
      w.format(w.range(1, 1, 4, 1), { numberFormat: "0.0000" });
      w.format(w.range(1, 3, 4, 1), { numberFormat: "0.0000" });
      w.format(w.range(5, 1), { numberFormat: "#,##0.0" });
      (["r", "alpha", "a", "b"] as const).forEach((name, i) => w.name(`BGNBD_${name}`, 1 + i, 1, t.bgName(["r", "α", "a", "b"][i])));
    },
  );
}

function fitGg(v: View): BlockSpec {
  const { t, agg } = v;
  const { params: p, standardErrors: e } = agg.gammaGamma;
  return describedTable(
    "gg",
    t.ggTitle,
    t.ggNote(agg.gammaGamma.customers),
    [t.parameter, t.estimate, t.whatItIs, t.standardError],
    5,
    (w) => {
      const [P, Q, G] = [w.cell(1, 1), w.cell(2, 1), w.cell(3, 1)];
      return [
        ["p", p.p, t.ggP, se(e.p)],
        ["q", p.q, t.ggQ, se(e.q)],
        ["γ", p.gamma, t.ggGamma, se(e.gamma)],
        [t.logLikelihood, agg.gammaGamma.logLikelihood, t.logLikelihoodNote, ""],
        [t.ggMean, fx(`=IF(${Q}<=1,NA(),${P}*${G}/(${Q}-1))`, populationSpend(agg)), t.ggMeanNote, ""],
      ];
    },
    (w) => {
      w.format(w.range(1, 1, 3, 1), { numberFormat: "0.0000" });
      w.format(w.range(1, 3, 3, 1), { numberFormat: "0.0000" });
      w.format(w.range(4, 1), { numberFormat: "#,##0.0" });
      w.format(w.range(5, 1), { ...LOOKS.output, numberFormat: v.o.moneyFormat });
      (["p", "q", "gamma"] as const).forEach((name, i) => w.name(`GG_${name}`, 1 + i, 1, t.ggName(["p", "q", "γ"][i])));
    },
  );
}

function rfm(v: View): BlockSpec {
  const { t, u, agg, n, col } = v;
  const r = agg.rfm;
  let repeat = 0, sumX = 0, sumTx = 0, sumT = 0, spendSum = 0, spendCount = 0, repeatSpend = 0, maxT = 0;
  const m = r.monetaryValue;
  for (let i = 0; i < n; i++) {
    sumX += r.frequency[i];
    sumTx += r.recency[i];
    sumT += r.T[i];
    if (r.T[i] > maxT) maxT = r.T[i];
    const mi = m?.[i] ?? 0;
    if (r.frequency[i] > 0) {
      repeat++;
      if (Number.isFinite(mi)) {
        spendSum += mi;
        spendCount++;
      }
    }
    const xs = v.K.spendX === v.K.frequency ? r.frequency[i] : (agg.spendFrequency?.[i] ?? r.frequency[i]);
    if (Number.isFinite(mi)) repeatSpend += xs * mi;
  }
  const first = isoDate(r.asOf - Math.round(maxT * RFM_UNIT_DAYS[r.unit]));
  return describedTable(
    "rfm",
    t.rfmTitle,
    t.rfmNote(u),
    [t.measure, t.value, t.howComputed],
    8,
    (w) => [
      [t.customers, fx(`=ROWS(${col("customer")})`, n), t.customersHow],
      [t.repeatCustomers, fx(`=COUNTIF(${col("frequency")},">0")`, repeat), t.repeatCustomersHow],
      [t.repeatShare, fx(`=${w.cell(2, 1)}/${w.cell(1, 1)}`, repeat / n), t.repeatShareHow],
      [t.meanFrequency, fx(`=AVERAGE(${col("frequency")})`, sumX / n), t.meanFrequencyHow],
      [t.meanRecency(u), fx(`=AVERAGE(${col("recency")})`, sumTx / n), t.meanRecencyHow],
      [t.meanAge(u), fx(`=AVERAGE(${col("T")})`, sumT / n), t.meanAgeHow],
      [t.meanRepeatSpend, fx(`=AVERAGEIF(${col("frequency")},">0",${col("monetary")})`, spendCount > 0 ? spendSum / spendCount : { error: "#DIV/0!" }), t.meanRepeatSpendHow],
      [t.repeatSpend, fx(`=SUMPRODUCT(${col("spendX")},${col("monetary")})`, repeatSpend), t.repeatSpendHow(first, isoDate(r.asOf))],
    ],
    (w) => {
      w.format(w.range(1, 1, 2, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(3, 1), { numberFormat: FORMATS.percent });
      w.format(w.range(4, 1, 3, 1), { numberFormat: FORMATS.decimal2 });
      w.format(w.range(7, 1, 2, 1), { numberFormat: v.o.moneyFormat });
    },
  );
}

function forecast(v: View): BlockSpec {
  const { t, u, agg, col, n } = v;
  const sum = totals(agg);
  let spend = 0;
  for (let i = 0; i < n; i++) spend += agg.expected[i] * agg.spend[i];
  return describedTable(
    "forecast",
    t.forecastTitle(u, v.H),
    t.forecastNote,
    [t.measure, t.value, t.howComputed],
    5,
    () => [
      [t.expectedActive, fx(`=SUM(${col("pAlive")})`, sum.alive), t.expectedActiveHow],
      [t.expectedPurchases, fx(`=SUM(${col("expected")})`, sum.expected), t.expectedPurchasesHow],
      [t.expectedSpend, fx(`=SUMPRODUCT(${col("expected")},${col("spend")})`, spend), t.expectedSpendHow],
      [t.totalClv, fx(`=SUM(${col("clv")})`, sum.clv), t.totalClvHow],
      [t.averageClv, fx(`=AVERAGE(${col("clv")})`, sum.clv / n), t.averageClvHow],
    ],
    (w) => {
      w.format(w.range(1, 1, 2, 1), { numberFormat: "#,##0.0" });
      w.format(w.range(3, 1, 3, 1), { ...LOOKS.output, numberFormat: v.o.moneyFormat });
    },
  );
}

/** The bootstrap's shares of CLV (low/estimate, high/estimate): model outputs, independent of the margin. */
function shares(r: { low: number; high: number; estimate: number } | undefined): [Cell, Cell] {
  if (!r || !(r.estimate > 0)) return ["", ""];
  return [r.low / r.estimate, r.high / r.estimate];
}

/** Low and high as formulas: CLV × share. */
function rangeCells(w: BlockWriter, r: number, clvColumn: number, shareColumn: number, clv: number, s: [Cell, Cell]): Cell[] {
  const clvCell = w.cell(r, clvColumn);
  return s.map((share, k) =>
    share === "" ? "" : fx(`=${clvCell}*${w.cell(r, shareColumn + k)}`, clv * (share as number)),
  );
}

function range(v: View): BlockSpec {
  const { t, agg } = v;
  const b = agg.bootstrap!;
  const total = totals(agg).clv;
  const s = shares(b.total);
  return {
    key: "range",
    title: t.rangeTitle(b.level),
    note: t.rangeNote(b.replicates + b.failed, b.failed, b.seed, b.replicates + b.failed < agg.settings.resamples ? { asked: agg.settings.resamples, customers: agg.rfm.ids.length } : null),
    rows: 2,
    columns: 6,
    fill(w) {
      const forecastTotal = w.at("forecast").cell(4, 1);
      w.put([
        [t.rangeWhat, t.clv, t.lowShare, t.highShare, t.low, t.high],
        [t.allCustomers, fx(`=${forecastTotal}`, total), ...s, ...rangeCells(w, 1, 1, 2, total, s)],
      ]).header();
      w.format(w.range(1, 1), { numberFormat: v.o.moneyFormat });
      w.format(w.range(1, 2, 1, 2), { numberFormat: FORMATS.percent });
      w.format(w.range(1, 4, 1, 2), { ...LOOKS.output, numberFormat: v.o.moneyFormat });
    },
  };
}

function topCustomers(v: View): BlockSpec {
  const { t, u, agg, top, K } = v;
  const withRanges = agg.bootstrap !== null;
  const header = [t.customer, t.pAlive, t.expectedPurchasesAhead(u, v.H), t.expectedSpendPerPurchase, t.clv, ...(withRanges ? [t.lowShare, t.highShare, t.low, t.high] : [])];
  return {
    key: "top",
    title: t.topTitle(top),
    note: t.topNote,
    rows: top + 1,
    columns: header.length,
    fill(w) {
      w.put([header]).header();
      const ids = Array.from({ length: top }, (_, k) => [agg.rfm.ids[agg.order[k]]]);
      w.put(ids, [1, 0], { text: true, userData: true });
      const ref = (c: CustomerColumn, k: number) => `${C_CUSTOMERS}!${columnLetter(1 + K[c])}${v.firstRow + k}`;
      const rows: Cell[][] = [];
      for (let k = 0; k < top; k++) {
        const i = agg.order[k];
        const row: Cell[] = [
          fx(`=${ref("pAlive", k)}`, agg.pAlive[i]),
          fx(`=${ref("expected", k)}`, agg.expected[i]),
          fx(`=${ref("spend", k)}`, agg.spend[i]),
          fx(`=${ref("clv", k)}`, agg.clv[i]),
        ];
        if (withRanges) {
          const s = shares(v.ranges.get(i));
          const [low, high] = rangeCells(w, 1 + k, 4, 5, agg.clv[i], s);
          row.push(s[0], s[1], low, high);
        }
        rows.push(row);
      }
      w.put(rows, [1, 1]);
      w.format(w.range(1, 1, top, 1), { numberFormat: FORMATS.percent });
      w.format(w.range(1, 2, top, 1), { numberFormat: FORMATS.decimal2 });
      w.format(w.range(1, 3, top, 1), { numberFormat: v.o.moneyFormat });
      w.format(w.range(1, 4, top, 1), { ...LOOKS.output, numberFormat: v.o.moneyFormat });
      if (withRanges) {
        w.format(w.range(1, 5, top, 2), { numberFormat: FORMATS.percent });
        w.format(w.range(1, 7, top, 2), { numberFormat: v.o.moneyFormat });
      }
    },
  };
}

function topChart(v: View): BlockSpec {
  const { t, top } = v;
  return chartBlock(
    "topChart",
    (w) => {
      const at = w.at("top");
      return {
        type: "column",
        title: t.topChart(top),
        categories: at.columnRange(0, 1),
        series: [{ name: t.clv, values: at.columnRange(4, 1), color: PALETTE[0] }],
      };
    },
    WIDE_CHART,
  );
}

function periods(v: View): BlockSpec {
  const { t, u, agg, H } = v;
  return {
    key: "periods",
    title: t.periodsTitle(u),
    note: t.periodsNote(u),
    rows: H + 1,
    columns: 5,
    fill(w) {
      const rate = w.at("settings").cell(3, 1, "$all");
      const rows: Cell[][] = [[t.ahead(u), t.expectedPurchases, t.cumulative, t.discountFactor, t.discountedPurchases]];
      let cumulative = 0;
      for (let k = 0; k < H; k++) {
        const r = 1 + k;
        cumulative += agg.byPeriod[k];
        const factor = 1 / Math.pow(1 + agg.settings.discountRate, k + 1);
        rows.push([
          k + 1,
          agg.byPeriod[k],
          fx(`=SUM(${w.cell(1, 1, "$row")}:${w.cell(r, 1)})`, cumulative),
          fx(`=1/(1+${rate})^${w.cell(r, 0)}`, factor),
          fx(`=${w.cell(r, 1)}*${w.cell(r, 3)}`, agg.byPeriod[k] * factor),
        ]);
      }
      w.put(rows).header().table(t.periodsTable, "TableStyleLight9");
      w.format(w.range(1, 1, H, 2), { numberFormat: "#,##0.0" });
      w.format(w.range(1, 3, H, 1), { numberFormat: "0.0000" });
      w.format(w.range(1, 4, H, 1), { numberFormat: "#,##0.0" });
    },
  };
}

function periodsChart(v: View): BlockSpec {
  const { t, u, H } = v;
  return chartBlock(
    "periodsChart",
    (w) => {
      const at = w.at("periods");
      return {
        type: "column",
        title: t.periodsChart(u, H),
        categories: at.columnRange(0, 1),
        series: [{ name: t.expectedPurchases, values: at.columnRange(1, 1), color: PALETTE[1] }],
        xAxisTitle: t.periodsAxis(u),
        yAxisTitle: t.purchasesAxis,
      };
    },
    FIRST_CHART,
  );
}

function grid(v: View): BlockSpec {
  const { t, u, agg } = v;
  const g = agg.grid;
  const T = decimal(v, g.T);
  return {
    key: "grid",
    title: t.gridTitle,
    note: t.gridNote(u, T),
    rows: g.frequencies.length + 1,
    columns: g.recencies.length + 1,
    fill(w) {
      w.put([[t.gridCorner, ...g.recencies], ...g.frequencies.map((x, f) => [x, ...Array.from(g.values[f])])]).header();
      w.format(w.range(0, 1, 1, g.recencies.length), { numberFormat: "0.0" });
      w.format(w.range(1, 0, g.frequencies.length, 1), { horizontalAlignment: "center" });
      w.format(w.range(1, 1, g.frequencies.length, g.recencies.length), { numberFormat: FORMATS.percent0 });
      w.conditional({
        kind: "colorScale",
        range: w.range(1, 1, g.frequencies.length, g.recencies.length),
        min: { type: "number", value: 0, color: COLORS.scaleLow },
        mid: { type: "number", value: 0.5, color: COLORS.scaleMid },
        max: { type: "number", value: 1, color: COLORS.scaleHigh },
      });
    },
  };
}

function customerTable(v: View): BlockSpec {
  const { t, u, agg, n, K } = v;
  const r = agg.rfm;
  const partial = K.spendX !== K.frequency;
  const headers: Record<CustomerColumn, string> = {
    customer: t.customer,
    firstPurchase: t.firstPurchase,
    frequency: t.frequency,
    recency: t.recency(u),
    T: t.age(u),
    monetary: t.meanSpend,
    spendX: t.spendFrequency,
    pAlive: t.pAlive,
    expected: t.expectedPurchasesAhead(u, v.H),
    discounted: t.discountedExpected,
    spend: t.expectedSpendPerPurchase,
    clv: t.clv,
  };
  const columns = (Object.keys(K) as CustomerColumn[]).filter((c) => c !== "spendX" || partial).sort((a, b) => K[a] - K[b]);
  return {
    key: "customers",
    rows: n + 1,
    columns: columns.length,
    fill(w) {
      w.put([columns.map((c) => headers[c])]).header();
      w.put(
        Array.from({ length: n }, (_, k) => [r.ids[agg.order[k]]]),
        [1, 0],
        { text: true, userData: true },
      );
      const P = {
        r: v.model("bg", 1, 1),
        alpha: v.model("bg", 2, 1),
        a: v.model("bg", 3, 1),
        b: v.model("bg", 4, 1),
        p: v.model("gg", 1, 1),
        q: v.model("gg", 2, 1),
        gamma: v.model("gg", 3, 1),
      };
      const margin = v.model("settings", 4, 1);
      const unitDays = RFM_UNIT_DAYS[r.unit];
      const m = r.monetaryValue;
      const rows: Cell[][] = new Array(n);
      for (let k = 0; k < n; k++) {
        const i = agg.order[k];
        const row = 1 + k;
        const at = (c: CustomerColumn) => w.cell(row, K[c]);
        const [x, tx, T, mm, xs] = [at("frequency"), at("recency"), at("T"), at("monetary"), at("spendX")];
        const cells: Cell[] = [
          agg.rfm.asOf - Math.round(r.T[i] * unitDays),
          r.frequency[i],
          r.recency[i],
          r.T[i],
          orBlank(m?.[i] ?? 0),
        ];
        if (partial) cells.push(agg.spendFrequency![i]);
        cells.push(
          fx(`=IF(${x}=0,1,1/(1+EXP(MIN(500,LN(${P.a}/(${P.b}+${x}-1))+(${P.r}+${x})*LN((${P.alpha}+${T})/(${P.alpha}+${tx}))))))`, agg.pAlive[i]),
          agg.expected[i],
          agg.discounted[i],
          fx(`=IF(AND(${xs}>0,ISNUMBER(${mm}),${mm}>0),${P.p}*(${P.gamma}+${xs}*${mm})/(${P.p}*${xs}+${P.q}-1),${P.p}*${P.gamma}/(${P.q}-1))`, agg.spend[i]),
          fx(`=${margin}*${at("spend")}*${at("discounted")}`, agg.clv[i]),
        );
        rows[k] = cells;
      }
      w.put(rows, [1, 1]);
      w.table(t.customersTable, "TableStyleMedium2");
      const column = (c: CustomerColumn) => w.range(1, K[c], n, 1);
      w.format(column("firstPurchase"), { numberFormat: FORMATS.date });
      w.format(column("frequency"), { numberFormat: FORMATS.integer });
      if (partial) w.format(column("spendX"), { numberFormat: FORMATS.integer });
      for (const c of ["recency", "T", "expected", "discounted"] as const) w.format(column(c), { numberFormat: FORMATS.decimal2 });
      for (const c of ["monetary", "spend"] as const) w.format(column(c), { numberFormat: v.o.moneyFormat });
      w.format(column("pAlive"), { numberFormat: FORMATS.percent });
      w.format(column("clv"), { ...LOOKS.output, numberFormat: v.o.moneyFormat });
      w.conditional({
        kind: "colorScale",
        range: column("pAlive"),
        min: { type: "number", value: 0, color: COLORS.scaleLow },
        mid: { type: "number", value: 0.5, color: COLORS.scaleMid },
        max: { type: "number", value: 1, color: COLORS.scaleHigh },
      });
    },
  };
}

// ---------------------------------------------------------------- holdout sheet

function split(v: View): BlockSpec {
  const { t, u } = v;
  const h = v.agg.holdout!;
  const rows = h.conditional;
  let predicted = 0, actual = 0;
  for (const r of rows) {
    predicted += (r.predicted ?? 0) * r.customers;
    actual += (r.actual ?? 0) * r.customers;
  }
  return describedTable(
    "split",
    t.splitTitle,
    t.splitNote,
    [t.measure, t.value, t.howComputed],
    10,
    (w) => {
      const c = w.at("conditional");
      const customers = c.columnRange(1, 1), actualMeans = c.columnRange(2, 1), predictedMeans = c.columnRange(3, 1);
      return [
        [t.cutoff, h.cutoff, t.cutoffHow(h.chosen)],
        [t.holdoutEnd, h.end, t.holdoutEndHow],
        [t.holdoutLength(u), h.holdoutLength, t.holdoutLengthHow],
        [t.checkedCustomers, h.customers, t.checkedCustomersHow],
        [t.laterCustomers, h.laterCustomers, t.laterCustomersHow],
        [t.calibrationPurchases, h.calibrationPurchases, t.calibrationPurchasesHow],
        [t.actualHoldout, fx(`=SUMPRODUCT(${customers},${actualMeans})`, actual), t.actualHoldoutHow],
        [t.predictedHoldout, fx(`=SUMPRODUCT(${customers},${predictedMeans})`, predicted), t.predictedHoldoutHow],
        [t.holdoutDifference, fx(`=${w.cell(8, 1)}-${w.cell(7, 1)}`, predicted - actual), t.holdoutDifferenceHow],
        [t.holdoutRatio, fx(`=IF(${w.cell(7, 1)}=0,"${t.na}",${w.cell(8, 1)}/${w.cell(7, 1)})`, actual === 0 ? t.na : predicted / actual), t.holdoutRatioHow],
      ];
    },
    (w) => {
      w.format(w.range(1, 1, 2, 1), { numberFormat: FORMATS.date, horizontalAlignment: "right" });
      w.format(w.range(3, 1), { numberFormat: "0.0" });
      w.format(w.range(4, 1, 3, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(7, 1, 3, 1), { ...LOOKS.output, numberFormat: "#,##0.0" });
      w.format(w.range(10, 1), { ...LOOKS.output, numberFormat: FORMATS.percent });
    },
  );
}

function calibrationFit(v: View): BlockSpec {
  const { t, u } = v;
  const fit = v.agg.holdout!.fit;
  const p = fit.params;
  return describedTable(
    "calibrationFit",
    t.calibrationFitTitle,
    t.calibrationFitNote(fit.customers),
    [t.parameter, t.estimate, t.whatItIs],
    5,
    () => [
      ["r", p.r, t.bgR],
      ["α", p.alpha, t.bgAlpha(u)],
      ["a", p.a, t.bgA],
      ["b", p.b, t.bgB],
      [t.logLikelihood, fit.logLikelihood, t.logLikelihoodNote],
    ],
    (w) => {
      w.format(w.range(1, 1, 4, 1), { numberFormat: "0.0000" });
      w.format(w.range(5, 1), { numberFormat: "#,##0.0" });
    },
  );
}

function conditional(v: View): BlockSpec {
  const { t } = v;
  const rows = v.agg.holdout!.conditional;
  return {
    key: "conditional",
    title: t.conditionalTitle,
    note: t.conditionalNote,
    rows: rows.length + 1,
    columns: 5,
    fill(w) {
      const body: Cell[][] = [[t.calibrationGroup, t.customers, t.actualMean, t.predictedMean, t.difference]];
      rows.forEach((r, g) => {
        const row = 1 + g;
        const diff = r.actual === null || r.predicted === null ? "" : r.predicted - r.actual;
        body.push([
          r.label,
          r.customers,
          orBlank(r.actual),
          orBlank(r.predicted),
          fx(`=IF(COUNT(${w.cell(row, 2)}:${w.cell(row, 3)})<2,"",${w.cell(row, 3)}-${w.cell(row, 2)})`, diff),
        ]);
      });
      w.put(body).header();
      w.format(w.range(1, 0, rows.length, 1), { horizontalAlignment: "center" });
      w.format(w.range(1, 1, rows.length, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 2, rows.length, 3), { numberFormat: "0.00" });
    },
  };
}

function conditionalChart(v: View): BlockSpec {
  const { t } = v;
  return chartBlock(
    "conditionalChart",
    (w) => {
      const at = w.at("conditional");
      return {
        type: "line",
        title: t.conditionalChart,
        categories: at.columnRange(0, 1),
        series: [
          { name: t.actual, values: at.columnRange(2, 1), color: PALETTE[0] },
          { name: t.predicted, values: at.columnRange(3, 1), color: PALETTE[1], dashed: true },
        ],
        xAxisTitle: t.conditionalAxis,
        yAxisTitle: t.perCustomerAxis,
      };
    },
    FIRST_CHART,
  );
}

function tracking(v: View): BlockSpec {
  const { t } = v;
  const h = v.agg.holdout!;
  const tr = h.tracking;
  const tu = t.units[h.trackingUnit];
  const periods = tr.actual.length;
  return {
    key: "tracking",
    title: t.trackingTitle(tu),
    note: t.trackingNote(tu, tr.calibrationPeriods),
    rows: periods + 1,
    columns: 6,
    fill(w) {
      const body: Cell[][] = [[t.period(tu), t.periodEnd, t.part, t.actual, t.expected, t.difference]];
      for (let k = 0; k < periods; k++) {
        const row = 1 + k;
        body.push([
          k + 1,
          Math.floor(tr.origin + (k + 1) * tr.periodDays - 1),
          k < tr.calibrationPeriods ? t.calibrationPart : t.holdoutPart,
          tr.actual[k],
          tr.expected[k],
          fx(`=${w.cell(row, 4)}-${w.cell(row, 3)}`, tr.expected[k] - tr.actual[k]),
        ]);
      }
      w.put(body).header().table(t.trackingTable, "TableStyleLight9");
      w.format(w.range(1, 1, periods, 1), { numberFormat: FORMATS.date });
      w.format(w.range(1, 3, periods, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 4, periods, 2), { numberFormat: "#,##0.0" });
    },
  };
}

function trackingChart(v: View): BlockSpec {
  const { t } = v;
  const h = v.agg.holdout!;
  const tu = t.units[h.trackingUnit];
  return chartBlock(
    "trackingChart",
    (w) => {
      const at = w.at("tracking");
      return {
        type: "line",
        title: t.trackingChart(tu, h.tracking.calibrationPeriods),
        categories: at.columnRange(0, 1),
        series: [
          { name: t.actual, values: at.columnRange(3, 1), color: PALETTE[0] },
          { name: t.expected, values: at.columnRange(4, 1), color: PALETTE[1], dashed: true },
        ],
        xAxisTitle: t.trackingAxis(tu),
        yAxisTitle: t.repeatPurchasesAxis,
      };
    },
    WIDE_CHART,
  );
}
