/**
 * The customer lifetime value template's holdout check on CDNOW, as Fader,
 * Hardie & Lee (2005) validated the BG/NBD: the sample's transaction log
 * (test/fixtures/cdnow/CDNOW_sample.txt), 39 weeks of calibration to
 * 1997-09-30 and 39 of holdout to 1998-06-30 — the split the template's
 * automatic cut-off (the middle of the log's dates) makes. The published
 * figures are those test/metrics/holdout/holdout.test.ts checks the metrics
 * core against; here the sheet, recalculated by HyperFormula, must show the
 * core's numbers, which must show the published ones.
 */
import { fitBgnbd } from "../../src/metrics/clv/bgnbd-fit";
import { serialFromParts } from "../../src/metrics/dates";
import { conditionalExpectations } from "../../src/metrics/holdout/conditional";
import { probabilityAliveGrid } from "../../src/metrics/holdout/palive-grid";
import { calibrationHoldout } from "../../src/metrics/holdout/split";
import { cumulativeTracking } from "../../src/metrics/holdout/tracking";
import { autoMap } from "../../src/templates/column-mapping";
import { automaticCutoff } from "../../src/templates/customer-lifetime-value/aggregate";
import { customerLifetimeValueParts, customerLifetimeValueTemplate as T } from "../../src/templates/customer-lifetime-value/descriptor";
import type { BuildInput } from "../../src/templates/registry-types";
import { cellAt } from "../../src/workbook/plan";
import { evaluatePlan } from "../support/evaluate-plan";
import { CUTOFF, END, loadCdnowLog } from "../metrics/holdout/cdnow-log";

const log = loadCdnowLog();
const rows = log.ids.map((id, i) => [id, log.dates[i], log.amounts[i]]);
const input: BuildInput = {
  rows,
  mapping: autoMap(T.columns, ["Customer", "Date", "Amount"]),
  options: { timeUnit: "week", horizon: 52, discountRate: 0.002, margin: 1, resamples: 100 },
  sourceLabel: "CDNOW_sample.txt",
  builtAt: new Date("2025-01-15T09:30:00Z"),
  language: "en",
  surface: "cli",
};
const b = customerLifetimeValueParts.build(input);
const h = b.agg.holdout!;
const wb = evaluatePlan(b.plan);
const split = calibrationHoldout(log.ids, log.dates, { cutoff: CUTOFF, end: END, unit: "week" });
const FHL = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
/** HyperFormula rounds what it reads to 14 significant digits (precisionRounding): values compare relatively. */
const same = (a: number, b: number) => expect(a).toBeCloseTo(b, Math.max(0, 12 - Math.ceil(Math.log10(Math.abs(b) || 1))));

