/**
 * Jest for the end-to-end tests (`npm run test:e2e`): the built task pane in
 * headless Chromium against a fake Office host. Kept apart from the unit
 * tests (jest.config.js ignores test/e2e): they need a browser and a build.
 * The global setup builds the pane with the fixture template registry; the
 * production-bundle tests read dist/ (`npm run test:e2e` builds it first).
 */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
  testMatch: ["<rootDir>/test/e2e/**/*.e2e.test.ts"],
  globalSetup: "<rootDir>/test/e2e/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/e2e/support/global-teardown.ts",
  // One browser at a time: the machines that run this have two cores.
  maxWorkers: 1,
  testTimeout: 60_000,
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js" },
};
