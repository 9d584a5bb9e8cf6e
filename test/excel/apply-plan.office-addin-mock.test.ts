/**
 * The sync bound of the Office.js renderer, stated against office-addin-mock
 * (Microsoft's mock of the Office.js object model): building a template takes
 * one sync to read what the workbook holds, one to create its sheets (and
 * learn their ids), one per batch, and one to recalculate, so a small
 * template is 4 syncs and a large one grows only with the number of 5 MB
 * chunks, not with its rows.
 *
 * office-addin-mock owns the context, its load-before-read checks and sync();
 * its load() cannot navigate into collection items ("items/name"), so the
 * three collections the renderer reads translate that to loading "items".
 * What the renderer writes onto new sheets goes to a recorder (test/support
 * /excel-batch-fake.ts checks those writes in detail).
 */
import { OfficeMockObject } from "office-addin-mock";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { cohortRetentionTemplate } from "../../src/templates/cohort-retention/descriptor";
import type { BuildInput } from "../../src/templates/registry-types";

/** Accepts any property read, write or call on a new sheet and counts the calls by path. */
function recorder(calls: Map<string, number>, path: string): unknown {
  const target = function () {};
  return new Proxy(target, {
    get: (_t, p) => (p === "then" ? undefined : recorder(calls, `${path}.${String(p)}`)),
    set: () => true,
    apply: () => {
      calls.set(path, (calls.get(path) ?? 0) + 1);
      return recorder(calls, `${path}()`);
    },
  });
}

function mockExcel(existingSheets: string[]) {
  const calls = new Map<string, number>();
  const count = (name: string) => () => {
    calls.set(name, (calls.get(name) ?? 0) + 1);
  };
  const collection = (names: string[]) => ({
    items: names.map((name) => ({ name })),
    // "items/name" -> "items": the mock then enforces load-then-sync before items can be read.
    load(this: OfficeMockObject) {
      OfficeMockObject.prototype.load.call(this, "items");
      return this;
    },
  });
  const context = new OfficeMockObject({
    workbook: {
      worksheets: { ...collection(existingSheets), add: (name: string) => recorder(calls, `sheet(${name})`) },
      names: { ...collection([]), add: count("names.add") },
      tables: collection([]),
      application: {
        suspendApiCalculationUntilNextSync: count("suspendApiCalculation"),
        suspendScreenUpdatingUntilNextSync: count("suspendScreenUpdating"),
        calculate: count("calculate"),
      },
    },
  });
  const sync = jest.spyOn(context, "sync");
  return { context: context as unknown as Excel.RequestContext, sync, calls };
}

/** Transactions for the cohort template: `customers` customers buying in 5 consecutive months. */
function transactions(customers: number): BuildInput {
  const rows: unknown[][] = [];
  for (let c = 0; c < customers; c++) {
    const first = 44927 + (c % 24) * 30; // cohorts over two years from 2023-01-01
    for (let k = 0; k < 5; k++) rows.push([`C${c}`, first + 30 * k + (c % 28), 10 + (c % 50)]);
  }
  return {
    rows,
    mapping: { customer: 0, date: 1, amount: 2 },
    options: { period: "month", measure: "both" },
    sourceLabel: "Sheet1!A1:C" + (rows.length + 1),
    builtAt: new Date("2025-01-15T09:30:00Z"),
    surface: "taskpane",
    language: "en",
  };
}

describe("applyPlanInContext against office-addin-mock: syncs do not grow with the data", () => {
  test("a cohort template from 300 transactions: 4 syncs (read names, create sheets, one batch, recalculate)", async () => {
    const { context, sync, calls } = mockExcel(["Sheet1", "Cohort retention"]);
    const result = await applyPlanInContext(context, cohortRetentionTemplate.build(transactions(60)));
    expect(sync).toHaveBeenCalledTimes(4);
    expect(result.syncs).toBe(4);
    // Calculation and screen updating are suspended in every batch, and calculation resumes once.
    expect(calls.get("suspendApiCalculation")).toBe(result.batches);
    expect(calls.get("suspendScreenUpdating")).toBe(result.batches);
    expect(calls.get("calculate")).toBe(1);
    // The user's "Cohort retention" sheet is kept: the new one gets a suffix.
    expect(result.sheets.map((s) => s.name)).toEqual(["Cohort retention (2)"]);
  });

  test("the same template from 100,000 transactions: still syncs = batches + 3, and batches stay a handful", async () => {
    const small = mockExcel(["Sheet1"]);
    const smallResult = await applyPlanInContext(small.context, cohortRetentionTemplate.build(transactions(60)));
    const large = mockExcel(["Sheet1"]);
    const input = transactions(20_000);
    expect(input.rows.length).toBe(100_000);
    const largeResult = await applyPlanInContext(large.context, cohortRetentionTemplate.build(input));
    expect(large.sync).toHaveBeenCalledTimes(largeResult.batches + 3);
    expect(largeResult.syncs).toBe(largeResult.batches + 3);
    // 1,667 times the rows: the cohort sheet holds aggregates, so the number of syncs does not move.
    expect(largeResult.syncs).toBe(smallResult.syncs);
  });

  test("reading the workbook's sheets before the sync that loads them fails, as in Office.js", () => {
    const { context } = mockExcel(["Sheet1"]);
    context.workbook.worksheets.load("items/name");
    expect(() => context.workbook.worksheets.items.map((s) => s.name)).toThrow();
  });
});
