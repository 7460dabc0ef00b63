import { request as httpRequest } from "node:http";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { request as playwrightRequest } from "@playwright/test";
import { apiFor, expect, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { message } from "./support/messages.ts";
import { APP_PORT, BASE_URL } from "./support/paths.ts";
import { DEMO_PASSWORD, demoAccountEmails, demoActivityIds } from "../../app/domain/demo/ids.ts";

/**
 * What the HTTP layer promises whatever a client sends (issue 9): security
 * headers on every answer and no X-Powered-By; signed-in answers never
 * cached; request bodies capped before they are read; a body that is not a
 * form answered with a 4xx and a message; redirect targets from input stay
 * on this site after any normalisation.
 */

const HOMEWORK = demoActivityIds.hamarHomework;
const nb = (key: string) => message("nb", key);

/** An anonymous client with a CSRF cookie and the token its forms carry. */
async function anonymous(): Promise<{ api: APIRequestContext; token: string }> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
  const token = csrfTokenFrom(await (await api.get("/logg-inn")).text());
  return { api, token };
}

async function signedIn(role: Parameters<typeof apiFor>[0]): Promise<{ api: APIRequestContext; token: string }> {
  const api = await apiFor(role);
  const token = csrfTokenFrom(await (await api.get("/min-side")).text());
  return { api, token };
}

