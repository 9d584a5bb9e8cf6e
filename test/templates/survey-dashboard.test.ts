/**
 * The survey dashboard (src/templates/survey-dashboard/): every NPS, share,
 * interval, CSAT and CES cell against the metrics core (nps.ts: Reichheld
 * 2003; nps-interval.ts: the adjusted-Wald interval of Rocks 2016; csat.ts:
 * the top-2-box share, Delighted; ces.ts: the mean answer, Dixon et al.
 * 2010), evaluated by HyperFormula; the options, validation in both
 * languages, the Spanish build, user text kept as text, and both renderers.
 * The comments, themes and key drivers are tested in
 * survey-dashboard-comments.test.ts, large inputs in
 * survey-dashboard-large.test.ts; the checks every v2 template shares
 * (language, layout, cached values, LibreOffice) in test/templates/v2/.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { cesFromHistogram } from "../../src/metrics/ces";
import { csatFromHistogram } from "../../src/metrics/csat";
import { NpsCounts, npsFromCounts } from "../../src/metrics/nps";
import { npsInterval } from "../../src/metrics/nps-interval";
import { zForConfidence } from "../../src/metrics/normal";
import { autoGroups, autoMap } from "../../src/templates/column-mapping";
import type { BuildInput, Language } from "../../src/templates/registry-types";
import { TemplateInputError } from "../../src/templates/shared/errors";
import { surveyDashboardParts, surveyDashboardTemplate as T } from "../../src/templates/survey-dashboard/descriptor";
import { sampleHeader, sampleRows, sampleSurveyResponses, SampleResponse, SAMPLE_SEGMENTS } from "../../src/templates/survey-dashboard/sample";
import { surveySheets } from "../../src/templates/survey-dashboard/sheets";
import { SURVEY_STRINGS } from "../../src/templates/survey-dashboard/strings";
import { COL, exactCriterion } from "../../src/templates/survey-dashboard/view";
import { parseRect } from "../../src/workbook/a1";
import { excelDate, monthStart } from "../../src/workbook/dates";
import type { Placed } from "../../src/workbook/layout";
import { blockRect, cellAt, validatePlan } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { FakeExcel } from "../support/excel-batch-fake";
import { errorCells, evaluatePlan, EvaluatedWorkbook } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");

function input(header: unknown[], rows: unknown[][], language: Language = "en", options: Record<string, string | number> = {}): BuildInput {
  const mapping = autoMap(T.columns, header);
  return { rows, mapping, groups: autoGroups(T.columns, header, mapping), options, sourceLabel: "responses.csv", builtAt: BUILT, surface: "taskpane", language };
}

const built = (i: BuildInput) => surveyDashboardParts.build(i);

function countsOf(rs: SampleResponse[]): NpsCounts {
  return {
    promoters: rs.filter((r) => r.score >= 9).length,
    passives: rs.filter((r) => r.score === 7 || r.score === 8).length,
    detractors: rs.filter((r) => r.score <= 6).length,
  };
}

function histogram(values: number[], size: number): number[] {
  const h = new Array<number>(size).fill(0);
  for (const v of values) h[v]++;
  return h;
}

/** One breakdown row of the dashboard (body row r of block `at`) against the metrics core on the same responses. */
function expectRowMatches(wb: EvaluatedWorkbook, at: Placed, r: number, rs: SampleResponse[], headers: string[], confidence = 0.95, csatMin = 4) {
  const t = SURVEY_STRINGS.en;
  const cell = (c: number) => wb.number("dashboard", at.cell(r, c));
  const counts = countsOf(rs);
  expect(cell(COL.responses)).toBe(rs.length);
  expect(cell(COL.promoters)).toBe(counts.promoters);
  expect(cell(COL.passives)).toBe(counts.passives);
  expect(cell(COL.detractors)).toBe(counts.detractors);
  expect(cell(COL.pctPromoters)).toBeCloseTo(counts.promoters / rs.length, 12);
  expect(cell(COL.nps)).toBeCloseTo(npsFromCounts(counts), 9);
  const ci = npsInterval(counts, confidence);
  expect(cell(COL.ciLow)).toBeCloseTo(ci.low, 7);
  expect(cell(COL.ciHigh)).toBeCloseTo(ci.high, 7);
  expect(cell(COL.margin)).toBeCloseTo(ci.marginOfError, 7);
  const csat = rs.filter((x) => x.csat !== undefined).map((x) => x.csat!);
  if (headers.includes(t.csat)) expect(cell(1 + headers.indexOf(t.csat))).toBeCloseTo(csatFromHistogram(histogram(csat, 6), csatMin), 12);
  const ces = rs.filter((x) => x.ces !== undefined).map((x) => x.ces!);
  if (headers.includes(t.ces)) expect(cell(1 + headers.indexOf(t.ces))).toBeCloseTo(cesFromHistogram(histogram(ces, 8)), 12);
}

