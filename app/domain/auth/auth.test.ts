import { describe, expect, it } from "vitest";
import { and, desc, eq, like, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, outboundEmails, rateLimits, sessions, users } from "~/db/schema/index.ts";
import { registerWithPassword, requestMagicLink, signInWithMagicLink, signInWithPassword } from "./auth.server.ts";
import { registrationsPerIp } from "./rate-limit.server.ts";
import { getUserByEmail } from "../../../tests/factories.ts";
import { registerAndVerify, tokenFromMail } from "../../../tests/auth-helpers.ts";
import { appErrorOf } from "../../../tests/app-error.ts";

const meta = { ip: "10.0.0.1", userAgent: "vitest", locale: "nb" as const };
const PASSWORD = "correct horse battery";

async function mailsTo(email: string) {
  return getDb().select().from(outboundEmails).where(eq(outboundEmails.to, email)).orderBy(desc(outboundEmails.createdAt));
}

/** Wrong passwords for `email`, each from a new source, with time passing between them so every guess is checked. */
async function guessFromManySources(email: string, guesses: number) {
  for (let i = 0; i < guesses; i++) {
    if (i > 0) await letTimePass(61);
    await signInWithPassword({ email, password: `guess ${i}` }, { ...meta, ip: `192.0.2.${i}` }).catch(() => {});
  }
}

/** Moves the backoff clock on: the rows' "latest failure" is set `seconds` earlier, as if that much time had passed. */
async function letTimePass(seconds: number) {
  await getDb()
    .update(rateLimits)
    .set({ windowStart: sql`${rateLimits.windowStart} - make_interval(secs => ${seconds})` })
    .where(like(rateLimits.key, "signin:%"));
}

describe("password sign-in", () => {
  it("signs in a verified account with its password, and rejects a wrong one and an unknown address with one message", async () => {
    await registerAndVerify({ name: "Nora", email: "Nora@Example.no ", password: PASSWORD }, meta);
    const ok = await signInWithPassword({ email: "nora@example.no", password: PASSWORD }, meta);
    expect(ok.setCookie).toContain("samspill_session=");
    await expect(signInWithPassword({ email: "nora@example.no", password: "wrong password!" }, meta)).rejects.toMatchObject({
      messageKey: "auth.invalidCredentials",
    });
    await expect(signInWithPassword({ email: "nobody@example.no", password: "wrong password!" }, meta)).rejects.toMatchObject({
      messageKey: "auth.invalidCredentials",
    });
  });

  it("does not sign in an account whose address is not verified, answers as for a wrong password, and sends a new link", async () => {
    await registerWithPassword({ name: "U", email: "unverified@example.no", password: PASSWORD }, meta);
    const before = (await mailsTo("unverified@example.no")).length;
    await expect(signInWithPassword({ email: "unverified@example.no", password: PASSWORD }, meta)).rejects.toMatchObject({
      messageKey: "auth.invalidCredentials",
    });
    const user = (await getUserByEmail("unverified@example.no"))!;
    expect(await getDb().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    const mails = await mailsTo("unverified@example.no");
    expect(mails).toHaveLength(before + 1);
    expect(mails[0]!.text).toContain("/bekreft-epost?token=");
  });

  it("gives field errors for bad input and writes nothing", async () => {
    const error = await appErrorOf(registerWithPassword({ name: "", email: "not-an-email", password: "short" }, meta));
    expect(error.fieldErrors).toMatchObject({
      name: { key: "validation.required" },
      email: { key: "validation.email" },
      password: { key: "validation.passwordTooShort" },
    });
  });
});

describe("registration (finding 10: it must not say which addresses have accounts)", () => {
  it("answers a known and an unknown address the same, and e-mails the known one that it already has an account", async () => {
    await registerAndVerify({ name: "Kjent", email: "known@example.no", password: PASSWORD }, meta);
    const known = await registerWithPassword({ name: "Someone", email: "Known@Example.no", password: "another password 9" }, { ...meta, ip: "10.9.0.1" });
    const unknown = await registerWithPassword({ name: "Someone", email: "new@example.no", password: "another password 9" }, { ...meta, ip: "10.9.0.2" });
    expect(known).toEqual({ email: "known@example.no" });
    expect(unknown).toEqual({ email: "new@example.no" });

    // Nobody is signed in by registering, whichever the address.
    expect(await getDb().select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(users.email, "new@example.no"))).toHaveLength(0);

    // The known address: no second account, the password untouched, and an e-mail with the ways in (no token).
    expect(await getDb().select().from(users).where(eq(users.email, "known@example.no"))).toHaveLength(1);
    await signInWithPassword({ email: "known@example.no", password: PASSWORD }, { ...meta, ip: "10.9.0.3" });
    const [exists] = await mailsTo("known@example.no");
    expect(exists!.subject).toBe("Du har allerede en konto i Samspill");
    expect(exists!.text).toContain("http://localhost:3000/logg-inn");
    expect(exists!.text).toContain("http://localhost:3000/glemt-passord");
    expect(exists!.text).not.toContain("token");

    // The new address: an unverified account and a confirmation link.
    expect((await getUserByEmail("new@example.no"))!.emailVerifiedAt).toBeNull();
    expect((await mailsTo("new@example.no"))[0]!.subject).toBe("Bekreft e-postadressen din i Samspill");
  });

  it("treats two sign-ups with one new address at the same moment like a known address: one account, the same answer", async () => {
    const attempts = await Promise.all([
      registerWithPassword({ name: "A", email: "race@example.no", password: PASSWORD }, meta),
      registerWithPassword({ name: "B", email: "race@example.no", password: PASSWORD }, meta),
    ]);
    expect(attempts).toEqual([{ email: "race@example.no" }, { email: "race@example.no" }]);
    expect(await getDb().select().from(users).where(eq(users.email, "race@example.no"))).toHaveLength(1);
  });

  it("is rate limited per address (known or not) and per source, with a localised message", async () => {
    await registerAndVerify({ name: "Kjent", email: "limited-known@example.no", password: PASSWORD }, { ...meta, ip: "10.8.0.1" });
    for (const email of ["limited-known@example.no", "limited-new@example.no"]) {
      // The known address was registered once above: it reaches the limit one attempt sooner, as the count is per address.
      const allowed = email.startsWith("limited-known") ? 2 : 3;
      for (let i = 0; i < allowed; i++) await registerWithPassword({ name: "X", email, password: PASSWORD }, { ...meta, ip: `10.8.1.${i}` });
      const error = await appErrorOf(registerWithPassword({ name: "X", email, password: PASSWORD }, { ...meta, ip: "10.8.2.1" }));
      expect(error.code).toBe("rate_limited");
      expect(error.messageKey).toBe("auth.registerLimited");
    }

    const ip = { ...meta, ip: "10.8.3.3" };
    await registerWithPassword({ name: "X", email: "spray-0@example.no", password: PASSWORD }, ip);
    // As if the source had gone on to the limit with other addresses.
    await getDb().update(rateLimits).set({ count: registrationsPerIp.limit }).where(eq(rateLimits.key, "register:ip:10.8.3.3"));
    await expect(registerWithPassword({ name: "X", email: "spray-x@example.no", password: PASSWORD }, ip)).rejects.toBeAppError("rate_limited");
    // Another source is not affected.
    await expect(registerWithPassword({ name: "X", email: "spray-x@example.no", password: PASSWORD }, { ...meta, ip: "10.8.3.4" })).resolves.toEqual({
      email: "spray-x@example.no",
    });
  });
});

