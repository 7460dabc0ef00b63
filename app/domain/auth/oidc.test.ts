import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "node:net";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, oidcIdentities, oidcLoginStates, rateLimits, sessions, users } from "~/db/schema/index.ts";
import { setEnvForTests } from "~/env.server.ts";
import { AppError } from "~/lib/errors.ts";
import { testEnv } from "../../../tests/setup/test-env.ts";
import { createUser } from "../../../tests/factories.ts";
import {
  startTestOidcProvider,
  defaultAccountClaims,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  type TestOidcProvider,
} from "../../../tests/support/oidc-provider.ts";
import { completeOidcSignIn, OidcProviderUnavailableError, oidcStartsPerIp, placeholderEmail, startOidcSignIn } from "./oidc.server.ts";
import { loadActor } from "./session.server.ts";

const APP = "http://127.0.0.1:3210";
const meta = { ip: "10.0.0.9", userAgent: "vitest", locale: "nb" as const };

let idp: TestOidcProvider;
let idporten: TestOidcProvider;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  idp = await startTestOidcProvider({
    port: 0,
    redirectUris: [`${APP}/auth/oidc/strictidp/callback`],
    clients: [{ client_id: "samspill-public", redirect_uris: [`${APP}/auth/oidc/publicidp/callback`] }],
  });
  // Like ID-porten: no e-mail, only the subject and the national identity number.
  // Logins starting with "unverified-" get an e-mail the provider does not vouch for.
  idporten = await startTestOidcProvider({
    port: 0,
    redirectUris: [`${APP}/auth/oidc/idporten/callback`],
    accountClaims: (login) =>
      login.startsWith("unverified-") ? { ...defaultAccountClaims(login.slice("unverified-".length)), email_verified: false } : { pid: "01017012345" },
  });
  const provider = (id: string, issuer: string, extra: Record<string, string> = {}) => {
    const prefix = `OIDC_${id.toUpperCase()}_`;
    return Object.fromEntries(
      Object.entries({ ISSUER: issuer, CLIENT_ID: TEST_CLIENT_ID, CLIENT_SECRET: TEST_CLIENT_SECRET, ALLOW_INSECURE: "true", LABEL: id, ...extra }).map(
        ([k, v]) => [prefix + k, v],
      ),
    );
  };
  setEnvForTests(
    testEnv({
      PUBLIC_URL: APP,
      OIDC_PROVIDERS: "testidp,strictidp,publicidp,idporten,downidp",
      ...provider("testidp", idp.issuer, { ACR_VALUES: "idporten-loa-substantial", LABEL: "Test-ID" }),
      ...provider("strictidp", idp.issuer, { ACR_VALUES: "idporten-loa-high" }),
      ...provider("publicidp", idp.issuer, { CLIENT_ID: "samspill-public", CLIENT_SECRET: "" }),
      ...provider("idporten", idporten.issuer, { ACR_VALUES: "idporten-loa-substantial idporten-loa-high" }),
      ...provider("downidp", `http://127.0.0.1:${await closedPort()}`),
    }),
  );
});

afterAll(async () => {
  await idp?.close();
  await idporten?.close();
});

/** Just enough of a browser's cookie handling for the provider's session and interaction cookies. */
class CookieJar {
  private cookies = new Map<string, { value: string; path: string }>();

  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = "", ...attributes] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expires = attr("expires");
      const expired = attr("max-age") === "0" || (expires !== undefined && new Date(expires).getTime() < Date.now()) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, { value, path: attr("path") ?? "/" });
    }
  }

  header(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
  }
}

/**
 * Plays the browser at the provider: follows redirects, fills in the login
 * form (or presses Cancel), and returns the URL the provider sends the
 * browser back to — the app's callback, not yet called.
 */
