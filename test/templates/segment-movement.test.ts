/**
 * Segment movement (src/templates/segment-movement/): every cell of the
 * built sheet against the metrics core (src/metrics/segment-matrix.ts,
 * whose migration matrix is Pfeifer & Carraway's 2000 transition matrix and
 * whose summary is its upper triangle, diagonal, lower triangle and Lost
 * column), hand-counted small cases, the options, validation (partial rows
 * keep counting, issue 10), the Spanish build, the aggregate (built as the
 * SQL result parser builds it), and both renderers. Positions come from the
 * builder (b.at, b.cells), never from literal addresses. Checks every v2
 * template shares (language, layout, cached values, LibreOffice) live in
 * test/templates/v2/.
 */
import ExcelJS from "exceljs";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { segmentMatrix, SegmentMatrix, segmentSummary } from "../../src/metrics/segment-matrix";
import { parseSegmentResult } from "../../src/sql/parse-segments";
import { resultFromCsv } from "../../src/sql/result-table";
import { autoMap } from "../../src/templates/column-mapping";
import type { BuildInput, Language } from "../../src/templates/registry-types";
import { TemplateInputError } from "../../src/templates/shared/errors";
import { MIGRATION, migrationMatrixBlock } from "../../src/templates/shared/migration-matrix";
import { segmentMovementAggregate, SegmentMovementAggregate } from "../../src/templates/segment-movement/aggregate";
import { parseSegmentOrder, segmentMovementParts, segmentMovementTemplate as T } from "../../src/templates/segment-movement/descriptor";
import { SAMPLE_TIERS, sampleSnapshots, segmentMovementSample } from "../../src/templates/segment-movement/sample";
import { MOVEMENT, segmentMovementSheets, SegmentSheets, SUMMARY } from "../../src/templates/segment-movement/sheets";
import { Move, MOVES, SEGMENT_STRINGS, SegmentStrings } from "../../src/templates/segment-movement/strings";
import { SheetBuilder } from "../../src/workbook/builder";
import { checkPlanLayout, describeProblems } from "../../src/workbook/layout-checks";
import { cellAt, validatePlan, WorkbookPlan } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { FakeExcel } from "../support/excel-batch-fake";
import { errorCells, evaluatePlan, EvaluatedWorkbook } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const TIERS = [...SAMPLE_TIERS.en];
const HEADER = sampleSnapshots({ customers: 1 })[0];

function input(rows: unknown[][], options: Record<string, string | number> = {}, header: unknown[] = HEADER, language: Language = "en"): BuildInput {
  return { rows, mapping: autoMap(T.columns, header), options: { segmentOrder: "", ...options }, sourceLabel: "Sheet1!A1:D1201", builtAt: BUILT, surface: "taskpane", language };
}

/** The full build (plan, cells, placed blocks, aggregate). */
const built = (i: BuildInput) => segmentMovementParts.build(i);

interface Row {
  before: string | null;
  after: string | null;
  value: number;
}
const rowsOf = (data: unknown[][]): Row[] => data.map((r) => ({ before: r[1] === "" ? null : String(r[1]), after: r[2] === "" ? null : String(r[2]), value: Number(r[3]) }));

/** Up / stayed / down / lost as a loop over the rows, the definition in segment-matrix.ts written out again (values too). */
function classify(rows: Row[], order: string[]) {
  const rank = (s: string) => order.indexOf(s);
  const out = { count: { movedUp: 0, stayed: 0, movedDown: 0, lost: 0 }, value: { movedUp: 0, stayed: 0, movedDown: 0, lost: 0 }, before: 0, beforeValue: 0 };
  for (const r of rows) {
    if (r.before === null) continue;
    const move: Move = r.after === null ? "lost" : rank(r.after) > rank(r.before) ? "movedUp" : rank(r.after) < rank(r.before) ? "movedDown" : "stayed";
    out.count[move]++;
    out.value[move] += r.value;
    out.before++;
    out.beforeValue += r.value;
  }
  return out;
}

/** The core's matrix with its segments put in `order` (as first seen -> the sheet's order). */
function reordered(core: SegmentMatrix, order: string[]): number[][] {
  const S = order.length;
  const at = (i: number) => (i === core.segments.length ? S : order.indexOf(String(core.segments[i])));
  const out = Array.from({ length: S + 1 }, () => new Array<number>(S + 1).fill(0));
  core.matrix.forEach((row, i) => row.forEach((v, j) => (out[at(i)][at(j)] += v)));
  return out;
}

/** The matrix a block shows, read from the evaluated workbook: rows segments + New, columns segments + Lost. */
function shownMatrix(wb: EvaluatedWorkbook, b: SegmentSheets, key: string, S: number): number[][] {
  const block = b.at[key];
  return Array.from({ length: S + 1 }, (_, i) => Array.from({ length: S + 1 }, (_, j) => wb.number("movement", block.cell(MIGRATION.row(i), MIGRATION.column(j)))));
}

const summaryShare = (b: SegmentSheets, m: Move) => b.cells.shares[m];

