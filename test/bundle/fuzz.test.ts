/**
 * Property-based fuzzing of every function in the built bundle (fast-check):
 * random Excel values — numbers, text, booleans, blanks, error values, ragged
 * and huge ranges — in every parameter. Every call must give a value Excel can
 * show or an Excel error; nothing may escape as an exception, and no result
 * may hold NaN, Infinity, null or undefined.
 */
import fc from "fast-check";
import { FunctionMetadata, loadBundle } from "../support/load-bundle";
import { invocationAt, outcome } from "../support/call";
import { StubExcelError } from "../support/custom-functions-stub";

const { associated, functions } = loadBundle();
const RETURNABLE = new Set(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NULL!"]);

const errorValue = fc.constantFrom("#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NULL!", "#NAME?", "#REF!").map((c) => new StubExcelError(c));
const cell = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 10 }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, -1, 1e308, -1e308, 5e-324, 0.5, 2 ** 53) },
  { weight: 2, arbitrary: fc.constantFrom(null, "", undefined) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom("12", " 7 ", "TRUE", "FALSE", "1e3", "2024-01-31", "week", "month", "share", "count", "revenue") },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: errorValue },
);
const range = fc.array(fc.array(cell, { minLength: 0, maxLength: 4 }), { minLength: 0, maxLength: 12 });
const scalar = fc.oneof({ weight: 5, arbitrary: cell }, { weight: 1, arbitrary: range });
const address = fc.option(fc.constantFrom("Sheet1!A1:A12", "'My data'!C3:F14", "B2:B13", "[Book1]S!A1"), { nil: undefined });

function argsFor(f: FunctionMetadata) {
  const params = f.parameters.map((p) => (p.dimensionality === "matrix" ? fc.oneof({ weight: 6, arbitrary: range }, { weight: 1, arbitrary: cell }) : scalar));
  const needsInvocation = f.options?.requiresParameterAddresses || f.options?.requiresAddress;
  const invocation = fc.array(address, { maxLength: f.parameters.length }).map((a) => invocationAt(...(a.filter(Boolean) as string[])));
  return fc.tuple(fc.tuple(...params), needsInvocation ? invocation.map((i) => [i]) : fc.constant([]));
}

function isShowable(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v === "string" || typeof v === "boolean") return true;
  if (v instanceof StubExcelError) return RETURNABLE.has(v.code);
  return false;
}

/** Checks one call's outcome; returns a description of what is wrong, or "". */
function problemWith(o: Awaited<ReturnType<typeof outcome>>): string {
  if ("thrown" in o) return `threw ${String(o.thrown)}`;
  if ("error" in o) {
    if (!RETURNABLE.has(o.error)) return `returned the error ${o.error}, which Excel cannot show as a result`;
    if (o.message?.startsWith("Unexpected problem")) return `hit an internal error: ${o.message}`;
    return "";
  }
  const v = o.value;
  if (Array.isArray(v)) {
    if (v.length === 0 || !v.every((row) => Array.isArray(row) && row.length > 0)) return "returned an empty or non-2-D array";
    const width = v[0].length;
    if (!v.every((row) => row.length === width)) return "returned a ragged array (Excel needs a rectangle)";
    const bad = v.flat().find((x) => !isShowable(x));
    return bad === undefined ? "" : `returned a cell Excel cannot show: ${String(bad)}`;
  }
  return isShowable(v) ? "" : `returned ${String(v)}`;
}

describe.each(functions.map((f) => [f.id, f] as const))("CXM.%s", (id, f) => {
  const fn = associated.get(id)!;

  it("returns a value or an Excel error for any Excel input (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(argsFor(f), async ([params, extra]) => {
        const problem = problemWith(await outcome(fn, ...params, ...extra));
        if (problem) throw new Error(problem);
      }),
      { numRuns: 150 },
    );
  });

  it("copes with a huge range in every range parameter", async () => {
    // 200,000 rows of mixed cells (a fifth of a full column), the same in every range parameter.
    let seed = 7;
    const pick = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 20);
    const huge = Array.from({ length: 200_000 }, () => {
      const k = pick();
      return [k <= 10 ? k : k <= 14 ? null : k <= 16 ? "text" : k === 17 ? true : k === 18 ? 2.5 : "2024-03-01"];
    });
    const args = f.parameters.map((p) => (p.dimensionality === "matrix" ? huge : null));
    const extra = f.options?.requiresParameterAddresses ? [invocationAt()] : [];
    const problem = problemWith(await outcome(fn, ...args, ...extra));
    expect(problem).toBe("");
  });
});
