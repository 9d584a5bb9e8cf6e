import { applyPlanInContext, PlanApplyError } from "../../src/excel/apply-plan";
import { EXCEL_WEB_REQUEST_LIMIT } from "../../src/excel/plan-requests";
import { kpiScorecardTemplate } from "../../src/templates/kpi-scorecard/descriptor";
import { ltvCacModel } from "../../src/templates/ltv-cac/descriptor";
import { sampleSurveyPlan, surveyPlanOf } from "../support/survey-plan";
import { FakeExcel } from "../support/excel-batch-fake";

const BUILT = new Date("2025-01-15T09:30:00Z");

const USER_SHEETS = { Sheet1: { A1: "my data", B2: 42 }, "LTV model": { A1: "the user's own LTV sheet", C4: 7 } };

function survey(perMonth: number, months = 12) {
  return sampleSurveyPlan({ seed: 5, months, perMonth });
}

/** The KPI scorecard of the sample KPIs (a plan with defined names). */
function kpiScorecard() {
  return kpiScorecardTemplate.build({ rows: [], mapping: {}, options: {}, sourceLabel: "", builtAt: BUILT, language: "en", surface: "taskpane" });
}

function writes(fake: FakeExcel) {
  return fake.requests.flatMap((r) => r.commands).filter((c) => c.kind === "range.values" || c.kind === "range.formulas");
}

describe("applyPlanInContext: a small plan", () => {
  test("creates a new, suffixed sheet and leaves the user's sheets alone, in 4 syncs", async () => {
    const fake = new FakeExcel({ sheets: USER_SHEETS });
    const result = await applyPlanInContext(fake.context, ltvCacModel());
    expect(result.sheets).toEqual([{ key: "ltv", name: "LTV model (2)", planIndex: 0 }]);
    expect(fake.sheetNames).toEqual(["Sheet1", "LTV model", "LTV model (2)"]);
    // The user's sheets: same cells, nothing else written to them.
    expect(Object.fromEntries(fake.sheet("LTV model").cells)).toEqual(USER_SHEETS["LTV model"]);
    expect(Object.fromEntries(fake.sheet("Sheet1").cells)).toEqual(USER_SHEETS.Sheet1);
    expect(fake.requests.flatMap((r) => r.commands).filter((c) => c.sheet === "LTV model" || c.sheet === "Sheet1")).toEqual([]);
    // 1 sync to read names + 1 to create the sheets and learn their ids + 1 batch + 1 recalculation.
    expect(result.batches).toBe(1);
    expect(result.syncs).toBe(4);
    expect(fake.syncs).toBe(4);
    expect(fake.calculations).toBe(1);
  });

  test("writes values and formulas, names, formats, tables, colours, charts and frozen panes", async () => {
    const fake = new FakeExcel();
    await applyPlanInContext(fake.context, ltvCacModel());
    const s = fake.sheet("LTV model");
    expect(s.cells.get("B7")).toBe(120);
    expect(s.cells.get("B17")).toBe("=ARPA*Gross_margin/(Monthly_churn+Discount_rate)");
    expect(s.cells.get("A1")).toBe("LTV:CAC model");
    expect(fake.workbookNames.map((n) => n.name)).toContain("ARPA");
    expect(fake.workbookNames.find((n) => n.name === "ARPA")).toMatchObject({ reference: "LTV model!$B$7" });
    expect(s.tables.map((t) => [t.name, t.address])).toEqual([["LtvPaybackCurve", "A43:C68"]]);
    expect(s.charts.map((c) => [c.type, c.seriesList.length])).toEqual([["Line", 5], ["Line", 2]]);
    expect(s.charts[0].seriesList[1]).toMatchObject({ name: "ARPA × 0.8", values: "C25:C30", xValues: "A25:A30" });
    expect(s.conditionalFormats.map((c) => c.type)).toEqual(["CellValue", "Custom", "CellValue", "Custom", "Custom", "Custom", "CellValue", "Custom", "CellValue"]);
    expect(s.conditionalFormats[0].detail.rule).toEqual({ formula1: "=3", operator: "GreaterThanOrEqual" });
    expect(s.freeze).toEqual({ columns: 1 });
    // Manual page breaks keep each chart whole on paper, each page starting on the blank row above its block (src/templates/shared/page-breaks.ts).
    expect(s.print.rowBreaks).toEqual(["A21", "A40"]);
    expect(s.formats).toContainEqual({ range: "B7", numberFormat: [['"$"#,##0.00']] });
    expect(fake.activated).toEqual(["LTV model"]);
    // Calculation and screen updating were suspended for the batch.
    expect(fake.suspendedCalculation).toBe(1);
    expect(fake.suspendedScreen).toBe(1);
  });

  test("a defined name the workbook already has is scoped to the new sheet instead", async () => {
    const fake = new FakeExcel({ names: ["ARPA"] });
    const result = await applyPlanInContext(fake.context, ltvCacModel());
    expect(result.names.find((n) => n.name === "ARPA")!.scope).toBe("sheet");
    expect(fake.sheet("LTV model").names).toContainEqual({ name: "ARPA", reference: "$B$7", comment: "Monthly recurring revenue / paying accounts." });
    expect(fake.workbookNames.filter((n) => n.name === "ARPA")).toHaveLength(1); // the user's, untouched
  });
});

