/**
 * Calibration and holdout on CDNOW, as Fader, Hardie & Lee (2005) validated
 * the BG/NBD: 39 weeks of calibration (to 1997-09-30), 39 of holdout (to
 * 1998-06-30). The split must reproduce their calibration data exactly, the
 * BG/NBD fitted on it their estimates, and the holdout the published actuals.
 */
import { bgnbdConditionalExpectedPurchases, bgnbdExpectedPurchases, bgnbdProbabilityAlive } from "../../../src/metrics/clv/bgnbd";
import { fitBgnbd } from "../../../src/metrics/clv/bgnbd-fit";
import { serialFromParts } from "../../../src/metrics/dates";
import { conditionalExpectations } from "../../../src/metrics/holdout/conditional";
import { probabilityAliveGrid } from "../../../src/metrics/holdout/palive-grid";
import { calibrationHoldout } from "../../../src/metrics/holdout/split";
import { cumulativeTracking } from "../../../src/metrics/holdout/tracking";
import { seededRandom } from "../../../src/metrics/random";
import { rfmSummary } from "../../../src/metrics/rfm";
import { loadCdnowSummary } from "../clv/cdnow";
import { thrown } from "../clv/thrown";
import { CUTOFF, END, loadCdnowLog } from "./cdnow-log";

const FHL = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const log = loadCdnowLog();
const split = calibrationHoldout(log.ids, log.dates, { cutoff: CUTOFF, end: END });

describe("the 39 + 39 week split of CDNOW", () => {
  it("reproduces the calibration summary FHL fitted (the vendored x, t_x, T of 2,357 customers) and rfmSummary's", () => {
    const published = loadCdnowSummary();
    expect(split.ids.length).toBe(2357);
    expect(split.laterCustomers).toBe(0);
    expect(split.holdoutLength).toBe(39);
    const order = new Map(split.ids.map((id, i) => [Number(id), i]));
    published.id.forEach((id, k) => {
      const i = order.get(id)!;
      expect(split.calibration.frequency[i]).toBe(published.frequency[k]);
      expect(split.calibration.recency[i]).toBeCloseTo(published.recency[k], 2);
      expect(split.calibration.T[i]).toBeCloseTo(published.T[k], 2);
    });
    const rfm = rfmSummary(log.ids, log.dates, null, { asOf: CUTOFF });
    expect(Array.from(rfm.frequency)).toEqual(Array.from(split.calibration.frequency));
    expect(Array.from(rfm.T)).toEqual(Array.from(split.calibration.T));
  });

  it("counts 2,457 repeat purchases in weeks 1–39 (FHL's calibration total) and 1,882 in weeks 40–78", () => {
    expect(split.calibration.frequency.reduce((a, b) => a + b, 0)).toBe(2457);
    expect(split.holdoutFrequency.reduce((a, b) => a + b, 0)).toBe(1882);
  });

  it("gives FHL's estimates when the BG/NBD is fitted on the calibration part: r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4", () => {
    const fit = fitBgnbd(split.calibration);
    [0.243, 4.414, 0.793, 2.426].forEach((v, i) => expect(Math.abs([fit.params.r, fit.params.alpha, fit.params.a, fit.params.b][i] - v)).toBeLessThan(5e-4));
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
  });
});

