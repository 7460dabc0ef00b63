import type { Route } from "./+types/verify-email";
import { verifyEmail } from "~/domain/auth/auth.server.ts";
import { PageTitle } from "./page-title.tsx";
import { tokenLinkAction, tokenLinkLoader } from "./token-link.server.ts";
import { TokenLinkPage } from "./token-link.tsx";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

/** GET only shows a button, so mail scanners that open the link do not use it up. */
export function loader({ request }: Route.LoaderArgs) {
  return tokenLinkLoader(request);
}

/** Confirming signs in (the link proves the mailbox), then goes on to `next` (e.g. the invitation that led to signing up). */
export async function action({ request, context }: Route.ActionArgs) {
  return tokenLinkAction(request, context, verifyEmail, "/min-side?melding=registrert");
}

export default function VerifyEmail({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <PageTitle messageKey="verifyEmail.title" />
      <TokenLinkPage
        {...loaderData}
        actionData={actionData}
        text={{
          title: "verifyEmail.title",
          intro: "verifyEmail.intro",
          submit: "verifyEmail.submit",
          invalidTitle: "verifyEmail.invalidTitle",
          invalidText: "verifyEmail.invalidText",
        }}
        back={{ to: "/logg-inn", label: "verifyEmail.toSignIn" }}
      />
    </>
  );
}
