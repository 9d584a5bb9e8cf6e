/**
 * Excel date serials: the number of days since 1899-12-30, which is how Excel
 * stores a date (formatted as a date by its number format). Correct for dates
 * from 1900-03-01 on (Excel's 1900 leap-year bug affects only earlier ones).
 */

const MS_PER_DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** The Excel serial of a calendar day: excelDate(2024, 1, 1) -> 45292. */
export function excelDate(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - EPOCH) / MS_PER_DAY);
}

/** The Excel serial of a JS Date's UTC date and time (fractional for the time of day). */
export function excelSerial(date: Date): number {
  return (date.getTime() - EPOCH) / MS_PER_DAY;
}

/** The Date (UTC midnight plus the fraction of a day) an Excel serial stands for. */
export function dateFromSerial(serial: number): Date {
  return new Date(EPOCH + Math.round(serial * MS_PER_DAY));
}

/** Serial of the first day of the month that contains `serial`. */
export function monthStart(serial: number): number {
  const d = dateFromSerial(Math.floor(serial));
  return excelDate(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Serial of the first day of the month `months` after the month of `serial`. */
export function addMonths(serial: number, months: number): number {
  const d = dateFromSerial(Math.floor(serial));
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  return excelDate(Math.floor(total / 12), (total % 12) + 1, 1);
}

/** "2024-03" for a serial in March 2024. */
export function monthKey(serial: number): string {
  const d = dateFromSerial(Math.floor(serial));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}
