/**
 * Odd input to the scalar functions (issue 9, items 7 and 8): text is read
 * only as Excel reads it, impossible combinations are #NUM!, and the survey
 * statistics answer #DIV/0! without answers, like CXM.NPS.
 */
jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn() }));

import { churn, fcr, referralrate, retention } from "../../src/functions/customers";
import { grr, nrr } from "../../src/functions/revenue";
import { numberFromText } from "../../src/functions/support/args";
import { npsCi, npsCounts, npsMoe, npsTest } from "../../src/functions/survey";
import { twoSidedPValue } from "../../src/metrics/normal";
import { compareNps } from "../../src/metrics/nps-test";
import { column, invocationAt, outcome } from "../support/call";

const noAddress = invocationAt();

describe("numeric text is read as Excel's VALUE reads it, and only so", () => {
  // Microsoft, "VALUE function" (support.microsoft.com/excel/value-function): "Text can be in any
  // of the constant number, date, or time formats recognized by Microsoft Excel. If text is not in
  // one of these formats, VALUE returns the #VALUE! error value." Its examples: =VALUE("$1,000") is
  // 1000 and =VALUE("16:48:00")-VALUE("12:00:00") is 0.2. The English (US) forms of a constant
  // number are: a sign, a leading $, decimals, an exponent (1E3), a trailing % (50% = 0.5) and an
  // accounting negative in parentheses ((12) = -12); spaces around the text are ignored.
  it.each([
    ["12", 12],
    [" 12 ", 12],
    ["+3", 3],
    ["-2.5", -2.5],
    [".5", 0.5],
    ["1e3", 1000],
    ["1E-2", 0.01],
    ["50%", 0.5],
    ["(12)", -12],
    ["$12", 12],
    ["-$12", -12],
    ["16:48:00", 0.7],
    ["4:48 PM", 0.7],
    ["2024-03-15", 45366], // the serial Excel shows for 15 March 2024
    ["2024-03-15 12:00", 45366.5],
  ])("%j -> %d", (text, expected) => {
    expect(numberFromText(text)).toBeCloseTo(expected, 12);
  });

  // JavaScript's Number() reads these; Excel does not (they stay text, so arithmetic on them is #VALUE!).
  it.each(["0x10", "0b11", "0o7", "Infinity", "-Infinity", "NaN", "1_000", "1e400", "", "  ", "12 apples", "2024-02-30", "25:00", "1,5"])(
    "%j is not a number",
    (text) => {
      expect(numberFromText(text)).toBeNaN();
    },
  );

  it("CHURN(\"0x10\",100) and CHURN(\"0b11\",100) are #VALUE!, naming the argument and the text", async () => {
    expect(await outcome(churn, "0x10", 100)).toEqual({ error: "#VALUE!", message: 'start_customers expects a number, but got the text "0x10".' });
    expect(await outcome(churn, "0b11", 100)).toEqual({ error: "#VALUE!", message: expect.stringContaining('"0b11"') });
    expect(await outcome(churn, 100, "Infinity")).toEqual({ error: "#VALUE!", message: expect.stringContaining("lost_customers") });
  });

  it("thousands separators are refused with the reason (English and Spanish Excel read them differently)", async () => {
    const r = await outcome(churn, "1,234", 10);
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringContaining("thousands separators") });
  });

  it("the forms Excel reads work through a function", async () => {
    expect(await outcome(churn, "$200", "5%")).toEqual({ value: 0.05 / 200 });
    expect(await outcome(churn, " 2e2 ", "10")).toEqual({ value: 0.05 });
  });
});

