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
 * Sends an e-mail over SMTP, or, without SMTP settings, puts it in the dev
 * outbox (the outbound_emails table, /dev/utboks and the log) so Samspill
 * works offline. Every message is recorded either way.
 */
export async function sendMail(message: MailMessage): Promise<void> {
  const env = getEnv();
  const db = getDb();
  if (env.usesDevOutbox) {
    await db.insert(outboundEmails).values({ ...message, transport: "dev_outbox", sentAt: new Date() });
    getLogger().info({ mail: { to: message.to, subject: message.subject, text: message.text } }, "dev outbox: e-mail not sent (no SMTP_URL)");
    return;
  }
  transporter ??= nodemailer.createTransport(env.SMTP_URL);
  const [row] = await db.insert(outboundEmails).values({ ...message, transport: "smtp" }).returning({ id: outboundEmails.id });
  try {
    await transporter.sendMail({ from: env.MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
    await db.update(outboundEmails).set({ sentAt: new Date() }).where(eq(outboundEmails.id, row!.id));
  } catch (error) {
    getLogger().error({ err: error, to: message.to }, "SMTP send failed");
    await db.update(outboundEmails).set({ error: String(error) }).where(eq(outboundEmails.id, row!.id));
  }
}


/** The dev outbox, newest first. Only exists when no SMTP server is configured. */
export async function listDevOutbox(limit = 50) {
  if (!getEnv().usesDevOutbox) throw new AppError("not_found", "errors.notFound");
  return getDb().select().from(outboundEmails).orderBy(desc(outboundEmails.createdAt)).limit(limit);
}
