/**
 * The byte path of the reader (csv-bytes.ts, fast-cells.ts) against the
 * text path it replaces for UTF-8 and Windows-1252 files: the same records,
 * lines and blank rows whatever the chunking; the same number and date for
 * every cell the bytes decide; the same UTF-8 verdict as a fatal
 * TextDecoder; and, end to end, the same typed columns and report as the
 * same table read through UTF-16 (which still goes the text way).
 */
import fc from "fast-check";
import { BatchBuilder, cellAt, RawBatch } from "../../src/input/batch";
import { NotUtf8Error } from "../../src/input/bytes";
import { CsvTokenizer } from "../../src/input/csv";
import { CsvByteBatcher, spanDecoder, Utf8Validator } from "../../src/input/csv-bytes";
import { dateShape, parseDate } from "../../src/input/dates";
import { bareDate, bareDateShape, bareNumber, bareNumberShape, UNKNOWN } from "../../src/input/fast-cells";
import { bytesSource } from "../../src/input/file";
import { numberShape, parseNumber } from "../../src/input/numbers";
import { TableReader } from "../../src/input/reader";
import type { WantedKind } from "../../src/input/types";

const RUNS = { numRuns: 300 };

function rowsOf(batches: RawBatch[]) {
  const rows: unknown[][] = [], lines: number[] = [];
  let blank = 0;
  for (const b of batches) {
    blank += b.blankRows;
    for (let i = 0; i < b.rows; i++) {
      rows.push(b.cells.map((c) => cellAt(c, i)));
      lines.push(b.lines[i]);
    }
  }
  // Trailing empty cells depend on how wide the batch had grown; compare without them.
  return { rows: rows.map((r) => { const x = [...r]; while (x.length > 0 && x[x.length - 1] === "") x.pop(); return x; }), lines, blank };
}

function byText(text: string, delimiter: string, chunk: number, batchRows: number) {
  const builder = new BatchBuilder();
  const t = new CsvTokenizer(delimiter, builder);
  const batches: RawBatch[] = [];
  for (let i = 0; i < text.length; i += chunk) {
    t.push(text.slice(i, i + chunk));
    if (builder.size >= batchRows) batches.push(builder.take());
  }
  t.push("", true);
  batches.push(builder.take());
  return rowsOf(batches);
}

function byBytes(bytes: Uint8Array, delimiter: string, chunk: number, batchRows: number) {
  const b = new CsvByteBatcher(delimiter.charCodeAt(0), spanDecoder("utf-8"), batchRows);
  const batches: RawBatch[] = [];
  let batch: RawBatch | null;
  for (let i = 0; i < bytes.length; i += chunk) {
    b.append(bytes.subarray(i, i + chunk));
    while ((batch = b.take(false))) batches.push(batch);
  }
  while ((batch = b.take(true))) batches.push(batch);
  return rowsOf(batches);
}

const csvChar = fc.constantFrom(..."ab1 ,;\"\"\r\n\n\t€é\u00a0-.".split(""));
/** Records of fields, some quoted with line breaks, delimiters and doubled quotes inside, some with text after the quote. */
const structured = fc
  .array(
    fc.array(
      fc.oneof(
        fc.stringMatching(/^[a-z0-9 .é-]{0,6}$/),
        fc.array(csvChar, { maxLength: 8 }).map((cs) => `"${cs.join("").replace(/"/g, '""')}"`),
        fc.array(csvChar, { maxLength: 4 }).map((cs) => `"${cs.join("").replace(/"/g, '""')}"x`),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    { maxLength: 8 },
  )
  .chain((records) => fc.tuple(fc.constant(records), fc.constantFrom("\n", "\r\n", "\r"), fc.boolean()))
  .map(([records, eol, final]) => records.map((r) => r.join(",")).join(eol) + (final ? eol : ""));
const csvText = fc.oneof(fc.array(csvChar, { maxLength: 120 }).map((cs) => cs.join("")), structured);

test("records, lines and blank rows are the text tokenizer's, cut into chunks anywhere", () => {
  fc.assert(
    fc.property(csvText, fc.constantFrom(",", ";", "\t"), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }), (text, delimiter, chunk, batchRows) => {
      const bytes = new TextEncoder().encode(text);
      expect(byBytes(bytes, delimiter, chunk, batchRows)).toEqual(byText(text, delimiter, 1 << 20, 1 << 20));
    }),
    RUNS,
  );
});

test("a quoted field with the delimiter, doubled quotes and a line break, at every chunk size", () => {
  const text = 'a;b;c\r\n1;"x; ""y""\r\nz";3\r\n\r\n;;\n4;"5"x;6';
  for (const chunk of [1, 2, 3, 5, 1000]) {
    const r = byBytes(new TextEncoder().encode(text), ";", chunk, 1 << 16);
    expect(r.rows).toEqual([["a", "b", "c"], ["1", 'x; "y"\r\nz', "3"], ["4", "5x", "6"]]);
    expect(r.lines).toEqual([1, 2, 6]);
    expect(r.blank).toBe(2);
  }
});

const enc = (s: string) => new TextEncoder().encode(s);

