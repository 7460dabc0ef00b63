import { and, eq, lt, sql } from "drizzle-orm";
import { createCookie } from "react-router";
import * as client from "openid-client";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { oidcIdentities, oidcLoginStates, users } from "~/db/schema/index.ts";
import { getEnv, type OidcProviderConfig } from "~/env.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { getLogger } from "~/logger.server.ts";
import { hashToken, safeEqual } from "~/lib/crypto.server.ts";
import { AppError } from "~/lib/errors.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import type { Actor } from "./actor.ts";
import type { RequestMeta, SignedIn } from "./auth.server.ts";
import { hit, type RateLimitRule } from "./rate-limit.server.ts";
import { createSession, destroyAllSessions } from "./session.server.ts";

/**
 * OpenID Connect sign-in (ID-porten, Ansattporten, Entra ID, any compliant
 * provider): authorization code flow with PKCE (S256), state and nonce.
 *
 * The flow's secrets (PKCE verifier, nonce, where to return) live in the
 * oidc_login_states table, not in process memory, so the callback may land on
 * another app instance than the one that started the sign-in. The state is
 * also kept in a short-lived cookie: the callback must come back to the same
 * browser, which stops an attacker from signing a victim into the attacker's
 * account with a callback link (login CSRF).
 */

const LOGIN_STATE_MINUTES = 10;
/** Provider metadata changes rarely; re-discovering once a day picks up changes without a restart. */
const DISCOVERY_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const DISCOVERY_TIMEOUT_SECONDS = 10;
const MAX_NAME_LENGTH = 200;
const MAX_EMAIL_LENGTH = 254;
/**
 * Every start writes a row, so an anonymous client could otherwise fill the
 * table. Generous, because a whole office may sign in from one address.
 */
export const oidcStartsPerIp: RateLimitRule = { limit: 300, windowSeconds: 10 * 60 };

/** The provider cannot be reached or answers nonsense: not the user's fault, so it is a 503, not a 4xx or a 500. */
export class OidcProviderUnavailableError extends Error {
  readonly status = 503;
  readonly messageKey = "oidc.error.unavailable";
  constructor(providerId: string, options?: { cause?: unknown }) {
    super(`OIDC provider ${providerId} is unavailable`, options);
  }
}

export function findOidcProvider(providerId: unknown): OidcProviderConfig {
  const provider = typeof providerId === "string" ? getEnv().oidcProviders.find((p) => p.id === providerId) : undefined;
  if (!provider) throw new AppError("not_found", "errors.notFound");
  return provider;
}

export function oidcCallbackUrl(providerId: string): URL {
  return new URL(`/auth/oidc/${providerId}/callback`, getEnv().PUBLIC_URL);
}

function configuredAcrValues(provider: OidcProviderConfig): string[] {
  return (provider.acrValues ?? "").split(/\s+/).filter(Boolean);
}

// Discovery results are configuration, not user state, so caching them per
// process is safe. Keyed by the config object: tests that swap the
// environment get fresh discovery. Only successes are kept, so a provider
// that was down at first use is retried on the next sign-in.
const discoveryCache = new WeakMap<OidcProviderConfig, { config: Promise<client.Configuration>; fetchedAt: number }>();

async function providerConfiguration(provider: OidcProviderConfig): Promise<client.Configuration> {
  const cached = discoveryCache.get(provider);
  if (cached && Date.now() - cached.fetchedAt < DISCOVERY_MAX_AGE_MS) return cached.config;
  const config = client.discovery(
    new URL(provider.issuer),
    provider.clientId,
    undefined,
    // client_secret_post is supported by ID-porten, Ansattporten and Entra ID
    // alike; without a secret the client is a public PKCE client.
    provider.clientSecret ? client.ClientSecretPost(provider.clientSecret) : client.None(),
    { execute: provider.allowInsecure ? [client.allowInsecureRequests] : [], timeout: DISCOVERY_TIMEOUT_SECONDS },
  );
  discoveryCache.set(provider, { config, fetchedAt: Date.now() });
  try {
    return await config;
  } catch (error) {
    discoveryCache.delete(provider);
    getLogger().warn({ provider: provider.id, err: error }, "OIDC discovery failed");
    throw new OidcProviderUnavailableError(provider.id, { cause: error });
  }
}

