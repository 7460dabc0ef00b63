import { Link } from "react-router";
import { Card, CardBlock, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/networks";
import { Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { getLocale, guard } from "~/lib/route.server.ts";
import { listNetworks } from "~/domain/events/networks.server.ts";

/** Public: plain HTML. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Nettverk"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  return { title: getTranslator(getLocale(context))("events.networks.title"), networks: await guard(request, () => listNetworks()) };
}

export default function Networks({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("events.networks.title")}
      </Heading>
      <Paragraph>{t("events.networks.intro")}</Paragraph>
      <Section id="networks" heading={t("events.networks.listHeading")} empty={loaderData.networks.length === 0 ? t("events.networks.empty") : null}>
        <ul className="card-grid">
          {loaderData.networks.map((n) => (
            <li key={n.id}>
              <Card data-color="neutral">
                <CardBlock>
                  <Heading level={3} data-size="xs">
                    <Link to={`/nettverk/${n.id}`}>{n.name}</Link>
                  </Heading>
                  {n.countyName ? <Paragraph data-size="sm">{n.countyName}</Paragraph> : null}
                  <Paragraph data-size="sm" className="muted">
                    {t("events.networks.members", { count: n.members })}
                  </Paragraph>
                </CardBlock>
              </Card>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
