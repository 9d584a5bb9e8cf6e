/**
 * Loads the PRODUCTION functions bundle (dist/functions.js, what Excel
 * downloads) into a fresh JavaScript context with a stub CustomFunctions
 * global, and returns what it associated plus the generated functions.json.
 * `npm test` builds first; run `npm run build` before running these alone.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { makeCustomFunctionsStub } from "./custom-functions-stub";

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: { name: string; description?: string; type?: string; dimensionality?: string; optional?: boolean }[];
  result: { type?: string; dimensionality?: string };
  options?: { requiresParameterAddresses?: boolean; requiresAddress?: boolean };
}

export const distDir = path.resolve(__dirname, "../../dist");

export function loadBundle() {
  const bundlePath = path.join(distDir, "functions.js");
  const metadataPath = path.join(distDir, "functions.json");
  if (!existsSync(bundlePath) || !existsSync(metadataPath)) {
    throw new Error("dist/functions.js is missing: run `npm run build` (npm test does it first).");
  }
  const stub = makeCustomFunctionsStub();
  const context = vm.createContext({ CustomFunctions: stub.api, console, setTimeout, clearTimeout });
  vm.runInContext(readFileSync(bundlePath, "utf8"), context, { filename: bundlePath });
  const metadata = JSON.parse(readFileSync(metadataPath, "utf8")) as { functions: FunctionMetadata[] };
  return { associated: stub.associated, functions: metadata.functions };
}
