import { Link } from "react-router";
import { useIntl } from "react-intl";
import { Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { ACTIVITY_TIME_ZONE } from "~/domain/activities/activities.constants.ts";
import type { ScheduleSummary } from "~/domain/activities/schedule-text.ts";
export { fieldLanguages } from "~/domain/activities/content.ts";
import { labelOf } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";

/** Shared pieces of the public activity pages (not a route: app/routes.ts lists routes explicitly). */

/** Dates and times as people in Norway meet them, in the visitor's language. */
export function useOsloFormat() {
  const intl = useIntl();
  const tz = { timeZone: ACTIVITY_TIME_ZONE };
  return {
    dateTime: (d: Date | string) => intl.formatDate(d, { ...tz, weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }),
    day: (d: Date | string) => intl.formatDate(d, { ...tz, weekday: "long", day: "numeric", month: "long" }),
    date: (d: Date | string) => intl.formatDate(d, { ...tz, dateStyle: "long" }),
    time: (d: Date | string) => intl.formatTime(d, { ...tz, hour: "2-digit", minute: "2-digit" }),
    month: (d: Date | string) => intl.formatDate(d, { ...tz, month: "long", year: "numeric" }),
    number: (n: number, digits = 1) => intl.formatNumber(n, { maximumFractionDigits: digits }),
    list: (items: string[]) => {
      try {
        return new Intl.ListFormat(intl.locale, { type: "conjunction" }).format(items);
      } catch {
        return items.join(", ");
      }
    },
  };
}

/** "every Tuesday and Thursday 16:30–18:00" */
export function useScheduleText(s: ScheduleSummary): string {
  const t = useT();
  const f = useOsloFormat();
  if (s.kind === "ongoing") return t("finder.schedule.ongoing");
  if (s.kind === "dates" || !s.freq) {
    if (s.kind === "dates") return t("finder.schedule.dates");
  }
  const days = f.list(s.weekdays.map((d) => labelOf(t, "weekday", d)));
  let text: string;
  switch (s.freq) {
    case "daily":
      text = s.interval > 1 ? t("finder.schedule.dailyInterval", { interval: s.interval }) : t("finder.schedule.daily");
      break;
    case "weekly":
      text = !s.weekdays.length
        ? t("finder.schedule.weeklyNoDays")
        : s.interval > 1
          ? t("finder.schedule.weeklyInterval", { interval: s.interval, days })
          : t("finder.schedule.weekly", { days });
      break;
    case "monthly":
      text = s.weekdays.length ? t("finder.schedule.monthlyOn", { days }) : t("finder.schedule.monthly");
      break;
    case "yearly":
      text = t("finder.schedule.yearly");
      break;
    default:
      return t("finder.schedule.dates");
  }
  if (s.startTime && s.endTime) text = t("finder.schedule.time", { text, start: s.startTime, end: s.endTime });
  else if (s.startTime) text = t("finder.schedule.timeStart", { text, start: s.startTime });
  if (s.until) text = t("finder.schedule.until", { text, date: f.date(s.until) });
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** Text the organisation did not write in the visitor's language: marked as Norwegian, with a note. */
export function FallbackNote({ show }: { show: boolean }) {
  const t = useT();
  if (!show) return null;
  return (
    <span className="finder-fallback-note" data-size="sm">
      {t("finder.fallbackNote")}
    </span>
  );
}

/** What the finder's result list needs of an activity (prepared on the server, already localised). */
export interface FinderItem {
  id: string;
  title: string;
  /** The title's language: the visitor's, or "nb" when it was not translated. */
  lang: string;
  isFallback: boolean;
  organizationName: string;
  municipalityName: string;
  themes: string[];
  scheduleKind: "dates" | "recurring" | "ongoing";
  nextOccurrenceAt: Date | null;
  isFree: boolean;
  seeksVolunteers: boolean;
  distanceKm: number | null;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  postalPlace: string | null;
}

export function ResultCard({ item, headingLevel = 3 }: { item: FinderItem; headingLevel?: 2 | 3 | 4 }) {
  const t = useT();
  const f = useOsloFormat();
  return (
    <article className="finder-card">
      <Heading level={headingLevel} data-size="xs">
        <Link to={`/aktiviteter/${item.id}`} lang={item.lang} dir="auto">
          {item.title}
        </Link>
      </Heading>
      <FallbackNote show={item.isFallback} />
      <Paragraph data-size="sm" className="finder-card__meta">
        <span>{item.organizationName}</span>
        <span aria-hidden="true"> · </span>
        <span>{item.municipalityName}</span>
        {item.distanceKm != null ? (
          <>
            <span aria-hidden="true"> · </span>
            <span>{t("finder.distance", { km: f.number(item.distanceKm) })}</span>
          </>
        ) : null}
      </Paragraph>
      <Paragraph data-size="sm">
        {item.nextOccurrenceAt
          ? t("finder.card.next", { date: f.dateTime(item.nextOccurrenceAt) })
          : item.scheduleKind === "ongoing"
            ? t("finder.card.noFixedTimes")
            : t("finder.card.noUpcoming")}
      </Paragraph>
      <ul className="finder-tags" aria-label={t("finder.detail.themes")}>
        {item.themes.map((theme) => (
          <li key={theme}>
            <Tag data-color="neutral" data-size="sm">
              {labelOf(t, "theme", theme)}
            </Tag>
          </li>
        ))}
        <li>
          <Tag data-color={item.isFree ? "success" : "neutral"} data-size="sm">
            {item.isFree ? t("finder.free.yes") : t("finder.free.no")}
          </Tag>
        </li>
        {item.seeksVolunteers ? (
          <li>
            <Tag data-color="info" data-size="sm">
              {t("finder.badge.volunteers")}
            </Tag>
          </li>
        ) : null}
      </ul>
    </article>
  );
}