function stateCookie() {
  const env = getEnv();
  return createCookie("samspill_oidc_state", {
    httpOnly: true,
    secure: env.cookieSecure,
    // Lax: the provider sends the browser back with a top-level GET, which carries Lax cookies.
    sameSite: "lax",
    path: "/auth/oidc",
    maxAge: LOGIN_STATE_MINUTES * 60,
    secrets: [env.SESSION_SECRET],
  });
}

/** The sign-in state this browser started, from its cookie (null when absent or tampered with). */
export async function readOidcBrowserState(request: Request): Promise<string | null> {
  const value = await stateCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function clearOidcStateCookie(): Promise<string> {
  return stateCookie().serialize("", { maxAge: 0 });
}

export interface OidcStart {
  /** Where to send the browser: the provider's authorization endpoint. */
  authorizationUrl: string;
  /** Binds the sign-in to this browser. */
  setCookie: string;
  state: string;
}

/** Begins a sign-in at the provider; `next` is where to return afterwards (same-site paths only). */
export async function startOidcSignIn(providerId: unknown, next: unknown, meta: Pick<RequestMeta, "locale" | "ip">): Promise<OidcStart> {
  const provider = findOidcProvider(providerId);
  const db = getDb();
  if (!(await hit(db, `oidc:start:ip:${meta.ip ?? "unknown"}`, oidcStartsPerIp))) throw new AppError("rate_limited", "errors.rateLimited");
  const config = await providerConfiguration(provider);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  // Abandoned sign-ins would otherwise pile up; the table is small, so sweeping here is cheap.
  await db.delete(oidcLoginStates).where(lt(oidcLoginStates.expiresAt, sql`now()`));
  await db.insert(oidcLoginStates).values({
    state,
    provider: provider.id,
    codeVerifier,
    nonce,
    redirectTo: safeRedirectPath(next),
    expiresAt: new Date(Date.now() + LOGIN_STATE_MINUTES * 60_000),
  });
  const parameters: Record<string, string> = {
    redirect_uri: oidcCallbackUrl(provider.id).toString(),
    response_type: "code",
    scope: provider.scope,
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: "S256",
    ui_locales: meta.locale,
  };
  const acrValues = configuredAcrValues(provider);
  if (acrValues.length > 0) parameters.acr_values = acrValues.join(" ");
  const authorizationUrl = client.buildAuthorizationUrl(config, parameters).toString();
  return { authorizationUrl, setCookie: await stateCookie().serialize(state), state };
}

export interface OidcSignedIn extends SignedIn {
  /** The same-site path the user asked to return to. */
  redirectTo: string;
  /** A new account was created by this sign-in. */
  created: boolean;
}

/**
 * Finishes a sign-in: checks the state against the stored one and this
 * browser's cookie, exchanges the code (PKCE), validates the ID token
 * (openid-client checks signature, issuer, audience, expiry and nonce),
 * checks the security level (`acr`), finds or creates the user and opens a
 * session. Everything a user or a misbehaving provider can cause ends in an
 * AppError (4xx) or OidcProviderUnavailableError (503).
 */
export async function completeOidcSignIn(providerId: unknown, callbackUrl: URL, browserState: string | null, meta: RequestMeta): Promise<OidcSignedIn> {
  const provider = findOidcProvider(providerId);
  const params = callbackUrl.searchParams;
  const login = await consumeLoginState(provider.id, params.get("state"), browserState);

  const providerError = params.get("error");
  if (providerError !== null) {
    getLogger().info(
      { provider: provider.id, error: providerError.slice(0, 100), description: params.get("error_description")?.slice(0, 300) },
      "OIDC provider returned an error",
    );
    throw new AppError("validation", providerError === "access_denied" ? "oidc.error.cancelled" : "oidc.error.provider");
  }

  const config = await providerConfiguration(provider);
  // The redirect_uri sent to the token endpoint must equal the one in the
  // authorization request, so rebuild it from PUBLIC_URL rather than from the
  // request, whose host may be an internal one behind a proxy.
  const currentUrl = oidcCallbackUrl(provider.id);
  currentUrl.search = callbackUrl.search;
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw classifyProviderError(provider.id, error);
  }
  const idToken = tokens.claims();
  if (!idToken) throw new AppError("validation", "oidc.error.failed");

  const acrValues = configuredAcrValues(provider);
  if (acrValues.length > 0 && (typeof idToken.acr !== "string" || !acrValues.includes(idToken.acr))) {
    getLogger().info(
      { provider: provider.id, acr: typeof idToken.acr === "string" ? idToken.acr.slice(0, 100) : null },
      "OIDC sign-in below the required security level",
    );
    throw new AppError("forbidden", "oidc.error.insufficientLevel");
  }

  const claims = await withUserInfo(config, tokens.access_token, idToken, provider.id);
  const method = `oidc:${provider.id}`;
  const { user, created } = await findOrCreateUser(provider.id, idToken.sub, claims, meta);
  const setCookie = await createSession(getDb(), user.id, method, meta);
  return { userId: user.id, setCookie, redirectTo: safeRedirectPath(login.redirectTo), created };
}

