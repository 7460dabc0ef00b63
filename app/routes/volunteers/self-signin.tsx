import { Link, redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/self-signin";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { PROFILE_SESSION_MINUTES, profileLinkUsable, openProfileLink } from "~/domain/volunteers/self.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { intent, intentAction, noFields } from "~/lib/intents.server.ts";
import { getLocale } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";

/** The sign-in link mailed to a volunteer: the GET only shows a button (a mail scanner that follows links uses nothing). */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }, { name: "robots", content: "noindex" }];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const title = getTranslator(getLocale(context))("volunteerSelf.signin.heading");
  return { title, usable: await profileLinkUsable(params.token), minutes: PROFILE_SESSION_MINUTES };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    open: intent(noFields, async () => {
      const { setCookie } = await openProfileLink(params.token);
      throw redirect("/frivillig/meg", { headers: { "Set-Cookie": setCookie } });
    }),
  });
}

export default function VolunteerSignIn({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("volunteerSelf.signin.heading")}
      </Heading>
      {loaderData.usable ? (
        <>
          <Paragraph>{t("volunteerSelf.signin.text", { minutes: loaderData.minutes })}</Paragraph>
          <PostForm intent="open" actionData={actionData}>
            <FormActions>
              <SubmitButton>{t("volunteerSelf.signin.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </>
      ) : (
        <Paragraph>{t("volunteerSelf.signin.invalid")}</Paragraph>
      )}
      <Paragraph>
        <Link to="/frivillig/meg">{t("volunteerSelf.signin.again")}</Link>
      </Paragraph>
    </div>
  );
}
