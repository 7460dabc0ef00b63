import { Link } from "react-router";
import { Card, CardBlock, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/index";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { getAdminOverview } from "~/domain/admin/roles.server.ts";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Administrasjon"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const overview = await guard(request, () => getAdminOverview(actor));
  return { title: getTranslator(getLocale(context))(overview.isNationalAdmin ? "admin.index.titleNational" : "admin.index.titleCounty"), ...overview };
}

export default function AdminIndex({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { isNationalAdmin, counties } = loaderData;
  const links = [
    { to: "/admin/roller", title: t("admin.index.rolesTitle"), text: t("admin.index.rolesText") },
    ...(isNationalAdmin ? [{ to: "/admin/logg", title: t("admin.index.auditTitle"), text: t("admin.index.auditText") }] : []),
    ...(isNationalAdmin ? [{ to: "/admin/import", title: t("jobs.link.title"), text: t("jobs.link.text") }] : []),
    ...(isNationalAdmin ? [{ to: "/oversikt", title: t("rollup.admin.nationalTitle"), text: t("rollup.admin.nationalText") }] : []),
    ...(isNationalAdmin ? [] : counties).map((c) => ({
      to: `/fylker/${c.number}/oversikt`,
      title: t("rollup.admin.countyTitle", { county: c.name }),
      text: t("rollup.admin.countyText"),
    })),
    { to: "/kommuner", title: t("admin.index.municipalitiesTitle"), text: t("admin.index.municipalitiesText") },
  ];
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t(isNationalAdmin ? "admin.index.titleNational" : "admin.index.titleCounty")}
      </Heading>
      <Paragraph>
        {isNationalAdmin ? t("admin.index.scopeNational") : t("admin.index.scopeCounty", { counties: counties.map((c) => c.name).join(", ") })}
      </Paragraph>
      <ul className="card-grid">
        {links.map((link) => (
          <li key={link.to}>
            <Card data-color="neutral">
              <CardBlock>
                <Heading level={2} data-size="sm">
                  <Link to={link.to}>{link.title}</Link>
                </Heading>
                <Paragraph>{link.text}</Paragraph>
              </CardBlock>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
