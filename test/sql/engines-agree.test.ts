/**
 * The SQL computes what the TypeScript engines compute, proven on real
 * engines: DuckDB (in process) and a real PostgreSQL server (see
 * test/support/postgres.ts). On random logs (fast-check), every aggregate's
 * result, read back by src/sql's parsers, equals the engine's output cell for
 * cell (sums to rounding: the engines add in another order). Every log holds
 * a customer whose first purchase precedes everyone else's by years — the
 * trap of a month spine that starts at a fixed date or at the wrong table's
 * first row (dbt-labs/mrr-playbook) — and so months with no activity at all.
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { Client } from "pg";
import { DuckDbEngine } from "../../src/cli/duckdb-engine";
import { cohortTable, CohortPeriod } from "../../src/metrics/cohort";
import { serialFromIso } from "../../src/metrics/dates";
import { seededRandom } from "../../src/metrics/random";
import { mrrMovements } from "../../src/metrics/mrr-movements";
import { rfmSummary, RfmUnit } from "../../src/metrics/rfm";
import { segmentMatrix, segmentSummary } from "../../src/metrics/segment-matrix";
import { cohortSql } from "../../src/sql/cohort";
import { Dialect, dialect } from "../../src/sql/dialects";
import { mrrSql } from "../../src/sql/mrr";
import { parseCohortResult } from "../../src/sql/parse-cohort";
import { parseMrrResult } from "../../src/sql/parse-mrr";
import { parseRfmResult } from "../../src/sql/parse-rfm";
import { parseSegmentResult } from "../../src/sql/parse-segments";
import { ResultTable, resultFromObjects, isoOfSerial } from "../../src/sql/result-table";
import { rfmSql } from "../../src/sql/rfm";
import { segmentSql } from "../../src/sql/segments";
import { tempDir } from "../support/cli";
import { postgresAvailability, PostgresServer, startPostgres } from "../support/postgres";
import { expectSameCells, tableStatements } from "../support/sql-data";

interface Engine {
  dialect: Dialect;
  exec(statements: string[]): Promise<void>;
  query(sql: string): Promise<ResultTable>;
}

const postgres = postgresAvailability();
const engines: Engine[] = [];
let duck: DuckDbEngine | null = null;
let server: PostgresServer | null = null;
let client: Client | null = null;

beforeAll(async () => {
  duck = await DuckDbEngine.open({ threads: 1 });
  const d = duck;
  engines.push({
    dialect: dialect("duckdb"),
    exec: async (statements) => {
      for (const s of statements) await d.run(s);
    },
    query: (sql) => d.query(sql),
  });
  if (postgres.available) {
    server = startPostgres();
    client = await server.connect();
    const c = client;
    engines.push({
      dialect: dialect("postgres"),
      exec: async (statements) => {
        for (const s of statements) await c.query(s);
      },
      query: async (sql) => {
        const r = await c.query(sql);
        return resultFromObjects(r.rows, "the PostgreSQL result", r.fields.map((f) => f.name));
      },
    });
  } else console.warn(postgres.why);
}, 60_000);

afterAll(async () => {
  duck?.close();
  await client?.end();
  server?.stop();
});

describe("the engines these tests compare", () => {
  test("DuckDB runs, and PostgreSQL too where it is installed (in CI it must be)", () => {
    expect(engines.map((e) => e.dialect.name)).toContain("duckdb");
    if (postgres.available || process.env.CI) {
      if (!postgres.available) throw new Error(`CI must run the PostgreSQL tests. ${postgres.why}`);
      expect(engines.map((e) => e.dialect.name)).toContain("postgres");
    }
  });

  if (postgres.available) {
    test(`the PostgreSQL engine is a real server (${postgres.how})`, async () => {
      const r = await client!.query("SELECT version() AS v");
      expect(r.rows[0].v).toMatch(/^PostgreSQL \d+/);
    });
  } else {
    // Said in the test list and the summary's skipped count, not hidden: this clone has no PostgreSQL.
    test.skip(postgres.why, () => undefined);
  }
});

// ---------------------------------------------------------------- random logs

const BASE = serialFromIso("2023-01-02");

interface Log {
  ids: (string | null)[];
  dates: number[];
  amounts: number[];
}

/**
 * Up to 12 customers buying over ~14 months with a quarter of silence in the
 * middle, plus "early", whose first purchase is 2-4 years before anyone's
 * (and who may come back later), and now and then a row with no customer.
 */
