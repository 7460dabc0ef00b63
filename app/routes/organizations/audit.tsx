import { Link } from "react-router";
import { Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/audit";
import { getTranslator } from "~/i18n/translate.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { useIntl } from "react-intl";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Translate } from "~/i18n/translate.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { listOrganizationAudit } from "~/domain/organizations/organizations.server.ts";
import { CursorPagination } from "~/components/pagination.tsx";
import { DemoTag, formatAuditValue } from "./org-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const before = new URL(request.url).searchParams.get("eldre") ?? undefined;
  const { organization, entries, nextBefore } = await guard(request, () => listOrganizationAudit(actor, params.id, { before }));
  return {
    organization,
    entries,
    nextBefore,
    isFirstPage: !before,
    title: getTranslator(getLocale(context))("org.audit.title", { organization: organization.name }),
  };
}

/** Labels for known keys; anything else (another module's action or field) is shown as stored. */
function labelOr(t: Translate, known: Record<string, unknown>, key: string, fallback: string): string {
  return key in known ? t(key as MessageKey) : fallback;
}

export default function OrganizationAudit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  // The messages of the current language, to tell known labels from stored raw values.
  const known = useIntl().messages;
  const format = useFormat();
  const { organization, entries, nextBefore, isFirstPage } = loaderData;
  const base = `/organisasjoner/${organization.id}`;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("org.audit.title", { organization: organization.name })} <DemoTag show={organization.isDemo} />
      </Heading>
      <Paragraph>
        <Link to={base}>{t("org.members.backToOrganization", { organization: organization.name })}</Link>
      </Paragraph>
      {entries.length === 0 ? (
        <Paragraph>{t("org.audit.empty")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table>
            <caption>{t("org.audit.caption")}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t("org.audit.when")}</TableHeaderCell>
                <TableHeaderCell>{t("org.audit.who")}</TableHeaderCell>
                <TableHeaderCell>{t("org.audit.actionColumn")}</TableHeaderCell>
                <TableHeaderCell>{t("org.audit.changes")}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.map((entry) => {
                const { changes } = entry;
                return (
                  <TableRow key={entry.id}>
                    <TableCell>{format.dateTime(entry.at)}</TableCell>
                    <TableCell>{entry.actorEmail ?? t("org.audit.unknownActor")}</TableCell>
                    <TableCell>{labelOr(t, known, `org.audit.action.${entry.action}`, entry.action)}</TableCell>
                    <TableCell>
                      {changes.length === 0 ? (
                        t("org.audit.noChanges")
                      ) : (
                        <ul>
                          {changes.map((c) => (
                            <li key={c.field}>
                              {c.oneSided
                                ? t("org.audit.valueLine", {
                                    field: labelOr(t, known, `org.audit.field.${c.field}`, c.field),
                                    value: formatAuditValue(t, format.date, c.field, c.after ?? c.before) || t("org.audit.emptyValue"),
                                  })
                                : t("org.audit.changeLine", {
                                    field: labelOr(t, known, `org.audit.field.${c.field}`, c.field),
                                    before: formatAuditValue(t, format.date, c.field, c.before) || t("org.audit.emptyValue"),
                                    after: formatAuditValue(t, format.date, c.field, c.after) || t("org.audit.emptyValue"),
                                  })}
                            </li>
                          ))}
                        </ul>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      <CursorPagination
        label={t("org.audit.pagination")}
        first={!isFirstPage ? { href: `${base}/logg`, label: t("org.audit.newest") } : null}
        next={nextBefore ? { href: `${base}/logg?eldre=${nextBefore}`, label: t("org.audit.older") } : null}
      />
    </div>
  );
}
