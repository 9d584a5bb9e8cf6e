/**
 * What every way of building a workbook from the command line shares: the
 * input file opened through src/input (with a refusal or a missing sheet
 * said in the user's language), the output path and its atomic write, and
 * the data problem that stops a build with nothing written (exit code 1).
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { FileRefusal, fileSource } from "../input/file";
import { TableReader } from "../input/reader";
import type { ReadOptions, WantedKind } from "../input/types";
import { MissingSheetError } from "../input/xlsx";
import type { ColumnGroups, ColumnMapping, ColumnSpec, Language, Localized } from "../templates/registry-types";
import { kindsFor } from "../templates/typed-rows";
import { Command, UsageError } from "./args";
import { groupsFor, mappingFor, missingColumnsMessage } from "./mapping";
import { OutputRefused, writeFileAtomically } from "./output-file";
import type { CliContext } from "./run";

/** Data problems: the report has been printed and nothing written (exit code 1). */
export class DataProblem extends Error {
  constructor(readonly messages: Localized | null) {
    super(messages?.en ?? "");
  }
}

/** An output path resolved against the working folder, whose folder must exist. */
export function outputPath(cx: CliContext, file: string): string {
  const full = path.resolve(cx.cwd, file);
  const dir = path.dirname(full);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError({ en: `Cannot write ${file}: the folder ${dir} does not exist.`, es: `No se puede escribir ${file}: la carpeta ${dir} no existe.` });
  }
  if (!full.toLowerCase().endsWith(".xlsx")) throw new UsageError({ en: `--out ${file}: the output must be an .xlsx file.`, es: `--out ${file}: la salida debe ser un archivo .xlsx.` });
  return full;
}

/** Writes the workbook's bytes to `file` as `--force` allows (see output-file.ts). */
export function writerFor(cx: CliContext, command: { force: boolean; language: Language }) {
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

const REFUSAL: Record<string, Localized> = {
  empty: { en: "it is empty", es: "está vacío" },
  gzip: { en: "it is gzip-compressed: decompress it first (gunzip) and give the .csv", es: "está comprimido con gzip: descomprímalo primero (gunzip) y use el .csv" },
  zip: { en: "it is a zip archive, not an Excel workbook: extract the CSV or .xlsx inside it", es: "es un archivo zip, no un libro de Excel: extraiga el CSV o el .xlsx que contiene" },
  xls: { en: "it is an old Excel 97-2003 .xls file: save it as .xlsx or CSV UTF-8 in Excel", es: "es un archivo .xls antiguo de Excel 97-2003: guárdelo como .xlsx o CSV UTF-8 en Excel" },
  pdf: { en: "it is a PDF: export the data as CSV or .xlsx", es: "es un PDF: exporte los datos como CSV o .xlsx" },
  binary: { en: "it holds binary data, not text: give a CSV, a text file or an .xlsx workbook", es: "contiene datos binarios, no texto: use un CSV, un archivo de texto o un libro .xlsx" },
};

export interface OpenedInput {
  reader: TableReader;
  header: string[];
  mapping: ColumnMapping;
  /** The source columns of the template's `multiple` columns. */
  groups: ColumnGroups;
  kinds: WantedKind[];
  mappedTo: (string | undefined)[];
}

/**
 * Opens `--input` through src/input and maps its columns to the template's
 * (a required column missing is a DataProblem naming the headers there are),
 * then runs `use` on it; what goes wrong reading the file becomes a
 * UsageError in the user's language.
 */
export async function withInput<T>(
  command: Extract<Command, { kind: "template" }>,
  templateId: string,
  columns: ColumnSpec[],
  cx: CliContext,
  options: Partial<ReadOptions>,
  use: (opened: OpenedInput) => Promise<T>,
  /** Another file than --input (a secondary source: --with key=file), its --map corrections and how --map names its columns. */
  other?: { input: string; prefix: string; map: [string, string][]; read: Command extends infer C ? (C extends { kind: "template"; read: infer R } ? R : never) : never },
): Promise<T> {
  const language: Language = command.language;
  const input = other?.input ?? command.input!;
  const read = other?.read ?? command.read;
  const file = path.resolve(cx.cwd, input);
  if (!existsSync(file)) {
    throw new UsageError({ en: `File not found: ${input} (looked in ${path.dirname(file)}).`, es: `No se encuentra el archivo: ${input} (buscado en ${path.dirname(file)}).` });
  }
  if (!statSync(file).isFile()) throw new UsageError({ en: `${input} is not a file.`, es: `${input} no es un archivo.` });
  try {
    const reader = await TableReader.open(fileSource(file, read), { language, ...read, ...options });
    if (reader.header.length === 0 || reader.header.every((h) => h === "")) {
      throw new UsageError({ en: `${input} is empty: it needs a header row, then one row per record.`, es: `${input} está vacío: necesita una fila de encabezados y una fila por registro.` });
    }
    const header = reader.header;
    const mapping = mappingFor(columns, header, other?.map ?? command.map, templateId, input, reader.layout.alternatives, other?.prefix);
    const missing = missingColumnsMessage(columns, mapping, header, input, other?.prefix);
    if (missing) throw new DataProblem(missing);
    const groups = groupsFor(columns, header, other?.map ?? command.map, mapping, input, reader.layout.alternatives);
    const { kinds, mappedTo } = kindsFor(columns, mapping, header.length, groups);
    return await use({ reader, header, mapping, groups, kinds, mappedTo });
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
    if (e instanceof UsageError || e instanceof DataProblem || e instanceof OutputRefused) throw e;
    throw new UsageError({ en: `${input} cannot be read: ${(e as Error).message}`, es: `No se puede leer ${input}: ${(e as Error).message}` });
  }
}

/** The refusal every build shares once its report is printed: blocking problems, or bad rows without --accept-bad-rows. */
export function refuseIfProblems(report: { blocking: unknown[]; goodRows: number }, problems: number, acceptBadRows: boolean): void {
  if (report.blocking.length > 0) throw new DataProblem({ en: "Nothing written.", es: "No se ha escrito nada." });
  if (problems > 0 && !acceptBadRows) {
    const n = report.goodRows;
    throw new DataProblem({
      en: `Nothing written. Correct the rows above, or run again with --accept-bad-rows to build from the ${n} good ${n === 1 ? "row" : "rows"} only.`,
      es: `No se ha escrito nada. Corrija las filas de arriba o vuelva a ejecutar con --accept-bad-rows para crear el libro solo con ${n === 1 ? "la fila válida" : `las ${n} filas válidas`}.`,
    });
  }
}