/** The headers of the breakdown tables, read from the plan. */
function breakdownHeaders(b: ReturnType<typeof built>): string[] {
  const at = b.at.months;
  const sheet = b.plan.sheets[0];
  const out: string[] = [];
  for (let c = 1; c < at.columns; c++) out.push(String(cellAt(sheet, at.row(0), at.column(c))));
  return out;
}

describe("the survey dashboard on its seeded sample, through the descriptor", () => {
  const sample = T.sample("en");
  const [header, ...rows] = sample;
  const responses = sampleSurveyResponses({ language: "en" });
  const x = input(header, rows);
  const b = built(x);
  const wb = evaluatePlan(b.plan);
  const headers = breakdownHeaders(b);

  test("the sample maps automatically — the three ratings as one column fed by several — validates cleanly, and builds two sheets", () => {
    expect(header).toEqual(["Date", "Score (0-10)", "Segment", "CSAT (1-5)", "CES (1-7)", "Rating: Service", "Rating: Price", "Rating: Speed", "Comment"]);
    expect(x.mapping).toEqual({ date: 0, score: 1, segment: 2, csat: 3, ces: 4, comment: 8, attributes: -1 });
    expect(x.groups).toEqual({ attributes: [{ index: 5, label: "Service" }, { index: 6, label: "Price" }, { index: 7, label: "Speed" }] });
    expect(T.validate(x)).toEqual({ goodRows: rows.length, problems: [], blocking: [] });
    expect(() => validatePlan(b.plan)).not.toThrow();
    expect(b.plan.sheets.map((s) => s.name)).toEqual(["NPS dashboard", "Survey responses"]);
    expect(cellAt(b.plan.sheets[0], 2, 1)).toBe(`Source: responses.csv (${rows.length.toLocaleString("en-US")} rows used). Built 2025-01-15 09:30 UTC by CXM.`);
    expect(b.plan.sheets[0].tables.map((t) => t.name)).toEqual(["NpsByMonth", "NpsBySegment", "NpsScoreDistribution"]);
    expect(b.plan.sheets[1].tables.map((t) => [t.name, t.range])).toEqual([["SurveyResponses", b.list.list.address]]);
    expect(b.list.list.rows).toBe(1 + rows.length);
  });

  test("z is NORM.S.INV(0.975) = 1.95996… (normal.ts)", () => {
    expect(wb.number("dashboard", b.cells.z)).toBeCloseTo(zForConfidence(0.95), 9);
    expect(wb.number("dashboard", b.cells.z)).toBeCloseTo(1.959964, 6);
  });

  test("all responses: NPS, interval, CSAT and CES equal the metrics core", () => {
    expectRowMatches(wb, b.at.overall, 1, responses, headers);
  });

  test("every month's row equals the metrics core on that month's responses", () => {
    expect(b.agg.months).toHaveLength(12);
    b.agg.months.forEach((m, k) => {
      expect(wb.number("dashboard", b.at.months.cell(1 + k, 0))).toBe(m.month);
      const inMonth = responses.filter((r) => monthStart(r.date) === m.month);
      expect(inMonth.length).toBeGreaterThan(0);
      expectRowMatches(wb, b.at.months, 1 + k, inMonth, headers);
    });
  });

  test("every segment's row equals the metrics core on that segment's responses", () => {
    expect(b.agg.segments.map((s) => s.name)).toEqual(["Enterprise", "Mid-market", "SMB"]);
    b.agg.segments.forEach((s, k) => expectRowMatches(wb, b.at.segments, 1 + k, responses.filter((r) => r.segment === s.name), headers));
  });

  test("the score distribution counts each score and its share", () => {
    const h = histogram(responses.map((r) => r.score), 11);
    for (let s = 0; s <= 10; s++) {
      expect(wb.number("dashboard", b.at.distribution.cell(1 + s, 1))).toBe(h[s]);
      expect(wb.number("dashboard", b.at.distribution.cell(1 + s, 2))).toBeCloseTo(h[s] / responses.length, 12);
    }
  });

  test("no formula evaluates to an error (every month has responses)", () => {
    expect(errorCells(wb, b.plan)).toEqual([]);
  });

  test("changing the inputs recalculates: confidence 90% moves every interval, a CSAT threshold of 5 the CSAT", () => {
    const w = evaluatePlan(b.plan);
    w.set("dashboard", b.cells.confidence, 0.9);
    w.set("dashboard", b.at.settings.cell(3, 1), 5);
    expectRowMatches(w, b.at.overall, 1, responses, headers, 0.9, 5);
    b.agg.segments.forEach((s, k) => expectRowMatches(w, b.at.segments, 1 + k, responses.filter((r) => r.segment === s.name), headers, 0.9, 5));
  });

  test("counts are COUNTIFS over the responses sheet; NPS, interval, CSAT and CES are formulas over the counts", () => {
    const sheet = b.plan.sheets[0];
    const at = b.at.months;
    const f = (c: number) => String(cellAt(sheet, at.row(1), at.column(c)));
    expect(f(COL.promoters)).toBe(`=COUNTIFS({{responses}}!$A:$A,">="&$A${at.row(1)},{{responses}}!$A:$A,"<"&EDATE($A${at.row(1)},1),{{responses}}!$B:$B,">=9")`);
    expect(f(COL.nps)).toBe(`=IF(${at.cell(1, COL.responses)}=0,NA(),100*(${at.cell(1, COL.promoters)}-${at.cell(1, COL.detractors)})/${at.cell(1, COL.responses)})`);
    const csat = b.at.csatCounts;
    expect(f(1 + headers.indexOf("CSAT"))).toBe(
      `=IF(SUM(${csat.range(2, 1, 1, 5)})=0,NA(),SUMIFS(${csat.range(2, 1, 1, 5)},${csat.range(0, 1, 1, 5, true)},">="&CSAT_satisfied_min)/SUM(${csat.range(2, 1, 1, 5)}))`,
    );
    expect(String(cellAt(sheet, csat.row(2), csat.column(1)))).toMatch(/^=COUNTIFS\(.*\{\{responses\}\}!\$D:\$D,1\)$/);
  });

  test("headlines are the core's numbers, in the cells the dashboard shows them in", () => {
    const h = T.headlines!(x);
    expect(h.map((y) => y.label.en)).toEqual(["Responses", "NPS", "NPS CI low", "NPS CI high", "CSAT", "CES (average)", "Average sentiment of comments"]);
    const counts = countsOf(responses);
    expect(h[1].value).toBeCloseTo(npsFromCounts(counts), 12);
    expect(h[2].value).toBeCloseTo(npsInterval(counts).low, 12);
    for (const y of h) expect(wb.number(y.sheet, y.cell)).toBeCloseTo(y.value, 9);
  });

  test("the sheets are built from the aggregate alone: the same aggregate through JSON gives the same plan", () => {
    const again = surveySheets(
      JSON.parse(JSON.stringify(b.agg)),
      { confidence: 0.95, csatMin: 4, source: { label: "responses.csv", used: rows.length, leftOut: 0, surface: "taskpane", builtAt: BUILT } },
      SURVEY_STRINGS.en,
    );
    expect(again.plan).toEqual(b.plan);
  });

  test("printed, the dashboard breaks pages between blocks; the responses sheet prints its heading, its table header set to repeat", () => {
    const [dash, list] = b.plan.sheets;
    expect(dash.print!.rowBreaks!.length).toBeGreaterThan(0);
    // A new page starts on the empty row above a block (its title, or a chart's first row: a chart block has no title),
    // so a chart's top border is not printed at the foot of the page before.
    const tops = new Set(Object.entries(b.at).map(([key, p]) => (key.endsWith("Chart") ? p.rect.row : p.rect.row - 2)));
    for (const r of dash.print!.rowBreaks!) {
      expect(tops.has(r + 1)).toBe(true);
      expect(dash.blocks.some((x) => { const rect = blockRect(x); return rect.row <= r && r <= rect.lastRow; })).toBe(false);
    }
    const header = b.list.list.row(0);
    expect(list.print).toMatchObject({ titleRows: { first: header, last: header }, fitToPagesWide: 1 });
    expect(parseRect(list.print!.area!).lastRow).toBe(4);
    expect(list.freeze).toEqual({ rows: header, columns: 0 });
  });
});

