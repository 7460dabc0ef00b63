import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/self-withdraw";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { Notice } from "~/components/notice.tsx";
import { getInterestByToken, withdrawInterestByToken } from "~/domain/volunteers/self.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { isAppError } from "~/lib/errors.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getLocale } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";

/** The withdraw link in every e-mail to a volunteer: the GET only asks; the ticked box and the button delete. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }, { name: "robots", content: "noindex" }];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const title = getTranslator(getLocale(context))("volunteerSelf.withdraw.heading");
  try {
    const interest = await getInterestByToken(params.token);
    return { title, interest: { roleTitle: interest.roleTitle, forTitle: interest.forTitle } };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_token") return { title, interest: null };
    throw error;
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    withdraw: intent(formFields, async (input) => {
      await withdrawInterestByToken(params.token, input);
      return { ok: true as const, withdrawn: true };
    }),
  });
}

export default function WithdrawInterest({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const done = actionData && "withdrawn" in actionData;
  const { interest } = loaderData;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("volunteerSelf.withdraw.heading")}
      </Heading>
      {done ? (
        <Notice>
          <Paragraph>{t("volunteerSelf.withdraw.done")}</Paragraph>
        </Notice>
      ) : interest ? (
        <>
          <Paragraph>{t("volunteerSelf.withdraw.about", { role: interest.roleTitle, for: interest.forTitle })}</Paragraph>
          <ConfirmStep
            id="withdraw"
            heading={t("volunteerSelf.withdraw.heading")}
            text={t("volunteerSelf.withdraw.text")}
            intent="withdraw"
            confirmLabel={t("volunteerSelf.withdraw.confirm")}
            submitLabel={t("volunteerSelf.withdraw.submit")}
            actionData={actionData}
          />
        </>
      ) : (
        <Paragraph>{t("volunteerSelf.status.invalid")}</Paragraph>
      )}
      <Paragraph>
        <Link to="/frivillig/meg">{t("volunteerSelf.status.toProfile")}</Link>
      </Paragraph>
    </div>
  );
}
