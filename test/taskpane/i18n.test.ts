/** The pane's language choice and the two string tables. */
import { formatCount, languageFor, pick, STRINGS } from "../../src/taskpane/i18n";

describe("i18n", () => {
  it("chooses Spanish for every es-* display language, English otherwise", () => {
    for (const lang of ["es-ES", "es-MX", "es", "ES-ar", "es_419"]) expect(languageFor(lang)).toBe("es");
    for (const lang of ["en-US", "en-GB", "fr-FR", "", undefined, null, "est-EE"]) expect(languageFor(lang)).toBe("en");
  });

  it("has the same keys in both languages, and no empty string", () => {
    expect(Object.keys(STRINGS.es).sort()).toEqual(Object.keys(STRINGS.en).sort());
    for (const table of [STRINGS.en, STRINGS.es]) {
      for (const [key, value] of Object.entries(table)) {
        const text = typeof value === "function" ? (value as (...a: string[]) => string)("X", "Y") : value;
        expect({ key, empty: text.trim() === "" }).toEqual({ key, empty: false });
      }
    }
  });

  it("translates every string (no Spanish entry equal to the English one, except names)", () => {
    const same = Object.keys(STRINGS.en).filter((k) => {
      const en = STRINGS.en[k as keyof typeof STRINGS.en];
      const es = STRINGS.es[k as keyof typeof STRINGS.es];
      const show = (v: unknown) => (typeof v === "function" ? (v as (...a: string[]) => string)("X", "Y") : v);
      return show(en) === show(es);
    });
    expect(same).toEqual([]);
  });

  it("picks localized text with an English fallback, and formats counts per language", () => {
    expect(pick({ en: "Cohorts", es: "Cohortes" }, "es")).toBe("Cohortes");
    expect(pick({ en: "Cohorts", es: "" }, "es")).toBe("Cohorts");
    expect(formatCount(1995, "en")).toBe("1,995");
    // Spanish (CLDR) groups thousands with a dot only from five digits: 1995 stays "1995", 12345 -> "12.345".
    expect(formatCount(12345, "es")).toBe("12.345");
  });
});
