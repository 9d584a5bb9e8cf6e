/**
 * The custom functions of src/functions by their Excel id, read from the
 * source (the @customfunction tag above each exported function), so the
 * bench and its tests call the code as it is, without a webpack build.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { installCustomFunctionsStub } from "../test/support/custom-functions-stub";

export type CustomFunction = (...args: unknown[]) => unknown;

/** id -> { fn, takesInvocation } for every function (needs the CustomFunctions stub, installed here). */
export interface FunctionEntry {
  fn: CustomFunction;
  /** Excel passes an invocation after the parameters (for parameter addresses). */
  takesInvocation: boolean;
  /** Parameters before the invocation: omitted optional ones arrive as null. */
  parameters: number;
}

/** Calls a function as Excel does: missing optional arguments as null, then the invocation. */
export function callAsExcel(f: FunctionEntry, args: unknown[]): unknown {
  const padded = [...args];
  while (padded.length < f.parameters) padded.push(null);
  return f.fn(...padded, ...(f.takesInvocation ? [{ parameterAddresses: [] }] : []));
}

export function functionsById(): Map<string, FunctionEntry> {
  installCustomFunctionsStub();
  const dir = path.resolve(__dirname, "../src/functions");
  const out = new Map<string, FunctionEntry>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts")) {
    const text = readFileSync(path.join(dir, file), "utf8");
    const mod = require(path.join(dir, file)) as Record<string, CustomFunction>;
    for (const m of text.matchAll(/@customfunction\s+(\S+)[\s\S]*?\*\/\s*export\s+(?:async\s+)?function\s+(\w+)\s*\(([^)]*)\)/g)) {
      const params = m[3].split(",").map((x) => x.trim()).filter(Boolean);
      const takesInvocation = params.some((x) => x.startsWith("invocation"));
      out.set(m[1], { fn: mod[m[2]], takesInvocation, parameters: params.length - (takesInvocation ? 1 : 0) });
    }
  }
  return out;
}
