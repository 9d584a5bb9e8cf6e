/**
 * Dates as exports write them, turned into Excel serials (1900 date system,
 * src/metrics/dates.ts): ISO (`2024-01-15`, `2024-01-15 10:23:45 -0500`,
 * `2024-01-15T10:23:45Z`), a month (`2024-01`, `01/2024`), slashed dates in
 * either order (`15/01/2024`, `1/15/2024`, also with `-` or `.`, two-digit
 * years, a time and AM/PM or `p. m.`), month names in Spanish and English
 * (`ene 2024`, `15-ene-2024`, `enero de 2024`, `Jan 15, 2024`,
 * `lunes, 15 de enero de 2024`) and Excel serial numbers.
 *
 * Like the decimal mark, the order of a slashed date belongs to its column:
 * `05/03/2024` is read the way the rest of the column shows (a first part
 * above 12 means day first). `dateShape` gives the evidence one text carries;
 * `parseDate` reads it once the order is settled. Pure functions.
 */
import { serialFromIso, serialFromParts } from "../metrics/dates";

/** The order of the parts of a slashed date. */
export type DateOrder = "dmy" | "mdy" | "ymd";

/** What a text says about its column's date order. */
export const enum DateShape {
  NotDate = 0,
  /** Year first (ISO, `2024/01/15`) or a month name: the same in every order. */
  Unambiguous = 1,
  /** A slashed date whose first part is above 12: day first. */
  DayFirst = 2,
  /** A slashed date whose second part is above 12: month first. */
  MonthFirst = 3,
  /** A slashed date with both parts at most 12 (`05/03/2024`): the order decides. */
  Ambiguous = 4,
}

const SLASHED =
  /^(\d{1,4})([/.-])(\d{1,2})\2(\d{2,4})(?:(?:\s+|T|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([ap])?\.?\s?(m\.?)?)?$/i;
const MONTH_YEAR = /^(\d{1,2})[/.-](\d{4})$/;

/**
 * The parts of a bare "d/m/yyyy" (any of / . -, no time), read with char
 * codes: most date columns are only this, so it skips the regular expression.
 * Null for anything else.
 */
function bareSlashed(t: string): RegExpExecArray | null {
  const n = t.length;
  if (n < 6 || n > 10) return null;
  let i = 0;
  const digits = () => {
    const start = i;
    while (i < n && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
    return t.slice(start, i);
  };
  const a = digits();
  const sep = t.charAt(i);
  if (a.length < 1 || a.length > 2 || (sep !== "/" && sep !== "." && sep !== "-")) return null;
  i++;
  const b = digits();
  if (b.length < 1 || b.length > 2 || t.charAt(i) !== sep) return null;
  i++;
  const y = digits();
  if (i !== n || (y.length !== 2 && y.length !== 4)) return null;
  const m = [t, a, sep, b, y] as unknown as RegExpExecArray;
  return m;
}

const MONTHS: Record<string, number> = {};
[
  ["enero", "ene", "january", "jan"],
  ["febrero", "feb", "february"],
  ["marzo", "mar", "march"],
  ["abril", "abr", "april", "apr"],
  ["mayo", "may"],
  ["junio", "jun", "june"],
  ["julio", "jul", "july"],
  ["agosto", "ago", "august", "aug"],
  ["septiembre", "setiembre", "sep", "sept", "set", "september"],
  ["octubre", "oct", "october"],
  ["noviembre", "nov", "november"],
  ["diciembre", "dic", "december", "dec"],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));
const WEEKDAYS = new Set(
  "lunes martes miercoles jueves viernes sabado domingo lun mie jue vie sab dom monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun".split(
    " ",
  ),
);

/** A two-digit year as Excel reads it: 00-29 are 2000-2029, 30-99 are 1930-1999. */
export function fullYear(y: number, digits: number): number {
  if (digits > 2) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

function timeOf(h: number, min: number, s: number, ampm: string | undefined): number {
  let hours = h;
  if (ampm) {
    if (hours < 1 || hours > 12) return NaN;
    const pm = ampm.toLowerCase() === "p";
    hours = (hours % 12) + (pm ? 12 : 0);
  }
  if (hours > 23 || min > 59 || s > 59) return NaN;
  return (hours * 3600 + min * 60 + s) / 86400;
}

const HAS_LETTER = /\p{L}/u;

/** Tokens of a date written with a month name: lower case, no accents, no "de", no punctuation. */
function wordTokens(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/([a-z])\./g, "$1")
    .split(/[\s,/.-]+/)
    .filter((t) => t !== "" && t !== "de" && t !== "del" && t !== "of" && t !== "the");
}

const TIME_TOKEN = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Serial of a date written with a month name, or NaN. */
function monthNameSerial(text: string): number {
  let tokens = wordTokens(text);
  if (tokens.length > 0 && WEEKDAYS.has(tokens[0]) && tokens.length > 2) tokens = tokens.slice(1);
  let fraction = 0;
  const last = tokens.length - 1;
  let ampm: string | undefined;
  if (last >= 0 && /^(?:am|pm|a|p)$/.test(tokens[last]) && last > 0) {
    ampm = tokens[last].charAt(0);
    tokens = tokens.slice(0, last);
  }
  // "p. m." splits into "p", "m".
  if (tokens.length > 1 && tokens[tokens.length - 1] === "m" && /^[ap]$/.test(tokens[tokens.length - 2])) {
    ampm = tokens[tokens.length - 2];
    tokens = tokens.slice(0, -2);
  }
  const t = TIME_TOKEN.exec(tokens[tokens.length - 1] ?? "");
  if (t) {
    fraction = timeOf(Number(t[1]), Number(t[2]), Number(t[3] ?? 0), ampm);
    if (Number.isNaN(fraction)) return NaN;
    tokens = tokens.slice(0, -1);
  }
  const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : NaN);
  const month = (s: string) => MONTHS[s] ?? NaN;
  let y = NaN, m = NaN, d = NaN;
  if (tokens.length === 2) {
    // ene 2024, Jan-24 (Excel's mmm-yy)
    m = month(tokens[0]);
    y = fullYear(num(tokens[1]), tokens[1].length);
    d = 1;
  } else if (tokens.length === 3) {
    if (/^\d{4}$/.test(tokens[0]) && !Number.isNaN(month(tokens[1]))) {
      // 2024 ene 15
      y = num(tokens[0]);
      m = month(tokens[1]);
      d = num(tokens[2]);
    } else if (!Number.isNaN(month(tokens[1]))) {
      // 15 ene 2024, 15-Jan-24
      d = num(tokens[0]);
      m = month(tokens[1]);
      y = fullYear(num(tokens[2]), tokens[2].length);
    } else if (!Number.isNaN(month(tokens[0]))) {
      // Jan 15 2024 (the comma is gone)
      m = month(tokens[0]);
      d = num(tokens[1]);
      y = fullYear(num(tokens[2]), tokens[2].length);
    }
  }
  if (Number.isNaN(y) || Number.isNaN(m) || Number.isNaN(d)) return NaN;
  const day = serialFromParts(y, m, d);
  return Number.isNaN(day) ? NaN : day + fraction;
}

