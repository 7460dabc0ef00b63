import type { APIRequestContext, APIResponse } from "@playwright/test";
import { request as playwrightRequest } from "@playwright/test";
import { apiFor, expect, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { linkFromMail } from "./support/mail.ts";
import { BASE_URL, OIDC_ISSUER } from "./support/paths.ts";
import { DEMO_PASSWORD, demoAccountEmails, demoActivityIds } from "../../app/domain/demo/ids.ts";

/**
 * Sessions and where sign-in sends a browser afterwards (issue 15, security):
 * a session id the browser brought before signing in — planted by someone
 * else, or an earlier one of its own — is not the one after, and no longer
 * works; signing out ends the session on the server, not only in the
 * browser; and every redirect target taken from input (`?neste=`, a form's
 * `next`, `redirectTo`) stays on this site whatever encoding trick it uses.
 */

const SESSION_COOKIE = "samspill_session";

/** The value of the session cookie a response sets (the signed token as the browser stores it). */
function sessionCookieSet(response: APIResponse): string | undefined {
  for (const header of response.headersArray()) {
    if (header.name.toLowerCase() !== "set-cookie") continue;
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(header.value);
    if (match) return match[1];
  }
  return undefined;
}

/** A client that sends exactly this session cookie value and nothing else. */
async function withSessionCookie(value: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0, extraHTTPHeaders: { Cookie: `${SESSION_COOKIE}=${value}` } });
}

/** Whether the session cookie value still signs anyone in (Min side answers 200, not a redirect to sign-in). */
async function signsIn(value: string): Promise<boolean> {
  const api = await withSessionCookie(value);
  try {
    return (await api.get("/min-side")).status() === 200;
  } finally {
    await api.dispose();
  }
}

async function anonymousClient(): Promise<{ api: APIRequestContext; token: string }> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
  return { api, token: csrfTokenFrom(await (await api.get("/logg-inn")).text()) };
}

/** Signs in with the demo password in `api`'s cookie jar; returns the new session cookie value. */
async function signInWithPassword(api: APIRequestContext, token: string, email: string, next = "/min-side"): Promise<APIResponse> {
  return api.post("/logg-inn", { form: { _csrf: token, intent: "password", email, password: DEMO_PASSWORD, next } });
}

