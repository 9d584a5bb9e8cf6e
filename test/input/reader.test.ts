/**
 * The reader's pieces: number and date conventions (examples written out by
 * hand), the CSV state machine across chunk boundaries, byte sniffing, header
 * layouts, the per-column decisions and their basis, the report's words and
 * plurals, and a full sheet of 1,048,576 rows read in chunks.
 */
import { BatchBuilder, cellAt } from "../../src/input/batch";
import { sniffBytes } from "../../src/input/bytes";
import { isNoAnswer } from "../../src/input/cells";
import { CsvTokenizer, detectDelimiter } from "../../src/input/csv";
import { DateShape, dateShape, parseDate } from "../../src/input/dates";
import { bytesSource } from "../../src/input/file";
import { detectHeader } from "../../src/input/headers";
import { labelledScore, NumberShape, numberShape, parseNumber } from "../../src/input/numbers";
import { TableReader } from "../../src/input/reader";
import { plural, reportText } from "../../src/input/report";
import { memoryBytes, sheetSource } from "../../src/input/sources";
import type { DateColumn, NumberColumn } from "../../src/input/types";

describe("numbers", () => {
  test.each([
    ["1234.5", ".", 1234.5],
    ["1,234.50", ".", 1234.5],
    ["1.234,50", ",", 1234.5],
    ["1 234,50", ",", 1234.5],
    ["1\u202f234,50", ",", 1234.5],
    ["12,50", ",", 12.5],
    ["€12,50", ",", 12.5],
    ["12,50 €", ",", 12.5],
    ["$1,234.50", ".", 1234.5],
    ["EUR 1.234,50", ",", 1234.5],
    ["1.234,50 EUR", ",", 1234.5],
    ["USD 99.90", ".", 99.9],
    ["S/ 45.90", ".", 45.9],
    ["12,5 %", ",", 0.125],
    ["85%", ".", 0.85],
    ["(12.50)", ".", -12.5],
    ["-€12,00", ",", -12],
    ["1,234,567", ".", 1234567],
    ["1.234.567", ",", 1234567],
    ["1.5E+03", ".", 1500],
  ])("%s with %s as the mark is %d", (text, mark, value) => {
    expect(parseNumber(text, mark as "." | ",")).toBe(value);
  });

  test("the shape says which marks a text allows; the wrong mark gives NaN, never a guess", () => {
    expect(numberShape("1,234")).toBe(NumberShape.AmbiguousComma);
    expect(numberShape("1.234")).toBe(NumberShape.AmbiguousDot);
    expect(numberShape("0,123")).toBe(NumberShape.CommaDecimal); // a group never starts with 0
    expect(numberShape("12.50")).toBe(NumberShape.DotDecimal);
    expect(parseNumber("1,234", ",")).toBe(1.234);
    expect(parseNumber("1,234", ".")).toBe(1234);
    expect(parseNumber("12,50", ".")).toBeNaN();
    expect(parseNumber("abc", ".")).toBeNaN();
    expect(parseNumber("", ".")).toBeNaN();
  });

  test("scores carrying their scale's label", () => {
    expect(labelledScore("10 - Extremely likely")).toBe(10);
    expect(labelledScore("0 - Nada probable")).toBe(0);
    expect(labelledScore("Extremely likely (10)")).toBe(10);
    expect(labelledScore("likely")).toBeNaN();
  });

  test("no answer, as tools and people write it", () => {
    for (const t of ["N/A", "n/a", "NA", "-", "NS/NC", "Sin respuesta", "No sabe", "n. a."]) expect(isNoAnswer(t)).toBe(true);
    for (const t of ["0", "Nada", "nap", "Ana"]) expect(isNoAnswer(t)).toBe(false);
  });
});

