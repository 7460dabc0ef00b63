import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from "@digdir/designsystemet-react";
import { useT } from "~/i18n/use-t.ts";
import type { Translate } from "~/i18n/translate.ts";
import { label, labelOf } from "~/i18n/labels.ts";
import { overlapParts, type OverlapPart, type OverlapScore } from "~/domain/overlap/overlap.ts";
import type { PairStatus } from "~/domain/overlap/pair-follow-up.server.ts";

/** Why two activities look alike: the coordinators' parallel-initiatives page and an organisation's "similar activities of others". */

export const percent = (v: number) => Math.round(v * 100);

const listOf = (items: string[]) => items.join(", ");

/** Each part of the score in words, so a person sees why the pair is listed. */
export function reason(t: Translate, pair: Pick<OverlapScore, "parts" | "details">, part: OverlapPart): string {
  const d = pair.details;
  switch (part) {
    case "theme":
      return t("overlap.reason.theme", { themes: listOf(d.sharedThemes.map((x) => labelOf(t, "theme", x))) });
    case "target":
      if (d.sharedTargetGroups.length) return t("overlap.reason.target", { groups: listOf(d.sharedTargetGroups.map((x) => labelOf(t, "targetGroup", x))) });
      return pair.parts.target === 0.5
        ? t("overlap.reason.targetUnknown")
        : pair.parts.target > 0
          ? t("overlap.reason.targetEveryone")
          : t("overlap.reason.targetNone");
    case "place":
      if (d.distanceMeters !== null) {
        return d.distanceMeters < 1000
          ? t("overlap.reason.meters", { meters: Math.max(10, Math.round(d.distanceMeters / 10) * 10) })
          : t("overlap.reason.kilometers", { km: (Math.round(d.distanceMeters / 100) / 10).toLocaleString("nb-NO") });
      }
      if (pair.parts.place === 0.5) return t("overlap.reason.placeUnknown");
      return d.samePostalCode ? t("overlap.reason.samePostalCode") : t("overlap.reason.differentPostalCode");
    case "time": {
      const days = listOf(d.sharedWeekdays.map((x) => labelOf(t, "weekday", x)));
      if (d.sharedWeekdays.length === 0) return d.timesOverlap === null ? t("overlap.reason.timeUnknown") : t("overlap.reason.differentDays");
      return d.timesOverlap ? t("overlap.reason.timesOverlap", { days }) : t("overlap.reason.sameDays", { days });
    }
    case "text": {
      const title = t("overlap.reason.title", { percent: percent(d.titleSimilarity) });
      return d.sharedWords.length ? `${title}. ${t("overlap.reason.words", { words: listOf(d.sharedWords) })}` : title;
    }
  }
}

function PartBar({ value }: { value: number }) {
  return (
    <span className="overlap-bar" aria-hidden="true">
      <span className="overlap-bar-fill" style={{ width: `${percent(value)}%` }} />
    </span>
  );
}

/** The five parts of a pair's score, each with its value and reason. */
export function ReasonTable({ pair }: { pair: Pick<OverlapScore, "parts" | "details"> }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <Table data-size="sm">
        <caption className="visually-hidden">{t("overlap.partsCaption")}</caption>
        <TableHead>
          <TableRow>
            <TableHeaderCell scope="col">{t("overlap.col.part")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("overlap.col.value")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("overlap.col.reason")}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {overlapParts.map((part) => (
            <TableRow key={part}>
              <TableHeaderCell scope="row">{label(t, "overlapPart", part)}</TableHeaderCell>
              <TableCell className="overlap-value">
                <PartBar value={pair.parts[part]} /> {t("overlap.percent", { percent: percent(pair.parts[part]) })}
              </TableCell>
              <TableCell>{reason(t, pair, part)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

const statusColor: Record<PairStatus, "neutral" | "info" | "warning" | "success"> = {
  none: "neutral",
  suggested: "info",
  in_contact: "warning",
  partners: "success",
  distinct: "neutral",
};

/** A pair's follow-up status as a tag. */
export function FollowUpTag({ status }: { status: PairStatus }) {
  const t = useT();
  return (
    <Tag data-size="sm" data-color={statusColor[status]}>
      {label(t, "pairStatus", status)}
    </Tag>
  );
}
