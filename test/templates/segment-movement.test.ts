import ExcelJS from "exceljs";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { segmentMatrix, segmentSummary } from "../../src/metrics/segment-matrix";
import type { BuildInput } from "../../src/templates/registry-types";
import { SAMPLE_TIERS, sampleSnapshots } from "../../src/templates/sample-snapshots";
import { parseSegmentOrder, segmentMovement, segmentMovementTemplate as T, SnapshotRow, SUMMARY_MOVES } from "../../src/templates/segment-movement";
import { TemplateInputError } from "../../src/templates/descriptor-kit";
import { autoMap } from "../../src/templates/column-mapping";
import { columnLetter } from "../../src/workbook/a1";
import { cellAt, validatePlan } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { FakeExcel } from "../support/excel-batch-fake";
import { evaluatePlan, EvaluatedWorkbook } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const TIERS = SAMPLE_TIERS.join(", ");

function input(rows: unknown[][], options: Record<string, string | number> = {}, header = sampleSnapshots({ customers: 1 })[0]): BuildInput {
  return {
    rows,
    mapping: autoMap(T.columns, header),
    options: { segmentOrder: "", ...options },
    sourceLabel: "Sheet1!A1:D1201",
    builtAt: BUILT,
    surface: "taskpane",
    language: "en",
  };
}

/** Up / stayed / down / lost as a loop over the rows, the definition in segment-matrix.ts written out again. */
function classify(rows: SnapshotRow[], order: string[]) {
  const rank = (s: unknown) => order.indexOf(String(s));
  const out = { up: 0, stayed: 0, down: 0, lost: 0, before: 0, upV: 0, stayedV: 0, downV: 0, lostV: 0, beforeV: 0 };
  for (const r of rows) {
    if (r.before === null) continue;
    out.before++;
    out.beforeV += r.value ?? 0;
    const key = r.after === null ? "lost" : rank(r.after) > rank(r.before) ? "up" : rank(r.after) < rank(r.before) ? "down" : "stayed";
    out[key]++;
    out[`${key}V` as "upV"] += r.value ?? 0;
  }
  return out;
}

const rowsOf = (data: unknown[][]): SnapshotRow[] =>
  data.map((r) => ({ customer: r[0] as string, before: r[1] === "" ? null : (r[1] as string), after: r[2] === "" ? null : (r[2] as string), value: r[3] as number }));

