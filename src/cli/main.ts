/**
 * Entry point of the `cxm` command (bin/cxm.js, `npm run demo`): runs the
 * CLI on the process's arguments and exits with its code. The logic lives in
 * run.ts so tests can call it in-process.
 */
import { run } from "./run";

void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
