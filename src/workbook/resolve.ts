/**
 * Turns requested names into the names a workbook will really get, the same
 * way for every renderer (Office.js, ExcelJS, and the HyperFormula test
 * harness): sheets and tables get a suffix when taken, a defined name whose
 * name is taken is scoped to its own sheet, and {{key}} tokens in formulas
 * become the quoted final sheet names.
 */
import { quoteSheetName } from "./a1";
import { uniqueSheetName, uniqueTableName } from "./names";
import { isFormula, resolveSheetTokens, SheetPlan, TablePlan, validatePlan, WorkbookPlan } from "./plan";

/** Names already used in the target workbook (all empty for a new file). */
export interface ExistingNames {
  sheets: Iterable<string>;
  /** Workbook-scoped defined names. */
  names: Iterable<string>;
  tables: Iterable<string>;
}

export const NO_EXISTING_NAMES: ExistingNames = { sheets: [], names: [], tables: [] };

export interface ResolvedSheet {
  plan: SheetPlan;
  /** Index of the plan (in the list given to resolvePlans) the sheet belongs to. */
  planIndex: number;
  /** The sheet's final name. */
  name: string;
  /** The final name quoted for formulas: 'LTV model'. */
  quoted: string;
  /** Resolves {{key}} tokens in a formula of this sheet's plan. */
  resolveFormula(formula: string): string;
}

export interface ResolvedName {
  name: string;
  /** Name of the sheet the name lives on. */
  sheetName: string;
  /** Full reference, e.g. 'LTV model'!$C$5. */
  reference: string;
  /** "workbook" when the name was free; "sheet" when taken, so it is scoped to its own sheet. */
  scope: "workbook" | "sheet";
  comment?: string;
}

export interface ResolvedTable extends TablePlan {
  /** The name the plan asked for (`name` is the final one). */
  requested: string;
  sheetName: string;
}

export interface ResolvedWorkbook {
  sheets: ResolvedSheet[];
  names: ResolvedName[];
  tables: ResolvedTable[];
}

/**
 * Validates the plans and assigns final names, given what the workbook
 * already holds. Pure: renderers call it once, before writing anything.
 */
export function resolvePlans(plans: WorkbookPlan[], existing: ExistingNames = NO_EXISTING_NAMES): ResolvedWorkbook {
  plans.forEach(validatePlan);
  const sheetNames = [...existing.sheets];
  const workbookNames = new Set([...existing.names].map((n) => n.toUpperCase()));
  const tableNames = [...existing.tables];
  const sheets: ResolvedSheet[] = [];
  const names: ResolvedName[] = [];
  const tables: ResolvedTable[] = [];

  plans.forEach((plan, planIndex) => {
    const quotedByKey = new Map<string, string>();
    const planSheets = plan.sheets.map((sheet) => {
      const name = uniqueSheetName(sheet.name, sheetNames);
      sheetNames.push(name);
      quotedByKey.set(sheet.key, quoteSheetName(name));
      return { sheet, name };
    });
    const resolveFormula = (formula: string) =>
      resolveSheetTokens(formula, (key) => {
        const quoted = quotedByKey.get(key);
        if (quoted === undefined) throw new Error(`Unknown sheet token {{${key}}} in ${formula}`);
        return quoted;
      });
    for (const { sheet, name } of planSheets) {
      const quoted = quoteSheetName(name);
      sheets.push({ plan: sheet, planIndex, name, quoted, resolveFormula });
      for (const n of sheet.names) {
        const taken = workbookNames.has(n.name.toUpperCase()) || tableNames.some((t) => t.toUpperCase() === n.name.toUpperCase());
        if (!taken) workbookNames.add(n.name.toUpperCase());
        names.push({
          name: n.name,
          sheetName: name,
          reference: `${quoted}!${absolute(n.ref)}`,
          scope: taken ? "sheet" : "workbook",
          comment: n.comment,
        });
      }
      for (const t of sheet.tables) {
        const final = uniqueTableName(t.name, [...tableNames, ...workbookNames]);
        tableNames.push(final);
        tables.push({ ...t, requested: t.name, name: final, sheetName: name });
      }
    }
  });
  return { sheets, names, tables };
}

/** "B5" -> "$B$5", "A1:C3" -> "$A$1:$C$3"; already absolute parts stay as they are. */
function absolute(ref: string): string {
  return ref
    .split(":")
    .map((part) => part.replace(/^\$?([A-Za-z]{1,3})\$?(\d+)$/, (_, c: string, r: string) => `$${c.toUpperCase()}$${r}`))
    .join(":");
}

/** A block's cells with sheet tokens resolved, as a fresh 2-D array. */
export function resolvedRows(
  rows: readonly (readonly (string | number | boolean)[])[],
  text: boolean,
  resolveFormula: (f: string) => string,
): (string | number | boolean)[][] {
  return rows.map((row) => row.map((v) => (isFormula(v, text) ? resolveFormula(v) : v)));
}
