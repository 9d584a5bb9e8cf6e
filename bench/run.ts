/**
 * `npm run bench`: runs every bench/*.bench.ts in its own Node process (so
 * each reports its own peak memory), one after the other, and prints their
 * reports. `npm run bench -- nps` runs only the files whose name contains "nps".
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const filter = process.argv[2] ?? "";
const dir = __dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
  .sort();
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", path.join(dir, f)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`bench ${f} failed (exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
