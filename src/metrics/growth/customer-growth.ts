/**
 * Net customer growth as Jeanne Bliss measures it: customers won and lost per
 * period, in number and in money.
 */
import { periodStart } from "../dates";
import { invalidInput } from "../errors";
import { CodedIds, IdCell } from "../transaction-log";
import { ActivityLog, activityLog, activitySpells, requireUnits, Spells } from "./activity";

export type GrowthPeriod = "week" | "month" | "quarter" | "year";
export const GROWTH_PERIODS: readonly GrowthPeriod[] = ["week", "month", "quarter", "year"];

/**
 * Default `lost_after` per period: a customer is lost after a year without a
 * purchase (52 weeks, 12 months, 4 quarters, 1 year). "Active" is then a
 * purchase in the trailing twelve months, the definition marketplaces publish
 * for their active buyers (eBay: "paid for a transaction … within the
 * previous 12-month period"; Etsy: "made at least one purchase in the last
 * twelve months"). A shorter default would count every customer who buys once
 * or twice a year as lost and reactivated over and over; businesses whose
 * customers buy monthly (subscriptions, groceries) should pass a shorter one.
 */
export const DEFAULT_LOST_AFTER: Readonly<Record<GrowthPeriod, number>> = { week: 52, month: 12, quarter: 4, year: 1 };

/**
 * Default `value_window` per period: one year as well (52 weeks, 12 months, 4
 * quarters, 1 year). A new customer is then valued at their first year's
 * revenue and a lost customer at their last year's, so the two value columns
 * are annual amounts, comparable with each other and across period kinds,
 * and a seasonal buyer's value is not cut in half by where the window falls.
 */
export const DEFAULT_VALUE_WINDOW: Readonly<Record<GrowthPeriod, number>> = { week: 52, month: 12, quarter: 4, year: 1 };

export interface CustomerGrowthOptions {
  /** "month" if omitted. Weeks start on Monday. */
  period?: GrowthPeriod;
  /** Whole periods without a purchase after which a customer is lost; DEFAULT_LOST_AFTER[period] if omitted. */
  lostAfter?: number;
  /** Whole periods of revenue that value a new or lost customer; DEFAULT_VALUE_WINDOW[period] if omitted. */
  valueWindow?: number;
}

export interface GrowthRow {
  /** First day of the period, as an Excel serial. */
  start: number;
  /** Customers active at the end of the period before (0 in the first period). */
  customersAtStart: number;
  /** Customers whose first purchase is in the period. */
  newCustomers: number;
  /** Customers lost earlier who purchased again in the period. */
  reactivated: number;
  /** Customers lost in the period (lost_after periods after their last purchase). */
  lost: number;
  /** Customers active at the end of the period: customersAtStart + newCustomers + reactivated − lost. */
  customersAtEnd: number;
  /** customersAtEnd − customersAtStart. */
  netGrowth: number;
  /** Revenue of the period's new customers in their first value_window periods, as far as the data goes (null without amounts). */
  newValue: number | null;
  /** Revenue of the period's lost customers in the value_window periods up to their last purchase (null without amounts). */
  lostValue: number | null;
  /** newValue − lostValue (null without amounts). */
  netValue: number | null;
}

export interface CustomerGrowth {
  period: GrowthPeriod;
  lostAfter: number;
  valueWindow: number;
  /** One row per period from the first with data to the last, empty periods included. */
  rows: GrowthRow[];
}

/** A log read once for CUSTOMERGROWTH and the breakdowns of the customer-growth template. */
export interface GrowthModel {
  period: GrowthPeriod;
  lostAfter: number;
  valueWindow: number;
  activity: ActivityLog;
  spells: Spells;
}

/** Resolves the options (defaults per period) and checks them. */
export function growthOptions(options: CustomerGrowthOptions = {}): Required<CustomerGrowthOptions> {
  const period = options.period ?? "month";
  if (!GROWTH_PERIODS.includes(period)) throw invalidInput(`period must be one of ${GROWTH_PERIODS.join(", ")} (got ${period}).`);
  return {
    period,
    lostAfter: requireUnits(options.lostAfter ?? DEFAULT_LOST_AFTER[period], "lost_after"),
    valueWindow: requireUnits(options.valueWindow ?? DEFAULT_VALUE_WINDOW[period], "value_window"),
  };
}

