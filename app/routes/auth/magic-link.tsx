import { Form, Link, redirect, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/magic-link";
import { useT } from "~/i18n/use-t.ts";
import { CsrfField } from "~/components/csrf.tsx";
import { formAction, requestMeta } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";
import { signInWithMagicLink } from "~/domain/auth/auth.server.ts";
import { pageTitle } from "./page-title.ts";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, "magicLink.title");
}

/**
 * GET only shows a button. Mail scanners and link previews open links in
 * e-mails; if GET signed in, they would use up the one-time token.
 */
export function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  return { token: token.length <= 200 ? token : "", next: safeRedirectPath(url.searchParams.get("neste"), "") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    const { setCookie } = await signInWithMagicLink(values.token, requestMeta(request, context));
    throw redirect(safeRedirectPath(values.next, "/min-side"), { headers: { "Set-Cookie": setCookie } });
  });
}

export default function MagicLink({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const failed = actionData && "ok" in actionData && actionData.ok === false;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("magicLink.title")}
      </Heading>
      {failed ? (
        <Alert data-color="danger" role="alert">
          <Heading level={2} data-size="xs">
            {t("magicLink.invalidTitle")}
          </Heading>
          <Paragraph>{t("magicLink.invalidText")}</Paragraph>
          <Paragraph>
            <Link to="/logg-inn">{t("magicLink.askAgain")}</Link>
          </Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t("magicLink.intro")}</Paragraph>
          <Form method="post" className="form">
            <CsrfField />
            <input type="hidden" name="token" value={loaderData.token} />
            {loaderData.next ? <input type="hidden" name="next" value={loaderData.next} /> : null}
            <div className="form-actions">
              <Button type="submit" disabled={busy}>
                {t("magicLink.submit")}
              </Button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
