import { Form, Link } from "react-router";
import { Button, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/list";
import { SelectField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { Section } from "~/components/section.tsx";
import { activityLanguages } from "~/domain/activities/activities.constants.ts";
import { listPublicRoles, municipalitiesWithOpenRoles } from "~/domain/volunteers/roles.server.ts";
import { volunteerRoleKinds } from "~/domain/volunteers/volunteers.constants.ts";
import { label, labelOf } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { parsePage } from "~/lib/paging.ts";
import { getLocale } from "~/lib/route.server.ts";

/** Public, read on phones: plain HTML, the filters a GET form. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Bli frivillig"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const [result, kommuner] = await Promise.all([
    listPublicRoles({ kommune: params.get("kommune"), kind: params.get("type"), language: params.get("sprak") }, parsePage(params.get("side"))),
    municipalitiesWithOpenRoles(),
  ]);
  // After confirming an interest in a role that has closed since (its own page is gone).
  const notice: "confirmed" | "already" | null = params.has("bekreftet") ? "confirmed" : params.has("allerede") ? "already" : null;
  return { title: getTranslator(getLocale(context))("volunteers.list.title"), result, kommuner, notice };
}

function href(filters: { kommune: string | null; kind: string | null; language: string | null }, page = 1): string {
  const params = new URLSearchParams();
  if (filters.kommune) params.set("kommune", filters.kommune);
  if (filters.kind) params.set("type", filters.kind);
  if (filters.language) params.set("sprak", filters.language);
  if (page > 1) params.set("side", String(page));
  const query = params.toString();
  return query ? `/frivillig?${query}` : "/frivillig";
}

export default function VolunteerRoles({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { result, kommuner, notice } = loaderData;
  const { filters } = result;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("volunteers.list.title")}
      </Heading>
      {notice ? <Notice role="status">{notice === "confirmed" ? t("volunteers.form.confirmed") : t("volunteers.form.alreadyConfirmed")}</Notice> : null}
      <Paragraph>{t("volunteers.list.intro")}</Paragraph>
      <Form method="get" action="/frivillig" className="form" aria-label={t("volunteers.list.filters")}>
        <SelectField
          name="kommune"
          label={t("volunteers.list.filterKommune")}
          defaultValue={filters.kommune ?? ""}
          options={[{ value: "", label: t("volunteers.list.allKommuner") }, ...kommuner.map((k) => ({ value: k.number, label: k.name }))]}
        />
        <SelectField
          name="type"
          label={t("volunteers.list.filterKind")}
          defaultValue={filters.kind ?? ""}
          options={[
            { value: "", label: t("volunteers.list.allKinds") },
            ...volunteerRoleKinds.map((k) => ({ value: k, label: label(t, "volunteerRoleKind", k) })),
          ]}
        />
        <SelectField
          name="sprak"
          label={t("volunteers.list.filterLanguage")}
          defaultValue={filters.language ?? ""}
          options={[{ value: "", label: t("volunteers.list.allLanguages") }, ...activityLanguages.map((l) => ({ value: l, label: labelOf(t, "language", l) }))]}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            {t("volunteers.list.filterSubmit")}
          </Button>
        </div>
      </Form>
      <Section id="roller" heading={t("volunteers.list.count", { count: result.total })} empty={result.rows.length === 0 ? t("volunteers.list.empty") : null}>
        <ul className="stack" data-testid="volunteer-roles">
          {result.rows.map((r) => (
            <li key={r.id}>
              <Link to={`/frivillig/roller/${r.id}`}>{r.title}</Link> <span className="muted">({label(t, "volunteerRoleKind", r.kind)})</span>
              {r.policeCertificateRequired ? (
                <>
                  {" "}
                  <Tag data-color="info" data-size="sm">
                    {t("volunteers.list.policeCertificate")}
                  </Tag>
                </>
              ) : null}
              <br />
              <span className="muted">
                {r.organizationName
                  ? t("volunteers.list.where", { parent: r.parentTitle, organization: r.organizationName, municipality: r.municipalityName })
                  : t("volunteers.list.whereKommune", { parent: r.parentTitle, municipality: r.municipalityName })}
              </span>
              {r.timeCommitment ? (
                <>
                  <br />
                  {r.timeCommitment}
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      <Pagination label={t("volunteers.list.pagination")} page={result.page} pageCount={result.pageCount} href={(p) => href(filters, p)} />
    </div>
  );
}
