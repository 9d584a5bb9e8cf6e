/**
 * The only formulas CXM writes from user text (a KPI's actual typed as
 * "=(Promoters-Detractors)/…" in a CSV, say): an allow-list grammar of
 * numbers, + − * / ^ and %, parentheses, the template's own named inputs,
 * references to cells of the same sheet (B5, $B$5, B5:B9), and a few
 * functions that compute and do nothing else. Everything else — a string, a
 * sheet or workbook reference ("Sheet2!A1", "[Book]…"), DDE ("cmd|'/c calc'!A1"),
 * WEBSERVICE, INDIRECT, HYPERLINK, an unknown name — is refused with the
 * reason, so the template writes the text as text and the validation report
 * says so. A formula in the grammar can read only cells of its own sheet and
 * can neither fetch, link nor run anything.
 *
 * Pure: no Office, no ExcelJS. Used by the templates at validation and at
 * build (defence in depth: a plan never holds a user formula outside the
 * grammar, whichever path built it).
 */

/** A message in English and Spanish (the templates' Localized). */
export interface FormulaRefusal {
  en: string;
  es: string;
}

export type FormulaCheck = { ok: true } | { ok: false; reason: FormulaRefusal };

/** Functions a user formula may call: arithmetic only, no lookup, text, link, web or volatile function. */
export const SAFE_FUNCTIONS = ["SUM", "AVERAGE", "MIN", "MAX", "ABS", "ROUND", "SQRT", "IFERROR"] as const;
export type SafeFunction = (typeof SAFE_FUNCTIONS)[number];

/** The fewest and most arguments each allowed function takes in Excel. */
export const FUNCTION_ARITY: Record<SafeFunction, [number, number]> = {
  SUM: [1, 255],
  AVERAGE: [1, 255],
  MIN: [1, 255],
  MAX: [1, 255],
  ABS: [1, 1],
  ROUND: [2, 2],
  SQRT: [1, 1],
  IFERROR: [2, 2],
};

import { EXCEL_MAX_FORMULA_LENGTH } from "./plan";

export { EXCEL_MAX_FORMULA_LENGTH };
/** Excel's limit on nesting (64 levels); also bounds this parser's recursion. */
const MAX_DEPTH = 64;

export interface FormulaAllowList {
  /** Defined names the formula may use (the template's named inputs), compared case-insensitively. */
  names: Iterable<string>;
  /** Whether references to cells of the same sheet (B5, $B$5, B5:B9) are allowed (default true). */
  cells?: boolean;
}

/** A token of a formula's body (after the "="); `at` is its offset. */
export type Token =
  | { kind: "number"; at: number }
  | { kind: "op"; text: "+" | "-" | "*" | "/" | "^"; at: number }
  | { kind: "percent" | "open" | "close" | "comma" | "colon"; at: number }
  | { kind: "word"; text: string; at: number }
  /** A character outside the grammar, reported when the parser reaches it (so a forbidden function is named first). */
  | { kind: "other"; text: string; at: number };

class Refused extends Error {
  constructor(readonly reason: FormulaRefusal) {
    super(reason.en);
  }
}

/** A reference to one cell: B5, $B$5. */
export const CELL = /^\$?[A-Za-z]{1,3}\$?[0-9]{1,7}$/;
const NUMBER = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;
const WORD = /^[A-Za-z_$][A-Za-z0-9_.$]*/;

function shortText(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** The tokens of a formula's body (the text after "="). */
export function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === " ") {
      i++;
      continue;
    }
    const rest = body.slice(i);
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: "number", at: i });
      i += number[0].length;
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      tokens.push({ kind: "word", text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    const simple: Record<string, Token["kind"]> = { "%": "percent", "(": "open", ")": "close", ",": "comma", ":": "colon" };
    if (c in simple) tokens.push({ kind: simple[c], at: i } as Token);
    else if (c === "+" || c === "-" || c === "*" || c === "/" || c === "^") tokens.push({ kind: "op", text: c, at: i });
    else tokens.push({ kind: "other", text: c, at: i });
    i++;
  }
  return tokens;
}

class Parser {
  private i = 0;
  private readonly names: Set<string>;
  private readonly shownNames: string[];
  private readonly cells: boolean;
  constructor(
    private readonly tokens: Token[],
    allow: FormulaAllowList,
  ) {
    this.shownNames = [...allow.names];
    this.names = new Set(this.shownNames.map((n) => n.toUpperCase()));
    this.cells = allow.cells ?? true;
  }