describe("the automatic cut-off on CDNOW is Fader, Hardie & Lee's", () => {
  test("the middle of 1997-01-01 … 1998-06-30 is 1997-09-30: 39 weeks of calibration, 39 of holdout", () => {
    expect(automaticCutoff(log.dates)).toBe(serialFromParts(1997, 9, 30));
    expect(h.chosen).toBe("auto");
    expect(h.cutoff).toBe(CUTOFF);
    expect(h.end).toBe(END);
    expect(h.holdoutLength).toBe(39);
  });

  test("2,357 customers checked, none left out; 2,457 repeat purchases in calibration, 1,882 in the holdout", () => {
    expect([h.customers, h.laterCustomers, h.calibrationPurchases, h.holdoutPurchases]).toEqual([2357, 0, 2457, 1882]);
  });

  test("the calibration fit is FHL's: r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4", () => {
    const p = h.fit.params;
    [p.r, p.alpha, p.a, p.b].forEach((v, i) => expect(Math.abs(v - [0.243, 4.414, 0.793, 2.426][i])).toBeLessThan(5e-4));
    expect(h.fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(h.fit.params).toEqual(fitBgnbd(split.calibration).params);
  });

  test("a given cut-off makes the same check, said to be given", () => {
    const given = customerLifetimeValueParts.build({ ...input, options: { ...input.options, cutoff: "1997-09-30", resamples: 0 } });
    expect(given.agg.holdout!.chosen).toBe("date");
    expect(given.agg.holdout!.conditional).toEqual(h.conditional);
    expect(String(cellAt(given.plan.sheets[2], 3, 1))).toContain("(1997-09-30, as given)");
  });
});

describe("holdout purchases by calibration purchases (FHL 2005, Figure 4) on the sheet", () => {
  const c = b.at.holdout.conditional;
  const core = conditionalExpectations(h.fit.params, split);

  test("the groups 0 … 6, 7+ with BTYD's counts and actual means, the core's predictions, and the differences as formulas", () => {
    const btyd = [0.2367116, 0.6970387, 1.392523, 1.56, 2.532258, 2.947368, 3.862069, 6.359375];
    const counts = [1411, 439, 214, 100, 62, 38, 29, 64];
    core.forEach((r, g) => {
      expect(wb.value("holdout", c.cell(1 + g, 0))).toBe(r.label);
      expect(wb.number("holdout", c.cell(1 + g, 1))).toBe(counts[g]);
      expect(wb.number("holdout", c.cell(1 + g, 2))).toBeCloseTo(btyd[g], 6);
      same(wb.number("holdout", c.cell(1 + g, 3)), r.predicted!);
      expect(wb.number("holdout", c.cell(1 + g, 4))).toBeCloseTo(r.predicted! - r.actual!, 12);
      expect(Math.abs(r.predicted! - r.actual!)).toBeLessThan(0.4);
    });
  });

  test("the totals are formulas: 1,882 actual, about 1,654 predicted (1,653.9 at FHL's published estimates)", () => {
    expect(wb.number("holdout", b.cells.actualHoldout!)).toBeCloseTo(1882, 8);
    const predicted = wb.number("holdout", b.cells.predictedHoldout!);
    expect(Math.abs(predicted - 1653.9)).toBeLessThan(2);
    const sp = b.at.holdout.split;
    expect(wb.number("holdout", sp.cell(9, 1))).toBeCloseTo(predicted - 1882, 8);
    expect(wb.number("holdout", sp.cell(10, 1))).toBeCloseTo(predicted / 1882, 12);
    const headlines = T.headlines!({ ...input, options: { ...input.options, resamples: 0 } });
    expect(headlines.find((x) => x.label.en === "Holdout repeat purchases, actual")!.value).toBe(1882);
    expect(headlines.find((x) => x.label.en === "Holdout repeat purchases, predicted")!.value).toBeCloseTo(predicted, 8);
  });
});

describe("cumulative tracking (FHL 2005, Figure 3) on the sheet", () => {
  const tr = b.at.holdout.tracking;
  const core = cumulativeTracking(h.fit.params, split);

  test("78 weeks from 1997-01-01, weeks 1–39 calibration; actual 2,457 at week 39 and 4,339 at week 78; expected as the core", () => {
    expect(tr.rows).toBe(79);
    expect(wb.number("holdout", tr.cell(1, 1))).toBe(serialFromParts(1997, 1, 7));
    expect(wb.value("holdout", tr.cell(39, 2))).toBe("Calibration");
    expect(wb.value("holdout", tr.cell(40, 2))).toBe("Holdout");
    expect(wb.number("holdout", tr.cell(39, 3))).toBe(2457);
    expect(wb.number("holdout", tr.cell(78, 3))).toBe(4339);
    for (let k = 0; k < 78; k++) {
      same(wb.number("holdout", tr.cell(1 + k, 4)), core.expected[k]);
      expect(wb.number("holdout", tr.cell(1 + k, 5))).toBeCloseTo(core.expected[k] - core.actual[k], 9);
    }
  });

  test("the expected curve is FHL's: within 0.2 % of the curve at their published estimates every week, 2 % of the actual at the cut-off, 4.2 % at week 78", () => {
    // Figure 3 is drawn from the published (rounded) estimates; those put week 78 at 3.98 % under the actual 4,339,
    // the full-precision fit the template makes at 4.11 % (the rounding of alpha and r moves it by 0.14 %).
    const published = cumulativeTracking(FHL, split);
    for (let k = 0; k < 78; k++) expect(Math.abs(core.expected[k] / published.expected[k] - 1)).toBeLessThan(0.002);
    expect(Math.abs(core.expected[38] / 2457 - 1)).toBeLessThan(0.02);
    expect(Math.abs(core.expected[77] / 4339 - 1)).toBeLessThan(0.042);
  });

  test("the charts draw actual and expected in distinct colours, the expected dashed", () => {
    const charts = b.plan.sheets[2].charts;
    expect(charts.map((x) => x.type)).toEqual(["line", "line"]);
    for (const chart of charts) {
      expect(chart.series.map((s) => s.name)).toEqual(["Actual", chart === charts[0] ? "Predicted" : "Expected"]);
      expect(chart.series[0].color).not.toBe(chart.series[1].color);
      expect(chart.series[1].dashed).toBe(true);
    }
  });
});

describe("the model sheet on all 78 weeks: the P(alive) grid and the bootstrapped ranges", () => {
  test("the grid is probabilityAliveGrid of the full fit at the longest T (77.9 weeks), 15 repeat purchases at most", () => {
    const g = b.at.clv.grid;
    const core = probabilityAliveGrid(b.agg.bgnbd.params, b.agg.grid.T, 15, 11);
    expect(b.agg.grid.T).toBeCloseTo(545 / 7, 10);
    expect(g.rows).toBe(17);
    core.values.forEach((row, f) => row.forEach((v, j) => same(wb.number("clv", g.cell(1 + f, 1 + j)), v)));
  });

  test("the grid is a heatmap: one red-amber-green colour scale from 0 to 100 % over its body, its columns the recency, its rows the repeat purchases", () => {
    const g = b.at.clv.grid;
    const body = `${g.cell(1, 1)}:${g.cell(16, 11)}`;
    const scales = b.plan.sheets[0].conditionalFormats.filter((x) => x.range === body);
    expect(scales).toHaveLength(1);
    expect(scales[0]).toMatchObject({ kind: "colorScale", min: { type: "number", value: 0 }, mid: { type: "number", value: 0.5 }, max: { type: "number", value: 1 } });
    expect(wb.value("clv", g.cell(0, 0))).toBe("x ↓   t_x →");
    expect(wb.number("clv", g.cell(16, 0))).toBe(15);
    expect(wb.number("clv", g.cell(0, 1))).toBe(0);
    expect(wb.number("clv", g.cell(0, 11))).toBeCloseTo(545 / 7, 8);
  });

  test("100 resamples, all refitted; the total's 90 % range holds the estimate and is a few percent wide", () => {
    const boot = b.agg.bootstrap!;
    expect(boot.replicates + boot.failed).toBe(100);
    expect(boot.failed).toBe(0);
    const total = wb.number("clv", b.cells.totalClv);
    const range = b.at.clv.range;
    const [low, high] = [wb.number("clv", range.cell(1, 4)), wb.number("clv", range.cell(1, 5))];
    expect(low).toBeLessThan(total);
    expect(high).toBeGreaterThan(total);
    expect(high / low).toBeGreaterThan(1.02);
    expect(high / low).toBeLessThan(1.4);
  });
});
