/**
 * The `cxm` command: parses the arguments and runs demo, list or template.
 * Everything it touches comes through `CliContext` (output, working folder,
 * clock, registry), so tests run it in-process. Returns the exit code:
 * 0 done, 1 the data has problems (nothing written), 2 a usage mistake or an
 * unreadable file.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { templates as registered } from "../templates/registry";
import type { BuildInput, TemplateDescriptor } from "../templates/registry-types";
import { writePlanToFile } from "../xlsx/write-plan";
import { Command, HELP, parseCommand, UsageError } from "./args";
import { readCsv } from "./csv";
import { writeDemo } from "./demo";
import { headlineTable, listLines, reportLines } from "./format";
import { describeMapping, mappingFor, missingColumnsMessage } from "./mapping";
import { findTemplate, inputColumnsOf, optionsFor } from "./templates";
import { isAggregatesCommand, runAggregatesCommand } from "./aggregates-command";
import { runSqlCommand, SQL_HELP } from "./sql-command";

export interface CliContext {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  now(): Date;
  templates: TemplateDescriptor[];
}

const DEFAULT_CONTEXT: CliContext = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  now: () => new Date(),
  templates: registered,
};

/** Data problems: the report has been printed and nothing written (exit code 1). */
class DataProblem extends Error {}

export async function run(argv: string[], context: Partial<CliContext> = {}): Promise<number> {
  const cx: CliContext = { ...DEFAULT_CONTEXT, ...context };
  try {
    // `cxm sql` and `cxm template … --aggregates` parse their own flags (sql-command.ts).
    if (argv[0] === "sql" && !argv.includes("--help") && !argv.includes("-h")) return await runSqlCommand(argv.slice(1), cx);
    if (isAggregatesCommand(argv)) return await runAggregatesCommand(argv, cx);
    const command = parseCommand(argv);
    switch (command.kind) {
      case "help":
        HELP.trimEnd().split("\n").forEach((l) => cx.out(l));
        SQL_HELP.split("\n").forEach((l) => cx.out(l));
        return 0;
      case "list":
        listLines(cx.templates, command.language).forEach((l) => cx.out(l));
        return 0;
      case "demo":
        return await demo(command, cx);
      case "template":
        return await template(command, cx);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      cx.err(`cxm: ${e.message}`);
      return 2;
    }
    if (e instanceof DataProblem) {
      if (e.message) cx.err(`cxm: ${e.message}`);
      return 1;
    }
    cx.err(`cxm: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

/** An output path resolved against the working folder, whose folder must exist. */
function outputPath(cx: CliContext, file: string): string {
  const full = path.resolve(cx.cwd, file);
  const dir = path.dirname(full);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`Cannot write ${file}: the folder ${dir} does not exist.`);
  if (!full.toLowerCase().endsWith(".xlsx")) throw new UsageError(`--out ${file}: the output must be an .xlsx file.`);
  return full;
}

async function demo(command: Extract<Command, { kind: "demo" }>, cx: CliContext): Promise<number> {
  const file = outputPath(cx, command.out);
  const { entries, resolved } = await writeDemo(file, cx.templates, command.language, cx.now());
  cx.out(`Wrote ${file}: ${resolved.sheets.length} sheets from ${entries.length} templates.`);
  for (const e of entries) {
    cx.out("");
    headlineTable(`${e.template.title[command.language]} (${e.template.id})`, e.headlines, command.language).forEach((l) => cx.out(l));
  }
  return 0;
}

async function template(command: Extract<Command, { kind: "template" }>, cx: CliContext): Promise<number> {
  const t = findTemplate(cx.templates, command.id);
  const columns = inputColumnsOf(t);
  const language = command.language;
  let rows: unknown[][] = [];
  let mapping: BuildInput["mapping"] = {};
  let lines: number[] = [];
  let sourceLabel = "options given to cxm";
  const fileLabel = command.input ?? "";

  if (command.input !== undefined) {
    if (columns.length === 0) throw new UsageError(`Template ${t.id} reads no input file: set its inputs with --option (see cxm list).`);
    const file = path.resolve(cx.cwd, command.input);
    if (!existsSync(file)) throw new UsageError(`File not found: ${command.input} (looked in ${path.dirname(file)}).`);
    if (!statSync(file).isFile()) throw new UsageError(`${command.input} is not a file.`);
    let table;
    try {
      table = readCsv(file);
    } catch (e) {
      throw new UsageError(`${command.input} is not readable CSV: ${(e as Error).message}`);
    }
    if (table.header.length === 0) throw new UsageError(`${command.input} is empty: it needs a header row, then one row per record.`);
    mapping = mappingFor(columns, table.header, command.map, t.id, command.input);
    const missing = missingColumnsMessage(columns, mapping, table.header, command.input);
    if (missing) throw new DataProblem(missing);
    cx.out(`Columns of ${command.input}:`);
    describeMapping(columns, mapping, table.header).forEach((l) => cx.out(l));
    rows = table.rows;
    lines = table.lines;
    sourceLabel = path.basename(file);
  } else {
    if (t.columns.length > 0) throw new UsageError(`Template ${t.id} needs --input file.csv with columns ${t.columns.filter((c) => c.required).map((c) => c.key).join(", ")}.`);
    if (command.map.length > 0) throw new UsageError("--map needs --input: it names the file's columns.");
  }

  const input: BuildInput = { rows, mapping, options: optionsFor(t, command.options, language), sourceLabel, builtAt: cx.now(), language };
  const report = t.validate(input);
  const problems = report.blocking.length > 0 || report.problems.length > 0;
  if (problems) reportLines(report, language, fileLabel || t.id, lines).forEach((l) => cx.err(l));
  if (report.blocking.length > 0) throw new DataProblem("Nothing written.");
  if (report.problems.length > 0 && !command.acceptBadRows) {
    throw new DataProblem(
      `Nothing written. Correct the rows above, or run again with --accept-bad-rows to build from the ${report.goodRows} good row${report.goodRows === 1 ? "" : "s"} only.`,
    );
  }

  const out = outputPath(cx, command.out ?? `${t.id}.xlsx`);
  const plan = t.build(input);
  const { resolved } = await writePlanToFile(plan, out);
  cx.out(`Wrote ${out}: ${resolved.sheets.map((s) => s.name).join(", ")}.`);
  if (t.headlines) headlineTable(t.title[language], t.headlines(input), language).forEach((l) => cx.out(l));
  return 0;
}
