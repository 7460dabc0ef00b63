import { Form, Link, redirect, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/verify-email";
import { useT } from "~/i18n/use-t.ts";
import { CsrfField } from "~/components/csrf.tsx";
import { formAction, requestMeta } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";
import { verifyEmail } from "~/domain/auth/auth.server.ts";
import { pageTitle } from "./page-title.ts";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, "verifyEmail.title");
}

/** GET only shows a button, so mail scanners that open the link do not use it up. */
export function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  return { token: token.length <= 200 ? token : "", next: safeRedirectPath(url.searchParams.get("neste"), "") };
}

/** Confirming signs in (the link proves the mailbox), then goes on to `next` (e.g. the invitation that led to signing up). */
export async function action({ request, context }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    const { setCookie } = await verifyEmail(values.token, requestMeta(request, context));
    throw redirect(safeRedirectPath(values.next, "/min-side?melding=registrert"), { headers: { "Set-Cookie": setCookie } });
  });
}

export default function VerifyEmail({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const failed = actionData && "ok" in actionData && actionData.ok === false;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("verifyEmail.title")}
      </Heading>
      {failed ? (
        <Alert data-color="danger" role="alert">
          <Heading level={2} data-size="xs">
            {t("verifyEmail.invalidTitle")}
          </Heading>
          <Paragraph>{t("verifyEmail.invalidText")}</Paragraph>
          <Paragraph>
            <Link to="/logg-inn">{t("verifyEmail.toSignIn")}</Link>
          </Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t("verifyEmail.intro")}</Paragraph>
          <Form method="post" className="form">
            <CsrfField />
            <input type="hidden" name="token" value={loaderData.token} />
            {loaderData.next ? <input type="hidden" name="next" value={loaderData.next} /> : null}
            <div className="form-actions">
              <Button type="submit" disabled={busy}>
                {t("verifyEmail.submit")}
              </Button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
