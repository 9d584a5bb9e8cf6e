/**
 * The cached values a spreadsheet application saved in an .xlsx (what a
 * reader sees before any recalculation), read from the package's XML.
 * ExcelJS reads most of them, but drops a formula's cached result of 0, so
 * tests that compare recalculated cells read them here.
 */
import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import JSZip from "jszip";

export type CachedValue = number | string | boolean | { error: string } | null;

export interface CachedWorkbook {
  /** The cached value of `address` ("B18") on the sheet named `sheet`; null for an empty cell. */
  value(sheet: string, address: string): CachedValue;
  /** Every cell with a value or a cached result, sheet by sheet. */
  cells(): { sheet: string; address: string; value: CachedValue }[];
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["sheet", "Relationship", "c", "row", "si", "r"].includes(name) });

type Xml = Record<string, unknown>;
const asArray = (x: unknown): Xml[] => (Array.isArray(x) ? (x as Xml[]) : x === undefined ? [] : [x as Xml]);
const text = (x: unknown): string => (x === undefined || x === null ? "" : typeof x === "object" ? String((x as Xml)["#text"] ?? "") : String(x));

export async function readCachedValues(file: string): Promise<CachedWorkbook> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const read = async (p: string) => parser.parse((await zip.file(p)?.async("string")) ?? "") as Xml;
  const workbook = await read("xl/workbook.xml");
  const rels = await read("xl/_rels/workbook.xml.rels");
  const targets = new Map(asArray((rels.Relationships as Xml).Relationship).map((r) => [String(r.Id), String(r.Target)]));
  const sheetPaths = new Map(
    asArray(((workbook.workbook as Xml).sheets as Xml).sheet).map((s) => {
      const target = targets.get(String(s["r:id"])) ?? "";
      return [String(s.name), target.startsWith("/") ? target.slice(1) : `xl/${target}`];
    }),
  );
  const sharedXml = zip.file("xl/sharedStrings.xml") ? await read("xl/sharedStrings.xml") : {};
  const shared = asArray((sharedXml.sst as Xml | undefined)?.si).map((si) => (si.t !== undefined ? text(si.t) : asArray(si.r).map((r) => text(r.t)).join("")));

  const sheets = new Map<string, Map<string, CachedValue>>();
  for (const [name, p] of sheetPaths) {
    const cells = new Map<string, CachedValue>();
    const rows = asArray((((await read(p)).worksheet as Xml).sheetData as Xml | undefined)?.row);
    for (const row of rows) {
      for (const c of asArray(row.c)) {
        const v = c.v === undefined ? undefined : text(c.v);
        const t = String(c.t ?? "n");
        let value: CachedValue = null;
        if (t === "s") value = shared[Number(v)] ?? null;
        else if (t === "str" || t === "inlineStr") value = t === "inlineStr" ? text((c.is as Xml | undefined)?.t) : (v ?? "");
        else if (t === "e") value = { error: v ?? "" };
        else if (t === "b") value = v === "1";
        else if (v !== undefined) value = Number(v);
        cells.set(String(c.r), value);
      }
    }
    sheets.set(name, cells);
  }
  return {
    value(sheet, address) {
      const cells = sheets.get(sheet);
      if (!cells) throw new Error(`The workbook has no sheet "${sheet}" (it has ${[...sheets.keys()].join(", ")}).`);
      return cells.get(address) ?? null;
    },
    cells() {
      return [...sheets].flatMap(([sheet, cells]) => [...cells].map(([address, value]) => ({ sheet, address, value })));
    },
  };
}
