/**
 * The value of a user formula in the allow-list grammar of safe-formula.ts
 * (numbers, + − * / ^ %, parentheses, named inputs and SUM, AVERAGE, MIN,
 * MAX, ABS, ROUND, SQRT, IFERROR), computed as Excel computes it, so a
 * template can write the formula with its cached value (issue 11: previews
 * and readers that do not recalculate show the figure).
 *
 * Excel's precedence, highest first: negation, percent, exponent (left to
 * right: 2^3^2 = 64), * and /, + and −. So −2^2 = 4 and −50% = −0.5.
 * Errors are Excel's: a division by 0 is #DIV/0!, the square root of a
 * negative number or a result beyond the doubles #NUM!; an error propagates
 * unless IFERROR catches it.
 *
 * Cell references are not evaluated (a template that allows them in its
 * formulas would have to know its cells' values): call this only for
 * formulas checked with `cells: false`.
 */
import type { CachedValue, ErrorValue } from "./plan";
import { checkUserFormula, tokenize, Token } from "./safe-formula";

type Value = number | ErrorValue;

const isError = (v: Value): v is ErrorValue => typeof v !== "number";
const DIV0: ErrorValue = { error: "#DIV/0!" };
const NUM: ErrorValue = { error: "#NUM!" };

/** A finite number, or #NUM! (Excel has no infinities or NaN). */
function finite(x: number): Value {
  return Number.isFinite(x) ? x : NUM;
}

/** ROUND as Excel does it: halves away from zero, on the decimal the number shows (1.005 → 1.01). */
function round(x: number, digits: number): number {
  const d = Math.trunc(digits);
  const factor = Math.pow(10, d);
  const scaled = Number((Math.abs(x) * factor).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / factor;
}

class Evaluator {
  private i = 0;
  private readonly values: Map<string, number>;
  private readonly tokens: Token[];
  constructor(
    private readonly body: string,
    values: Record<string, number>,
  ) {
    this.tokens = tokenize(body);
    this.values = new Map(Object.entries(values).map(([k, v]) => [k.toUpperCase(), v]));
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t?.kind === "op" && ops.includes(t.text);
  }

  /** + and − (lowest). */
  sum(): Value {
    let left = this.product();
    while (this.isOp("+", "-")) {
      const op = (this.tokens[this.i++] as { text: string }).text;
      const right = this.product();
      if (isError(left)) continue;
      left = isError(right) ? right : finite(op === "+" ? left + right : left - right);
    }
    return left;
  }

  private product(): Value {
    let left = this.power();
    while (this.isOp("*", "/")) {
      const op = (this.tokens[this.i++] as { text: string }).text;
      const right = this.power();
      if (isError(left)) continue;
      if (isError(right)) left = right;
      else if (op === "/" && right === 0) left = DIV0;
      else left = finite(op === "*" ? left * right : left / right);
    }
    return left;
  }

  private power(): Value {
    let left = this.percent();
    while (this.isOp("^")) {
      this.i++;
      const right = this.percent();
      if (isError(left)) continue;
      if (isError(right)) left = right;
      else if (left === 0 && right < 0) left = DIV0;
      else left = finite(Math.pow(left, right));
    }
    return left;
  }

  private percent(): Value {
    let v = this.unary();
    while (this.peek()?.kind === "percent") {
      this.i++;
      if (!isError(v)) v = v / 100;
    }
    return v;
  }

  private unary(): Value {
    let sign = 1;
    while (this.isOp("+", "-")) {
      if ((this.tokens[this.i++] as { text: string }).text === "-") sign = -sign;
    }
    const v = this.primary();
    return isError(v) ? v : sign * v;
  }

  private primary(): Value {
    const t = this.tokens[this.i++];
    if (t.kind === "open") {
      const v = this.sum();
      this.i++; // ")"
      return v;
    }
    if (t.kind === "word" && this.peek()?.kind === "open") return this.call(t.text.toUpperCase());
    if (t.kind === "word") {
      const v = this.values.get(t.text.toUpperCase());
      if (v === undefined) throw new Error(`No value for ${t.text}.`);
      return v;
    }
    return this.number(t);
  }

  private number(t: Token): number {
    // The tokenizer keeps offsets, not text: read the number again from where it starts.
    const text = this.body.slice(t.at).match(/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/)![0];
    return Number(text);
  }

  private call(name: string): Value {
    this.i++; // "("
    const args: Value[] = [];
    if (this.peek()?.kind !== "close") {
      args.push(this.sum());
      while (this.peek()?.kind === "comma") {
        this.i++;
        args.push(this.sum());
      }
    }
    this.i++; // ")"
    if (name === "IFERROR") return isError(args[0]) ? args[1] : args[0];
    const error = args.find(isError);
    if (error) return error;
    const xs = args as number[];
    switch (name) {
      case "SUM":
        return finite(xs.reduce((a, b) => a + b, 0));
      case "AVERAGE":
        return finite(xs.reduce((a, b) => a + b, 0) / xs.length);
      case "MIN":
        return xs.reduce((a, b) => Math.min(a, b));
      case "MAX":
        return xs.reduce((a, b) => Math.max(a, b));
      case "ABS":
        return Math.abs(xs[0]);
      case "SQRT":
        return xs[0] < 0 ? NUM : Math.sqrt(xs[0]);
      case "ROUND":
        return round(xs[0], xs[1]);
    }
    throw new Error(`${name} is not in the allow-list.`);
  }
}

/**
 * The value Excel gives a user formula over named inputs, or undefined when
 * the formula is outside the allow-list without cells (the template writes
 * such text as text, with no value).
 *
 * @example userFormulaValue("=(Promoters-Detractors)/(Promoters+Passives+Detractors)*100", { Promoters: 412, Passives: 288, Detractors: 150 }) // 30.82…
 * @example userFormulaValue("=Lost/Start", { Lost: 3, Start: 0 }) // { error: "#DIV/0!" }
 */
export function userFormulaValue(formula: string, values: Record<string, number>): CachedValue | undefined {
  if (!checkUserFormula(formula, { names: Object.keys(values), cells: false }).ok) return undefined;
  return new Evaluator(formula.slice(1), values).sum();
}
