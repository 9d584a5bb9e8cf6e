/**
 * Loads the PRODUCTION functions bundle (dist/functions.js, what Excel
 * downloads) into a fresh JavaScript context with a stub CustomFunctions
 * global, and returns what it associated plus the generated functions.json.
 * `npm test` builds first; run `npm run build` before running these alone.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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
  const scripts = scriptLoader(context, bundlePath);
  vm.runInContext(readFileSync(bundlePath, "utf8"), context, { filename: bundlePath });
  const metadata = JSON.parse(readFileSync(metadataPath, "utf8")) as { functions: FunctionMetadata[] };
  // context: the bundle's global object, where a test can put what the runtime provides (Office.context).
  return { associated: stub.associated, functions: metadata.functions, loadedChunks: scripts.loaded, context };
}

/**
 * The little of a browser page that webpack's chunk loading uses: the loading
 * script's URL (document.currentScript, for publicPath "auto") and <script>
 * elements appended to <head>, which are run here from dist/ as a browser
 * would fetch them. `loaded` lists the URLs, in order.
 */
function scriptLoader(context: vm.Context, bundlePath: string) {
  const loaded: string[] = [];
  const base = pathToFileURL(bundlePath).href;
  const document = {
    currentScript: { tagName: "SCRIPT", src: base },
    getElementsByTagName: () => [],
    createElement: () => ({ setAttribute() {}, getAttribute: () => null }) as Record<string, unknown>,
    head: {
      appendChild(script: { src: string; onload?: (e: unknown) => void; onerror?: (e: unknown) => void }) {
        loaded.push(script.src);
        setTimeout(() => {
          try {
            const file = fileURLToPath(new URL(script.src, base));
            if (!file.startsWith(distDir)) throw new Error(`${script.src} is outside dist/`);
            vm.runInContext(readFileSync(file, "utf8"), context, { filename: file });
            script.onload?.({ type: "load", target: script });
          } catch {
            script.onerror?.({ type: "error", target: script });
          }
        }, 0);
      },
      removeChild() {},
    },
  };
  context.document = document;
  return { loaded };
}
