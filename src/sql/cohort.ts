/**
 * The cohort triangle (src/metrics/cohort.ts) as SQL: per cohort and period
 * offset, the active customers and the cohort's revenue. parse-cohort.ts turns
 * the result back into CohortTables.
 */
import { CohortPeriod, COHORT_PERIODS } from "../metrics/cohort";
import { AggregateSqlOptions, column, has, header, idPresent, periodIndex, periodStartDate, spine, withQuery } from "./common";

export interface CohortSqlOptions extends AggregateSqlOptions {
  period?: CohortPeriod;
}

/** Columns of the result, in order (revenue only when an amount column is mapped). */
export const COHORT_RESULT_COLUMNS = ["cohort", "period_offset", "customers", "revenue"] as const;

/**
 * One row per cohort and period offset k = 0, 1, … up to the last period in
 * the data — every offset, with 0 where the cohort did nothing: the spine of
 * periods runs from the first period in the data to the last, so a customer
 * who bought long before everyone else still opens their own cohort, and a
 * period in which nobody bought is still a column. A customer's cohort is the
 * period of their first row; "customers" counts each customer once per
 * period, "revenue" sums their amounts (a row counts as activity whatever its
 * amount, as in the engine).
 */
export function cohortSql(options: CohortSqlOptions): string {
  const { dialect: d, source } = options;
  const period = options.period ?? "month";
  if (!COHORT_PERIODS.includes(period)) throw new Error(`period must be one of ${COHORT_PERIODS.join(", ")} (got ${period}).`);
  const customer = column(source, "customer");
  const date = column(source, "date");
  const revenue = has(source, "amount");
  const amount = revenue ? `, CAST(${column(source, "amount")} AS ${d.types.float}) AS amount` : "";
  const sumAmount = revenue ? ", SUM(amount) AS amount" : "";

  const ctes = [
    `src AS (\n  SELECT ${customer} AS customer, CAST(${date} AS DATE) AS d${amount}\n  FROM ${source.from}\n  WHERE ${idPresent(d, customer)} AND ${date} IS NOT NULL\n)`,
    `activity AS (\n  SELECT customer, p${sumAmount}\n  FROM (SELECT customer, ${periodIndex(d, period, "d")} AS p${revenue ? ", amount" : ""} FROM src) AS dated\n  GROUP BY customer, p\n)`,
    `firsts AS (SELECT customer, MIN(p) AS cohort FROM activity GROUP BY customer)`,
    `cells AS (\n  SELECT f.cohort, a.p, COUNT(*) AS customers${revenue ? ", SUM(a.amount) AS revenue" : ""}\n  FROM activity AS a JOIN firsts AS f ON a.customer = f.customer\n  GROUP BY f.cohort, a.p\n)`,
    ...spine(d, "activity"),
    `cohorts AS (SELECT DISTINCT cohort FROM firsts)`,
  ];
  const select = [
    `SELECT ${periodStartDate(d, period, "c.cohort")} AS cohort, s.p - c.cohort AS period_offset,`,
    `  COALESCE(x.customers, 0) AS customers${revenue ? ", COALESCE(x.revenue, 0) AS revenue" : ""}`,
    `FROM cohorts AS c CROSS JOIN periods AS s`,
    `LEFT JOIN cells AS x ON x.cohort = c.cohort AND x.p = s.p`,
    `WHERE s.p >= c.cohort`,
    `ORDER BY c.cohort, period_offset`,
  ].join("\n");
  return (
    header(d, [
      `${options.title ?? "cohort triangle"}, by ${period}`,
      `Result: one row per cohort and period offset: cohort (first day of its ${period}), period_offset (0, 1, …),`,
      `customers (active customers)${revenue ? ", revenue (sum of amounts)" : ""}. Every offset up to the last ${period} in the data is a row.`,
      `Rows with a blank customer or no date are left out.`,
    ]) +
    "\n" +
    withQuery(ctes, select)
  );
}
