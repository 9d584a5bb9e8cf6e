/**
 * The `cxm` command: parses the arguments and runs demo, list or template.
 * Everything it touches comes through `CliContext` (output, working folder,
 * clock, registry, environment), so tests run it in-process. Returns the
 * exit code: 0 done, 1 the data has problems (nothing written), 2 a usage
 * mistake or an unreadable file. It speaks the user's language (--lang, else
 * the environment's locale).
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { FileRefusal, fileSource } from "../input/file";
import { TableReader } from "../input/reader";
import { reportText } from "../input/report";
import { MissingSheetError } from "../input/xlsx";
import { templates as registered } from "../templates/registry";
import type { BuildInput, ColumnSpec, Language, Localized, TemplateDescriptor } from "../templates/registry-types";
import { kindsFor, rowsOf } from "../templates/typed-rows";
import { writePlanToBuffer } from "../xlsx/write-plan";
import { Command, HELP, parseCommand, UsageError } from "./args";
import { writeDemo } from "./demo";
import { escapeControlCharacters, headlineTable, listLines, reportLines } from "./format";
import { checkOutput, FileOps, NODE_FILE_OPS, OutputRefused, writeFileAtomically } from "./output-file";
import { cliLanguage } from "./language";
import { describeMapping, groupsFor, mappingFor, missingColumnsMessage } from "./mapping";
import { findTemplate, inputColumnsOf, optionsFor } from "./templates";
import { COMMON } from "../templates/shared/strings";
import { isAggregatesCommand, runAggregatesCommand } from "./aggregates-command";
import { runSqlCommand, SQL_HELP } from "./sql-command";

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
}

const DEFAULT_CONTEXT: CliContext = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  now: () => new Date(),
  templates: registered,
  files: NODE_FILE_OPS,
  env: process.env,
};

/** Data problems: the report has been printed and nothing written (exit code 1). */
class DataProblem extends Error {
  constructor(readonly messages: Localized | null) {
    super(messages?.en ?? "");
  }
}

export async function run(argv: string[], context: Partial<CliContext> = {}): Promise<number> {
  const given: CliContext = { ...DEFAULT_CONTEXT, ...context };
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

/** An output path resolved against the working folder, whose folder must exist. */
function outputPath(cx: CliContext, file: string): string {
  const full = path.resolve(cx.cwd, file);
  const dir = path.dirname(full);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError({ en: `Cannot write ${file}: the folder ${dir} does not exist.`, es: `No se puede escribir ${file}: la carpeta ${dir} no existe.` });
  }
  if (!full.toLowerCase().endsWith(".xlsx")) throw new UsageError({ en: `--out ${file}: the output must be an .xlsx file.`, es: `--out ${file}: la salida debe ser un archivo .xlsx.` });
  return full;
}

