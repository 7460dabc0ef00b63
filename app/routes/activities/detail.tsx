import { Link } from "react-router";
import { Alert, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/detail";
import { localizeActivity } from "~/domain/activities/content.ts";
import { getActivity } from "~/domain/activities/activities.server.ts";
import { activityJsonLd, serializeJsonLd } from "~/domain/activities/jsonld.ts";
import { scheduleSummary } from "~/domain/activities/schedule-text.ts";
import { getEnv } from "~/env.server.ts";
import { DemoTag } from "~/components/demo-tag.tsx";
import { useT } from "~/i18n/use-t.ts";
import { label, labelOf } from "~/i18n/labels.ts";
import { getActor, getPageLocale, guard } from "~/lib/route.server.ts";
import { storiesBesideActivity } from "~/domain/stories/stories.server.ts";
import { openRolesOf } from "~/domain/volunteers/roles.server.ts";
import { VolunteerRolesSection } from "../volunteers/volunteers-ui.tsx";
import { FallbackNote, useOsloFormat, useScheduleText, fieldLanguages } from "./activity-ui.tsx";
import "~/styles/finder.css";

/** An activity's public page: plain HTML, in every finder language, with schema.org data for search engines. */
export const handle = { hydrate: false, allLocales: true };

export function meta({ loaderData }: Route.MetaArgs) {
  if (!loaderData) return [{ title: "Samspill" }];
  return [
    { title: `${loaderData.title} – Samspill` },
    { name: "description", content: loaderData.description.slice(0, 200) },
    { tagName: "link", rel: "canonical", href: loaderData.canonicalUrl },
  ];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const result = await guard(request, () => getActivity(getActor(context), params.id));
  const { activity: a, organization, municipality } = result;
  const locale = String(getPageLocale(context));
  const url = new URL(request.url);
  const content = localizeActivity(a, locale);
  const langs = fieldLanguages(a, locale, content.lang);
  const publicUrl = getEnv().PUBLIC_URL;
  const canonicalUrl = new URL(`/aktiviteter/${a.id}`, publicUrl).toString();
  const jsonLd = serializeJsonLd(
    activityJsonLd({
      url: canonicalUrl,
      activity: { ...a, title: content.title, description: content.description, lang: langs.description },
      organization: { name: organization.name, url: new URL(`/organisasjoner/${organization.id}`, publicUrl).toString(), website: organization.website },
      municipalityName: municipality.name,
      occurrences: result.occurrences,
    }),
  );
  const ownContact = Boolean(a.contactName || a.contactEmail || a.contactPhone);
  // Others' stories in the fylke on the same theme (issue 12). They are written in Norwegian for organisations, so only in the full locales.
  const stories = ["nb", "nn", "en"].includes(locale)
    ? await storiesBesideActivity({ id: a.id, municipalityNumber: a.municipalityNumber, themes: a.themes })
    : [];
  // Volunteer roles (issue 14): their pages and form are in Norwegian and English, so only in the full locales.
  const fullLocale = ["nb", "nn", "en"].includes(locale);
  const volunteerRoles = fullLocale ? await openRolesOf("activity", a.id) : [];
  return {
    volunteerRoles,
    manageVolunteerRoles: fullLocale && result.access.canEdit,
    title: content.title,
    description: content.description,
    howToJoin: content.howToJoin,
    langs,
    canonicalUrl,
    jsonLd,
    activity: {
      id: a.id,
      status: a.status,
      visibility: a.visibility,
      themes: a.themes,
      targetGroups: a.targetGroups,
      languages: a.languages,
      address: a.address,
      postalCode: a.postalCode,
      postalPlace: a.postalPlace,
      latitude: a.latitude,
      longitude: a.longitude,
      municipalityNumber: a.municipalityNumber,
      capacity: a.capacity,
      isFree: a.isFree,
      costDescription: a.costDescription,
      registrationUrl: a.registrationUrl,
      seeksVolunteers: a.seeksVolunteers,
      volunteerTasks: a.volunteerTasks,
      lastConfirmedAt: a.lastConfirmedAt,
      isDemo: a.isDemo,
      schedule: scheduleSummary(a),
    },
    contact: ownContact
      ? { name: a.contactName, email: a.contactEmail, phone: a.contactPhone }
      : { name: null, email: organization.contactEmail, phone: organization.contactPhone },
    organization: { id: organization.id, name: organization.name },
    municipality,
    partners: result.partners,
    stories: stories.map((st) => ({ id: st.id, title: st.title, organizationName: st.organizationName, municipalityName: st.municipalityName })),
    occurrences: result.occurrences,
    staleness: result.staleness,
    canEdit: result.access.canEdit,
    /** After the organisation saved the form (only shown to those who can edit). */
    notice: !result.access.canEdit
      ? null
      : url.searchParams.has("opprettet")
        ? ("created" as const)
        : url.searchParams.has("lagret")
          ? ("saved" as const)
          : null,
  };
}

export default function ActivityPage({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const f = useOsloFormat();
  const a = d.activity;
  const scheduleText = useScheduleText(a.schedule);
  const hasPoint = a.latitude != null && a.longitude != null;
  const mapHref = hasPoint
    ? `/aktiviteter?view=map&sort=distance&lat=${a.latitude}&lon=${a.longitude}`
    : `/aktiviteter?view=map&municipality=${a.municipalityNumber}`;
  return (
    <article className="page activity-page">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: d.jsonLd }} />
      <Paragraph data-size="sm">
        <Link to="/aktiviteter">{t("finder.detail.back")}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        <span lang={d.langs.title} dir="auto">
          {d.title}
        </span>{" "}
        <DemoTag show={a.isDemo} />
      </Heading>
      {d.notice ? (
        <Alert data-color="success" role="status">
          {t(d.notice === "created" ? "activityAdmin.notice.created" : "activityAdmin.notice.saved")}
        </Alert>
      ) : null}
      <FallbackNote show={d.langs.titleIsFallback || (d.langs.description === "nb" && d.langs.title !== "nb")} />
      {d.staleness === "hidden" ? (
        <Alert data-color="warning">{t("finder.detail.hidden")}</Alert>
      ) : d.staleness === "stale" ? (
        <Alert data-color="warning">{t("finder.detail.stale")}</Alert>
      ) : null}
      {a.visibility !== "public" ? <Alert data-color="info">{t("finder.detail.notPublic", { visibility: label(t, "visibility", a.visibility) })}</Alert> : null}
      {d.canEdit ? (
        <Paragraph>
          <Link to={`/aktiviteter/${a.id}/rediger`} className="ds-button" data-variant="secondary">
            {t("finder.detail.edit")}
          </Link>
        </Paragraph>
      ) : null}

      <section aria-labelledby="activity-about" className="stack">
        <Heading level={2} data-size="sm" id="activity-about">
          {t("finder.detail.about")}
        </Heading>
        {d.description.split(/\n{2,}/).map((para, i) => (
          <Paragraph key={i} lang={d.langs.description} dir="auto">
            {para}
          </Paragraph>
        ))}
      </section>

      <section aria-labelledby="activity-facts" className="stack">
        <Heading level={2} data-size="sm" id="activity-facts">
          {t("finder.detail.facts")}
        </Heading>
        <dl className="activity-facts">
          <dt>{t("finder.detail.when")}</dt>
          <dd>{scheduleText}</dd>
          <dt>{t("finder.detail.where")}</dt>
          <dd>
            {a.address ? (
              <>
                {a.address}
                {a.postalCode || a.postalPlace ? `, ${[a.postalCode, a.postalPlace].filter(Boolean).join(" ")}` : ""}
                <br />
              </>
            ) : null}
            {t("finder.detail.municipality", { municipality: d.municipality.name, county: d.municipality.countyName })}
            {hasPoint ? (
              <>
                <br />
                <span className="finder-coordinates">{t("finder.detail.coordinates", { lat: a.latitude!, lon: a.longitude! })}</span>
              </>
            ) : null}
            <br />
            <Link to={mapHref}>{hasPoint ? t("finder.detail.nearby") : t("finder.detail.showOnMap")}</Link>
          </dd>
          <dt>{t("finder.detail.themes")}</dt>
          <dd>{f.list(a.themes.map((x) => labelOf(t, "theme", x)))}</dd>
          <dt>{t("finder.detail.targetGroups")}</dt>
          <dd>{f.list(a.targetGroups.map((x) => labelOf(t, "targetGroup", x)))}</dd>
          <dt>{t("finder.detail.languages")}</dt>
          <dd>{f.list(a.languages.map((x) => labelOf(t, "language", x)))}</dd>
          <dt>{t("finder.detail.cost")}</dt>
          <dd>
            {a.isFree ? (
              t("finder.free.yes")
            ) : a.costDescription ? (
              <span lang="nb" dir="auto">
                {a.costDescription}
              </span>
            ) : (
              t("finder.free.no")
            )}
          </dd>
          {a.capacity ? (
            <>
              <dt>{t("finder.detail.capacity")}</dt>
              <dd>{t("finder.detail.capacityValue", { count: a.capacity })}</dd>
            </>
          ) : null}
          <dt>{t("finder.detail.status")}</dt>
          <dd>{label(t, "activityStatus", a.status)}</dd>
        </dl>
      </section>

      <section aria-labelledby="activity-next" className="stack">
        <Heading level={2} data-size="sm" id="activity-next">
          {t("finder.detail.nextOccurrences")}
        </Heading>
        {d.occurrences.length ? (
          <ul className="activity-occurrences">
            {d.occurrences.map((o) => (
              <li key={o.start.toISOString()}>
                <time dateTime={o.start.toISOString()}>{f.dateTime(o.start)}</time>
                {o.end ? `–${f.time(o.end)}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>{a.schedule.kind === "ongoing" ? t("finder.schedule.ongoing") : t("finder.detail.noOccurrences")}</Paragraph>
        )}
        <Paragraph>
          <a href={`/aktiviteter/${a.id}/kalender.ics`} className="ds-button" data-variant="secondary" download>
            {t("finder.detail.addToCalendar")}
          </a>
        </Paragraph>
      </section>

      <section aria-labelledby="activity-join" className="stack">
        <Heading level={2} data-size="sm" id="activity-join">
          {t("finder.detail.howToJoin")}
        </Heading>
        {d.howToJoin ? (
          <Paragraph lang={d.langs.howToJoin} dir="auto">
            {d.howToJoin}
          </Paragraph>
        ) : null}
        {a.registrationUrl ? (
          <Paragraph>
            <a href={a.registrationUrl} rel="noopener noreferrer">
              {t("finder.detail.registration")}
            </a>
          </Paragraph>
        ) : null}
        <Heading level={3} data-size="xs">
          {t("finder.detail.contact")}
        </Heading>
        <dl className="activity-facts">
          <dt>{t("finder.detail.organization")}</dt>
          <dd>
            <Link to={`/organisasjoner/${d.organization.id}`}>{d.organization.name}</Link>
            {d.contact.name ? ` (${d.contact.name})` : ""}
          </dd>
          {d.contact.email ? (
            <>
              <dt>{t("finder.detail.email")}</dt>
              <dd>
                <a href={`mailto:${d.contact.email}`}>{d.contact.email}</a>
              </dd>
            </>
          ) : null}
          {d.contact.phone ? (
            <>
              <dt>{t("finder.detail.phone")}</dt>
              <dd>
                <a href={`tel:${d.contact.phone.replace(/\s+/g, "")}`} dir="ltr">
                  {d.contact.phone}
                </a>
              </dd>
            </>
          ) : null}
          {d.partners.length ? (
            <>
              <dt>{t("finder.detail.partners")}</dt>
              <dd>
                <ul className="finder-tags">
                  {d.partners.map((p) => (
                    <li key={p.id}>
                      <Link to={`/organisasjoner/${p.id}`}>{p.name}</Link>
                      {/* Only the owner's members (and national admins) get pending partners at all. */}
                      {p.status === "pending" ? (
                        <>
                          {" "}
                          <Tag data-color="warning" data-size="sm">
                            {t("activityAdmin.partnership.pendingTag")}
                          </Tag>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {a.seeksVolunteers ? (
        <section aria-labelledby="activity-volunteers" className="stack">
          <Heading level={2} data-size="sm" id="activity-volunteers">
            {t("finder.detail.volunteers")}
          </Heading>
          <Paragraph>{t("finder.detail.volunteersIntro")}</Paragraph>
          {a.volunteerTasks ? (
            <Paragraph lang="nb" dir="auto">
              {a.volunteerTasks}
            </Paragraph>
          ) : null}
        </section>
      ) : null}

      <VolunteerRolesSection roles={d.volunteerRoles} manageHref={d.manageVolunteerRoles ? `/aktiviteter/${a.id}/frivillige` : null} />

      {d.stories.length > 0 ? (
        <section aria-labelledby="activity-stories" className="stack">
          <Heading level={2} data-size="sm" id="activity-stories">
            {t("stories.beside.heading")}
          </Heading>
          <Paragraph>{t("stories.beside.intro")}</Paragraph>
          <ul>
            {d.stories.map((st) => (
              <li key={st.id}>
                <Link to={`/erfaringer/${st.id}`}>{st.title}</Link> – {st.organizationName}, {st.municipalityName}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="activity-share" className="stack activity-share">
        <Heading level={2} data-size="sm" id="activity-share">
          {t("finder.detail.share")}
        </Heading>
        <label htmlFor="activity-share-url">{t("finder.detail.shareLink")}</label>
        <input id="activity-share-url" className="ds-input" type="url" readOnly value={d.canonicalUrl} dir="ltr" />
        <Paragraph data-size="sm" className="muted">
          {t("finder.detail.lastConfirmed", { date: f.date(a.lastConfirmedAt) })}
        </Paragraph>
      </section>
    </article>
  );
}