describe("dates", () => {
  // Serials: 2024-01-15 is 45306 (2024-01-01 is 45292).
  test.each([
    ["2024-01-15", "dmy", 45306],
    ["2024-01-15T18:00:00Z", "mdy", 45306.75],
    ["2024-01-15 10:23:45 -0500", "dmy", 45306 + (10 * 3600 + 23 * 60 + 45) / 86400],
    ["15/01/2024", "dmy", 45306],
    ["15-01-2024", "dmy", 45306],
    ["15.01.2024", "dmy", 45306],
    ["15/01/24", "dmy", 45306],
    ["1/15/2024", "mdy", 45306],
    ["1/15/2024 3:30 PM", "mdy", 45306 + 15.5 / 24],
    ["15/01/2024 10:00 p. m.", "dmy", 45306 + 22 / 24],
    ["2024/01/15", "mdy", 45306],
    ["24/01/15", "ymd", 45306],
    ["15-ene-2024", "mdy", 45306],
    ["15 de enero de 2024", "mdy", 45306],
    ["lunes, 15 de enero de 2024", "dmy", 45306],
    ["Jan 15, 2024", "dmy", 45306],
    ["ene 2024", "dmy", 45292],
    ["enero de 2024", "dmy", 45292],
    ["Jan 2024", "dmy", 45292],
    ["Jan-24", "dmy", 45292],
    ["2024-01", "dmy", 45292],
    ["01/2024", "mdy", 45292],
  ])("%s read %s is %d", (text, order, serial) => {
    expect(parseDate(text, order as "dmy")).toBeCloseTo(serial, 9);
  });

  test("two-digit years as Excel reads them: 00-29 are 20xx, 30-99 are 19xx", () => {
    expect(parseDate("01/01/29", "dmy")).toBe(parseDate("2029-01-01", "dmy"));
    expect(parseDate("01/01/30", "dmy")).toBe(parseDate("1930-01-01", "dmy"));
  });

  test("the evidence a date carries about its column's order", () => {
    expect(dateShape("15/01/2024")).toBe(DateShape.DayFirst);
    expect(dateShape("1/15/2024")).toBe(DateShape.MonthFirst);
    expect(dateShape("05/03/2024")).toBe(DateShape.Ambiguous);
    expect(dateShape("05/05/2024")).toBe(DateShape.Unambiguous);
    expect(dateShape("2024-03-05")).toBe(DateShape.Unambiguous);
    expect(dateShape("31/02/2024")).toBe(DateShape.NotDate);
    expect(dateShape("yesterday")).toBe(DateShape.NotDate);
  });
});

describe("CSV", () => {
  const cells = (text: string, delimiter: string, chunk: number) => {
    const b = new BatchBuilder();
    const t = new CsvTokenizer(delimiter, b);
    for (let i = 0; i < text.length; i += chunk) t.push(text.slice(i, i + chunk));
    t.push("", true);
    const batch = b.take();
    return { rows: Array.from({ length: batch.rows }, (_, r) => batch.cells.map((c) => cellAt(c, r))), lines: batch.lines, blank: batch.blankRows };
  };
  const TEXT = 'a;b;c\r\n1;"x; ""y""\r\nz";3\r\n\r\n;;\n4;5;6';

  test.each([1, 2, 3, 5, 1000])("quoted fields with the delimiter, quotes and a line break, cut every %i characters", (chunk) => {
    const r = cells(TEXT, ";", chunk);
    expect(r.rows).toEqual([
      ["a", "b", "c"],
      ["1", 'x; "y"\r\nz', "3"],
      ["4", "5", "6"],
    ]);
    expect(r.lines).toEqual([1, 2, 6]); // the record on lines 2-3 starts on 2; two blank lines dropped
    expect(r.blank).toBe(2);
  });

  test.each([
    ["Fecha;Importe\n15/01/2024;12,50\n16/01/2024;1.234,50\n", ";"],
    ["date,amount,note\n2024-01-15,12.5,\"a; b\"\n2024-01-16,3,\"c; d\"\n", ","],
    ["Customer\tDate\tAmount\nAna\t1/15/2024\t1,234.50\n", "\t"],
    ["a|b|c\n1|2|3\n", "|"],
  ])("detects the delimiter of %j", (text, delimiter) => {
    expect(detectDelimiter(text).delimiter).toBe(delimiter);
  });
});

