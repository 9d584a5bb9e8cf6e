/**
 * The LTV:CAC sheet, block by block, from the aggregate alone: the named
 * inputs, the outputs (LTV, LTV:CAC, CAC payback, status), the churn × ARPA
 * sensitivity grid and the payback curve, each with its chart; with
 * retention from your cohorts, the blocks of retention-sheets.ts between the
 * outputs and the grid. Every output is an Excel formula over the named
 * inputs, written with the value it computes (fx), so the model moves when
 * a finance team edits an input and previews show the figures.
 *
 * The LTV formula is the one in src/metrics/ltv.ts:
 * ARPA × gross margin / (churn + discount rate).
 */
import { cacPayback, ltv, ltvToCac } from "../../metrics/ltv";
import { BlockSpec, chartBlock, SheetBuilder } from "../../workbook/builder";
import { Cell, fx, LayoutItem, Placed } from "../../workbook/layout";
import { rangeName } from "../../workbook/a1";
import type { ConditionalFormatPlan, WorkbookPlan } from "../../workbook/plan";
import { BAD, FORMATS, GOOD, LOOKS, NEUTRAL, PALETTE } from "../../workbook/styles";
import { numberHeaders } from "../shared/headers";
import { flowRows, keepItemsWhole } from "../shared/page-breaks";
import { LtvCacAggregate } from "./aggregate";
import { retentionBlocks, RETENTION_KEYS, RetentionCells } from "./retention-sheets";
import { retentionModel, RetentionModel } from "./retention-model";
import type { LtvNames, LtvStrings } from "./strings";

export const DEFAULT_CHURN_MULTIPLIERS = [0.5, 0.75, 1, 1.25, 1.5, 2];
export const DEFAULT_ARPA_MULTIPLIERS = [0.6, 0.8, 1, 1.2, 1.4];
export const PAYBACK_MONTHS = 24;

export interface LtvSheetOptions {
  /** Number formats of money cells, whole and with cents (shared/money.ts). */
  money: string;
  money2: string;
  /** Heading lines under the "edit the yellow cells" line (the cohort counts' source and the build time). */
  sourceLines: string[];
}

/** Where the model's figures are, for headlines and tests. */
export interface LtvCells {
  arpa: string;
  grossMargin: string;
  monthlyChurn: string;
  cac: string;
  discountRate: string;
  lifetime: string;
  ltv: string;
  ltvToCac: string;
  payback: string;
  status: string;
  retention?: RetentionCells;
}

export interface LtvSheets {
  plan: WorkbookPlan;
  cells: LtvCells;
  at: Record<string, Placed>;
  model: RetentionModel | null;
}

/** What every block reads. */
export interface LtvView {
  agg: LtvCacAggregate;
  t: LtvStrings;
  n: LtvNames;
  o: LtvSheetOptions;
  model: RetentionModel | null;
}

/** Builds the sheet (retention's model fitted here when the aggregate has survivor counts). */
export function ltvCacSheets(agg: LtvCacAggregate, o: LtvSheetOptions, t: LtvStrings): LtvSheets {
  const model = agg.retention ? retentionModel(agg.retention, agg.inputs) : null;
  const v: LtvView = { agg, t, n: t.names, o, model };
  const s = new SheetBuilder("ltv", t.sheetName, t.title);
  s.heading([t.about, ...o.sourceLines]);
  const retention = model ? retentionBlocks(v) : null;
  const items: LayoutItem<BlockSpec>[] = [
    inputs(v),
    outputs(v),
    ...(retention?.printed ?? []),
    [grid(v), gridChart(v)],
    [payback(v), paybackChart(v)],
    ...(retention?.after ?? []),
  ];
  const at = s.place(items);
  s.freeze(0, 1); // the labels of every block are in column A
  if (retention) {
    // The discounted lifetime's long series stays off the printout (its title sits two rows above its body).
    const series = at[RETENTION_KEYS.lifetime];
    let lastColumn = 1;
    for (const [key, p] of Object.entries(at)) if (key !== RETENTION_KEYS.lifetime) lastColumn = Math.max(lastColumn, p.rect.lastColumn);
    s.printArea(rangeName(1, 1, series.row(0) - 3, lastColumn));
  }
  const i = at.inputs, out = at.outputs;
  const cells: LtvCells = {
    arpa: i.cell(1, 1),
    grossMargin: i.cell(2, 1),
    monthlyChurn: i.cell(3, 1),
    cac: i.cell(4, 1),
    discountRate: i.cell(5, 1),
    lifetime: out.cell(1, 1),
    ltv: out.cell(2, 1),
    ltvToCac: out.cell(3, 1),
    payback: out.cell(4, 1),
    status: out.cell(5, 1),
    ...(retention ? { retention: retention.cells(at) } : {}),
  };
  const sheet = s.build();
  keepItemsWhole(sheet, flowRows(items, at));
  return { plan: { title: t.title, sheets: [sheet] }, cells, at, model };
}

