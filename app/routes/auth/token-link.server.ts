import { redirect } from "react-router";
import type { SignedIn } from "~/domain/auth/auth.server.ts";
import { destroySession } from "~/domain/auth/session.server.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";
import { formAction, requestMeta } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";

type Ctx = Parameters<typeof requestMeta>[1];

/**
 * The pages an e-mail link opens (magic link, address confirmation). GET
 * only shows a button: mail scanners and link previews open links in
 * e-mails, and if GET used the one-time token they would use it up.
 */
export function tokenLinkLoader(request: Request) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  return { token: token.length <= 200 ? token : "", next: safeRedirectPath(url.searchParams.get("neste"), "") };
}

/** Pressing the button uses the token, signs in (the link proves the mailbox) and goes on to `next`, else to `fallback`. */
export async function tokenLinkAction(
  request: Request,
  context: Ctx,
  useToken: (token: unknown, meta: ReturnType<typeof requestMeta>) => Promise<SignedIn>,
  fallback: string,
) {
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    const { setCookie } = await useToken(values.token, requestMeta(request, context));
    // Whatever session the browser brought (planted by someone else, or an earlier one) ends: only the new one counts.
    await destroySession(request);
    throw redirect(safeRedirectPath(values.next, fallback), { headers: { "Set-Cookie": setCookie } });
  });
}