describe("bytes", () => {
  test.each([
    [[0x1f, 0x8b, 8, 0], { kind: "refused", refusal: "gzip" }],
    [[0x50, 0x4b, 3, 4, 0x61], { kind: "refused", refusal: "zip" }],
    [[0xd0, 0xcf, 0x11, 0xe0], { kind: "refused", refusal: "xls" }],
    [[0x25, 0x50, 0x44, 0x46], { kind: "refused", refusal: "pdf" }],
    [[0, 1, 2, 3, 200, 7, 8], { kind: "refused", refusal: "binary" }],
    [[0xef, 0xbb, 0xbf, 0x61], { kind: "text", encoding: "utf-8-bom", basis: "bom" }],
    [[0xff, 0xfe, 0x61, 0], { kind: "text", encoding: "utf-16le", basis: "bom" }],
    [[0xfe, 0xff, 0, 0x61], { kind: "text", encoding: "utf-16be", basis: "bom" }],
    [[0x4a, 0x6f, 0x73, 0xe9, 0x3b], { kind: "text", encoding: "windows-1252", basis: "invalid-utf8" }],
    [[0x4a, 0x6f, 0x73, 0xc3, 0xa9], { kind: "text", encoding: "utf-8", basis: "valid" }],
  ])("%j", (bytes, expected) => {
    expect(sniffBytes(new Uint8Array(bytes))).toEqual(expected);
  });

  test("invalid UTF-8 after the first 64 KB: the file is read again as Windows-1252, and the report says so", async () => {
    const head = "Cliente;Importe\n" + "Ana;1\n".repeat(20_000);
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from("Jos\xe9;2\nJos\xe8;3\n", "latin1")]);
    const reader = await TableReader.open(bytesSource("late.csv", bytes), { language: "es" });
    const table = await reader.readAll(["id", "number"]);
    const ids = table.columns[0]!;
    expect(ids.kind === "id" && ids.dictionary).toEqual(["Ana", "José", "Josè"]);
    expect(table.report.source.encoding).toBe("windows-1252");
  });
});

describe("header layouts", () => {
  test("a title and filters above the header are skipped", () => {
    const layout = detectHeader([["Informe de ventas"], ["Filtrado por: 2024", ""], ["Cliente", "Fecha", "Importe"], ["Ana", "15/01/2024", "12,50"]]);
    expect(layout).toMatchObject({ titleRows: 2, headerRows: 1, header: ["Cliente", "Fecha", "Importe"] });
  });

  test("Qualtrics: three rows, the question text shown, the column name kept as an alternative", () => {
    const layout = detectHeader([
      ["RecordedDate", "Q1"],
      ["Recorded Date", "How likely…?"],
      ['{"ImportId":"recordedDate","timeZone":"America/Denver"}', '{"ImportId":"QID1"}'],
      ["2024-01-15 10:00:00", "9"],
    ]);
    expect(layout).toMatchObject({ headerRows: 3, tool: "qualtrics", header: ["Recorded Date", "How likely…?"], alternatives: [["Recorded Date", "RecordedDate"], ["How likely…?", "Q1"]] });
  });

  test("SurveyMonkey: a question over its choices names each choice column", () => {
    const layout = detectHeader([
      ["Respondent ID", "Which plan?", "", "Why?"],
      ["", "Basic", "Pro", "Open-Ended Response"],
      ["1", "Basic", "", "ok"],
    ]);
    expect(layout.header).toEqual(["Respondent ID", "Which plan?: Basic", "Which plan?: Pro", "Why?"]);
    expect(layout.tool).toBe("surveymonkey");
  });
});

describe("column decisions and the report", () => {
  const read = async (text: string, kinds: ("number" | "date" | "id")[], language: "en" | "es", options = {}) => {
    const reader = await TableReader.open(bytesSource("t.csv", Buffer.from(text)), { language, ...options });
    return reader.readAll(kinds);
  };

  test("a column decided by a minority of values: the others written the other way are unreadable, named, and counted", async () => {
    const t = await read("Fecha,Importe\n15/01/2024,1.5\n16/01/2024,2.5\n1/20/2024,3\n", ["date", "number"], "en");
    const dates = t.columns[0] as DateColumn;
    expect(Array.from(dates.values.slice(0, 2))).toEqual([45306, 45307]);
    expect(dates.values[2]).toBeNaN();
    expect(dates.raw.get(2)).toBe("1/20/2024");
    expect(t.report.columns[0]).toMatchObject({ dateOrder: "dmy", dateBasis: "values", conflicts: 1, conflictExample: "1/20/2024", unreadable: 1 });
  });

  test("an ambiguous number column follows the file's other columns, then a ; delimiter, then the language", async () => {
    const fromFile = await read("a;b\n1.234;12,5\n2.345;1\n", ["number", "number"], "en");
    expect(Array.from((fromFile.columns[0] as NumberColumn).values)).toEqual([1234, 2345]);
    expect(fromFile.report.columns[0]).toMatchObject({ decimal: ",", decimalBasis: "file" });
    const fromDelimiter = await read("a;b\n1.234;x\n", ["number", "id"], "en");
    expect(fromDelimiter.report.columns[0]).toMatchObject({ decimal: ",", decimalBasis: "delimiter" });
    const fromLanguage = await read("a,b\n1.234,x\n", ["number", "id"], "en");
    expect((fromLanguage.columns[0] as NumberColumn).values[0]).toBe(1.234);
    expect(fromLanguage.report.columns[0]).toMatchObject({ decimal: ".", decimalBasis: "language" });
  });

  test("plurals by Intl.PluralRules, numbers written the language's way", () => {
    expect(plural(1, "es", { one: "fila", other: "filas" })).toBe("1 fila");
    expect(plural(2, "es", { one: "fila", other: "filas" })).toBe("2 filas");
    expect(plural(0, "en", { one: "row", other: "rows" })).toBe("0 rows");
    expect(plural(12_345, "en", { one: "row", other: "rows" })).toBe("12,345 rows");
  });

  test("the report in Spanish: encoding, delimiter, rows, each column with its basis and counts", async () => {
    const t = await read("\ufeffCliente;Fecha;Importe\nAna;05/03/2024;N/A\nLuis;06/03/2024;abc\n;;\n", ["id", "date", "number"], "es");
    expect(reportText(t.report, "es")).toEqual([
      "Leído t.csv como UTF-8 (con BOM), separado por punto y coma.",
      "2 filas de datos.",
      "1 fila vacía omitida.",
      "  «Cliente»: identificadores.",
      "  «Fecha»: fechas con el día primero («05/03/2024»), supuesto: lo habitual en español; si no es así, use --date-order mdy.",
      "  «Importe»: números; celdas: 1 «sin respuesta», 1 ilegible.",
    ]);
    expect(reportText(t.report, "en", "pane")[4]).toBe(
      '  "Fecha": dates day first ("05/03/2024"), assumed: the default for English; if not, choose "month first" under Date order.',
    );
  });
});