describe("impossible combinations are #NUM!", () => {
  it("RETENTION: more new customers than customers at the end, or more kept than at the start", async () => {
    expect(await outcome(retention, 10, 5, 20)).toEqual({ error: "#NUM!", message: undefined });
    expect(await outcome(retention, 10, 30, 5)).toEqual({ error: "#NUM!", message: undefined });
    expect(await outcome(retention, 10, 15, 5)).toEqual({ value: 1 }); // all 10 kept, 5 new: possible
  });

  it("GRR and NRR: the starting customers cannot lose more MRR than they had", async () => {
    expect(await outcome(grr, 100, 0, 200)).toEqual({ error: "#NUM!", message: undefined });
    expect(await outcome(nrr, 100, 0, 60, 50)).toEqual({ error: "#NUM!", message: undefined });
    expect(await outcome(grr, 100, 40, 60)).toEqual({ value: 0 });
  });

  it("NPS.COUNTS: counts of respondents are whole numbers", async () => {
    expect(await outcome(npsCounts, 1.5, 0, 0)).toEqual({ error: "#NUM!", message: undefined });
    expect(await outcome(npsCounts, 3, 2, 1)).toEqual({ value: 100 / 3 });
  });

  it("REFERRALRATE and FCR: a part larger than its whole", async () => {
    expect(await outcome(referralrate, 15, 10)).toEqual({ error: "#NUM!", message: undefined });
    expect(await outcome(fcr, 501, 500)).toEqual({ error: "#NUM!", message: undefined });
  });
});

describe("survey statistics without answers (issue 9, item 8)", () => {
  const empty = column([null, "", "text"]);

  it("NPS.CI and NPS.MOE are #DIV/0!, like NPS (they answered ±80 from the 3 pseudo-respondents alone)", async () => {
    expect(await outcome(npsCi, empty, 0.95, noAddress)).toEqual({ error: "#DIV/0!", message: undefined });
    expect(await outcome(npsMoe, empty, 0.95, noAddress)).toEqual({ error: "#DIV/0!", message: undefined });
  });

  it("NPS.TEST with an empty group is #DIV/0! (it was #VALUE!)", async () => {
    expect(await outcome(npsTest, empty, column([10, 9, 0]), noAddress)).toEqual({ error: "#DIV/0!", message: undefined });
    expect(await outcome(npsTest, column([10, 9, 0]), empty, noAddress)).toEqual({ error: "#DIV/0!", message: undefined });
  });
});

describe("NPS.TEST keeps the digits of tiny p-values", () => {
  /**
   * erfc(x) to 40 significant digits, as a decimal string, from the Taylor series of erf summed in
   * 120-digit decimal arithmetic (mathjs BigNumber): erfc = 1 − (2/√π) Σ (−1)^n x^(2n+1) / (n! (2n+1)).
   * With 120 digits the alternating series' cancellation (terms up to e^(x²) ≈ 1e40 at x = 9.6)
   * leaves 80 correct digits.
   */
  function referenceErfc(x: string): number {
    const { create, all } = require("mathjs");
    const m = create(all, { number: "BigNumber", precision: 120 });
    const bx = m.bignumber(x);
    const x2 = m.multiply(bx, bx);
    let term = bx; // (−1)^n x^(2n+1) / n!
    let sum = m.bignumber(0);
    for (let n = 0; n < 2000; n++) {
      const add = m.divide(term, 2 * n + 1);
      sum = m.add(sum, add);
      if (m.smaller(m.abs(add), m.bignumber("1e-110"))) break;
      term = m.divide(m.multiply(m.unaryMinus(term), x2), n + 1);
    }
    const erf = m.multiply(m.divide(2, m.sqrt(m.pi)), sum);
    return Number(m.format(m.subtract(1, erf), { notation: "exponential", precision: 40 }));
  }

  it.each([1, 4, 8.3, 10, 13])("two-sided p at |z| = %d matches erfc(|z|/√2) to 1e-13 relative", (z) => {
    const reference = referenceErfc((z / Math.SQRT2).toPrecision(17));
    const p = twoSidedPValue(z);
    expect(p).toBeGreaterThan(0);
    expect(Math.abs(p - reference) / reference).toBeLessThan(1e-13);
  });

  it("a test with |z| beyond 8.3 is no longer exactly 0 (1 − Φ cancelled there)", () => {
    // 60 promoters of 80 against 60 detractors of 80: z ≈ 11.0, p ≈ 4.2e-28 (was 0).
    const r = compareNps({ promoters: 60, passives: 10, detractors: 10 }, { promoters: 10, passives: 10, detractors: 60 });
    expect(r.z).toBeGreaterThan(8.3);
    expect(r.pValue).toBeCloseTo(referenceErfc((r.z / Math.SQRT2).toPrecision(17)), 40);
    expect(r.pValue / referenceErfc((r.z / Math.SQRT2).toPrecision(17))).toBeCloseTo(1, 12);
  });
});
