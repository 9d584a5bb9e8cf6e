/**
 * What the cohort sheets are built from: the cohort tables of active
 * customers and of revenue (counts, not shares), and how many transactions
 * went in. A plain, JSON-able object — the contract between the data and
 * the sheets — so the same sheets can be built from the TypeScript engine
 * (here), from DuckDB or from a warehouse query returning the same tables.
 */
import { CohortPeriod, CohortTable, cohortTable } from "../../metrics/cohort";
import { codeIds, CodedIds, IdCell } from "../../metrics/transaction-log";

export interface CohortAggregate {
  period: CohortPeriod;
  /** Active customers per cohort (rows, oldest first) and period since the first (columns): cohortTable with output "count". */
  customers: CohortTable;
  /** The cohorts' revenue per period (output "count"), on the same cohorts; null when it is not shown. */
  revenue: CohortTable | null;
  /** Transactions grouped (rows with a customer); null when the aggregates came from a query's result, which does not count them. */
  transactions: number | null;
}

export interface CohortColumns {
  ids: ArrayLike<IdCell> | CodedIds;
  /** Excel serials. */
  dates: ArrayLike<number>;
  /** Per transaction; needed for the revenue table. */
  amounts: ArrayLike<number> | null;
}

/**
 * Groups the transactions into the cohort tables.
 *
 * @example cohortAggregate({ ids: ["a", "b", "a", "c"], dates: [45292, 45300, 45323, 45323], amounts: null }, "month", false).customers.matrix // [[2, 1], [1, null]]
 */
export function cohortAggregate(columns: CohortColumns, period: CohortPeriod, withRevenue: boolean): CohortAggregate {
  // Code the ids once for both tables (same cohorts, same rows).
  const ids = isCoded(columns.ids) ? columns.ids : codeIds(columns.ids);
  const customers = cohortTable(ids, columns.dates, null, { period, measure: "customers", output: "count" });
  const revenue = withRevenue && columns.amounts ? cohortTable(ids, columns.dates, columns.amounts, { period, measure: "revenue", output: "count" }) : null;
  let transactions = 0;
  for (let i = 0; i < ids.codes.length; i++) if (ids.codes[i] >= 0) transactions++;
  return { period, customers, revenue, transactions };
}

function isCoded(ids: ArrayLike<IdCell> | CodedIds): ids is CodedIds {
  return (ids as CodedIds).codes instanceof Int32Array;
}

/** The cohorts observed at least k + 1 periods (observed falls with the cohort's age: they are the first ones). */
export function observedAt(agg: CohortAggregate, k: number): number {
  let n = 0;
  for (const o of agg.customers.observed) if (o > k) n++;
  return n;
}

/** Period-k total over period-0 total of the cohorts observed k periods on (pooled retention); NaN when the base is 0. */
export function pooledRetention(table: CohortTable, agg: CohortAggregate, k: number): number {
  let sum = 0;
  let base = 0;
  const n = observedAt(agg, k);
  for (let i = 0; i < n; i++) {
    sum += table.matrix[i][k] ?? 0;
    base += table.matrix[i][0] ?? 0;
  }
  return base === 0 ? Number.NaN : sum / base;
}
