import { cesFromHistogram } from "../../src/metrics/ces";
import { csatFromHistogram } from "../../src/metrics/csat";
import { NpsCounts, npsFromCounts } from "../../src/metrics/nps";
import { npsInterval } from "../../src/metrics/nps-interval";
import { zForConfidence } from "../../src/metrics/normal";
import { sampleSurveyResponses } from "../../src/templates/sample-data";
import { exactCriterion, surveyDashboard, SurveyResponse } from "../../src/templates/survey-dashboard";
import { cellAt, validatePlan } from "../../src/workbook/plan";
import { excelDate, monthStart } from "../../src/workbook/dates";
import { evaluatePlan, EvaluatedWorkbook } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");

function countsOf(rs: SurveyResponse[]): NpsCounts {
  return {
    promoters: rs.filter((r) => r.score >= 9).length,
    passives: rs.filter((r) => r.score === 7 || r.score === 8).length,
    detractors: rs.filter((r) => r.score <= 6).length,
  };
}

function histogram(values: number[], size: number): number[] {
  const h = new Array(size).fill(0);
  for (const v of values) h[v]++;
  return h;
}

/** Compares one breakdown row of the dashboard with the metrics core on the same responses. */
function expectRowMatches(wb: EvaluatedWorkbook, columns: Record<string, string>, row: number, rs: SurveyResponse[], confidence = 0.95) {
  const cell = (h: string) => wb.number("dashboard", `${columns[h]}${row}`);
  const counts = countsOf(rs);
  expect(cell("Responses")).toBe(rs.length);
  expect(cell("Promoters")).toBe(counts.promoters);
  expect(cell("Passives")).toBe(counts.passives);
  expect(cell("Detractors")).toBe(counts.detractors);
  expect(cell("% Promoters")).toBeCloseTo(counts.promoters / rs.length, 12);
  expect(cell("NPS")).toBeCloseTo(npsFromCounts(counts), 9);
  const ci = npsInterval(counts, confidence);
  expect(cell("CI low")).toBeCloseTo(ci.low, 7);
  expect(cell("CI high")).toBeCloseTo(ci.high, 7);
  expect(cell("Margin of error (±)")).toBeCloseTo(ci.marginOfError, 7);
  const csat = rs.filter((r) => r.csat !== undefined).map((r) => r.csat!);
  if (columns.CSAT) expect(cell("CSAT")).toBeCloseTo(csatFromHistogram(histogram(csat, 6), 4), 12);
  const ces = rs.filter((r) => r.ces !== undefined).map((r) => r.ces!);
  if (columns["CES (average)"]) expect(cell("CES (average)")).toBeCloseTo(cesFromHistogram(histogram(ces, 8)), 12);
}

