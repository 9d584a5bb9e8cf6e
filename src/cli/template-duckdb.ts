/**
 * `cxm template <id> --engine duckdb` (or chosen by itself: Parquet,
 * several files or a glob, a CSV above the size threshold): DuckDB reads the
 * files where they lie and runs the template's SQL (src/sql); the parsed
 * result becomes the template's aggregate (intake.fromSql) and the workbook
 * is built by the same sheet builders. DuckDB cannot name bad rows by line,
 * so it counts the rows its SQL leaves out (a blank customer or date) and,
 * as for a file read here, writes nothing while there are any unless
 * --accept-bad-rows.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { sqlOptions, sqlTemplate, SQL_TEMPLATES } from "../sql/aggregates";
import { idPresent } from "../sql/common";
import { dialect } from "../sql/dialects";
import type { TemplateDescriptor } from "../templates/registry-types";
import type { Command } from "./args";
import { UsageError } from "./args";
import { aggregatesFromFiles, chooseEngine, DuckDbEngine, fileSource, formatOf } from "./duckdb-engine";
import type { CliContext } from "./run";
import type { StreamedBuild } from "./template-streamed";
import { inputColumnsOf, optionsFor } from "./templates";
import { refuseIfProblems } from "./workbook-output";

type TemplateCommand = Extract<Command, { kind: "template" }>;

const isGlob = (f: string) => /[*?[]/.test(f);

/** True when the template can be computed by DuckDB: it has SQL (src/sql) and builds from its result (intake.fromSql). */
export function duckdbCapable(t: TemplateDescriptor): boolean {
  return SQL_TEMPLATES.some((s) => s.id === t.id) && t.intake?.fromSql !== undefined;
}

/**
 * Who computes the aggregates: --engine when given; otherwise DuckDB for
 * Parquet, several files, a glob or a CSV above the threshold (said on
 * stderr), and the streaming TypeScript reader for the rest.
 */
export function engineFor(command: TemplateCommand, t: TemplateDescriptor, cx: CliContext): "typescript" | "duckdb" {
  const many = command.inputs.length > 1 || command.inputs.some(isGlob);
  const parquet = command.inputs.some((f) => formatOf(f) === "parquet");
  const es = command.language === "es";
  if (command.engine === "typescript") {
    if (many || parquet) {
      throw new UsageError({
        en: "--engine typescript reads one CSV or workbook: several files, a glob or Parquet need --engine duckdb.",
        es: "--engine typescript lee un solo CSV o libro: varios archivos, un patrón o Parquet necesitan --engine duckdb.",
      });
    }
    return "typescript";
  }
  if (command.engine === "duckdb" || many || parquet) {
    if (!duckdbCapable(t)) {
      const ids = SQL_TEMPLATES.map((s) => s.id).filter((id) => cx.templates.find((x) => x.id === id)?.intake?.fromSql).join(", ");
      throw new UsageError({
        en: `Template ${t.id} is not computed with DuckDB yet (${many || parquet ? "several files, a glob or Parquet need it" : "--engine duckdb"}); the templates that are: ${ids}.`,
        es: `La plantilla ${t.id} aún no se calcula con DuckDB (${many || parquet ? "varios archivos, un patrón o Parquet lo necesitan" : "--engine duckdb"}); las que sí: ${ids}.`,
      });
    }
    if (command.engine !== "duckdb") cx.err(es ? `${describeInputs(command)}: se calcula con DuckDB.` : `${describeInputs(command)}: computing with DuckDB.`);
    return "duckdb";
  }
  const only = command.inputs[0];
  const full = path.resolve(cx.cwd, only);
  if (!duckdbCapable(t) || formatOf(only) !== "csv" || !existsSync(full)) return "typescript";
  const choice = chooseEngine([{ file: only, bytes: statSync(full).size }]);
  if (choice.engine === "duckdb") {
    const mb = Math.round(statSync(full).size / 1024 / 1024);
    cx.err(
      es
        ? `${only} ocupa ${mb} MB, más de 256 MB: se calcula con DuckDB (--engine typescript para leerlo aquí, con la lista de filas con problemas).`
        : `${only} is ${mb} MB, above 256 MB: computing with DuckDB (--engine typescript to stream it here instead, with bad rows listed by line).`,
    );
  }
  return choice.engine;
}

function describeInputs(command: TemplateCommand): string {
  return command.inputs.length === 1 ? command.inputs[0] : command.inputs.join(", ");
}

/** The aggregates computed by DuckDB, the rows it used counted, the plan built. */
export async function duckdbTemplate(command: TemplateCommand, t: TemplateDescriptor, cx: CliContext): Promise<StreamedBuild> {
  const intake = t.intake!;
  const language = command.language;
  const es = language === "es";
  const options = optionsFor(t, command.options, language);
  const template = sqlTemplate(t.id);
  let sqlOpts: Record<string, string>;
  try {
    sqlOpts = sqlOptions(template, intake.sqlOptions?.(options) ?? []);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const files = command.inputs.map((f) => {
    const full = path.resolve(cx.cwd, f);
    if (isGlob(f)) return full;
    if (!existsSync(full)) throw new UsageError({ en: `File not found: ${f} (looked in ${path.dirname(full)}).`, es: `No se encuentra el archivo: ${f} (buscado en ${path.dirname(full)}).` });
    return full;
  });
  const label = describeInputs(command);
  const engine = await DuckDbEngine.open();
  try {
    const done = await aggregatesFromFiles(engine, { template, columns: inputColumnsOf(t), files, map: command.map, options: sqlOpts, label });
    // The rows the SQL leaves out: a blank customer or no date (it names no line: DuckDB does not keep them).
    const d = dialect("duckdb");
    const customer = d.quote(done.mapping.customer!);
    const date = done.mapping.date ?? done.mapping.month;
    const counted = await engine.query(
      `SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE ${idPresent(d, customer)} AND ${date ? `${d.quote(date)} IS NOT NULL` : "TRUE"}) AS used FROM ${fileSource(files)}`,
      label,
    );
    const total = Number(counted.rows[0][0]), used = Number(counted.rows[0][1]);
    const left = total - used;
    const n = (x: number) => x.toLocaleString(es ? "es-ES" : "en-US");
    cx.out(es ? `${label}: ${n(total)} filas leídas por DuckDB, ${n(used)} usadas.` : `${label}: ${n(total)} rows read by DuckDB, ${n(used)} used.`);
    if (left > 0) {
      cx.err(
        es
          ? `${label}: ${n(left)} ${left === 1 ? "fila tiene" : "filas tienen"} el cliente o la fecha en blanco (DuckDB no dice en qué línea; --engine typescript las lista).`
          : `${label}: ${n(left)} ${left === 1 ? "row has" : "rows have"} a blank customer or date (DuckDB does not say on which line; --engine typescript lists them).`,
      );
    }
    refuseIfProblems({ blocking: [], goodRows: used }, left, command.acceptBadRows);
    const aggregate = intake.fromSql!(done.aggregates, options, used);
    return intake.build(aggregate, {
      options,
      language,
      source: { label: command.inputs.length === 1 ? path.basename(command.inputs[0]) : label, used, leftOut: left, surface: "cli", builtAt: cx.now(), computedBy: "duckdb" },
    });
  } finally {
    engine.close();
  }
}
