/**
 * The value of an allow-listed user formula (src/workbook/safe-formula-value.ts)
 * is the value a spreadsheet gives it: hand-worked cases of Excel's
 * precedence (Microsoft, "Operator precedence in Excel formulas": negation,
 * percent, exponent, * /, + −), and random formulas of the grammar against
 * HyperFormula. And a call with the wrong number of arguments, which Excel
 * refuses when the formula is entered, is refused by the allow-list.
 */
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { checkUserFormula } from "../../src/workbook/safe-formula";
import { userFormulaValue } from "../../src/workbook/safe-formula-value";

const VALUES = { Promoters: 412, Passives: 288, Detractors: 150, Zero: 0, Neg: -2.5 };

describe("hand-worked values", () => {
  test.each([
    ["=(Promoters-Detractors)/(Promoters+Passives+Detractors)*100", (100 * 262) / 850],
    ["=-2^2", 4], // negation first
    ["=2^3^2", 64], // left to right
    ["=-50%", -0.5],
    ["=2^50%", Math.SQRT2], // percent before exponent
    ["=1+2*3-4/2", 5],
    ["=ROUND(2.5, 0)", 3],
    ["=ROUND(-2.5, 0)", -3],
    ["=ROUND(1.005, 2)", 1.01],
    ["=ROUND(1234, -2)", 1200],
    ["=MIN(3, Neg, 7)", -2.5],
    ["=MAX(3, Neg, 7)", 7],
    ["=AVERAGE(1, 2, 6)", 3],
    ["=SUM(1, 2, 6)", 9],
    ["=ABS(Neg)", 2.5],
    ["=SQRT(16)", 4],
    ["=IFERROR(1/Zero, 7)", 7],
    ["=promoters/PASSIVES", 412 / 288], // names are case-insensitive
  ])("%s = %p", (formula, value) => {
    expect(userFormulaValue(formula, VALUES)).toBeCloseTo(value as number, 12);
  });

  test("Excel's errors: #DIV/0!, #NUM!, and they propagate", () => {
    expect(userFormulaValue("=Promoters/Zero", VALUES)).toEqual({ error: "#DIV/0!" });
    expect(userFormulaValue("=SQRT(Neg)", VALUES)).toEqual({ error: "#NUM!" });
    expect(userFormulaValue("=1+SQRT(Neg)*0", VALUES)).toEqual({ error: "#NUM!" });
    expect(userFormulaValue("=Zero^-1", VALUES)).toEqual({ error: "#DIV/0!" });
    expect(userFormulaValue("=10^400", VALUES)).toEqual({ error: "#NUM!" });
  });

  test("outside the grammar (a cell, a function not allowed, an unknown name): no value", () => {
    expect(userFormulaValue("=B5*2", VALUES)).toBeUndefined();
    expect(userFormulaValue('=WEBSERVICE("x")', VALUES)).toBeUndefined();
    expect(userFormulaValue("=Unknown+1", VALUES)).toBeUndefined();
  });
});

describe("calls with the wrong number of arguments are refused (Excel would refuse to enter them)", () => {
  test.each([
    ["=SUM()", "SUM takes 1 to 255 arguments, not 0."],
    ["=ROUND(Promoters)", "ROUND takes 2 arguments, not 1."],
    ["=ABS(1, 2)", "ABS takes 1 argument, not 2."],
    ["=IFERROR(1)", "IFERROR takes 2 arguments, not 1."],
  ])("%s", (formula, reason) => {
    const check = checkUserFormula(formula, { names: Object.keys(VALUES) });
    expect(check).toEqual({ ok: false, reason: { en: reason, es: expect.stringContaining("admite") } });
  });
});

/** A random formula of the grammar over the names. */
const formula: fc.Arbitrary<string> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom(...Object.keys(VALUES)),
    fc.integer({ min: 0, max: 50 }).map(String),
    fc.constantFrom("0.5", "1.25", "3e1", ".5"),
  ),
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("leaf"),
    fc.tuple(tie("expr"), fc.constantFrom("+", "-", "*", "/", "^"), tie("expr")).map(([a, op, b]) => `${a}${op}${b}`),
    tie("expr").map((a) => `-${a}`),
    tie("expr").map((a) => `(${a})`),
    tie("leaf").map((a) => `${a}%`),
    fc.tuple(fc.constantFrom("SUM", "AVERAGE", "MIN", "MAX"), fc.array(tie("expr"), { minLength: 1, maxLength: 3 })).map(([f, xs]) => `${f}(${xs.join(",")})`),
    fc.tuple(fc.constantFrom("ABS", "SQRT"), tie("expr")).map(([f, x]) => `${f}(${x})`),
    fc.tuple(tie("expr"), fc.integer({ min: -1, max: 3 })).map(([x, d]) => `ROUND(${x},${d})`),
    fc.tuple(tie("expr"), tie("leaf")).map(([x, y]) => `IFERROR(${x},${y})`),
  ),
})).expr as fc.Arbitrary<string>;

describe("random formulas of the grammar: the same value as HyperFormula", () => {
  const engine = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", precisionRounding: 14 });
  const sheet = engine.getSheetId(engine.addSheet("S"))!;
  for (const [name, value] of Object.entries(VALUES)) engine.addNamedExpression(name, value);

  test("property", () => {
    fc.assert(
      fc.property(formula, (body) => {
        const text = `=${body}`;
        fc.pre(checkUserFormula(text, { names: Object.keys(VALUES), cells: false }).ok);
        engine.setCellContents({ sheet, row: 0, col: 0 }, [[text]]);
        const theirs = engine.getCellValue({ sheet, row: 0, col: 0 });
        const ours = userFormulaValue(text, VALUES)!;
        if (typeof theirs === "object" && theirs !== null && "type" in theirs) {
          // Both an error (HyperFormula names some errors differently: an overflow is #NUM! in both).
          expect(ours).toEqual({ error: expect.stringMatching(/^#/) });
          return;
        }
        expect(typeof ours).toBe("number");
        const a = ours as number, b = theirs as number;
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      }),
      { numRuns: 400 },
    );
  });
});
