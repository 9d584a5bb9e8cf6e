/**
 * Cohort retention triangle from a transaction log.
 */
import { Period, periodIndexes, periodStart } from "./dates";
import { invalidInput, notAvailable } from "./errors";
import { CodedIds, IdCell, rowsByCustomer, transactionLog } from "./transaction-log";

export type CohortPeriod = Exclude<Period, "day">;
export type CohortMeasure = "customers" | "revenue";
export type CohortOutput = "share" | "count";

export const COHORT_PERIODS: readonly CohortPeriod[] = ["week", "month", "quarter", "year"];
export const COHORT_MEASURES: readonly CohortMeasure[] = ["customers", "revenue"];
export const COHORT_OUTPUTS: readonly CohortOutput[] = ["share", "count"];

export interface CohortOptions {
  /** Calendar period of cohorts and columns; "month" if omitted. Weeks start on Monday. */
  period?: CohortPeriod;
  /** "customers": active customers; "revenue": the cohort's revenue in the period. "customers" if omitted. */
  measure?: CohortMeasure;
  /** "share": divided by the cohort's period-0 value; "count": the value itself. "share" if omitted. */
  output?: CohortOutput;
}

export interface CohortTable {
  period: CohortPeriod;
  measure: CohortMeasure;
  output: CohortOutput;
  /** First day of each cohort's period, as an Excel serial, oldest first. Only periods in which customers started. */
  cohorts: number[];
  /** Customers in each cohort. */
  sizes: number[];
  /** Each cohort's period-0 value: its size ("customers") or its revenue in its first period ("revenue"). */
  base: number[];
  /** How many periods of each cohort the data covers: matrix[i][k] is observed for k < observed[i]. */
  observed: number[];
  /**
   * matrix[i][k]: cohort i, k periods after its first (k = 0, 1, …), all rows as
   * long as the oldest cohort's. null where the data does not reach (k ≥ observed[i]),
   * and, for shares, across a cohort whose base is 0 (the share is undefined).
   */
  matrix: (number | null)[][];
}

/**
 * Upper bound on the triangle's cells (a span of about 2,000 periods, e.g. 38
 * years of weeks), so absurd spans fail clearly instead of exhausting memory.
 */
const MAX_TRIANGLE_CELLS = 2_000_000;

/**
 * The cohort triangle. A customer's cohort is the period of their first
 * activity (first row in the log); column k counts what the cohort did k periods
 * later, up to the last period in the data (the observed window; later cells
 * are null). With measure "customers" a customer counts once per period however
 * many rows they have in it; with "revenue" their amounts are summed, so net
 * revenue retention can exceed 1. A row counts as activity whatever its amount.
 *
 * Reference: Amplitude, "Retention analysis" (N-day / N-period retention,
 * cohort = first active period); ChartMogul, "Cohort analysis" (customer and
 * net MRR retention by signup month).
 *
 * For a and b starting in January 2024 (45292, 45300) and c in February
 * (45323), with a back in February: cohorts [45292, 45323], sizes [2, 1],
 * matrix [[1, 0.5], [1, null]] — half of January's cohort came back.
 *
 * @example cohortTable(["a", "b", "a", "c"], [45292, 45300, 45323, 45323], null, { period: "month" }).matrix[0][1] // 0.5
 */
export function cohortTable(
  ids: ArrayLike<IdCell> | CodedIds,
  dates: ArrayLike<number>,
  amounts?: ArrayLike<number> | null,
  options: CohortOptions = {},
): CohortTable {
  const period = options.period ?? "month";
  const measure = options.measure ?? "customers";
  const output = options.output ?? "share";
  if (!COHORT_PERIODS.includes(period)) throw invalidInput(`period must be one of ${COHORT_PERIODS.join(", ")} (got ${period}).`);
  if (measure === "revenue" && !amounts) throw invalidInput('measure "revenue" needs the amounts column.');

  const log = transactionLog(ids, dates, amounts);
  if (log.rows === 0) throw notAvailable("There are no transactions (every customer id is blank).");

  // Period of every row, as an integer, and the window it spans.
  const { index: p, min: minP, max: maxP } = periodIndexes(log.date, period);
  const span = maxP - minP + 1;
  if ((span * (span + 1)) / 2 > MAX_TRIANGLE_CELLS) {
    throw invalidInput(`The data spans ${span} ${period}s, too many for a cohort table; use a longer period.`);
  }

  // Each customer's cohort: their first period, as an offset into the window.
  const customers = log.ids.length;
  const first = new Int32Array(customers).fill(span);
  for (let i = 0; i < log.rows; i++) {
    const off = p[i] - minP;
    if (off < first[log.customer[i]]) first[log.customer[i]] = off;
  }
  const sizes = new Float64Array(span);
  for (let c = 0; c < customers; c++) if (first[c] < span) sizes[first[c]]++;

  // Triangle storage: cohort j (offset from minP) has span − j cells.
  const rowStart = (j: number) => j * span - (j * (j - 1)) / 2;
  const cells = new Float64Array((span * (span + 1)) / 2);
  if (measure === "revenue") {
    const amount = log.amount!;
    for (let i = 0; i < log.rows; i++) {
      const j = first[log.customer[i]];
      cells[rowStart(j) + (p[i] - minP - j)] += amount[i];
    }
  } else {
    // Count each customer once per period: walk their rows, stamping the periods seen.
    const { start, order } = rowsByCustomer(log);
    const seen = new Int32Array(span).fill(-1);
    for (let c = 0; c < customers; c++) {
      const j = first[c];
      const base = rowStart(j) - j - minP;
      for (let r = start[c]; r < start[c + 1]; r++) {
        const pr = p[order[r]];
        if (seen[pr - minP] !== c) {
          seen[pr - minP] = c;
          cells[base + pr]++;
        }
      }
    }
  }

  const table: CohortTable = { period, measure, output, cohorts: [], sizes: [], base: [], observed: [], matrix: [] };
  for (let j = 0; j < span; j++) {
    if (sizes[j] === 0) continue;
    const observed = span - j;
    const at = rowStart(j);
    const base = cells[at];
    const row: (number | null)[] = new Array(span).fill(null);
    if (output === "count") {
      for (let k = 0; k < observed; k++) row[k] = cells[at + k];
    } else if (base !== 0) {
      for (let k = 0; k < observed; k++) row[k] = cells[at + k] / base;
    }
    table.cohorts.push(periodStart(minP + j, period));
    table.sizes.push(sizes[j]);
    table.base.push(base);
    table.observed.push(observed);
    table.matrix.push(row);
  }
  return table;
}
