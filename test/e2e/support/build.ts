/**
 * Builds the task pane for the end-to-end tests: the production webpack
 * configuration, unchanged except that src/templates/registry.ts is replaced
 * by test/e2e/fixtures/registry.ts and the output goes to a temporary folder.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import webpack from "webpack";

const root = path.resolve(__dirname, "../../..");

export async function buildFixturePane(): Promise<string> {
  const out = mkdtempSync(path.join(os.tmpdir(), "cxm-e2e-"));
  const makeConfig = require(path.join(root, "webpack.config.js")) as (env: unknown, argv: { mode: string }) => Promise<webpack.Configuration>;
  const config = await makeConfig({}, { mode: "production" });
  config.mode = "production";
  config.context = root;
  config.output = { ...config.output, path: out };
  config.plugins = [
    ...(config.plugins ?? []),
    new webpack.NormalModuleReplacementPlugin(/templates[\\/]registry$/, path.join(root, "test/e2e/fixtures/registry.ts")),
  ];
  // The fixture registry lives outside tsconfig.build.json's files: transpile without the project-wide type check
  // (`npm run lint` type-checks everything).
  config.module = {
    rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { configFile: "tsconfig.build.json", transpileOnly: true } } }],
  };
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (error, result) => (error || !result ? reject(error ?? new Error("no stats")) : resolve(result))),
  );
  if (stats.hasErrors()) throw new Error(`The e2e build failed:\n${stats.toString({ all: false, errors: true })}`);
  return out;
}
