import { Link, redirect } from "react-router";
import { Alert, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/reset-password";
import { useT } from "~/i18n/use-t.ts";
import { FormActions, PostForm, SubmitButton, TextField, formFailure } from "~/components/form.tsx";
import { resetPasswordSchema } from "~/domain/auth/auth.schema.ts";
import { formAction, requestMeta } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { resetPassword } from "~/domain/auth/auth.server.ts";
import { PageTitle } from "./page-title.tsx";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

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
  const linkIsDead = failure.formError === "errors.invalidToken";
  return (
    <div className="page">
      <PageTitle messageKey="resetPassword.title" />
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
          <PostForm id="reset" actionData={actionData} schema={resetPasswordSchema} hidden={{ token: loaderData.token }}>
            <TextField name="password" type="password" label={t("resetPassword.password")} description={t("signUp.passwordHelp")} autoComplete="new-password" />
            <TextField name="passwordRepeat" type="password" label={t("resetPassword.passwordRepeat")} autoComplete="new-password" />
            <FormActions>
              <SubmitButton>{t("resetPassword.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </>
      )}
    </div>
  );
}