const logArbitrary: fc.Arbitrary<Log> = fc
  .record({
    rows: fc.array(fc.record({ c: fc.nat(11), day: fc.nat(330), cents: fc.integer({ min: 0, max: 99_999 }) }), { minLength: 1, maxLength: 60 }),
    earlyDaysBefore: fc.integer({ min: 700, max: 1500 }),
    earlyComesBack: fc.option(fc.nat(330)),
    blankRow: fc.boolean(),
  })
  .map(({ rows, earlyDaysBefore, earlyComesBack, blankRow }) => {
    const day = (d: number) => BASE + (d > 150 ? d + 95 : d); // days 151.. jump a quarter: months with no activity
    const log: Log = { ids: [], dates: [], amounts: [] };
    const add = (id: string | null, date: number, amount: number) => {
      log.ids.push(id);
      log.dates.push(date);
      log.amounts.push(amount);
    };
    add("early", BASE - earlyDaysBefore, 42.5);
    for (const r of rows) add(`c${r.c}`, day(r.day), r.cents / 100);
    if (earlyComesBack !== null) add("early", day(earlyComesBack), 10);
    if (blankRow) add(null, day(3), 999);
    return log;
  });

function logTable(log: Log, table: string): string[] {
  return tableStatements(table, [
    { name: "customer", type: "TEXT", values: log.ids },
    { name: "date", type: "DATE", values: log.dates.map((d) => ({ date: d })) },
    { name: "amount", type: "DOUBLE PRECISION", values: log.amounts },
  ]);
}

const LOG_COLUMNS = { customer: "customer", date: "date", amount: "amount" };
const RUNS = { numRuns: 25 };
/** Each property runs dozens of queries on two engines: minutes on a busy machine, never the 5 s default. */
const LONG = 300_000;

describe("TypeScript, DuckDB and PostgreSQL agree cell for cell on random logs", () => {
  test("cohort triangles: every period, customers and revenue, counts and shares", async () => {
    await fc.assert(
      fc.asyncProperty(logArbitrary, async (log) => {
        for (const e of engines) {
          await e.exec(logTable(log, "tx_cohort"));
          for (const period of ["week", "month", "quarter", "year"] as CohortPeriod[]) {
            const result = await e.query(cohortSql({ dialect: e.dialect, source: { from: "tx_cohort", columns: LOG_COLUMNS }, period }));
            for (const measure of ["customers", "revenue"] as const) {
              for (const output of ["count", "share"] as const) {
                const expected = cohortTable(log.ids, log.dates, log.amounts, { period, measure, output });
                expectSameCells(parseCohortResult(result, { period, measure, output }), expected, `${e.dialect.name} ${period} ${measure} ${output}`);
              }
            }
          }
        }
      }),
      RUNS,
    );
  }, LONG);

  test("MRR movements: every month from the first to the last, silent months included", async () => {
    await fc.assert(
      fc.asyncProperty(logArbitrary, async (log) => {
        const expected = mrrMovements(log.ids, log.dates, log.amounts);
        // The log always spans months in which nobody paid: the spine must show them.
        expect(expected.some((m) => m.customersAtEnd === 0)).toBe(true);
        for (const e of engines) {
          await e.exec(logTable(log, "tx_mrr"));
          const result = await e.query(mrrSql({ dialect: e.dialect, source: { from: "tx_mrr", columns: { customer: "customer", month: "date", mrr: "amount" } } }));
          expectSameCells(parseMrrResult(result), expected, e.dialect.name);
        }
      }),
      RUNS,
    );
  }, LONG);

  test("RFM summary in days, weeks and months, to the last date or to a given as-of date", async () => {
    await fc.assert(
      fc.asyncProperty(logArbitrary, fc.option(fc.nat(450)), async (log, asOfDay) => {
        const asOf = asOfDay === null ? null : BASE + asOfDay;
        const byId = (s: ReturnType<typeof rfmSummary>) => {
          const rows = s.ids.map((id, i) => [String(id), [s.frequency[i], s.recency[i], s.T[i], s.monetaryValue![i]]] as const);
          return { rows: Object.fromEntries(rows), asOf: s.asOf, unit: s.unit, count: s.ids.length };
        };
        for (const e of engines) {
          await e.exec(logTable(log, "tx_rfm"));
          const sql = rfmSql({ dialect: e.dialect, source: { from: "tx_rfm", columns: LOG_COLUMNS }, asOf: asOf === null ? null : isoOfSerial(asOf) });
          const result = await e.query(sql);
          for (const unit of ["day", "week", "month"] as RfmUnit[]) {
            let expected;
            try {
              expected = rfmSummary(log.ids, log.dates, log.amounts, { unit, asOf });
            } catch {
              expect(result.rows).toHaveLength(0); // nobody bought by as_of: no row either
              continue;
            }
            expectSameCells(byId(parseRfmResult(result, unit)), byId(expected), `${e.dialect.name} ${unit}`);
          }
        }
      }),
      RUNS,
    );
  }, LONG);

  const segment = fc.constantFrom<string | null>("Bronze", "Silver", "Gold", "Platinum", null, " gold ");
  const snapshots = fc.array(fc.record({ before: segment, after: segment, cents: fc.integer({ min: 0, max: 500_000 }) }), { minLength: 1, maxLength: 40 });

  test("segment matrices (counts and values) and the moved up / down / stayed / lost shares", async () => {
    await fc.assert(
      fc.asyncProperty(snapshots, async (rows) => {
        const from = rows.map((r) => r.before), to = rows.map((r) => r.after), values = rows.map((r) => r.cents / 100);
        const order = ["Bronze", "Silver", "Gold", "Platinum"];
        let summary;
        try {
          summary = segmentSummary(from, to, order);
        } catch {
          summary = null; // nobody had a segment before
        }
        const counts = segmentMatrix(from, to);
        const sums = segmentMatrix(from, to, values);
        for (const e of engines) {
          await e.exec(
            tableStatements("snap", [
              { name: "customer", type: "TEXT", values: rows.map((_, i) => `c${i}`) },
              { name: "before", type: "TEXT", values: from },
              { name: "after", type: "TEXT", values: to },
              { name: "value", type: "DOUBLE PRECISION", values },
            ]),
          );
          const result = await e.query(segmentSql({ dialect: e.dialect, source: { from: "snap", columns: { customer: "customer", before: "before", after: "after", value: "value" } } }));
          if (counts.segments.length === 0) {
            expect(result.rows).toHaveLength(0);
            continue;
          }
          // The engine's default order is first seen; give the parser that order so the matrices line up.
          if (summary === null) {
            expect(() => parseSegmentResult(result, counts.segments)).toThrow("No customer had a segment before");
            continue;
          }
          const parsed = parseSegmentResult(result, counts.segments);
          expectSameCells(parsed.counts.matrix, counts.matrix, `${e.dialect.name} counts`);
          expectSameCells(parsed.values!.matrix, sums.matrix, `${e.dialect.name} values`);
          expectSameCells(parseSegmentResult(result, order).summary, summary, `${e.dialect.name} summary`);
        }
      }),
      RUNS,
    );
  }, LONG);
});

