/**
 * The `cxm` command line, parsed with Node's own util.parseArgs into one of
 * four commands. Anything the user typed wrong becomes a UsageError whose
 * message names the flag or word at fault.
 */
import { parseArgs } from "node:util";
import type { Language } from "../templates/registry-types";

export type Command =
  | { kind: "help" }
  | { kind: "list"; language: Language }
  | { kind: "demo"; out: string; language: Language; force: boolean }
  | {
      kind: "template";
      id: string;
      input?: string;
      out?: string;
      /** --map key=Header, in the order given. */
      map: [string, string][];
      /** --option key=value, in the order given. */
      options: [string, string][];
      language: Language;
      acceptBadRows: boolean;
      /** Replace an existing --out file (never a symbolic link). */
      force: boolean;
    };

/** A mistake on the command line (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const DEFAULT_DEMO_FILE = "cxm-demo.xlsx";

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  out: { type: "string", short: "o" },
  lang: { type: "string" },
  input: { type: "string", short: "i" },
  map: { type: "string", multiple: true },
  option: { type: "string", multiple: true },
  "accept-bad-rows": { type: "boolean" },
  force: { type: "boolean" },
} as const;

/** Flags each command accepts (others are reported, not ignored). */
const ALLOWED: Record<Command["kind"], (keyof typeof OPTIONS)[]> = {
  help: ["help"],
  list: ["help", "lang"],
  demo: ["help", "out", "lang", "force"],
  template: ["help", "out", "lang", "input", "map", "option", "accept-bad-rows", "force"],
};

/** "key=value" -> ["key", "value"]; the value may itself contain "=". */
function pair(flag: string, text: string): [string, string] {
  const at = text.indexOf("=");
  if (at <= 0) throw new UsageError(`--${flag} ${text}: expected key=value, e.g. --${flag} ${flag === "map" ? "score=Puntuación" : "confidence=0.9"}.`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

function languageOf(value: string | undefined): Language {
  if (value === undefined) return "en";
  const lang = value.toLowerCase();
  if (lang === "en" || lang === "es") return lang;
  throw new UsageError(`--lang ${value}: the languages are en and es.`);
}

/** Parses the arguments after `cxm` (process.argv.slice(2)). */
export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    throw new UsageError(unknown ? `Unknown flag ${unknown[1]} (see cxm --help).` : `${message} (see cxm --help).`);
  }
  const { values, positionals } = parsed;
  const [word, ...rest] = positionals;
  if (values.help || word === undefined || word === "help") return { kind: "help" };
  if (word !== "demo" && word !== "list" && word !== "template") {
    throw new UsageError(`Unknown command "${word}": use demo, list or template (see cxm --help).`);
  }
  for (const flag of Object.keys(values) as (keyof typeof OPTIONS)[]) {
    if (!ALLOWED[word].includes(flag)) throw new UsageError(`cxm ${word} does not take --${flag} (see cxm --help).`);
  }
  const language = languageOf(values.lang);
  if (word === "template") {
    if (rest.length === 0) throw new UsageError("cxm template needs a template id, e.g. cxm template survey-dashboard --input responses.csv (see cxm list).");
    if (rest.length > 1) throw new UsageError(`Unexpected argument "${rest[1]}" after the template id (flags start with --).`);
    return {
      kind: "template",
      id: rest[0],
      input: values.input,
      out: values.out,
      map: (values.map ?? []).map((m) => pair("map", m)),
      options: (values.option ?? []).map((o) => pair("option", o)),
      language,
      acceptBadRows: values["accept-bad-rows"] ?? false,
      force: values.force ?? false,
    };
  }
  if (rest.length > 0) throw new UsageError(`cxm ${word} takes no argument "${rest[0]}" (flags start with --).`);
  if (word === "list") return { kind: "list", language };
  return { kind: "demo", out: values.out ?? DEFAULT_DEMO_FILE, language, force: values.force ?? false };
}

export const HELP = `cxm: customer-experience workbooks from CSV exports

Usage:
  cxm demo [--out cxm-demo.xlsx] [--lang en|es] [--force]
      Builds every template from built-in sample data into one workbook
      (default ./cxm-demo.xlsx) and prints the headline figures.
  cxm list [--lang en|es]
      The templates, the columns each reads (and the header names it
      recognises) and its options.
  cxm template <id> --input data.csv [--out <id>.xlsx] [--map key=Header ...]
                    [--option key=value ...] [--lang en|es] [--accept-bad-rows]
                    [--force]
      Builds one template from a CSV file (comma, semicolon or tab separated).
      Columns are matched by header name, in English or Spanish, ignoring case
      and accents; --map score="Recommend score" overrides one. Templates
      that start from inputs (ltv-cac) take --option instead of --input.
      Rows that cannot be used are listed and nothing is written, unless
      --accept-bad-rows: then the workbook is built from the good rows.
  cxm --help

An existing output file is never replaced unless --force is given, and never
written through a symbolic link; the workbook is written to a temporary file
in the same folder, then renamed, so a failed write leaves the old file as it
was.

Exit codes: 0 done, 1 the data has problems (nothing written), 2 a mistake in
the command line or a file that cannot be read.
`;
