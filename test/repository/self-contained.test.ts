/**
 * A user's clone has nothing beside it (no ../shared): every path a test or a
 * benchmark builds from its own folder must stay inside the repository, and
 * the reference data it reads must be vendored under test/fixtures.
 */
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "fixtures" || name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [full] : [];
  });
}

const files = ["test", "bench", "scripts", "src"].flatMap((d) => sourceFiles(path.join(root, d)));
// path.resolve(__dirname, "a", "b") / path.join(__dirname, "a") with literal parts only.
const DIRNAME_PATH = /path\.(?:resolve|join)\(\s*__dirname((?:\s*,\s*"[^"]*")+)\s*\)/g;

describe("tests read only the repository", () => {
  it("finds the files it scans", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("no source, test or benchmark builds a path outside the repository", () => {
    const outside: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      if (file !== __filename && /shared\/data/.test(text)) outside.push(`${path.relative(root, file)}: names shared/data`);
      for (const m of text.matchAll(DIRNAME_PATH)) {
        const parts = [...m[1].matchAll(/"([^"]*)"/g)].map((p) => p[1]);
        const target = path.resolve(path.dirname(file), ...parts);
        if (path.relative(root, target).startsWith("..")) outside.push(`${path.relative(root, file)}: ${m[0]}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("vendors the CDNOW and donations data with their sources", () => {
    for (const f of ["cdnow/SOURCES.md", "cdnow/CDNOW_sample.txt", "cdnow/CDNOW_master.txt", "cdnow/cdnow_customers_summary.csv", "cdnow/cdnow_customers_summary_with_transactions.csv", "donations/SOURCES.md", "donations/donations.csv"]) {
      expect(existsSync(path.join(root, "test/fixtures", f))).toBe(true);
    }
    expect(readFileSync(path.join(root, "test/fixtures/cdnow/SOURCES.md"), "utf8")).toMatch(/MIT/);
  });
});
