/**
 * Spanish custom-function metadata (dist/functions-es.json) from the English
 * metadata the JSDoc generates (dist/functions.json) and the translations in
 * src/functions/locales/es.json. Ids, names, types and options stay exactly as
 * generated; only the function and parameter descriptions change. Excel reads
 * the Spanish file when its display language is Spanish (manifest.xml:
 * Functions.Metadata.Url overrides).
 *
 * Drift is caught three ways:
 * - a function or parameter without a translation, or a translation for one
 *   that no longer exists, is a build error (webpack plugin below, strict) and
 *   a failing test (test/scripts/localize-functions.test.ts, which generates
 *   the English metadata from src/functions itself);
 * - a translation made from an English text that has since changed
 *   ("source" differs) is a build warning and a failing test (the same);
 * - `node scripts/localize-functions.js update` regenerates the English
 *   metadata from src/functions, adds entries for new functions and parameters
 *   (with an empty description, which the build rejects until translated) and
 *   drops entries for removed ones.
 *
 * Plain CommonJS so webpack.config.js can require it.
 */
const fs = require("fs");
const path = require("path");

/**
 * @typedef {{ name: string, description?: string }} ParameterMetadata
 * @typedef {{ id: string, name: string, description?: string, parameters?: ParameterMetadata[] }} FunctionMetadata
 * @typedef {{ functions: FunctionMetadata[] }} Metadata
 * @typedef {{ description: string, source: string }} TextTranslation
 * @typedef {{ description: string, source: string, parameters?: Record<string, TextTranslation> }} FunctionTranslation
 * @typedef {{ functions: Record<string, FunctionTranslation> }} Translations
 */

/**
 * Applies translations to metadata.
 * @param {Metadata} metadata the generated English metadata
 * @param {Translations} translations
 * @returns {{ metadata: Metadata, problems: string[], outdated: string[] }}
 *   problems: missing, empty or unknown translations (the build fails);
 *   outdated: translations whose English source text has changed since.
 */
function localizeMetadata(metadata, translations) {
  const problems = [];
  const outdated = [];
  const table = (translations && translations.functions) || {};
  const ids = new Set(metadata.functions.map((f) => f.id));
  for (const id of Object.keys(table)) {
    if (!ids.has(id)) problems.push(`${id}: translated, but no such function exists any more (remove it).`);
  }
  const functions = metadata.functions.map((f) => {
    const t = table[f.id];
    if (!t) {
      problems.push(`${f.id}: no Spanish description.`);
      return f;
    }
    if (!t.description || !t.description.trim()) problems.push(`${f.id}: the Spanish description is empty.`);
    if (t.source !== (f.description || "")) outdated.push(`${f.id}: the English description changed; review the translation.`);
    const params = t.parameters || {};
    const names = new Set((f.parameters || []).map((p) => p.name));
    for (const name of Object.keys(params)) {
      if (!names.has(name)) problems.push(`${f.id}(${name}): translated, but the function has no such parameter (remove it).`);
    }
    const parameters = (f.parameters || []).map((p) => {
      const pt = params[p.name];
      if (!pt || !pt.description || !pt.description.trim()) {
        problems.push(`${f.id}(${p.name}): no Spanish description.`);
        return p;
      }
      if (pt.source !== (p.description || "")) outdated.push(`${f.id}(${p.name}): the English description changed; review the translation.`);
      return { ...p, description: pt.description };
    });
    return { ...f, description: t.description, ...(f.parameters ? { parameters } : {}) };
  });
  return { metadata: { ...metadata, functions }, problems, outdated };
}

/**
 * The translations file brought in line with the metadata: new functions and
 * parameters get an entry with their English source and an empty description,
 * removed ones are dropped, existing translations are kept as they are.
 * @param {Metadata} metadata
 * @param {Translations} translations
 * @returns {Translations}
 */
