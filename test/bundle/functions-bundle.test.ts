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
      // Issue 3 (engines) and issue 6 (predictive CLV).
      "COHORT", "MRRMOVEMENTS", "SEGMENTMATRIX", "SEGMENTSUMMARY", "RFM",
      "BGNBD.FIT", "BGNBD.PALIVE", "BGNBD.EXPECTED", "GAMMAGAMMA.FIT", "GAMMAGAMMA.SPEND", "CLV",
      // Issue 14 (comments and key drivers).
      "SENTIMENT", "SENTIMENT.LABEL", "THEMES", "DRIVERS",
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
    const needsAddresses = ["NPS", "NPS.BREAKDOWN", "NPS.CI", "NPS.MOE", "NPS.TEST", "ENPS", "CSAT", "CES", "CES.AGREE", "LIFT", "THEMES", "DRIVERS"];
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

  it("COHORT from date cells (serial numbers) and ISO text alike, with a blank id skipped", async () => {
    // a: Jan, Feb; b: Jan; c: Feb. 45292 = 2024-01-01, 45323 = 2024-02-01 (Excel 1900 date system).
    const ids = column(["a", "b", "a", "c", null]);
    const serials = column([45296, 45306, 45325, 45332, 45340]);
    const iso = column(["2024-01-05", "2024-01-15", "2024-02-03", "2024-02-10", "2024-02-18"]);
    const expected = [
      ["Cohort month", "Customers", 0, 1],
      [45292, 2, 1, 0.5],
      [45323, 1, 1, ""],
    ];
    expect(await outcome(fn("COHORT"), ids, serials, null, null, null, null, invocationAt())).toEqual({ value: expected });
    expect(await outcome(fn("COHORT"), ids, iso, null, null, null, null, invocationAt())).toEqual({ value: expected });
    const bad = await outcome(fn("COHORT"), ids, column(["2024-01-05", "soon", 45325, 45332, 45340]), null, null, null, null, invocationAt("Sheet1!A2:A6", "Sheet1!B2:B6"));
    expect(bad).toEqual({ error: "#VALUE!", message: expect.stringContaining("soon") });
    const ragged = await outcome(fn("COHORT"), ids, column([45296, 45306]), null, null, null, null, invocationAt());
    expect(ragged).toEqual({ error: "#VALUE!", message: expect.stringMatching(/same (number of rows|length)/) });
  });

  it("MRRMOVEMENTS balances: end = start + new + expansion + reactivation - contraction - churn", async () => {
    const r = (await outcome(fn("MRRMOVEMENTS"), column(["a", "b", "a", "c", "b"]), column(["2024-01", "2024-01", "2024-02", "2024-02", "2024-03"]), column([100, 50, 80, 30, 60]), invocationAt())) as { value: unknown[][] };
    for (const row of r.value.slice(1) as number[][]) {
      const [, start, added, expansion, contraction, churn, reactivation, end] = row;
      expect(start + added + expansion + reactivation - contraction - churn).toBeCloseTo(end, 9);
    }
    // March: a and c churn (80 + 30), b comes back with 60 (reactivation): 110 -> 60.
    expect(r.value[3].slice(1, 8)).toEqual([110, 0, 0, 0, 110, 60, 60]);
  });

  it("BGNBD.PALIVE and BGNBD.EXPECTED reproduce the BG/NBD note's customer (CDNOW parameters)", async () => {
    // Fader, Hardie & Lee (2005) parameters; x = 2, t_x = 30.43, T = 38.86: E[X(39)] = 1.226 (their worked example).
    const params = [["r", "alpha", "a", "b", "loglik"], [0.243, 4.414, 0.793, 2.426, -9582.4]];
    const e = (await outcome(fn("BGNBD.EXPECTED"), params, 39, [[2]], [[30.43]], [[38.86]], invocationAt())) as { value: number[][] };
    expect(e.value[0][0]).toBeCloseTo(1.226, 3);
    const p = (await outcome(fn("BGNBD.PALIVE"), [params[1].slice(0, 4)], [[2]], [[30.43]], [[38.86]], invocationAt())) as { value: number[][] };
    // Fader, Hardie & Lee (2008) eq. 1 by hand: a/(b + x - 1) = 0.793/3.426 = 0.23146;
    // ((α + T)/(α + t_x))^(r + x) = (43.274/34.844)^2.243 = 1.6258; 1/(1 + 0.23146·1.6258) = 0.7266.
    expect(p.value[0][0]).toBeCloseTo(0.7266, 4);
  });
});
