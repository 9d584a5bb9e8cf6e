/**
 * The built bundle is the thing Excel runs: every id in the generated
 * functions.json must be associated with code (an id without code is #NAME?
 * in the field), every function and parameter must carry a description, and
 * the functions must compute from Excel-shaped inputs.
 */
import { loadBundle } from "../support/load-bundle";
import { column, invocationAt, outcome } from "../support/call";
import { StubExcelError } from "../support/custom-functions-stub";

const { associated, functions } = loadBundle();

describe("dist/functions.js and dist/functions.json", () => {
  it("associate every id in functions.json, and nothing else", () => {
    const ids = functions.map((f) => f.id).sort();
    expect([...associated.keys()].sort()).toEqual(ids);
  });

  it("contain the catalog the issue names", () => {
    const ids = new Set(functions.map((f) => f.id));
    const required = [
      "NPS", "NPS.COUNTS", "NPS.BREAKDOWN", "NPS.CI", "NPS.MOE", "NPS.TEST", "ENPS", "CSAT", "CES", "CES.AGREE",
      "CHURN", "RETENTION", "NETCUSTOMERS", "REFERRALRATE", "RESOLUTIONRATE", "FCR", "REPEATRATE", "LIFT",
      "MRR", "ARPA", "LTV", "CAC", "LTVCAC", "CACPAYBACK", "CRC", "NRR", "GRR", "QUICKRATIO",
      "CONVERSION", "AOV", "RPV", "CPA", "ROAS",
    ];
    expect(required.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("describe every function and every parameter", () => {
    for (const f of functions) {
      expect({ id: f.id, description: (f.description ?? "").length > 20 }).toEqual({ id: f.id, description: true });
      for (const p of f.parameters) {
        expect({ id: f.id, param: p.name, described: (p.description ?? "").length > 5 }).toEqual({ id: f.id, param: p.name, described: true });
      }
    }
  });

  it("ask for parameter addresses wherever a 0 in a range is meaningful (blank-versus-zero)", () => {
    const needsAddresses = ["NPS", "NPS.BREAKDOWN", "NPS.CI", "NPS.MOE", "NPS.TEST", "ENPS", "CSAT", "CES", "CES.AGREE", "LIFT"];
    for (const id of needsAddresses) {
      expect({ id, requires: functions.find((f) => f.id === id)?.options?.requiresParameterAddresses }).toEqual({ id, requires: true });
    }
  });
});

describe("the bundled functions on Excel-shaped inputs", () => {
  const fn = (id: string) => associated.get(id)!;

  it("NPS over a column with blanks, text and an error", async () => {
    expect(await outcome(fn("NPS"), column([10, null, "x", 9, 7, 3]), invocationAt())).toEqual({ value: 25 });
    const err = await outcome(fn("NPS"), column([10, new StubExcelError("#N/A")]), invocationAt("Sheet1!A1:A2"));
    expect(err).toEqual({ error: "#N/A", message: expect.stringContaining("Sheet1!A2") });
    const bad = await outcome(fn("NPS"), column([10, 11]), invocationAt("Sheet1!A1:A2"));
    expect(bad).toEqual({ error: "#VALUE!", message: expect.stringContaining("Sheet1!A2 holds 11") });
  });

  it("NPS.CI spills one row of two numbers", async () => {
    const r = (await outcome(fn("NPS.CI"), column([10, 9, 9, 8, 7, 0]), null, invocationAt())) as { value: number[][] };
    expect(r.value.length).toBe(1);
    expect(r.value[0].length).toBe(2);
    // Adjusted Wald for 3/2/1: [-26.74, 71.19] (test/metrics/nps-interval.test.ts).
    expect(r.value[0][0]).toBeCloseTo(-26.74, 2);
    expect(r.value[0][1]).toBeCloseTo(71.19, 2);
  });

  it("scalar functions: values, #DIV/0! and #VALUE! with messages", async () => {
    expect(await outcome(fn("CHURN"), 200, 10)).toEqual({ value: 0.05 });
    expect(await outcome(fn("CHURN"), 0, 10)).toEqual({ error: "#DIV/0!", message: undefined });
    expect(await outcome(fn("LTV"), 120, 80, 0.03, null)).toEqual({ error: "#VALUE!", message: expect.stringContaining("gross_margin must be a fraction") });
    expect(await outcome(fn("NRR"), 100, 10, 10, 10)).toEqual({ value: 0.9 });
  });
});