describe("segment movement on the seeded sample, through the descriptor", () => {
  const sample = T.sample();
  const data = sample.slice(1);
  const rows = rowsOf(data);
  const b = built(input(data, { segmentOrder: TIERS.join(", ") }));
  const plan = b.plan;
  const wb = evaluatePlan(plan);
  const n = (cell: string) => wb.number("movement", cell);
  const S = TIERS.length;
  const coreCounts = segmentMatrix(rows.map((r) => r.before), rows.map((r) => r.after));
  const coreValues = segmentMatrix(rows.map((r) => r.before), rows.map((r) => r.after), rows.map((r) => r.value));

  test("the sample maps automatically, passes validation and gives a valid one-sheet plan", () => {
    expect(sample[0]).toEqual(["Customer", "Segment before", "Segment after", "Revenue"]);
    expect(autoMap(T.columns, sample[0])).toEqual({ customer: 0, before: 1, after: 2, value: 3 });
    expect(T.validate(input(data))).toEqual({ goodRows: 1200, problems: [], blocking: [] });
    expect(() => validatePlan(plan)).not.toThrow();
    const sheet = plan.sheets[0];
    expect(sheet.name).toBe("Segment movement");
    expect(cellAt(sheet, 2, 1)).toBe("Source: Sheet1!A1:D1201 (1,200 rows used). Built 2025-01-15 09:30 UTC by CXM.");
    expect(sheet.tables.map((t) => t.name)).toEqual(["SegmentMovement"]);
    expect(sheet.charts.map((c) => [c.type, c.series.length])).toEqual([["column", 2], ["column", 4]]);
    expect(sheet.names).toEqual([{ name: "Segment_rank", ref: b.at.order.range(1, 1, 1, S, true), comment: "Rank of each segment, 1 = lowest" }]);
    expect(b.agg.counts.segments).toEqual(TIERS);
    // The sample lists customers by tier before, so the default order (as first seen) is the ladder too.
    expect(built(input(data)).agg.counts.segments).toEqual(TIERS);
  });

  test("the blocks: summary beside its chart, then the segments' chart over their table, the order, and the matrices, one under another", () => {
    const { summary, summaryChart, movementChart, movement, order, counts, values, shares } = b.at;
    expect(summaryChart.rect.row).toBe(summary.rect.row - 2); // tops aligned: the summary's title row
    expect(summaryChart.rect.column).toBe(summary.rect.lastColumn + 2);
    const flow = [movementChart, movement, order, counts, values, shares];
    expect(movementChart.rect.row).toBe(Math.max(summary.rect.lastRow, summaryChart.rect.lastRow) + 2);
    // Each titled block: a blank row, its title and its note, then its body.
    for (let i = 1; i < flow.length; i++) expect(flow[i].rect.row).toBe(flow[i - 1].rect.lastRow + 4);
    expect(plan.sheets[0].charts.map((c) => c.anchor)).toEqual([
      { from: summaryChart.cell(0, 0), to: summaryChart.cell(summaryChart.rows - 1, summaryChart.columns - 1) },
      { from: movementChart.cell(0, 0), to: movementChart.cell(movementChart.rows - 1, movementChart.columns - 1) },
    ]);
    expect(plan.sheets[0].freeze).toEqual({ rows: 0, columns: 1 });
  });

  test("the count and value matrices equal segmentMatrix (core), put in the given order", () => {
    expect(shownMatrix(wb, b, "counts", S)).toEqual(reordered(coreCounts, TIERS));
    const values = shownMatrix(wb, b, "values", S);
    reordered(coreValues, TIERS).forEach((row, i) => row.forEach((v, j) => expect(values[i][j]).toBeCloseTo(v, 6)));
    // Grand total = every customer (no row has neither segment).
    expect(n(b.at.counts.cell(MIGRATION.row(S + 1), S + 2))).toBe(1200);
  });

  test("row shares are the count matrix over its row totals, and each row sums to 1", () => {
    for (let i = 0; i <= S; i++) {
      const total = n(b.at.counts.cell(MIGRATION.row(i), S + 2));
      let sum = 0;
      for (let j = 0; j <= S; j++) {
        const share = n(b.at.shares.cell(MIGRATION.row(i), MIGRATION.column(j)));
        expect(share).toBeCloseTo(n(b.at.counts.cell(MIGRATION.row(i), MIGRATION.column(j))) / total, 12);
        sum += share;
      }
      expect(sum).toBeCloseTo(1, 12);
    }
  });

  test("the summary equals segmentSummary (core), and its values the row-by-row classification", () => {
    const core = segmentSummary(rows.map((r) => r.before), rows.map((r) => r.after), TIERS);
    for (const m of MOVES) expect(n(summaryShare(b, m))).toBeCloseTo(core[m], 12);
    expect(n(b.cells.customersBefore)).toBe(core.customersBefore);
    expect(n(b.cells.newCustomers)).toBe(core.newCustomers);
    const c = classify(rows, TIERS);
    const sum = b.at.summary;
    MOVES.forEach((m, k) => {
      expect(n(sum.cell(SUMMARY.move(k), 1))).toBe(c.count[m]);
      expect(n(sum.cell(SUMMARY.move(k), 3))).toBeCloseTo(c.value[m], 6);
      expect(n(sum.cell(SUMMARY.move(k), 4))).toBeCloseTo(c.value[m] / c.beforeValue, 12);
    });
    expect(n(sum.cell(SUMMARY.before, 3))).toBeCloseTo(c.beforeValue, 6);
  });

  test("each segment's row of the movement table equals segmentSummary on that segment's customers", () => {
    const mv = b.at.movement;
    TIERS.forEach((tier, i) => {
      const mine = rows.filter((r) => r.before === tier);
      const core = segmentSummary(mine.map((r) => r.before), mine.map((r) => r.after), TIERS);
      expect(wb.value("movement", mv.cell(1 + i, MOVEMENT.segment))).toBe(tier);
      expect(n(mv.cell(1 + i, MOVEMENT.customers))).toBe(mine.length);
      MOVES.forEach((m, k) => expect(n(mv.cell(1 + i, MOVEMENT.percent(k)))).toBeCloseTo(core[m], 12));
      const c = classify(mine, TIERS);
      MOVES.forEach((m, k) => expect(n(mv.cell(1 + i, MOVEMENT.valueMove(k)))).toBeCloseTo(c.value[m], 6));
    });
  });

  test("no formula on the sheet evaluates to an error value", () => {
    expect(errorCells(wb, plan)).toEqual([]);
  });

  test("counts are values; totals, shares and the split are formulas over them, each with its value", () => {
    const sheet = plan.sheets[0];
    const { counts, movement, order, summary } = b.at;
    expect(typeof cellAt(sheet, counts.row(1), counts.column(1))).toBe("number");
    expect(cellAt(sheet, counts.row(0), counts.column(1))).toBe(`=${order.cell(0, 1, "$row")}`);
    expect(cellAt(sheet, movement.row(1), movement.column(MOVEMENT.move(0)))).toBe(`=SUMIFS(${counts.range(1, 1, 1, S, true)},Segment_rank,">"&${order.cell(1, 1, "$row")})`);
    expect(cellAt(sheet, summary.row(1), summary.column(2))).toBe(`=${summary.cell(1, 1)}/${summary.cell(SUMMARY.before, 1, "$row")}`);
  });

  test("headlines are the core's shares and sit in the cells the sheet shows them in", () => {
    const h = T.headlines!(input(data, { segmentOrder: TIERS.join(", ") }));
    const core = segmentSummary(rows.map((r) => r.before), rows.map((r) => r.after), TIERS);
    expect(h.map((x) => x.label.en)).toEqual(["Moved up", "Stayed", "Moved down", "Lost"]);
    expect(h.map((x) => x.label.es)).toEqual(["Suben", "Se mantienen", "Bajan", "Perdidos"]);
    expect(h.map((x) => x.value)).toEqual(MOVES.map((m) => core[m]));
    for (const x of h) expect(n(x.cell)).toBeCloseTo(x.value, 12);
  });

  test("the text option's order, typed loosely (any case, spaces, semicolons), drives the sheet: reversed ladder = segmentSummary reversed", () => {
    const typed = " platinum ;GOLD;  silver; bronze ";
    const r = built(input(data, { segmentOrder: typed }));
    const w = evaluatePlan(r.plan);
    const core = segmentSummary(rows.map((x) => x.before), rows.map((x) => x.after), [...TIERS].reverse());
    for (const m of MOVES) expect(w.number("movement", summaryShare(r, m))).toBeCloseTo(core[m], 12);
    // Reversing the ladder swaps up and down (segment-matrix.ts's definition).
    expect(w.number("movement", summaryShare(r, "movedDown"))).toBeCloseTo(n(summaryShare(b, "movedUp")), 12);
    // The labels are the order's own spelling, trimmed.
    expect(r.agg.counts.segments).toEqual(["platinum", "GOLD", "silver", "bronze"]);
    expect(w.value("movement", r.at.counts.cell(MIGRATION.row(0), 0))).toBe("platinum");
    expect(T.validate(input(data, { segmentOrder: typed }))).toEqual({ goodRows: 1200, problems: [], blocking: [] });
  });

  test("editing the rank inputs re-ranks: Platinum below Gold gives segmentSummary with that order", () => {
    const w = evaluatePlan(plan);
    w.set("movement", b.at.order.cell(1, 1 + TIERS.indexOf("Gold")), 4);
    w.set("movement", b.at.order.cell(1, 1 + TIERS.indexOf("Platinum")), 3);
    const core = segmentSummary(rows.map((r) => r.before), rows.map((r) => r.after), ["Bronze", "Silver", "Platinum", "Gold"]);
    for (const m of MOVES) expect(w.number("movement", summaryShare(b, m))).toBeCloseTo(core[m], 12);
  });

  test("the sheet is built from the aggregate alone: the same aggregate through JSON gives the same plan", () => {
    const again = segmentMovementSheets(
      JSON.parse(JSON.stringify(b.agg)),
      { moneyFormat: '"$"#,##0', source: { label: "Sheet1!A1:D1201", used: 1200, leftOut: 0, surface: "taskpane", builtAt: BUILT } },
      SEGMENT_STRINGS.en,
    );
    expect(again.plan).toEqual(plan);
  });
});

