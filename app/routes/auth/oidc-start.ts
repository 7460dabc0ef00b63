import { redirect } from "react-router";
import type { Route } from "./+types/oidc-start";
import { requestMeta } from "~/lib/route.server.ts";
import { startOidcSignIn } from "~/domain/auth/oidc.server.ts";
import { oidcGuard } from "./oidc-guard.server.ts";

export { OidcErrorBoundary as ErrorBoundary } from "./oidc-error-page.tsx";

export const handle = { hydrate: false };

/** GET /auth/oidc/:provider?neste=/path — sends the browser to the provider's sign-in. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const next = new URL(request.url).searchParams.get("neste");
  const start = await oidcGuard(request, () => startOidcSignIn(params.provider, next, requestMeta(request, context)));
  throw redirect(start.authorizationUrl, { headers: { "Set-Cookie": start.setCookie, "Cache-Control": "no-store" } });
}

/** Only the error page ever renders: success is a redirect. */
export default function OidcStart() {
  return null;
}
