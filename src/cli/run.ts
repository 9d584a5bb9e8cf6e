/**
 * The `cxm` command: parses the arguments and runs demo, list or template.
 * Everything it touches comes through `CliContext` (output, working folder,
 * clock, registry, environment), so tests run it in-process. Returns the
 * exit code: 0 done, 1 the data has problems (nothing written), 2 a usage
 * mistake or an unreadable file. It speaks the user's language (--lang, else
 * the environment's locale).
 */
import path from "node:path";
import { reportText } from "../input/report";
import { templates as registered } from "../templates/registry";
import type { BuildInput, ColumnSpec, TemplateDescriptor } from "../templates/registry-types";
import { rowsOf } from "../templates/typed-rows";
import { writePlanToBuffer } from "../xlsx/write-plan";
import { Command, HELP, parseCommand, UsageError } from "./args";
import { writeDemo } from "./demo";
import { escapeControlCharacters, headlineTable, listLines, reportLines } from "./format";
import { checkOutput, FileOps, NODE_FILE_OPS, OutputRefused } from "./output-file";
import { cliLanguage } from "./language";
import { describeMapping } from "./mapping";
import { findTemplate, inputColumnsOf, optionsFor } from "./templates";
import { COMMON } from "../templates/shared/strings";
import { isAggregatesCommand, runAggregatesCommand } from "./aggregates-command";
import { runSqlCommand, SQL_HELP } from "./sql-command";
import { terminalWriter } from "./progress";
import { duckdbTemplate, engineFor } from "./template-duckdb";
import { StreamedBuild, streamedTemplate } from "./template-streamed";
import { DataProblem, outputPath, refuseIfProblems, withInput, writerFor } from "./workbook-output";

export interface CliContext {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  now(): Date;
  templates: TemplateDescriptor[];
  /** File operations for the output (tests inject failing ones). */
  files: FileOps;
  /** The environment (LC_ALL, LC_MESSAGES, LANG choose the language when --lang is not given). */
  env: Record<string, string | undefined>;
  /** Writes raw text to a terminal for the progress line; absent when stderr is not a terminal (or for tests). */
  progress?: (text: string) => void;
}

const DEFAULT_CONTEXT: CliContext = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  now: () => new Date(),
  templates: registered,
  files: NODE_FILE_OPS,
  env: process.env,
  progress: terminalWriter(process.stderr),
};

