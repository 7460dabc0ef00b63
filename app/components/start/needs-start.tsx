import { Link } from "react-router";
import { Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { needsOnStartPage } from "~/domain/needs/needs-start.server.ts";
import { label } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";

/** The needs part of the start page (issue 14); renders nothing when there is nothing for this person. */
export function NeedsStart({ data }: { data: Awaited<ReturnType<typeof needsOnStartPage>> }) {
  const t = useT();
  if (!data) return null;
  return (
    <section aria-labelledby="start-needs-heading" className="stack" data-testid="start-needs">
      <Heading level={2} data-size="sm" id="start-needs-heading">
        {t("needs.start.heading")}
      </Heading>
      {data.needs.length > 0 ? (
        <>
          <Heading level={3} data-size="xs">
            {t("needs.start.ownNeeds")}
          </Heading>
          <ul>
            {data.needs.map((n) => (
              <li key={n.id}>
                <Link to={`/behov/${n.id}`}>{n.title}</Link> –{" "}
                {t("needs.progress", { accepted: Math.min(n.accepted, n.quantity), quantity: n.quantity, unit: label(t, "needUnit", n.unit) })}
                {n.pending > 0 ? (
                  <>
                    {" "}
                    <Tag data-color="warning">{t("needs.start.pending", { count: n.pending })}</Tag>
                  </>
                ) : null}
                {n.expired ? (
                  <>
                    {" "}
                    <Tag data-color="danger">{t("needs.start.expired")}</Tag>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.commitments.length > 0 ? (
        <>
          <Heading level={3} data-size="xs">
            {t("needs.start.commitments")}
          </Heading>
          <ul>
            {data.commitments.map((c) => (
              <li key={`${c.needId}-${c.organizationName}`}>
                <Link to={`/behov/${c.needId}`}>{c.title}</Link> – {c.organizationName}: {c.quantity} ({label(t, "commitmentStatus", c.status)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Paragraph>
        <Link to="/behov">{t("needs.start.all")}</Link> · <Link to="/behov?egne=1">{t("needs.list.ours")}</Link> · <Link to="/behov/ny">{t("needs.post")}</Link>
      </Paragraph>
    </section>
  );
}
