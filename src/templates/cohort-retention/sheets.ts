/**
 * The cohort retention sheet, block by block, from the aggregates alone
 * (aggregate.ts): the summary, the average retention curve and its chart
 * side by side, the retention triangles (customer and revenue shares, as
 * heatmaps), and the tables of counts and revenue they are computed from.
 *
 * The counts and revenue are values (grouping 200k transactions is the
 * aggregate's job); everything derived from them is an Excel formula a
 * reviewer can audit, written with the value it computes (fx) so previews
 * show the figures: shares = count / the cohort's period-0 value; the curve
 * averages the cohorts observed that far; the summary points to the curve.
 *
 * Each block is a function returning its size and a fill(); SheetBuilder
 * places them (place) and tells each where the others landed (w.at).
 */
import type { CohortPeriod, CohortTable } from "../../metrics/cohort";
import { BlockSpec, chartBlock, SheetBuilder } from "../../workbook/builder";
import { Cell, fx, Placed } from "../../workbook/layout";
import type { ChartSeries, WorkbookPlan } from "../../workbook/plan";
import { FORMATS, heatmap, LOOKS, PALETTE } from "../../workbook/styles";
import type { SourceFacts } from "../shared/strings";
import { CohortAggregate, observedAt } from "./aggregate";
import type { CohortStrings, PeriodWords } from "./strings";

export type CohortMeasureChoice = "both" | "customers" | "revenue";
export const COHORT_MEASURE_CHOICES: readonly CohortMeasureChoice[] = ["both", "customers", "revenue"];

export interface CohortSheetOptions {
  /** "both": customers, and revenue when the aggregate has it; "customers"; "revenue". */
  measure: CohortMeasureChoice;
  /** Number format of money cells (shared/money.ts). */
  moneyFormat: string;
  source: SourceFacts;
}

/** Cells of the summary, for headlines and tests. */
export interface CohortCells {
  customers: string;
  cohorts: string;
  transactions: string;
  retention1?: string;
  revenueRetention1?: string;
}

/** Number format of the cohort labels (the first day of each cohort's period). */
const COHORT_FORMAT: Record<CohortPeriod, string> = { week: FORMATS.date, month: FORMATS.month, quarter: FORMATS.month, year: "yyyy" };

/** Columns of the triangles: the cohort, its size (or period-0 revenue), then period 0, 1, … */
export const COHORT = 0;
export const SIZE = 1;
export const P0 = 2;

type CurveKey = "customersAverage" | "customersPooled" | "revenueAverage" | "revenuePooled";

/** What every block reads: the aggregate, the words, and the curve as the core computes it. */
interface View {
  agg: CohortAggregate;
  t: CohortStrings;
  p: PeriodWords;
  o: CohortSheetOptions;
  /** Cohorts and periods. */
  C: number;
  S: number;
  showCustomers: boolean;
  revenue: CohortTable | null;
  /** The curve's columns after Period and Cohorts observed, in order. */
  curve: { key: CurveKey; header: string; values: (number | string)[] }[];
}

/** What cohortSheets returns: the plan, the summary's cells, and where each block's body landed (for tests). */
export interface CohortSheets {
  plan: WorkbookPlan;
  cells: CohortCells;
  at: Record<string, Placed>;
}

/** Builds the sheet. */
export function cohortSheets(agg: CohortAggregate, o: CohortSheetOptions, t: CohortStrings): CohortSheets {
  const v = view(agg, o, t);
  const s = new SheetBuilder("cohorts", t.title, t.title);
  s.heading([t.source(o.source), t.about(v.p)]);
  const at = s.place([
    summary(v),
    [curve(v), curveChart(v)],
    ...(v.showCustomers ? [customerShares(v)] : []),
    ...(v.revenue ? [revenueShares(v)] : []),
    counts(v),
    ...(v.revenue ? [revenueTable(v)] : []),
  ]);
  s.freeze(0, 1); // the cohort column stays in view across the periods

  const sum = at.summary;
  const cells: CohortCells = { customers: sum.cell(1, 0), cohorts: sum.cell(1, 1), transactions: sum.cell(1, 2) };
  if (v.showCustomers) cells.retention1 = sum.cell(1, 3);
  if (v.revenue) cells.revenueRetention1 = sum.cell(1, v.showCustomers ? 4 : 3);
  return { plan: { title: t.title, sheets: [s.build()] }, cells, at };
}