function updateTranslations(metadata, translations) {
  const old = (translations && translations.functions) || {};
  const functions = {};
  for (const f of metadata.functions) {
    const t = old[f.id] || { description: "", source: f.description || "" };
    const parameters = {};
    for (const p of f.parameters || []) {
      const pt = (t.parameters || {})[p.name];
      parameters[p.name] = pt || { description: "", source: p.description || "" };
    }
    functions[f.id] = { description: t.description, source: t.source, parameters };
  }
  return { ...translations, functions };
}

const PLUGIN = "LocalizedFunctionsMetadataPlugin";

/**
 * Webpack plugin: after custom-functions-metadata-plugin has added
 * functions.json, emits functions-es.json, or fails the build naming every
 * function and parameter that lacks a translation.
 */
class LocalizedFunctionsMetadataPlugin {
  /** @param {{ source?: string, output: string, translations: string, strict?: boolean }} options  strict (default true): missing translations fail the build */
  constructor(options) {
    this.strict = options.strict !== false;
    this.source = options.source || "functions.json";
    this.output = options.output;
    this.translations = path.resolve(options.translations);
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.fileDependencies.add(this.translations);
        const asset = compilation.getAsset(this.source);
        if (!asset) {
          // The metadata plugin reports its own errors; without them this is a wiring mistake.
          if (compilation.errors.length === 0) compilation.errors.push(new WebpackError(`${PLUGIN}: ${this.source} was not generated.`));
          return;
        }
        const metadata = JSON.parse(asset.source.source().toString());
        const translations = JSON.parse(fs.readFileSync(this.translations, "utf8"));
        const { metadata: localized, problems, outdated } = localizeMetadata(metadata, translations);
        const where = path.relative(compiler.context, this.translations);
        if (problems.length > 0) {
          (this.strict ? compilation.errors : compilation.warnings).push(
            new WebpackError(
              `${this.output}: ${problems.length} missing or stale translation(s) in ${where}:\n  - ${problems.join("\n  - ")}\n` +
                "Run `node scripts/localize-functions.js update` to add or drop entries, then translate the empty ones.",
            ),
          );
          if (this.strict) return;
        }
        if (outdated.length > 0) {
          compilation.warnings.push(new WebpackError(`${where}: ${outdated.length} translation(s) made from an older English text:\n  - ${outdated.join("\n  - ")}`));
        }
        compilation.emitAsset(this.output, new sources.RawSource(JSON.stringify(localized, null, 4)));
      });
    });
  }
}

module.exports = { localizeMetadata, updateTranslations, LocalizedFunctionsMetadataPlugin };

/** The files webpack.config.js feeds to the metadata generator: every .ts directly in src/functions but index.ts. */
function functionSourceFiles(root) {
  const dir = path.join(root, "src/functions");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "index.ts")
    .map((f) => path.join(dir, f));
}

module.exports.functionSourceFiles = functionSourceFiles;

// `node scripts/localize-functions.js update [src/functions/locales/es.json]`
async function main() {
  const [command, translationsFile = "src/functions/locales/es.json"] = process.argv.slice(2);
  if (command !== "update") {
    console.error("usage: node scripts/localize-functions.js update [src/functions/locales/es.json]");
    process.exit(2);
  }
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
  const generated = await generateCustomFunctionsMetadata(functionSourceFiles(path.resolve(__dirname, "..")), false);
  if (generated.errors.length > 0) throw new Error(`The functions' JSDoc has errors:\n${generated.errors.join("\n")}`);
  const metadata = JSON.parse(generated.metadataJson);
  const translations = fs.existsSync(translationsFile) ? JSON.parse(fs.readFileSync(translationsFile, "utf8")) : { functions: {} };
  const updated = updateTranslations(metadata, translations);
  fs.writeFileSync(translationsFile, JSON.stringify(updated, null, 2) + "\n");
  const { problems, outdated } = localizeMetadata(metadata, updated);
  console.log(`${translationsFile}: ${Object.keys(updated.functions).length} functions; ${problems.length} to translate, ${outdated.length} to review.`);
  for (const p of [...problems, ...outdated]) console.log(`  - ${p}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
