/**
 * Wholly bilingual: a Spanish workbook holds no English word, an English one
 * no Spanish word — in every sheet name, title, note, header, chart title,
 * axis and series, table name and formula text of every moved template
 * (moved.ts), and in the labels the task pane and the CLI show. The test
 * reads word lists: common words of one language that the other never uses
 * (words spelt alike in both, such as "total", "no" or "final", are left out).
 */
import type { Localized } from "../../../src/templates/registry-types";
import type { WorkbookPlan } from "../../../src/workbook/plan";
import { emptySheet } from "../../../src/workbook/plan";
import { planTexts, PlanText, wordsOf } from "../../support/plan-text";
import { sampleBuilds } from "./moved";

// prettier-ignore
const ENGLISH = new Set([
  "the", "and", "of", "with", "from", "by", "per", "for", "to", "in", "is", "are", "was", "each", "every", "where", "when", "which",
  "that", "this", "their", "its", "all", "not", "or", "as", "at", "on", "be", "been", "has", "have", "it", "one", "two", "after",
  "before", "since", "than", "more", "less", "still", "yet", "data", "customer", "customers", "revenue", "month", "months", "week",
  "weeks", "quarter", "quarters", "year", "years", "cohort", "cohorts", "average", "retention", "share", "shares", "rate", "value",
  "values", "sheet", "source", "built", "build", "row", "rows", "used", "left", "out", "chart", "summary", "curve", "observed",
  "pooled", "amount", "date", "period", "blank", "new", "lost", "churn", "score", "survey", "responses", "net", "gross", "margin",
  "payback", "sales", "spend", "expected", "purchases", "purchase", "status", "target", "met", "missed", "near", "low", "high", "up",
  "down", "stayed", "moved", "matrix", "model", "inputs", "sensitivity", "grid", "how", "computed", "see", "task", "pane", "check",
  "report", "printed", "first", "retained", "transactions", "active", "spent", "grouped", "formula", "formulas", "again", "refresh",
  "buying", "bought", "cell", "cells", "number", "numbers", "only", "none", "language", "currency", "measure", "about", "above", "below",
]);

// prettier-ignore
const SPANISH = new Set([
  "de", "del", "la", "las", "los", "el", "y", "que", "con", "por", "para", "sobre", "cada", "donde", "cuando", "entre", "hasta",
  "desde", "una", "uno", "un", "es", "está", "están", "su", "sus", "al", "clientes", "cliente", "ingresos", "mes", "meses", "semana",
  "semanas", "trimestre", "trimestres", "año", "años", "cohorte", "cohortes", "media", "retención", "parte", "porcentaje", "porcentajes",
  "valor", "valores", "hoja", "origen", "generado", "generada", "filas", "fila", "usadas", "usada", "descartadas", "gráfico", "resumen",
  "curva", "observadas", "importe", "fecha", "periodo", "vacío", "nuevo", "nuevos", "perdidos", "puntuación", "encuesta", "respuestas",
  "neto", "bruto", "margen", "gasto", "compras", "compra", "estado", "objetivo", "cumplido", "segmento", "matriz", "modelo", "entradas",
  "sensibilidad", "cómo", "calcula", "nota", "panel", "tareas", "informe", "también", "más", "menos", "aún", "todos", "todas", "juntos",
  "retenido", "transacciones", "activos", "agrupados", "fórmula", "fórmulas", "vuelva", "actualizarlos", "comprando", "compró", "celda",
  "número", "ninguna", "idioma", "moneda", "medida", "según", "después", "primera", "primero",
]);

interface Found {
  where: string;
  word: string;
  text: string;
}

/** The add-in's function names (=CXM.CHURN) are the same in both languages, as Excel's own are in the formula bar: not words. */
const FUNCTION_NAME = /\bCXM\.[A-Z][A-Z0-9.]*/g;

/** Words of `list` in the texts, with where each is. */
function wordsFrom(list: Set<string>, texts: PlanText[]): Found[] {
  return texts.flatMap(({ where, text }) => wordsOf(text.replace(FUNCTION_NAME, "")).filter((w) => list.has(w)).map((word) => ({ where, word, text })));
}

/** What the task pane and the CLI show of a template, in one language. */
function descriptorTexts(d: ReturnType<typeof sampleBuilds>[number], pick: (l: Localized) => string): PlanText[] {
  const t = d.template;
  return [
    { where: "title", text: pick(t.title) },
    { where: "description", text: pick(t.description) },
    ...t.columns.map((c) => ({ where: `column ${c.key}`, text: pick(c.label) })),
    ...t.options.flatMap((o) => [
      { where: `option ${o.key}`, text: pick(o.label) },
      ...(o.choices ?? []).map((c) => ({ where: `option ${o.key}: ${c.value}`, text: pick(c.label) })),
      ...(o.placeholder ? [{ where: `option ${o.key} placeholder`, text: pick(o.placeholder) }] : []),
    ]),
    ...(t.headlines?.(d.input) ?? []).map((h) => ({ where: `headline ${h.cell}`, text: pick(h.label) })),
  ];
}

describe("every moved template speaks one language at a time", () => {
  const builds = sampleBuilds();

  test.each(builds.map((b) => [b.template.id, b.language, b] as const))("%s in %s: no word of the other language", (_id, language, b) => {
    const other = language === "es" ? ENGLISH : SPANISH;
    const pick = (l: Localized) => l[language];
    const found = wordsFrom(other, [...planTexts(b.plan), ...descriptorTexts(b, pick)]);
    expect(found.map((f) => `${f.where}: "${f.word}" in "${f.text}"`)).toEqual([]);
    // The lists do find the build's own language (the check reads what it should).
    expect(wordsFrom(language === "es" ? SPANISH : ENGLISH, planTexts(b.plan)).length).toBeGreaterThan(20);
  });
});

describe("the text collection and the word lists (controls)", () => {
  const plan: WorkbookPlan = {
    title: "Retención",
    sheets: [
      {
        ...emptySheet("s", "Hoja", "Resumen"),
        blocks: [
          { at: "A1", rows: [["Clientes por mes", '=IF(A2=0,"n/a","Customers")']] },
          { at: "A5", rows: [["Gold customers"]], text: true, userData: true },
        ],
        tables: [{ name: "CohortRevenue", range: "A1:B2" }],
        charts: [{ type: "line", title: "Curva", categories: "A1", series: [{ name: "Average", values: "B1" }], anchor: { from: "D1", to: "H9" }, yAxisTitle: "Retenido" }],
        formats: [{ range: "B1", numberFormat: '0.0" months"' }],
      },
    ],
  };

  test("English inside a Spanish plan is found in formulas, table names, chart series and number formats, not in the user's data", () => {
    const found = wordsFrom(ENGLISH, planTexts(plan)).map((f) => `${f.where}: ${f.word}`);
    expect(found).toEqual(["s: B1 (formula): customers", "s: chart \"Curva\": average", "s: table CohortRevenue: cohort", "s: table CohortRevenue: revenue", "s: format B1: months"]);
  });

  test("no word is on both lists", () => {
    expect([...ENGLISH].filter((w) => SPANISH.has(w))).toEqual([]);
  });
});
