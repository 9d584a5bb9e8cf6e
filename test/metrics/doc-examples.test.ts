/**
 * Every `@example call // result` in the metrics core's JSDoc is run and its
 * result compared with what the comment claims, to the digits it shows
 * ("0.0102…" is checked to 4 decimals, "1550" exactly). Docs cannot drift
 * from the code.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../../src/metrics");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? sourceFiles(full) : f.endsWith(".ts") ? [full] : [];
  });
}

interface Example {
  file: string;
  call: string;
  expected: string;
}

/** Reads `@example call // expected`, also when `// expected` is on the next JSDoc line. */
function examplesIn(file: string): Example[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const out: Example[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*\*\s*@example\s+(.*)$/.exec(line);
    if (!m) return;
    const [call, rest] = m[1].split(/\s\/\/\s/);
    let expected = rest;
    if (expected === undefined) {
      const next = /^\s*\*\s*\/\/\s*(.*)$/.exec(lines[i + 1] ?? "");
      expected = next ? next[1] : "";
    }
    out.push({ file: path.relative(root, file), call: call.trim(), expected: expected.trim() });
  });
  return out;
}

/** Tolerance for one number as written: "0.0102…" -> 1e-4, "1550" -> exact (relative 1e-9). */
function tolerance(token: string, value: number): number {
  const decimals = /\.(\d+)/.exec(token)?.[1].length ?? 0;
  if (token.endsWith("…") || decimals > 0) return 10 ** -decimals;
  return 1e-9 * Math.max(1, Math.abs(value));
}

const evaluate = (names: string[], values: unknown[], expr: string): unknown =>
  new Function(...names, `return (${expr});`)(...values);

const examples = sourceFiles(root).flatMap(examplesIn);

describe("JSDoc @example results in src/metrics", () => {
  it("finds examples to check", () => {
    expect(examples.length).toBeGreaterThan(30);
  });

  it.each(examples.map((e) => [`${e.file}: ${e.call}`, e] as const))("%s", (_label, ex) => {
    expect(ex.expected).not.toBe("");
    const mod = require(path.join(root, ex.file)) as Record<string, unknown>;
    const names = Object.keys(mod);
    const actual = evaluate(names, names.map((n) => mod[n]), ex.call);
    const claim = ex.expected.includes("=") ? ex.expected.slice(ex.expected.lastIndexOf("=") + 1).trim() : ex.expected;
    if (claim.startsWith("{")) {
      const expectedObj = evaluate([], [], claim.replace(/…/g, "")) as Record<string, number>;
      const tokens = claim.match(/-?\d+(?:\.\d+)?…?/g) ?? [];
      Object.entries(expectedObj).forEach(([key, value], k) => {
        const got = (actual as Record<string, number>)[key];
        expect(Math.abs(got - value)).toBeLessThanOrEqual(tolerance(tokens[k], value));
      });
    } else if (/^-?\d+(?:\.\d+)?…?$/.test(claim)) {
      const value = Number(claim.replace("…", ""));
      expect(Math.abs((actual as number) - value)).toBeLessThanOrEqual(tolerance(claim, value));
    } else {
      const value = evaluate([], [], claim) as number;
      expect(Math.abs((actual as number) - value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
    }
  });
});