describe("segment movement on the seeded sample, through the descriptor", () => {
  const sample = sampleSnapshots();
  const data = sample.slice(1);
  const rows = rowsOf(data);
  const plan = T.build(input(data, { segmentOrder: TIERS }));
  const { layout } = segmentMovement(rows, { order: [...SAMPLE_TIERS], builtAt: BUILT });
  const wb = evaluatePlan(plan);
  const n = (cell: string) => wb.number("movement", cell);
  const S = SAMPLE_TIERS.length;

  test("the sample maps automatically, passes validation and gives a valid one-sheet plan", () => {
    expect(autoMap(T.columns, sample[0])).toEqual({ customer: 0, before: 1, after: 2, value: 3 });
    expect(T.validate(input(data))).toEqual({ goodRows: 1200, problems: [], blocking: [] });
    expect(() => validatePlan(plan)).not.toThrow();
    expect(plan.sheets.map((s) => s.name)).toEqual(["Segment movement"]);
    expect(cellAt(plan.sheets[0], 2, 1)).toBe("Source: Sheet1!A1:D1201. 1200 customers. Built 2025-01-15 09:30 UTC by CXM.");
    expect(plan.sheets[0].tables.map((t) => t.name)).toEqual(["SegmentMovement"]);
    expect(plan.sheets[0].charts).toHaveLength(2);
    expect(layout.segments).toEqual([...SAMPLE_TIERS]);
    // The sample lists customers by tier before, so the default order (as first seen) is the ladder too.
    expect(segmentMovement(rows, { builtAt: BUILT }).layout.segments).toEqual([...SAMPLE_TIERS]);
  });

  test("the count and value matrices equal segmentMatrix (core), in the given order", () => {
    // The core orders segments as first seen; map them onto the tier order.
    const core = segmentMatrix(rows.map((r) => r.before), rows.map((r) => r.after));
    const coreV = segmentMatrix(rows.map((r) => r.before), rows.map((r) => r.after), rows.map((r) => r.value!));
    const at = (label: string) => (label === "New" || label === "Lost" ? S : core.segments.indexOf(label));
    const labels = [...SAMPLE_TIERS, "New"];
    labels.forEach((from, i) => {
      [...SAMPLE_TIERS, "Lost"].forEach((to, j) => {
        const cell = `${columnLetter(2 + j)}${layout.countsRow + i}`;
        expect(n(cell)).toBe(core.matrix[at(from)][at(to)]);
        expect(n(`${columnLetter(2 + j)}${layout.valuesRow! + i}`)).toBeCloseTo(coreV.matrix[at(from)][at(to)], 6);
      });
    });
    // Grand total = every customer (no row has neither segment).
    expect(n(`${layout.totalColumn}${layout.countsRow + S + 1}`)).toBe(1200);
  });

  test("row shares are the count matrix divided by its row totals, and each row sums to 1", () => {
    for (let i = 0; i <= S; i++) {
      const total = n(`${layout.totalColumn}${layout.countsRow + i}`);
      let sum = 0;
      for (let j = 0; j <= S; j++) {
        const share = n(`${columnLetter(2 + j)}${layout.sharesRow + i}`);
        expect(share).toBeCloseTo(n(`${columnLetter(2 + j)}${layout.countsRow + i}`) / total, 12);
        sum += share;
      }
      expect(sum).toBeCloseTo(1, 12);
    }
  });

  test("the summary equals segmentSummary (core), and its value shares the row-by-row classification", () => {
    const core = segmentSummary(rows.map((r) => r.before), rows.map((r) => r.after), [...SAMPLE_TIERS]);
    const shares = [core.movedUp, core.stayed, core.movedDown, core.lost];
    SUMMARY_MOVES.forEach((_, k) => expect(n(`C${layout.summaryRow + k}`)).toBeCloseTo(shares[k], 12));
    expect(n(`B${layout.summaryRow + 4}`)).toBe(core.customersBefore);
    expect(n(`B${layout.summaryRow + 5}`)).toBe(core.newCustomers);
    const c = classify(rows, [...SAMPLE_TIERS]);
    expect(n(`B${layout.summaryRow}`)).toBe(c.up);
    [c.upV, c.stayedV, c.downV, c.lostV].forEach((v, k) => {
      expect(n(`D${layout.summaryRow + k}`)).toBeCloseTo(v, 6);
      expect(n(`E${layout.summaryRow + k}`)).toBeCloseTo(v / c.beforeV, 12);
    });
  });

  test("each segment's row of the movement table equals segmentSummary on that segment's customers", () => {
    const M = layout.movementColumns;
    SAMPLE_TIERS.forEach((tier, i) => {
      const mine = rows.filter((r) => r.before === tier);
      const core = segmentSummary(mine.map((r) => r.before), mine.map((r) => r.after), [...SAMPLE_TIERS]);
      const r = layout.movementRow + i;
      expect(n(`${M.Customers}${r}`)).toBe(mine.length);
      expect(n(`${M["% moved up"]}${r}`)).toBeCloseTo(core.movedUp, 12);
      expect(n(`${M["% stayed"]}${r}`)).toBeCloseTo(core.stayed, 12);
      expect(n(`${M["% moved down"]}${r}`)).toBeCloseTo(core.movedDown, 12);
      expect(n(`${M["% lost"]}${r}`)).toBeCloseTo(core.lost, 12);
    });
  });

  test("headlines: the core's shares, and the cells that show them evaluate to the same numbers", () => {
    const h = T.headlines!(input(data, { segmentOrder: TIERS }));
    const core = segmentSummary(rows.map((r) => r.before), rows.map((r) => r.after), [...SAMPLE_TIERS]);
    expect(h.map((x) => x.value)).toEqual([core.movedUp, core.stayed, core.movedDown, core.lost]);
    for (const x of h) expect(n(x.cell)).toBeCloseTo(x.value, 12);
  });

  test("the text option's order, typed loosely (any case, spaces, semicolons), drives the sheet: reversed ladder = segmentSummary reversed", () => {
    const reversed = ["Platinum", "Gold", "Silver", "Bronze"];
    const typed = T.build(input(data, { segmentOrder: " platinum ;GOLD;  silver; bronze " }));
    const w = evaluatePlan(typed);
    const core = segmentSummary(rows.map((r) => r.before), rows.map((r) => r.after), reversed);
    // Same layout size as the tier order (4 segments), so the summary rows are where layout says.
    SUMMARY_MOVES.forEach((_, k) => expect(w.number("movement", `C${layout.summaryRow + k}`)).toBeCloseTo([core.movedUp, core.stayed, core.movedDown, core.lost][k], 12));
    // Reversing the ladder swaps up and down (segment-matrix.ts's definition): the tier order's moved up is this one's moved down.
    expect(w.number("movement", `C${layout.summaryRow + 2}`)).toBeCloseTo(n(`C${layout.summaryRow}`), 12);
    // The labels are the order's own spelling, trimmed.
    expect(w.value("movement", `A${layout.countsRow}`)).toBe("platinum");
    expect(T.validate(input(data, { segmentOrder: " platinum ;GOLD;  silver; bronze " }))).toEqual({ goodRows: 1200, problems: [], blocking: [] });
  });

  test("editing the rank inputs re-ranks: Platinum below Gold gives segmentSummary with that order", () => {
    const w: EvaluatedWorkbook = evaluatePlan(plan);
    w.set("movement", `D${layout.rankRow}`, 4); // Gold
    w.set("movement", `E${layout.rankRow}`, 3); // Platinum
    const core = segmentSummary(rows.map((r) => r.before), rows.map((r) => r.after), ["Bronze", "Silver", "Platinum", "Gold"]);
    expect(w.number("movement", `C${layout.summaryRow}`)).toBeCloseTo(core.movedUp, 12);
    expect(w.number("movement", `C${layout.summaryRow + 2}`)).toBeCloseTo(core.movedDown, 12);
  });
});

