/**
 * Page breaks that keep charts (and tables) whole on paper. A sheet prints
 * one page wide and as many pages tall as it needs; left to itself, a
 * spreadsheet application breaks pages wherever a page fills up, which may
 * cut a chart in two (LibreOffice then draws its lower half over the next
 * page's header). Given the rows of each item of a sheet's flow (a block,
 * or blocks side by side), this sets every page break by hand.
 *
 * The page is measured conservatively: the smaller printable height and the
 * larger printable width of Letter and A4 (so the fit-to-width scale is
 * over- rather than under-estimated), with Excel's default margins. As every
 * break is manual and no page holds more than that, the application's own
 * (paper-dependent) breaks never come into play.
 */
import type { BlockShape, LayoutItem, Placed } from "../../workbook/layout";
import { SheetGeometry } from "../../workbook/measure";
import { parseRect } from "../../workbook/a1";
import type { SheetPlan } from "../../workbook/plan";

/** Printable points (Letter and A4, margins 0.7 in left and right, 0.75 in top and bottom). */
const PRINTABLE = {
  landscape: { width: Math.max(792, 842) - 100.8, height: Math.min(612, 595) - 108 },
  portrait: { width: Math.max(612, 595) - 100.8, height: Math.min(792, 842) - 108 },
};
/** Slack for rounding (the application's scale is a whole percentage, row heights are rounded). */
const SAFETY = 0.98;

/** Rows an item of the flow spans, title and note included. */
export interface FlowRows {
  top: number;
  bottom: number;
}

/** The rows of each item of a placed flow (the items given to SheetBuilder.place, and what it returned). */
export function flowRows(items: LayoutItem<BlockShape>[], at: Record<string, Placed>): FlowRows[] {
  return items.map((item) => {
    let top = Infinity, bottom = -Infinity;
    for (const spec of Array.isArray(item) ? item : [item]) {
      const body = at[spec.key].rect;
      top = Math.min(top, body.row - (spec.title !== undefined ? 1 : 0) - (spec.note !== undefined ? 1 : 0));
      bottom = Math.max(bottom, body.lastRow);
    }
    return { top, bottom };
  });
}

/** Points of sheet a printed page holds at the sheet's fit-to-width scale. */
export function pageCapacity(sheet: SheetPlan): number {
  const g = new SheetGeometry(sheet);
  const paper = PRINTABLE[sheet.print?.orientation ?? "landscape"];
  let last = 1;
  if (sheet.print?.area) last = parseRect(sheet.print.area).lastColumn;
  else {
    for (const w of sheet.columnWidths) last = Math.max(last, w.column);
    for (const c of sheet.charts) last = Math.max(last, parseRect(c.anchor.to).lastColumn);
  }
  let widthPt = 0;
  for (let c = 1; c <= last; c++) widthPt += (g.width(c) * 7 + 5) * 0.75;
  const scale = Math.min(1, paper.width / widthPt);
  return (SAFETY * paper.height) / scale;
}

/**
 * Sets the sheet's page breaks, all of them manual: each item of the flow
 * starts a new page (on the blank row above it) when it does not fit in
 * what is left of the current one (so charts and tables print whole), and an item taller than a page is
 * cut where the page fills. Every page holding at most the conservative
 * capacity, the application never adds a break of its own, and the printout
 * is the one computed here whatever the paper. Returns the rows that start
 * a page.
 */
export function keepItemsWhole(sheet: SheetPlan, items: FlowRows[]): number[] {
  const g = new SheetGeometry(sheet);
  const capacity = pageCapacity(sheet);
  const lastPrinted = sheet.print?.area ? parseRect(sheet.print.area).lastRow : Infinity;
  const fits = (from: number, to: number) => g.heightOf(from, to) <= capacity;
  const breaks: number[] = [];
  let pageTop = 1;
  const breakAt = (row: number) => {
    breaks.push(row);
    pageTop = row;
  };
  items.forEach((item, i) => {
    if (item.top > lastPrinted) return;
    // The blank rows under an item go with it: a page must hold them too.
    const next = items[i + 1];
    const bottom = Math.min(next ? next.top - 1 : item.bottom, lastPrinted);
    if (fits(pageTop, bottom)) return;
    // A new page starts on the blank row above the item when there is one: a chart whose top edge is the
    // page's first edge is also drawn as a line at the foot of the page before (LibreOffice).
    const start = i > 0 && items[i - 1].bottom < item.top - 1 ? item.top - 1 : item.top;
    if (start > pageTop && fits(start, bottom)) {
      breakAt(start);
      return;
    }
    // Taller than a page: fill the page, then go on.
    while (!fits(pageTop, bottom)) {
      let r = pageTop;
      while (fits(pageTop, r + 1)) r++;
      breakAt(r + 1);
    }
  });
  if (breaks.length > 0 && sheet.print) sheet.print.rowBreaks = breaks;
  return breaks;
}
