/**
 * The language the `cxm` command speaks: `--lang en|es` when given, else the
 * environment's locale as POSIX orders it (LC_ALL, then LC_MESSAGES, then
 * LANG): any "es…" (es_ES.UTF-8, es_MX, es) is Spanish, anything else English.
 */
import type { Language } from "../templates/registry-types";

export function languageFromEnv(env: Record<string, string | undefined>): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^es(?:[_.@-]|$)/i.test(locale.trim()) ? "es" : "en";
}

/** The value of --lang in the arguments (before they are parsed), if any. */
export function languageFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--lang") return argv[i + 1];
    if (argv[i].startsWith("--lang=")) return argv[i].slice("--lang=".length);
  }
  return undefined;
}

/** The language to speak: --lang when it is en or es, else the environment's. */
export function cliLanguage(argv: readonly string[], env: Record<string, string | undefined>): Language {
  const flag = languageFlag(argv)?.toLowerCase();
  return flag === "en" || flag === "es" ? flag : languageFromEnv(env);
}
