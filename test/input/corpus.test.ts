/**
 * The fixture corpus (test/fixtures/reader, README there): every file runs
 * through each template it fits, through the CLI and through the task
 * pane's reader, and the figures are checked against a plain computation
 * over the data the files were written from (data.ts), not against the
 * reader.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { formatHeadline } from "../../src/cli/format";
import { serialFromDate } from "../../src/metrics/dates";
import { autoMap } from "../../src/templates/column-mapping";
import { detectHeader } from "../../src/input/headers";
import { templates } from "../../src/templates/registry";
import type { BuildInput, Headline, Language, TemplateDescriptor } from "../../src/templates/registry-types";
import { typeSheetValues } from "../../src/taskpane/typed-source";
import { AMBIGUOUS_ORDERS, MRR_ROWS, ORDERS, RESPONSES, SNAPSHOTS } from "../fixtures/reader/data";
import { BUILT, runCli, tempDir } from "../support/cli";
import { kpiCell } from "../support/scorecard-cells";

const FIXTURES = path.join(__dirname, "../fixtures/reader");
const out = tempDir("cxm-corpus-");
const template = (id: string): TemplateDescriptor => templates.find((t) => t.id === id)!;

// ---------------------------------------------------------------- plain computations over data.ts

const monthOf = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

/** Customers, cohorts and the pooled month-1 retention (customers and revenue) of a list of orders, by hand. */
function cohortTruth(orders: [string, string, number][]) {
  const first = new Map<string, number>();
  for (const [c, t] of orders) first.set(c, Math.min(first.get(c) ?? Infinity, monthOf(t)));
  const last = Math.max(...orders.map(([, t]) => monthOf(t)));
  let size = 0, kept = 0, base = 0, later = 0;
  for (const cohort of new Set(first.values())) {
    if (cohort + 1 > last) continue;
    const members = [...first].filter(([, m]) => m === cohort).map(([c]) => c);
    size += members.length;
    kept += members.filter((c) => orders.some(([x, t]) => x === c && monthOf(t) === cohort + 1)).length;
    for (const [c, t, a] of orders) {
      if (!members.includes(c)) continue;
      if (monthOf(t) === cohort) base += a;
      if (monthOf(t) === cohort + 1) later += a;
    }
  }
  return { customers: first.size, cohorts: new Set(first.values()).size, retention1: kept / size, revenueRetention1: later / base };
}

/** MRR of the last month: the sum of its rows. */
function lastMonthMrr(rows: [string, string, number][]): number {
  const last = Math.max(...rows.map(([, t]) => monthOf(t)));
  return rows.filter(([, t]) => monthOf(t) === last).reduce((s, [, , a]) => s + a, 0);
}

/** NPS of the answered responses: 100 × (promoters − detractors) / answered. */
function npsTruth() {
  const scores = RESPONSES.map(([, s]) => s).filter((s): s is number => s !== null);
  const promoters = scores.filter((s) => s >= 9).length, detractors = scores.filter((s) => s <= 6).length;
  return { responses: scores.length, noAnswer: RESPONSES.length - scores.length, nps: (100 * (promoters - detractors)) / scores.length };
}

// ---------------------------------------------------------------- the two paths

/** Values as the task pane would get them: a workbook's cells (dates as serials, as Office.js gives them), or a text file's cells as text. */
async function sheetValues(file: string, encoding: string, delimiter: string): Promise<unknown[][]> {
  const full = path.join(FIXTURES, file);
  if (file.endsWith(".xlsx")) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(full);
    const rows: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? serialFromDate(v) : (v ?? "")))));
    return rows;
  }
  const text = new TextDecoder(encoding).decode(readFileSync(full));
  return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
}

/** The pane's path: typed by src/input, mapped from the header rows, the template's headlines. */
async function viaPane(file: string, id: string, language: Language, encoding = "utf-8", delimiter = ",", options: Record<string, string | number> = {}) {
  const t = template(id);
  const values = await sheetValues(file, encoding, delimiter);
  const layout = detectHeader(values.slice(0, 32));
  const mapping = autoMap(t.columns, layout.header, layout.alternatives);
  const typed = await typeSheetValues(values, "Hoja1!A1", t.columns, mapping, language);
  const input: BuildInput = {
    rows: typed.rows,
    mapping,
    options: { ...Object.fromEntries(t.options.map((o) => [o.key, o.default])), ...options },
    sourceLabel: file,
    builtAt: BUILT,
    language,
    surface: "taskpane",
  };
  return { input, report: t.validate(input), typed, headline: (label: string) => t.headlines!(input).find((h) => h.label.en === label)!.value };
}

