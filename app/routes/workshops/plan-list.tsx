import { Link } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/plan-list";
import { PageHeading, Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { label } from "~/i18n/labels.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { listWorkshops, organiserOptions } from "~/domain/workshops/plan.server.ts";
import { receivesEscalations } from "~/domain/workshops/escalations.server.ts";
import { useWorkshopTime } from "./plan-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Utviklingsverksteder"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const workshops = await guard(request, () => listWorkshops(actor));
  return {
    title: getTranslator(getLocale(context))("workshops.list.title"),
    workshops,
    mayCreate: (await organiserOptions(actor)).length > 0,
    /** County advisors and IMDi: obstacles handed up to them, and obstacles across kommuner. */
    readsAcross: receivesEscalations(actor),
  };
}

export default function WorkshopList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const managed = loaderData.workshops.filter((w) => w.manages);
  const taking = loaderData.workshops.filter((w) => !w.manages);
  return (
    <div className="page">
      <PageHeading>{t("workshops.list.title")}</PageHeading>
      <Paragraph>{t("workshops.list.intro")}</Paragraph>
      {loaderData.mayCreate ? (
        <Paragraph>
          <Link to="/verksteder/ny">{t("workshops.list.new")}</Link>
        </Paragraph>
      ) : null}
      {loaderData.readsAcross ? (
        <ul>
          <li>
            <Link to="/verksteder/innspill">{t("workshops.escalation.inbox.title")}</Link>
          </li>
          <li>
            <Link to="/verksteder/hindringer-pa-tvers">{t("workshops.common.title")}</Link>
          </li>
        </ul>
      ) : null}
      {loaderData.workshops.length === 0 ? <Paragraph>{t("workshops.list.empty")}</Paragraph> : null}
      {managed.length > 0 ? (
        <Section id="managed" heading={t("workshops.list.managed")}>
          <WorkshopItems items={managed} />
        </Section>
      ) : null}
      {taking.length > 0 ? (
        <Section id="taking" heading={t("workshops.list.taking")}>
          <WorkshopItems items={taking} />
        </Section>
      ) : null}
    </div>
  );
}

function WorkshopItems({ items }: { items: Route.ComponentProps["loaderData"]["workshops"] }) {
  const t = useT();
  const time = useWorkshopTime();
  return (
    <ul>
      {items.map((w) => (
        <li key={w.id}>
          <Link to={`/verksteder/${w.id}`}>{w.title}</Link> – {label(t, "workshopStatus", w.status)}
          {w.municipalityNames.length ? ` · ${w.municipalityNames.join(", ")}` : ""}
          {w.firstStartsAt ? ` · ${time.date(w.firstStartsAt)}` : ""}
        </li>
      ))}
    </ul>
  );
}
