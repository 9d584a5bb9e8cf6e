/**
 * Pieces every aggregate's SQL shares: where the rows come from, which rows
 * count, and calendar periods as consecutive integers — the same integers
 * src/metrics/dates.ts's periodIndex gives, so "k periods later" is a
 * subtraction and the period spine is an integer series.
 */
import type { CohortPeriod } from "../metrics/cohort";
import type { Dialect } from "./dialects";

/** What the SQL reads. */
export interface SqlSource {
  /** The relation: a table name already quoted (see tableName) or a table function such as read_parquet('…'). */
  from: string;
  /** The column (a quoted identifier or expression) feeding each template column key; an absent key is not used. */
  columns: Record<string, string | undefined>;
}

export interface AggregateSqlOptions {
  dialect: Dialect;
  source: SqlSource;
  /** Lines for the header comment (what was asked for); the builders add what the result holds. */
  title?: string;
}

/** The column for a key, or an error naming it (a required column with no source). */
export function column(source: SqlSource, key: string): string {
  const c = source.columns[key];
  if (c === undefined || c === "") throw new Error(`The SQL needs a column for "${key}": name it with --map ${key}=COLUMN.`);
  return c;
}

/** True when an optional column is mapped. */
export function has(source: SqlSource, key: string): boolean {
  const c = source.columns[key];
  return c !== undefined && c !== "";
}

/**
 * A row counts when its customer is not blank: NULL or empty text is skipped,
 * as the engines skip a blank id ("" only: an id of spaces is an id).
 */
export function idPresent(d: Dialect, id: string): string {
  return `${id} IS NOT NULL AND CAST(${id} AS ${d.types.text}) <> ''`;
}

/**
 * Serials count days like the Unix day number from 1900-03-01 on: serial =
 * day number + 25569. A week index is floor((serial − 2) / 7), weeks counted
 * from a Monday (dates.ts), i.e. floor((day number + 25567) / 7).
 */
const WEEK_SHIFT = 25567;

/** The integer index of the period holding a DATE expression (dates.ts's periodIndex). */
export function periodIndex(d: Dialect, period: CohortPeriod, date: string): string {
  const int = d.types.int;
  switch (period) {
    case "week":
      return `CAST(FLOOR((${d.dayNumber(date)} + ${WEEK_SHIFT}) / 7.0) AS ${int})`;
    case "month":
      return `CAST(EXTRACT(YEAR FROM ${date}) * 12 + EXTRACT(MONTH FROM ${date}) - 1 AS ${int})`;
    case "quarter":
      return `CAST(EXTRACT(YEAR FROM ${date}) * 4 + EXTRACT(QUARTER FROM ${date}) - 1 AS ${int})`;
    case "year":
      return `CAST(EXTRACT(YEAR FROM ${date}) AS ${int})`;
  }
}

/** The first day of a period index, as a DATE (dates.ts's periodStart): a Monday, the 1st of a month, quarter or year. */
export function periodStartDate(d: Dialect, period: CohortPeriod, index: string): string {
  const int = d.types.int;
  // Year and position in it by FLOOR, not MOD: Spark's grammar reads MOD as an operator, and BigQuery has no %.
  const split = (per: number, monthsPer: number) => {
    const year = `FLOOR(${index} / ${per}.0)`;
    return d.makeDate(`CAST(${year} AS ${int})`, `CAST((${index} - ${per} * ${year})${monthsPer === 1 ? "" : ` * ${monthsPer}`} + 1 AS ${int})`, "1");
  };
  switch (period) {
    case "week":
      return d.dateFromDayNumber(`7 * ${index} - ${WEEK_SHIFT}`);
    case "month":
      return split(12, 1);
    case "quarter":
      return split(4, 3);
    case "year":
      return d.makeDate(index, "1", "1");
  }
}

/** The SQL's opening comment: what it computes, for which engine, and the result's columns. */
export function header(d: Dialect, lines: string[]): string {
  return [`-- cxm: ${lines[0]} (${d.label})`, ...lines.slice(1).map((l) => `-- ${l}`)].join("\n");
}

/** `bounds` and `periods` CTEs: every period index from the first to the last in `table.p`, whether or not anything happened in it. */
export function spine(d: Dialect, table: string): string[] {
  return [`bounds AS (SELECT MIN(p) AS lo, MAX(p) AS hi FROM ${table})`, `periods AS (${d.series("bounds.lo", "bounds.hi")})`];
}

/** WITH … SELECT from CTE definitions and the final query. */
export function withQuery(ctes: string[], select: string): string {
  return `WITH\n${ctes.map((c) => `${c}`).join(",\n")}\n${select}\n`;
}
