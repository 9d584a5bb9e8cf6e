/**
 * The CLI never loses the user's files (issue 9, item 3): an existing --out
 * (also the default name) is refused unless --force, a symbolic link is
 * refused always, and the workbook goes through a temporary file and a
 * rename, so a failure while writing leaves the old file intact. Control
 * characters from the input are escaped in what the CLI prints.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { escapeControlCharacters } from "../../src/cli/format";
import { FileOps, NODE_FILE_OPS } from "../../src/cli/output-file";
import { run } from "../../src/cli/run";
import { BUILT, runCli, tempDir } from "../support/cli";

jest.setTimeout(60_000);

const OLD = Buffer.from("the user's own workbook, not to be lost");
const LTV = ["template", "ltv-cac", "--option", "arpa=150"];

function freshDir(): string {
  return tempDir("cxm-out-");
}

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".tmp"));
}

describe("an existing output file", () => {
  it("is refused with exit 2 and a clear message, and left as it was (--out)", async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, "model.xlsx"), OLD);
    const r = await runCli([...LTV, "--out", "model.xlsx"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("model.xlsx already exists: CXM does not replace a file unasked. Give another --out name, or add --force to replace it.");
    expect(readFileSync(path.join(dir, "model.xlsx"))).toEqual(OLD);
  });

  it("is refused in Spanish with --lang es", async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, "model.xlsx"), OLD);
    const r = await runCli([...LTV, "--out", "model.xlsx", "--lang", "es"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("model.xlsx ya existe: CXM no sustituye un archivo sin que se lo pida.");
  });

  it("is refused under the default name too (template and demo)", async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, "ltv-cac.xlsx"), OLD);
    writeFileSync(path.join(dir, "cxm-demo.xlsx"), OLD);
    expect((await runCli(LTV, dir)).code).toBe(2);
    expect((await runCli(["demo"], dir)).code).toBe(2);
    expect(readFileSync(path.join(dir, "ltv-cac.xlsx"))).toEqual(OLD);
    expect(readFileSync(path.join(dir, "cxm-demo.xlsx"))).toEqual(OLD);
  });

  it("is replaced with --force, by a complete workbook, with no temporary file left", async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, "model.xlsx"), OLD);
    const r = await runCli([...LTV, "--out", "model.xlsx", "--force"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "model.xlsx"));
    expect(wb.worksheets.length).toBeGreaterThan(0);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe("a symbolic link as --out", () => {
  it("is refused, even with --force, and what it points to is untouched", async () => {
    const dir = freshDir();
    const target = path.join(dir, "elsewhere.xlsx");
    writeFileSync(target, OLD);
    symlinkSync(target, path.join(dir, "link.xlsx"));
    for (const extra of [[], ["--force"]]) {
      const r = await runCli([...LTV, "--out", "link.xlsx", ...extra], dir);
      expect(r.code).toBe(2);
      expect(r.err).toContain("link.xlsx is a symbolic link: CXM never writes through a link");
    }
    expect(readFileSync(target)).toEqual(OLD);
    expect(lstatSync(path.join(dir, "link.xlsx")).isSymbolicLink()).toBe(true);
  });

  it("is refused when it dangles (writing would create the file it points to)", async () => {
    const dir = freshDir();
    symlinkSync(path.join(dir, "nowhere.xlsx"), path.join(dir, "dangling.xlsx"));
    const r = await runCli([...LTV, "--out", "dangling.xlsx", "--force"], dir);
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, "nowhere.xlsx"))).toBe(false);
  });
});

describe("a failure while writing (disk full)", () => {
  /** The real file operations, except that writing stops half way with ENOSPC. */
  const diskFull: FileOps = {
    ...NODE_FILE_OPS,
    async createExclusive(file) {
      const real = await NODE_FILE_OPS.createExclusive(file);
      return {
        async write(data) {
          await real.write(data.subarray(0, data.length >> 1));
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        },
        sync: () => real.sync(),
        close: () => real.close(),
      };
    },
  };

  it("leaves the old file intact (with --force) and no temporary file behind", async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, "model.xlsx"), OLD);
    const err: string[] = [];
    const code = await run([...LTV, "--out", "model.xlsx", "--force"], { cwd: dir, now: () => BUILT, out: () => undefined, err: (l) => err.push(l), files: diskFull });
    expect(code).toBe(1);
    expect(err.join("\n")).toContain("Could not write");
    expect(err.join("\n")).toContain("no space left on device");
    expect(readFileSync(path.join(dir, "model.xlsx"))).toEqual(OLD);
    expect(leftovers(dir)).toEqual([]);
  });

  it("creates nothing when there was no file", async () => {
    const dir = freshDir();
    const code = await run(["demo", "--out", "demo.xlsx"], { cwd: dir, now: () => BUILT, out: () => undefined, err: () => undefined, files: diskFull });
    expect(code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("control characters in what the CLI prints", () => {
  it("are escaped, never sent to the terminal", () => {
    expect(escapeControlCharacters("a\u001b[2Jb\rc\td\u0007\u202Ee\u009b")).toBe("a\\x1B[2Jb\\x0Dc\\x09d\\x07\\u202Ee\\x9B");
    expect(escapeControlCharacters("Puntuación «9» ✓")).toBe("Puntuación «9» ✓");
  });

  it("in headers and cell values read from a CSV", async () => {
    const dir = freshDir();
    // A header and a value carrying ESC [2J (clear screen) and a carriage return.
    writeFileSync(path.join(dir, "r.csv"), "Date,NPS score\u001b[2J\n2024-03-01,10\n2024-03-02,ten\rx\n");
    const r = await runCli(["template", "survey-dashboard", "--input", "r.csv", "--out", "r.xlsx"], dir);
    const printed = r.out + r.err;
    // eslint-disable-next-line no-control-regex -- looking for raw control characters
    expect(printed).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(printed).toContain("\\x1B[2J");
  });
});
