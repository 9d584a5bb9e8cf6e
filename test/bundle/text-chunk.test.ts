/**
 * The text engine is a separate chunk of the production build: functions.js
 * starts without the lexicons, and the first text call fetches the chunk from
 * the folder functions.js was loaded from (publicPath "auto": same origin and
 * folder in the shared runtime), once.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { distDir, loadBundle } from "../support/load-bundle";
import { invocationAt, outcome } from "../support/call";

describe("the text engine chunk", () => {
  it("is not in functions.js, which stays within its size target (≤ 100 KB gzipped)", () => {
    const code = readFileSync(path.join(distDir, "functions.js"));
    // A VADER entry and a Spanish lexicon entry: both live in the chunk only.
    expect(code.toString()).not.toContain("abandonment");
    expect(code.toString()).not.toContain("deja_mucho_que_desear");
    const chunks = readdirSync(distDir).filter((f) => /^text-engine\.[0-9a-f]{8}\.js$/.test(f));
    expect(chunks).toHaveLength(1);
    expect(readFileSync(path.join(distDir, chunks[0])).toString()).toContain("deja_mucho_que_desear");
    const gz = gzipSync(code, { level: 9 }).length;
    expect(gz).toBeLessThanOrEqual(100 * 1024);
  });

  it("loads on the first text call, from functions.js's folder, and only once", async () => {
    const { associated, loadedChunks } = loadBundle();
    expect(loadedChunks).toEqual([]);
    await outcome(associated.get("NPS")!, [[10], [9]], invocationAt());
    expect(loadedChunks).toEqual([]);
    const first = await outcome(associated.get("SENTIMENT")!, [["Muy buena atención"], ["Awful"]], null);
    expect(first).toEqual({ value: [[expect.any(Number)], [expect.any(Number)]] });
    const [a, b] = (first as { value: number[][] }).value.map((r) => r[0]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeLessThan(0);
    expect(loadedChunks).toHaveLength(1);
    expect(path.dirname(new URL(loadedChunks[0]).pathname)).toBe(distDir);
    await outcome(associated.get("SENTIMENT.LABEL")!, [["fatal"]], null);
    await outcome(associated.get("THEMES")!, [["entrega"], ["entrega"]], null, null, null, invocationAt());
    expect(loadedChunks).toHaveLength(1);
  });

  it("every text function works from the built bundle, in parallel first calls too", async () => {
    const { associated, loadedChunks } = loadBundle();
    const results = await Promise.all([
      outcome(associated.get("SENTIMENT")!, [["bien"]], "es"),
      outcome(associated.get("SENTIMENT.LABEL")!, [["bad"]], "en"),
      outcome(associated.get("THEMES")!, [["refund late"], ["refund late"], ["ok"]], [[2], [3], [10]], 3, "en", invocationAt()),
    ]);
    expect(results[1]).toEqual({ value: [["negative"]] });
    expect((results[2] as { value: unknown[][] }).value[1][0]).toBe("refund late");
    expect(loadedChunks).toHaveLength(1);
  });
});
