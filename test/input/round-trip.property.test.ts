/**
 * Property: a table written in any convention a real export uses — any
 * delimiter, decimal mark (with or without grouping), date order, encoding,
 * as CSV or as an .xlsx (native cells or text cells) — and cut into byte
 * chunks anywhere, reads back as the same typed columns. Each table carries
 * one row that shows its conventions (a day above 12, an amount with
 * decimals), as a real export of more than a handful of rows does.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { serialFromParts } from "../../src/metrics/dates";
import { bytesSource } from "../../src/input/file";
import { TableReader } from "../../src/input/reader";
import type { IdColumn, NumberColumn, DateColumn } from "../../src/input/types";

type Order = "dmy" | "mdy" | "ymd";
type Encoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

interface Row {
  id: string;
  y: number;
  m: number;
  d: number;
  cents: number;
}

const idChar = fc.constantFrom(..."abcXYZ019 éÑüçñ€,;|\"'\t\n-".split(""));
const row: fc.Arbitrary<Row> = fc.record({
  id: fc
    .array(idChar, { minLength: 1, maxLength: 8 })
    .map((cs) => cs.join("").trim())
    .filter((s) => s !== "" && !/^[\s"]/.test(s)),
  y: fc.integer({ min: 1990, max: 2035 }),
  m: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 28 }),
  cents: fc.integer({ min: -100_000_000, max: 1_000_000_000 }),
});

const WITNESS: Row = { id: "witness", y: 2023, m: 12, d: 31, cents: 123450 };

const pad = (n: number) => String(n).padStart(2, "0");
function dateText(r: Row, order: Order): string {
  if (order === "dmy") return `${pad(r.d)}/${pad(r.m)}/${r.y}`;
  if (order === "mdy") return `${r.m}/${r.d}/${r.y}`;
  return `${r.y}/${pad(r.m)}/${pad(r.d)}`;
}
function amountText(cents: number, mark: "." | ",", grouped: boolean): string {
  const [int, frac] = (Math.abs(cents) / 100).toFixed(2).split(".");
  const body = grouped ? int.replace(/\B(?=(\d{3})+(?!\d))/g, mark === "," ? "." : ",") : int;
  return `${cents < 0 ? "-" : ""}${body}${mark}${frac}`;
}
const quote = (s: string, delimiter: string) => (/["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s);

function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case "utf-8":
      return Buffer.from(text, "utf8");
    case "utf-8-bom":
      return Buffer.from(`\ufeff${text}`, "utf8");
    case "utf-16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf-16be": {
      const le = Buffer.from(text, "utf16le");
      for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    }
    case "windows-1252":
      return Buffer.from(Array.from(text, (ch) => (ch === "€" ? 0x80 : ch.charCodeAt(0))));
  }
}

const conventions = fc.record({
  delimiter: fc.constantFrom(",", ";", "\t", "|"),
  mark: fc.constantFrom<"." | ",">(".", ","),
  grouped: fc.boolean(),
  order: fc.constantFrom<Order>("dmy", "mdy", "ymd"),
  encoding: fc.constantFrom<Encoding>("utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"),
  format: fc.constantFrom("csv", "csv", "csv", "xlsx-native", "xlsx-text"),
  eol: fc.constantFrom("\n", "\r\n"),
  chunkBytes: fc.integer({ min: 1, max: 97 }),
  language: fc.constantFrom<"en" | "es">("en", "es"),
});

type Conventions = typeof conventions extends fc.Arbitrary<infer T> ? T : never;

async function fileOf(rows: Row[], c: Conventions): Promise<{ name: string; bytes: Uint8Array }> {
  if (c.format === "csv") {
    const lines = [["Customer", "Date", "Amount"], ...rows.map((r) => [r.id, dateText(r, c.order), amountText(r.cents, c.mark, c.grouped)])];
    const text = lines.map((l) => l.map((f) => quote(f, c.delimiter)).join(c.delimiter)).join(c.eol) + c.eol;
    return { name: "t.csv", bytes: encode(text, c.encoding) };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  ws.addRow(["Customer", "Date", "Amount"]);
  for (const r of rows) {
    if (c.format === "xlsx-native") ws.addRow([r.id, new Date(Date.UTC(r.y, r.m - 1, r.d)), r.cents / 100]);
    else ws.addRow([r.id, dateText(r, c.order), amountText(r.cents, c.mark, c.grouped)]);
  }
  ws.getColumn(2).numFmt = "yyyy-mm-dd";
  return { name: "t.xlsx", bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
}

test("any delimiter × decimal mark × date order × encoding × CSV/xlsx × chunking reads back the same typed columns", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(row, { minLength: 0, maxLength: 30 }), conventions, async (generated, c) => {
      const rows = [WITNESS, ...generated];
      const { name, bytes } = await fileOf(rows, c);
      const reader = await TableReader.open(bytesSource(name, bytes, {}, c.chunkBytes), { language: c.language });
      const table = await reader.readAll(["id", "date", "number"]);
      expect(table.header).toEqual(["Customer", "Date", "Amount"]);
      expect(table.rows).toBe(rows.length);
      const ids = table.columns[0] as IdColumn, dates = table.columns[1] as DateColumn, amounts = table.columns[2] as NumberColumn;
      expect(Array.from(ids.codes, (k) => ids.dictionary[k])).toEqual(rows.map((r) => r.id));
      expect(Array.from(dates.values)).toEqual(rows.map((r) => serialFromParts(r.y, r.m, r.d)));
      expect(Array.from(amounts.values)).toEqual(rows.map((r) => r.cents / 100));
      // ASCII text is the same bytes in UTF-8 and Windows-1252: it is reported as UTF-8.
      const ascii = rows.every((r) => [...r.id].every((ch) => ch.charCodeAt(0) < 128));
      if (c.format === "csv") expect(table.report.source.encoding).toBe(c.encoding === "windows-1252" && ascii ? "utf-8" : c.encoding);
    }),
    { numRuns: 120 },
  );
}, 180_000);
