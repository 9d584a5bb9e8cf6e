/** Builds the fixture-registry pane once for every e2e test file (its folder goes in CXM_E2E_FIXTURE_DIR). */
import { existsSync } from "node:fs";
import { CHROMIUM } from "./browser";
import { buildFixturePane } from "./build";

export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  const started = Date.now();
  process.env.CXM_E2E_FIXTURE_DIR = await buildFixturePane();
  console.log(`\ne2e: built the fixture pane in ${((Date.now() - started) / 1000).toFixed(1)} s -> ${process.env.CXM_E2E_FIXTURE_DIR}`);
}
