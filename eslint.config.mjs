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
    files: ["src/**/*.ts", "src/**/*.tsx"],
    rules: {
      // A spread in a call puts every element on the call stack: Math.min(...dates) fails at about
      // 130,000 values ("Maximum call stack size exceeded"), and so do push(...rows) and
      // f.apply(null, rows). Loop instead. Where the array is provably small, disable the rule on
      // that line with the reason: // eslint-disable-next-line no-restricted-syntax -- at most 5 items.
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression > SpreadElement", message: "No spread arguments: a data-sized array overflows the call stack. Loop, or disable with a reason if provably small." },
        { selector: "NewExpression > SpreadElement", message: "No spread arguments: a data-sized array overflows the call stack. Loop, or disable with a reason if provably small." },
        {
          selector: "CallExpression[callee.property.name='apply'][arguments.length=2]",
          message: "No f.apply(this, array): a data-sized array overflows the call stack. Loop, or disable with a reason if provably small.",
        },
      ],
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
