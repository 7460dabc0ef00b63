import { useRouteLoaderData } from "react-router";
import type { RootData } from "~/root-data.ts";

/** The hidden CSRF field every mutating form must include. */
export function CsrfField() {
  const root = useRouteLoaderData("root") as RootData | undefined;
  return <input type="hidden" name="_csrf" value={root?.csrfToken ?? ""} />;
}

export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}