/** Takes the stored state out of the table (so it works once) and checks it belongs to this browser and provider. */
async function consumeLoginState(providerId: string, state: string | null, browserState: string | null) {
  const invalid = new AppError("invalid_token", "oidc.error.invalidState");
  if (!state || state.length > 200) throw invalid;
  const [row] = await getDb().delete(oidcLoginStates).where(eq(oidcLoginStates.state, state)).returning();
  if (!row || row.provider !== providerId || row.expiresAt.getTime() < Date.now()) throw invalid;
  if (!browserState || !safeEqual(browserState, state)) throw invalid;
  return row;
}

function classifyProviderError(providerId: string, error: unknown): Error {
  const log = getLogger();
  // Network failures and provider-side faults: the provider is down or broken.
  const unreachable =
    error instanceof TypeError ||
    (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) ||
    (error instanceof client.ResponseBodyError && error.status >= 500) ||
    (error instanceof client.ClientError && (error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || error.code === "OAUTH_RESPONSE_IS_NOT_JSON"));
  if (unreachable) {
    log.warn({ provider: providerId, err: error }, "OIDC provider unavailable during code exchange");
    return new OidcProviderUnavailableError(providerId, { cause: error });
  }
  // A reused or forged code, a token that fails validation (nonce, issuer,
  // signature, expiry): a failed sign-in, reported without details.
  log.warn({ provider: providerId, err: error }, "OIDC code exchange or ID token validation failed");
  return new AppError("validation", "oidc.error.failed");
}

type Claims = Record<string, unknown>;

/**
 * Some providers put e-mail and name only in the userinfo response (a code
 * flow ID token need not carry them); ask for it when the ID token lacks
 * them. A failing userinfo call is not fatal: the user is then created from
 * the ID token alone.
 */
async function withUserInfo(config: client.Configuration, accessToken: string, idToken: client.IDToken, providerId: string): Promise<Claims> {
  const claims: Claims = { ...idToken };
  const lacksProfile = typeof claims.email !== "string" || (typeof claims.name !== "string" && typeof claims.given_name !== "string");
  if (!lacksProfile || !config.serverMetadata().userinfo_endpoint || !accessToken) return claims;
  try {
    const info = await client.fetchUserInfo(config, accessToken, idToken.sub);
    for (const [key, value] of Object.entries(info)) if (claims[key] === undefined) claims[key] = value;
  } catch (error) {
    getLogger().warn({ provider: providerId, err: error }, "OIDC userinfo request failed; using the ID token claims only");
  }
  return claims;
}

/** The e-mail address only when the provider vouches for it; an unverified one could be anyone's. */
function verifiedEmail(claims: Claims): string | null {
  const verified = claims.email_verified === true || claims.email_verified === "true";
  if (!verified || typeof claims.email !== "string") return null;
  const email = claims.email.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return null;
  return email;
}

function displayName(claims: Claims): string | null {
  const parts =
    typeof claims.name === "string" && claims.name.trim()
      ? [claims.name]
      : [claims.given_name, claims.family_name].filter((p): p is string => typeof p === "string" && p.trim().length > 0);
  const name = parts
    .join(" ")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return name ? name.slice(0, MAX_NAME_LENGTH) : null;
}

