import { Form, Link, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/verify-email";
import { useT } from "~/i18n/use-t.ts";
import { CsrfField } from "~/components/csrf.tsx";
import { formAction, getActor, getRequestInfo } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { verifyEmail } from "~/domain/auth/auth.server.ts";
import { pageTitle } from "./page-title.ts";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, "verifyEmail.title");
}

/** GET only shows a button, so mail scanners that open the link do not use it up. */
export function loader({ request, context }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token: token.length <= 200 ? token : "", signedIn: getActor(context).kind === "user" };
}

export async function action({ request, context }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    await verifyEmail(values.token, getRequestInfo(context).ip);
    return { ok: true as const, verified: true };
  });
}

export default function VerifyEmail({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const failed = actionData && "ok" in actionData && actionData.ok === false;
  const verified = actionData && "verified" in actionData;
  const onwards = loaderData.signedIn ? <Link to="/min-side">{t("verifyEmail.toProfile")}</Link> : <Link to="/logg-inn">{t("verifyEmail.toSignIn")}</Link>;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("verifyEmail.title")}
      </Heading>
      {verified ? (
        <>
          <Alert data-color="success" role="status">
            {t("verifyEmail.done")}
          </Alert>
          <Paragraph>{onwards}</Paragraph>
        </>
      ) : failed ? (
        <Alert data-color="danger" role="alert">
          <Heading level={2} data-size="xs">
            {t("verifyEmail.invalidTitle")}
          </Heading>
          <Paragraph>{t(loaderData.signedIn ? "verifyEmail.invalidTextSignedIn" : "verifyEmail.invalidText")}</Paragraph>
          <Paragraph>{onwards}</Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t("verifyEmail.intro")}</Paragraph>
          <Form method="post" className="form">
            <CsrfField />
            <input type="hidden" name="token" value={loaderData.token} />
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
