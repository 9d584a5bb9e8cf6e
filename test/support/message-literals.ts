/**
 * Every message text the code can give a user, read from the source with the
 * TypeScript parser: the literal parts of the first argument of each call that
 * builds a user-facing error (invalidInput, divisionByZero, notComputable,
 * notAvailable, new MetricError, new InputErrorValue, excelError, new
 * UsageError…). Interpolated expressions are left out: what they print is
 * checked by fuzzing the functions (test/bundle/messages.test.ts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface MessageLiteral {
  file: string;
  line: number;
  /** The literal text, with "…" where an expression is interpolated. */
  text: string;
}

const BUILDERS = new Set([
  "invalidInput",
  "divisionByZero",
  "notComputable",
  "notAvailable",
  "MetricError",
  "InputErrorValue",
  "excelError",
  "UsageError",
  "DataProblem",
  "refuseLargeSpill",
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(f) ? [full] : [];
  });
}

function calleeName(node: ts.CallExpression | ts.NewExpression): string {
  const e = node.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return "";
}

/** The literal text of an expression made of strings, template literals and + (expressions become "…"). */
function literalText(node: ts.Expression): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `…${s.literal.text}`).join("");
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return `${literalText(node.left) ?? "…"}${literalText(node.right) ?? "…"}`;
  }
  return null;
}

/** The user-facing message literals under `roots` (folders of the repository). */
export function messageLiterals(repositoryRoot: string, roots: string[]): MessageLiteral[] {
  const out: MessageLiteral[] = [];
  for (const root of roots) {
    for (const file of sourceFiles(path.join(repositoryRoot, root))) {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node) => {
        if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && BUILDERS.has(calleeName(node))) {
          for (const arg of node.arguments ?? []) {
            const text = literalText(arg);
            if (text !== null) {
              const { line } = source.getLineAndCharacterOfPosition(arg.getStart());
              out.push({ file: path.relative(repositoryRoot, file), line: line + 1, text });
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return out;
}

/** Words that look like code but are the names people use: eNPS. */
// Names of the models and metrics as the literature writes them: eNPS; sBG, the shifted-beta-geometric (Fader & Hardie 2007).
const ALLOWED_WORDS = new Set(["eNPS", "sBG"]);

/**
 * What in a message would show the user the inside of the program: a camelCase
 * identifier (hyp2f1Excess, typedArray), a JavaScript error text, a source
 * file name, a JavaScript undefined or NaN printed as a value ("got undefined",
 * "NaN"; the English "is undefined" is fine). Returns the offending piece, or "".
 */
export function internalLeak(message: string): string {
  const camel = message.match(/\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g)?.find((w) => !ALLOWED_WORDS.has(w));
  if (camel) return camel;
  const js = /Invalid typed array length|Maximum call stack|is not a function|Cannot read propert|is not defined|Invalid array length|out of memory|\.tsx?\b|got undefined|"undefined"|\bNaN\b|\[object /i.exec(message);
  return js ? js[0] : "";
}
