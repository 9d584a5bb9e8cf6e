/**
 * The task pane, built for production with the fixture template registry
 * (test/e2e/fixtures/registry.ts), in headless Chromium at 320 px against a
 * fake Excel that serves the source range and records every write.
 *
 * Every test also checks what must hold on any page: no request left the
 * add-in's own files and Office.js, no Content-Security-Policy violation, no
 * script error, no dialog (an injected alert() would be one).
 */
import type { Page } from "playwright-core";
import type { FakeValue, FakeWorkbookSpec } from "../support/fake-workbook-api";
import { fakeWorkbook, PaneBrowser, PaneSession } from "./support/browser";
import { serveDirectory, StaticServer } from "./support/server";

let server: StaticServer;
let browser: PaneBrowser;
let session: PaneSession | undefined;

beforeAll(async () => {
  const dir = process.env.CXM_E2E_FIXTURE_DIR;
  if (!dir) throw new Error("CXM_E2E_FIXTURE_DIR is not set: run through jest.e2e.config.js (npm run test:e2e).");
  server = await serveDirectory(dir);
  browser = await PaneBrowser.launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  if (!session) return;
  const s = session;
  session = undefined;
  const csp = await s.cspViolations();
  await s.close();
  expect({ blocked: s.blocked, csp, pageErrors: s.pageErrors, consoleErrors: s.consoleErrors, dialogs: s.dialogs }).toEqual({
    blocked: [],
    csp: [],
    pageErrors: [],
    consoleErrors: [],
    dialogs: [],
  });
});

const timings: Record<string, number> = {};
afterAll(() => {
  const lines = Object.entries(timings).map(([name, ms]) => `  ${name}: ${ms} ms`);
  if (lines.length) console.log(`Time from navigation to an interactive template list (fixture build, headless Chromium):\n${lines.join("\n")}`);
});

async function open(name: string, displayLanguage: string, workbook: FakeWorkbookSpec, firstTemplate: string): Promise<Page> {
  session = await browser.open(server.origin, { displayLanguage, workbook }, (page) => page.getByRole("radio", { name: firstTemplate }));
  timings[name] = session.msToInteractive;
  return session.page;
}

/** Waits until `text` is shown somewhere on the page. */
async function see(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text).first().waitFor({ state: "visible" });
}

/** The visible text of the validation summary. */
async function validationText(page: Page, name = "Validation summary"): Promise<string> {
  return (await page.getByRole("region", { name }).innerText()).replace(/\s+/g, " ").trim();
}

// Orders: header on row 1, six data rows (sheet rows 2-7). Rows 3 and 5 are bad: amount "abc", amount empty.
const ORDERS: FakeValue[][] = [
  ["Customer ID", "Date", "Amount", "Region"],
  ["C-1", 45292, 120, "Enterprise"],
  ["C-2", 45293, "abc", "SMB"],
  ["C-3", 45294, 80, "SMB"],
  ["C-4", 45295, "", "SMB"],
  ["C-5", 45296, 95, "SMB"],
  ["C-6", 45297, 300, "Enterprise"],
];

