/**
 * No internal identifier reaches the user (issue 9, item 7): neither in the
 * message texts written in the source, nor in the messages the built
 * functions give for odd input (found by fuzzing the production bundle).
 * A message may name Excel parameters (start_customers), template options and
 * columns (csatSatisfiedMin, nearWithin: what the user types in the CLI),
 * never a JavaScript function, type or error ("hyp2f1Excess", "Invalid typed
 * array length: 10000200001").
 */
import path from "node:path";
import fc from "fast-check";
import { templates } from "../../src/templates/registry";
import { internalLeak, messageLiterals } from "../support/message-literals";
import { invocationAt, outcome } from "../support/call";
import { StubExcelError } from "../support/custom-functions-stub";
import { loadBundle } from "../support/load-bundle";

const ROOT = path.resolve(__dirname, "../..");

/** What the user types: template option keys and column keys (cxm template … --option key=… --map key=…). */
const USER_KEYS = new Set(
  templates.flatMap((t) => [...t.options.map((o) => o.key), ...t.columns.map((c) => c.key), ...(t.inputColumns ?? []).map((c) => c.key)]),
);

/** The strings among a call's arguments (nested in ranges too), longest first. */
function textsIn(args: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => (Array.isArray(v) ? v.forEach(walk) : typeof v === "string" && v.trim() !== "" && out.push(v.trim()));
  walk(args);
  return out.sort((a, b) => b.length - a.length);
}

function leak(message: string): string {
  const words = message.replace(/\b\w+\b/g, (w) => (USER_KEYS.has(w) ? "" : w));
  return internalLeak(words);
}

describe("message texts in the source", () => {
  const literals = messageLiterals(ROOT, ["src/metrics", "src/functions", "src/templates", "src/workbook", "src/xlsx", "src/excel", "src/cli"]);

  it("finds the messages (the scan reads the code)", () => {
    expect(literals.length).toBeGreaterThan(150);
    expect(literals.some((m) => m.text.startsWith("There are no responses, so the NPS is undefined"))).toBe(true);
  });

  it("name no code identifier and quote no JavaScript error", () => {
    const leaks = literals.filter((m) => leak(m.text)).map((m) => `${m.file}:${m.line} ${leak(m.text)} in "${m.text}"`);
    expect(leaks).toEqual([]);
  });

  it("the detector catches what issue 9 found", () => {
    expect(internalLeak("hyp2f1Excess is computed for 0 ≤ z < 1 only")).toBe("hyp2f1Excess");
    expect(internalLeak("The input is too large to process: Invalid typed array length: 10000200001")).toBe("Invalid typed array length");
    expect(internalLeak("Maximum call stack size exceeded")).toBe("Maximum call stack");
    expect(internalLeak("start_customers expects a number, but got the text \"0x10\".")).toBe("");
  });
});

describe("messages the built functions give", () => {
  const { associated, functions } = loadBundle();
  const errorValue = fc.constantFrom("#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NAME?").map((c) => new StubExcelError(c));
  const cell = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -3, max: 12 }) },
    { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 2, arbitrary: fc.constantFrom(0, 1e308, -1e308, 5e-324, 0.5, 1.5, 2 ** 53, 1e6, 100_000, 1_000_000) },
    { weight: 1, arbitrary: fc.constantFrom(null, "", "0x10", "1,234", "Infinity", "2024-01-31", "week", "share", "revenue", "Gold, Silver", "1e999") },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: errorValue },
  );
  const range = fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 });

  it.each(functions.map((f) => [f.id, f] as const))("CXM.%s: every message is free of code names (fast-check)", async (id, f) => {
    const fn = associated.get(id)!;
    const messages = new Set<string>();
    const args = fc.tuple(...f.parameters.map((p) => (p.dimensionality === "matrix" ? range : fc.oneof({ weight: 5, arbitrary: cell }, { weight: 1, arbitrary: range }))));
    await fc.assert(
      fc.asyncProperty(args, async (params) => {
        const extra = f.options?.requiresParameterAddresses ? [invocationAt("Sheet1!A1:A10")] : [];
        const o = await outcome(fn, ...params, ...extra);
        // The user's own text, quoted back to them, is not the program's: take it out before checking.
        if ("error" in o && o.message) messages.add(textsIn(params).reduce((m, t) => m.split(t).join("«input»"), o.message));
        if ("thrown" in o) throw new Error(`threw ${String(o.thrown)}`);
      }),
      { numRuns: 120 },
    );
    const leaks = [...messages].filter((m) => leak(m)).map((m) => `${leak(m)} in "${m}"`);
    expect(leaks).toEqual([]);
  });
});
