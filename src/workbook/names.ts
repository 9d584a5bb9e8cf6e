/**
 * Names Excel accepts for sheets, tables and defined names, and how a renderer
 * picks a free one when the requested name is taken: a sheet "Survey" becomes
 * "Survey (2)", a table "Responses" becomes "Responses_2". Excel compares all
 * of these case-insensitively.
 */

/** Excel's limit on a sheet name's length. */
export const MAX_SHEET_NAME = 31;

/** "History" is reserved by Excel (the change-tracking sheet). */
const RESERVED_SHEET_NAMES = new Set(["HISTORY"]);

/**
 * A valid sheet name close to `requested`: the characters Excel forbids
 * ([ ] : * ? / \) become "-", leading and trailing apostrophes and spaces go,
 * the result is cut to 31 characters, and an empty name becomes "Sheet".
 */
export function validSheetName(requested: string): string {
  // Control characters are not allowed in sheet names either.
  // eslint-disable-next-line no-control-regex
  let name = requested.replace(/[[\]:*?/\\]/g, "-").replace(/[\u0000-\u001f]/g, " ");
  name = name.replace(/^[' ]+|[' ]+$/g, "");
  if (name.length > MAX_SHEET_NAME) name = name.slice(0, MAX_SHEET_NAME).replace(/[' ]+$/g, "");
  return name || "Sheet";
}

/**
 * A valid sheet name for `requested` that is not in `taken` (compared
 * case-insensitively): the valid name itself, else with " (2)", " (3)", …,
 * shortening the base so the whole stays within 31 characters.
 */
export function uniqueSheetName(requested: string, taken: Iterable<string>): string {
  const used = upperSet(taken);
  const base = validSheetName(requested);
  if (!used.has(base.toUpperCase()) && !RESERVED_SHEET_NAMES.has(base.toUpperCase())) return base;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const head = base.slice(0, MAX_SHEET_NAME - suffix.length).replace(/[' ]+$/g, "");
    const candidate = `${head}${suffix}`;
    if (!used.has(candidate.toUpperCase())) return candidate;
  }
}

/** True for names Excel would read as a cell reference: "B7", "XFD1", "R1C1", "R", "C3". */
function looksLikeReference(name: string): boolean {
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name);
}

const NAME_SHAPE = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;

/** Why `name` cannot be a defined name, or null when it can. */
export function invalidDefinedName(name: string): string | null {
  if (!NAME_SHAPE.test(name)) {
    return `"${name}" is not a valid name: use letters, digits, "_" and ".", starting with a letter or "_".`;
  }
  if (name.length > 255) return `The name "${name.slice(0, 20)}…" is longer than 255 characters.`;
  if (looksLikeReference(name)) return `"${name}" looks like a cell reference, so Excel would not accept it as a name.`;
  return null;
}

/** Why `name` cannot be a table name, or null when it can (the rules of defined names). */
export function invalidTableName(name: string): string | null {
  return invalidDefinedName(name);
}

/** `requested` when it is not in `taken`, else requested_2, requested_3, … (case-insensitive). */
export function uniqueTableName(requested: string, taken: Iterable<string>): string {
  const used = upperSet(taken);
  if (!used.has(requested.toUpperCase())) return requested;
  for (let k = 2; ; k++) {
    const candidate = `${requested}_${k}`;
    if (!used.has(candidate.toUpperCase())) return candidate;
  }
}

function upperSet(names: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const n of names) set.add(n.toUpperCase());
  return set;
}
