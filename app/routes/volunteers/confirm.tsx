import { Link, redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/confirm";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { confirmInterest, getInterestForConfirmation } from "~/domain/volunteers/interests.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { isAppError } from "~/lib/errors.ts";
import { intent, intentAction, noFields } from "~/lib/intents.server.ts";
import { getLocale } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";

/** A link from an e-mail, opened on any phone: plain HTML; the GET confirms nothing (a mail scanner may follow it). */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }, { name: "robots", content: "noindex" }];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const title = getTranslator(getLocale(context))("volunteers.confirm.title");
  try {
    const view = await getInterestForConfirmation(params.token);
    return { title, state: view.confirmed ? ("already" as const) : view.confirmable ? ("open" as const) : ("invalid" as const), roleTitle: view.roleTitle };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_token") return { title, state: "invalid" as const, roleTitle: null };
    throw error;
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    confirm: intent(noFields, async () => {
      const { roleId, already, rolePublic } = await confirmInterest(params.token);
      const notice = already ? "allerede" : "bekreftet";
      throw redirect(rolePublic ? `/frivillig/roller/${roleId}?${notice}=1#meld-interesse` : `/frivillig?${notice}=1`);
    }),
  });
}

export default function ConfirmInterest({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { state, roleTitle } = loaderData;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("volunteers.confirm.title")}
      </Heading>
      {state === "open" && roleTitle ? (
        <>
          <Paragraph>{t("volunteers.confirm.text", { role: roleTitle })}</Paragraph>
          <PostForm intent="confirm" actionData={actionData}>
            <FormActions>
              <SubmitButton>{t("volunteers.confirm.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </>
      ) : (
        <Paragraph>{state === "already" ? t("volunteers.confirm.already") : t("volunteers.confirm.invalid")}</Paragraph>
      )}
      <Paragraph>
        <Link to="/frivillig">{t("volunteers.confirm.toList")}</Link>
      </Paragraph>
    </div>
  );
}
