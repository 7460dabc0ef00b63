/**
 * Runs the test OpenID Connect provider as its own process, for the browser
 * tests (Playwright starts it as a webServer) and for trying OIDC sign-in by
 * hand:
 *
 *   node tests/support/oidc-provider-server.ts
 *
 * OIDC_TEST_PORT (default 3901) sets the port; the issuer is
 * http://127.0.0.1:<port>. OIDC_TEST_REDIRECT_URIS (comma-separated) adds
 * callback URLs to the samspill-test client, e.g. for an app on another port:
 * http://127.0.0.1:3102/auth/oidc/testidp/callback. Runs until SIGTERM/SIGINT.
 */
import { startTestOidcProvider } from "./oidc-provider.ts";

const port = Number(process.env.OIDC_TEST_PORT ?? 3901);
const redirectUris = (process.env.OIDC_TEST_REDIRECT_URIS ?? "")
  .split(",")
  .map((uri) => uri.trim())
  .filter(Boolean);

const provider = await startTestOidcProvider({ port, issuer: `http://127.0.0.1:${port}`, redirectUris });
console.log(`Test OIDC provider listening: ${provider.issuer}/.well-known/openid-configuration`);

let closing = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    provider.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
