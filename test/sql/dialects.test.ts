/**
 * Every dialect's SQL is valid for its engine's grammar, calls only functions
 * that engine documents, and differs from the others only where dialects.ts
 * says engines differ. DuckDB's and PostgreSQL's SQL also run for real
 * (engines-agree.test.ts); BigQuery's and Snowflake's are parsed by
 * node-sql-parser's grammar for each, and Spark's by dt-sql-parser's SparkSQL,
 * a grammar derived from Spark's own ANTLR grammar (SqlBaseParser.g4).
 */
import { SparkSQL } from "dt-sql-parser";
import { Parser } from "node-sql-parser";
import { SQL_TEMPLATES } from "../../src/sql/aggregates";
import { DialectName, DIALECTS, dialect, tableName } from "../../src/sql/dialects";

/** Every template's SQL in each variant that changes its text. */
function variants(name: DialectName): { label: string; sql: string }[] {
  const d = dialect(name);
  const out: { label: string; sql: string }[] = [];
  for (const t of SQL_TEMPLATES) {
    const all = Object.fromEntries(t.columns.map((c) => [c.key, c.key]));
    const required = Object.fromEntries(t.columns.filter((c) => c.required).map((c) => [c.key, c.key]));
    const base = Object.fromEntries(t.options.map((o) => [o.key, o.default]));
    const optionSets: Record<string, string>[] = [base];
    if (t.id === "cohort-retention") for (const period of ["week", "quarter", "year"]) optionSets.push({ ...base, period });
    if (t.id === "customer-lifetime-value") optionSets.push({ ...base, asOf: "2024-06-30" });
    for (const options of optionSets) {
      for (const columns of [all, required]) {
        const from = tableName(d, "analytics.orders");
        out.push({ label: `${t.id} ${JSON.stringify(options)} ${Object.keys(columns).join("+")}`, sql: t.sql(d, { from, columns }, options) });
      }
    }
  }
  return out;
}

const nodeSqlParser = new Parser();
const spark = new SparkSQL();

describe.each(["bigquery", "snowflake"] as const)("%s SQL parses with node-sql-parser's %s grammar", (name) => {
  test.each(variants(name))("$label", ({ sql }) => {
    expect(() => nodeSqlParser.astify(sql, { database: name })).not.toThrow();
  });

  test("the grammar refuses what the dialect lacks (the check can fail)", () => {
    // PostgreSQL's set-returning function in FROM with a column alias list is not BigQuery or Snowflake syntax.
    expect(() => nodeSqlParser.astify("SELECT p FROM generate_series(1, 3) AS s(p)", { database: name })).toThrow();
  });
});

describe("Spark SQL parses with dt-sql-parser's SparkSQL grammar", () => {
  test.each(variants("spark"))("$label", ({ sql }) => {
    expect(spark.validate(sql)).toEqual([]);
  });

  test("the grammar refuses what Spark lacks (the check can fail)", () => {
    expect(spark.validate("SELECT p FROM t WHERE p <> ''::TEXT").length).toBeGreaterThan(0);
  });
});

describe("PostgreSQL SQL also parses with node-sql-parser's postgresql grammar", () => {
  test.each(variants("postgres"))("$label", ({ sql }) => {
    expect(() => nodeSqlParser.astify(sql, { database: "postgresql" })).not.toThrow();
  });
});

/**
 * Functions each engine documents (see dialects.ts for the manuals): the ones
 * all five share, and each dialect's own.
 */
const SHARED = ["COUNT", "SUM", "MIN", "MAX", "ABS", "CAST", "COALESCE", "NULLIF", "EXTRACT", "FLOOR", "TRIM", "LOWER", "LAG", "LEAD"];
const OWN: Record<DialectName, string[]> = {
  postgres: ["GENERATE_SERIES", "MAKE_DATE"],
  duckdb: ["GENERATE_SERIES", "UNNEST", "MAKE_DATE"],
  bigquery: ["GENERATE_ARRAY", "UNNEST", "DATE_DIFF", "DATE_ADD", "DATE"],
  snowflake: ["ARRAY_GENERATE_RANGE", "FLATTEN", "DATEDIFF", "DATEADD", "DATE_FROM_PARTS"],
  spark: ["SEQUENCE", "EXPLODE", "DATEDIFF", "DATE_ADD", "MAKE_DATE"],
};
/** Words followed by "(" that are syntax, not calls. */
const SYNTAX = new Set(["AS", "OVER", "IN", "FROM", "AND", "OR", "ON", "SELECT", "WHEN", "THEN", "ELSE", "WHERE", "WITH"]);

