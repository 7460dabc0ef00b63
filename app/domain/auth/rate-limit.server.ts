import { sql } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { rateLimits } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";

export interface RateLimitRule {
  /** At most this many hits … */
  limit: number;
  /** … per window of this many seconds. */
  windowSeconds: number;
}

/**
 * Wrong current passwords on Min side, per account. Only the signed-in
 * account holder can cause these, so a hard limit locks out nobody else.
 */
export const passwordChangePerAccount: RateLimitRule = { limit: 10, windowSeconds: 15 * 60 };
/** Password sign-in failures from one source across all accounts (password spraying). */
export const signInPerIp: RateLimitRule = { limit: 50, windowSeconds: 15 * 60 };
/**
 * E-mails one source can trigger (magic links, resets, verification) for one
 * address. Per source, so an attacker who asks again and again for someone's
 * address does not stop that person from getting a link from their own
 * network; the wider per-address rule still caps how much mail one inbox gets.
 */
export const mailPerAddressAndIp: RateLimitRule = { limit: 5, windowSeconds: 15 * 60 };
export const mailPerAddress: RateLimitRule = { limit: 20, windowSeconds: 60 * 60 };
/**
 * Registrations: per source (generous, as a whole office may sign up from one
 * address), and per address, known or not, so the limit itself reveals nothing.
 */
export const registrationsPerIp: RateLimitRule = { limit: 50, windowSeconds: 60 * 60 };
export const registrationsPerAddress: RateLimitRule = { limit: 3, windowSeconds: 60 * 60 };

/**
 * Invitations a signed-in person sends to typed addresses (organisation members, workshop
 * participants): enough to bring a whole team on board in an hour, a cap on a misused account
 * mailing strangers from Samspill's address.
 */
export const invitationsPerSender: RateLimitRule = { limit: 60, windowSeconds: 60 * 60 };
/** Invitations to one address from everyone together: one inbox is not flooded. */
export const invitationsPerAddress: RateLimitRule = { limit: 10, windowSeconds: 24 * 60 * 60 };

/**
 * Growing delays after failures instead of a lock: after `free` failures,
 * the next attempt must wait `baseSeconds · 2^(failures − free)`, at most
 * `maxSeconds`, counted from the last failure. The count starts over once no
 * failure has been seen for `forgetAfterSeconds`.
 */
export interface BackoffRule {
  free: number;
  baseSeconds: number;
  maxSeconds: number;
  forgetAfterSeconds: number;
}

/**
 * One account from one source: the guesser's own connection slows down
 * quickly (2 s after three failures, doubling, up to 15 minutes), while the
 * account holder on another network is not affected at all.
 */
export const signInBackoffPerAccountAndIp: BackoffRule = { free: 3, baseSeconds: 2, maxSeconds: 15 * 60, forgetAfterSeconds: 24 * 60 * 60 };
/**
 * One account from all sources together, against guessing from many
 * addresses. It only slows down (at most a minute after the latest failure),
 * so nobody can use it to lock an account holder out.
 */
export const signInBackoffPerAccount: BackoffRule = { free: 20, baseSeconds: 1, maxSeconds: 60, forgetAfterSeconds: 24 * 60 * 60 };

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

/**
 * Counts one invitation e-mail from `senderId` to `email`; throws `rate_limited` (nothing else is
 * done) when either limit is passed. Call it after the input is valid and the sender may invite.
 */
export async function countInvitation(db: Queryable, senderId: string, email: string): Promise<void> {
  const bySender = await hit(db, `invite:sender:${senderId}`, invitationsPerSender);
  const toAddress = await hit(db, `invite:address:${email.toLowerCase()}`, invitationsPerAddress);
  if (!bySender || !toAddress) throw new AppError("rate_limited", "errors.rateLimited");
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

/**
 * Counts one failure against `key` for a backoff rule. The row's window_start
 * holds the time of the latest failure (not the start of a window), so the
 * delay runs from the latest failure.
 */
export async function recordFailure(db: Queryable, key: string, rule: BackoffRule): Promise<void> {
  await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${rule.forgetAfterSeconds}) then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`now()`,
      },
    });
}

/** Whole seconds until `key` may try again under a backoff rule; 0 when it may try now. */
export async function backoffSeconds(db: Queryable, key: string, rule: BackoffRule): Promise<number> {
  const rows = await db
    .select({
      wait: sql<string>`greatest(0, extract(epoch from (${rateLimits.windowStart}
        + make_interval(secs => least(${rule.maxSeconds}::float8, ${rule.baseSeconds}::float8 * power(2::float8, least(${rateLimits.count} - ${rule.free}, 40))))
        - now())))`,
    })
    .from(rateLimits)
    .where(
      sql`${rateLimits.key} = ${key} and ${rateLimits.count} >= ${rule.free}
        and ${rateLimits.windowStart} >= now() - make_interval(secs => ${rule.forgetAfterSeconds})`,
    );
  const wait = Number(rows[0]?.wait ?? 0);
  return wait > 0 ? Math.ceil(wait) : 0;
}
