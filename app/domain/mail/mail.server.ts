import { desc, eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "~/db/client.server.ts";
import { outboundEmails } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { getLogger } from "~/logger.server.ts";
import { AppError } from "~/lib/errors.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

let transporter: Transporter | undefined;

/**
 * Sends an e-mail over SMTP, or, without SMTP settings, records it without
 * sending (the outbound_emails table and the log) so Samspill works offline.
 * Outside production the dev outbox page (/dev/utboks) shows them. In
 * production it does not exist and the log names only the stored row:
 * whoever reads a log must neither sign in as the addressee nor read
 * personal data.
 * Every message is recorded either way.
 */
export async function sendMail(message: MailMessage, options: { deliverInBackground?: boolean } = {}): Promise<void> {
  const env = getEnv();
  const db = getDb();
  if (env.usesDevOutbox) {
    const [row] = await db
      .insert(outboundEmails)
      .values({ ...message, transport: "dev_outbox", sentAt: new Date() })
      .returning({ id: outboundEmails.id });
    // On a developer's machine the log shows the whole e-mail, links included (the log's formatter still hides
    // addresses). In production an e-mail's text is personal data (names, a volunteer's message): the log names only
    // the outbound_emails row, where an operator with database access can read it.
    if (env.devOutboxVisible) getLogger().info({ mail: { to: message.to, subject: message.subject, text: message.text } }, "e-mail not sent (no SMTP_URL)");
    else getLogger().info({ mail: { id: row!.id, subject: redactMailLinks(message.subject) } }, "e-mail not sent (no SMTP_URL); stored in outbound_emails");
    return;
  }
  transporter ??= nodemailer.createTransport(env.SMTP_URL);
  const [row] = await db
    .insert(outboundEmails)
    .values({ ...message, transport: "smtp" })
    .returning({ id: outboundEmails.id });
  const deliver = async () => {
    try {
      await transporter!.sendMail({ from: env.MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
      await db.update(outboundEmails).set({ sentAt: new Date() }).where(eq(outboundEmails.id, row!.id));
    } catch (error) {
      getLogger().error({ err: error, mailId: row!.id }, "SMTP send failed");
      await db
        .update(outboundEmails)
        .set({ error: String(error) })
        .where(eq(outboundEmails.id, row!.id));
    }
  };
  // Recorded either way; the SMTP round trip is left out of the answer when its time would tell something (a sign-in
  // link goes only to addresses with an account, so a slower answer would reveal that the account exists).
  if (options.deliverInBackground) void deliver().catch((error: unknown) => getLogger().error({ err: error, mailId: row!.id }, "SMTP send failed"));
  else await deliver();
}

/**
 * Removes what makes a link in an e-mail work: `token=` query values and
 * anything that looks like a random token (randomToken: 43 URL-safe
 * characters; ids, at 36 with hyphens, stay readable).
 */
export function redactMailLinks(text: string): string {
  return text.replace(/([?&](?:token|code)=)[^&#\s]+/gi, "$1[redacted]").replace(/[A-Za-z0-9_-]{40,}/g, "[redacted]");
}

/**
 * The dev outbox, newest first: everyone's e-mails, sign-in links included.
 * Only exists without SMTP and outside production (env.devOutboxVisible).
 */
export async function listDevOutbox(limit = 50) {
  if (!getEnv().devOutboxVisible) throw new AppError("not_found", "errors.notFound");
  return getDb().select().from(outboundEmails).orderBy(desc(outboundEmails.createdAt)).limit(limit);
}
