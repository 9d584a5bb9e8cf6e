/**
 * CXM.SENTIMENT, CXM.SENTIMENT.LABEL, CXM.THEMES and CXM.DRIVERS from the
 * source, with Excel-shaped arguments (2-D ranges, blanks, errors, empty
 * cells passed as 0 by Excel desktop).
 */
jest.mock("../../src/excel/blank-cells", () => ({ readBlankAreas: jest.fn() }));

import { readFileSync } from "node:fs";
import path from "node:path";
import { readBlankAreas } from "../../src/excel/blank-cells";
import { drivers } from "../../src/functions/drivers";
import { sentiment, sentimentLabel, themes } from "../../src/functions/text";
import { sentiment as coreSentiment } from "../../src/metrics/text/engine";
import { column, invocationAt, outcome } from "../support/call";
import { errorValue } from "../support/custom-functions-stub";

const blankAreas = readBlankAreas as jest.MockedFunction<typeof readBlankAreas>;
beforeEach(() => blankAreas.mockReset());

function withDisplayLanguage<T>(language: string, body: () => Promise<T>): Promise<T> {
  const g = globalThis as { Office?: unknown };
  g.Office = { context: { displayLanguage: language } };
  return body().finally(() => delete g.Office);
}

describe("CXM.SENTIMENT", () => {
  it("scores one cell as a 1×1 result and a range in its own shape, a blank staying blank", async () => {
    expect(await outcome(sentiment, [["Muy buena atención"]], null)).toEqual({ value: [[coreSentiment("Muy buena atención")]] });
    const r = (await outcome(sentiment, [["Great support", null], ["", "Pésimo servicio"]], null)) as { value: unknown[][] };
    expect(r.value).toEqual([[coreSentiment("Great support"), ""], ["", coreSentiment("Pésimo servicio")]]);
  });

  it("takes the language, or detects it per comment", async () => {
    expect(await outcome(sentiment, [["fatal"]], "es")).toEqual({ value: [[coreSentiment("fatal", "es")]] });
    expect(await outcome(sentiment, [["fatal"]], "English")).toEqual({ value: [[coreSentiment("fatal", "en")]] });
    expect(await outcome(sentiment, [["x"]], "fr")).toEqual({ error: "#VALUE!", message: expect.stringContaining('language must be "es" or "en"') });
  });

  it("keeps an error cell as that error, in place", async () => {
    const r = (await outcome(sentiment, [["bien"], [errorValue("#N/A")]], null)) as { value: unknown[][] };
    expect((r.value[1][0] as { code: string }).code).toBe("#N/A");
  });

  it("reads a number as text without polarity, and TRUE/FALSE as no comment", async () => {
    expect(await outcome(sentiment, [[7, true]], null)).toEqual({ value: [[0, ""]] });
  });
});

describe("CXM.SENTIMENT.LABEL", () => {
  it("labels in English, and in Spanish when Office's display language is Spanish", async () => {
    expect(await outcome(sentimentLabel, [["Excellent"], ["Awful"], ["Order 8812"], [null]], null)).toEqual({ value: [["positive"], ["negative"], ["neutral"], [""]] });
    const es = await withDisplayLanguage("es-MX", () => outcome(sentimentLabel, [["Excelente"], ["Fatal"], ["Pedido 8812"]], null));
    expect(es).toEqual({ value: [["positivo"], ["negativo"], ["neutro"]] });
  });
});

describe("CXM.THEMES", () => {
  const comments = column(["La entrega fue rápida", "Entregas puntuales", "Entrega tarde y mal", "Precio justo", null]);

  it("spills a header and the themes; with scores, NPS with and without and the p-value", async () => {
    const plain = (await outcome(themes, comments, null, null, null, invocationAt())) as { value: unknown[][] };
    expect(plain.value[0]).toEqual(["Theme", "Comments", "Share", "Avg sentiment"]);
    expect(plain.value[1].slice(0, 3)).toEqual(["entrega", 3, 0.75]);
    const scored = (await outcome(themes, comments, column([10, 9, 2, 8, 0]), 5, "es", invocationAt())) as { value: unknown[][] };
    expect(scored.value[0]).toHaveLength(8);
    // Mention: 10, 9, 2 -> NPS 33.3; others: 8 and a real 0 -> NPS −50.
    expect(scored.value[1][4]).toBeCloseTo(100 / 3, 10);
    expect(scored.value[1][5]).toBeCloseTo(-50, 10);
  });

  it("does not count an empty cell that Excel passed as 0 as a detractor", async () => {
    blankAreas.mockResolvedValue([{ row: 4, column: 0, rows: 1, columns: 1 }]);
    const r = (await outcome(themes, comments, column([10, 9, 2, 8, 0]), 5, "es", invocationAt("S!A1:A5", "S!B1:B5"))) as { value: unknown[][] };
    // The 0 in B5 is an empty cell: others are just the 8 (a passive) -> NPS 0.
    expect(r.value[1][5]).toBe(0);
  });

  it("an error in the comments propagates with its cell named", async () => {
    expect(await outcome(themes, column(["bien", errorValue("#N/A")]), null, null, null, invocationAt("Hoja1!C1:C2"))).toEqual({
      error: "#N/A",
      message: expect.stringContaining("Hoja1!C2"),
    });
  });

  it("headers in Spanish, and bad scores or top_n are #VALUE! naming the cell", async () => {
    const es = (await withDisplayLanguage("es-ES", () => outcome(themes, comments, null, null, null, invocationAt()))) as { value: unknown[][] };
    expect(es.value[0]).toEqual(["Tema", "Comentarios", "Proporción", "Sentimiento medio"]);
    expect(await outcome(themes, comments, column([10, 11, 2, 8, 0]), null, null, invocationAt("A1:A5", "Hoja1!B1:B5"))).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining("Hoja1!B2 holds 11"),
    });
    expect(await outcome(themes, comments, column([1, 2]), null, null, invocationAt())).toEqual({ error: "#VALUE!", message: expect.stringContaining("same number of rows") });
    expect(await outcome(themes, comments, null, 0, null, invocationAt())).toEqual({ error: "#VALUE!", message: expect.stringContaining("top_n") });
  });
});

