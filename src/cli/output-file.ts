/**
 * How the CLI writes its .xlsx: never over a file the user did not ask to
 * replace, never through a symbolic link, and never in place. The workbook is
 * written to a new temporary file in the same folder, flushed to disk, and
 * only then moved over the name the user gave (a rename within one folder is
 * atomic), so a failure while writing (a full disk, a killed process) leaves
 * the old file exactly as it was and no half-written workbook behind.
 */
import { randomBytes } from "node:crypto";
import { constants, promises as fsp } from "node:fs";
import path from "node:path";
import type { Language, Localized } from "../templates/registry-types";

/** The file operations the writer uses; tests inject failing ones (a full disk). */
export interface FileOps {
  lstat(file: string): Promise<{ isSymbolicLink(): boolean; isFile(): boolean; isDirectory(): boolean }>;
  /** Creates `file` for writing; fails if anything (a file, a link) already has that name. */
  createExclusive(file: string): Promise<WritableFile>;
  /** Gives `from` the name `to` as well; fails with EEXIST if `to` exists. */
  link(from: string, to: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  /** Flushes the data to the disk. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const NODE_FILE_OPS: FileOps = {
  lstat: (file) => fsp.lstat(file),
  async createExclusive(file) {
    // O_EXCL: fails if the name exists, even as a dangling symbolic link, so nothing is written through one.
    const handle = await fsp.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    return {
      async write(data) {
        let offset = 0;
        while (offset < data.length) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  link: (from, to) => fsp.link(from, to),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (file) => fsp.unlink(file),
};

/** The output cannot be written as asked: an existing file without --force, a symbolic link, a folder. Exit code 2. */
export class OutputRefused extends Error {
  constructor(readonly messages: Localized, language: Language) {
    super(messages[language]);
    this.name = "OutputRefused";
  }
}

function errorCode(e: unknown): string {
  return typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
}

const refusals = {
  exists: (file: string): Localized => ({
    en: `${file} already exists: CXM does not replace a file unasked. Give another --out name, or add --force to replace it.`,
    es: `${file} ya existe: CXM no sustituye un archivo sin que se lo pida. Indique otro nombre con --out, o añada --force para sustituirlo.`,
  }),
  link: (file: string): Localized => ({
    en: `${file} is a symbolic link: CXM never writes through a link (it could point anywhere). Give the real file's path with --out.`,
    es: `${file} es un enlace simbólico: CXM nunca escribe a través de un enlace (podría apuntar a cualquier sitio). Indique con --out la ruta del archivo real.`,
  }),
  notAFile: (file: string): Localized => ({
    en: `${file} exists and is not a file (a folder?): give another --out name.`,
    es: `${file} existe y no es un archivo (¿una carpeta?): indique otro nombre con --out.`,
  }),
};

/**
 * Checks that `file` may be written: absent, or (with `force`) an ordinary
 * file. A symbolic link is refused even with --force. Throws OutputRefused.
 */
export async function checkOutput(file: string, force: boolean, language: Language, ops: FileOps = NODE_FILE_OPS): Promise<void> {
  let stat;
  try {
    stat = await ops.lstat(file);
  } catch (e) {
    if (errorCode(e) === "ENOENT") return;
    throw e;
  }
  if (stat.isSymbolicLink()) throw new OutputRefused(refusals.link(file), language);
  if (!stat.isFile()) throw new OutputRefused(refusals.notAFile(file), language);
  if (!force) throw new OutputRefused(refusals.exists(file), language);
}

/**
 * Writes `data` to `file` through a temporary file in the same folder. With
 * `force` an existing file is replaced in one rename; without it the new file
 * is linked in under the name only if the name is still free (a file that
 * appeared meanwhile is not replaced either). On any failure the temporary
 * file is removed and `file` is untouched.
 */
export async function writeFileAtomically(
  file: string,
  data: Uint8Array,
  options: { force: boolean; language: Language; ops?: FileOps },
): Promise<void> {
  const ops = options.ops ?? NODE_FILE_OPS;
  await checkOutput(file, options.force, options.language, ops);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
  const handle = await ops.createExclusive(temp);
  let placed = false;
  try {
    try {
      await handle.write(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.force) {
      await ops.rename(temp, file); // replaces a file, or a link planted meanwhile, but never writes through it
      placed = true;
      return;
    }
    try {
      await ops.link(temp, file);
    } catch (e) {
      if (errorCode(e) === "EEXIST") throw new OutputRefused(refusals.exists(file), options.language);
      // File systems without hard links: check again, then rename.
      await checkOutput(file, false, options.language, ops);
      await ops.rename(temp, file);
      placed = true;
    }
  } finally {
    if (!placed) await ops.unlink(temp).catch(() => undefined);
  }
}