describe("the aggregate", () => {
  const data = sampleSnapshots({ customers: 400, seed: 5 }).slice(1);
  const rows = rowsOf(data);

  test("automatic order: exactly segmentMatrix's matrices (first seen: the before column, then the after), and segmentSummary", () => {
    const agg = built(input(data)).agg;
    const before = rows.map((r) => r.before), after = rows.map((r) => r.after);
    expect(agg.counts).toEqual(segmentMatrix(before, after));
    expect(agg.values).toEqual(segmentMatrix(before, after, rows.map((r) => r.value)));
    expect(agg.summary).toEqual(segmentSummary(before, after));
    expect(JSON.parse(JSON.stringify(agg))).toEqual(agg);
  });

  test("its @example: segmentMatrix's example, from coded columns", () => {
    const agg = segmentMovementAggregate({ labels: ["Gold", "Silver"], before: Int32Array.of(0, 1, 0, -1), after: Int32Array.of(0, 0, -1, 1), values: null }, "auto");
    expect(agg.counts.matrix).toEqual(segmentMatrix(["Gold", "Silver", "Gold", null], ["Gold", "Gold", null, "Silver"]).matrix);
    expect(agg.counts.matrix).toEqual([[1, 0, 1], [1, 0, 0], [0, 1, 0]]);
    expect(agg.values).toBeNull();
  });

  test("is what the SQL result parser returns (src/sql/parse-segments.ts): a warehouse's result builds the same sheet", () => {
    const ts = built(input(data, { segmentOrder: TIERS.join(", ") }));
    // The query's result: one row per (segment before, segment after) with its customers and summed value.
    const cells = new Map<string, { customers: number; value: number }>();
    for (const r of rows) {
      const key = `${r.before ?? ""},${r.after ?? ""}`;
      const c = cells.get(key) ?? { customers: 0, value: 0 };
      cells.set(key, { customers: c.customers + 1, value: c.value + r.value });
    }
    const csv = ["segment_before,segment_after,customers,value", ...[...cells].map(([k, c]) => `${k},${c.customers},${c.value}`)].join("\n");
    const fromSql: SegmentMovementAggregate = parseSegmentResult(resultFromCsv(csv, "result.csv"), TIERS);
    expect(fromSql.counts).toEqual(ts.agg.counts);
    expect(fromSql.summary).toEqual(ts.agg.summary);
    fromSql.values!.matrix.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(ts.agg.values!.matrix[i][j], 6)));
    const sheets = segmentMovementSheets(fromSql, { moneyFormat: '"$"#,##0', source: { label: "result.csv", used: rows.length, leftOut: 0, surface: "cli", builtAt: BUILT } }, SEGMENT_STRINGS.en);
    expect(describeProblems(checkPlanLayout(sheets.plan))).toEqual([]);
    const a = evaluatePlan(sheets.plan), b = evaluatePlan(ts.plan);
    for (const m of MOVES) expect(a.number("movement", sheets.cells.shares[m])).toBeCloseTo(b.number("movement", ts.cells.shares[m]), 12);
    expect(errorCells(a, sheets.plan)).toEqual([]);
  });
});

