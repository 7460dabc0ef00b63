import { Link, redirect } from "react-router";
import { Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/members";
import { membershipRoles } from "~/domain/organizations/organizations.constants.ts";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { FormActions, FormErrorSummary, PostForm, SelectField, SubmitButton, TextField, failureFor } from "~/components/form.tsx";
import { formRules } from "~/lib/form-schema.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import type { UserActor } from "~/domain/auth/actor.ts";
import { Notice as NoticeBox } from "~/components/notice.tsx";
import { Section } from "~/components/section.tsx";
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
  const fjern = search.get("fjern");
  const trekk = search.get("trekk");
  const removing = fjern ? (result.members.find((m): m is typeof m & { userId: string } => m.userId === fjern) ?? null) : null;
  const revoking = trekk ? (result.invitations.find((i): i is typeof i & { id: string } => i.id === trekk) ?? null) : null;
  return {
    ...result,
    removing,
    revoking,
    invitationDays: INVITATION_LIFETIME_DAYS,
    inviteRules: formRules(inviteMemberSchema),
    title: getTranslator(getLocale(context))("org.members.title", {
      organization: result.organization.name,
    }),
  };
}

type Notice = {
  key: "org.members.roleChanged" | "org.members.removed" | "org.invite.sent" | "org.invitations.revoked";
  values: Record<string, string>;
};
const done = (key: Notice["key"], values: Record<string, string>) => ({
  ok: true as const,
  notice: { key, values } satisfies Notice,
});

