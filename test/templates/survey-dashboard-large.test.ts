/**
 * The survey dashboard above its list limit (issue 15): past LIST_LIMIT
 * responses the workbook does not list every response, so the dashboard's
 * counts are the aggregate's values (no COUNTIFS over a sheet of a million
 * rows), every derived figure stays a formula over them, and a sheet lists
 * the latest COMMENT_CAP comments with their sentiment; the report and the
 * sheets say so. Tested with small limits on the sample (every cell against
 * the listed build of the same responses), and at Excel's 1,048,576 rows
 * through the pane's path and the CLI in test/limits/excel-limit.test.ts.
 */
import { autoGroups, autoMap } from "../../src/templates/column-mapping";
import type { BuildInput, Language } from "../../src/templates/registry-types";
import { COMMENT_CAP, LIST_LIMIT, surveyDashboardParts, surveyDashboardTemplate as T } from "../../src/templates/survey-dashboard/descriptor";
import { sampleSurveyResponses } from "../../src/templates/survey-dashboard/sample";
import { sentiment } from "../../src/metrics/text/engine";
import { checkPlanLayout, describeProblems } from "../../src/workbook/layout-checks";
import { cellAt, validatePlan } from "../../src/workbook/plan";
import { evaluatePlan } from "../support/evaluate-plan";
import { formulaCells, sameValue } from "../support/formula-cells";

const BUILT = new Date("2025-01-15T09:30:00Z");

function input(language: Language): BuildInput {
  const [header, ...rows] = T.sample(language);
  const mapping = autoMap(T.columns, header);
  return { rows, mapping, groups: autoGroups(T.columns, header, mapping), options: {}, sourceLabel: "responses.csv", builtAt: BUILT, surface: "cli", language };
}

describe.each(["en", "es"] as const)("above the list limit, in %s (limit 500, 40 comments listed)", (language) => {
  const x = input(language);
  const listed = surveyDashboardParts.build(x);
  const large = surveyDashboardParts.build(x, { listLimit: 500, commentCap: 40 });
  const wb = evaluatePlan(large.plan);

  test("the same aggregate counts; the dashboard's counts are values and every figure equals the listed build's", () => {
    expect(large.agg.months).toEqual(listed.agg.months);
    expect(large.agg.comments).toEqual(listed.agg.comments);
    const sheet = large.plan.sheets[0];
    const formulas = formulaCells(large.plan);
    expect(formulas.filter((c) => c.formula.includes("COUNTIFS") || c.formula.includes("{{responses}}"))).toEqual([]);
    expect(typeof cellAt(sheet, large.at.months.row(1), large.at.months.column(2))).toBe("number");
    // Every cell the listed dashboard computes shows the same value here (same layout, values in place of COUNTIFS).
    const differ = formulaCells(listed.plan)
      .filter((c) => c.sheet === "dashboard" && !sameValue(wb.value("dashboard", c.cell), c.cached!))
      .map((c) => `${c.cell}: listed ${JSON.stringify(c.cached)}, here ${JSON.stringify(wb.value("dashboard", c.cell))}`);
    expect(differ).toEqual([]);
    expect(formulaCells(listed.plan).length).toBeGreaterThan(400);
  });

  test("HyperFormula equals every cached value; the layout checks pass", () => {
    const differ = formulaCells(large.plan).filter((c) => !sameValue(wb.value(c.sheet, c.cell), c.cached!));
    expect(differ).toEqual([]);
    expect(describeProblems(checkPlanLayout(large.plan))).toEqual([]);
    expect(() => validatePlan(large.plan)).not.toThrow();
  });

  test("the second sheet lists the latest comments with their sentiment, and says so; the dashboard says its counts are values", () => {
    const responses = sampleSurveyResponses({ language }).filter((r) => r.comment);
    const latest = responses.slice(responses.length - 40);
    const list = large.list.list;
    expect(large.plan.sheets[1].name).toBe(language === "es" ? "Últimos comentarios" : "Latest comments");
    expect(large.plan.sheets[1].tables[0].name).toBe(language === "es" ? "UltimosComentarios" : "LatestComments");
    expect(list.rows).toBe(41);
    // Date, score, segment, sentiment, comment: no CSAT, CES or ratings in a list of comments.
    expect(list.columns).toBe(5);
    latest.forEach((r, i) => {
      expect(wb.number("responses", list.cell(1 + i, 0))).toBeCloseTo(r.date, 8);
      expect(wb.value("responses", list.cell(1 + i, 4))).toBe(r.comment);
      expect(wb.number("responses", list.cell(1 + i, 3))).toBeCloseTo(sentiment(r.comment!), 12);
    });
    const n = responses.length;
    const dash = String(cellAt(large.plan.sheets[0], 3, 1));
    const head = String(cellAt(large.plan.sheets[1], 3, 1));
    if (language === "en") {
      expect(dash).toMatch(/^Counts are values grouped from the 1,886 responses when the sheet was built \(above 500 responses they are not listed one by one/);
      expect(head).toMatch(new RegExp(`^The latest 40 of ${n} comments with their sentiment`));
    } else {
      expect(dash).toMatch(/^Los recuentos son valores agrupados de las 1886 respuestas al generar la hoja \(con más de 500 respuestas no se enumeran una a una/);
      expect(head).toMatch(new RegExp(`^Los 40 comentarios más recientes de ${n}, con su sentimiento`));
    }
  });

  test("the aggregate is JSON-able (it could come from a streaming or SQL intake)", () => {
    expect(JSON.parse(JSON.stringify(large.agg))).toEqual(large.agg);
  });
});

describe("the stated threshold", () => {
  test("is 100,000 responses listed, 10,000 comments above it; the report says so before the build", () => {
    expect(LIST_LIMIT).toBe(100_000);
    expect(COMMENT_CAP).toBe(10_000);
    const x = input("es");
    const rows = x.rows;
    const big = { ...x, rows: Array.from({ length: LIST_LIMIT + 1 }, (_, i) => rows[i % rows.length]) };
    const report = T.validate(big);
    expect(report.blocking).toEqual([]);
    expect(report.notes!.map((n) => n.message.es)).toEqual([
      "100.001 respuestas: más de las 100.000 que el libro enumera una a una, así que los recuentos del panel son valores agrupados al generarlo, y solo se enumeran los 10.000 comentarios más recientes.",
    ]);
    expect(T.validate({ ...x, rows: big.rows.slice(0, LIST_LIMIT) }).notes).toBeUndefined();
  });

  test("without a comment column, a large build has the dashboard only", () => {
    const x = input("en");
    const noComments = { ...x, mapping: { ...x.mapping, comment: -1 } };
    const b = surveyDashboardParts.build(noComments, { listLimit: 100 });
    expect(b.plan.sheets.map((s) => s.key)).toEqual(["dashboard"]);
    expect(b.agg.listing).toBeNull();
    expect(formulaCells(b.plan).some((c) => c.formula.includes("{{responses}}"))).toBe(false);
  });
});
