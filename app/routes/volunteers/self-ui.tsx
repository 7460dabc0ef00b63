import { Link } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import { labelOf } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";

/** One of the volunteer's own interests as their pages show it (never the organisation's internal trail). */
export interface OwnInterest {
  id: string;
  status: string;
  confirmed: boolean;
  createdAt: Date;
  statusChangedAt: Date;
  roleTitle: string;
  forTitle: string;
  forLink: string | null;
  receiver: string;
  municipalityName: string;
  contact: { name: string; email: string | null; phone: string | null } | null;
}

/** What the interest is, where it stands and who to contact. */
export function InterestFacts({ interest }: { interest: OwnInterest }) {
  const t = useT();
  const format = useFormat();
  return (
    <dl>
      <dt>{t("volunteerSelf.status.role")}</dt>
      <dd>{interest.roleTitle}</dd>
      <dt>{t("volunteerSelf.status.for")}</dt>
      <dd>{interest.forLink ? <Link to={interest.forLink}>{interest.forTitle}</Link> : interest.forTitle}</dd>
      <dt>{t("volunteerSelf.status.receiver")}</dt>
      <dd>{interest.receiver}</dd>
      <dt>{t("volunteerSelf.status.kommune")}</dt>
      <dd>{interest.municipalityName}</dd>
      <dt>{t("volunteerSelf.status.status")}</dt>
      <dd>
        <strong>{labelOf(t, "interestStatus", interest.status)}</strong>
      </dd>
      <dt>{t("volunteerSelf.status.sent")}</dt>
      <dd>{format.date(interest.createdAt)}</dd>
      <dt>{t("volunteerSelf.status.changed")}</dt>
      <dd>{format.date(interest.statusChangedAt)}</dd>
    </dl>
  );
}

/** Who the volunteer can get in touch with about the interest. */
export function ContactFacts({ interest }: { interest: OwnInterest }) {
  const t = useT();
  const c = interest.contact;
  if (!c) return <Paragraph>{t("volunteerSelf.status.contactNone", { receiver: interest.receiver })}</Paragraph>;
  return (
    <address>
      <strong>{c.name}</strong>
      {c.email ? (
        <>
          <br />
          {t("volunteerSelf.status.email")} <a href={`mailto:${c.email}`}>{c.email}</a>
        </>
      ) : null}
      {c.phone ? (
        <>
          <br />
          {t("volunteerSelf.status.phone")} <a href={`tel:${c.phone.replace(/\s+/g, "")}`}>{c.phone}</a>
        </>
      ) : null}
    </address>
  );
}