describe("applyPlanInContext: sheet, table and cross-sheet references", () => {
  test("taken sheet and table names get suffixes, and formulas follow the renamed sheet", async () => {
    const fake = new FakeExcel({ sheets: { "NPS dashboard": {}, "NPS dashboard (2)": {}, "Survey responses": {} }, tables: ["SurveyResponses"] });
    const result = await applyPlanInContext(fake.context, survey(5, 2));
    expect(result.sheets.map((s) => s.name)).toEqual(["NPS dashboard (3)", "Survey responses (2)"]);
    expect(result.tables.find((t) => t.requested === "SurveyResponses")!.name).toBe("SurveyResponses_2");
    const dash = fake.sheet("NPS dashboard (3)");
    const promoters = [...dash.cells.values()].find((v) => typeof v === "string" && v.startsWith("=COUNTIFS('Survey responses (2)'!"));
    expect(promoters).toBeDefined();
    expect([...dash.cells.values()].some((v) => typeof v === "string" && v.includes("'Survey responses'!"))).toBe(false);
  });

  test("user text that Excel would parse is protected with an apostrophe", async () => {
    const plan = surveyPlanOf([
      { date: 45300, score: 9, segment: "2024", comment: "=1+1" },
      { date: 45301, score: 3, segment: "SMB", comment: "fine" },
    ]);
    const fake = new FakeExcel();
    await applyPlanInContext(fake.context, plan);
    const data = fake.sheet("Survey responses");
    // The table's first row is 7 (under the title, three heading lines and a blank row): Date, Score, Segment, Sentiment, Comment.
    expect(data.cells.get("E7")).toBe("'=1+1");
    expect(data.cells.get("E8")).toBe("fine");
    expect(data.cells.get("C7")).toBe("'2024");
    expect(data.cells.get("B7")).toBe(9);
  });
});

