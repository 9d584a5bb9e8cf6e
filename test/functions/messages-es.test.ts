/**
 * Error messages in the user's language (issue 9: "bad input gets a clear
 * message naming what and where, in the user's language"). Messages are
 * written in English where they are thrown and translated once, where they
 * become Excel errors (src/functions/support/excel-errors.ts), from the
 * catalog src/functions/support/messages-es.ts.
 */
jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn() }));

import path from "node:path";
import { csat, npsCounts } from "../../src/functions/survey";
import { FRAGMENTS_ES, MESSAGES_ES } from "../../src/functions/support/messages-es";
import { findEntry, translateMessage } from "../../src/functions/support/translate-message";
import { internalLeak, messageLiterals } from "../support/message-literals";
import { column, invocationAt, outcome } from "../support/call";

const ROOT = path.resolve(__dirname, "../..");
/** Where the custom functions' messages are written: the metrics core and the adapters. */
const literals = messageLiterals(ROOT, ["src/metrics", "src/functions"]);
/** Messages composed inside an error class rather than at a call: InputErrorValue's `${where} holds ${code}.` */
const COMPOSED_IN_CLASSES = ["… holds …."];

/** Literals that are not message texts: error codes, MetricError kinds, parameter names passed as "where". */
function isMessageText(text: string): boolean {
  if (/^#[A-Z0-9/!?]+$/.test(text)) return false;
  return !/^[A-Za-z0-9_]+$/.test(text) || text in FRAGMENTS_ES;
}

const english = new Set(MESSAGES_ES.map(([en]) => en));

function withDisplayLanguage<T>(language: string, body: () => Promise<T>): Promise<T> {
  const g = globalThis as { Office?: unknown };
  g.Office = { context: { displayLanguage: language } };
  return body().finally(() => delete g.Office);
}

describe("the Spanish catalog", () => {
  it("has an entry for every message text the functions can give", () => {
    const missing = literals.filter((m) => isMessageText(m.text) && !english.has(m.text) && !(m.text in FRAGMENTS_ES));
    expect(missing.map((m) => `${m.file}:${m.line} "${m.text}"`)).toEqual([]);
    expect(literals.filter((m) => isMessageText(m.text)).length).toBeGreaterThan(200);
  });

  it("has no entry that matches no message (dead entries) and no entry twice", () => {
    const texts = new Set([...literals.map((m) => m.text), ...COMPOSED_IN_CLASSES]);
    expect(MESSAGES_ES.filter(([en]) => !texts.has(en)).map(([en]) => en)).toEqual([]);
    expect(english.size).toBe(MESSAGES_ES.length);
  });

  it("gives each message its own entry (no other entry's pattern catches it first)", () => {
    // A message as the code gives it, with a word in place of each interpolated piece.
    const sample = (en: string) => en.split("…").join("x");
    const shadowed = MESSAGES_ES.filter(([en]) => findEntry(sample(en))?.english !== en).map(([en]) => `"${en}" is caught by "${findEntry(sample(en))?.english}"`);
    expect(shadowed).toEqual([]);
  });

  it("carries every interpolated piece into the Spanish text", () => {
    const problems: string[] = [];
    for (const [en, es] of MESSAGES_ES) {
      const parts = en.split("…");
      const slots = parts.length - 1;
      const used = new Set([...es.matchAll(/\{(\d+)[s!]?\}/g)].map((m) => Number(m[1])));
      for (const n of used) if (n < 1 || n > slots) problems.push(`{${n}} beyond the ${slots} pieces of "${en}"`);
      for (let n = 1; n <= slots; n++) {
        // A piece glued to a word is a plural ending ("driver…"), which Spanish may phrase otherwise.
        const pluralEnding = /\p{L}$/u.test(parts[n - 1]);
        if (!used.has(n) && !pluralEnding) problems.push(`piece ${n} of "${en}" is missing from "${es}"`);
      }
      if (es.includes("…") && !en.includes("−2, …")) problems.push(`"${es}" has a bare … (write {n})`);
    }
    expect(problems).toEqual([]);
  });

  it("names no code identifier in Spanish either, and leaves no English word behind", () => {
    const spanish = [...MESSAGES_ES.map(([, es]) => es.replace(/\{\d+[s!]?\}/g, "x")), ...Object.values(FRAGMENTS_ES)];
    expect(spanish.filter((m) => internalLeak(m))).toEqual([]);
    expect(spanish.filter((m) => /\b(the|must|holds|is|are|of|and|not|with|has|have|row|column|cells?|got|expects|empty|e\.g)\b/.test(m))).toEqual([]);
  });

  it("writes Excel's error values as Spanish Excel shows them", () => {
    expect(translateMessage("Sheet1!B3 holds #N/A.", "es")).toBe("Sheet1!B3 contiene #N/D.");
    expect(translateMessage("#REF! in an argument.", "es")).toBe("#¡REF! en un argumento.");
  });
});

describe("translateMessage", () => {
  it("leaves English as it is, and an unknown message in English rather than losing it", () => {
    const m = "Sheet1!B7 holds 11, which is not a valid score (a whole number from 0 to 10).";
    expect(translateMessage(m, "en")).toBe(m);
    expect(translateMessage("Something CXM has no translation for.", "es")).toBe("Something CXM has no translation for.");
  });

  it("carries addresses, names and values into the Spanish text", () => {
    expect(translateMessage("Sheet1!B7 holds 11, which is not a valid score (a whole number from 0 to 10).", "es")).toBe(
      "Sheet1!B7 contiene 11, que no es una puntuación válida (un número entero de 0 a 10).",
    );
    expect(translateMessage("new_customers (12) is more than end_customers (10): the customers at the end include the new ones.", "es")).toBe(
      "new_customers (12) es mayor que end_customers (10): los clientes del final incluyen los nuevos.",
    );
  });

  it("writes numbers as Spanish Excel does, but quotes the user's text exactly", () => {
    expect(translateMessage("horizon_periods is at most 100,000 (got 1234567.5).", "es")).toBe("horizon_periods es como máximo 100.000 (se recibió 1234567,5).");
    expect(translateMessage('start_customers expects a number, but got the text "1,5".', "es")).toBe('start_customers espera un número, pero recibió el texto "1,5".');
  });

  it("translates the phrases the code composes: cells without an address, units, table names", () => {
    expect(translateMessage('row 3, column 1 of frequency holds the text "x", but recency has a value there; every customer needs frequency, recency, T (leave the whole row empty to skip it).', "es")).toBe(
      'fila 3, columna 1 de frequency contiene el texto "x", pero recency tiene un valor ahí; cada cliente necesita frequency, recency, T (deje la fila entera vacía para omitirlo).',
    );
    expect(translateMessage("The data spans 2000 weeks, too many for a cohort table; use a longer period.", "es")).toBe(
      "Los datos abarcan 2000 semanas: son demasiados periodos para una tabla de cohortes; use un periodo más largo.",
    );
    expect(translateMessage("42 groups over 300 months are too many to break down; use fewer segments or a longer period.", "es")).toContain("300 meses");
    const spill =
      "The cohort table would spill 1,200 rows (1,442,400 cells, about 7.9 MB), more than Excel can take back from a function (about 5 MB on Excel on the web). Use the task pane template instead: it writes the table to a sheet in chunks.";
    expect(translateMessage(spill, "es")).toMatch(/^La tabla de cohortes ocuparía 1\.200 filas \(1\.442\.400 celdas, unos 7,9 MB\), más de lo que Excel admite/);
    expect(translateMessage("The columns must have the same number of rows: customer_ids has 2, dates has 1.", "es")).toBe(
      "Las columnas deben tener el mismo número de filas: customer_ids tiene 2, dates tiene 1.",
    );
    expect(translateMessage("customer 4's recency is -1; recency, the customer's age at the last repeat purchase, must be 0 or more.", "es")).toBe(
      "recency del cliente 4 es -1; recency, la antigüedad del cliente en su última compra repetida, debe ser 0 o más.",
    );
  });
});

describe("the functions answer in Excel's display language", () => {
  it("gives the Spanish message when Excel is in Spanish (any es-*), the English one otherwise", async () => {
    const english = await outcome(npsCounts, -1, 2, 3);
    expect(english).toEqual({ error: "#VALUE!", message: expect.stringMatching(/^promoters must be a count of 0 or more/) });
    for (const language of ["es-ES", "es-MX", "es"]) {
      const spanish = await withDisplayLanguage(language, () => outcome(npsCounts, -1, 2, 3));
      expect(spanish).toEqual({ error: "#VALUE!", message: "promoters debe ser un recuento de 0 o más (se recibió -1)." });
    }
    expect(await withDisplayLanguage("en-GB", () => outcome(npsCounts, -1, 2, 3))).toEqual(english);
  });

  it("names the cell in Spanish too", async () => {
    const r = await withDisplayLanguage("es-ES", () => outcome(csat, column([5, 11]), 4, invocationAt("Hoja1!A1:A2")));
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringMatching(/^Hoja1!A2 contiene 11, que no es una puntuación válida/) });
  });
});
