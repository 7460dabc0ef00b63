import { Form, Link, useNavigation } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { CsrfField } from "~/components/csrf.tsx";
import { Notice } from "~/components/notice.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { useT } from "~/i18n/use-t.ts";

/**
 * The page an e-mail link opens (magic link, address confirmation): one
 * button that uses the token, or, once the token turned out used or
 * expired, what to do instead. Not a route (app/routes.ts lists routes).
 */
export function TokenLinkPage({
  token,
  next,
  actionData,
  text,
  back,
}: {
  token: string;
  next: string;
  actionData: unknown;
  text: { title: MessageKey; intro: MessageKey; submit: MessageKey; invalidTitle: MessageKey; invalidText: MessageKey };
  /** Where to go when the link no longer works. */
  back: { to: string; label: MessageKey };
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const failed = typeof actionData === "object" && actionData !== null && "ok" in actionData && actionData.ok === false;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t(text.title)}
      </Heading>
      {failed ? (
        <Notice tone="danger" heading={t(text.invalidTitle)}>
          <Paragraph>{t(text.invalidText)}</Paragraph>
          <Paragraph>
            <Link to={back.to}>{t(back.label)}</Link>
          </Paragraph>
        </Notice>
      ) : (
        <>
          <Paragraph>{t(text.intro)}</Paragraph>
          <Form method="post" className="form">
            <CsrfField />
            <input type="hidden" name="token" value={token} />
            {next ? <input type="hidden" name="next" value={next} /> : null}
            <div className="form-actions">
              <Button type="submit" disabled={busy}>
                {t(text.submit)}
              </Button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
