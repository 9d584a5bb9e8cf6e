/**
 * Reads the source rows of the transaction-style templates (a customer, a
 * date and an amount per row: the cohort retention and the MRR bridge) into
 * columns the metrics core takes, and names every row it cannot use, in
 * English and Spanish, before anything is built.
 *
 * Cells arrive as Excel gives them (numbers, text, booleans, "" for blank; a
 * date is a serial number) or as the CLI reads a CSV (plain numbers become
 * numbers, dates stay ISO text). A row with a blank customer, a date that is
 * not a date, or an amount that is not a number (or is negative, when the
 * template says so) is left out, with one problem per row.
 *
 * Partial rows keep what is good: when the amount is optional (the cohort
 * retention's revenue), a row whose amount is blank or unreadable still
 * counts as the customer's activity on its date (so the customer stays in
 * the cohort of their first valid date), with no revenue; a note names those
 * rows. When the amount is the measure itself (the MRR bridge), such a row is
 * left out.
 */
import type { CustomerKey } from "../metrics/transaction-log";
import { isBlank, numberOf, shown, transactionDateOf } from "./cells";
import { mappedColumn, problem, unmappedColumns } from "./descriptor-kit";
import type { BuildInput, ColumnSpec, Localized, ReportNote, RowProblem, ValidationReport } from "./registry-types";

export interface TransactionFields {
  /** The columns, in the template's order (their keys are the mapping's keys). */
  customer: ColumnSpec;
  date: ColumnSpec;
  /** Read when given and mapped. */
  amount?: ColumnSpec;
  /** Accept month text such as "2024-03" for the date (the MRR bridge's month column). */
  monthText?: boolean;
  /** Refuse negative amounts (MRR cannot be below 0; a cohort's refunds may be). */
  nonNegativeAmount?: boolean;
  /**
   * Keep a row whose amount is blank or unreadable even though the amount
   * column is required (the customer lifetime value: the row is still a
   * purchase), with NaN for its amount so the template leaves it out of what
   * needs the amount, and this note (a count of such rows) in place of the
   * cohorts' one. Negative amounts stay row problems when refused.
   */
  keepUnreadableAmounts?: { note: (rows: number) => Localized };
}

export interface TransactionColumns {
  ids: CustomerKey[];
  /** Excel serials. */
  dates: Float64Array;
  /** Null when no amount column is read. */
  amounts: Float64Array | null;
  /** The 0-based source row of each good row (header excluded). */
  sourceRows: Int32Array;
  problems: RowProblem[];
  blocking: Localized[];
  /** Rows kept without their amount (optional amounts only). */
  notes: ReportNote[];
}

/** The first rows a note names. */
const NOTE_ROWS = 20;

/** The text Excel (through Office.js) shows for an error cell (also read by src/intake/transaction-intake.ts). */
export const EXCEL_ERROR = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|BUSY!|CONNECT!|UNKNOWN!)$/i;

/**
 * Reads and checks the rows. Blocking problems (a required column not
 * mapped, no data rows, no good row) stop the build; row problems only leave
 * their rows out.
 */
