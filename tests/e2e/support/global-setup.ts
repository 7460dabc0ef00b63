import { request } from "@playwright/test";
import { rmSync, writeFileSync } from "node:fs";
import { BASE_URL, signInErrorPath, storageStatePath } from "./paths.ts";
import { demoAccountEmails, roles, type SignedInRole } from "../route-manifest.ts";
import { DEMO_PASSWORD } from "../../../app/domain/demo/ids.ts";
import { csrfTokenFrom } from "./http.ts";

/**
 * Runs once after the servers are up: warms the app (the first page after a
 * fresh database start is slow), then signs in every demo account through the
 * real sign-in form and saves one storage state per role. A role that cannot
 * sign in gets an error file instead, so its tests fail with the reason while
 * the other roles' tests still run.
 */
export default async function globalSetup(): Promise<void> {
  const warm = await request.newContext({ baseURL: BASE_URL });
  for (const url of ["/", "/logg-inn", "/organisasjoner", "/kommuner"]) await warm.get(url, { timeout: 60_000 }).catch(() => undefined);
  await warm.dispose();

  const anonymous = await request.newContext({ baseURL: BASE_URL });
  await anonymous.get("/");
  await anonymous.storageState({ path: storageStatePath("anonymous") });
  await anonymous.dispose();

  const failures: string[] = [];
  for (const role of roles) {
    if (role === "anonymous") continue;
    rmSync(signInErrorPath(role), { force: true });
    try {
      await signIn(role);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`${role}: ${message}`);
      writeFileSync(signInErrorPath(role), message);
      writeFileSync(storageStatePath(role), JSON.stringify({ cookies: [], origins: [] }));
    }
  }
  if (failures.length > 0) console.error(`Sign-in failed for some roles; their tests will fail:\n  ${failures.join("\n  ")}`);
}

async function signIn(role: SignedInRole): Promise<void> {
  const context = await request.newContext({ baseURL: BASE_URL });
  try {
    const page = await context.get("/logg-inn");
    if (page.status() !== 200) throw new Error(`GET /logg-inn answered ${page.status()}`);
    const csrf = csrfTokenFrom(await page.text());
    const response = await context.post("/logg-inn", {
      form: { _csrf: csrf, intent: "password", next: "/", email: demoAccountEmails[role], password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    if (![302, 303].includes(response.status())) {
      throw new Error(`signing in as ${demoAccountEmails[role]} answered ${response.status()}, expected a redirect`);
    }
    const check = await context.get("/min-side", { maxRedirects: 0 });
    const location = check.headers()["location"] ?? "";
    if (location.startsWith("/logg-inn")) throw new Error("signed in, but /min-side still redirects to sign-in (no session cookie?)");
    await context.storageState({ path: storageStatePath(role) });
  } finally {
    await context.dispose();
  }
}
