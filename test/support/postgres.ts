/**
 * A real PostgreSQL server for the tests, never a mock:
 * - CXM_POSTGRES_URL set (CI: .ci/run starts the server as its own service
 *   and exports it): that server;
 * - else, where PostgreSQL's binaries are installed (initdb, pg_ctl): a
 *   throwaway cluster in a temporary folder, reached on a unix socket only
 *   (no TCP port), stopped and deleted after the tests;
 * - else the PostgreSQL tests do not run, and say why — except in CI (CI
 *   set), where a missing server fails them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, ClientConfig, types } from "pg";

export const POSTGRES_URL_VARIABLE = "CXM_POSTGRES_URL";

/** The folder holding initdb and pg_ctl, or null: $PG_BIN, pg_config --bindir, Debian's /usr/lib/postgresql/<n>/bin, then PATH. */
export function postgresBinaries(): string | null {
  const has = (dir: string) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"));
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const pgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  candidates.push(...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean));
  return candidates.find(has) ?? null;
}

export type PostgresAvailability = { available: true; how: string } | { available: false; why: string };

/** Decided without starting anything, so a test file can choose describe or describe.skip when it loads. */
export function postgresAvailability(): PostgresAvailability {
  if (process.env[POSTGRES_URL_VARIABLE]) return { available: true, how: `the server at ${POSTGRES_URL_VARIABLE}` };
  const bin = postgresBinaries();
  if (bin) return { available: true, how: `a throwaway cluster (${bin})` };
  return {
    available: false,
    why:
      `PostgreSQL tests not run: ${POSTGRES_URL_VARIABLE} is not set and no PostgreSQL binaries (initdb, pg_ctl) were found. ` +
      `Install PostgreSQL (Debian: apt-get install postgresql) or set ${POSTGRES_URL_VARIABLE}=postgres://… to run them.`,
  };
}

export interface PostgresServer {
  config: ClientConfig;
  /** A connected client; dates (DATE) come back as text, as in an exported result. */
  connect(): Promise<Client>;
  stop(): void;
}

/** Runs a PostgreSQL program, as the postgres user when we are root (initdb refuses root). */
function pgRun(bin: string, program: string, args: string[], asUser: string | null): void {
  const command = path.join(bin, program);
  if (asUser) execFileSync("runuser", ["-u", asUser, "--", command, ...args], { stdio: "pipe" });
  else execFileSync(command, args, { stdio: "pipe" });
}

function clientFor(config: ClientConfig): () => Promise<Client> {
  return async () => {
    const client = new Client({
      ...config,
      types: {
        getTypeParser: (oid: number, format?: string) => {
          // DATE (1082) as its text, not a Date at local midnight.
          if (oid === 1082) return (text: string) => text;
          return types.getTypeParser(oid, format as never);
        },
      } as never,
    });
    await client.connect();
    return client;
  };
}

/** Starts (or connects to) the server postgresAvailability() promised; throws when there is none. */
export function startPostgres(): PostgresServer {
  const url = process.env[POSTGRES_URL_VARIABLE];
  if (url) {
    const config = { connectionString: url };
    return { config, connect: clientFor(config), stop: () => undefined };
  }
  const bin = postgresBinaries();
  if (!bin) throw new Error(postgresAvailability().available ? "unreachable" : (postgresAvailability() as { why: string }).why);
  const root = process.getuid?.() === 0;
  const asUser = root ? "postgres" : null;
  const dir = mkdtempSync(path.join(os.tmpdir(), "cxm-pg-"));
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, -1);
  }
  const data = path.join(dir, "data");
  pgRun(bin, "initdb", ["-D", data, "-A", "trust", "-U", "cxm", "-E", "UTF8", "--no-sync", "--locale=C"], asUser);
  const settings = `-c listen_addresses='' -c unix_socket_directories='${dir}' -c fsync=off -c full_page_writes=off`;
  pgRun(bin, "pg_ctl", ["-D", data, "-o", settings, "-w", "-l", path.join(dir, "server.log"), "start"], asUser);
  const config: ClientConfig = { host: dir, user: "cxm", database: "postgres" };
  return {
    config,
    connect: clientFor(config),
    stop() {
      try {
        pgRun(bin, "pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"], asUser);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