describe("segment movement: small cases worked by hand", () => {
  const header = ["Customer", "Segment before", "Segment after"];

  test("segment-matrix.ts's example: one customer each moved up, stayed, moved down and lost -> 25% each; one new customer apart", () => {
    // segmentSummary(["Bronze","Silver","Gold","Gold"], ["Silver","Silver","Bronze",null], ["Bronze","Silver","Gold"]) = 0.25 each (its @example).
    const data = [
      [1, "Bronze", "Silver"],
      [2, "Silver", "Silver"],
      [3, "Gold", "Bronze"],
      [4, "Gold", ""],
      [5, "", "Gold"],
    ];
    const b = built(input(data, { segmentOrder: "Bronze, Silver, Gold" }, header));
    const wb = evaluatePlan(b.plan);
    for (const m of MOVES) expect(wb.number("movement", summaryShare(b, m))).toBe(0.25);
    expect(wb.number("movement", b.cells.customersBefore)).toBe(4);
    expect(wb.number("movement", b.cells.newCustomers)).toBe(1);
    expect(b.agg.values).toBeNull();
    expect(b.at.values).toBeUndefined();
    expect(b.plan.sheets[0].charts[0].series).toHaveLength(1); // no value: the customers' shares only
    expect(errorCells(wb, b.plan)).toEqual([]);
  });

  test("numeric segments (RFM scores) rank numerically; a listed segment without customers gets empty shares", () => {
    const data = [
      ["a", 3, 1],
      ["b", 1, 3],
      ["c", 1, 1],
    ];
    const auto = built(input(data, {}, header));
    expect(auto.agg.counts.segments).toEqual([1, 3]);
    const wb = evaluatePlan(auto.plan);
    // Score 1: b up, c stayed -> 50% / 50%; score 3: a down -> 100% (hand count).
    expect(wb.number("movement", auto.at.movement.cell(1, MOVEMENT.percent(0)))).toBe(0.5);
    expect(wb.number("movement", auto.at.movement.cell(2, MOVEMENT.percent(2)))).toBe(1);
    // The scores are labels: left-aligned in the movement table as in the matrices, not pushed right like figures.
    expect(auto.plan.sheets[0].formats).toContainEqual(expect.objectContaining({ range: auto.at.movement.range(1, MOVEMENT.segment, 2, 1), horizontalAlignment: "left" }));
    const listed = built(input(data, { segmentOrder: "1, 2, 3" }, header));
    const w2 = evaluatePlan(listed.plan);
    expect(w2.value("movement", listed.at.movement.cell(2, MOVEMENT.percent(1)))).toBe("");
    expect(w2.value("movement", listed.at.shares.cell(MIGRATION.row(1), MIGRATION.column(0)))).toBe("");
    expect(errorCells(w2, listed.plan)).toEqual([]);
  });

  test("segment names that look like formulas stay text (user data); labels compare trimmed and case-insensitively", () => {
    const data = [
      ["a", "=1+1", "Gold"],
      ["b", "gold", "=1+1"],
    ];
    const b = built(input(data, { segmentOrder: "alphabetical" }, header));
    // Shown as first spelt in the before column, as segment-matrix.ts reads them.
    expect(b.agg.counts.segments).toEqual(["=1+1", "gold"]);
    const wb = evaluatePlan(b.plan);
    const { counts } = b.at;
    expect(wb.value("movement", counts.cell(MIGRATION.row(0), 0))).toBe("=1+1");
    expect(wb.value("movement", counts.cell(0, MIGRATION.column(0)))).toBe("=1+1"); // the header refers to the order row
    expect(wb.number("movement", counts.cell(MIGRATION.row(0), MIGRATION.column(1)))).toBe(1); // "=1+1" -> Gold
    expect(wb.number("movement", counts.cell(MIGRATION.row(1), MIGRATION.column(0)))).toBe(1); // "gold" is Gold
    const labels = b.plan.sheets[0].blocks.filter((x) => x.rows.some((r) => r.includes("=1+1")));
    expect(labels.length).toBeGreaterThan(0);
    for (const block of labels) expect([block.text, block.userData]).toEqual([true, true]);
  });

  test("the word alphabetical (here in Spanish) through the option sorts the segments A-Z", () => {
    const data = [
      ["a", "Silver", "Gold"],
      ["b", "Gold", "Bronze"],
    ];
    const b = built({ ...input(data, { segmentOrder: "Alfabético" }, header), language: "es" });
    expect(b.agg.counts.segments).toEqual(["Bronze", "Gold", "Silver"]); // A-Z by hand (first seen: Silver, Gold, Bronze)
    const wb = evaluatePlan(b.plan);
    expect([0, 1, 2].map((j) => wb.value("movement", b.at.counts.cell(0, MIGRATION.column(j))))).toEqual(["Bronze", "Gold", "Silver"]);
  });

  test("the sample generator is deterministic for a seed and differs between seeds; Spanish tiers under a Spanish header", () => {
    expect(sampleSnapshots({ seed: 3, customers: 50 })).toEqual(sampleSnapshots({ seed: 3, customers: 50 }));
    expect(sampleSnapshots({ seed: 3, customers: 50 })).not.toEqual(sampleSnapshots({ seed: 4, customers: 50 }));
    const es = segmentMovementSample("es");
    expect(es[0]).toEqual(["Cliente", "Segmento anterior", "Segmento actual", "Ingresos"]);
    expect(autoMap(T.columns, es[0])).toEqual({ customer: 0, before: 1, after: 2, value: 3 });
    // The same customers, tier for tier.
    const en = segmentMovementSample("en");
    es.slice(1).forEach((r, i) => {
      const tier = (x: unknown, lang: Language) => SAMPLE_TIERS[lang].indexOf(String(x));
      expect([r[0], tier(r[1], "es"), tier(r[2], "es"), r[3]]).toEqual([en[1 + i][0], tier(en[1 + i][1], "en"), tier(en[1 + i][2], "en"), en[1 + i][3]]);
    });
  });

  test("parseSegmentOrder reads empty / auto, alphabetical (en, es) and lists", () => {
    expect(parseSegmentOrder(undefined)).toBe("auto");
    expect(parseSegmentOrder("")).toBe("auto");
    expect(parseSegmentOrder("  ")).toBe("auto");
    expect(parseSegmentOrder(" , ;")).toBe("auto"); // separators only: nothing listed
    expect(parseSegmentOrder("Automático")).toBe("auto");
    expect(parseSegmentOrder("Alphabetical")).toBe("alphabetical");
    expect(parseSegmentOrder("alfabético")).toBe("alphabetical");
    expect(parseSegmentOrder(" Bronze; Silver ,Gold ")).toEqual(["Bronze", "Silver", "Gold"]);
    expect(parseSegmentOrder("Low < Mid < High")).toEqual(["Low", "Mid", "High"]);
  });

  test("the options: the order (free text, empty = automatic) and the currency, labelled in both languages", () => {
    expect(T.options.map((o) => [o.key, o.kind, o.default])).toEqual([
      ["segmentOrder", "text", ""],
      ["currency", "choice", "auto"],
    ]);
    const [o] = T.options;
    expect(o.label.en).toBe("Segment order, lowest first (e.g. Bronze, Silver, Gold)");
    expect(o.label.es).toBe("Orden de los segmentos, de menor a mayor (p. ej., Bronce, Plata, Oro)");
    expect(o.placeholder?.en).toMatch(/^Empty: /);
    expect(o.placeholder?.es).toMatch(/^Vacío: /);
  });
});