function view(agg: CohortAggregate, o: CohortSheetOptions, t: CohortStrings): View {
  const { customers } = agg;
  const C = customers.cohorts.length;
  const S = customers.matrix[0]?.length ?? 0;
  const showCustomers = o.measure !== "revenue";
  const revenue = o.measure !== "customers" ? agg.revenue : null;
  const ks = Array.from({ length: S }, (_, k) => k);
  // Over the cohorts observed k periods on (the first observedAt(k) rows).
  const rowsAt = (k: number) => Array.from({ length: observedAt(agg, k) }, (_, i) => i);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const curve: View["curve"] = [];
  if (showCustomers) {
    const m = customers.matrix;
    curve.push(
      { key: "customersAverage", header: t.customersAverage, values: ks.map((k) => mean(rowsAt(k).map((i) => m[i][k]! / customers.sizes[i]))) },
      { key: "customersPooled", header: t.customersPooled, values: ks.map((k) => total(rowsAt(k).map((i) => m[i][k]!)) / total(rowsAt(k).map((i) => customers.sizes[i]))) },
    );
  }
  if (revenue) {
    const m = revenue.matrix;
    curve.push(
      {
        key: "revenueAverage",
        header: t.revenueAverage,
        values: ks.map((k) => {
          const shares = rowsAt(k).filter((i) => m[i][0] !== 0).map((i) => m[i][k]! / m[i][0]!);
          return shares.length === 0 ? t.na : mean(shares);
        }),
      },
      {
        key: "revenuePooled",
        header: t.revenuePooled,
        values: ks.map((k) => {
          const base = total(rowsAt(k).map((i) => m[i][0]!));
          return base === 0 ? t.na : total(rowsAt(k).map((i) => m[i][k]!)) / base;
        }),
      },
    );
  }
  return { agg, t, p: t.periods[agg.period], o, C, S, showCustomers, revenue, curve };
}

/** The curve column of a measure (after Period and Cohorts observed). */
function curveColumn(v: View, key: CurveKey): number {
  return 2 + v.curve.findIndex((c) => c.key === key);
}

/** Headers of a triangle: Cohort, the size column, Month 0 … */
function triangleHeader(v: View, size: string): Cell[] {
  return [v.t.cohort, size, ...Array.from({ length: v.S }, (_, k) => v.t.period(v.p, k))];
}

function summary(v: View): BlockSpec {
  const { t, p, agg } = v;
  const headers = [t.customers, t.cohorts, t.transactionsUsed];
  if (v.showCustomers) headers.push(t.customerRetention1(p));
  if (v.revenue) headers.push(t.revenueRetention1(p));
  return {
    key: "summary",
    title: t.summaryTitle,
    note: t.summaryNote(p),
    rows: 2,
    columns: headers.length,
    fill(w) {
      const counts = w.at("counts");
      const curve = w.at("curve");
      const period1 = (key: CurveKey): Cell => {
        if (v.S < 2) return t.na; // no cohort is observed a period on yet
        const c = curveColumn(v, key);
        return fx(`=${curve.cell(2, c)}`, v.curve[c - 2].values[1]);
      };
      const values: Cell[] = [
        fx(`=SUM(${counts.columnRange(SIZE, 1)})`, agg.customers.sizes.reduce((a, b) => a + b, 0)),
        fx(`=COUNT(${counts.columnRange(COHORT, 1)})`, v.C),
        agg.transactions ?? t.na,
      ];
      if (v.showCustomers) values.push(period1("customersPooled"));
      if (v.revenue) values.push(period1("revenuePooled"));
      w.put([headers, values]).header();
      // Right-aligned so "n/a" (a query's result does not count transactions) sits like the figures beside it.
      w.format(w.range(1, 0, 1, 3), { ...LOOKS.output, numberFormat: FORMATS.integer, horizontalAlignment: "right" });
      if (headers.length > 3) w.format(w.range(1, 3, 1, headers.length - 3), { ...LOOKS.output, numberFormat: FORMATS.percent });
    },
  };
}

