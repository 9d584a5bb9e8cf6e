/**
 * Reading per-customer ranges (frequency, recency, T, monetary) for the CLV
 * functions: ranges of equal shape, one customer per cell position.
 *
 * - An Excel error in any range propagates, with its cell named (checked first).
 * - A position where no range holds a number (empty cells, a header row of
 *   text) is not a customer: fits skip it, per-customer results show "".
 * - A position where some ranges hold a number and a required one does not is
 *   #VALUE!, naming the cell: a customer needs all of them.
 * - Excel desktop passes empty cells as 0 (DESIGN §2). Where that matters
 *   (per-customer results, which would otherwise show a number for an empty
 *   row), positions whose every value is 0 are checked against Excel, and
 *   those whose cells are all empty are skipped.
 */
import { invalidInput } from "../../metrics/errors";
import { Locator } from "../../metrics/clv/history";
import { describeCell } from "../../workbook/a1";
import { asMatrix, truncate } from "../support/args";
import { confirmZeroCells } from "../support/blank-zeros";
import { InputErrorValue, isExcelErrorValue } from "../support/excel-errors";

export interface CustomerColumn {
  /** The parameter's name, as the user sees it ("frequency"). */
  name: string;
  /** Field name for messages from the models. */
  field: "frequency" | "recency" | "T" | "monetary";
  value: unknown;
  address?: string | null;
  /** False for a value a customer may lack (monetary, when frequency is 0). */
  required: boolean;
}

export interface CustomerRows {
  /** The ranges' shape; results spill in this shape. */
  rows: number;
  columns: number;
  /** Cell index (row-major) of each customer, in order. */
  cellOf: Int32Array;
  /** values[k][i]: column k of customer i; NaN where an optional value is missing. */
  values: Float64Array[];
  /** Names the cell holding a customer's field, for the models' messages. */
  locate: Locator;
}

const EMPTY = 0, NUMBER = 1, OTHER = 2;

function shapeOf(m: unknown[][]): [number, number] {
  let width = 0;
  for (const row of m) width = Math.max(width, row.length);
  return [m.length, width];
}

function describeNonNumber(x: unknown): string {
  if (x === null || x === undefined || x === "") return "is empty";
  if (typeof x === "string") return `holds the text "${truncate(x)}"`;
  if (typeof x === "boolean") return `holds ${x ? "TRUE" : "FALSE"}`;
  if (typeof x === "number") return `holds ${x}, which is not a finite number`;
  return "does not hold a number";
}

/**
 * Reads equal-shaped per-customer ranges. With `confirmBlankZeros`, positions
 * whose values are all 0 are checked against Excel for empty cells (async).
 */
