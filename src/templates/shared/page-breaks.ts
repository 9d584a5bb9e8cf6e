/**
 * Manual page breaks for a sheet laid out by SheetBuilder.place, so that
 * printing it (one page wide, as many pages tall as needed) never cuts a
 * chart or a block in two: a new page starts before each row of the flow
 * (a block, or blocks side by side) that would not fit on the current one.
 * A block taller than a page is left to the application's own breaks (a
 * table cut between its rows still reads).
 *
 * The page's height in rows is estimated from the plan: the scale that fits
 * the sheet's width on the page (as Excel and LibreOffice fit to one page
 * wide), Letter or A4 — whichever is smaller — with Excel's default margins,
 * less a safety margin for the applications' own rounding.
 */
import type { BlockShape, LayoutItem, Placed } from "../../workbook/layout";
import { SheetGeometry } from "../../workbook/measure";
import { blockRect, SheetPlan } from "../../workbook/plan";
import { parseRect } from "../../workbook/a1";

/** Rows of the sheet one item of the flow covers, title and note included. */
export interface Band {
  top: number;
  bottom: number;
}

/** Page sides in points, the smaller of Letter (612 × 792) and A4 (595 × 842). */
const SHORT_SIDE = 595;
const LONG_SIDE = 792;
/** Excel's default margins: 0.7" left and right, 0.75" top and bottom (the page header sits inside the top one). */
const MARGIN_X = 2 * 0.7 * 72;
const MARGIN_Y = 2 * 0.75 * 72;
/** Of the estimated page, the part the breaks fill (LibreOffice draws columns wider than Excel, so it fits more rows: the estimate is Excel's). */
const SAFETY = 0.97;

/** The rows each item of a flow covers, from where place() put the bodies of its blocks. */
export function bandsOf(items: LayoutItem<BlockShape>[], at: Record<string, Placed>): Band[] {
  return items.map((item) => {
    let top = Infinity, bottom = -Infinity;
    for (const spec of Array.isArray(item) ? item : [item]) {
      const body = at[spec.key];
      const above = (spec.title !== undefined ? 1 : 0) + (spec.note !== undefined ? 1 : 0);
      top = Math.min(top, body.row(0) - above);
      bottom = Math.max(bottom, body.row(body.rows - 1));
    }
    return { top, bottom };
  });
}

/** The last column the sheet prints: its blocks, merged lines and charts. */
function lastColumn(sheet: SheetPlan): number {
  let last = 1;
  for (const b of sheet.blocks) last = Math.max(last, blockRect(b).lastColumn);
  for (const m of sheet.merges ?? []) last = Math.max(last, parseRect(m).lastColumn);
  for (const c of sheet.charts) last = Math.max(last, parseRect(c.anchor.to).lastColumn);
  return last;
}

/** Points of rows a printed page holds, at the scale that fits the sheet's width. */
export function pageRowsPoints(sheet: SheetPlan): number {
  const geometry = new SheetGeometry(sheet);
  const landscape = (sheet.print?.orientation ?? "landscape") === "landscape";
  const pageWidth = (landscape ? LONG_SIDE : SHORT_SIDE) - MARGIN_X;
  const pageHeight = (landscape ? SHORT_SIDE : LONG_SIDE) - MARGIN_Y;
  // Excel draws a column of width w characters 7w + 5 pixels wide (Calibri 11 at 96 dpi).
  const last = lastColumn(sheet);
  const widthPt = (geometry.roomPx(1, last) + 5 + 5 * last) * 0.75;
  // Fit to one page wide: scaled down (never up), to a whole percent as Excel does.
  const scale = Math.min(1, Math.floor((100 * pageWidth) / widthPt) / 100);
  return (SAFETY * pageHeight) / scale;
}

/**
 * The rows after which a new page starts (on the empty row above a band), so
 * that no band is cut when it fits on a page. `bands` are in sheet order; the first page starts at row 1.
 */
export function pageBreaks(sheet: SheetPlan, bands: Band[]): number[] {
  const geometry = new SheetGeometry(sheet);
  const page = pageRowsPoints(sheet);
  const breaks: number[] = [];
  let pageTop = 1;
  let previousBottom = 0;
  for (const band of bands) {
    // The page starts on the empty row above the band when there is one: a chart at the band's top draws its
    // border on the row line, which LibreOffice would otherwise print at the foot of the page before.
    const start = band.top - 1 > previousBottom ? band.top - 1 : band.top;
    if (start > pageTop && geometry.heightOf(pageTop, band.bottom) > page) {
      breaks.push(start - 1);
      pageTop = start;
    }
    previousBottom = band.bottom;
    // A band taller than a page: the application breaks it; follow its pages to the band's end.
    while (geometry.heightOf(pageTop, band.bottom) > page) {
      let r = pageTop, pt = 0;
      while (pt + geometry.height(r) <= page) pt += geometry.height(r++);
      pageTop = Math.max(r, pageTop + 1);
    }
  }
  return breaks;
}
