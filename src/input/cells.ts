/**
 * One cell, whatever it arrived as (CSV text, an Excel value from a workbook
 * or a sheet range), reduced to what typing needs: blank, "no answer", text,
 * a number, a Date or a boolean.
 */

/** Survey tools' and people's ways of writing "no answer" (compared lower case, without accents or dots). */
const NO_ANSWER = new Set([
  "n/a", "na", "n a", "n/d", "nd", "-", "--", "—", "–", "?", "null", "none", "no answer", "not answered", "no response", "skipped",
  "prefer not to say", "dont know", "don't know", "sin respuesta", "no contesta", "no contestó", "no contesto", "ns/nc", "nsnc", "ns nc",
  "no sabe", "no sabe/no contesta", "prefiero no responder", "prefiero no contestar", "sin dato", "sin datos", "omitido", "omitida",
]);

/** True for "N/A", "n/a", "NS/NC", "Sin respuesta" and the like. */
/** First characters of the no-answer words (lower case), so most cells are ruled out without normalizing them. */
const FIRST = new Set(Array.from("n-—–?spdo¿"));

export function isNoAnswer(text: string): boolean {
  const t = text.trim();
  if (t.length > 24 || t === "" || !FIRST.has(t.charAt(0).toLowerCase())) return false;
  const key = t
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\.(?=\s|$|\/)/g, "")
    .replace(/\s+/g, " ");
  return NO_ANSWER.has(key) || NO_ANSWER.has(t.toLowerCase());
}

/** True for a cell with nothing in it. */
export function isBlankValue(v: unknown): boolean {
  if (v === "" || v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 160 && c !== 0x202f) return false;
  }
  return true;
}

/** A cell as text: numbers as JavaScript writes them, Dates as ISO dates (with the time when there is one), booleans as TRUE/FALSE. */
export function textOfValue(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}
