/**
 * The v2 layout machinery in src/workbook: text measurement (Calibri's
 * advance widths, from Carlito, its metric-compatible twin), the text a
 * number format shows, placing blocks with forward references, cached
 * formula values, sizing a sheet to its content, and the layout checks —
 * each shown to fire on a plan that breaks it.
 */
import { rangeName } from "../../src/workbook/a1";
import { BlockSpec, BlockWriter, chartBlock, SheetBuilder } from "../../src/workbook/builder";
import { displayText } from "../../src/workbook/display-text";
import { fx, Placed, placeBlocks } from "../../src/workbook/layout";
import { checkSheetLayout, LayoutCheck } from "../../src/workbook/layout-checks";
import { emptySheet, SheetPlan } from "../../src/workbook/plan";
import { currencyFormat } from "../../src/workbook/styles";
import { columnWidthFor, lineHeight, textRoomPx, textWidthPx, wrappedLines } from "../../src/workbook/text-width";

describe("text width (Calibri 11)", () => {
  test("advance widths: a digit is 1038/2048 em, 7.43 px at 11 pt and 96 dpi; letters differ; bold is wider", () => {
    expect(textWidthPx("0")).toBeCloseTo((1038 / 2048) * (11 * 96) / 72, 10);
    expect(textWidthPx("0000000000")).toBeCloseTo(10 * textWidthPx("0"), 10);
    expect(textWidthPx("W")).toBeGreaterThan(2 * textWidthPx("i"));
    expect(textWidthPx("Customers", { bold: true })).toBeGreaterThan(textWidthPx("Customers"));
    expect(textWidthPx("Retención")).toBeCloseTo(textWidthPx("Retencion"), 10); // accents take their letter's width
    expect(textWidthPx("ab", { size: 22 })).toBeCloseTo(2 * textWidthPx("ab"), 10);
  });

  test("column widths and rows: width w shows w × 7 − 5 px; 15 points a line at 11 pt", () => {
    expect(textRoomPx(10)).toBe(65);
    expect(textRoomPx(columnWidthFor(100))).toBeGreaterThanOrEqual(100);
    expect(lineHeight()).toBe(15);
    expect(lineHeight({ size: 16 })).toBe(22); // 16 × 15 / 11 = 21.8, rounded up to a quarter point
  });

  test("wrapping: at spaces, a word wider than the line broken, line breaks kept", () => {
    const word = textWidthPx("word");
    const space = textWidthPx(" ");
    expect(wrappedLines("word word", 2 * word + space)).toBe(1);
    expect(wrappedLines("word word", 2 * word + space - 0.1)).toBe(2);
    expect(wrappedLines("word\nword", 1000)).toBe(2);
    expect(wrappedLines("wordwordword", word * 1.5)).toBe(2);
    expect(wrappedLines("x wordwordword", word * 1.5)).toBe(3);
  });
});

describe("displayText: what a number format shows", () => {
  test.each([
    [0.1234, "0.0%", "12.3%"],
    [1234567, "#,##0", "1,234,567"],
    [1234.5, currencyFormat("$", 0), "$1,235"],
    [-1234, currencyFormat("$", 0), "-$1,234"],
    [1234.5, currencyFormat("€", 0, "after"), "1,235 €"],
    [2.5, '0.0"x"', "2.5x"],
    [1 / 3, undefined, "0.333333333"],
    [45292, "yyyy-mm-dd", "0000-00-00"],
    [45292, "mmm yyyy", "Sept. 0000"], // the widest month a reader may see
    [true, undefined, "TRUE"],
    [{ error: "#N/A" as const }, "0.0%", "#N/A"],
  ])("%p as %p shows %p", (value, format, shown) => {
    expect(displayText(value, format)).toBe(shown);
  });

  test("currency formats: before, after, or none", () => {
    expect(currencyFormat("€", 0, "after")).toBe('#,##0 "€"');
    expect(currencyFormat("$", 2)).toBe('"$"#,##0.00');
    expect(currencyFormat("", 0, "after")).toBe("#,##0");
  });
});