describe("segment movement validation names the bad rows; a bad value keeps its row for the customers (issue 10)", () => {
  const header = ["Cliente", "Segmento anterior", "Segmento actual", "Valor"];
  const good: unknown[][] = [
    ["C1", "Bronze", "Silver", 100],
    ["C2", "Silver", "Silver", 250.5],
    ["C3", "Gold", "", 900],
    ["C4", "", "Bronze", "40"],
  ];
  const bad: unknown[][] = [
    ["", "Bronze", "Gold", 10], // blank customer
    ["C1", "Gold", "Gold", 10], // C1 again
    ["C7", "", " ", 10], // no segment at all
    ["C8", "Silver", "Diamond", 10], // not in the order
  ];
  const partial: unknown[][] = [
    ["C9", "Bronze", "Bronze", -5], // negative value
    ["C10", "Bronze", "Bronze", "n/a"], // not a number
  ];
  const mixed = [good[0], bad[0], good[1], bad[1], bad[2], good[2], bad[3], partial[0], good[3], partial[1]];
  const order = { segmentOrder: "Bronze, Silver, Gold" };

  test("Spanish headers map automatically; each bad row is named with its column, in both languages; rows without a value are a note", () => {
    expect(autoMap(T.columns, header)).toEqual({ customer: 0, before: 1, after: 2, value: 3 });
    const report = T.validate(input(mixed, order, header));
    expect(report.goodRows).toBe(6);
    expect(report.blocking).toEqual([]);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [1, "customer"],
      [3, "customer"],
      [4, "before"],
      [6, "after"],
    ]);
    expect(report.problems[0].message).toEqual({ en: "The customer is blank.", es: "El cliente está vacío." });
    expect(report.problems[1].message.en).toBe('Customer "C1" appears again (first in data row 1); each customer needs one row.');
    expect(report.problems[3].message).toEqual({
      en: 'The segment "Diamond" is not in the segment order (Bronze, Silver, Gold).',
      es: "El segmento «Diamond» no está en el orden de los segmentos (Bronze, Silver, Gold).",
    });
    expect(report.notes).toEqual([
      {
        message: {
          en: "2 rows have no readable value (blank, not a number or negative): they count in the movement of customers, not in the value matrix.",
          es: "2 filas no tienen un valor legible (vacío, no numérico o negativo): cuentan en el movimiento de clientes, no en la matriz de valor.",
        },
        rows: [7, 9],
      },
    ]);
    // The order is matched trimmed and ignoring case, as =CXM.SEGMENTSUMMARY does: the same rows are bad.
    const loose = T.validate(input(mixed, { segmentOrder: " bronze;SILVER ; gold\n" }, header));
    expect(loose.problems.map((p) => [p.row, p.column])).toEqual(report.problems.map((p) => [p.row, p.column]));
    expect(loose.problems[3].message.en).toBe('The segment "Diamond" is not in the segment order (bronze, SILVER, gold).');
    // Without an order, "Diamond" is a segment like any other.
    expect(T.validate(input(mixed, {}, header)).goodRows).toBe(7);
  });

  test("one row without a value is one row, in both languages (plural rules)", () => {
    const report = T.validate(input([...good, partial[1]], order, header));
    expect(report.notes![0].message).toEqual({
      en: "1 row has no readable value (blank, not a number or negative): it counts in the movement of customers, not in the value matrix.",
      es: "1 fila no tiene un valor legible (vacío, no numérico o negativo): cuenta en el movimiento de clientes, no en la matriz de valor.",
    });
  });

  test("the build leaves the bad rows out; the rows without a value count as customers and leave only the value matrix", () => {
    const b = built(input(mixed, order, header));
    const asZero = built(input([...good, ...partial.map((r) => [r[0], r[1], r[2], 0])], order, header));
    const goodOnly = built(input(good, order, header));
    expect(b.agg.counts).toEqual(asZero.agg.counts);
    expect(b.agg.values).toEqual(goodOnly.agg.values);
    const wb = evaluatePlan(b.plan);
    // Of the 5 customers with a segment before: C1 up, C2, C9 and C10 stayed, C3 lost (hand count); C4 is new.
    expect(wb.number("movement", summaryShare(b, "movedUp"))).toBeCloseTo(1 / 5, 12);
    expect(wb.number("movement", summaryShare(b, "stayed"))).toBeCloseTo(3 / 5, 12);
    expect(wb.number("movement", summaryShare(b, "lost"))).toBeCloseTo(1 / 5, 12);
    expect(wb.number("movement", b.cells.newCustomers)).toBe(1);
    // Values: C2's 250.5 stayed, C3's 900 was lost; C9 and C10 add nothing. Share of value lost = 900 / (100 + 250.5 + 900).
    const sum = b.at.summary;
    expect(wb.number("movement", sum.cell(SUMMARY.move(1), 3))).toBe(250.5);
    expect(wb.number("movement", sum.cell(SUMMARY.move(3), 3))).toBe(900);
    expect(wb.number("movement", sum.cell(SUMMARY.move(3), 4))).toBeCloseTo(900 / 1250.5, 12);
    expect(wb.number("movement", sum.cell(SUMMARY.fresh, 3))).toBe(40); // C4's "40", read as a number
    expect(cellAt(b.plan.sheets[0], 2, 1)).toBe("Source: Sheet1!A1:D1201 (6 rows used; 4 left out, listed by the check in the task pane). Built 2025-01-15 09:30 UTC by CXM.");
    expect(errorCells(wb, b.plan)).toEqual([]);
  });

  test("the source line says where the left-out rows are listed: the CLI's report, in the build's language", () => {
    const cli = built({ ...input(mixed, order, header), surface: "cli" });
    expect(cellAt(cli.plan.sheets[0], 2, 1)).toBe("Source: Sheet1!A1:D1201 (6 rows used; 4 left out, listed in the report cxm printed when it built this sheet). Built 2025-01-15 09:30 UTC by CXM.");
    const es = built({ ...input([good[0], bad[0]], order, header, "es"), surface: "cli" });
    expect(cellAt(es.plan.sheets[0], 2, 1)).toBe(
      "Origen: Sheet1!A1:D1201 (1 fila usada; 1 descartada, listadas en el informe que imprimió cxm al generar esta hoja). Generado el 2025-01-15 09:30 UTC por CXM.",
    );
  });

  test("an unmapped required column, no rows, no usable row, an order listing a segment twice and no segment before at all block the build", () => {
    const unmapped = { ...input(good, {}, header), mapping: { customer: 0, before: 1, after: -1, value: 3 } };
    expect(T.validate(unmapped).blocking).toEqual([{ en: "The Segment after column is required: map a source column to it.", es: "La columna Segmento actual es obligatoria: asígnele una columna de origen." }]);
    expect(() => T.build(unmapped)).toThrow(TemplateInputError);
    expect(T.validate(input([], {}, header)).blocking[0].en).toBe("The source has no data rows under its header.");
    expect(T.validate(input([bad[0], bad[2]], {}, header)).blocking).toEqual([{ en: "No row can be used.", es: "No se puede usar ninguna fila." }]);
    expect(() => T.build(input([bad[0]], {}, header, "es"))).toThrow("No se puede usar ninguna fila.");
    expect(T.validate(input(good, { segmentOrder: "Gold, Silver, gold" }, header)).blocking).toEqual([
      {
        en: 'The segment order lists "gold" twice: list each segment once, lowest first.',
        es: "El orden de los segmentos incluye «gold» dos veces: indique cada segmento una vez, de menor a mayor.",
      },
    ]);
    expect(() => T.build(input(good, { segmentOrder: "Gold; Silver; GOLD" }, header, "es"))).toThrow("incluye «GOLD» dos veces");
    const allNew = [["a", "", "Gold"], ["b", "", "Silver"]];
    expect(T.validate(input(allNew, {}, header)).blocking[0].en).toMatch(/^No customer has a segment before/);
    expect(() => T.build(input(allNew, {}, header, "es"))).toThrow(/^Ningún cliente tiene segmento anterior/);
  });
});

