/**
 * Formula cells inside an Excel Table keep their cached results in the
 * .xlsx, whatever the value: ExcelJS's Cell.value drops a result of 0, ""
 * or false, and the table is written by reading the cells back, so the
 * writer takes the result from the cell's model (found with the MRR
 * bridge's Difference column, 0 in every month).
 */
import JSZip from "jszip";
import { SheetBuilder } from "../../src/workbook/builder";
import { fx } from "../../src/workbook/layout";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";

test("a table's formula cells carry 0, empty text, false and numbers as their cached results", async () => {
  const s = new SheetBuilder("t", "Table", "Table");
  s.write(1, 1, [
    ["Zero", "Empty", "False", "Three"],
    [fx("=1-1", 0), fx('=IF(1>2,1,"")', ""), fx("=1>2", false), fx("=1+2", 3)],
  ]);
  s.table("Cached", "A1:D2");
  const { buffer } = await writePlanToBuffer({ title: "Table", sheets: [s.build()] });
  const sheet = await (await JSZip.loadAsync(buffer)).file("xl/worksheets/sheet1.xml")!.async("string");
  const cell = (ref: string) => new RegExp(`<c r="${ref}"[^>]*>.*?</c>`).exec(sheet)?.[0] ?? "";
  expect(cell("A2")).toMatch(/<f>1-1<\/f><v>0<\/v>/);
  expect(cell("B2")).toMatch(/t="str".*<v><\/v>/);
  expect(cell("C2")).toMatch(/t="b".*<v>0<\/v>/);
  expect(cell("D2")).toMatch(/<f>1\+2<\/f><v>3<\/v>/);
});
