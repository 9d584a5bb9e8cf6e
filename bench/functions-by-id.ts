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
export function functionsById(): Map<string, { fn: CustomFunction; takesInvocation: boolean }> {
  installCustomFunctionsStub();
  const dir = path.resolve(__dirname, "../src/functions");
  const out = new Map<string, { fn: CustomFunction; takesInvocation: boolean }>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts")) {
    const text = readFileSync(path.join(dir, file), "utf8");
    const mod = require(path.join(dir, file)) as Record<string, CustomFunction>;
    for (const m of text.matchAll(/@customfunction\s+(\S+)[\s\S]*?\*\/\s*export\s+(?:async\s+)?function\s+(\w+)\s*\(([^)]*)\)/g)) {
      out.set(m[1], { fn: mod[m[2]], takesInvocation: /invocation/.test(m[3]) });
    }
  }
  return out;
}
