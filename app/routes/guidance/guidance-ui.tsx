import { Paragraph, Tag } from "@digdir/designsystemet-react";
import { Link } from "react-router";
import type { Translate } from "~/i18n/translate.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import type { GuidanceStatus, GuidanceUrgency } from "~/domain/guidance/guidance.constants.ts";
import type { OrganizationKind } from "~/domain/organizations/organizations.constants.ts";
import type { Holder } from "~/domain/guidance/guidance.server.ts";

/** The shared pieces of the guidance pages (issue 12). */

const statusKeys = {
  new: "guidance.status.new",
  assigned: "guidance.status.assigned",
  answered: "guidance.status.answered",
  closed: "guidance.status.closed",
} as const satisfies Record<GuidanceStatus, MessageKey>;

const urgencyKeys = {
  low: "guidance.urgency.low",
  normal: "guidance.urgency.normal",
  high: "guidance.urgency.high",
} as const satisfies Record<GuidanceUrgency, MessageKey>;

export const statusLabel = (t: Translate, status: GuidanceStatus) => t(statusKeys[status]);
export const urgencyLabel = (t: Translate, urgency: GuidanceUrgency) => t(urgencyKeys[urgency]);

const statusColor = { new: "warning", assigned: "info", answered: "success", closed: "neutral" } as const satisfies Record<GuidanceStatus, string>;

export function StatusTag({ t, status }: { t: Translate; status: GuidanceStatus }) {
  return (
    <Tag data-color={statusColor[status]} data-size="sm">
      {statusLabel(t, status)}
    </Tag>
  );
}

/** "Tønsberg kommune", "Vestfold fylkeskommune", "IMDi", or the organisation's name: never a person. */
export function holderName(t: Translate, holder: Holder | { kind: "asker"; name: string }): string {
  if (holder.kind !== "body") return holder.name;
  switch (holder.level) {
    case "municipality":
      return t("guidance.body.municipality", { name: holder.name });
    case "county":
      return t("guidance.body.county", { name: holder.name });
    case "national":
      return t("guidance.body.national");
  }
}

/** Small associations get a hint about what such associations usually ask; larger bodies another (the form depends on the asker's kind). */
export function kindHintKey(kind: OrganizationKind): MessageKey {
  const small: OrganizationKind[] = ["voluntary", "migrant_organization", "faith_community", "sports_club", "other"];
  return small.includes(kind) ? "guidance.new.kindHint.small" : "guidance.new.kindHint.large";
}

/** Knowledge articles offered for the request's topic and the organisation's kind, most fitting first. */
export function ArticleSuggestions({ articles }: { articles: { slug: string; title: string; summary: string | null }[] }) {
  return (
    <ul className="stack" data-testid="guidance-suggestions">
      {articles.map((a) => (
        <li key={a.slug}>
          <Link to={`/kunnskap/${a.slug}`}>{a.title}</Link>
          {a.summary ? <Paragraph data-size="sm">{a.summary}</Paragraph> : null}
        </li>
      ))}
    </ul>
  );
}
