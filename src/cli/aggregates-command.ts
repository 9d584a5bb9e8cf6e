/**
 * `cxm template <id> --aggregates result.csv`: reads the result of the SQL
 * that `cxm sql` printed (run in a warehouse, Spark or DuckDB) into the
 * template's aggregates — the metrics engines' own types — checks it, and
 * says what it holds. A template that builds from an aggregate
 * (descriptor.intake.fromSql, src/intake/types.ts) then builds its workbook
 * from it with the same sheet builders as a file read here (--out, --force
 * as for --input); the others only check the result for now. A result that
 * is not what the SQL returns is reported in the user's language, naming
 * the row and column.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Aggregates } from "../sql/aggregates";
import { sqlOptions, sqlTemplate } from "../sql/aggregates";
import { isoOfSerial, ResultError, resultFromCsv } from "../sql/result-table";
import type { Language, TemplateDescriptor } from "../templates/registry-types";
import { writePlanToBuffer } from "../xlsx/write-plan";
import { UsageError } from "./args";
import { headlineTable } from "./format";
import { checkOutput } from "./output-file";
import type { CliContext } from "./run";
import { optionsFor } from "./templates";
import { outputPath, writerFor } from "./workbook-output";

/** True for the argument lists run.ts hands over: `template <id> … --aggregates …`. */
export function isAggregatesCommand(argv: readonly string[]): boolean {
  return argv[0] === "template" && argv.some((a) => a === "--aggregates" || a.startsWith("--aggregates="));
}

const WORDS = {
  read: { en: "Read", es: "Leído" },
  noWorkbook: {
    en: "The aggregates are valid. Building the workbook from them is not available yet: this command only checks the result for now.",
    es: "Los agregados son válidos. Aún no se puede generar el libro a partir de ellos: por ahora este comando solo comprueba el resultado.",
  },
};

/** One line per fact a person checks first: what came in, its span, its totals. */
export function describeAggregates(a: Aggregates, language: Language): string[] {
  const es = language === "es";
  const n = (x: number) => x.toLocaleString(es ? "es-ES" : "en-US", { maximumFractionDigits: 2 });
  switch (a.kind) {
    case "cohort": {
      const t = a.customers;
      const customers = t.sizes.reduce((s, x) => s + x, 0);
      return [
        es
          ? `Triángulo de cohortes por ${t.period}: ${t.cohorts.length} cohortes, ${t.matrix[0].length} periodos, ${n(customers)} clientes${a.revenue ? ", con ingresos" : ""}.`
          : `Cohort triangle by ${t.period}: ${t.cohorts.length} cohorts, ${t.matrix[0].length} periods, ${n(customers)} customers${a.revenue ? ", with revenue" : ""}.`,
        `${es ? "Primera cohorte" : "First cohort"} ${isoOfSerial(t.cohorts[0])}, ${es ? "última" : "last"} ${isoOfSerial(t.cohorts[t.cohorts.length - 1])}.`,
      ];
    }
    case "mrr": {
      const first = a.months[0], last = a.months[a.months.length - 1];
      return [
        es
          ? `Movimientos de MRR: ${a.months.length} meses, de ${isoOfSerial(first.month).slice(0, 7)} a ${isoOfSerial(last.month).slice(0, 7)}.`
          : `MRR movements: ${a.months.length} months, ${isoOfSerial(first.month).slice(0, 7)} to ${isoOfSerial(last.month).slice(0, 7)}.`,
        `${es ? "MRR final" : "End MRR"} ${n(last.endMrr)}, ${n(last.customersAtEnd)} ${es ? "clientes" : "customers"}.`,
      ];
    }
    case "segments": {
      const s = a.summary;
      const pct = (x: number) => `${n(100 * x)}%`;
      return [
        es
          ? `Matriz de segmentos: ${s.segments.length} segmentos (${s.segments.join(", ")}), ${n(s.customersBefore)} clientes antes, ${n(s.newCustomers)} nuevos.`
          : `Segment matrix: ${s.segments.length} segments (${s.segments.join(", ")}), ${n(s.customersBefore)} customers before, ${n(s.newCustomers)} new.`,
        es
          ? `Suben ${pct(s.movedUp)}, bajan ${pct(s.movedDown)}, se quedan ${pct(s.stayed)}, se pierden ${pct(s.lost)}.`
          : `Moved up ${pct(s.movedUp)}, down ${pct(s.movedDown)}, stayed ${pct(s.stayed)}, lost ${pct(s.lost)}.`,
      ];
    }
    case "rfm": {
      const s = a.summary;
      const repeat = s.frequency.reduce((c, f) => c + (f > 0 ? 1 : 0), 0);
      return [
        es
          ? `Resumen RFM: ${n(s.ids.length)} clientes hasta ${isoOfSerial(s.asOf)}, ${n(repeat)} con compras repetidas (unidad: ${s.unit}).`
          : `RFM summary: ${n(s.ids.length)} customers up to ${isoOfSerial(s.asOf)}, ${n(repeat)} with repeat purchases (unit: ${s.unit}).`,
      ];
    }
  }
}

