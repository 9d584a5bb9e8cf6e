/**
 * The sheet that lists the responses, as an Excel Table: every response used
 * (up to the aggregate's list limit; the dashboard counts these columns with
 * COUNTIFS), or above that limit the latest comments only. Each comment has
 * its sentiment beside it. The user's text (segments, comments, attribute
 * names) is written as text, never read as a formula.
 *
 * A long table printed page after page helps nobody: the print area holds
 * the heading only, and the table's header row is set to repeat, so clearing
 * the print area prints the table with its header on every page.
 */
import { columnLetter, parseRect } from "../../workbook/a1";
import { BlockSpec, SheetBuilder } from "../../workbook/builder";
import type { Cell, Placed } from "../../workbook/layout";
import type { SheetPlan } from "../../workbook/plan";
import { FORMATS, heatmap } from "../../workbook/styles";
import type { Listing } from "./aggregate";
import type { ListColumn, View } from "./view";

/** The value of a listed row in a column ("" for none). */
function valueAt(l: Listing, c: ListColumn, i: number): Cell {
  switch (c.key) {
    case "date":
      return l.dates[i];
    case "score":
      return l.scores[i];
    case "segment":
      return l.segments![i];
    case "csat":
      return l.csat![i] ?? "";
    case "ces":
      return l.ces![i] ?? "";
    case "attribute":
      return l.attributes![c.attribute!][i] ?? "";
    case "sentiment":
      return l.sentiments![i] ?? "";
    case "comment":
      return l.comments![i];
  }
}

function listBlock(v: View): BlockSpec {
  const { t } = v;
  const l = v.agg.listing!;
  const columns = v.list;
  const n = l.dates.length;
  return {
    key: "list",
    rows: 1 + n,
    columns: columns.length,
    fill(w) {
      // The header: the template's words, and the attributes' names (the user's text) as text.
      columns.forEach((c, j) => w.put([[c.header]], [0, j], c.userHeader ? { text: true, userData: true } : {}));
      w.header();
      // One block of the user's data: text (segments, comments) stays text, never read as a formula; numbers stay numbers.
      const rows: Cell[][] = new Array(n);
      for (let i = 0; i < n; i++) rows[i] = columns.map((c) => valueAt(l, c, i));
      if (n > 0) w.put(rows, [1, 0], { text: true, userData: true });
      w.table(l.kind === "all" ? t.listTable : t.latestTable, "TableStyleLight9");
      if (n === 0) return;
      w.format(w.range(1, 0, n, 1), { numberFormat: v.agg.has.time ? FORMATS.dateTime : FORMATS.date, horizontalAlignment: "left" });
      const sentiment = columns.findIndex((c) => c.key === "sentiment");
      if (sentiment >= 0) {
        w.format(w.range(1, sentiment, n, 1), { numberFormat: FORMATS.decimal2 });
        w.conditional(heatmap(w.range(1, sentiment, n, 1)));
      }
    },
  };
}

/** The responses sheet, or null when there is nothing to list. */
export function listSheet(v: View): { sheet: SheetPlan; at: Record<string, Placed> } | null {
  const { t, agg, o } = v;
  const l = agg.listing;
  if (!l) return null;
  const name = l.kind === "all" ? t.listName : t.latestName;
  const s = new SheetBuilder("responses", name, name);
  const lines = [
    t.source(o.source),
    l.kind === "all" ? t.listNoteAll : t.listNoteLatest(l.dates.length, agg.commentsInAll, agg.listLimit),
    t.printNote,
  ];
  s.heading(lines);
  const at = s.place([listBlock(v)]);
  const header = at.list.row(0);
  s.freeze(header, 0).printTitles(header);
  const sheet = s.build();
  // Only the heading prints, as wide as its merged lines (build() sizes them to the sheet).
  const span = (sheet.merges ?? []).map((m) => parseRect(m)).find((r) => r.row === 1 && r.column === 1);
  sheet.print = { ...sheet.print!, area: `A1:${columnLetter(span?.lastColumn ?? v.list.length)}${1 + lines.length}` };
  return { sheet, at };
}
