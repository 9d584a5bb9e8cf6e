/**
 * `cxm template cohort-retention --input FILE` as it streams: the progress
 * line on a terminal (rows read, rate, share and time left, then cleared),
 * nothing with --quiet or when stderr is not a terminal; DuckDB building the
 * same workbook as the TypeScript reader (one CSV, a glob of Parquet parts
 * chosen by itself and said so); and a file at Excel's row limit.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { DuckDbEngine } from "../../src/cli/duckdb-engine";
import { ProgressLine, terminalWriter } from "../../src/cli/progress";
import { run } from "../../src/cli/run";
import { isoOfSerial } from "../../src/sql/result-table";
import { templates } from "../../src/templates/registry";
import { sampleTransactionLog } from "../../src/templates/sample-transactions";
import { BUILT, runCli, tempDir } from "../support/cli";

const dir = tempDir("cxm-stream-test-");
const log = sampleTransactionLog({ newPerMonth: 30, months: 15, seed: 11 });

function writeCsv(name: string, rows: typeof log): string {
  writeFileSync(path.join(dir, name), ["customer,date,amount", ...rows.map((t) => `${t.customer},${isoOfSerial(t.date)},${t.amount}`)].join("\n") + "\n");
  return name;
}

beforeAll(async () => {
  writeCsv("log.csv", log);
  mkdirSync(path.join(dir, "parts"));
  const engine = await DuckDbEngine.open({ threads: 1 });
  try {
    const third = Math.ceil(log.length / 3);
    for (let i = 0; i < 3; i++) {
      const part = writeCsv(`part-${i}.csv`, log.slice(i * third, (i + 1) * third));
      await engine.run(`COPY (SELECT * FROM read_csv('${path.join(dir, part)}')) TO '${path.join(dir, "parts", `part-${i}.parquet`)}' (FORMAT parquet)`);
    }
  } finally {
    engine.close();
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs in-process with a terminal that records what is written to it, and a clock one second on at each look. */
async function onTerminal(argv: string[]) {
  const out: string[] = [], err: string[] = [], terminal: string[] = [];
  let t = BUILT.getTime();
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir, now: () => new Date((t += 1000)), env: {}, progress: (text) => terminal.push(text) });
  return { code, out: out.join("\n"), err: err.join("\n"), terminal };
}

/** Every cell of every sheet as [address, value, formula], the source line (who computed it) left out. */
async function cellsOf(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, file));
  const cells: [string, unknown, string | undefined][] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; result?: unknown } | null;
        const text = typeof v === "string" ? v : "";
        if (/^(Source|Origen): /.test(text)) return;
        const value = v && typeof v === "object" && "formula" in v ? v.result : v;
        cells.push([`${ws.name}!${cell.address}`, typeof value === "number" ? Number(value.toPrecision(12)) : value, v && typeof v === "object" && "formula" in v ? v.formula : undefined]);
      }),
    ),
  );
  return cells;
}