export async function runAggregatesCommand(argv: string[], cx: CliContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      options: {
        aggregates: { type: "string" },
        option: { type: "string", multiple: true },
        lang: { type: "string" },
        out: { type: "string", short: "o" },
        force: { type: "boolean" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const unknown = /Unknown option '([^']+)'/.exec((e as Error).message);
    throw new UsageError(unknown ? `cxm template --aggregates does not take ${unknown[1]} (see cxm --help).` : `${(e as Error).message} (see cxm --help).`);
  }
  const [id, extra] = parsed.positionals;
  if (id === undefined) throw new UsageError("cxm template needs a template id, e.g. cxm template cohort-retention --aggregates result.csv.");
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}" after the template id (flags start with --).`);
  const lang = (parsed.values.lang ?? "en").toLowerCase();
  if (lang !== "en" && lang !== "es") throw new UsageError(`--lang ${parsed.values.lang}: the languages are en and es.`);
  const language = lang as Language;
  const pairs = (parsed.values.option ?? []).map((o) => {
    const at = o.indexOf("=");
    if (at <= 0) throw new UsageError(`--option ${o}: expected key=value, e.g. --option period=week.`);
    return [o.slice(0, at).trim(), o.slice(at + 1).trim()] as [string, string];
  });
  // A template that builds from the result takes its own options (currency, Spanish words…) and hands the SQL its part.
  const builder = cx.templates.find((x) => x.id === id && x.intake?.fromSql !== undefined);
  const templateOptions = builder ? optionsFor(builder, pairs, language) : null;
  let template, options;
  try {
    template = sqlTemplate(id);
    options = sqlOptions(template, builder ? (builder.intake!.sqlOptions?.(templateOptions!) ?? []) : pairs);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!builder && (parsed.values.out !== undefined || parsed.values.force)) {
    throw new UsageError({
      en: `cxm template ${id} --aggregates only checks the result for now: it takes no --out or --force.`,
      es: `cxm template ${id} --aggregates por ahora solo comprueba el resultado: no admite --out ni --force.`,
    });
  }
  const out = builder ? outputPath(cx, parsed.values.out ?? `${id}.xlsx`) : null;
  if (out) await checkOutput(out, parsed.values.force ?? false, language, cx.files);
  const given = parsed.values.aggregates!;
  const file = path.resolve(cx.cwd, given);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`File not found: ${given} (looked in ${path.dirname(file)}).`);
  try {
    const aggregates = template.parse(resultFromCsv(readFileSync(file, "utf8"), path.basename(file)), options);
    cx.out(`${WORDS.read[language]} ${given}:`);
    describeAggregates(aggregates, language).forEach((l) => cx.out(`  ${l}`));
    if (!builder) {
      cx.out(WORDS.noWorkbook[language]);
      return 0;
    }
    await buildFromAggregates(builder, aggregates, templateOptions!, { file: out!, label: path.basename(file), force: parsed.values.force ?? false, language }, cx);
    return 0;
  } catch (e) {
    if (e instanceof ResultError) {
      cx.err(`cxm: ${e.messages[language]}`);
      return 1;
    }
    throw e;
  }
}

/** The workbook from the aggregates, written as --force allows; its headline figures printed. */
async function buildFromAggregates(
  t: TemplateDescriptor,
  aggregates: Aggregates,
  options: Record<string, string | number>,
  target: { file: string; label: string; force: boolean; language: Language },
  cx: CliContext,
): Promise<void> {
  const { language } = target;
  const intake = t.intake!;
  // A warehouse result does not say how many rows went in (null): the sheets say "n/a" there.
  const aggregate = intake.fromSql!(aggregates, options, null);
  const built = intake.build(aggregate, {
    options,
    language,
    source: { label: target.label, used: 0, leftOut: 0, surface: "cli", builtAt: cx.now(), computedBy: "query" },
  });
  const { buffer, resolved } = await writePlanToBuffer(built.plan);
  await writerFor(cx, { force: target.force, language })(target.file, buffer);
  const names = resolved.sheets.map((s) => s.name).join(", ");
  cx.out(language === "es" ? `Escrito ${target.file}: ${names}.` : `Wrote ${target.file}: ${names}.`);
  headlineTable(t.title[language], built.headlines, language).forEach((l) => cx.out(l));
}
