import fc from "fast-check";
import { csatFromHistogram } from "../../src/metrics/csat";
import { churnRate, firstContactResolution } from "../../src/metrics/customers";
import { ltv, ltvToCac } from "../../src/metrics/ltv";
import { npsFromCounts } from "../../src/metrics/nps";
import { nrr } from "../../src/metrics/revenue-retention";
import {
  kpiScorecard,
  KpiSpec,
  kpiStatus,
  SAMPLE_KPIS,
  SCORECARD_COLUMNS as COL,
  SCORECARD_FIRST_ROW as FIRST,
} from "../../src/templates/kpi-scorecard";
import { validatePlan } from "../../src/workbook/plan";
import { evaluatePlan } from "../support/evaluate-plan";

const rowOf = (name: string) => FIRST + SAMPLE_KPIS.findIndex((k) => k.name === name);

describe("kpiScorecard (sample KPIs)", () => {
  const plan = kpiScorecard();
  const wb = evaluatePlan(plan);
  const actual = (name: string) => wb.number("scorecard", `${COL.actual}${rowOf(name)}`);
  const status = (name: string) => wb.value("scorecard", `${COL.status}${rowOf(name)}`);

  test("is valid, with the table, names, validation and status colouring a reader expects", () => {
    expect(() => validatePlan(plan)).not.toThrow();
    const sheet = plan.sheets[0];
    expect(sheet.tables).toEqual([{ name: "KpiScorecard", range: `A${FIRST - 1}:I${FIRST + SAMPLE_KPIS.length - 1}`, style: "TableStyleMedium2" }]);
    expect(sheet.names.map((n) => n.name)).toContain("Promoters");
    expect(sheet.validations[0].list).toEqual(["higher", "lower"]);
    expect(sheet.conditionalFormats.map((c) => (c.kind === "cellValue" ? c.formula1 : ""))).toEqual(['"met"', '"near"', '"missed"']);
    expect(sheet.freeze).toEqual({ rows: FIRST - 1, columns: 1 });
  });

  test("actuals computed from the inputs equal the metrics core", () => {
    // NPS: 412 promoters, 288 passives, 150 detractors -> (412 - 150) / 850 × 100 = 30.82…
    expect(actual("NPS")).toBeCloseTo(npsFromCounts({ promoters: 412, passives: 288, detractors: 150 }), 9);
    expect(actual("NPS")).toBeCloseTo((100 * 262) / 850, 9);
    // CSAT: 640 of 800 answered 4 or 5 -> 0.8
    expect(actual("CSAT")).toBeCloseTo(csatFromHistogram([0, 0, 0, 160, 0, 640]), 12);
    // Churn: 46 of 2000 -> 0.023
    expect(actual("Customer churn (monthly)")).toBeCloseTo(churnRate(2000, 46), 12);
    // NRR: (250000 + 20000 - 5000 - 7500) / 250000 = 1.03
    expect(actual("Net revenue retention")).toBeCloseTo(nrr(250000, 20000, 5000, 7500), 12);
    // FCR: 3400 / 4000 = 0.85
    expect(actual("First contact resolution")).toBeCloseTo(firstContactResolution(3400, 4000), 12);
    // LTV:CAC: 120 × 0.8 / 0.023 / 900 = 4.637…
    expect(actual("LTV:CAC")).toBeCloseTo(ltvToCac(ltv(120, 0.8, churnRate(2000, 46)), 900), 9);
    expect(actual("CES (average, 1-7)")).toBe(5.6);
    expect(actual("First response time (hours)")).toBe(5.1);
  });

  test("statuses: met, near and missed as worked out by hand", () => {
    expect(status("NPS")).toBe("near"); // 30.8 < 35 but >= 35 - 5
    expect(status("CSAT")).toBe("missed"); // 0.80 < 0.85 - 0.03
    expect(status("CES (average, 1-7)")).toBe("met"); // 5.6 >= 5.5
    expect(status("Customer churn (monthly)")).toBe("near"); // lower is better: 0.023 > 0.02 but <= 0.025
    expect(status("Net revenue retention")).toBe("met"); // 1.03 >= 1
    expect(status("First contact resolution")).toBe("met"); // 0.85 >= 0.8
    expect(status("LTV:CAC")).toBe("met"); // 4.64 >= 3
    expect(status("First response time (hours)")).toBe("missed"); // lower is better: 5.1 > 4 + 1
    // Gap is positive when the KPI beats its target: NRR 1.03 - 1 = 0.03; response time 4 - 5.1 = -1.1.
    expect(wb.number("scorecard", `${COL.gap}${rowOf("Net revenue retention")}`)).toBeCloseTo(0.03, 12);
    expect(wb.number("scorecard", `${COL.gap}${rowOf("First response time (hours)")}`)).toBeCloseTo(-1.1, 12);
  });

  test("the status moves when an input changes", () => {
    const w = evaluatePlan(kpiScorecard());
    const promotersCell = w.resolved.names.find((n) => n.name === "Promoters")!.reference.split("!")[1].replace(/\$/g, "");
    w.set("scorecard", promotersCell, 600); // (600 - 150) / 1038 × 100 = 43.4 -> met
    expect(w.value("scorecard", `${COL.status}${rowOf("NPS")}`)).toBe("met");
  });
});

describe("kpiScorecard (any KPIs)", () => {
  test("property: the Status formula agrees with kpiStatus for typed actuals", () => {
    const kpi = fc.record({
      direction: fc.constantFrom("higher" as const, "lower" as const),
      target: fc.integer({ min: -100, max: 100 }),
      nearWithin: fc.integer({ min: 0, max: 20 }),
      actual: fc.integer({ min: -150, max: 150 }),
    });
    fc.assert(
      fc.property(fc.array(kpi, { minLength: 1, maxLength: 6 }), (specs) => {
        const kpis: KpiSpec[] = specs.map((k, i) => ({ ...k, name: `KPI ${i}`, format: "0", timeFrame: "Q1", note: "n" }));
        const w = evaluatePlan(kpiScorecard(kpis));
        kpis.forEach((k, i) => {
          expect(w.value("scorecard", `${COL.status}${FIRST + i}`)).toBe(kpiStatus(k.direction, k.target, k.actual as number, k.nearWithin));
        });
      }),
      { numRuns: 30 },
    );
  });

  test("bad KPIs are refused with a message naming the KPI", () => {
    const base = SAMPLE_KPIS[0];
    expect(() => kpiScorecard([])).toThrow(/at least one KPI/);
    expect(() => kpiScorecard([{ ...base, direction: "up" as never }])).toThrow(/NPS.*direction/);
    expect(() => kpiScorecard([{ ...base, actual: "Promoters" }])).toThrow(/formula/);
    expect(() => kpiScorecard([{ ...base, nearWithin: -1 }])).toThrow(/nearWithin/);
  });
});
