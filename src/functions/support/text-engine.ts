/**
 * Loads the text engine (src/metrics/text/engine.ts: the lexicons and the
 * sentiment and theme code) on the first call that needs it. Webpack emits it
 * as a separate chunk, fetched from the folder functions.js came from, so the
 * functions bundle Excel loads at start-up stays small; later calls reuse the
 * loaded module. A failed load (network) is retried on the next call.
 */
import type * as TextEngine from "../../metrics/text/engine";

export type TextEngineModule = typeof TextEngine;

let loading: Promise<TextEngineModule> | null = null;

export function loadTextEngine(): Promise<TextEngineModule> {
  if (!loading) {
    loading = import(/* webpackChunkName: "text-engine" */ "../../metrics/text/engine").catch((e: unknown) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}
