import { data, Form, Link, redirect, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/invitation";
import { CsrfField } from "~/components/csrf.tsx";
import { FormErrorSummary, formFailure } from "~/components/form.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { AppError } from "~/lib/errors.ts";
import { getActor, getLocale, guard, requireUser, type FormFailure } from "~/lib/route.server.ts";
import { intent, noFields, intentAction } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { resendVerification } from "~/domain/auth/auth.server.ts";
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
    emailVerified: actor.kind === "user" && actor.emailVerified,
    title: getTranslator(getLocale(context))("org.invitation.title", { organization: invitation.organizationName }),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const intents = {
    "resend-verification": intent(noFields, async () => {
      await resendVerification(actor, getLocale(context));
      return { ok: true as const, verificationSent: true as const };
    }),
    accept: intent(noFields, async () => {
      try {
        const { organizationId } = await acceptInvitation(actor, params.token);
        throw redirect(`/organisasjoner/${organizationId}?ble-med=1`);
      } catch (error) {
        // Someone else's invitation, or an address not yet verified: 403 with the reason on this page, like the form errors.
        if (error instanceof AppError && error.code === "forbidden") {
          return data<FormFailure>({ ok: false, formError: error.messageKey, fieldErrors: {}, values: { intent: "accept" } }, { status: 403 });
        }
        throw error;
      }
    }),
  };
  return intentAction(request, context, values, intents);
}

export default function Invitation({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const busy = useNavigation().state === "submitting";
  const { invitation, signedInEmail, emailVerified } = loaderData;
  const failure = formFailure(actionData);
  const verificationSent = actionData !== undefined && "verificationSent" in actionData;
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
          <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} />
          {mismatch ? (
            <Alert data-color="warning">{t("org.invitation.mismatch", { email: signedInEmail })}</Alert>
          ) : !emailVerified ? (
            <>
              <Alert data-color="warning">{t("org.invitation.unverified", { email: signedInEmail })}</Alert>
              {verificationSent ? (
                <Alert data-color="success" role="status">
                  {t("org.invitation.verificationSent", { email: signedInEmail })}
                </Alert>
              ) : null}
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="intent" value="resend-verification" />
                <Button type="submit" variant="secondary" disabled={busy}>
                  {t("org.invitation.resendVerification")}
                </Button>
              </Form>
            </>
          ) : (
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="intent" value="accept" />
              <Button type="submit" disabled={busy}>
                {t("org.invitation.accept")}
              </Button>
            </Form>
          )}
        </section>
      )}
    </div>
  );
}
