import { Form, Link, data, redirect, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/members";
import { membershipRoles } from "~/domain/organizations/organizations.constants.ts";
import { CsrfField } from "~/components/csrf.tsx";
import { FormErrorSummary, SelectField, TextField, formFailure } from "~/components/form.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { formAction, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { changeMemberRole, leaveOrganization, listMembers, removeMember } from "~/domain/organizations/members.server.ts";
import { inviteMember, revokeInvitation } from "~/domain/organizations/invitations.server.ts";
import { INVITATION_LIFETIME_DAYS } from "~/domain/organizations/organizations.schema.ts";
import { ConfirmCheckbox, DemoTag, roleLabel } from "./org-ui.tsx";

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
    title: getTranslator(getLocale(context))("org.members.title", { organization: result.organization.name }),
  };
}

type Notice = { key: "org.members.roleChanged" | "org.members.removed" | "org.invite.sent" | "org.invitations.revoked"; values: Record<string, string> };

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const locale = getLocale(context);
  return formAction(request, values, async (): Promise<{ ok: true; notice: Notice }> => {
    switch (values.intent) {
      case "change-role": {
        const { name, role } = await changeMemberRole(actor, params.id, values);
        return { ok: true, notice: { key: "org.members.roleChanged", values: { name, role } } };
      }
      case "remove": {
        const { name } = await removeMember(actor, params.id, values);
        return { ok: true, notice: { key: "org.members.removed", values: { name } } };
      }
      case "invite": {
        const { email } = await inviteMember(actor, params.id, values, { locale });
        return { ok: true, notice: { key: "org.invite.sent", values: { email } } };
      }
      case "revoke": {
        const { email } = await revokeInvitation(actor, params.id, values);
        return { ok: true, notice: { key: "org.invitations.revoked", values: { email } } };
      }
      case "leave":
        await leaveOrganization(actor, params.id, values);
        throw redirect(`/organisasjoner/${params.id}?forlatt=1`);
      default:
        throw data({ messageKey: "errors.badRequest" }, { status: 400 });
    }
  });
}

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const busy = useNavigation().state === "submitting";
  const { organization, access, members, invitations, removing, revoking, invitationDays } = loaderData;
  const failure = formFailure(actionData);
  const failedIntent = failure.values.intent;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const base = `/organisasjoner/${organization.id}`;
  const errorsFor = (intent: string) => (failedIntent === intent ? failure : { formError: undefined, fieldErrors: {}, values: {} as Record<string, string> });

  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("org.members.title", { organization: organization.name })} <DemoTag show={organization.isDemo} />
      </Heading>
      <Paragraph>
        <Link to={base}>{t("org.members.backToOrganization", { organization: organization.name })}</Link>
      </Paragraph>
      {notice ? (
        <Alert data-color="success" role="status">
          {t(notice.key, notice.values)}
        </Alert>
      ) : null}
      {!access.canManageMembers ? <Paragraph>{t("org.members.readOnly")}</Paragraph> : null}

      {removing ? (
        <section aria-labelledby="remove-heading" className="stack">
          <Alert data-color="warning">
            <Heading level={2} data-size="xs" id="remove-heading">
              {t("org.members.removeConfirmHeading", { name: removing.name })}
            </Heading>
            <Paragraph>{t("org.members.removeConfirmText", { name: removing.name })}</Paragraph>
            <FormErrorSummary formError={errorsFor("remove").formError} fieldErrors={errorsFor("remove").fieldErrors} />
            {/* Posts back to the confirmation URL, so a missing tick re-shows this step with its message. */}
            <Form method="post" className="form" action={`${base}/medlemmer?fjern=${removing.userId}`}>
              <CsrfField />
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="userId" value={removing.userId} />
              <ConfirmCheckbox name="confirm" label={t("org.members.removeConfirmCheckbox", { name: removing.name })} error={errorsFor("remove").fieldErrors.confirm} />
              <div className="form-actions">
                <Button type="submit" data-color="danger" disabled={busy}>
                  {t("org.members.removeSubmit")}
                </Button>
                <Link to={`${base}/medlemmer`}>{t("common.cancel")}</Link>
              </div>
            </Form>
          </Alert>
        </section>
      ) : null}

      {revoking ? (
        <section aria-labelledby="revoke-heading" className="stack">
          <Alert data-color="warning">
            <Heading level={2} data-size="xs" id="revoke-heading">
              {t("org.invitations.revokeConfirmHeading", { email: revoking.email })}
            </Heading>
            <Paragraph>{t("org.invitations.revokeConfirmText")}</Paragraph>
            <FormErrorSummary formError={errorsFor("revoke").formError} fieldErrors={errorsFor("revoke").fieldErrors} />
            <Form method="post" className="form" action={`${base}/medlemmer?trekk=${revoking.id}`}>
              <CsrfField />
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="invitationId" value={revoking.id} />
              <ConfirmCheckbox name="confirm" label={t("org.invitations.revokeCheckbox", { email: revoking.email })} error={errorsFor("revoke").fieldErrors.confirm} />
              <div className="form-actions">
                <Button type="submit" data-color="danger" disabled={busy}>
                  {t("org.invitations.revokeSubmit")}
                </Button>
                <Link to={`${base}/medlemmer`}>{t("common.cancel")}</Link>
              </div>
            </Form>
          </Alert>
        </section>
      ) : null}

      <section aria-labelledby="members-heading" className="stack">
        <Heading level={2} data-size="sm" id="members-heading">
          {t("org.detail.membersHeading")}
        </Heading>
        {failedIntent === "change-role" ? <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} /> : null}
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
                        <Form method="post" className="inline-form" action={`${base}/medlemmer`}>
                          <CsrfField />
                          <input type="hidden" name="intent" value="change-role" />
                          <input type="hidden" name="userId" value={m.userId} />
                          <label htmlFor={`role-${m.userId}`} className="visually-hidden">
                            {t("org.members.roleFor", { name: m.name })}
                          </label>
                          <select id={`role-${m.userId}`} name="role" className="ds-input" data-size="sm" defaultValue={m.role}>
                            {membershipRoles.map((r) => (
                              <option key={r} value={r}>
                                {roleLabel(t, r)}
                              </option>
                            ))}
                          </select>
                          <Button type="submit" variant="secondary" data-size="sm" disabled={busy} aria-label={t("org.members.changeRoleFor", { name: m.name })}>
                            {t("org.members.changeRole")}
                          </Button>
                          <Link to={`${base}/medlemmer?fjern=${m.userId}`} aria-label={t("org.members.removeNamed", { name: m.name })}>
                            {t("org.members.remove")}
                          </Link>
                        </Form>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="invitations-heading" className="stack">
        <Heading level={2} data-size="sm" id="invitations-heading">
          {t("org.invitations.heading")}
        </Heading>
        {invitations.length === 0 ? (
          <Paragraph>{t("org.invitations.empty")}</Paragraph>
        ) : (
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
                        <Link to={`${base}/medlemmer?trekk=${i.id}`} aria-label={t("org.invitations.revokeNamed", { email: i.email })}>
                          {t("org.invitations.revoke")}
                        </Link>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>

      {access.canManageMembers ? (
        <section aria-labelledby="invite-heading" className="stack">
          <Heading level={2} data-size="sm" id="invite-heading">
            {t("org.invite.heading")}
          </Heading>
          <Paragraph>{t("org.invite.text", { days: invitationDays })}</Paragraph>
          <FormErrorSummary formError={errorsFor("invite").formError} fieldErrors={errorsFor("invite").fieldErrors} />
          <Form method="post" className="form" action={`${base}/medlemmer`} noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="invite" />
            <TextField
              name="email"
              type="email"
              label={t("org.invite.email")}
              autoComplete="off"
              required
              maxLength={254}
              defaultValue={errorsFor("invite").values.email}
              error={errorsFor("invite").fieldErrors.email}
            />
            <SelectField
              name="role"
              label={t("org.invite.role")}
              required
              defaultValue={errorsFor("invite").values.role ?? "member"}
              error={errorsFor("invite").fieldErrors.role}
              options={membershipRoles.map((r) => ({ value: r, label: roleLabel(t, r) }))}
            />
            <div className="form-actions">
              <Button type="submit" disabled={busy}>
                {t("org.invite.submit")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}

      {access.isMember ? (
        <section aria-labelledby="leave-heading" className="stack">
          <Heading level={2} data-size="sm" id="leave-heading">
            {t("org.members.leaveHeading")}
          </Heading>
          <Paragraph>{t("org.members.leaveText")}</Paragraph>
          <FormErrorSummary formError={errorsFor("leave").formError} fieldErrors={errorsFor("leave").fieldErrors} />
          <Form method="post" className="form" action={`${base}/medlemmer`}>
            <CsrfField />
            <input type="hidden" name="intent" value="leave" />
            <ConfirmCheckbox
              name="confirm"
              label={t("org.members.leaveCheckbox", { organization: organization.name })}
              error={errorsFor("leave").fieldErrors.confirm}
            />
            <div className="form-actions">
              <Button type="submit" variant="secondary" data-color="danger" disabled={busy}>
                {t("org.members.leaveSubmit")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
