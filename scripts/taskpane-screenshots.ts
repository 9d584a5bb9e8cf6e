/**
 * Screenshots of the task pane for the README, in English and Spanish, at the
 * pane's default width (320 px): the production build (dist/, real template
 * registry) in headless Chromium with the e2e tests' fake Excel. The source is
 * a template's sample data with two cells spoiled, so the validation summary
 * has bad rows to name; the pane then builds, so the result line shows too.
 *
 *   npm run build && npx tsx scripts/taskpane-screenshots.ts [--template survey-dashboard] [--out docs/screenshots]
 *
 * Writes <out>/taskpane-en.png and <out>/taskpane-es.png.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { templates } from "../src/templates/registry";
import type { Language, TemplateDescriptor } from "../src/templates/registry-types";
import { autoMap } from "../src/templates/column-mapping";
import { STRINGS } from "../src/taskpane/i18n";
import type { FakeValue } from "../test/support/fake-workbook-api";
import { PaneBrowser } from "../test/e2e/support/browser";
import { serveDirectory } from "../test/e2e/support/server";

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A sample cell as Excel's values API would give it back: dates as serial numbers. */
function asExcelValue(value: unknown): FakeValue {
  if (value instanceof Date) return (value.getTime() - EXCEL_EPOCH) / 86_400_000;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
  return "";
}

/** The template's sample with the first numeric required column spoiled in two rows (text, then empty). */
function spoiledSample(template: TemplateDescriptor): FakeValue[][] {
  const rows = template.sample().map((row) => row.map(asExcelValue));
  const mapping = autoMap(template.columns, rows[0]);
  const target = template.columns.find((c) => c.required && ["score", "number", "date"].includes(c.kind) && mapping[c.key] >= 0);
  if (target && rows.length > 6) {
    rows[2][mapping[target.key]] = "n/a";
    rows[5][mapping[target.key]] = "";
  }
  return rows;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..");
  const dist = path.join(root, "dist");
  const out = path.resolve(root, option("out", "docs/screenshots"));
  const withColumns = templates.filter((t) => t.columns.length > 0);
  const template = templates.find((t) => t.id === option("template", "survey-dashboard")) ?? withColumns[0];
  if (!existsSync(path.join(dist, "taskpane.js"))) throw new Error("dist/ is missing: run `npm run build` first.");
  if (!template || template.columns.length === 0) throw new Error("No template that reads source data is registered.");
  mkdirSync(out, { recursive: true });

  const server = await serveDirectory(dist);
  const browser = await PaneBrowser.launch();
  try {
    for (const [language, displayLanguage, sheet] of [
      ["en", "en-US", "Responses"],
      ["es", "es-ES", "Respuestas"],
    ] as [Language, string, string][]) {
      const t = STRINGS[language];
      const rows = spoiledSample(template);
      const last = `${String.fromCharCode(64 + rows[0].length)}${rows.length}`;
      const session = await browser.open(
        server.origin,
        { displayLanguage, workbook: { sheets: [{ name: sheet, rows }], selection: `${sheet}!A1:${last}`, syncDelayMs: 50 } },
        (page) => page.getByRole("tab", { name: t.tabTemplates }),
      );
      const { page } = session;
      await page.getByRole("radio", { name: new RegExp(`^${template.title[language].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).check();
      await page.getByRole("button", { name: t.useSelection }).click();
      await page.getByRole("region", { name: t.checkLabel }).getByText(t.rowLabel("3"), { exact: false }).first().waitFor();
      await page.getByRole("button", { name: t.buildLabel(template.title[language]) }).click();
      await page.getByText(/^(Built on the new sheet|Creada en la hoja nueva)/).waitFor();
      // Focus off the button, so no focus ring is captured.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const file = path.join(out, `taskpane-${language}.png`);
      // Finished transitions: the buttons re-enabled after the build are not caught mid-fade.
      await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
      const problems = [...session.pageErrors, ...session.consoleErrors, ...session.blocked];
      await session.close();
      if (problems.length) throw new Error(`The pane reported problems while taking ${file}:\n${problems.join("\n")}`);
      console.log(file);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
