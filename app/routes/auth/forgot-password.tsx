import { Link } from "react-router";
import { Alert, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/forgot-password";
import { useT } from "~/i18n/use-t.ts";
import { FormActions, PostForm, SubmitButton, TextField } from "~/components/form.tsx";
import { emailOnlySchema } from "~/domain/auth/auth.schema.ts";
import { formAction, requestMeta } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { requestPasswordReset } from "~/domain/auth/auth.server.ts";
import { PageTitle } from "./page-title.tsx";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export async function action({ request, context }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    await requestPasswordReset(values, requestMeta(request, context));
    // The same answer whether or not the address has an account.
    return { ok: true as const, sent: true };
  });
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const t = useT();
  const sent = actionData && "sent" in actionData;
  return (
    <div className="page">
      <PageTitle messageKey="forgotPassword.title" />
      <Heading level={1} data-size="lg">
        {t("forgotPassword.title")}
      </Heading>
      <Paragraph>{t("forgotPassword.intro")}</Paragraph>
      {sent ? (
        <Alert data-color="success" role="status">
          {t("forgotPassword.sent")}
        </Alert>
      ) : null}
      <PostForm id="forgot" actionData={actionData} schema={emailOnlySchema}>
        <TextField name="email" type="email" label={t("forgotPassword.email")} autoComplete="email" />
        <FormActions>
          <SubmitButton>{t("forgotPassword.submit")}</SubmitButton>
          <Link to="/logg-inn">{t("forgotPassword.backToSignIn")}</Link>
        </FormActions>
      </PostForm>
    </div>
  );
}
