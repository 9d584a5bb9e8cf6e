import { addMonths, dateFromSerial, excelDate, excelSerial, monthKey, monthStart } from "../../src/workbook/dates";

describe("Excel date serials", () => {
  test("match Excel's own serials", () => {
    // Excel: =DATE(2024,1,1) is 45292; =DATE(1900,3,1) is 61; =DATE(2000,2,29) is 36585.
    expect(excelDate(2024, 1, 1)).toBe(45292);
    expect(excelDate(1900, 3, 1)).toBe(61);
    expect(excelDate(2000, 2, 29)).toBe(36585);
    expect(excelSerial(new Date("2024-01-01T12:00:00Z"))).toBe(45292.5);
    expect(dateFromSerial(45292.5).toISOString()).toBe("2024-01-01T12:00:00.000Z");
  });

  test("month helpers", () => {
    expect(monthStart(excelDate(2024, 3, 17) + 0.7)).toBe(excelDate(2024, 3, 1));
    expect(addMonths(excelDate(2024, 11, 20), 3)).toBe(excelDate(2025, 2, 1));
    expect(monthKey(excelDate(2024, 3, 17))).toBe("2024-03");
  });
});
