import fc from "fast-check";
import {
  civilFromSerial,
  isDateSerial,
  periodIndex,
  periodIndexes,
  periodStart,
  serialFromDate,
  serialFromIso,
  serialFromParts,
  toSerial,
} from "../../src/metrics/dates";
import { MetricError } from "../../src/metrics/errors";

// Independent reference for dates from 1900-03-01 on: Excel's serial is the
// count of days since 1899-12-30 (Microsoft, "DATE function": 1 Jan 2008 is
// serial 39448). JavaScript's own calendar does the arithmetic here.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const viaJs = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - EXCEL_EPOCH_MS) / 86400000;

describe("Excel serials", () => {
  test("documented serials", () => {
    // Microsoft, "DATE function": "January 1, 2008 is serial number 39448".
    expect(serialFromParts(2008, 1, 1)).toBe(39448);
    // Microsoft, "DATEVALUE function": =DATEVALUE("8/22/2011") returns 40777.
    expect(serialFromParts(2011, 8, 22)).toBe(40777);
    // 2024-01-01 = 39448 + 16 years of days from 2008 (16 × 365 + 4 leap days 2008, 12, 16, 20 = 5844) = 45292.
    expect(serialFromParts(2024, 1, 1)).toBe(45292);
    // 2024-03-15 = 45292 + 31 (Jan) + 29 (Feb, leap) + 14 = 45366.
    expect(serialFromParts(2024, 3, 15)).toBe(45366);
    // Serial 1 is 1900-01-01; 9999-12-31 is Excel's last date, 2958465.
    expect(serialFromParts(1900, 1, 1)).toBe(1);
    expect(serialFromParts(9999, 12, 31)).toBe(2958465);
  });

  test("the 1900 leap-year quirk: 60 is the fictitious 1900-02-29, 61 is 1900-03-01", () => {
    // Microsoft KB 214326: Excel treats 1900 as a leap year for Lotus 1-2-3 compatibility.
    expect(serialFromParts(1900, 2, 28)).toBe(59);
    expect(serialFromParts(1900, 2, 29)).toBe(60);
    expect(serialFromParts(1900, 3, 1)).toBe(61);
    expect(civilFromSerial(59)).toEqual({ year: 1900, month: 2, day: 28 });
    expect(civilFromSerial(60)).toEqual({ year: 1900, month: 2, day: 29 });
    expect(civilFromSerial(61)).toEqual({ year: 1900, month: 3, day: 1 });
    expect(civilFromSerial(31)).toEqual({ year: 1900, month: 1, day: 31 });
    expect(civilFromSerial(32)).toEqual({ year: 1900, month: 2, day: 1 });
    // Other years follow the Gregorian rule: 1900 aside, no 29 Feb in 2100 or 2023.
    expect(serialFromParts(2100, 2, 29)).toBeNaN();
    expect(serialFromParts(2023, 2, 29)).toBeNaN();
    expect(serialFromParts(2000, 2, 29)).toBe(viaJs(2000, 2, 29));
  });

  test("from 1900-03-01 on, serials are days since 1899-12-30 (checked against JavaScript's calendar)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const real = new Date(Date.UTC(y, m - 1, d));
        fc.pre(real.getUTCMonth() === m - 1 && (y > 1900 || m > 2));
        const s = serialFromParts(y, m, d);
        expect(s).toBe(viaJs(y, m, d));
        expect(civilFromSerial(s)).toEqual({ year: y, month: m, day: d });
        expect(civilFromSerial(s + 0.75)).toEqual({ year: y, month: m, day: d });
      }),
    );
  });

  test("valid serials", () => {
    expect(isDateSerial(1)).toBe(true);
    expect(isDateSerial(60)).toBe(true);
    expect(isDateSerial(2958465.99)).toBe(true);
    expect(isDateSerial(0)).toBe(false);
    expect(isDateSerial(0.5)).toBe(false);
    expect(isDateSerial(-1)).toBe(false);
    expect(isDateSerial(2958466)).toBe(false);
    expect(isDateSerial(NaN)).toBe(false);
  });

  test("JavaScript dates", () => {
    expect(serialFromDate(new Date("2024-03-15T12:00:00Z"))).toBe(45366.5);
    // Before 1900-03-01 Excel runs a day behind the real calendar: 1900-01-01 is 1.
    expect(serialFromDate(new Date("1900-01-01T00:00:00Z"))).toBe(1);
    expect(serialFromDate(new Date("1899-12-31T00:00:00Z"))).toBeNaN();
    expect(serialFromDate(new Date("nonsense"))).toBeNaN();
  });
});

