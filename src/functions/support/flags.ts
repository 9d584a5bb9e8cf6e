/**
 * Reading TRUE/FALSE columns (churned?, solved at first contact?) for LIFT.
 * A flag is TRUE/FALSE, 1/0, or the text "TRUE"/"FALSE"; blanks are skipped.
 * 0 is a valid flag, so zeros are confirmed against Excel like score zeros.
 */
import { invalidInput } from "../../metrics/errors";
import { describeCell } from "../../workbook/a1";
import { asMatrix, ExcelArg, truncate } from "./args";
import { confirmZeroCells } from "./blank-zeros";
import { InputErrorValue, isExcelErrorValue } from "./excel-errors";

/** Per cell, row-major over the range's shape: 1 true, 0 false, -1 skipped. */
export interface FlagGrid {
  rows: number;
  columns: number;
  flags: Int8Array;
}

function flagOf(x: unknown, where: () => string): number {
  if (x === null || x === undefined || x === "") return -1;
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "number") {
    if (x === 1 || x === 0) return x;
    throw invalidInput(`${where()} holds ${x}; use TRUE/FALSE or 1/0.`);
  }
  if (typeof x === "string") {
    const t = x.trim().toUpperCase();
    if (t === "TRUE") return 1;
    if (t === "FALSE") return 0;
    if (t === "") return -1;
    throw invalidInput(`${where()} holds the text "${truncate(x)}"; use TRUE/FALSE or 1/0.`);
  }
  if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, where());
  throw invalidInput(`${where()} holds a value that is not TRUE/FALSE or 1/0.`);
}

/** Reads a flag range; numeric zeros in empty cells (Excel desktop) are marked skipped. */
export async function readFlags(v: ExcelArg, name: string, address?: string | null): Promise<FlagGrid> {
  const m = asMatrix(v);
  const rows = m.length;
  const columns = m.reduce((w, row) => Math.max(w, row.length), 0);
  const flags = new Int8Array(rows * columns).fill(-1);
  const zeros: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < m[r].length; c++) {
      const x = m[r][c];
      flags[r * columns + c] = flagOf(x, () => describeCell(name, r, c, address));
      if (x === 0) zeros.push(r, c);
    }
  }
  const real = await confirmZeroCells(Int32Array.from(zeros), name, address);
  if (real.length !== zeros.length) {
    for (let i = 0; i < zeros.length; i += 2) flags[zeros[i] * columns + zeros[i + 1]] = -1;
    for (let i = 0; i < real.length; i += 2) flags[real[i] * columns + real[i + 1]] = 0;
  }
  return { rows, columns, flags };
}
