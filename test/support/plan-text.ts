/**
 * Every piece of text a workbook plan shows a reader, with where it is, for
 * the language and "names that exist" checks: sheet names and titles, text
 * cells (not the user's own data), the string literals inside formulas,
 * section titles and notes, chart titles, axes and series, table names
 * (split at their capitals: "CohortCustomers" reads "Cohort Customers"),
 * defined names' comments, list choices and the literal text of number
 * formats.
 */
import { cellName } from "../../src/workbook/a1";
import { blockRect, isFormula, WorkbookPlan } from "../../src/workbook/plan";

export interface PlanText {
  where: string;
  text: string;
}

export function planTexts(plan: WorkbookPlan): PlanText[] {
  const out: PlanText[] = [{ where: "plan title", text: plan.title }];
  for (const s of plan.sheets) {
    const at = (w: string) => `${s.key}: ${w}`;
    out.push({ where: at("sheet name"), text: s.name }, { where: at("sheet title"), text: s.title });
    for (const block of s.blocks) {
      if (block.userData) continue;
      const rect = blockRect(block);
      block.rows.forEach((row, i) =>
        row.forEach((v, j) => {
          if (typeof v !== "string" || v === "") return;
          const where = at(cellName(rect.row + i, rect.column + j));
          if (!isFormula(v, !!block.text)) out.push({ where, text: v });
          else for (const m of v.matchAll(/"((?:[^"]|"")*)"/g)) if (m[1]) out.push({ where: `${where} (formula)`, text: m[1].replace(/""/g, '"') });
        }),
      );
    }
    for (const sec of s.sections) out.push({ where: at(`section ${sec.range}`), text: `${sec.title} ${sec.note}` });
    for (const c of s.charts) {
      out.push({ where: at(`chart "${c.title}"`), text: [c.title, c.xAxisTitle ?? "", c.yAxisTitle ?? "", ...c.series.map((x) => x.name)].join(" · ") });
    }
    for (const t of s.tables) out.push({ where: at(`table ${t.name}`), text: t.name.replace(/([a-záéíóúñ])([A-ZÁÉÍÓÚÑ])/g, "$1 $2") });
    for (const n of s.names) if (n.comment) out.push({ where: at(`name ${n.name}`), text: n.comment });
    for (const v of s.validations) out.push({ where: at(`list ${v.range}`), text: v.list.join(" · ") });
    for (const f of s.formats) for (const m of (f.numberFormat ?? "").matchAll(/"([^"]+)"/g)) out.push({ where: at(`format ${f.range}`), text: m[1] });
  }
  return out;
}

/** The words of a text, lower case (letters only, accents kept). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
}
