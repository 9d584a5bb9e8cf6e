/**
 * Which templates have SQL, what each one's query reads and returns, and how
 * its result is read back: the one table `cxm sql`, `cxm template
 * --aggregates` and the DuckDB engine go through. The aggregates are the
 * metrics engines' own output types, so a template gets the same input
 * whether its numbers came from TypeScript, DuckDB or a warehouse.
 */
import { CohortPeriod, COHORT_PERIODS, CohortTable } from "../metrics/cohort";
import type { MrrMonth } from "../metrics/mrr-movements";
import { RFM_UNITS, RfmSummary, RfmUnit } from "../metrics/rfm";
import { cohortSql } from "./cohort";
import type { SqlSource } from "./common";
import type { Dialect } from "./dialects";
import { mrrSql } from "./mrr";
import { parseCohortResult } from "./parse-cohort";
import { parseMrrResult } from "./parse-mrr";
import { parseRfmResult } from "./parse-rfm";
import { parseSegmentResult, SegmentAggregates, SegmentOrderSpec } from "./parse-segments";
import type { ResultTable } from "./result-table";
import { rfmSql } from "./rfm";
import { segmentSql } from "./segments";

export type Aggregates =
  | { kind: "cohort"; customers: CohortTable; revenue: CohortTable | null }
  | { kind: "mrr"; months: MrrMonth[] }
  | ({ kind: "segments" } & SegmentAggregates)
  | { kind: "rfm"; summary: RfmSummary };

export interface SqlOptionSpec {
  key: string;
  /** The allowed values; free text when absent. */
  values?: readonly string[];
  default: string;
  /** Whether the SQL depends on it (else only the reading of the result does). */
  shapesSql: boolean;
}

export interface SqlTemplate {
  /** The template's id (cxm list). */
  id: string;
  /** What the query computes, for help and headers. */
  aggregate: string;
  /** Template column keys the query reads; by default the table's column of the same name. */
  columns: { key: string; required: boolean }[];
  options: SqlOptionSpec[];
  sql(dialect: Dialect, source: SqlSource, options: Record<string, string>): string;
  parse(result: ResultTable, options: Record<string, string>): Aggregates;
}

/** The segment order option as the template words it: empty or auto, alphabetical, or segments lowest first. */
function segmentOrderOf(text: string | undefined): SegmentOrderSpec {
  const t = (text ?? "").trim();
  const word = t.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  if (word === "" || word === "auto" || word === "automatic" || word === "automatico") return "auto";
  if (word === "alphabetical" || word === "alfabetico") return "alphabetical";
  return t
    .split(/[,;<|\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s));
}

export const SQL_TEMPLATES: readonly SqlTemplate[] = [
  {
    id: "cohort-retention",
    aggregate: "cohort triangle (customers and revenue by cohort and period)",
    columns: [
      { key: "customer", required: true },
      { key: "date", required: true },
      { key: "amount", required: false },
    ],
    options: [
      { key: "period", values: COHORT_PERIODS, default: "month", shapesSql: true },
      { key: "measure", values: ["both", "customers", "revenue"], default: "both", shapesSql: false },
    ],
    sql: (dialect, source, o) => cohortSql({ dialect, source, period: o.period as CohortPeriod }),
    parse(result, o) {
      const period = (o.period ?? "month") as CohortPeriod;
      const customers = parseCohortResult(result, { period, measure: "customers", output: "count" });
      const hasRevenue = result.columns.some((c) => c.trim().toLowerCase() === "revenue");
      const revenue = hasRevenue && o.measure !== "customers" ? parseCohortResult(result, { period, measure: "revenue", output: "count" }) : null;
      return { kind: "cohort", customers, revenue };
    },
  },
  {
    id: "mrr-bridge",
    aggregate: "MRR movements by month (new, expansion, contraction, churn, reactivation)",
    columns: [
      { key: "customer", required: true },
      { key: "month", required: true },
      { key: "mrr", required: true },
    ],
    options: [],
    sql: (dialect, source) => mrrSql({ dialect, source }),
    parse: (result) => ({ kind: "mrr", months: parseMrrResult(result) }),
  },
  {
    id: "segment-movement",
    aggregate: "segment migration matrix (customers, and values, from each segment to each)",
    columns: [
      { key: "customer", required: true },
      { key: "before", required: true },
      { key: "after", required: true },
      { key: "value", required: false },
    ],
    options: [{ key: "segmentOrder", default: "", shapesSql: false }],
    sql: (dialect, source) => segmentSql({ dialect, source }),
    parse: (result, o) => ({ kind: "segments", ...parseSegmentResult(result, segmentOrderOf(o.segmentOrder)) }),
  },
  {
    id: "customer-lifetime-value",
    aggregate: "RFM summary (frequency, recency, T, monetary value per customer)",
    columns: [
      { key: "customer", required: true },
      { key: "date", required: true },
      { key: "amount", required: true },
    ],
    options: [
      { key: "timeUnit", values: RFM_UNITS, default: "month", shapesSql: false },
      { key: "asOf", default: "", shapesSql: true },
    ],
    sql: (dialect, source, o) => rfmSql({ dialect, source, asOf: o.asOf || null }),
    parse: (result, o) => ({ kind: "rfm", summary: parseRfmResult(result, (o.timeUnit ?? "month") as RfmUnit) }),
  },
];

/** The SQL template with this id, or an error listing those that have SQL. */
export function sqlTemplate(id: string): SqlTemplate {
  const t = SQL_TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`Template "${id}" has no SQL. The templates with SQL are: ${SQL_TEMPLATES.map((x) => x.id).join(", ")}.`);
  return t;
}

/**
 * The options as given (key=value) over the defaults, each checked against
 * its allowed values; an unknown key or value is an error naming it.
 */
export function sqlOptions(t: SqlTemplate, given: readonly [string, string][]): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(t.options.map((o) => [o.key, o.default]));
  for (const [key, value] of given) {
    const spec = t.options.find((o) => o.key === key);
    if (!spec) {
      const keys = t.options.map((o) => o.key).join(", ") || "none";
      throw new Error(`--option ${key}=${value}: the SQL of ${t.id} has no option "${key}" (its options: ${keys}).`);
    }
    if (spec.values && !spec.values.includes(value)) throw new Error(`--option ${key}=${value}: ${key} must be one of ${spec.values.join(", ")}.`);
    out[key] = value;
  }
  return out;
}
