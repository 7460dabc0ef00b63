import { Link, redirect, useLocation } from "react-router";
import { Alert, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/profile";
import { useFormat, useLocale, useT } from "~/i18n/use-t.ts";
import { localeNames, locales } from "~/i18n/config.ts";
import { FormActions, FormErrorSummary, PostForm, SelectField, SubmitButton, TextField, failureFor } from "~/components/form.tsx";
import { formRules } from "~/lib/form-schema.ts";
import { changePasswordSchema, profileSchema } from "~/domain/auth/auth.schema.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, intentAction, noFields } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { changePassword, getProfile, signOutEverywhere, updateProfile } from "~/domain/auth/account.server.ts";
import { resendVerification } from "~/domain/auth/auth.server.ts";
import { destroySession } from "~/domain/auth/session.server.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { PageTitle } from "../auth/page-title.tsx";
import { DemoTag } from "~/components/demo-tag.tsx";

/**
 * Confirmations shown after a redirect here (`?melding=`): from other pages
 * (sign-up, new password) and from this page's own forms, which redirect
 * after a successful POST so reloading the page does not send the form again.
 */
const notices = ["registrert", "nytt-passord", "navn", "passord", "bekreftelse-sendt"] as const;
type Notice = (typeof notices)[number];

function isNotice(value: string | null): value is Notice {
  return (notices as readonly (string | null)[]).includes(value);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const profile = await guard(request, () => getProfile(actor));
  const notice = new URL(request.url).searchParams.get("melding");
  return { profile, notice: isNotice(notice) ? notice : null, rules: { name: formRules(profileSchema), passwordChange: formRules(changePasswordSchema) } };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    "update-profile": intent(formFields, async (input) => {
      await updateProfile(actor, input);
      throw redirect("/min-side?melding=navn");
    }),
    "change-password": intent(formFields, async (input) => {
      await changePassword(actor, input);
      throw redirect("/min-side?melding=passord");
    }),
    "resend-verification": intent(noFields, async () => {
      await resendVerification(actor, getLocale(context));
      throw redirect("/min-side?melding=bekreftelse-sendt");
    }),
    "sign-out-everywhere": intent(noFields, async () => {
      await signOutEverywhere(actor);
      throw redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
    }),
  });
}

const roleKeys = {
  national_admin: "account.role.nationalAdmin",
  county_advisor: "account.role.countyAdvisor",
  municipal_coordinator: "account.role.municipalCoordinator",
} as const satisfies Record<string, MessageKey>;

const membershipKeys = { admin: "account.membership.admin", member: "account.membership.member" } as const satisfies Record<string, MessageKey>;

