/**
 * The allow-list grammar of formulas CXM writes from user text (issue 9,
 * item 1): the payloads are refused with a reason in English and
 * Spanish; arithmetic over the named inputs and the sheet's own cells passes.
 */
import fc from "fast-check";
import { checkUserFormula, EXCEL_MAX_FORMULA_LENGTH } from "../../src/workbook/safe-formula";

const NAMES = ["Promoters", "Passives", "Detractors", "Customers_lost", "Customers_start", "SC_ARPA"];
const allow = { names: NAMES };

describe("allowed: arithmetic over named inputs and the sheet's cells", () => {
  it.each([
    "=(Promoters-Detractors)/(Promoters+Passives+Detractors)*100",
    "=customers_lost/CUSTOMERS_START", // names are case-insensitive, as in Excel
    "=SC_ARPA*0.8/(Customers_lost/Customers_start)/900",
    "=-Promoters^2+3%",
    "=1.5e3*2",
    "=B5/$C$7",
    "=SUM(B5:B9)/COUNTIFS_NOT_HERE".replace("/COUNTIFS_NOT_HERE", ""),
    "=ROUND(AVERAGE(B5:B9, Promoters), 2)",
    "=IFERROR(Promoters/Passives, 0)",
    "= 1 + ( 2 * 3 )",
  ])("%s", (formula) => {
    expect(checkUserFormula(formula, allow)).toEqual({ ok: true });
  });
});

describe("refused, with the reason", () => {
  it.each([
    ['=WEBSERVICE("http://evil/")', "WEBSERVICE"],
    ["=cmd|'/c calc'!A1", "cmd"],
    ["=A1|'/c calc'!A1", '"|"'],
    ["=HYPERLINK(A1)", "HYPERLINK"],
    ["=INDIRECT(A1)", "INDIRECT"],
    ["=Sheet2!A1", "Sheet2"],
    ["=A1!B2", '"!"'],
    ["=[Book1.xlsx]Sheet1!A1", '"["'],
    ["='Other sheet'!B2", `"'"`],
    ['="a"&"b"', '"""'],
    ["=CXM.NPS(A1:A9)", "CXM.NPS"],
    ["=Unknown_name*2", "Unknown_name"],
    ["=A1>B1", '">"'],
    ["={1,2}", '"{"'],
    ["=1+", "not a complete formula"],
    ["=(1", "not a complete formula"],
    ["=SUM(1,,2)", "not a complete formula"],
    ["=", "not a complete formula"],
    ["=1\t+1", "a tab"],
    ["Promoters", 'starts with "="'],
  ])("%s: %s", (formula, why) => {
    const r = checkUserFormula(formula, allow);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.en).toContain(why);
      expect(r.reason.es.length).toBeGreaterThan(10);
      expect(r.reason.es).not.toBe(r.reason.en);
    }
  });

  it("refuses a formula longer than Excel's 8,192 characters, and one nested past 64 levels", () => {
    const long = `=${Array.from({ length: 5000 }, () => "1").join("+")}`;
    expect(long.length).toBeGreaterThan(EXCEL_MAX_FORMULA_LENGTH);
    const r = checkUserFormula(long, allow);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.en).toContain("8,192");
    const deep = `=${"(".repeat(200)}1${")".repeat(200)}`;
    expect(checkUserFormula(deep, allow).ok).toBe(false);
  });

  it("cell references are refused where cells are not allowed", () => {
    expect(checkUserFormula("=B5*2", { names: [], cells: false }).ok).toBe(false);
  });

  it("never throws, whatever the text (fast-check)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const r = checkUserFormula(`=${s}`, allow);
        return typeof r.ok === "boolean";
      }),
      { numRuns: 2000 },
    );
  });

  it("whatever passes holds no quote, no ! [ ] | { } & and no function outside the list (fast-check)", () => {
    const piece = fc.constantFrom("Promoters", "A1", "$B$2", "1", "+", "-", "*", "/", "(", ")", ",", ":", "SUM(", "WEBSERVICE(", '"x"', "!", "|", "&", "[", "%", "^");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const f = `=${parts.join("")}`;
        if (!checkUserFormula(f, allow).ok) return true;
        return !/["!|&[\]{}']/.test(f) && !f.includes("WEBSERVICE");
      }),
      { numRuns: 3000 },
    );
  });
});
