/**
 * The intake of a transaction log (a customer, a date and an amount per
 * row: cohort retention, and the MRR bridge and CLV when they adopt it):
 * typed chunks in, each row checked as it passes and reduced into
 * (customer, period) entries (log-reducer.ts), the report's problems
 * listed and counted. The checks and their words are those of
 * src/templates/transaction-rows.ts, which the rows path used before: one
 * problem per row (a blank customer, an Excel error for a customer, a date
 * that is not a date, an amount that is not a number or is negative), and,
 * when the amount is optional, rows without a readable amount kept for the
 * customer measures with a note.
 */
import { isDateSerial, Period, periodIndex } from "../metrics/dates";
import { CellStatus, TypedChunk, TypedColumn } from "../input/types";
import { shown } from "../templates/cells";
import { mappedColumn, problem, unmappedColumns } from "../templates/descriptor-kit";
import type { ColumnSpec, Localized, ReportNote } from "../templates/registry-types";
import { EXCEL_ERROR } from "../templates/transaction-rows";
import { EXCEL_MAX_CELL_TEXT } from "../workbook/plan";
import { LogReducer, ReducedLog } from "./log-reducer";
import { NotedRows, ProblemList } from "./problem-list";
import type { IntakeReport, IntakeSetup } from "./types";

export interface TransactionFieldsSpec {
  customer: ColumnSpec;
  date: ColumnSpec;
  /** Read when given and mapped. */
  amount?: ColumnSpec;
  /** Refuse negative amounts (MRR cannot be below 0; a cohort's refunds may be). */
  nonNegativeAmount?: boolean;
}

/** What a pass over a transaction log gives. */
export interface TransactionIntakeResult {
  report: IntakeReport;
  /** The good rows reduced into (customer, bucket) entries. */
  log: ReducedLog;
  /** Customer ids by the codes the rows came with (log.sourceCode indexes it). */
  ids: readonly string[];
  /** The first and last date of the good rows (Excel serials; NaN when none). */
  firstDate: number;
  lastDate: number;
  /** Whether an amount column is read. */
  withAmounts: boolean;
}

/** The first rows a note names. */
const NOTE_ROWS = 20;


/** A cell that gave no value: blank, or its text (for the message). */
function rawAt(col: TypedColumn | null, i: number, row: number): string {
  if (!col) return "";
  switch (col.kind) {
    case "number":
    case "date":
      return col.status[i] === CellStatus.Blank ? "" : (col.raw.get(row) ?? "");
    case "id":
      return col.codes[i] < 0 ? "" : col.dictionary[col.codes[i]];
    case "text":
      return col.values[i];
  }
}

/**
 * Starts a pass over a transaction log. `bucket` is the period rows are
 * reduced into: no finer than the engine's own (see log-reducer.ts).
 */
export class TransactionIntake {
  private readonly problems: ProblemList;
  private readonly noted = new NotedRows(NOTE_ROWS);
  private readonly noteLines = new Map<number, number>();
  private readonly reducer: LogReducer;
  private readonly blocking: Localized[];
  private readonly ci: number;
  private readonly di: number;
  private readonly ai: number;
  private rows = 0;
  private good = 0;
  private first = Infinity;
  private last = -Infinity;
  private ids: readonly string[] = [];
  private readonly cachedDay = new Int32Array(4096).fill(-1);
  private readonly cachedBucket = new Int32Array(4096);
  private readonly scratch = { year: 0, month: 0, day: 0 };
  /** Per id code: 1 usable, 2 an Excel error, 3 longer than a cell holds (as excel-limits.ts checks the rows path; 0 not yet looked at). */
  private idState = new Uint8Array(1024);

  constructor(
    private readonly fields: TransactionFieldsSpec,
    private readonly bucket: Period,
    private readonly setup: IntakeSetup,
  ) {
    const { customer, date, amount } = fields;
    this.blocking = unmappedColumns(amount ? [customer, date, amount] : [customer, date], setup.mapping);
    this.ci = mappedColumn(setup.mapping, customer.key);
    this.di = mappedColumn(setup.mapping, date.key);
    this.ai = amount ? mappedColumn(setup.mapping, amount.key) : -1;
    this.problems = new ProblemList(setup.listLimit);
    this.reducer = new LogReducer(this.ai >= 0);
  }

  /** The state of an id code (see idState), looked at once per distinct id. */
  private idCheck(code: number): number {
    if (code >= this.idState.length) {
      const bigger = new Uint8Array(Math.max(code + 1, this.idState.length * 2));
      bigger.set(this.idState);
      this.idState = bigger;
    }
    let s = this.idState[code];
    if (s === 0) {
      const text = this.ids[code];
      s = EXCEL_ERROR.test(text) ? 2 : text.length > EXCEL_MAX_CELL_TEXT ? 3 : 1;
      this.idState[code] = s;
    }
    return s;
  }

