/**
 * DuckDB reading files where they lie: one CSV, a glob of CSV parts and a
 * glob of Parquet parts give the aggregates the TypeScript engines give for
 * the same rows; headers map as the CLI maps them (English or Spanish, or
 * --map); the columns' types are checked; and the engine is chosen by format,
 * file count and size.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { aggregatesFromFiles, chooseEngine, DUCKDB_THRESHOLD_BYTES, DuckDbEngine, fileSource, formatOf } from "../../src/cli/duckdb-engine";
import { cohortTable } from "../../src/metrics/cohort";
import { mrrMovements } from "../../src/metrics/mrr-movements";
import { rfmSummary } from "../../src/metrics/rfm";
import { segmentMatrix } from "../../src/metrics/segment-matrix";
import { Aggregates, sqlOptions, sqlTemplate } from "../../src/sql/aggregates";
import { isoOfSerial } from "../../src/sql/result-table";
import { templates } from "../../src/templates/registry";
import { sampleSnapshots } from "../../src/templates/segment-movement/sample";
import { sampleSubscriptionLog, sampleTransactionLog } from "../../src/templates/sample-transactions";
import { tempDir } from "../support/cli";
import { expectSameCells } from "../support/sql-data";

const log = sampleTransactionLog({ newPerMonth: 25, months: 14, seed: 3 });
const dir = tempDir("cxm-duckdb-test-");
let engine: DuckDbEngine;

/** The log as CSV with Spanish headers and semicolons, as Spanish Excel exports it (dates ISO). */
function writeLogCsv(file: string, rows: typeof log): void {
  writeFileSync(file, ["cliente;fecha;importe", ...rows.map((t) => `${t.customer};${isoOfSerial(t.date)};${t.amount}`)].join("\n") + "\n");
}

beforeAll(async () => {
  engine = await DuckDbEngine.open({ threads: 1 });
  writeLogCsv(path.join(dir, "log.csv"), log);
  mkdirSync(path.join(dir, "parts"));
  const third = Math.ceil(log.length / 3);
  for (let i = 0; i < 3; i++) writeLogCsv(path.join(dir, "parts", `part-${i}.csv`), log.slice(i * third, (i + 1) * third));
  // DuckDB itself writes the Parquet parts.
  mkdirSync(path.join(dir, "parquet"));
  for (let i = 0; i < 3; i++) {
    await engine.run(`COPY (SELECT * FROM read_csv('${path.join(dir, "parts", `part-${i}.csv`)}')) TO '${path.join(dir, "parquet", `part-${i}.parquet`)}' (FORMAT parquet)`);
  }
}, 60_000);

afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

function columnsOf(id: string) {
  return templates.find((t) => t.id === id)!.columns;
}

async function aggregates(id: string, files: string[], map: [string, string][] = [], options: [string, string][] = []): Promise<Aggregates> {
  const template = sqlTemplate(id);
  const done = await aggregatesFromFiles(engine, { template, columns: columnsOf(id), files, map, options: sqlOptions(template, options), label: "test input" });
  return done.aggregates;
}

const ids = log.map((t) => t.customer), dates = log.map((t) => t.date), amounts = log.map((t) => t.amount);

describe("the same cohort triangle from one CSV, a glob of CSV parts and a glob of Parquet parts", () => {
  test.each([
    ["one CSV", () => [path.join(dir, "log.csv")]],
    ["a glob of 3 CSV files", () => [path.join(dir, "parts", "part-*.csv")]],
    ["a glob of 3 Parquet files", () => [path.join(dir, "parquet", "*.parquet")]],
  ])("%s", async (_label, files) => {
    const a = await aggregates("cohort-retention", files(), [], [["period", "month"]]);
    if (a.kind !== "cohort") throw new Error(a.kind);
    expectSameCells(a.customers, cohortTable(ids, dates, null, { period: "month", output: "count" }), "customers");
    expectSameCells(a.revenue, cohortTable(ids, dates, amounts, { period: "month", measure: "revenue", output: "count" }), "revenue");
  });
});

test("RFM summary from Parquet, in weeks, as rfmSummary gives it", async () => {
  const a = await aggregates("customer-lifetime-value", [path.join(dir, "parquet", "*.parquet")], [], [["timeUnit", "week"]]);
  if (a.kind !== "rfm") throw new Error(a.kind);
  const expected = rfmSummary(ids, dates, amounts, { unit: "week" });
  const byId = (s: typeof expected) => Object.fromEntries(s.ids.map((id, i) => [id, [s.frequency[i], s.recency[i], s.T[i], s.monetaryValue![i]]]));
  expectSameCells(byId(a.summary), byId(expected));
  expect(a.summary.asOf).toBe(expected.asOf);
});