describe("password guessing (finding 11: no lockout as a weapon)", () => {
  it("does not let an attacker on one address keep the account holder on another address out", async () => {
    await registerAndVerify({ name: "IMDi", email: "victim@example.no", password: PASSWORD }, meta);
    const attacker = { ...meta, ip: "203.0.113.9" };
    for (let i = 0; i < 30; i++) await signInWithPassword({ email: "victim@example.no", password: `guess number ${i}` }, attacker).catch(() => {});
    // The attacker is slowed down…
    await expect(signInWithPassword({ email: "victim@example.no", password: PASSWORD }, attacker)).rejects.toBeAppError("rate_limited");
    // …the account holder, elsewhere, is not.
    const signedIn = await signInWithPassword({ email: "victim@example.no", password: PASSWORD }, { ...meta, ip: "198.51.100.7" });
    expect(signedIn.setCookie).toContain("samspill_session=");
  });

  it("slows one source with growing delays, never a fixed lock, and says how long to wait", async () => {
    await registerAndVerify({ name: "G", email: "grow@example.no", password: PASSWORD }, meta);
    const from = { ...meta, ip: "203.0.113.20" };
    const wrong = (n: number) => signInWithPassword({ email: "grow@example.no", password: `wrong guess ${n}` }, from);
    for (let i = 0; i < 3; i++) expect((await appErrorOf(wrong(i))).messageKey).toBe("auth.invalidCredentials");

    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const throttled = await appErrorOf(wrong(100));
      expect(throttled.code).toBe("rate_limited");
      const detail = throttled.fieldErrors._form!;
      expect(detail.key).toBe("auth.signInThrottled.seconds");
      waits.push(Number(detail.values!.seconds));
      await letTimePass(waits.at(-1)!);
      // Once the delay has passed, one more guess is checked (and fails), and the next delay is longer.
      expect((await appErrorOf(wrong(round))).messageKey).toBe("auth.invalidCredentials");
    }
    expect(waits).toEqual([2, 4, 8, 16]);

    // The delay stops growing at 15 minutes.
    await getDb().update(rateLimits).set({ count: 500 }).where(like(rateLimits.key, "signin:account-ip:grow@example.no|%"));
    const capped = await appErrorOf(wrong(200));
    expect(capped.fieldErrors._form).toEqual({ key: "auth.signInThrottled.minutes", values: { minutes: 15 } });
    await letTimePass(15 * 60);
    await signInWithPassword({ email: "grow@example.no", password: PASSWORD }, from);
  });

  it("slows guessing from many sources by at most a minute, and the right password resets the count", async () => {
    await registerAndVerify({ name: "D", email: "spread@example.no", password: PASSWORD }, meta);
    await guessFromManySources("spread@example.no", 26);
    const holder = { ...meta, ip: "198.51.100.50" };
    const slowed = await appErrorOf(signInWithPassword({ email: "spread@example.no", password: PASSWORD }, holder));
    expect(slowed.code).toBe("rate_limited");
    const wait = Number(slowed.fieldErrors._form!.values!.seconds);
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(60);
    await letTimePass(60);
    await signInWithPassword({ email: "spread@example.no", password: PASSWORD }, holder);
    const counters = await getDb().select().from(rateLimits).where(eq(rateLimits.key, "signin:account:spread@example.no"));
    expect(counters).toHaveLength(0);
  });

  it("treats an unknown address the same way, so the delays reveal nothing", async () => {
    const from = { ...meta, ip: "203.0.113.30" };
    for (let i = 0; i < 3; i++) await signInWithPassword({ email: "ghost@example.no", password: `guess ${i}` }, from).catch(() => {});
    expect((await appErrorOf(signInWithPassword({ email: "ghost@example.no", password: "guess 4" }, from))).fieldErrors._form).toEqual({
      key: "auth.signInThrottled.seconds",
      values: { seconds: 2 },
    });
  });

  it("lets a person whose password sign-in is slowed down sign in with a magic link", async () => {
    await registerAndVerify({ name: "M", email: "throttled@example.no", password: PASSWORD }, meta);
    await guessFromManySources("throttled@example.no", 26);
    await expect(signInWithPassword({ email: "throttled@example.no", password: PASSWORD }, meta)).rejects.toBeAppError("rate_limited");
    // An attacker asking for links for the address from one source does not use up the holder's.
    for (let i = 0; i < 6; i++) await requestMagicLink({ email: "throttled@example.no" }, { ...meta, ip: "203.0.113.40" }).catch(() => {});
    await requestMagicLink({ email: "throttled@example.no" }, meta);
    const signedIn = await signInWithMagicLink(await tokenFromMail("throttled@example.no", "/logg-inn/lenke"), meta);
    expect(signedIn.setCookie).toContain("samspill_session=");
  });
});

