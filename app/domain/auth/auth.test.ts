import { describe, expect, it } from "vitest";
import { desc } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { outboundEmails } from "~/db/schema/index.ts";
import { registerWithPassword, requestMagicLink, signInWithMagicLink, signInWithPassword } from "./auth.server.ts";
import { AppError } from "~/lib/errors.ts";

const meta = { ip: "10.0.0.1", userAgent: "vitest", locale: "nb" as const };

async function lastMailLinkToken(): Promise<string> {
  const [mail] = await getDb().select().from(outboundEmails).orderBy(desc(outboundEmails.createdAt)).limit(1);
  const match = mail?.text.match(/token=([A-Za-z0-9_-]+)/);
  if (!match) throw new Error("no link in the last e-mail");
  return match[1]!;
}

describe("password sign-in", () => {
  it("registers, then signs in with the same password, and rejects a wrong one with one message", async () => {
    await registerWithPassword({ name: "Nora", email: "Nora@Example.no ", password: "correct horse battery" }, meta);
    const ok = await signInWithPassword({ email: "nora@example.no", password: "correct horse battery" }, meta);
    expect(ok.setCookie).toContain("samspill_session=");
    await expect(signInWithPassword({ email: "nora@example.no", password: "wrong password!" }, meta)).rejects.toMatchObject({ messageKey: "auth.invalidCredentials" });
    await expect(signInWithPassword({ email: "nobody@example.no", password: "wrong password!" }, meta)).rejects.toMatchObject({ messageKey: "auth.invalidCredentials" });
  });

  it("refuses a second account with the same e-mail", async () => {
    await registerWithPassword({ name: "A", email: "dup@example.no", password: "long enough pw" }, meta);
    await expect(registerWithPassword({ name: "B", email: "DUP@example.no", password: "long enough pw" }, meta)).rejects.toMatchObject({ code: "conflict" });
  });

  it("locks an account after repeated failures, even with the right password", async () => {
    await registerWithPassword({ name: "L", email: "lock@example.no", password: "right password 1" }, meta);
    for (let i = 0; i < 10; i++) {
      await signInWithPassword({ email: "lock@example.no", password: "nope nope nope" }, { ...meta, ip: `10.1.0.${i}` }).catch(() => {});
    }
    await expect(signInWithPassword({ email: "lock@example.no", password: "right password 1" }, meta)).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("gives field errors for bad input and writes nothing", async () => {
    const error = await registerWithPassword({ name: "", email: "not-an-email", password: "short" }, meta).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.fieldErrors).toMatchObject({ name: { key: "validation.required" }, email: { key: "validation.email" }, password: { key: "validation.passwordTooShort" } });
  });
});

describe("magic link", () => {
  it("signs in once with the link from the e-mail, and not again", async () => {
    await registerWithPassword({ name: "M", email: "magic@example.no", password: "whatever pw 123" }, meta);
    await requestMagicLink({ email: "magic@example.no" }, meta);
    const token = await lastMailLinkToken();
    const first = await signInWithMagicLink(token, meta);
    expect(first.setCookie).toContain("samspill_session=");
    await expect(signInWithMagicLink(token, meta)).rejects.toMatchObject({ code: "invalid_token" });
  });

  it("answers the same for unknown addresses and sends nothing", async () => {
    const before = await getDb().select().from(outboundEmails);
    await requestMagicLink({ email: "unknown@example.no" }, meta);
    const after = await getDb().select().from(outboundEmails);
    expect(after.length).toBe(before.length);
  });
});
