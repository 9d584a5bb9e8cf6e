/**
 * Automatic column mapping: header text -> template column, through each
 * column's English and Spanish synonyms, ignoring case, accents, spacing and
 * separators. Expected mappings are written out by hand from the headers.
 */
import fc from "fast-check";
import type { ColumnSpec } from "../../src/templates/registry-types";
import { autoMap, normalizeHeader, sharedSourceColumns, unmappedRequired } from "../../src/templates/column-mapping";

const col = (key: string, required: boolean, synonyms: string[], en = key, es = key): ColumnSpec => ({
  key,
  label: { en, es },
  required,
  kind: "text",
  synonyms,
});

const COLUMNS: ColumnSpec[] = [
  col("customer", true, ["customer", "cliente", "customer_id", "id_cliente"], "Customer", "Cliente"),
  col("date", true, ["date", "fecha", "order date"], "Date", "Fecha"),
  col("amount", true, ["amount", "importe", "monto", "revenue"], "Amount", "Importe"),
  col("segment", false, ["segment", "segmento"], "Segment", "Segmento"),
  col("score", false, ["score", "puntuación", "puntuacion", "nps"], "Score", "Puntuación"),
];

describe("normalizeHeader", () => {
  it("drops case, accents, surrounding space and separators", () => {
    expect(normalizeHeader("  Puntuación ")).toBe("puntuacion");
    expect(normalizeHeader("Customer_ID")).toBe("customer id");
    expect(normalizeHeader("customer-id")).toBe("customer id");
    expect(normalizeHeader("FECHA  de   COMPRA")).toBe("fecha de compra");
    expect(normalizeHeader(null)).toBe("");
    expect(normalizeHeader(42)).toBe("42");
  });
});

describe("autoMap", () => {
  it("maps English headers exactly", () => {
    expect(autoMap(COLUMNS, ["Customer", "Date", "Amount", "Segment"])).toEqual({ customer: 0, date: 1, amount: 2, segment: 3, score: -1 });
  });

  it("maps Spanish headers, with and without accents, in any order", () => {
    // monto -> amount (col 0), Puntuación -> score (col 1), FECHA -> date (2), cliente -> customer (3), Segmento -> segment (4).
    expect(autoMap(COLUMNS, ["monto", "Puntuación", "FECHA", " cliente ", "Segmento"])).toEqual({ customer: 3, date: 2, amount: 0, segment: 4, score: 1 });
    expect(autoMap(COLUMNS, ["Importe", "Puntuacion"])).toMatchObject({ amount: 0, score: 1 });
  });

  it("matches separators and labels: customer_id, Customer ID, the Spanish label", () => {
    expect(autoMap(COLUMNS, ["Customer ID"]).customer).toBe(0);
    expect(autoMap(COLUMNS, ["ID-Cliente"]).customer).toBe(0);
  });

  it("falls back to whole-word containment when nothing matches exactly", () => {
    // "Order amount (USD)" normalizes to "order amount (usd)", which holds the word "amount".
    expect(autoMap(COLUMNS, ["Customer", "Order amount (USD)"]).amount).toBe(1);
    // "Amounts" is not the word "amount": no match.
    expect(autoMap(COLUMNS, ["Amounts"]).amount).toBe(-1);
  });

  it("prefers an exact match over a containing header, and uses each source column once", () => {
    // Header 0 "order date" is an exact synonym of date; "date" also is — the first exact synonym in the list wins,
    // and the other header stays free for nobody else.
    expect(autoMap(COLUMNS, ["signup date", "Date"]).date).toBe(1);
    const m = autoMap(COLUMNS, ["customer", "customer"]);
    expect(m.customer).toBe(0);
    expect(Object.values(m).filter((i) => i === 1)).toEqual([]);
  });

  it("leaves unmatched columns at -1 and ignores empty headers", () => {
    expect(autoMap(COLUMNS, ["", null, "foo"])).toEqual({ customer: -1, date: -1, amount: -1, segment: -1, score: -1 });
  });

  it("never maps two template columns to one source column (property)", () => {
    const word = fc.constantFrom("customer", "cliente", "date", "fecha", "amount", "monto", "segment", "score", "x", "", "Order Amount");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (headers) => {
        const used = Object.values(autoMap(COLUMNS, headers)).filter((i) => i >= 0);
        return new Set(used).size === used.length && used.every((i) => i < headers.length);
      }),
    );
  });
});

describe("unmappedRequired and sharedSourceColumns", () => {
  it("name the required columns left out and the source columns used twice", () => {
    const mapping = { customer: 0, date: -1, amount: 0, segment: -1, score: -1 };
    expect(unmappedRequired(COLUMNS, mapping).map((c) => c.key)).toEqual(["date"]);
    expect(sharedSourceColumns(COLUMNS, mapping)).toEqual([0]);
  });
});
