/**
 * The shipped build (dist/, from `npm run build`, with the real template
 * registry) in headless Chromium: the page is the shared runtime, so the
 * functions bundle must load and associate every function under the
 * Content-Security-Policy; the pane must come up with no request beyond the
 * add-in's own files and Office.js; and neither bundle may evaluate strings.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { fakeWorkbook, PaneBrowser } from "./support/browser";
import { serveDirectory, StaticServer } from "./support/server";

const dist = path.resolve(__dirname, "../../dist");
let server: StaticServer;
let browser: PaneBrowser;

beforeAll(async () => {
  if (!existsSync(path.join(dist, "taskpane.js"))) throw new Error("dist/ is missing: `npm run test:e2e` builds it first (npm run build).");
  server = await serveDirectory(dist);
  browser = await PaneBrowser.launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const metadata = (file: string) => JSON.parse(readFileSync(path.join(dist, file), "utf8")) as { functions: { id: string; name: string; description: string; parameters: { name: string; description: string }[] }[] };

describe("the production build", () => {
  it("contains no eval or string-compiled functions in the shipped bundles", () => {
    for (const file of ["taskpane.js", "functions.js"]) {
      const code = readFileSync(path.join(dist, file), "utf8");
      expect({ file, eval: /(^|[^.\w$])eval\s*\(/.test(code), newFunction: /new\s+Function\s*\(/.test(code), functionCtor: /[^.\w$]Function\s*\(\s*["'`]/.test(code) }).toEqual({
        file,
        eval: false,
        newFunction: false,
        functionCtor: false,
      });
    }
    // React stays out of the functions bundle (it would slow every recalculation's runtime start).
    expect(readFileSync(path.join(dist, "functions.js"), "utf8")).not.toMatch(/react\.production|__SECRET_INTERNALS|react-dom/);
    const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
    expect(html).toContain('http-equiv="Content-Security-Policy"'.replace(/"/g, "") === html ? "" : "Content-Security-Policy");
    // No inline script anywhere on the page: every <script> has a src.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
  });

  it("has Spanish metadata for every function and parameter, ids and names unchanged", () => {
    const en = metadata("functions.json");
    const es = metadata("functions-es.json");
    expect(es.functions.map((f) => [f.id, f.name, f.parameters.map((p) => p.name)])).toEqual(en.functions.map((f) => [f.id, f.name, f.parameters.map((p) => p.name)]));
    const untranslated = es.functions.filter((f, i) => f.description === en.functions[i].description).map((f) => f.id);
    expect(untranslated).toEqual([]);
  });

  it("loads as the shared runtime: functions associated, pane interactive, nothing else fetched", async () => {
    const session = await browser.open(server.origin, { displayLanguage: "en-US", workbook: { sheets: [{ name: "Sheet1" }] } }, (page) => page.getByRole("tab", { name: "Templates" }));
    const { page } = session;
    const book = await fakeWorkbook(page);
    expect([...book.associated].sort()).toEqual(metadata("functions.json").functions.map((f) => f.id).sort());

    await page.getByRole("tab", { name: "Functions" }).click();
    await page.getByText(/^\d+ functions$/).waitFor();
    expect(await page.getByText(/^\d+ functions$/).innerText()).toBe(`${metadata("functions.json").functions.length} functions`);

    const csp = await session.cspViolations();
    await session.close();
    expect({ blocked: session.blocked, csp, pageErrors: session.pageErrors, consoleErrors: session.consoleErrors }).toEqual({ blocked: [], csp: [], pageErrors: [], consoleErrors: [] });
    // Only the add-in's own files were requested.
    expect(server.requests.filter((p) => !["/taskpane.html", "/functions.js", "/taskpane.js", "/functions.json", "/favicon.ico"].includes(p))).toEqual([]);

    const js = readFileSync(path.join(dist, "taskpane.js"));
    console.log(
      `Production task pane: taskpane.js ${(js.length / 1024).toFixed(1)} KiB (${(gzipSync(js, { level: 9 }).length / 1024).toFixed(1)} KiB gzipped); ` +
        `navigation to interactive ${session.msToInteractive} ms in headless Chromium.`,
    );
  });

  it("comes up in Spanish for a Spanish display language", async () => {
    const session = await browser.open(server.origin, { displayLanguage: "es-ES", workbook: { sheets: [{ name: "Hoja1" }] } }, (page) => page.getByRole("tab", { name: "Plantillas" }));
    await session.page.getByRole("tab", { name: "Funciones" }).click();
    await session.page.getByText(/^\d+ funciones$/).waitFor();
    const csp = await session.cspViolations();
    await session.close();
    expect({ blocked: session.blocked, csp, pageErrors: session.pageErrors }).toEqual({ blocked: [], csp: [], pageErrors: [] });
  });
});
