import { and, asc, count, eq, gte, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import rrulePackage from "rrule";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { counties, eventRegistrations, events, municipalities, networks, organizations } from "~/db/schema/index.ts";
import { checkRrule, formatOsloLocal, fromOsloWall, toOsloWall } from "~/domain/activities/schedule.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { countyOf, isOrganizationAdmin, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { actsForBody, bodiesOf, type Body } from "~/domain/competence/bodies.ts";
import { AppError } from "~/lib/errors.ts";
import { clampPage, pageBounds, pageCount } from "~/lib/paging.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { EVENTS_PAGE_SIZE, type EventLevel, type EventType } from "./events.constants.ts";
import { cancelEventSchema, eventInputSchema, eventListQuerySchema, type EventInput } from "./events.schema.ts";
import { mayManageNetwork, networkAccess } from "./networks.server.ts";
import { notifyEventCancelled, fillFromWaitlist, sendPromotionMails } from "./registrations.server.ts";

const { RRule } = rrulePackage;

/**
 * Courses, webinars, network meetings, conferences and cross-sector meeting
 * places (issue 12). Events are public announcements: anyone may list and
 * read them. Only the organiser changes one — the body it names (exactly:
 * the kommune's coordinators, the fylkeskommune's advisors, IMDi's national
 * admins; see competence/bodies.ts) or the admins of the organising
 * organisation.
 */

export type Organiser = Body | { level: "organization"; organizationId: string };

export interface OrganiserColumns {
  organiserLevel: "municipality" | "county" | "national" | "organization";
  organiserMunicipalityNumber: string | null;
  organiserCountyNumber: string | null;
  organiserOrganizationId: string | null;
}

export function organiserFromColumns(c: OrganiserColumns): Organiser {
  if (c.organiserLevel === "organization" && c.organiserOrganizationId) return { level: "organization", organizationId: c.organiserOrganizationId };
  if (c.organiserLevel === "municipality" && c.organiserMunicipalityNumber) return { level: "municipality", municipalityNumber: c.organiserMunicipalityNumber };
  if (c.organiserLevel === "county" && c.organiserCountyNumber) return { level: "county", countyNumber: c.organiserCountyNumber };
  return { level: "national" };
}

export function organiserColumns(o: Organiser): OrganiserColumns {
  return {
    organiserLevel: o.level,
    organiserMunicipalityNumber: o.level === "municipality" ? o.municipalityNumber : null,
    organiserCountyNumber: o.level === "county" ? o.countyNumber : null,
    organiserOrganizationId: o.level === "organization" ? o.organizationId : null,
  };
}

export function organiserValueOf(o: Organiser): string {
  switch (o.level) {
    case "municipality":
      return `municipality:${o.municipalityNumber}`;
    case "county":
      return `county:${o.countyNumber}`;
    case "national":
      return "national";
    case "organization":
      return `organization:${o.organizationId}`;
  }
}

function parseOrganiser(value: string): Organiser {
  const [level, id] = value.split(":") as [string, string | undefined];
  if (level === "municipality") return { level, municipalityNumber: id! };
  if (level === "county") return { level, countyNumber: id! };
  if (level === "organization") return { level, organizationId: id!.toLowerCase() };
  return { level: "national" };
}

/** Whether the actor organises for this organiser: acts for the body exactly, or is an admin of the organisation. */
export function mayOrganise(actor: Actor, organiser: Organiser): boolean {
  if (organiser.level === "organization") return isOrganizationAdmin(actor, organiser.organizationId);
  return actsForBody(actor, organiser);
}

/** Whether the actor may create events at all (shown the "new event" link). */
export function mayCreateEvents(actor: Actor): boolean {
  return actor.kind === "user" && (bodiesOf(actor).length > 0 || actor.memberships.some((m) => m.role === "admin"));
}

/** The organisers the actor may pick on the form, with names. */
export async function organiserChoices(actor: Actor): Promise<{ value: string; label: string; kind: Organiser["level"] }[]> {
  if (actor.kind !== "user") return [];
  const db = getDb();
  const choices: { value: string; label: string; kind: Organiser["level"] }[] = [];
  const seen = new Set<string>();
  for (const body of bodiesOf(actor)) {
    const value = organiserValueOf(body);
    if (seen.has(value)) continue;
    seen.add(value);
    if (body.level === "municipality") {
      const [m] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.number, body.municipalityNumber));
      choices.push({ value, label: m?.name ?? body.municipalityNumber, kind: "municipality" });
    } else if (body.level === "county") {
      const [c] = await db.select({ name: counties.name }).from(counties).where(eq(counties.number, body.countyNumber));
      choices.push({ value, label: c?.name ?? body.countyNumber, kind: "county" });
    } else {
      choices.push({ value, label: "IMDi", kind: "national" });
    }
  }
  const adminOf = actor.memberships.filter((m) => m.role === "admin").map((m) => m.organizationId);
  if (adminOf.length) {
    const orgs = await db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(inArray(organizations.id, adminOf))
      .orderBy(asc(organizations.name));
    for (const o of orgs) choices.push({ value: `organization:${o.id}`, label: o.name, kind: "organization" });
  }
  return choices;
}

