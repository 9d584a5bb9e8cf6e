/**
 * The add-in's bundles never carry the CLI's engines: DuckDB (@duckdb/node-api,
 * a native module) and the PostgreSQL client run only in `cxm`. A bundle that
 * pulled them in would not load in Excel, and would be megabytes larger.
 * `npm test` builds first; run `npm run build` before running this alone.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { distDir } from "../support/load-bundle";

/** Text only the engines' code holds (not the word "DuckDB", which the SQL's comments may name). */
const MARKERS = ["@duckdb/node-api", "@duckdb/node-bindings", "duckdb.node", "DuckDBInstance", "pg-protocol", "pgpass", "duckdb-engine"];

function scripts(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return scripts(full);
    return /\.(m?js|cjs)$/.test(name) ? [full] : [];
  });
}

test("dist/ holds the built add-in, and none of its scripts holds DuckDB or the PostgreSQL client", () => {
  if (!existsSync(distDir)) throw new Error("dist/ is missing: run `npm run build` (npm test does it first).");
  const files = scripts(distDir);
  expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(["functions.js", "taskpane.js"]));
  const found = files.flatMap((f) => {
    const text = readFileSync(f, "utf8");
    return MARKERS.filter((m) => text.includes(m)).map((m) => `${path.relative(distDir, f)}: ${m}`);
  });
  expect(found).toEqual([]);
});
