/**
 * Reading a model's parameters as the fit functions spill them: the 2-row
 * block (labels over values, e.g. =CXM.BGNBD.FIT(…)# or a copy of it), the
 * same block transposed (labels beside values), or just the row of values.
 */
import { invalidInput } from "../../metrics/errors";
import { describeCell } from "../../workbook/a1";
import { asMatrix } from "../support/args";
import { InputErrorValue, isExcelErrorValue } from "../support/excel-errors";

export interface ParamsLayout {
  /** The function whose output this is, for messages ("CXM.BGNBD.FIT"). */
  source: string;
  /** Parameter labels, in the order of the fit's output (lower case). */
  names: readonly string[];
  /** Labels of any extra columns the fit spills after them (loglik). */
  extras: readonly string[];
}

function isBlank(x: unknown): boolean {
  return x === null || x === undefined || (typeof x === "string" && x.trim() === "");
}

/**
 * The parameter values, in `layout.names` order. With labels present, each
 * value is found under (or beside) its label, in any order; without, the
 * numbers are read in order and must be the parameters, optionally followed by
 * the extras.
 */
export function readParams(v: unknown, name: string, layout: ParamsLayout, address?: string | null): number[] {
  const m = asMatrix(v);
  const labelAt = new Map<string, [number, number]>();
  const numbers: number[] = [];
  for (let r = 0; r < m.length; r++) {
    for (let c = 0; c < m[r].length; c++) {
      const x = m[r][c];
      if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, describeCell(name, r, c, address));
      if (typeof x === "number") numbers.push(x);
      else if (typeof x === "string" && !isBlank(x)) labelAt.set(x.trim().toLowerCase(), [r, c]);
    }
  }
  const expected = `the block ${layout.source} returns (labels ${[...layout.names, ...layout.extras].join(", ")} over their values) or its row of values`;
  if (layout.names.some((label) => labelAt.has(label))) {
    return layout.names.map((label) => {
      const at = labelAt.get(label);
      if (!at) throw invalidInput(`${name} has no "${label}" label; it must be ${expected}.`);
      const [r, c] = at;
      const below = m[r + 1]?.[c];
      const beside = m[r]?.[c + 1];
      const value = typeof below === "number" ? below : typeof beside === "number" ? beside : undefined;
      if (value === undefined) throw invalidInput(`${name}: no number under or beside the "${label}" label (${describeCell(name, r, c, address)}).`);
      return value;
    });
  }
  if (labelAt.size > 0) {
    const found = [...labelAt.keys()].slice(0, 6).join(", ");
    throw invalidInput(`${name} has the labels ${found}, not ${layout.names.join(", ")}: it must be ${expected}.`);
  }
  const fullRow = layout.names.length + layout.extras.length;
  if (numbers.length !== layout.names.length && numbers.length !== fullRow) {
    throw invalidInput(`${name} must be ${expected}; it holds ${numbers.length} number${numbers.length === 1 ? "" : "s"}.`);
  }
  return numbers.slice(0, layout.names.length);
}
