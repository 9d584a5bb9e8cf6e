/**
 * Scale is part of correctness (issue 9, item 4): every template and every
 * function at Excel's limit of 1,048,576 rows (a header and 1,048,575 data
 * rows). Templates go through the task pane's code path (the descriptor's
 * validate and build on the rows the pane reads from a sheet) and the CLI's
 * (a CSV file of that many lines through `cxm template`); functions get
 * full-column ranges. Each must answer (or refuse with a message), never
 * crash: the survey dashboard crashed at ~130,000 responses with "Maximum
 * call stack size exceeded". Inputs are the templates' samples tiled by
 * reference, so a case costs its code, not its data.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { inputColumnsOf, sampleInput } from "../../src/cli/templates";
import { templates } from "../../src/templates/registry";
import { validatePlan } from "../../src/workbook/plan";
import { callAsExcel, functionsById } from "../../bench/functions-by-id";
import { runCli, tempDir } from "../support/cli";

jest.setTimeout(600_000);
jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn(async () => []) }));

const EXCEL_ROWS = 1_048_576;
const DATA_ROWS = EXCEL_ROWS - 1;
const BUILT = new Date("2025-01-15T09:30:00Z");

/** The first `n` rows of `rows` repeated, by reference (the templates only read their rows). */
function tiled<T>(rows: T[], n: number): T[] {
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = rows[i % rows.length];
  return out;
}

const fromRows = templates.filter((t) => t.columns.length > 0);

describe.each(fromRows.map((t) => [t.id, t] as const))("%s at 1,048,576 rows", (_id, t) => {
  it("the pane's path: validate and build the full sheet of rows (or a clear refusal when the rows cannot fit one sheet)", () => {
    const input = sampleInput(t, "en", BUILT);
    input.rows = tiled(input.rows, DATA_ROWS);
    const report = t.validate(input);
    expect(report.blocking).toEqual([]);
    const plan = t.build(input);
    expect(() => validatePlan(plan)).not.toThrow();
    expect(plan.sheets.length).toBeGreaterThan(0);
    if (t.id === "survey-dashboard") {
      // Above its list limit it does not copy every response: the counts are values, the latest comments listed (and it says so).
      expect(report.notes?.map((n) => n.message.en)).toContain(
        "1,048,575 responses: more than the 100,000 the workbook lists one by one, so the dashboard's counts are values grouped when it is built, and only the latest 10,000 comments are listed.",
      );
      expect(plan.sheets.map((s) => s.name)).toEqual(["NPS dashboard", "Latest comments"]);
      expect(t.headlines!(input).find((h) => h.label.en === "Responses")!.value).toBe(DATA_ROWS);
    }
  });
});

describe("the CLI's path: a CSV of 1,048,576 lines", () => {
  // These templates aggregate (their workbooks stay small); the file is read, validated, built and written.
  // The survey dashboard lists at most 100,000 responses: at a million, its counts are values and the latest comments are listed.
  it.each(["cohort-retention", "mrr-bridge", "survey-dashboard", "customer-growth"])("%s", async (id) => {
    const t = templates.find((x) => x.id === id)!;
    const [header, ...rows] = t.sample();
    // Dates as ISO text; text with a comma or a quote (survey comments) quoted as CSV quotes it.
    const quoted = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    const cell = (v: unknown) => (typeof v === "number" && inputColumnsOf(t).some((c) => c.kind === "date") && v > 40000 && v < 50000 ? new Date(Date.UTC(1899, 11, 30) + v * 864e5).toISOString().slice(0, 10) : quoted(String(v)));
    const lines = [header.join(",")];
    for (let i = 0; i < DATA_ROWS; i++) lines.push(rows[i % rows.length].map(cell).join(","));
    const dir = tempDir("cxm-limit-");
    writeFileSync(path.join(dir, "big.csv"), `${lines.join("\n")}\n`);
    const r = await runCli(["template", id, "--input", "big.csv", "--out", "big.xlsx"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    if (id === "survey-dashboard") {
      expect(r.out).toContain("1,048,575 responses: more than the 100,000 the workbook lists one by one");
      expect(r.out).toMatch(/Responses\s+1,048,575/);
    }
  });
});

describe("every function with a range parameter, on full-column ranges", () => {
  const fns = functionsById();
  // One column of 1,048,576 cells: integers 0-10 (scores, frequencies, amounts), a header of text.
  const column = tiled(
    Array.from({ length: 11 }, (_, k) => [k]),
    EXCEL_ROWS,
  ) as unknown[][];
  column[0] = ["header"];
  const ids = tiled([["C1"], ["C2"], ["C3"], ["C1"], ["C4"]], EXCEL_ROWS) as unknown[][];
  const dates = tiled([[45292], [45323], [45352], [45383]], EXCEL_ROWS) as unknown[][];
  const args: Record<string, unknown[]> = {
    COHORT: [ids, dates],
    MRRMOVEMENTS: [ids, dates, column],
    RFM: [ids, dates, column],
    REPEATRATE: [ids],
    SEGMENTMATRIX: [ids, ids],
    SEGMENTSUMMARY: [ids, ids],
  };
  const withRange = [...fns.entries()].filter(([, f]) => f.parameters > 0);

  it.each(withRange.map(([id]) => [id]))("CXM.%s answers or refuses with a message", async (id) => {
    const f = fns.get(id)!;
    const given = args[id] ?? Array.from({ length: f.parameters }, () => column);
    let outcome: unknown;
    try {
      outcome = await callAsExcel(f, given);
    } catch (e) {
      outcome = e;
    }
    const error = outcome as { code?: string; message?: string };
    if (error?.code) {
      expect(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!"]).toContain(error.code);
      expect(String(error.message ?? "")).not.toMatch(/Maximum call stack|Invalid typed array length|Unexpected problem/);
    } else {
      expect(outcome).not.toBeUndefined();
    }
  });
});
