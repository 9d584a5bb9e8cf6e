/**
 * The Functions tab's catalog helpers: parsing functions.json, searching it,
 * and the formula skeleton the Insert button writes.
 */
import { catalogFile, formulaSkeleton, parseCatalog, searchCatalog } from "../../src/taskpane/catalog";

const METADATA = {
  functions: [
    {
      id: "LTV",
      name: "LTV",
      description: "Customer lifetime value: margin per period divided by churn.",
      parameters: [
        { name: "arpa", description: "Average revenue per account." },
        { name: "gross_margin", description: "Gross margin." },
        { name: "churn", description: "Churn rate." },
        { name: "discount", description: "Discount rate.", optional: true },
      ],
    },
    { id: "NPS.CI", name: "NPS.CI", description: "Tasa de abandono y puntuación NPS", parameters: [{ name: "scores" }, { name: "confidence", optional: true }] },
    { id: "CHURN", name: "CHURN", description: "Churn rate.", parameters: [{ name: "r" }, { name: "a1" }, { name: "r2c3" }] },
  ],
};

describe("catalog", () => {
  const entries = parseCatalog(METADATA);

  it("parses functions.json sorted by name, with optional flags", () => {
    expect(entries.map((e) => e.name)).toEqual(["CHURN", "LTV", "NPS.CI"]);
    expect(entries[1].parameters.map((p) => p.optional)).toEqual([false, false, false, true]);
    expect(parseCatalog({})).toEqual([]);
  });

  it("names the metadata file per language", () => {
    expect(catalogFile("en")).toBe("functions.json");
    expect(catalogFile("es")).toBe("functions-es.json");
  });

  it("searches names and descriptions, every word, ignoring case and accents", () => {
    expect(searchCatalog(entries, "").length).toBe(3);
    expect(searchCatalog(entries, "ltv").map((e) => e.id)).toEqual(["LTV"]);
    expect(searchCatalog(entries, "cxm.nps").map((e) => e.id)).toEqual(["NPS.CI"]);
    expect(searchCatalog(entries, "nps ci").map((e) => e.id)).toEqual(["NPS.CI"]);
    expect(searchCatalog(entries, "PUNTUACION").map((e) => e.id)).toEqual(["NPS.CI"]);
    expect(searchCatalog(entries, "churn margin").map((e) => e.id)).toEqual(["LTV"]);
    expect(searchCatalog(entries, "zzz")).toEqual([]);
  });

  it("builds a skeleton with the required parameters' names as placeholders", () => {
    expect(formulaSkeleton(entries[1])).toBe("=CXM.LTV(arpa,gross_margin,churn)");
    expect(formulaSkeleton(entries[2])).toBe("=CXM.NPS.CI(scores)");
  });

  it("suffixes placeholders Excel would read as references (R, A1, R2C3)", () => {
    expect(formulaSkeleton(entries[0])).toBe("=CXM.CHURN(r_,a1_,r2c3_)");
  });
});