describe("ISO text", () => {
  test("dates and date-times", () => {
    expect(serialFromIso("2024-03-15")).toBe(45366);
    expect(serialFromIso(" 2024-03-15 ")).toBe(45366);
    // 18:00 is 0.75 of a day; 06:30:36 is (6×3600 + 30×60 + 36) / 86400 = 23436 / 86400.
    expect(serialFromIso("2024-03-15T18:00")).toBe(45366.75);
    expect(serialFromIso("2024-03-15 06:30:36")).toBeCloseTo(45366 + 23436 / 86400, 12);
    // A zone suffix is accepted and not applied: the calendar day is the one written.
    expect(serialFromIso("2024-03-15T23:30:00+05:00")).toBeCloseTo(45366 + 23.5 / 24, 12);
    expect(serialFromIso("2024-03-15T00:00:00.123Z")).toBeCloseTo(45366 + 0.123 / 86400, 12);
    // DATEVALUE("1900-02-29") is 60 in Excel.
    expect(serialFromIso("1900-02-29")).toBe(60);
  });

  test("not dates", () => {
    for (const text of ["2023-02-29", "2024-13-01", "2024-00-10", "2024-03-32", "15/03/2024", "03/15/2024", "2024", "", "hello", "2024-03-15T25:00", "1899-12-31"]) {
      expect(serialFromIso(text)).toBeNaN();
    }
  });

  test("a month is a date only when allowed", () => {
    expect(serialFromIso("2024-03")).toBeNaN();
    expect(serialFromIso("2024-03", true)).toBe(45352); // 2024-03-01 = 45366 − 14
  });

  test("toSerial names what is wrong", () => {
    expect(toSerial("2024-03-15", "as_of")).toBe(45366);
    expect(toSerial(45366.5, "as_of")).toBe(45366.5);
    expect(() => toSerial("15/03/2024", "row 3 of dates")).toThrow(MetricError);
    expect(() => toSerial(0, "row 3 of dates")).toThrow(/row 3 of dates is not a date/);
  });
});

describe("periods", () => {
  test("weeks start on Monday", () => {
    // 2024-01-01 (45292) was a Monday; 2024-03-15 (45366) a Friday, in the week of Monday 2024-03-11 (45362).
    expect(periodStart(periodIndex(45366, "week"), "week")).toBe(45362);
    expect(periodStart(periodIndex(45362, "week"), "week")).toBe(45362);
    expect(periodStart(periodIndex(45368, "week"), "week")).toBe(45362); // Sunday 17th
    expect(periodIndex(45369, "week") - periodIndex(45368, "week")).toBe(1); // Monday 18th starts the next
    expect(new Date((45362 - 25569) * 86400000).getUTCDay()).toBe(1); // 1 = Monday in JavaScript
  });

  test("months, quarters and years", () => {
    expect(periodStart(periodIndex(45366, "month"), "month")).toBe(45352); // 2024-03-01
    expect(periodStart(periodIndex(45366, "quarter"), "quarter")).toBe(45292); // 2024-01-01
    expect(periodStart(periodIndex(45366, "year"), "year")).toBe(45292);
    expect(periodStart(periodIndex(serialFromParts(2024, 8, 20), "quarter"), "quarter")).toBe(serialFromParts(2024, 7, 1));
    // Jan 2024 → Mar 2024 is 2 months; Dec 2023 → Jan 2024 is 1 month and 1 quarter.
    expect(periodIndex(45366, "month") - periodIndex(45292, "month")).toBe(2);
    expect(periodIndex(45292, "month") - periodIndex(45291, "month")).toBe(1);
    expect(periodIndex(45292, "quarter") - periodIndex(45291, "quarter")).toBe(1);
    // Serial 60 (1900-02-29) is in February 1900, as MONTH(60) = 2 in Excel.
    expect(periodIndex(60, "month")).toBe(periodIndex(59, "month"));
    expect(periodIndex(61, "month")).toBe(periodIndex(59, "month") + 1);
  });

  test("the column version agrees with the per-date one", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 2958465.9, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.constantFrom("week" as const, "month" as const, "quarter" as const, "year" as const),
        fc.boolean(),
        (serials, period, narrow) => {
          // narrow: squeeze the dates into a few years, so the day-table path runs too.
          const xs = Float64Array.from(serials, (s) => (narrow ? 45000 + (s % 2000) : s));
          const { index, min, max } = periodIndexes(xs, period);
          const each = Array.from(xs, (s) => periodIndex(s, period));
          expect(Array.from(index)).toEqual(each);
          expect(min).toBe(Math.min(...each));
          expect(max).toBe(Math.max(...each));
        },
      ),
    );
  });
});
