/**
 * Seeded synthetic data for bench/engines.bench.ts: a purchase log (for
 * COHORT) and subscription rows (for MRRMOVEMENTS), as flat columns. The same
 * seed gives the same rows, so runs compare.
 */

import { seededRandom as prng } from "../src/metrics/random";

/** 2021-01-01 as an Excel serial; the data spans 36 months from here. */
export const START_SERIAL = 44197;
const WINDOW_DAYS = 1095; // 2021-01-01 .. 2023-12-31

export interface Columns {
  ids: string[];
  dates: Float64Array;
  amounts: Float64Array;
  customers: number;
}

function customerId(c: number): string {
  return `C${String(c).padStart(7, "0")}`;
}

/** Reorders the columns by date (exports usually come sorted by date): a stable counting sort on the whole-day dates. */
function sortByDate(cols: Columns): Columns {
  const n = cols.dates.length;
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (cols.dates[i] < min) min = cols.dates[i];
    if (cols.dates[i] > max) max = cols.dates[i];
  }
  const next = new Int32Array(max - min + 2);
  for (let i = 0; i < n; i++) next[cols.dates[i] - min + 1]++;
  for (let d = 1; d < next.length; d++) next[d] += next[d - 1];
  const ids = new Array<string>(n), dates = new Float64Array(n), amounts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const to = next[cols.dates[i] - min]++;
    ids[to] = cols.ids[i];
    dates[to] = cols.dates[i];
    amounts[to] = cols.amounts[i];
  }
  return { ids, dates, amounts, customers: cols.customers };
}

/**
 * `rows` purchases by rows/10 customers over 36 months: each customer joins on
 * a uniform day, stays an exponential time (mean 400 days) and buys 10 times,
 * first on the join day, then on uniform days within their lifetime.
 */
export function purchaseLog(rows: number, seed = 7): Columns {
  const rand = prng(seed);
  const customers = Math.max(1, Math.floor(rows / 10));
  const ids = new Array<string>(rows), dates = new Float64Array(rows), amounts = new Float64Array(rows);
  const names = Array.from({ length: customers }, (_, c) => customerId(c));
  const join = new Float64Array(customers), life = new Float64Array(customers);
  for (let c = 0; c < customers; c++) {
    join[c] = Math.floor(rand() * WINDOW_DAYS);
    life[c] = Math.min(WINDOW_DAYS - 1 - join[c], -400 * Math.log(1 - rand()));
  }
  for (let i = 0; i < rows; i++) {
    const c = i % customers;
    const first = i < customers;
    ids[i] = names[c];
    dates[i] = START_SERIAL + join[c] + (first ? 0 : Math.floor(rand() * (life[c] + 1)));
    amounts[i] = Math.round((5 + 195 * rand()) * 100) / 100;
  }
  return sortByDate({ ids, dates, amounts, customers });
}

const PLANS = [29, 49, 99, 199, 499];

/**
 * About `rows` subscription rows (one per customer-month, sometimes two: an
 * add-on), customers starting in a uniform month; each month a customer may
 * churn (3%), pause for a month or more (2%, then come back) or change plan
 * (5%). Dates are a random day in the month.
 */
export function subscriptionRows(rows: number, seed = 11): Columns {
  const rand = prng(seed);
  const ids: string[] = [];
  const dates: number[] = [];
  const amounts: number[] = [];
  const monthStarts: number[] = [];
  for (let m = 0, y = 2021, mo = 1; m < 36; m++) {
    monthStarts.push(Date.UTC(y, mo - 1, 1) / 86400000 + 25569);
    if (++mo > 12) { mo = 1; y++; }
  }
  let c = 0;
  while (ids.length < rows) {
    const name = customerId(c++);
    let plan = PLANS[Math.floor(rand() * PLANS.length)];
    for (let m = Math.floor(rand() * 36); m < 36 && ids.length < rows; m++) {
      const u = rand();
      if (u < 0.03) break;
      if (u < 0.05) { m += 1 + Math.floor(rand() * 3); continue; }
      if (u < 0.1) plan = PLANS[Math.floor(rand() * PLANS.length)];
      const day = monthStarts[m] + Math.floor(rand() * 28);
      ids.push(name); dates.push(day); amounts.push(plan);
      if (rand() < 0.1 && ids.length < rows) { ids.push(name); dates.push(day); amounts.push(10); }
    }
  }
  return sortByDate({ ids, dates: Float64Array.from(dates), amounts: Float64Array.from(amounts), customers: c });
}

/** A column as Excel passes a range: an array of one-cell rows. */
export function excelColumn(values: ArrayLike<unknown>): unknown[][] {
  const out = new Array<unknown[]>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = [values[i]];
  return out;
}
