import { Link } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/kommune-volunteers";
import { DataTable } from "~/components/data-table.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { getKommuneVolunteers } from "~/domain/volunteers/counts.server.ts";
import { labelOf } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";
import { getActor, guard, requireUser } from "~/lib/route.server.ts";

/** Server-rendered tables; nothing on the page needs JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireUser(context, request);
  const page = new URL(request.url).searchParams.get("side");
  const data = await guard(request, () => getKommuneVolunteers(getActor(context), params.number, { page }));
  return { title: data.municipality.name, ...data };
}

export default function KommuneVolunteers({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const d = loaderData;
  const base = `/kommuner/${d.municipality.number}`;
  return (
    <div className="page">
      <PageHeading back={{ to: base, label: d.municipality.name, size: "sm" }}>{t("volunteerSelf.kommune.heading", { name: d.municipality.name })}</PageHeading>
      <Paragraph>{t("volunteerSelf.kommune.intro")}</Paragraph>
      <Paragraph data-size="lg">
        <strong>{t("volunteerSelf.kommune.total", { count: d.total })}</strong>
      </Paragraph>
      {d.mayContact ? (
        <Paragraph>
          <Link to={`${base}/frivillige/innboks`}>{t("volunteerSelf.kommune.inbox")}</Link>
        </Paragraph>
      ) : null}

      <Section id="by-language" heading={t("volunteerSelf.kommune.byLanguage")}>
        <DataTable
          labelledBy="by-language-heading"
          rows={d.byLanguage}
          rowKey={(r) => r.value}
          empty={t("volunteerSelf.kommune.none")}
          columns={[
            { header: t("volunteerSelf.kommune.language"), cell: (r) => labelOf(t, "languageName", r.value) },
            { header: t("volunteerSelf.kommune.count"), cell: (r) => r.n },
          ]}
        />
      </Section>

      <Section id="by-kind" heading={t("volunteerSelf.kommune.byKind")}>
        <DataTable
          labelledBy="by-kind-heading"
          rows={d.byKind}
          rowKey={(r) => r.value}
          empty={t("volunteerSelf.kommune.none")}
          columns={[
            { header: t("volunteerSelf.kommune.kind"), cell: (r) => labelOf(t, "volunteerRoleKind", r.value) },
            { header: t("volunteerSelf.kommune.count"), cell: (r) => r.n },
          ]}
        />
      </Section>

      <Section id="contactable" heading={t("volunteerSelf.kommune.contactableHeading")}>
        <Paragraph>{t("volunteerSelf.kommune.contactableCount", { count: d.contactableCount })}</Paragraph>
        {d.mayContact ? (
          <>
            <DataTable
              labelledBy="contactable-heading"
              rows={d.contactable}
              rowKey={(r) => r.email}
              columns={[
                { header: t("volunteerSelf.kommune.name"), cell: (r) => r.name },
                {
                  header: t("volunteerSelf.kommune.contact"),
                  cell: (r) => (
                    <>
                      <a href={`mailto:${r.email}`}>{r.email}</a>
                      {r.phone ? (
                        <>
                          <br />
                          {r.phone}
                        </>
                      ) : null}
                    </>
                  ),
                },
                { header: t("volunteerSelf.kommune.languages"), cell: (r) => r.languages.map((l) => labelOf(t, "languageName", l)).join(", ") },
                { header: t("volunteerSelf.kommune.kinds"), cell: (r) => r.roleKinds.map((k) => labelOf(t, "volunteerRoleKind", k)).join(", ") },
                { header: t("volunteerSelf.kommune.availability"), cell: (r) => r.availability.map((a) => labelOf(t, "volunteerAvailability", a)).join(", ") },
                { header: t("volunteerSelf.kommune.likes"), cell: (r) => r.likesToDo },
              ]}
            />
            <Pagination label={t("volunteerSelf.kommune.pagination")} page={d.page} pageCount={d.pageCount} href={(p) => `${base}/frivillige?side=${p}`} />
          </>
        ) : (
          <Paragraph>{t("volunteerSelf.kommune.contactableOnlyOwn")}</Paragraph>
        )}
      </Section>
    </div>
  );
}
