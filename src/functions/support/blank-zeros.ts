/**
 * Decides which zeros of a score range are real answers and which are empty
 * cells that Excel passed as 0 (DESIGN §2: a blank is never counted as 0).
 */
import { invalidInput } from "../../metrics/errors";
import { describeCell } from "../../workbook/a1";
import { CellBox, readBlankAreas } from "../../excel/blank-cells";
import { ExcelArg } from "./args";
import { ScoreScale, ScoreTally, tallyScores } from "./score-range";

/** The smallest box holding every zero cell. */
export function boundingBox(zeroCells: Int32Array): CellBox {
  let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
  for (let i = 0; i < zeroCells.length; i += 2) {
    const r = zeroCells[i], c = zeroCells[i + 1];
    if (r < r0) r0 = r;
    if (r > r1) r1 = r;
    if (c < c0) c0 = c;
    if (c > c1) c1 = c;
  }
  return { row: r0, column: c0, rows: r1 - r0 + 1, columns: c1 - c0 + 1 };
}

/**
 * Which zero cells are real zeros, given the empty areas Excel reported.
 * Marks the empty cells in a bitmap over the box, then checks each zero: linear
 * in the box size, whatever the number of areas.
 */
export function realZeroCells(zeroCells: Int32Array, box: CellBox, blankAreas: CellBox[]): Int32Array {
  const mask = new Uint8Array(box.rows * box.columns);
  for (const a of blankAreas) {
    const rEnd = Math.min(a.row + a.rows, box.row + box.rows);
    const cEnd = Math.min(a.column + a.columns, box.column + box.columns);
    for (let r = Math.max(a.row, box.row); r < rEnd; r++) {
      const base = (r - box.row) * box.columns;
      for (let c = Math.max(a.column, box.column); c < cEnd; c++) mask[base + c - box.column] = 1;
    }
  }
  const out: number[] = [];
  for (let i = 0; i < zeroCells.length; i += 2) {
    const r = zeroCells[i], c = zeroCells[i + 1];
    if (!mask[(r - box.row) * box.columns + (c - box.column)]) out.push(r, c);
  }
  return Int32Array.from(out);
}

/** Puts the confirmed zeros into the histogram, or rejects them where 0 is not on the scale. */
export function countRealZeros(tally: ScoreTally, real: Int32Array, name: string, scale: ScoreScale, address?: string | null): Float64Array {
  const zeros = real.length / 2;
  if (zeros > 0 && scale.min > 0) {
    throw invalidInput(`${describeCell(name, real[0], real[1], address)} holds 0, which is not a valid score (${scale.description}).`);
  }
  tally.histogram[0] += zeros;
  return tally.histogram;
}

/**
 * Of the cells that arrived as 0, the ones that hold a real 0. When the range
 * came from cells (its address is known), Excel is asked which of them are
 * empty; an array constant or a computed array has no empty cells.
 */
export async function confirmZeroCells(zeroCells: Int32Array, name: string, address?: string | null): Promise<Int32Array> {
  if (zeroCells.length === 0 || !address) return zeroCells;
  const box = boundingBox(zeroCells);
  let blankAreas: CellBox[] | null;
  try {
    blankAreas = await readBlankAreas(address, box);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw invalidInput(`Could not check whether the zeros in ${name} are empty cells (${why}). Try again, or remove the empty cells from the range.`);
  }
  // null: no Excel API in this runtime (the CLI, tests), so no cell came from Excel.
  return blankAreas === null ? zeroCells : realZeroCells(zeroCells, box, blankAreas);
}

/**
 * Reads a score range into a histogram (index = score), counting a 0 only when
 * it is a real 0 (see confirmZeroCells).
 */
export async function scoreHistogram(v: ExcelArg, name: string, scale: ScoreScale, address?: string | null): Promise<Float64Array> {
  const tally = tallyScores(v, name, scale, address);
  const real = await confirmZeroCells(tally.zeroCells, name, address);
  return countRealZeros(tally, real, name, scale, address);
}