async function authorizeAtProvider(authorizationUrl: string, login: string, options: { jar?: CookieJar; cancel?: boolean } = {}): Promise<URL> {
  const jar = options.jar ?? new CookieJar();
  let url = new URL(authorizationUrl);
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method: body ? "POST" : "GET",
      body,
      headers: { Cookie: jar.header(url), ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
      redirect: "manual",
    });
    jar.store(response.headers.getSetCookie());
    body = undefined;
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get("Location")!, url);
      if (next.origin === APP) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    const action = html.match(options.cancel ? /action="([^"]+\/abort)"/ : /action="([^"]+\/login)"/)?.[1];
    if (response.status !== 200 || !action) throw new Error(`unexpected answer from the provider (${response.status}): ${html.slice(0, 500)}`);
    url = new URL(action, url);
    body = new URLSearchParams(options.cancel ? {} : { login });
  }
  throw new Error("too many steps at the provider");
}

async function signIn(providerId: string, login: string, options: { next?: string; jar?: CookieJar; locale?: "nb" | "nn" | "en" } = {}) {
  const start = await startOidcSignIn(providerId, options.next ?? "/", { ...meta, locale: options.locale ?? "nb" });
  const callback = await authorizeAtProvider(start.authorizationUrl, login, { jar: options.jar });
  return completeOidcSignIn(providerId, callback, start.state, { ...meta, locale: options.locale ?? "nb" });
}

async function auditActions(userId: string) {
  const rows = await getDb().select().from(auditLog).where(eq(auditLog.entityId, userId));
  return rows.map((r) => ({ action: r.action, after: r.after }));
}

function cookieValue(setCookie: string): string {
  return setCookie.split(";")[0]!;
}

describe("OIDC sign-in against a real provider", () => {
  it("asks the provider for code + PKCE (S256) + state + nonce + acr_values, and stores the flow in the database", async () => {
    const start = await startOidcSignIn("testidp", "/organisasjoner?side=2", { ...meta, locale: "nn" });
    const url = new URL(start.authorizationUrl);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("client_id")).toBe(TEST_CLIENT_ID);
    expect(url.searchParams.get("redirect_uri")).toBe(`${APP}/auth/oidc/testidp/callback`);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toBe(start.state);
    expect(url.searchParams.get("nonce")).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get("acr_values")).toBe("idporten-loa-substantial");
    expect(url.searchParams.get("scope")).toBe("openid email profile");
    expect(url.searchParams.get("ui_locales")).toBe("nn");
    expect(start.setCookie).toMatch(/^samspill_oidc_state=.+; Max-Age=600; Path=\/auth\/oidc; HttpOnly; SameSite=Lax/);

    const [row] = await getDb().select().from(oidcLoginStates).where(eq(oidcLoginStates.state, start.state));
    expect(row).toMatchObject({ provider: "testidp", redirectTo: "/organisasjoner?side=2" });
    // The verifier stays on the server: only its S256 hash goes to the provider.
    expect(start.authorizationUrl).not.toContain(row!.codeVerifier);
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(row!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
  });

  it("creates a user with a linked identity on first sign-in, opens a session and returns to the requested page", async () => {
    const result = await signIn("testidp", "kari", { next: "/organisasjoner?side=2" });
    expect(result.created).toBe(true);
    expect(result.redirectTo).toBe("/organisasjoner?side=2");
    expect(result.setCookie).toContain("samspill_session=");

    const [user] = await getDb().select().from(users).where(eq(users.id, result.userId));
    expect(user).toMatchObject({ email: "kari@idp.test.example", name: "Test kari", passwordHash: null, locale: "nb" });
    expect(user!.emailVerifiedAt).not.toBeNull();
    const identities = await getDb().select().from(oidcIdentities).where(eq(oidcIdentities.userId, result.userId));
    expect(identities).toEqual([expect.objectContaining({ provider: "testidp", subject: "kari" })]);

    const actor = await loadActor(new Request(`${APP}/`, { headers: { Cookie: cookieValue(result.setCookie) } }), null);
    expect(actor).toMatchObject({ kind: "user", userId: result.userId, name: "Test kari" });
    const [session] = await getDb().select().from(sessions).where(eq(sessions.userId, result.userId));
    expect(session).toMatchObject({ method: "oidc:testidp", ip: meta.ip, userAgent: "vitest" });

    expect(await auditActions(result.userId)).toEqual([
      { action: "user.registered", after: { email: "kari@idp.test.example", name: "Test kari", method: "oidc:testidp" } },
      { action: "user.signed_in", after: { method: "oidc:testidp" } },
    ]);
  });

  it("signs the same person in to the same account the next time (new browser, and single sign-on in the same one)", async () => {
    const jar = new CookieJar();
    const first = await signIn("testidp", "ola", { jar });
    const again = await signIn("testidp", "ola", { jar });
    const elsewhere = await signIn("testidp", "ola");
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ userId: first.userId, created: false });
    expect(elsewhere).toMatchObject({ userId: first.userId, created: false });
    expect(await getDb().select().from(users).where(eq(users.email, "ola@idp.test.example"))).toHaveLength(1);
    expect((await auditActions(first.userId)).filter((a) => a.action === "user.signed_in")).toHaveLength(3);
  });

  it("works with a public client (PKCE, no client secret)", async () => {
    const result = await signIn("publicidp", "per");
    expect(result.created).toBe(true);
    const identities = await getDb().select().from(oidcIdentities).where(eq(oidcIdentities.userId, result.userId));
    expect(identities).toEqual([expect.objectContaining({ provider: "publicidp", subject: "per" })]);
  });
});

