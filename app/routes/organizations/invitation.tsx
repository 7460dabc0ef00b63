import { Form, Link, redirect, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/invitation";
import { CsrfField } from "~/components/csrf.tsx";
import { FormErrorSummary, formFailure } from "~/components/form.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { formAction, getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { acceptInvitation, getInvitation } from "~/domain/organizations/invitations.server.ts";
import { DemoTag } from "./org-ui.tsx";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const invitation = await guard(request, () => getInvitation(params.token));
  const actor = getActor(context);
  return {
    invitation,
    signedInEmail: actor.kind === "user" ? actor.email : null,
    title: getTranslator(getLocale(context))("org.invitation.title", { organization: invitation.organizationName }),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  return formAction(request, {}, async () => {
    const { organizationId } = await acceptInvitation(actor, params.token);
    throw redirect(`/organisasjoner/${organizationId}?ble-med=1`);
  });
}

export default function Invitation({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const busy = useNavigation().state === "submitting";
  const { invitation, signedInEmail } = loaderData;
  const failure = formFailure(actionData);
  const next = encodeURIComponent(`/invitasjon/${params.token}`);
  const role = invitation.role;
  const mismatch = signedInEmail !== null && signedInEmail.toLowerCase() !== invitation.email.toLowerCase();
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("org.invitation.title", { organization: invitation.organizationName })} <DemoTag show={invitation.organizationIsDemo} />
      </Heading>
      <Paragraph>
        {invitation.inviterName
          ? t("org.invitation.text", { inviter: invitation.inviterName, role, organization: invitation.organizationName })
          : t("org.invitation.textNoInviter", { role, organization: invitation.organizationName })}
      </Paragraph>
      <Paragraph>{t("org.invitation.sentTo", { email: invitation.email })}</Paragraph>
      <Paragraph>{t("org.invitation.expires", { date: format.date(invitation.expiresAt) })}</Paragraph>

      {signedInEmail === null ? (
        <section aria-labelledby="invitation-signin-heading" className="stack">
          <Heading level={2} data-size="sm" id="invitation-signin-heading">
            {t("org.invitation.signInHeading")}
          </Heading>
          <Paragraph>{t("org.invitation.signInPrompt")}</Paragraph>
          <div className="form-actions">
            <Link to={`/logg-inn?neste=${next}`} className="ds-button" data-variant="primary">
              {t("org.invitation.signIn")}
            </Link>
            <Link to={`/registrer?neste=${next}`} className="ds-button" data-variant="secondary">
              {t("org.invitation.register")}
            </Link>
          </div>
        </section>
      ) : (
        <section aria-labelledby="invitation-accept-heading" className="stack">
          <Heading level={2} data-size="sm" id="invitation-accept-heading">
            {t("org.invitation.acceptHeading")}
          </Heading>
          {mismatch ? (
            <Alert data-color="warning">{t("org.invitation.mismatch", { email: signedInEmail })}</Alert>
          ) : null}
          <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} />
          <Form method="post">
            <CsrfField />
            <Button type="submit" disabled={busy}>
              {t("org.invitation.accept")}
            </Button>
          </Form>
        </section>
      )}
    </div>
  );
}
