/**
 * Every Spanish locale Office offers gets the Spanish function metadata and
 * every Spanish string of the manifest, and the task pane reads each of them
 * as Spanish (issue 10: es-MX, es-AR, es-CO … got English before).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { languageFor, SPANISH_LOCALES } from "../../src/taskpane/i18n";

const manifest = readFileSync(path.join(__dirname, "../../manifest.xml"), "utf8");

/** The elements that carry an es-ES override, each with the locales it overrides. */
function overrides(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const element = /<((?:bt:)?[A-Za-z]+)\s+(?:id="([^"]+)"\s+)?DefaultValue="[^"]*"\s*>([\s\S]*?)<\/\1>/g;
  for (const m of manifest.matchAll(element)) {
    const locales = [...m[3].matchAll(/Override Locale="([^"]+)"/g)].map((x) => x[1]);
    if (locales.length > 0) found.set(m[2] ?? m[1], locales);
  }
  return found;
}

test("each overridden manifest string and URL has every Spanish locale, with the same Spanish value", () => {
  const all = overrides();
  expect([...all.keys()].sort()).toEqual(["Description", "DisplayName", "Functions.Metadata.Url", "GetStarted.Description", "GetStarted.Title", "TaskpaneButton.Label", "TaskpaneButton.Tooltip"]);
  for (const [name, locales] of all) {
    expect({ name, locales: [...locales].sort() }).toEqual({ name, locales: [...SPANISH_LOCALES].sort() });
  }
  const metadata = [...manifest.matchAll(/<bt:Override Locale="(es-[A-Z]+)" Value="([^"]+functions-es\.json)"\/>/g)];
  expect(metadata.map((m) => m[1]).sort()).toEqual([...SPANISH_LOCALES].sort());
});

test("the task pane speaks Spanish in each of them", () => {
  for (const locale of SPANISH_LOCALES) expect(languageFor(locale)).toBe("es");
  expect(languageFor("en-US")).toBe("en");
  expect(languageFor("pt-BR")).toBe("en");
});
