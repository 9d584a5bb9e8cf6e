/**
 * Why customers score what they score, on the survey dashboard (issue 14):
 * the sentiment beside each comment, sentiment by promoters, passives and
 * detractors, the themes of positive and negative comments with their NPS
 * impact, and the key drivers of the score among attribute ratings — each
 * equal to the engines the CXM functions use (src/metrics/text/engine.ts:
 * CXM.SENTIMENT, CXM.THEMES; src/metrics/key-drivers.ts: CXM.DRIVERS, Johnson
 * 2000 and the Shapley/LMG decomposition), engine values written as values,
 * what derives from them as formulas. And the mapping of the attribute
 * ratings, a template column fed by several source columns, from headers,
 * the CLI's --map and the pane's typing.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { keyDrivers } from "../../src/metrics/key-drivers";
import { commentThemeTable, sentiment, sentimentByNpsGroup, themesByPolarity } from "../../src/metrics/text/engine";
import { typeSheetValues } from "../../src/taskpane/typed-source";
import { autoGroups, autoMap, groupLabel } from "../../src/templates/column-mapping";
import type { BuildInput, ColumnSpec, Language } from "../../src/templates/registry-types";
import { surveyDashboardParts, surveyDashboardTemplate as T } from "../../src/templates/survey-dashboard/descriptor";
import { sampleSurveyResponses, SAMPLE_ATTRIBUTES } from "../../src/templates/survey-dashboard/sample";
import { kindsFor } from "../../src/templates/typed-rows";
import { cellAt, validatePlan } from "../../src/workbook/plan";
import { runCli, tempDir } from "../support/cli";
import { evaluatePlan } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");

function input(header: unknown[], rows: unknown[][], language: Language = "en", options: Record<string, string | number> = {}): BuildInput {
  const mapping = autoMap(T.columns, header);
  return { rows, mapping, groups: autoGroups(T.columns, header, mapping), options, sourceLabel: "responses.csv", builtAt: BUILT, surface: "taskpane", language };
}

describe.each(["en", "es"] as const)("comments and drivers of the sample in %s", (language) => {
  const [header, ...rows] = T.sample(language);
  const responses = sampleSurveyResponses({ language });
  const b = surveyDashboardParts.build(input(header, rows, language));
  const wb = evaluatePlan(b.plan);
  const scores = responses.map((r) => r.score);
  const texts = responses.map((r) => r.comment ?? null);
  const sentiments = texts.map((t) => (t === null ? null : sentiment(t)));

  test("each listed comment has its sentiment beside it, as CXM.SENTIMENT scores it; no comment, no sentiment", () => {
    const list = b.list.list;
    const sheet = b.plan.sheets[1];
    const at = (name: string) => {
      for (let c = 0; c < list.columns; c++) if (cellAt(sheet, list.row(0), list.column(c)) === name) return c;
      throw new Error(`no column ${name}`);
    };
    const s = at(language === "es" ? "Sentimiento" : "Sentiment");
    const c = at(language === "es" ? "Comentario" : "Comment");
    expect(c).toBe(s + 1);
    // The list is by date; so are the sample's responses.
    responses.forEach((r, i) => {
      expect(wb.value("responses", list.cell(1 + i, c))).toBe(r.comment ?? null);
      const v = wb.value("responses", list.cell(1 + i, s));
      if (r.comment) expect(v).toBeCloseTo(sentiment(r.comment), 12);
      else expect(v).toBeNull();
    });
  });

  test("sentiment by promoters, passives and detractors equals sentimentByNpsGroup; the shares are formulas", () => {
    const groups = sentimentByNpsGroup(scores, sentiments);
    const g = b.at.groups;
    groups.forEach((x, i) => {
      const n = x.comments;
      expect(wb.number("dashboard", g.cell(1 + i, 1))).toBe(n);
      expect(wb.number("dashboard", g.cell(1 + i, 2))).toBe(Math.round(x.positive! * n));
      expect(wb.number("dashboard", g.cell(1 + i, 4))).toBe(Math.round(x.negative! * n));
      expect(wb.number("dashboard", g.cell(1 + i, 5))).toBeCloseTo(x.positive!, 12);
      expect(wb.number("dashboard", g.cell(1 + i, 6))).toBeCloseTo(x.neutral!, 12);
      expect(wb.number("dashboard", g.cell(1 + i, 7))).toBeCloseTo(x.negative!, 12);
      expect(wb.number("dashboard", g.cell(1 + i, 8))).toBeCloseTo(x.averageSentiment!, 12);
      expect(String(cellAt(b.plan.sheets[0], g.row(1 + i), g.column(5)))).toBe(`=IF(${g.cell(1 + i, 1)}=0,NA(),${g.cell(1 + i, 2)}/${g.cell(1 + i, 1)})`);
    });
    const all = sentiments.filter((x): x is number => x !== null);
    expect(wb.number("dashboard", g.cell(4, 1))).toBe(all.length);
    expect(wb.number("dashboard", g.cell(4, 8))).toBeCloseTo(all.reduce((a, x) => a + x, 0) / all.length, 12);
    // The chart beside it draws the three shares of the three groups, in the groups' order.
    const chart = b.plan.sheets[0].charts.find((c) => c.categories === g.columnRange(0, 1, 3))!;
    expect(chart.type).toBe("column");
    expect(chart.series.map((x) => x.values)).toEqual([g.columnRange(5, 1, 3), g.columnRange(6, 1, 3), g.columnRange(7, 1, 3)]);
    expect(chart.series.map((x) => x.name)).toEqual(language === "es" ? ["% positivos", "% neutros", "% negativos"] : ["% positive", "% neutral", "% negative"]);
    // Promoters' comments lean positive, detractors' negative (the sample writes them so).
    expect(groups[0].averageSentiment!).toBeGreaterThan(0.3);
    expect(groups[2].averageSentiment!).toBeLessThan(-0.2);
  });

  test("the top positive and negative themes are CXM.THEMES' own, with their NPS impact as a formula", () => {
    const polar = themesByPolarity(commentThemeTable(texts, scores, 60), 5);
    for (const [key, expected] of [["positiveThemes", polar.positive], ["negativeThemes", polar.negative]] as const) {
      const at = b.at[key];
      expect(expected.length).toBeGreaterThan(0);
      expect(at.rows).toBe(1 + expected.length);
      expected.forEach((theme, i) => {
        const r = 1 + i;
        expect(wb.value("dashboard", at.cell(r, 0))).toBe(theme.label);
        expect(wb.number("dashboard", at.cell(r, 1))).toBe(theme.comments);
        expect(wb.number("dashboard", at.cell(r, 2))).toBeCloseTo(theme.share, 12);
        expect(wb.number("dashboard", at.cell(r, 3))).toBeCloseTo(theme.averageSentiment, 12);
        expect(wb.number("dashboard", at.cell(r, 4))).toBeCloseTo(theme.nps!.npsWith!, 12);
        expect(wb.number("dashboard", at.cell(r, 5))).toBeCloseTo(theme.nps!.npsWithout!, 12);
        expect(wb.number("dashboard", at.cell(r, 6))).toBeCloseTo(theme.nps!.difference!, 12);
        expect(wb.number("dashboard", at.cell(r, 7))).toBeCloseTo(theme.nps!.pValue!, 12);
        // Engine values are values; the share and the impact are formulas over them.
        const f = (c: number) => cellAt(b.plan.sheets[0], at.row(r), at.column(c));
        expect(f(1)).toBe(theme.comments);
        expect(f(2)).toBe(`=${at.cell(r, 1)}/${b.at.groups.cell(4, 1, "$all")}`);
        expect(f(6)).toBe(`=${at.cell(r, 4)}-${at.cell(r, 5)}`);
      });
    }
    // The theme words are the customers' own: written as text, outside the language checks.
    const labels = b.plan.sheets[0].blocks.find((x) => x.rows[0][0] === polar.positive[0].label)!;
    expect(labels).toMatchObject({ text: true, userData: true });
  });

  test("the key drivers are CXM.DRIVERS' Johnson weights over the responses rating every attribute; R² and the shares are formulas", () => {
    const complete = responses.filter((r) => r.ratings!.every((x) => x !== null));
    const labels = SAMPLE_ATTRIBUTES.map((a) => a.name[language]);
    const expected = keyDrivers(
      Float64Array.from(complete.map((r) => r.score)),
      labels.map((_, j) => Float64Array.from(complete.map((r) => r.ratings![j]!))),
      labels,
    );
    const d = b.at.drivers;
    let sum = 0;
    labels.forEach((label, j) => {
      const rated = responses.map((r) => r.ratings![j]).filter((x): x is number => x !== null);
      expect(wb.value("dashboard", d.cell(1 + j, 0))).toBe(label);
      expect(wb.number("dashboard", d.cell(1 + j, 1))).toBeCloseTo(rated.reduce((a, x) => a + x, 0) / rated.length, 12);
      expect(wb.number("dashboard", d.cell(1 + j, 2))).toBe(rated.length);
      expect(wb.number("dashboard", d.cell(1 + j, 3))).toBeCloseTo(expected.weights[j], 12);
      expect(wb.number("dashboard", d.cell(1 + j, 4))).toBeCloseTo(expected.shares[j], 12);
      sum += expected.weights[j];
    });
    expect(wb.number("dashboard", d.cell(4, 3))).toBeCloseTo(expected.rSquared, 12);
    expect(sum).toBeCloseTo(expected.rSquared, 12);
    expect(cellAt(b.plan.sheets[0], d.row(1), d.column(4))).toBe(`=${d.cell(1, 3)}/${d.cell(4, 3, "$all")}`);
    expect(cellAt(b.plan.sheets[0], d.row(4), d.column(3))).toBe(`=SUM(${d.range(1, 3, 3, 1)})`);
    // The sample's scores move most with service, then speed, then price.
    expect(expected.weights[0]).toBeGreaterThan(expected.weights[2]);
    expect(expected.weights[2]).toBeGreaterThan(expected.weights[1]);
    const chart = b.plan.sheets[0].charts.find((c) => c.type === "bar")!;
    expect(chart).toMatchObject({ categories: d.columnRange(0, 1, 3), series: [{ values: d.columnRange(4, 1, 3) }] });
  });
});

describe("key-driver options and problems", () => {
  const [header, ...rows] = T.sample("en");

  test("the Shapley option gives the exact Shapley (LMG) decomposition; its shares also sum to 1", () => {
    const x = input(header, rows, "en", { driverMethod: "shapley" });
    const b = surveyDashboardParts.build(x);
    const d = b.agg.drivers!;
    expect(d.method).toBe("shapley");
    const responses = sampleSurveyResponses({ language: "en" }).filter((r) => r.ratings!.every((v) => v !== null));
    const labels = d.labels;
    const expected = keyDrivers(Float64Array.from(responses.map((r) => r.score)), labels.map((_, j) => Float64Array.from(responses.map((r) => r.ratings![j]!))), labels, "shapley");
    expect(d.result!.weights).toEqual(expected.weights);
    const wb = evaluatePlan(b.plan);
    const shares = labels.map((_, j) => wb.number("dashboard", b.at.drivers.cell(1 + j, 4)));
    expect(shares.reduce((a, s) => a + s, 0)).toBeCloseTo(1, 12);
    expect(String(cellAt(b.plan.sheets[0], b.at.drivers.row(-1), b.at.drivers.column(0)))).toContain("Shapley decomposition of R² (LMG)");
  });

  test("too few responses rating every attribute: the report and the sheet say so, the weights are n/a, no chart", () => {
    const few = [["Date", "Score", "Rating: Price", "Rating: Speed"], ["2024-01-02", 9, 4, 5], ["2024-01-03", 3, 2, ""], ["2024-01-04", 7, 3, 3]];
    const x = input(few[0], few.slice(1));
    expect(T.validate(x).notes).toEqual([
      { message: { en: "The key drivers need at least 4 responses rating every attribute; there are 2.", es: "Los impulsores clave necesitan al menos 4 respuestas que valoren todos los atributos; hay 2." } },
    ]);
    const b = surveyDashboardParts.build(x);
    expect(() => validatePlan(b.plan)).not.toThrow();
    const sheet = b.plan.sheets[0];
    const d = b.at.drivers;
    expect(cellAt(sheet, d.row(1), d.column(3))).toBe("n/a");
    expect(String(cellAt(sheet, d.row(-1), d.column(0)))).toMatch(/need at least 4 responses rating every attribute; there are 2\.$/);
    expect(sheet.charts.some((c) => c.type === "bar")).toBe(false);
    // The averages and counts are still there: Price 3 of 3 rated, average 3.
    const wb = evaluatePlan(b.plan);
    expect(wb.number("dashboard", d.cell(1, 1))).toBe(3);
    expect(wb.number("dashboard", d.cell(2, 2))).toBe(2);
  });

  test("the Shapley decomposition of more than 15 attributes blocks the build, naming the way out", () => {
    const head = ["Date", "Score", ...Array.from({ length: 16 }, (_, j) => `Rating: A${j}`)];
    const x = input(head, [["2024-01-02", 9, ...Array.from({ length: 16 }, () => 3)]], "es", { driverMethod: "shapley" });
    expect(T.validate(x).blocking.map((m) => m.es)).toEqual(["La descomposición de Shapley admite 15 atributos como mucho (hay 16 asignados): elija los pesos relativos de Johnson o menos atributos."]);
  });

  test("without attribute ratings, or without comments, those blocks are left out", () => {
    const plain = surveyDashboardParts.build(input(["Date", "Score", "Comment"], [["2024-01-02", 9, "Great"], ["2024-01-03", 3, "Awful"]]));
    expect(plain.at.drivers).toBeUndefined();
    expect(plain.at.groups).toBeDefined();
    const bare = surveyDashboardParts.build(input(["Date", "Score"], [["2024-01-02", 9]]));
    expect(bare.at.groups).toBeUndefined();
    expect(bare.agg.comments).toBeNull();
    expect(bare.agg.drivers).toBeNull();
  });
});

describe("a template column fed by several source columns (attribute ratings)", () => {
  const attributes = T.columns.find((c) => c.key === "attributes")!;

  test("is declared with `multiple`, optional, and never takes a single index in the mapping", () => {
    expect(attributes).toMatchObject({ multiple: true, required: false, kind: "number" });
    expect(autoMap(T.columns, ["Date", "Score", "Rating: Price"]).attributes).toBe(-1);
  });

  test("autoGroups proposes the headers that start with one of its names, labelled by what follows", () => {
    const header = ["Date", "Score", "Rating: Price", "Valoración - Atención", "Rating (0-10)", "Please rate us on each: - Speed", "Comments", "Rating_Value"];
    const mapping = autoMap(T.columns, header);
    expect(mapping.score).toBe(1);
    expect(autoGroups(T.columns, header, mapping).attributes).toEqual([
      { index: 2, label: "Price" },
      { index: 3, label: "Atención" },
      { index: 5, label: "Speed" },
      { index: 7, label: "Value" },
    ]);
    // A header another column uses is not proposed again; another header row's text counts (Qualtrics' question row).
    expect(autoGroups(T.columns, ["Q5_1", "Q5_2"], { score: 0 }, [["How would you rate: Service"], ["How would you rate: Price"]]).attributes).toEqual([{ index: 1, label: "Price" }]);
    expect(groupLabel(attributes, "Precio")).toBe("Precio");
  });

  test("kindsFor types the grouped source columns like the template column, after the single ones", () => {
    const cols: ColumnSpec[] = [{ key: "score", label: { en: "S", es: "S" }, required: true, kind: "score", synonyms: [] }, attributes];
    expect(kindsFor(cols, { score: 0, attributes: -1 }, 4, { attributes: [{ index: 2, label: "P" }, { index: 0, label: "X" }] })).toEqual({
      kinds: ["score", "skip", "number", "skip"],
      mappedTo: ["score", undefined, "attributes", undefined],
    });
  });

  test("the pane's typing reads grouped columns as numbers, with a Spanish decimal comma", async () => {
    const values = [["Fecha", "Puntuación", "Valoración: Precio"], ["01/03/2024", 9, "4,5"], ["02/03/2024", 6, "2"]];
    const mapping = autoMap(T.columns, values[0]);
    const groups = autoGroups(T.columns, values[0], mapping);
    const typed = await typeSheetValues(values, "Hoja1!A1:C3", T.columns, mapping, "es", undefined, groups);
    expect(typed.rows.map((r) => r[2])).toEqual([4.5, 2]);
    expect(T.validate({ ...input(values[0], typed.rows, "es"), groups }).problems).toEqual([]);
  });

  describe("through the CLI", () => {
    const dir = tempDir("cxm-survey-groups-");
    const rows = sampleSurveyResponses({ seed: 4, months: 2, perMonth: 30 }).map((r) => [`2024-0${1 + Math.floor((r.date - 45292) / 31)}-10`, r.score, ...r.ratings!.map((x) => x ?? "")]);
    writeFileSync(path.join(dir, "ratings.csv"), ["Date,Score,Rating: Service,Price,Rating: Speed", ...rows.map((r) => r.join(","))].join("\n"));

    test("maps the prefixed headers by itself and says so", async () => {
      const r = await runCli(["template", "survey-dashboard", "--input", "ratings.csv", "--out", "auto.xlsx"], dir);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toContain('attributes   <- "Rating: Service", "Rating: Speed"');
    });

    test("--map attributes=… replaces the proposal, one header at a time or a comma-separated list", async () => {
      const one = await runCli(["template", "survey-dashboard", "--input", "ratings.csv", "--out", "one.xlsx", "--map", "attributes=Price", "--map", "attributes=Rating: Speed"], dir);
      expect(one.code).toBe(0);
      expect(one.out).toContain('attributes   <- "Price", "Rating: Speed"');
      const list = await runCli(["template", "survey-dashboard", "--input", "ratings.csv", "--out", "list.xlsx", "--map", "attributes=Rating: Service,Price,Rating: Speed"], dir);
      expect(list.out).toContain('attributes   <- "Rating: Service", "Price", "Rating: Speed"');
    });

    test("--map attributes= leaves them out; an unknown header is named (exit 2)", async () => {
      const none = await runCli(["template", "survey-dashboard", "--input", "ratings.csv", "--out", "none.xlsx", "--map", "attributes="], dir);
      expect(none.code).toBe(0);
      expect(none.out).toContain("attributes   <- (not used)");
      const bad = await runCli(["template", "survey-dashboard", "--input", "ratings.csv", "--out", "bad.xlsx", "--map", "attributes=Quality"], dir);
      expect(bad.code).toBe(2);
      expect(bad.err).toBe('cxm: --map attributes=Quality: ratings.csv has no column "Quality" (its headers: Date, Score, Rating: Service, Price, Rating: Speed).');
    });
  });
});
