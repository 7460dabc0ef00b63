import { Link, redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/members";
import { membershipRoles } from "~/domain/organizations/organizations.constants.ts";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { FormActions, FormErrorSummary, PostForm, SelectField, SubmitButton, TextField, failureFor } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { Section } from "~/components/section.tsx";
import { formRules } from "~/lib/form-schema.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { changeMemberRole, leaveOrganization, listMembers, removeMember } from "~/domain/organizations/members.server.ts";
import { inviteMember, revokeInvitation } from "~/domain/organizations/invitations.server.ts";
import { INVITATION_LIFETIME_DAYS, inviteMemberSchema } from "~/domain/organizations/organizations.schema.ts";
import { DemoTag, roleLabel } from "./org-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const result = await guard(request, () => listMembers(actor, params.id));
  const search = new URL(request.url).searchParams;
  // The confirmation steps are plain links (?fjern=…, ?trekk=…), so they work without JavaScript.
  // Ids are only there for those who manage members (listMembers), so only they get a confirmation step.
  const [fjern, trekk] = [search.get("fjern"), search.get("trekk")];
  const removing = fjern ? (result.members.find((m): m is typeof m & { userId: string } => m.userId === fjern) ?? null) : null;
  const revoking = trekk ? (result.invitations.find((i): i is typeof i & { id: string } => i.id === trekk) ?? null) : null;
  const title = getTranslator(getLocale(context))("org.members.title", { organization: result.organization.name });
  return { ...result, removing, revoking, invitationDays: INVITATION_LIFETIME_DAYS, inviteRules: formRules(inviteMemberSchema), title };
}

