import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { ltv } from "../../src/metrics/ltv";
import { templates } from "../../src/templates/registry";
import { runCli, tempDir } from "../support/cli";
import { kpiCell } from "../support/scorecard-cells";

const dir = tempDir();
const file = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return name;
};
const workbook = async (name: string) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, name));
  return wb;
};

// Ten responses: 5 promoters (10, 9, 9, 10, 9), 2 passives (8, 7), 3 detractors (6, 5, 3)
// -> NPS = 100 × (5 − 3) / 10 = 20 (hand arithmetic). One comment looks like a formula.
const ENGLISH = `Date,NPS score,Segment,Comment
2024-03-01,10,Enterprise,Great
2024-03-02,9,SMB,"=HYPERLINK(""http://x"")"
2024-03-03,9,SMB,
2024-03-04,8,Enterprise,
2024-03-05,7,SMB,
2024-03-06,6,SMB,
2024-03-07,5,Enterprise,
2024-03-08,10,SMB,
2024-03-09,3,SMB,
2024-03-10,9,Enterprise,
`;

// The same responses as a Spanish export: semicolons, day-first dates, Spanish headers with accents.
const SPANISH = `Fecha;Puntuación;Segmento;Comentario
01/03/2024;10;Grande;Genial
02/03/2024;9;Pyme;
03/03/2024;9;Pyme;
04/03/2024;8;Grande;
05/03/2024;7;Pyme;
06/03/2024;6;Pyme;
07/03/2024;5;Grande;
08/03/2024;10;Pyme;
09/03/2024;3;Pyme;
10/03/2024;9;Grande;
`;

// Two bad rows, on lines 3 and 5 of the file.
const WITH_BAD_ROWS = `Date,Score
2024-03-01,10
2024-03-02,n/a
2024-03-03,9
yesterday,8
2024-03-05,7
`;

beforeAll(() => {
  file("en.csv", ENGLISH);
  file("es.csv", SPANISH);
  file("bad.csv", WITH_BAD_ROWS);
});

