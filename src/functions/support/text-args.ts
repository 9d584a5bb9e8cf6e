/**
 * Argument semantics of the text functions: comment cells (any shape), the
 * optional language, and a score column aligned with the comments.
 */
import { invalidInput } from "../../metrics/errors";
import type { Language } from "../../metrics/text/engine";
import { asMatrix, ExcelArg, truncate } from "./args";
import { InputErrorValue, isExcelErrorValue } from "./excel-errors";
import { CellColumn, emptyZeroCells } from "../tables/columns";

/** "es", "en", or null (detect per comment) for blank; "es-MX", "Spanish", "español" are understood. */
export function optionalLanguage(v: ExcelArg): Language | null {
  const m = asMatrix(v);
  if (m.length !== 1 || m[0].length !== 1) throw invalidInput("language expects a single value: \"es\", \"en\", or empty to detect it per comment.");
  const x = m[0][0];
  if (x === null || x === undefined || x === "") return null;
  if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, "language");
  const t = String(x).trim().toLowerCase();
  if (t === "") return null;
  if (/^(es([-_].*)?|spa|spanish|espanol|español|castellano)$/.test(t)) return "es";
  if (/^(en([-_].*)?|eng|english|ingles|inglés)$/.test(t)) return "en";
  throw invalidInput(`language must be "es" or "en", or empty to detect it per comment (got "${truncate(String(x))}").`);
}

/** The text of one comment cell: text as is, a number as Excel shows it; blank and TRUE/FALSE (not comments) -> null. */
export function commentText(x: unknown): string | null {
  if (x === null || x === undefined) return null;
  if (typeof x === "string") return x.trim() === "" ? null : x;
  if (typeof x === "number") return Number.isFinite(x) ? String(x) : null;
  return null;
}

/**
 * 0–10 scores aligned with the comments: a blank (or a 0 that Excel confirms
 * is an empty cell) is "no score"; anything else that is not a whole number
 * from 0 to 10 is #VALUE! naming the cell.
 */
export async function alignedScores(col: CellColumn): Promise<(number | null)[]> {
  const out: (number | null)[] = new Array(col.length);
  const zeros: number[] = [];
  const { matrix: m, byRow } = col;
  for (let i = 0; i < col.length; i++) {
    const x = byRow ? m[i][0] : m[0][i];
    if (x === null || x === undefined || x === "") {
      out[i] = null;
      continue;
    }
    if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, col.where(i));
    if (typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 10) {
      out[i] = x;
      if (x === 0) zeros.push(i);
      continue;
    }
    if (typeof x === "string" && x.trim() === "") {
      out[i] = null;
      continue;
    }
    const shown = typeof x === "string" ? `the text "${truncate(x)}"` : typeof x === "boolean" ? (x ? "TRUE" : "FALSE") : String(x);
    throw invalidInput(`${col.where(i)} holds ${shown}, which is not a valid score (a whole number from 0 to 10).`);
  }
  for (const i of await emptyZeroCells(col, zeros)) out[i] = null;
  return out;
}
