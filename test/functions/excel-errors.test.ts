import { excelResult, excelResultAsync, InputErrorValue, toExcelError } from "../../src/functions/support/excel-errors";
import { divisionByZero, invalidInput, notAvailable, notComputable } from "../../src/metrics/errors";
import { StubExcelError } from "../support/custom-functions-stub";

function thrownBy(fn: () => unknown): StubExcelError {
  try {
    fn();
  } catch (e) {
    return e as StubExcelError;
  }
  throw new Error("did not throw");
}

describe("the one error adapter", () => {
  it("maps each MetricError kind to its Excel error, keeping messages only where Excel shows them", () => {
    expect(toExcelError(invalidInput("bad"))).toEqual(new StubExcelError("#VALUE!", "bad"));
    expect(toExcelError(notAvailable("none"))).toEqual(new StubExcelError("#N/A", "none"));
    // Excel shows custom messages only on #VALUE! and #N/A (Office docs, "Handle and return errors").
    expect(toExcelError(divisionByZero("zero"))).toEqual(new StubExcelError("#DIV/0!", undefined));
    expect(toExcelError(notComputable("no fit"))).toEqual(new StubExcelError("#NUM!", undefined));
  });

  it("propagates input errors, turning #REF!/#NAME? (not valid results) into #VALUE! with a message", () => {
    expect(toExcelError(new InputErrorValue("#N/A", "Sheet1!B3")).code).toBe("#N/A");
    const ref = toExcelError(new InputErrorValue("#REF!", "Sheet1!B3"));
    expect(ref.code).toBe("#VALUE!");
    expect(ref.message).toContain("Sheet1!B3 holds #REF!");
  });

  it("turns unexpected exceptions into #VALUE! instead of letting them escape", () => {
    expect(toExcelError(new TypeError("x is undefined")).code).toBe("#VALUE!");
  });

  it("never lets NaN, Infinity or null reach a cell", async () => {
    expect(thrownBy(() => excelResult(() => NaN)).code).toBe("#NUM!");
    expect(thrownBy(() => excelResult(() => Infinity)).code).toBe("#NUM!");
    const table = excelResult(() => [[1, NaN, null, -Infinity, "x"]]) as unknown[][];
    expect(table[0][0]).toBe(1);
    expect((table[0][1] as StubExcelError).code).toBe("#NUM!");
    expect(table[0][2]).toBe("");
    expect((table[0][3] as StubExcelError).code).toBe("#NUM!");
    await expect(excelResultAsync(async () => NaN)).rejects.toEqual(new StubExcelError("#NUM!", undefined));
  });
});
