/**
 * Reading `t` for the survival and retention functions: a number or a range
 * of them, the result spilling in the same shape. Blanks, text (a heading)
 * and TRUE/FALSE give "" at their position, as AVERAGE skips them; an error
 * propagates with its cell named; a number that is not a whole number of
 * periods (at least `min`) is #VALUE! naming its cell. A 0 that Excel desktop
 * passed for an empty cell is confirmed against Excel and left blank, so an
 * empty row never shows S(0) = 1.
 */
import { invalidInput } from "../../metrics/errors";
import { describeCell } from "../../workbook/a1";
import { asMatrix } from "../support/args";
import { confirmZeroCells } from "../support/blank-zeros";
import { InputErrorValue, isExcelErrorValue } from "../support/excel-errors";

/** Computes f at every period of the range, in its shape, "" where there is no number. */
export async function spillOverPeriods(
  v: unknown,
  name: string,
  address: string | null | undefined,
  min: number,
  f: (t: number) => number,
): Promise<(number | string)[][]> {
  const m = asMatrix(v);
  let width = 0;
  for (const row of m) width = Math.max(width, row.length);
  if (m.length === 0 || width === 0) throw invalidInput(`${name} is an empty range.`);
  const zeroCells: number[] = [];
  for (let r = 0; r < m.length; r++) {
    for (let c = 0; c < m[r].length; c++) {
      const x = m[r][c];
      if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, describeCell(name, r, c, address));
      if (typeof x !== "number") continue;
      if (!Number.isFinite(x) || !Number.isInteger(x) || x < min) {
        if (x === 0) {
          zeroCells.push(r, c);
          continue;
        }
        throw invalidInput(`${describeCell(name, r, c, address)} is ${x}; ${name} counts whole periods, so it must be a whole number of ${min} or more.`);
      }
      if (x === 0) zeroCells.push(r, c);
    }
  }
  const real = zeroCells.length > 0 ? await confirmZeroCells(Int32Array.from(zeroCells), name, address) : new Int32Array(0);
  const realZero = new Set<number>();
  for (let k = 0; k < real.length; k += 2) realZero.add(real[k] * width + real[k + 1]);
  if (min > 0 && real.length > 0) {
    throw invalidInput(`${describeCell(name, real[0], real[1], address)} is 0; ${name} counts whole periods, so it must be a whole number of ${min} or more.`);
  }
  const memo = new Map<number, number>();
  return Array.from({ length: m.length }, (_, r) =>
    Array.from({ length: width }, (_c, c) => {
      const x = m[r][c];
      if (typeof x !== "number" || (x === 0 && !realZero.has(r * width + c))) return "";
      let y = memo.get(x);
      if (y === undefined) {
        y = f(x);
        memo.set(x, y);
      }
      return y;
    }),
  );
}
