/**
 * The layer rule in eslint.config.js: routes and components reach data only
 * through domain modules, so nothing under app/routes or app/components may
 * import app/db, Drizzle, pg or PGlite (not even `import type`). Domain
 * modules may. Runs the project's real ESLint config on planted code.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const LAYER_RULES = ["no-restricted-imports", "no-restricted-syntax"];

let eslint: ESLint;

beforeAll(async () => {
  // Only the layer rule: parsing is enough, and the React Compiler rules would make this slow.
  eslint = new ESLint({ cwd: root, cache: false, ruleFilter: ({ ruleId }) => LAYER_RULES.includes(ruleId) });
  // Loads the config (typescript-eslint, plugins) once, outside the tests' own timeouts.
  await eslint.calculateConfigForFile(path.join(root, "app/routes/home.tsx"));
}, 120_000);

/** The layer-rule errors ESLint reports for `code` saved as `file` (relative to the project). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  expect(result, `${file} was not linted`).toBeDefined();
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, `${file} did not parse`).toEqual([]);
  return result!.messages.filter((m) => LAYER_RULES.includes(m.ruleId ?? "") && m.severity === 2).map((m) => m.message);
}

describe("layer rule: routes and components do not touch the database", () => {
  it.each([
    ["app/routes/planted.tsx", `import { getDb } from "~/db/client.server.ts"; export const db = getDb;`],
    ["app/routes/planted.tsx", `import { sql } from "drizzle-orm"; export const q = sql\`select 1\`;`],
    ["app/routes/planted.tsx", `import { eq } from "drizzle-orm/sql"; export const e = eq;`],
    ["app/routes/planted.tsx", `import type { InferSelectModel } from "drizzle-orm"; export type T = InferSelectModel<never>;`],
    ["app/routes/planted.tsx", `import type { users } from "~/db/schema/index.ts"; export type Users = typeof users;`],
    ["app/routes/planted.tsx", `import { users } from "../db/schema/auth.ts"; export const u = users;`],
    ["app/routes/admin/planted.tsx", `import { users } from "../../db/schema/auth.ts"; export const u = users;`],
    ["app/routes/planted.server.ts", `export { getDb } from "~/db/client.server.ts";`],
    ["app/components/planted.tsx", `import pg from "pg"; export const Pool = pg.Pool;`],
    ["app/components/planted.tsx", `import { PGlite } from "@electric-sql/pglite"; export const P = PGlite;`],
    ["app/components/nested/planted.tsx", `import * as schema from "../../db/schema/index.ts"; export const s = schema;`],
    ["app/routes/planted.tsx", `export async function loader() { return (await import("~/db/client.server.ts")).getDb(); }`],
    ["app/components/planted.tsx", `export const load = () => import("drizzle-orm");`],
  ])("%s: %s is an error", async (file, code) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("call a domain module");
  });

  it.each([
    [
      "app/domain/planted/planted.server.ts",
      `import { getDb } from "~/db/client.server.ts"; import { sql } from "drizzle-orm"; export const q = [getDb, sql];`,
    ],
    ["app/domain/planted/planted.server.ts", `import type { users } from "../../db/schema/index.ts"; export type Users = typeof users;`],
    ["app/routes/planted.tsx", `import { listActivities } from "~/domain/activities/activities.server.ts"; export const l = listActivities;`],
    ["app/components/planted.tsx", `import { useT } from "~/i18n/use-t.ts"; export const t = useT;`],
    ["app/routes/planted.tsx", `export const load = () => import("~/domain/activities/activities.server.ts");`],
  ])("%s: %s is allowed", async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

  it("holds for every route and component in the tree today", async () => {
    const results = await eslint.lintFiles(["app/routes", "app/components"]);
    expect(results.length).toBeGreaterThan(20);
    const violations = results.flatMap((r) =>
      r.messages.filter((m) => LAYER_RULES.includes(m.ruleId ?? "") || m.fatal).map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`),
    );
    expect(violations).toEqual([]);
  }, 120_000);
});
