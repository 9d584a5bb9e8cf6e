/**
 * Dates as Excel stores them: serial numbers in the 1900 date system.
 *
 * Serial 1 is 1900-01-01. Excel (copying Lotus 1-2-3) treats 1900 as a leap
 * year, so serial 60 is the fictitious 1900-02-29 and serial 61 is 1900-03-01;
 * from there on every serial is the real calendar date. CXM follows Excel
 * exactly: the calendar fields of a serial are what YEAR/MONTH/DAY return
 * (serial 60 is in February 1900), and the days between two dates are the
 * difference of their serials, as `=B2-A2` gives. A fractional part is the
 * time of day. The engines take dates as serials so that a template can pass
 * a worksheet column straight through; `serialFromIso` and `serialFromDate`
 * convert text and JavaScript dates.
 *
 * Reference: Microsoft, "Excel incorrectly assumes that the year 1900 is a
 * leap year" (KB 214326); H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms" (days_from_civil / civil_from_days, used below).
 */
import { invalidInput } from "./errors";

/** The first valid serial: 1900-01-01. Serial 0 ("1900-01-00") is not a date. */
export const FIRST_SERIAL = 1;
/** The last valid serial: 9999-12-31. */
export const LAST_SERIAL = 2958465;
/** Serial of 1970-01-01: serials from 61 on are Unix days + this. */
const UNIX_EPOCH_SERIAL = 25569;
/** The fictitious 1900-02-29. */
const LEAP_BUG_SERIAL = 60;

