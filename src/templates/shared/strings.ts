/**
 * Text every template's sheets share, in both languages: the line stating
 * where the data came from and when the sheet was built, and the mark of a
 * figure that cannot be computed. A template's strings.ts spreads these
 * into its own tables (`const en = { ...COMMON.en, … }`).
 */
import type { BuildInput, Language, Surface } from "../registry-types";
import { count, plural } from "./language";

/** What the source line states. */
export interface SourceFacts {
  /** Where the rows came from ("Sheet1!A1:C2001", "orders.csv"). */
  label: string;
  /** Rows the build used, and rows validation left out. */
  used: number;
  leftOut: number;
  /** Where the build ran: the left-out rows are listed there. */
  surface: Surface;
  builtAt: Date;
  /**
   * Who computed the aggregates when it was not CXM reading the rows itself:
   * DuckDB (`--engine duckdb`: rows counted, not listed), or a SQL query run
   * elsewhere whose result was given (`--aggregates`: the rows are not known).
   */
  computedBy?: "duckdb" | "query";
}

/** The build time as sheets state it: "2025-01-15 09:30 UTC". */
export function stamp(builtAt: Date): string {
  return `${builtAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The facts of a build's source, from its input and the rows validation kept and left out. */
export function sourceFacts(input: Pick<BuildInput, "sourceLabel" | "surface" | "builtAt">, used: number, leftOut: number): SourceFacts {
  return { label: input.sourceLabel || "—", used, leftOut, surface: input.surface, builtAt: input.builtAt };
}

const en = {
  /** A figure the data cannot give (written as text, so the sheet opens without error cells). */
  na: "n/a",
  source: (s: SourceFacts): string => {
    if (s.computedBy === "query") return `Source: ${s.label}, the result of the SQL that cxm sql prints, run where the data is. Built ${stamp(s.builtAt)} by CXM.`;
    const used = `${count("en", s.used)} ${plural("en", s.used, { one: "row", other: "rows" })} used`;
    if (s.computedBy === "duckdb") {
      const left = s.leftOut > 0 ? `; ${count("en", s.leftOut)} left out for a blank customer or date, counted in the report cxm printed` : "";
      return `Source: ${s.label} (${used}, aggregated by DuckDB${left}). Built ${stamp(s.builtAt)} by CXM.`;
    }
    const where = s.surface === "cli" ? "listed in the report cxm printed when it built this sheet" : "listed by the check in the task pane";
    const left = s.leftOut > 0 ? `; ${count("en", s.leftOut)} left out, ${where}` : "";
    return `Source: ${s.label} (${used}${left}). Built ${stamp(s.builtAt)} by CXM.`;
  },
  sampleSource: "built-in sample data (seeded generator)",
  optionsSource: "options given to cxm",
};

export type CommonStrings = typeof en;

const es: CommonStrings = {
  na: "n/d",
  source: (s) => {
    if (s.computedBy === "query") return `Origen: ${s.label}, el resultado del SQL que imprime cxm sql, ejecutado donde están los datos. Generado el ${stamp(s.builtAt)} por CXM.`;
    const used = `${count("es", s.used)} ${plural("es", s.used, { one: "fila usada", other: "filas usadas" })}`;
    if (s.computedBy === "duckdb") {
      const left = s.leftOut > 0 ? `; ${count("es", s.leftOut)} ${plural("es", s.leftOut, { one: "descartada", other: "descartadas" })} por cliente o fecha en blanco, contadas en el informe que imprimió cxm` : "";
      return `Origen: ${s.label} (${used}, agregadas con DuckDB${left}). Generado el ${stamp(s.builtAt)} por CXM.`;
    }
    const where = s.surface === "cli" ? "listadas en el informe que imprimió cxm al generar esta hoja" : "listadas en la comprobación del panel de tareas";
    const left = s.leftOut > 0 ? `; ${count("es", s.leftOut)} ${plural("es", s.leftOut, { one: "descartada", other: "descartadas" })}, ${where}` : "";
    return `Origen: ${s.label} (${used}${left}). Generado el ${stamp(s.builtAt)} por CXM.`;
  },
  sampleSource: "datos de ejemplo incorporados (generador con semilla)",
  optionsSource: "opciones dadas a cxm",
};

export const COMMON: Record<Language, CommonStrings> = { en, es };
