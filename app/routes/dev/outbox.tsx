import { Fragment } from "react";
import { Alert, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/outbox";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getLocale, guard } from "~/lib/route.server.ts";
import { listDevOutbox } from "~/domain/mail/mail.server.ts";

/** Plain HTML: browser tests read sign-in links from this page without running scripts. */
export const handle = { hydrate: false };

const OUTBOX_SIZE = 50;

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Utboks"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  // listDevOutbox answers 404 when SMTP is configured: then this page does not exist.
  const emails = await guard(request, () => listDevOutbox(OUTBOX_SIZE));
  return {
    title: getTranslator(getLocale(context))("devOutbox.title"),
    emails: emails.map((e) => ({ id: e.id, to: e.to, subject: e.subject, text: e.text, createdAt: e.createdAt })),
  };
}

/**
 * The e-mail text with every http(s) address turned into a link, so a magic
 * link is one click away. Punctuation that ends a sentence is not part of it.
 */
function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)])/g);
  return (
    <>
      {parts.map((part, index) =>
        // split() with a capture group puts the matched addresses at the odd indexes.
        index % 2 === 1 ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function DevOutbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { emails } = loaderData;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("devOutbox.title")}
      </Heading>
      <Alert data-color="warning">{t("devOutbox.notice")}</Alert>
      <Paragraph>{t("devOutbox.count", { count: emails.length })}</Paragraph>
      {emails.length > 0 ? (
        <ol aria-label={t("devOutbox.listLabel")} style={{ listStyle: "none", padding: 0 }} className="stack">
          {emails.map((email) => (
            <li key={email.id}>
              <article
                aria-labelledby={`mail-${email.id}`}
                className="stack"
                style={{ borderTop: "1px solid var(--ds-color-neutral-border-subtle)", paddingTop: "1rem" }}
              >
                <Heading level={2} data-size="xs" id={`mail-${email.id}`}>
                  {email.subject}
                </Heading>
                <Paragraph data-size="sm" data-testid="outbox-to">
                  {t("devOutbox.to", { to: email.to })}
                </Paragraph>
                <Paragraph data-size="sm" className="muted">
                  {t("devOutbox.time", { time: format.dateTime(email.createdAt) })}
                </Paragraph>
                <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0 }}>
                  <LinkifiedText text={email.text} />
                </pre>
              </article>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