describe("magic link", () => {
  it("signs in once with the link from the e-mail, and not again", async () => {
    await registerAndVerify({ name: "M", email: "magic@example.no", password: "whatever pw 123" }, meta);
    await requestMagicLink({ email: "magic@example.no" }, meta);
    const token = await tokenFromMail("magic@example.no", "/logg-inn/lenke");
    const first = await signInWithMagicLink(token, meta);
    expect(first.setCookie).toContain("samspill_session=");
    await expect(signInWithMagicLink(token, meta)).rejects.toBeAppError("invalid_token");
  });

  it("answers the same for unknown addresses and sends nothing", async () => {
    const before = await getDb().select().from(outboundEmails);
    await requestMagicLink({ email: "unknown@example.no" }, meta);
    const after = await getDb().select().from(outboundEmails);
    expect(after.length).toBe(before.length);
  });

  it("proves an unverified address, and removes the password whoever registered it had set, with their sessions", async () => {
    // A squatter registers someone else's address and sets a password…
    await registerWithPassword({ name: "Squatter", email: "owner@example.no", password: "squatter password" }, { ...meta, ip: "203.0.113.66" });
    const user = (await getUserByEmail("owner@example.no"))!;
    await getDb()
      .insert(sessions)
      .values({ id: "legacy-session-of-the-squatter", userId: user.id, method: "password", expiresAt: new Date(Date.now() + 3_600_000) });
    // …the owner of the mailbox signs in by link.
    await requestMagicLink({ email: "owner@example.no" }, meta);
    await signInWithMagicLink(await tokenFromMail("owner@example.no", "/logg-inn/lenke"), meta);
    const after = (await getUserByEmail("owner@example.no"))!;
    expect(after.emailVerifiedAt).toBeInstanceOf(Date);
    expect(after.passwordHash).toBeNull();
    expect(await getDb().select().from(sessions).where(eq(sessions.id, "legacy-session-of-the-squatter"))).toHaveLength(0);
    await expect(signInWithPassword({ email: "owner@example.no", password: "squatter password" }, { ...meta, ip: "203.0.113.66" })).rejects.toMatchObject({
      messageKey: "auth.invalidCredentials",
    });
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.email_verified"), eq(auditLog.entityId, user.id)));
    expect(entry!.after).toMatchObject({ method: "magic_link", unprovenPasswordRemoved: true });
  });
});