function curve(v: View): BlockSpec {
  const { t, p } = v;
  return {
    key: "curve",
    title: t.curveTitle,
    note: t.curveNote(p),
    rows: v.S + 1,
    columns: 2 + v.curve.length,
    fill(w) {
      const counts = w.at("counts");
      const shares = v.showCustomers ? w.at("customerShares") : null;
      const revenue = v.revenue ? w.at("revenue") : null;
      const revenueShares = v.revenue ? w.at("revenueShares") : null;
      const rows: Cell[][] = [[p.Unit, t.cohortsObserved, ...v.curve.map((c) => c.header)]];
      for (let k = 0; k < v.S; k++) {
        const n = observedAt(v.agg, k);
        // Column c of a triangle over the cohorts observed k periods on.
        const observed = (block: typeof counts, c: number) => block.columnRange(c, 1, n);
        const row: Cell[] = [k, fx(`=COUNT(${observed(counts, P0 + k)})`, n)];
        for (const c of v.curve) {
          const value = c.values[k];
          if (c.key === "customersAverage") row.push(fx(`=AVERAGE(${observed(shares!, P0 + k)})`, value));
          if (c.key === "customersPooled") row.push(fx(`=SUM(${observed(counts, P0 + k)})/SUM(${observed(counts, SIZE)})`, value));
          if (c.key === "revenueAverage") {
            const r = observed(revenueShares!, P0 + k);
            row.push(fx(`=IF(COUNT(${r})=0,"${t.na}",AVERAGE(${r}))`, value));
          }
          if (c.key === "revenuePooled") {
            const base = observed(revenue!, P0);
            row.push(fx(`=IF(SUM(${base})=0,"${t.na}",SUM(${observed(revenue!, P0 + k)})/SUM(${base}))`, value));
          }
        }
        rows.push(row);
      }
      w.put(rows).header();
      w.format(w.range(1, 0, v.S, 2), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 2, v.S, v.curve.length), { numberFormat: FORMATS.percent });
    },
  };
}

function curveChart(v: View): BlockSpec {
  const { t, p } = v;
  return chartBlock("chart", (w) => {
    const curve = w.at("curve");
    const series: ChartSeries[] = v.curve.map((c, i) => ({
      name: c.header,
      values: curve.columnRange(curveColumn(v, c.key), 1),
      color: PALETTE[i],
      ...(c.key.endsWith("Pooled") ? { dashed: true } : {}),
    }));
    return { type: "line", title: t.chartTitle, categories: curve.columnRange(0, 1), series, xAxisTitle: t.chartXAxis(p), yAxisTitle: t.chartYAxis };
  });
}

/** What differs between the two triangles of shares. */
interface SharesSpec {
  key: string;
  title: string;
  note: string;
  /** The block the shares are computed from ("counts" or "revenue"). */
  source: string;
  /** The column each share divides by: its header, its column in the source, its format and value per cohort. */
  base: { header: string; column: number; format: string; value: (i: number) => number };
  /** Cohort i's share in period k, from the period's cell and the base's cell. */
  share: (cell: string, base: string, i: number, k: number) => Cell;
}