/** Green at 3 or more, amber from 1 to 3, red below 1 (rules that never overlap, so their order does not matter). */
export function statusColours(w: { conditional(rule: ConditionalFormatPlan): unknown }, range: string, topLeft: string): void {
  w.conditional({ kind: "cellValue", range, operator: "greaterThanOrEqual", formula1: "3", style: GOOD });
  w.conditional({ kind: "expression", range, formula: `AND(ISNUMBER(${topLeft}),${topLeft}>=1,${topLeft}<3)`, style: NEUTRAL });
  w.conditional({ kind: "cellValue", range, operator: "lessThan", formula1: "1", style: BAD });
}

/** A table of labelled values with their names and a line on each: Input/Output, Value, Name, What it is. */
interface NamedRow {
  label: string;
  value: Cell;
  name: string;
  what: string;
  format: string;
  look?: "input" | "output";
  comment?: string;
}

export function namedRows(key: string, title: string, note: string, header: string[], rows: NamedRow[]): BlockSpec {
  return {
    key,
    title,
    note,
    rows: 1 + rows.length,
    columns: 4,
    fill(w) {
      w.put([header, ...rows.map((r) => [r.label, r.value, r.name, r.what])]).header();
      rows.forEach((r, k) => {
        if (r.name) w.name(r.name, 1 + k, 1, r.comment ?? r.what);
        const look = r.look === "input" ? LOOKS.input : r.look === "output" ? LOOKS.output : {};
        w.format(w.range(1 + k, 1), { ...look, numberFormat: r.format });
      });
      // The explanations wrap within a measured width rather than widen every block's fourth column; each row reads from its top.
      w.format(w.range(1, 0, rows.length, 4), { verticalAlignment: "top" });
      w.format(w.range(1, 3, rows.length, 1), { wrapText: true });
    },
  };
}

function inputs(v: LtvView): BlockSpec {
  const { t, n, o } = v;
  const x = v.agg.inputs;
  const row = (label: string, value: number, name: string, what: string, format: string): NamedRow => ({ label, value, name, what, format, look: "input" });
  return namedRows("inputs", t.inputsTitle, t.inputsNote, [t.input, t.value, t.name, t.whatItIs], [
    row(t.arpa, x.arpa, n.arpa, t.arpaWhat, o.money2),
    row(t.grossMargin, x.grossMargin, n.grossMargin, t.grossMarginWhat, FORMATS.percent),
    row(t.monthlyChurn, x.monthlyChurn, n.monthlyChurn, t.monthlyChurnWhat, FORMATS.percent),
    row(t.cac, x.cac, n.cac, t.cacWhat, o.money2),
    row(t.discountRate, x.discountRate, n.discountRate, t.discountRateWhat, FORMATS.percent),
  ]);
}

/** The status words for an LTV:CAC ratio. */
function statusOf(t: LtvStrings, ratio: number): string {
  return ratio >= 3 ? t.healthy : ratio >= 1 ? t.belowTarget : t.losingMoney;
}

