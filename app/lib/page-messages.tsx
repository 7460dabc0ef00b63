import { createContext, useContext } from "react";
import type { UiLocale } from "~/i18n/config.ts";

/**
 * The interface text a page renders with. The catalogue (≈ 240 kB a language) is not in the root loader's data
 * on a full page load: React Router serialises loader data for the browser on every document request, even
 * for pages that never hydrate, and that cost ≈ 15–20 ms a request (bench/README.md, "Search"). Instead the
 * server renders from the catalogue it holds (entry.server.tsx provides it here), and a page that hydrates
 * carries the catalogue once as JSON, written ahead of time, for the browser's first render. Client-side
 * navigations that reload the root data get the messages from the loader as before.
 */
export interface ServerMessages {
  messages: Record<UiLocale, Record<string, string>>;
  /** Each language's catalogue as JSON that is safe inside a <script> element. */
  json: Record<UiLocale, string>;
}

export const ServerMessagesContext = createContext<ServerMessages | null>(null);

const ELEMENT_ID = "samspill-messages";

let hydrationJson: string | null = null;
let hydrationMessages: Record<string, string> | null = null;

function readHydrationMessages(): void {
  if (hydrationMessages !== null || typeof document === "undefined") return;
  const text = document.getElementById(ELEMENT_ID)?.textContent;
  if (!text) return;
  hydrationJson = text;
  hydrationMessages = JSON.parse(text) as Record<string, string>;
}

export function usePageMessages(locale: UiLocale, fromLoader: Record<string, string> | undefined): { messages?: Record<string, string>; json: string | null } {
  const server = useContext(ServerMessagesContext);
  if (fromLoader) return { messages: fromLoader, json: null };
  if (server) return { messages: server.messages[locale], json: server.json[locale] };
  readHydrationMessages();
  return { messages: hydrationMessages ?? undefined, json: hydrationJson };
}

/** The catalogue for the browser's first render; not a script that runs (type application/json). */
export function PageMessagesScript({ json, nonce }: { json: string | null; nonce?: string }) {
  if (!json) return null;
  return <script id={ELEMENT_ID} type="application/json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: json }} />;
}
