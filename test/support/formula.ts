/**
 * A tiny evaluator for the example formulas in the README catalog:
 * CXM function calls (nested), numbers, "text", TRUE/FALSE, omitted
 * arguments, and array constants ({1;2;3} is a column, {1,2} a row) —
 * enough to run every catalog example against the built bundle.
 */
import { StubExcelError } from "./custom-functions-stub";

type Fn = (...args: unknown[]) => unknown;
type Value = unknown;

export function evaluateFormula(formula: string, lookup: (id: string) => { fn: Fn; parameterCount: number; wantsInvocation: boolean } | undefined): Promise<Value> {
  let pos = 0;
  const src = formula.replace(/^=/, "");
  const peek = () => src[pos];
  const skip = () => {
    while (src[pos] === " ") pos++;
  };
  const expect = (ch: string) => {
    skip();
    if (src[pos] !== ch) throw new Error(`Expected "${ch}" at ${pos} in ${formula}`);
    pos++;
  };

  function scalar(): Value {
    skip();
    if (peek() === '"') {
      const end = src.indexOf('"', pos + 1);
      const text = src.slice(pos + 1, end);
      pos = end + 1;
      return text;
    }
    const m = /^(TRUE|FALSE|-?\d+(?:\.\d+)?(?:[eE]-?\d+)?)/.exec(src.slice(pos));
    if (!m) throw new Error(`Cannot read a value at ${pos} in ${formula}`);
    pos += m[0].length;
    return m[0] === "TRUE" ? true : m[0] === "FALSE" ? false : Number(m[0]);
  }

  function arrayConstant(): Value[][] {
    expect("{");
    const rows: Value[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(scalar());
      skip();
      const ch = src[pos++];
      if (ch === ",") continue;
      if (ch === ";") rows.push([]);
      else if (ch === "}") return rows;
      else throw new Error(`Bad array constant in ${formula}`);
    }
  }

  async function expression(): Promise<Value> {
    skip();
    if (peek() === "{") return arrayConstant();
    const call = /^CXM\.([A-Z0-9.]+)\(/.exec(src.slice(pos));
    if (!call) return scalar();
    pos += call[0].length;
    const args: Value[] = [];
    skip();
    if (peek() === ")") pos++;
    else {
      for (;;) {
        skip();
        args.push(peek() === "," || peek() === ")" ? null : await expression());
        skip();
        const ch = src[pos++];
        if (ch === ")") break;
        if (ch !== ",") throw new Error(`Expected "," or ")" at ${pos - 1} in ${formula}`);
      }
    }
    const target = lookup(call[1]);
    if (!target) throw new Error(`CXM.${call[1]} is not in the bundle`);
    // Excel passes every declared parameter (an omitted optional one as null), then the invocation.
    while (args.length < target.parameterCount) args.push(null);
    return target.fn(...args, { parameterAddresses: [] });
  }

  return expression();
}

/** Parses a shown result: a number, "text", TRUE/FALSE, an error like #DIV/0!, or an array constant. */
export function parseShownResult(text: string): { value: Value; decimals: number[] } {
  const t = text.trim();
  if (/^#[A-Z/0!?]+$/.test(t)) return { value: new StubExcelError(t), decimals: [] };
  const decimalsOf = (s: string) => (s.endsWith("…") ? (/\.(\d+)/.exec(s)?.[1].length ?? 0) : s.includes(".") ? (/\.(\d+)/.exec(s)?.[1].length ?? 0) : -1);
  const cell = (s: string): Value => {
    const c = s.trim();
    if (c.startsWith('"')) return c.slice(1, -1);
    if (c === "TRUE" || c === "FALSE") return c === "TRUE";
    return Number(c.replace("…", ""));
  };
  if (t.startsWith("{")) {
    const body = t.slice(1, -1);
    const cells = body.split(/[;,]/);
    return { value: body.split(";").map((row) => row.split(",").map(cell)), decimals: cells.map((c) => decimalsOf(c.trim())) };
  }
  return { value: cell(t), decimals: [decimalsOf(t)] };
}