describe("surveyDashboard on seeded sample responses", () => {
  const responses = sampleSurveyResponses({ seed: 11, months: 6, perMonth: 60 });
  const { plan, layout } = surveyDashboard(responses, { builtAt: BUILT, source: "sample.csv" });
  const wb = evaluatePlan(plan);

  test("is a valid two-sheet plan: dashboard first, raw responses in an Excel Table", () => {
    expect(() => validatePlan(plan)).not.toThrow();
    expect(plan.sheets.map((s) => s.name)).toEqual(["NPS dashboard", "Survey responses"]);
    const data = plan.sheets[1];
    expect(data.tables[0].name).toBe("SurveyResponses");
    expect(data.tables[0].range).toBe(`A5:F${5 + responses.length}`);
    expect(cellAt(plan.sheets[0], 2, 1)).toBe(`Source: sample.csv. ${responses.length} responses. Built 2025-01-15 09:30 UTC by CXM.`);
    expect(plan.sheets[0].tables.map((t) => t.name)).toEqual(["NpsByMonth", "NpsBySegment", "NpsScoreDistribution"]);
    expect(plan.sheets[0].charts.map((c) => c.title)).toContain("NPS by month with its confidence interval");
  });

  test("z is NORM.S.INV(0.975) = 1.95996… (normal.ts)", () => {
    expect(wb.number("dashboard", layout.zCell)).toBeCloseTo(zForConfidence(0.95), 9);
  });

  test("overall NPS, interval, CSAT and CES equal the metrics core", () => {
    expectRowMatches(wb, layout.columns, layout.overallRow, responses);
  });

  test("every month's row equals the metrics core on that month's responses", () => {
    expect(layout.months.length).toBe(6);
    layout.months.forEach((m, i) => {
      const inMonth = responses.filter((r) => monthStart(r.date) === m);
      expect(inMonth.length).toBeGreaterThan(0);
      expectRowMatches(wb, layout.columns, layout.monthRows[0] + i, inMonth);
    });
  });

  test("every segment's row equals the metrics core on that segment's responses", () => {
    expect(layout.segments).toEqual(["Enterprise", "Mid-market", "SMB"]);
    layout.segments.forEach((seg, i) => {
      expectRowMatches(wb, layout.columns, layout.segmentRows![0] + i, responses.filter((r) => r.segment === seg));
    });
  });

  test("the score distribution counts each score and its share", () => {
    const h = histogram(responses.map((r) => r.score), 11);
    for (let s = 0; s <= 10; s++) {
      expect(wb.number("dashboard", `B${layout.distributionRow + s}`)).toBe(h[s]);
      expect(wb.number("dashboard", `C${layout.distributionRow + s}`)).toBeCloseTo(h[s] / responses.length, 12);
    }
  });

  test("changing the confidence input to 90% moves every interval to npsInterval(…, 0.9)", () => {
    const w = evaluatePlan(plan);
    w.set("dashboard", layout.confidenceCell, 0.9);
    expectRowMatches(w, layout.columns, layout.overallRow, responses, 0.9);
  });
});