describe("CXM.DRIVERS", () => {
  const rows = readFileSync(path.resolve(__dirname, "../fixtures/mtcars/mtcars.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
  const pick = (names: string[]): unknown[][] => rows.map((r, i) => names.map((n) => (i === 0 ? n : Number(r[rows[0].indexOf(n)]))));

  it("reproduces rwa's mtcars example from ranges with header rows", async () => {
    const r = (await outcome(drivers, pick(["mpg"]), pick(["cyl", "disp", "hp", "gear"]), null, invocationAt())) as { value: unknown[][] };
    expect(r.value[0]).toEqual(["Driver", "Weight", "Share of R²"]);
    expect(r.value.map((row) => row[0])).toEqual(["Driver", "cyl", "disp", "hp", "gear", "R²"]);
    expect(r.value[1][1]).toBeCloseTo(0.2284797, 7);
    expect(r.value[5][1]).toBeCloseTo(0.7791896, 7);
    expect(r.value[5][2]).toBe("32 rows used");
  });

  it("leaves out rows with a blank (and says so), and labels drivers without a header", async () => {
    const y = pick(["mpg"]).slice(1);
    const x = pick(["cyl", "disp", "hp", "gear"]).slice(1);
    x[3] = [6, null, 110, 3];
    y[7] = [""];
    const r = (await outcome(drivers, y, x, "shapley", invocationAt())) as { value: unknown[][] };
    expect(r.value[1][0]).toBe("Driver 1");
    expect(r.value[5][2]).toBe("30 of 32 rows used (2 with a blank left out)");
  });

  it("treats a 0 that Excel confirms is an empty cell as a blank", async () => {
    const y = [[3], [5], [4], [8], [0], [9], [7]];
    const x = [[1, 2], [2, 1], [2, 3], [4, 4], [5, 1], [5, 5], [3, 2]];
    blankAreas.mockResolvedValue([{ row: 4, column: 0, rows: 1, columns: 1 }]);
    const r = (await outcome(drivers, y, x, null, invocationAt("S!A1:A7", "S!B1:C7"))) as { value: unknown[][] };
    expect(r.value[3][2]).toBe("6 of 7 rows used (1 with a blank left out)");
  });

  it("names a constant driver, a text cell and a bad method", async () => {
    const y = [["NPS"], [9], [7], [3], [10]];
    expect(await outcome(drivers, y, [["Atención", "Precio"], [9, 5], [6, 5], [2, 5], [10, 5]], null, invocationAt())).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining('"Precio" has the same value in every row'),
    });
    expect(await outcome(drivers, y, [["Atención"], [9], ["n/a"], [2], [10]], null, invocationAt("A1:A5", "Hoja!B1:B5"))).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining('Hoja!B3 holds the text "n/a"'),
    });
    expect(await outcome(drivers, y, [["A"], [1], [2], [3], [5]], "ols", invocationAt())).toEqual({ error: "#VALUE!", message: expect.stringContaining("method") });
  });

  it("labels in Spanish when Office is in Spanish", async () => {
    const r = (await withDisplayLanguage("es-ES", () => outcome(drivers, [[1], [2], [4], [3]], [[1], [2], [3], [5]], null, invocationAt()))) as { value: unknown[][] };
    expect(r.value[0]).toEqual(["Factor", "Peso", "Parte de R²"]);
    expect(r.value[1][0]).toBe("Factor 1");
    expect(r.value[2][2]).toBe("4 filas usadas");
  });
});

describe("at Excel's limit (1,048,576 rows)", () => {
  const FULL = 1_048_576;

  it("THEMES over a full column, mostly empty, as a whole-column reference gives", async () => {
    const comments: unknown[][] = Array.from({ length: FULL }, (_, i) => [i % 1000 === 0 ? (i % 2000 === 0 ? "Entrega rápida" : "Entrega tarde") : null]);
    const scores: unknown[][] = Array.from({ length: FULL }, (_, i) => [i % 1000 === 0 ? (i % 2000 === 0 ? 10 : 2) : null]);
    const r = (await outcome(themes, comments, scores, 3, "es", invocationAt())) as { value: unknown[][] };
    expect(r.value[1].slice(0, 2)).toEqual(["entrega", 1049]);
  });

  it("DRIVERS over full columns", async () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 11);
    const x: unknown[][] = Array.from({ length: FULL }, () => [rand(), rand(), rand()]);
    const y: unknown[][] = x.map((row) => [Math.min(10, Math.round(((row[0] as number) * 3 + (row[1] as number) * 2 + (row[2] as number)) / 6))]);
    const r = (await outcome(drivers, y, x, "shapley", invocationAt())) as { value: unknown[][] };
    expect(r.value[4][2]).toBe(`${FULL} rows used`);
    const shares = [1, 2, 3].map((i) => r.value[i][2] as number);
    expect(shares[0]).toBeGreaterThan(shares[1]);
    expect(shares[1]).toBeGreaterThan(shares[2]);
  });
});
