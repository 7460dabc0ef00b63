import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppProcess } from "./support/app-process.ts";

/** The production build runs on PostgreSQL as it would be deployed: migrations, demo data, a public page. */
describe("the built app on PostgreSQL", () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("is ready and serves a public page with its security headers", async () => {
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    const page = await fetch(`${app.url}/aktiviteter`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<html");
    expect(page.headers.get("content-security-policy")).toMatch(/script-src [^;]*'nonce-/);
  });
});