describe("months, user text and options", () => {
  const d = (y: number, m: number, day: number) => excelDate(y, m, day);
  const HEADER = ["Date", "Score", "Segment", "Comment"];

  test("a month without responses is a row of zeros with #N/A for its rates — a gap in the NPS chart, as the sheet says", () => {
    const b = built(input(HEADER, [[d(2024, 1, 5), 10, "", ""], [d(2024, 1, 9), 3, "", ""], [d(2024, 3, 2), 8, "", ""]]));
    const wb = evaluatePlan(b.plan);
    expect(b.agg.months.map((m) => m.month)).toEqual([d(2024, 1, 1), d(2024, 2, 1), d(2024, 3, 1)]);
    const months = b.at.months;
    expect(wb.number("dashboard", months.cell(2, COL.responses))).toBe(0);
    for (const c of [COL.pctPromoters, COL.nps, COL.margin, COL.ciLow, COL.ciHigh]) expect(wb.value("dashboard", months.cell(2, c))).toMatchObject({ error: "#N/A" });
    // January: 1 promoter, 1 detractor -> NPS 0 (hand arithmetic: (1 - 1) / 2 × 100).
    expect(wb.number("dashboard", months.cell(1, COL.nps))).toBe(0);
    const chart = b.plan.sheets[0].charts.find((c) => c.title === "NPS by month with its confidence interval")!;
    expect(chart.series[0].values).toBe(months.columnRange(COL.nps, 1));
    expect(String(cellAt(b.plan.sheets[0], 3, 1))).toContain("#N/A marks a month without responses, and the NPS chart leaves a gap there.");
    expect(b.agg.has).toMatchObject({ segment: false, csat: false, ces: false, comment: false, attributes: false });
    expect(b.at.segments).toBeUndefined();
    expect(b.at.csatCounts).toBeUndefined();
  });

  test("segment names and comments are kept as text, even when they look like formulas or numbers", () => {
    const b = built(
      input(HEADER, [
        [d(2024, 1, 5), 9, "=cmd|' /C calc'!A0", "=1+1"],
        [d(2024, 1, 6), 5, "2024", "+44 20 7946 0000"],
        [d(2024, 1, 7), 7, "A*B", "-"],
      ]),
    );
    const wb = evaluatePlan(b.plan);
    const list = b.plan.sheets[1];
    const comment = b.list.list;
    const commentBlock = list.blocks.find((x) => x.rows.some((r) => r.includes("=1+1")))!;
    expect(commentBlock.text).toBe(true);
    expect(commentBlock.userData).toBe(true);
    expect(wb.value("responses", comment.cell(1, comment.columns - 1))).toBe("=1+1");
    // Segments sort as text: "2024" < "=cmd…" < "A*B".
    const seg = (i: number) => wb.value("dashboard", b.at.segments.cell(1 + i, 0));
    expect([seg(0), seg(1), seg(2)]).toEqual(["2024", "=cmd|' /C calc'!A0", "A*B"]);
    expect(wb.number("dashboard", b.at.segments.cell(1, COL.detractors))).toBe(1);
    // Names Excel would read as a comparison or a wildcard get an escaped literal criterion (HyperFormula cannot
    // parse "==…" or "~*" criteria; Excel can), so the formula text is checked.
    const promoters = (i: number) => String(cellAt(b.plan.sheets[0], b.at.segments.row(1 + i), b.at.segments.column(COL.promoters)));
    expect(promoters(1)).toContain(`"==cmd|' /C calc'!A0"`);
    expect(promoters(2)).toContain('"=A~*B"');
  });

  test("exactCriterion escapes wildcards and comparisons, and leaves plain names to their cell", () => {
    expect(exactCriterion("SMB", "$A9")).toBe("$A9");
    expect(exactCriterion("A*B?~", "$A9")).toBe('"=A~*B~?~~"');
    expect(exactCriterion(">10 seats", "$A9")).toBe('"=>10 seats"');
    expect(exactCriterion('say "hi"*', "$A9")).toBe('"=say ""hi""~*"');
  });

  test("bad options block the build with a TemplateInputError in the build's language", () => {
    const rows = [[d(2024, 1, 5), 9, "", ""]];
    expect(T.validate(input(HEADER, rows, "en", { confidence: 95 })).blocking[0].en).toMatch(/^Option confidence must be a fraction/);
    expect(T.validate(input(HEADER, rows, "en", { csatSatisfiedMin: 4.5 })).blocking[0].es).toMatch(/^La opción csatSatisfiedMin debe ser un número entero/);
    expect(T.validate(input(HEADER, rows, "en", { driverMethod: "magic" })).blocking[0].en).toBe('Unknown key-driver method "magic": use johnson or shapley.');
    expect(() => T.build(input(HEADER, rows, "es", { confidence: 2 }))).toThrow(TemplateInputError);
    expect(() => T.build(input(HEADER, rows, "es", { confidence: 2 }))).toThrow(/La opción confidence/);
  });
});

