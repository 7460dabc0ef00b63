import { Link, redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/self-profile";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { CheckboxField, ChoiceGroup, FormActions, PostForm, SelectField, SubmitButton, TextareaField, TextField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { Section } from "~/components/section.tsx";
import { activityLanguages } from "~/domain/activities/activities.constants.ts";
import { profileLinkRequestSchema, profileSchema } from "~/domain/volunteers/self.schema.ts";
import {
  deleteOwnProfile,
  endProfileSession,
  getOwnVolunteerPage,
  PROFILE_LINK_MINUTES,
  readProfileSession,
  requestProfileLink,
  saveOwnProfile,
  withdrawOwnInterest,
} from "~/domain/volunteers/self.server.ts";
import { volunteerAvailability, volunteerRoleKinds } from "~/domain/volunteers/volunteers.constants.ts";
import { labelOf } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction, noFields } from "~/lib/intents.server.ts";
import { getLocale, requestMeta } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { ContactFacts, InterestFacts } from "./self-ui.tsx";

/**
 * The volunteer's own page, without an account: the address proves itself by a mailed one-time link, which sets a
 * short-lived signed cookie sent only to this path. Plain HTML, so every form posts here (the cookie's path).
 */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }, { name: "robots", content: "noindex" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const title = getTranslator(getLocale(context))("volunteerSelf.profile.heading");
  const url = new URL(request.url);
  const flags = { saved: url.searchParams.has("lagret"), deleted: url.searchParams.has("slettet"), withdrawn: url.searchParams.has("trukket") };
  const email = await readProfileSession(request);
  if (!email) return { title, flags, linkMinutes: PROFILE_LINK_MINUTES, page: null, withdrawing: null, deleting: false };
  const page = await getOwnVolunteerPage(email);
  const withdrawing = page.interests.find((i) => i.id === url.searchParams.get("trekk")) ?? null;
  return { title, flags, linkMinutes: PROFILE_LINK_MINUTES, page, withdrawing, deleting: url.searchParams.has("slett") && page.profile !== null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  const email = await readProfileSession(request);
  return intentAction(request, context, values, {
    requestLink: intent(formFields, async (input) => {
      await requestProfileLink(input, requestMeta(request, context));
      return { ok: true as const, sent: true };
    }),
    saveProfile: intent(formFields, async (input) => {
      await saveOwnProfile(email, input);
      throw redirect("/frivillig/meg?lagret=1");
    }),
    deleteProfile: intent(formFields, async (input) => {
      await deleteOwnProfile(email, input);
      throw redirect("/frivillig/meg?slettet=1");
    }),
    withdrawInterest: intent(formFields, async (input) => {
      await withdrawOwnInterest(email, input);
      throw redirect("/frivillig/meg?trukket=1");
    }),
    signOut: intent(noFields, async () => {
      throw redirect("/frivillig/meg", { headers: { "Set-Cookie": await endProfileSession() } });
    }),
  });
}

export default function VolunteerPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, flags, withdrawing, deleting, linkMinutes } = loaderData;
  const sent = Boolean(actionData && "sent" in actionData);
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("volunteerSelf.profile.heading")}
      </Heading>
      {flags.withdrawn ? (
        <Notice>
          <Paragraph>{t("volunteerSelf.profile.withdrawn")}</Paragraph>
        </Notice>
      ) : null}
      {flags.deleted ? (
        <Notice>
          <Paragraph>{t("volunteerSelf.profile.deleted")}</Paragraph>
        </Notice>
      ) : null}
      {flags.saved && page ? (
        <Notice>
          <Paragraph>{t("volunteerSelf.profile.saved")}</Paragraph>
        </Notice>
      ) : null}
      {page ? (
        <SignedIn page={page} withdrawing={withdrawing} deleting={deleting} actionData={actionData} />
      ) : (
        <>
          <Paragraph>{t("volunteerSelf.profile.intro")}</Paragraph>
          {sent ? (
            <Notice>
              <Paragraph>{t("volunteerSelf.profile.sent", { minutes: linkMinutes })}</Paragraph>
            </Notice>
          ) : (
            <PostForm intent="requestLink" actionData={actionData} schema={profileLinkRequestSchema}>
              <TextField name="email" type="email" autoComplete="email" label={t("volunteerSelf.profile.emailLabel")} />
              <FormActions>
                <SubmitButton>{t("volunteerSelf.profile.requestSubmit")}</SubmitButton>
              </FormActions>
            </PostForm>
          )}
        </>
      )}
      <Paragraph>
        <Link to="/frivillig">{t("volunteerSelf.profile.findRoles")}</Link>
      </Paragraph>
    </div>
  );
}

type Page = NonNullable<Route.ComponentProps["loaderData"]["page"]>;

