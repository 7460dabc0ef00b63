import { afterEach, describe, expect, it, vi } from "vitest";
import { setEnvForTests } from "~/env.server.ts";
import { getLogger } from "~/logger.server.ts";
import { AppError } from "~/lib/errors.ts";
import { randomToken } from "~/lib/crypto.server.ts";
import { testEnv } from "../../../tests/setup/test-env.ts";
import { listDevOutbox, redactMailLinks, sendMail } from "./mail.server.ts";

/**
 * Without SMTP, e-mails are recorded, not sent. Outside production the dev
 * outbox shows them (sign-in links included); in production nobody may read
 * another person's link: no outbox page, and no token in the log.
 */

afterEach(() => {
  setEnvForTests(testEnv());
  vi.restoreAllMocks();
});

function loggedMails() {
  const info = vi.spyOn(getLogger(), "info");
  return () => info.mock.calls.map(([entry]) => (entry as { mail?: { text: string } }).mail?.text).filter((t): t is string => typeof t === "string");
}

function mailWithLinks() {
  const token = randomToken();
  const invitation = randomToken();
  const text = [
    "Hei!",
    `Logg inn: http://localhost:3000/logg-inn/lenke?token=${token}`,
    `Nytt passord: http://localhost:3000/nytt-passord?token=${token}&neste=%2Fmin-side.`,
    `Invitasjon: http://localhost:3000/invitasjon/${invitation}`,
    "Organisasjonen: http://localhost:3000/organisasjoner/00000000-0000-4000-8000-000000000101",
  ].join("\n");
  return { text, secrets: [token, invitation] };
}

describe("e-mail without SMTP in production", () => {
  it("has no dev outbox", async () => {
    setEnvForTests(testEnv({ NODE_ENV: "production" }));
    await sendMail({ to: "someone@example.no", subject: "Logg inn", text: mailWithLinks().text });
    await expect(listDevOutbox()).rejects.toBeAppError("not_found");
  });

  it("logs only which stored e-mail was not sent: neither its address nor its text (tokens, names) reach the log", async () => {
    setEnvForTests(testEnv({ NODE_ENV: "production" }));
    const info = vi.spyOn(getLogger(), "info");
    const { text, secrets } = mailWithLinks();
    await sendMail({ to: "someone@example.no", subject: "Logg inn", text });
    const logged = JSON.stringify(info.mock.calls);
    expect(logged).toContain("outbound_emails");
    expect(logged).toMatch(/"id":"[0-9a-f-]{36}"/);
    for (const secret of [...secrets, "someone@example.no", "Hei!"]) expect(logged).not.toContain(secret);
  });
});

describe("e-mail without SMTP outside production", () => {
  it("shows the e-mail in the dev outbox and the log, links included", async () => {
    setEnvForTests(testEnv({ NODE_ENV: "development" }));
    const logged = loggedMails();
    const { text } = mailWithLinks();
    await sendMail({ to: "dev@example.no", subject: "Logg inn", text });
    expect((await listDevOutbox()).map((m) => m.text)).toContain(text);
    expect(logged()).toContain(text);
  });

  it("has no dev outbox once SMTP is configured", async () => {
    setEnvForTests(testEnv({ NODE_ENV: "development", SMTP_URL: "smtp://127.0.0.1:9" }));
    await expect(listDevOutbox()).rejects.toBeInstanceOf(AppError);
  });
});

describe("redactMailLinks", () => {
  it.each([
    ["?token=abc", "?token=[redacted]"],
    ["&TOKEN=abc&x=1", "&TOKEN=[redacted]&x=1"],
    ["a sentence with no link", "a sentence with no link"],
    [`/invitasjon/${"A".repeat(43)}`, "/invitasjon/[redacted]"],
  ])("%s → %s", (text, expected) => {
    expect(redactMailLinks(text)).toBe(expected);
  });
});
