/**
 * The template side of streaming: how a template takes its source as typed
 * chunks (src/input) and turns them into its aggregate, incrementally, and
 * how it builds its workbook from an aggregate however that was computed
 * (these chunks, DuckDB, or a warehouse query's result).
 *
 *   file or range ─ src/input ─▶ typed chunks ─▶ intake.start(setup).push(chunk)…finish()
 *                                                  ─▶ { report, aggregate }
 *   DuckDB / `cxm sql` result ─ src/sql parser ─▶ intake.fromSql(parsed) ─▶ aggregate
 *   aggregate ─▶ intake.build(aggregate, context) ─▶ { plan, headlines }
 *
 * A template opts in with `intake` on its descriptor (registry-types.ts);
 * docs/templates.md has the checklist.
 */
import type { Aggregates } from "../sql/aggregates";
import type { TypedChunk } from "../input/types";
import type { ColumnMapping, Headline, Language, ValidationReport } from "../templates/registry-types";
import type { SourceFacts } from "../templates/shared/strings";
import type { WorkbookPlan } from "../workbook/plan";

export interface IntakeSetup {
  /** Template column key -> source column index (the chunks' columns are by source index). */
  mapping: ColumnMapping;
  options: Record<string, string | number>;
  language: Language;
  /** How many row problems the report lists (all are counted): Infinity when the rows are in memory anyway. */
  listLimit: number;
}

/** The validation report of an intake: the first problems listed, all counted, each named row's line. */
export interface IntakeReport extends ValidationReport {
  /** Every row problem, listed or not (problems.length when nothing was left unlisted). */
  problemCount: number;
  /** The line of the file (or row of the sheet) each row the report names starts on. */
  lines: Map<number, number>;
}

export interface IntakeResult<A> {
  report: IntakeReport;
  /** The aggregate of the good rows; null when the report blocks the build. */
  aggregate: A | null;
}

/** One pass over a source: chunks in order, then the result. */
export interface IntakeSink<A> {
  push(chunk: TypedChunk): void;
  finish(): IntakeResult<A>;
}

/** What a plan needs besides the aggregate. */
export interface PlanContext {
  options: Record<string, string | number>;
  language: Language;
  /** The sheets' source line: where the data came from, rows used and left out, when, by what. */
  source: SourceFacts;
}

export interface TemplateIntake<A = unknown> {
  /** Starts a pass over the source. */
  start(setup: IntakeSetup): IntakeSink<A>;
  /** The workbook and its headline figures from an aggregate alone. */
  build(aggregate: A, context: PlanContext): { plan: WorkbookPlan; headlines: Headline[] };
  /**
   * The aggregate from what the template's SQL result parser returns
   * (src/sql/aggregates.ts), for `--engine duckdb` and `--aggregates
   * result.csv`; `rows` is the number of source rows the query used, when
   * known (DuckDB counts them; a warehouse result does not say).
   */
  fromSql?(parsed: Aggregates, options: Record<string, string | number>, rows: number | null): A;
  /** Options (besides the period) the SQL reads, as `cxm sql` takes them: the template's option -> the SQL's. */
  sqlOptions?(options: Record<string, string | number>): [string, string][];
}

/** An intake's report as validate() returns it (without the streaming extras). */
export function validationReport(report: IntakeReport): ValidationReport {
  const { goodRows, problems, blocking, notes } = report;
  return notes ? { goodRows, problems, blocking, notes } : { goodRows, problems, blocking };
}
