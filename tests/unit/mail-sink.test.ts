import { afterAll, beforeAll, expect, it } from "vitest";
import nodemailer from "nodemailer";
import { startMailSink, type MailSink } from "../support/mail-sink.ts";

/** The browser tests read sign-in links from this sink: what nodemailer sends must come out exactly as written. */
let sink: MailSink;

beforeAll(async () => {
  sink = await startMailSink({ smtpPort: 0, httpPort: 0 });
});
afterAll(async () => {
  await sink.close();
});

it("keeps what nodemailer sends, decoded, newest first over HTTP", async () => {
  const transport = nodemailer.createTransport(`smtp://127.0.0.1:${sink.smtpPort}`);
  const token = "Abc_-".repeat(9);
  const text = `Hei Åse Ærlig!\n\nLogg inn: http://127.0.0.1:3210/logg-inn/lenke?token=${token}\n\n.Linje som starter med punktum\n${"lang linje ".repeat(20)}\n— Samspill`;
  await transport.sendMail({ from: "Samspill <ikke-svar@samspill.localhost>", to: "Ny.Bruker@example.no", subject: "Logg inn på Samspill – lenken din", text });
  await transport.sendMail({ from: "ikke-svar@samspill.localhost", to: "andre@example.no", subject: "Plain", text: "ascii only" });
  const messages = (await (await fetch(`http://127.0.0.1:${sink.httpPort}/messages`)).json()) as { to: string[]; subject: string; text: string }[];
  expect(messages).toHaveLength(2);
  expect(messages[0]).toMatchObject({ to: ["andre@example.no"], subject: "Plain", text: "ascii only" });
  expect(messages[1]).toMatchObject({ to: ["ny.bruker@example.no"], subject: "Logg inn på Samspill – lenken din", text });
  transport.close();
});