function calledFunctions(sql: string): Set<string> {
  const code = sql.replace(/--[^\n]*/g, "").replace(/'[^']*'/g, "''");
  const names = new Set<string>();
  for (const m of code.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) {
    const word = m[1].toUpperCase();
    if (!SYNTAX.has(word)) names.add(word);
  }
  return names;
}

describe.each(DIALECTS)("%s SQL calls only functions %s documents", (name) => {
  test("every call is a shared function or one of the dialect's own", () => {
    const allowed = new Set([...SHARED, ...OWN[name]]);
    const used = new Set<string>();
    for (const { sql } of variants(name)) for (const f of calledFunctions(sql)) used.add(f);
    expect([...used].filter((f) => !allowed.has(f))).toEqual([]);
    // And the dialect's own functions are really used (the list is not stale).
    expect(OWN[name].filter((f) => !used.has(f))).toEqual([]);
  });
});

describe("the dialects differ only where dialects.ts says", () => {
  const reference = variants("postgres");
  test.each(DIALECTS.filter((n) => n !== "postgres"))("%s: every line that differs from PostgreSQL's holds one of its primitives", (name) => {
    const d = dialect(name);
    const markers = [...OWN[name], d.types.int, d.types.float, d.types.text, "`", `(${d.label})`];
    const own = variants(name);
    let differing = 0, total = 0;
    own.forEach(({ sql }, i) => {
      const a = sql.split("\n"), b = reference[i].sql.split("\n");
      expect(a.length).toBe(b.length);
      a.forEach((line, k) => {
        total++;
        if (line === b[k]) return;
        differing++;
        expect({ line, primitive: markers.some((m) => line.toUpperCase().includes(m.toUpperCase())) }).toEqual({ line, primitive: true });
      });
    });
    // Small: most lines are the same text in every dialect.
    expect(differing / total).toBeLessThan(0.25);
  });
});

describe("names: quoted only when they must be", () => {
  test("plain names stay bare, so Snowflake's and PostgreSQL's own case rules find them", () => {
    expect(tableName(dialect("snowflake"), "analytics.orders")).toBe("analytics.orders");
    expect(dialect("snowflake").quote("customer_id")).toBe("customer_id");
    expect(dialect("postgres").quote("Customer_ID")).toBe("Customer_ID");
  });

  test("names with spaces, accents or reserved words are quoted in the dialect's way", () => {
    expect(dialect("postgres").quote("Order Date")).toBe('"Order Date"');
    expect(dialect("bigquery").quote("Order Date")).toBe("`Order Date`");
    expect(dialect("spark").quote("fecha de compra")).toBe("`fecha de compra`");
    expect(dialect("duckdb").quote("importe €")).toBe('"importe €"');
    expect(dialect("snowflake").quote("order")).toBe('"order"');
    expect(tableName(dialect("bigquery"), "my-project.shop.orders")).toBe("`my-project`.shop.orders");
  });

  test("a name cannot close its quotes and smuggle SQL in", () => {
    expect(dialect("postgres").quote('x"; DROP TABLE t; --')).toBe('"x""; DROP TABLE t; --"');
    expect(dialect("bigquery").quote("x`; DROP TABLE t; --")).toBe("`x``; DROP TABLE t; --`");
    expect(() => tableName(dialect("postgres"), "a..b")).toThrow("a part between dots is empty");
  });

  test("an unknown dialect names the five", () => {
    expect(() => dialect("oracle")).toThrow("the dialects are duckdb, postgres, bigquery, snowflake, spark");
  });
});
