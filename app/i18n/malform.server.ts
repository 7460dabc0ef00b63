import type { Actor } from "~/domain/auth/actor.ts";
import { writesNynorsk } from "~/domain/reference/reference.server.ts";
import type { Locale } from "./config.ts";

/**
 * The language a kommune's own målform suggests where only the default, bokmål, was left (no ?lang=, cookie or
 * saved choice, and a browser that asks for Norwegian or nothing in particular):
 * - a coordinator whose kommuner all write nynorsk works in nynorsk, on every page;
 * - otherwise, a nynorsk kommune's own pages (/kommuner/:number/…) are shown in nynorsk.
 * Null: no suggestion.
 */
export function malformDefault(actor: Actor, pathname: string): Locale | null {
  // A coordinator's own interface first, so it does not change language from page to page.
  const coordinated =
    actor.kind === "user" ? actor.roles.flatMap((r) => (r.role === "municipal_coordinator" && r.municipalityNumber ? [r.municipalityNumber] : [])) : [];
  if (coordinated.length > 0 && coordinated.every(writesNynorsk)) return "nn";
  const kommunePage = /^\/kommuner\/(\d{4})(?:\/|$)/.exec(pathname)?.[1];
  return kommunePage && writesNynorsk(kommunePage) ? "nn" : null;
}

/**
 * The language of an e-mail sent in a kommune's name: the recipient's own choice if they saved one, else the
 * kommune's målform (nynorsk or bokmål), whoever sends it.
 */
export function kommuneMailLocale(municipalityNumber: string, recipientChoice: string | null | undefined): Locale {
  if (recipientChoice === "nb" || recipientChoice === "nn" || recipientChoice === "en") return recipientChoice;
  return writesNynorsk(municipalityNumber) ? "nn" : "nb";
}
