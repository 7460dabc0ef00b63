import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The embedded store after `kill -9` (issue 15): a process writing to a
 * PGlite folder the way the app does (single statements and transactions, the
 * default durability) is killed mid-write; the folder opens again and
 * every write that had returned is there. (This is the promise for a killed
 * process. A power cut or OS crash is another matter: see the README's
 * operations section.)
 */

const dir = mkdtempSync(path.join(tmpdir(), "samspill-pglite-kill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until it has acknowledged `writes` rows, then SIGKILLs it; returns the acknowledged ids. */
function writeThenKill(writes: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve("tests/integration/pglite-kill.child.mjs"), dir], { stdio: ["ignore", "pipe", "pipe"] });
    const acknowledged: string[] = [];
    let buffer = "";
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += String(chunk)));
    child.stdout.on("data", (chunk) => {
      buffer += String(chunk);
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("ack ")) acknowledged.push(line.slice(4));
      if (acknowledged.length >= writes) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => {
      if (signal === "SIGKILL") resolve(acknowledged);
      else reject(new Error(`the writer stopped by itself: ${errors}`));
    });
  });
}

// The embedded store only: the PostgreSQL pass (DATABASE_URL) has nothing of its own to add here.
describe.skipIf(Boolean(process.env.DATABASE_URL))("PGlite after kill -9", () => {
  it("opens again, and every acknowledged write is present", async () => {
    const acknowledged = await writeThenKill(300);
    const db = await PGlite.create(dir);
    try {
      const rows = await db.query<{ id: string }>("select id from acknowledged");
      const present = new Set(rows.rows.map((r) => r.id));
      const missing = acknowledged.filter((id) => !present.has(id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);
      expect(missing).toEqual([]);
    } finally {
      await db.close();
    }
  }, 120_000);
});
