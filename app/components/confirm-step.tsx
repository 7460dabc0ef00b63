import { Link } from "react-router";
import { Alert, Heading, Paragraph } from "@digdir/designsystemet-react";
import { CheckboxField, FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { useT } from "~/i18n/use-t.ts";

/**
 * The confirm step of a destructive action: a POST form whose box must be
 * ticked (the domain refuses it unticked, with a message on the box). Plain
 * HTML, so it works without JavaScript; a page reaches it through a link
 * (e.g. `?fjern=<id>`) and `action` posts back to that URL, so a missing tick
 * shows this step again with its message.
 */
export function ConfirmStep({
  id,
  heading,
  text,
  intent,
  hidden,
  action,
  confirmLabel,
  submitLabel,
  cancelTo,
  actionData,
  framed = true,
  summary = true,
}: {
  /** Id of the heading (`<id>-heading`) and prefix of the form's fields. */
  id: string;
  heading: string;
  text: string;
  intent: string;
  hidden?: Record<string, string>;
  action?: string;
  confirmLabel: string;
  submitLabel: string;
  cancelTo?: string;
  actionData: unknown;
  /** true: a warning box (a step the user asked for); false: a section of the page. */
  framed?: boolean;
  /** false: the message on the box is the only one (a step that is a section of its page). */
  summary?: boolean;
}) {
  const t = useT();
  const body = (
    <>
      <Heading level={2} data-size={framed ? "xs" : "sm"} id={`${id}-heading`}>
        {heading}
      </Heading>
      <Paragraph>{text}</Paragraph>
      <PostForm id={id} intent={intent} actionData={actionData} summary={summary} hidden={hidden} action={action} noValidate={false}>
        <CheckboxField name="confirm" label={confirmLabel} />
        <FormActions>
          <SubmitButton data-color="danger" variant={framed ? undefined : "secondary"}>
            {submitLabel}
          </SubmitButton>
          {cancelTo ? <Link to={cancelTo}>{t("common.cancel")}</Link> : null}
        </FormActions>
      </PostForm>
    </>
  );
  return (
    <section aria-labelledby={`${id}-heading`} className="stack">
      {framed ? <Alert data-color="warning">{body}</Alert> : body}
    </section>
  );
}