describe("the Templates tab, in English", () => {
  it("picks a template, maps columns, reports bad rows, builds with progress, and links to the result", async () => {
    const page = await open("English flow", "en-US", { sheets: [{ name: "Orders", rows: ORDERS }], selection: "Orders!A1:D7", syncDelayMs: 200 }, "Revenue by segment");

    // The template list: every template with its one-line description.
    for (const [title, description] of [
      ["Revenue by segment", "Totals and averages per customer segment."],
      ["NPS survey", "Net Promoter Score from 0-10 answers."],
      ["LTV:CAC model", "A what-if model from inputs you type."],
    ]) {
      await page.getByRole("radio", { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).waitFor();
      await see(page, description);
    }
    expect(await page.getByRole("radio", { name: /Revenue by segment/ }).isChecked()).toBe(true);

    // Source: the selection.
    await page.getByRole("button", { name: "Use selection" }).click();
    await see(page, "Orders!A1:D7: 6 data rows");

    // Automatic mapping from the headers; Region is no synonym of Segment, so the user maps it.
    const mapping = (label: string) => page.getByLabel(label);
    expect(await mapping("Customer (required)").inputValue()).toBe("0");
    expect(await mapping("Date (required)").inputValue()).toBe("1");
    expect(await mapping("Amount (required)").inputValue()).toBe("2");
    expect(await mapping("Segment (optional)").inputValue()).toBe("-1");
    await mapping("Segment (optional)").selectOption({ label: "Region" });
    expect(await mapping("Segment (optional)").inputValue()).toBe("3");

    // The validation report names the bad rows by their sheet row before anything is written.
    await see(page, "4 rows ready.");
    expect(await validationText(page)).toBe(
      '4 rows ready. 2 rows will be left out: Row 3: Amount "abc" is not a number. Row 5: Amount "(empty)" is not a number.',
    );
    expect((await fakeWorkbook(page)).log).toEqual([]);
    // How the source was read (src/input, the same typing as the CLI), with the settings that change it.
    const read = (await page.getByRole("region", { name: "How the source was read" }).innerText()).replace(/\s+/g, " ");
    expect(read).toContain("Read Orders!A1:D7.");
    expect(read).toContain('"Amount" → Amount: numbers; cells: 1 blank, 1 unreadable.');
    expect(await page.getByLabel("Date order").inputValue()).toBe("auto");
    expect(await page.getByLabel("Decimal mark").inputValue()).toBe("auto");

    // Options.
    await page.getByLabel("Measure").selectOption({ label: "Average" });
    await page.getByLabel("Confidence level").fill("0.9");
    expect(await page.getByLabel("Period").inputValue()).toBe("month");
    // A text option: a labelled box, empty by default with its placeholder, typed into from the keyboard.
    const note = page.getByLabel("Note on the sheet");
    expect(await note.inputValue()).toBe("");
    expect(await note.getAttribute("placeholder")).toBe("Empty: no note");
    await page.getByLabel("Confidence level").focus();
    await page.keyboard.press("Tab");
    expect(await note.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("Q1, <b>review</b>");

    // Build: a progress bar while Excel is written, then the result line with a link to the new sheet.
    await page.getByRole("button", { name: "Build Revenue by segment on a new sheet" }).click();
    await page.getByRole("progressbar").waitFor({ state: "visible" });
    await page.getByRole("button", { name: "Cancel the build" }).waitFor({ state: "visible" });
    await see(page, "Built on the new sheet Revenue.");
    await page.getByRole("progressbar").waitFor({ state: "detached" });

    const book = await fakeWorkbook(page);
    expect(book.sheets).toEqual(["Orders", "Revenue"]);
    // Averages of the good rows by region: Enterprise (120 + 300) / 2 = 210; SMB (80 + 95) / 2 = 87.5.
    expect(book.values.Revenue).toEqual([
      ["Revenue by segment", ""],
      ["Orders!A1:D7 · month · 0.9 · Q1, <b>review</b>", ""],
      ["", ""],
      ["Segment", "Average"],
      ["Enterprise", 210],
      ["SMB", 87.5],
      ["All", ""],
    ]);
    // The user's sheet is untouched; the total is a formula.
    expect(book.values.Orders).toEqual(ORDERS);
    expect(book.log.some((w) => w.kind === "formulas" && w.sheet === "Revenue")).toBe(true);
    expect(book.log.filter((w) => w.sheet === "Orders")).toEqual([]);

    await page.evaluate(() => {
      // Let the user wander off to another sheet, then follow the link back.
      const m = (window as unknown as { __cxmFake: { model: { activeSheet: unknown; sheets: unknown[] } } }).__cxmFake.model;
      m.activeSheet = m.sheets[0];
    });
    await page.getByRole("button", { name: "Go to Revenue" }).click();
    await page.waitForFunction(() => (window as unknown as { __cxmFake: { model: { activeSheet: { name: string } } } }).__cxmFake.model.activeSheet.name === "Revenue");
  });

  it("can be cancelled: the build stops and leaves nothing in the workbook", async () => {
    const page = await open("cancel", "en-US", { sheets: [{ name: "Orders", rows: ORDERS }], selection: "Orders!A1:D7", syncDelayMs: 600 }, "Revenue by segment");
    await page.getByRole("button", { name: "Use selection" }).click();
    await see(page, "4 rows ready.");
    await page.getByRole("button", { name: /^Build / }).click();
    await page.getByRole("button", { name: "Cancel the build" }).click();
    await see(page, "Cancelling…");
    await see(page, "Build cancelled: nothing was left in the workbook.");
    const book = await fakeWorkbook(page);
    expect(book.sheets).toEqual(["Orders"]);
    expect(book.values.Orders).toEqual(ORDERS);
  });

  it("inserts a template's sample data into a new sheet and uses it as the source", async () => {
    const page = await open("sample", "en-US", { sheets: [{ name: "Sheet1" }] }, "Revenue by segment");
    await page.getByRole("button", { name: "Insert sample data for Revenue by segment into a new sheet" }).click();
    await see(page, "Sample data is on the new sheet Sample Revenue by segment and is now the source.");
    await see(page, "'Sample Revenue by segment'!A1:D6: 5 data rows");
    await see(page, "5 rows ready.");
    expect(await page.getByLabel("Segment (optional)").inputValue()).toBe("3");
    const book = await fakeWorkbook(page);
    expect(book.values["Sample Revenue by segment"][0]).toEqual(["Customer", "Date", "Amount", "Segment"]);
    expect(book.activeSheet).toBe("Sample Revenue by segment");
    expect(await page.getByRole("button", { name: /^Build / }).isEnabled()).toBe(true);
  });

  it("builds an inputs-only template without a source", async () => {
    const page = await open("inputs only", "en-US", { sheets: [{ name: "Sheet1" }] }, "Revenue by segment");
    await page.getByRole("radio", { name: /LTV:CAC model/ }).check();
    await see(page, "This template starts from inputs you type in the new sheet: no source data needed.");
    await page.getByRole("button", { name: "Build LTV:CAC model on a new sheet" }).click();
    await see(page, "Built on the new sheet LTV CAC.");
    expect((await fakeWorkbook(page)).values["LTV CAC"]).toEqual([
      ["ARPA", 100],
      ["LTV", ""],
    ]);
  });

  it("reads an Excel table chosen from the list", async () => {
    const page = await open("table", "en-US", {
      sheets: [{ name: "Data", rows: [["Puntuación", "Fecha"], [10, 45292], [3, 45293], ["diez", 45294]] }],
      tables: [{ name: "Survey", sheet: "Data", range: "A1:B4" }],
    }, "Revenue by segment");
    await page.getByRole("radio", { name: /NPS survey/ }).check();
    await page.getByLabel("Excel table").selectOption("Survey");
    await see(page, "Data!A1:B4: 3 data rows");
    // "Puntuación" maps to the score column, "Fecha" to the date.
    expect(await page.getByLabel("Score (required)").inputValue()).toBe("0");
    expect(await page.getByLabel("Date (optional)").inputValue()).toBe("1");
    expect(await validationText(page)).toBe('2 rows ready. 1 row will be left out: Row 4: Score "diez" is not a number.');
  });

  it("maps a column fed by several source columns with a checkbox group: proposed from the headers, changed by the user", async () => {
    const rows: FakeValue[][] = [
      ["Date", "Score", "Rating: Price", "Rating: Speed", "Comment", "Support"],
      [45292, 9, 4, 5, "Quick", 5],
      [45293, 3, 2, "", "Slow", 1],
      [45294, 7, 3, 4, "", 4],
    ];
    const page = await open("checkbox group", "en-US", { sheets: [{ name: "Survey", rows }], selection: "Survey!A1:F4" }, "Revenue by segment");
    await page.getByRole("radio", { name: /NPS survey/ }).check();
    await page.getByRole("button", { name: "Use selection" }).click();
    await see(page, "Survey!A1:F4: 3 data rows");
    expect(await page.getByLabel("Score (required)").inputValue()).toBe("1");

    // One labelled group, one checkbox per source column; the prefixed headers are proposed.
    const group = page.getByRole("group", { name: "Ratings (optional)" });
    const box = (name: string) => group.getByRole("checkbox", { name, exact: true });
    expect(await group.getByRole("checkbox").count()).toBe(6);
    expect(await box("Rating: Price").isChecked()).toBe(true);
    expect(await box("Rating: Speed").isChecked()).toBe(true);
    expect(await box("Comment").isChecked()).toBe(false);
    expect(await box("Support").isChecked()).toBe(false);
    await see(page, "Tick every column that holds one; its header names it on the sheet. 2 columns chosen");
    // A column mapped to another template column (Score, Date) cannot be ticked.
    expect(await box("Score").isDisabled()).toBe(true);
    expect(await box("Date").isDisabled()).toBe(true);

    // The user ticks Support (no prefix: its header is its label) and unticks Speed, with the keyboard and the mouse.
    await box("Support").focus();
    await page.keyboard.press("Space");
    await box("Rating: Speed").click();
    await see(page, "2 columns chosen");
    expect(await box("Rating: Speed").isChecked()).toBe(false);
    expect(await box("Support").isChecked()).toBe(true);

    await page.getByRole("button", { name: "Build NPS survey on a new sheet" }).click();
    await see(page, "Built on the new sheet NPS.");
    // The build received the chosen columns in the source's order, each with its label: Price rated 3 times, Support 3.
    expect((await fakeWorkbook(page)).values.NPS).toEqual([
      ["Responses", 3],
      ["Price", 3],
      ["Support", 3],
    ]);
  });
});

describe("a template's optional second source (the customer growth's incident log)", () => {
  const VISITS: FakeValue[][] = [["Customer"], ["C-1"], ["C-2"], ["C-3"]];
  const COMPLAINTS: FakeValue[][] = [["Who", "Kind"], ["C-1", "Late"], ["", "Rude"], ["C-3", "Late"], ["C-2", "Rude"]];
  const book = { sheets: [{ name: "Visits data", rows: VISITS }, { name: "Complaints", rows: COMPLAINTS }], tables: [{ name: "ComplaintsTable", sheet: "Complaints", range: "A1:B5" }], selection: "'Visits data'!A1:A4" };

  it("takes its own range or table, maps its own headers, names its bad rows, and reaches the build", async () => {
    const page = await open("second source", "en-US", book, "Revenue by segment");
    await page.getByRole("radio", { name: /Visits and complaints/ }).check();
    await see(page, "Complaints log (optional)");
    await see(page, "None chosen: the build leaves it out.");
    await page.getByRole("button", { name: "Use selection" }).click();
    await see(page, "3 rows ready.");

    // The second source from an Excel table; "Who" is a synonym of its customer column.
    await page.getByLabel("Excel table for the complaints log", { exact: true }).selectOption("ComplaintsTable");
    await see(page, "Complaints!A1:B5: 4 data rows");
    expect(await page.getByLabel("Complaints log: Customer (required)").inputValue()).toBe("0");
    expect(await page.getByLabel("Complaints log: Kind (optional)").inputValue()).toBe("1");
    // Its bad row is named with the source and its own sheet row.
    await see(page, "1 row will be left out:");
    expect(await validationText(page)).toBe("3 rows ready. 1 row will be left out: Complaints log, row 3: Customer is blank.");
    const read = (await page.getByRole("region", { name: "How the complaints log was read" }).innerText()).replace(/\s+/g, " ");
    expect(read).toContain("Read Complaints!A1:B5.");

    await page.getByRole("button", { name: "Build Visits and complaints on a new sheet" }).click();
    await see(page, "Built on the new sheet Visits.");
    expect((await fakeWorkbook(page)).values.Visits).toEqual([
      ["Visits", 3],
      ["Complaints from", "Complaints!A1:B5"],
      ["", ""],
      ["Late", 2],
      ["Rude", 1],
    ]);

    // Removed, the build goes without it.
    await page.getByRole("button", { name: "Remove the complaints log" }).click();
    await see(page, "None chosen: the build leaves it out.");
    await page.getByRole("button", { name: "Build Visits and complaints on a new sheet" }).click();
    await see(page, "Built on the new sheet Visits (2).");
    expect((await fakeWorkbook(page)).values["Visits (2)"]).toEqual([
      ["Visits", 3],
      ["Complaints from", "none"],
    ]);
  });

  it("inserts both samples, each on a sheet of its own, as the two sources", async () => {
    const page = await open("second sample", "es-ES", { sheets: [{ name: "Hoja1" }] }, "Ingresos por segmento");
    await page.getByRole("radio", { name: /Visitas y quejas/ }).check();
    await page.getByRole("button", { name: "Insertar datos de ejemplo de Visitas y quejas en una hoja nueva" }).click();
    await see(page, "Los datos de ejemplo están en la hoja nueva Ejemplo Visitas y quejas y ahora son el origen. Su registro de quejas está en la hoja nueva Ejemplo Registro de quejas.");
    await see(page, "'Ejemplo Registro de quejas'!A1:B3: 2 filas de datos");
    const wb = await fakeWorkbook(page);
    expect(wb.values["Ejemplo Registro de quejas"]).toEqual([["Customer", "Kind"], ["C-1", "Late"], ["C-2", "Rude"]]);
    await page.getByRole("button", { name: "Crear Visitas y quejas en una hoja nueva" }).click();
    await see(page, "Creada en la hoja nueva Visits.");
    expect((await fakeWorkbook(page)).values.Visits[1]).toEqual(["Complaints from", "'Ejemplo Registro de quejas'!A1:B3"]);
  });
});

describe("the Templates tab, in Spanish", () => {
  it("follows Office's display language through the whole flow", async () => {
    const rows: FakeValue[][] = [
      ["Cliente", "Fecha", "Importe", "Segmento"],
      ["C-1", 45292, 1000, "Grandes cuentas"],
      ["C-2", 45293, "n/d", "Pymes"],
      ["C-3", 45294, 250, "Pymes"],
    ];
    const page = await open("Spanish flow", "es-ES", { sheets: [{ name: "Ventas", rows }], selection: "Ventas!B2", syncDelayMs: 200 }, "Ingresos por segmento");
    await see(page, "Totales y medias por segmento de cliente.");
    expect(await page.getByRole("tab", { name: "Plantillas" }).getAttribute("aria-selected")).toBe("true");

    // A single selected cell stands for the data around it.
    await page.getByRole("button", { name: "Usar la selección" }).click();
    await see(page, "Ventas!A1:D4: 3 filas de datos");
    expect(await page.getByLabel("Cliente (obligatoria)").inputValue()).toBe("0");
    expect(await page.getByLabel("Fecha (obligatoria)").inputValue()).toBe("1");
    expect(await page.getByLabel("Importe (obligatoria)").inputValue()).toBe("2");
    expect(await page.getByLabel("Segmento (opcional)").inputValue()).toBe("3");

    expect(await validationText(page, "Resumen de la validación")).toBe("2 filas listas. Se dejará fuera 1 fila: Fila 3: Importe «n/d» no es un número.");
    await page.getByLabel("Medida").selectOption({ label: "Total" });
    await page.getByRole("button", { name: "Crear Ingresos por segmento en una hoja nueva" }).click();
    await page.getByRole("progressbar").waitFor({ state: "visible" });
    await see(page, "Creada en la hoja nueva Ingresos.");
    await page.getByRole("button", { name: "Ir a Ingresos" }).waitFor();

    const book = await fakeWorkbook(page);
    expect(book.values.Ingresos.slice(3, 6)).toEqual([
      ["Segment", "Total"],
      ["Grandes cuentas", 1000],
      ["Pymes", 250],
    ]);
  });

  it("switches language from the header, keeping the user's work", async () => {
    const page = await open("switch", "en-US", { sheets: [{ name: "Orders", rows: ORDERS }], selection: "Orders!A1:D7" }, "Revenue by segment");
    await page.getByRole("button", { name: "Use selection" }).click();
    await see(page, "4 rows ready.");
    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("tab", { name: "Plantillas" }).waitFor();
    await see(page, "4 filas listas.");
    await see(page, "Importe «abc» no es un número.");
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    await page.getByLabel("Idioma").selectOption("en");
    await see(page, "4 rows ready.");
  });

  it("labels the checkbox group in Spanish and proposes «Valoración - …» headers", async () => {
    const rows: FakeValue[][] = [
      ["Fecha", "Puntuación", "Valoración - Atención", "Comentario"],
      [45292, 9, 5, "Muy amables"],
      [45293, 2, 1, "Nunca contestan"],
    ];
    const page = await open("grupo de casillas", "es-ES", { sheets: [{ name: "Encuesta", rows }], selection: "Encuesta!A1:D3" }, "Ingresos por segmento");
    await page.getByRole("radio", { name: /Encuesta NPS/ }).check();
    await page.getByRole("button", { name: "Usar la selección" }).click();
    await see(page, "Encuesta!A1:D3: 2 filas de datos");
    const group = page.getByRole("group", { name: "Valoraciones (opcional)" });
    expect(await group.getByRole("checkbox", { name: "Valoración - Atención" }).isChecked()).toBe(true);
    expect(await group.getByRole("checkbox", { name: "Comentario" }).isChecked()).toBe(false);
    await see(page, "Marque cada columna que contenga una; su encabezado la nombra en la hoja. 1 columna elegida");
    await group.getByRole("checkbox", { name: "Valoración - Atención" }).click();
    await see(page, "0 columnas elegidas");
    await group.getByRole("checkbox", { name: "Valoración - Atención" }).click();
    await page.getByRole("button", { name: "Crear Encuesta NPS en una hoja nueva" }).click();
    await see(page, "Creada en la hoja nueva NPS.");
    expect((await fakeWorkbook(page)).values.NPS).toEqual([
      ["Responses", 2],
      ["Atención", 2],
    ]);
  });
});

describe("safety", () => {
  const PAYLOAD = "<img src=x onerror=alert(1)>";

  it("shows cell contents as text, never as HTML", async () => {
    const rows: FakeValue[][] = [
      ["Customer", "Date", "Amount", PAYLOAD],
      ["C-1", 45292, PAYLOAD, "A"],
      ["C-2", 45293, 5, PAYLOAD],
    ];
    // A sheet name can hold the payload too (no [ ] : * ? / \ in it); the address is shown in the pane.
    const page = await open("xss", "en-US", { sheets: [{ name: PAYLOAD, rows }], selection: `'${PAYLOAD}'!A1:D3` }, "Revenue by segment");
    await page.getByRole("button", { name: "Use selection" }).click();
    await see(page, `'${PAYLOAD}'!A1:D3: 2 data rows`);
    await page.getByLabel("Segment (optional)").selectOption({ label: PAYLOAD });
    await see(page, `Row 2: Amount "${PAYLOAD}" is not a number.`);
    await page.getByRole("button", { name: /^Build / }).click();
    await see(page, "Built on the new sheet Revenue.");
    // No element was created from the payload, no handler ran (the afterEach checks for dialogs too).
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.evaluate(() => document.body.innerHTML.includes("<img"))).toBe(false);
    expect(await page.evaluate(() => document.body.textContent?.includes("<img src=x onerror=alert(1)>"))).toBe(true);
    // The payload reached the new sheet as a text value, not a formula.
    expect((await fakeWorkbook(page)).values.Revenue[4]).toEqual([PAYLOAD, 5]);
  });
});

describe("the Functions tab", () => {
  it("searches the catalog and inserts a formula skeleton in the active cell", async () => {
    const page = await open("functions", "en-US", { sheets: [{ name: "Sheet1" }], selection: "Sheet1!B2" }, "Revenue by segment");
    await page.getByRole("tab", { name: "Functions" }).click();
    await page.getByRole("searchbox", { name: "Search functions" }).fill("churn rate");
    await page.getByText("CXM.CHURN", { exact: true }).waitFor();
    await see(page, "Customer churn rate: customers lost in the period divided by customers at its start.");
    await page.getByRole("button", { name: "Insert CXM.CHURN in the active cell" }).click();
    await see(page, "=CXM.CHURN(start_customers,lost_customers) is in Sheet1!B2. Replace the argument names with your cells.");
    const book = await fakeWorkbook(page);
    expect(book.log).toEqual([{ kind: "formulas", sheet: "Sheet1", address: "B2", detail: 1 }]);

    await page.getByRole("searchbox", { name: "Search functions" }).fill("no such thing");
    await see(page, "No function matches your search.");
  });

  it("asks before replacing a cell that is not empty; Keep leaves it, Replace writes (issue 9, item 6)", async () => {
    const page = await open("functions-occupied", "en-US", { sheets: [{ name: "Sheet1", rows: [["Q3", 1250]] }], selection: "Sheet1!B1" }, "Revenue by segment");
    await page.getByRole("tab", { name: "Functions" }).click();
    await page.getByRole("searchbox", { name: "Search functions" }).fill("churn rate");
    await page.getByRole("button", { name: "Insert CXM.CHURN in the active cell" }).click();
    await see(page, "Sheet1!B1 is not empty: it holds 1250. Replace it with the formula?");
    expect((await fakeWorkbook(page)).log).toEqual([]);
    await page.getByRole("button", { name: "Keep it" }).click();
    await see(page, "Nothing was inserted: Sheet1!B1 keeps what it holds. Select an empty cell and insert again.");
    expect((await fakeWorkbook(page)).values.Sheet1[0]).toEqual(["Q3", 1250]);

    await page.getByRole("button", { name: "Insert CXM.CHURN in the active cell" }).click();
    await page.getByRole("button", { name: "Replace", exact: true }).click();
    await see(page, "=CXM.CHURN(start_customers,lost_customers) is in Sheet1!B1. Replace the argument names with your cells.");
    expect((await fakeWorkbook(page)).log).toEqual([{ kind: "formulas", sheet: "Sheet1", address: "B1", detail: 1 }]);
  });

  it("asks in Spanish too", async () => {
    const page = await open("funciones-ocupada", "es-ES", { sheets: [{ name: "Hoja1", rows: [["=SUMA(1)"]] }], selection: "Hoja1!A1" }, "Ingresos por segmento");
    await page.getByRole("tab", { name: "Funciones" }).click();
    await page.getByRole("searchbox", { name: "Buscar funciones" }).fill("CXM.NPS");
    await page.getByRole("button", { name: "Insertar CXM.NPS en la celda activa" }).click();
    await see(page, /^Hoja1!A1 no está vacía: contiene .+\. ¿Sustituirla por la fórmula\?$/);
    await page.getByRole("button", { name: "Conservarla" }).click();
    await see(page, "No se ha insertado nada: Hoja1!A1 conserva su contenido. Seleccione una celda vacía e inserte de nuevo.");
    expect((await fakeWorkbook(page)).log).toEqual([]);
  });

  it("lists the catalog in Spanish from functions-es.json", async () => {
    const page = await open("funciones", "es-MX", { sheets: [{ name: "Hoja1" }], selection: "Hoja1!A1" }, "Ingresos por segmento");
    await page.getByRole("tab", { name: "Funciones" }).click();
    await page.getByRole("searchbox", { name: "Buscar funciones" }).fill("CXM.NPS");
    await page.getByText("CXM.NPS", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Insertar CXM.NPS en la celda activa" }).waitFor();
    const spanish = await page.evaluate(async () => (await (await fetch("functions-es.json")).json()) as { functions: { id: string; description: string }[] });
    await see(page, spanish.functions.find((f) => f.id === "NPS")!.description);
  });
});

describe("accessibility and layout", () => {
  it("labels every control, is keyboard reachable, and fits 320 px without horizontal scrolling", async () => {
    const page = await open("keyboard", "en-US", { sheets: [{ name: "Orders", rows: ORDERS }], selection: "Orders!A1:D7" }, "Revenue by segment");
    await page.getByRole("button", { name: "Use selection" }).click();
    await see(page, "4 rows ready.");

    // Every interactive element in the accessibility tree has a name.
    const tree = await page.locator("body").ariaSnapshot();
    const unnamed = tree.split("\n").filter((line) => /^\s*- (button|combobox|textbox|searchbox|radio|tab|checkbox|spinbutton|link)\s*(\[[^\]]*\])?:?\s*$/.test(line));
    expect(unnamed).toEqual([]);

    // Keyboard only: from the top, Tab reaches the language switch, the tabs, the templates; arrows choose a template.
    await page.locator("body").focus();
    const focused = async () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return `${el?.tagName.toLowerCase()}|${el?.getAttribute("aria-label") ?? el?.textContent?.trim().slice(0, 40)}`;
      });
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      seen.push(await focused());
    }
    for (const expected of ["select|Language", "button|Templates", "input|", "button|Insert sample data for Revenue by segment into a new sheet", "button|Use selection", "select|", "button|Build Revenue by segment on a new sheet"]) {
      expect(seen.some((s) => s.startsWith(expected))).toBe(true);
    }
    // The radio group: focus the checked radio, then ArrowDown selects the next template.
    await page.getByRole("radio", { name: /Revenue by segment/ }).focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.getByRole("radio", { name: /NPS survey/ }).isChecked()).toBe(true);
    await page.keyboard.press("ArrowUp");
    // Build from the keyboard.
    await page.getByRole("button", { name: /^Build / }).focus();
    await page.keyboard.press("Enter");
    await see(page, "Built on the new sheet Revenue.");

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
