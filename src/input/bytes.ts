/**
 * What a file is, from its first and last bytes, and its text in chunks.
 *
 * Encodings people's exports come in: UTF-8 with or without a BOM (what
 * Excel calls "CSV UTF-8"), UTF-16 with a BOM (Excel's "Unicode text"),
 * and Windows-1252 (Excel on Windows' plain "CSV"), recognised because its
 * bytes are not valid UTF-8 (é is 0xE9 alone). Anything that is not text or
 * a workbook (gzip, a zip that is not a workbook, an old .xls, a PDF, binary
 * data) is refused with its name. Pure: bytes in, decisions out.
 */

export type TextEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

export type Refusal = "empty" | "gzip" | "zip" | "xls" | "pdf" | "binary";

export type ByteSniff =
  | { kind: "text"; encoding: TextEncoding; /** Why this encoding: a BOM, valid UTF-8, or bytes that are not UTF-8. */ basis: "bom" | "valid" | "invalid-utf8" | "no-bom-utf16" }
  | { kind: "xlsx" }
  | { kind: "refused"; refusal: Refusal };

const startsWith = (b: Uint8Array, ...sig: number[]) => sig.every((x, i) => b[i] === x);

/** True when the bytes hold `text` (ASCII). Plain loops: this module also runs in the task pane, which has no Buffer. */
function contains(b: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0), n = text.length;
  outer: for (let i = b.indexOf(first); i >= 0 && i + n <= b.length; i = b.indexOf(first, i + 1)) {
    for (let k = 1; k < n; k++) if (b[i + k] !== text.charCodeAt(k)) continue outer;
    return true;
  }
  return false;
}

/** True when the bytes decode as UTF-8 (a character cut at the end of the sample is fine). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Sniffs a file from its first bytes (and, for a zip, its last bytes, where
 * the list of its files is).
 *
 * @example sniffBytes(new Uint8Array([0x1f, 0x8b, 8])) // { kind: "refused", refusal: "gzip" }
 */
export function sniffBytes(head: Uint8Array, tail: Uint8Array = head): ByteSniff {
  if (head.length === 0) return { kind: "refused", refusal: "empty" };
  if (startsWith(head, 0x1f, 0x8b)) return { kind: "refused", refusal: "gzip" };
  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04) || startsWith(head, 0x50, 0x4b, 0x05, 0x06)) {
    return contains(tail, "xl/workbook.xml") || contains(head, "xl/workbook.xml") || contains(head, "[Content_Types].xml") && contains(tail, "xl/")
      ? { kind: "xlsx" }
      : { kind: "refused", refusal: "zip" };
  }
  if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0)) return { kind: "refused", refusal: "xls" };
  if (startsWith(head, 0x25, 0x50, 0x44, 0x46)) return { kind: "refused", refusal: "pdf" };
  if (startsWith(head, 0xef, 0xbb, 0xbf)) return { kind: "text", encoding: "utf-8-bom", basis: "bom" };
  if (startsWith(head, 0xff, 0xfe)) return { kind: "text", encoding: "utf-16le", basis: "bom" };
  if (startsWith(head, 0xfe, 0xff)) return { kind: "text", encoding: "utf-16be", basis: "bom" };
  // UTF-16 without a BOM: ASCII text with every other byte zero.
  const n = Math.min(head.length, 4096);
  let zeroEven = 0, zeroOdd = 0, control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) {
      if (i % 2 === 0) zeroEven++;
      else zeroOdd++;
    } else if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  if (n >= 4 && zeroOdd > n * 0.3 && zeroEven === 0) return { kind: "text", encoding: "utf-16le", basis: "no-bom-utf16" };
  if (n >= 4 && zeroEven > n * 0.3 && zeroOdd === 0) return { kind: "text", encoding: "utf-16be", basis: "no-bom-utf16" };
  if (zeroEven + zeroOdd > 0 || control > n * 0.01) return { kind: "refused", refusal: "binary" };
  return isValidUtf8(head) ? { kind: "text", encoding: "utf-8", basis: "valid" } : { kind: "text", encoding: "windows-1252", basis: "invalid-utf8" };
}

/** The WHATWG name TextDecoder takes. */
function decoderLabel(encoding: TextEncoding): string {
  return encoding === "utf-8-bom" ? "utf-8" : encoding;
}

/** Thrown while decoding as UTF-8 when the bytes turn out not to be: the caller reads again as Windows-1252. */
export class NotUtf8Error extends Error {
  constructor(readonly byteOffset: number) {
    super(`The bytes after offset ${byteOffset} are not valid UTF-8.`);
    this.name = "NotUtf8Error";
  }
}

/**
 * Decodes byte chunks into text chunks (a character split between two chunks
 * is joined). UTF-8 is decoded strictly, so a file that is really
 * Windows-1252 fails with NotUtf8Error instead of becoming "Jos\uFFFD".
 */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, encoding: TextEncoding): AsyncGenerator<string> {
  const strict = encoding === "utf-8" || encoding === "utf-8-bom";
  const decoder = new TextDecoder(decoderLabel(encoding), { fatal: strict });
  let offset = 0;
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new NotUtf8Error(offset);
    }
    offset += chunk.byteLength;
    if (text !== "") yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw new NotUtf8Error(offset);
  }
  if (rest !== "") yield rest;
}
