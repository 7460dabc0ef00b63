import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the response being rendered, handed
 * from entry.server.tsx to the root's <Scripts>/<ScrollRestoration>. In the
 * browser it is empty: scripts added after hydration are module imports from
 * our own origin, which the policy allows without a nonce.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