function expectSecurityHeaders(response: APIResponse, what: string): void {
  const headers = response.headers();
  expect(headers["x-powered-by"], `${what}: X-Powered-By`).toBeUndefined();
  expect(headers["content-security-policy"], `${what}: CSP`).toContain("default-src 'self'");
  expect(headers["content-security-policy"], `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"], `${what}: nosniff`).toBe("nosniff");
  expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], `${what}: Permissions-Policy`).toContain("camera=()");
  expect(headers["strict-transport-security"], `${what}: HSTS`).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  const scriptSrc = /(?:^|;\s*)script-src ([^;]*)/.exec(headers["content-security-policy"] ?? "")?.[1] ?? "";
  expect(scriptSrc, `${what}: script-src without 'unsafe-inline'`).not.toContain("unsafe-inline");
  expect(scriptSrc, `${what}: script-src with a nonce`).toMatch(/'nonce-[A-Za-z0-9+/=]{22,}'/);
}

/**
 * A Location that stays on this site however it is read: resolved against
 * our origin it is ours, and its path does not begin with `//` (which any
 * later rebuilding, or a browser, would take for another host).
 */
function expectSameSite(response: APIResponse, what: string): void {
  expect([301, 302, 303, 307, 308], `${what}: a redirect`).toContain(response.status());
  const location = response.headers()["location"] ?? "";
  const target = new URL(location, BASE_URL);
  expect(target.origin, `${what}: Location ${location}`).toBe(BASE_URL);
  expect(location, `${what}: Location`).not.toMatch(/^[/\\]{2}|^\/\\/);
  expect(target.pathname, `${what}: Location ${location}`).not.toMatch(/^\/[/\\]/);
}

test.describe("headers", () => {
  test("every answer has the security headers and no X-Powered-By: pages, static files, 404s, operations", async () => {
    const { api } = await anonymous();
    const home = await api.get("/");
    expectSecurityHeaders(home, "page");
    const asset = /(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/.exec(await home.text())?.[1];
    expect(asset, "a fingerprinted asset on the home page").toBeDefined();
    const assetResponse = await api.get(asset!);
    expect(assetResponse.status()).toBe(200);
    expectSecurityHeaders(assetResponse, "asset");
    const favicon = await api.get("/favicon.svg");
    expect(favicon.status()).toBe(200);
    expectSecurityHeaders(favicon, "static file");
    const missing = await api.get("/finnes-ikke");
    expect(missing.status()).toBe(404);
    expectSecurityHeaders(missing, "404 page");
    const missingAsset = await api.get("/assets/finnes-ikke.js");
    expect(missingAsset.status()).toBe(404);
    expectSecurityHeaders(missingAsset, "missing asset");
    expectSecurityHeaders(await api.get("/healthz"), "/healthz");
    await api.dispose();
  });

  test("scripts run only from our origin or with this response's nonce: every inline script carries it, and no two answers share one", async ({ roleApi }) => {
    const api = await roleApi("coordinator_hamar");
    const nonces = new Set<string>();
    let checked = 0;
    for (const url of ["/", "/aktiviteter", `/aktiviteter/${HOMEWORK}`, "/min-side"]) {
      const response = await api.get(url);
      expect(response.status(), url).toBe(200);
      const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
      expect(nonce, `${url}: a nonce`).toBeDefined();
      nonces.add(nonce!);
      const html = await response.text();
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!);
      const executable = inline.filter((attrs) => !/type="application\/(?:ld\+)?json"/.test(attrs));
      for (const attrs of executable) expect(attrs, `${url}: inline script`).toContain(`nonce="${nonce}"`);
      checked += executable.length;
    }
    expect(checked, "hydrated pages have inline scripts to check").toBeGreaterThan(0);
    expect(nonces.size, "a fresh nonce per answer").toBe(4);
  });

  test("signed-in answers and data requests are private and not stored; public pages for anonymous visitors are not forced to", async () => {
    const { api: anon } = await anonymous();
    expect((await anon.get("/aktiviteter")).headers()["cache-control"] ?? "").not.toContain("no-store");
    // React Router's data requests carry the CSRF token and the user's data.
    const data = await anon.get("/aktiviteter.data");
    expect(data.status()).toBe(200);
    expect(data.headers()["cache-control"]).toBe("private, no-store");
    await anon.dispose();

    const { api } = await signedIn("coordinator_hamar");
    for (const url of ["/", "/min-side", "/aktiviteter", "/kommuner/3403/oversikt", "/finnes-ikke", "/min-side.data"]) {
      const response = await api.get(url);
      expect(response.status(), url).toBeLessThan(500);
      expect(response.headers()["cache-control"], url).toBe("private, no-store");
    }
    await api.dispose();
  });
});

test.describe("request bodies", () => {
  test("a body over the limit is refused with 413 before it is read; normal forms still work", async () => {
    const { api, token } = await anonymous();
    const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    // First only the headers are sent, announcing 3 MB: the answer must come from them alone. Then the whole 3 MB is
    // sent, as a browser does: the server reads and drops it after the 413 instead of resetting the connection under
    // the client's writes, so the client reads the 413 (a reset would be EPIPE/ECONNRESET here).
    const postThreeMegabytes = (sendBody: boolean) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port: APP_PORT,
            path: "/logg-inn",
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(3 * 1024 * 1024), "x-csrf-token": token, cookie },
          },
          (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (d: string) => (body += d));
            res.on("end", () => {
              req.destroy();
              resolve({ status: res.statusCode ?? 0, body });
            });
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.setTimeout(10_000, () => reject(new Error("no answer within 10 s: the server waited for the body")));
        if (sendBody) req.end(Buffer.alloc(3 * 1024 * 1024, "a"));
        else req.flushHeaders();
      });
    for (const sendBody of [false, true]) {
      const big = await postThreeMegabytes(sendBody);
      expect(big.status).toBe(413);
      expect(big.body).toContain(nb("errors.bodyTooLarge"));
    }

    // A normal form: password sign-in still answers with its redirect.
    const signIn = await api.post("/logg-inn", {
      form: { _csrf: token, intent: "password", email: demoAccountEmails.org_member, password: DEMO_PASSWORD, next: "/min-side" },
    });
    expect(signIn.status()).toBe(302);
    expect(signIn.headers()["location"]).toBe("/min-side");
    await api.dispose();
  });

  test("a 50 MB chunked body is cut off early with 413, and the server carries on", async () => {
    const { api, token } = await anonymous();
    const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    await api.dispose();
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const result = await new Promise<{ status: number; body: string; sentWhenAnswered: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port: APP_PORT,
          path: "/logg-inn",
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked", "x-csrf-token": token, cookie },
        },
        (res) => {
          answered = true;
          const sentWhenAnswered = sent;
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered }));
          res.on("error", reject);
        },
      );
      // No error is tolerated: the server reads and drops what is still in flight after its 413 (a lingering
      // close), so the client is never answered with a reset that could lose the 413 (EPIPE/ECONNRESET here).
      req.on("error", reject);
      // One chunk per turn of the event loop, as over a real network: on loopback the kernel takes writes as fast
      // as a draining server reads them, and a loop that never yields would not see the answer until it is done.
      const write = () => {
        if (answered) return;
        if (sent >= total) return void req.end();
        sent += chunk.length;
        if (req.write(chunk)) setImmediate(write);
        else req.once("drain", write);
      };
      req.write(`_csrf=${token}&email=`);
      write();
    });
    expect(result.status).toBe(413);
    expect(result.body).toContain(nb("errors.bodyTooLarge"));
    // The limit is 2 MB; on top of it the server drops at most 4 MB after its answer, then stops reading, and the
    // socket buffers hold a few MB more: all small next to 50 MB.
    expect(result.sentWhenAnswered).toBeLessThan(20 * 1024 * 1024);
    const health = await fetch(`${BASE_URL}/healthz`);
    expect(health.status).toBe(200);
  });

  test("the settlement import keeps room for its 1 MB file", async () => {
    const { api, token } = await signedIn("national_admin");
    // 1.5 MB: over the 1 MB file limit, under the route's 2 MB body limit, so the form itself answers.
    const response = await api.post("/admin/bosetting/import", {
      headers: { "x-csrf-token": token },
      multipart: { _csrf: token, intent: "preview", file: { name: "bosetting.csv", mimeType: "text/csv", buffer: Buffer.alloc(1_500_000, "a") } },
    });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain(message("nb", "settlement.import.error.tooBig"));
    await api.dispose();
  });

  const notForms: { label: string; contentType?: string; body: string }[] = [
    { label: "JSON", contentType: "application/json", body: '{"email":"a@example.no","intent":"magic-link"}' },
    { label: "XML", contentType: "text/xml", body: "<form><email>a@example.no</email></form>" },
    { label: "an empty body without a type", body: "" },
    { label: "plain text", contentType: "text/plain", body: "email=a@example.no" },
    { label: "broken multipart", contentType: "multipart/form-data; boundary=samspill", body: "--samspill\r\nContent-Disposition: form-da" },
    { label: "multipart without a boundary", contentType: "multipart/form-data", body: "whatever" },
    { label: "empty multipart", contentType: "multipart/form-data; boundary=samspill", body: "" },
  ];

  for (const { label, contentType, body } of notForms) {
    test(`${label} to form actions: a 4xx with a message, never a 500`, async () => {
      const anon = await anonymous();
      const user = await signedIn("org_admin");
      const targets: [APIRequestContext, string, string][] = [
        [anon.api, anon.token, "/logg-inn"],
        [anon.api, anon.token, "/registrer"],
        [anon.api, anon.token, "/sprak"],
        [user.api, user.token, "/min-side"],
        [user.api, user.token, `/aktiviteter/${HOMEWORK}/bekreft`],
        [user.api, user.token, "/organisasjoner/ny"],
      ];
      for (const [api, token, url] of targets) {
        // A valid CSRF token in the header: only the body is wrong.
        const headers: Record<string, string> = { "x-csrf-token": token };
        if (contentType) headers["content-type"] = contentType;
        const response = await api.post(url, { headers, data: body });
        const text = await response.text();
        expect([400, 415], `${label} → ${url}: ${response.status()}`).toContain(response.status());
        const expected = response.status() === 415 ? nb("errors.notAForm") : nb("errors.brokenForm");
        expect(text, `${label} → ${url}`).toContain(expected);
      }
      await anon.api.dispose();
      await user.api.dispose();
    });
  }

  test("a refused body or a missing CSRF token is answered in the page's language, with one h1 and the site's shell", async () => {
    const api = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0, extraHTTPHeaders: { "Accept-Language": "en" } });
    const token = csrfTokenFrom(await (await api.get("/logg-inn")).text());
    const cases: { label: string; send: () => Promise<APIResponse>; status: number; key: string }[] = [
      {
        label: "JSON",
        send: () => api.post("/logg-inn", { headers: { "x-csrf-token": token, "content-type": "application/json" }, data: "{}" }),
        status: 415,
        key: "errors.notAForm",
      },
      {
        label: "broken multipart",
        send: () =>
          api.post("/logg-inn", { headers: { "x-csrf-token": token, "content-type": "multipart/form-data; boundary=x" }, data: "--x\r\nContent-Dis" }),
        status: 400,
        key: "errors.brokenForm",
      },
      { label: "no CSRF token", send: () => api.post("/logg-inn", { form: { intent: "magic-link", email: "a@example.no" } }), status: 403, key: "errors.csrf" },
    ];
    for (const { label, send, status, key } of cases) {
      const response = await send();
      expect(response.status(), label).toBe(status);
      const html = await response.text();
      expect(html, `${label}: <html lang>`).toMatch(/<html[^>]* lang="en"/);
      expect(html, label).toContain(message("en", key).replace(/'/g, "&#x27;"));
      expect(html.match(/<h1[\s>]/g)?.length, `${label}: one h1`).toBe(1);
      expect(html, `${label}: the shell in English`).toContain(message("en", "shell.skipToContent"));
    }
    await api.dispose();
  });
});