describe("applyPlanInContext: large plans are chunked, with a bounded number of syncs", () => {
  test("syncs grow only with the chunk count; every request stays under Excel on the web's 5 MB", async () => {
    const small = new FakeExcel();
    const smallResult = await applyPlanInContext(small.context, survey(20));
    const large = new FakeExcel();
    const largePlan = survey(7000); // about 84,000 responses (every one listed, under the template's 100,000), ~840,000 cells
    const largeResult = await applyPlanInContext(large.context, largePlan);

    expect(smallResult.syncs).toBe(4);
    expect(largeResult.chunks).toBeGreaterThan(smallResult.chunks);
    // syncs = 1 (read names) + 1 (create sheets) + batches + 1 (recalculate), and batches <= chunks + 1.
    for (const r of [smallResult, largeResult]) {
      expect(r.syncs).toBe(r.batches + 3);
      expect(r.batches).toBeLessThanOrEqual(r.chunks + 1);
    }
    expect(largeResult.syncs - largeResult.chunks).toBeLessThanOrEqual(4);
    for (const req of large.requests) expect(req.bytes).toBeLessThan(EXCEL_WEB_REQUEST_LIMIT);
    expect(Math.max(...large.requests.map((r) => r.bytes))).toBeGreaterThan(EXCEL_WEB_REQUEST_LIMIT / 2); // the batches are really filled
    // Every response row arrived: the table's last row holds the last response.
    const rows = largePlan.sheets[1].blocks.find((b) => b.at === "A7")!.rows;
    const data = large.sheet("Survey responses");
    expect(rows.length).toBeGreaterThan(80_000);
    expect(data.cells.get(`B${6 + rows.length}`)).toBe(rows[rows.length - 1][1]);
    // Calculation and screen updating suspended in every batch.
    expect(large.suspendedCalculation).toBe(largeResult.batches);
    expect(large.suspendedScreen).toBe(largeResult.batches);
  }, 60000);

  test("a smaller budget cuts blocks into more chunks, each within the budget", async () => {
    const fake = new FakeExcel();
    const budget = 64 * 1024;
    const result = await applyPlanInContext(fake.context, survey(400), { maxRequestBytes: budget });
    expect(result.chunks).toBeGreaterThan(3);
    for (const req of fake.requests) expect(req.bytes).toBeLessThanOrEqual(budget + 64 * req.commands.length);
    for (const w of writes(fake)) expect(w.bytes).toBeLessThanOrEqual(budget);
  });

  test("progress rises to 1", async () => {
    const seen: number[] = [];
    await applyPlanInContext(new FakeExcel().context, survey(400), { maxRequestBytes: 64 * 1024, onProgress: (f) => seen.push(f) });
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.length).toBeGreaterThan(4);
    seen.slice(1).forEach((f, i) => expect(f).toBeGreaterThanOrEqual(seen[i]));
  });
});