/** The CLI's path: the printed headline `label` must be `value` formatted the language's way. */
function expectPrinted(stdout: string, label: string, value: number, kind: Headline["kind"], language: Language) {
  const shown = formatHeadline({ value, kind }, language).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  expect(stdout).toMatch(new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+${shown}(\\s|$)`));
}

async function cli(args: string[], env: Record<string, string> = {}) {
  return runCli(args.map((a) => (a.startsWith("@") ? path.join(FIXTURES, a.slice(1)) : a)), out, undefined, env);
}

// ---------------------------------------------------------------- transactions

interface OrdersFixture {
  file: string;
  language: Language;
  encoding: string;
  delimiter: string;
  /** A line the report must print (what this file proves). */
  says: string;
}

const ORDER_FILES: OrdersFixture[] = [
  { file: "orders-es-excel.csv", language: "es", encoding: "utf-8", delimiter: ";", says: "como UTF-8 (con BOM), separado por punto y coma" },
  { file: "orders-windows-1252.csv", language: "es", encoding: "windows-1252", delimiter: ";", says: "como Windows-1252 (sus bytes no son UTF-8 válido" },
  { file: "orders-unicode-text.txt", language: "en", encoding: "utf-16le", delimiter: "\t", says: "as UTF-16 (little-endian), tab-separated" },
  { file: "orders-utf16be.csv", language: "en", encoding: "utf-16be", delimiter: ",", says: "as UTF-16 (big-endian), comma-separated" },
  { file: "orders-us.csv", language: "en", encoding: "utf-8", delimiter: ",", says: 'dates month first ("1/15/2024 1:05 AM"), as its values show' },
  { file: "orders-month-names-es.csv", language: "es", encoding: "utf-8", delimiter: "|", says: "separado por |" },
  { file: "orders.xlsx", language: "es", encoding: "", delimiter: "", says: "Leída la hoja «Pedidos» de orders.xlsx (hojas: Pedidos, Notas; elija otra con --sheet)" },
  { file: "stripe-invoices.csv", language: "en", encoding: "utf-8", delimiter: ",", says: '"Date (UTC)" → date' },
  { file: "shopify-orders.csv", language: "en", encoding: "utf-8", delimiter: ",", says: "5 rows have no readable amount: they count for customers and cohorts (by their date), not for revenue." },
  { file: "hubspot-negocios-es.xlsx", language: "es", encoding: "", delimiter: "", says: "«Empresa asociada» → customer" },
  { file: "salesforce-opportunities.csv", language: "en", encoding: "utf-8", delimiter: ",", says: "4 lines at the end skipped (the report's footer)." },
];

describe("transactions: cohort retention, MRR bridge and CLV from every order file", () => {
  const truth = cohortTruth(ORDERS);
  // 8 orders in 7 customers: José and Josè stay two (the Windows-1252 file would merge them as "Jos\uFFFD").
  test("the plain computation itself", () => {
    expect(truth.customers).toBe(7);
    expect(truth.cohorts).toBe(3);
  });

  test.each(ORDER_FILES)("$file through the CLI", async ({ file, language, says }) => {
    const r = await cli(["template", "cohort-retention", "--input", `@${file}`, "--out", `${file}.xlsx`, "--lang", language]);
    expect(r.code).toBe(0);
    expect(r.out + r.err).toContain(says);
    const L = language === "es"
      ? { customers: "Clientes", cohorts: "Cohortes", r1: "Retención de clientes, mes 1", rr1: "Retención de ingresos, mes 1" }
      : { customers: "Customers", cohorts: "Cohorts", r1: "Customer retention, month 1", rr1: "Revenue retention, month 1" };
    expectPrinted(r.out, L.customers, truth.customers, "number", language);
    expectPrinted(r.out, L.cohorts, truth.cohorts, "number", language);
    expectPrinted(r.out, L.r1, truth.retention1, "percent", language);
    expectPrinted(r.out, L.rr1, truth.revenueRetention1, "percent", language);
  });

  test.each(ORDER_FILES)("$file through the task pane's reader", async ({ file, language, encoding, delimiter }) => {
    const cohort = await viaPane(file, "cohort-retention", language, encoding, delimiter);
    expect(cohort.report.blocking).toEqual([]);
    expect(cohort.report.problems).toEqual([]);
    expect(cohort.headline("Customers")).toBe(truth.customers);
    expect(cohort.headline("Cohorts")).toBe(truth.cohorts);
    expect(cohort.headline("Customer retention, month 1")).toBeCloseTo(truth.retention1, 12);
    expect(cohort.headline("Revenue retention, month 1")).toBeCloseTo(truth.revenueRetention1, 12);
    // Every order row is a readable transaction for the CLV model too (the fit itself needs more history than 18 orders).
    const clv = await viaPane(file, "customer-lifetime-value", language, encoding, delimiter);
    // Shopify's extra line-item rows have no Total: they still date a purchase (frequency, recency), and the
    // CLV model's spend side leaves them out, in a note that names them (the partial-row rule, issue 10).
    expect(clv.report.problems).toEqual([]);
    const unpriced = (clv.report.notes ?? []).flatMap((n) => n.rows ?? []);
    expect(unpriced.length).toBe(file === "shopify-orders.csv" ? 5 : 0);
    expect(clv.report.goodRows).toBe(ORDERS.length + unpriced.length);
  });

  test.each(ORDER_FILES.filter((f) => f.file !== "shopify-orders.csv"))("$file through the MRR bridge (month of each order, amount as MRR)", async ({ file, language, encoding, delimiter }) => {
    const mrr = await viaPane(file, "mrr-bridge", language, encoding, delimiter);
    expect(mrr.report.problems).toEqual([]);
    expect(mrr.headline("MRR, latest month")).toBeCloseTo(lastMonthMrr(ORDERS), 9);
  });
});

describe("dates that stay ambiguous: the language's order, said in the report, and --date-order", () => {
  const truth = cohortTruth(AMBIGUOUS_ORDERS);
  test("Spanish reads 05/01/2024 as 5 January and says it assumed so", async () => {
    const r = await cli(["template", "cohort-retention", "--input", "@orders-ambiguous.csv", "--out", "amb-es.xlsx", "--lang", "es"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("fechas con el día primero («05/01/2024»), supuesto: lo habitual en español; si no es así, use --date-order mdy.");
    expectPrinted(r.out, "Cohortes", truth.cohorts, "number", "es");
    expectPrinted(r.out, "Retención de clientes, mes 1", truth.retention1, "percent", "es");
  });

  test("English assumes month first (and says how to change it); --date-order dmy gives the right cohorts", async () => {
    const en = await cli(["template", "cohort-retention", "--input", "@orders-ambiguous.csv", "--out", "amb-en.xlsx"]);
    expect(en.out).toContain('dates month first ("05/01/2024"), assumed: the default for English; if not, use --date-order dmy.');
    // Month first turns 05/01 into 1 May: 4 customers whose first orders fall in other months (a wrong result, as the report warns).
    expect(en.out).not.toMatch(new RegExp(`Cohorts\\s+${truth.cohorts}\\b`));
    const fixed = await cli(["template", "cohort-retention", "--input", "@orders-ambiguous.csv", "--out", "amb-fixed.xlsx", "--date-order", "dmy"]);
    expect(fixed.out).toContain('"Fecha" → date: dates day first, as you asked.');
    expectPrinted(fixed.out, "Cohorts", truth.cohorts, "number", "en");
    expectPrinted(fixed.out, "Customer retention, month 1", truth.retention1, "percent", "en");
  });
});

// ---------------------------------------------------------------- surveys

const SURVEY_FILES: { file: string; language: Language; says: string }[] = [
  { file: "qualtrics-nps.csv", language: "en", says: "Header: Qualtrics layout: 3 header rows (names, question text, ImportId)." },
  { file: "surveymonkey-nps.csv", language: "en", says: "Header: SurveyMonkey layout: 2 header rows (questions, answers)." },
  { file: "typeform-nps.csv", language: "en", says: '"How likely are you to recommend Acme to a friend or colleague?" → score' },
  { file: "google-forms-es.csv", language: "es", says: "«Marca temporal» → date: fechas con el día primero («15/01/2024 10:20:00»), como muestran sus valores." },
  { file: "google-forms-en.csv", language: "en", says: '"Timestamp" → date: dates month first' },
];

describe("survey exports: headers as each tool writes them, blank and N/A as no answer", () => {
  const truth = npsTruth();
  test.each(SURVEY_FILES)("$file through the CLI and the pane", async ({ file, language, says }) => {
    const r = await cli(["template", "survey-dashboard", "--input", `@${file}`, "--out", `${file}.xlsx`, "--lang", language]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain(says);
    expectPrinted(r.out, language === "es" ? "Respuestas" : "Responses", truth.responses, "number", language);
    expectPrinted(r.out, "NPS", truth.nps, "points", language);
    expect(r.out).toContain(
      language === "es"
        ? `${truth.noAnswer} respuestas no tienen puntuación (vacía o N/A): cuentan como sin respuesta, fuera del NPS.`
        : `${truth.noAnswer} responses have no score (empty or N/A): counted as no answer, not in the NPS.`,
    );
    const pane = await viaPane(file, "survey-dashboard", language);
    expect(pane.report.problems).toEqual([]);
    expect(pane.report.goodRows).toBe(truth.responses);
    expect(pane.headline("NPS")).toBeCloseTo(truth.nps, 12);
  });
});

// ---------------------------------------------------------------- segments, KPIs, MRR

describe("the other templates", () => {
  test("segments-es.csv: segment movement with Spanish numbers (1.234,50) and a Spanish segment order", async () => {
    const rank = new Map([["Bronce", 1], ["Plata", 2], ["Oro", 3]]);
    const before = SNAPSHOTS.filter(([, b]) => b !== "");
    const share = (test: (b: number, a: number | undefined) => boolean) => before.filter(([, b, a]) => test(rank.get(b)!, rank.get(a))).length / before.length;
    const r = await cli(["template", "segment-movement", "--input", "@segments-es.csv", "--out", "seg.xlsx", "--lang", "es", "--option", "segmentOrder=Bronce, Plata, Oro"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("«Valor» → value: números con coma decimal («1.200,50»), como muestran sus valores.");
    expectPrinted(r.out, "Suben", share((b, a) => a !== undefined && a > b), "percent", "es");
    expectPrinted(r.out, "Se mantienen", share((b, a) => a === b), "percent", "es");
    expectPrinted(r.out, "Bajan", share((b, a) => a !== undefined && a < b), "percent", "es");
    expectPrinted(r.out, "Perdidos", share((_, a) => a === undefined), "percent", "es");
  });

  test("kpis-es.csv: percentages written 2,5 % are fractions", async () => {
    const r = await cli(["template", "kpi-scorecard", "--input", "@kpis-es.csv", "--out", "kpis.xlsx", "--lang", "es"]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, "kpis.xlsx"));
    const ws = wb.worksheets[0];
    expect(kpiCell(ws, "Abandono", "actual").value).toBeCloseTo(0.025, 12);
    expect(kpiCell(ws, "CSAT", "target").value).toBeCloseTo(0.85, 12);
  });

  test("mrr-es.csv: months written «ene 2024», amounts «1.200,00 €»", async () => {
    const r = await cli(["template", "mrr-bridge", "--input", "@mrr-es.csv", "--out", "mrr.xlsx", "--lang", "es"]);
    expect(r.code).toBe(0);
    expectPrinted(r.out, "MRR, último mes", lastMonthMrr(MRR_ROWS), "money", "es");
    const pane = await viaPane("mrr-es.csv", "mrr-bridge", "es", "utf-8", ";");
    expect(pane.headline("MRR, latest month")).toBeCloseTo(lastMonthMrr(MRR_ROWS), 9);
  });
});

// ---------------------------------------------------------------- what is not a table, and the flags

describe("files that are not tables, and the reading flags", () => {
  test.each([
    ["orders.csv.gz", "is gzip-compressed: decompress it first (gunzip) and give the .csv"],
    ["orders-archive.zip", "is a zip archive, not an Excel workbook"],
    ["binary.bin", "holds binary data, not text"],
  ])("%s: exit 2 with a message naming what it is", async (file, message) => {
    const r = await cli(["template", "cohort-retention", "--input", `@${file}`, "--out", "never.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe("");
  });

  test("--sheet names the worksheet; a wrong name lists the sheets (in Spanish under LANG=es_ES.UTF-8)", async () => {
    const wrong = await cli(["template", "cohort-retention", "--input", "@orders.xlsx", "--sheet", "Ventas", "--out", "x.xlsx"], { LANG: "es_ES.UTF-8" });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain("--sheet Ventas: ");
    expect(wrong.err).toContain("no tiene ninguna hoja con ese nombre (sus hojas: Pedidos, Notas).");
    const right = await cli(["template", "cohort-retention", "--input", "@orders.xlsx", "--sheet", "Pedidos", "--out", "y.xlsx"]);
    expect(right.code).toBe(0);
  });

  test("--delimiter and --decimal override what the reader decides, and the report says so", async () => {
    const r = await cli(["template", "cohort-retention", "--input", "@orders-es-excel.csv", "--out", "z.xlsx", "--delimiter", ";", "--decimal", ","]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("semicolon-separated (as you asked).");
    expect(r.out).toContain('"Importe" → amount: numbers with a decimal comma, as you asked.');
  });
});
