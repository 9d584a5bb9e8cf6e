/**
 * Retention from your cohorts on the LTV:CAC sheet, against the metrics
 * core (src/metrics/retention: fitSbg, sbgSurvivalCurve, sbgRetention,
 * sbgDel, projectionComparison) and against the published figures of
 * Fader & Hardie (2007), "How to Project Customer Retention", Journal of
 * Interactive Marketing 21(1), 76-90: the regular cohort fitted on years
 * 0-7 gives α = 0.704, β = 1.182 (§5) and projects 17.0% still active in
 * year 12 (the sBG test's check), against 17.3% observed. The sheet's
 * formulas are evaluated with HyperFormula (LibreOffice's recalculation is
 * compared for every cell in test/templates/v2/libreoffice.test.ts).
 */
import { projectionComparison } from "../../../src/metrics/retention/curve-fits";
import { fitSbg } from "../../../src/metrics/retention/sbg-fit";
import { sbgRetention, sbgSurvival, sbgSurvivalCurve } from "../../../src/metrics/retention/sbg";
import { sbgDel } from "../../../src/metrics/retention/sbg-value";
import { ltvCacTemplate as T } from "../../../src/templates/ltv-cac/descriptor";
import { RETENTION_KEYS } from "../../../src/templates/ltv-cac/retention-sheets";
import { SAMPLE_PUBLISHED_FIT, SAMPLE_SURVIVORS } from "../../../src/templates/ltv-cac/sample";
import { LTV_STRINGS } from "../../../src/templates/ltv-cac/strings";
import { cellAt, validatePlan } from "../../../src/workbook/plan";
import { parseCell } from "../../../src/workbook/a1";
import { evaluatePlan, EvaluatedWorkbook } from "../../support/evaluate-plan";
import { build, COHORTS, input } from "./support";

/** Fader & Hardie's high-end cohort (the paper's Figure 1), 1,000 customers over years 0-12; fitted on 0-7: α = 0.668, β = 3.806. */
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];
const D_YEAR = Math.pow(1.008, 12) - 1; // 0.8% a month compounded over a year