/** Reads a transaction log into spells by period (see activitySpells). */
export function growthModel(
  ids: ArrayLike<IdCell> | CodedIds,
  dates: ArrayLike<number>,
  amounts?: ArrayLike<number> | null,
  options: CustomerGrowthOptions = {},
): GrowthModel {
  const { period, lostAfter, valueWindow } = growthOptions(options);
  const activity = activityLog(ids, dates, amounts, period);
  return { period, lostAfter, valueWindow, activity, spells: activitySpells(activity, lostAfter, valueWindow) };
}

/** Upper bound on groups × periods in growthRowsByGroup, so that a free-text column fails clearly instead of exhausting memory. */
const MAX_GROUP_CELLS = 2_000_000;

/**
 * The rows of CUSTOMERGROWTH for each group of customers at once: group[c] is
 * customer c's group (0 … groups − 1), or −1 to leave them out; without
 * `group`, everyone is in group 0. One pass over the spells. Customers at
 * start and end are running sums of the movements, so each group's bridge
 * balances by construction (the tests check the counts against the
 * definition: a purchase in (m − lost_after, m]).
 */
export function growthRowsByGroup(model: GrowthModel, group: Int32Array | null, groups: number): GrowthRow[][] {
  const { spells, activity } = model;
  const span = activity.span;
  if (groups * span > MAX_GROUP_CELLS) {
    throw invalidInput(`${groups} groups over ${span} ${model.period}s are too many to break down; use fewer segments or a longer period.`);
  }
  const cells = groups * span;
  const fresh = new Float64Array(cells), back = new Float64Array(cells), gone = new Float64Array(cells);
  const values = spells.lostValue !== null;
  const freshValue = new Float64Array(values ? cells : 0), goneValue = new Float64Array(values ? cells : 0);
  for (let s = 0; s < spells.count; s++) {
    const c = spells.customer[s];
    const g = group ? group[c] : 0;
    if (g < 0) continue;
    const base = g * span;
    if (s === spells.spellStart[c]) {
      fresh[base + spells.first[s]]++;
      if (values) freshValue[base + spells.first[s]] += spells.newValue![c];
    } else back[base + spells.first[s]]++;
    const l = spells.loss[s];
    if (l >= 0) {
      gone[base + l]++;
      if (values) goneValue[base + l] += spells.lostValue![s];
    }
  }
  const starts = Array.from({ length: span }, (_, k) => periodStart(activity.firstUnit + k, model.period));
  const out: GrowthRow[][] = [];
  for (let g = 0; g < groups; g++) {
    const rows: GrowthRow[] = new Array(span);
    let active = 0;
    for (let k = 0, i = g * span; k < span; k++, i++) {
      const end = active + fresh[i] + back[i] - gone[i];
      rows[k] = {
        start: starts[k],
        customersAtStart: active,
        newCustomers: fresh[i],
        reactivated: back[i],
        lost: gone[i],
        customersAtEnd: end,
        netGrowth: end - active,
        newValue: values ? freshValue[i] : null,
        lostValue: values ? goneValue[i] : null,
        netValue: values ? freshValue[i] - goneValue[i] : null,
      };
      active = end;
    }
    out.push(rows);
  }
  return out;
}