export async function readCustomerRows(columns: CustomerColumn[], confirmBlankZeros: boolean): Promise<CustomerRows> {
  const matrices = columns.map((c) => asMatrix(c.value));
  const shapes = matrices.map(shapeOf);
  const [rows, width] = shapes[0];
  if (rows === 0 || width === 0) throw invalidInput(`${columns[0].name} is an empty range.`);
  if (shapes.some(([r, w]) => r !== rows || w !== width)) {
    const list = columns.map((c, k) => `${c.name} (${shapes[k][0]}×${shapes[k][1]})`).join(", ");
    throw invalidInput(`The per-customer ranges must be the same size, one cell per customer; got ${list}.`);
  }
  const cells = rows * width;
  // 1. Errors propagate before anything is checked (formulajs order).
  matrices.forEach((m, k) => {
    for (let r = 0; r < rows; r++) {
      const row = m[r];
      for (let c = 0; c < row.length; c++) {
        const x = row[c];
        if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, describeCell(columns[k].name, r, c, columns[k].address));
      }
    }
  });
  // 2. Classify every cell; remember positions where every value is 0 (maybe empty cells on desktop).
  const kinds = columns.map(() => new Uint8Array(cells));
  const numbers = columns.map(() => new Float64Array(cells));
  const allZero: number[] = [];
  for (let cell = 0; cell < cells; cell++) {
    const r = Math.floor(cell / width), c = cell % width;
    let zeros = 0;
    for (let k = 0; k < columns.length; k++) {
      const x = matrices[k][r][c];
      if (typeof x === "number" && Number.isFinite(x)) {
        kinds[k][cell] = NUMBER;
        numbers[k][cell] = x;
        if (x === 0) zeros++;
      } else {
        kinds[k][cell] = x === null || x === undefined || x === "" ? EMPTY : OTHER;
      }
    }
    if (zeros === columns.length) allZero.push(cell);
  }
  if (confirmBlankZeros && allZero.length > 0) await markEmptyZeros(columns, width, allZero, kinds);
  // 3. Customers: positions with at least one number; each required value must be there.
  const cellOf: number[] = [];
  for (let cell = 0; cell < cells; cell++) {
    let any = false;
    for (let k = 0; k < columns.length; k++) if (kinds[k][cell] === NUMBER) any = true;
    if (!any) continue;
    for (let k = 0; k < columns.length; k++) {
      if (columns[k].required && kinds[k][cell] !== NUMBER) {
        const r = Math.floor(cell / width), c = cell % width;
        const given = columns.filter((_col, j) => kinds[j][cell] === NUMBER).map((col) => col.name).join(" and ");
        throw invalidInput(
          `${describeCell(columns[k].name, r, c, columns[k].address)} ${describeNonNumber(matrices[k][r][c])}, but ${given} ${given.includes(" and ") ? "have values" : "has a value"} there; every customer needs ${columns.filter((col) => col.required).map((col) => col.name).join(", ")} (leave the whole row empty to skip it).`,
        );
      }
    }
    cellOf.push(cell);
  }
  const values = columns.map((_col, k) => Float64Array.from(cellOf, (cell) => (kinds[k][cell] === NUMBER ? numbers[k][cell] : NaN)));
  const fieldIndex = new Map(columns.map((col, k) => [col.field, k]));
  const locate: Locator = (i, field) => {
    const k = fieldIndex.get(field) ?? 0;
    const cell = cellOf[i];
    return describeCell(columns[k].name, Math.floor(cell / width), cell % width, columns[k].address);
  };
  return { rows, columns: width, cellOf: Int32Array.from(cellOf), values, locate };
}

/** Asks Excel which of the all-zero positions' cells are empty, and marks those EMPTY. */
async function markEmptyZeros(columns: CustomerColumn[], width: number, allZero: number[], kinds: Uint8Array[]): Promise<void> {
  const pairs = new Int32Array(allZero.length * 2);
  allZero.forEach((cell, i) => {
    pairs[2 * i] = Math.floor(cell / width);
    pairs[2 * i + 1] = cell % width;
  });
  await Promise.all(
    columns.map(async (col, k) => {
      const real = await confirmZeroCells(pairs, col.name, col.address);
      if (real.length === pairs.length) return;
      const keep = new Set<number>();
      for (let i = 0; i < real.length; i += 2) keep.add(real[i] * width + real[i + 1]);
      for (const cell of allZero) if (!keep.has(cell)) kinds[k][cell] = EMPTY;
    }),
  );
}

/**
 * Spills one result per customer in the ranges' shape, "" where there is no
 * customer. Customers with identical values are computed once.
 */
export function spillPerCustomer(data: CustomerRows, compute: (i: number) => number): (number | string)[][] {
  const out: (number | string)[][] = Array.from({ length: data.rows }, () => new Array<number | string>(data.columns).fill(""));
  const memo = new Map<string, number>();
  for (let i = 0; i < data.cellOf.length; i++) {
    let key = "";
    for (const v of data.values) key += `${v[i]}|`;
    let result = memo.get(key);
    if (result === undefined) {
      result = compute(i);
      memo.set(key, result);
    }
    const cell = data.cellOf[i];
    out[Math.floor(cell / data.columns)][cell % data.columns] = result;
  }
  return out;
}
