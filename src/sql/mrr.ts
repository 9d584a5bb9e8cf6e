/**
 * MRR movements (src/metrics/mrr-movements.ts) as SQL: one row per month
 * with new, expansion, contraction, churn and reactivation MRR. parse-mrr.ts
 * turns the result back into MrrMonth[].
 */
import { AggregateSqlOptions, column, header, idPresent, periodIndex, periodStartDate, spine, withQuery } from "./common";

export const MRR_RESULT_COLUMNS = [
  "month",
  "start_mrr",
  "new_mrr",
  "expansion",
  "contraction",
  "churn",
  "reactivation",
  "end_mrr",
  "customers_at_start",
  "customers_at_end",
  "negative_mrr_customers",
] as const;

/**
 * A customer's MRR in a month is the sum of their rows in it (zero within
 * 1e-9 of the rows' absolute sum, as the engine rounds 0.1 + 0.2 − 0.3), a
 * month without rows is a month at zero, and each customer's months above zero
 * are compared with the one before (LAG) and after (LEAD): first ever = new;
 * after a gap = reactivation, and the month after their last before the gap
 * loses their MRR as churn; consecutive = expansion or contraction. Every month
 * from the first in the data to the last is a row (the spine), so a customer
 * who started years before everyone else is new in their own month, not in the
 * first month someone else had, and a month in which nobody paid still shows
 * its churn. negative_mrr_customers counts customers whose month adds up below
 * zero: the engine refuses those, and so does the parser.
 */
export function mrrSql(options: AggregateSqlOptions): string {
  const { dialect: d, source } = options;
  const customer = column(source, "customer");
  const month = column(source, "month");
  const mrr = column(source, "mrr");
  const zeroSums = ["new_mrr", "expansion", "contraction", "reactivation", "end_mrr"];
  const ctes = [
    `src AS (\n  SELECT ${customer} AS customer, CAST(${month} AS DATE) AS d, CAST(${mrr} AS ${d.types.float}) AS mrr\n  FROM ${source.from}\n  WHERE ${idPresent(d, customer)} AND ${month} IS NOT NULL\n)`,
    `months_of_rows AS (SELECT customer, ${periodIndex(d, "month", "d")} AS p, mrr FROM src)`,
    `totals AS (\n  SELECT customer, p, SUM(mrr) AS total, SUM(ABS(mrr)) AS magnitude\n  FROM months_of_rows GROUP BY customer, p\n)`,
    `levels AS (SELECT customer, p, CASE WHEN ABS(total) <= 1e-9 * magnitude THEN 0 ELSE total END AS mrr FROM totals)`,
    `steps AS (\n  SELECT customer, p, mrr,\n    LAG(p) OVER (PARTITION BY customer ORDER BY p) AS prev_p,\n    LAG(mrr) OVER (PARTITION BY customer ORDER BY p) AS prev_mrr,\n    LEAD(p) OVER (PARTITION BY customer ORDER BY p) AS next_p\n  FROM levels WHERE mrr > 0\n)`,
    `gains AS (\n  SELECT p,\n` +
      `    SUM(CASE WHEN prev_p IS NULL THEN mrr ELSE 0 END) AS new_mrr,\n` +
      `    SUM(CASE WHEN prev_p = p - 1 AND mrr > prev_mrr THEN mrr - prev_mrr ELSE 0 END) AS expansion,\n` +
      `    SUM(CASE WHEN prev_p = p - 1 AND mrr <= prev_mrr THEN prev_mrr - mrr ELSE 0 END) AS contraction,\n` +
      `    SUM(CASE WHEN prev_p < p - 1 THEN mrr ELSE 0 END) AS reactivation,\n` +
      `    SUM(mrr) AS end_mrr, COUNT(*) AS customers_at_end\n  FROM steps GROUP BY p\n)`,
    `churned AS (SELECT p + 1 AS p, mrr FROM steps WHERE next_p IS NULL OR next_p > p + 1)`,
    `losses AS (SELECT p, SUM(mrr) AS churn FROM churned GROUP BY p)`,
    `negatives AS (SELECT p, COUNT(*) AS customers FROM levels WHERE mrr < 0 GROUP BY p)`,
    ...spine(d, "months_of_rows"),
    `bridge AS (\n  SELECT s.p,\n` +
      zeroSums.map((k) => `    COALESCE(g.${k}, 0) AS ${k},\n`).join("") +
      `    COALESCE(l.churn, 0) AS churn, COALESCE(g.customers_at_end, 0) AS customers_at_end,\n` +
      `    COALESCE(n.customers, 0) AS negative_mrr_customers\n` +
      `  FROM periods AS s\n  LEFT JOIN gains AS g ON g.p = s.p\n  LEFT JOIN losses AS l ON l.p = s.p\n  LEFT JOIN negatives AS n ON n.p = s.p\n)`,
  ];
  const select = [
    `SELECT ${periodStartDate(d, "month", "p")} AS month,`,
    `  COALESCE(LAG(end_mrr) OVER (ORDER BY p), 0) AS start_mrr,`,
    `  new_mrr, expansion, contraction, churn, reactivation, end_mrr,`,
    `  COALESCE(LAG(customers_at_end) OVER (ORDER BY p), 0) AS customers_at_start, customers_at_end, negative_mrr_customers`,
    `FROM bridge`,
    `ORDER BY p`,
  ].join("\n");
  return (
    header(d, [
      options.title ?? "MRR movements by month",
      `Result: one row per month from the first in the data to the last: ${MRR_RESULT_COLUMNS.join(", ")}.`,
      `end_mrr = start_mrr + new_mrr + expansion + reactivation - contraction - churn.`,
      `Rows with a blank customer or no month are left out.`,
    ]) +
    "\n" +
    withQuery(ctes, select)
  );
}