describe("placing blocks", () => {
  const block = (key: string, rows: number, columns: number, title = true): BlockSpec => ({
    key,
    rows,
    columns,
    ...(title ? { title: key, note: `${key} note` } : {}),
    fill: () => undefined,
  });

  test("flow down with a blank row between items; side by side with a blank column; titles and notes above bodies", () => {
    const { places, nextRow } = placeBlocks([block("a", 3, 2), [block("b", 5, 3), block("c", 2, 4, false)], block("d", 1, 1)], 5);
    expect(places.get("a")!.body).toEqual({ row: 7, column: 1, lastRow: 9, lastColumn: 2 });
    expect(places.get("b")!.body).toEqual({ row: 13, column: 1, lastRow: 17, lastColumn: 3 });
    expect(places.get("c")!.body).toEqual({ row: 11, column: 5, lastRow: 12, lastColumn: 8 });
    expect(places.get("d")!.titleRow).toBe(19);
    expect(nextRow).toBe(23);
  });

  test("duplicate keys and empty blocks are refused", () => {
    expect(() => placeBlocks([block("a", 1, 1), block("a", 1, 1)], 1)).toThrow(/Two blocks have the key "a"/);
    expect(() => placeBlocks([block("a", 0, 1)], 1)).toThrow(/at least one/);
  });

  test("Placed addresses cells by offsets, with anchors", () => {
    const p = new Placed({ row: 5, column: 2, lastRow: 9, lastColumn: 4 });
    expect(p.cell(1, 2)).toBe("D6");
    expect(p.cell(1, 0, "$col")).toBe("$B6");
    expect(p.cell(1, 0, "$row")).toBe("B$6");
    expect(p.cell(1, 0, "$all")).toBe("$B$6");
    expect(p.columnRange(1, 1)).toBe("C6:C9");
    expect(p.range(0, 0, 2, 3, true)).toBe("$B$5:$D$6");
  });
});

describe("SheetBuilder.place: two passes, forward references, cached values", () => {
  function build() {
    const s = new SheetBuilder("k", "Sheet", "A title");
    s.heading(["One line about the sheet."]);
    const total: BlockSpec = {
      key: "total",
      title: "Total",
      note: "The sum of the values below.",
      rows: 2,
      columns: 1,
      // Refers to a block placed after it.
      fill: (w) => w.put([["Total"], [fx(`=SUM(${w.at("values").columnRange(0, 1)})`, 6)]]).header(),
    };
    const values: BlockSpec = {
      key: "values",
      title: "Values",
      note: "Typed in.",
      rows: 4,
      columns: 1,
      fill: (w) => w.put([["Value"], [1], [2], [3]]).header().table("Values"),
    };
    const at = s.place([total, values]);
    s.freeze(at.values.row(0), 0);
    return { sheet: s.build(), at };
  }

  test("a block refers to one placed below it; the formula carries its value beside it", () => {
    const { sheet, at } = build();
    const block = sheet.blocks.find((b) => b.cached)!;
    expect(block.rows).toEqual([["Total"], [`=SUM(${at.values.columnRange(0, 1)})`]]);
    expect(block.cached).toEqual([[null], [6]]);
    expect(at.total.rect.row).toBe(6);
    expect(at.values.rect.row).toBe(11);
  });

  test("build() sizes the sheet: measured widths, merged and wrapped heading, heights, print setup", () => {
    const { sheet } = build();
    // One measured column: at least as wide as its widest word (the block titles and notes wrap within it).
    expect(sheet.columnWidths.map((w) => w.column)).toEqual([1]);
    expect(sheet.columnWidths[0].width).toBeGreaterThanOrEqual(columnWidthFor(textWidthPx("Values", { bold: true, size: 12 })));
    // Titles and notes of blocks wider than a column would merge; these are one column wide. The title and heading
    // line merge across at least MIN_HEADING_PX (560 px): 9 default columns here.
    expect(sheet.merges).toEqual([rangeName(1, 1, 1, 9), rangeName(2, 1, 1, 9)]);
    expect(sheet.rowHeights!.find((h) => h.row === 1)!.height).toBe(lineHeight({ size: 16 }));
    expect(sheet.print).toEqual({ orientation: "portrait", fitToPagesWide: 1, header: "&L&A&R&P" });
    expect(checkSheetLayout(sheet)).toEqual([]);
  });

  test("a wrapped cell taller than Excel allows gets Excel's tallest row (409 points), the text written whole", () => {
    const s = new SheetBuilder("k", "Sheet", "T");
    const long = "segment ".repeat(1250);
    s.place([{ key: "h", rows: 1, columns: 1, fill: (w: BlockWriter) => w.put([[long]]).header() }]);
    const sheet = s.build();
    const row = sheet.blocks.find((b) => b.rows[0][0] === long)!;
    expect(sheet.rowHeights!.find((h) => h.row === Number(row.at.slice(1)))!.height).toBe(409);
  });

  test("a formula written as a plain string is refused: v2 sheets cache every value", () => {
    const s = new SheetBuilder("k", "Sheet", "T");
    expect(() => s.place([{ key: "a", rows: 1, columns: 1, fill: (w: BlockWriter) => w.put([["=1+1"]]) }])).toThrow(/fx\(formula, value\)/);
    expect(() => s.place([{ key: "b", rows: 1, columns: 1, fill: (w: BlockWriter) => w.put([[1, 2]]) }])).toThrow(/do not fit the block body/);
    expect(() => s.place([{ key: "c", rows: 1, columns: 1, fill: (w: BlockWriter) => w.at("nowhere") }])).toThrow(/No block "nowhere"/);
    expect(() => fx("1+1", 2)).toThrow(/starts with "="/);
  });

  test("a chart block anchors its chart over its own empty cells", () => {
    const s = new SheetBuilder("k", "Sheet", "T");
    const at = s.place([
      [
        { key: "d", rows: 3, columns: 2, fill: (w: BlockWriter) => w.put([["M", "V"], ["a", 1], ["b", 2]]) },
        chartBlock("c", (w) => ({ type: "column", title: "C", categories: w.at("d").columnRange(0, 1), series: [{ name: "V", values: w.at("d").columnRange(1, 1) }] }), { rows: 6, columns: 3 }),
      ],
    ]);
    const sheet = s.build();
    expect(sheet.charts[0].anchor).toEqual({ from: at.c.cell(0, 0), to: at.c.cell(5, 2) });
    expect(checkSheetLayout(sheet)).toEqual([]);
  });
});

