import { expect } from "@playwright/test";
import { MAIL_SINK_HTTP_PORT } from "./paths.ts";

/**
 * The e-mails the app under test has sent, read from the test mail sink
 * (tests/support/mail-sink.ts). The app runs as in production: SMTP
 * configured, no dev outbox page, so the tests read mail the way a user
 * does, from their inbox.
 */
export interface SentMail {
  to: string[];
  subject: string;
  text: string;
}

/** Every e-mail sent so far, newest first. */
export async function sentMails(): Promise<SentMail[]> {
  const response = await fetch(`http://127.0.0.1:${MAIL_SINK_HTTP_PORT}/messages`);
  if (!response.ok) throw new Error(`mail sink answered ${response.status}`);
  return (await response.json()) as SentMail[];
}

/** E-mails to one address, newest first. */
export async function mailsTo(address: string): Promise<SentMail[]> {
  return (await sentMails()).filter((mail) => mail.to.includes(address.toLowerCase()));
}

/**
 * The newest link to `path` (`/logg-inn/lenke`, `/invitasjon`, …) in an
 * e-mail to `address`, as path and query. Polls briefly, since the e-mail is
 * sent as the form answers.
 */
export async function linkFromMail(address: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"'<>]+${path.replace(/[/]/g, "\\/")}(?:\\?token=|/)[A-Za-z0-9_-]+`);
  let found: string | undefined;
  await expect(async () => {
    found = (await mailsTo(address)).map((mail) => pattern.exec(mail.text)?.[0]).find(Boolean);
    expect(found, `an e-mail to ${address} with a ${path} link`).toBeDefined();
  }).toPass({ timeout: 10_000 });
  // The link carries the app's public URL; the test talks to the same server.
  const url = new URL(found!);
  return url.pathname + url.search;
}