/**
 * The evidence a text carries about its column's date order.
 *
 * @example dateShape("15/01/2024") // DateShape.DayFirst
 * @example dateShape("05/03/2024") // DateShape.Ambiguous
 */
export function dateShape(text: string): DateShape {
  const t = text.trim();
  if (t === "") return DateShape.NotDate;
  const first = t.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const m = t.charCodeAt(4) === 45 ? null : (bareSlashed(t) ?? SLASHED.exec(t));
    if (m) {
      if (m[1].length === 4) return Number.isNaN(parseDate(t, "ymd")) ? DateShape.NotDate : DateShape.Unambiguous;
      if (m[1].length === 3 || m[4].length === 3) return DateShape.NotDate;
      const a = Number(m[1]), b = Number(m[3]), y = fullYear(Number(m[4]), m[4].length);
      const dmy = !Number.isNaN(serialFromParts(y, b, a)), mdy = !Number.isNaN(serialFromParts(y, a, b));
      if (m[5] !== undefined && Number.isNaN(timeOf(Number(m[5]), Number(m[6]), Number(m[7] ?? 0), m[8]))) return DateShape.NotDate;
      if (dmy && mdy) return a === b ? DateShape.Unambiguous : DateShape.Ambiguous;
      if (dmy) return DateShape.DayFirst;
      if (mdy) return DateShape.MonthFirst;
      return DateShape.NotDate;
    }
    if (!Number.isNaN(serialFromIso(t, true))) return DateShape.Unambiguous;
    if (MONTH_YEAR.test(t)) return Number.isNaN(parseDate(t, "dmy")) ? DateShape.NotDate : DateShape.Unambiguous;
  }
  if (HAS_LETTER.test(t) && !Number.isNaN(monthNameSerial(t))) return DateShape.Unambiguous;
  return DateShape.NotDate;
}

/**
 * The Excel serial of a date text whose column reads slashed dates in
 * `order`; NaN when it is not a date. A year-first text (`2024/01/15`) is
 * read year first whatever the order.
 *
 * @example parseDate("15/01/2024", "dmy") // 45306
 * @example parseDate("1/15/24 3:30 PM", "mdy") // 45306.645833…
 * @example parseDate("15-ene-2024", "dmy") // 45306
 */
export function parseDate(text: string, order: DateOrder): number {
  const t = text.trim();
  if (t === "") return NaN;
  const first = t.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    // "2024-…" is ISO; anything else is tried as a slashed date first (the common case in exports).
    if (t.charCodeAt(4) === 45) {
      const iso = serialFromIso(t, true);
      if (!Number.isNaN(iso)) return iso;
    }
    const m = bareSlashed(t) ?? SLASHED.exec(t);
    if (m) {
      const p1 = Number(m[1]), p2 = Number(m[3]), p3 = Number(m[4]);
      let y: number, mo: number, d: number;
      if (m[1].length === 4) {
        if (m[4].length > 2) return NaN;
        [y, mo, d] = [p1, p2, p3];
      } else if (m[1].length > 2) {
        return NaN;
      } else if (order === "ymd") {
        if (m[4].length > 2) return NaN;
        [y, mo, d] = [fullYear(p1, m[1].length), p2, p3];
      } else {
        if (m[4].length === 3) return NaN;
        y = fullYear(p3, m[4].length);
        [d, mo] = order === "dmy" ? [p1, p2] : [p2, p1];
      }
      const day = serialFromParts(y, mo, d);
      if (Number.isNaN(day) || m[5] === undefined) return day;
      const f = timeOf(Number(m[5]), Number(m[6]), Number(m[7] ?? 0), m[8]);
      return Number.isNaN(f) ? NaN : day + f;
    }
    const my = MONTH_YEAR.exec(t);
    if (my) return serialFromParts(Number(my[2]), Number(my[1]), 1);
    const iso = serialFromIso(t, true);
    if (!Number.isNaN(iso)) return iso;
  }
  return HAS_LETTER.test(t) ? monthNameSerial(t) : NaN;
}
