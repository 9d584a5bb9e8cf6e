/**
 * The shared bridge block and waterfall chart (src/templates/shared/waterfall.ts),
 * on a bridge worked by hand — 100 customers at the start, 30 new, 45 lost,
 * 5 won back: end 90 — evaluated by HyperFormula, every chart column against
 * the cached value the block wrote; and the misuses it refuses.
 */
import { WATERFALL, WATERFALL_COLORS, waterfallBlock, WaterfallBlock, waterfallChart, WaterfallStep } from "../../../src/templates/shared/waterfall";
import { BlockSpec, SheetBuilder } from "../../../src/workbook/builder";
import { fx } from "../../../src/workbook/layout";
import { cachedAt, validatePlan, WorkbookPlan } from "../../../src/workbook/plan";
import { evaluatePlan } from "../../support/evaluate-plan";
import { formulaCells, sameValue } from "../../support/formula-cells";

const HEADERS = { step: "Step", amount: "Customers", base: "Base", increase: "Increase", decrease: "Decrease", total: "Total" };

/** The inputs block: start, new, lost, won back. */
const inputs: BlockSpec = {
  key: "inputs",
  rows: 1,
  columns: 4,
  fill: (w) => w.put([[100, 30, 45, 5]]),
};

function plan(steps: (cell: (c: number) => string) => WaterfallStep[], count = 5): WorkbookPlan {
  const s = new SheetBuilder("w", "Bridge", "Bridge");
  const spec: WaterfallBlock = {
    key: "bridge",
    title: "Customers",
    note: "Start, changes, end.",
    headers: HEADERS,
    count,
    format: "#,##0",
    steps: (w) => steps((c) => w.at("inputs").cell(0, c)),
  };
  s.place([inputs, [waterfallBlock(spec), waterfallChart("chart", "bridge", { title: "Customers", yAxisTitle: "Customers", headers: HEADERS })]]);
  return { title: "Bridge", sheets: [s.build()] };
}

const handWorked = (cell: (c: number) => string): WaterfallStep[] => [
  { kind: "start", label: "Start", amount: fx(`=${cell(0)}`, 100), value: 100 },
  { kind: "increase", label: "New", amount: fx(`=${cell(1)}`, 30), value: 30 },
  { kind: "decrease", label: "Lost", amount: fx(`=-${cell(2)}`, -45), value: -45 },
  { kind: "increase", label: "Won back", amount: fx(`=${cell(3)}`, 5), value: 5 },
  { kind: "end", label: "End" },
];

describe("a bridge and its waterfall", () => {
  const p = plan(handWorked);
  const wb = evaluatePlan(p);
  const body = p.sheets[0].blocks.find((b) => b.rows[0][0] === "Step")!;
  const column = (c: number) => body.rows.slice(1).map((_, i) => {
    const v = wb.value("w", `${String.fromCharCode(64 + 1 + c)}${Number(body.at.slice(1)) + 1 + i}`);
    return v === null ? null : v;
  });

  test("levels by hand: 100 → 130 → 85 → 90; each column stands on the level before a rise and after a fall", () => {
    expect(() => validatePlan(p)).not.toThrow();
    expect(column(WATERFALL.amount)).toEqual([100, 30, -45, 5, 90]);
    expect(column(WATERFALL.base)).toEqual([null, 100, 85, 85, null]);
    expect(column(WATERFALL.increase)).toEqual([null, 30, null, 5, null]);
    expect(column(WATERFALL.decrease)).toEqual([null, null, 45, null, null]);
    expect(column(WATERFALL.total)).toEqual([100, null, null, null, 90]);
  });

  test("every formula carries the value HyperFormula computes", () => {
    const cells = formulaCells(p);
    expect(cells.length).toBe(13);
    expect(cells.filter((c) => !sameValue(wb.value(c.sheet, c.cell), c.cached!)).map((c) => c.cell)).toEqual([]);
    expect(cachedAt(body, 5, WATERFALL.amount)).toBe(90);
  });

  test("the chart is a waterfall over the block: categories, the invisible base, and rises, falls and totals in far-apart colours", () => {
    const chart = p.sheets[0].charts[0];
    const at = (c: number) => `${String.fromCharCode(65 + c)}${Number(body.at.slice(1)) + 1}:${String.fromCharCode(65 + c)}${Number(body.at.slice(1)) + 5}`;
    expect(chart).toMatchObject({ type: "waterfall", title: "Customers", yAxisTitle: "Customers", categories: at(WATERFALL.step), base: at(WATERFALL.base) });
    expect(chart.series.map((s) => [s.name, s.values, s.color])).toEqual([
      ["Increase", at(WATERFALL.increase), WATERFALL_COLORS.increase],
      ["Decrease", at(WATERFALL.decrease), WATERFALL_COLORS.decrease],
      ["Total", at(WATERFALL.total), WATERFALL_COLORS.total],
    ]);
  });

  test("a bridge that does not begin with its start, or has another number of steps than it was sized for, is refused", () => {
    expect(() => plan((cell) => handWorked(cell).slice(1), 4)).toThrow(/must begin with its start level/);
    expect(() => plan(handWorked, 6)).toThrow(/sized for 6 steps and has 5/);
    expect(() => plan((cell) => [...handWorked(cell).slice(0, 2), handWorked(cell)[0], handWorked(cell)[4]], 4)).toThrow(/start level at step 3/);
  });
});