  push(chunk: TypedChunk): void {
    this.rows += chunk.rows;
    if (this.blocking.length > 0) return;
    const { customer, amount } = this.fields;
    const C = customer.label, A = amount?.label ?? { en: "", es: "" };
    const idCol = chunk.columns[this.ci];
    const dateCol = chunk.columns[this.di];
    const amountCol = this.ai >= 0 ? chunk.columns[this.ai] : null;
    const partial = amount !== undefined && !amount.required;
    const nonNegative = this.fields.nonNegativeAmount === true;
    const codes = idCol && idCol.kind === "id" ? idCol.codes : null;
    if (idCol && idCol.kind === "id") this.ids = idCol.dictionary;
    const dates = dateCol && (dateCol.kind === "date" || dateCol.kind === "number") ? dateCol.values : null;
    const amounts = amountCol && (amountCol.kind === "number" || amountCol.kind === "date") ? amountCol.values : null;
    const withAmounts = this.ai >= 0;
    const problems = this.problems, reducer = this.reducer;
    for (let i = 0; i < chunk.rows; i++) {
      const code = codes ? codes[i] : -1;
      if (code < 0) {
        problems.add(problem(chunk.firstRow + i, customer.key, `${C.en} is blank.`, `${C.es} está vacío.`), chunk.lines[i]);
        continue;
      }
      const state = code < this.idState.length && this.idState[code] !== 0 ? this.idState[code] : this.idCheck(code);
      if (state !== 1) {
        this.idProblem(state, code, chunk.firstRow + i, chunk.lines[i]);
        continue;
      }
      const serial = dates ? dates[i] : NaN;
      if (!isDateSerial(serial)) {
        this.dateProblem(dateCol, i, chunk.firstRow + i, chunk.lines[i]);
        continue;
      }
      let value = 0;
      if (withAmounts) {
        value = amounts ? amounts[i] : NaN;
        if (partial && (value !== value || (nonNegative && value < 0))) {
          // The row stays for the customer measures; its amount is left out of revenue.
          value = 0;
          if (this.noted.add(chunk.firstRow + i)) this.noteLines.set(chunk.firstRow + i, chunk.lines[i]);
        } else if (value !== value) {
          const r = chunk.firstRow + i;
          const raw = rawAt(amountCol, i, r);
          problems.add(
            raw === ""
              ? problem(r, amount!.key, `${A.en} is blank.`, `${A.es} está vacío.`)
              : problem(r, amount!.key, `${A.en} ${shown(raw).en} is not a number.`, `${A.es} ${shown(raw).es} no es un número.`),
            chunk.lines[i],
          );
          continue;
        } else if (nonNegative && value < 0) {
          problems.add(problem(chunk.firstRow + i, amount!.key, `${A.en} ${value} is negative; it cannot be below 0.`, `${A.es} ${value} es negativo; no puede ser menor que 0.`), chunk.lines[i]);
          continue;
        }
      }
      this.good++;
      if (serial < this.first) this.first = serial;
      if (serial > this.last) this.last = serial;
      reducer.add(code, this.bucketOf(serial), value);
    }
  }

  /** Day -> bucket, through a small direct-mapped cache (a log holds a few thousand distinct days). */
  private bucketOf(serial: number): number {
    const day = Math.floor(serial);
    const slot = day & 4095;
    if (this.cachedDay[slot] === day) return this.cachedBucket[slot];
    const b = periodIndex(day, this.bucket, this.scratch);
    this.cachedDay[slot] = day;
    this.cachedBucket[slot] = b;
    return b;
  }

  private idProblem(state: number, code: number, r: number, line: number): void {
    const C = this.fields.customer.label, key = this.fields.customer.key;
    const text = this.ids[code];
    if (state === 2) this.problems.add(problem(r, key, `${C.en} is the Excel error ${text}.`, `${C.es} es el error de Excel ${text}.`), line);
    else {
      const n = text.length;
      this.problems.add(
        problem(r, key, `${C.en} holds ${n.toLocaleString("en-US")} characters; an Excel cell holds at most 32,767.`, `${C.es} tiene ${n.toLocaleString("es-ES")} caracteres; una celda de Excel admite 32.767 como mucho.`),
        line,
      );
    }
  }

  private dateProblem(dateCol: TypedColumn | null, i: number, r: number, line: number): void {
    const D = this.fields.date.label, key = this.fields.date.key;
    const raw = rawAt(dateCol, i, r);
    this.problems.add(
      raw === ""
        ? problem(r, key, `${D.en} is blank.`, `${D.es} está vacía.`)
        : problem(r, key, `${D.en} ${shown(raw).en} is not a date; use a date cell or ISO text such as 2024-03-15.`, `${D.es} ${shown(raw).es} no es una fecha; use una celda de fecha o texto ISO como 2024-03-15.`),
      line,
    );
  }

  finish(): TransactionIntakeResult {
    const blocking = [...this.blocking];
    if (blocking.length === 0 && this.rows === 0) blocking.push({ en: "The source has no data rows under its header.", es: "El origen no tiene filas de datos bajo el encabezado." });
    else if (blocking.length === 0 && this.good === 0) {
      blocking.push({ en: "No row can be used: every row has a problem (listed below).", es: "No se puede usar ninguna fila: todas tienen un problema (ver la lista)." });
    }
    const notes: ReportNote[] = [];
    if (this.noted.count > 0) {
      const n = this.noted.count;
      const A = this.fields.amount!.label;
      notes.push({
        message: {
          en: `${n.toLocaleString("en-US")} ${n === 1 ? "row has" : "rows have"} no readable ${A.en.toLowerCase()}: ${n === 1 ? "it counts" : "they count"} for customers and cohorts (by ${n === 1 ? "its" : "their"} date), not for revenue.`,
          es: `${n.toLocaleString("es-ES")} ${n === 1 ? "fila no tiene" : "filas no tienen"} un ${A.es.toLowerCase()} legible: ${n === 1 ? "cuenta" : "cuentan"} para clientes y cohortes (por su fecha), no para ingresos.`,
        },
        rows: this.noted.rows,
      });
    }
    const lines = this.problems.lines;
    for (const [r, l] of this.noteLines) lines.set(r, l);
    const report: IntakeReport = { goodRows: this.good, problems: this.problems.listed, blocking, problemCount: this.problems.count, lines };
    if (notes.length > 0) report.notes = notes;
    return {
      report,
      log: this.reducer.result(),
      ids: this.ids,
      firstDate: this.good > 0 ? this.first : NaN,
      lastDate: this.good > 0 ? this.last : NaN,
      withAmounts: this.ai >= 0,
    };
  }
}
