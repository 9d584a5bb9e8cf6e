/**
 * The CDNOW summaries of Fader, Hardie & Lee (2005), vendored in
 * test/fixtures/cdnow (see SOURCES.md there): tests read only the repository,
 * so a user's fresh clone runs them with nothing beside it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

const folder = path.resolve(__dirname, "../../fixtures/cdnow");

function readCsv(file: string): number[][] {
  const lines = readFileSync(path.join(folder, file), "utf8").trim().split(/\r?\n/);
  return lines.slice(1).map((line) => line.split(",").map(Number));
}

export interface Cdnow {
  id: number[];
  frequency: number[];
  recency: number[];
  T: number[];
  /** Mean spend of the repeat purchases ($); 0 when frequency is 0. */
  monetary: number[];
}

/** cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar (2,357 customers, weeks). */
export function loadCdnow(): Cdnow {
  const rows = readCsv("cdnow_customers_summary_with_transactions.csv");
  return {
    id: rows.map((r) => r[0]),
    frequency: rows.map((r) => r[1]),
    recency: rows.map((r) => r[2]),
    T: rows.map((r) => r[3]),
    monetary: rows.map((r) => r[4]),
  };
}

/** cdnow_customers_summary.csv: ID, frequency, recency, T (lifetimes' load_cdnow_summary). */
export function loadCdnowSummary(): Pick<Cdnow, "id" | "frequency" | "recency" | "T"> {
  const rows = readCsv("cdnow_customers_summary.csv");
  return { id: rows.map((r) => r[0]), frequency: rows.map((r) => r[1]), recency: rows.map((r) => r[2]), T: rows.map((r) => r[3]) };
}
