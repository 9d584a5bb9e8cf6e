/**
 * A small plan using every feature the v2 templates add to WorkbookPlan —
 * cached values of every kind (number, 0, text, "", boolean, an error),
 * measured widths, wrapped and merged titles and notes with row heights,
 * frozen panes, a print setup with print titles and a print area, a line
 * chart with a gap (#N/A) and a waterfall — so both renderers' tests apply
 * the same plan.
 */
import { BlockSpec, chartBlock, SheetBuilder } from "../../src/workbook/builder";
import { fx } from "../../src/workbook/layout";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { FORMATS } from "../../src/workbook/styles";

/** A bridge: start 100, +30 new, −20 lost, end 110 — each step's base, increase, decrease and total. */
export const BRIDGE = [
  // label, base, up, down, total
  ["Start", 0, 0, 0, 100],
  ["New", 100, 30, 0, 0],
  ["Lost", 110, 0, 20, 0],
  ["End", 0, 0, 0, 110],
] as const;

export function featurePlan(): WorkbookPlan {
  const s = new SheetBuilder("f", "Features", "Every v2 feature");
  s.heading(["A heading line long enough to wrap across the width of the sheet when the sheet is narrow, which this one is."]);
  const values: BlockSpec = {
    key: "values",
    title: "Cached values",
    note: "Each formula below carries the value it evaluates to.",
    rows: 2,
    columns: 6,
    fill(w) {
      w.put([
        ["Sum", "Zero", "Text", "Empty", "Test", "Missing"],
        [fx("=1+2", 3), fx("=0*7", 0), fx('="n/a"', "n/a"), fx('=IF(1>2,1,"")', ""), fx("=1<2", true), fx("=NA()", { error: "#N/A" })],
      ]).header();
    },
  };
  const line: BlockSpec = {
    key: "line",
    title: "A line with a gap",
    note: "March has no data: #N/A, a gap in the line.",
    rows: 5,
    columns: 2,
    fill(w) {
      w.put([["Month", "NPS"], ["Jan", 10], ["Feb", 12], ["Mar", fx("=NA()", { error: "#N/A" })], ["Apr", 15]]).header();
    },
  };
  const lineChart = chartBlock("lineChart", (w) => {
    const l = w.at("line");
    return { type: "line", title: "NPS", categories: l.columnRange(0, 1), series: [{ name: "NPS", values: l.columnRange(1, 1) }] };
  }, { rows: 10, columns: 5 });
  const bridge: BlockSpec = {
    key: "bridge",
    title: "A bridge",
    note: "Stacked on an invisible base.",
    rows: BRIDGE.length + 1,
    columns: 5,
    fill(w) {
      w.put([["Step", "Base", "Increase", "Decrease", "Total"], ...BRIDGE.map((r) => [...r])]).header();
      w.format(w.range(1, 1, BRIDGE.length, 4), { numberFormat: FORMATS.integer });
      w.table("Bridge");
    },
  };
  const waterfall = chartBlock("waterfall", (w) => {
    const b = w.at("bridge");
    return {
      type: "waterfall",
      title: "Bridge",
      categories: b.columnRange(0, 1),
      base: b.columnRange(1, 1),
      series: [
        { name: "Increase", values: b.columnRange(2, 1), color: "#59A14F" },
        { name: "Decrease", values: b.columnRange(3, 1), color: "#E15759" },
        { name: "Total", values: b.columnRange(4, 1), color: "#4E79A7" },
      ],
    };
  }, { rows: 10, columns: 5 });
  const at = s.place([values, [line, lineChart], [bridge, waterfall]]);
  s.freeze(at.bridge.row(0), 0).printTitles(at.bridge.row(0)).printArea(`A1:${at.waterfall.cell(at.waterfall.rows - 1, at.waterfall.columns - 1)}`);
  return { title: "Features", sheets: [s.build()] };
}
