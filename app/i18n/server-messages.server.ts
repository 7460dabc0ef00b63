import type { ServerMessages } from "~/lib/page-messages.tsx";
import type { UiLocale } from "./config.ts";
import { messages } from "./messages.ts";

/** `<` escaped, so no message can close the script element the JSON is written into. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** Built once per process: the catalogues do not change while it runs. */
export const serverMessages: ServerMessages = {
  messages,
  json: Object.fromEntries(Object.entries(messages).map(([locale, catalogue]) => [locale, scriptSafeJson(catalogue)])) as Record<UiLocale, string>,
};