describe("at Excel's limit", () => {
  test("a block over all 1,048,576 rows is sized in one pass: its widest number is found wherever it is", () => {
    const n = 1_048_576; // a header and 1,048,575 rows: every row of the sheet
    const s = new SheetBuilder("big", "Big", "Big");
    const at = s.place([
      {
        key: "t",
        rows: n,
        columns: 2,
        fill: (w: BlockWriter) => {
          const rows: (string | number)[][] = new Array(n);
          rows[0] = ["Id", "Amount"];
          for (let i = 1; i < n; i++) rows[i] = [`C${i % 1000}`, i % 97];
          rows[777_777][1] = 123_456_789_012; // far outside the first rows measured
          w.put(rows);
          w.format(w.range(1, 1, n - 1, 1), { numberFormat: "#,##0" });
        },
      },
    ]);
    const sheet = s.build();
    expect(at.t.rect.lastRow).toBe(1_048_576);
    const amount = sheet.columnWidths.find((w) => w.column === 2)!.width;
    expect(textRoomPx(amount)).toBeGreaterThanOrEqual(textWidthPx("123,456,789,012"));
  });
});

describe("layout checks fire on what they check", () => {
  const sheet = (patch: Partial<SheetPlan>): SheetPlan => ({
    ...emptySheet("s", "S", "S"),
    print: { orientation: "portrait", fitToPagesWide: 1 },
    ...patch,
  });
  const checks = (s: SheetPlan): LayoutCheck[] => checkSheetLayout(s).map((p) => p.check);

  test("a clean sheet passes", () => {
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [["Short", 12]] }] }))).toEqual([]);
  });

  test("wrap: a wrapped cell without the height for its lines; a large font in a default row", () => {
    const long = "A note long enough to need several lines in a column of ten characters";
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [[long]] }], formats: [{ range: "A1", wrapText: true }], columnWidths: [{ column: 1, width: 10 }] }))).toEqual(["wrap"]);
    const lines = wrappedLines(long, textRoomPx(10));
    expect(
      checks(sheet({ blocks: [{ at: "A1", rows: [[long]] }], formats: [{ range: "A1", wrapText: true }], columnWidths: [{ column: 1, width: 10 }], rowHeights: [{ row: 1, height: 15 * lines }] })),
    ).toEqual([]);
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [["Title"]] }], formats: [{ range: "A1", fontSize: 16 }] }))).toEqual(["wrap"]);
  });

  test("cut: text wider than its column with a filled cell beside it; it may run over empty cells", () => {
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [["Revenue in month 0", "Month 0"]] }], columnWidths: [{ column: 1, width: 6 }] }))).toEqual(["cut"]);
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [["Revenue in month 0", "", "", "x"]] }], columnWidths: [{ column: 1, width: 6 }] }))).toEqual([]);
  });

  test("number: a number wider than its column (Excel shows ####)", () => {
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [[123456789012]] }], formats: [{ range: "A1", numberFormat: "#,##0" }], columnWidths: [{ column: 1, width: 5 }] }))).toEqual(["number"]);
  });

  test("chart: over a filled cell, over text running over, over another chart", () => {
    const chart = (from: string, to: string) => ({ type: "line" as const, title: "C", categories: "A1", series: [{ name: "s", values: "A1" }], anchor: { from, to } });
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [[1]] }, { at: "C3", rows: [[2]] }], charts: [chart("B2", "D5")] }))).toEqual(["chart"]);
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [["A note running far to the right of its cell"]] }], charts: [chart("C1", "F5")] }))).toEqual(["chart"]);
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [[1]] }], charts: [chart("C1", "F5"), chart("E3", "H8")] }))).toEqual(["chart"]);
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [[1]] }], charts: [chart("C1", "F5")] }))).toEqual([]);
  });

  test("print, freeze and cached: no print setup; a table with nothing frozen; a formula without its value", () => {
    expect(checks({ ...sheet({}), print: undefined })).toEqual(["print"]);
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [["H"], [1]] }], tables: [{ name: "T", range: "A1:A2" }] }))).toEqual(["freeze"]);
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [["=1+1"]] }] }))).toEqual(["cached"]);
    expect(checks(sheet({ blocks: [{ at: "A1", rows: [["=1+1"]], cached: [[2]] }] }))).toEqual([]);
  });
});