describe("applyPlanInContext: failure and cancellation roll back", () => {
  test("a failure injected mid-build deletes the created sheets and names, and names the batch", async () => {
    let writesSeen = 0;
    const fake = new FakeExcel({
      sheets: USER_SHEETS,
      names: ["UserName"],
      failWhen: (c) => (c.kind === "range.values" || c.kind === "range.formulas") && ++writesSeen === 6,
    });
    const before = fake.sheetNames;
    const error = await applyPlanInContext(fake.context, [ltvCacModel(), survey(400)], { maxRequestBytes: 64 * 1024 }).catch((e) => e);
    expect(error).toBeInstanceOf(PlanApplyError);
    expect(error.message).toMatch(/failed at batch \d+ of \d+: InvalidArgument.*were removed/);
    expect(error.rolledBack).toBe(true);
    expect(fake.sheetNames).toEqual(before);
    expect(fake.workbookNames.map((n) => n.name)).toEqual(["UserName"]);
    expect(Object.fromEntries(fake.sheet("LTV model").cells)).toEqual(USER_SHEETS["LTV model"]);
  });

  test("a failure in the very first batch (sheet creation) also leaves the workbook as it was", async () => {
    const fake = new FakeExcel({ failWhen: (c) => c.kind === "names.add" });
    const error = await applyPlanInContext(fake.context, kpiScorecard()).catch((e) => e);
    expect(error).toBeInstanceOf(PlanApplyError);
    expect(fake.sheetNames).toEqual(["Sheet1"]);
    expect(fake.workbookNames).toEqual([]);
  });

  test("a failure while the sheets are created removes this build's sheets, found by their temporary names", async () => {
    let adds = 0;
    const fake = new FakeExcel({ sheets: USER_SHEETS, failWhen: (c) => c.kind === "worksheets.add" && ++adds === 2 });
    const error = await applyPlanInContext(fake.context, survey(5, 2)).catch((e) => e);
    expect(error).toBeInstanceOf(PlanApplyError);
    expect(error.rolledBack).toBe(true);
    expect(fake.sheetNames).toEqual(Object.keys(USER_SHEETS));
  });

  describe("rollback by identity: the workbook changes while the build runs (issue 9, item 2)", () => {
    // The LTV:CAC model wants a sheet "LTV model" and the workbook name ARPA. A co-author creates
    // both after CXM read the workbook's names (sync 1) and before its first batch (sync 3).
    const coAuthor = (what: { sheet?: boolean; name?: boolean }) => (fake: FakeExcel, sync: number) => {
      if (sync !== 3) return;
      if (what.sheet) fake.addUserSheet("LTV model", { A1: "a co-author's sheet" });
      if (what.name) fake.addUserName("ARPA", "Sheet1!$B$2");
    };

    test("a sheet and a name with CXM's intended names appear mid-build: the build fails, and both are kept", async () => {
      const fake = new FakeExcel({ beforeSync: coAuthor({ sheet: true, name: true }) });
      const error = await applyPlanInContext(fake.context, ltvCacModel()).catch((e) => e);
      expect(error).toBeInstanceOf(PlanApplyError);
      expect(error.rolledBack).toBe(true);
      expect(error.message).toMatch(/your own sheets and names were not touched/);
      // The co-author's sheet and name are there, untouched; CXM's sheet (created under a temporary name) is gone.
      expect(fake.sheetNames).toEqual(["Sheet1", "LTV model"]);
      expect(Object.fromEntries(fake.sheet("LTV model").cells)).toEqual({ A1: "a co-author's sheet" });
      expect(fake.workbookNames).toEqual([{ name: "ARPA", reference: "Sheet1!$B$2" }]);
    });

    test("only a name appears: CXM's names added before it are removed, the user's is kept", async () => {
      // Monthly_churn is the model's third name: ARPA and Gross_margin are added before its add fails.
      const added: string[] = [];
      const fake = new FakeExcel({
        beforeSync: (f, sync) => sync === 3 && f.addUserName("Monthly_churn", "Sheet1!$B$2"),
        failWhen: (c) => {
          if (c.kind === "names.add") added.push(String(c.args[0]));
          return false;
        },
      });
      const error = await applyPlanInContext(fake.context, ltvCacModel()).catch((e) => e);
      expect(error).toBeInstanceOf(PlanApplyError);
      expect(added.slice(0, 3)).toEqual(["ARPA", "Gross_margin", "Monthly_churn"]);
      expect(fake.sheetNames).toEqual(["Sheet1"]);
      expect(fake.workbookNames).toEqual([{ name: "Monthly_churn", reference: "Sheet1!$B$2" }]);
    });

    test("without interference the same build succeeds under the final names", async () => {
      const fake = new FakeExcel();
      const result = await applyPlanInContext(fake.context, ltvCacModel());
      expect(result.sheets.map((s) => s.name)).toEqual(["LTV model"]);
      expect(fake.sheetNames).toEqual(["Sheet1", "LTV model"]);
      expect(fake.sheetNames.some((n) => n.startsWith("CXM build"))).toBe(false);
    });
  });

  test("cancelling between batches stops the build and removes what it created", async () => {
    const signal = { aborted: false };
    const fake = new FakeExcel();
    const error = await applyPlanInContext(fake.context, survey(400), {
      maxRequestBytes: 64 * 1024,
      signal,
      onProgress: (f) => {
        if (f > 0.3) signal.aborted = true;
      },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(PlanApplyError);
    expect(error.cancelled).toBe(true);
    expect(error.message).toMatch(/cancelled/);
    expect(fake.sheetNames).toEqual(["Sheet1"]);
    expect(fake.workbookNames).toEqual([]);
  });
});

describe("applyPlanInContext: heatmaps", () => {
  test("a colour scale becomes a ColorScale conditional format with three criteria", async () => {
    const { heatmap } = await import("../../src/workbook/styles");
    const { emptySheet } = await import("../../src/workbook/plan");
    const fake = new FakeExcel();
    await applyPlanInContext(fake.context, {
      title: "t",
      sheets: [{ ...emptySheet("a", "Heat", "t"), blocks: [{ at: "A1", rows: [[0.1, 0.5]] }], conditionalFormats: [heatmap("A1:B1", true)] }],
    });
    const cf = fake.sheet("Heat").conditionalFormats[0];
    expect(cf).toMatchObject({ range: "A1:B1", type: "ColorScale" });
    expect(cf.detail.criteria).toEqual({
      minimum: { type: "LowestValue", color: "#63BE7B" },
      midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" },
      maximum: { type: "HighestValue", color: "#F8696B" },
    });
  });
});
