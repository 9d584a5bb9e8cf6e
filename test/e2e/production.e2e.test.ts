/**
 * The shipped build (dist/, from `npm run build`, with the real template
 * registry) in headless Chromium: the page is the shared runtime, so the
 * functions bundle must load and associate every function under the
 * Content-Security-Policy; the pane must list the real templates and build
 * each one from its sample data with no request beyond the add-in's own files
 * and Office.js; and no shipped bundle may evaluate strings.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { templates } from "../../src/templates/registry";
import { fakeWorkbook, PaneBrowser, PaneSession } from "./support/browser";
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

/** The page's Content-Security-Policy, directive -> sources, from the built taskpane.html's meta tag. */
function builtCsp(): Map<string, string[]> {
  const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
  const meta = /<meta[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*content="([^"]*)"/i.exec(html);
  if (!meta) throw new Error("dist/taskpane.html has no Content-Security-Policy meta tag.");
  return new Map(
    meta[1]
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** Closes the session and checks what must hold on any page: nothing fetched from elsewhere, no CSP violation, no error. */
async function closeClean(session: PaneSession): Promise<void> {
  const csp = await session.cspViolations();
  await session.close();
  expect({ blocked: session.blocked, csp, pageErrors: session.pageErrors, consoleErrors: session.consoleErrors, dialogs: session.dialogs }).toEqual({
    blocked: [],
    csp: [],
    pageErrors: [],
    consoleErrors: [],
    dialogs: [],
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The titles of the pane's template list, in order. */
async function listedTemplates(page: Page): Promise<string[]> {
  const radios = page.getByRole("radio");
  const names: string[] = [];
  for (let i = 0; i < (await radios.count()); i++) names.push((await radios.nth(i).getAttribute("value")) ?? "");
  return names;
}

describe("the production build", () => {
  it("contains no eval or string-compiled functions in any shipped bundle", () => {
    const bundles = readdirSync(dist).filter((f) => f.endsWith(".js"));
    expect(bundles).toEqual(expect.arrayContaining(["functions.js", "taskpane.js"]));
    for (const file of bundles) {
      const code = readFileSync(path.join(dist, file), "utf8");
      expect({ file, eval: /(^|[^.\w$])eval\s*\(/.test(code), newFunction: /new\s+Function\s*\(/.test(code), functionCtor: /(^|[^.\w$])Function\s*\(\s*["'`]/.test(code) }).toEqual({
        file,
        eval: false,
        newFunction: false,
        functionCtor: false,
      });
    }
    // React stays out of the functions bundle (it would slow every recalculation's runtime start).
    expect(readFileSync(path.join(dist, "functions.js"), "utf8")).not.toMatch(/react\.production|__SECRET_INTERNALS|react-dom/);
  });

  it("serves the pane under a Content-Security-Policy that allows only the add-in and Office.js, and no eval", () => {
    const csp = builtCsp();
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    // Fluent UI (Griffel) inserts <style> rules at run time; nothing else is relaxed.
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    const all = [...csp.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all.filter((s) => s === "*" || s === "https:" || s === "http:")).toEqual([]);
    // No inline script anywhere on the page: every <script> has a src.
    const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
    expect(html.match(/<script[^>]*\bsrc=["']?([^"' >]+)/g)?.map((s) => s.replace(/.*src=["']?/, ""))).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      "functions.js",
      "taskpane.js",
    ]);
  });

  it("has Spanish metadata for every function and parameter, ids and names unchanged", () => {
    const en = metadata("functions.json");
    const es = metadata("functions-es.json");
    expect(es.functions.map((f) => [f.id, f.name, f.parameters.map((p) => p.name)])).toEqual(en.functions.map((f) => [f.id, f.name, f.parameters.map((p) => p.name)]));
    const untranslated = es.functions.filter((f, i) => f.description === en.functions[i].description).map((f) => f.id);
    expect(untranslated).toEqual([]);
    const emptyParameters = es.functions.flatMap((f) => f.parameters.filter((p) => !p.description.trim()).map((p) => `${f.id}(${p.name})`));
    expect(emptyParameters).toEqual([]);
  });

  it("loads as the shared runtime: functions associated, the real templates listed, nothing else fetched", async () => {
    const session = await browser.open(server.origin, { displayLanguage: "en-US", workbook: { sheets: [{ name: "Sheet1" }] } }, (page) => page.getByRole("tab", { name: "Templates" }));
    const { page } = session;
    const book = await fakeWorkbook(page);
    expect([...book.associated].sort()).toEqual(metadata("functions.json").functions.map((f) => f.id).sort());

    // The bundle was built from src/templates/registry.ts, not the e2e fixture registry.
    expect(await listedTemplates(page)).toEqual(templates.map((t) => t.id));
    for (const t of templates) await page.getByRole("radio", { name: new RegExp(`^${escape(t.title.en)}`) }).waitFor();
    expect(await page.getByText("Revenue by segment").count()).toBe(0);

    await page.getByRole("tab", { name: "Functions" }).click();
    await page.getByText(/^\d+ functions$/).waitFor();
    expect(await page.getByText(/^\d+ functions$/).innerText()).toBe(`${metadata("functions.json").functions.length} functions`);

    await closeClean(session);
    // Only the add-in's own files were requested.
    expect(server.requests.filter((p) => !["/taskpane.html", "/functions.js", "/taskpane.js", "/functions.json", "/favicon.ico"].includes(p))).toEqual([]);

    const js = readFileSync(path.join(dist, "taskpane.js"));
    console.log(
      `Production task pane: taskpane.js ${js.length} bytes = ${(js.length / 1024).toFixed(1)} KiB (${(gzipSync(js, { level: 9 }).length / 1024).toFixed(1)} KiB gzipped); ` +
        `navigation to interactive ${session.msToInteractive} ms in headless Chromium.`,
    );
  });

  it("loads the text engine chunk on the first CXM.SENTIMENT call, from the add-in's own folder, under the CSP", async () => {
    const session = await browser.open(server.origin, { displayLanguage: "es-ES", workbook: { sheets: [{ name: "Hoja1" }] } }, (page) => page.getByRole("tab", { name: "Plantillas" }));
    const { page } = session;
    const chunkRequests = () => server.requests.filter((p) => /^\/text-engine\.[0-9a-f]{8}\.js$/.test(p));
    const before = chunkRequests().length;
    const result = await page.evaluate(async () => {
      const fns = (window as unknown as { __cxmFake: { functions: Record<string, (...a: unknown[]) => Promise<unknown>> } }).__cxmFake.functions;
      const scores = await fns["SENTIMENT"]([["Muy buena atención"], ["Terrible service"]], null);
      const labels = await fns["SENTIMENT.LABEL"]([["Excelente"]], null);
      return { scores, labels };
    });
    const [[good], [bad]] = result.scores as number[][];
    expect(good).toBeGreaterThan(0);
    expect(bad).toBeLessThan(0);
    // Office's display language is Spanish: the label is in Spanish.
    expect(result.labels).toEqual([["positivo"]]);
    expect(chunkRequests().length).toBe(before + 1);
    await closeClean(session);
  });

  it("comes up in Spanish for a Spanish display language", async () => {
    const session = await browser.open(server.origin, { displayLanguage: "es-ES", workbook: { sheets: [{ name: "Hoja1" }] } }, (page) => page.getByRole("tab", { name: "Plantillas" }));
    const { page } = session;
    for (const t of templates) await page.getByRole("radio", { name: new RegExp(`^${escape(t.title.es)}`) }).waitFor();
    await page.getByRole("tab", { name: "Funciones" }).click();
    await page.getByText(/^\d+ funciones$/).waitFor();
    const es = metadata("functions-es.json").functions.find((f) => f.id === "CHURN");
    if (es) await page.getByText(es.description).waitFor();
    await closeClean(session);
  });

  it("builds every real template from its sample data in the fake Excel", async () => {
    const session = await browser.open(server.origin, { displayLanguage: "en-US", workbook: { sheets: [{ name: "Sheet1" }] } }, (page) => page.getByRole("tab", { name: "Templates" }));
    const { page } = session;
    const outcomes: Record<string, string> = {};
    for (const t of templates) {
      await page.getByRole("radio", { name: new RegExp(`^${escape(t.title.en)}`) }).check();
      await page.getByRole("button", { name: `Insert sample data for ${t.title.en} into a new sheet` }).click();
      await page.getByText(/^Sample data is on the new sheet /).waitFor();
      const build = page.getByRole("button", { name: `Build ${t.title.en} on a new sheet` });
      await page.waitForFunction((el) => !!el && !(el as HTMLButtonElement).disabled, await build.elementHandle(), { timeout: 20_000 }).catch(() => undefined);
      if (await build.isDisabled()) {
        outcomes[t.id] = `cannot build: ${(await page.getByRole("region", { name: "Validation summary" }).innerText().catch(() => "")).replace(/\s+/g, " ")}`;
        continue;
      }
      await build.click();
      const result = page.getByText(/^(Built on the new sheet |The build failed: )/).first();
      await result.waitFor({ timeout: 30_000 });
      outcomes[t.id] = (await result.innerText()).startsWith("Built") ? "built" : await result.innerText();
    }
    expect(outcomes).toEqual(Object.fromEntries(templates.map((t) => [t.id, "built"])));
    // Each build added its sheets; the sample sheets were never written to by a build.
    const book = await fakeWorkbook(page);
    expect(book.sheets.length).toBeGreaterThanOrEqual(1 + 2 * templates.length);
    await closeClean(session);
  }, 180_000);
});