  parse(): void {
    if (this.tokens.length === 0) throw incomplete();
    this.expression(0);
    const rest = this.peek();
    if (rest?.kind === "other") throw forbiddenCharacter(rest.text);
    if (rest) throw incomplete();
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private expression(depth: number): void {
    if (depth > MAX_DEPTH) {
      throw new Refused({ en: `it nests deeper than Excel allows (${MAX_DEPTH} levels).`, es: `anida más niveles de los que Excel admite (${MAX_DEPTH}).` });
    }
    this.operand(depth);
    for (let t = this.peek(); t && t.kind === "op"; t = this.peek()) {
      this.i++;
      this.operand(depth);
    }
  }

  /** [+|-]* primary %* */
  private operand(depth: number): void {
    while (this.peek()?.kind === "op" && ((this.peek() as { text: string }).text === "+" || (this.peek() as { text: string }).text === "-")) this.i++;
    this.primary(depth);
    while (this.peek()?.kind === "percent") this.i++;
  }

  private primary(depth: number): void {
    const t = this.peek();
    if (!t) throw incomplete();
    this.i++;
    if (t.kind === "number") return;
    if (t.kind === "open") {
      this.expression(depth + 1);
      this.expect("close");
      return;
    }
    if (t.kind === "other") throw forbiddenCharacter(t.text);
    if (t.kind !== "word") throw incomplete();
    if (this.peek()?.kind === "open") return this.call(t.text, depth);
    if (CELL.test(t.text)) {
      if (!this.cells) throw notAllowed(t.text, this.shownNames, false);
      if (this.peek()?.kind === "colon") {
        this.i++;
        const end = this.peek();
        if (!end || end.kind !== "word" || !CELL.test(end.text)) throw incomplete();
        this.i++;
      }
      return;
    }
    if (!this.names.has(t.text.toUpperCase())) throw notAllowed(t.text, this.shownNames, this.cells);
  }

  private call(name: string, depth: number): void {
    if (!(SAFE_FUNCTIONS as readonly string[]).includes(name.toUpperCase())) {
      throw new Refused({
        en: `it calls ${shortText(name)}, which is not one of the functions allowed here (${SAFE_FUNCTIONS.join(", ")}).`,
        es: `llama a ${shortText(name)}, que no es una de las funciones permitidas aquí (${SAFE_FUNCTIONS.join(", ")}).`,
      });
    }
    this.expect("open");
    let args = 0;
    if (this.peek()?.kind !== "close") {
      this.expression(depth + 1);
      args++;
      while (this.peek()?.kind === "comma") {
        this.i++;
        this.expression(depth + 1);
        args++;
      }
    }
    this.expect("close");
    // Excel refuses a call with the wrong number of arguments when the formula is entered: the build would fail there.
    const [least, most] = FUNCTION_ARITY[name.toUpperCase() as SafeFunction];
    if (args < least || args > most) {
      const wanted = least === most ? String(least) : `${least} to ${most}`;
      const quiere = least === most ? String(least) : `de ${least} a ${most}`;
      throw new Refused({
        en: `${name.toUpperCase()} takes ${wanted} ${least === 1 && most === 1 ? "argument" : "arguments"}, not ${args}.`,
        es: `${name.toUpperCase()} admite ${quiere} ${least === 1 && most === 1 ? "argumento" : "argumentos"}, no ${args}.`,
      });
    }
  }

  private expect(kind: Token["kind"]): void {
    const t = this.peek();
    if (t?.kind === "other") throw forbiddenCharacter(t.text);
    if (t?.kind !== kind) throw incomplete();
    this.i++;
  }
}

function forbiddenCharacter(c: string): Refused {
  const shown = c === "\t" ? "a tab" : c === "\n" || c === "\r" ? "a line break" : `"${c}"`;
  const shownEs = c === "\t" ? "un tabulador" : c === "\n" || c === "\r" ? "un salto de línea" : `«${c}»`;
  return new Refused({
    en: `it holds ${shown}, which a formula written by CXM may not contain (no text, no comparisons, no references to other sheets or files, no links).`,
    es: `contiene ${shownEs}, que una fórmula escrita por CXM no puede contener (ni texto, ni comparaciones, ni referencias a otras hojas o archivos, ni enlaces).`,
  });
}

function incomplete(): Refused {
  return new Refused({
    en: "it is not a complete formula (a bracket, an operand or an operator is missing or out of place).",
    es: "no es una fórmula completa (falta o sobra un paréntesis, un operando o un operador).",
  });
}

function notAllowed(word: string, names: string[], cells = true): Refused {
  const list = names.length === 0 ? "" : names.slice(0, 8).join(", ") + (names.length > 8 ? "…" : "");
  return new Refused({
    en: `it uses ${shortText(word)}, which is not one of the named inputs${list ? ` (${list})` : ""}${cells ? " or a cell of this sheet" : ""}.`,
    es: `usa ${shortText(word)}, que no es uno de los datos con nombre${list ? ` (${list})` : ""}${cells ? " ni una celda de esta hoja" : ""}.`,
  });
}

/**
 * Checks a user's formula ("=…") against the allow-list. The text must start
 * with "=" and fit Excel's 8,192 characters.
 *
 * @example checkUserFormula("=(Promoters-Detractors)/SUM(Promoters,Passives,Detractors)*100", { names: ["Promoters", "Passives", "Detractors"] }).ok // true
 * @example checkUserFormula('=WEBSERVICE("http://evil/")', { names: [] }).ok // false
 */
export function checkUserFormula(text: string, allow: FormulaAllowList): FormulaCheck {
  if (!text.startsWith("=")) {
    return { ok: false, reason: { en: 'a formula starts with "=".', es: "una fórmula empieza por «=»." } };
  }
  if (text.length > EXCEL_MAX_FORMULA_LENGTH) {
    return {
      ok: false,
      reason: {
        en: `it is ${text.length.toLocaleString("en-US")} characters long; Excel takes formulas of at most 8,192.`,
        es: `tiene ${text.length.toLocaleString("es-ES")} caracteres; Excel admite fórmulas de 8192 como mucho.`,
      },
    };
  }
  try {
    new Parser(tokenize(text.slice(1)), allow).parse();
    return { ok: true };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.reason };
    throw e;
  }
}
