/**
 * What the MRR bridge sheet is built from: the months of MRR movements as
 * src/metrics/mrr-movements.ts returns them (MrrMonth[], oldest first, every
 * month from the first to the last). A plain, JSON-able object — the
 * contract between the data and the sheet — so the same sheet is built from
 * the TypeScript engine (mrrAggregate, from the typed columns the
 * descriptor's prepare() reads) or from a DuckDB or warehouse query's result
 * (mrrAggregateOf(parseMrrResult(result)), src/sql/parse-mrr.ts).
 */
import { MrrMonth, mrrMovements } from "../../metrics/mrr-movements";
import type { CodedIds, IdCell } from "../../metrics/transaction-log";

export interface MrrAggregate {
  /** One row per month, oldest first, with no month missing between the first and the last. */
  months: MrrMonth[];
}

/** The typed columns of the subscription rows (one per good row). */
export interface MrrColumns {
  ids: ArrayLike<IdCell> | CodedIds;
  /** Any date in the month, as an Excel serial. */
  months: ArrayLike<number>;
  /** MRR of the row (0 or more); a customer's rows in a month add up. */
  mrr: ArrayLike<number>;
}

/**
 * Groups the subscription rows into monthly movements.
 *
 * @example mrrAggregate({ ids: ["a", "a", "b", "b"], months: [45292, 45323, 45292, 45352], mrr: [100, 150, 50, 80] }).months[2].reactivation // 80
 */
export function mrrAggregate(columns: MrrColumns): MrrAggregate {
  return { months: mrrMovements(columns.ids, columns.months, columns.mrr) };
}

/** The aggregate of months computed elsewhere (DuckDB, a warehouse: parseMrrResult's output), as the sheet takes it. */
export function mrrAggregateOf(months: MrrMonth[]): MrrAggregate {
  if (months.length === 0) throw new Error("The MRR bridge needs at least one month of movements.");
  return { months };
}

/** Months the bridge chart walks through: the last twelve (a year), or every month when there are fewer. */
export const BRIDGE_MONTHS = 12;

/** The first and last month (indexes) of the bridge chart's window. */
export function bridgeWindow(agg: MrrAggregate): { first: number; last: number; all: boolean } {
  const last = agg.months.length - 1;
  const first = Math.max(0, last - BRIDGE_MONTHS + 1);
  return { first, last, all: first === 0 };
}

/** A movement summed over months first..last, in month order (as SUM over the table's column adds them). */
export function sumOver(agg: MrrAggregate, key: keyof MrrMonth, first = 0, last = agg.months.length - 1): number {
  let s = 0;
  for (let i = first; i <= last; i++) s += agg.months[i][key];
  return s;
}