/** The name shown for an organiser. */
async function organiserName(db: Queryable, o: Organiser): Promise<string> {
  switch (o.level) {
    case "municipality": {
      const [m] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.number, o.municipalityNumber));
      return m?.name ?? o.municipalityNumber;
    }
    case "county": {
      const [c] = await db.select({ name: counties.name }).from(counties).where(eq(counties.number, o.countyNumber));
      return c?.name ?? o.countyNumber;
    }
    case "national":
      return "IMDi";
    case "organization": {
      const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, o.organizationId));
      return org?.name ?? "";
    }
  }
}

// ---------------------------------------------------------------- reading

const confirmedCount = sql<number>`(select count(*)::int from ${eventRegistrations} r where r.event_id = ${events.id} and r.status = 'confirmed')`;

const listColumns = {
  id: events.id,
  title: events.title,
  type: events.type,
  level: events.level,
  startsAt: events.startsAt,
  durationMinutes: events.durationMinutes,
  rrule: events.rrule,
  place: events.place,
  online: sql<boolean>`${events.videoUrl} is not null`,
  capacity: events.capacity,
  municipalityNumber: events.municipalityNumber,
  municipalityName: municipalities.name,
  countyNumber: events.countyNumber,
  countyName: counties.name,
  confirmed: confirmedCount,
};

/** Still ahead: a one-off or finite series whose last start is to come, or a series without an end. */
function upcomingFilter(now: Date): SQL {
  return and(
    eq(events.status, "scheduled"),
    or(gte(sql`coalesce(${events.lastStartsAt}, ${events.startsAt})`, now), and(isNotNull(events.rrule), isNull(events.lastStartsAt))),
  )!;
}

export interface EventFilters {
  type?: EventType;
  level?: EventLevel;
  countyNumber?: string;
  municipalityNumber?: string;
}

function filterConditions(f: EventFilters): SQL[] {
  const conditions: SQL[] = [];
  if (f.type) conditions.push(eq(events.type, f.type));
  if (f.level) conditions.push(eq(events.level, f.level));
  if (f.countyNumber) conditions.push(eq(events.countyNumber, f.countyNumber));
  if (f.municipalityNumber) conditions.push(eq(events.municipalityNumber, f.municipalityNumber));
  return conditions;
}

/** The next start of an event at or after `now` (the first one for a series not yet begun), or its start. */
export function nextStart(e: { startsAt: Date; rrule: string | null }, now: Date): Date {
  if (!e.rrule || e.startsAt.getTime() >= now.getTime()) return e.startsAt;
  try {
    const rule = new RRule({ ...RRule.parseString(e.rrule.replace(/^RRULE:/i, "")), dtstart: toOsloWall(e.startsAt) });
    const next = rule.after(toOsloWall(now), true);
    return next ? fromOsloWall(next) : e.startsAt;
  } catch {
    return e.startsAt;
  }
}

/** Upcoming events, filtered and paged. Public. Query parameters that make no sense are ignored. */
export async function listEvents(query: Record<string, unknown>, page: number, now = new Date()) {
  const q = eventListQuerySchema.parse(query);
  const where = and(upcomingFilter(now), ...filterConditions({ type: q.type, level: q.level, countyNumber: q.fylke, municipalityNumber: q.kommune }));
  const db = getDb();
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(events).where(where);
  const pages = pageCount(total, EVENTS_PAGE_SIZE);
  const current = clampPage(page, pages);
  const { limit, offset } = pageBounds(current, EVENTS_PAGE_SIZE);
  const rows = await db
    .select(listColumns)
    .from(events)
    .leftJoin(municipalities, eq(municipalities.number, events.municipalityNumber))
    .leftJoin(counties, eq(counties.number, events.countyNumber))
    .where(where)
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(limit)
    .offset(offset);
  return {
    filters: q,
    total,
    page: current,
    pageCount: pages,
    rows: rows.map((r) => ({ ...r, nextStartsAt: nextStart(r, now), full: r.capacity !== null && r.confirmed >= r.capacity })),
  };
}

