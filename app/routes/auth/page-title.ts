import type { MessageKey } from "~/i18n/messages.ts";
import type { RootData } from "~/root-data.ts";

/**
 * A localised `<title>` for the sign-in and account pages. Meta functions
 * cannot use hooks, so the text comes from the root loader's messages.
 */
export function pageTitle(matches: readonly ({ id: string; loaderData?: unknown } | undefined)[], key: MessageKey) {
  const root = matches.find((m) => m?.id === "root")?.loaderData as RootData | undefined;
  const app = root?.messages["app.name"] ?? "Samspill";
  const page = root?.messages[key];
  return [{ title: page ? `${page} – ${app}` : app }];
}