function outputs(v: LtvView): BlockSpec {
  const { t, n, o } = v;
  const x = v.agg.inputs;
  const value = ltv(x.arpa, x.grossMargin, x.monthlyChurn, x.discountRate);
  const ratio = ltvToCac(value, x.cac);
  const q = (s: string) => s.replace(/"/g, '""');
  const spec = namedRows("outputs", t.outputsTitle, t.outputsNote, [t.output, t.value, t.name, t.howComputed], [
    { label: t.lifetime, value: fx(`=1/${n.monthlyChurn}`, 1 / x.monthlyChurn), name: "", what: t.lifetimeHow, format: FORMATS.months },
    {
      label: t.ltv,
      value: fx(`=${n.arpa}*${n.grossMargin}/(${n.monthlyChurn}+${n.discountRate})`, value),
      name: n.ltv,
      what: t.ltvHow,
      format: o.money,
      look: "output",
      comment: t.ltvComment,
    },
    { label: t.ltvToCac, value: fx(`=${n.ltv}/${n.cac}`, ratio), name: n.ltvToCac, what: t.ltvToCacHow, format: FORMATS.ratio, look: "output", comment: t.ltvToCacComment },
    {
      label: t.payback,
      value: fx(`=${n.cac}/(${n.arpa}*${n.grossMargin})`, cacPayback(x.cac, x.arpa, x.grossMargin)),
      name: n.payback,
      what: t.paybackHow,
      format: FORMATS.months,
      comment: t.paybackComment,
    },
    {
      label: t.status,
      value: fx(`=IF(${n.ltvToCac}>=3,"${q(t.healthy)}",IF(${n.ltvToCac}>=1,"${q(t.belowTarget)}","${q(t.losingMoney)}"))`, statusOf(t, ratio)),
      name: "",
      what: t.statusHow,
      format: "General",
    },
  ]);
  return {
    ...spec,
    fill(w) {
      spec.fill(w);
      statusColours(w, w.cell(3, 1), w.cell(3, 1));
      const status = w.cell(5, 1);
      w.conditional({ kind: "expression", range: status, formula: `${n.ltvToCac}>=3`, style: GOOD });
      w.conditional({ kind: "expression", range: status, formula: `AND(${n.ltvToCac}>=1,${n.ltvToCac}<3)`, style: NEUTRAL });
      w.conditional({ kind: "expression", range: status, formula: `${n.ltvToCac}<1`, style: BAD });
    },
  };
}

/** Sensitivity grid: churn down, ARPA across, LTV:CAC in each cell. */
function grid(v: LtvView): BlockSpec {
  const { t, n, o } = v;
  const x = v.agg.inputs;
  const churns = DEFAULT_CHURN_MULTIPLIERS, arpas = DEFAULT_ARPA_MULTIPLIERS;
  const scaled = (name: string, m: number, base: number) => fx(m === 1 ? `=${name}` : `=${name}*${m}`, base * m);
  return {
    key: "grid",
    title: t.gridTitle,
    note: t.gridNote,
    rows: 1 + churns.length,
    columns: 1 + arpas.length,
    fill(w) {
      const rows: Cell[][] = [[t.gridCorner, ...arpas.map((m) => scaled(n.arpa, m, x.arpa))]];
      churns.forEach((k, i) => {
        const churn = x.monthlyChurn * k;
        rows.push([
          scaled(n.monthlyChurn, k, x.monthlyChurn),
          ...arpas.map((m, j) =>
            fx(
              `=${w.cell(0, 1 + j, "$row")}*${n.grossMargin}/(${w.cell(1 + i, 0, "$col")}+${n.discountRate})/${n.cac}`,
              (x.arpa * m * x.grossMargin) / (churn + x.discountRate) / x.cac,
            ),
          ),
        ]);
      });
      numberHeaders(w.put(rows).header(), 1);
      w.format(w.range(0, 1, 1, arpas.length), { numberFormat: o.money2 });
      w.format(w.range(1, 0, churns.length, 1), { bold: true, numberFormat: FORMATS.percent });
      w.format(w.range(1, 1, churns.length, arpas.length), { numberFormat: FORMATS.ratio });
      statusColours(w, w.range(1, 1, churns.length, arpas.length), w.cell(1, 1));
    },
  };
}

function gridChart(v: LtvView): BlockSpec {
  const { t } = v;
  return chartBlock("gridChart", (w) => {
    const g = w.at("grid");
    return {
      type: "line",
      title: t.gridChartTitle(DEFAULT_ARPA_MULTIPLIERS.length),
      categories: g.columnRange(0, 1),
      series: DEFAULT_ARPA_MULTIPLIERS.map((m, j) => ({ name: m === 1 ? t.arpaAsInput : t.arpaTimes(m), values: g.columnRange(1 + j, 1), color: PALETTE[j] })),
      xAxisTitle: t.gridXAxis,
      yAxisTitle: t.gridYAxis,
    };
  });
}

/** Payback curve: cumulative margin per customer against CAC, month by month. */
function payback(v: LtvView): BlockSpec {
  const { t, n, o } = v;
  const x = v.agg.inputs;
  return {
    key: "payback",
    title: t.paybackTitle,
    note: t.paybackNote,
    rows: 2 + PAYBACK_MONTHS,
    columns: 3,
    fill(w) {
      const rows: Cell[][] = [[t.month, t.cumulativeMargin, "CAC"]];
      for (let m = 0; m <= PAYBACK_MONTHS; m++) {
        rows.push([m, fx(`=${n.arpa}*${n.grossMargin}*${w.cell(1 + m, 0)}`, x.arpa * x.grossMargin * m), fx(`=${n.cac}`, x.cac)]);
      }
      numberHeaders(w.put(rows).header(), 1).table(t.paybackTable, "TableStyleLight9");
      w.format(w.range(1, 0, PAYBACK_MONTHS + 1, 1), { horizontalAlignment: "left" });
      w.format(w.range(1, 1, PAYBACK_MONTHS + 1, 2), { numberFormat: o.money });
    },
  };
}

function paybackChart(v: LtvView): BlockSpec {
  const { t } = v;
  return chartBlock("paybackChart", (w) => {
    const p = w.at("payback");
    return {
      type: "line",
      title: t.paybackChartTitle,
      categories: p.columnRange(0, 1),
      series: [
        { name: t.cumulativeMargin, values: p.columnRange(1, 1), color: PALETTE[0] },
        { name: "CAC", values: p.columnRange(2, 1), color: PALETTE[1] },
      ],
      xAxisTitle: t.paybackXAxis,
    };
  });
}
