/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
 * opening the built task pane with a fake Office host. Every request is
 * intercepted: the add-in's own files come from the loopback server, Office.js
 * from the fake, and anything else is blocked and recorded so a test can
 * assert that nothing else was attempted. CSP violations, page errors,
 * console errors and dialogs (an XSS payload firing alert()) are recorded too.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { fakeOfficeJs, type FakeOfficeConfig } from "./fake-office";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

export interface PaneSession {
  page: Page;
  /** URLs the page tried to load that are neither the add-in's nor Office.js. */
  blocked: string[];
  /** Content-Security-Policy violations reported by the page. */
  cspViolations: () => Promise<string[]>;
  pageErrors: string[];
  consoleErrors: string[];
  dialogs: string[];
  /** Milliseconds from navigation to the pane being interactive. */
  msToInteractive: number;
  close(): Promise<void>;
}

export class PaneBrowser {
  private constructor(private readonly browser: Browser) {}

  /** Playwright gives the browser a fresh temporary profile and removes it on close. */
  static async launch(): Promise<PaneBrowser> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    return new PaneBrowser(browser);
  }

  /**
   * Opens `origin`/taskpane.html at the task pane's default width (320 px) and
   * waits until `ready` is visible and enabled.
   */
  async open(origin: string, office: FakeOfficeConfig, ready: (page: Page) => ReturnType<Page["locator"]>, width = 320): Promise<PaneSession> {
    const context: BrowserContext = await this.browser.newContext({ viewport: { width, height: 900 }, locale: office.displayLanguage });
    const blocked: string[] = [];
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: "text/javascript", body: fakeOfficeJs(office) });
      if (url.startsWith(`${origin}/`)) return route.continue();
      blocked.push(url);
      return route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const consoleErrors: string[] = [];
    const dialogs: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const started = Date.now();
    await page.goto(`${origin}/taskpane.html`);
    const target = ready(page);
    await target.waitFor({ state: "visible" });
    await page.waitForFunction((el) => !!el && !(el as HTMLInputElement).disabled, await target.elementHandle());
    const msToInteractive = Date.now() - started;
    return {
      page,
      blocked,
      cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
      pageErrors,
      consoleErrors,
      dialogs,
      msToInteractive,
      close: () => context.close(),
    };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** The fake workbook's state and write log, read back from the page. */
export async function fakeWorkbook(page: Page) {
  return page.evaluate(() => {
    const fake = (window as unknown as { __cxmFake: { model: { log: unknown[]; sheets: { name: string }[]; activeSheet: { name: string }; sheetValues(n: string): unknown[][] }; associated: string[] } }).__cxmFake;
    const m = fake.model;
    return {
      log: m.log as { kind: string; sheet?: string; address?: string; detail?: unknown }[],
      sheets: m.sheets.map((s) => s.name),
      activeSheet: m.activeSheet.name,
      values: Object.fromEntries(m.sheets.map((s) => [s.name, m.sheetValues(s.name)])) as Record<string, unknown[][]>,
      associated: fake.associated,
    };
  });
}