/**
 * A stand-in address for identities without a (verified) e-mail, unique per
 * provider and subject. ID-porten, for one, gives only `sub` and the national
 * identity number (`pid`), which Samspill deliberately does not store. LIMITATION:
 * such users have no working e-mail (the .invalid domain never delivers), so
 * they get no e-mail notifications and cannot use password or magic-link
 * sign-in until they set a real address on their profile.
 */
export function placeholderEmail(providerId: string, subject: string): string {
  return `${providerId}-${hashToken(subject).slice(0, 16)}@oidc.samspill.invalid`;
}

function auditActor(user: { id: string; email: string; name: string }, ip: string | null): Actor {
  // A minimal actor for audit entries written before the session exists.
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    emailVerified: false,
    isDemo: false,
    locale: null,
    sessionId: "",
    roles: [],
    memberships: [],
    ip,
  };
}

type UserRow = typeof users.$inferSelect;

/** Thrown inside the transaction when a parallel sign-in created the same row first; the lookup is then retried. */
class LostRace extends Error {}

async function findOrCreateUser(providerId: string, subject: string, claims: Claims, meta: RequestMeta): Promise<{ user: UserRow; created: boolean }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await getDb().transaction((tx) => findOrCreateUserOnce(tx, providerId, subject, claims, meta));
    } catch (error) {
      if (!(error instanceof LostRace) || attempt > 0) throw error;
    }
  }
}

async function findOrCreateUserOnce(
  tx: Queryable,
  providerId: string,
  subject: string,
  claims: Claims,
  meta: RequestMeta,
): Promise<{ user: UserRow; created: boolean }> {
  const method = `oidc:${providerId}`;
  const [known] = await tx
    .select({ user: users })
    .from(oidcIdentities)
    .innerJoin(users, eq(users.id, oidcIdentities.userId))
    .where(and(eq(oidcIdentities.provider, providerId), eq(oidcIdentities.subject, subject)));
  if (known) {
    await recordAudit(tx, auditActor(known.user, meta.ip), { action: "user.signed_in", entityType: "user", entityId: known.user.id, after: { method } });
    return { user: known.user, created: false };
  }

  const email = verifiedEmail(claims);
  const [existing] = email ? await tx.select().from(users).where(eq(users.email, email)) : [];
  let user: UserRow;
  let created = false;
  if (existing) {
    user = existing;
    if (!existing.emailVerifiedAt) {
      // Someone registered this address without proving it; the provider has
      // now proved who owns it. Drop the unproven password and sessions so a
      // squatter who pre-registered the address cannot keep access.
      const [updated] = await tx
        .update(users)
        .set({ emailVerifiedAt: new Date(), passwordHash: null, updatedAt: new Date() })
        .where(eq(users.id, existing.id))
        .returning();
      user = updated!;
      await destroyAllSessions(tx, existing.id);
    }
  } else {
    const name = displayName(claims) ?? getTranslator(meta.locale)("oidc.defaultName");
    const [inserted] = await tx
      .insert(users)
      .values({ email: email ?? placeholderEmail(providerId, subject), name, emailVerifiedAt: email ? new Date() : null, locale: meta.locale })
      .onConflictDoNothing()
      .returning();
    if (!inserted) throw new LostRace();
    user = inserted;
    created = true;
    await recordAudit(tx, auditActor(user, meta.ip), {
      action: "user.registered",
      entityType: "user",
      entityId: user.id,
      after: { email: user.email, name: user.name, method },
    });
  }

  const [linked] = await tx.insert(oidcIdentities).values({ provider: providerId, subject, userId: user.id }).onConflictDoNothing().returning();
  if (!linked) throw new LostRace();
  if (!created) {
    await recordAudit(tx, auditActor(user, meta.ip), { action: "user.oidc_linked", entityType: "user", entityId: user.id, after: { provider: providerId } });
  }
  await recordAudit(tx, auditActor(user, meta.ip), { action: "user.signed_in", entityType: "user", entityId: user.id, after: { method } });
  return { user, created };
}