describe("conditional expectations (FHL 2005, Figure 4)", () => {
  const rows = conditionalExpectations(FHL, split);

  it("groups customers 0, 1, …, 6, 7+ as BTYD's walkthrough does: 1411, 439, 214, 100, 62, 38, 29, 64 customers", () => {
    expect(rows.map((r) => r.label)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(rows.map((r) => r.customers)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
  });

  it("gives the actual holdout means BTYD reports for this split: 0.2367, 0.6970, 1.3925, 1.5600, 2.5323, 2.9474, 3.8621, 6.3594", () => {
    // BTYD (Dziurzynski, Wadsworth, McCarthy), walkthrough vignette, the "transaction.actual" row of
    // PlotFreqVsConditionalExpectedFrequency on the CDNOW sample, same-day purchases merged.
    const btyd = [0.2367116, 0.6970387, 1.392523, 1.56, 2.532258, 2.947368, 3.862069, 6.359375];
    rows.forEach((r, g) => expect(r.actual!).toBeCloseTo(btyd[g], 6));
  });

  it("predicts each group's mean of E[Y(39) | x, t_x, T] (eq. 10), computed customer by customer", () => {
    const { frequency, recency, T } = split.calibration;
    const sums = new Float64Array(8);
    for (let i = 0; i < frequency.length; i++) sums[Math.min(frequency[i], 7)] += bgnbdConditionalExpectedPurchases(FHL, 39, frequency[i], recency[i], T[i]);
    rows.forEach((r, g) => expect(r.predicted!).toBeCloseTo(sums[g] / r.customers, 10));
  });

  it("follows the actuals as FHL's figure shows: rising with calibration purchases, within 0.4 purchases per group, 1,654 predicted against 1,882 in all", () => {
    const predicted = rows.map((r) => r.predicted!);
    for (let g = 1; g < predicted.length; g++) expect(predicted[g]).toBeGreaterThan(predicted[g - 1]);
    rows.forEach((r) => expect(Math.abs(r.predicted! - r.actual!)).toBeLessThan(0.4));
    const total = rows.reduce((s, r) => s + r.predicted! * r.customers, 0);
    expect(total).toBeCloseTo(1653.9, 1);
  });

  it("pools at another censor and leaves empty groups empty (null)", () => {
    const wide = conditionalExpectations(FHL, split, 30);
    expect(wide[30].label).toBe("30+");
    expect(wide.some((r) => r.customers === 0 && r.actual === null && r.predicted === null)).toBe(true);
    expect(wide.reduce((s, r) => s + r.customers, 0)).toBe(2357);
  });
});

describe("tracking cumulative repeat purchases (FHL 2005, Figure 3)", () => {
  const tracking = cumulativeTracking(FHL, split);

  it("has 78 weeks from 1997-01-01, 39 of them calibration, with the actual totals 2,457 at week 39 and 4,339 at week 78", () => {
    expect(tracking.origin).toBe(serialFromParts(1997, 1, 1));
    expect(tracking.actual.length).toBe(78);
    expect(tracking.calibrationPeriods).toBe(39);
    expect(tracking.actual[38]).toBe(2457);
    expect(tracking.actual[77]).toBe(4339);
  });

  it("expects Σ E[X(age)] over the customers, each from their own first purchase (eq. 9)", () => {
    for (const week of [5, 39, 78]) {
      let sum = 0;
      split.firstPurchase.forEach((first) => {
        const age = (tracking.origin + 7 * week - 1 - first) / 7;
        if (age > 0) sum += bgnbdExpectedPurchases(FHL, age);
      });
      expect(tracking.expected[week - 1]).toBeCloseTo(sum, 8);
    }
  });

  it("tracks within 2 % at the cut-off and 4 % at week 78, as the figure's curves stay together", () => {
    expect(Math.abs(tracking.expected[38] / 2457 - 1)).toBeLessThan(0.02);
    expect(Math.abs(tracking.expected[77] / 4339 - 1)).toBeLessThan(0.04);
    for (let k = 1; k < 78; k++) expect(tracking.expected[k]).toBeGreaterThan(tracking.expected[k - 1]);
  });
});

describe("P(alive) by frequency × recency", () => {
  it("is 1 without repeat purchases, rises with recency and matches eq. 1 of the P(alive) note cell by cell", () => {
    const grid = probabilityAliveGrid(FHL, 38.86, 10, 21);
    expect(grid.recencies[0]).toBe(0);
    expect(grid.recencies[20]).toBe(38.86);
    expect(Array.from(grid.values[0])).toEqual(new Array(21).fill(1));
    for (let f = 1; f <= 10; f++) {
      for (let j = 1; j < 21; j++) expect(grid.values[f][j]).toBeGreaterThan(grid.values[f][j - 1]);
      expect(grid.values[f][7]).toBeCloseTo(bgnbdProbabilityAlive(FHL, f, grid.recencies[7], 38.86), 14);
    }
    // CDNOW customer 1 (x = 2, t_x = 30.43, T = 38.86) is alive with probability 0.7266 (FHL's note).
    expect(probabilityAliveGrid(FHL, 38.86, 2, 2).values[2][1]).toBeGreaterThan(0.72);
  });

  it("refuses a grid it cannot draw", () => {
    expect(thrown(() => probabilityAliveGrid(FHL, 0, 5)).kind).toBe("value");
    expect(thrown(() => probabilityAliveGrid(FHL, 39, 5, 1)).kind).toBe("value");
  });
});

describe("splits that cannot be made", () => {
  it("names the problem", () => {
    expect(thrown(() => calibrationHoldout(log.ids, log.dates, { cutoff: serialFromParts(1996, 1, 1) })).message).toContain("before the first purchase");
    expect(thrown(() => calibrationHoldout(log.ids, log.dates, { cutoff: END, end: CUTOFF })).message).toContain("must end after the cut-off");
    expect(thrown(() => calibrationHoldout(["a"], [45292], { cutoff: 45292, unit: "year" as never })).message).toContain("unit must be one of");
  });

  it("leaves out customers who start after the cut-off, and counts them", () => {
    const s = calibrationHoldout(["a", "a", "b"], [45292, 45330, 45320], { cutoff: 45310, end: 45340 });
    expect(s.ids).toEqual(["a"]);
    expect(s.laterCustomers).toBe(1);
    expect(s.holdoutFrequency[0]).toBe(1);
  });
});

describe("scale", () => {
  it("splits a 1,048,576-row log (Excel's limit) of some 200,000 customers", () => {
    const rows = 1_048_576;
    const ids = new Array<number>(rows);
    const dates = new Float64Array(rows);
    const next = seededRandom(11);
    for (let i = 0; i < rows; i++) {
      ids[i] = Math.floor(next() * 200_000);
      dates[i] = 45292 + Math.floor(next() * 730);
    }
    const s = calibrationHoldout(ids, dates, { cutoff: 45292 + 364 });
    expect(s.ids.length + s.laterCustomers).toBe(new Set(ids).size);
    const purchaseDays = s.calibration.frequency.reduce((a, b) => a + b, 0) + s.holdoutFrequency.reduce((a, b) => a + b, 0) + s.ids.length;
    expect(purchaseDays).toBeLessThanOrEqual(rows);
    expect(s.repeatDays.length).toBe(purchaseDays - s.ids.length);
  });
});
