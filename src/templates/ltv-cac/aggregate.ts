/**
 * What the LTV:CAC sheet is built from: the model's five inputs and, for
 * retention from your cohorts, the survivor counts of one or more cohorts
 * (a plain, JSON-able object, the contract between the data and the sheet).
 *
 * Survivor counts come typed in (an option, or the built-in sample) or from
 * a transaction log. From a log they are computed with the cohort triangle
 * of src/metrics/cohort.ts: a customer is still a customer from the period
 * of their first transaction to the period of their last (the contractual
 * reading of a log of payments: one who skips a month and pays again never
 * left). The triangle of each customer's first and last transaction counts,
 * at k ≥ 1, the customers whose last period is k periods after their first;
 * the survivors after k periods are those counts summed from k on.
 */
import { CohortTable, cohortTable } from "../../metrics/cohort";
import { codeIds, CodedIds, IdCell } from "../../metrics/transaction-log";
import { TemplateInputError } from "../shared/errors";
import { LTV_STRINGS, RetentionPeriod } from "./strings";

export interface LtvCacInputs {
  /** Average revenue per account per month. */
  arpa: number;
  /** Gross margin as a fraction (0.8 for 80%). */
  grossMargin: number;
  /** Monthly churn rate as a fraction. */
  monthlyChurn: number;
  /** Customer acquisition cost. */
  cac: number;
  /** Monthly discount rate as a fraction (0 for none). */
  discountRate: number;
}

/** One cohort's survivor series: survivors[0] its size, survivors[t] those still active after t periods. */
export interface SurvivorCohort {
  /** First day of the cohort's period (an Excel serial) when the counts come from a log; null when typed. */
  start: number | null;
  survivors: number[];
}

export type RetentionSource = "sample" | "typed" | "log" | "triangle";

export interface RetentionAggregate {
  source: RetentionSource;
  period: RetentionPeriod;
  /** Oldest first: each observed at least as long as the next. */
  cohorts: SurvivorCohort[];
  /** The last periods of each series held out of the fit (typed counts after a |), compared with the projection. */
  heldOut: number;
  /** Log only: customers of the cohorts seen for one period (no renewal yet), left out of the fit. */
  youngCustomers: number;
}

export interface LtvCacAggregate {
  inputs: LtvCacInputs;
  /** Null for the constant-churn model alone. */
  retention: RetentionAggregate | null;
}

export interface LogColumns {
  ids: ArrayLike<IdCell> | CodedIds;
  /** Excel serials. */
  dates: ArrayLike<number>;
}

/**
 * The survivor counts of each cohort of a transaction log.
 *
 * a (January, last in March), b (January only), c (February, last in March):
 * @example retentionFromLog({ ids: ["a", "b", "c", "a", "c"], dates: [45292, 45300, 45323, 45352, 45352] }, "month").cohorts[0].survivors // [2, 1, 1]
 */
export function retentionFromLog(columns: LogColumns, period: RetentionPeriod): RetentionAggregate {
  const coded = isCoded(columns.ids) ? columns.ids : codeIds(columns.ids);
  const customers = coded.ids.length;
  const first = new Float64Array(customers).fill(Infinity);
  const last = new Float64Array(customers).fill(-Infinity);
  const { codes } = coded;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) continue;
    const d = columns.dates[i];
    if (d < first[c]) first[c] = d;
    if (d > last[c]) last[c] = d;
  }
  // Two rows per customer: their first and their last transaction.
  const ids = new Int32Array(2 * customers);
  const dates = new Float64Array(2 * customers);
  for (let c = 0; c < customers; c++) {
    ids[2 * c] = ids[2 * c + 1] = c;
    dates[2 * c] = first[c];
    dates[2 * c + 1] = last[c];
  }
  const table = cohortTable({ codes: ids, ids: coded.ids }, dates, null, { period, measure: "customers", output: "count" });
  const cohorts: SurvivorCohort[] = [];
  let youngCustomers = 0;
  table.cohorts.forEach((start, i) => {
    const observed = table.observed[i];
    if (observed < 2) {
      youngCustomers += table.sizes[i];
      return;
    }
    const survivors = new Array<number>(observed);
    let later = 0;
    for (let k = observed - 1; k >= 1; k--) {
      later += table.matrix[i][k] ?? 0;
      survivors[k] = later;
    }
    survivors[0] = table.sizes[i];
    cohorts.push({ start, survivors });
  });
  return { source: "log", period, cohorts, heldOut: 0, youngCustomers };
}

/**
 * The survivor counts of a cohort-retention triangle of active customers
 * (the cohort retention template's `customers` table, or what
 * src/sql/parse-cohort.ts reads from the cohort query's result): each
 * cohort's row as it is, from period 0 to the last observed. Right for
 * contracts, where a customer active in period k was active in every period
 * before; where customers come back the counts rise somewhere, and the
 * template refuses them (ltvCacParts.modelProblems) rather than fit them.
 *
 * @example retentionFromTriangle({ period: "month", measure: "customers", output: "count", cohorts: [45292, 45323], sizes: [3, 1], base: [3, 1], observed: [3, 2], matrix: [[3, 2, 1], [1, 0, null]] }).cohorts.map((c) => c.survivors) // [[3, 2, 1], [1, 0]]
 */
export function retentionFromTriangle(table: CohortTable): RetentionAggregate {
  const period = table.period;
  if (period === "week") throw new TemplateInputError({ en: LTV_STRINGS.en.weeklyTriangle, es: LTV_STRINGS.es.weeklyTriangle });
  const cohorts: SurvivorCohort[] = [];
  let youngCustomers = 0;
  table.cohorts.forEach((start, i) => {
    const observed = table.observed[i];
    if (observed < 2) youngCustomers += table.sizes[i];
    else cohorts.push({ start, survivors: table.matrix[i].slice(0, observed).map((x) => x ?? 0) });
  });
  return { source: "triangle", period, cohorts, heldOut: 0, youngCustomers };
}

function isCoded(ids: ArrayLike<IdCell> | CodedIds): ids is CodedIds {
  return (ids as CodedIds).codes instanceof Int32Array;
}

/** A cohort's series up to the end of the fit (without the periods held out). */
export function fittedPart(agg: RetentionAggregate, cohort: SurvivorCohort): number[] {
  return cohort.survivors.slice(0, cohort.survivors.length - agg.heldOut);
}