describe("cxm template survey-dashboard", () => {
  test("English headers: maps them, writes the workbook, prints NPS = 20; formula-like comments stay text", async () => {
    const r = await runCli(["template", "survey-dashboard", "--input", "en.csv", "--out", "en.xlsx"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain('score        <- "NPS score"');
    expect(r.out).toContain("(not used)"); // csat and ces
    expect(r.out).toMatch(/NPS\s+20\.0/);
    expect(r.out).toMatch(/Responses\s+10/);
    const wb = await workbook("en.xlsx");
    expect(wb.worksheets.map((w) => w.name)).toEqual(["NPS dashboard", "Survey responses"]);
    const cells: unknown[] = [];
    wb.getWorksheet("Survey responses")!.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain('=HYPERLINK("http://x")'); // a plain string cell, not { formula }
  });

  test("Spanish headers and day-first dates with --lang es: the same NPS, printed the Spanish way", async () => {
    const r = await runCli(["template", "survey-dashboard", "--input", "es.csv", "--out", "es.xlsx", "--lang", "es"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain('date         <- "Fecha"');
    expect(r.out).toMatch(/NPS\s+20,0/);
    expect(r.out).toMatch(/Respuestas\s+10/);
    expect(existsSync(path.join(dir, "es.xlsx"))).toBe(true);
  });

  test("bad rows without --accept-bad-rows: the report names each by its line, exit 1, nothing written", async () => {
    const r = await runCli(["template", "survey-dashboard", "--input", "bad.csv", "--out", "bad.xlsx"], dir);
    expect(r.code).toBe(1);
    // "n/a" is a survey's "no answer": counted in a note, not a bad row (issue 10).
    expect(r.err).toContain("bad.csv: 1 row cannot be used:");
    expect(r.err).toContain("1 response has no score (empty or N/A): counted as no answer, not in the NPS. (line 3)");
    expect(r.err).toContain('Line 5 [date]: Date "yesterday" is not a date');
    expect(r.err).toContain("3 rows can be used.");
    expect(r.err).toContain("--accept-bad-rows");
    expect(existsSync(path.join(dir, "bad.xlsx"))).toBe(false);
  });

  test("the report in Spanish with --lang es", async () => {
    const r = await runCli(["template", "survey-dashboard", "--input", "bad.csv", "--out", "bad-es.xlsx", "--lang", "es"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Línea 5 [date]: Fecha «yesterday» no es una fecha");
    expect(r.err).toContain("1 respuesta no tiene puntuación (vacía o N/A): cuenta como sin respuesta, fuera del NPS. (línea 3)");
    expect(r.err).toContain("No se puede usar 1 fila:");
    expect(r.err).toContain("cxm: No se ha escrito nada. Corrija las filas de arriba");
    expect(existsSync(path.join(dir, "bad-es.xlsx"))).toBe(false);
  });

  test("bad rows with --accept-bad-rows: the report is printed and the workbook built from the 3 good rows", async () => {
    const r = await runCli(["template", "survey-dashboard", "--input", "bad.csv", "--out", "good.xlsx", "--accept-bad-rows"], dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain("Line 5 [date]");
    // Good rows: 10, 9, 7 -> 2 promoters, 1 passive, 0 detractors: NPS = 100 × 2 / 3 = 66.7.
    expect(r.out).toMatch(/Responses\s+3/);
    expect(r.out).toMatch(/NPS\s+66\.7/);
    expect(existsSync(path.join(dir, "good.xlsx"))).toBe(true);
  });

  test("a missing column is named with the file's headers; --map supplies it", async () => {
    const csv = file("q.csv", "When,Q1\n2024-03-01,9\n2024-03-02,4\n");
    const missing = await runCli(["template", "survey-dashboard", "--input", csv, "--out", "q.xlsx"], dir);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("q.csv has no column for date (Date;");
    expect(missing.err).toContain("score (Score;");
    expect(missing.err).toContain("Its headers are: When, Q1.");
    expect(existsSync(path.join(dir, "q.xlsx"))).toBe(false);
    const mapped = await runCli(["template", "survey-dashboard", "--input", csv, "--out", "q.xlsx", "--map", "date=when", "--map", "score=Q1"], dir);
    expect(mapped.err).toBe("");
    expect(mapped.code).toBe(0);
    // 1 promoter, 1 detractor of 2: NPS 0.
    expect(mapped.out).toMatch(/NPS\s+0\.0/);
  });

  test("without --out the workbook is <template id>.xlsx in the current folder", async () => {
    const r = await runCli(["template", "survey-dashboard", "--input", "en.csv"], dir);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, "survey-dashboard.xlsx"))).toBe(true);
  });
});

describe("cxm template: mistakes are named (exit 2)", () => {
  test.each([
    [["template", "nps-by-magic", "--input", "en.csv"], `Unknown template "nps-by-magic". The templates are: ${templates.map((t) => t.id).join(", ")} (see cxm list).`],
    [["template", "survey-dashboard", "--input", "nowhere.csv"], "File not found: nowhere.csv"],
    [["template", "survey-dashboard"], "Template survey-dashboard needs --input file.csv with columns date, score."],
    [["template", "survey-dashboard", "--input", "en.csv", "--map", "rating=Score"], 'template survey-dashboard has no column "rating" (its columns: date, score, segment, csat, ces, comment, attributes)'],
    [["template", "survey-dashboard", "--input", "en.csv", "--map", "score=Rating"], 'en.csv has no column "Rating" (its headers: Date, NPS score, Segment, Comment)'],
    [["template", "survey-dashboard", "--input", "en.csv", "--option", "alpha=0.1"], 'template survey-dashboard has no option "alpha" (its options: confidence, csatSatisfiedMin, driverMethod)'],
    [["template", "survey-dashboard", "--input", "en.csv", "--option", "confidence=high"], "--option confidence=high: Confidence level must be a number."],
    [["template", "survey-dashboard", "--input", "en.csv", "--out", "no/such/folder/x.xlsx"], "Cannot write no/such/folder/x.xlsx: the folder"],
    [["template", "ltv-cac", "--option", "retention=sometimes"], "--option retention=sometimes: Retention must be one of constant, cohorts."],
    [["template", "ltv-cac", "--option", "currency=¥"], '--option currency=¥: Currency must be one of auto, $, €, £, "" (None).'],
  ])("%j", async (argv, message) => {
    const r = await runCli(argv, dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.startsWith("cxm: ")).toBe(true);
  });
});

describe("cxm template ltv-cac and kpi-scorecard (inputs, not rows)", () => {
  test("ltv-cac from --option: LTV = 120 × 0.8 / 5% = 1,920", async () => {
    const r = await runCli(["template", "ltv-cac", "--option", "churn=5%", "--out", "model.xlsx"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(ltv(120, 0.8, 0.05)).toBeCloseTo(1920, 9);
    expect(r.out).toMatch(/LTV\s+1,920/);
    const wb = await workbook("model.xlsx");
    expect(wb.worksheets.map((w) => w.name)).toEqual(["LTV model"]);
  });

  test("ltv-cac with an impossible input: the option is named, exit 1, nothing written", async () => {
    const r = await runCli(["template", "ltv-cac", "--option", "churn=0", "--out", "broken.xlsx"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Option churn (Monthly churn rate (fraction)) must be a fraction above 0 and at most 1 (0.03 or 3%); got "0".');
    expect(existsSync(path.join(dir, "broken.xlsx"))).toBe(false);
  });

  test("ltv-cac with retention from a payments log (--input): the sBG LTV beside the constant churn's", async () => {
    const log = file("payments.csv", "customer,date\na,2024-01-05\na,2024-02-05\na,2024-03-05\nb,2024-01-07\nb,2024-02-07\nc,2024-01-09\nd,2024-02-01\nd,2024-03-01\n");
    const r = await runCli(["template", "ltv-cac", "--input", log, "--option", "retention=cohorts", "--option", "discount=0.8%", "--out", "cohorts.xlsx"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/LTV with cohort retention \(sBG\)\s+\d/);
    const none = await runCli(["template", "ltv-cac", "--input", log, "--out", "none.xlsx"], dir);
    expect(none.code).toBe(1);
    expect(none.err).toContain("A transaction log is read only for retention from your cohorts");
  });

  test("kpi-scorecard from a Spanish KPI list", async () => {
    const csv = file("kpis.csv", "Indicador;Objetivo;Real;Mejor si\nNPS;35;41;mayor\nAbandono;2%;2,3%;menor\n");
    const r = await runCli(["template", "kpi-scorecard", "--input", csv, "--out", "kpis.xlsx", "--lang", "es"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const ws = (await workbook("kpis.xlsx")).getWorksheet("Cuadro de mando CX")!;
    expect(kpiCell(ws, "NPS", "actual").value).toBe(41);
    expect(kpiCell(ws, "Abandono", "actual").value).toBeCloseTo(0.023, 12);
    // The status formula's cached value, in Spanish: 2.3% against 2% with no tolerance (lower is better) is missed.
    expect(kpiCell(ws, "Abandono", "status").value).toMatchObject({ result: "no cumplido" });
  });

  test("kpi-scorecard without a file builds the sample KPIs", async () => {
    const r = await runCli(["template", "kpi-scorecard", "--out", "sample-kpis.xlsx"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/NPS\s+30\.8/); // 100 × (412 − 150) / 850
  });
});

describe("cxm template segment-movement with a text option (the segment order)", () => {
  // Gold is seen first, so the automatic order (as first seen) would rank Gold lowest; C7 moves to a segment outside the ladder.
  const SEGMENTS = `Customer,Segment before,Segment after,Revenue
C3,Gold,Silver,300
C1,Bronze,Silver,100
C2,Silver,Gold,200
C4,Gold,,400
C5,Silver,Silver,150
C6,,Bronze,50
C7,Silver,Diamond,80
`;
  beforeAll(() => file("segments.csv", SEGMENTS));
  const order = ["--option", "segmentOrder=Bronze, Silver, Gold"];

  test("a segment not in the given order is named by its line (en, es); exit 1, nothing written", async () => {
    const r = await runCli(["template", "segment-movement", "--input", "segments.csv", "--out", "seg-bad.xlsx", ...order], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Line 8 [after]: The segment "Diamond" is not in the segment order (Bronze, Silver, Gold).');
    expect(r.err).toContain("6 rows can be used.");
    expect(existsSync(path.join(dir, "seg-bad.xlsx"))).toBe(false);
    const es = await runCli(["template", "segment-movement", "--input", "segments.csv", "--out", "seg-bad.xlsx", "--lang", "es", ...order], dir);
    expect(es.err).toContain("Línea 8 [after]: El segmento «Diamond» no está en el orden de los segmentos (Bronze, Silver, Gold).");
  });

  test("with --accept-bad-rows: built from the 6 good rows in the given order", async () => {
    const r = await runCli(["template", "segment-movement", "--input", "segments.csv", "--out", "seg.xlsx", "--accept-bad-rows", ...order], dir);
    expect(r.code).toBe(0);
    // Bronze < Silver < Gold. With a segment before: C3 Gold->Silver down, C1 Bronze->Silver up, C2 Silver->Gold up,
    // C4 Gold->none lost, C5 Silver->Silver stayed (C6 is new, C7 left out): 2/5 up, 1/5 each of the others (hand count).
    expect(r.out).toMatch(/Moved up\s+40\.0%/);
    expect(r.out).toMatch(/Stayed\s+20\.0%/);
    expect(r.out).toMatch(/Moved down\s+20\.0%/);
    expect(r.out).toMatch(/Lost\s+20\.0%/);
    const ws = (await workbook("seg.xlsx")).getWorksheet("Segment movement")!;
    const labels: unknown[] = [];
    ws.eachRow((row) => {
      if (row.getCell(1).value === "Segment") labels.push(row.getCell(2).value, row.getCell(3).value, row.getCell(4).value);
    });
    expect(labels).toEqual(["Bronze", "Silver", "Gold"]);
  });

  test("without the option the order is automatic (as first seen: Gold, Bronze, Silver, then Diamond), so the shares differ", async () => {
    const r = await runCli(["template", "segment-movement", "--input", "segments.csv", "--out", "seg-auto.xlsx"], dir);
    expect(r.code).toBe(0);
    // The before column is read first: Gold (C3), Bronze (C1), Silver (C2); then Diamond from the after column.
    // Ranks Gold 1, Bronze 2, Silver 3, Diamond 4: C3 up, C1 up, C2 down, C4 lost, C5 stayed, C7 up -> 3/6 up, 1/6 each other (hand count).
    expect(r.out).toMatch(/Moved up\s+50\.0%/);
    expect(r.out).toMatch(/Moved down\s+16\.7%/);
  });
});

describe("cxm list and --help", () => {
  test("list names every template, its columns with the headers they recognise, and its options", async () => {
    const r = await runCli(["list"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain("survey-dashboard: Survey dashboard (NPS, CSAT, CES)");
    expect(r.out).toContain("score: Score; headers: score, nps score, nps, puntuacion");
    expect(r.out).toContain("churn: Monthly churn rate (fraction), default 0.03");
    expect(r.out).toContain("Optional input file (--input file.csv), one row per item:");
    expect(r.out).toContain('segmentOrder: Segment order, lowest first (e.g. Bronze, Silver, Gold) [text], default "" (Empty: numbers ascending, else as first seen)');
    const es = await runCli(["list", "--lang", "es"], dir);
    expect(es.out).toContain("survey-dashboard: Panel de encuestas (NPS, CSAT, CES)");
    expect(es.out).toContain('segmentOrder: Orden de los segmentos, de menor a mayor (p. ej., Bronce, Plata, Oro) [texto], por defecto "" (Vacío:');
    expect(es.out).toContain("period: Periodo de cohorte [week (semana) | month (mes) | quarter (trimestre) | year (año)], por defecto month (mes)");
    expect(es.out).toContain("Columnas (--input archivo.csv o .xlsx):");
  });

  test("--help shows every command", async () => {
    const r = await runCli(["--help"], dir);
    expect(r.code).toBe(0);
    for (const word of ["cxm demo", "cxm list", "cxm template <id>", "--accept-bad-rows", "--map key=Header", "Exit codes"]) expect(r.out).toContain(word);
  });
});

describe("cxm in Spanish (issue 10): --lang es or a Spanish locale, Spanish option words, plurals", () => {
  const ORDERS = "Cliente;Fecha;Importe\nAna;15/01/2024;12,50\nLuis;20/02/2024;1.234,50\nAna;03/04/2024;7\n";
  beforeAll(() => file("pedidos.csv", ORDERS));

  test("period=trimestre and measure=clientes are the quarter and customers choices", async () => {
    const r = await runCli(["template", "cohort-retention", "--input", "pedidos.csv", "--out", "trim.xlsx", "--lang", "es", "--option", "period=trimestre", "--option", "measure=clientes"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    // Ana's cohort is Q1 2024 (January), Luis's too (February): 2 customers, 1 cohort.
    expect(r.out).toMatch(/Clientes\s+2/);
    expect(r.out).toMatch(/Cohortes\s+1/);
    expect(r.out).toContain("Columnas de pedidos.csv:");
  });

  test("LANG=es_ES.UTF-8 without --lang: errors, help and list in Spanish; --lang en wins over it", async () => {
    const env = { LANG: "es_ES.UTF-8" };
    const missing = await runCli(["template", "cohort-retention", "--input", "nada.csv"], dir, undefined, env);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("cxm: No se encuentra el archivo: nada.csv");
    const help = await runCli(["--help"], dir, undefined, env);
    expect(help.out).toContain("Códigos de salida: 0 hecho");
    const list = await runCli(["list"], dir, undefined, env);
    expect(list.out).toContain("Opciones (--option clave=valor):");
    const wrong = await runCli(["template", "cohort-retention", "--input", "pedidos.csv", "--option", "period=quincena"], dir, undefined, env);
    expect(wrong.err).toContain("--option period=quincena: Periodo de cohorte debe ser uno de estos valores: week, month, quarter, year.");
    const en = await runCli(["template", "cohort-retention", "--input", "nada.csv", "--lang", "en"], dir, undefined, env);
    expect(en.err).toContain("cxm: File not found: nada.csv");
  });

  test("plurals as each language makes them: «No se puede usar 1 fila», «1 row cannot be used»", async () => {
    const bad = file("una-mala.csv", "Cliente;Fecha\nAna;15/01/2024\n;16/01/2024\n");
    const es = await runCli(["template", "cohort-retention", "--input", bad, "--out", "m.xlsx", "--lang", "es"], dir);
    expect(es.err).toContain("No se puede usar 1 fila:");
    expect(es.err).toContain("Se puede usar 1 fila.");
    expect(es.err).toContain("crear el libro solo con la fila válida.");
    const en = await runCli(["template", "cohort-retention", "--input", bad, "--out", "m.xlsx"], dir);
    expect(en.err).toContain("1 row cannot be used:");
    expect(en.err).toContain("from the 1 good row only.");
  });
});
