/**
 * The commonest cells of a CSV read straight from their bytes, with no
 * string made: bare numbers (`1234.5`, `-12,50`, `1.234,50` — digits, `.`,
 * `,` and a leading `-`), ISO dates (`2024-01-15`) and bare slashed dates
 * (`15/01/2024`, `1.5.24`). Each function gives exactly what numbers.ts and
 * dates.ts give for the same text, or says it cannot tell (UNKNOWN / NaN),
 * and the caller then decodes the cell and takes the general path — so the
 * answers never differ, only the cost (a property test holds them equal).
 */
import { serialFromParts } from "../metrics/dates";
import type { DateOrder } from "./dates";
import { DateShape } from "./dates";
import { NumberShape } from "./numbers";

/** The bytes do not decide: decode the cell and read it the general way. */
export const UNKNOWN = -1;

const DOT = 46, COMMA = 44, MINUS = 45, ZERO = 48, NINE = 57, SLASH = 47;

const isDigit = (c: number) => c >= ZERO && c <= NINE;

/** Groups written with `mark`: 1-3 digits (not starting with 0), then groups of exactly 3 (numbers.ts validGroups). */
function validGroups(b: Uint8Array, from: number, to: number, mark: number): boolean {
  let len = 0, first = true;
  for (let k = from; k < to; k++) {
    if (b[k] === mark) {
      if (first) {
        if (len < 1 || len > 3 || b[from] === ZERO) return false;
        first = false;
      } else if (len !== 3) return false;
      len = 0;
    } else len++;
  }
  return !first && len === 3;
}

/**
 * numberShape of a bare cell (digits, `.`, `,`, an optional leading `-`,
 * at most 40 bytes); UNKNOWN for anything else (currency, spaces, %,
 * exponents…), which the general path reads.
 */
export function bareNumberShape(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n === 0 || n > 40) return UNKNOWN;
  const i = b[s] === MINUS ? s + 1 : s;
  let dots = 0, commas = 0, last = -1, digits = 0;
  for (let k = i; k < e; k++) {
    const c = b[k];
    if (c === DOT) {
      dots++;
      last = k;
    } else if (c === COMMA) {
      commas++;
      last = k;
    } else if (isDigit(c)) digits++;
    else return UNKNOWN;
  }
  if (digits === 0) return UNKNOWN;
  if (dots === 0 && commas === 0) return NumberShape.Integer;
  const lastMark = b[last];
  const before = last - i, after = e - last - 1;
  if (dots > 0 && commas > 0) {
    if ((lastMark === DOT ? dots : commas) !== 1) return NumberShape.NotNumber;
    return validGroups(b, i, last, lastMark === DOT ? COMMA : DOT) ? (lastMark === DOT ? NumberShape.DotDecimal : NumberShape.CommaDecimal) : NumberShape.NotNumber;
  }
  if (dots + commas > 1) {
    return validGroups(b, i, e, lastMark) ? (lastMark === COMMA ? NumberShape.DotDecimal : NumberShape.CommaDecimal) : NumberShape.NotNumber;
  }
  if (after === 3 && before >= 1 && before <= 3 && b[i] !== ZERO) return lastMark === DOT ? NumberShape.AmbiguousDot : NumberShape.AmbiguousComma;
  return lastMark === DOT ? NumberShape.DotDecimal : NumberShape.CommaDecimal;
}