describe("state, replay and tampering", () => {
  it("accepts a callback only once", async () => {
    const start = await startOidcSignIn("testidp", "/", meta);
    const callback = await authorizeAtProvider(start.authorizationUrl, "replay");
    await completeOidcSignIn("testidp", callback, start.state, meta);
    await expect(completeOidcSignIn("testidp", callback, start.state, meta)).rejects.toMatchObject({
      code: "invalid_token",
      status: 400,
      messageKey: "oidc.error.invalidState",
    });
  });

  it("rejects a wrong, missing, oversized or hostile state, and changes nothing", async () => {
    const start = await startOidcSignIn("testidp", "/", meta);
    const callback = await authorizeAtProvider(start.authorizationUrl, "tamper");
    const usersBefore = (await getDb().select().from(users)).length;
    for (const state of ["wrong-state", "", "x".repeat(10_000), "<script>alert(1)</script>", "' or 1=1 --"]) {
      const tampered = new URL(callback);
      tampered.searchParams.set("state", state);
      await expect(completeOidcSignIn("testidp", tampered, state, meta)).rejects.toBeAppError("invalid_token", "oidc.error.invalidState");
    }
    const noState = new URL(callback);
    noState.searchParams.delete("state");
    await expect(completeOidcSignIn("testidp", noState, start.state, meta)).rejects.toBeAppError("invalid_token");
    expect((await getDb().select().from(users)).length).toBe(usersBefore);
    // The real state was not touched by the attempts, so the genuine callback still works.
    await expect(completeOidcSignIn("testidp", callback, start.state, meta)).resolves.toMatchObject({ created: true });
  });

  it("rejects a callback opened in another browser than the one that started the sign-in (login CSRF)", async () => {
    const start = await startOidcSignIn("testidp", "/", meta);
    const callback = await authorizeAtProvider(start.authorizationUrl, "attacker");
    await expect(completeOidcSignIn("testidp", callback, null, meta)).rejects.toBeAppError("invalid_token");
    const other = await startOidcSignIn("testidp", "/", meta);
    await expect(completeOidcSignIn("testidp", callback, other.state, meta)).rejects.toBeAppError("invalid_token");
    expect(await getDb().select().from(users).where(eq(users.email, "attacker@idp.test.example"))).toHaveLength(0);
  });

  it("rejects a state that was started for another provider", async () => {
    const start = await startOidcSignIn("strictidp", "/", meta);
    const callback = new URL(`${APP}/auth/oidc/testidp/callback?code=abc&state=${start.state}`);
    await expect(completeOidcSignIn("testidp", callback, start.state, meta)).rejects.toBeAppError("invalid_token");
  });

  it("rejects an expired state", async () => {
    const start = await startOidcSignIn("testidp", "/", meta);
    const callback = await authorizeAtProvider(start.authorizationUrl, "late");
    await getDb()
      .update(oidcLoginStates)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oidcLoginStates.state, start.state));
    await expect(completeOidcSignIn("testidp", callback, start.state, meta)).rejects.toBeAppError("invalid_token");
  });

  it("rejects a forged authorization code after a valid state (400, not 500)", async () => {
    const start = await startOidcSignIn("testidp", "/", meta);
    const callback = await authorizeAtProvider(start.authorizationUrl, "forger");
    callback.searchParams.set("code", "forged-code");
    await expect(completeOidcSignIn("testidp", callback, start.state, meta)).rejects.toMatchObject({
      code: "validation",
      status: 400,
      messageKey: "oidc.error.failed",
    });
  });

  it("rejects a callback whose issuer is not the provider's (mix-up defence)", async () => {
    const start = await startOidcSignIn("testidp", "/", meta);
    const callback = await authorizeAtProvider(start.authorizationUrl, "mixup");
    callback.searchParams.set("iss", "https://evil.example");
    await expect(completeOidcSignIn("testidp", callback, start.state, meta)).rejects.toBeAppError("validation", "oidc.error.failed");
  });

  it("limits how many sign-ins one address can start, without writing more state rows", async () => {
    const ip = "10.66.0.1";
    await getDb()
      .insert(rateLimits)
      .values({ key: `oidc:start:ip:${ip}`, windowStart: new Date(), count: oidcStartsPerIp.limit });
    const before = (await getDb().select().from(oidcLoginStates)).length;
    await expect(startOidcSignIn("testidp", "/", { ...meta, ip })).rejects.toMatchObject({ code: "rate_limited", status: 429 });
    expect((await getDb().select().from(oidcLoginStates)).length).toBe(before);
    await expect(startOidcSignIn("testidp", "/", { ...meta, ip: "10.66.0.2" })).resolves.toMatchObject({ state: expect.any(String) });
  });

  it("only returns to same-site paths", async () => {
    for (const next of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", 42, null]) {
      const start = await startOidcSignIn("testidp", next, meta);
      const [row] = await getDb().select().from(oidcLoginStates).where(eq(oidcLoginStates.state, start.state));
      expect(row!.redirectTo).toBe("/");
    }
  });
});