type NoticeKey = "org.members.roleChanged" | "org.members.removed" | "org.invite.sent" | "org.invitations.revoked";
/** The domain calls return exactly the values their notice shows (a name, a role, an address). */
const done = (key: NoticeKey, values: Record<string, string>) => ({ ok: true as const, notice: { key, values } });

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const id = params.id;
  // The domain calls check who may act and validate the fields themselves.
  return intentAction(request, context, formToObject(await request.formData()), {
    "change-role": intent(formFields, async (v) => done("org.members.roleChanged", await changeMemberRole(actor, id, v))),
    remove: intent(formFields, async (v) => done("org.members.removed", await removeMember(actor, id, v))),
    invite: intent(formFields, async (v) => done("org.invite.sent", await inviteMember(actor, id, v, { locale: getLocale(context) }))),
    revoke: intent(formFields, async (v) => done("org.invitations.revoked", await revokeInvitation(actor, id, v))),
    leave: intent(formFields, async (v) => {
      await leaveOrganization(actor, id, v);
      throw redirect(`/organisasjoner/${id}?forlatt=1`);
    }),
  });
}

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { organization, access, members, invitations, removing, revoking } = loaderData;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const base = `/organisasjoner/${organization.id}`;
  const list = `${base}/medlemmer`;
  const manage = access.canManageMembers;
  const roleOptions = membershipRoles.map((r) => ({ value: r, label: roleLabel(t, r) }));
  const actions = { header: t("org.members.actions") };

  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("org.members.title", { organization: organization.name })} <DemoTag show={organization.isDemo} />
      </Heading>
      <Paragraph>
        <Link to={base}>{t("org.members.backToOrganization", { organization: organization.name })}</Link>
      </Paragraph>
      {notice ? <Notice>{t(notice.key, notice.values)}</Notice> : null}
      {!manage ? <Paragraph>{t("org.members.readOnly")}</Paragraph> : null}

      {removing ? (
        <ConfirmStep
          id="remove"
          intent="remove"
          actionData={actionData}
          heading={t("org.members.removeConfirmHeading", { name: removing.name })}
          text={t("org.members.removeConfirmText", { name: removing.name })}
          hidden={{ userId: removing.userId }}
          action={`${list}?fjern=${removing.userId}`}
          confirmLabel={t("org.members.removeConfirmCheckbox", { name: removing.name })}
          submitLabel={t("org.members.removeSubmit")}
          cancelTo={list}
        />
      ) : null}
      {revoking ? (
        <ConfirmStep
          id="revoke"
          intent="revoke"
          actionData={actionData}
          heading={t("org.invitations.revokeConfirmHeading", { email: revoking.email })}
          text={t("org.invitations.revokeConfirmText")}
          hidden={{ invitationId: revoking.id }}
          action={`${list}?trekk=${revoking.id}`}
          confirmLabel={t("org.invitations.revokeCheckbox", { email: revoking.email })}
          submitLabel={t("org.invitations.revokeSubmit")}
          cancelTo={list}
        />
      ) : null}

      <Section id="members" heading={t("org.detail.membersHeading")}>
        <FormErrorSummary {...failureFor(actionData, "change-role")} />
        <DataTable
          labelledBy="members-heading"
          rows={members}
          rowKey={(m) => m.email}
          empty={t("org.members.empty")}
          columns={[
            {
              header: t("org.members.name"),
              cell: (m) => (
                <>
                  {m.name} {m.isYou ? t("org.members.you") : null} <DemoTag show={m.isDemo} />
                </>
              ),
            },
            { header: t("org.members.email"), cell: (m) => m.email },
            { header: t("org.members.role"), cell: (m) => roleLabel(t, m.role) },
            manage && {
              ...actions,
              cell: (m) =>
                m.userId ? (
                  <PostForm intent="change-role" summary={false} className="inline-form" action={list} hidden={{ userId: m.userId }} noValidate={false}>
                    <SelectField
                      id={`role-${m.userId}`}
                      name="role"
                      label={t("org.members.roleFor", { name: m.name })}
                      hiddenLabel
                      size="sm"
                      options={roleOptions}
                      defaultValue={m.role}
                    />
                    <SubmitButton variant="secondary" data-size="sm" aria-label={t("org.members.changeRoleFor", { name: m.name })}>
                      {t("org.members.changeRole")}
                    </SubmitButton>
                    <Link to={`${list}?fjern=${m.userId}`} aria-label={t("org.members.removeNamed", { name: m.name })}>
                      {t("org.members.remove")}
                    </Link>
                  </PostForm>
                ) : null,
            },
          ]}
        />
      </Section>

      <Section id="invitations" heading={t("org.invitations.heading")}>
        <DataTable
          labelledBy="invitations-heading"
          rows={invitations}
          rowKey={(i) => i.email}
          empty={t("org.invitations.empty")}
          columns={[
            { header: t("org.members.email"), cell: (i) => i.email },
            { header: t("org.members.role"), cell: (i) => roleLabel(t, i.role) },
            { header: t("org.invitations.invitedBy"), cell: (i) => i.invitedByName ?? t("org.invitations.unknownInviter") },
            { header: t("org.invitations.expires"), cell: (i) => format.date(i.expiresAt) },
            manage && {
              ...actions,
              cell: (i) =>
                i.id ? (
                  <Link to={`${list}?trekk=${i.id}`} aria-label={t("org.invitations.revokeNamed", { email: i.email })}>
                    {t("org.invitations.revoke")}
                  </Link>
                ) : null,
            },
          ]}
        />
      </Section>

      {manage ? (
        <Section id="invite" heading={t("org.invite.heading")}>
          <Paragraph>{t("org.invite.text", { days: loaderData.invitationDays })}</Paragraph>
          <PostForm intent="invite" actionData={actionData} schema={loaderData.inviteRules} values={{ role: "member" }} action={list}>
            <TextField name="email" type="email" label={t("org.invite.email")} autoComplete="off" />
            <SelectField name="role" label={t("org.invite.role")} options={roleOptions} />
            <FormActions>
              <SubmitButton>{t("org.invite.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}

      {access.isMember ? (
        <ConfirmStep
          id="leave"
          framed={false}
          intent="leave"
          actionData={actionData}
          heading={t("org.members.leaveHeading")}
          text={t("org.members.leaveText")}
          action={list}
          confirmLabel={t("org.members.leaveCheckbox", { organization: organization.name })}
          submitLabel={t("org.members.leaveSubmit")}
        />
      ) : null}
    </div>
  );
}