describe("validation names the bad rows in both languages; the build leaves them out", () => {
  // Ten good responses in March 2024: scores 10, 9, 9, 8, 7, 6, 5, 10, 3, 9 -> 5 promoters, 2 passives, 3 detractors;
  // NPS = 100 × (5 − 3) / 10 = 20 (hand arithmetic).
  const HEADER = ["Date", "Score", "Segment", "CSAT", "Rating: Price"];
  const good = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9].map((s, i) => [`2024-03-${String(i + 1).padStart(2, "0")}`, s, i % 2 ? "SMB" : "Enterprise", i < 4 ? 5 : "", 3]);
  const rows = [
    ...good.slice(0, 3),
    ["not a date", 9, "SMB", "", 3], // row 3
    ["2024-03-20", 11, "SMB", "", 3], // row 4
    ["", "", "", "", ""], // row 5: blank, skipped silently
    ["2024-03-21", "abc", "SMB", "", 3], // row 6
    ["2024-03-22", 8, "SMB", 6, 3], // row 7: CSAT 6 on a 1-5 scale
    ["2024-03-23", 8, "SMB", "", "cheap"], // row 8: a rating that is not a number
    ["2024-03-24", "N/A", "SMB", "", 3], // row 9: no answer
    ["2024-03-25", 7, "SMB", "", "n/a"], // row 10: a rating not given is fine
    ...good.slice(3),
  ];

  test("one problem per bad row, naming the column and the value, in English and Spanish; no answer is a note", () => {
    const report = T.validate(input(HEADER, rows));
    expect(report.blocking).toEqual([]);
    expect(report.goodRows).toBe(11);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [3, "date"],
      [4, "score"],
      [6, "score"],
      [7, "csat"],
      [8, "attributes"],
    ]);
    expect(report.problems[0].message.en).toBe('Date "not a date" is not a date (use 2024-03-15 or a date cell).');
    expect(report.problems[1].message.es).toBe("Puntuación «11» no es un número entero del 0 al 10.");
    expect(report.problems[3].message.en).toBe('CSAT "6" is not a whole number from 1 to 5 (leave it empty if not asked).');
    expect(report.problems[4].message).toEqual({ en: 'Price "cheap" is not a number (leave it empty if not rated).', es: "Price «cheap» no es un número (déjelo vacío si no se valoró)." });
    expect(report.notes).toEqual([
      {
        message: { en: "1 response has no score (empty or N/A): counted as no answer, not in the NPS.", es: "1 respuesta no tiene puntuación (vacía o N/A): cuenta como sin respuesta, fuera del NPS." },
        rows: [9],
      },
      // Eleven complete rows for one rating: enough for the key drivers (at least 3), but every rating is 3.
      { message: { en: "Every response rates Price alike, so its weight is undefined: leave that column out.", es: "Todas las respuestas valoran Price igual, así que su peso no está definido: deje fuera esa columna." } },
    ]);
  });

  test("the build uses the good rows only: NPS 20 from the ten, plus the 7 of row 10", () => {
    const x = input(HEADER, rows);
    const h = T.headlines!(x);
    // 5 promoters, 3 passives, 3 detractors of 11: NPS = 100 × 2 / 11.
    expect(h.find((y) => y.label.en === "NPS")!.value).toBeCloseTo((100 * 2) / 11, 12);
    expect(h.find((y) => y.label.en === "Responses")!.value).toBe(11);
    // CSAT: the first four rows answered 5 -> 4 of 4 satisfied.
    expect(h.find((y) => y.label.en === "CSAT")!.value).toBe(1);
    const wb = evaluatePlan(T.build(x));
    for (const y of h) expect(wb.number(y.sheet, y.cell)).toBeCloseTo(y.value, 9);
  });

  test("the source line says where the left-out rows are listed: the task pane's check, or the report cxm printed", () => {
    const pane = built(input(HEADER, rows)).plan.sheets[0];
    expect(cellAt(pane, 2, 1)).toBe("Source: responses.csv (11 rows used; 5 left out, listed by the check in the task pane). Built 2025-01-15 09:30 UTC by CXM.");
    const cli = built({ ...input(HEADER, rows, "es"), surface: "cli" }).plan.sheets[0];
    expect(cellAt(cli, 2, 1)).toBe("Origen: responses.csv (11 filas usadas; 5 descartadas, listadas en el informe que imprimió cxm al generar esta hoja). Generado el 2025-01-15 09:30 UTC por CXM.");
  });

  test("a required column not mapped, no rows and no usable row block the build", () => {
    expect(T.validate(input(["Date", "Segment"], [["2024-01-01", "SMB"]])).blocking.map((b) => b.en)).toEqual(["The Score column is required: map a source column to it."]);
    expect(T.validate(input(["Date", "Score"], [["x", "y"]])).blocking.map((b) => b.en)).toEqual(["No row can be used: every row has a problem."]);
    expect(T.validate(input(["Date", "Score"], [])).blocking.map((b) => b.es)).toEqual(["El origen no tiene filas de datos."]);
    expect(() => T.build(input(["Date", "Score"], [["x", "y"]]))).toThrow(TemplateInputError);
  });

  test("Spanish: day-first dates and Spanish headers map and read; the sheets are in Spanish", () => {
    const x = input(["Fecha", "Puntuación", "Segmento"], [["15/03/2024", 9, "Pyme"], ["02/04/2024", 6, "Pyme"], ["03/04/2024 14:30", 10, "Grande"]], "es");
    expect(T.validate(x)).toEqual({ goodRows: 3, problems: [], blocking: [] });
    const b = built(x);
    expect(b.plan.sheets.map((s) => s.name)).toEqual(["Panel NPS", "Respuestas de la encuesta"]);
    const wb = evaluatePlan(b.plan);
    const list = b.list.list;
    expect(wb.value("responses", list.cell(0, 0))).toBe("Fecha");
    expect(wb.number("responses", list.cell(1, 0))).toBe(excelDate(2024, 3, 15));
    expect(wb.number("responses", list.cell(2, 0))).toBe(excelDate(2024, 4, 2));
    expect(wb.number("responses", list.cell(3, 0))).toBeCloseTo(excelDate(2024, 4, 3) + 14.5 / 24, 9);
    expect(b.plan.sheets[1].formats.some((f) => f.numberFormat === "yyyy-mm-dd hh:mm")).toBe(true);
  });
});