describe("scale", () => {
  test("a sheet of 1,048,576 rows (Excel's limit) is read in chunks of 65,536 with every value in place", async () => {
    const n = 1_048_576;
    const values: unknown[][] = [["Cliente", "Fecha", "Importe"]];
    for (let i = 1; i < n; i++) values.push([`C${i % 1000}`, 45292 + (i % 366), `${i % 100},${String(i % 100).padStart(2, "0")}`]);
    const reader = await TableReader.open(sheetSource("Hoja1!A1:C1048576", values), { language: "es" });
    let rows = 0, chunks = 0, sum = 0;
    for await (const chunk of reader.chunks(["id", "date", "number"])) {
      chunks++;
      rows += chunk.rows;
      const amounts = chunk.columns[2] as NumberColumn;
      for (let i = 0; i < chunk.rows; i++) sum += amounts.values[i];
    }
    expect(rows).toBe(n - 1);
    expect(chunks).toBe(16);
    // Σ over i of (i mod 100) × 1.01, by hand: 10,485 full hundreds give 4950 × 1.01 each, then i = 1,048,501 … 1,048,575 add 0 … 74.
    const full = Math.floor((n - 1) / 100), rest = (n - 1) % 100;
    expect(sum).toBeCloseTo((full * 4950 + ((rest + 1) * rest) / 2 - 0) * 1.01, 3);
  }, 120_000);

  test("chunks of 2 rows over byte chunks of 5: a batch handed on mid-row keeps that row's cells", async () => {
    const text = "Cliente;Fecha;Importe\n" + Array.from({ length: 23 }, (_, i) => `C${i};${String(1 + i).padStart(2, "0")}/01/2024;${i},25`).join("\n");
    const reader = await TableReader.open(bytesSource("m.csv", Buffer.from(text), {}, 5), { language: "es", chunkRows: 2 });
    const amounts: number[] = [], dates: number[] = [];
    for await (const chunk of reader.chunks(["id", "date", "number"])) {
      amounts.push(...(chunk.columns[2] as NumberColumn).values);
      dates.push(...(chunk.columns[1] as DateColumn).values);
    }
    expect(amounts).toEqual(Array.from({ length: 23 }, (_, i) => i + 0.25));
    expect(dates).toEqual(Array.from({ length: 23 }, (_, i) => 45292 + i));
  });

  test("memoryBytes streams a file in the chunks it is given (the chunk size does not change the result)", async () => {
    const text = "Cliente;Importe\n" + Array.from({ length: 500 }, (_, i) => `C${i};${i},5`).join("\n");
    const totals = [];
    for (const size of [1, 7, 4096]) {
      const reader = await TableReader.open(bytesSource("s.csv", Buffer.from(text), {}, size), { language: "es" });
      const t = await reader.readAll(["id", "number"]);
      totals.push(Array.from((t.columns[1] as NumberColumn).values).reduce((a, b) => a + b, 0));
    }
    expect(new Set(totals).size).toBe(1);
    void memoryBytes;
  });
});