describe("surveyDashboard edge cases", () => {
  const d = (y: number, m: number, day: number) => excelDate(y, m, day);

  test("a month without responses shows #N/A (a gap in the chart), the others still match", () => {
    const rs: SurveyResponse[] = [
      { date: d(2024, 1, 5), score: 10 },
      { date: d(2024, 1, 9), score: 3 },
      { date: d(2024, 3, 2), score: 8 },
    ];
    const { plan, layout } = surveyDashboard(rs, { builtAt: BUILT });
    const wb = evaluatePlan(plan);
    expect(layout.months).toEqual([d(2024, 1, 1), d(2024, 2, 1), d(2024, 3, 1)]);
    expect(wb.number("dashboard", `${layout.columns.Responses}${layout.monthRows[0] + 1}`)).toBe(0);
    expect(wb.value("dashboard", `${layout.columns.NPS}${layout.monthRows[0] + 1}`)).toMatchObject({ error: "#N/A" });
    // January: 1 promoter, 1 detractor -> NPS 0 (hand arithmetic: (1 - 1) / 2 × 100).
    expect(wb.number("dashboard", `${layout.columns.NPS}${layout.monthRows[0]}`)).toBe(0);
    expect(layout.segmentRows).toBeUndefined();
    expect(layout.columns.CSAT).toBeUndefined();
    expect(() => validatePlan(plan)).not.toThrow();
  });

  test("segment names and comments are kept as text, even when they look like formulas or numbers", () => {
    const rs: SurveyResponse[] = [
      { date: d(2024, 1, 5), score: 9, segment: "=cmd|' /C calc'!A0", comment: "=1+1" },
      { date: d(2024, 1, 6), score: 5, segment: "2024", comment: "+44 20 7946 0000" },
      { date: d(2024, 1, 7), score: 7, segment: "A*B", comment: "-" },
    ];
    const { plan, layout } = surveyDashboard(rs, { builtAt: BUILT });
    const wb = evaluatePlan(plan);
    const dataSheet = plan.sheets[1];
    expect(dataSheet.blocks.find((b) => b.rows[0][0] === "Date")!.text).toBe(true);
    expect(wb.value("responses", "D6")).toBe("=1+1");
    // Segments sort as text: "2024" < "=cmd…" < "A*B".
    const seg = (i: number) => wb.value("dashboard", `A${layout.segmentRows![0] + i}`);
    expect([seg(0), seg(1), seg(2)]).toEqual(["2024", "=cmd|' /C calc'!A0", "A*B"]);
    // The "2024" segment (a plain name, criterion = its label cell) has one detractor.
    expect(wb.number("dashboard", `${layout.columns.Detractors}${layout.segmentRows![0]}`)).toBe(1);
    // Names Excel would read as a comparison or a wildcard get an escaped literal criterion. HyperFormula
    // cannot parse "==…" or "~*" criteria (Excel can), so the formula text is checked instead.
    const promoters = (i: number) => String(cellAt(plan.sheets[0], layout.segmentRows![0] + i, 3));
    expect(promoters(1)).toContain(`"==cmd|' /C calc'!A0"`);
    expect(promoters(2)).toContain('"=A~*B"');
  });

  test("exactCriterion escapes wildcards and comparisons, and leaves plain names to their cell", () => {
    expect(exactCriterion("SMB", "$A9")).toBe("$A9");
    expect(exactCriterion("A*B?~", "$A9")).toBe('"=A~*B~?~~"');
    expect(exactCriterion(">10 seats", "$A9")).toBe('"=>10 seats"');
    expect(exactCriterion('say "hi"*', "$A9")).toBe('"=say ""hi""~*"');
  });

  test("invalid responses are refused with the response's position", () => {
    expect(() => surveyDashboard([])).toThrow(/no survey responses/);
    expect(() => surveyDashboard([{ date: d(2024, 1, 1), score: 11 }])).toThrow(/Response 1: the score/);
    expect(() => surveyDashboard([{ date: d(2024, 1, 1), score: 5 }, { date: d(2024, 1, 1), score: 7.5 }])).toThrow(/Response 2/);
    expect(() => surveyDashboard([{ date: d(2024, 1, 1), score: 5, csat: 6 }])).toThrow(/CSAT/);
    expect(() => surveyDashboard([{ date: d(2024, 1, 1), score: 5 }], { confidence: 1.2 })).toThrow(/confidence/);
  });
});

describe("sampleSurveyResponses", () => {
  test("is deterministic for a seed and differs between seeds", () => {
    expect(sampleSurveyResponses({ seed: 3, months: 2 })).toEqual(sampleSurveyResponses({ seed: 3, months: 2 }));
    expect(sampleSurveyResponses({ seed: 3, months: 2 })).not.toEqual(sampleSurveyResponses({ seed: 4, months: 2 }));
  });

  test("produces valid, realistic responses: every field in range, scores correlated with CSAT", () => {
    const rs = sampleSurveyResponses({ seed: 1, months: 12, perMonth: 200 });
    expect(rs.length).toBeGreaterThan(1800);
    for (const r of rs) {
      expect(Number.isInteger(r.score) && r.score >= 0 && r.score <= 10).toBe(true);
      if (r.csat !== undefined) expect(r.csat >= 1 && r.csat <= 5).toBe(true);
      if (r.ces !== undefined) expect(r.ces >= 1 && r.ces <= 7).toBe(true);
    }
    const months = new Set(rs.map((r) => monthStart(r.date)));
    expect(months.size).toBe(12);
    // A plausible NPS for B2B software (published benchmarks sit roughly between 0 and +50).
    const nps = npsFromCounts(countsOf(rs));
    expect(nps).toBeGreaterThan(-20);
    expect(nps).toBeLessThan(60);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const csatOf = (f: (r: SurveyResponse) => boolean) => mean(rs.filter((r) => f(r) && r.csat !== undefined).map((r) => r.csat!));
    expect(csatOf((r) => r.score >= 9)).toBeGreaterThan(csatOf((r) => r.score <= 6));
  });
});
