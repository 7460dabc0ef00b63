import { Form, Link } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/finder";
import { localizeActivity } from "~/domain/activities/content.ts";
import { calendarDays, calendarMonth } from "~/domain/activities/finder-calendar.ts";
import { searchActivities } from "~/domain/activities/search.server.ts";
import { listMunicipalities } from "~/domain/reference/reference.server.ts";
import { SelectField, TextField } from "~/components/form.tsx";
import { ActivityMap } from "~/components/activity-map.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { labelOptions } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";
import { getPageLocale, guard } from "~/lib/route.server.ts";
import { fieldLanguages, ResultCard, useOsloFormat, type FinderItem } from "./activity-ui.tsx";
import "~/styles/finder.css";

/**
 * The public activity finder. Plain HTML (no hydration): the search is a GET
 * form, every state is in the URL, and the map view enhances itself with a
 * small standalone script (see app/components/activity-map.tsx).
 */
export const handle = { hydrate: false, allLocales: true };

const views = ["list", "map", "calendar"] as const;
type View = (typeof views)[number];
/** How many activities the calendar expands (the first ones by next occurrence). */
const CALENDAR_ACTIVITIES = 100;
const MAP_ACTIVITIES = 100;

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

function rawParams(sp: URLSearchParams): Record<string, unknown> {
  const list = (key: string) =>
    sp
      .getAll(key)
      .flatMap((v) => v.split(","))
      .filter(Boolean);
  return {
    q: sp.get("q") ?? undefined,
    municipality: sp.get("municipality") || undefined,
    themes: list("themes"),
    targetGroups: list("targetGroups"),
    languages: list("languages"),
    days: list("days"),
    free: sp.get("free") ?? undefined,
    volunteers: sp.get("volunteers") ?? undefined,
    sort: sp.get("sort") || undefined,
    lat: sp.get("lat") ?? undefined,
    lon: sp.get("lon") ?? undefined,
    page: sp.get("page") ?? undefined,
    pageSize: sp.get("pageSize") ?? undefined,
  };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const sp = new URL(request.url).searchParams;
  const locale = String(getPageLocale(context));
  const view: View = (views as readonly string[]).includes(sp.get("view") ?? "") ? (sp.get("view") as View) : "list";
  const month = view === "calendar" ? calendarMonth(sp.get("month")) : null;
  const raw = rawParams(sp);
  if (view === "calendar") Object.assign(raw, { page: 1, pageSize: CALENDAR_ACTIVITIES });
  if (view === "map") Object.assign(raw, { pageSize: MAP_ACTIVITIES });
  const [result, municipalities] = await guard(request, () => Promise.all([searchActivities(raw), listMunicipalities()]));

  const items: FinderItem[] = result.items.map((row) => {
    const content = localizeActivity(row, locale);
    const langs = fieldLanguages(row, locale, content.lang);
    return {
      id: row.id,
      title: content.title,
      lang: langs.title,
      isFallback: langs.titleIsFallback,
      organizationName: row.organizationName,
      municipalityName: row.municipalityName,
      themes: row.themes,
      scheduleKind: row.scheduleKind,
      nextOccurrenceAt: row.nextOccurrenceAt,
      isFree: row.isFree,
      seeksVolunteers: row.seeksVolunteers,
      distanceKm: result.sort === "distance" && row.distanceKm != null ? Number(row.distanceKm) : null,
      latitude: row.latitude,
      longitude: row.longitude,
      address: row.address,
      postalPlace: row.postalPlace,
    };
  });

  let calendar = null;
  if (month) {
    const byId = new Map(items.map((i) => [i.id, i]));
    const days = calendarDays(result.items, month).map((d) => ({
      day: d.day,
      entries: d.entries.map((e) => ({ start: e.start, end: e.end, item: byId.get(e.activity.id)! })),
    }));
    calendar = { month: month.month, previous: month.previous, next: month.next, from: month.from, days, limited: result.total > CALENDAR_ACTIVITIES };
  }

  return {
    title: getTranslator(getPageLocale(context))("finder.title"),
    view,
    /** pageSize only when the URL set it (kept in links, e.g. for tests and embedding). */
    query: {
      ...result.query,
      pageSize: sp.get("pageSize") && view === "list" ? result.query.pageSize : null,
      // A shared link's ?lang= is kept in every link and search of the page, but only when it took effect.
      lang: sp.get("lang") === locale ? locale : null,
    },
    sort: result.sort,
    items,
    total: result.total,
    totalIsCapped: result.totalIsCapped,
    page: result.page,
    pageCount: result.pageCount,
    correctedQuery: result.correctedQuery,
    calendar,
    municipalities: municipalities.map((m) => ({ value: m.number, label: `${m.name} (${m.countyName})` })),
  };
}