describe.each(["en", "es"] as const)("the survey dashboard renders with both renderers, in %s", (language) => {
  const t = SURVEY_STRINGS[language];
  const [header, ...rows] = T.sample(language);
  const x = input(header, rows, language);
  const plan = T.build(x);
  // Above the list limit (made small here): counts as values, a sheet of the latest comments.
  const large = surveyDashboardParts.build(x, { listLimit: 500, commentCap: 40 }).plan;

  test(".xlsx: ExcelJS opens it: both sheets, their tables, the charts and the page breaks", async () => {
    const written = await writePlanToBuffer(plan);
    expect(written.charts).toBe(plan.sheets[0].charts.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written.buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([t.title, t.listName]);
    const ws = wb.getWorksheet(t.title)!;
    expect(ws.getCell("A1").value).toBe(t.title);
    const tables = Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables);
    expect(tables.sort()).toEqual([t.distributionTable, t.monthsTable, t.segmentsTable].sort());
    const list = wb.getWorksheet(t.listName)!;
    expect(Object.keys((list as unknown as { tables: Record<string, unknown> }).tables)).toEqual([t.listTable]);
    // ExcelJS does not read page breaks back: the sheet's XML has them, each a manual break after its row.
    const xml = await (await JSZip.loadAsync(written.buffer)).file("xl/worksheets/sheet1.xml")!.async("string");
    const breaks = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]));
    expect(breaks.length).toBeGreaterThan(0);
    expect(breaks).toEqual(plan.sheets[0].print!.rowBreaks!.map((r) => r - 1));
  });

  test("Office.js: taken names get suffixes, formulas follow the renamed responses sheet, page breaks are set", async () => {
    const fake = new FakeExcel({ sheets: { [t.title]: { A1: "mine" }, [t.listName]: {} }, tables: [t.monthsTable] });
    const result = await applyPlanInContext(fake.context, plan);
    expect(result.sheets.map((s) => s.name)).toEqual([`${t.title} (2)`, `${t.listName} (2)`]);
    expect(result.tables.find((x) => x.requested === t.monthsTable)!.name).toBe(`${t.monthsTable}_2`);
    expect(Object.fromEntries(fake.sheet(t.title).cells)).toEqual({ A1: "mine" });
    const dash = fake.sheet(`${t.title} (2)`);
    const promoters = [...dash.cells.values()].find((v) => typeof v === "string" && v.startsWith(`=COUNTIFS('${t.listName} (2)'!`));
    expect(promoters).toBeDefined();
    expect(dash.print.rowBreaks).toEqual(plan.sheets[0].print!.rowBreaks!.map((r) => `A${r}`));
    expect(result.syncs).toBeLessThanOrEqual(6);
  });

  test("the large-input build renders with both: the dashboard and the latest comments, no COUNTIFS", async () => {
    const written = await writePlanToBuffer(large);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written.buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([t.title, t.latestName]);
    expect(Object.keys((wb.getWorksheet(t.latestName)! as unknown as { tables: Record<string, unknown> }).tables)).toEqual([t.latestTable]);
    const fake = new FakeExcel();
    const result = await applyPlanInContext(fake.context, large);
    expect(result.sheets.map((s) => s.name)).toEqual([t.title, t.latestName]);
    const formulas = [...fake.sheet(t.title).cells.values()].filter((v): v is string => typeof v === "string" && v.startsWith("="));
    expect(formulas.length).toBeGreaterThan(100);
    expect(formulas.filter((f) => f.includes("COUNTIFS"))).toEqual([]);
  });
});

