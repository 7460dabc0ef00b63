import type { Route } from "./+types/magic-link";
import { signInWithMagicLink } from "~/domain/auth/auth.server.ts";
import { PageTitle } from "./page-title.tsx";
import { tokenLinkAction, tokenLinkLoader } from "./token-link.server.ts";
import { TokenLinkPage } from "./token-link.tsx";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

/** GET only shows a button (app/routes/auth/token-link.server.ts says why). */
export function loader({ request }: Route.LoaderArgs) {
  return tokenLinkLoader(request);
}

export async function action({ request, context }: Route.ActionArgs) {
  return tokenLinkAction(request, context, signInWithMagicLink, "/min-side");
}

export default function MagicLink({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <PageTitle messageKey="magicLink.title" />
      <TokenLinkPage
        {...loaderData}
        actionData={actionData}
        text={{
          title: "magicLink.title",
          intro: "magicLink.intro",
          submit: "magicLink.submit",
          invalidTitle: "magicLink.invalidTitle",
          invalidText: "magicLink.invalidText",
        }}
        back={{ to: "/logg-inn", label: "magicLink.askAgain" }}
      />
    </>
  );
}