describe("segment movement in Spanish, and the currency", () => {
  const data = segmentMovementSample("es").slice(1);
  const es = built(input(data, {}, segmentMovementSample("es")[0], "es"));
  const en = built(input(segmentMovementSample("en").slice(1)));

  test("sheet, table, name, headers and words in Spanish; the user's tiers as they are; the numbers are the same", () => {
    const sheet = es.plan.sheets[0];
    expect(sheet.name).toBe("Movimiento entre segmentos");
    expect(sheet.tables.map((t) => t.name)).toEqual(["MovimientoPorSegmento"]);
    expect(sheet.names.map((x) => [x.name, x.comment])).toEqual([["Nivel_segmento", "Nivel de cada segmento, 1 = el más bajo"]]);
    expect(cellAt(sheet, es.at.counts.row(0), es.at.counts.column(0))).toBe("Anterior \\ Actual");
    expect(cellAt(sheet, es.at.counts.row(MIGRATION.row(4)), es.at.counts.column(0))).toBe("Nuevos");
    expect(cellAt(sheet, es.at.movement.row(0), es.at.movement.column(MOVEMENT.percent(1)))).toBe("% se mantienen");
    expect(es.agg.counts.segments).toEqual(["Bronce", "Plata", "Oro", "Platino"]);
    expect(sheet.charts[1].series.map((s) => s.name)).toEqual(["Suben", "Se mantienen", "Bajan", "Perdidos"]);
    const a = evaluatePlan(en.plan), b = evaluatePlan(es.plan);
    for (const m of MOVES) expect(b.number("movement", es.cells.shares[m])).toBe(a.number("movement", en.cells.shares[m]));
    expect(errorCells(b, es.plan)).toEqual([]);
  });

  test("the currency follows the language unless chosen: $ before the number in English, € after it in Spanish", () => {
    const format = (o: Record<string, string>, language: Language) => {
      const b = built(input(data, o, segmentMovementSample(language)[0], language));
      const S = b.agg.counts.segments.length;
      return b.plan.sheets[0].formats.find((f) => f.range === b.at.values.range(1, 1, S + 2, S + 2))?.numberFormat;
    };
    expect(format({}, "en")).toBe('"$"#,##0');
    expect(format({}, "es")).toBe('#,##0 "€"');
    expect(format({ currency: "€" }, "en")).toBe('"€"#,##0');
    expect(format({ currency: "" }, "es")).toBe("#,##0");
  });

  test("a missing translation does not build", () => {
    // @ts-expect-error every key of the English strings is required in Spanish
    const missing: SegmentStrings = { ...SEGMENT_STRINGS.es, title: undefined };
    // @ts-expect-error and no key may be added that English lacks
    const extra: SegmentStrings = { ...SEGMENT_STRINGS.es, titel: "Movimiento" };
    expect([missing.title, extra.title]).toEqual([undefined, "Movimiento entre segmentos"]);
  });
});

