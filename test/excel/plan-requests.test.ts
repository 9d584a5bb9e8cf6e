import fc from "fast-check";
import {
  cellBytes,
  chunkCells,
  DEFAULT_REQUEST_BUDGET,
  EXCEL_WEB_REQUEST_LIMIT,
  OPERATION_OVERHEAD,
  packBatches,
  planOperations,
  protectText,
  widthInPoints,
} from "../../src/excel/plan-requests";
import { emptySheet, WorkbookPlan } from "../../src/workbook/plan";
import { resolvePlans } from "../../src/workbook/resolve";

function bigPlan(rows: number, text: string): WorkbookPlan {
  return {
    title: "big",
    sheets: [
      {
        ...emptySheet("d", "Data", "Data"),
        blocks: [{ at: "A1", rows: Array.from({ length: rows }, (_, i) => [i, text, i * 0.5, i % 2 === 0]), text: true }],
      },
    ],
  };
}

describe("payload estimates", () => {
  test("property: cellBytes is an upper bound of the JSON bytes a cell adds (UTF-8, with its comma and an apostrophe)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()), (v) => {
        const json = Buffer.byteLength(JSON.stringify(typeof v === "string" ? `'${v}` : v), "utf8");
        expect(cellBytes(v)).toBeGreaterThanOrEqual(json + 1);
      }),
    );
  });

  test("the default budget is below Excel on the web's 5 MB request limit", () => {
    expect(DEFAULT_REQUEST_BUDGET).toBeLessThan(EXCEL_WEB_REQUEST_LIMIT);
  });
});

describe("chunks and batches", () => {
  test("a large block is cut by rows into chunks that each fit the budget, covering every row once", () => {
    const budget = 100_000;
    const plan = bigPlan(20_000, "Müller & Söhne — “quoted”"); // non-ASCII: 6 bytes a character in the estimate
    const ops = planOperations(resolvePlans([plan]), budget);
    const writes = ops.filter((o) => o.op.kind === "write");
    expect(writes.length).toBeGreaterThan(10);
    let next = 0;
    for (const w of writes) {
      if (w.op.kind !== "write") continue;
      expect(w.op.rowStart).toBe(next);
      next = w.op.rowEnd;
      expect(w.bytes).toBeLessThanOrEqual(budget);
      // The real JSON of the chunk is below the estimate.
      expect(Buffer.byteLength(JSON.stringify(chunkCells(w.op)), "utf8")).toBeLessThanOrEqual(w.bytes - OPERATION_OVERHEAD);
    }
    expect(next).toBe(20_000);
    for (const batch of packBatches(ops, budget)) expect(batch.reduce((n, o) => n + o.bytes, 0)).toBeLessThanOrEqual(budget);
  });

  test("a small plan is a single batch, in the order sheets, names, cells, structure", () => {
    const plan: WorkbookPlan = {
      title: "t",
      sheets: [
        {
          ...emptySheet("a", "A", "A"),
          blocks: [{ at: "A1", rows: [["Rate", 0.1]] }],
          names: [{ name: "Rate", ref: "$B$1" }],
          formats: [{ range: "B1", numberFormat: "0%" }],
          freeze: { rows: 1, columns: 0 },
        },
      ],
    };
    const batches = packBatches(planOperations(resolvePlans([plan])));
    expect(batches.length).toBe(1);
    expect(batches[0].map((o) => o.op.kind)).toEqual(["nameSheet", "addName", "write", "format", "freeze", "activate"]);
  });

  test("a row too large for any request is refused with its position", () => {
    expect(() => planOperations(resolvePlans([bigPlan(1, "x".repeat(5000))]), 2000)).toThrow(/Row 1 of sheet Data is too large/);
  });
});

describe("text protection", () => {
  test("strings Excel would parse get an apostrophe; plain words do not", () => {
    expect(protectText("Month")).toBe("Month");
    expect(protectText("Mid-market")).toBe("Mid-market");
    expect(protectText("=1+1")).toBe("'=1+1");
    expect(protectText("+44 20")).toBe("'+44 20");
    expect(protectText("-")).toBe("'-");
    expect(protectText("2024-03")).toBe("'2024-03");
    expect(protectText("00123")).toBe("'00123");
    expect(protectText("TRUE")).toBe("'TRUE");
    expect(protectText("#N/A")).toBe("'#N/A");
    expect(protectText("'quoted")).toBe("''quoted");
    expect(protectText("")).toBe("");
  });

  test("formulas in a formula block pass through with their sheet tokens resolved", () => {
    const plan: WorkbookPlan = {
      title: "t",
      sheets: [
        { ...emptySheet("a", "My data", "A"), blocks: [{ at: "A1", rows: [[1]] }] },
        { ...emptySheet("b", "B", "B"), blocks: [{ at: "A1", rows: [["={{a}}!A1*2", "2024", 3]] }] },
      ],
    };
    const ops = planOperations(resolvePlans([plan]));
    const write = ops.map((o) => o.op).find((op) => op.kind === "write" && op.sheet === "B");
    expect(write && write.kind === "write" && write.formulas).toBe(true);
    expect(write && write.kind === "write" && chunkCells(write)).toEqual([["='My data'!A1*2", "'2024", 3]]);
  });
});

test("column widths convert from characters to points (7 px per character + 5 px, 0.75 pt per px)", () => {
  expect(widthInPoints(10)).toBe(56.25); // (70 + 5) × 0.75
});