/** Σ_{t≥0} S(t)/(1 + d)^t summed plainly, S from its product form, until the terms vanish: the definition of the discounted expected lifetime (Fader & Hardie 2010, eq. 5). */
function plainLifetime(alpha: number, beta: number, d: number): number {
  let s = 1, sum = 1;
  for (let t = 1; t < 100_000; t++) {
    s *= (beta + t - 1) / (alpha + beta + t - 1);
    const term = s / Math.pow(1 + d, t);
    sum += term;
    if (term < 1e-18) break;
  }
  return sum;
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("the sample cohort (Fader & Hardie 2007, regular), fitted on years 0-7", () => {
  const b = build(input(COHORTS));
  const c = b.cells.retention!;
  const wb = evaluatePlan(b.plan);
  const n = (cell: string) => wb.number("ltv", cell);
  const core = fitSbg([SAMPLE_SURVIVORS.slice(0, 8)]);
  const pr = b.at[RETENTION_KEYS.projection];

  test("is a valid plan; α and β on the sheet are the metrics core's fit and the published 0.704 and 1.182 to 3 decimals", () => {
    expect(() => validatePlan(b.plan)).not.toThrow();
    const at = (cell: string) => cellAt(b.plan.sheets[0], parseCell(cell).row, parseCell(cell).column);
    expect(at(c.alpha)).toBe(core.params.alpha);
    expect(at(c.beta)).toBe(core.params.beta);
    expect(Math.abs(n(c.alpha) - SAMPLE_PUBLISHED_FIT.alpha)).toBeLessThan(5e-4);
    expect(Math.abs(n(c.beta) - SAMPLE_PUBLISHED_FIT.beta)).toBeLessThan(5e-4);
    // α and β are values (stated on the sheet), with the formula that refits them as text under them.
    expect(c.fittedCounts).toMatch(/^B\d+:B\d+$/);
    expect(JSON.stringify(b.plan.sheets[0].blocks)).toContain(`=CXM.SBG.FIT(${c.fittedCounts})`);
    expect(b.plan.sheets[0].sections.find((s) => s.title === "Retention fitted to your cohorts (sBG)")!.note).toMatch(/not formulas/);
  });

  test("S(t) and r(t) are formulas equal to the core's survival and retention; year 12 projects 17.0% against 17.3% observed", () => {
    const curve = sbgSurvivalCurve(core.params, 12);
    expect(b.model!.horizon).toBe(12);
    for (let t = 0; t <= 12; t++) {
      expect(Math.abs(n(pr.cell(1 + t, 2)) - curve[t])).toBeLessThan(1e-12);
      expect(n(pr.cell(1 + t, 1))).toBeCloseTo(SAMPLE_SURVIVORS[t] / 1000, 12); // the actual share
      if (t > 0) expect(Math.abs(n(pr.cell(1 + t, 5)) - sbgRetention(core.params, t))).toBeLessThan(1e-12);
    }
    expect(String(cellAt(b.plan.sheets[0], pr.row(13), pr.column(2)))).toMatch(/^=/);
    expect(n(pr.cell(13, 2))).toBeCloseTo(0.17, 3);
    expect(n(pr.cell(13, 1))).toBe(0.173);
  });

  test("the discounted lifetime is the core's sbgDel and the plain sum of S(t)/(1 + d)^t, to 1e-9", () => {
    expect(n(c.periodDiscount)).toBeCloseTo(D_YEAR, 14);
    const del = n(c.lifetimeSbg);
    expect(relative(del, sbgDel(core.params, D_YEAR))).toBeLessThan(1e-9);
    expect(relative(del, plainLifetime(core.params.alpha, core.params.beta, D_YEAR))).toBeLessThan(1e-9);
    expect(del).toBeCloseTo(3.6896, 4);
  });

  test("LTV = ARPA × 12 × margin × DEL beside the constant churn fitted to the same counts (759 lost / 3,358 customer-years at risk)", () => {
    const margin = 120 * 12 * 0.8;
    expect(n(c.marginPerPeriod)).toBe(1152);
    expect(relative(n(c.ltvSbg), margin * sbgDel(core.params, D_YEAR))).toBeLessThan(1e-9);
    expect(n(c.ltvToCacSbg)).toBeCloseTo(n(c.ltvSbg) / 900, 12);
    // Years 0-7: lost 1000 − 241; at risk 1000 + 631 + 468 + 382 + 326 + 289 + 262.
    const churn = 759 / 3358;
    expect(n(c.constantChurn)).toBeCloseTo(churn, 14);
    expect(n(c.lifetimeConstant)).toBeCloseTo((1 + D_YEAR) / (churn + D_YEAR), 12);
    expect(n(c.ltvConstant)).toBeCloseTo(margin * ((1 + D_YEAR) / (churn + D_YEAR)), 9);
    // Ignoring heterogeneity undervalues the customer (Fader & Hardie 2010): by about 9% here.
    expect(n(c.ltvSbg) / n(c.ltvConstant)).toBeCloseTo(1.094, 3);
  });

  test("how not to project: the curves are projectionComparison's, fit years 0-7 well and miss year 12 by far more than the sBG", () => {
    const p = projectionComparison(SAMPLE_SURVIVORS, 7, 12);
    expect(b.model!.fit.params).toEqual(p.sbgParams);
    const h = b.at[RETENTION_KEYS.howNot];
    const curves = b.at[RETENTION_KEYS.curves];
    p.curves.forEach((curve, j) => {
      // The same fit to the last bits (the pooled actual is a product of ratios, n_t/n_0 to rounding).
      const mine = b.model!.curves[j];
      expect(mine.kind).toBe(curve.fit.kind);
      mine.coefficients.forEach((x, k) => expect(x).toBeCloseTo(curve.fit.coefficients[k], 12));
      expect(cellAt(b.plan.sheets[0], curves.row(1 + j), curves.column(4))).toBeCloseTo(curve.fit.rSquared, 12);
      for (let t = 0; t <= 12; t++) expect(Math.abs(n(h.cell(1 + t, 1 + j)) - curve.values[t])).toBeLessThan(1e-12);
    });
    for (let t = 0; t <= 12; t++) expect(Math.abs(n(pr.cell(1 + t, 2)) - p.sbg[t])).toBeLessThan(1e-12);
    const actual12 = 0.173;
    const sbgMiss = Math.abs(n(pr.cell(13, 2)) - actual12);
    for (let j = 0; j < 3; j++) expect(Math.abs(n(h.cell(13, 1 + j)) - actual12)).toBeGreaterThan(3 * sbgMiss);
    expect(n(h.cell(13, 1))).toBeLessThan(0); // the line projects a negative share of the cohort
    const chart = b.plan.sheets[0].charts.find((x) => x.title.startsWith("How not to project"))!;
    expect(chart.series.map((s) => s.name)).toEqual(["Actual", "sBG projection", "Linear", "Quadratic", "Exponential"]);
  });

  test("the sheet moves with its cells: a new discount rate, or α and β refitted in Excel", () => {
    const w: EvaluatedWorkbook = evaluatePlan(b.plan);
    w.set("ltv", b.cells.discountRate, 0.01);
    const d = Math.pow(1.01, 12) - 1;
    expect(relative(w.number("ltv", c.lifetimeSbg), sbgDel(core.params, d))).toBeLessThan(1e-9);
    const refit = { alpha: 0.668, beta: 3.806 };
    w.set("ltv", c.alpha, refit.alpha);
    w.set("ltv", c.beta, refit.beta);
    expect(w.number("ltv", pr.cell(13, 2))).toBeCloseTo(sbgSurvival(refit, 12), 12);
    expect(relative(w.number("ltv", c.lifetimeSbg), sbgDel(refit, d))).toBeLessThan(1e-9);
    // No discounting: the closed form (α + β − 1)/(α − 1) when α > 1, "n/a" otherwise.
    w.set("ltv", b.cells.discountRate, 0);
    expect(w.value("ltv", c.lifetimeSbg)).toBe("n/a");
    w.set("ltv", c.alpha, 2);
    expect(w.number("ltv", c.lifetimeSbg)).toBeCloseTo((2 + 3.806 - 1) / (2 - 1), 12);
  });

  test("headlines: the core's sBG LTV and LTV:CAC, in the cells that show them", () => {
    const headlines = T.headlines!(input(COHORTS));
    expect(headlines.map((h) => h.label.en)).toEqual(["LTV", "LTV:CAC", "CAC payback (months)", "LTV with cohort retention (sBG)", "LTV:CAC with cohort retention (sBG)"]);
    for (const h of headlines) expect(relative(wb.number(h.sheet, h.cell), h.value)).toBeLessThan(1e-9);
    expect(headlines[3].value).toBe(1152 * sbgDel(core.params, D_YEAR));
  });

  test("in Spanish: the same figures under Spanish words and names", () => {
    const es = build(input(COHORTS, "es"));
    const w = evaluatePlan(es.plan);
    const e = es.cells.retention!;
    expect(w.number("ltv", e.ltvSbg)).toBeCloseTo(n(c.ltvSbg), 9);
    expect(es.plan.sheets[0].names.map((x) => x.name)).toEqual(expect.arrayContaining(["SBG_alfa", "SBG_beta", "Vida_sBG", "LTV_sBG", "Descuento_por_periodo"]));
    expect(es.plan.sheets[0].sections.map((s) => s.title)).toContain("Retención ajustada a sus cohortes (sBG)");
  });
});

describe("survivor counts typed as an option", () => {
  test("the high-end cohort, in English and in Spanish lists: the published α = 0.668, β = 3.806", () => {
    const years = (sep: string) => `${HIGH_END.slice(0, 8).join(sep)} | ${HIGH_END.slice(8).join(sep)}`;
    for (const [text, language] of [[years(", "), "en"], [years("; "), "es"], [years(" "), "en"]] as const) {
      const b = build(input({ ...COHORTS, survivors: text, period: "year" }, language));
      expect(b.agg.retention!.heldOut).toBe(5);
      expect(Math.abs(b.model!.fit.params.alpha - 0.668)).toBeLessThan(5e-4);
      expect(Math.abs(b.model!.fit.params.beta - 3.806)).toBeLessThan(5e-4);
    }
  });

  test("without a |, every count is fitted; shares fit as counts do; typed counts are monthly unless told", () => {
    const counts = build(input({ ...COHORTS, survivors: HIGH_END.slice(0, 8).join(",") }));
    const shares = build(input({ ...COHORTS, survivors: HIGH_END.slice(0, 8).map((x) => String(x / 1000).replace(".", ",")).join("; ") }, "es"));
    expect(counts.agg.retention!.period).toBe("month");
    expect(counts.model!.fitPeriods).toBe(7);
    expect(shares.model!.fit.params.alpha).toBeCloseTo(counts.model!.fit.params.alpha, 6);
    expect(counts.plan.sheets[0].blocks.some((bl) => bl.rows.some((r) => r.includes("Your cohort")))).toBe(true);
  });

  test.each([
    ["1000, 631, 468, 500", "Option survivors: count 4 is 500, more than the 468 a period before"],
    ["1000, 631, lots", 'Option survivors: "lots" (count 3) is not a number.'],
    ["1000, 631 | 468", "needs the cohort's size and its survivors after at least two periods"],
    ["1000, 631, 468 | 400 | 300", "more than one |"],
    ["0, 0, 0", "the first count is the cohort's size, so it must be above 0 (got 0)"],
  ])("%s is refused, saying why", (survivors, message) => {
    const report = T.validate(input({ ...COHORTS, survivors }));
    expect(report.blocking.map((x) => x.en).join(" ")).toContain(message);
    expect(report.blocking[0].es).toMatch(/^(Opción|La opción) survivors/);
  });

  test("retention from cohorts without a discount rate is refused when α ≤ 1 (an infinite lifetime), in both languages", () => {
    const [problem] = T.validate(input({ retention: "cohorts" })).blocking;
    expect(problem.en).toContain("the fitted α is 0.704 (at most 1)");
    expect(problem.es).toContain("el α ajustado es 0,704");
    // α > 1 (churn probabilities close together) has a finite lifetime without discounting: (α + β − 1)/(α − 1).
    const steady = [1000, 700, 495, 352, 252, 181].join(", ");
    const b = build(input({ retention: "cohorts", survivors: steady }));
    const { alpha, beta } = b.model!.fit.params;
    expect(alpha).toBeGreaterThan(1);
    expect(evaluatePlan(b.plan).number("ltv", b.cells.retention!.lifetimeSbg)).toBeCloseTo((alpha + beta - 1) / (alpha - 1), 10);
  });
});

describe("survivor counts from a transaction log (cxm template ltv-cac --input)", () => {
  // Payments by month, January to June 2024. A customer's survival runs from their first payment's month to their last's.
  const months = ["2024-01-10", "2024-02-10", "2024-03-10", "2024-04-10", "2024-05-10", "2024-06-10"];
  const paid: Record<string, number[]> = {
    a: [0, 1, 2, 3, 4, 5], b: [0, 1], c: [0], d: [0, 1, 2], e: [0, 2, 3], // e skips February and comes back: still a customer
    f: [1, 2, 3, 4, 5], g: [1], h: [1, 2],
    i: [2, 3, 4, 5], j: [2, 3], k: [2],
    l: [5], // June's cohort: not yet seen to renew
  };
  const rows = Object.entries(paid).flatMap(([id, ms]) => ms.map((m) => [id, months[m]]));
  const mapping = { customer: 0, date: 1 };
  const logInput = (options: Record<string, string | number> = COHORTS) => input(options, "en", rows, mapping);

  /** Survivors of the cohort starting in month s, written out: customers of the cohort whose last month is k or more months after s. */
  function expected(s: number): number[] {
    const members = Object.values(paid).filter((ms) => ms[0] === s);
    return Array.from({ length: 6 - s }, (_, k) => members.filter((ms) => ms[ms.length - 1] - s >= k).length);
  }

  test("groups the log into cohorts with src/metrics/cohort.ts and counts survivors from first to last payment", () => {
    const b = build(logInput());
    const r = b.agg.retention!;
    expect(r.source).toBe("log");
    expect(r.period).toBe("month");
    expect(r.cohorts.map((x) => x.survivors)).toEqual([expected(0), expected(1), expected(2)]);
    expect(r.cohorts[0].survivors).toEqual([5, 4, 3, 2, 1, 1]);
    expect(r.youngCustomers).toBe(1);
    // The joint fit of the three cohorts is the core's.
    expect(b.model!.fit.params).toEqual(fitSbg([expected(0), expected(1), expected(2)]).params);
    const line = b.plan.sheets[0].blocks[0].rows[2][0] as string;
    expect(line).toContain("Source: orders.csv (31 rows used)");
    expect(line).toContain("1 customer of the last month, not yet seen to renew, is left out.");
  });

  test("the actual survival pools the cohorts observed at each t (a life table), as formulas over the counts", () => {
    const b = build(logInput());
    const wb = evaluatePlan(b.plan);
    const pr = b.at[RETENTION_KEYS.projection];
    const cohorts = [expected(0), expected(1), expected(2)];
    let s = 1;
    for (let t = 1; t <= 5; t++) {
      const observed = cohorts.filter((x) => x.length > t);
      s *= observed.reduce((a, x) => a + x[t], 0) / observed.reduce((a, x) => a + x[t - 1], 0);
      expect(wb.number("ltv", pr.cell(1 + t, 1))).toBeCloseTo(s, 12);
    }
  });

  test("a log needs retention from cohorts, and either a log or typed counts", () => {
    expect(T.validate(logInput({})).blocking.map((x) => x.en)).toEqual([LTV_STRINGS.en.logNeedsCohorts]);
    expect(T.validate(logInput({ ...COHORTS, survivors: "100, 50, 25" })).blocking.map((x) => x.en)).toEqual([LTV_STRINGS.en.logAndTyped]);
    const short = input(COHORTS, "en", [["a", "2024-01-05"], ["a", "2024-02-05"], ["b", "2024-01-09"]], mapping);
    expect(T.validate(short).blocking[0].en).toBe("The transactions span fewer than three months: the fit and the curves need at least three points.");
  });

  test("rows that cannot be used are named and left out, as for the cohort retention template", () => {
    const report = T.validate(input(COHORTS, "en", [...rows, ["", "2024-03-01"], ["z", "soon"]], mapping));
    expect(report.goodRows).toBe(rows.length);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [rows.length, "customer"],
      [rows.length + 1, "date"],
    ]);
  });
});
