/** Jest: TypeScript through ts-jest; one project for the fast unit tests. */
const os = require("node:os");

module.exports = {
  // Jest's default (cores − 1) runs the suite in one process on a 2-core machine (CI's): two workers halve the
  // wall time there, and the largest suites (a million rows) stay around 1 GB each.
  maxWorkers: Math.max(2, os.cpus().length - 1),
  testEnvironment: "node",
  transform: {
    "^.+\\.tsx?$": ["<rootDir>/test/support/ts-transform.js", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }],
    // dt-sql-parser (the Spark SQL grammar the SQL tests parse with) ships ESM only: esbuild makes it CommonJS.
    "node_modules/(dt-sql-parser|antlr4-c3)/.+\\.m?js$": "<rootDir>/test/support/esm-to-cjs.js",
  },
  transformIgnorePatterns: ["/node_modules/(?!(dt-sql-parser|antlr4-c3)/)"],
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  setupFiles: ["<rootDir>/test/support/setup.ts"],
  // office-addin-mock imports office-addin-manifest, which drags in an ESM-only
  // module under Jest 30; the mock never needs it, so a stub stands in.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js" },
};