/**
 * Upcoming events for a kommune, a fylke or a level (the per-level competence
 * pages call this). Public data only; `limit` is capped at 50.
 */
export async function upcomingEvents(options: { municipalityNumber?: string; countyNumber?: string; level?: EventLevel; limit: number; now?: Date }) {
  const now = options.now ?? new Date();
  const rows = await getDb()
    .select(listColumns)
    .from(events)
    .leftJoin(municipalities, eq(municipalities.number, events.municipalityNumber))
    .leftJoin(counties, eq(counties.number, events.countyNumber))
    .where(
      and(
        upcomingFilter(now),
        ...filterConditions({ level: options.level, countyNumber: options.countyNumber, municipalityNumber: options.municipalityNumber }),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(Math.min(Math.max(1, Math.floor(options.limit)), 50));
  return rows.map((r) => ({ ...r, nextStartsAt: nextStart(r, now), full: r.capacity !== null && r.confirmed >= r.capacity }));
}

export async function requireEvent(db: Queryable, id: unknown) {
  if (!isUuid(id)) throw new AppError("not_found", "errors.notFound");
  const [row] = await db.select().from(events).where(eq(events.id, id));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}
export type EventRow = Awaited<ReturnType<typeof requireEvent>>;

/** Whether the actor may change this event, see its participants and mark attendance. */
export function mayManageEvent(actor: Actor, row: OrganiserColumns): boolean {
  return mayOrganise(actor, organiserFromColumns(row));
}

async function requireManager(actor: Actor, id: unknown): Promise<{ user: UserActor; event: EventRow }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const event = await requireEvent(getDb(), id);
  if (!mayManageEvent(actor, event)) throw new AppError("forbidden", "errors.forbidden");
  return { user: actor, event };
}

/** One event as its page shows it, with the viewer's own registration and what the viewer may do. Public. */
export async function getEvent(actor: Actor, id: unknown, now = new Date()) {
  const db = getDb();
  const event = await requireEvent(db, id);
  const [place] = event.municipalityNumber
    ? await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.number, event.municipalityNumber))
    : [];
  const [county] = event.countyNumber ? await db.select({ name: counties.name }).from(counties).where(eq(counties.number, event.countyNumber)) : [];
  const [counts] = await db
    .select({
      confirmed: sql<number>`count(*) filter (where status = 'confirmed')::int`,
      waitlisted: sql<number>`count(*) filter (where status = 'waitlisted')::int`,
    })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, event.id));
  const mine =
    actor.kind === "user"
      ? ((
          await db
            .select({ id: eventRegistrations.id, status: eventRegistrations.status })
            .from(eventRegistrations)
            .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, actor.userId), ne(eventRegistrations.status, "cancelled")))
        )[0] ?? null)
      : null;
  const [network] = event.networkId ? await db.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.id, event.networkId)) : [];
  const organiser = organiserFromColumns(event);
  const confirmed = counts?.confirmed ?? 0;
  return {
    event: {
      id: event.id,
      title: event.title,
      description: event.description,
      type: event.type,
      level: event.level,
      startsAt: event.startsAt,
      nextStartsAt: nextStart(event, now),
      durationMinutes: event.durationMinutes,
      rrule: event.rrule,
      place: event.place,
      videoUrl: event.videoUrl,
      capacity: event.capacity,
      audience: event.audience,
      registrationDeadline: event.registrationDeadline,
      status: event.status,
      municipalityNumber: event.municipalityNumber,
      municipalityName: place?.name ?? null,
      countyNumber: event.countyNumber,
      countyName: county?.name ?? null,
      organiserName: await organiserName(db, organiser),
      organiserLevel: organiser.level,
    },
    network: network ?? null,
    confirmed,
    waitlisted: counts?.waitlisted ?? 0,
    full: event.capacity !== null && confirmed >= event.capacity,
    registrationOpen: registrationOpen(event, now),
    mine,
    canManage: mayManageEvent(actor, event),
    networkAccess: event.networkId ? await networkAccess(actor, event.networkId) : null,
  };
}