/** A triangle of shares: each cohort's period values over its base, as a heatmap from period 1 on. */
function sharesTriangle(v: View, spec: SharesSpec): BlockSpec {
  return {
    key: spec.key,
    title: spec.title,
    note: spec.note,
    rows: v.C + 1,
    columns: P0 + v.S,
    fill(w) {
      const src = w.at(spec.source);
      const { cohorts, observed } = v.agg.customers;
      const rows: Cell[][] = [triangleHeader(v, spec.base.header)];
      for (let i = 0; i < v.C; i++) {
        const row: Cell[] = [fx(`=${src.cell(1 + i, COHORT)}`, cohorts[i]), fx(`=${src.cell(1 + i, spec.base.column)}`, spec.base.value(i))];
        for (let k = 0; k < v.S; k++) row.push(k < observed[i] ? spec.share(src.cell(1 + i, P0 + k), w.cell(1 + i, SIZE, "$col"), i, k) : "");
        rows.push(row);
      }
      w.put(rows).header();
      w.format(w.range(1, COHORT, v.C, 1), { numberFormat: COHORT_FORMAT[v.agg.period], horizontalAlignment: "left" });
      w.format(w.range(1, SIZE, v.C, 1), { numberFormat: spec.base.format });
      w.format(w.range(1, P0, v.C, v.S), { numberFormat: FORMATS.percent });
      w.conditional(heatmap(v.S > 1 ? w.range(1, P0 + 1, v.C, v.S - 1) : w.range(1, P0, v.C, 1)));
    },
  };
}

function customerShares(v: View): BlockSpec {
  const { t, p } = v;
  const { matrix, sizes } = v.agg.customers;
  return sharesTriangle(v, {
    key: "customerShares",
    title: t.customerSharesTitle,
    note: t.customerSharesNote(p),
    source: "counts",
    base: { header: t.customers, column: SIZE, format: FORMATS.integer, value: (i) => sizes[i] },
    share: (cell, base, i, k) => fx(`=${cell}/${base}`, matrix[i][k]! / sizes[i]),
  });
}

function revenueShares(v: View): BlockSpec {
  const { t, p } = v;
  const m = v.revenue!.matrix;
  return sharesTriangle(v, {
    key: "revenueShares",
    title: t.revenueSharesTitle,
    note: t.revenueSharesNote(p),
    source: "revenue",
    base: { header: t.revenueInPeriod0(p), column: P0, format: v.o.moneyFormat, value: (i) => m[i][0]! },
    // A cohort whose first period's revenue is 0 has no revenue shares: blank, as the core's null.
    share: (cell, base, i, k) => fx(`=IF(${base}=0,"",${cell}/${base})`, m[i][0] === 0 ? "" : m[i][k]! / m[i][0]!),
  });
}

function counts(v: View): BlockSpec {
  const { t, p, agg } = v;
  return {
    key: "counts",
    title: t.countsTitle,
    note: t.countsNote(p),
    rows: v.C + 1,
    columns: P0 + v.S,
    fill(w) {
      const rows: Cell[][] = [triangleHeader(v, t.customers)];
      agg.customers.cohorts.forEach((cohort, i) => rows.push([cohort, agg.customers.sizes[i], ...agg.customers.matrix[i].map((x) => x ?? "")]));
      w.put(rows).header().table(t.countsTable, "TableStyleLight9");
      w.format(w.range(1, COHORT, v.C, 1), { numberFormat: COHORT_FORMAT[agg.period], horizontalAlignment: "left" });
      w.format(w.range(1, SIZE, v.C, 1 + v.S), { numberFormat: FORMATS.integer });
    },
  };
}

function revenueTable(v: View): BlockSpec {
  const { t, agg } = v;
  const revenue = v.revenue!;
  return {
    key: "revenue",
    title: t.revenueTitle,
    note: t.revenueNote,
    rows: v.C + 1,
    columns: P0 + v.S,
    fill(w) {
      const counts = w.at("counts");
      const rows: Cell[][] = [triangleHeader(v, t.customers)];
      revenue.cohorts.forEach((cohort, i) =>
        rows.push([cohort, fx(`=${counts.cell(1 + i, SIZE)}`, agg.customers.sizes[i]), ...revenue.matrix[i].map((x) => x ?? "")]),
      );
      w.put(rows).header().table(t.revenueTable, "TableStyleLight9");
      w.format(w.range(1, COHORT, v.C, 1), { numberFormat: COHORT_FORMAT[agg.period], horizontalAlignment: "left" });
      w.format(w.range(1, SIZE, v.C, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(1, P0, v.C, v.S), { numberFormat: v.o.moneyFormat });
    },
  };
}
