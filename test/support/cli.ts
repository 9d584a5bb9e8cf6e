/** Runs the `cxm` command in-process, in `cwd`, with a fixed clock, capturing what it prints. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";
import type { TemplateDescriptor } from "../../src/templates/registry-types";

export const BUILT = new Date("2025-01-15T09:30:00Z");

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs in an English environment unless `env` says otherwise (LANG=es_ES.UTF-8 …). */
export async function runCli(argv: string[], cwd: string, templates?: TemplateDescriptor[], env: Record<string, string> = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    cwd,
    now: () => BUILT,
    env,
    ...(templates ? { templates } : {}),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

export function tempDir(prefix = "cxm-cli-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}
