/**
 * Key-driver analysis of survey answers: CXM.DRIVERS. Reads an outcome column
 * and a block of driver columns (an optional header row gives the labels),
 * leaves out rows with a blank anywhere (and says how many), and spills the
 * weights from src/metrics/key-drivers.ts.
 */
import { DriverMethod, keyDrivers } from "../metrics/key-drivers";
import { invalidInput } from "../metrics/errors";
import { describeCell } from "../workbook/a1";
import { asMatrix, optionalChoice, truncate } from "./support/args";
import { confirmZeroCells } from "./support/blank-zeros";
import { outputLanguage, OutputLanguage } from "./support/display-language";
import { excelResultAsync, InputErrorValue, isExcelErrorValue } from "./support/excel-errors";

const WORDS: Record<OutputLanguage, { header: string[]; driver: (i: number) => string; used: (used: number, total: number) => string }> = {
  en: {
    header: ["Driver", "Weight", "Share of R²"],
    driver: (i) => `Driver ${i}`,
    used: (used, total) => (used === total ? `${used} rows used` : `${used} of ${total} rows used (${total - used} with a blank left out)`),
  },
  es: {
    header: ["Factor", "Peso", "Parte de R²"],
    driver: (i) => `Factor ${i}`,
    used: (used, total) => (used === total ? `${used} filas usadas` : `${used} de ${total} filas usadas (${total - used} con celdas vacías, excluidas)`),
  },
};

const isBlank = (x: unknown) => x === null || x === undefined || (typeof x === "string" && x.trim() === "");
const isLabel = (x: unknown) => typeof x === "string" && x.trim() !== "" && !Number.isFinite(Number(x.trim()));

/** Marks cells of one range that hold 0 but are empty cells (Excel desktop passes those as 0). */
async function emptyZeros(m: unknown[][], firstRow: number, name: string, address: string | null): Promise<Set<string>> {
  const zeros: number[] = [];
  for (let r = firstRow; r < m.length; r++) for (let c = 0; c < m[r].length; c++) if (m[r][c] === 0) zeros.push(r, c);
  const pairs = Int32Array.from(zeros);
  const real = await confirmZeroCells(pairs, name, address);
  const empty = new Set<string>();
  if (real.length === pairs.length) return empty;
  const realKeys = new Set<string>();
  for (let i = 0; i < real.length; i += 2) realKeys.add(`${real[i]},${real[i + 1]}`);
  for (let i = 0; i < pairs.length; i += 2) {
    const key = `${pairs[i]},${pairs[i + 1]}`;
    if (!realKeys.has(key)) empty.add(key);
  }
  return empty;
}

function numberAt(x: unknown, name: string, r: number, c: number, address: string | null): number {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw invalidInput(`${describeCell(name, r, c, address)} is not a finite number.`);
    return x;
  }
  if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, describeCell(name, r, c, address));
  const shown = typeof x === "string" ? `the text "${truncate(x)}"` : x === true ? "TRUE" : x === false ? "FALSE" : "a value";
  throw invalidInput(`${describeCell(name, r, c, address)} holds ${shown}; ${name} must be numbers (ratings).`);
}

/**
 * Key-driver analysis: how much of the variance of the outcome each driver explains (Johnson's relative weights, or the exact Shapley decomposition of R²). Rows with a blank in any column are left out.
 * @customfunction DRIVERS
 * @param outcome The outcome column, e.g. the 0-10 recommendation or CSAT answers (a header cell on top is allowed).
 * @param drivers One column per attribute rating (e.g. Service, Price, Speed), row by row with the outcome; a header row of labels is optional.
 * @param [method] "johnson" (default: Johnson 2000 relative weights) or "shapley" (exact Shapley/LMG decomposition of R²).
 * @param invocation Invocation (Excel fills it in).
 * @returns One row per driver: label, raw weight, share of R²; then a row with R² and the number of rows used.
 * @requiresParameterAddresses
 */
export async function drivers(outcome: any[][], drivers: any[][], method?: any, invocation?: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const words = WORDS[outputLanguage()];
    const chosen = optionalChoice<DriverMethod>(method, "method", ["johnson", "shapley"], "johnson");
    const addresses = invocation?.parameterAddresses ?? [];
    const yAddress = addresses[0] ?? null, xAddress = addresses[1] ?? null;
    const y = asMatrix(outcome);
    const x = asMatrix(drivers);
    if (y.some((row) => row.length > 1)) throw invalidInput("outcome must be a single column.");
    const k = x.reduce((w, row) => Math.max(w, row.length), 0);
    if (k === 0 || x.length === 0) throw invalidInput("drivers is empty: give one column per attribute.");
    const driversHeader = x[0].length === k && x[0].every(isLabel);
    const outcomeHeader = isLabel(y[0]?.[0]);
    const y0 = outcomeHeader ? 1 : 0, x0 = driversHeader ? 1 : 0;
    const n = y.length - y0;
    if (x.length - x0 !== n) {
      throw invalidInput(`outcome has ${n} rows of answers and drivers has ${x.length - x0}; they must line up row by row.`);
    }
    const labels = Array.from({ length: k }, (_, j) => (driversHeader ? String(x[0][j]).trim() : words.driver(j + 1)));
    const emptyY = await emptyZeros(y, y0, "outcome", yAddress);
    const emptyX = await emptyZeros(x, x0, "drivers", xAddress);
    const keep: number[] = [];
    for (let i = 0; i < n; i++) {
      const ry = i + y0, rx = i + x0;
      let blank = isBlank(y[ry][0]) || emptyY.has(`${ry},0`);
      for (let j = 0; j < k && !blank; j++) blank = isBlank(x[rx][j]) || emptyX.has(`${rx},${j}`);
      if (!blank) keep.push(i);
    }
    const out = new Float64Array(keep.length);
    const cols = Array.from({ length: k }, () => new Float64Array(keep.length));
    keep.forEach((i, t) => {
      out[t] = numberAt(y[i + y0][0], "outcome", i + y0, 0, yAddress);
      for (let j = 0; j < k; j++) cols[j][t] = numberAt(x[i + x0][j], "drivers", i + x0, j, xAddress);
    });
    const result = keyDrivers(out, cols, labels, chosen);
    const rows: unknown[][] = [words.header];
    result.labels.forEach((label, j) => rows.push([label, result.weights[j], result.shares[j]]));
    rows.push(["R²", result.rSquared, words.used(result.rows, n)]);
    return rows;
  });
}
