import { npsFromCounts } from "../../src/metrics/nps";
import { npsInterval } from "../../src/metrics/nps-interval";
import { autoMap } from "../../src/templates/column-mapping";
import type { BuildInput } from "../../src/templates/registry-types";
import { SURVEY_COLUMNS, surveyDashboardDescriptor as d } from "../../src/templates/survey-dashboard.descriptor";
import { parseRect } from "../../src/workbook/a1";
import { excelDate } from "../../src/workbook/dates";
import { validatePlan } from "../../src/workbook/plan";
import { evaluatePlan } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const input = (header: string[], rows: unknown[][], language: "en" | "es" = "en", options: Record<string, string | number> = {}): BuildInput => ({
  rows,
  mapping: autoMap(SURVEY_COLUMNS, header),
  options: { confidence: 0.95, csatSatisfiedMin: 4, ...options },
  sourceLabel: "responses.csv",
  builtAt: BUILT,
  surface: "taskpane",
  language,
});

// Ten good responses in March 2024: scores 10, 9, 9, 8, 7, 6, 5, 10, 3, 9
// -> 5 promoters (10, 9, 9, 10, 9), 2 passives (8, 7), 3 detractors (6, 5, 3);
// NPS = 100 × (5 − 3) / 10 = 20 (hand arithmetic).
const GOOD_SCORES = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9];
const goodRows = GOOD_SCORES.map((s, i) => [`2024-03-${String(i + 1).padStart(2, "0")}`, s, i % 2 ? "SMB" : "Enterprise", i < 4 ? 5 : ""]);

describe("survey dashboard descriptor", () => {
  test("maps English and Spanish headers, ignoring case and accents", () => {
    expect(autoMap(SURVEY_COLUMNS, ["Date", "NPS score", "Segment", "CSAT", "CES", "Comments"])).toEqual({
      date: 0,
      score: 1,
      segment: 2,
      csat: 3,
      ces: 4,
      comment: 5,
    });
    expect(autoMap(SURVEY_COLUMNS, ["FECHA", "Puntuación", "segmento", "Comentario"])).toEqual({
      date: 0,
      score: 1,
      segment: 2,
      csat: -1,
      ces: -1,
      comment: 3,
    });
  });

  test("names each bad row with its column, in both languages, and counts the good ones", () => {
    const rows = [
      ...goodRows.slice(0, 3),
      ["not a date", 9, "SMB", ""], // row 3
      ["2024-03-20", 11, "SMB", ""], // row 4
      ["", "", "", ""], // row 5: blank, skipped silently
      ["2024-03-21", "abc", "SMB", ""], // row 6
      ["2024-03-22", 8, "SMB", 6], // row 7: CSAT 6 on a 1-5 scale
      ...goodRows.slice(3),
    ];
    const report = d.validate(input(["Date", "Score", "Segment", "CSAT"], rows));
    expect(report.blocking).toEqual([]);
    expect(report.goodRows).toBe(10);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [3, "date"],
      [4, "score"],
      [6, "score"],
      [7, "csat"],
    ]);
    expect(report.problems[0].message.en).toBe('Date "not a date" is not a date (use 2024-03-15 or a date cell).');
    expect(report.problems[1].message.es).toBe("Puntuación «11» no es un número entero del 0 al 10.");
    expect(report.problems[3].message.en).toMatch(/^CSAT "6" is not a whole number from 1 to 5/);
  });

  test("builds from the good rows only: the dashboard evaluates to the metrics core on those rows", () => {
    const rows = [["31/02/2024", 10, "SMB", ""], ...goodRows, ["2024-03-30", -1, "SMB", ""]];
    const x = input(["Date", "Score", "Segment", "CSAT"], rows);
    const plan = d.build(x);
    expect(() => validatePlan(plan)).not.toThrow();
    const wb = evaluatePlan(plan);
    const headlines = d.headlines!(x);
    const counts = { promoters: 5, passives: 2, detractors: 3 };
    expect(headlines.find((h) => h.label.en === "NPS")!.value).toBe(20);
    expect(npsFromCounts(counts)).toBe(20);
    expect(headlines.find((h) => h.label.en === "NPS CI low")!.value).toBeCloseTo(npsInterval(counts).low, 12);
    // CSAT: the first four rows answered 5 -> 4 of 4 satisfied = 100%.
    expect(headlines.find((h) => h.label.en === "CSAT")!.value).toBe(1);
    for (const h of headlines) expect(wb.number(h.sheet, h.cell)).toBeCloseTo(h.value, 9);
    expect(headlines.find((h) => h.label.en === "Responses")!.value).toBe(10);
  });

  test("Spanish day-first dates and headers", () => {
    const rows = [
      ["15/03/2024", 9, "Pyme"],
      ["02/04/2024", 6, "Pyme"],
      ["03/04/2024 14:30", 10, "Grande"],
    ];
    const x = input(["Fecha", "Puntuación", "Segmento"], rows, "es");
    expect(d.validate(x)).toEqual({ goodRows: 3, problems: [], blocking: [] });
    const plan = d.build(x);
    const wb = evaluatePlan(plan);
    // The responses table (header row, then rows sorted by date): 15 March, 2 April, 3 April 14:30 (day first, as Spanish writes dates).
    const table = plan.sheets.find((s) => s.key === "responses")!.tables[0];
    const top = parseRect(table.range).row;
    expect(wb.value("responses", `A${top}`)).toBe("Date");
    expect(wb.number("responses", `A${top + 1}`)).toBe(excelDate(2024, 3, 15));
    expect(wb.number("responses", `A${top + 2}`)).toBe(excelDate(2024, 4, 2));
    expect(wb.number("responses", `A${top + 3}`)).toBeCloseTo(excelDate(2024, 4, 3) + 14.5 / 24, 9);
  });

  test("blocks when a required column is not mapped, when no row is usable, and on a bad option", () => {
    const missing = d.validate(input(["Date", "Segment"], [["2024-01-01", "SMB"]]));
    expect(missing.blocking.map((b) => b.en)).toEqual(["The Score column is required: map a source column to it."]);
    expect(d.validate(input(["Date", "Score"], [["x", "y"]])).blocking.map((b) => b.en)).toEqual(["No row can be used: every row has a problem."]);
    expect(d.validate(input(["Date", "Score"], [])).blocking.map((b) => b.en)).toEqual(["The source has no data rows."]);
    expect(d.validate(input(["Date", "Score"], goodRows, "en", { confidence: 95 })).blocking[0].en).toMatch(/^Option confidence/);
  });

  test("the sample validates cleanly through its own headers and its headlines match its evaluated dashboard", () => {
    const [header, ...rows] = d.sample();
    const x = input(header as string[], rows);
    expect(x.mapping).toEqual({ date: 0, score: 1, segment: 2, csat: 3, ces: 4, comment: 5 });
    const report = d.validate(x);
    expect(report.problems).toEqual([]);
    expect(report.goodRows).toBe(rows.length);
    const wb = evaluatePlan(d.build(x));
    for (const h of d.headlines!(x)) expect(wb.number(h.sheet, h.cell)).toBeCloseTo(h.value, 9);
  });
});
