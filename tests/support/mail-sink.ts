/**
 * A minimal SMTP server that keeps what it receives, for the browser tests:
 * the app under test runs as in production (NODE_ENV=production, SMTP_URL
 * set, so no dev outbox page), and the tests read the e-mails it sent, sign-
 * in links included, from the sink's HTTP side (GET /messages, newest
 * first). Speaks just enough SMTP for nodemailer without TLS or auth, and
 * decodes the quoted-printable or base64 text parts and encoded-word
 * subjects nodemailer writes.
 */
import { createServer as createHttpServer } from "node:http";
import { createServer as createTcpServer, type Socket } from "node:net";

export interface SinkMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface MailSink {
  smtpPort: number;
  httpPort: number;
  messages: SinkMessage[];
  close(): Promise<void>;
}

export async function startMailSink(options: { smtpPort: number; httpPort: number; host?: string }): Promise<MailSink> {
  const host = options.host ?? "127.0.0.1";
  const messages: SinkMessage[] = [];
  const sockets = new Set<Socket>();

  const smtp = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    // Bytes as latin1 so the body's 8-bit bytes survive until it is decoded as UTF-8.
    let buffer = "";
    let inData = false;
    let from = "";
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 samspill-mail-sink ESMTP");
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          const atStart = buffer.startsWith(".\r\n");
          if (end < 0 && !atStart) return;
          const raw = atStart ? "" : buffer.slice(0, end);
          buffer = buffer.slice(atStart ? 3 : end + 5);
          inData = false;
          messages.unshift({ ...parseMessage(raw.replace(/^\.\./gm, ".")), from, to, receivedAt: new Date().toISOString() });
          reply("250 OK: kept");
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") reply("250-samspill-mail-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
        else if (verb === "HELO") reply("250 samspill-mail-sink");
        else if (verb === "MAIL") {
          from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          to = [];
          reply("250 OK");
        } else if (verb === "RCPT") {
          to.push((/<([^>]*)>/.exec(line)?.[1] ?? "").toLowerCase());
          reply("250 OK");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (verb === "RSET" || verb === "NOOP") reply("250 OK");
        else if (verb === "QUIT") {
          reply("221 Bye");
          socket.end();
          return;
        } else reply("502 Command not implemented");
      }
    });
  });

  const http = createHttpServer((req, res) => {
    if (req.method === "GET" && req.url === "/messages") {
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(messages));
    } else {
      res.writeHead(404).end();
    }
  });

  await Promise.all([
    new Promise<void>((resolve, reject) => smtp.once("error", reject).listen(options.smtpPort, host, resolve)),
    new Promise<void>((resolve, reject) => http.once("error", reject).listen(options.httpPort, host, resolve)),
  ]);
  // The ports bound (0 in options picks free ones).
  const portOf = (server: { address(): unknown }) => (server.address() as { port: number }).port;
  return {
    smtpPort: portOf(smtp),
    httpPort: portOf(http),
    messages,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([new Promise((r) => smtp.close(r)), new Promise((r) => http.close(r))]);
    },
  };
}

/** Headers (unfolded) and the decoded text of a single-part message. */
export function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? "" : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const bytes =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(body)
      : encoding === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64")
        : Buffer.from(body, "latin1");
  return {
    subject: decodeEncodedWords(Buffer.from(headers.get("subject") ?? "", "latin1").toString("utf8")),
    text: bytes.toString("utf8").replace(/\r\n/g, "\n"),
  };
}

function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047: `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=`, with the space between adjacent words dropped. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")).toString("utf8"),
    );
}