describe("segment movement: small cases worked by hand", () => {
  test("segment-matrix.ts's example: one customer each moved up, down, stayed and lost -> 25% each", () => {
    // segmentSummary(["Bronze","Silver","Gold","Gold"], ["Silver","Silver","Bronze",null], ["Bronze","Silver","Gold"]) = 0.25 each (its @example).
    const rows: SnapshotRow[] = [
      { customer: 1, before: "Bronze", after: "Silver" },
      { customer: 2, before: "Silver", after: "Silver" },
      { customer: 3, before: "Gold", after: "Bronze" },
      { customer: 4, before: "Gold", after: null },
      { customer: 5, before: null, after: "Gold" },
    ];
    const { plan, layout } = segmentMovement(rows, { order: ["Bronze", "Silver", "Gold"], builtAt: BUILT });
    const wb = evaluatePlan(plan);
    for (let k = 0; k < 4; k++) expect(wb.number("movement", `C${layout.summaryRow + k}`)).toBe(0.25);
    expect(wb.number("movement", `B${layout.summaryRow + 4}`)).toBe(4);
    expect(wb.number("movement", `B${layout.summaryRow + 5}`)).toBe(1); // the new customer
    expect(layout.valuesRow).toBeUndefined();
  });

  test("numeric segments (RFM scores) rank numerically; a listed segment without customers gets empty shares", () => {
    const rows: SnapshotRow[] = [
      { customer: "a", before: 3, after: 1 },
      { customer: "b", before: 1, after: 3 },
      { customer: "c", before: 1, after: 1 },
    ];
    const auto = segmentMovement(rows, { builtAt: BUILT });
    expect(auto.layout.segments).toEqual([1, 3]);
    const wb = evaluatePlan(auto.plan);
    // Score 1: b up, c stayed -> 50% / 50%; score 3: a down -> 100% (hand count).
    const M = auto.layout.movementColumns;
    expect(wb.number("movement", `${M["% moved up"]}${auto.layout.movementRow}`)).toBe(0.5);
    expect(wb.number("movement", `${M["% moved down"]}${auto.layout.movementRow + 1}`)).toBe(1);
    const listed = segmentMovement(rows, { order: [1, 2, 3], builtAt: BUILT });
    const w2 = evaluatePlan(listed.plan);
    expect(w2.value("movement", `${listed.layout.movementColumns["% stayed"]}${listed.layout.movementRow + 1}`)).toBe("");
    expect(w2.value("movement", `B${listed.layout.sharesRow + 1}`)).toBe("");
  });

  test("segment names that look like formulas stay text; labels compare trimmed and case-insensitively", () => {
    const rows: SnapshotRow[] = [
      { customer: "a", before: "=1+1", after: "Gold" },
      { customer: "b", before: "gold", after: "=1+1" },
    ];
    const { plan, layout } = segmentMovement(rows, { order: "alphabetical", builtAt: BUILT });
    // Shown as first seen (the before column is read first, as segment-matrix.ts does).
    expect(layout.segments).toEqual(["=1+1", "gold"]);
    const wb = evaluatePlan(plan);
    expect(wb.value("movement", `A${layout.countsRow}`)).toBe("=1+1");
    expect(wb.value("movement", `B${layout.countsRow - 1}`)).toBe("=1+1"); // header refers to the order row
    expect(wb.number("movement", `C${layout.countsRow}`)).toBe(1); // "=1+1" -> Gold
    expect(wb.number("movement", `B${layout.countsRow + 1}`)).toBe(1); // "gold" is Gold
  });

  test("the sample generator is deterministic for a seed and differs between seeds", () => {
    expect(sampleSnapshots({ seed: 3, customers: 50 })).toEqual(sampleSnapshots({ seed: 3, customers: 50 }));
    expect(sampleSnapshots({ seed: 3, customers: 50 })).not.toEqual(sampleSnapshots({ seed: 4, customers: 50 }));
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

  test("the option is free text, empty (automatic) by default, with a label and placeholder in both languages", () => {
    expect(T.options).toHaveLength(1);
    const [o] = T.options;
    expect([o.key, o.kind, o.default]).toEqual(["segmentOrder", "text", ""]);
    expect(o.label.en).toBe("Segment order, lowest first (e.g. Bronze, Silver, Gold)");
    expect(o.label.es).toBe("Orden de los segmentos, de menor a mayor (p. ej., Bronce, Plata, Oro)");
    expect(o.placeholder?.en).toMatch(/^Empty: /);
    expect(o.placeholder?.es).toMatch(/^Vacío: /);
  });

  test("the word alphabetical (here in Spanish) through the option sorts the segments A-Z", () => {
    const header = ["Customer", "Segment before", "Segment after"];
    const data = [
      ["a", "Silver", "Gold"],
      ["b", "Gold", "Bronze"],
    ];
    const { layout } = segmentMovement(rowsOf(data), { order: "alphabetical" });
    expect(layout.segments).toEqual(["Bronze", "Gold", "Silver"]); // A-Z by hand (first seen: Silver, Gold, Bronze)
    const built = evaluatePlan(T.build({ ...input(data, { segmentOrder: "Alfabético" }, header), language: "es" }));
    // The count matrix's header row, left to right.
    expect(["B", "C", "D"].map((c) => built.value("movement", `${c}${layout.countsRow - 1}`))).toEqual(["Bronze", "Gold", "Silver"]);
  });
});

describe("segment movement: validation names bad rows, and the build leaves them out", () => {
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
    ["C9", "Bronze", "Bronze", -5], // negative value
    ["C10", "Bronze", "Bronze", "n/a"], // not a number
  ];
  const mixed = [good[0], bad[0], good[1], bad[1], bad[2], good[2], bad[3], bad[4], good[3], bad[5]];
  const order = { segmentOrder: "Bronze, Silver, Gold" };

  test("Spanish headers map automatically; each bad row is named with its column, in both languages", () => {
    expect(autoMap(T.columns, header)).toEqual({ customer: 0, before: 1, after: 2, value: 3 });
    const report = T.validate(input(mixed, order, header));
    expect(report.goodRows).toBe(4);
    expect(report.blocking).toEqual([]);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [1, "customer"],
      [3, "customer"],
      [4, "before"],
      [6, "after"],
      [7, "value"],
      [9, "value"],
    ]);
    expect(report.problems[1].message.en).toMatch(/"C1" appears again \(first in data row 1\)/);
    expect(report.problems[3].message.en).toBe('The segment "Diamond" is not in the segment order (Bronze, Silver, Gold).');
    expect(report.problems[3].message.es).toBe("El segmento «Diamond» no está en el orden de los segmentos (Bronze, Silver, Gold).");
    expect(report.problems[5].message.en).toBe('The value "n/a" is not a number.');
    // The order is matched trimmed and ignoring case, as =CXM.SEGMENTSUMMARY does: the same rows are bad.
    const loose = T.validate(input(mixed, { segmentOrder: " bronze;SILVER ; gold\n" }, header));
    expect(loose.problems.map((p) => [p.row, p.column])).toEqual(report.problems.map((p) => [p.row, p.column]));
    expect(loose.problems[3].message.en).toBe('The segment "Diamond" is not in the segment order (bronze, SILVER, gold).');
    // Without an order, "Diamond" is a segment like any other.
    expect(T.validate(input(mixed, {}, header)).goodRows).toBe(5);
  });

  test("the build uses the good rows only: the same numbers as a build from the good rows", () => {
    const fromMixed = evaluatePlan(T.build(input(mixed, order, header)));
    const fromGood = evaluatePlan(T.build(input(good, order, header)));
    const { layout } = segmentMovement(rowsOf(good.map((r) => [r[0], r[1], r[2], Number(r[3])])), { order: ["Bronze", "Silver", "Gold"] });
    for (let r = layout.countsRow; r <= layout.summaryRow + 5; r++) {
      for (let c = 1; c <= 16; c++) {
        const cell = `${columnLetter(c)}${r}`;
        expect(fromMixed.value("movement", cell)).toEqual(fromGood.value("movement", cell));
      }
    }
    // Of the 3 customers with a segment before: C1 up, C2 stayed, C3 lost (hand count).
    expect(fromMixed.number("movement", `C${layout.summaryRow}`)).toBeCloseTo(1 / 3, 12);
    expect(fromMixed.number("movement", `D${layout.summaryRow + 3}`)).toBe(900);
    const plan = T.build(input(mixed, order, header));
    expect(String(cellAt(plan.sheets[0], 2, 1))).toContain("4 customers (6 rows left out");
  });

  test("an unmapped required column or no usable row blocks the build with a clear message", () => {
    const unmapped = { ...input(good, {}, header), mapping: { customer: 0, before: 1, after: -1, value: 3 } };
    expect(T.validate(unmapped).blocking[0]).toEqual({
      en: "The Segment after column is required: map a source column to it.",
      es: "La columna Segmento actual es obligatoria: asígnele una columna de origen.",
    });
    expect(() => T.build(unmapped)).toThrow(TemplateInputError);
    expect(T.validate(input([bad[0], bad[2]], {}, header)).blocking).toEqual([{ en: "No row can be used.", es: "No se puede usar ninguna fila." }]);
    expect(() => T.build({ ...input([bad[0]], {}, header), language: "es" })).toThrow("No se puede usar ninguna fila.");
    expect(T.validate(input(good, { segmentOrder: "Gold, Silver, gold" }, header)).blocking).toEqual([
      {
        en: 'The segment order lists "gold" twice: list each segment once, lowest first.',
        es: "El orden de los segmentos incluye «gold» dos veces: indique cada segmento una vez, de menor a mayor.",
      },
    ]);
    expect(() => T.build({ ...input(good, { segmentOrder: "Gold; Silver; GOLD" }, header), language: "es" })).toThrow("incluye «GOLD» dos veces");
  });
});

