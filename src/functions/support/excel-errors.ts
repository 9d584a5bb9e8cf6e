/**
 * The one place where CXM results become Excel results.
 *
 * Every custom function runs its body through `excelResult` (or
 * `excelResultAsync`). That wrapper:
 * - turns a MetricError from the core into the matching Excel error, with the
 *   message (Excel shows messages only on #VALUE! and #N/A);
 * - re-raises an Excel error that arrived inside an input range (#N/A in the
 *   scores column stays #N/A, as it would in AVERAGE);
 * - turns NaN/Infinity into #NUM! (a number Excel cannot show), in scalars and
 *   inside spilled arrays, and null inside arrays into "" (Excel shows null as 0);
 * - turns anything unexpected into #VALUE! rather than letting it escape.
 */
import { MetricError, MetricErrorKind } from "../../metrics/errors";
import { outputLanguage } from "./display-language";
import { translateMessage } from "./translate-message";

export type ErrorCodeText = "#VALUE!" | "#N/A" | "#DIV/0!" | "#NUM!" | "#NULL!" | "#NAME?" | "#REF!";

const ALL_CODES: ReadonlySet<string> = new Set(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NULL!", "#NAME?", "#REF!"]);
/** Excel accepts #NAME? and #REF! as inputs to a custom function but not as its result. */
const RETURNABLE_CODES: ReadonlySet<string> = new Set(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NULL!"]);

const CODE_OF_KIND: Record<MetricErrorKind, ErrorCodeText> = {
  value: "#VALUE!",
  div0: "#DIV/0!",
  num: "#NUM!",
  na: "#N/A",
};

/** An Excel error value found in an argument (a cell holding #N/A, say). */
export class InputErrorValue extends Error {
  constructor(
    readonly code: ErrorCodeText,
    readonly where: string,
  ) {
    super(`${where} holds ${code}.`);
    this.name = "InputErrorValue";
  }
}

/** True for the error objects Excel passes in place of an error cell. */
export function isExcelErrorValue(v: unknown): v is { code: ErrorCodeText; message?: string } {
  return typeof v === "object" && v !== null && ALL_CODES.has((v as { code?: unknown }).code as string);
}

/**
 * Builds the runtime's error object; the runtime provides CustomFunctions as a global.
 * The message, written in English where it is thrown, is put in Excel's display language here.
 */
export function excelError(code: ErrorCodeText, message?: string): CustomFunctions.Error {
  const withMessage = code === "#VALUE!" || code === "#N/A";
  const text = withMessage && message !== undefined ? translateMessage(message, outputLanguage()) : undefined;
  return new CustomFunctions.Error(code as CustomFunctions.ErrorCode, text);
}

/** Maps anything thrown while computing a result to the Excel error a user should see. */
export function toExcelError(e: unknown): CustomFunctions.Error {
  if (e instanceof MetricError) return excelError(CODE_OF_KIND[e.kind], e.message);
  if (e instanceof InputErrorValue) {
    return RETURNABLE_CODES.has(e.code) ? excelError(e.code, e.message) : excelError("#VALUE!", e.message);
  }
  if (isExcelErrorValue(e)) return RETURNABLE_CODES.has(e.code) ? excelError(e.code, e.message) : excelError("#VALUE!", `${e.code} in an argument.`);
  // What follows is a failure inside CXM, not a problem with the input. Its JavaScript text
  // ("Invalid typed array length: …", "Maximum call stack size exceeded") means nothing to the
  // user, so it goes to the console for a bug report and the cell gets a plain message.
  console.error("CXM:", e);
  if (e instanceof RangeError) {
    return excelError("#VALUE!", "The input is too large for CXM to process in a worksheet function. Use a smaller range, or the task pane template.");
  }
  return excelError("#VALUE!", "Unexpected problem in CXM: the result could not be computed. Please report it with the formula and its inputs.");
}

function isBadNumber(v: unknown): boolean {
  return typeof v === "number" && !Number.isFinite(v);
}

/** Cleans one cell of a spilled result. */
function cleanCell(v: unknown): unknown {
  if (v === null || v === undefined) return "";
  if (isBadNumber(v)) return excelError("#NUM!");
  return v;
}

/** Cleans a result: bad numbers -> #NUM!, null cells -> "". */
function clean<T>(value: T): T | CustomFunctions.Error {
  if (isBadNumber(value)) return excelError("#NUM!");
  if (Array.isArray(value)) {
    return value.map((row) => (Array.isArray(row) ? row.map(cleanCell) : cleanCell(row))) as unknown as T;
  }
  if (value === null || value === undefined) return excelError("#N/A", "No result.");
  return value;
}

/**
 * Runs a custom function's body. An error is thrown as a CustomFunctions.Error,
 * which is how the runtime expects a custom function to report one.
 */
export function excelResult<T>(body: () => T): T {
  let out: T | CustomFunctions.Error;
  try {
    out = clean(body());
  } catch (e) {
    throw toExcelError(e);
  }
  if (out instanceof CustomFunctions.Error) throw out;
  return out;
}

/** excelResult for functions that must ask Excel something first (blank checks). */
export async function excelResultAsync<T>(body: () => Promise<T>): Promise<T> {
  let out: T | CustomFunctions.Error;
  try {
    out = clean(await body());
  } catch (e) {
    throw toExcelError(e);
  }
  if (out instanceof CustomFunctions.Error) throw out;
  return out;
}
