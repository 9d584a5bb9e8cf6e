/**
 * Real spreadsheet checks with LibreOffice (Debian's libreoffice-calc-nogui):
 * open an .xlsx, recalculate every formula, and save it again, so a test can
 * read the values a person would see. A throwaway LibreOffice profile is used
 * whose only setting is "recalculate OOXML files on load: always" — the
 * default would show the (absent) cached values instead.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function libreOfficeAvailable(): boolean {
  try {
    execFileSync("soffice", ["--version"], { stdio: "ignore", timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

function profileDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cxm-lo-profile-"));
  const user = path.join(dir, "user");
  mkdirSync(user, { recursive: true });
  writeFileSync(
    path.join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return dir;
}

/** Converts `input` with LibreOffice to `format` ("xlsx", "pdf", ...) in `outDir`; returns the output path. */
export function convertWithLibreOffice(input: string, format: string, outDir: string): string {
  const profile = profileDir();
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", format, "--outdir", outDir, input],
    { stdio: "pipe", timeout: 180_000 },
  );
  const out = path.join(outDir, `${path.basename(input, path.extname(input))}.${format.split(":")[0]}`);
  if (!existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
  return out;
}
