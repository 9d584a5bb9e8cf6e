/**
 * Reading survivor counts for CXM.SBG.FIT and CXM.BDW.FIT: a column (or a
 * single row) for one cohort, or a range with one cohort per column, each
 * column its size and then the customers still active after 1, 2, …
 * periods, blank beyond the cohort's age (a cohort-retention triangle).
 *
 * - An Excel error anywhere propagates, with its cell named (checked first).
 * - Text or TRUE/FALSE above a cohort's first number is a heading and is
 *   skipped; inside the counts it is #VALUE! naming the cell.
 * - A cohort ends at its first empty cell; a number below that gap is #VALUE!
 *   (a count cannot follow a missing one).
 * - Excel desktop passes empty cells as 0 (DESIGN §2), which here would read
 *   as "everyone left": zeros are checked against Excel, and those whose
 *   cells are empty are read as blanks.
 * - Columns with no number at all are not cohorts (a selection wider than the data).
 */
import { invalidInput, notAvailable } from "../../metrics/errors";
import { SurvivorLocator } from "../../metrics/retention/survivors";
import { describeCell } from "../../workbook/a1";
import { asMatrix, truncate } from "../support/args";
import { confirmZeroCells } from "../support/blank-zeros";
import { InputErrorValue, isExcelErrorValue } from "../support/excel-errors";

export interface SurvivorInput {
  cohorts: Float64Array[];
  /** Names survivor count t of cohort j by its cell. */
  locate: SurvivorLocator;
}

function isBlank(x: unknown): boolean {
  return x === null || x === undefined || x === "";
}

function describeValue(x: unknown): string {
  if (typeof x === "string") return `holds the text "${truncate(x)}"`;
  if (typeof x === "boolean") return `holds ${x ? "TRUE" : "FALSE"}`;
  if (typeof x === "number") return `holds ${x}, which is not a finite number`;
  return "does not hold a number";
}

/** Reads the survivor range `v` (parameter `name`, at `address` when Excel gave it). */
export async function readSurvivors(v: unknown, name: string, address?: string | null): Promise<SurvivorInput> {
  const raw = asMatrix(v);
  const rows = raw.length;
  let width = 0;
  for (const row of raw) width = Math.max(width, row.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < raw[r].length; c++) {
      const x = raw[r][c];
      if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, describeCell(name, r, c, address));
    }
  }
  // A single row is one cohort laid out across: read it as a column.
  const byRow = rows === 1 && width > 1;
  const cohortsAcross = byRow ? 1 : width;
  const length = byRow ? width : rows;
  const at = (i: number, j: number): unknown => (byRow ? raw[0][i] : raw[i]?.[j]);
  const cellOf = (i: number, j: number): [number, number] => (byRow ? [0, i] : [i, j]);

  // Empty cells that arrived as 0: ask Excel which zeros are real.
  const zeroCells: number[] = [];
  for (let j = 0; j < cohortsAcross; j++) {
    for (let i = 0; i < length; i++) {
      if (at(i, j) === 0) {
        const [r, c] = cellOf(i, j);
        zeroCells.push(r, c);
      }
    }
  }
  const blankZero = new Set<number>();
  if (zeroCells.length > 0) {
    const real = await confirmZeroCells(Int32Array.from(zeroCells), name, address);
    const realSet = new Set<number>();
    for (let k = 0; k < real.length; k += 2) realSet.add(real[k] * width + real[k + 1]);
    for (let k = 0; k < zeroCells.length; k += 2) {
      const key = zeroCells[k] * width + zeroCells[k + 1];
      if (!realSet.has(key)) blankZero.add(key);
    }
  }
  const blankAt = (i: number, j: number): boolean => {
    const x = at(i, j);
    if (isBlank(x)) return true;
    const [r, c] = cellOf(i, j);
    return x === 0 && blankZero.has(r * width + c);
  };

  const cohorts: Float64Array[] = [];
  const starts: number[] = [], columnsUsed: number[] = [];
  for (let j = 0; j < cohortsAcross; j++) {
    let i = 0;
    // Headings (text, TRUE/FALSE) and blanks above the first number.
    while (i < length && (blankAt(i, j) || typeof at(i, j) !== "number")) i++;
    if (i === length) continue;
    const first = i;
    const counts: number[] = [];
    for (; i < length && !blankAt(i, j); i++) {
      const x = at(i, j);
      if (typeof x !== "number" || !Number.isFinite(x)) {
        const [r, c] = cellOf(i, j);
        throw invalidInput(`${describeCell(name, r, c, address)} ${describeValue(x)}; survivor counts must be numbers (leave cells beyond a cohort's age empty).`);
      }
      counts.push(x);
    }
    for (; i < length; i++) {
      if (!blankAt(i, j)) {
        const [r, c] = cellOf(i, j);
        const [r0, c0] = cellOf(first + counts.length, j);
        throw invalidInput(
          `${describeCell(name, r, c, address)} ${typeof at(i, j) === "number" ? `holds ${at(i, j)}` : describeValue(at(i, j))} below the empty ${describeCell(name, r0, c0, address)}; a cohort's counts must be consecutive, with nothing after its last one.`,
        );
      }
    }
    cohorts.push(Float64Array.from(counts));
    starts.push(first);
    columnsUsed.push(j);
  }
  if (cohorts.length === 0) throw notAvailable(`${name} holds no survivor counts: give the cohort's size and the customers still active after each period.`);
  const locate: SurvivorLocator = (k, t) => {
    const [r, c] = cellOf(starts[k] + t, columnsUsed[k]);
    return describeCell(name, r, c, address);
  };
  return { cohorts, locate };
}
