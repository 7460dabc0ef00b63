import { getEnv } from "~/env.server.ts";

/**
 * The volunteer's own links, put in EVERY e-mail to a volunteer about an
 * interest: where they see its status and who to contact, and where they
 * withdraw it (which deletes the interest and its personal data). The token
 * is the interest's own (volunteer_interests.token_hash stores its hash).
 * Server-only: it reads PUBLIC_URL.
 */
export function volunteerLinks(token: string): { status: string; withdraw: string } {
  const base = getEnv().PUBLIC_URL;
  return {
    status: new URL(`/frivillig/mine/${encodeURIComponent(token)}`, base).toString(),
    withdraw: new URL(`/frivillig/trekk/${encodeURIComponent(token)}`, base).toString(),
  };
}

/** The light profile's sign-in page, for e-mails that point a volunteer to all their interests in one place. */
export function volunteerProfileUrl(): string {
  return new URL("/frivillig/meg", getEnv().PUBLIC_URL).toString();
}