describe("security level (acr)", () => {
  it("refuses a sign-in whose acr is below what the provider is configured to demand, and creates nobody", async () => {
    await expect(signIn("strictidp", "lowlevel")).rejects.toMatchObject({ code: "forbidden", status: 403, messageKey: "oidc.error.insufficientLevel" });
    expect(await getDb().select().from(users).where(eq(users.email, "lowlevel@idp.test.example"))).toHaveLength(0);
  });

  it("accepts any of several configured levels", async () => {
    await expect(signIn("idporten", "anylevel")).resolves.toMatchObject({ created: true });
  });
});

describe("provider errors", () => {
  it("reports a cancelled sign-in with a message (400)", async () => {
    const start = await startOidcSignIn("testidp", "/", meta);
    const callback = await authorizeAtProvider(start.authorizationUrl, "", { cancel: true });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    await expect(completeOidcSignIn("testidp", callback, start.state, meta)).rejects.toMatchObject({
      code: "validation",
      status: 400,
      messageKey: "oidc.error.cancelled",
    });
    // The state is used up either way.
    expect(await getDb().select().from(oidcLoginStates).where(eq(oidcLoginStates.state, start.state))).toHaveLength(0);
  });

  it("reports other provider errors with a general message", async () => {
    const start = await startOidcSignIn("testidp", "/", meta);
    const callback = new URL(`${APP}/auth/oidc/testidp/callback?error=server_error&error_description=${"x".repeat(10_000)}&state=${start.state}`);
    await expect(completeOidcSignIn("testidp", callback, start.state, meta)).rejects.toMatchObject({ status: 400, messageKey: "oidc.error.provider" });
  });

  it("answers 404 for providers that are not configured, whatever the input", async () => {
    for (const id of ["nope", "", "../testidp", "TESTIDP", "x".repeat(10_000), 42, null, undefined]) {
      await expect(startOidcSignIn(id, "/", meta)).rejects.toMatchObject({ code: "not_found", status: 404 });
      await expect(completeOidcSignIn(id, new URL(`${APP}/cb?state=abc&code=def`), "abc", meta)).rejects.toBeAppError("not_found");
    }
  });

  it("reports a provider that is down as unavailable (503) without storing anything, and retries discovery later", async () => {
    const before = (await getDb().select().from(oidcLoginStates)).length;
    const error = await startOidcSignIn("downidp", "/", meta).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcProviderUnavailableError);
    expect(error).toMatchObject({ status: 503, messageKey: "oidc.error.unavailable" });
    expect(error).not.toBeInstanceOf(AppError);
    expect((await getDb().select().from(oidcLoginStates)).length).toBe(before);
    await expect(startOidcSignIn("downidp", "/", meta)).rejects.toBeInstanceOf(OidcProviderUnavailableError);
  });
});