export interface CivilDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year and month (1-12) of a count of days since 1970-01-01 (Hinnant's civil_from_days). */
function civilFromDays(days: number, out: CivilDate): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  out.day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  out.month = mp < 10 ? mp + 3 : mp - 9;
  out.year = yoe + era * 400 + (out.month <= 2 ? 1 : 0);
  return out;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in a month, with Excel's 29 days in February 1900. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year === 1900 || isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when x is a serial Excel shows as a date (1900-01-01 to 9999-12-31, any time of day). */
export function isDateSerial(x: number): boolean {
  return Number.isFinite(x) && x >= FIRST_SERIAL && x < LAST_SERIAL + 1;
}

/**
 * The serial of a calendar date, as Excel's DATE(year, month, day) gives it
 * for a valid date; NaN when the date does not exist or Excel cannot show it.
 *
 * @example serialFromParts(2024, 3, 15) // 45366
 * @example serialFromParts(1900, 2, 29) // 60
 */
export function serialFromParts(year: number, month: number, day: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return NaN;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (year === 1900 && month <= 2) return month === 1 ? day : 31 + day;
  return daysFromCivil(year, month, day) + UNIX_EPOCH_SERIAL;
}

/**
 * The calendar date of a serial (the time of day is dropped), as Excel's
 * YEAR, MONTH and DAY return it. `out` lets a hot loop reuse one object.
 *
 * @example civilFromSerial(45366) // { year: 2024, month: 3, day: 15 }
 * @example civilFromSerial(60) // { year: 1900, month: 2, day: 29 }
 */
export function civilFromSerial(serial: number, out: CivilDate = { year: 0, month: 0, day: 0 }): CivilDate {
  const s = Math.floor(serial);
  if (s > LEAP_BUG_SERIAL) return civilFromDays(s - UNIX_EPOCH_SERIAL, out);
  out.year = 1900;
  out.month = s <= 31 ? 1 : 2;
  out.day = s <= 31 ? s : s - 31;
  return out;
}

const ISO_DATE = /^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$/i;

/**
 * The serial of ISO 8601 text: "2024-03-15", optionally with a time
 * ("2024-03-15T14:30", "2024-03-15 14:30:05", with or without a zone suffix).
 * The date is taken as written: a zone suffix is accepted but not applied,
 * since a transaction's calendar day is what the analysis groups by.
 * "2024-03" (a month) is accepted only when `allowMonth` is set, and means
 * the first of the month. Returns NaN for anything else.
 *
 * @example serialFromIso("2024-03-15") // 45366
 * @example serialFromIso("2024-03-15T18:00") // 45366.75
 */
export function serialFromIso(text: string, allowMonth = false): number {
  const m = ISO_DATE.exec(text);
  if (!m) return NaN;
  if (m[3] === undefined && (!allowMonth || m[4] !== undefined)) return NaN;
  const date = serialFromParts(Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
  if (Number.isNaN(date) || m[4] === undefined) return date;
  const hours = Number(m[4]), minutes = Number(m[5]), seconds = m[6] === undefined ? 0 : Number(m[6] + (m[7] ?? ""));
  if (hours > 23 || minutes > 59 || seconds >= 60) return NaN;
  return date + (hours * 3600 + minutes * 60 + seconds) / 86400;
}

/**
 * The serial of a JavaScript Date, from its UTC calendar fields (a Date made
 * with `new Date("2024-03-15")` is midnight UTC).
 *
 * @example serialFromDate(new Date("2024-03-15T12:00:00Z")) // 45366.5
 */
export function serialFromDate(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return NaN;
  const serial = ms / 86400000 + UNIX_EPOCH_SERIAL;
  // Before 1900-03-01 Excel's serials run one behind the real calendar.
  const excel = serial < LEAP_BUG_SERIAL + 1 ? serial - 1 : serial;
  return isDateSerial(excel) ? excel : NaN;
}

/**
 * A date as the engines take it (a serial, ISO text or a Date) turned into a
 * serial; throws #VALUE! naming `where` for anything that is not a date.
 */
export function toSerial(value: number | string | Date, where: string): number {
  const serial =
    typeof value === "number" ? value : typeof value === "string" ? serialFromIso(value) : value instanceof Date ? serialFromDate(value) : NaN;
  if (!isDateSerial(serial)) {
    throw invalidInput(`${where} is not a date (got ${JSON.stringify(value)}); give a date cell or ISO text such as 2024-03-15.`);
  }
  return serial;
}

/** Calendar periods the engines group by. Weeks start on Monday (ISO 8601). */
export type Period = "day" | "week" | "month" | "quarter" | "year";

/** Serial of a Monday (2024-01-01 is serial 45292 ≡ 2 mod 7): weeks are counted from here. */
const MONDAY_OFFSET = 2;

/**
 * The consecutive integer index of the period that holds a serial, so that
 * periods can be subtracted ("3 months later" = index + 3) and used as array
 * offsets. month = year × 12 + month − 1; quarter = year × 4 + quarter − 1;
 * week = whole weeks since a Monday. From January to March 2024 is 2 months:
 *
 * @example periodIndex(45366, "month") - periodIndex(45292, "month") // 2
 */
export function periodIndex(serial: number, period: Period, scratch: CivilDate = { year: 0, month: 0, day: 0 }): number {
  switch (period) {
    case "day":
      return Math.floor(serial);
    case "week":
      return Math.floor((Math.floor(serial) - MONDAY_OFFSET) / 7);
    default: {
      const c = civilFromSerial(serial, scratch);
      if (period === "month") return c.year * 12 + c.month - 1;
      if (period === "quarter") return c.year * 4 + Math.floor((c.month - 1) / 3);
      return c.year;
    }
  }
}

/**
 * The serial of the first day of a period index (the inverse of periodIndex):
 * a Monday for weeks, the 1st for months, 1 Jan / 1 Apr / 1 Jul / 1 Oct for
 * quarters. 2024-03-15 (45366) is in the month that starts on 2024-03-01 (45352):
 *
 * @example periodStart(periodIndex(45366, "month"), "month") // 45352
 */
export function periodStart(index: number, period: Period): number {
  switch (period) {
    case "day":
      return index;
    case "week":
      // The week of 1900-01-01 starts before serial 1; label it with serial 1.
      return Math.max(FIRST_SERIAL, index * 7 + MONDAY_OFFSET);
    case "month":
      return serialFromParts(Math.floor(index / 12), (index % 12) + 1, 1);
    case "quarter":
      return serialFromParts(Math.floor(index / 4), (index % 4) * 3 + 1, 1);
    case "year":
      return serialFromParts(index, 1, 1);
  }
}

export interface PeriodIndexes {
  /** Per date: its period index (see periodIndex). */
  index: Int32Array;
  min: number;
  max: number;
}

/** Above this many days between the first and last date, periods are computed per date instead of per day. */
const DAY_TABLE_LIMIT = 100_000;

/**
 * periodIndex for a whole column of serials. The dates of a log fall on a
 * few thousand distinct days, so each day's period is computed once into a
 * table and the rows look it up.
 */
export function periodIndexes(serials: ArrayLike<number>, period: Period): PeriodIndexes {
  const n = serials.length;
  const index = new Int32Array(n);
  let minDay = Infinity, maxDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = Math.floor(serials[i]);
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  if (n === 0) return { index, min: 0, max: -1 };
  const scratch: CivilDate = { year: 0, month: 0, day: 0 };
  if (maxDay - minDay < DAY_TABLE_LIMIT) {
    const table = new Int32Array(maxDay - minDay + 1);
    for (let d = minDay; d <= maxDay; d++) table[d - minDay] = periodIndex(d, period, scratch);
    for (let i = 0; i < n; i++) index[i] = table[Math.floor(serials[i]) - minDay];
  } else {
    for (let i = 0; i < n; i++) index[i] = periodIndex(serials[i], period, scratch);
  }
  // Periods are monotone in the day, so the first and last days give the range.
  return { index, min: periodIndex(minDay, period, scratch), max: periodIndex(maxDay, period, scratch) };
}