/**
 * Net customer growth by period (Bliss): customers at the start, new,
 * reactivated, lost, customers at the end, net growth, and the value of new
 * and of lost customers, one row per period from the first with data to the
 * last. The rule:
 * - a customer is **new** in the period of their first purchase (any row
 *   counts as a purchase, whatever its amount);
 * - between consecutive purchase periods a < b, a gap b − a > lost_after
 *   means the customer was **lost** in period a + lost_after and
 *   **reactivated** in b; after the last purchase period p, the customer is
 *   lost in p + lost_after if that period is within the data, and otherwise
 *   still active;
 * - **active** at the end of period m: some purchase period in
 *   (m − lost_after, m]; so end = start + new + reactivated − lost in every row;
 * - the **value of a lost** customer is their revenue in the value_window
 *   periods up to and including the purchase period before the loss; of a
 *   **new** customer, their revenue in their first value_window periods, as far
 *   as the data goes (the last rows' new values are partial).
 * Defaults: lost_after and value_window are a year (DEFAULT_LOST_AFTER,
 * DEFAULT_VALUE_WINDOW: 52 weeks, 12 months, 4 quarters, 1 year).
 *
 * Reference: J. Bliss (2006), Chief Customer Officer, ch. 3 ("Customers as
 * assets": customers gained and lost in number and value); the lapse rule is
 * the trailing-window definition of an active buyer (eBay and Etsy annual
 * reports: a purchase within the last twelve months).
 *
 * Worked example (months, lost_after 2, value_window 2): a buys in Jan (10)
 * and Feb (20); b in Jan (5) and Apr (7); c in Mar (30). Jan: a and b new
 * (values 30 and 5). Feb: no change. Mar: b lost (Jan + 2; value 5), c new
 * (30). Apr: a lost (Feb + 2; value 10 + 20), b reactivated. Ends: 2, 2, 2, 2.
 *
 * @example customerGrowth(["a", "a", "b", "b", "c"], [45292, 45323, 45292, 45383, 45352], [10, 20, 5, 7, 30], { lostAfter: 2, valueWindow: 2 }).rows[3].lostValue // 30
 */
export function customerGrowth(
  ids: ArrayLike<IdCell> | CodedIds,
  dates: ArrayLike<number>,
  amounts?: ArrayLike<number> | null,
  options: CustomerGrowthOptions = {},
): CustomerGrowth {
  const model = growthModel(ids, dates, amounts, options);
  return customerGrowthOf(model);
}

/** CUSTOMERGROWTH from a model already read. */
export function customerGrowthOf(model: GrowthModel): CustomerGrowth {
  return { period: model.period, lostAfter: model.lostAfter, valueWindow: model.valueWindow, rows: growthRowsByGroup(model, null, 1)[0] };
}

export interface GrowthTotals {
  /** Start of the first period and of the last one included. */
  from: number;
  to: number;
  customersAtStart: number;
  newCustomers: number;
  reactivated: number;
  lost: number;
  customersAtEnd: number;
  netGrowth: number;
  newValue: number | null;
  lostValue: number | null;
  netValue: number | null;
}

/**
 * The bridge over rows first … last (inclusive): customers at the start of the
 * first, the sums of the movements and values, customers at the end of the
 * last. Still end = start + new + reactivated − lost.
 *
 * @example growthTotals(customerGrowth(["a", "b"], [45292, 45323], null, { lostAfter: 1 }).rows, 0, 1).newCustomers // 2
 */
export function growthTotals(rows: readonly GrowthRow[], first = 0, last = rows.length - 1): GrowthTotals {
  if (rows.length === 0 || first < 0 || last >= rows.length || first > last) {
    throw invalidInput(`The rows to total must lie within the ${rows.length} periods (got ${first} to ${last}).`);
  }
  let fresh = 0, back = 0, gone = 0, freshValue = 0, goneValue = 0;
  for (let k = first; k <= last; k++) {
    fresh += rows[k].newCustomers;
    back += rows[k].reactivated;
    gone += rows[k].lost;
    freshValue += rows[k].newValue ?? 0;
    goneValue += rows[k].lostValue ?? 0;
  }
  const values = rows[first].newValue !== null;
  return {
    from: rows[first].start,
    to: rows[last].start,
    customersAtStart: rows[first].customersAtStart,
    newCustomers: fresh,
    reactivated: back,
    lost: gone,
    customersAtEnd: rows[last].customersAtEnd,
    netGrowth: rows[last].customersAtEnd - rows[first].customersAtStart,
    newValue: values ? freshValue : null,
    lostValue: values ? goneValue : null,
    netValue: values ? freshValue - goneValue : null,
  };
}
