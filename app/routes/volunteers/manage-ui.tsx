import { Link } from "react-router";
import { Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { useT } from "~/i18n/use-t.ts";
import { RoleFacts, RoleFields, type RoleView } from "./volunteers-ui.tsx";

export interface ManageView {
  parent: { kind: "activity" | "need"; id: string; title: string; isPublic: boolean };
  roles: (RoleView & { open: boolean })[];
  saved: boolean;
  inboxHref: string;
}

/** The role management page of an activity or a need: its roles (edit, close, reopen) and a form for a new one. */
export function ManageRoles({ view, actionData, title, backHref }: { view: ManageView; actionData: unknown; title: MessageKey; backHref: string }) {
  const t = useT();
  const { parent, roles, saved, inboxHref } = view;
  return (
    <div className="page">
      <PageHeading back={{ to: backHref, label: t("volunteers.manage.back", { title: parent.title }) }}>{t(title)}</PageHeading>
      <Paragraph>
        <strong>{parent.title}</strong>
      </Paragraph>
      <Paragraph>{t("volunteers.manage.intro")}</Paragraph>
      {!parent.isPublic ? <Notice tone="warning">{t("volunteers.manage.notPublic")}</Notice> : null}
      {saved ? <Notice role="status">{t("volunteers.manage.saved")}</Notice> : null}
      <Paragraph>
        <Link to={inboxHref}>{inboxHref.startsWith("/kommuner") ? t("volunteers.manage.inboxMunicipality") : t("volunteers.manage.inboxOrganization")}</Link>
      </Paragraph>
      <Section id="roller" heading={t("volunteers.manage.roles")} empty={roles.length === 0 ? t("volunteers.manage.empty") : null}>
        {roles.map((role) => (
          <div key={role.id} className="stack" data-testid="manage-role">
            <Heading level={3} data-size="xs">
              {role.title}{" "}
              <Tag data-color={role.open ? "success" : "neutral"} data-size="sm">
                {role.open ? t("volunteers.manage.open") : t("volunteers.manage.closed")}
              </Tag>
            </Heading>
            <RoleFacts role={role} />
            {role.open && parent.isPublic ? (
              <Paragraph>
                <Link to={`/frivillig/roller/${role.id}`}>{t("volunteers.manage.publicPage")}</Link>
              </Paragraph>
            ) : null}
            <details>
              <summary>{t("volunteers.manage.edit")}</summary>
              <PostForm intent="update" id={`update-${role.id}`} actionData={failureOf(actionData, role.id)} hidden={{ roleId: role.id }}>
                <RoleFields role={role} />
                <FormActions>
                  <SubmitButton>{t("volunteers.manage.save")}</SubmitButton>
                </FormActions>
              </PostForm>
            </details>
            <PostForm intent={role.open ? "close" : "reopen"} id={`open-${role.id}`} actionData={actionData} hidden={{ roleId: role.id }}>
              <SubmitButton variant="secondary">{role.open ? t("volunteers.manage.close") : t("volunteers.manage.reopen")}</SubmitButton>
            </PostForm>
          </div>
        ))}
      </Section>
      <Section id="ny-rolle" heading={t("volunteers.manage.add")}>
        <PostForm intent="create" actionData={actionData}>
          <RoleFields />
          <FormActions>
            <SubmitButton>{t("volunteers.manage.create")}</SubmitButton>
          </FormActions>
        </PostForm>
      </Section>
    </div>
  );
}

/** An update form shows a failure only when it was this role's form that failed. */
function failureOf(actionData: unknown, roleId: string): unknown {
  if (actionData && typeof actionData === "object" && "values" in actionData) {
    const values = (actionData as { values: Record<string, unknown> }).values;
    return values.roleId === roleId ? actionData : undefined;
  }
  return undefined;
}
