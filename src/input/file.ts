/**
 * The reader's only contact with the file system: opens a file, sniffs what
 * it is (bytes.ts) and returns the TabularSource that reads it in chunks
 * (a CSV through a read stream, a workbook through ExcelJS's streaming
 * reader). Files that are neither are refused with a FileRefusal naming why.
 */
import { createReadStream, openSync, readSync, closeSync, fstatSync } from "node:fs";
import path from "node:path";
import { ByteSniff, Refusal, sniffBytes } from "./bytes";
import { ByteStream, csvSource, memoryBytes, TabularSource } from "./sources";
import { xlsxSource } from "./xlsx";

/** A file that is not a table CXM reads (gzip, a zip that is not a workbook, binary, empty). */
export class FileRefusal extends Error {
  constructor(
    readonly file: string,
    readonly refusal: Refusal,
  ) {
    super(`${file} is not a CSV or a workbook (${refusal}).`);
    this.name = "FileRefusal";
  }
}

const SNIFF_BYTES = 1 << 16;

function fileStream(file: string, name: string, size: number): ByteStream {
  let given = 0;
  return {
    name,
    async *open() {
      given = 0;
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
        given += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    },
    fraction: () => (size === 0 ? 1 : Math.min(1, given / size)),
  };
}

/** The first and last 64 KB of a file. */
function headAndTail(file: string): { head: Uint8Array; tail: Uint8Array; size: number } {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    readSync(fd, head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    readSync(fd, tail, 0, tail.length, Math.max(0, size - tail.length));
    return { head, tail, size };
  } finally {
    closeSync(fd);
  }
}

export interface SourceChoices {
  delimiter?: string;
  sheet?: string;
}

function sourceFor(sniff: ByteSniff, name: string, stream: ByteStream, head: Uint8Array, workbook: string | Uint8Array, choices: SourceChoices): TabularSource {
  if (sniff.kind === "refused") throw new FileRefusal(name, sniff.refusal);
  if (sniff.kind === "xlsx") return xlsxSource(name, workbook, choices.sheet);
  return csvSource(stream, sniff, head, choices.delimiter);
}

/** The source for a file on disk. */
export function fileSource(file: string, choices: SourceChoices = {}): TabularSource {
  const name = path.basename(file);
  const { head, tail, size } = headAndTail(file);
  return sourceFor(sniffBytes(head, tail), name, fileStream(file, name, size), head, file, choices);
}

/** The source for a file's bytes already in memory (tests, uploads). */
export function bytesSource(name: string, bytes: Uint8Array, choices: SourceChoices = {}, chunkBytes?: number): TabularSource {
  const head = bytes.subarray(0, SNIFF_BYTES);
  const tail = bytes.subarray(Math.max(0, bytes.length - SNIFF_BYTES));
  return sourceFor(sniffBytes(head, tail), name, memoryBytes(name, bytes, chunkBytes), head, bytes, choices);
}
