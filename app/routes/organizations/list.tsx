import { Form, Link } from "react-router";
import { Button, Card, CardBlock, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/list";
import { SelectField, TextField } from "~/components/form.tsx";
import { useRootData } from "~/components/csrf.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { getLocale, guard } from "~/lib/route.server.ts";
import { listOrganizations } from "~/domain/organizations/organizations.server.ts";
import { listMunicipalities } from "~/domain/reference/reference.server.ts";
import { labelOptions, label } from "~/i18n/labels.ts";
import { DemoTag, municipalityOptions } from "./org-ui.tsx";

/** Public and read on cheap phones: plain HTML, its search is an ordinary GET form. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const [result, municipalities] = await guard(request, () =>
    Promise.all([
      listOrganizations({
        q: params.get("q") ?? "",
        kind: params.get("type") || undefined,
        municipality: params.get("kommune") || undefined,
        page: params.get("side") ?? 1,
      }),
      listMunicipalities(),
    ]),
  );
  return { title: getTranslator(getLocale(context))("org.list.title"), result, municipalities };
}

function pageHref(query: { q: string; kind: string | null; municipality: string | null }, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.kind) params.set("type", query.kind);
  if (query.municipality) params.set("kommune", query.municipality);
  if (page > 1) params.set("side", String(page));
  const search = params.toString();
  return `/organisasjoner${search ? `?${search}` : ""}`;
}

export default function OrganizationList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const signedIn = Boolean(useRootData()?.user);
  const { result, municipalities } = loaderData;
  const { query } = result;
  const filtered = Boolean(query.q || query.kind || query.municipality);
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("org.list.title")}
      </Heading>
      <Paragraph>{t("org.list.intro")}</Paragraph>
      {signedIn ? (
        <Paragraph>
          <Link to="/organisasjoner/ny" className="ds-button" data-variant="primary">
            {t("org.list.register")}
          </Link>
        </Paragraph>
      ) : null}

      <section aria-labelledby="org-search-heading" className="stack">
        <Heading level={2} data-size="sm" id="org-search-heading">
          {t("org.list.searchHeading")}
        </Heading>
        <Form method="get" className="form" role="search" aria-labelledby="org-search-heading">
          <TextField name="q" type="search" label={t("org.list.q")} maxLength={200} defaultValue={query.q} />
          <SelectField
            name="type"
            label={t("org.list.kind")}
            defaultValue={query.kind ?? ""}
            options={[{ value: "", label: t("org.list.kindAll") }, ...labelOptions(t, "organizationKind")]}
          />
          <SelectField
            name="kommune"
            label={t("org.list.municipality")}
            defaultValue={query.municipality ?? ""}
            options={[{ value: "", label: t("org.list.municipalityAll") }, ...municipalityOptions(municipalities)]}
          />
          <div className="form-actions">
            <Button type="submit">{t("org.list.submit")}</Button>
            {filtered ? <Link to="/organisasjoner">{t("org.list.reset")}</Link> : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="org-results-heading" className="stack">
        <Heading level={2} data-size="sm" id="org-results-heading">
          {t("org.list.resultsHeading")}
        </Heading>
        <Paragraph>
          {result.total > 0
            ? t("org.list.countWithPage", { count: result.total, page: result.page, pages: result.pageCount })
            : t("org.list.count", { count: 0 })}
        </Paragraph>
        {result.items.length === 0 ? (
          <Paragraph>{result.total > 0 ? t("org.list.pageEmpty") : t("org.list.empty")}</Paragraph>
        ) : (
          <ul className="card-grid">
            {result.items.map((org) => (
              <li key={org.id}>
                <Card data-color="neutral">
                  <CardBlock>
                    <Heading level={3} data-size="xs">
                      <Link to={`/organisasjoner/${org.id}`}>{org.name}</Link>
                    </Heading>
                    <Paragraph data-size="sm">
                      {label(t, "organizationKind", org.kind)} <DemoTag show={org.isDemo} />
                    </Paragraph>
                    <Paragraph data-size="sm" className="muted">
                      {org.municipalities.length > 0
                        ? t("org.list.serves", { municipalities: org.municipalities.map((m) => m.name).join(", ") })
                        : t("org.list.noMunicipalities")}
                    </Paragraph>
                  </CardBlock>
                </Card>
              </li>
            ))}
          </ul>
        )}
        <Pagination label={t("org.list.pagination")} page={result.page} pageCount={result.pageCount} href={(page) => pageHref(query, page)} />
      </section>
    </div>
  );
}
