/**
 * `cxm sql` and `cxm template --aggregates`, run in-process: the SQL printed
 * per dialect with the user's column names, DuckDB run over a file to a
 * result CSV, that CSV read back, and every mistake named with exit code 2
 * (usage) or 1 (a result that is not the aggregates).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { mrrMovements } from "../../src/metrics/mrr-movements";
import { parseMrrResult } from "../../src/sql/parse-mrr";
import { isoOfSerial, resultFromCsv } from "../../src/sql/result-table";
import { sampleSubscriptionLog } from "../../src/templates/sample-transactions";
import { runCli, tempDir } from "../support/cli";
import { expectSameCells } from "../support/sql-data";

describe("cxm sql prints the SQL", () => {
  test("for BigQuery, with the table and the user's column names quoted as BigQuery needs", async () => {
    const r = await runCli(["sql", "cohort-retention", "--dialect", "bigquery", "--table", "my-project.shop.orders", "--map", "date=Order Date", "--map", "customer=user_id", "--option", "period=week"], tempDir());
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^-- cxm: cohort triangle, by week \(BigQuery\)/);
    expect(r.out).toContain("FROM `my-project`.shop.orders");
    expect(r.out).toContain("CAST(`Order Date` AS DATE) AS d");
    expect(r.out).toContain("SELECT user_id AS customer");
    expect(r.out).toContain("GENERATE_ARRAY(bounds.lo, bounds.hi)");
  });

  test("--map amount= leaves the optional amount out (no revenue column)", async () => {
    const r = await runCli(["sql", "cohort-retention", "--dialect", "postgres", "--table", "t", "--map", "amount="], tempDir());
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("revenue");
  });

  test.each([
    [["sql"], "cxm sql needs a template id"],
    [["sql", "ltv-cac", "--dialect", "postgres", "--table", "t"], 'Template "ltv-cac" has no SQL'],
    [["sql", "mrr-bridge", "--table", "t"], "cxm sql needs --dialect (duckdb, postgres, bigquery, snowflake, spark)"],
    [["sql", "mrr-bridge", "--dialect", "oracle", "--table", "t"], 'Unknown SQL dialect "oracle"'],
    [["sql", "mrr-bridge", "--dialect", "spark"], "cxm sql needs --table NAME"],
    [["sql", "mrr-bridge", "--dialect", "spark", "--table", "t", "--map", "plan=tier"], 'template mrr-bridge has no column "plan"'],
    [["sql", "mrr-bridge", "--dialect", "spark", "--table", "t", "--map", "mrr="], "mrr is required and cannot be left out"],
    [["sql", "cohort-retention", "--dialect", "spark", "--table", "t", "--option", "period=day"], "period must be one of week, month, quarter, year"],
    [["sql", "cohort-retention", "--dialect", "spark", "--table", "t", "--bogus"], "Unknown flag --bogus"],
    [["sql", "cohort-retention", "--dialect", "spark", "--table", "t", "--out", "x.csv"], "--out goes with --input"],
  ])("%j is a usage error (exit 2) naming what is wrong", async (argv, message) => {
    const r = await runCli(argv, tempDir());
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  test("cxm --help lists the SQL commands", async () => {
    const r = await runCli(["--help"], tempDir());
    expect(r.out).toContain("cxm sql <template> --dialect duckdb|postgres|bigquery|snowflake|spark --table NAME");
    expect(r.out).toContain("cxm template <id> --aggregates result.csv");
  });
});

describe("cxm sql --input runs it with DuckDB; cxm template --aggregates reads the result", () => {
  const subs = sampleSubscriptionLog({ newPerMonth: 12, months: 10, seed: 11 });
  const expected = mrrMovements(subs.map((s) => s.customer), subs.map((s) => s.month), subs.map((s) => s.mrr));
  const dir = tempDir();
  writeFileSync(path.join(dir, "subs.csv"), ["customer,month,mrr", ...subs.map((s) => `${s.customer},${isoOfSerial(s.month)},${s.mrr}`)].join("\n") + "\n");

  test("the result CSV holds the engine's MRR movements, and is not written over", async () => {
    const r = await runCli(["sql", "mrr-bridge", "--input", "subs.csv", "--out", "mrr.csv", "--threads", "1"], dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain("Computing the MRR movements by month (new, expansion, contraction, churn, reactivation) with DuckDB from subs.csv.");
    expectSameCells(parseMrrResult(resultFromCsv(readFileSync(path.join(dir, "mrr.csv"), "utf8"))), expected);
    const again = await runCli(["sql", "mrr-bridge", "--input", "subs.csv", "--out", "mrr.csv"], dir);
    expect(again.code).toBe(2);
    expect(again.err).toContain("mrr.csv already exists: cxm does not replace files");
  });

  test("without --out the result goes to the screen", async () => {
    const r = await runCli(["sql", "mrr-bridge", "--input", "subs.csv", "--threads", "1"], dir);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe("month,start_mrr,new_mrr,expansion,contraction,churn,reactivation,end_mrr,customers_at_start,customers_at_end,negative_mrr_customers");
    expect(r.out.split("\n")).toHaveLength(expected.length + 1);
  });

  test("--aggregates reads the result back and says what it holds, in English or Spanish", async () => {
    if (!existsSync(path.join(dir, "mrr.csv"))) await runCli(["sql", "mrr-bridge", "--input", "subs.csv", "--out", "mrr.csv"], dir);
    const en = await runCli(["template", "mrr-bridge", "--aggregates", "mrr.csv"], dir);
    expect(en.code).toBe(0);
    expect(en.out).toContain(`MRR movements: ${expected.length} months, 2024-01 to `);
    const es = await runCli(["template", "mrr-bridge", "--aggregates", "mrr.csv", "--lang", "es"], dir);
    expect(es.out).toContain(`Movimientos de MRR: ${expected.length} meses, de 2024-01 a `);
  });

  test("a result that is not the aggregates is refused in the user's language (exit 1)", async () => {
    writeFileSync(path.join(dir, "bad.csv"), "month,end_mrr\n2024-01-01,5\n");
    const es = await runCli(["template", "mrr-bridge", "--aggregates", "bad.csv", "--lang", "es"], dir);
    expect(es.code).toBe(1);
    expect(es.err).toContain("cxm: bad.csv no tiene la columna start_mrr");
    const missing = await runCli(["template", "mrr-bridge", "--aggregates", "nope.csv"], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("File not found: nope.csv");
  });

  test("--input with another dialect is a usage error", async () => {
    const r = await runCli(["sql", "mrr-bridge", "--input", "subs.csv", "--dialect", "bigquery"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--input runs the SQL with DuckDB: leave out --dialect bigquery.");
  });
});
