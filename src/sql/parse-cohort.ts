/**
 * The cohort query's result (cohort.ts) as the CohortTable that
 * src/metrics/cohort.ts's cohortTable gives for the same log: the contract the
 * cohort retention template consumes.
 */
import { CohortMeasure, CohortOutput, CohortPeriod, CohortTable } from "../metrics/cohort";
import { periodIndex, periodStart } from "../metrics/dates";
import { isoOfSerial, resultError, ResultReader, ResultTable } from "./result-table";

export interface CohortParseOptions {
  /** The period the SQL was built for ("month" if omitted). */
  period?: CohortPeriod;
  measure?: CohortMeasure;
  output?: CohortOutput;
}

interface CohortRows {
  /** Per cohort, oldest first: its first-day serial and the values at offsets 0, 1, … */
  cohorts: { start: number; customers: number[]; revenue: number[] | null }[];
}

/** Reads and checks the rows: every cohort a period start, every offset from 0 to the last period present exactly once. */
function readCohortRows(table: ResultTable, period: CohortPeriod, measure: CohortMeasure): CohortRows {
  const r = new ResultReader(table);
  r.require("cohort", "period_offset", "customers");
  if (measure === "revenue") r.require("revenue");
  if (r.rows === 0) throw resultError(`${table.source} has no rows: the data had no transactions.`, `${table.source} no tiene filas: los datos no tenían transacciones.`);
  const withRevenue = r.has("revenue");
  const byStart = new Map<number, { customers: (number | undefined)[]; revenue: (number | undefined)[] }>();
  for (let i = 0; i < r.rows; i++) {
    const start = r.date(i, "cohort");
    const index = periodIndex(start, period);
    if (periodStart(index, period) !== start) {
      throw resultError(
        `Row ${i + 1} of ${table.source}: cohort ${isoOfSerial(start)} is not the first day of a ${period}. Was the SQL built with --option period=${period}?`,
        `Fila ${i + 1} de ${table.source}: la cohorte ${isoOfSerial(start)} no es el primer día de un periodo (${period}). ¿Se generó el SQL con --option period=${period}?`,
      );
    }
    const k = r.count(i, "period_offset");
    let cells = byStart.get(start);
    if (!cells) byStart.set(start, (cells = { customers: [], revenue: [] }));
    if (cells.customers[k] !== undefined) {
      throw resultError(
        `Row ${i + 1} of ${table.source}: cohort ${isoOfSerial(start)} has period offset ${k} twice.`,
        `Fila ${i + 1} de ${table.source}: la cohorte ${isoOfSerial(start)} tiene el desfase ${k} dos veces.`,
      );
    }
    cells.customers[k] = r.count(i, "customers");
    cells.revenue[k] = withRevenue ? (r.isBlank(i, "revenue") ? 0 : r.number(i, "revenue")) : 0;
  }
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  let last = -Infinity;
  for (const s of starts) last = Math.max(last, periodIndex(s, period) + byStart.get(s)!.customers.length - 1);
  const cohorts = starts.map((start) => {
    const cells = byStart.get(start)!;
    // The spine gives every cohort every offset up to the last period in the data.
    const expected = last - periodIndex(start, period) + 1;
    for (let k = 0; k < expected; k++) {
      if (cells.customers[k] === undefined) {
        throw resultError(
          `${table.source}: cohort ${isoOfSerial(start)} has no row for period offset ${k} (offsets run from 0 to ${expected - 1}, the last ${period} in the data). Export the whole result.`,
          `${table.source}: la cohorte ${isoOfSerial(start)} no tiene fila para el desfase ${k} (los desfases van de 0 a ${expected - 1}, el último periodo de los datos). Exporte el resultado completo.`,
        );
      }
    }
    return { start, customers: cells.customers as number[], revenue: withRevenue ? (cells.revenue as number[]) : null };
  });
  return { cohorts };
}

/**
 * The CohortTable of a cohort query's result, as cohortTable(ids, dates,
 * amounts, { period, measure, output }) gives it for the same rows.
 */
export function parseCohortResult(table: ResultTable, options: CohortParseOptions = {}): CohortTable {
  const period = options.period ?? "month";
  const measure = options.measure ?? "customers";
  const output = options.output ?? "share";
  const { cohorts } = readCohortRows(table, period, measure);
  const span = cohorts[0].customers.length;
  const out: CohortTable = { period, measure, output, cohorts: [], sizes: [], base: [], observed: [], matrix: [] };
  for (const c of cohorts) {
    const size = c.customers[0];
    if (size === 0) continue; // no customer started then (the engine lists only periods in which customers started)
    const values = measure === "revenue" ? c.revenue! : c.customers;
    const observed = values.length;
    const base = values[0];
    const row: (number | null)[] = new Array(span).fill(null);
    if (output === "count") for (let k = 0; k < observed; k++) row[k] = values[k];
    else if (base !== 0) for (let k = 0; k < observed; k++) row[k] = values[k] / base;
    out.cohorts.push(c.start);
    out.sizes.push(size);
    out.base.push(base);
    out.observed.push(observed);
    out.matrix.push(row);
  }
  return out;
}
