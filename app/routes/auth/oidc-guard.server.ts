import { data } from "react-router";
import { guard } from "~/lib/route.server.ts";
import { OidcProviderUnavailableError } from "~/domain/auth/oidc.server.ts";

/**
 * `guard` for the OIDC routes: AppErrors become 4xx pages as everywhere, and
 * a provider that is down becomes a 503 page with a message instead of a 500.
 */
export async function oidcGuard<T>(request: Request, fn: () => Promise<T>): Promise<T> {
  try {
    return await guard(request, fn);
  } catch (error) {
    if (error instanceof OidcProviderUnavailableError) {
      throw data({ code: "unavailable", messageKey: error.messageKey }, { status: error.status });
    }
    throw error;
  }
}
