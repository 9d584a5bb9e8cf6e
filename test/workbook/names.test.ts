import fc from "fast-check";
import { invalidDefinedName, MAX_SHEET_NAME, uniqueSheetName, uniqueTableName, validSheetName } from "../../src/workbook/names";

describe("sheet names", () => {
  test("characters Excel forbids ([ ] : * ? / \\) are replaced, apostrophes at the ends removed", () => {
    expect(validSheetName("Q1/Q2: [draft]?*")).toBe("Q1-Q2- -draft---");
    expect(validSheetName("'quoted'")).toBe("quoted");
    expect(validSheetName("   ")).toBe("Sheet");
  });

  test("names are cut to Excel's 31 characters", () => {
    expect(validSheetName("A".repeat(40))).toBe("A".repeat(31));
  });

  test("a taken name gets (2), (3)… compared case-insensitively, within 31 characters", () => {
    expect(uniqueSheetName("Survey", ["Sheet1"])).toBe("Survey");
    expect(uniqueSheetName("Survey", ["survey"])).toBe("Survey (2)");
    expect(uniqueSheetName("Survey", ["Survey", "Survey (2)"])).toBe("Survey (3)");
    const long = "Net revenue retention by cohort"; // 31 characters
    expect(uniqueSheetName(long, [long])).toBe("Net revenue retention by co (2)");
    expect(uniqueSheetName("History", [])).toBe("History (2)"); // reserved by Excel
  });

  test("property: the result is valid, within 31 characters and never taken", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 35 }), { maxLength: 8 }), (requested, taken) => {
        const name = uniqueSheetName(requested, taken);
        expect(name.length).toBeGreaterThan(0);
        expect(name.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
        expect(name).not.toMatch(/[[\]:*?/\\]/);
        expect(name.startsWith("'") || name.endsWith("'")).toBe(false);
        expect(taken.map((t) => t.toUpperCase())).not.toContain(name.toUpperCase());
      }),
    );
  });
});

describe("table and defined names", () => {
  test("a taken table name gets _2, _3…", () => {
    expect(uniqueTableName("NpsByMonth", [])).toBe("NpsByMonth");
    expect(uniqueTableName("NpsByMonth", ["npsbymonth", "NpsByMonth_2"])).toBe("NpsByMonth_3");
  });

  test("names that look like cell references or have spaces are refused", () => {
    expect(invalidDefinedName("ARPA")).toBeNull();
    expect(invalidDefinedName("Gross_margin")).toBeNull();
    expect(invalidDefinedName("CAC1")).toMatch(/cell reference/); // column CAC, row 1
    expect(invalidDefinedName("R1C1")).toMatch(/cell reference/);
    expect(invalidDefinedName("C")).toMatch(/cell reference/);
    expect(invalidDefinedName("gross margin")).toMatch(/not a valid name/);
    expect(invalidDefinedName("1st")).toMatch(/not a valid name/);
  });
});
