/**
 * Jest transform for the few ESM-only packages the tests use (dt-sql-parser,
 * whose Spark grammar checks the Spark SQL): esbuild rewrites their `import`
 * and `export` as CommonJS, and Jest's resolver then finds their directory
 * imports ("./parser") that Node's own ESM loader refuses.
 */
const { transformSync } = require("esbuild");

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { format: "cjs", loader: "js", target: "node20", sourcemap: true, sourcefile: filename });
    return { code, map };
  },
};