describe("progress line", () => {
  test("on a terminal: rows read, rate and share on one line rewritten in place, cleared at the end", async () => {
    const r = await onTerminal(["template", "cohort-retention", "--input", "log.csv", "--out", "tty.xlsx"]);
    expect(r.code).toBe(0);
    expect(r.terminal.length).toBeGreaterThanOrEqual(2);
    const rows = log.length.toLocaleString("en-US");
    // One batch: the whole file at the first look, so no time left to show.
    expect(r.terminal[0]).toMatch(new RegExp(`^\\rlog\\.csv: reading ${rows} rows · [\\d,]+ rows/s · 100%\\x1b\\[K$`));
    expect(r.terminal[0].endsWith("\x1b[K")).toBe(true);
    expect(r.terminal[r.terminal.length - 1]).toBe("\r\x1b[K");
    // The line goes to the terminal only, never into what is printed.
    expect(r.out + r.err).not.toContain("rows/s");
  });

  test("in Spanish", async () => {
    const r = await onTerminal(["template", "cohort-retention", "--input", "log.csv", "--out", "tty-es.xlsx", "--lang", "es"]);
    expect(r.terminal[0]).toMatch(/^\rlog\.csv: leyendo [\d.]+ filas · [\d.]+ filas\/s · 100%/);
  });

  test("--quiet: nothing on the terminal, the workbook written", async () => {
    const r = await onTerminal(["template", "cohort-retention", "--input", "log.csv", "--out", "quiet.xlsx", "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.terminal).toEqual([]);
    expect(r.out).toContain("Wrote");
  });

  test("part way: the share and the time left at the rate so far, in either language", () => {
    const at = (language: "en" | "es") => new ProgressLine(() => undefined, "big.csv", language, () => 0);
    // 250,000 rows in 10 s, a quarter of the file: 30 s left.
    expect(at("en").line({ pass: 1, passes: 1, rows: 250_000, fraction: 0.25 }, 10_000)).toBe("big.csv: reading 250,000 rows · 25,000 rows/s · 25% · about 30 s left");
    expect(at("es").line({ pass: 1, passes: 1, rows: 250_000, fraction: 0.25 }, 10_000)).toBe("big.csv: leyendo 250.000 filas · 25.000 filas/s · 25% · quedan unos 30 s");
    // Two passes: the first (checking) is 40% of the work and shows no rate.
    expect(at("en").line({ pass: 1, passes: 2, rows: 100_000, fraction: 0.5 }, 4_000)).toBe("big.csv: checking 100,000 rows · 20% · about 16 s left");
    expect(at("en").line({ pass: 2, passes: 2, rows: 1_000, fraction: 0.5 }, 140_000)).toBe("big.csv: reading 1,000 rows · 7 rows/s · 70% · about 60 s left");
    expect(at("en").line({ pass: 2, passes: 2, rows: 1_000, fraction: 0.5 }, 280_000)).toBe("big.csv: reading 1,000 rows · 4 rows/s · 70% · about 2 min 00 s left");
  });

  test("stderr not a terminal: no writer, so no line", () => {
    const written: string[] = [];
    expect(terminalWriter({ isTTY: false, write: (t: string) => written.push(t) })).toBeUndefined();
    expect(terminalWriter({ write: (t: string) => written.push(t) })).toBeUndefined();
    terminalWriter({ isTTY: true, write: (t: string) => written.push(t) })!("x");
    expect(written).toEqual(["x"]);
  });
});

describe("--engine duckdb builds the workbook the TypeScript reader builds", () => {
  test("one CSV: every cell and formula alike; the source line says DuckDB", async () => {
    const ts = await runCli(["template", "cohort-retention", "--input", "log.csv", "--out", "ts.xlsx", "--engine", "typescript"], dir);
    const duck = await runCli(["template", "cohort-retention", "--input", "log.csv", "--out", "duck.xlsx", "--engine", "duckdb"], dir);
    expect(ts.code).toBe(0);
    expect(duck.code).toBe(0);
    expect(duck.out).toContain(`log.csv: ${log.length.toLocaleString("en-US")} rows read by DuckDB, ${log.length.toLocaleString("en-US")} used.`);
    const a = await cellsOf("ts.xlsx"), b = await cellsOf("duck.xlsx");
    expect(a.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "duck.xlsx"));
    let source = "";
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === "string" && c.value.startsWith("Source:") && (source = c.value)))));
    expect(source).toContain("aggregated by DuckDB");
  }, 60_000);

  test("a glob of Parquet parts: DuckDB chosen by itself, said on stderr, same workbook", async () => {
    const r = await runCli(["template", "cohort-retention", "--input", "parts/*.parquet", "--out", "parquet.xlsx"], dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain("parts/*.parquet: computing with DuckDB.");
    await runCli(["template", "cohort-retention", "--input", "log.csv", "--out", "ts2.xlsx", "--engine", "typescript"], dir);
    expect(await cellsOf("parquet.xlsx")).toEqual(await cellsOf("ts2.xlsx"));
  }, 60_000);

  test("--engine typescript refuses Parquet, naming the engine that reads it", async () => {
    const r = await runCli(["template", "cohort-retention", "--input", "parts/*.parquet", "--engine", "typescript"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("need --engine duckdb");
  });
});

describe("cxm template --aggregates builds the workbook from a query's result", () => {
  test("the result of cxm sql gives the workbook the file gives, the row count aside (a result does not say it)", async () => {
    const sql = await runCli(["sql", "cohort-retention", "--input", "log.csv", "--out", "cohort.csv", "--threads", "1"], dir);
    expect(sql.code).toBe(0);
    const r = await runCli(["template", "cohort-retention", "--aggregates", "cohort.csv", "--out", "from-result.xlsx", "--option", "currency=€", "--lang", "es"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Escrito");
    expect(r.out).toMatch(/Clientes\s+[\d.]+/);
    const ts = await runCli(["template", "cohort-retention", "--input", "log.csv", "--out", "from-file.xlsx", "--option", "currency=€", "--lang", "es"], dir);
    expect(ts.code).toBe(0);
    const a = await cellsOf("from-result.xlsx"), b = await cellsOf("from-file.xlsx");
    // The transactions figure: "n/d" from a result, the count from the file; every other cell alike.
    const na = a.findIndex(([, v]) => v === "n/d");
    expect(na).toBeGreaterThanOrEqual(0);
    expect(b[na]).toEqual([a[na][0], log.length, undefined]);
    expect(a.filter((_, i) => i !== na)).toEqual(b.filter((_, i) => i !== na));
    const again = await runCli(["template", "cohort-retention", "--aggregates", "cohort.csv", "--out", "from-result.xlsx"], dir);
    expect(again.code).toBe(2);
    expect(again.err).toContain("already exists");
  }, 60_000);

  test("a template that cannot build from a result yet refuses --out instead of ignoring it", async () => {
    // Cohort retention as a template without an intake (as the templates not moved to one yet are).
    const without = templates.map((t) => (t.id === "cohort-retention" ? { ...t, intake: undefined } : t));
    const r = await runCli(["template", "cohort-retention", "--aggregates", "cohort.csv", "--out", "x.xlsx"], dir, without);
    expect(r.code).toBe(2);
    expect(r.err).toContain("only checks the result for now: it takes no --out or --force");
    const check = await runCli(["template", "cohort-retention", "--aggregates", "cohort.csv"], dir, without);
    expect(check.code).toBe(0);
    expect(check.out).toContain("this command only checks the result for now");
    expect(existsSync(path.join(dir, "x.xlsx"))).toBe(false);
  });
});

describe("Excel's row limit", () => {
  test("1,048,576 transactions stream into the same workbook DuckDB builds", async () => {
    const N = 1_048_576;
    // Deterministic: customer i % 131,071 (a prime, so customers spread over the dates), dates over 3 years.
    const lines: string[] = ["customer,date,amount"];
    const start = Date.UTC(2022, 0, 1);
    for (let i = 0; i < N; i++) {
      const c = (i * 7919) % 131_071;
      const day = ((c * 13) % 700) + (i % 400);
      lines.push(`c${c},${new Date(start + day * 86_400_000).toISOString().slice(0, 10)},${((i % 9973) / 100).toFixed(2)}`);
    }
    writeFileSync(path.join(dir, "limit.csv"), lines.join("\n") + "\n");
    lines.length = 0;
    const ts = await runCli(["template", "cohort-retention", "--input", "limit.csv", "--out", "limit-ts.xlsx", "--engine", "typescript"], dir);
    expect(ts.code).toBe(0);
    expect(ts.out).toContain("1,048,576 rows can be used.");
    expect(ts.out).toMatch(/Customers\s+131,071/);
    const duck = await runCli(["template", "cohort-retention", "--input", "limit.csv", "--out", "limit-duck.xlsx", "--engine", "duckdb"], dir);
    expect(duck.code).toBe(0);
    expect(await cellsOf("limit-duck.xlsx")).toEqual(await cellsOf("limit-ts.xlsx"));
  }, 300_000);
});
