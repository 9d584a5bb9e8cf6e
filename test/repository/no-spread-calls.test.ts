/**
 * `npm run lint` fails on a spread argument in a call under src/ (issue 9,
 * item 4): Math.min(...dates) crashed the survey dashboard at about 130,000
 * responses with "Maximum call stack size exceeded". The rule is checked by
 * running ESLint (as `npm run lint` does) on a sample file placed in src/.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** Lines of `code` (as a file in src/) on which the no-spread rule fires. */
function ruleLines(code: string): number[] {
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), "--stdin", "--stdin-filename", "src/metrics/example.ts", "--format", "json"], {
    cwd: ROOT,
    input: code,
    encoding: "utf8",
  });
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string | null; line: number }[] }[];
  return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.line);
}

it("fails on spreads into calls, allows literals, loops and a disabled line with its reason", () => {
  const code = [
    /* 1 */ "export const a = (xs: number[]) => Math.min(...xs);",
    /* 2 */ "export const b = (rows: number[], more: number[]) => rows.push(...more);",
    /* 3 */ "export const c = (xs: [number, number][]) => new Map(...[xs]);",
    /* 4 */ "export const d = (xs: number[]) => Math.max.apply(null, xs);",
    /* 5 */ "export const e = (p: number[], q: number[]) => { let m = Infinity; for (const x of p) m = Math.min(m, x); return [...p, ...q, m]; };",
    /* 6 */ "export const f = (o: object) => ({ ...o, k: 1 });",
    /* 7 */ "// eslint-disable-next-line no-restricted-syntax -- three fixed numbers",
    /* 8 */ "export const g = () => Math.max(...[1, 2, 3]);",
    "",
  ].join("\n");
  expect(ruleLines(code)).toEqual([1, 2, 3, 4]);
}, 60_000);
