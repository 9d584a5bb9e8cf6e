/**
 * The RFM summary (src/metrics/rfm.ts) as SQL: per customer, repeat purchase
 * days, recency and age in days, and mean spend per repeat day. parse-rfm.ts
 * turns days into the unit asked for, as the engine does.
 */
import { serialFromIso } from "../metrics/dates";
import { AggregateSqlOptions, column, has, header, idPresent, withQuery } from "./common";

export const RFM_RESULT_COLUMNS = ["customer", "frequency", "recency_days", "t_days", "monetary_value", "as_of"] as const;

export interface RfmSqlOptions extends AggregateSqlOptions {
  /** End of the observation period, ISO "YYYY-MM-DD"; the last date in the data if omitted. Later rows are ignored. */
  asOf?: string | null;
}

/**
 * As lifetimes' summary_data_from_transaction_data with freq "D" (rfm.ts):
 * purchases on one day are one purchase (amounts summed, time of day dropped);
 * frequency = distinct purchase days − 1; recency_days = last − first purchase
 * day; t_days = as_of − first purchase day; monetary_value = mean of the
 * repeat days' amounts (the first day excluded), 0 when frequency is 0. Days
 * rather than weeks or months keep the result exact integers; the parser
 * divides by the unit's days exactly as the engine does.
 */
export function rfmSql(options: RfmSqlOptions): string {
  const { dialect: d, source } = options;
  const customer = column(source, "customer");
  const date = column(source, "date");
  const withAmount = has(source, "amount");
  let asOf = `MAX(pday)`;
  if (options.asOf) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf) || Number.isNaN(serialFromIso(options.asOf))) {
      throw new Error(`asOf must be a date as YYYY-MM-DD (got ${options.asOf}).`);
    }
    asOf = `MAX(${d.dayNumber(`DATE '${options.asOf}'`)})`;
  }
  const amount = withAmount ? `, CAST(${column(source, "amount")} AS ${d.types.float}) AS amount` : "";
  const ctes = [
    `src AS (\n  SELECT ${customer} AS customer, ${d.dayNumber(`CAST(${date} AS DATE)`)} AS pday${amount}\n  FROM ${source.from}\n  WHERE ${idPresent(d, customer)} AND ${date} IS NOT NULL\n)`,
    `horizon AS (SELECT ${asOf} AS as_of FROM src)`,
    `purchase_days AS (\n  SELECT s.customer, s.pday${withAmount ? ", SUM(s.amount) AS amount" : ""}\n  FROM src AS s CROSS JOIN horizon AS h\n  WHERE s.pday <= h.as_of\n  GROUP BY s.customer, s.pday\n)`,
    `spans AS (\n  SELECT customer, MIN(pday) AS first_day, MAX(pday) AS last_day, COUNT(*) AS days_bought\n  FROM purchase_days GROUP BY customer\n)`,
  ];
  const monetary = withAmount
    ? `  COALESCE(SUM(CASE WHEN p.pday > f.first_day THEN p.amount END) / NULLIF(f.days_bought - 1, 0), 0) AS monetary_value,\n`
    : "";
  const select = [
    `SELECT f.customer, f.days_bought - 1 AS frequency, f.last_day - f.first_day AS recency_days, h.as_of - f.first_day AS t_days,`,
    `${monetary}  ${d.dateFromDayNumber("h.as_of")} AS as_of`,
    `FROM spans AS f`,
    `JOIN purchase_days AS p ON p.customer = f.customer`,
    `CROSS JOIN horizon AS h`,
    `GROUP BY f.customer, f.first_day, f.last_day, f.days_bought, h.as_of`,
    `ORDER BY f.first_day, f.customer`,
  ].join("\n");
  const columns = RFM_RESULT_COLUMNS.filter((c) => withAmount || c !== "monetary_value");
  return (
    header(d, [
      options.title ?? "RFM summary (frequency, recency, T, monetary value)",
      `Result: one row per customer with a purchase on or before as_of: ${columns.join(", ")}.`,
      `Days are whole days; as_of is ${options.asOf ? options.asOf : "the last date in the data"}. Rows with a blank customer or no date are left out.`,
    ]) +
    "\n" +
    withQuery(ctes, select)
  );
}
