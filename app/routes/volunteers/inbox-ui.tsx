import { Form, Link } from "react-router";
import { Button, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { DateField, FormActions, PostForm, SelectField, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { trackedInterestStatuses, type InterestStatus } from "~/domain/volunteers/volunteers.constants.ts";
import { label } from "~/i18n/labels.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { languageList } from "./volunteers-ui.tsx";

export interface InboxView {
  name: string;
  status: InterestStatus | null;
  saved: boolean;
  result: {
    total: number;
    page: number;
    pageCount: number;
    rows: {
      id: string;
      name: string;
      email: string;
      phone: string | null;
      languages: string[];
      message: string;
      status: InterestStatus;
      confirmedAt: Date | null;
      policeCertificateSeenOn: string | null;
      roleId: string;
      roleTitle: string;
      policeCertificateRequired: boolean;
    }[];
  };
}

/** An inbox of confirmed interests with the follow-up form on each (status; the politiattest's seen-on date when the role needs one). */
export function Inbox({
  view,
  actionData,
  title,
  path,
  back,
}: {
  view: InboxView;
  actionData: unknown;
  title: MessageKey;
  path: string;
  back: { to: string; label: string };
}) {
  const t = useT();
  const format = useFormat();
  const { result, status, saved } = view;
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (status) params.set("status", status);
    if (page > 1) params.set("side", String(page));
    const q = params.toString();
    return q ? `${path}?${q}` : path;
  };
  return (
    <div className="page">
      <PageHeading back={back}>{t(title)}</PageHeading>
      <Paragraph>
        <strong>{view.name}</strong>
      </Paragraph>
      <Paragraph>{t("volunteers.inbox.intro")}</Paragraph>
      <Paragraph data-size="sm">{t("volunteers.inbox.certificateIntro")}</Paragraph>
      {saved ? <Notice role="status">{t("volunteers.inbox.saved")}</Notice> : null}
      <Form method="get" action={path} className="form">
        <SelectField
          name="status"
          label={t("volunteers.inbox.filter")}
          defaultValue={status ?? ""}
          options={[
            { value: "", label: t("volunteers.inbox.allStatuses") },
            ...trackedInterestStatuses.map((s) => ({ value: s, label: label(t, "interestStatus", s) })),
          ]}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            {t("volunteers.inbox.filterSubmit")}
          </Button>
        </div>
      </Form>
      <Section
        id="interesser"
        heading={t("volunteers.inbox.count", { count: result.total })}
        empty={result.rows.length === 0 ? t("volunteers.inbox.empty") : null}
      >
        <ul className="stack" data-testid="volunteer-inbox">
          {result.rows.map((r) => (
            <li key={r.id} className="stack" data-testid="volunteer-interest">
              <Heading level={3} data-size="xs">
                {r.name}{" "}
                <Tag data-color={r.status === "new" ? "warning" : "neutral"} data-size="sm">
                  {label(t, "interestStatus", r.status)}
                </Tag>
              </Heading>
              <Paragraph data-size="sm">
                <Link to={`/frivillig/roller/${r.roleId}`}>{t("volunteers.inbox.role", { role: r.roleTitle })}</Link>
                {r.confirmedAt ? ` · ${t("volunteers.inbox.confirmedAt", { date: format.date(r.confirmedAt) })}` : null}
              </Paragraph>
              <dl>
                <dt>{t("volunteers.inbox.email")}</dt>
                <dd>
                  <a href={`mailto:${r.email}`}>{r.email}</a>
                </dd>
                {r.phone ? (
                  <>
                    <dt>{t("volunteers.inbox.phone")}</dt>
                    <dd>
                      <a href={`tel:${r.phone.replace(/\s/g, "")}`}>{r.phone}</a>
                    </dd>
                  </>
                ) : null}
                {r.languages.length ? (
                  <>
                    <dt>{t("volunteers.inbox.languages")}</dt>
                    <dd>{languageList(t, r.languages)}</dd>
                  </>
                ) : null}
                {r.message ? (
                  <>
                    <dt>{t("volunteers.inbox.message")}</dt>
                    <dd style={{ whiteSpace: "pre-wrap" }}>{r.message}</dd>
                  </>
                ) : null}
                {r.policeCertificateRequired ? (
                  <>
                    <dt>{t("volunteers.role.policeCertificate")}</dt>
                    <dd>
                      {r.policeCertificateSeenOn
                        ? t("volunteers.inbox.certificateSeen", { date: format.date(new Date(`${r.policeCertificateSeenOn}T12:00:00Z`)) })
                        : t("volunteers.inbox.certificateRequired")}
                    </dd>
                  </>
                ) : null}
              </dl>
              <PostForm intent="update" id={`interest-${r.id}`} actionData={failureOf(actionData, r.id)} hidden={{ interestId: r.id }}>
                <SelectField
                  name="status"
                  label={t("volunteers.inbox.status")}
                  defaultValue={r.status}
                  options={trackedInterestStatuses.map((s) => ({ value: s, label: label(t, "interestStatus", s) }))}
                />
                {r.policeCertificateRequired ? (
                  <DateField
                    name="policeCertificateSeenOn"
                    label={t("volunteers.inbox.seenOn")}
                    description={t("volunteers.inbox.seenOnHelp")}
                    defaultValue={r.policeCertificateSeenOn ?? ""}
                  />
                ) : null}
                <FormActions>
                  <SubmitButton variant="secondary">{t("volunteers.inbox.save")}</SubmitButton>
                </FormActions>
              </PostForm>
            </li>
          ))}
        </ul>
      </Section>
      <Pagination label={t("volunteers.inbox.pagination")} page={result.page} pageCount={result.pageCount} href={href} />
    </div>
  );
}

function failureOf(actionData: unknown, interestId: string): unknown {
  if (actionData && typeof actionData === "object" && "values" in actionData) {
    return (actionData as { values: Record<string, unknown> }).values.interestId === interestId ? actionData : undefined;
  }
  return undefined;
}
