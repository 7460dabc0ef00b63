import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { volunteersOnStartPage } from "~/domain/volunteers/volunteers-start.server.ts";
import { useT } from "~/i18n/use-t.ts";

/** The volunteers part of the start page (issue 14): new interests waiting in the person's inboxes. Renders nothing when there is nothing for this person. */
export function VolunteersStart({ data }: { data: Awaited<ReturnType<typeof volunteersOnStartPage>> }) {
  const t = useT();
  if (!data) return null;
  return (
    <section aria-labelledby="start-volunteers-heading" className="stack" data-testid="start-volunteers">
      <Heading level={2} data-size="sm" id="start-volunteers-heading">
        {t("volunteers.start.heading")}
      </Heading>
      <ul>
        {data.organizations.map((o) => (
          <li key={o.id}>
            <Link to={`/organisasjoner/${o.id}/frivillige`}>{t("volunteers.start.newInOrganization", { name: o.name, count: o.newCount })}</Link>
          </li>
        ))}
        {data.municipalities.map((m) => (
          <li key={m.number}>
            <Link to={`/kommuner/${m.number}/frivillige/innboks`}>{t("volunteers.start.newInMunicipality", { name: m.name, count: m.newCount })}</Link>
          </li>
        ))}
      </ul>
      <Paragraph>
        <Link to="/frivillig">{t("volunteers.start.publicList")}</Link>
      </Paragraph>
    </section>
  );
}
