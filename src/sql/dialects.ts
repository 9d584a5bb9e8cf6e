/**
 * The SQL dialects cxm writes, and every difference between them in one
 * place. The aggregates (cohort.ts, mrr.ts, segments.ts, rfm.ts) are written
 * once, with constructs the five engines share — CTEs, GROUP BY, LEFT JOIN,
 * CASE, COALESCE, NULLIF, CAST, EXTRACT(YEAR/MONTH/QUARTER FROM d), MOD,
 * FLOOR, LAG/LEAD … OVER — and call these few primitives where engines
 * differ: type names, quoting, days between dates, a date from its parts,
 * and the integer series behind the period spine.
 *
 * References, per dialect: PostgreSQL 15 manual, §9.9 "Date/Time Functions"
 * and §9.25 "Set Returning Functions" (generate_series); DuckDB, "Date
 * Functions" and "List Functions" (generate_series, unnest); BigQuery,
 * "Date functions" (DATE_DIFF, DATE_ADD, DATE) and "Array functions"
 * (GENERATE_ARRAY, UNNEST); Snowflake, "DATEDIFF", "DATEADD",
 * "DATE_FROM_PARTS", "ARRAY_GENERATE_RANGE" and "FLATTEN"; Spark SQL,
 * "Built-in Functions" (datediff, date_add, make_date, sequence, explode).
 */

export type DialectName = "duckdb" | "postgres" | "bigquery" | "snowflake" | "spark";
export const DIALECTS: readonly DialectName[] = ["duckdb", "postgres", "bigquery", "snowflake", "spark"];

export interface Dialect {
  name: DialectName;
  /** How the engine is called in messages and the SQL's header. */
  label: string;
  types: { int: string; float: string; text: string };
  /** An identifier (column or one part of a table name), quoted only when it must be (see identifier()). */
  quote(name: string): string;
  /** Whole days from 1970-01-01 to a DATE expression: an integer. */
  dayNumber(date: string): string;
  /** The DATE that is `days` (an integer expression) after 1970-01-01. */
  dateFromDayNumber(days: string): string;
  /** The DATE of integer year, month (1-12) and day expressions. */
  makeDate(year: string, month: string, day: string): string;
  /**
   * A SELECT giving one row per integer from `lo` to `hi` (inclusive) as
   * column `p`, where lo and hi are columns of the one-row CTE `bounds`.
   */
  series(lo: string, hi: string): string;
}

/** Letters, digits and underscores, not starting with a digit: written bare, so the engine's own case rules apply. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Words the five engines (or the parsers the tests check them with) reserve:
 * a column with such a name is quoted. Plain names are left bare on purpose:
 * Snowflake stores an unquoted customer_id as CUSTOMER_ID, and a quoted
 * "customer_id" would then not be found.
 */
const RESERVED = new Set(
  (
    "all and any array as asc between both by case cast check collate column constraint create cross current_date current_time " +
    "current_timestamp default desc distinct else end except exists extract false fetch for foreign from full grant group having " +
    "if in inner intersect interval into is join lateral leading left like limit natural new not null of offset on only or order " +
    "outer over partition primary qualify range references right rows select session_user some table then to trailing true union " +
    "unique unnest user using values when where window with within"
  ).split(" "),
);

function quoter(open: string, close: string): (name: string) => string {
  return (name) => (PLAIN.test(name) && !RESERVED.has(name.toLowerCase()) ? name : `${open}${name.split(close).join(close + close)}${close}`);
}

const ansiQuote = quoter('"', '"');
const backtickQuote = quoter("`", "`");

const postgres: Dialect = {
  name: "postgres",
  label: "PostgreSQL",
  types: { int: "INTEGER", float: "DOUBLE PRECISION", text: "TEXT" },
  quote: ansiQuote,
  dayNumber: (d) => `(${d} - DATE '1970-01-01')`,
  dateFromDayNumber: (n) => `(DATE '1970-01-01' + CAST(${n} AS INTEGER))`,
  makeDate: (y, m, d) => `MAKE_DATE(${y}, ${m}, ${d})`,
  series: (lo, hi) => `SELECT GENERATE_SERIES(${lo}, ${hi}) AS p FROM bounds`,
};

