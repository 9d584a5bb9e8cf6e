/**
 * The progress line of a long read, on a terminal's stderr: rows read, rows
 * per second and the time left, rewritten in place a few times a second,
 * then cleared. The reader reports after each batch (src/input, onProgress):
 * a single pass by the share of the file's bytes read; when two are needed,
 * the first (settling each column's conventions) by bytes and the second
 * (typing and aggregating) by rows out of those the first counted. Silent when stderr is not a terminal or with
 * --quiet: the caller then passes no writer.
 */
import type { ReadProgress } from "../input/types";
import type { Language } from "../templates/registry-types";
import { escapeControlCharacters } from "./format";

/** Share of the whole read the first pass takes (it only counts; the second also types and aggregates). */
const FIRST_PASS_SHARE = 0.4;
/** Updates at most this often (ms), and only for reads that last longer than that. */
const EVERY_MS = 250;

const WORDS = {
  en: { checking: "checking", reading: "reading", rows: "rows", perSecond: "rows/s", left: (s: string) => `about ${s} left` },
  es: { checking: "comprobando", reading: "leyendo", rows: "filas", perSecond: "filas/s", left: (s: string) => `quedan unos ${s}` },
};

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  const m = Math.floor(seconds / 60), s = Math.round(seconds % 60);
  return `${m} min ${String(s).padStart(2, "0")} s`;
}

/** Raw text to `stream` when it is a terminal (the progress line's writer); undefined otherwise, so nothing is shown. */
export function terminalWriter(stream: { isTTY?: boolean; write(text: string): unknown }): ((text: string) => void) | undefined {
  return stream.isTTY ? (text) => void stream.write(text) : undefined;
}

export class ProgressLine {
  private readonly started: number;
  private last = 0;
  private shown = false;
  private readonly number: Intl.NumberFormat;

  /** `write` puts raw text on the terminal (no newline); `label` names the input. */
  constructor(
    private readonly write: (text: string) => void,
    private readonly label: string,
    private readonly language: Language,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
    this.number = new Intl.NumberFormat(language === "es" ? "es-ES" : "en-US", { maximumFractionDigits: 0 });
  }

  /** The text for a report (exported for tests through `line`). */
  line(p: ReadProgress, elapsedMs: number): string {
    const w = WORDS[this.language];
    const f = p.fraction ?? 0;
    const done = p.passes === 1 ? f : p.pass === 1 ? FIRST_PASS_SHARE * f : FIRST_PASS_SHARE + (1 - FIRST_PASS_SHARE) * f;
    const seconds = elapsedMs / 1000;
    const checking = p.passes === 2 && p.pass === 1;
    const parts = [`${this.label}: ${checking ? w.checking : w.reading} ${this.number.format(p.rows)} ${w.rows}`];
    if (!checking && seconds > 0) parts.push(`${this.number.format(p.rows / seconds)} ${w.perSecond}`);
    if (p.fraction !== null) parts.push(`${Math.floor(100 * done)}%`);
    // Time left once there is a rate to go by, and not when the read is done (the aggregate and the file are quick after it).
    if (p.fraction !== null && done > 0.02 && done < 1) parts.push(w.left(duration((seconds * (1 - done)) / done)));
    return parts.join(" · ");
  }

  report(p: ReadProgress): void {
    const t = this.now();
    if (t - this.last < EVERY_MS || t - this.started < EVERY_MS) return;
    this.last = t;
    this.shown = true;
    // \r and "erase to the end of the line": the line is rewritten in place. The label is escaped (a file name is user text).
    this.write(`\r${this.line(p, t - this.started)}\x1b[K`);
  }

  /** Clears the line (nothing is left on the terminal). */
  end(): void {
    if (this.shown) this.write("\r\x1b[K");
    this.shown = false;
  }

  static labelOf(file: string): string {
    return escapeControlCharacters(file);
  }
}
