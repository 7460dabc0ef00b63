/**
 * Runs the test mail sink (tests/support/mail-sink.ts) as its own process,
 * for the browser tests (Playwright starts it as a webServer):
 *
 *   node tests/support/mail-sink-server.ts
 *
 * MAIL_SINK_SMTP_PORT (default 3902) is where the app sends (SMTP_URL=
 * smtp://127.0.0.1:<port>); MAIL_SINK_HTTP_PORT (default 3903) answers
 * GET /messages with what arrived, newest first. Runs until SIGTERM/SIGINT.
 */
import { startMailSink } from "./mail-sink.ts";

const sink = await startMailSink({
  smtpPort: Number(process.env.MAIL_SINK_SMTP_PORT ?? 3902),
  httpPort: Number(process.env.MAIL_SINK_HTTP_PORT ?? 3903),
});
console.log(`Test mail sink: SMTP on ${sink.smtpPort}, messages at http://127.0.0.1:${sink.httpPort}/messages`);

let closing = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    sink.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
