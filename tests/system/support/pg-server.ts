import { execFile } from "node:child_process";
import { chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./app-process.ts";

const run = promisify(execFile);

/**
 * A PostgreSQL 15 cluster the test owns, so it can stop and start the server under the app (scripts/pg-cluster.sh's
 * cluster belongs to the whole run). The same approach as that script: Debian's binaries, a temporary folder, a free
 * port on loopback, and as root the server runs as `postgres` (initdb refuses root).
 */
export interface PgServer {
  url: string;
  port: number;
  dir: string;
  /** `pg_ctl stop`: "fast" ends sessions with 57P01 admin_shutdown, "immediate" drops them like a crash. */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (immediate) and removes its folder. */
  destroy(): Promise<void>;
}

const pgBin = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const isRoot = process.getuid?.() === 0;

async function asOwner(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return isRoot ? run("runuser", ["-u", "postgres", "--", command, ...args]) : run(command, args);
}

export async function startPgServer(): Promise<PgServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "samspill-pg-restart-"));
  const data = path.join(dir, "data");
  const sock = path.join(dir, "sock");
  mkdirSync(data);
  mkdirSync(sock);
  if (isRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    for (const p of [dir, data, sock]) chownSync(p, Number(stdout.trim()), Number(gid.trim()));
  }
  await asOwner(path.join(pgBin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  const port = await freePort();
  // Durable, unlike the throwaway test cluster: the test checks that acknowledged writes survive a restart.
  const options = `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c max_connections=100`;
  const log = path.join(dir, "server.log");
  const server: PgServer = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async start() {
      await asOwner(path.join(pgBin, "pg_ctl"), ["-D", data, "-l", log, "-w", "-t", "60", "-o", options, "start"]);
    },
    async stop(mode = "fast") {
      await asOwner(path.join(pgBin, "pg_ctl"), ["-D", data, "-m", mode, "-w", "-t", "60", "stop"]);
    },
    async destroy() {
      await server.stop("immediate").catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