test("MRR movements from a CSV whose headers need --map", async () => {
  const subs = sampleSubscriptionLog({ newPerMonth: 15, months: 12, seed: 5 });
  const file = path.join(dir, "billing.csv");
  writeFileSync(file, ["Account ID,Billing Month,Monthly fee", ...subs.map((s) => `${s.customer},${isoOfSerial(s.month)},${s.mrr}`)].join("\n") + "\n");
  const a = await aggregates("mrr-bridge", [file], [
    ["customer", "Account ID"],
    ["month", "Billing Month"],
    ["mrr", "Monthly fee"],
  ]);
  if (a.kind !== "mrr") throw new Error(a.kind);
  expectSameCells(a.months, mrrMovements(subs.map((s) => s.customer), subs.map((s) => s.month), subs.map((s) => s.mrr)));
});

test("segment matrix from the sample snapshots (English headers mapped automatically)", async () => {
  const [header, ...rows] = sampleSnapshots({ customers: 300, seed: 9 });
  const file = path.join(dir, "snapshots.csv");
  writeFileSync(file, [header.join(","), ...rows.map((r) => r.join(","))].join("\n") + "\n");
  const a = await aggregates("segment-movement", [file], [], [["segmentOrder", "Bronze, Silver, Gold, Platinum"]]);
  if (a.kind !== "segments") throw new Error(a.kind);
  const core = segmentMatrix(
    rows.map((r) => r[1]),
    rows.map((r) => r[2]),
  );
  // Same cells once the core's first-seen order is put in the given order.
  const order = ["bronze", "silver", "gold", "platinum"];
  const pos = [...core.segments.map((s) => order.indexOf(String(s).toLowerCase())), order.length];
  const reordered = Array.from({ length: order.length + 1 }, () => new Array<number>(order.length + 1).fill(0));
  core.matrix.forEach((row, i) => row.forEach((v, j) => (reordered[pos[i]][pos[j]] += v)));
  expect(a.counts.matrix).toEqual(reordered);
});

describe("mistakes are named", () => {
  test("a column DuckDB read as text where numbers belong (a decimal comma)", async () => {
    const file = path.join(dir, "comma.csv");
    writeFileSync(file, "cliente;fecha;importe\na;2024-01-05;1.234,50\nb;2024-02-05;12,00\n");
    await expect(aggregates("cohort-retention", [file])).rejects.toThrow('column "importe" (amount) holds VARCHAR, not numbers');
  });

  test("a required column with no header", async () => {
    const file = path.join(dir, "nodate.csv");
    writeFileSync(file, "customer,amount\na,1\n");
    await expect(aggregates("cohort-retention", [file])).rejects.toThrow("test input has no column for date");
  });

  test("a glob that matches nothing", async () => {
    await expect(aggregates("cohort-retention", [path.join(dir, "none", "*.csv")])).rejects.toThrow("DuckDB cannot read test input");
  });

  test("mixed or unknown formats", () => {
    expect(() => fileSource(["a.csv", "b.parquet"])).toThrow("mixes CSV and Parquet");
    expect(() => fileSource(["a.xlsx"])).toThrow("a.xlsx: DuckDB reads .csv");
    expect(fileSource(["it's.csv"])).toBe("read_csv(['it''s.csv'], header = true, union_by_name = true)");
  });
});

describe("which engine", () => {
  test("formats from extensions, compressed CSV included", () => {
    expect([formatOf("a.CSV"), formatOf("a.tsv.gz"), formatOf("x/*.parquet"), formatOf("a.xlsx")]).toEqual(["csv", "csv", "parquet", null]);
  });

  test("DuckDB for Parquet, for several files and above the size threshold, saying why", () => {
    expect(chooseEngine([{ file: "a.csv", bytes: 1000 }])).toEqual({ engine: "typescript", reason: "" });
    expect(chooseEngine([{ file: "a.parquet", bytes: 1000 }])).toEqual({ engine: "duckdb", reason: "Parquet input: computing with DuckDB." });
    expect(chooseEngine([{ file: "a.csv", bytes: 1 }, { file: "b.csv", bytes: 1 }]).engine).toBe("duckdb");
    expect(chooseEngine([{ file: "/data/big.csv", bytes: DUCKDB_THRESHOLD_BYTES + 1 }])).toEqual({ engine: "duckdb", reason: "big.csv is 256 MB, above 256 MB: computing with DuckDB." });
  });
});
