import { Link, redirect } from "react-router";
import { Alert, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/sign-up";
import { useT } from "~/i18n/use-t.ts";
import { FormActions, PostForm, SubmitButton, TextField } from "~/components/form.tsx";
import { signUpSchema } from "~/domain/auth/auth.schema.ts";
import { formAction, getActor, requestMeta } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";
import { registerWithPassword } from "~/domain/auth/auth.server.ts";
import { PageTitle } from "./page-title.tsx";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export function loader({ request, context }: Route.LoaderArgs) {
  const next = new URL(request.url).searchParams.get("neste");
  if (getActor(context).kind === "user") throw redirect(safeRedirectPath(next, "/min-side"));
  return { next: safeRedirectPath(next, "") };
}

export async function action({ request, context }: Route.ActionArgs) {
  // A signed-in user posting here (e.g. from a stale tab) keeps their account.
  if (getActor(context).kind === "user") throw redirect("/min-side");
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    // The same answer whether or not the address has an account; the e-mail tells the two apart.
    const { email } = await registerWithPassword(values, requestMeta(request, context), { next: values.next });
    return { ok: true as const, sent: true as const, email };
  });
}

export default function SignUp({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const signInLink = loaderData.next ? `/logg-inn?neste=${encodeURIComponent(loaderData.next)}` : "/logg-inn";
  if (actionData && "sent" in actionData) {
    return (
      <div className="page">
        <PageTitle messageKey="signUp.title" />
        <Heading level={1} data-size="lg">
          {t("signUp.title")}
        </Heading>
        <Alert data-color="success" role="status">
          <Heading level={2} data-size="xs">
            {t("signUp.sentTitle")}
          </Heading>
          <Paragraph>{t("signUp.sent", { email: actionData.email })}</Paragraph>
        </Alert>
        <Paragraph>
          {t("signUp.haveAccount")} <Link to={signInLink}>{t("signUp.signIn")}</Link>
        </Paragraph>
      </div>
    );
  }
  return (
    <div className="page">
      <PageTitle messageKey="signUp.title" />
      <Heading level={1} data-size="lg">
        {t("signUp.title")}
      </Heading>
      <Paragraph>{t("signUp.intro")}</Paragraph>
      <PostForm id="sign-up" actionData={actionData} schema={signUpSchema} hidden={loaderData.next ? { next: loaderData.next } : undefined}>
        <TextField name="name" label={t("signUp.name")} autoComplete="name" />
        <TextField name="email" type="email" label={t("signUp.email")} autoComplete="email" />
        <TextField name="password" type="password" label={t("signUp.password")} description={t("signUp.passwordHelp")} autoComplete="new-password" />
        <FormActions>
          <SubmitButton>{t("signUp.submit")}</SubmitButton>
        </FormActions>
      </PostForm>
      <Paragraph>
        {t("signUp.haveAccount")} <Link to={signInLink}>{t("signUp.signIn")}</Link>
      </Paragraph>
    </div>
  );
}
