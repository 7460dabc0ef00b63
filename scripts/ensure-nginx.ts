/**
 * The several-instances system test puts nginx (Debian's package) in front of two app processes.
 * Installs it when it is missing and we are root with apt-get, as on a fresh CI machine; anywhere else it
 * stops and says what to install. The test runs nginx itself, in the foreground, with its own config: the
 * package's service is never started or used.
 * Usage: node scripts/ensure-nginx.ts
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";

export const NGINX_PATH = "/usr/sbin/nginx";
const POLICY_RC_D = "/usr/sbin/policy-rc.d";

function hasAptGet(): boolean {
  return spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed with exit code ${result.status ?? result.signal}`);
}

/** Returns nginx's path when it is there (afterwards); throws with instructions otherwise. */
export function ensureNginx(): string {
  if (existsSync(NGINX_PATH)) return NGINX_PATH;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !hasAptGet()) {
    throw new Error(
      `The several-instances system test needs nginx at ${NGINX_PATH}, which is missing.\n` +
        `Install it with your package manager (Debian/Ubuntu: \`sudo apt-get install -y --no-install-recommends nginx\`), then run the tests again.`,
    );
  }
  console.log(`nginx is missing: installing Debian's nginx package…`);
  // A policy-rc.d that answers 101 keeps the package's post-install from starting a system nginx on port 80;
  // one the machine already has (container images ship one) is left as it is.
  const ownPolicy = !existsSync(POLICY_RC_D);
  if (ownPolicy) writeFileSync(POLICY_RC_D, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  try {
    if (spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "nginx"], { stdio: "inherit" }).status !== 0) {
      run("apt-get", ["update"]);
      run("apt-get", ["install", "-y", "--no-install-recommends", "nginx"]);
    }
  } finally {
    if (ownPolicy) rmSync(POLICY_RC_D, { force: true });
  }
  if (!existsSync(NGINX_PATH)) throw new Error(`apt-get installed nginx, but ${NGINX_PATH} still does not exist.`);
  return NGINX_PATH;
}

if (import.meta.main) {
  try {
    console.log(`nginx: ${ensureNginx()}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
