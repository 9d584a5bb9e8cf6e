/**
 * The RFM query's result (rfm.ts) as the RfmSummary that src/metrics/rfm.ts's
 * rfmSummary gives for the same log: the contract the customer lifetime value
 * template consumes. Days become the unit here, divided exactly as the engine
 * divides them.
 */
import { RFM_UNIT_DAYS, RFM_UNITS, RfmSummary, RfmUnit } from "../metrics/rfm";
import type { CustomerKey } from "../metrics/transaction-log";
import { isoOfSerial, resultError, ResultReader, ResultTable } from "./result-table";

export function parseRfmResult(table: ResultTable, unit: RfmUnit = "week"): RfmSummary {
  if (!RFM_UNITS.includes(unit)) throw new Error(`unit must be one of ${RFM_UNITS.join(", ")} (got ${unit}).`);
  const r = new ResultReader(table);
  r.require("customer", "frequency", "recency_days", "t_days", "as_of");
  const n = r.rows;
  if (n === 0) throw resultError(`${table.source} has no rows: no customer bought on or before as_of.`, `${table.source} no tiene filas: ningún cliente compró en as_of o antes.`);
  const withMonetary = r.has("monetary_value");
  const unitDays = RFM_UNIT_DAYS[unit];
  const ids: CustomerKey[] = new Array(n);
  const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n);
  const monetary = withMonetary ? new Float64Array(n) : null;
  const seen = new Set<string>();
  let asOf = NaN;
  for (let i = 0; i < n; i++) {
    const id = r.label(i, "customer");
    if (id === null) throw resultError(`Row ${i + 1} of ${table.source} has no customer.`, `La fila ${i + 1} de ${table.source} no tiene cliente.`);
    const key = `${typeof id}:${id}`;
    if (seen.has(key)) throw resultError(`Customer "${id}" has two rows in ${table.source} (row ${i + 1}).`, `El cliente «${id}» tiene dos filas en ${table.source} (fila ${i + 1}).`);
    seen.add(key);
    const rowAsOf = r.date(i, "as_of");
    if (i === 0) asOf = rowAsOf;
    else if (rowAsOf !== asOf) {
      throw resultError(
        `Row ${i + 1} of ${table.source}: as_of is ${isoOfSerial(rowAsOf)}, not ${isoOfSerial(asOf)} as in row 1; one query gives one as_of.`,
        `Fila ${i + 1} de ${table.source}: as_of es ${isoOfSerial(rowAsOf)}, no ${isoOfSerial(asOf)} como en la fila 1; una consulta da un solo as_of.`,
      );
    }
    const recencyDays = r.count(i, "recency_days");
    const tDays = r.count(i, "t_days");
    if (recencyDays > tDays) {
      throw resultError(
        `Row ${i + 1} of ${table.source}: recency_days (${recencyDays}) exceeds t_days (${tDays}); the last purchase cannot come after as_of.`,
        `Fila ${i + 1} de ${table.source}: recency_days (${recencyDays}) supera t_days (${tDays}); la última compra no puede ser posterior a as_of.`,
      );
    }
    ids[i] = id;
    frequency[i] = r.count(i, "frequency");
    recency[i] = recencyDays / unitDays;
    T[i] = tDays / unitDays;
    if (monetary) monetary[i] = r.isBlank(i, "monetary_value") ? 0 : r.number(i, "monetary_value");
  }
  return { ids, frequency, recency, T, monetaryValue: monetary, asOf, unit };
}
