import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import Provider, { type Adapter, type AdapterPayload, type KoaContextWithOidc } from "oidc-provider";

/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified
 * implementation) for integration and browser tests: it behaves like
 * ID-porten where it matters to Samspill — code flow with PKCE required,
 * state, nonce, acr_values and an `acr` claim in the ID token.
 *
 * Any login name is accepted; it becomes the account id (`sub`), with
 * e-mail `<login>@idp.test.example` (verified) and name `Test <login>`.
 * Consent is granted automatically, as ID-porten does for its clients.
 *
 * Plain Node (erasable TypeScript, .ts imports) so that
 * tests/support/oidc-provider-server.ts can run it without a build.
 */

export const TEST_CLIENT_ID = "samspill-test";
export const TEST_CLIENT_SECRET = "samspill-test-secret";
export const TEST_REDIRECT_URI = "http://127.0.0.1:3210/auth/oidc/testidp/callback";
export const TEST_ACR_VALUES = ["idporten-loa-substantial", "idporten-loa-high"];

export interface TestClient {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  /** Defaults to client_secret_post with a secret, "none" (public PKCE client) without. */
  token_endpoint_auth_method?: string;
}

export interface TestOidcProviderOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to http://127.0.0.1:<port>. */
  issuer?: string;
  /** Extra redirect URIs for the samspill-test client. */
  redirectUris?: string[];
  /** Extra clients besides samspill-test. */
  clients?: TestClient[];
  /** The security level every sign-in reports in `acr`; default idporten-loa-substantial. */
  acr?: string;
  /** The claims an account has; default: verified e-mail and name derived from the login. */
  accountClaims?: (login: string) => Record<string, unknown>;
}

export interface TestOidcProvider {
  issuer: string;
  port: number;
  close(): Promise<void>;
}

export function defaultAccountClaims(login: string): Record<string, unknown> {
  return { email: `${login}@idp.test.example`, email_verified: true, name: `Test ${login}` };
}

export async function startTestOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuer ?? `http://127.0.0.1:${port}`;
  const provider = createProvider(issuer, options);
  const providerCallback = provider.callback();
  handler = (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(url.pathname);
    if (!match) return providerCallback(req, res);
    handleInteraction(provider, req, res, match[2] ?? "", options.acr ?? TEST_ACR_VALUES[0]!).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`Interaction failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  return {
    issuer,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function createProvider(issuer: string, options: TestOidcProviderOptions): Provider {
  const accountClaims = options.accountClaims ?? defaultAccountClaims;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" };
  const clients = [
    {
      client_id: TEST_CLIENT_ID,
      client_secret: TEST_CLIENT_SECRET,
      redirect_uris: [TEST_REDIRECT_URI, ...(options.redirectUris ?? [])],
      token_endpoint_auth_method: "client_secret_post",
    },
    ...(options.clients ?? []).map((c) => ({ token_endpoint_auth_method: c.client_secret ? "client_secret_post" : "none", ...c })),
  ].map((c) => ({ grant_types: ["authorization_code"], response_types: ["code"], ...c }));

  return new Provider(issuer, {
    adapter: memoryAdapterFactory(),
    clients,
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    pkce: { required: () => true },
    acrValues: TEST_ACR_VALUES,
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "given_name", "family_name"],
      pid: ["pid"],
    },
    // Put the scope's claims in the ID token too, as ID-porten and Entra ID do,
    // instead of only in the userinfo response.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, ...accountClaims(id) }),
    }),
    // Grant every requested scope without asking: first-party clients, like ID-porten's.
    loadExistingGrant: async (ctx: KoaContextWithOidc) => {
      const { provider: p, client, session, result } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? (client ? session?.grantIdFor(client.clientId) : undefined);
      if (grantId) {
        const existing = await p.Grant.find(grantId);
        if (existing) return existing;
      }
      if (!client || !session?.accountId) return undefined;
      const grant = new p.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(" "));
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = page("Error", `<h1>Error</h1><pre>${escapeHtml(JSON.stringify(out, null, 2))}</pre>`);
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  });
}

async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse, action: string, acr: string): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method === "POST" && action === "/abort") {
    await provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "End-User aborted interaction" },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  if (req.method === "POST" && action === "/login") {
    const login = new URLSearchParams(await readBody(req)).get("login")?.trim() ?? "";
    if (!login || login.length > 100) {
      sendHtml(res, 400, loginPage(details.uid, "Enter a username."));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: login, acr } }, { mergeWithLastSubmission: false });
    return;
  }
  if (req.method === "GET" && action === "" && details.prompt.name === "login") {
    sendHtml(res, 200, loginPage(details.uid));
    return;
  }
  sendHtml(res, 400, page("Error", `<h1>Unexpected interaction</h1><p>${escapeHtml(details.prompt.name)}</p>`));
}

function loginPage(uid: string, error?: string): string {
  return page(
    "Test-ID sign-in",
    `<h1>Test-ID sign-in</h1>
<p>Test identity provider: any username signs in.</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${uid}/login">
  <label for="login">Username</label>
  <input id="login" name="login" required autocomplete="username" autofocus>
  <button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${uid}/abort">
  <button type="submit">Cancel</button>
</form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(html);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * In-memory storage for the provider's sessions, codes and grants (its own
 * MemoryAdapter would do, but prints a warning on every start).
 */
function memoryAdapterFactory(): (model: string) => Adapter {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const index = new Map<string, string>();
  const grantMembers = new Map<string, Set<string>>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  return (model) => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        store.set(key(id), { payload, expiresAt: typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity });
        if (model === "Session" && payload.uid) index.set(`sessionUid:${payload.uid}`, id);
        if (payload.userCode) index.set(`userCode:${payload.userCode}`, id);
        if (payload.grantId) {
          const members = grantMembers.get(payload.grantId) ?? new Set<string>();
          members.add(key(id));
          grantMembers.set(payload.grantId, members);
        }
      },
      async find(id) {
        return live(key(id));
      },
      async findByUid(uid) {
        const id = index.get(`sessionUid:${uid}`);
        return id ? live(key(id)) : undefined;
      },
      async findByUserCode(userCode) {
        const id = index.get(`userCode:${userCode}`);
        return id ? live(key(id)) : undefined;
      },
      async consume(id) {
        const payload = live(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        store.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const member of grantMembers.get(grantId) ?? []) store.delete(member);
        grantMembers.delete(grantId);
      },
    };
  };
}
