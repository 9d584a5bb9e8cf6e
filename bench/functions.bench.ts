/**
 * Every CXM function at 100,000 input rows and at its documented maxima
 * (bench/function-cases.ts), called as Excel calls it: the median of several
 * runs, next to a baseline measured in the same run on the same input (a bare
 * loop that reads every cell of the arguments once, as any function must).
 * Target (issue 9): each answers within 1 s, or refuses at once with a
 * #VALUE! stating the limit. `npm run bench -- functions`.
 */
import { performance } from "node:perf_hooks";
import { CASES, SCALAR_CASES } from "./function-cases";
import { callAsExcel, functionsById } from "./functions-by-id";
import { median, peakRssMb, report } from "./harness";

/** Reads every cell of the arguments once: what any function must at least do. */
function touchAll(args: unknown[]): number {
  let n = 0;
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (typeof v === "number") n += v;
    else if (v !== null && v !== undefined) n += 1;
  };
  walk(args);
  return n;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function timed(f: () => unknown, runs: number): Promise<{ ms: number; outcome: unknown }> {
  const times: number[] = [];
  let outcome: unknown;
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = performance.now();
    try {
      outcome = await f();
    } catch (e) {
      outcome = e;
    }
    times.push(performance.now() - t0);
  }
  return { ms: median(times), outcome };
}

function describe(outcome: unknown): string {
  if (Array.isArray(outcome)) return `${outcome.length.toLocaleString("en-US")}×${(outcome[0] as unknown[]).length} spilled`;
  if (typeof outcome === "number") return String(Number(outcome.toPrecision(6)));
  const e = outcome as { code?: string; message?: string };
  if (e?.code) return `${e.code} ${e.message ? `"${e.message.slice(0, 90)}…"` : ""}`;
  return String(outcome);
}

const fmtMs = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`);

async function main() {
  const fns = functionsById();
  const lines: string[] = [];
  let slow = 0;
  for (const c of [...CASES, ...SCALAR_CASES]) {
    const f = fns.get(c.id);
    if (!f) throw new Error(`No function ${c.id} in src/functions.`);
    const args = c.args();
    await timed(() => callAsExcel(f, args), 1); // warm-up
    const fn = await timed(() => callAsExcel(f, args), c.label === "one call" ? 7 : 5);
    const base = await timed(() => touchAll(args), 5);
    if (fn.ms > 1000) slow++;
    lines.push(`${c.id.padEnd(17)} ${c.label.padEnd(58)} ${fmtMs(fn.ms).padStart(9)}  (baseline ${fmtMs(base.ms)})  ${describe(fn.outcome)}`);
  }
  lines.push(`over 1 s: ${slow} case${slow === 1 ? "" : "s"}; peak memory ${peakRssMb().toFixed(0)} MB`);
  report("Every function at 100,000 rows and at its documented maxima (median of 5 runs; baseline: one pass over the arguments)", lines);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
