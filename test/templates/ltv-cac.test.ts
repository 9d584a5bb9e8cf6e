import fc from "fast-check";
import { cacPayback, ltv, ltvToCac } from "../../src/metrics/ltv";
import { MetricError } from "../../src/metrics/errors";
import { parseCell } from "../../src/workbook/a1";
import { cellAt, validatePlan } from "../../src/workbook/plan";
import {
  DEFAULT_ARPA_MULTIPLIERS,
  DEFAULT_CHURN_MULTIPLIERS,
  LTV_CAC_CELLS as CELLS,
  LTV_CAC_NAMES as NAMES,
  ltvCacModel,
  SAMPLE_LTV_CAC_INPUTS,
} from "../../src/templates/ltv-cac";
import { cellName } from "../../src/workbook/a1";
import { evaluatePlan } from "../support/evaluate-plan";

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe("ltvCacModel", () => {
  const plan = ltvCacModel();
  const sheet = plan.sheets[0];

  test("is a valid one-sheet plan whose names point at the documented cells", () => {
    expect(() => validatePlan(plan)).not.toThrow();
    const ref = (name: string) => sheet.names.find((n) => n.name === name)?.ref;
    expect(ref(NAMES.arpa)).toBe("$B$7");
    expect(ref(NAMES.cac)).toBe("$B$10");
    expect(ref(NAMES.ltv)).toBe("$B$17");
    expect(ref(NAMES.ltvToCac)).toBe("$B$18");
    expect(ref(NAMES.payback)).toBe("$B$19");
    expect(cellAt(sheet, 24, 1)).toBe("Churn \\ ARPA");
    expect(cellAt(sheet, 35, 1)).toBe(0);
  });

  test("every output is a formula, every input a plain number", () => {
    for (const key of ["lifetime", "ltv", "ltvToCac", "payback", "status"] as const) {
      const { row, column } = parseCell(CELLS[key]);
      expect(String(cellAt(sheet, row, column))).toMatch(/^=/);
    }
    for (const key of ["arpa", "grossMargin", "monthlyChurn", "cac", "discountRate"] as const) {
      const { row, column } = parseCell(CELLS[key]);
      expect(typeof cellAt(sheet, row, column)).toBe("number");
    }
  });

  test("sample inputs: the evaluated cells equal the metrics core (ltv.ts's own examples)", () => {
    const wb = evaluatePlan(plan);
    const { arpa, grossMargin, monthlyChurn, cac } = SAMPLE_LTV_CAC_INPUTS;
    // ltv(120, 0.8, 0.03) = 3200, ltvToCac(3200, 900) = 3.555…, cacPayback(900, 120, 0.8) = 9.375 (ltv.ts @example).
    close(wb.number("ltv", CELLS.ltv), 3200);
    close(wb.number("ltv", CELLS.ltvToCac), 3200 / 900);
    close(wb.number("ltv", CELLS.payback), 9.375);
    close(wb.number("ltv", CELLS.lifetime), 1 / 0.03);
    expect(wb.value("ltv", CELLS.status)).toBe("Healthy (3 or more)");
    close(wb.number("ltv", CELLS.ltv), ltv(arpa, grossMargin, monthlyChurn));
    close(wb.number("ltv", CELLS.ltvToCac), ltvToCac(ltv(arpa, grossMargin, monthlyChurn), cac));
  });

  test("editing an input moves the model (discount rate 1%: ltv.ts example 2400)", () => {
    const wb = evaluatePlan(plan);
    wb.set("ltv", CELLS.discountRate, 0.01);
    close(wb.number("ltv", CELLS.ltv), 2400);
    wb.set("ltv", CELLS.cac, 3000); // 2400 / 3000 = 0.8 -> losing money
    close(wb.number("ltv", CELLS.ltvToCac), 0.8);
    expect(wb.value("ltv", CELLS.status)).toBe("Losing money (below 1)");
    wb.set("ltv", CELLS.cac, 1200); // 2400 / 1200 = 2
    expect(wb.value("ltv", CELLS.status)).toBe("Below target (1 to 3)");
  });

  test("the sensitivity grid equals ltv() / CAC at every churn × ARPA pair", () => {
    const wb = evaluatePlan(plan);
    const corner = parseCell(CELLS.gridCorner);
    const { arpa, grossMargin, monthlyChurn, cac, discountRate } = SAMPLE_LTV_CAC_INPUTS;
    DEFAULT_CHURN_MULTIPLIERS.forEach((k, i) => {
      close(wb.number("ltv", cellName(corner.row + 1 + i, corner.column)), monthlyChurn * k);
      DEFAULT_ARPA_MULTIPLIERS.forEach((m, j) => {
        const cell = cellName(corner.row + 1 + i, corner.column + 1 + j);
        close(wb.number("ltv", cell), ltv(arpa * m, grossMargin, monthlyChurn * k, discountRate) / cac);
      });
    });
  });

  test("the payback curve crosses CAC at cacPayback() months", () => {
    const wb = evaluatePlan(plan);
    const start = parseCell(CELLS.paybackStart);
    const payback = cacPayback(900, 120, 0.8); // 9.375 (ltv.ts @example)
    for (let m = 0; m <= 24; m++) {
      const margin = wb.number("ltv", cellName(start.row + m, 2));
      close(margin, 120 * 0.8 * m);
      expect(margin >= wb.number("ltv", cellName(start.row + m, 3))).toBe(m >= payback);
    }
  });

  test("property: for any valid inputs the LTV and LTV:CAC cells equal the metrics core", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 10000, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.double({ min: 1, max: 100000, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        (arpa, grossMargin, monthlyChurn, cac, discountRate) => {
          const wb = evaluatePlan(ltvCacModel({ arpa, grossMargin, monthlyChurn, cac, discountRate }));
          const expected = ltv(arpa, grossMargin, monthlyChurn, discountRate);
          expect(wb.number("ltv", CELLS.ltv) / expected).toBeCloseTo(1, 10); // relative; HyperFormula rounds at ~1e-12
          expect(wb.number("ltv", CELLS.ltvToCac) / ltvToCac(expected, cac)).toBeCloseTo(1, 10); // relative; HyperFormula rounds at ~1e-12
          expect(wb.number("ltv", CELLS.payback) / cacPayback(cac, arpa, grossMargin)).toBeCloseTo(1, 10); // relative; HyperFormula rounds at ~1e-12
        },
      ),
      { numRuns: 25 },
    );
  });

  test("impossible inputs fail with the metrics core's error before anything is written", () => {
    expect(() => ltvCacModel({ ...SAMPLE_LTV_CAC_INPUTS, grossMargin: 1.5 })).toThrow(MetricError);
    expect(() => ltvCacModel({ ...SAMPLE_LTV_CAC_INPUTS, monthlyChurn: 0, discountRate: 0 })).toThrow(/unbounded/);
    expect(() => ltvCacModel(SAMPLE_LTV_CAC_INPUTS, { churnMultipliers: [1, -1] })).toThrow(/multipliers/);
  });

  test("a title and a one-line note for every block; frozen header; a chart", () => {
    expect(sheet.sections.map((s) => s.title)).toEqual([
      "Inputs",
      "Outputs",
      "Sensitivity: LTV:CAC by monthly churn and ARPA",
      "CAC payback curve",
    ]);
    expect(sheet.sections.every((s) => s.note.length > 20)).toBe(true);
    expect(sheet.freeze).toEqual({ rows: 2, columns: 0 });
    expect(sheet.charts.length).toBe(2);
  });
});