describe("sample responses", () => {
  test("deterministic for a seed, different between seeds, in the language asked", () => {
    expect(sampleSurveyResponses({ seed: 3, months: 2 })).toEqual(sampleSurveyResponses({ seed: 3, months: 2 }));
    expect(sampleSurveyResponses({ seed: 3, months: 2 })).not.toEqual(sampleSurveyResponses({ seed: 4, months: 2 }));
    const es = sampleSurveyResponses({ seed: 3, months: 2, language: "es" });
    expect(new Set(es.map((r) => r.segment))).toEqual(new Set(SAMPLE_SEGMENTS.map((s) => s.name.es)));
    expect(sampleHeader("es")).toEqual(["Fecha", "Puntuación (0-10)", "Segmento", "CSAT (1-5)", "CES (1-7)", "Valoración: Atención", "Valoración: Precio", "Valoración: Rapidez", "Comentario"]);
    expect(sampleRows(es)[0]).toHaveLength(9);
  });

  test("valid, realistic responses: every field in range, a plausible NPS, CSAT and ratings higher among promoters", () => {
    const rs = sampleSurveyResponses({ seed: 1, months: 12, perMonth: 200 });
    expect(rs.length).toBeGreaterThan(1800);
    for (const r of rs) {
      expect(Number.isInteger(r.score) && r.score >= 0 && r.score <= 10).toBe(true);
      if (r.csat !== undefined) expect(r.csat >= 1 && r.csat <= 5).toBe(true);
      if (r.ces !== undefined) expect(r.ces >= 1 && r.ces <= 7).toBe(true);
      for (const x of r.ratings ?? []) if (x !== null) expect(Number.isInteger(x) && x >= 1 && x <= 5).toBe(true);
    }
    expect(new Set(rs.map((r) => monthStart(r.date))).size).toBe(12);
    // Published NPS benchmarks for B2B software sit roughly between 0 and +50.
    const nps = npsFromCounts(countsOf(rs));
    expect(nps).toBeGreaterThan(0);
    expect(nps).toBeLessThan(50);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const of = (f: (r: SampleResponse) => boolean, v: (r: SampleResponse) => number | null | undefined) =>
      mean(rs.filter(f).map(v).filter((x): x is number => typeof x === "number"));
    expect(of((r) => r.score >= 9, (r) => r.csat)).toBeGreaterThan(of((r) => r.score <= 6, (r) => r.csat));
    expect(of((r) => r.score >= 9, (r) => r.ratings?.[0])).toBeGreaterThan(of((r) => r.score <= 6, (r) => r.ratings?.[0]));
    expect(rs.filter((r) => r.comment).length / rs.length).toBeCloseTo(0.25, 1);
  });
});