describe("segment movement renders with both renderers", () => {
  const plan: WorkbookPlan = T.build(input(sampleSnapshots({ customers: 300 }).slice(1), { segmentOrder: TIERS.join(", ") }));
  const b = built(input(sampleSnapshots({ customers: 300 }).slice(1), { segmentOrder: TIERS.join(", ") }));

  test(".xlsx: ExcelJS reads back the sheet, its formulas with their values, the table and the charts", async () => {
    const written = await writePlanToBuffer(plan);
    expect(written.charts).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written.buffer as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Segment movement")!;
    expect(ws.getCell("A1").value).toBe("Segment movement");
    const share = ws.getCell(b.cells.shares.movedUp).value as { formula: string; result: number };
    expect(share.formula).toBe(`${b.at.summary.cell(1, 1)}/${b.at.summary.cell(SUMMARY.before, 1, "$row")}`);
    expect(share.result).toBeCloseTo(b.agg.summary.movedUp, 12);
    const tables = (ws as unknown as { getTables(): { table: { name: string } }[] }).getTables();
    expect(tables.map((t) => t.table.name)).toEqual(["SegmentMovement"]);
  });

  test("Office.js: a taken sheet and table name get a suffix, the user's sheet is untouched, names, charts and scales are there, in a handful of syncs", async () => {
    const fake = new FakeExcel({ sheets: { "Segment movement": { A1: "mine" } }, tables: ["SegmentMovement"] });
    const result = await applyPlanInContext(fake.context, plan);
    expect(result.sheets.map((s) => s.name)).toEqual(["Segment movement (2)"]);
    expect(result.tables.map((t) => t.name)).toEqual(["SegmentMovement_2"]);
    expect(Object.fromEntries(fake.sheet("Segment movement").cells)).toEqual({ A1: "mine" });
    const s = fake.sheet("Segment movement (2)");
    expect(s.cells.get("A1")).toBe("Segment movement");
    expect(s.cells.get(b.at.order.cell(0, 1))).toBe("Bronze");
    expect(s.charts).toHaveLength(2);
    expect(s.conditionalFormats.map((c) => c.type)).toEqual(["ColorScale", "ColorScale"]);
    expect(s.merges.length).toBeGreaterThan(0);
    expect(s.print).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, leftHeader: "&A", rightHeader: "&P" });
    expect(fake.workbookNames.map((x) => x.name)).toContain("Segment_rank");
    expect(result.syncs).toBeLessThanOrEqual(4);
  });

  describe("the Spanish build, through each renderer", () => {
    const es = built(input(segmentMovementSample("es").slice(1), {}, segmentMovementSample("es")[0], "es"));
    const S = es.agg.counts.segments.length;
    const valueCell = es.at.values.cell(MIGRATION.row(0), MIGRATION.column(0));

    test(".xlsx: the Spanish sheet, table and name, euros after the number, and the cached shares", async () => {
      const written = await writePlanToBuffer(es.plan);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(written.buffer as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("Movimiento entre segmentos")!;
      expect(ws.getCell("A1").value).toBe("Movimiento entre segmentos");
      expect(ws.getCell(es.at.movement.cell(0, MOVEMENT.percent(1))).value).toBe("% se mantienen");
      expect(ws.getCell(es.at.counts.cell(MIGRATION.row(S), 0)).value).toBe("Nuevos");
      expect(ws.getCell(valueCell).numFmt).toBe('#,##0 "€"');
      expect(ws.getCell(valueCell).value).toBe(es.agg.values!.matrix[0][0]);
      const tables = (ws as unknown as { getTables(): { table: { name: string } }[] }).getTables();
      expect(tables.map((t) => t.table.name)).toEqual(["MovimientoPorSegmento"]);
      expect(wb.definedNames.getRanges("Nivel_segmento").ranges).toHaveLength(1);
      for (const m of MOVES) expect((ws.getCell(es.cells.shares[m]).value as { result: number }).result).toBeCloseTo(es.agg.summary[m], 12);
    });

    test("Office.js: the Spanish sheet, name, chart series and euro format reach Excel", async () => {
      const fake = new FakeExcel();
      await applyPlanInContext(fake.context, es.plan);
      const s = fake.sheet("Movimiento entre segmentos");
      expect(s.cells.get("A1")).toBe("Movimiento entre segmentos");
      expect(s.cells.get(es.at.order.cell(1, 0))).toBe("Nivel");
      expect(s.charts.map((c) => c.seriesList.map((x) => x.name))).toEqual([
        ["Parte de los clientes anteriores", "Parte del valor anterior"],
        ["Suben", "Se mantienen", "Bajan", "Perdidos"],
      ]);
      expect(fake.workbookNames.map((x) => x.name)).toContain("Nivel_segmento");
      const euro = s.formats.filter((f) => JSON.stringify(f.numberFormat ?? "").includes("€"));
      expect(euro.length).toBeGreaterThan(0);
    });
  });

  test("Office.js: a segment named like a formula reaches Excel as text (an apostrophe first), in the labels of every block", async () => {
    const data = [["a", "=1+1", "Gold"], ["b", "Gold", ""]];
    const p = built(input(data, {}, ["Customer", "Segment before", "Segment after"]));
    const fake = new FakeExcel();
    await applyPlanInContext(fake.context, p.plan);
    const s = fake.sheet("Segment movement");
    for (const cell of [p.at.order.cell(0, 1), p.at.counts.cell(1, 0), p.at.movement.cell(1, 0), p.at.shares.cell(1, 0)]) expect(s.cells.get(cell)).toBe("'=1+1");
  });
});