test.describe("session fixation", () => {
  test("a session id planted before sign-in is replaced, and the planted one (another account's) no longer works", async () => {
    // The attacker's own, valid session …
    const attacker = await anonymousClient();
    const attackerSignIn = await signInWithPassword(attacker.api, attacker.token, demoAccountEmails.employer);
    const planted = sessionCookieSet(attackerSignIn);
    expect(planted, "the attacker got a session").toBeTruthy();
    await attacker.api.dispose();
    expect(await signsIn(planted!), "the planted session works before the victim signs in").toBe(true);

    // … planted in the victim's browser, who then signs in as themselves.
    const victim = await playwrightRequest.newContext({
      baseURL: BASE_URL,
      maxRedirects: 0,
      storageState: {
        cookies: [{ name: SESSION_COOKIE, value: planted!, domain: "127.0.0.1", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }],
        origins: [],
      },
    });
    try {
      const token = csrfTokenFrom(await (await victim.get("/min-side")).text());
      const signedIn = await signInWithPassword(victim, token, demoAccountEmails.org_member);
      expect(signedIn.status()).toBe(302);
      const fresh = sessionCookieSet(signedIn);
      expect(fresh, "sign-in sets a session cookie").toBeTruthy();
      expect(fresh, "a new session id, not the planted one").not.toBe(planted);
      expect(await signsIn(planted!), "the planted session ended at sign-in").toBe(false);
      expect(await signsIn(fresh!), "the new session works").toBe(true);
    } finally {
      await victim.dispose();
    }
  });

  test("a made-up session id signs nobody in, and sign-in replaces it", async () => {
    for (const madeUp of ["attacker-chosen-session-id", "eyJmb28iOiJiYXIifQ%3D%3D.c2lnbmF0dXJl", "%22x%22"]) {
      expect(await signsIn(madeUp), `made-up ${madeUp}`).toBe(false);
    }
    const api = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0, extraHTTPHeaders: {} });
    const token = csrfTokenFrom(await (await api.get("/logg-inn")).text());
    const signedIn = await api.post("/logg-inn", {
      headers: { Cookie: `${SESSION_COOKIE}=attacker-chosen-session-id; ${(await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ")}` },
      form: { _csrf: token, intent: "password", email: demoAccountEmails.org_member, password: DEMO_PASSWORD, next: "/" },
    });
    expect(signedIn.status()).toBe(302);
    expect(sessionCookieSet(signedIn)).not.toBe("attacker-chosen-session-id");
    await api.dispose();
  });

  test("signing in again by e-mailed link ends the session the browser had", async () => {
    const { api, token } = await anonymousClient();
    try {
      const first = sessionCookieSet(await signInWithPassword(api, token, demoAccountEmails.employer));
      expect(first).toBeTruthy();
      // Still signed in, the same browser asks for a link (a stale tab) and uses it.
      const other = await anonymousClient();
      const asked = await other.api.post("/logg-inn", { form: { _csrf: other.token, intent: "magic-link", email: demoAccountEmails.employer } });
      expect(asked.status()).toBe(200);
      await other.api.dispose();
      const link = await linkFromMail(demoAccountEmails.employer, "/logg-inn/lenke");
      const linkToken = new URL(link, BASE_URL).searchParams.get("token")!;
      const used = await api.post(link, { form: { _csrf: token, token: linkToken } });
      expect(used.status()).toBe(302);
      const second = sessionCookieSet(used);
      expect(second, "a new session id").toBeTruthy();
      expect(second).not.toBe(first);
      expect(await signsIn(first!), "the earlier session ended").toBe(false);
      expect(await signsIn(second!)).toBe(true);
    } finally {
      await api.dispose();
    }
  });

  test("signing out ends the session on the server: the old cookie, sent again, signs nobody in", async () => {
    const { api, token } = await anonymousClient();
    const session = sessionCookieSet(await signInWithPassword(api, token, demoAccountEmails.org_member));
    expect(await signsIn(session!)).toBe(true);
    const out = await api.post("/logg-ut", { form: { _csrf: token } });
    expect([302, 303]).toContain(out.status());
    expect(out.headers()["set-cookie"] ?? "", "the browser's cookie is cleared").toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    expect(await signsIn(session!), "the server forgot the session").toBe(false);
    await api.dispose();
  });

  test("the session cookie is HttpOnly and SameSite=Lax, with no JavaScript-readable copy", async () => {
    const { api, token } = await anonymousClient();
    const response = await signInWithPassword(api, token, demoAccountEmails.org_member);
    const cookie = response.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${SESSION_COOKIE}=`))!.value;
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    await api.dispose();
  });
});

/**
 * Ways to write "another site" that a naive check (starts with "/") lets
 * through, or that a browser or URL parser turns into another host.
 */
const tricks = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "https:evil.example",
  "https://evil.example",
  "http:/\\evil.example",
  "javascript:alert(1)",
  "%2F%2Fevil.example",
  "%2f%2fevil.example",
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "%5C%5Cevil.example",
  "/%2e%2e//evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/\t/evil.example",
  " //evil.example",
  "/%09/evil.example",
  "//evil.example@127.0.0.1",
  "／／evil.example",
  "/\u3002/evil.example",
];

/** A Location or a form's `next` that stays on this site however it is read. */
function expectLocal(target: string, what: string): void {
  if (target === "") return;
  const resolved = new URL(target, BASE_URL);
  expect(resolved.origin, `${what}: ${JSON.stringify(target)}`).toBe(BASE_URL);
  expect(target, `${what}: starts with a single slash`).toMatch(/^\/(?![/\\])/);
  expect(resolved.pathname, `${what}: ${JSON.stringify(target)}`).not.toMatch(/^\/[/\\]/);
  expect(target, what).not.toMatch(/[\t\n\r\\]/);
}

function expectLocalRedirect(response: APIResponse, what: string): void {
  expect([301, 302, 303, 307, 308], `${what}: a redirect (got ${response.status()})`).toContain(response.status());
  const location = response.headers()["location"] ?? "";
  expectLocal(location.startsWith(BASE_URL) ? location.slice(BASE_URL.length) || "/" : location, what);
}

/** The hidden `next` field a page carries on to its form. */
function hiddenNext(html: string): string {
  const match = /<input type="hidden" name="next" value="([^"]*)"/.exec(html);
  return (match?.[1] ?? "")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");
}

test.describe("open redirects after sign-in", () => {
  test("?neste= on the sign-in, registration and e-mail link pages: a signed-in visitor is sent only to this site, and the forms carry on only local paths", async () => {
    const user = await apiFor("org_member");
    const anonymous = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
    try {
      for (const trick of tricks) {
        const neste = encodeURIComponent(trick);
        for (const page of ["/logg-inn", "/registrer"]) expectLocalRedirect(await user.get(`${page}?neste=${neste}`), `signed in: ${page}?neste`);
        for (const page of [`/logg-inn?neste=${neste}`, `/logg-inn/lenke?token=abc&neste=${neste}`, `/bekreft-epost?token=abc&neste=${neste}`]) {
          const response = await anonymous.get(page);
          expect(response.status(), page).toBe(200);
          expectLocal(hiddenNext(await response.text()), `${page}: hidden next`);
        }
        // The raw, unencoded form too (a link written by hand).
        expectLocalRedirect(await user.get(`/logg-inn?neste=${trick.replace(/[#&?]/g, encodeURIComponent)}`), "signed in: raw ?neste");
      }
    } finally {
      await user.dispose();
      await anonymous.dispose();
    }
  });

  test("a password sign-in with a crafted `next` lands on this site", async () => {
    const { api, token } = await anonymousClient();
    try {
      let csrf = token;
      for (const trick of tricks) {
        expectLocalRedirect(await signInWithPassword(api, csrf, demoAccountEmails.org_member, trick), `sign-in next=${JSON.stringify(trick)}`);
        // Back to an anonymous browser for the next try.
        await api.clearCookies();
        csrf = csrfTokenFrom(await (await api.get("/logg-inn")).text());
      }
    } finally {
      await api.dispose();
    }
  });

  test("the language switch and “Still correct” go back only to this site", async () => {
    const { api, token } = await anonymousClient();
    const user = await apiFor("org_admin");
    const userToken = csrfTokenFrom(await (await user.get("/min-side")).text());
    try {
      for (const trick of tricks) {
        expectLocalRedirect(await api.post("/sprak", { form: { _csrf: token, lang: "nb", redirectTo: trick } }), `/sprak redirectTo=${JSON.stringify(trick)}`);
        const confirmed = await user.post(`/aktiviteter/${demoActivityIds.hamarHomework}/bekreft`, { form: { _csrf: userToken, next: trick } });
        expectLocalRedirect(confirmed, `bekreft next=${JSON.stringify(trick)}`);
      }
    } finally {
      await api.dispose();
      await user.dispose();
    }
  });

  test("a magic link whose form was given a crafted `next` lands on this site", async () => {
    const { api, token } = await anonymousClient();
    try {
      const asked = await api.post("/logg-inn", { form: { _csrf: token, intent: "magic-link", email: demoAccountEmails.org_admin } });
      expect(asked.status()).toBe(200);
      const link = await linkFromMail(demoAccountEmails.org_admin, "/logg-inn/lenke");
      const linkToken = new URL(link, BASE_URL).searchParams.get("token")!;
      const used = await api.post(`/logg-inn/lenke?neste=${encodeURIComponent("//evil.example")}`, {
        form: { _csrf: token, token: linkToken, next: "/\\evil.example" },
      });
      expectLocalRedirect(used, "magic link next");
    } finally {
      await api.dispose();
    }
  });

  test("OpenID Connect sign-in started with a crafted ?neste= comes back to this site", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`/auth/oidc/testidp?neste=${encodeURIComponent("//evil.example/phish")}`);
      await page.waitForURL(`${OIDC_ISSUER}/interaction/**`);
      await page.getByLabel("Username").fill(`redirect-${Date.now().toString(36)}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.origin === BASE_URL || url.hostname === "evil.example", { waitUntil: "commit" });
      expect(new URL(page.url()).origin).toBe(BASE_URL);
      expect(new URL(page.url()).pathname).toBe("/");
    } finally {
      await context.close();
    }
  });
});