type LoaderData = Awaited<ReturnType<typeof loader>>;
type Query = LoaderData["query"];

/** The finder URL for a query (the contract in docs: comma lists, only what is set). */
export function finderHref(query: Query, extra: { page?: number; view?: View; month?: string; q?: string } = {}): string {
  const p = new URLSearchParams();
  const q = extra.q ?? query.q;
  if (q) p.set("q", q);
  if (query.municipality) p.set("municipality", query.municipality);
  if (query.themes.length) p.set("themes", query.themes.join(","));
  if (query.targetGroups.length) p.set("targetGroups", query.targetGroups.join(","));
  if (query.languages.length) p.set("languages", query.languages.join(","));
  if (query.days.length) p.set("days", query.days.join(","));
  if (query.free) p.set("free", "1");
  if (query.volunteers) p.set("volunteers", "1");
  if (query.sort) p.set("sort", query.sort);
  if (query.lat !== undefined && query.lon !== undefined) {
    p.set("lat", String(query.lat));
    p.set("lon", String(query.lon));
  }
  if (query.pageSize && (extra.view ?? "list") === "list") p.set("pageSize", String(query.pageSize));
  if (extra.view && extra.view !== "list") p.set("view", extra.view);
  if (extra.month) p.set("month", extra.month);
  if (extra.page && extra.page > 1) p.set("page", String(extra.page));
  if (query.lang) p.set("lang", query.lang);
  const s = p.toString();
  return `/aktiviteter${s ? `?${s}` : ""}`;
}

function CheckboxGroup({
  legend,
  name,
  options,
  selected,
  open,
}: {
  legend: string;
  name: string;
  options: { value: string; label: string }[];
  selected: string[];
  open?: boolean;
}) {
  return (
    <details className="finder-group" open={open || selected.length > 0 || undefined}>
      <summary>
        {legend}
        {selected.length ? ` (${selected.length})` : ""}
      </summary>
      <fieldset className="finder-checks">
        <legend className="visually-hidden">{legend}</legend>
        {options.map((o) => {
          const id = `f-${name}-${o.value}`;
          return (
            <div key={o.value} className="finder-check">
              <input type="checkbox" id={id} name={name} value={o.value} defaultChecked={selected.includes(o.value)} />
              <label htmlFor={id}>{o.label}</label>
            </div>
          );
        })}
      </fieldset>
    </details>
  );
}