export async function run(argv: string[], context: Partial<CliContext> = {}): Promise<number> {
  // The progress line goes to the real terminal only when the output does (not when a caller captures it).
  const given: CliContext = { ...DEFAULT_CONTEXT, ...context, progress: context.progress ?? (context.out ? undefined : DEFAULT_CONTEXT.progress) };
  // Headers, cell values and file names are printed back: control characters in them (an escape
  // sequence that clears the screen or recolours it, a carriage return that hides text) are shown
  // escaped, never sent to the terminal.
  const cx: CliContext = { ...given, out: (l) => given.out(escapeControlCharacters(l)), err: (l) => given.err(escapeControlCharacters(l)) };
  const language = cliLanguage(argv, cx.env);
  try {
    // `cxm sql` and `cxm template … --aggregates` parse their own flags (sql-command.ts).
    if (argv[0] === "sql" && !argv.includes("--help") && !argv.includes("-h")) return await runSqlCommand(argv.slice(1), cx);
    if (isAggregatesCommand(argv)) return await runAggregatesCommand(argv, cx);
    const command = parseCommand(argv, language);
    switch (command.kind) {
      case "help":
        HELP[command.language].trimEnd().split("\n").forEach((l) => cx.out(l));
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
      cx.err(`cxm: ${e.messages[language]}`);
      return 2;
    }
    if (e instanceof OutputRefused) {
      cx.err(`cxm: ${e.message}`);
      return 2;
    }
    if (e instanceof DataProblem) {
      if (e.messages) cx.err(`cxm: ${e.messages[language]}`);
      return 1;
    }
    cx.err(`cxm: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

async function demo(command: Extract<Command, { kind: "demo" }>, cx: CliContext): Promise<number> {
  const file = outputPath(cx, command.out);
  // Refused before the work, and checked again when the file is put in place.
  await checkOutput(file, command.force, command.language, cx.files);
  const { entries, resolved } = await writeDemo(file, cx.templates, command.language, cx.now(), writerFor(cx, command));
  const sheets = resolved.sheets.length, n = entries.length;
  cx.out(command.language === "es" ? `Escrito ${file}: ${sheets} hojas de ${n} plantillas.` : `Wrote ${file}: ${sheets} sheets from ${n} templates.`);
  for (const e of entries) {
    cx.out("");
    headlineTable(`${e.template.title[command.language]} (${e.template.id})`, e.headlines, command.language).forEach((l) => cx.out(l));
  }
  return 0;
}

/** What a file is read as: its columns, the --map corrections for them, and the reader's overrides. */
interface FileToRead {
  input: string;
  /** How --map names its columns ("incidents."). */
  prefix: string;
  columns: ColumnSpec[];
  map: [string, string][];
  read: Extract<Command, { kind: "template" }>["read"];
}

/** Reads an input file (--input, or `what`: a secondary source) through src/input: typed columns, the report of assumptions, then rows for the template. */
async function readInput(command: Extract<Command, { kind: "template" }>, t: TemplateDescriptor, cx: CliContext, what?: FileToRead) {
  const input = what?.input ?? command.input!;
  return await withInput(
    command,
    t.id,
    what?.columns ?? inputColumnsOf(t),
    cx,
    {},
    async ({ reader, header, mapping, groups, kinds, mappedTo }) => {
      const table = await reader.readAll(kinds, mappedTo);
      return { header, mapping, groups, table, rows: rowsOf(table, header.length), lines: Array.from(table.lines), sourceLabel: path.basename(input) };
    },
    what,
  );
}

/** The template's secondary sources named by --with (and by --map key.column), each with its file; a UsageError for an unknown key. */
function secondarySources(command: Extract<Command, { kind: "template" }>, t: TemplateDescriptor) {
  const specs = t.secondarySources ?? [];
  const keys = specs.map((s) => s.key).join(", ");
  const given = command.with.map(([key, file]) => {
    const spec = specs.find((s) => s.key === key);
    if (!spec) {
      throw new UsageError({
        en: `--with ${key}=${file}: template ${t.id} has no second source "${key}" (${keys ? `its second sources: ${keys}` : "it reads one file only"}).`,
        es: `--with ${key}=${file}: la plantilla ${t.id} no tiene el segundo origen «${key}» (${keys ? `sus segundos orígenes: ${keys}` : "solo lee un archivo"}).`,
      });
    }
    if (!file) throw new UsageError({ en: `--with ${key}=: name the file, e.g. --with ${key}=${key}.csv.`, es: `--with ${key}=: indique el archivo, p. ej. --with ${key}=${key}.csv.` });
    return { spec, file };
  });
  for (const [key] of command.map) {
    const spec = specs.find((s) => key.startsWith(`${s.key}.`));
    if (spec && !given.some((g) => g.spec === spec)) {
      throw new UsageError({
        en: `--map ${key}: name the ${spec.label.en.toLowerCase()} file with --with ${spec.key}=file.csv.`,
        es: `--map ${key}: indique el archivo del ${spec.label.es.toLowerCase()} con --with ${spec.key}=archivo.csv.`,
      });
    }
  }
  return given;
}

async function template(command: Extract<Command, { kind: "template" }>, cx: CliContext): Promise<number> {
  const t = findTemplate(cx.templates, command.id);
  const columns = inputColumnsOf(t);
  const language = command.language;
  let rows: unknown[][] = [];
  let mapping: BuildInput["mapping"] = {};
  let groups: BuildInput["groups"] = {};
  let lines: number[] = [];
  let sourceLabel = COMMON[language].optionsSource;
  const fileLabel = command.input ?? "";

  // --map incidents.type=Header names a column of the secondary source "incidents"; the rest are the main file's.
  const secondaryOf = (key: string) => (t.secondarySources ?? []).find((s) => key.startsWith(`${s.key}.`));
  const mainMap = command.map.filter(([key]) => !secondaryOf(key));
  const secondary = secondarySources(command, t);
  const main = { ...command, map: mainMap };

  if (command.input !== undefined) {
    if (columns.length === 0) {
      throw new UsageError({
        en: `Template ${t.id} reads no input file: set its inputs with --option (see cxm list).`,
        es: `La plantilla ${t.id} no lee ningún archivo: indique sus datos con --option (vea cxm list).`,
      });
    }
    const engine = engineFor(command, t, cx);
    if (engine === "duckdb" || t.intake) return await intakeTemplate(main, t, cx, engine);
    const read = await readInput(main, t, cx);
    reportText(read.table.report, language, "cli").forEach((l) => cx.out(l));
    cx.out(language === "es" ? `Columnas de ${command.input}:` : `Columns of ${command.input}:`);
    describeMapping(columns, read.mapping, read.header, language, read.groups).forEach((l) => cx.out(l));
    ({ rows, mapping, groups, lines, sourceLabel } = read);
  } else {
    if (t.columns.length > 0) {
      const needed = t.columns.filter((c) => c.required).map((c) => c.key).join(", ");
      throw new UsageError({ en: `Template ${t.id} needs --input file.csv with columns ${needed}.`, es: `La plantilla ${t.id} necesita --input archivo.csv con las columnas ${needed}.` });
    }
    if (command.map.length > 0) throw new UsageError({ en: "--map needs --input: it names the file's columns.", es: "--map necesita --input: nombra las columnas del archivo." });
  }

  const input: BuildInput = { rows, mapping, groups, options: optionsFor(t, command.options, language), sourceLabel, builtAt: cx.now(), language, surface: "cli" };
  // Each secondary source (--with key=file), read as the main file is, with its own --map key.column=Header corrections.
  const secondaryLines: Record<string, { file: string; lines: number[] }> = {};
  for (const { spec, file } of secondary) {
    const map = command.map.filter(([key]) => key.startsWith(`${spec.key}.`)).map(([key, header]): [string, string] => [key.slice(spec.key.length + 1), header]);
    const read = await readInput(main, t, cx, { input: file, prefix: `${spec.key}.`, columns: spec.columns, map, read: {} });
    reportText(read.table.report, language, "cli").forEach((l) => cx.out(l));
    cx.out(language === "es" ? `Columnas de ${file} (${spec.label.es}):` : `Columns of ${file} (${spec.label.en}):`);
    describeMapping(spec.columns, read.mapping, read.header, language).forEach((l) => cx.out(l));
    input.secondary = { ...input.secondary, [spec.key]: { rows: read.rows, mapping: read.mapping, sourceLabel: read.sourceLabel } };
    secondaryLines[spec.key] = { file, lines: read.lines };
  }
  const report = t.validate(input);
  const problems = report.blocking.length > 0 || report.problems.length > 0;
  reportLines(report, language, fileLabel || t.id, lines, 50, secondaryLines).forEach((l) => (problems ? cx.err(l) : cx.out(l)));
  refuseIfProblems(report, report.problems.length, command.acceptBadRows);

  const out = outputPath(cx, command.out ?? `${t.id}.xlsx`);
  await checkOutput(out, command.force, language, cx.files);
  const plan = t.build(input);
  const { buffer, resolved } = await writePlanToBuffer(plan);
  await writerFor(cx, command)(out, buffer);
  const names = resolved.sheets.map((s) => s.name).join(", ");
  cx.out(language === "es" ? `Escrito ${out}: ${names}.` : `Wrote ${out}: ${names}.`);
  if (t.headlines) headlineTable(t.title[language], t.headlines(input), language).forEach((l) => cx.out(l));
  return 0;
}

/**
 * A template with an intake: the file streamed through it, or DuckDB's
 * aggregates built by it. A CSV that DuckDB was chosen for by its size but
 * cannot read (its decimal mark, its dates) is streamed here instead.
 */
async function intakeTemplate(command: Extract<Command, { kind: "template" }>, t: TemplateDescriptor, cx: CliContext, engine: "typescript" | "duckdb"): Promise<number> {
  const language = command.language;
  const out = outputPath(cx, command.out ?? `${t.id}.xlsx`);
  // Refused before a long read, and checked again when the file is put in place.
  await checkOutput(out, command.force, language, cx.files);
  let built: StreamedBuild;
  if (engine === "duckdb") {
    try {
      built = await duckdbTemplate(command, t, cx);
    } catch (e) {
      const fallBack = command.engine === "auto" && command.inputs.length === 1 && t.intake && e instanceof UsageError;
      if (!fallBack) throw e;
      cx.err(language === "es" ? `cxm: ${e.messages.es} Se lee aquí en su lugar.` : `cxm: ${e.messages.en} Streaming it here instead.`);
      built = await streamedTemplate(command, t, cx);
    }
  } else built = await streamedTemplate(command, t, cx);
  const { buffer, resolved } = await writePlanToBuffer(built.plan);
  await writerFor(cx, command)(out, buffer);
  const names = resolved.sheets.map((s) => s.name).join(", ");
  cx.out(language === "es" ? `Escrito ${out}: ${names}.` : `Wrote ${out}: ${names}.`);
  headlineTable(t.title[language], built.headlines, language).forEach((l) => cx.out(l));
  return 0;
}
