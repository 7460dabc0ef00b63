import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { useT } from "~/i18n/use-t.ts";

/**
 * Error page for the OIDC start and callback routes. Unlike the root error
 * page it offers the way back to sign-in, since a failed sign-in is usually
 * fixed by simply starting again.
 */
export function OidcErrorBoundary() {
  const t = useT();
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const messageKey =
    isRouteErrorResponse(error) && typeof error.data === "object" && error.data && "messageKey" in error.data
      ? String((error.data as { messageKey: string }).messageKey)
      : status === 404
        ? "errors.notFound"
        : "errors.server";
  return (
    <div className="page">
      <title>{t("oidc.pageTitle")}</title>
      <Heading level={1} data-size="lg">
        {status === 404 ? t("errors.title.404") : t("oidc.error.title")}
      </Heading>
      <Paragraph>{t(messageKey as never)}</Paragraph>
      <Paragraph>
        <Link to="/logg-inn">{t("oidc.error.backToSignIn")}</Link>
      </Paragraph>
    </div>
  );
}
