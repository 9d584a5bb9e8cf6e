/**
 * A bridge and its waterfall chart, for any template that walks from one
 * level to another through increases and decreases (MRR: start + new +
 * expansion − churn … = end; customers: start + new − lost = end).
 *
 * The bridge is a block of six columns: the step, its signed amount (the
 * level for the start; a formula over the template's own cells), then the
 * four columns the chart stacks — the invisible base each column stands on,
 * the increase, the decrease and the total. The chart is WorkbookPlan's
 * "waterfall" (stacked columns over an invisible base), which every Excel
 * since 2007 and LibreOffice draw. Every cell after the amount is a formula
 * over the amounts, written with its value (fx):
 *   increase: base = the level before (the amounts above, summed), increase = the amount;
 *   decrease: base = the level after (the amounts down to it, summed), decrease = −amount;
 *   end: amount = every amount above summed; total = the amount.
 * The levels must stay at 0 or above (stacked columns cannot draw a bar
 * crossing the axis); MRR and customer counts do.
 */
import { BlockSpec, BlockWriter, chartBlock } from "../../workbook/builder";
import { Cell, fx, Placed } from "../../workbook/layout";
import type { ChartPlan } from "../../workbook/plan";
import { LOOKS, PALETTE } from "../../workbook/styles";

/** One step of a bridge: the start level, a change, or the end level (every amount above it, summed). */
export type WaterfallStep =
  | { kind: "start"; label: string; amount: Cell; value: number }
  | { kind: "increase" | "decrease"; label: string; amount: Cell; value: number }
  | { kind: "end"; label: string };

/** The column headers of a bridge block, in the build's language. */
export interface WaterfallHeaders {
  step: string;
  amount: string;
  base: string;
  increase: string;
  decrease: string;
  total: string;
}

/** Columns of the bridge block. */
export const WATERFALL = { step: 0, amount: 1, base: 2, increase: 3, decrease: 4, total: 5 } as const;

/** Colours of the steps: increases green, decreases red, totals blue (the palette's, far apart). */
export const WATERFALL_COLORS = { increase: PALETTE[2], decrease: PALETTE[3], total: PALETTE[0] } as const;

export interface WaterfallBlock {
  key: string;
  title: string;
  note: string;
  headers: WaterfallHeaders;
  /**
   * The steps, from the start to the end. An increase's value is positive,
   * a decrease's negative (the amount as the column shows it).
   */
  steps: (w: BlockWriter) => WaterfallStep[];
  /** How many steps there are (the block's size is known before it is filled). */
  count: number;
  /** Number format of the amounts. */
  format: string;
}

/** The bridge block: steps, signed amounts, and the columns the waterfall stacks. */
export function waterfallBlock(spec: WaterfallBlock): BlockSpec {
  return {
    key: spec.key,
    title: spec.title,
    note: spec.note,
    rows: spec.count + 1,
    columns: 6,
    fill(w) {
      const steps = spec.steps(w);
      if (steps.length !== spec.count) throw new Error(`The bridge "${spec.key}" was sized for ${spec.count} steps and has ${steps.length}.`);
      if (steps[0]?.kind !== "start") throw new Error(`The bridge "${spec.key}" must begin with its start level.`);
      const h = spec.headers;
      const rows: Cell[][] = [[h.step, h.amount, h.base, h.increase, h.decrease, h.total]];
      const amount = (i: number) => w.cell(1 + i, WATERFALL.amount);
      // Amounts from the first step to step `last` (inclusive), summed: the level after that step.
      const upTo = (last: number) => `SUM(${w.cell(1, WATERFALL.amount, "$row")}:${amount(last)})`;
      let level = 0;
      steps.forEach((s, i) => {
        if (s.kind === "start") {
          if (i > 0) throw new Error(`The bridge "${spec.key}" has its start level at step ${i + 1}; it comes first.`);
          level = s.value;
          rows.push([s.label, s.amount, "", "", "", fx(`=${amount(i)}`, s.value)]);
        } else if (s.kind === "increase") {
          rows.push([s.label, s.amount, fx(`=${upTo(i - 1)}`, level), fx(`=${amount(i)}`, s.value), "", ""]);
          level += s.value;
        } else if (s.kind === "decrease") {
          level += s.value;
          rows.push([s.label, s.amount, fx(`=${upTo(i)}`, level), "", fx(`=-${amount(i)}`, -s.value), ""]);
        } else {
          rows.push([s.label, fx(`=${upTo(i - 1)}`, level), "", "", "", fx(`=${amount(i)}`, level)]);
        }
      });
      w.put(rows).header();
      w.format(w.range(1, WATERFALL.amount, spec.count, 5), { numberFormat: spec.format });
      steps.forEach((s, i) => {
        if (s.kind === "start" || s.kind === "end") w.format(w.range(1 + i, WATERFALL.step, 1, 2), LOOKS.output);
      });
    },
  };
}

/** The waterfall chart over a bridge block (found by its key), drawn over its own empty cells. */
export function waterfallChart(key: string, bridgeKey: string, words: { title: string; yAxisTitle?: string; headers: WaterfallHeaders }): BlockSpec {
  return chartBlock(key, (w): Omit<ChartPlan, "anchor"> => {
    const b: Placed = w.at(bridgeKey);
    return {
      type: "waterfall",
      title: words.title,
      categories: b.columnRange(WATERFALL.step, 1),
      base: b.columnRange(WATERFALL.base, 1),
      series: [
        { name: words.headers.increase, values: b.columnRange(WATERFALL.increase, 1), color: WATERFALL_COLORS.increase },
        { name: words.headers.decrease, values: b.columnRange(WATERFALL.decrease, 1), color: WATERFALL_COLORS.decrease },
        { name: words.headers.total, values: b.columnRange(WATERFALL.total, 1), color: WATERFALL_COLORS.total },
      ],
      ...(words.yAxisTitle ? { yAxisTitle: words.yAxisTitle } : {}),
    };
  });
}