/** The page's forms; the domain calls check who may act and validate the fields themselves. */
function intentsFor(actor: UserActor, organizationId: string, locale: ReturnType<typeof getLocale>) {
  return {
    "change-role": intent(formFields, async (values) => {
      const { name, role } = await changeMemberRole(actor, organizationId, values);
      return done("org.members.roleChanged", { name, role });
    }),
    remove: intent(formFields, async (values) =>
      done("org.members.removed", {
        name: (await removeMember(actor, organizationId, values)).name,
      }),
    ),
    invite: intent(formFields, async (values) =>
      done("org.invite.sent", {
        email: (await inviteMember(actor, organizationId, values, { locale })).email,
      }),
    ),
    revoke: intent(formFields, async (values) =>
      done("org.invitations.revoked", {
        email: (await revokeInvitation(actor, organizationId, values)).email,
      }),
    ),
    leave: intent(formFields, async (values) => {
      await leaveOrganization(actor, organizationId, values);
      throw redirect(`/organisasjoner/${organizationId}?forlatt=1`);
    }),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, intentsFor(actor, params.id, getLocale(context)));
}

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { organization, access, members, invitations, removing, revoking, invitationDays } = loaderData;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const base = `/organisasjoner/${organization.id}`;
  const roleOptions = membershipRoles.map((r) => ({
    value: r,
    label: roleLabel(t, r),
  }));

  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("org.members.title", { organization: organization.name })} <DemoTag show={organization.isDemo} />
      </Heading>
      <Paragraph>
        <Link to={base}>
          {t("org.members.backToOrganization", {
            organization: organization.name,
          })}
        </Link>
      </Paragraph>
      {notice ? <NoticeBox>{t(notice.key, notice.values)}</NoticeBox> : null}
      {!access.canManageMembers ? <Paragraph>{t("org.members.readOnly")}</Paragraph> : null}

      {removing ? (
        <ConfirmStep
          id="remove"
          intent="remove"
          actionData={actionData}
          heading={t("org.members.removeConfirmHeading", {
            name: removing.name,
          })}
          text={t("org.members.removeConfirmText", { name: removing.name })}
          hidden={{ userId: removing.userId }}
          action={`${base}/medlemmer?fjern=${removing.userId}`}
          confirmLabel={t("org.members.removeConfirmCheckbox", {
            name: removing.name,
          })}
          submitLabel={t("org.members.removeSubmit")}
          cancelTo={`${base}/medlemmer`}
        />
      ) : null}

      {revoking ? (
        <ConfirmStep
          id="revoke"
          intent="revoke"
          actionData={actionData}
          heading={t("org.invitations.revokeConfirmHeading", {
            email: revoking.email,
          })}
          text={t("org.invitations.revokeConfirmText")}
          hidden={{ invitationId: revoking.id }}
          action={`${base}/medlemmer?trekk=${revoking.id}`}
          confirmLabel={t("org.invitations.revokeCheckbox", {
            email: revoking.email,
          })}
          submitLabel={t("org.invitations.revokeSubmit")}
          cancelTo={`${base}/medlemmer`}
        />
      ) : null}

      <Section id="members" heading={t("org.detail.membersHeading")}>
        <FormErrorSummary {...failureFor(actionData, "change-role")} />
        {members.length === 0 ? (
          <Paragraph>{t("org.members.empty")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table aria-labelledby="members-heading">
              <TableHead>
                <TableRow>
                  <TableHeaderCell>{t("org.members.name")}</TableHeaderCell>
                  <TableHeaderCell>{t("org.members.email")}</TableHeaderCell>
                  <TableHeaderCell>{t("org.members.role")}</TableHeaderCell>
                  {access.canManageMembers ? <TableHeaderCell>{t("org.members.actions")}</TableHeaderCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {members.map((m) => (
                  <TableRow key={m.email}>
                    <TableCell>
                      {m.name} {m.isYou ? t("org.members.you") : null} <DemoTag show={m.isDemo} />
                    </TableCell>
                    <TableCell>{m.email}</TableCell>
                    <TableCell>{roleLabel(t, m.role)}</TableCell>
                    {access.canManageMembers && m.userId ? (
                      <TableCell>
                        <PostForm
                          intent="change-role"
                          summary={false}
                          className="inline-form"
                          action={`${base}/medlemmer`}
                          hidden={{ userId: m.userId }}
                          noValidate={false}
                        >
                          <label htmlFor={`role-${m.userId}`} className="visually-hidden">
                            {t("org.members.roleFor", { name: m.name })}
                          </label>
                          <select id={`role-${m.userId}`} name="role" className="ds-input" data-size="sm" defaultValue={m.role}>
                            {roleOptions.map((o) => (
                              <option key={o.value} value={o.value}>
                                {o.label}
                              </option>
                            ))}
                          </select>
                          <SubmitButton
                            variant="secondary"
                            data-size="sm"
                            aria-label={t("org.members.changeRoleFor", {
                              name: m.name,
                            })}
                          >
                            {t("org.members.changeRole")}
                          </SubmitButton>
                          <Link
                            to={`${base}/medlemmer?fjern=${m.userId}`}
                            aria-label={t("org.members.removeNamed", {
                              name: m.name,
                            })}
                          >
                            {t("org.members.remove")}
                          </Link>
                        </PostForm>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Section>

      <Section id="invitations" heading={t("org.invitations.heading")} empty={invitations.length === 0 ? t("org.invitations.empty") : null}>
        <div className="table-wrap">
          <Table aria-labelledby="invitations-heading">
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t("org.members.email")}</TableHeaderCell>
                <TableHeaderCell>{t("org.members.role")}</TableHeaderCell>
                <TableHeaderCell>{t("org.invitations.invitedBy")}</TableHeaderCell>
                <TableHeaderCell>{t("org.invitations.expires")}</TableHeaderCell>
                {access.canManageMembers ? <TableHeaderCell>{t("org.members.actions")}</TableHeaderCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {invitations.map((i) => (
                <TableRow key={i.email}>
                  <TableCell>{i.email}</TableCell>
                  <TableCell>{roleLabel(t, i.role)}</TableCell>
                  <TableCell>{i.invitedByName ?? t("org.invitations.unknownInviter")}</TableCell>
                  <TableCell>{format.date(i.expiresAt)}</TableCell>
                  {access.canManageMembers && i.id ? (
                    <TableCell>
                      <Link
                        to={`${base}/medlemmer?trekk=${i.id}`}
                        aria-label={t("org.invitations.revokeNamed", {
                          email: i.email,
                        })}
                      >
                        {t("org.invitations.revoke")}
                      </Link>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </Section>

      {access.canManageMembers ? (
        <Section id="invite" heading={t("org.invite.heading")}>
          <Paragraph>{t("org.invite.text", { days: invitationDays })}</Paragraph>
          <PostForm intent="invite" actionData={actionData} schema={loaderData.inviteRules} values={{ role: "member" }} action={`${base}/medlemmer`}>
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
          action={`${base}/medlemmer`}
          confirmLabel={t("org.members.leaveCheckbox", {
            organization: organization.name,
          })}
          submitLabel={t("org.members.leaveSubmit")}
        />
      ) : null}
    </div>
  );
}
