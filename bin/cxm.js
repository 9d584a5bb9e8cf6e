#!/usr/bin/env node
// The `cxm` command: runs the TypeScript CLI through tsx (a runtime dependency).
require("tsx/cjs/api").register();
require("../src/cli/main.ts");
