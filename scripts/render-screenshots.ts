/**
 * Renders the top of each sheet of a workbook to a PNG, the way LibreOffice
 * prints it, so the README can show what a manager sees on opening a sheet
 * and so we can look at it ourselves:
 *   npx tsx scripts/render-screenshots.ts cxm-demo.xlsx docs/screenshots
 * A copy of the workbook (never the input) gets a print area per sheet (the
 * first rows and columns, where the summary and charts sit) fitted to one
 * landscape page; LibreOffice recalculates and prints it to PDF, one page per
 * sheet, and pdftoppm rasterises each page.
 * The package is edited as XML (JSZip), not re-saved through ExcelJS, which
 * would drop the charts.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { columnLetter, parseCell } from "../src/workbook/a1";
import { convertWithLibreOffice } from "./libreoffice";

export interface ShotOptions {
  /** Rows of each sheet to show at most (default 64). */
  rows?: number;
  /** Columns of each sheet to show at most (default 30, A:AD). */
  columns?: number;
  dpi?: number;
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");

/** Adds a one-page print area to every sheet of an .xlsx package; returns the sheet names in order. */
async function fitTopOfEachSheet(xlsx: Buffer, o: Required<ShotOptions>): Promise<{ buffer: Buffer; names: string[] }> {
  const zip = await JSZip.loadAsync(xlsx);
  let workbook = await zip.file("xl/workbook.xml")!.async("string");
  const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1].replace(/&apos;/g, "'").replace(/&amp;/g, "&"));
  const areas: string[] = [];
  for (let i = 0; i < names.length; i++) {
    // ExcelJS writes the n-th sheet as xl/worksheets/sheet<n>.xml.
    const file = `xl/worksheets/sheet${i + 1}.xml`;
    let xml = await zip.file(file)!.async("string");
    const ref = /<dimension ref="([A-Z]+\d+)(?::([A-Z]+\d+))?"/.exec(xml);
    const last = parseCell(ref?.[2] ?? ref?.[1] ?? "A1");
    // The cells' extent leaves out charts: stretch it to the bottom-right anchor of each drawing.
    const rels = await zip.file(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`)?.async("string");
    const drawing = rels && /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(rels);
    if (drawing) {
      const anchors = await zip.file(`xl/drawings/${drawing[1]}`)!.async("string");
      for (const m of anchors.matchAll(/<xdr:to><xdr:col>(\d+)<\/xdr:col><xdr:colOff>\d+<\/xdr:colOff><xdr:row>(\d+)<\/xdr:row>/g)) {
        last.column = Math.max(last.column, Number(m[1]) + 1);
        last.row = Math.max(last.row, Number(m[2]) + 1);
      }
    }
    const corner = `$${columnLetter(Math.min(last.column, o.columns))}$${Math.min(last.row, o.rows)}`;
    areas.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">'${escapeXml(names[i].replace(/'/g, "''"))}'!$A$1:${corner}</definedName>`);
    xml = xml.replace(/fitToHeight="0"/, 'fitToHeight="1"');
    zip.file(file, xml);
  }
  // A sheet's own print area (a large table left out of the printout) gives way to the screenshot's.
  workbook = workbook.replace(/<definedName name="_xlnm\.Print_Area"[^>]*>[^<]*<\/definedName>/g, "");
  workbook = workbook.includes("<definedNames>")
    ? workbook.replace("<definedNames>", `<definedNames>${areas.join("")}`)
    : workbook.replace("</sheets>", `</sheets><definedNames>${areas.join("")}</definedNames>`);
  zip.file("xl/workbook.xml", workbook);
  return { buffer: await zip.generateAsync({ type: "nodebuffer" }), names };
}

export async function renderSheets(xlsx: string, outDir: string, options: ShotOptions = {}): Promise<string[]> {
  const o = { rows: 64, columns: 30, dpi: 80, ...options };
  const work = mkdtempSync(path.join(os.tmpdir(), "cxm-shots-"));
  const copy = path.join(work, "workbook.xlsx");
  const { buffer, names } = await fitTopOfEachSheet(readFileSync(xlsx), o);
  writeFileSync(copy, buffer);
  const pdf = convertWithLibreOffice(copy, "pdf", work);
  execFileSync("pdftoppm", ["-png", "-r", String(o.dpi), pdf, path.join(work, "page")]);
  const pages = readdirSync(work).filter((f) => /^page-\d+\.png$/.test(f)).sort();
  if (pages.length !== names.length) throw new Error(`Expected one page per sheet (${names.length}), LibreOffice printed ${pages.length}.`);
  mkdirSync(outDir, { recursive: true });
  return pages.map((page, i) => {
    const slug = names[i].toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const target = path.join(outDir, `${slug}.png`);
    renameSync(path.join(work, page), target);
    return target;
  });
}

if (require.main === module) {
  const [xlsx, outDir = "docs/screenshots"] = process.argv.slice(2);
  if (!xlsx) {
    console.error("usage: tsx scripts/render-screenshots.ts <workbook.xlsx> [out-dir]");
    process.exit(2);
  }
  renderSheets(xlsx, outDir).then(
    (files) => files.forEach((f) => console.log(f)),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
