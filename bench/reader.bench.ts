/**
 * The reader (src/input) on a 1,000,000-row CSV as Spanish Excel writes it
 * (UTF-8 with BOM, semicolons, 15/01/2024, 1.234,50): both passes (evidence,
 * then typing into Float64Arrays and coded ids), in chunks of 65,536 rows,
 * then the same into whole columns. Rows per second are medians of several
 * runs; peak memory is the process's resident high-water mark after the
 * streamed reads (before anything is gathered whole) and after the whole
 * read. Baselines in the same run: csv-parse (the field's library) only
 * splitting the same file into records, and the bare read of its bytes.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse";
import { fileSource } from "../src/input/file";
import { TableReader } from "../src/input/reader";
import type { NumberColumn } from "../src/input/types";
import { peakRssMb, report, time } from "./harness";

const ROWS = 1_000_000;
const KINDS = ["id", "date", "number", "text"] as const;

async function writeFixture(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write("\ufeffCliente;Fecha;Importe;Segmento\n");
  let chunk = "";
  for (let i = 0; i < ROWS; i++) {
    const day = 1 + (i % 28), month = 1 + ((i >> 5) % 12);
    const cents = (i * 7919) % 500_000;
    const euros = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    chunk += `C${i % 100_000};${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/2024;${euros},${String(cents % 100).padStart(2, "0")};${i % 3 === 0 ? "Pyme" : "Grande"}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cxm-reader-bench-"));
  const file = path.join(dir, "ventas.csv");
  try {
    await writeFixture(file);
    const mb = statSync(file).size / 1024 / 1024;
    const startRss = peakRssMb();

    let sum = 0;
    const streamed = await time(
      "reader, chunks",
      async () => {
        const reader = await TableReader.open(fileSource(file), { language: "es" });
        sum = 0;
        for await (const chunk of reader.chunks([...KINDS])) {
          const v = (chunk.columns[2] as NumberColumn).values;
          for (let i = 0; i < chunk.rows; i++) sum += v[i];
        }
      },
      3,
      1,
    );
    const streamedRss = peakRssMb();
    const whole = await time(
      "reader, whole columns",
      async () => {
        const reader = await TableReader.open(fileSource(file), { language: "es" });
        const t = await reader.readAll([...KINDS]);
        if (t.rows !== ROWS) throw new Error(`read ${t.rows} rows`);
      },
      3,
      1,
    );
    const wholeRss = peakRssMb();
    const csvParse = await time(
      "csv-parse, records only",
      async () => {
        let n = 0;
        for await (const _record of createReadStream(file).pipe(parse({ delimiter: ";", bom: true }))) n++;
        if (n !== ROWS + 1) throw new Error(`csv-parse read ${n} records`);
      },
      3,
      1,
    );
    const bare = await time(
      "bytes only",
      async () => {
        const decoder = new TextDecoder();
        for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) decoder.decode(chunk as Buffer, { stream: true });
      },
      3,
      1,
    );
    const rate = (ms: number) => `${Math.round(ROWS / (ms / 1000)).toLocaleString("en-US")} rows/s`;
    report(`Reader: ${ROWS.toLocaleString("en-US")}-row CSV (${mb.toFixed(0)} MB, UTF-8 BOM, ;, dd/mm/yyyy, 1.234,50; 4 columns typed)`, [
      `reader, two passes, chunks of 65,536 rows: ${(streamed.medianMs / 1000).toFixed(2)} s (${rate(streamed.medianMs)}), peak RSS ${streamedRss.toFixed(0)} MB (${startRss.toFixed(0)} MB before)`,
      `reader, two passes, whole columns:          ${(whole.medianMs / 1000).toFixed(2)} s (${rate(whole.medianMs)}), peak RSS ${wholeRss.toFixed(0)} MB`,
      `baseline csv-parse, records only (one pass, no typing): ${(csvParse.medianMs / 1000).toFixed(2)} s (${rate(csvParse.medianMs)})`,
      `baseline bytes read and decoded only: ${(bare.medianMs / 1000).toFixed(2)} s`,
      `(checksum of the amounts: ${sum.toFixed(2)})`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
