import { Form, Link, redirect, useNavigation } from "react-router";
import { Button, Heading, Paragraph, Alert } from "@digdir/designsystemet-react";
import type { Route } from "./+types/sign-in";
import { useT } from "~/i18n/use-t.ts";
import { CsrfField } from "~/components/csrf.tsx";
import { FormErrorSummary, TextField, formFailure, type FormFailure } from "~/components/form.tsx";
import { getActor, requestMeta } from "~/lib/route.server.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";
import { requestMagicLink, signInWithPassword } from "~/domain/auth/auth.server.ts";
import { destroySession } from "~/domain/auth/session.server.ts";
import { getEnv } from "~/env.server.ts";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export function meta() {
  return [{ title: "Logg inn – Samspill" }];
}

export function loader({ request, context }: Route.LoaderArgs) {
  const next = safeRedirectPath(new URL(request.url).searchParams.get("neste"));
  if (getActor(context).kind === "user") throw redirect(next);
  return {
    next,
    providers: getEnv().oidcProviders.map((p) => ({ id: p.id, label: p.label })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  const meta = requestMeta(request, context);
  // The domain calls validate the fields themselves (signInSchema, emailOnlySchema).
  const intents = {
    password: intent(formFields, async (input) => {
      const { setCookie } = await signInWithPassword(input, meta);
      // Whatever session the browser brought (planted by someone else, or an earlier one) ends: only the new one counts.
      await destroySession(request);
      throw redirect(safeRedirectPath(input.next), { headers: { "Set-Cookie": setCookie } });
    }),
    "magic-link": intent(formFields, async (input) => {
      await requestMagicLink(input, meta);
      return { ok: true as const, magicLinkSent: true };
    }),
  };
  return intentAction(request, context, values, intents);
}

/** The address field of both forms; only the form that failed shows what was typed and what was wrong. */
function EmailField({ failure }: { failure: FormFailure | null }) {
  const t = useT();
  return (
    <TextField
      name="email"
      type="email"
      label={t("signIn.email")}
      autoComplete="email"
      required
      defaultValue={failure?.values.email}
      error={failure?.fieldErrors.email}
    />
  );
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = formFailure(actionData);
  const intent = failure.values.intent;
  const busy = useNavigation().state === "submitting";
  const sent = actionData && "magicLinkSent" in actionData;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("signIn.title")}
      </Heading>

      {loaderData.providers.length > 0 ? (
        <section aria-labelledby="oidc-heading" className="stack">
          <Heading level={2} data-size="sm" id="oidc-heading">
            {t("signIn.oidcTitle")}
          </Heading>
          <ul className="form-actions" style={{ listStyle: "none", padding: 0 }}>
            {loaderData.providers.map((p) => (
              <li key={p.id}>
                <a className="ds-button" data-variant="secondary" href={`/auth/oidc/${p.id}?neste=${encodeURIComponent(loaderData.next)}`}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="password-heading" className="stack">
        <Heading level={2} data-size="sm" id="password-heading">
          {t("signIn.passwordTitle")}
        </Heading>
        {intent !== "magic-link" ? <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} /> : null}
        <Form method="post" className="form" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="password" />
          <input type="hidden" name="next" value={loaderData.next} />
          <EmailField failure={intent !== "magic-link" ? failure : null} />
          <TextField
            name="password"
            type="password"
            label={t("signIn.password")}
            autoComplete="current-password"
            required
            error={intent !== "magic-link" ? failure.fieldErrors.password : undefined}
          />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              {t("signIn.submit")}
            </Button>
            <Link to="/glemt-passord">{t("signIn.forgot")}</Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="magic-heading" className="stack">
        <Heading level={2} data-size="sm" id="magic-heading">
          {t("signIn.magicTitle")}
        </Heading>
        <Paragraph>{t("signIn.magicText")}</Paragraph>
        {sent ? (
          <Alert data-color="success" role="status">
            {t("signIn.magicSent")}
          </Alert>
        ) : null}
        {intent === "magic-link" ? <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} /> : null}
        <Form method="post" className="form" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="magic-link" />
          <EmailField failure={intent === "magic-link" ? failure : null} />
          <div className="form-actions">
            <Button type="submit" variant="secondary" disabled={busy}>
              {t("signIn.magicSubmit")}
            </Button>
          </div>
        </Form>
      </section>

      <Paragraph>
        {t("signIn.noAccount")} <Link to="/registrer">{t("signIn.register")}</Link>
      </Paragraph>
    </div>
  );
}