function SearchForm({ data }: { data: LoaderData }) {
  const t = useT();
  const { query } = data;
  return (
    <Form method="get" action="/aktiviteter" className="form finder-form" role="search" aria-labelledby="finder-search-heading" id="finder-form">
      {data.view !== "list" ? <input type="hidden" name="view" value={data.view} /> : null}
      {query.lang ? <input type="hidden" name="lang" value={query.lang} /> : null}
      {data.view === "calendar" && data.calendar ? <input type="hidden" name="month" value={data.calendar.month} /> : null}
      <TextField name="q" type="search" label={t("finder.q")} maxLength={200} defaultValue={query.q} />
      <SelectField
        name="municipality"
        label={t("finder.municipality")}
        defaultValue={query.municipality ?? ""}
        options={[{ value: "", label: t("finder.municipalityAll") }, ...data.municipalities]}
      />
      <CheckboxGroup legend={t("finder.themes")} name="themes" selected={query.themes} options={labelOptions(t, "theme")} />
      <CheckboxGroup legend={t("finder.targetGroups")} name="targetGroups" selected={query.targetGroups} options={labelOptions(t, "targetGroup")} />
      <CheckboxGroup legend={t("finder.languages")} name="languages" selected={query.languages} options={labelOptions(t, "language")} />
      <CheckboxGroup legend={t("finder.days")} name="days" selected={query.days.map(String)} options={labelOptions(t, "weekday")} />
      <fieldset className="finder-checks">
        <legend>{t("finder.other")}</legend>
        <div className="finder-check">
          <input type="checkbox" id="f-free" name="free" value="1" defaultChecked={query.free} />
          <label htmlFor="f-free">{t("finder.free")}</label>
        </div>
        <div className="finder-check">
          <input type="checkbox" id="f-volunteers" name="volunteers" value="1" defaultChecked={query.volunteers} />
          <label htmlFor="f-volunteers">{t("finder.volunteers")}</label>
        </div>
      </fieldset>
      <SelectField
        name="sort"
        label={t("finder.sort")}
        defaultValue={query.sort ?? ""}
        options={[
          { value: "", label: t("finder.sort.relevance") },
          { value: "next", label: t("finder.sort.next") },
          { value: "distance", label: t("finder.sort.distance") },
        ]}
      />
      <fieldset className="finder-point">
        <legend>{t("finder.point")}</legend>
        <Paragraph data-size="sm" className="muted" id="finder-point-help">
          {t("finder.pointHelp")}
        </Paragraph>
        <div className="finder-point__fields">
          <TextField name="lat" label={t("finder.lat")} inputMode="decimal" maxLength={20} defaultValue={query.lat !== undefined ? String(query.lat) : ""} />
          <TextField name="lon" label={t("finder.lon")} inputMode="decimal" maxLength={20} defaultValue={query.lon !== undefined ? String(query.lon) : ""} />
        </div>
      </fieldset>
      <div className="form-actions">
        <Button type="submit">{t("finder.submit")}</Button>
        <Link
          to={finderHref(
            {
              ...query,
              q: "",
              municipality: undefined,
              themes: [],
              targetGroups: [],
              languages: [],
              days: [],
              free: false,
              volunteers: false,
              sort: undefined,
              lat: undefined,
              lon: undefined,
              pageSize: null,
              lang: query.lang,
            },
            { view: data.view },
          )}
        >
          {t("finder.reset")}
        </Link>
      </div>
    </Form>
  );
}

/** The same search as a file (the export takes the finder's parameters). */
function ExportLinks({ data }: { data: LoaderData }) {
  const t = useT();
  const search = finderHref({ ...data.query, lang: null }).replace(/^\/aktiviteter/, "");
  return (
    <Paragraph data-size="sm" className="finder-export">
      {t("finder.export")}{" "}
      <a href={`/aktiviteter/eksport.csv${search}`} download>
        {t("finder.export.csv")}
      </a>
      <span aria-hidden="true"> · </span>
      <a href={`/aktiviteter/eksport.xlsx${search}`} download>
        {t("finder.export.xlsx")}
      </a>
    </Paragraph>
  );
}

