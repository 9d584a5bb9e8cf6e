/**
 * What the customer-growth sheets are built from: growthReport() of the
 * metrics core (src/metrics/growth/report.ts) — CUSTOMERGROWTH's rows and
 * totals, growth by segment, losses by reason, referrals by segment, value
 * segment movement and loss after incidents by type — plus how many rows went
 * in. A plain, JSON-able object: the contract between the data and the
 * sheets, which a DuckDB or warehouse query returning the same report could
 * fill as well.
 *
 * The aggregate takes typed columns, never rows (descriptor.ts reads the rows).
 */
import { DEFAULT_LOST_AFTER, GrowthPeriod } from "../../metrics/growth/customer-growth";
import { GrowthReport, growthReport } from "../../metrics/growth/report";
import type { SegmentCell } from "../../metrics/segment-matrix";
import type { CodedIds, IdCell } from "../../metrics/transaction-log";

export interface GrowthColumns {
  ids: ArrayLike<IdCell> | CodedIds;
  /** Excel serials. */
  dates: ArrayLike<number>;
  amounts: ArrayLike<number>;
  /** Per transaction, when the columns are mapped (null cells where a row has none). */
  segments: ArrayLike<SegmentCell> | null;
  lossReasons: ArrayLike<SegmentCell> | null;
  referredBy: ArrayLike<IdCell> | null;
  /** The incident log, when one is given. */
  incidents: { ids: ArrayLike<IdCell> | CodedIds; dates: ArrayLike<number>; types: ArrayLike<SegmentCell> | null } | null;
}

export interface GrowthSettings {
  period: GrowthPeriod;
  /** Whole periods without a purchase after which a customer is lost; 0 for the default (a year). */
  lostAfter: number;
  /** Whole periods of revenue that value a new or lost customer; 0 for the default (a year). */
  valueWindow: number;
  /** Days after an incident in which a loss counts; 0 for the loss rule's own length. */
  incidentWindowDays: number;
}

export interface GrowthAggregate {
  report: GrowthReport;
  /** Transactions grouped (rows with a customer). */
  transactions: number;
  /** Incident rows read (null without an incident log). */
  incidentRows: number | null;
}

/** Days in a period, on average over the Gregorian calendar's years of 365 days. */
const DAYS: Record<GrowthPeriod, number> = { week: 7, month: 365 / 12, quarter: 365 / 4, year: 365 };

/**
 * The loss rule in days for the incidents (INCIDENTLOSS counts days): the
 * periods of `lostAfter` as days, rounded — a year of months, quarters or
 * years is 365 days, 52 weeks 364.
 *
 * @example lostAfterDays("month", 12) // 365
 * @example lostAfterDays("month", 3) // 91
 */
export function lostAfterDays(period: GrowthPeriod, lostAfter: number): number {
  const periods = lostAfter > 0 ? lostAfter : DEFAULT_LOST_AFTER[period];
  return Math.round(periods * DAYS[period]);
}

/**
 * The report of the template, from typed columns.
 *
 * @example growthAggregate({ ids: ["a", "b", "a"], dates: [45292, 45300, 45323], amounts: [10, 5, 20], segments: null, lossReasons: null, referredBy: null, incidents: null }, { period: "month", lostAfter: 0, valueWindow: 0, incidentWindowDays: 0 }).report.totals.newCustomers // 2
 */
export function growthAggregate(columns: GrowthColumns, settings: GrowthSettings): GrowthAggregate {
  const { period, lostAfter, valueWindow, incidentWindowDays } = settings;
  const incidents = columns.incidents;
  const report = growthReport({
    customerIds: columns.ids,
    dates: columns.dates,
    amounts: columns.amounts,
    segments: columns.segments,
    lossReasons: columns.lossReasons,
    referredBy: columns.referredBy,
    incidents: incidents ? { customerIds: incidents.ids, dates: incidents.dates, types: incidents.types } : null,
    growth: { period, ...(lostAfter > 0 ? { lostAfter } : {}), ...(valueWindow > 0 ? { valueWindow } : {}) },
    incidentOptions: { lostAfterDays: lostAfterDays(period, lostAfter), ...(incidentWindowDays > 0 ? { windowDays: incidentWindowDays } : {}) },
    valueTiers: 3,
  });
  return { report, transactions: columns.dates.length, incidentRows: incidents ? incidents.dates.length : null };
}