export default function Profile({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const location = useLocation();
  const currentLocale = useLocale();
  const { profile, notice } = loaderData;

  return (
    <div className="page">
      <PageTitle messageKey="account.profile.title" />
      <Heading level={1} data-size="lg">
        {t("account.profile.title")}
      </Heading>
      {notice === "registrert" || notice === "nytt-passord" ? (
        <Alert data-color="success" role="status">
          {notice === "registrert" ? t("account.notice.registered", { email: profile.email }) : t("account.notice.passwordReset")}
        </Alert>
      ) : null}

      <section aria-labelledby="account-heading" className="stack">
        <Heading level={2} data-size="sm" id="account-heading">
          {t("account.details.title")}
        </Heading>
        <Table aria-labelledby="account-heading">
          <TableBody>
            <TableRow>
              <TableHeaderCell scope="row">{t("account.details.name")}</TableHeaderCell>
              <TableCell>
                {profile.name} <DemoTag show={profile.isDemo} />
              </TableCell>
            </TableRow>
            <TableRow>
              <TableHeaderCell scope="row">{t("account.details.email")}</TableHeaderCell>
              <TableCell>{profile.email}</TableCell>
            </TableRow>
            <TableRow>
              <TableHeaderCell scope="row">{t("account.details.verification")}</TableHeaderCell>
              <TableCell>
                {profile.emailVerified ? (
                  <Tag data-color="success" data-size="sm">
                    {t("account.details.verified")}
                  </Tag>
                ) : (
                  <Tag data-color="warning" data-size="sm">
                    {t("account.details.unverified")}
                  </Tag>
                )}
              </TableCell>
            </TableRow>
            <TableRow>
              <TableHeaderCell scope="row">{t("account.details.language")}</TableHeaderCell>
              <TableCell>{profile.locale ? localeNames[profile.locale] : t("account.details.languageNotChosen")}</TableCell>
            </TableRow>
            <TableRow>
              <TableHeaderCell scope="row">{t("account.details.memberSince")}</TableHeaderCell>
              <TableCell>{format.date(profile.createdAt)}</TableCell>
            </TableRow>
          </TableBody>
        </Table>

        {!profile.emailVerified ? (
          <div className="stack">
            <Paragraph>{t("account.verification.text")}</Paragraph>
            {notice === "bekreftelse-sendt" ? (
              <Alert data-color="success" role="status">
                {t("account.verification.sent", { email: profile.email })}
              </Alert>
            ) : null}
            <FormErrorSummary formError={failureFor(actionData, "resend-verification").formError} />
            <PostForm intent="resend-verification" summary={false} className="inline-form" noValidate={false}>
              <SubmitButton variant="secondary">{t("account.verification.resend")}</SubmitButton>
            </PostForm>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="orgs-heading" className="stack">
        <Heading level={2} data-size="sm" id="orgs-heading">
          {t("account.organizations.title")}
        </Heading>
        {profile.memberships.length === 0 ? (
          <Paragraph>{t("account.organizations.empty")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table>
              <caption className="visually-hidden">{t("account.organizations.title")}</caption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">{t("account.organizations.name")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("account.organizations.role")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {profile.memberships.map((m) => (
                  <TableRow key={m.organizationId}>
                    <TableCell>
                      <Link to={`/organisasjoner/${m.organizationId}`}>{m.organizationName}</Link> <DemoTag show={m.organizationIsDemo} />
                    </TableCell>
                    <TableCell>{t(membershipKeys[m.role])}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="roles-heading" className="stack">
        <Heading level={2} data-size="sm" id="roles-heading">
          {t("account.roles.title")}
        </Heading>
        {profile.roles.length === 0 ? (
          <Paragraph>{t("account.roles.empty")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table>
              <caption className="visually-hidden">{t("account.roles.title")}</caption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">{t("account.roles.role")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("account.roles.scope")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {profile.roles.map((r) => (
                  <TableRow key={`${r.role}-${r.municipalityNumber ?? ""}-${r.countyNumber ?? ""}`}>
                    <TableCell>{t(roleKeys[r.role])}</TableCell>
                    <TableCell>
                      {r.role === "municipal_coordinator"
                        ? t("account.roles.scopeMunicipality", { municipality: r.municipalityName ?? r.municipalityNumber ?? "", county: r.countyName ?? "" })
                        : r.role === "county_advisor"
                          ? t("account.roles.scopeCounty", { county: r.countyName ?? r.countyNumber ?? "" })
                          : t("account.roles.scopeNational")}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="name-heading" className="stack">
        <Heading level={2} data-size="sm" id="name-heading">
          {t("account.name.title")}
        </Heading>
        {notice === "navn" ? (
          <Alert data-color="success" role="status">
            {t("account.name.saved")}
          </Alert>
        ) : null}
        <PostForm intent="update-profile" actionData={actionData} schema={loaderData.rules.name} values={{ name: profile.name }}>
          <TextField name="name" label={t("account.name.label")} autoComplete="name" />
          <FormActions>
            <SubmitButton>{t("account.name.submit")}</SubmitButton>
          </FormActions>
        </PostForm>
      </section>

      <section aria-labelledby="language-heading" className="stack">
        <Heading level={2} data-size="sm" id="language-heading">
          {t("account.language.title")}
        </Heading>
        {/* Posts to the language switcher, which answers with a redirect: no failure of its own to show. */}
        <PostForm id="language" action="/sprak" summary={false} noValidate={false} hidden={{ redirectTo: location.pathname }}>
          <SelectField
            name="lang"
            label={t("account.language.label")}
            defaultValue={profile.locale ?? currentLocale}
            options={locales.map((l) => ({ value: l, label: localeNames[l] }))}
          />
          <FormActions>
            <SubmitButton variant="secondary">{t("account.language.submit")}</SubmitButton>
          </FormActions>
        </PostForm>
      </section>

      <section aria-labelledby="password-heading" className="stack">
        <Heading level={2} data-size="sm" id="password-heading">
          {t(profile.hasPassword ? "account.password.title" : "account.password.titleFirst")}
        </Heading>
        <Paragraph>{t("account.password.text")}</Paragraph>
        {notice === "passord" ? (
          <Alert data-color="success" role="status">
            {t("account.password.saved")}
          </Alert>
        ) : null}
        {profile.isDemo ? (
          <>
            <FormErrorSummary {...failureFor(actionData, "change-password")} />
            <Alert data-color="info">{t("account.demoProtected")}</Alert>
          </>
        ) : (
          <PostForm intent="change-password" actionData={actionData} schema={loaderData.rules.passwordChange}>
            {/* Optional in the schema (a first password has none), required whenever it is asked for. */}
            {profile.hasPassword ? (
              <TextField name="currentPassword" type="password" label={t("account.password.current")} autoComplete="current-password" required />
            ) : null}
            <TextField
              name="newPassword"
              type="password"
              label={t("account.password.new")}
              description={t("signUp.passwordHelp")}
              autoComplete="new-password"
            />
            <TextField name="newPasswordRepeat" type="password" label={t("account.password.repeat")} autoComplete="new-password" />
            <FormActions>
              <SubmitButton>{t("account.password.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        )}
      </section>

      <section aria-labelledby="sessions-heading" className="stack">
        <Heading level={2} data-size="sm" id="sessions-heading">
          {t("account.signOutEverywhere.title")}
        </Heading>
        <Paragraph>{t("account.signOutEverywhere.text")}</Paragraph>
        <PostForm intent="sign-out-everywhere" summary={false} className="inline-form" noValidate={false}>
          <SubmitButton variant="secondary">{t("account.signOutEverywhere.submit")}</SubmitButton>
        </PostForm>
      </section>

      <section aria-labelledby="privacy-heading" className="stack">
        <Heading level={2} data-size="sm" id="privacy-heading">
          {t("account.privacyLink.title")}
        </Heading>
        <Paragraph>
          <Link to="/min-side/personvern">{t("account.privacyLink.link")}</Link>
        </Paragraph>
      </section>
    </div>
  );
}
