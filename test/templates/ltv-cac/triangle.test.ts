/**
 * Retention from a cohort-retention triangle: several cohorts' survivor
 * counts, fitted jointly by the metrics core's fitSbg (the sBG likelihood
 * summed over cohorts, each censored at its own age: Fader & Hardie, "How
 * to Project Customer Retention", 2007, eq. 4, one term per cohort).
 * - typed or pasted into the survivors option (rows copied from a sheet:
 *   tabs between cells, a line break after each row, blanks beyond a
 *   cohort's age), or separated by "/";
 * - the cohort retention template's table of active customers
 *   (retentionFromTriangle), which src/sql/parse-cohort.ts also returns.
 */
import { fitSbg } from "../../../src/metrics/retention/sbg-fit";
import { cohortAggregate } from "../../../src/templates/cohort-retention/aggregate";
import { retentionFromLog, retentionFromTriangle } from "../../../src/templates/ltv-cac/aggregate";
import { ltvCacParts, ltvCacTemplate as T } from "../../../src/templates/ltv-cac/descriptor";
import { RETENTION_KEYS } from "../../../src/templates/ltv-cac/retention-sheets";
import { SAMPLE_INPUTS, SAMPLE_SURVIVORS } from "../../../src/templates/ltv-cac/sample";
import { ltvCacSheets } from "../../../src/templates/ltv-cac/sheets";
import { LTV_STRINGS } from "../../../src/templates/ltv-cac/strings";
import { TemplateInputError } from "../../../src/templates/shared/errors";
import { parseRect, rectContains } from "../../../src/workbook/a1";
import { SheetPlan, validatePlan } from "../../../src/workbook/plan";
import { evaluatePlan } from "../../support/evaluate-plan";
import { build, COHORTS, input } from "./support";

/** Three cohorts of different ages: Fader & Hardie's regular (years 0-7) and high-end (years 0-5) cohorts, and a young one. */
const REGULAR = SAMPLE_SURVIVORS.slice(0, 8);
const HIGH_END = [1000, 869, 743, 653, 593, 551];
const YOUNG = [500, 400, 330];
const TRIANGLE = [REGULAR, HIGH_END, YOUNG];

/** The rows as Excel copies them: tab-separated cells, blank cells beyond each cohort's age, CRLF line ends. */
const pasted = TRIANGLE.map((row) => [...row, ...Array<string>(REGULAR.length - row.length).fill("")].join("\t")).join("\r\n") + "\r\n";

describe("a triangle typed into the survivors option", () => {
  const core = fitSbg(TRIANGLE).params;

  test.each([
    ["pasted rows, English", pasted, "en"],
    ["pasted rows, Spanish", pasted, "es"],
    ["cohorts separated by /, youngest first", [YOUNG, REGULAR, HIGH_END].map((r) => r.join(", ")).join(" / "), "en"],
    ["cohorts separated by /, Spanish lists", TRIANGLE.map((r) => r.join("; ")).join(" / "), "es"],
  ] as const)("%s: the joint fit is the core's, the cohorts oldest first", (_, survivors, language) => {
    const b = build(input({ ...COHORTS, survivors, period: "year" }, language));
    const r = b.agg.retention!;
    expect(r.source).toBe("typed");
    expect(r.cohorts.map((c) => c.survivors)).toEqual(TRIANGLE);
    expect(b.model!.fit.params.alpha).toBeCloseTo(core.alpha, 8);
    expect(b.model!.fit.params.beta).toBeCloseTo(core.beta, 8);
    expect(b.model!.fit.customers).toBe(2500);
    // The sheet's α cell holds the fit, and the joint fit differs from the regular cohort's alone.
    const wb = evaluatePlan(b.plan);
    expect(wb.number("ltv", b.cells.retention!.alpha)).toBeCloseTo(core.alpha, 8);
    expect(core.beta - fitSbg([REGULAR]).params.beta).toBeGreaterThan(0.5);
    const t = LTV_STRINGS[language];
    const counts = b.at[RETENTION_KEYS.survivors];
    expect(b.plan.sheets[0].blocks.flatMap((bl) => bl.rows.flat())).toEqual(expect.arrayContaining([t.typedCohortNumber(1), t.typedCohortNumber(2), t.typedCohortNumber(3)]));
    expect(wb.number("ltv", counts.cell(1, 2))).toBe(1000);
    expect(b.plan.sheets[0].blocks[0].rows.flat().join(" ")).toContain(t.typedTriangleSource(3));
  });

  test("one row is one cohort, as before (a | still holds the last periods out)", () => {
    const b = build(input({ ...COHORTS, survivors: `${REGULAR.join("\t")} | 223\t207\r\n`, period: "year" }));
    expect(b.agg.retention!.cohorts.map((c) => c.survivors)).toEqual([[...REGULAR, 223, 207]]);
    expect(b.agg.retention!.heldOut).toBe(2);
  });

  test.each([
    ["1000, 631, 468 | 400 / 500, 400, 330", "en", "Option survivors: a | (periods held out) is for one cohort", "Opción survivors: la |"],
    ["1000, 631, 468 / 500, 40O, 330", "en", 'Option survivors: "40O" (count 2) is not a number. Cohort 2 of the list.', "Cohorte 2 de la lista."],
    ["1000; 631; 468 / 500; 600; 330", "es", "count 2 is 600, more than the 500 a period before", "el recuento 2 es 600"],
    ["1000, 631, 468 / 500, 400", "en", "after at least two periods before any |, e.g. 1000, 631, 468. Cohort 2 of the list.", "Cohorte 2 de la lista."],
  ])("%s is refused, naming the cohort", (survivors, language, en, es) => {
    const report = T.validate(input({ ...COHORTS, survivors }, language as "en" | "es"));
    expect(report.blocking).toHaveLength(1);
    expect(report.blocking[0].en).toContain(en);
    expect(report.blocking[0].es).toContain(es);
  });
});

