/**
 * Excel argument semantics, in one place (DESIGN §2).
 *
 * Order of checks, as formulajs does it: coerce -> propagate errors -> range
 * checks. Range arguments arrive as 2-D arrays; like AVERAGE, blanks, text and
 * booleans inside a range are skipped and an error value propagates. Scalars
 * follow Excel arithmetic: a blank is 0 when required and the default when
 * optional (optional parameters arrive as null, so TypeScript defaults never apply).
 */
import { serialFromParts } from "../../metrics/dates";
import { invalidInput } from "../../metrics/errors";
import { describeCell } from "../../workbook/a1";
import { InputErrorValue, isExcelErrorValue } from "./excel-errors";

/** A value as Excel can pass it: number, text, boolean, blank, error object, or a 2-D array of these. */
export type ExcelArg = unknown;

/**
 * Ranges arrive as 2-D arrays; a lone value is treated as a 1×1 range and a
 * flat array as one column. The common case (already 2-D) is returned as is:
 * copying a million-row column would cost more than reading it.
 */
export function asMatrix(v: ExcelArg): unknown[][] {
  if (!Array.isArray(v)) return [[v]];
  for (let r = 0; r < v.length; r++) {
    if (!Array.isArray(v[r])) return v.map((row) => (Array.isArray(row) ? row : [row]));
  }
  return v as unknown[][];
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

/** Reduces a 1×1 range to its value; a larger range for a single-value parameter is an error. */
function single(v: ExcelArg, name: string): unknown {
  if (!Array.isArray(v)) return v;
  const m = asMatrix(v);
  if (m.length === 1 && m[0].length === 1) return m[0][0];
  throw invalidInput(`${name} expects a single value, not a range of ${m.length}×${m[0]?.length ?? 0} cells.`);
}

const PLAIN_NUMBER = /^([+-]?)(\$?)(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d{1,3}))?(%?)$/;
const BRACKETED_NUMBER = /^\((\$?)(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d{1,3}))?(%?)\)$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?(?:\s?([AaPp])[Mm])?$/;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: +(\S.*))?$/;
const GROUPED = /^[+-]?\$?\d{1,3}(?:,\d{3})+(?:\.\d*)?%?$/;

/** A time of day as Excel's fraction of a day ("16:48:00" -> 0.7, "4:48 PM" -> 0.7); NaN when not one. */
function timeFromText(t: string): number {
  const m = TIME.exec(t);
  if (!m) return NaN;
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = m[3] === undefined ? 0 : Number(m[3]);
  if (m[4] !== undefined) {
    if (hours < 1 || hours > 12) return NaN;
    hours = (hours % 12) + (m[4].toUpperCase() === "P" ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds >= 60) return NaN;
  return (hours * 3600 + minutes * 60 + seconds) / 86400;
}

/**
 * The number Excel's VALUE (and its arithmetic, "12"+0) gives for a text, in
 * the English (United States) forms Microsoft documents, or NaN. Microsoft:
 * "Text can be in any of the constant number, date, or time formats recognized
 * by Microsoft Excel. If text is not in one of these formats, VALUE returns the
 * #VALUE! error value", with =VALUE("$1,000") -> 1000 and
 * =VALUE("16:48:00")-VALUE("12:00:00") -> 0.2 (support.microsoft.com, "VALUE
 * function"). Read here: surrounding spaces, a sign, a leading $, decimals,
 * an exponent (1e3), a trailing % (50% -> 0.5), accounting negatives ((12) ->
 * -12), ISO dates (2024-03-15 -> 45366, "2024-03-15 12:00" -> 45366.5) and
 * times of day.
 * Not read, although JavaScript's Number() would: 0x10, 0b11, 0o7, Infinity,
 * 1_000. Thousands separators are not read either: "1,234" is 1234 in English
 * Excel but 1.234 in Spanish Excel, and a function cannot tell which the user
 * meant (see thousandsSeparatorIn).
 */
export function numberFromText(text: string): number {
  const t = text.trim();
  if (t === "") return NaN;
  let m = PLAIN_NUMBER.exec(t);
  if (m) return finiteOrNaN((m[1] === "-" ? -1 : 1) * Number(`${m[3]}e${m[4] ?? 0}`) * (m[5] ? 0.01 : 1));
  m = BRACKETED_NUMBER.exec(t);
  if (m) return finiteOrNaN(-Number(`${m[2]}e${m[3] ?? 0}`) * (m[4] ? 0.01 : 1));
  const time = timeFromText(t);
  if (!Number.isNaN(time)) return time;
  const d = DATE.exec(t);
  if (!d) return NaN;
  const day = serialFromParts(Number(d[1]), Number(d[2]), Number(d[3]));
  if (d[4] === undefined) return day;
  const at = timeFromText(d[4]);
  return Number.isNaN(day) || Number.isNaN(at) ? NaN : day + at;
}

function finiteOrNaN(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  return x === 0 ? 0 : x; // "-0" is 0, as in Excel
}

/** True for "1,234" or "$12,345.50": a number written with thousands separators, which CXM does not guess at. */
export function thousandsSeparatorIn(text: string): boolean {
  return GROUPED.test(text.trim());
}

/**
 * A required number. Blank counts as 0 (Excel arithmetic); numeric text is read
 * as a number; booleans and other text are #VALUE!; an error value propagates.
 */
export function requiredNumber(v: ExcelArg, name: string): number {
  const x = single(v, name);
  if (isBlank(x)) return 0;
  return toNumber(x, name);
}

/** An optional number: blank or omitted (null) gives `fallback`. */
export function optionalNumber(v: ExcelArg, name: string, fallback: number): number {
  const x = single(v, name);
  if (isBlank(x)) return fallback;
  return toNumber(x, name);
}

function toNumber(x: unknown, name: string): number {
  if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, name);
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw invalidInput(`${name} is not a finite number.`);
    return x;
  }
  if (typeof x === "string") {
    const n = numberFromText(x);
    if (Number.isFinite(n)) return n;
    if (thousandsSeparatorIn(x)) {
      throw invalidInput(
        `${name} got the text "${truncate(x)}": CXM does not read thousands separators in text, because English Excel reads "1,234" as 1234 and Spanish Excel as 1.234. Type the number without them.`,
      );
    }
    throw invalidInput(`${name} expects a number, but got the text "${truncate(x)}".`);
  }
  if (typeof x === "boolean") throw invalidInput(`${name} expects a number, but got ${x ? "TRUE" : "FALSE"}.`);
  throw invalidInput(`${name} expects a number.`);
}

