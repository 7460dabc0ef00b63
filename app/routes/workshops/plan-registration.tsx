import { data, redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/plan-registration";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { Section } from "~/components/section.tsx";
import { useT } from "~/i18n/use-t.ts";
import { label } from "~/i18n/labels.ts";
import { intent, intentAction, noFields } from "~/lib/intents.server.ts";
import { getLocale } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { isAppError } from "~/lib/errors.ts";
import { cancelByToken, declineByToken, getInvitationByToken, registerByToken } from "~/domain/workshops/participants.server.ts";
import { useWorkshopTime } from "./plan-ui.tsx";

/** The page behind the link in an invitation: no account needed, every answer a POST (a mail scanner following links does nothing). */
export const handle = { hydrate: false };

export function meta() {
  return [{ title: "Påmelding – Samspill" }, { name: "robots", content: "noindex" }];
}

export async function loader({ params }: Route.LoaderArgs) {
  try {
    return { invitation: await getInvitationByToken(params.token) };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_token") return { invitation: null };
    throw error;
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const locale = getLocale(context);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    register: intent(noFields, async () => {
      const result = await registerByToken(params.token, new Date(), locale);
      // Registered: straight to the workshop, which the device cookie now opens. Waitlisted: stay here with the news.
      if (result.status === "registered") throw redirect(`/verksteder/${result.workshopId}?pameldt=1`, { headers: { "Set-Cookie": result.setCookie } });
      return data({ done: "waitlisted" as const }, { headers: { "Set-Cookie": result.setCookie } });
    }),
    decline: intent(noFields, async () => {
      await declineByToken(params.token);
      return data({ done: "declined" as const });
    }),
    cancel: intent(noFields, async () => {
      await cancelByToken(params.token, new Date(), locale);
      return data({ done: "cancelled" as const });
    }),
  });
}

export default function WorkshopRegistration({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const time = useWorkshopTime();
  const inv = loaderData.invitation;
  const done = actionData && typeof actionData === "object" && "done" in actionData ? (actionData as { done: string }).done : null;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("workshops.registration.title")}
      </Heading>
      {done === "declined" ? <Notice>{t("workshops.registration.declined")}</Notice> : null}
      {done === "waitlisted" ? <Notice>{t("workshops.registration.waitlisted")}</Notice> : null}
      {done === "cancelled" ? <Notice>{t("workshops.registration.cancelled")}</Notice> : null}
      {!inv ? (
        done ? null : (
          <Paragraph>{t("workshops.registration.invalid")}</Paragraph>
        )
      ) : (
        <>
          <Paragraph>{t("workshops.registration.greeting", { name: inv.name, title: inv.title })}</Paragraph>
          {inv.purpose ? <Paragraph>{inv.purpose}</Paragraph> : null}
          <Section id="sessions" heading={t("workshops.hub.sessions")}>
            <ul>
              {inv.sessions.map((s) => (
                <li key={s.id}>
                  {t(`workshops.sessionKind.${s.kind}`)}: {time.dateTime(s.startsAt)}
                  {s.place ? ` · ${s.place}` : ""}
                  {s.videoUrl ? ` · ${s.videoUrl}` : ""}
                </li>
              ))}
            </ul>
          </Section>
          <Paragraph>{t("workshops.registration.status", { status: label(t, "participantStatus", inv.status) })}</Paragraph>
          {done ? null : inv.status === "invited" ? (
            inv.workshopStatus === "closed" ? (
              <Paragraph>{t("workshops.error.closed")}</Paragraph>
            ) : (
              <>
                <PostForm intent="register" actionData={actionData}>
                  <FormActions>
                    <SubmitButton>{t("workshops.registration.register")}</SubmitButton>
                  </FormActions>
                </PostForm>
                <PostForm intent="decline" actionData={actionData}>
                  <FormActions>
                    <SubmitButton variant="secondary">{t("workshops.registration.decline")}</SubmitButton>
                  </FormActions>
                </PostForm>
              </>
            )
          ) : inv.status === "registered" || inv.status === "waitlisted" ? (
            <PostForm intent="cancel" actionData={actionData}>
              <FormActions>
                <SubmitButton variant="secondary">{t("workshops.registration.cancel")}</SubmitButton>
              </FormActions>
            </PostForm>
          ) : null}
        </>
      )}
    </div>
  );
}
