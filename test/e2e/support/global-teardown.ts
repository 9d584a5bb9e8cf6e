import { rmSync } from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.CXM_E2E_FIXTURE_DIR;
  if (dir && dir.includes("cxm-e2e-")) rmSync(dir, { recursive: true, force: true });
}
