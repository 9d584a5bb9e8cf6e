// Preloaded (node -r) into a measured CLI run by bench/cli-template.bench.ts:
// at exit, writes the process's peak resident memory (VmHWM, MB) to the file
// named by CXM_PEAK_FILE, so the bench reads each run's own peak.
const fs = require("node:fs");
process.on("exit", () => {
  const file = process.env.CXM_PEAK_FILE;
  if (!file) return;
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  fs.writeFileSync(file, String(m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024));
});
