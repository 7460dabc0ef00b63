import { Form, Link, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/forgot-password";
import { useT } from "~/i18n/use-t.ts";
import { CsrfField } from "~/components/csrf.tsx";
import { FormErrorSummary, TextField, formFailure } from "~/components/form.tsx";
import { formAction, requestMeta } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { requestPasswordReset } from "~/domain/auth/auth.server.ts";
import { pageTitle } from "./page-title.ts";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, "forgotPassword.title");
}

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
  const failure = formFailure(actionData);
  const busy = useNavigation().state === "submitting";
  const sent = actionData && "sent" in actionData;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("forgotPassword.title")}
      </Heading>
      <Paragraph>{t("forgotPassword.intro")}</Paragraph>
      {sent ? (
        <Alert data-color="success" role="status">
          {t("forgotPassword.sent")}
        </Alert>
      ) : null}
      <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <TextField
          name="email"
          type="email"
          label={t("forgotPassword.email")}
          autoComplete="email"
          required
          defaultValue={failure.values.email}
          error={failure.fieldErrors.email}
        />
        <div className="form-actions">
          <Button type="submit" disabled={busy}>
            {t("forgotPassword.submit")}
          </Button>
          <Link to="/logg-inn">{t("forgotPassword.backToSignIn")}</Link>
        </div>
      </Form>
    </div>
  );
}