describe("at Excel's row limit: 1,048,576 transactions", () => {
  const ROWS = 1_048_576;
  const random = seededRandom(17);
  const log: Log = { ids: new Array(ROWS), dates: new Array(ROWS), amounts: new Array(ROWS) };
  for (let i = 0; i < ROWS; i++) {
    const day = Math.floor(random() * 700);
    log.ids[i] = `c${Math.floor(random() * 150_000)}`;
    log.dates[i] = BASE + (day > 350 ? day + 95 : day);
    log.amounts[i] = Math.round(random() * 20_000) / 100;
  }
  log.ids[ROWS - 1] = "early";
  log.dates[ROWS - 1] = BASE - 1000;

  /** Loads the log: DuckDB from a CSV file, PostgreSQL from three arrays in one INSERT (no row-by-row statements). */
  async function load(e: Engine): Promise<void> {
    if (e.dialect.name === "duckdb") {
      const dir = tempDir("cxm-limit-");
      const file = path.join(dir, "log.csv");
      const lines = ["customer,date,amount"];
      for (let i = 0; i < ROWS; i++) lines.push(`${log.ids[i]},${isoOfSerial(log.dates[i])},${log.amounts[i]}`);
      writeFileSync(file, lines.join("\n") + "\n");
      await e.exec([`CREATE OR REPLACE TABLE tx_limit AS SELECT * FROM read_csv('${file}', columns = {'customer': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE'})`]);
      rmSync(dir, { recursive: true, force: true });
    } else {
      await client!.query("DROP TABLE IF EXISTS tx_limit");
      await client!.query("CREATE TABLE tx_limit (customer TEXT, date DATE, amount DOUBLE PRECISION)");
      await client!.query("INSERT INTO tx_limit SELECT * FROM UNNEST($1::text[], $2::date[], $3::float8[])", [log.ids, log.dates.map(isoOfSerial), log.amounts]);
    }
  }

  test("cohort triangles and MRR movements agree with the engines on every engine", async () => {
    const customers = cohortTable(log.ids, log.dates, null, { period: "month", output: "count" });
    const revenue = cohortTable(log.ids, log.dates, log.amounts, { period: "month", measure: "revenue", output: "count" });
    const mrr = mrrMovements(log.ids, log.dates, log.amounts);
    for (const e of engines) {
      await load(e);
      const cohorts = await e.query(cohortSql({ dialect: e.dialect, source: { from: "tx_limit", columns: LOG_COLUMNS } }));
      expectSameCells(parseCohortResult(cohorts, { measure: "customers", output: "count" }), customers, `${e.dialect.name} customers`);
      expectSameCells(parseCohortResult(cohorts, { measure: "revenue", output: "count" }), revenue, `${e.dialect.name} revenue`);
      const months = await e.query(mrrSql({ dialect: e.dialect, source: { from: "tx_limit", columns: { customer: "customer", month: "date", mrr: "amount" } } }));
      expectSameCells(parseMrrResult(months), mrr, `${e.dialect.name} mrr`);
    }
  }, LONG);
});
