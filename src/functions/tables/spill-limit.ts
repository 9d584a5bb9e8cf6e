/**
 * Refuses spilled results too large for Excel to take back from a custom
 * function in one response.
 *
 * Excel on the web caps a request/response at about 5 MB (Office Add-ins
 * resource limits: "Excel on the web: 5 MB payload"), and a custom function's
 * result travels as JSON. A number is at most ~20 bytes of JSON
 * (-0.123456789012345 plus a separator), a text cell its length plus quotes
 * and a separator. We refuse above 4,000,000 estimated bytes, leaving room for
 * the envelope: about 200,000 numeric cells. Desktop Excel could take more,
 * but a workbook must open the same everywhere, so the limit is the same.
 */
import { invalidInput } from "../../metrics/errors";

export const SPILL_BYTE_LIMIT = 4_000_000;
const NUMBER_BYTES = 20;
const OTHER_BYTES = 12;

/** Estimated JSON size of a spilled table, in bytes. */
export function estimateSpillBytes(table: unknown[][]): number {
  let bytes = 2;
  for (const row of table) {
    bytes += 3;
    for (const x of row) {
      if (typeof x === "number") bytes += NUMBER_BYTES;
      else if (typeof x === "string") bytes += x.length + 3;
      else bytes += OTHER_BYTES;
    }
  }
  return bytes;
}

/** Returns the table, or throws #VALUE! telling the user to build the task pane template instead. */
export function refuseLargeSpill<T extends unknown[][]>(table: T, what: string): T {
  const bytes = estimateSpillBytes(table);
  if (bytes > SPILL_BYTE_LIMIT) {
    const cells = table.reduce((n, row) => n + row.length, 0);
    throw invalidInput(
      `The ${what} would spill ${table.length.toLocaleString("en-US")} rows (${cells.toLocaleString("en-US")} cells, about ` +
        `${(bytes / 1e6).toFixed(1)} MB), more than Excel can take back from a function (about 5 MB on Excel on the web). ` +
        `Use the task pane template instead: it writes the table to a sheet in chunks.`,
    );
  }
  return table;
}

/**
 * Refuses, before anything is computed or allocated, a table whose shape
 * alone (rows × columns of numbers) is past the limit: a migration matrix of
 * 5,000 segments is 25 million cells, which must not be built to find that out.
 */
export function refuseLargeSpillShape(rows: number, columns: number, what: string, why: string): void {
  const bytes = rows * (3 + columns * NUMBER_BYTES) + 2;
  if (bytes <= SPILL_BYTE_LIMIT) return;
  const cells = rows * columns;
  throw invalidInput(
    `The ${what} would spill ${rows.toLocaleString("en-US")} rows × ${columns.toLocaleString("en-US")} columns (${cells.toLocaleString("en-US")} cells, about ` +
      `${(bytes / 1e6).toFixed(1)} MB) ${why}, more than Excel can take back from a function (about 5 MB on Excel on the web; ` +
      `at most about ${Math.floor(SPILL_BYTE_LIMIT / NUMBER_BYTES).toLocaleString("en-US")} cells). Use the task pane template instead: it writes the table to a sheet in chunks.`,
  );
}
