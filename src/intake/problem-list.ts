/**
 * Row problems as rows stream: the first `limit` kept (with the line each
 * row starts on), every one counted, so a report can list the first fifty
 * of ten million and still say how many there are. Likewise the rows a
 * note names.
 */
import type { RowProblem } from "../templates/registry-types";

export class ProblemList {
  readonly listed: RowProblem[] = [];
  readonly lines = new Map<number, number>();
  count = 0;

  constructor(private readonly limit: number) {}

  add(problem: RowProblem, line: number | undefined): void {
    this.count++;
    if (this.listed.length >= this.limit) return;
    this.listed.push(problem);
    if (line !== undefined) this.lines.set(problem.row, line);
  }
}

/** Rows a note names (the first `limit`), all counted. */
export class NotedRows {
  readonly rows: number[] = [];
  count = 0;

  constructor(private readonly limit: number) {}

  /** Returns true when the row is one of those named (its line is worth keeping). */
  add(row: number): boolean {
    this.count++;
    if (this.rows.length >= this.limit) return false;
    this.rows.push(row);
    return true;
  }
}