export function registrationOpen(event: Pick<EventRow, "status" | "registrationDeadline" | "startsAt" | "lastStartsAt" | "rrule">, now: Date): boolean {
  if (event.status !== "scheduled") return false;
  if (event.registrationDeadline) return now.getTime() <= event.registrationDeadline.getTime();
  const last = event.rrule ? event.lastStartsAt : event.startsAt;
  return last === null || now.getTime() < last.getTime();
}

/** The event's form values for the edit page (organiser only). */
export async function getEventForEdit(actor: Actor, id: unknown) {
  const { event } = await requireManager(actor, id);
  return event;
}

// ---------------------------------------------------------------- writing

/** The last start of a series, or null when it has no end; throws a field error for a rule that is not allowed. */
function lastStartOf(input: EventInput): Date | null {
  if (!input.rrule) return input.startsAt;
  const problem = checkRrule(input.rrule, input.startsAt);
  if (problem) throw new AppError("validation", "common.errorSummary", { rrule: { key: `events.form.error.rrule.${problem}` } });
  const rule = new RRule({ ...RRule.parseString(input.rrule.replace(/^RRULE:/i, "")), dtstart: toOsloWall(input.startsAt) });
  if (!rule.options.count && !rule.options.until) return null;
  const all = rule.all((_d, i) => i < 1000);
  const last = all.at(-1);
  return last ? fromOsloWall(last) : input.startsAt;
}

/** Checks what the input names against the database and the actor's rights; returns the columns to store. */
async function resolveInput(actor: UserActor, input: EventInput) {
  const db = getDb();
  const organiser = parseOrganiser(input.organiser);
  if (!mayOrganise(actor, organiser)) throw new AppError("validation", "common.errorSummary", { organiser: { key: "events.form.error.organiser" } });
  let countyNumber: string | null = null;
  if (input.municipalityNumber) {
    const [m] = await db.select({ county: municipalities.countyNumber }).from(municipalities).where(eq(municipalities.number, input.municipalityNumber));
    if (!m) throw new AppError("validation", "common.errorSummary", { municipalityNumber: { key: "events.form.error.municipality" } });
    countyNumber = m.county;
  } else if (organiser.level === "county") {
    countyNumber = organiser.countyNumber;
  } else if (organiser.level === "municipality") {
    countyNumber = countyOf(organiser.municipalityNumber);
  }
  if (input.networkId) {
    const [n] = await db.select().from(networks).where(eq(networks.id, input.networkId));
    // A network's meetings are set up by those who run the network.
    if (!n || !mayManageNetwork(actor, n)) throw new AppError("validation", "common.errorSummary", { networkId: { key: "events.form.error.network" } });
  }
  return {
    title: input.title,
    description: input.description,
    type: input.type,
    level: input.level,
    ...organiserColumns(organiser),
    municipalityNumber: input.municipalityNumber,
    countyNumber,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    rrule: input.rrule ? input.rrule.replace(/^RRULE:/i, "").toUpperCase() : null,
    lastStartsAt: lastStartOf(input),
    place: input.place,
    videoUrl: input.videoUrl,
    capacity: input.capacity,
    audience: [...new Set(input.audience)],
    registrationDeadline: input.registrationDeadline,
    networkId: input.networkId,
  };
}

export async function createEvent(actor: Actor, rawInput: unknown): Promise<{ id: string }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!mayCreateEvents(actor)) throw new AppError("forbidden", "errors.forbidden");
  const input = parseInput(eventInputSchema, rawInput);
  const values = await resolveInput(actor, input);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      .values({ ...values, createdBy: actor.userId })
      .returning({ id: events.id });
    await recordAudit(tx, actor, {
      action: "event.created",
      entityType: "event",
      entityId: row!.id,
      organizationId: values.organiserOrganizationId,
      after: { title: values.title, type: values.type, startsAt: values.startsAt },
    });
    return { id: row!.id };
  });
}

/**
 * Saves the organiser's changes. A larger capacity fills the new seats from
 * the waitlist; a capacity below the seats already taken is refused (the
 * database refuses it too).
 */
