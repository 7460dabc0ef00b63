import { afterAll, beforeAll, describe, expect, it } from "vitest";
import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { count } from "drizzle-orm";
import { pageCache } from "~/db/schema/index.ts";
import { getDb } from "~/db/client.server.ts";
import { getActivity, updateActivity } from "~/domain/activities/activities.server.ts";
import { csrfStateOf } from "~/domain/auth/csrf.server.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActor, createOrganization } from "../factories.ts";
import { activityForm } from "../fixtures/activity-form.ts";
import { createActivity } from "~/domain/activities/activities.server.ts";
import { createPageCache, cacheablePage } from "../../server/page-cache.server.ts";
import { createSecurityHeaders } from "../../server/security-headers.ts";

/**
 * The page cache in front of a stand-in renderer that reads the activity from the database and, like the app's
 * pages, puts the visitor's CSRF token and the response's nonce into the page. `renders` counts how often it ran.
 */
let renders = 0;
let server: Server;
let base = "";
const cache = createPageCache({ ttlSeconds: 60, maxEntries: 20, admitAfter: 1 });

beforeAll(async () => {
  const app = express();
  app.use(createSecurityHeaders());
  app.use(cache);
  app.get(/^\/(aktiviteter|organisasjoner|kommuner)/, async (req, res) => {
    renders++;
    const csrf = await csrfStateOf(req.headers.cookie ?? null);
    const id = /^\/aktiviteter\/(.+)$/.exec(req.path)?.[1];
    let title = "finder";
    if (id) {
      try {
        title = (await getActivity(anonymous(), id)).activity.title;
      } catch {
        res.status(404).type("text/html").send("<p>not found</p>");
        return;
      }
    }
    if (req.query.setcookie) res.append("Set-Cookie", "other=1");
    const lang = req.get("accept-language")?.startsWith("en") ? "en" : "nb";
    res
      .type("text/html; charset=utf-8")
      .send(`<html lang="${lang}"><link nonce="${String(res.locals.cspNonce)}"><h1>${title}</h1><input name="_csrf" value="${csrf.token}"></html>`);
  });
  server = app.listen(0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function entries(): Promise<number> {
  return (await getDb().select({ n: count() }).from(pageCache))[0]!.n;
}

/** The store runs after the answer; wait for it. */
async function settled(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 20));
    if ((await entries()) > 0) return;
  }
}

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers });
  return { res, body: await res.text() };
}

const csrfCookie = async () => (await csrfStateOf(null)).setCookie!.split(";")[0]!;

