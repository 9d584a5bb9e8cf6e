/**
 * The README catalog is the user's help: every function in the bundle has an
 * entry, and every example formula in it gives the result it shows when run
 * against the BUILT bundle (to the digits shown: "33.333…" to 3 decimals).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadBundle } from "../support/load-bundle";
import { evaluateFormula, parseShownResult } from "../support/formula";
import { StubExcelError } from "../support/custom-functions-stub";

const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
const { associated, functions } = loadBundle();

const examples = [...readme.matchAll(/`(=CXM\.[^`]+)`\s*→\s*`([^`]+)`/g)].map((m) => ({ formula: m[1], shown: m[2] }));

function lookup(id: string) {
  const fn = associated.get(id);
  const meta = functions.find((f) => f.id === id);
  return fn && meta ? { fn, parameterCount: meta.parameters.length, wantsInvocation: Boolean(meta.options?.requiresParameterAddresses || meta.options?.requiresAddress) } : undefined;
}

function close(actual: unknown, expected: unknown, decimals: number): boolean {
  if (typeof expected === "number") {
    if (typeof actual !== "number") return false;
    return decimals < 0 ? Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) : Math.abs(actual - expected) <= 10 ** -decimals;
  }
  if (expected instanceof StubExcelError) return actual instanceof StubExcelError && actual.code === expected.code;
  return actual === expected;
}

describe("README function catalog", () => {
  it("has a heading for every function in the bundle", () => {
    const missing = functions.map((f) => f.id).filter((id) => !new RegExp(`#### CXM\\.${id.replace(/\./g, "\\.")}\\(`).test(readme));
    expect(missing).toEqual([]);
  });

  it("has an example for every function", () => {
    const withExample = new Set(examples.map((e) => /^=CXM\.([A-Z0-9.]+)\(/.exec(e.formula)![1]));
    expect(functions.map((f) => f.id).filter((id) => !withExample.has(id))).toEqual([]);
  });

  it.each(examples.map((e) => [e.formula, e] as const))("%s", async (_formula, ex) => {
    let actual: unknown;
    try {
      actual = await evaluateFormula(ex.formula, lookup);
    } catch (e) {
      actual = e;
    }
    const { value, decimals } = parseShownResult(ex.shown);
    if (Array.isArray(value)) {
      expect(Array.isArray(actual)).toBe(true);
      const flatActual = (actual as unknown[][]).flat();
      const flatExpected = (value as unknown[][]).flat();
      expect(flatActual.length).toBe(flatExpected.length);
      flatExpected.forEach((v, i) => expect({ cell: i, ok: close(flatActual[i], v, decimals[i]) }).toEqual({ cell: i, ok: true }));
    } else {
      // A 1×1 result (one customer given as single values) shows in the cell as that value.
      if (Array.isArray(actual) && actual.length === 1 && Array.isArray(actual[0]) && actual[0].length === 1) actual = actual[0][0];
      expect({ actual, ok: close(actual, value, decimals[0]) }).toEqual({ actual, ok: true });
    }
  });
});
