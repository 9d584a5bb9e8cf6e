/**
 * Comments and key drivers:
 * - CXM.SENTIMENT's core on 100,000 comments (target ≤ 2 s), against a bare
 *   baseline in the same run: the same comments only split into lower-case
 *   words and looked up in a Map of the same lexicon (no rules);
 * - CXM.DRIVERS on 100,000 rows × 12 drivers (target ≤ 1 s), Johnson and the
 *   exact Shapley decomposition (4,096 subsets), against computing the
 *   correlation matrix alone (the one pass over the data both need);
 * - the functions bundle and the text-engine chunk, raw and gzipped.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { correlationMatrix, keyDrivers } from "../src/metrics/key-drivers";
import { commentThemeTable, lexicons, sentiment } from "../src/metrics/text/engine";
import { fmt, peakRssMb, report, time } from "./harness";

const PARTS_ES = ["La entrega", "El servicio técnico", "La atención", "El producto", "La factura", "El reembolso", "El repartidor"];
const VERDICTS_ES = ["fue muy rápida", "no me resolvió nada", "llegó tarde y roto 😡", "es buenísimoooo", "tardó una semana", "perfecto, gracias!", "deja mucho que desear", "normal"];
const PARTS_EN = ["The delivery", "Support", "The agent", "The product", "My invoice", "The refund", "The driver"];
const VERDICTS_EN = ["was really fast", "didn't fix anything", "came late and broken 😡", "is sooo good", "took a week", "perfect, thanks!", "leaves a lot to be desired", "ok"];

function comments(n: number): string[] {
  let seed = 5;
  const pick = (k: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k);
  return Array.from({ length: n }, () => {
    const es = pick(2) === 0;
    const parts = es ? PARTS_ES : PARTS_EN, verdicts = es ? VERDICTS_ES : VERDICTS_EN;
    const a = `${parts[pick(parts.length)]} ${verdicts[pick(verdicts.length)]}`;
    return pick(3) === 0 ? `${a}${es ? " pero " : " but "}${parts[pick(parts.length)].toLowerCase()} ${verdicts[pick(verdicts.length)]}` : a;
  });
}

function bareLookup(texts: string[], map: Map<string, number>): number {
  let total = 0;
  for (const t of texts) for (const w of t.toLowerCase().split(/[^\p{L}]+/u)) total += map.get(w) ?? 0;
  return total;
}

function driverData(rows: number, k: number) {
  let seed = 9;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const drivers = Array.from({ length: k }, () => new Float64Array(rows));
  const outcome = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const mood = rand();
    let y = 0;
    for (let j = 0; j < k; j++) {
      const v = Math.round(10 * (0.6 * mood + 0.4 * rand()));
      drivers[j][i] = v;
      y += (j + 1) * v;
    }
    outcome[i] = Math.round(y / ((k * (k + 1)) / 2) + 2 * (rand() - 0.5));
  }
  return { outcome, drivers, labels: drivers.map((_, j) => `d${j + 1}`) };
}

async function main() {
  const lines: string[] = [];
  const texts = comments(100_000);
  lexicons();
  const bareMap = new Map(lexicons().en.exact);
  for (const [w, v] of lexicons().es.exact) bareMap.set(w, v);
  const base = await time("bare lookup", () => bareLookup(texts, bareMap), 5, 1);
  const detected = await time("sentiment, language detected", () => texts.map((t) => sentiment(t)), 5, 1);
  const given = await time("sentiment, language given", () => texts.map((t, i) => sentiment(t, i % 2 ? "en" : "es")), 5, 1);
  // CPU time of one more run: on a shared, loaded machine wall-clock time overstates the cost.
  const c0 = process.cpuUsage();
  texts.map((t) => sentiment(t));
  const cpu = process.cpuUsage(c0);
  lines.push(`100,000 comments, CPU time of one run with detection: ${fmt((cpu.user + cpu.system) / 1000)}`);
  lines.push(
    `100,000 comments: CXM.SENTIMENT core ${fmt(detected.medianMs)} with language detection, ${fmt(given.medianMs)} with the language given (target <= 2 s); ` +
      `bare word lookup in the same lexicon, no rules: ${fmt(base.medianMs)}`,
  );
  const themes = await time("themes", () => commentThemeTable(texts, null, 10), 3, 1);
  lines.push(`100,000 comments: CXM.THEMES core (sentiment, themes, counts) ${fmt(themes.medianMs)}`);

  const { outcome, drivers, labels } = driverData(100_000, 12);
  const corr = await time("correlation matrix", () => correlationMatrix(outcome, drivers, labels), 7, 1);
  const johnson = await time("johnson", () => keyDrivers(outcome, drivers, labels, "johnson"), 7, 1);
  const shapley = await time("shapley", () => keyDrivers(outcome, drivers, labels, "shapley"), 7, 1);
  lines.push(
    `100,000 rows x 12 drivers: CXM.DRIVERS core, Johnson ${fmt(johnson.medianMs)}, exact Shapley (4,096 subsets) ${fmt(shapley.medianMs)} (target <= 1 s); ` +
      `the correlation matrix alone ${fmt(corr.medianMs)}`,
  );
  const dist = path.join(__dirname, "..", "dist");
  if (existsSync(path.join(dist, "functions.js"))) {
    const size = (file: string) => {
      const raw = readFileSync(path.join(dist, file));
      return `${(raw.length / 1024).toFixed(1)} KB (${(gzipSync(raw, { level: 9 }).length / 1024).toFixed(1)} KB gzipped)`;
    };
    const chunk = readdirSync(dist).find((f) => f.startsWith("text-engine."));
    lines.push(`functions.js ${size("functions.js")}, loaded at start-up (target <= 100 KB gzipped); ${chunk ?? "text-engine chunk missing"} ${chunk ? size(chunk) : ""}, loaded on the first text call`);
  } else lines.push("bundle sizes: run `npm run build` first");
  lines.push(`peak memory ${peakRssMb().toFixed(0)} MB; load average during the run ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
  report("Comments (sentiment, themes) and key drivers", lines);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