test.describe("redirect targets from input", () => {
  const tricks = [
    "/.//evil.example",
    "/..//evil.example",
    "//evil.example",
    "/\\evil.example",
    "/%2F%2Fevil.example",
    "/%2e%2e//evil.example",
    "https:evil.example",
    "/\t/evil.example",
  ];

  test("the language switch goes back only to a path on this site", async () => {
    const { api, token } = await anonymous();
    for (const trick of tricks) {
      for (const redirectTo of [trick, `${trick}?lang=nb`]) {
        expectSameSite(await api.post("/sprak", { form: { _csrf: token, lang: "nb", redirectTo } }), `/sprak redirectTo=${JSON.stringify(redirectTo)}`);
      }
    }
    const back = await api.post("/sprak", { form: { _csrf: token, lang: "nb", redirectTo: "/aktiviteter?lang=ar&q=leksehjelp" } });
    expect(back.headers()["location"]).toBe("/aktiviteter?q=leksehjelp");
    await api.dispose();
  });

  test("“Still correct” goes back only to a path on this site", async () => {
    const { api, token } = await signedIn("org_admin");
    for (const next of tricks) {
      const response = await api.post(`/aktiviteter/${HOMEWORK}/bekreft`, { form: { _csrf: token, next } });
      expectSameSite(response, `bekreft next=${JSON.stringify(next)}`);
      expect(response.headers()["location"]).toContain(`bekreftet=${HOMEWORK}`);
    }
    await api.dispose();
  });

  test("signing in, and pages that send a signed-in user on, go only to paths on this site", async () => {
    const { api, token } = await anonymous();
    // A few only: each is a real sign-in, and sign-ins are rate-limited per address.
    for (const next of tricks.slice(0, 3)) {
      const response = await api.post("/logg-inn", {
        form: { _csrf: token, intent: "password", email: demoAccountEmails.org_member, password: DEMO_PASSWORD, next },
      });
      expectSameSite(response, `sign-in next=${JSON.stringify(next)}`);
    }
    await api.dispose();
    const user = await apiFor("org_member");
    for (const next of tricks) {
      for (const page of ["/logg-inn", "/registrer"]) {
        expectSameSite(await user.get(`${page}?neste=${encodeURIComponent(next)}`), `${page}?neste=${JSON.stringify(next)}`);
      }
    }
    await user.dispose();
  });
});