const duckdb: Dialect = {
  name: "duckdb",
  label: "DuckDB",
  types: { int: "INTEGER", float: "DOUBLE", text: "VARCHAR" },
  quote: ansiQuote,
  dayNumber: (d) => `(${d} - DATE '1970-01-01')`,
  dateFromDayNumber: (n) => `(DATE '1970-01-01' + CAST(${n} AS INTEGER))`,
  makeDate: (y, m, d) => `MAKE_DATE(${y}, ${m}, ${d})`,
  series: (lo, hi) => `SELECT UNNEST(GENERATE_SERIES(${lo}, ${hi})) AS p FROM bounds`,
};

const bigquery: Dialect = {
  name: "bigquery",
  label: "BigQuery",
  types: { int: "INT64", float: "FLOAT64", text: "STRING" },
  quote: backtickQuote,
  dayNumber: (d) => `DATE_DIFF(${d}, DATE '1970-01-01', DAY)`,
  dateFromDayNumber: (n) => `DATE_ADD(DATE '1970-01-01', INTERVAL ${n} DAY)`,
  makeDate: (y, m, d) => `DATE(${y}, ${m}, ${d})`,
  series: (lo, hi) => `SELECT p FROM bounds CROSS JOIN UNNEST(GENERATE_ARRAY(${lo}, ${hi})) AS p`,
};

const snowflake: Dialect = {
  name: "snowflake",
  label: "Snowflake",
  types: { int: "INTEGER", float: "DOUBLE", text: "VARCHAR" },
  quote: ansiQuote,
  dayNumber: (d) => `DATEDIFF(day, DATE '1970-01-01', ${d})`,
  dateFromDayNumber: (n) => `DATEADD(day, ${n}, DATE '1970-01-01')`,
  makeDate: (y, m, d) => `DATE_FROM_PARTS(${y}, ${m}, ${d})`,
  // ARRAY_GENERATE_RANGE stops before its second argument.
  series: (lo, hi) => `SELECT CAST(s.value AS INTEGER) AS p FROM bounds, LATERAL FLATTEN(input => ARRAY_GENERATE_RANGE(${lo}, ${hi} + 1)) s`,
};

const spark: Dialect = {
  name: "spark",
  label: "Spark SQL",
  types: { int: "INT", float: "DOUBLE", text: "STRING" },
  quote: backtickQuote,
  dayNumber: (d) => `DATEDIFF(${d}, DATE '1970-01-01')`,
  dateFromDayNumber: (n) => `DATE_ADD(DATE '1970-01-01', CAST(${n} AS INT))`,
  makeDate: (y, m, d) => `MAKE_DATE(${y}, ${m}, ${d})`,
  series: (lo, hi) => `SELECT EXPLODE(SEQUENCE(${lo}, ${hi})) AS p FROM bounds`,
};

const BY_NAME: Record<DialectName, Dialect> = { postgres, duckdb, bigquery, snowflake, spark };

/** The dialect called `name`; throws naming the dialects for anything else. */
export function dialect(name: string): Dialect {
  const d = BY_NAME[name.toLowerCase() as DialectName];
  if (!d) throw new Error(`Unknown SQL dialect "${name}": the dialects are ${DIALECTS.join(", ")}.`);
  return d;
}

/**
 * A table name as the user gives it (`sales`, `analytics.sales`,
 * `my-project.shop.orders`): each dot-separated part quoted only when it must be.
 */
export function tableName(d: Dialect, name: string): string {
  const parts = name.split(".").map((p) => p.trim());
  if (parts.some((p) => p === "")) throw new Error(`"${name}" is not a table name: a part between dots is empty.`);
  return parts.map((p) => d.quote(p)).join(".");
}
