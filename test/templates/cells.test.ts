import { dateOf, dateOrderOf, isBlank, numberOf, shown, textOf } from "../../src/templates/cells";

describe("source cell readers", () => {
  test("numbers: plain, percentages, and a decimal comma only in Spanish", () => {
    expect(numberOf(42)).toBe(42);
    expect(numberOf(" 1.5 ")).toBe(1.5);
    expect(numberOf("85%")).toBeCloseTo(0.85, 15);
    expect(numberOf("0,8", "es")).toBe(0.8);
    expect(numberOf("0,8", "en")).toBeNaN(); // in English "0,8" is not a number (a thousands separator misplaced)
    for (const bad of ["", "abc", "1,234.5", null, undefined, true, Infinity]) expect(numberOf(bad)).toBeNaN();
  });

  test("dates: serials, Dates, ISO text and slashed text in the column's order", () => {
    // 2024-03-15 is serial 45366 (src/metrics/dates.ts @example).
    expect(dateOf(45366)).toBe(45366);
    expect(dateOf(new Date("2024-03-15T00:00:00Z"))).toBe(45366);
    expect(dateOf("2024-03-15")).toBe(45366);
    expect(dateOf("2024-03-15 18:00")).toBe(45366.75);
    expect(dateOf("15/03/2024", "dayFirst")).toBe(45366);
    expect(dateOf("03/15/2024", "monthFirst")).toBe(45366);
    expect(dateOf("15.03.2024 06:00", "dayFirst")).toBe(45366.25);
    for (const bad of ["31/02/2024", "yesterday", "", "15/03/24", -1, 0]) expect(dateOf(bad, "dayFirst")).toBeNaN();
  });

  test("a column's date order: evidence first (a part above 12), else the language's habit", () => {
    expect(dateOrderOf(["01/02/2024", "25/02/2024"], "en")).toBe("dayFirst");
    expect(dateOrderOf(["01/02/2024", "02/25/2024"], "es")).toBe("monthFirst");
    expect(dateOrderOf(["01/02/2024", 45366, "2024-03-15"], "es")).toBe("dayFirst");
    expect(dateOrderOf(["01/02/2024"], "en")).toBe("monthFirst");
  });

  test("blanks, text and how a value is quoted in a message", () => {
    expect([null, undefined, "", "   "].every(isBlank)).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(textOf("  SMB ")).toBe("SMB");
    expect(shown("")).toEqual({ en: "(empty)", es: "(vacía)" });
    expect(shown("n/a")).toEqual({ en: '"n/a"', es: "«n/a»" });
    expect(shown("x".repeat(60)).en).toHaveLength(42); // 39 characters, an ellipsis and two quotes
  });
});
