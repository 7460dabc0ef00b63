import { Form, Link, redirect, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/reset-password";
import { useT } from "~/i18n/use-t.ts";
import { CsrfField } from "~/components/csrf.tsx";
import { FormErrorSummary, TextField, formFailure } from "~/components/form.tsx";
import { formAction, requestMeta } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { resetPassword } from "~/domain/auth/auth.server.ts";
import { pageTitle } from "./page-title.ts";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, "resetPassword.title");
}

/**
 * GET only shows the form: the token is checked when the form is sent, so a
 * mail scanner that opens the link neither uses nor probes it.
 */
export function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token: token.length <= 200 ? token : "" };
}

export async function action({ request, context }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    const { setCookie } = await resetPassword(values, requestMeta(request, context));
    throw redirect("/min-side?melding=nytt-passord", { headers: { "Set-Cookie": setCookie } });
  });
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = formFailure(actionData);
  const busy = useNavigation().state === "submitting";
  const linkIsDead = failure.formError === "errors.invalidToken";
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("resetPassword.title")}
      </Heading>
      {linkIsDead ? (
        <Alert data-color="danger" role="alert">
          <Heading level={2} data-size="xs">
            {t("resetPassword.invalidTitle")}
          </Heading>
          <Paragraph>{t("resetPassword.invalidText")}</Paragraph>
          <Paragraph>
            <Link to="/glemt-passord">{t("resetPassword.askAgain")}</Link>
          </Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t("resetPassword.intro")}</Paragraph>
          <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} />
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <input type="hidden" name="token" value={loaderData.token} />
            <TextField
              name="password"
              type="password"
              label={t("resetPassword.password")}
              description={t("signUp.passwordHelp")}
              autoComplete="new-password"
              required
              error={failure.fieldErrors.password}
            />
            <TextField
              name="passwordRepeat"
              type="password"
              label={t("resetPassword.passwordRepeat")}
              autoComplete="new-password"
              required
              error={failure.fieldErrors.passwordRepeat}
            />
            <div className="form-actions">
              <Button type="submit" disabled={busy}>
                {t("resetPassword.submit")}
              </Button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
