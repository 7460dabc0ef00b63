import { sql } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { rateLimits } from "~/db/schema/index.ts";

export interface RateLimitRule {
  /** At most this many hits … */
  limit: number;
  /** … per window of this many seconds. */
  windowSeconds: number;
}

/** Sign-in failures: per account and per IP, so neither one account nor one address can be hammered. */
export const signInPerAccount: RateLimitRule = { limit: 10, windowSeconds: 15 * 60 };
export const signInPerIp: RateLimitRule = { limit: 50, windowSeconds: 15 * 60 };
/** E-mails a user can trigger (magic links, resets) per address. */
export const mailPerAddress: RateLimitRule = { limit: 5, windowSeconds: 15 * 60 };

/**
 * Counts one hit against `key` in a fixed window kept in the database (so it
 * holds across app instances) and returns whether the hit is within the limit.
 */
export async function hit(db: Queryable, key: string, rule: RateLimitRule): Promise<boolean> {
  const rows = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${rule.windowSeconds}) then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${rule.windowSeconds}) then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count });
  return (rows[0]?.count ?? 0) <= rule.limit;
}

/** True when `key` is already over its limit, without counting a hit. */
export async function isLimited(db: Queryable, key: string, rule: RateLimitRule): Promise<boolean> {
  const rows = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${key} and ${rateLimits.windowStart} >= now() - make_interval(secs => ${rule.windowSeconds})`);
  return (rows[0]?.count ?? 0) >= rule.limit;
}

export async function reset(db: Queryable, key: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}
