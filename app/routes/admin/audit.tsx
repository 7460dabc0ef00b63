import { Form, Link } from "react-router";
import { Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/audit";
import { SelectField } from "~/components/form.tsx";
import { CursorPagination } from "~/components/pagination.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { listAuditEntries, listAuditFacets } from "~/domain/audit/audit.server.ts";
import { auditQuerySchema } from "~/domain/audit/audit.schema.ts";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Endringslogg"} – Samspill` }];
}

/** Before/after as indented JSON; null when there was nothing (a creation has no "before"). */
function readableJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value, null, 2);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const params = new URL(request.url).searchParams;
  const query = auditQuerySchema.parse({
    before: params.get("før") ?? undefined,
    action: params.get("handling") ?? undefined,
    entityType: params.get("type") ?? undefined,
  });
  const [page, facets] = await guard(request, () => Promise.all([listAuditEntries(actor, query), listAuditFacets(actor)]));
  return {
    title: getTranslator(getLocale(context))("admin.audit.title"),
    query,
    facets,
    nextBefore: page.nextBefore,
    entries: page.entries.map((entry) => ({
      id: entry.id,
      at: entry.at,
      actorEmail: entry.actorEmail,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      ip: entry.ip,
      before: readableJson(entry.before),
      after: readableJson(entry.after),
    })),
  };
}

function logHref(filter: { action?: string; entityType?: string }, before?: number): string {
  const params = new URLSearchParams();
  if (filter.action) params.set("handling", filter.action);
  if (filter.entityType) params.set("type", filter.entityType);
  if (before) params.set("før", String(before));
  const search = params.toString();
  return `/admin/logg${search ? `?${search}` : ""}`;
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { query, facets, entries, nextBefore } = loaderData;
  const filtered = Boolean(query.action || query.entityType);
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("admin.audit.title")}
      </Heading>
      <Paragraph>{t("admin.audit.intro")}</Paragraph>

      <Form method="get" action="/admin/logg" className="form" role="search" aria-label={t("admin.audit.filterLabel")}>
        <SelectField
          name="handling"
          label={t("admin.audit.action")}
          defaultValue={query.action ?? ""}
          options={[{ value: "", label: t("admin.audit.actionAll") }, ...facets.actions.map((a) => ({ value: a, label: a }))]}
        />
        <SelectField
          name="type"
          label={t("admin.audit.entityType")}
          defaultValue={query.entityType ?? ""}
          options={[{ value: "", label: t("admin.audit.entityTypeAll") }, ...facets.entityTypes.map((e) => ({ value: e, label: e }))]}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            {t("admin.audit.submit")}
          </Button>
          {filtered ? <Link to="/admin/logg">{t("admin.audit.reset")}</Link> : null}
        </div>
      </Form>

      {entries.length === 0 ? (
        <Paragraph>{t("admin.audit.empty")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table data-size="sm" zebra>
            <caption className="visually-hidden">{t("admin.audit.caption")}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell scope="col">{t("admin.audit.col.time")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("admin.audit.col.actor")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("admin.audit.col.action")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("admin.audit.col.entity")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("admin.audit.col.changes")}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.map((entry) => (
                <TableRow key={entry.id}>
                  <TableCell>
                    <time dateTime={new Date(entry.at).toISOString()}>{format.dateTime(entry.at)}</time>
                  </TableCell>
                  <TableCell>{entry.actorEmail ?? t("admin.audit.system")}</TableCell>
                  <TableCell>
                    <code>{entry.action}</code>
                  </TableCell>
                  <TableCell>
                    <code>{entry.entityType}</code>
                    {entry.entityId ? (
                      <>
                        <br />
                        <span className="muted" style={{ overflowWrap: "anywhere" }}>
                          {entry.entityId}
                        </span>
                      </>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <details>
                      <summary>{t("admin.audit.showChanges")}</summary>
                      <Paragraph data-size="sm">
                        <strong>{t("admin.audit.before")}</strong>
                      </Paragraph>
                      <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", maxWidth: "40rem", margin: 0 }}>{entry.before ?? "–"}</pre>
                      <Paragraph data-size="sm">
                        <strong>{t("admin.audit.after")}</strong>
                      </Paragraph>
                      <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", maxWidth: "40rem", margin: 0 }}>{entry.after ?? "–"}</pre>
                      {entry.ip ? (
                        <Paragraph data-size="sm" className="muted">
                          {t("admin.audit.ip", { ip: entry.ip })}
                        </Paragraph>
                      ) : null}
                    </details>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}

      <CursorPagination
        label={t("admin.audit.pagination")}
        first={query.before ? { href: logHref(query), label: t("admin.audit.newest") } : null}
        next={nextBefore ? { href: logHref(query, nextBefore), label: t("admin.audit.older") } : null}
      />
    </div>
  );
}