describe("page cache", () => {
  let activityId = "";
  let editor: Awaited<ReturnType<typeof createActor>>;

  beforeAll(async () => {
    const org = await createOrganization({ name: "Cache org", municipalities: ["3403"] });
    editor = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    activityId = (await createActivity(editor, org.id, activityForm({ title: "Første tittel" }))).id;
  });

  it("knows the public pages and refuses unknown query parameters", () => {
    expect(cacheablePage("/aktiviteter", "?q=fotball&page=2")).toEqual({ kind: "finder", id: null });
    expect(cacheablePage("/aktiviteter", "?q=x&utm_source=y")).toBeNull();
    expect(cacheablePage(`/aktiviteter/${"0".repeat(8)}-0000-4000-8000-000000000001`, "?lang=ar")?.kind).toBe("activity");
    expect(cacheablePage("/aktiviteter/eksport.csv", "")).toBeNull();
    expect(cacheablePage("/kommuner/3403", "?side=2")).toEqual({ kind: "kommune", id: "3403" });
    expect(cacheablePage("/kommuner/3403/intern", "")).toBeNull();
    expect(cacheablePage("/organisasjoner/ny", "")).toBeNull();
  });

  it("answers the second anonymous request from the cache, with a fresh token and nonce, and 304 for a current copy", async () => {
    const cookie = await csrfCookie();
    const first = await get(`/aktiviteter/${activityId}`, { cookie });
    expect(first.res.headers.get("x-cache")).toBe("miss");
    expect(first.body).toContain("Første tittel");
    await settled();
    const rendersBefore = renders;
    const second = await get(`/aktiviteter/${activityId}`, { cookie });
    expect(second.res.headers.get("x-cache")).toBe("hit");
    expect(renders).toBe(rendersBefore);
    expect(second.res.headers.get("cache-control")).toBe("private, no-cache");
    expect(second.res.headers.get("vary")).toContain("Cookie");
    expect(second.res.headers.get("last-modified")).toBeTruthy();
    // The same visitor's token; the nonce in the page is this answer's, the one in its policy.
    const token = (await csrfStateOf(cookie)).token;
    expect(second.body).toContain(`value="${token}"`);
    const nonce = /'nonce-([^']+)'/.exec(second.res.headers.get("content-security-policy")!)![1]!;
    expect(second.body).toContain(`nonce="${nonce}"`);
    expect(first.body).not.toContain(`nonce="${nonce}"`);

    // Another visitor (no cookie): their own new token, never the first visitor's.
    const stranger = await get(`/aktiviteter/${activityId}`);
    expect(stranger.res.headers.get("x-cache")).toBe("hit");
    expect(stranger.body).not.toContain(token);
    const strangerCookie = stranger.res.headers.get("set-cookie")!.split(";")[0]!;
    expect(stranger.body).toContain(`value="${(await csrfStateOf(strangerCookie)).token}"`);

    const etag = second.res.headers.get("etag")!;
    const revalidated = await get(`/aktiviteter/${activityId}`, { cookie, "if-none-match": etag });
    expect(revalidated.res.status).toBe(304);
    expect(revalidated.body).toBe("");
    const since = await get(`/aktiviteter/${activityId}`, { cookie, "if-modified-since": new Date(Date.now() + 1000).toUTCString() });
    expect(since.res.status).toBe(304);
    // Another visitor's ETag does not match this visitor's copy.
    const otherEtag = (await get(`/aktiviteter/${activityId}`, { cookie: await csrfCookie() })).res.headers.get("etag");
    expect(otherEtag).not.toBe(etag);
  });

  it("keys on the language", async () => {
    const cookie = await csrfCookie();
    const nb = await get(`/aktiviteter/${activityId}`, { cookie, "accept-language": "nb" });
    const en = await get(`/aktiviteter/${activityId}`, { cookie, "accept-language": "en-GB,en;q=0.9" });
    expect(nb.body).toContain('lang="nb"');
    expect(en.body).toContain('lang="en"');
    await settled();
    expect((await get(`/aktiviteter/${activityId}`, { cookie, "accept-language": "en" })).body).toContain('lang="en"');
  });

  it("renders again after a real domain write to the activity (trigger invalidation)", async () => {
    const cookie = await csrfCookie();
    await get(`/aktiviteter/${activityId}`, { cookie });
    await settled();
    expect((await get(`/aktiviteter/${activityId}`, { cookie })).res.headers.get("x-cache")).toBe("hit");
    await updateActivity(editor, activityId, activityForm({ title: "Ny tittel" }));
    const after = await get(`/aktiviteter/${activityId}`, { cookie });
    expect(after.res.headers.get("x-cache")).toBe("miss");
    expect(after.body).toContain("Ny tittel");
  });

  it("never serves or stores a request with a session cookie or another cookie, a POST, a 404 or an answer that sets a cookie", async () => {
    const cookie = await csrfCookie();
    await get(`/aktiviteter/${activityId}`, { cookie });
    await settled();
    for (const extra of ["samspill_session=abc", "__Host-samspill_session=abc", "samspill_volunteer=x"]) {
      const signedIn = await get(`/aktiviteter/${activityId}`, { cookie: `${cookie}; ${extra}` });
      expect(signedIn.res.headers.get("x-cache")).toBeNull();
    }
    const posted = await fetch(`${base}/aktiviteter/${activityId}`, { method: "POST", headers: { cookie } });
    expect(posted.headers.get("x-cache")).toBeNull();
    await getDb().delete(pageCache);
    await get("/aktiviteter/00000000-0000-4000-8000-000000000999", { cookie });
    await get("/aktiviteter?setcookie=1", { cookie });
    await new Promise((r) => setTimeout(r, 200));
    expect(await entries()).toBe(0);
  });

  it("keeps the table within its size", async () => {
    const cookie = await csrfCookie();
    for (let page = 1; page <= 45; page++) await get(`/aktiviteter?page=${page}`, { cookie });
    await new Promise((r) => setTimeout(r, 200));
    await cache.evict();
    expect(await entries()).toBeLessThanOrEqual(20);
  });
});

describe("page cache admission (the app's default)", () => {
  it("stores a page at its second miss within the lifetime, so a page asked for once costs the database no write", async () => {
    const app = express();
    app.use(createSecurityHeaders());
    app.use(createPageCache({ ttlSeconds: 60, maxEntries: 20 }));
    app.get("/aktiviteter", (_req, res) => {
      res.type("text/html; charset=utf-8").send(`<html lang="nb"><h1>finder</h1></html>`);
    });
    const admissionServer = app.listen(0);
    const url = `http://127.0.0.1:${(admissionServer.address() as AddressInfo).port}/aktiviteter?q=admission`;
    try {
      await getDb().delete(pageCache);
      const cookie = await csrfCookie();
      const ask = async () => (await fetch(url, { headers: { cookie } })).headers.get("x-cache");
      expect(await ask()).toBe("miss");
      await new Promise((r) => setTimeout(r, 200));
      expect(await entries()).toBe(0);
      expect(await ask()).toBe("miss");
      await settled();
      expect(await entries()).toBe(1);
      expect(await ask()).toBe("hit");
    } finally {
      await new Promise<void>((resolve) => admissionServer.close(() => resolve()));
    }
  });
});