describe("finding or creating the user", () => {
  it("creates an ID-porten user without e-mail under a placeholder address and a default name", async () => {
    const result = await signIn("idporten", "pairwise-sub-1");
    const [user] = await getDb().select().from(users).where(eq(users.id, result.userId));
    const expected = placeholderEmail("idporten", "pairwise-sub-1");
    expect(expected).toMatch(/^idporten-[0-9a-f]{16}@oidc\.samspill\.invalid$/);
    expect(user).toMatchObject({ email: expected, name: "Ny bruker", emailVerifiedAt: null });
    // The national identity number is not stored anywhere.
    const audit = JSON.stringify(await auditActions(result.userId));
    expect(JSON.stringify(user)).not.toContain("01017012345");
    expect(audit).not.toContain("01017012345");
    expect((await signIn("idporten", "pairwise-sub-1")).userId).toBe(result.userId);
  });

  it("names the default user in the user's language", async () => {
    const result = await signIn("idporten", "pairwise-sub-en", { locale: "en" });
    const [user] = await getDb().select().from(users).where(eq(users.id, result.userId));
    expect(user!.name).toBe("New user");
  });

  it("links a provider identity with a verified e-mail to the existing account with that address", async () => {
    const existing = await createUser({ email: "linda@idp.test.example", name: "Linda Li", passwordHash: "kept-hash" });
    const result = await signIn("testidp", "linda");
    expect(result).toMatchObject({ userId: existing.id, created: false });
    const [user] = await getDb().select().from(users).where(eq(users.id, existing.id));
    expect(user).toMatchObject({ name: "Linda Li", passwordHash: "kept-hash" });
    const identities = await getDb().select().from(oidcIdentities).where(eq(oidcIdentities.userId, existing.id));
    expect(identities).toEqual([expect.objectContaining({ provider: "testidp", subject: "linda" })]);
    expect((await auditActions(existing.id)).map((a) => a.action)).toEqual(["user.oidc_linked", "user.signed_in"]);
  });

  it("takes an unverified account over from a squatter: drops its password and sessions when linking", async () => {
    const squatted = await createUser({ email: "victim@idp.test.example", emailVerifiedAt: null, passwordHash: "squatter-hash" });
    await getDb()
      .insert(sessions)
      .values({ id: "squatter-session", userId: squatted.id, method: "password", expiresAt: new Date(Date.now() + 3_600_000) });
    const result = await signIn("testidp", "victim");
    expect(result.userId).toBe(squatted.id);
    const [user] = await getDb().select().from(users).where(eq(users.id, squatted.id));
    expect(user!.passwordHash).toBeNull();
    expect(user!.emailVerifiedAt).not.toBeNull();
    expect(await getDb().select().from(sessions).where(eq(sessions.id, "squatter-session"))).toHaveLength(0);
  });

  it("does not link by an e-mail the provider has not verified", async () => {
    const owner = await createUser({ email: "owner@idp.test.example" });
    const result = await signIn("idporten", "unverified-owner");
    expect(result.userId).not.toBe(owner.id);
    expect(result.created).toBe(true);
    const [user] = await getDb().select().from(users).where(eq(users.id, result.userId));
    expect(user!.email).toBe(placeholderEmail("idporten", "unverified-owner"));
    expect(user!.name).toBe("Test owner");
    expect(
      await getDb()
        .select()
        .from(oidcIdentities)
        .where(and(eq(oidcIdentities.userId, owner.id))),
    ).toHaveLength(0);
  });
});
