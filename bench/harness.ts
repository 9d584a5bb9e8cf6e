/**
 * Small benchmark helpers: every figure is the median of several runs, and a
 * comparison baseline is measured in the same process, in the same run.
 */
import { performance } from "node:perf_hooks";

export interface Timing {
  name: string;
  medianMs: number;
  runs: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Times fn `runs` times after `warmup` untimed calls; returns the median in ms. */
export async function time(name: string, fn: () => unknown, runs = 7, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return { name, medianMs: median(ms), runs };
}

/** Peak resident memory of this process so far, in MB (Linux: VmHWM). */
export function peakRssMb(): number {
  try {
    const status = require("node:fs").readFileSync("/proc/self/status", "utf8") as string;
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.memoryUsage().rss / 1024 / 1024;
}

export function report(title: string, lines: string[]): void {
  console.log(`\n## ${title}`);
  for (const l of lines) console.log(`  ${l}`);
}

export const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)) + " ms";
