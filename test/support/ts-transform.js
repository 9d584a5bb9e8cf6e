/**
 * ts-jest, plus one line at the top of every compiled module:
 * `const Math = globalThis.Math;` (on the first line, so line numbers stay).
 * Why: Jest runs each test file in a vm context, and there a global name is
 * looked up through the context's interceptors on every use; V8 cannot
 * inline `Math.abs`/`Math.max` reached that way. The metrics core's numeric
 * loops (the 2F1 series of the CLV model) ran about 200 times slower under
 * Jest than under Node: the CLV sample build took 17 s instead of 0.8 s, and
 * the demo test four minutes. A module-level binding to the same object is
 * read as a local: same Math, same results, Node's speed. (Date is left
 * alone: fake timers replace it on the global.)
 */
const tsJest = require("ts-jest").default;

const PROLOGUE = "const Math = globalThis.Math;";

function withPrologue(code) {
  if (code.startsWith('"use strict";')) return `"use strict";${PROLOGUE}${code.slice('"use strict";'.length)}`;
  return `${PROLOGUE}${code}`;
}

module.exports = {
  createTransformer(options) {
    const inner = tsJest.createTransformer(options);
    const wrap = (result) => (typeof result === "string" ? withPrologue(result) : { ...result, code: withPrologue(result.code) });
    return {
      ...inner,
      canInstrument: inner.canInstrument,
      getCacheKey: (...args) => `${inner.getCacheKey(...args)}:math-prologue-1`,
      getCacheKeyAsync: inner.getCacheKeyAsync ? async (...args) => `${await inner.getCacheKeyAsync(...args)}:math-prologue-1` : undefined,
      process: (...args) => wrap(inner.process(...args)),
      processAsync: inner.processAsync ? async (...args) => wrap(await inner.processAsync(...args)) : undefined,
    };
  },
};
