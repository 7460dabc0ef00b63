import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { users } from "~/db/schema/index.ts";
import type { Locale } from "~/i18n/config.ts";
import type { UserActor } from "./actor.ts";

/** Remembers the user's language choice across devices. */
export async function saveUserLocale(actor: UserActor, locale: Locale): Promise<void> {
  if (actor.locale === locale) return;
  await getDb().update(users).set({ locale }).where(eq(users.id, actor.userId));
}
