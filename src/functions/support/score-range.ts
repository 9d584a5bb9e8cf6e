/**
 * Reading a range of survey scores into a histogram, fast enough for a full
 * Excel column (no per-cell objects: one pass, counts in a typed array).
 *
 * Blank versus zero (DESIGN §2): Excel desktop can pass an empty cell as 0, and
 * 0 is a real answer on the 0–10 NPS scale. So zeros are counted apart, with
 * their positions, and the caller confirms through Excel which of them are
 * empty cells before they are counted (see blank-zeros.ts).
 */
import { invalidInput } from "../../metrics/errors";
import { describeCell } from "../../workbook/a1";
import { asMatrix, ExcelArg } from "./args";
import { InputErrorValue, isExcelErrorValue } from "./excel-errors";

export interface ScoreScale {
  /** Lowest valid score (0 for NPS, 1 for CSAT/CES). */
  min: number;
  /** Highest valid score. */
  max: number;
  /** How to describe a valid score in a message: "a whole number from 0 to 10". */
  description: string;
}

export const NPS_SCALE: ScoreScale = { min: 0, max: 10, description: "a whole number from 0 to 10" };

export interface ScoreTally {
  /** histogram[s] = responses scoring s, for s in 0..scale.max; zeros excluded. */
  histogram: Float64Array;
  /** Cells that held 0, as (row, column) pairs relative to the range. */
  zeroCells: Int32Array;
  /** The range's width and height, for mapping zero cells back to Excel. */
  rows: number;
  columns: number;
}

/**
 * Tallies the numbers of a range as scores. Blanks, text and booleans are
 * skipped; an error value propagates; a number that is not a valid score
 * (11, 7.5, −1) is #VALUE! naming the value and its cell. Zeros are returned
 * apart, because they may be empty cells.
 */
export function tallyScores(v: ExcelArg, name: string, scale: ScoreScale, address?: string | null): ScoreTally {
  const m = asMatrix(v);
  const histogram = new Float64Array(scale.max + 1);
  let zeros = new Int32Array(64);
  let zeroCount = 0;
  const { min, max } = scale;
  let columns = 0;
  for (let r = 0; r < m.length; r++) {
    const row = m[r];
    if (row.length > columns) columns = row.length;
    for (let c = 0; c < row.length; c++) {
      const x = row[c];
      if (typeof x === "number") {
        if (x === 0) {
          if (zeroCount * 2 === zeros.length) {
            const grown = new Int32Array(zeros.length * 2);
            grown.set(zeros);
            zeros = grown;
          }
          zeros[zeroCount * 2] = r;
          zeros[zeroCount * 2 + 1] = c;
          zeroCount++;
        } else if (x >= min && x <= max && Math.floor(x) === x) {
          histogram[x]++;
        } else {
          throw invalidInput(`${describeCell(name, r, c, address)} holds ${x}, which is not a valid score (${scale.description}).`);
        }
      } else if (typeof x === "object" && x !== null && isExcelErrorValue(x)) {
        throw new InputErrorValue(x.code, describeCell(name, r, c, address));
      }
    }
  }
  return { histogram, zeroCells: zeros.subarray(0, zeroCount * 2), rows: m.length, columns };
}