export function readTransactionRows(input: BuildInput, fields: TransactionFields): TransactionColumns {
  const { customer, date, amount } = fields;
  const blocking: Localized[] = unmappedColumns(amount ? [customer, date, amount] : [customer, date], input.mapping);
  const column = (spec: ColumnSpec | undefined) => (spec ? mappedColumn(input.mapping, spec.key) : -1);
  const empty = { ids: [], dates: new Float64Array(0), amounts: null, sourceRows: new Int32Array(0), problems: [], notes: [] };
  if (blocking.length > 0) return { ...empty, blocking };
  if (input.rows.length === 0) {
    return { ...empty, blocking: [{ en: "The source has no data rows under its header.", es: "El origen no tiene filas de datos bajo el encabezado." }] };
  }

  const ci = column(customer), di = column(date), ai = column(amount);
  const n = input.rows.length;
  const ids: CustomerKey[] = [];
  const dates = new Float64Array(n);
  const amounts = ai >= 0 ? new Float64Array(n) : null;
  const sourceRows = new Int32Array(n);
  const problems: RowProblem[] = [];
  const C = customer.label, D = date.label, A = amount?.label ?? { en: "", es: "" };
  const keep = amount !== undefined ? fields.keepUnreadableAmounts : undefined;
  const partial = amount !== undefined && !amount.required;
  const withoutAmount: number[] = [];
  let withoutAmountCount = 0;
  let k = 0;
  for (let r = 0; r < n; r++) {
    const row = input.rows[r] ?? [];
    const id = row[ci];
    if (isBlank(id)) {
      problems.push(problem(r, customer.key, `${C.en} is blank.`, `${C.es} está vacío.`));
      continue;
    }
    if (typeof id !== "string" && typeof id !== "number") {
      problems.push(problem(r, customer.key, `${C.en} ${shown(id).en} is not an id (use text or a number).`, `${C.es} ${shown(id).es} no es un identificador (use texto o un número).`));
      continue;
    }
    if (typeof id === "string" && EXCEL_ERROR.test(id.trim())) {
      problems.push(problem(r, customer.key, `${C.en} is the Excel error ${id.trim()}.`, `${C.es} es el error de Excel ${id.trim()}.`));
      continue;
    }
    const d = row[di];
    const serial = transactionDateOf(d, fields.monthText);
    if (Number.isNaN(serial)) {
      problems.push(
        isBlank(d)
          ? problem(r, date.key, `${D.en} is blank.`, `${D.es} está vacía.`)
          : problem(
              r,
              date.key,
              `${D.en} ${shown(d).en} is not a date; use a date cell or ISO text such as 2024-03-15.`,
              `${D.es} ${shown(d).es} no es una fecha; use una celda de fecha o texto ISO como 2024-03-15.`,
            ),
      );
      continue;
    }
    let value = 0;
    if (amounts) {
      const a = row[ai];
      value = numberOf(a, input.language);
      if (keep && Number.isNaN(value)) {
        // A purchase whose amount is unknown: NaN, left out of spend by the template.
        withoutAmountCount++;
        if (withoutAmount.length < NOTE_ROWS) withoutAmount.push(r);
      } else if (partial && (Number.isNaN(value) || (fields.nonNegativeAmount && value < 0))) {
        // The row stays for the customer measures; its amount is left out of revenue.
        value = 0;
        withoutAmountCount++;
        if (withoutAmount.length < NOTE_ROWS) withoutAmount.push(r);
      } else if (Number.isNaN(value)) {
        problems.push(
          isBlank(a)
            ? problem(r, amount!.key, `${A.en} is blank.`, `${A.es} está vacío.`)
            : problem(r, amount!.key, `${A.en} ${shown(a).en} is not a number.`, `${A.es} ${shown(a).es} no es un número.`),
        );
        continue;
      }
      if (fields.nonNegativeAmount && value < 0) {
        problems.push(problem(r, amount!.key, `${A.en} ${value} is negative; it cannot be below 0.`, `${A.es} ${value} es negativo; no puede ser menor que 0.`));
        continue;
      }
      amounts[k] = value;
    }
    ids.push(typeof id === "string" ? id.trim() : id);
    dates[k] = serial;
    sourceRows[k] = r;
    k++;
  }
  if (k === 0) {
    blocking.push({ en: "No row can be used: every row has a problem (listed below).", es: "No se puede usar ninguna fila: todas tienen un problema (ver la lista)." });
  }
  const notes: ReportNote[] = [];
  if (withoutAmountCount > 0 && keep) {
    notes.push({ message: keep.note(withoutAmountCount), rows: withoutAmount });
  } else if (withoutAmountCount > 0) {
    const n = withoutAmountCount;
    notes.push({
      message: {
        en: `${n.toLocaleString("en-US")} ${n === 1 ? "row has" : "rows have"} no readable ${A.en.toLowerCase()}: ${n === 1 ? "it counts" : "they count"} for customers and cohorts (by ${n === 1 ? "its" : "their"} date), not for revenue.`,
        es: `${n.toLocaleString("es-ES")} ${n === 1 ? "fila no tiene" : "filas no tienen"} un ${A.es.toLowerCase()} legible: ${n === 1 ? "cuenta" : "cuentan"} para clientes y cohortes (por su fecha), no para ingresos.`,
      },
      rows: withoutAmount,
    });
  }
  return { ids, dates: dates.subarray(0, k), amounts: amounts ? amounts.subarray(0, k) : null, sourceRows: sourceRows.subarray(0, k), problems, blocking, notes };
}

/** The report validate() returns, from what readTransactionRows found plus the template's own blocking checks. */
export function reportOf(columns: TransactionColumns, extraBlocking: Localized[] = []): ValidationReport {
  const report: ValidationReport = { goodRows: columns.ids.length, problems: columns.problems, blocking: [...columns.blocking, ...extraBlocking] };
  if (columns.notes.length > 0) report.notes = columns.notes;
  return report;
}

/** "Sheet1!A1:C2001 (1,995 rows used, 5 left out)" in the build's language. */
export function sourceSummary(input: BuildInput, columns: TransactionColumns): Localized {
  const used = columns.ids.length.toLocaleString("en-US");
  const usedEs = columns.ids.length.toLocaleString("es-ES");
  const left = columns.problems.length;
  const source = input.sourceLabel || "—";
  return {
    en: `${source} (${used} rows used${left > 0 ? `, ${left.toLocaleString("en-US")} left out` : ""})`,
    es: `${source} (${usedEs} filas usadas${left > 0 ? `, ${left.toLocaleString("es-ES")} descartadas` : ""})`,
  };
}

