/**
 * The MRR query's result (mrr.ts) as the MrrMonth[] that
 * src/metrics/mrr-movements.ts's mrrMovements gives for the same rows: the
 * contract the MRR bridge template consumes.
 */
import type { MrrMonth } from "../metrics/mrr-movements";
import { periodIndex, periodStart } from "../metrics/dates";
import { isoOfSerial, resultError, ResultReader, ResultTable } from "./result-table";

const MONEY: (keyof MrrMonth)[] = ["startMrr", "newMrr", "expansion", "contraction", "churn", "reactivation", "endMrr"];
const COLUMN_OF: Record<keyof MrrMonth, string> = {
  month: "month",
  startMrr: "start_mrr",
  newMrr: "new_mrr",
  expansion: "expansion",
  contraction: "contraction",
  churn: "churn",
  reactivation: "reactivation",
  endMrr: "end_mrr",
  customersAtStart: "customers_at_start",
  customersAtEnd: "customers_at_end",
};

/** The bridge must balance to rounding: this fraction of the month's largest figure. */
const BALANCE_TOLERANCE = 1e-9;

export function parseMrrResult(table: ResultTable): MrrMonth[] {
  const r = new ResultReader(table);
  // eslint-disable-next-line no-restricted-syntax -- the result's nine fixed column names, not data
  r.require(...Object.values(COLUMN_OF));
  if (r.rows === 0) throw resultError(`${table.source} has no rows: the data had no subscription rows.`, `${table.source} no tiene filas: los datos no tenían filas de suscripción.`);
  const months: MrrMonth[] = [];
  for (let i = 0; i < r.rows; i++) {
    const month = r.date(i, "month");
    if (periodStart(periodIndex(month, "month"), "month") !== month) {
      throw resultError(`Row ${i + 1} of ${table.source}: ${isoOfSerial(month)} is not the first day of a month.`, `Fila ${i + 1} de ${table.source}: ${isoOfSerial(month)} no es el primer día de un mes.`);
    }
    if (r.has("negative_mrr_customers") && !r.isBlank(i, "negative_mrr_customers") && r.count(i, "negative_mrr_customers") > 0) {
      const n = r.count(i, "negative_mrr_customers");
      throw resultError(
        `In ${isoOfSerial(month).slice(0, 7)} the MRR of ${n} customer${n === 1 ? "" : "s"} adds up below zero; MRR cannot be negative. Correct those rows in the source.`,
        `En ${isoOfSerial(month).slice(0, 7)} el MRR de ${n} cliente${n === 1 ? "" : "s"} suma menos de cero; el MRR no puede ser negativo. Corrija esas filas en el origen.`,
      );
    }
    const m = { month } as MrrMonth;
    for (const key of MONEY) m[key] = r.number(i, COLUMN_OF[key]) as never;
    m.customersAtStart = r.count(i, "customers_at_start");
    m.customersAtEnd = r.count(i, "customers_at_end");
    months.push(m);
  }
  months.sort((a, b) => a.month - b.month);
  months.forEach((m, i) => {
    if (i > 0 && periodIndex(m.month, "month") !== periodIndex(months[i - 1].month, "month") + 1) {
      const gap = periodStart(periodIndex(months[i - 1].month, "month") + 1, "month");
      throw resultError(
        `${table.source} has no row for ${isoOfSerial(gap).slice(0, 7)}: every month from the first to the last must be a row (the SQL's spine gives them). Export the whole result.`,
        `${table.source} no tiene fila para ${isoOfSerial(gap).slice(0, 7)}: cada mes del primero al último debe ser una fila (el calendario del SQL los da). Exporte el resultado completo.`,
      );
    }
    let scale = 1;
    for (const k of MONEY) scale = Math.max(scale, Math.abs(m[k] as number));
    const balance = m.startMrr + m.newMrr + m.expansion + m.reactivation - m.contraction - m.churn - m.endMrr;
    if (Math.abs(balance) > BALANCE_TOLERANCE * scale) {
      throw resultError(
        `${table.source}, ${isoOfSerial(m.month).slice(0, 7)}: the bridge does not balance (start + new + expansion + reactivation − contraction − churn differs from end by ${balance}).`,
        `${table.source}, ${isoOfSerial(m.month).slice(0, 7)}: el puente no cuadra (inicio + nuevo + expansión + reactivación − contracción − bajas difiere del final en ${balance}).`,
      );
    }
  });
  return months;
}
