import { Form, Link, redirect, useNavigation } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/sign-up";
import { useT } from "~/i18n/use-t.ts";
import { CsrfField } from "~/components/csrf.tsx";
import { FormErrorSummary, TextField, formFailure } from "~/components/form.tsx";
import { formAction, getActor, requestMeta } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";
import { registerWithPassword } from "~/domain/auth/auth.server.ts";
import { pageTitle } from "./page-title.ts";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, "signUp.title");
}

/** Where to go after signing up: a safe `?neste` (e.g. an invitation), else the profile with a notice. */
function afterSignUp(next: unknown): string {
  return safeRedirectPath(next, "/min-side?melding=registrert");
}

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
    const { setCookie } = await registerWithPassword(values, requestMeta(request, context));
    throw redirect(afterSignUp(values.next), { headers: { "Set-Cookie": setCookie } });
  });
}

export default function SignUp({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = formFailure(actionData);
  const busy = useNavigation().state === "submitting";
  const signInLink = loaderData.next ? `/logg-inn?neste=${encodeURIComponent(loaderData.next)}` : "/logg-inn";
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("signUp.title")}
      </Heading>
      <Paragraph>{t("signUp.intro")}</Paragraph>
      <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        {loaderData.next ? <input type="hidden" name="next" value={loaderData.next} /> : null}
        <TextField
          name="name"
          label={t("signUp.name")}
          autoComplete="name"
          required
          maxLength={100}
          defaultValue={failure.values.name}
          error={failure.fieldErrors.name}
        />
        <TextField
          name="email"
          type="email"
          label={t("signUp.email")}
          autoComplete="email"
          required
          defaultValue={failure.values.email}
          error={failure.fieldErrors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t("signUp.password")}
          description={t("signUp.passwordHelp")}
          autoComplete="new-password"
          required
          error={failure.fieldErrors.password}
        />
        <div className="form-actions">
          <Button type="submit" disabled={busy}>
            {t("signUp.submit")}
          </Button>
        </div>
      </Form>
      <Paragraph>
        {t("signUp.haveAccount")} <Link to={signInLink}>{t("signUp.signIn")}</Link>
      </Paragraph>
    </div>
  );
}