describe("cells read from their bytes agree with numbers.ts and dates.ts", () => {
  const numberText = fc.oneof(
    fc.array(fc.constantFrom(..."0123456789.,-".split("")), { minLength: 1, maxLength: 14 }).map((a) => a.join("")),
    fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((x) => String(x)),
    fc.integer({ min: -1e9, max: 1e9 }).map((x) => (x / 100).toFixed(2)),
    fc.tuple(fc.integer({ min: 0, max: 1e9 }), fc.constantFrom(".", ",")).map(([x, g]) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, g)),
  );

  test("number shapes and values", () => {
    fc.assert(
      fc.property(numberText, fc.constantFrom<"." | ",">(".", ","), (text, mark) => {
        const b = enc(text);
        const shape = bareNumberShape(b, 0, b.length);
        if (shape !== UNKNOWN) expect(shape).toBe(numberShape(text));
        const x = bareNumber(b, 0, b.length, mark);
        if (!Number.isNaN(x)) expect(Object.is(x, parseNumber(text, mark))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  const dateText = fc.oneof(
    fc.tuple(fc.integer({ min: 1850, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
    fc
      .tuple(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 2100 }), fc.constantFrom("/", ".", "-"), fc.boolean(), fc.boolean())
      .map(([a, b, y, sep, padA, padB]) => `${padA ? String(a).padStart(2, "0") : a}${sep}${padB ? String(b).padStart(2, "0") : b}${sep}${y}`),
    fc.array(fc.constantFrom(..."0123456789/-.".split("")), { minLength: 6, maxLength: 11 }).map((a) => a.join("")),
  );

  test("date shapes and serials, in every order", () => {
    fc.assert(
      fc.property(dateText, fc.constantFrom<"dmy" | "mdy" | "ymd">("dmy", "mdy", "ymd"), (text, order) => {
        const b = enc(text);
        const shape = bareDateShape(b, 0, b.length);
        if (shape !== UNKNOWN) expect(shape).toBe(dateShape(text));
        const x = bareDate(b, 0, b.length, order);
        if (!Number.isNaN(x)) expect(x).toBe(parseDate(text, order));
      }),
      { numRuns: 2000 },
    );
  });
});

test("UTF-8 is accepted and refused as a fatal TextDecoder does, across chunks", () => {
  const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0xa0, 0x9f, 0x8f, 0x90));
  fc.assert(
    fc.property(fc.array(byte, { maxLength: 24 }), fc.integer({ min: 1, max: 5 }), (list, chunk) => {
      const bytes = Uint8Array.from(list);
      let decoderSays = true;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        decoderSays = false;
      }
      const v = new Utf8Validator();
      let validatorSays = true;
      try {
        for (let i = 0; i < bytes.length; i += chunk) v.check(bytes.subarray(i, i + chunk));
        v.finish();
      } catch (e) {
        expect(e).toBeInstanceOf(NotUtf8Error);
        validatorSays = false;
      }
      expect(validatorSays).toBe(decoderSays);
    }),
    { numRuns: 3000 },
  );
});

test("Windows-1252 bytes decode to the characters a streaming TextDecoder gives", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  expect(spanDecoder("windows-1252")(all)).toBe(new TextDecoder("windows-1252").decode(all, { stream: true }));
  expect(spanDecoder("windows-1252")(Uint8Array.of(0x80))).toBe("€");
});

describe("end to end: the byte path reads a table as the text path (UTF-16) does", () => {
  const cell = fc.oneof(
    fc.constantFrom("", " ", "N/A", "sin respuesta", "abc", "007", "1.234", "1,234", "12,5", "-3.25", "1.234,50", "2024-02-29", "2023-02-29", "15/01/2024", "01/02/2024", "2024-03-15 10:30", "€ 12,50", "(12.50)", "85%", "ene 2024", '"q"'),
    fc.integer({ min: -100000, max: 100000 }).map((x) => (x / 100).toFixed(2)),
    fc.integer({ min: 1, max: 40000 }).map((d) => new Date(Date.UTC(1970, 0, d)).toISOString().slice(0, 10)),
  );
  const kind = fc.constantFrom<WantedKind>("number", "date", "id", "text", "auto", "score", "skip");
  const quote = (s: string) => (/[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

  test("same columns, statuses, raw texts and report", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }), fc.array(kind, { minLength: 3, maxLength: 3 }), fc.integer({ min: 1, max: 64 }), async (rows, kinds, chunk) => {
        const text = ["A;B;C", ...rows.map((r) => r.map(quote).join(";"))].join("\n") + "\n";
        const utf8 = new TextEncoder().encode(text);
        const utf16 = new Uint8Array(2 + text.length * 2);
        utf16.set([0xff, 0xfe]);
        for (let i = 0; i < text.length; i++) {
          utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
          utf16[3 + 2 * i] = text.charCodeAt(i) >> 8;
        }
        const read = async (bytes: Uint8Array) => {
          const reader = await TableReader.open(bytesSource("t.csv", bytes, {}, chunk), { language: "es", chunkRows: 7 });
          const t = await reader.readAll(kinds);
          return { columns: t.columns, rows: t.rows, lines: Array.from(t.lines), report: { ...t.report, source: null } };
        };
        expect(await read(utf8)).toEqual(await read(utf16));
      }),
      { numRuns: 150 },
    );
  });
});