/** An optional text option (period = "month"); blank gives the fallback. Case-insensitive. */
export function optionalChoice<T extends string>(v: ExcelArg, name: string, choices: readonly T[], fallback: T): T {
  const x = single(v, name);
  if (isBlank(x)) return fallback;
  if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, name);
  const text = String(x).trim().toLowerCase();
  const hit = choices.find((c) => c.toLowerCase() === text);
  if (!hit) throw invalidInput(`${name} must be one of ${choices.map((c) => `"${c}"`).join(", ")} (got "${truncate(String(x))}").`);
  return hit;
}

export function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The numbers in a range, row by row, skipping blanks, text and booleans like
 * AVERAGE does; an error value in the range propagates with its cell named.
 */
export function rangeNumbers(v: ExcelArg, name: string, address?: string | null, options: { nonNegative?: boolean } = {}): Float64Array {
  const m = asMatrix(v);
  let count = 0;
  for (const row of m) for (const x of row) if (typeof x === "number") count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let r = 0; r < m.length; r++) {
    const row = m[r];
    for (let c = 0; c < row.length; c++) {
      const x = row[c];
      if (typeof x === "number") {
        if (!Number.isFinite(x)) throw invalidInput(`${describeCell(name, r, c, address)} is not a finite number.`);
        if (options.nonNegative && x < 0) throw invalidInput(`${describeCell(name, r, c, address)} is negative (${x}); ${name} must be 0 or more.`);
        out[k++] = x;
      } else if (isExcelErrorValue(x)) {
        throw new InputErrorValue(x.code, describeCell(name, r, c, address));
      }
    }
  }
  return out;
}

/**
 * Every non-blank value of a range, in order, as a key (ids: text or numbers).
 * The number 7 and the text "7" stay different keys; text is trimmed, since ids
 * pasted from exports often carry stray spaces.
 */
export function rangeKeys(v: ExcelArg, name: string, address?: string | null): (string | number)[] {
  const m = asMatrix(v);
  const out: (string | number)[] = [];
  for (let r = 0; r < m.length; r++) {
    const row = m[r];
    for (let c = 0; c < row.length; c++) {
      const x = row[c];
      if (isBlank(x)) continue;
      if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, describeCell(name, r, c, address));
      if (typeof x === "string") {
        const t = x.trim();
        if (t !== "") out.push(t);
      } else if (typeof x === "number" || typeof x === "boolean") {
        out.push(typeof x === "boolean" ? String(x).toUpperCase() : x);
      } else {
        throw invalidInput(`${describeCell(name, r, c, address)} holds a value CXM cannot use as an id.`);
      }
    }
  }
  return out;
}
