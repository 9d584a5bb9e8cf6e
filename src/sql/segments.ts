/**
 * The segment migration matrix (src/metrics/segment-matrix.ts) as SQL: one
 * row per (segment before, segment after) pair with its customers and, with
 * a value column, their summed value. parse-segments.ts rebuilds the
 * SegmentMatrix and the SegmentSummary in the order the user chooses.
 */
import { AggregateSqlOptions, column, has, header, idPresent, withQuery } from "./common";
import type { Dialect } from "./dialects";

export const SEGMENT_RESULT_COLUMNS = ["segment_before", "segment_after", "customers", "value"] as const;

/** A segment cell as a label: trimmed text, NULL when blank. */
function label(d: Dialect, expr: string): string {
  const text = `TRIM(CAST(${expr} AS ${d.types.text}))`;
  return `CASE WHEN ${expr} IS NULL OR ${text} = '' THEN NULL ELSE ${text} END`;
}

/**
 * Segments compare as the engine compares them: trimmed and ignoring case
 * (the key is LOWER(TRIM(…))); each segment is shown with the smallest of its
 * spellings (a table has no "first seen" row). A blank segment before is
 * "New" (an empty segment_before), a blank segment after is "Lost" (an empty
 * segment_after); a row with neither is left out, as is a row with a blank
 * customer. The order of the segments is applied by the parser.
 */
export function segmentSql(options: AggregateSqlOptions): string {
  const { dialect: d, source } = options;
  const customer = column(source, "customer");
  const before = column(source, "before");
  const after = column(source, "after");
  const withValue = has(source, "value");
  const value = withValue ? `, CAST(${column(source, "value")} AS ${d.types.float}) AS value` : "";
  const ctes = [
    `src AS (\n  SELECT ${label(d, before)} AS before_label, ${label(d, after)} AS after_label${value}\n  FROM ${source.from}\n  WHERE ${idPresent(d, customer)}\n)`,
    `keyed AS (\n  SELECT LOWER(before_label) AS before_key, LOWER(after_label) AS after_key, before_label, after_label${withValue ? ", value" : ""}\n  FROM src WHERE before_label IS NOT NULL OR after_label IS NOT NULL\n)`,
    `cells AS (\n  SELECT before_key, after_key, COUNT(*) AS customers${withValue ? ", SUM(value) AS value" : ""}\n  FROM keyed GROUP BY before_key, after_key\n)`,
    `spellings AS (\n  SELECT before_key AS seg_key, before_label AS seg_label FROM keyed WHERE before_key IS NOT NULL\n  UNION ALL\n  SELECT after_key AS seg_key, after_label AS seg_label FROM keyed WHERE after_key IS NOT NULL\n)`,
    `labels AS (SELECT seg_key, MIN(seg_label) AS seg_label FROM spellings GROUP BY seg_key)`,
  ];
  const select = [
    `SELECT lb.seg_label AS segment_before, la.seg_label AS segment_after, c.customers${withValue ? ", COALESCE(c.value, 0) AS value" : ""}`,
    `FROM cells AS c`,
    `LEFT JOIN labels AS lb ON lb.seg_key = c.before_key`,
    `LEFT JOIN labels AS la ON la.seg_key = c.after_key`,
    `ORDER BY segment_before, segment_after`,
  ].join("\n");
  return (
    header(d, [
      options.title ?? "segment migration matrix",
      `Result: one row per pair of segments: segment_before (empty = new), segment_after (empty = lost), customers${withValue ? ", value" : ""}.`,
      `Rows with a blank customer, or with neither segment, are left out.`,
    ]) +
    "\n" +
    withQuery(ctes, select)
  );
}