describe("the shared migration matrix block", () => {
  test("without a label row it writes the segments itself, as user text, and its totals with their values", () => {
    const s = new SheetBuilder("m", "Tiers", "Tiers");
    const words = SEGMENT_STRINGS.en.matrix;
    const at = s.place([migrationMatrixBlock({ key: "m", title: "Tiers", note: "Customers by tier.", segments: ["Tier 1", "=2"], matrix: [[1, 2, 3], [4, 5, 6], [7, 8, 0]], words, numberFormat: "0" })]);
    const plan = { title: "Tiers", sheets: [s.build()] };
    const wb = evaluatePlan(plan);
    const m = at.m;
    expect(wb.value("m", m.cell(0, 2))).toBe("=2");
    expect(wb.value("m", m.cell(2, 0))).toBe("=2");
    // Row totals 6, 15, 15; column totals 12, 15, 9; all 36 (hand sums).
    expect([1, 2, 3].map((r) => wb.number("m", m.cell(r, 4)))).toEqual([6, 15, 15]);
    expect([1, 2, 3, 4].map((c) => wb.number("m", m.cell(4, c)))).toEqual([12, 15, 9, 36]);
    expect(describeProblems(checkPlanLayout(plan))).toEqual([]);
  });
});

describe("at Excel's limit", () => {
  test("1,048,575 distinct customers: every one counted, the summary equal to segmentSummary on the same columns", () => {
    const N = 1_048_575;
    const tiers = TIERS;
    const rows: unknown[][] = new Array(N);
    const before: (string | null)[] = new Array(N), after: (string | null)[] = new Array(N);
    for (let i = 0; i < N; i++) {
      before[i] = i % 9 === 0 ? null : tiers[i % 4];
      after[i] = i % 7 === 0 ? null : tiers[(i * 5) % 4];
      rows[i] = [i, before[i] ?? "", after[i] ?? "", i % 11 === 0 ? "" : i % 100];
    }
    const b = built(input(rows, { segmentOrder: tiers.join(",") }));
    // Neither segment when i is a multiple of 63: those rows are problems, the rest are customers.
    const neither = Math.floor((N - 1) / 63) + 1;
    expect(b.agg.counts.matrix.flat().reduce((a, x) => a + x, 0)).toBe(N - neither);
    const core = segmentSummary(before, after, tiers);
    for (const m of MOVES) expect(b.agg.summary[m]).toBeCloseTo(core[m], 12);
    expect(b.agg.summary.customersBefore).toBe(core.customersBefore);
    expect(() => validatePlan(b.plan)).not.toThrow();
  }, 120_000);
});