/** Writes the workbook's bytes to `file` as `--force` allows (see output-file.ts). */
function writerFor(cx: CliContext, command: { force: boolean; language: Language }) {
  return async (file: string, data: Uint8Array) => {
    try {
      await writeFileAtomically(file, data, { force: command.force, language: command.language, ops: cx.files });
    } catch (e) {
      if (e instanceof OutputRefused) throw e;
      const why = e instanceof Error ? e.message : String(e);
      throw new Error(
        command.language === "es"
          ? `No se pudo escribir ${file} (${why}). Si ya existía, sigue como estaba.`
          : `Could not write ${file} (${why}). If it existed, it is as it was.`,
      );
    }
  };
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

const REFUSAL: Record<string, Localized> = {
  empty: { en: "it is empty", es: "está vacío" },
  gzip: { en: "it is gzip-compressed: decompress it first (gunzip) and give the .csv", es: "está comprimido con gzip: descomprímalo primero (gunzip) y use el .csv" },
  zip: { en: "it is a zip archive, not an Excel workbook: extract the CSV or .xlsx inside it", es: "es un archivo zip, no un libro de Excel: extraiga el CSV o el .xlsx que contiene" },
  xls: { en: "it is an old Excel 97-2003 .xls file: save it as .xlsx or CSV UTF-8 in Excel", es: "es un archivo .xls antiguo de Excel 97-2003: guárdelo como .xlsx o CSV UTF-8 en Excel" },
  pdf: { en: "it is a PDF: export the data as CSV or .xlsx", es: "es un PDF: exporte los datos como CSV o .xlsx" },
  binary: { en: "it holds binary data, not text: give a CSV, a text file or an .xlsx workbook", es: "contiene datos binarios, no texto: use un CSV, un archivo de texto o un libro .xlsx" },
};

/** What a file is read as: its columns, the --map corrections for them, and the reader's overrides. */
interface FileToRead {
  input: string;
  /** How --map names its columns ("incidents."). */
  prefix: string;
  columns: ColumnSpec[];
  map: [string, string][];
  read: Extract<Command, { kind: "template" }>["read"];
}

/** Reads an input file through src/input: typed columns, the report of assumptions, then rows for the template. */
async function readInput(command: Extract<Command, { kind: "template" }>, t: TemplateDescriptor, cx: CliContext, what?: FileToRead) {
  const language = command.language;
  const input = what?.input ?? command.input!;
  const file = path.resolve(cx.cwd, input);
  if (!existsSync(file)) {
    throw new UsageError({ en: `File not found: ${input} (looked in ${path.dirname(file)}).`, es: `No se encuentra el archivo: ${input} (buscado en ${path.dirname(file)}).` });
  }
  if (!statSync(file).isFile()) throw new UsageError({ en: `${input} is not a file.`, es: `${input} no es un archivo.` });
  const columns = what?.columns ?? inputColumnsOf(t);
  const read = what?.read ?? command.read;
  try {
    const reader = await TableReader.open(fileSource(file, read), { language, ...read });
    if (reader.header.length === 0 || reader.header.every((h) => h === "")) {
      throw new UsageError({ en: `${input} is empty: it needs a header row, then one row per record.`, es: `${input} está vacío: necesita una fila de encabezados y una fila por registro.` });
    }
    const header = reader.header;
    const mapping = mappingFor(columns, header, what?.map ?? command.map, t.id, input, reader.layout.alternatives, what?.prefix);
    const missing = missingColumnsMessage(columns, mapping, header, input, what?.prefix);
    if (missing) throw new DataProblem(missing);
    const groups = groupsFor(columns, header, command.map, mapping, input, reader.layout.alternatives);
    const { kinds, mappedTo } = kindsFor(columns, mapping, header.length, groups);
    const table = await reader.readAll(kinds, mappedTo);
    return { header, mapping, groups, table, rows: rowsOf(table, header.length), lines: Array.from(table.lines), sourceLabel: path.basename(file) };
  } catch (e) {
    if (e instanceof FileRefusal) {
      const why = REFUSAL[e.refusal];
      throw new UsageError({ en: `${input} cannot be read: ${why.en}.`, es: `No se puede leer ${input}: ${why.es}.` });
    }
    if (e instanceof MissingSheetError) {
      throw new UsageError({
        en: `--sheet ${e.wanted}: ${input} has no sheet with that name (its sheets: ${e.sheets.join(", ")}).`,
        es: `--sheet ${e.wanted}: ${input} no tiene ninguna hoja con ese nombre (sus hojas: ${e.sheets.join(", ")}).`,
      });
    }
    if (e instanceof UsageError || e instanceof DataProblem) throw e;
    throw new UsageError({ en: `${input} cannot be read: ${(e as Error).message}`, es: `No se puede leer ${input}: ${(e as Error).message}` });
  }
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
  if (report.blocking.length > 0) throw new DataProblem({ en: "Nothing written.", es: "No se ha escrito nada." });
  if (report.problems.length > 0 && !command.acceptBadRows) {
    const n = report.goodRows;
    throw new DataProblem({
      en: `Nothing written. Correct the rows above, or run again with --accept-bad-rows to build from the ${n} good ${n === 1 ? "row" : "rows"} only.`,
      es: `No se ha escrito nada. Corrija las filas de arriba o vuelva a ejecutar con --accept-bad-rows para crear el libro solo con ${n === 1 ? "la fila válida" : `las ${n} filas válidas`}.`,
    });
  }

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