/** True when a bare Integer-shaped cell starts with 0 and another digit ("007": an id, not a number). */
export function leadingZero(b: Uint8Array, s: number, e: number): boolean {
  return e - s > 1 && b[s] === ZERO && isDigit(b[s + 1]);
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * parseNumber of a bare cell whose column's decimal mark is `mark`; NaN when
 * the bytes do not decide (the caller reads the text). The value is the
 * integer of its digits divided by a power of ten: both are exact doubles
 * (at most 15 digits), and IEEE division rounds the exact quotient
 * correctly, as Number() rounds the decimal text — so the two agree to the bit.
 */
export function bareNumber(b: Uint8Array, s: number, e: number, mark: "." | ","): number {
  const shape = bareNumberShape(b, s, e);
  if (shape === UNKNOWN || shape === NumberShape.NotNumber) return NaN;
  if ((shape === NumberShape.DotDecimal && mark !== ".") || (shape === NumberShape.CommaDecimal && mark !== ",")) return NaN;
  const decimal = mark === "." ? DOT : COMMA;
  const negative = b[s] === MINUS;
  let m = 0, digits = 0, fraction = -1;
  for (let k = negative ? s + 1 : s; k < e; k++) {
    const c = b[k];
    if (c === decimal) fraction = 0;
    else if (isDigit(c)) {
      m = m * 10 + (c - ZERO);
      digits++;
      if (fraction >= 0) fraction++;
    }
  }
  if (digits > 15) return NaN;
  const x = fraction > 0 ? m / POW10[fraction] : m;
  return negative ? -x : x;
}

/** Digits b[from..to) as a number (the caller has checked they are digits). */
function digitsValue(b: Uint8Array, from: number, to: number): number {
  let v = 0;
  for (let k = from; k < to; k++) v = v * 10 + (b[k] - ZERO);
  return v;
}

/** The serial of `yyyy-mm-dd` (exactly), else NaN. */
function isoSerial(b: Uint8Array, s: number, e: number): number {
  if (e - s !== 10 || b[s + 4] !== MINUS || b[s + 7] !== MINUS) return NaN;
  for (let k = s; k < e; k++) if (k !== s + 4 && k !== s + 7 && !isDigit(b[k])) return NaN;
  return serialFromParts(digitsValue(b, s, s + 4), digitsValue(b, s + 5, s + 7), digitsValue(b, s + 8, s + 10));
}

/** The parts of a bare slashed date (dates.ts bareSlashed): [p1, len1, p2, p3, len3] in `out`, or false. */
function bareSlashed(b: Uint8Array, s: number, e: number, out: number[]): boolean {
  const n = e - s;
  if (n < 6 || n > 10) return false;
  let i = s;
  while (i < e && isDigit(b[i])) i++;
  const len1 = i - s;
  const sep = b[i];
  if (len1 < 1 || len1 > 2 || (sep !== SLASH && sep !== DOT && sep !== MINUS)) return false;
  const bStart = ++i;
  while (i < e && isDigit(b[i])) i++;
  const len2 = i - bStart;
  if (len2 < 1 || len2 > 2 || b[i] !== sep) return false;
  const yStart = ++i;
  while (i < e && isDigit(b[i])) i++;
  const len3 = i - yStart;
  if (i !== e || (len3 !== 2 && len3 !== 4)) return false;
  out[0] = digitsValue(b, s, s + len1);
  out[1] = len1;
  out[2] = digitsValue(b, bStart, bStart + len2);
  out[3] = digitsValue(b, yStart, e);
  out[4] = len3;
  return true;
}

const fullYear = (y: number, digits: number) => (digits > 2 ? y : y < 30 ? 2000 + y : 1900 + y);
const parts = [0, 0, 0, 0, 0];

/**
 * parseDate of an ISO or bare slashed date cell read in `order`; NaN when the
 * bytes do not decide (a time, a month name, an impossible date…).
 */
export function bareDate(b: Uint8Array, s: number, e: number, order: DateOrder): number {
  if (e - s < 6 || !isDigit(b[s])) return NaN;
  if (b[s + 4] === MINUS) return isoSerial(b, s, e);
  if (!bareSlashed(b, s, e, parts)) return NaN;
  const p1 = parts[0], len1 = parts[1], p2 = parts[2], p3 = parts[3], len3 = parts[4];
  if (order === "ymd") return len3 > 2 ? NaN : serialFromParts(fullYear(p1, len1), p2, p3);
  const y = fullYear(p3, len3);
  return order === "dmy" ? serialFromParts(y, p2, p1) : serialFromParts(y, p1, p2);
}

/** dateShape of an ISO or bare slashed date cell; UNKNOWN when the bytes do not decide (including not a date). */
export function bareDateShape(b: Uint8Array, s: number, e: number): number {
  if (e - s < 6 || !isDigit(b[s])) return UNKNOWN;
  if (b[s + 4] === MINUS) return Number.isNaN(isoSerial(b, s, e)) ? UNKNOWN : DateShape.Unambiguous;
  if (!bareSlashed(b, s, e, parts)) return UNKNOWN;
  const a = parts[0], m = parts[2];
  const y = fullYear(parts[3], parts[4]);
  const dmy = !Number.isNaN(serialFromParts(y, m, a)), mdy = !Number.isNaN(serialFromParts(y, a, m));
  if (dmy && mdy) return a === m ? DateShape.Unambiguous : DateShape.Ambiguous;
  if (dmy) return DateShape.DayFirst;
  if (mdy) return DateShape.MonthFirst;
  return UNKNOWN;
}