function ViewSwitcher({ data }: { data: LoaderData }) {
  const t = useT();
  return (
    <nav aria-label={t("finder.views")} className="finder-views">
      <ul>
        {views.map((v) => (
          <li key={v}>
            <Link to={finderHref(data.query, { view: v, page: v === "calendar" ? undefined : data.page })} aria-current={data.view === v ? "page" : undefined}>
              {t(`finder.view.${v}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function EmptyState() {
  const t = useT();
  return (
    <div className="finder-empty">
      <Heading level={3} data-size="xs">
        {t("finder.empty.title")}
      </Heading>
      <ul>
        <li>{t("finder.empty.tipWords")}</li>
        <li>{t("finder.empty.tipFilters")}</li>
        <li>{t("finder.empty.tipMunicipality")}</li>
      </ul>
    </div>
  );
}

function CalendarView({ data }: { data: LoaderData }) {
  const t = useT();
  const f = useOsloFormat();
  const cal = data.calendar!;
  return (
    <section aria-labelledby="finder-calendar-heading" className="stack">
      <Heading level={3} data-size="xs" id="finder-calendar-heading">
        {t("finder.calendar.heading", { month: f.month(cal.from) })}
      </Heading>
      <nav aria-label={t("finder.calendar.nav")} className="finder-pagination">
        <ul>
          <li>
            <Link to={finderHref(data.query, { view: "calendar", month: cal.previous })} rel="prev">
              {t("finder.calendar.previous")}
            </Link>
          </li>
          <li>
            <Link to={finderHref(data.query, { view: "calendar", month: cal.next })} rel="next">
              {t("finder.calendar.next")}
            </Link>
          </li>
        </ul>
      </nav>
      {cal.limited ? <Paragraph data-size="sm">{t("finder.calendar.limited", { count: CALENDAR_ACTIVITIES })}</Paragraph> : null}
      {cal.days.length === 0 ? (
        <Paragraph>{t("finder.calendar.empty")}</Paragraph>
      ) : (
        <ol className="finder-calendar">
          {cal.days.map((d) => (
            <li key={d.day} className="finder-calendar__day">
              <Heading level={4} data-size="2xs">
                <time dateTime={d.day}>{f.day(d.entries[0]!.start)}</time>
              </Heading>
              <ul>
                {d.entries.map((e) => (
                  <li key={`${e.item.id}-${e.start.toISOString()}`} className="finder-calendar__entry">
                    <time dateTime={e.start.toISOString()} className="finder-calendar__time">
                      {f.time(e.start)}
                      {e.end ? `–${f.time(e.end)}` : ""}
                    </time>{" "}
                    <Link to={`/aktiviteter/${e.item.id}`} lang={e.item.lang} dir="auto">
                      {e.item.title}
                    </Link>{" "}
                    <span className="muted">
                      ({e.item.organizationName}, {e.item.municipalityName})
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export default function Finder({ loaderData: data }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="page finder">
      <Heading level={1} data-size="lg">
        {t("finder.title")}
      </Heading>
      <Paragraph>{t("finder.intro")}</Paragraph>

      <section aria-labelledby="finder-search-heading" className="stack">
        <Heading level={2} data-size="sm" id="finder-search-heading">
          {t("finder.searchHeading")}
        </Heading>
        <SearchForm data={data} />
      </section>

      <section aria-labelledby="finder-results-heading" className="stack">
        <Heading level={2} data-size="sm" id="finder-results-heading">
          {t("finder.resultsHeading")}
        </Heading>
        <ViewSwitcher data={data} />
        {data.correctedQuery ? (
          <Paragraph className="finder-corrected" role="status">
            {t("finder.didYouMean", { query: data.query.q, corrected: data.correctedQuery })}
          </Paragraph>
        ) : null}
        <Paragraph role="status" className="finder-count">
          {data.totalIsCapped
            ? t("finder.countCapped")
            : data.total > 0 && data.pageCount > 1 && data.view !== "calendar"
              ? `${t("finder.count", { count: data.total })} · ${t("finder.pageOf", { page: data.page, pages: data.pageCount })}`
              : t("finder.count", { count: data.total })}
        </Paragraph>
        {data.total === 0 ? (
          <EmptyState />
        ) : data.view === "calendar" ? (
          <CalendarView data={data} />
        ) : data.view === "map" ? (
          <ActivityMap items={data.items} />
        ) : (
          <ol className="finder-results">
            {data.items.map((item) => (
              <li key={item.id}>
                <ResultCard item={item} />
              </li>
            ))}
          </ol>
        )}
        {data.view !== "calendar" ? (
          <Pagination
            label={t("finder.pagination")}
            page={data.page}
            pageCount={data.pageCount}
            href={(page) => finderHref(data.query, { page, view: data.view })}
          />
        ) : null}
        {data.total > 0 ? <ExportLinks data={data} /> : null}
      </section>
    </div>
  );
}
