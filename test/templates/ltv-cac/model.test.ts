/**
 * The LTV:CAC model with constant churn (src/templates/ltv-cac/): every
 * output an Excel formula over the named inputs that equals the metrics core
 * (src/metrics/ltv.ts, whose definitions cite ChartMogul and Skok), editing an
 * input moves the model, the sensitivity grid and payback curve, the
 * options as the CLI and the pane give them, and the Spanish build. The
 * checks every v2 template shares (language, layout, cached values,
 * LibreOffice) run over this template in test/templates/v2/.
 */
import fc from "fast-check";
import { cacPayback, ltv, ltvToCac } from "../../../src/metrics/ltv";
import { ltvCacTemplate as T } from "../../../src/templates/ltv-cac/descriptor";
import { ltvCacSample } from "../../../src/templates/ltv-cac/sample";
import { DEFAULT_ARPA_MULTIPLIERS, DEFAULT_CHURN_MULTIPLIERS, PAYBACK_MONTHS } from "../../../src/templates/ltv-cac/sheets";
import { LTV_STRINGS } from "../../../src/templates/ltv-cac/strings";
import { TemplateInputError } from "../../../src/templates/shared/errors";
import { cellAt, validatePlan } from "../../../src/workbook/plan";
import { evaluatePlan } from "../../support/evaluate-plan";
import { build, input } from "./support";

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe("LTV:CAC model, constant churn", () => {
  const b = build(input());
  const sheet = b.plan.sheets[0];
  const N = LTV_STRINGS.en.names;

  test("is a valid one-sheet plan whose names point at the documented cells; no cohort blocks", () => {
    expect(() => validatePlan(b.plan)).not.toThrow();
    const ref = (name: string) => sheet.names.find((n) => n.name === name)?.ref.replace(/\$/g, "");
    expect(ref(N.arpa)).toBe(b.cells.arpa);
    expect(ref(N.cac)).toBe(b.cells.cac);
    expect(ref(N.ltv)).toBe(b.cells.ltv);
    expect(ref(N.ltvToCac)).toBe(b.cells.ltvToCac);
    expect(ref(N.payback)).toBe(b.cells.payback);
    expect(b.model).toBeNull();
    expect(b.cells.retention).toBeUndefined();
    expect(sheet.sections.map((s) => s.title)).toEqual(["Inputs", "Outputs", "Sensitivity: LTV:CAC by monthly churn and ARPA", "CAC payback curve"]);
    expect(sheet.charts.map((c) => c.series.length)).toEqual([DEFAULT_ARPA_MULTIPLIERS.length, 2]);
  });

  test("every output is a formula over the named inputs; every input a plain number", () => {
    const at = (cell: string) => cellAt(sheet, Number(cell.slice(1)), cell.charCodeAt(0) - 64);
    for (const key of ["lifetime", "ltv", "ltvToCac", "payback", "status"] as const) expect(String(at(b.cells[key]))).toMatch(/^=/);
    expect(at(b.cells.ltv)).toBe("=ARPA*Gross_margin/(Monthly_churn+Discount_rate)");
    for (const key of ["arpa", "grossMargin", "monthlyChurn", "cac", "discountRate"] as const) expect(typeof at(b.cells[key])).toBe("number");
  });

  test("sample inputs: the evaluated cells equal the metrics core (ltv.ts's own examples)", () => {
    const wb = evaluatePlan(b.plan);
    // ltv(120, 0.8, 0.03) = 3200, ltvToCac(3200, 900) = 3.555…, cacPayback(900, 120, 0.8) = 9.375 (ltv.ts @example).
    close(wb.number("ltv", b.cells.ltv), 3200);
    close(wb.number("ltv", b.cells.ltvToCac), 3200 / 900);
    close(wb.number("ltv", b.cells.payback), 9.375);
    close(wb.number("ltv", b.cells.lifetime), 1 / 0.03);
    expect(wb.value("ltv", b.cells.status)).toBe("Healthy (3 or more)");
    close(wb.number("ltv", b.cells.ltv), ltv(120, 0.8, 0.03));
  });

  test("editing an input moves the model (discount rate 1%: ltv.ts example 2400)", () => {
    const wb = evaluatePlan(b.plan);
    wb.set("ltv", b.cells.discountRate, 0.01);
    close(wb.number("ltv", b.cells.ltv), 2400);
    wb.set("ltv", b.cells.cac, 3000); // 2400 / 3000 = 0.8 -> losing money
    close(wb.number("ltv", b.cells.ltvToCac), 0.8);
    expect(wb.value("ltv", b.cells.status)).toBe("Losing money (below 1)");
    wb.set("ltv", b.cells.cac, 1200); // 2400 / 1200 = 2
    expect(wb.value("ltv", b.cells.status)).toBe("Below target (1 to 3)");
  });

  test("the sensitivity grid equals ltv() / CAC at every churn × ARPA pair, and follows the inputs", () => {
    const wb = evaluatePlan(b.plan);
    const g = b.at.grid;
    DEFAULT_CHURN_MULTIPLIERS.forEach((k, i) => {
      close(wb.number("ltv", g.cell(1 + i, 0)), 0.03 * k);
      DEFAULT_ARPA_MULTIPLIERS.forEach((m, j) => close(wb.number("ltv", g.cell(1 + i, 1 + j)), ltv(120 * m, 0.8, 0.03 * k) / 900));
    });
    wb.set("ltv", b.cells.arpa, 200);
    close(wb.number("ltv", g.cell(3, 3)), ltv(200, 0.8, 0.03) / 900);
  });

  test("the payback curve crosses CAC at cacPayback() months", () => {
    const wb = evaluatePlan(b.plan);
    const p = b.at.payback;
    const payback = cacPayback(900, 120, 0.8); // 9.375 (ltv.ts @example)
    for (let m = 0; m <= PAYBACK_MONTHS; m++) {
      const margin = wb.number("ltv", p.cell(1 + m, 1));
      close(margin, 120 * 0.8 * m);
      expect(margin >= wb.number("ltv", p.cell(1 + m, 2))).toBe(m >= payback);
    }
  });

  test("property: for any valid inputs the LTV, LTV:CAC and payback cells equal the metrics core", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 10000, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.double({ min: 1, max: 100000, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        (arpa, margin, churn, cac, discount) => {
          const x = build(input({ arpa, margin, churn, cac, discount }));
          const wb = evaluatePlan(x.plan);
          const expected = ltv(arpa, margin, churn, discount);
          // Relative: HyperFormula rounds at about 1e-14.
          expect(wb.number("ltv", x.cells.ltv) / expected).toBeCloseTo(1, 10);
          expect(wb.number("ltv", x.cells.ltvToCac) / ltvToCac(expected, cac)).toBeCloseTo(1, 10);
          expect(wb.number("ltv", x.cells.payback) / cacPayback(cac, arpa, margin)).toBeCloseTo(1, 10);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe("LTV:CAC descriptor", () => {
  test("starts from inputs: no columns, a transaction log's columns for retention from cohorts, the sample business as defaults", () => {
    expect(T.columns).toEqual([]);
    expect(T.inputColumns!.map((c) => c.key)).toEqual(["customer", "date"]);
    expect(T.options.map((o) => [o.key, o.default])).toEqual([
      ["arpa", 120],
      ["margin", 0.8],
      ["churn", 0.03],
      ["cac", 900],
      ["discount", 0],
      ["retention", "constant"],
      ["survivors", ""],
      ["period", "auto"],
      ["currency", "auto"],
    ]);
    expect(T.validate(input())).toEqual({ goodRows: 0, problems: [], blocking: [] });
  });

  test("headlines are the metrics core's values and sit in the cells that evaluate to them", () => {
    const headlines = T.headlines!(input());
    expect(headlines.map((h) => h.value)).toEqual([3200, 3200 / 900, 9.375]);
    const b = build(input());
    const wb = evaluatePlan(b.plan);
    for (const h of headlines) expect(wb.number(h.sheet, h.cell)).toBeCloseTo(h.value, 9);
  });

  test("options given as text are read like the CLI's --option (5% churn, 1% discount)", () => {
    const x = input({ churn: "5%", discount: "0.01", arpa: "150" });
    expect(T.validate(x).blocking).toEqual([]);
    const [ltvHeadline, ratio] = T.headlines!(x);
    // 150 × 0.8 / (0.05 + 0.01) = 2000.
    expect(ltvHeadline.value).toBeCloseTo(2000, 9);
    expect(ratio.value).toBeCloseTo(ltvToCac(2000, 900), 9);
    const b = build(x);
    expect(evaluatePlan(b.plan).number("ltv", b.cells.ltv)).toBeCloseTo(2000, 9);
  });

  test("a Spanish decimal comma is read in Spanish", () => {
    expect(T.validate(input({ margin: "0,7" }, "es")).blocking).toEqual([]);
    expect(T.headlines!(input({ margin: "0,7" }, "es"))[0].value).toBeCloseTo((120 * 0.7) / 0.03, 9);
  });

  test("impossible inputs block the build, each named in both languages, and the build throws the one template error", () => {
    const report = T.validate(input({ churn: 0, margin: 1.5, cac: "lots" }));
    expect(report.blocking).toHaveLength(3);
    expect(report.blocking[0].en).toMatch(/^Option margin \(Gross margin/);
    expect(report.blocking[1].en).toMatch(/^Option churn .*above 0.*got "0"/);
    expect(report.blocking[2].en).toMatch(/^Option cac .*got "lots"/);
    expect(report.blocking[1].es).toMatch(/^La opción churn \(Tasa de abandono mensual/);
    expect(() => build(input({ churn: 0 }))).toThrow(TemplateInputError);
    expect(() => build(input({ churn: 0 }, "es"))).toThrow(/La opción churn/);
    expect(T.validate(input({ retention: "magic" })).blocking[0].en).toBe('Option retention: unknown value "magic".');
  });

  test("the currency follows the language (dollars before, euros after the number) and stays an option", () => {
    const formats = (b: ReturnType<typeof build>) => b.plan.sheets[0].formats.map((f) => f.numberFormat ?? "");
    expect(formats(build(input()))).toContain('"$"#,##0');
    expect(formats(build(input({}, "es")))).toContain('#,##0 "€"');
    expect(formats(build(input({ currency: "£" })))).toContain('"£"#,##0.00');
  });

  test("the Spanish build: Spanish sheet, names and status, the same figures", () => {
    const b = build(input({}, "es"));
    const s = b.plan.sheets[0];
    expect(s.name).toBe("Modelo LTV");
    expect(s.names.map((n) => n.name)).toEqual(["ARPA", "Margen_bruto", "Abandono_mensual", "CAC", "Tasa_descuento", "LTV", "LTV_CAC", "Meses_recuperacion_CAC"]);
    expect(cellAt(s, 17, 2)).toBe("=ARPA*Margen_bruto/(Abandono_mensual+Tasa_descuento)");
    const wb = evaluatePlan(b.plan);
    expect(wb.number("ltv", b.cells.ltv)).toBeCloseTo(3200, 9);
    expect(wb.value("ltv", b.cells.status)).toBe("Sano (3 o más)");
  });

  test("the sample lists the inputs and the sample cohort with the option key that changes each, in the build's language", () => {
    const [header, ...rows] = ltvCacSample("es");
    expect(header).toEqual(["Dato", "Opción", "Valor"]);
    expect(rows.map((r) => r[1])).toEqual(["arpa", "margin", "churn", "cac", "discount", "survivors"]);
    expect(rows[5][2]).toBe("1000; 631; 468; 382; 326; 289; 262; 241 | 223; 207; 194; 183; 173");
    expect(ltvCacSample("en")[6][2]).toBe("1000, 631, 468, 382, 326, 289, 262, 241 | 223, 207, 194, 183, 173");
  });
});
