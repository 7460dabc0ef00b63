import { createHash } from "node:crypto";
import { and, asc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "~/db/client.server.ts";
import { containsPattern } from "~/db/sql.ts";
import { activities, counties, municipalities, organizations } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { activityColumns, stalenessCutoffs } from "~/domain/activities/activities.server.ts";
import { searchActivities } from "~/domain/activities/search.server.ts";
import { describeRrule, formatOsloLocal } from "~/domain/activities/schedule.ts";
import { contentLanguages } from "~/domain/activities/activities.constants.ts";
import { isUuid } from "~/lib/validation.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { labelOf } from "~/i18n/labels.ts";
import { pageBounds, pageCount } from "~/lib/paging.ts";

/**
 * The open-data API (/api/v1/): public activities, their organisations,
 * places and schedules as Open Referral HSDS 3.0 objects (docs/open-data.md).
 *
 * Only public data, whoever asks: activities with visibility "public" that are
 * not hidden by staleness, and organisations' public fields. Ids of locations,
 * schedules and service_at_locations are derived from the activity id
 * (UUID v5), so they stay the same between calls.
 */

export const HSDS_VERSION = "3.0";
export const API_VERSION = "1.0.0";
export const API_BASE = "/api/v1";
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 25;
export const MAX_SEARCH_LENGTH = 200;

/** A request the API refuses; the route answers it as JSON with this status. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- ids

/** Samspill's namespace for derived ids (a random, fixed UUID). */
const NAMESPACE = "6f1d3c52-8f5e-4a44-9c39-2b6b8f1e0a51";

/** RFC 4122 version 5 UUID (SHA-1 of namespace + name). */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const derivedIds = {
  location: (activityId: string) => uuidV5(`location:${activityId}`),
  address: (activityId: string) => uuidV5(`address:${activityId}`),
  serviceAtLocation: (activityId: string) => uuidV5(`service_at_location:${activityId}`),
  schedule: (activityId: string, part: string) => uuidV5(`schedule:${activityId}:${part}`),
  language: (activityId: string, code: string) => uuidV5(`language:${activityId}:${code}`),
  phone: (ownerId: string) => uuidV5(`phone:${ownerId}`),
  contact: (activityId: string) => uuidV5(`contact:${activityId}`),
  attribute: (ownerId: string, key: string) => uuidV5(`attribute:${ownerId}:${key}`),
  taxonomyTerm: (key: string) => uuidV5(`taxonomy_term:${key}`),
  organizationIdentifier: (organizationId: string) => uuidV5(`organization_identifier:${organizationId}`),
  costOption: (activityId: string) => uuidV5(`cost_option:${activityId}`),
};

// ---------------------------------------------------------------- parameters

const intParam = (name: string, min: number, max: number, fallback: number) =>
  z.unknown().transform((v, ctx) => {
    if (v === undefined || v === null || v === "") return fallback;
    const s = Array.isArray(v) ? String(v[0]) : String(v);
    if (!/^\d{1,9}$/.test(s.trim()) || Number(s) < min || Number(s) > max) {
      ctx.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return Number(s);
  });

const pagingSchema = z.object({
  page: intParam("page", 1, 10_000, 1),
  per_page: intParam("per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE),
});

const searchSchema = z.unknown().transform((v, ctx) => {
  if (v === undefined || v === null) return "";
  const s = Array.isArray(v) ? String(v[0]) : String(v);
  if (s.length > MAX_SEARCH_LENGTH) {
    ctx.addIssue({ code: "custom", message: `search must be at most ${MAX_SEARCH_LENGTH} characters` });
    return z.NEVER;
  }
  return s;
});

/** URLSearchParams → a plain object; repeated keys become arrays (the finder accepts both forms). */
export function paramsObject(searchParams: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(searchParams.keys())) {
    const all = searchParams.getAll(key);
    out[key] = all.length > 1 ? all : all[0]!;
  }
  return out;
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError(400, result.error.issues.map((i) => i.message).join("; "));
  return result.data;
}

export function parsePaging(params: Record<string, unknown>) {
  return parseOrThrow(pagingSchema, { page: params.page, per_page: params.per_page });
}

function requireId(id: unknown): string {
  if (!isUuid(id)) throw new ApiError(404, "Not found");
  return id;
}

// ---------------------------------------------------------------- envelope

export interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export function pageEnvelope<T>(contents: T[], total: number, page: number, perPage: number): Page<T> {
  const totalPages = pageCount(total, perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

// ---------------------------------------------------------------- mapping

type ActivityRow = Awaited<ReturnType<typeof selectPublicActivities>>[number];
type OrganizationRow = Awaited<ReturnType<typeof selectOrganizations>>[number];

const nb = () => getTranslator("nb");
const languageNames = new Intl.DisplayNames(["nb"], { type: "language", fallback: "code" });

function publicUrl(path: string) {
  return new URL(path, getEnv().PUBLIC_URL).toString();
}

/** Strips nulls and empty strings so the objects validate (HSDS types are not nullable). */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== "")) as T;
}

const isoDate = (d: Date) => formatOsloLocal(d).slice(0, 10);
const osloTime = (d: Date) => `${formatOsloLocal(d).slice(11, 16)}:00`;

function serviceStatus(status: string): string {
  return ({ active: "active", planned: "inactive", paused: "temporarily closed", ended: "defunct" } as Record<string, string>)[status] ?? "inactive";
}

/** A valid e-mail address or nothing (old rows may hold odd text). */
function email(value: string | null | undefined) {
  return value && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : undefined;
}
function uri(value: string | null | undefined) {
  if (!value) return undefined;
  try {
    const u = new URL(value);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function organizationToHsds(o: OrganizationRow) {
  return compact({
    id: o.id,
    name: o.name,
    description: o.description || o.name,
    email: email(o.contactEmail),
    website: uri(o.website),
    uri: publicUrl(`/organisasjoner/${o.id}`),
    phones: o.contactPhone ? [{ id: derivedIds.phone(o.id), organization_id: o.id, number: o.contactPhone }] : [],
    organization_identifiers: o.orgNumber
      ? [
          {
            id: derivedIds.organizationIdentifier(o.id),
            organization_id: o.id,
            identifier_scheme: "NO-BRC",
            identifier_type: "Organisasjonsnummer",
            identifier: o.orgNumber,
          },
        ]
      : [],
    attributes: [attribute(o.id, "organization", "kind", o.kind, `samspill:organization_kind:${o.kind}`, o.kind, "Samspill organisation kind")],
  });
}

function attribute(linkId: string, entity: string, linkType: string, value: string, termKey: string, termName: string, termDescription: string) {
  return {
    id: derivedIds.attribute(linkId, `${linkType}:${value}`),
    link_id: linkId,
    link_entity: entity,
    link_type: linkType,
    value,
    taxonomy_term_id: derivedIds.taxonomyTerm(termKey),
    taxonomy_term: { id: derivedIds.taxonomyTerm(termKey), code: value, name: termName, description: termDescription },
  };
}

export function hasLocation(a: Pick<ActivityRow, "address" | "latitude" | "longitude">) {
  return Boolean(a.address || (a.latitude != null && a.longitude != null));
}

export function locationToHsds(a: ActivityRow) {
  const id = derivedIds.location(a.id);
  return compact({
    id,
    location_type: "physical",
    organization_id: a.organizationId,
    name: a.address ? `${a.address}, ${a.postalPlace ?? a.municipalityName}` : a.title,
    latitude: a.latitude ?? undefined,
    longitude: a.longitude ?? undefined,
    external_identifier: a.municipalityNumber,
    external_identifier_type: "Kommunenummer",
    // HSDS requires postal_code (and city, state_province) of an address: without a
    // known postal code the address is left out (its text is still the location's name)
    // rather than sent with an empty placeholder.
    addresses:
      a.address && a.postalCode
        ? [
            {
              id: derivedIds.address(a.id),
              location_id: id,
              address_1: a.address,
              city: a.postalPlace || a.municipalityName,
              region: a.municipalityName,
              state_province: a.countyName,
              postal_code: a.postalCode,
              country: "NO",
              address_type: "physical",
            },
          ]
        : [],
  });
}

export function serviceAtLocationToHsds(a: ActivityRow, withLocation = true) {
  return compact({
    id: derivedIds.serviceAtLocation(a.id),
    service_id: a.id,
    location_id: derivedIds.location(a.id),
    location: withLocation ? locationToHsds(a) : undefined,
  });
}

const weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/**
 * HSDS schedules of an activity. A recurring one becomes one schedule with the
 * RRULE's parts (HSDS allows only WEEKLY and MONTHLY: a daily rule becomes
 * weekly on every day, a yearly one keeps only its description); each one-off
 * date or extra date becomes a schedule valid on that day. Ongoing activities
 * have none. Cancelled dates (EXDATE) are listed in `notes`.
 */
export function schedulesToHsds(a: ActivityRow) {
  const out: Record<string, unknown>[] = [];
  const base = { service_id: a.id, timezone: osloUtcOffsetHours(a.startsAt ?? new Date()), schedule_link: publicUrl(`/aktiviteter/${a.id}/kalender.ics`) };
  const closes = (start: Date) => (a.durationMinutes ? osloTime(new Date(start.getTime() + a.durationMinutes * 60_000)) : undefined);
  if (a.scheduleKind === "recurring" && a.startsAt && a.rrule) {
    const rule = describeRrule(a.rrule);
    const parts = Object.fromEntries(a.rrule.split(";").map((p) => p.split("=") as [string, string]));
    let freq: string | undefined = parts.FREQ;
    let byday: string | undefined = parts.BYDAY;
    if (freq === "DAILY" && (rule?.interval ?? 1) === 1) {
      freq = "WEEKLY";
      byday = weekdayCodes.join(",");
    }
    const representable = freq === "WEEKLY" || freq === "MONTHLY";
    out.push(
      compact({
        id: derivedIds.schedule(a.id, "rrule"),
        ...base,
        valid_from: isoDate(a.startsAt),
        valid_to: rule?.until ? isoDate(rule.until) : undefined,
        dtstart: isoDate(a.startsAt),
        until: rule?.until ? isoDate(rule.until) : undefined,
        count: rule?.count ?? undefined,
        freq: representable ? freq : undefined,
        interval: representable ? (rule?.interval ?? 1) : undefined,
        byday: representable ? byday : undefined,
        bymonthday: representable ? parts.BYMONTHDAY : undefined,
        wkst: "MO",
        opens_at: osloTime(a.startsAt),
        closes_at: closes(a.startsAt),
        description: `RRULE:${a.rrule}`,
        notes: a.exceptionDates.length ? `Avlyst: ${a.exceptionDates.map(isoDate).join(", ")}` : undefined,
      }),
    );
  }
  const dates = a.scheduleKind === "dates" && a.startsAt ? [a.startsAt, ...a.extraDates] : a.scheduleKind === "recurring" ? a.extraDates : [];
  const excluded = new Set(a.exceptionDates.map((d) => d.getTime()));
  for (const d of [...new Map(dates.map((d) => [d.getTime(), d])).values()].sort((x, y) => x.getTime() - y.getTime())) {
    if (excluded.has(d.getTime())) continue;
    out.push(
      compact({
        id: derivedIds.schedule(a.id, d.toISOString()),
        ...base,
        timezone: osloUtcOffsetHours(d),
        valid_from: isoDate(d),
        valid_to: isoDate(d),
        dtstart: isoDate(d),
        opens_at: osloTime(d),
        closes_at: closes(d),
      }),
    );
  }
  return out;
}

/** Norway's offset from UTC on a date, in hours (HSDS's schedule.timezone is a number). */
function osloUtcOffsetHours(d: Date): number {
  const wall = new Date(`${formatOsloLocal(d)}:00Z`);
  return Math.round((wall.getTime() - Math.floor(d.getTime() / 60_000) * 60_000) / 3_600_000);
}

export function serviceToHsds(a: ActivityRow, organization: OrganizationRow | undefined) {
  const t = nb();
  const attributes = [
    ...a.themes.map((theme) => attribute(a.id, "service", "theme", theme, `samspill:theme:${theme}`, labelOf(t, "theme", theme), "Samspill activity theme")),
    ...a.targetGroups.map((g) =>
      attribute(a.id, "service", "target_group", g, `samspill:target_group:${g}`, labelOf(t, "targetGroup", g), "Samspill target group"),
    ),
    // Titles the organisation wrote in other languages: one attribute per language, value = title.
    ...contentLanguages
      .filter((lang) => a.translations[lang]?.title)
      .map((lang) => ({
        ...attribute(
          a.id,
          "service",
          `title_${lang}`,
          a.translations[lang]!.title!,
          `samspill:content_language:${lang}`,
          languageNames.of(lang) ?? lang,
          "Title in this language",
        ),
        id: derivedIds.attribute(a.id, `title:${lang}`),
      })),
  ];
  return compact({
    id: a.id,
    organization_id: a.organizationId,
    name: a.title,
    description: a.description || undefined,
    url: publicUrl(`/aktiviteter/${a.id}`),
    email: email(a.contactEmail),
    status: serviceStatus(a.status),
    application_process: a.howToJoin || undefined,
    fees_description: a.isFree ? "Gratis" : a.costDescription || undefined,
    assured_date: isoDate(a.lastConfirmedAt),
    last_modified: a.updatedAt.toISOString(),
    languages: a.languages.map((code) => ({ id: derivedIds.language(a.id, code), service_id: a.id, code, name: languageNames.of(code) ?? code })),
    phones: a.contactPhone ? [{ id: derivedIds.phone(a.id), service_id: a.id, number: a.contactPhone }] : [],
    contacts:
      a.contactName || email(a.contactEmail)
        ? [compact({ id: derivedIds.contact(a.id), service_id: a.id, name: a.contactName ?? undefined, email: email(a.contactEmail) })]
        : [],
    cost_options: a.isFree ? [{ id: derivedIds.costOption(a.id), service_id: a.id, amount: 0, currency: "NOK", option: "Gratis" }] : [],
    schedules: schedulesToHsds(a),
    service_at_locations: hasLocation(a) ? [serviceAtLocationToHsds(a)] : [],
    organization: organization ? organizationToHsds(organization) : undefined,
    attributes,
  });
}

// ---------------------------------------------------------------- queries

/** Public, not hidden: what anyone may read, the same rules the finder applies to anonymous visitors. */
function publicActivity(now: Date, statuses: string[] = ["planned", "active"]): SQL {
  const { hiddenBefore } = stalenessCutoffs(now);
  return and(
    eq(activities.visibility, "public"),
    inArray(activities.status, statuses as ("planned" | "active")[]),
    gte(activities.lastConfirmedAt, hiddenBefore),
  )!;
}

async function selectPublicActivities(where: SQL, options: { limit?: number; offset?: number } = {}) {
  const query = getDb()
    .select({ ...activityColumns, municipalityName: municipalities.name, countyName: counties.name })
    .from(activities)
    .innerJoin(municipalities, eq(municipalities.number, activities.municipalityNumber))
    .innerJoin(counties, eq(counties.number, municipalities.countyNumber))
    .where(where)
    // By id: the primary key's index pages cheaply at national scale (title order would sort every public row per request).
    .orderBy(asc(activities.id));
  if (options.limit !== undefined) return query.limit(options.limit).offset(options.offset ?? 0);
  return query;
}

async function countActivities(where: SQL) {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(activities)
    .where(where);
  return row?.n ?? 0;
}

const organizationPublicColumns = {
  id: organizations.id,
  name: organizations.name,
  kind: organizations.kind,
  orgNumber: organizations.orgNumber,
  description: organizations.description,
  website: organizations.website,
  contactEmail: organizations.contactEmail,
  contactPhone: organizations.contactPhone,
};

async function selectOrganizations(where: SQL | undefined, options: { limit?: number; offset?: number } = {}) {
  const query = getDb().select(organizationPublicColumns).from(organizations).where(where).orderBy(asc(organizations.name), asc(organizations.id));
  if (options.limit !== undefined) return query.limit(options.limit).offset(options.offset ?? 0);
  return query;
}

async function organizationsById(ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, OrganizationRow>();
  const rows = await selectOrganizations(inArray(organizations.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

// ---------------------------------------------------------------- endpoints

export interface ApiOptions {
  now?: Date;
}

/** GET /api/v1/: what this API is and where its parts are. */
export function apiIndex() {
  return {
    version: HSDS_VERSION,
    api_version: API_VERSION,
    profile: "https://docs.openreferral.org/en/v3.0/",
    openapi_url: publicUrl(`${API_BASE}/openapi.json`),
    endpoints: ["services", "organizations", "locations", "service_at_locations", "schedules"].map((name) => ({
      name,
      url: publicUrl(`${API_BASE}/${name}`),
    })),
  };
}

/**
 * GET /api/v1/services: public activities, searched and filtered exactly like
 * the finder (searchActivities with an anonymous actor). `search` is the
 * finder's `q`; municipality, themes, targetGroups, languages, days, free,
 * volunteers, sort, lat and lon are the finder's own parameters.
 */
export async function listServices(params: Record<string, unknown>, options: ApiOptions = {}) {
  const { page, per_page } = parsePaging(params);
  const search = parseOrThrow(searchSchema, params.search ?? params.q);
  const { page: _p, per_page: _pp, search: _s, q: _q, pageSize: _ps, ...finderParams } = params;
  const result = await searchActivities({ ...finderParams, q: search, page, pageSize: per_page }, { actor: anonymous(), now: options.now });
  const ids = result.items.map((i) => i.id);
  const rows = ids.length ? await selectPublicActivities(and(inArray(activities.id, ids), publicActivity(options.now ?? new Date()))!) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const orgs = await organizationsById(rows.map((r) => r.organizationId));
  const contents = ids
    .map((id) => byId.get(id))
    .filter((r): r is ActivityRow => Boolean(r))
    .map((r) => serviceToHsds(r, orgs.get(r.organizationId)));
  return pageEnvelope(contents, result.total, page, per_page);
}

async function requirePublicActivity(id: unknown, now: Date) {
  const [row] = await selectPublicActivities(and(eq(activities.id, requireId(id)), publicActivity(now, ["planned", "active", "paused", "ended"]))!);
  if (!row) throw new ApiError(404, "Not found");
  return row;
}

/** GET /api/v1/services/:id: one public activity, fully nested. */
export async function getService(id: unknown, options: ApiOptions = {}) {
  const row = await requirePublicActivity(id, options.now ?? new Date());
  const orgs = await organizationsById([row.organizationId]);
  return serviceToHsds(row, orgs.get(row.organizationId));
}

const orgFilterSchema = z.object({ search: searchSchema });

/** GET /api/v1/organizations: organisations (public fields), by name; `search` matches the name. */
export async function listOrganizationsHsds(params: Record<string, unknown>) {
  const { page, per_page } = parsePaging(params);
  const { search } = parseOrThrow(orgFilterSchema, { search: params.search });
  const where = and(eq(organizations.active, true), search.trim() ? sql`${organizations.name} ilike ${containsPattern(search.trim())}` : undefined);
  const [rows, [count]] = await Promise.all([
    selectOrganizations(where, { limit: per_page, offset: (page - 1) * per_page }),
    getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(organizations)
      .where(where),
  ]);
  return pageEnvelope(rows.map(organizationToHsds), count?.n ?? 0, page, per_page);
}

/** GET /api/v1/organizations/:id, with the organisation's public services (ids and names). */
export async function getOrganizationHsds(id: unknown, options: ApiOptions = {}) {
  const [row] = await selectOrganizations(and(eq(organizations.id, requireId(id)), eq(organizations.active, true)));
  if (!row) throw new ApiError(404, "Not found");
  const services = await selectPublicActivities(and(eq(activities.organizationId, row.id), publicActivity(options.now ?? new Date()))!, { limit: 500 });
  return {
    ...organizationToHsds(row),
    services: services.map((s) => ({
      id: s.id,
      organization_id: row.id,
      name: s.title,
      // HSDS requires a nested service's status, as it does the top-level one's.
      status: serviceStatus(s.status),
      url: publicUrl(`${API_BASE}/services/${s.id}`),
    })),
  };
}

/** Locations, service_at_locations and schedules all page over the same public activities. */
async function pageOfActivities(params: Record<string, unknown>, now: Date, extra?: SQL) {
  const { page, per_page } = parsePaging(params);
  const where = and(publicActivity(now), extra)!;
  const [rows, total] = await Promise.all([selectPublicActivities(where, pageBounds(page, per_page)), countActivities(where)]);
  return { rows, total, page, per_page };
}

const withPlace = sql`(${activities.address} is not null or (${activities.latitude} is not null and ${activities.longitude} is not null))`;

export async function listLocations(params: Record<string, unknown>, options: ApiOptions = {}) {
  const { rows, total, page, per_page } = await pageOfActivities(params, options.now ?? new Date(), withPlace);
  return pageEnvelope(rows.map(locationToHsds), total, page, per_page);
}

export async function listServiceAtLocations(params: Record<string, unknown>, options: ApiOptions = {}) {
  const { rows, total, page, per_page } = await pageOfActivities(params, options.now ?? new Date(), withPlace);
  return pageEnvelope(
    rows.map((r) => serviceAtLocationToHsds(r)),
    total,
    page,
    per_page,
  );
}

/** Schedules, paged by activity (an activity with several dates gives several schedules on its page). */
export async function listSchedules(params: Record<string, unknown>, options: ApiOptions = {}) {
  const { rows, total, page, per_page } = await pageOfActivities(params, options.now ?? new Date(), sql`${activities.scheduleKind} <> 'ongoing'`);
  const contents = rows.flatMap(schedulesToHsds);
  return { ...pageEnvelope(contents, total, page, per_page), total_items: total };
}