/** The horizontal alignment a cell ends with (the last format over it that sets one). */
function alignment(sheet: SheetPlan, cell: string): string | undefined {
  const at = parseRect(cell);
  return sheet.formats.filter((f) => f.horizontalAlignment && rectContains(parseRect(f.range), at)).pop()?.horizontalAlignment;
}

test("headers over columns of numbers are aligned right, as the numbers are (a cohort's name sits over its own counts)", () => {
  const b = build(input({ ...COHORTS, survivors: TRIANGLE.map((r) => r.join(", ")).join(" / "), period: "year" }));
  const sheet = b.plan.sheets[0];
  const counts = b.at[RETENTION_KEYS.survivors];
  expect([1, 2, 3].map((c) => alignment(sheet, counts.cell(0, c)))).toEqual(["right", "right", "right"]);
  expect(alignment(sheet, counts.cell(0, 0))).toBeUndefined();
  for (const key of [RETENTION_KEYS.projection, RETENTION_KEYS.howNot]) {
    const block = b.at[key];
    expect(alignment(sheet, block.cell(0, 1))).toBe("right");
    expect(alignment(sheet, block.cell(1, 1))).not.toBe("left");
  }
});

describe("the cohort retention template's triangle (retentionFromTriangle)", () => {
  // Monthly payments with no gaps (a subscription): active in month k means active in every month before.
  const months = ["2024-01-10", "2024-02-10", "2024-03-10", "2024-04-10", "2024-05-10"].map((d) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, 10) / 86400000 + 25569);
  const paid: Record<string, [number, number]> = { a: [0, 4], b: [0, 1], c: [0, 0], d: [0, 2], e: [1, 4], f: [1, 1], g: [1, 3], h: [2, 4], i: [2, 2], j: [4, 4] };
  const ids: string[] = [];
  const dates: number[] = [];
  for (const [id, [from, to]] of Object.entries(paid)) {
    for (let m = from; m <= to; m++) {
      ids.push(id);
      dates.push(months[m]);
    }
  }
  const triangle = cohortAggregate({ ids, dates, amounts: null }, "month", false).customers;

  test("for a contract, the triangle's counts are the log's first-to-last survivors; the young cohort is left out", () => {
    const r = retentionFromTriangle(triangle);
    const fromLog = retentionFromLog({ ids, dates }, "month");
    expect(r.cohorts).toEqual(fromLog.cohorts);
    expect(r.cohorts.map((c) => c.survivors)).toEqual([[4, 3, 2, 1, 1], [3, 2, 2, 1], [2, 1, 1]]);
    expect(r).toMatchObject({ source: "triangle", period: "month", heldOut: 0, youngCustomers: 1 });
  });

  test("the LTV sheet builds from it: a valid plan whose α is the core's joint fit", () => {
    const agg = { inputs: { ...SAMPLE_INPUTS, discountRate: 0.008 }, retention: retentionFromTriangle(triangle) };
    expect(ltvCacParts.modelProblems(agg)).toEqual([]);
    const sheets = ltvCacSheets(agg, { money: "$#,##0", money2: "$#,##0.00", sourceLines: [] }, LTV_STRINGS.en);
    expect(() => validatePlan(sheets.plan)).not.toThrow();
    const core = fitSbg([[4, 3, 2, 1, 1], [3, 2, 2, 1], [2, 1, 1]]).params;
    expect(evaluatePlan(sheets.plan).number("ltv", sheets.cells.retention!.alpha)).toBeCloseTo(core.alpha, 8);
  });

  test("customers who come back make the counts rise: refused, naming the cohort and the period, in both languages", () => {
    // b pays in January and March only: active customers of January's cohort go 3, 1, 2.
    const back = cohortAggregate({ ids: ["a", "b", "c", "a", "a", "b"], dates: [months[0], months[0], months[0], months[1], months[2], months[2]], amounts: null }, "month", false);
    const agg = { inputs: SAMPLE_INPUTS, retention: retentionFromTriangle(back.customers) };
    const [problem] = ltvCacParts.modelProblems(agg);
    expect(problem.en).toBe(
      "The cohort of 2024-01-01 has 2 customers active after 2 months, more than the 1 a month before: its customers come back, so these are not survivor counts. Build from the transaction log instead (a customer counts from their first to their last transaction).",
    );
    expect(problem.es).toContain("La cohorte de 2024-01-01 tiene 2 clientes activos tras 2 meses, más que los 1 del mes anterior");
  });

  test("a weekly triangle is refused with the one template error, in both languages", () => {
    const weekly = cohortAggregate({ ids, dates, amounts: null }, "week", false).customers;
    expect(() => retentionFromTriangle(weekly)).toThrow(TemplateInputError);
    expect(() => retentionFromTriangle(weekly)).toThrow(LTV_STRINGS.en.weeklyTriangle);
  });
});

test.each([
  ["100, 100, 100", "noneLeft"],
  ["100, 0, 0", "allLeft"],
  ["30, 22, 14, 7", "flat"], // as many leave each period (lifetimes spread evenly): no heterogeneity for the sBG to fit
] as const)("counts the sBG cannot be fitted to (%s) are refused with the reason in each language", (survivors, why) => {
  const [problem, ...more] = T.validate(input({ ...COHORTS, survivors })).blocking;
  expect(more).toEqual([]);
  expect(problem.en).toBe(`${LTV_STRINGS.en.fitFailed}: ${LTV_STRINGS.en.fitFailedWhy[why]}`);
  expect(problem.es).toBe(`${LTV_STRINGS.es.fitFailed}: ${LTV_STRINGS.es.fitFailedWhy[why]}`);
});
