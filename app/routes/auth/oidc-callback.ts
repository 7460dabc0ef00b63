import { redirect } from "react-router";
import type { Route } from "./+types/oidc-callback";
import { requestMeta } from "~/lib/route.server.ts";
import { clearOidcStateCookie, completeOidcSignIn, readOidcBrowserState } from "~/domain/auth/oidc.server.ts";
import { destroySession } from "~/domain/auth/session.server.ts";
import { oidcGuard } from "./oidc-guard.server.ts";

export { OidcErrorBoundary as ErrorBoundary } from "./oidc-error-page.tsx";

export const handle = { hydrate: false };

/** GET /auth/oidc/:provider/callback — the provider sends the browser back here with a code (or an error). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const browserState = await readOidcBrowserState(request);
  const signedIn = await oidcGuard(request, () => completeOidcSignIn(params.provider, new URL(request.url), browserState, requestMeta(request, context)));
  // Whatever session the browser brought (planted by someone else, or an earlier one) ends: only the new one counts.
  await destroySession(request);
  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.append("Set-Cookie", signedIn.setCookie);
  headers.append("Set-Cookie", await clearOidcStateCookie());
  throw redirect(signedIn.redirectTo, { headers });
}

/** Only the error page ever renders: success is a redirect. */
export default function OidcCallback() {
  return null;
}
