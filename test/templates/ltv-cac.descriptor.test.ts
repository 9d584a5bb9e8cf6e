import { cacPayback, ltv, ltvToCac } from "../../src/metrics/ltv";
import { LTV_CAC_CELLS } from "../../src/templates/ltv-cac";
import { ltvCacDescriptor as d } from "../../src/templates/ltv-cac.descriptor";
import type { BuildInput } from "../../src/templates/registry-types";
import { validatePlan } from "../../src/workbook/plan";
import { evaluatePlan } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const input = (options: Record<string, string | number> = {}, language: "en" | "es" = "en"): BuildInput => ({
  rows: [],
  mapping: {},
  options: { ...Object.fromEntries(d.options.map((o) => [o.key, o.default])), ...options },
  sourceLabel: "",
  builtAt: BUILT,
  surface: "taskpane",
  language,
});

describe("LTV:CAC descriptor", () => {
  test("starts from inputs: no columns, one option per model input with the sample business as defaults", () => {
    expect(d.columns).toEqual([]);
    expect(d.options.map((o) => [o.key, o.default])).toEqual([
      ["arpa", 120],
      ["margin", 0.8],
      ["churn", 0.03],
      ["cac", 900],
      ["discount", 0],
      ["currency", "$"],
    ]);
    expect(d.validate(input())).toEqual({ goodRows: 0, problems: [], blocking: [] });
  });

  test("headlines are the metrics core's values and sit in the cells that evaluate to them", () => {
    const headlines = d.headlines!(input());
    // ltv.ts @examples: ltv(120, 0.8, 0.03) = 3200; LTV:CAC = 3200 / 900 = 3.555…; payback = 900 / (120 × 0.8) = 9.375.
    expect(headlines.map((h) => [h.cell, h.value])).toEqual([
      [LTV_CAC_CELLS.ltv, 3200],
      [LTV_CAC_CELLS.ltvToCac, 3200 / 900],
      [LTV_CAC_CELLS.payback, 9.375],
    ]);
    const plan = d.build(input());
    expect(() => validatePlan(plan)).not.toThrow();
    const wb = evaluatePlan(plan);
    for (const h of headlines) expect(wb.number(h.sheet, h.cell)).toBeCloseTo(h.value, 9);
  });

  test("options given as text are read like the CLI's --option (5% churn, 1% discount)", () => {
    const x = input({ churn: "5%", discount: "0.01", arpa: "150" });
    expect(d.validate(x).blocking).toEqual([]);
    const [ltvHeadline, ratio] = d.headlines!(x);
    // 150 × 0.8 / (0.05 + 0.01) = 2000, the same as the metrics core.
    expect(ltvHeadline.value).toBeCloseTo(2000, 9);
    expect(ltvHeadline.value).toBeCloseTo(ltv(150, 0.8, 0.05, 0.01), 9);
    expect(ratio.value).toBeCloseTo(ltvToCac(2000, 900), 9);
    const wb = evaluatePlan(d.build(x));
    expect(wb.number("ltv", LTV_CAC_CELLS.ltv)).toBeCloseTo(2000, 9);
    expect(wb.number("ltv", LTV_CAC_CELLS.payback)).toBeCloseTo(cacPayback(900, 150, 0.8), 9);
  });

  test("a Spanish decimal comma is read in Spanish", () => {
    expect(d.validate(input({ margin: "0,7" }, "es")).blocking).toEqual([]);
    expect(d.headlines!(input({ margin: "0,7" }, "es"))[0].value).toBeCloseTo((120 * 0.7) / 0.03, 9);
  });

  test("impossible inputs block the build, each named in both languages", () => {
    const report = d.validate(input({ churn: 0, margin: 1.5, cac: "lots" }));
    expect(report.blocking).toHaveLength(3);
    expect(report.blocking[0].en).toMatch(/^Option margin \(Gross margin/);
    expect(report.blocking[1].en).toMatch(/^Option churn .*above 0.*got "0"/);
    expect(report.blocking[2].en).toMatch(/^Option cac .*got "lots"/);
    expect(report.blocking[1].es).toMatch(/^La opción churn/);
    expect(() => d.build(input({ churn: 0 }))).toThrow(/churn/);
  });

  test("the currency option reaches the money formats", () => {
    const plan = d.build(input({ currency: "€" }));
    expect(plan.sheets[0].formats.some((f) => f.numberFormat?.includes('"€"'))).toBe(true);
  });

  test("the sample lists the inputs with the option key that changes each", () => {
    const [header, ...rows] = d.sample();
    expect(header).toEqual(["Input", "Option", "Value"]);
    expect(rows.map((r) => r[1])).toEqual(["arpa", "margin", "churn", "cac", "discount"]);
  });
});
