/**
 * Renders each sheet of a workbook to a PNG, the way LibreOffice prints it, so
 * the README can show what a manager sees and so we can look at it ourselves:
 *   npx tsx scripts/render-screenshots.ts cxm-demo.xlsx docs/screenshots
 * Each sheet is set to print on one landscape page (a copy is changed, never
 * the input), LibreOffice recalculates and prints to PDF, pdftoppm rasterises.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { convertWithLibreOffice } from "./libreoffice";

export async function renderSheets(xlsx: string, outDir: string, dpi = 70): Promise<string[]> {
  const work = mkdtempSync(path.join(os.tmpdir(), "cxm-shots-"));
  const copy = path.join(work, "workbook.xlsx");
  copyFileSync(xlsx, copy);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(copy);
  const names: string[] = [];
  wb.eachSheet((ws) => {
    names.push(ws.name);
    ws.pageSetup = { ...ws.pageSetup, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 1 };
  });
  await wb.xlsx.writeFile(copy);
  const pdf = convertWithLibreOffice(copy, "pdf", work);
  execFileSync("pdftoppm", ["-png", "-r", String(dpi), pdf, path.join(work, "page")]);
  const pages = readdirSync(work).filter((f) => /^page-\d+\.png$/.test(f)).sort();
  mkdirSync(outDir, { recursive: true });
  return pages.map((page, i) => {
    const slug = (names[i] ?? `sheet-${i + 1}`).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
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
  renderSheets(xlsx, outDir).then((files) => files.forEach((f) => console.log(f)));
}