export async function updateEvent(actor: Actor, id: unknown, rawInput: unknown): Promise<{ id: string }> {
  const { user, event } = await requireManager(actor, id);
  if (event.status === "cancelled") throw new AppError("conflict", "events.error.cancelled");
  const input = parseInput(eventInputSchema, rawInput);
  const values = await resolveInput(user, input);
  const promoted = await getDb().transaction(async (tx) => {
    await tx.execute(sql`select id from ${events} where ${events.id} = ${event.id} for update`);
    const [{ taken } = { taken: 0 }] = await tx
      .select({ taken: count() })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, "confirmed")));
    if (values.capacity !== null && values.capacity < taken) {
      throw new AppError("validation", "common.errorSummary", { capacity: { key: "events.form.error.capacityBelowTaken", values: { taken } } });
    }
    await tx
      .update(events)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(events.id, event.id));
    await recordAudit(tx, user, {
      action: "event.updated",
      entityType: "event",
      entityId: event.id,
      organizationId: values.organiserOrganizationId,
      before: { title: event.title, startsAt: event.startsAt, capacity: event.capacity },
      after: { title: values.title, startsAt: values.startsAt, capacity: values.capacity },
    });
    return fillFromWaitlist(tx, event.id);
  });
  await sendPromotionMails(promoted);
  return { id: event.id };
}

/** Cancels the event (after the confirm step); everyone registered gets an e-mail. */
export async function cancelEvent(actor: Actor, id: unknown, rawInput: unknown): Promise<{ id: string }> {
  const { user, event } = await requireManager(actor, id);
  const { confirm } = parseInput(cancelEventSchema, rawInput);
  if (!confirm) throw new AppError("validation", "common.errorSummary", { confirm: { key: "events.cancel.confirmRequired" } });
  if (event.status === "cancelled") return { id: event.id };
  await getDb().transaction(async (tx) => {
    await tx.update(events).set({ status: "cancelled", cancelledAt: new Date(), updatedAt: new Date() }).where(eq(events.id, event.id));
    await recordAudit(tx, user, {
      action: "event.cancelled",
      entityType: "event",
      entityId: event.id,
      organizationId: event.organiserOrganizationId,
      before: { status: event.status },
      after: { status: "cancelled" },
    });
  });
  await notifyEventCancelled(event.id);
  return { id: event.id };
}

/** Events that are meetings of a network, newest first (for the network page). Public. */
export async function networkMeetings(networkId: string) {
  return getDb()
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, status: events.status })
    .from(events)
    .where(eq(events.networkId, networkId))
    .orderBy(asc(events.startsAt));
}

/**
 * What the event form needs: the organisers the actor may choose, the kommuner,
 * the networks the actor runs, and the values to start from (an existing
 * event's, for its organiser only).
 */
export async function eventFormData(actor: Actor, eventId?: unknown) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!mayCreateEvents(actor)) throw new AppError("forbidden", "errors.forbidden");
  const db = getDb();
  let values: Record<string, string | string[]> = {};
  if (eventId !== undefined) {
    const { event } = await requireManager(actor, eventId);
    values = {
      title: event.title,
      description: event.description,
      type: event.type,
      level: event.level,
      organiser: organiserValueOf(organiserFromColumns(event)),
      municipalityNumber: event.municipalityNumber ?? "",
      startsAt: formatOsloLocal(event.startsAt),
      durationMinutes: String(event.durationMinutes),
      rrule: event.rrule ?? "",
      place: event.place ?? "",
      videoUrl: event.videoUrl ?? "",
      capacity: event.capacity === null ? "" : String(event.capacity),
      audience: event.audience,
      registrationDeadline: event.registrationDeadline ? formatOsloLocal(event.registrationDeadline) : "",
      networkId: event.networkId ?? "",
    };
  }
  const allNetworks = await db.select().from(networks).orderBy(asc(networks.name));
  const municipalityRows = await db.select({ number: municipalities.number, name: municipalities.name }).from(municipalities).orderBy(asc(municipalities.name));
  return {
    organisers: (await organiserChoices(actor)).map(({ value, label }) => ({ value, label })),
    municipalities: municipalityRows,
    networks: allNetworks.filter((n) => mayManageNetwork(actor, n)).map((n) => ({ id: n.id, name: n.name })),
    values,
  };
}