describe("segment movement renders in both renderers", () => {
  const plan = T.build(input(sampleSnapshots({ customers: 300 }).slice(1), { segmentOrder: TIERS }));

  test(".xlsx: ExcelJS reads back the sheet, its formulas, table and charts", async () => {
    const written = await writePlanToBuffer(plan);
    expect(written.charts).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written.buffer as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Segment movement")!;
    expect(ws.getCell("A1").value).toBe("Segment movement");
    const { layout } = segmentMovement(rowsOf(sampleSnapshots({ customers: 300 }).slice(1)), { order: [...SAMPLE_TIERS] });
    expect(ws.getCell(`C${layout.summaryRow}`).value).toEqual({ formula: `B${layout.summaryRow}/B$${layout.summaryRow + 4}` });
    const tables = (ws as unknown as { getTables(): { table: { name: string } }[] }).getTables();
    expect(tables.map((t) => t.table.name)).toEqual(["SegmentMovement"]);
  });

  test("Office.js: applies against the fake in a few syncs, with the named ranks, the table and two charts", async () => {
    const fake = new FakeExcel();
    const result = await applyPlanInContext(fake.context, plan);
    expect(result.sheets.map((s) => s.name)).toEqual(["Segment movement"]);
    expect(result.syncs).toBe(4); // read names, create the sheets, one batch, recalculate
    const s = fake.sheet("Segment movement");
    expect(s.tables.map((t) => t.name)).toEqual(["SegmentMovement"]);
    expect(s.charts).toHaveLength(2);
    expect(fake.workbookNames.map((x) => x.name)).toContain("Segment_rank");
  });
});
