import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "**/*.js", "!eslint.config.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Nothing shipped may evaluate strings as code (the task pane has a strict CSP).
      "no-eval": "error",
      "no-new-func": "error",
      "no-implied-eval": "error",
    },
  },
  {
    // Custom function parameters are `any` on purpose: Excel may pass anything, and the
    // metadata generator maps `any` to Excel's "any" type; the adapters coerce it.
    files: ["src/functions/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Tests evaluate the JSDoc examples and call functions with Excel's loose values.
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: { "no-new-func": "off", "no-loss-of-precision": "off", "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-require-imports": "off" },
  },
);