function SignedIn({
  page,
  withdrawing,
  deleting,
  actionData,
}: {
  page: Page;
  withdrawing: Page["interests"][number] | null;
  deleting: boolean;
  actionData: unknown;
}) {
  const t = useT();
  const p = page.profile;
  const values = p
    ? {
        name: p.name,
        municipalityNumber: p.municipalityNumber ?? "",
        likesToDo: p.likesToDo,
        contactableByKommune: p.contactableByKommune,
      }
    : {};
  return (
    <>
      <Paragraph>{t("volunteerSelf.profile.signedInAs", { email: page.email })}</Paragraph>
      <PostForm intent="signOut" actionData={actionData}>
        <FormActions>
          <SubmitButton variant="secondary">{t("volunteerSelf.profile.signOut")}</SubmitButton>
        </FormActions>
      </PostForm>

      <Section
        id="own-interests"
        heading={t("volunteerSelf.profile.interestsHeading")}
        empty={page.interests.length === 0 ? t("volunteerSelf.profile.interestsNone") : null}
      >
        {withdrawing ? (
          <ConfirmStep
            id="withdraw-own"
            heading={t("volunteerSelf.profile.withdrawHeading", { role: withdrawing.roleTitle })}
            text={t("volunteerSelf.withdraw.text")}
            intent="withdrawInterest"
            hidden={{ interestId: withdrawing.id }}
            action={`/frivillig/meg?trekk=${withdrawing.id}`}
            confirmLabel={t("volunteerSelf.withdraw.confirm")}
            submitLabel={t("volunteerSelf.withdraw.submit")}
            cancelTo="/frivillig/meg"
            actionData={actionData}
          />
        ) : null}
        <ul className="stack">
          {page.interests.map((i) => (
            <li key={i.id}>
              <Heading level={3} data-size="xs">
                {i.roleTitle} – {i.forTitle}
              </Heading>
              <InterestFacts interest={i} />
              <ContactFacts interest={i} />
              <Paragraph>
                <Link to={`/frivillig/meg?trekk=${i.id}`}>{t("volunteerSelf.status.withdrawLink")}</Link>
              </Paragraph>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="own-profile" heading={t("volunteerSelf.profile.formHeading")}>
        {p ? null : <Paragraph>{t("volunteerSelf.profile.noProfile")}</Paragraph>}
        <PostForm intent="saveProfile" actionData={actionData} schema={profileSchema} values={values}>
          <TextField name="name" autoComplete="name" label={t("volunteerSelf.profile.name")} />
          <SelectField
            name="municipalityNumber"
            label={t("volunteerSelf.profile.kommune")}
            options={[{ value: "", label: t("volunteerSelf.profile.kommuneNone") }, ...page.municipalities.map((m) => ({ value: m.number, label: m.name }))]}
          />
          <ChoiceGroup
            type="checkbox"
            name="languages"
            legend={t("volunteerSelf.profile.languages")}
            options={activityLanguages.map((l) => ({ value: l, label: labelOf(t, "languageName", l) }))}
            selected={p?.languages ?? []}
          />
          <ChoiceGroup
            type="checkbox"
            name="roleKinds"
            legend={t("volunteerSelf.profile.roleKinds")}
            options={volunteerRoleKinds.map((k) => ({ value: k, label: labelOf(t, "volunteerRoleKind", k) }))}
            selected={p?.roleKinds ?? []}
          />
          <TextareaField name="likesToDo" label={t("volunteerSelf.profile.likesToDo")} />
          <ChoiceGroup
            type="checkbox"
            name="availability"
            legend={t("volunteerSelf.profile.availability")}
            options={volunteerAvailability.map((a) => ({ value: a, label: labelOf(t, "volunteerAvailability", a) }))}
            selected={p?.availability ?? []}
          />
          <CheckboxField name="contactableByKommune" label={t("volunteerSelf.profile.contactable")} description={t("volunteerSelf.profile.contactableHelp")} />
          <FormActions>
            <SubmitButton>{t("volunteerSelf.profile.save")}</SubmitButton>
          </FormActions>
        </PostForm>
        {p ? (
          deleting ? (
            <ConfirmStep
              id="delete-profile"
              heading={t("volunteerSelf.profile.deleteHeading")}
              text={t("volunteerSelf.profile.deleteText")}
              intent="deleteProfile"
              action="/frivillig/meg?slett=1"
              confirmLabel={t("volunteerSelf.profile.deleteConfirm")}
              submitLabel={t("volunteerSelf.profile.deleteSubmit")}
              cancelTo="/frivillig/meg"
              actionData={actionData}
            />
          ) : (
            <Paragraph>
              <Link to="/frivillig/meg?slett=1">{t("volunteerSelf.profile.deleteLink")}</Link>
            </Paragraph>
          )
        ) : null}
      </Section>
    </>
  );
}
