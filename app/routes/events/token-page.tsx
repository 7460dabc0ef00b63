import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { Link } from "react-router";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { useEventTime } from "./event-ui.tsx";

export interface TokenView {
  valid: boolean;
  registration: { eventId: string; title: string; startsAt: Date; name: string; status: string; eventStatus: string } | null;
}

/** The page behind a link in a registration e-mail: what the link is about and one button (a POST, so a mail scanner that follows links does nothing). */
export function TokenPage({
  view,
  actionData,
  heading,
  text,
  submit,
  intent,
}: {
  view: TokenView;
  actionData: unknown;
  heading: MessageKey;
  text: MessageKey;
  submit: MessageKey;
  intent: string;
}) {
  const t = useT();
  const time = useEventTime();
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t(heading)}
      </Heading>
      {view.registration ? (
        <>
          <Paragraph>{t(text, { name: view.registration.name, title: view.registration.title, when: time.dateTime(view.registration.startsAt) })}</Paragraph>
          <PostForm intent={intent} actionData={actionData}>
            <FormActions>
              <SubmitButton>{t(submit)}</SubmitButton>
            </FormActions>
          </PostForm>
          <Paragraph data-size="sm">
            <Link to={`/arrangementer/${view.registration.eventId}`}>{view.registration.title}</Link>
          </Paragraph>
        </>
      ) : (
        <Paragraph>{t("events.token.invalid")}</Paragraph>
      )}
    </div>
  );
}
