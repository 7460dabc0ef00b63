import { and, asc, desc, eq, getTableColumns, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { arrayParam } from "~/db/sql.ts";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { activities, activityPartners, counties, municipalities, organizations, searchWords } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { AppError } from "~/lib/errors.ts";
import { confirmationSchema, isUuid, parseInput } from "~/lib/validation.ts";
import { confirmAsCurrent, recordAudit } from "~/domain/audit/audit.server.ts";
import { canCoordinateMunicipality, isNationalAdmin, isOrganizationMember, membershipRole, type Actor } from "~/domain/auth/actor.ts";
import { z } from "zod";
import { activityInputSchema, type ActivityInput } from "./activities.schema.ts";
import { activityThemes } from "./activities.constants.ts";
import { derivedScheduleFields, nextOccurrences, type Schedule } from "./schedule.ts";
import { lockCoverageFootprint, refreshCoverageFor } from "~/domain/overview/coverage.server.ts";
import { assertAllowedPartners, mailPartnershipRequests, selectPartners, syncPartners, type PartnerRow } from "./partners.server.ts";
import { tagWordsFor } from "./tag-words.ts";
import { foldText } from "~/lib/text.ts";

export type ActivityRow = typeof activities.$inferSelect;
type ActivityCore = Omit<ActivityRow, "searchVector">;

/** Every column but the search vector, which nobody needs to read back. */
const { searchVector: _unused, ...activityColumns } = getTableColumns(activities);
void _unused;
export { activityColumns };

/** The columns an activity's schedule is computed from (see scheduleOf). */
export const scheduleColumns = {
  scheduleKind: activities.scheduleKind,
  startsAt: activities.startsAt,
  durationMinutes: activities.durationMinutes,
  rrule: activities.rrule,
  extraDates: activities.extraDates,
  exceptionDates: activities.exceptionDates,
};

/** An activity as lists of other activities name it: with its organisation (join organizations). */
export const activityWithOwnerColumns = {
  id: activities.id,
  title: activities.title,
  organizationId: activities.organizationId,
  organizationName: organizations.name,
};

export interface ActivityAccess {
  /** Member of the organisation that owns the activity. */
  isOwner: boolean;
  /** Member of a partner organisation that has confirmed the partnership. */
  isPartner: boolean;
  /** Coordinates the activity's kommune (coordinator, county advisor, national admin). */
  coordinates: boolean;
  canRead: boolean;
  canEdit: boolean;
}

/** Months → milliseconds-free SQL interval and JS date cut-offs for staleness. */
export function stalenessCutoffs(now = new Date()) {
  const env = getEnv();
  const months = (n: number) => {
    const d = new Date(now);
    d.setMonth(d.getMonth() - n);
    return d;
  };
  return { staleBefore: months(env.ACTIVITY_STALE_MONTHS), hiddenBefore: months(env.ACTIVITY_HIDDEN_MONTHS) };
}

export function staleness(lastConfirmedAt: Date, now = new Date()): "fresh" | "stale" | "hidden" {
  const { staleBefore, hiddenBefore } = stalenessCutoffs(now);
  if (lastConfirmedAt < hiddenBefore) return "hidden";
  if (lastConfirmedAt < staleBefore) return "stale";
  return "fresh";
}

/**
 * Who may see and change an activity (docs/authorization.md). Public ones are
 * for everyone; "partners" adds partner organisations that have confirmed;
 * internal ones only the owner and those who coordinate the kommune. Only
 * the owner's members (and national admins) edit.
 */
export function activityAccess(
  actor: Actor,
  activity: Pick<ActivityCore, "organizationId" | "municipalityNumber" | "visibility">,
  /** Confirmed partners only: a pending request grants nothing. */
  partnerIds: string[],
): ActivityAccess {
  const isOwner = isOrganizationMember(actor, activity.organizationId);
  const isPartner = partnerIds.some((id) => isOrganizationMember(actor, id));
  const coordinates = canCoordinateMunicipality(actor, activity.municipalityNumber);
  const canRead = activity.visibility === "public" || isOwner || coordinates || (activity.visibility === "partners" && isPartner);
  return { isOwner, isPartner, coordinates, canRead, canEdit: isOwner || isNationalAdmin(actor) };
}

/**
 * SQL condition: the activities this actor may read. Used by every list so
 * internal activities never leak through a search, export or API.
 */
export function readableBy(actor: Actor): SQL {
  if (isNationalAdmin(actor)) return sql`true`;
  const conditions: SQL[] = [eq(activities.visibility, "public")];
  if (actor.kind === "user") {
    const orgIds = actor.memberships.map((m) => m.organizationId);
    if (orgIds.length) {
      conditions.push(inArray(activities.organizationId, orgIds));
      conditions.push(
        and(
          eq(activities.visibility, "partners"),
          sql`exists (select 1 from ${activityPartners} where ${activityPartners.activityId} = ${activities.id} and ${activityPartners.status} = 'confirmed' and ${inArray(activityPartners.organizationId, orgIds)})`,
        )!,
      );
    }
    const municipalitiesCoordinated = actor.roles.filter((r) => r.role === "municipal_coordinator").map((r) => r.municipalityNumber!);
    if (municipalitiesCoordinated.length) conditions.push(inArray(activities.municipalityNumber, municipalitiesCoordinated));
    for (const r of actor.roles.filter((r) => r.role === "county_advisor")) {
      conditions.push(sql`left(${activities.municipalityNumber}, 2) = ${r.countyNumber}`);
    }
  }
  return or(...conditions)!;
}

async function selectActivity(db: Queryable, id: unknown) {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select(activityColumns).from(activities).where(eq(activities.id, id));
  return row;
}

const confirmedIds = (partners: PartnerRow[]) => partners.filter((p) => p.status === "confirmed").map((p) => p.id);

/** Unknown, malformed and unreadable ids look the same: 404, so internal activities are not revealed. */
async function requireReadable(db: Queryable, actor: Actor, id: unknown) {
  const activity = await selectActivity(db, id);
  if (!activity) throw new AppError("not_found", "errors.notFound");
  const partners = await selectPartners(db, [activity.id]);
  const access = activityAccess(actor, activity, confirmedIds(partners));
  if (!access.canRead) throw new AppError("not_found", "errors.notFound");
  return { activity, partners, access };
}

function deny(actor: Actor): never {
  throw new AppError(actor.kind === "user" ? "forbidden" : "unauthenticated", actor.kind === "user" ? "errors.forbidden" : "errors.unauthenticated");
}

export function scheduleOf(a: Pick<ActivityCore, "scheduleKind" | "startsAt" | "durationMinutes" | "rrule" | "extraDates" | "exceptionDates">): Schedule {
  return {
    kind: a.scheduleKind,
    startsAt: a.startsAt,
    durationMinutes: a.durationMinutes,
    rrule: a.rrule,
    extraDates: a.extraDates,
    exceptionDates: a.exceptionDates,
  };
}

/** An activity's page: everything the actor may read, with its next occurrences and staleness. */
export async function getActivity(actor: Actor, id: unknown, now = new Date()) {
  const db = getDb();
  const { activity, partners, access } = await requireReadable(db, actor, id);
  const [owner] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      website: organizations.website,
      contactEmail: organizations.contactEmail,
      contactPhone: organizations.contactPhone,
    })
    .from(organizations)
    .where(eq(organizations.id, activity.organizationId));
  const [municipality] = await db
    .select({ number: municipalities.number, name: municipalities.name, countyName: counties.name })
    .from(municipalities)
    .innerJoin(counties, eq(counties.number, municipalities.countyNumber))
    .where(eq(municipalities.number, activity.municipalityNumber));
  const state = staleness(activity.lastConfirmedAt, now);
  // A public activity unconfirmed for too long is hidden from the public, not from those who can fix it.
  if (state === "hidden" && !access.isOwner && !access.coordinates && !isNationalAdmin(actor)) {
    throw new AppError("not_found", "errors.notFound");
  }
  return {
    activity,
    organization: owner!,
    municipality: municipality!,
    // Pending requests are the owner's business: everyone else sees confirmed partners only.
    partners: partners.filter((p) => p.status === "confirmed" || access.canEdit).map(({ id, name, status }) => ({ id, name, status })),
    occurrences: nextOccurrences(scheduleOf(activity), now, 8),
    staleness: state,
    access,
  };
}

/** The edit form's current values. */
export async function getActivityForEdit(actor: Actor, id: unknown) {
  const db = getDb();
  const { activity, partners, access } = await requireReadable(db, actor, id);
  if (!access.canEdit) deny(actor);
  return { activity, partners: partners.map(({ id, name, status }) => ({ id, name, status })) };
}

/** An organisation's activities as its members and coordinators see them, stale ones first. */
export async function listOrganizationActivities(actor: Actor, organizationId: unknown, now = new Date()) {
  if (!isUuid(organizationId)) throw new AppError("not_found", "errors.notFound");
  const db = getDb();
  const rows = await db
    .select({
      id: activities.id,
      title: activities.title,
      status: activities.status,
      visibility: activities.visibility,
      municipalityNumber: activities.municipalityNumber,
      municipalityName: municipalities.name,
      nextOccurrenceAt: activities.nextOccurrenceAt,
      lastConfirmedAt: activities.lastConfirmedAt,
      isDemo: activities.isDemo,
    })
    .from(activities)
    .innerJoin(municipalities, eq(municipalities.number, activities.municipalityNumber))
    .where(and(eq(activities.organizationId, organizationId), readableBy(actor)))
    .orderBy(asc(activities.lastConfirmedAt), asc(activities.title))
    .limit(500);
  const env = getEnv();
  const canEdit = isOrganizationMember(actor, organizationId) || isNationalAdmin(actor);
  return (
    rows
      .map((r) => {
        const hidesAt = new Date(r.lastConfirmedAt);
        hidesAt.setMonth(hidesAt.getMonth() + env.ACTIVITY_HIDDEN_MONTHS);
        return { ...r, staleness: staleness(r.lastConfirmedAt, now), hidesAt, canEdit };
      })
      // Like the activity page: hidden (long unconfirmed) ones only for those who can fix them.
      .filter((r) => r.staleness !== "hidden" || canEdit || canCoordinateMunicipality(actor, r.municipalityNumber))
  );
}

/** The kommune's name (for the tag words), or a validation error when there is no such kommune. */
async function assertMunicipalityExists(db: Queryable, number: string): Promise<string> {
  const [found] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.number, number));
  if (!found) throw new AppError("validation", "common.errorSummary", { municipality: { key: "validation.municipality" } });
  return found.name;
}

/** Distinct accent-free words (3–40 letters) of a text, for the "did you mean" table. */
export function wordsOf(...texts: (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const w of foldText(text ?? "").split(/[^a-z0-9]+/)) {
      if (w.length >= 3 && w.length <= 40 && !/^\d+$/.test(w)) words.add(w);
    }
  }
  return [...words];
}

export async function rememberSearchWords(db: Queryable, words: string[]) {
  if (!words.length) return;
  await db
    .insert(searchWords)
    .values(words.map((word) => ({ word })))
    .onConflictDoNothing();
}

function rowValues(input: ActivityInput, municipalityName: string, now: Date) {
  const { partners: _partners, ...fields } = input;
  void _partners;
  return { ...fields, tagWords: tagWordsFor(input, municipalityName), ...derivedScheduleFields({ ...input, kind: input.scheduleKind }, now) };
}

/** Words of the text and of the tag labels, so "did you mean" can suggest either. */
function searchWordsOf(input: ActivityInput, tagWords: string): string[] {
  return [...new Set([...wordsOf(input.title, input.description), ...wordsOf(tagWords)])];
}

function snapshot(a: Partial<ActivityCore> & { partners?: string[] }) {
  const { title, status, visibility, municipalityNumber, themes, targetGroups, scheduleKind, rrule, startsAt, partners } = a;
  return { title, status, visibility, municipalityNumber, themes, targetGroups, scheduleKind, rrule, startsAt, partners };
}

/** Members of an organisation (and national admins) add its activities. */
/** An activity like the one being created, as the form lists it. */
export interface SimilarActivitySummary {
  id: string;
  title: string;
  organizationName: string;
}

/**
 * "Search before you create" refused a new activity: similar ones exist in
 * the kommune and the user has not said this one is different. The form
 * lists `similar` and asks for the confirmation (`confirmNotDuplicate`).
 */
export class SimilarActivitiesError extends AppError {
  readonly similar: SimilarActivitySummary[];

  constructor(similar: SimilarActivitySummary[]) {
    super("validation", "activityAdmin.similar.mustConfirm", { confirmNotDuplicate: { key: "activityAdmin.similar.mustConfirm" } });
    this.similar = similar;
  }
}

/**
 * Creates an activity. Search before you create: while activities like this
 * one exist in the kommune (among those the actor may read), only an input
 * with `confirmNotDuplicate` ticked creates; otherwise SimilarActivitiesError
 * lists them. Checked before the rest of the form is validated, so the list
 * comes back even with other fields still wrong.
 */
export async function createActivity(actor: Actor, organizationId: unknown, rawInput: unknown, now = new Date()) {
  if (actor.kind !== "user") deny(actor);
  if (!isUuid(organizationId)) throw new AppError("not_found", "errors.notFound");
  const db = getDb();
  const [owner] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
  if (!owner) throw new AppError("not_found", "errors.notFound");
  if (!membershipRole(actor, organizationId) && !isNationalAdmin(actor)) deny(actor);
  await assertNotDuplicate(actor, rawInput);
  const input = parseInput(activityInputSchema, rawInput);
  const { id, requested } = await db.transaction(async (tx) => {
    const municipalityName = await assertMunicipalityExists(tx, input.municipalityNumber);
    await assertAllowedPartners(tx, organizationId, input.partners, []);
    const values = rowValues(input, municipalityName, now);
    const [created] = await tx
      .insert(activities)
      .values({ ...values, organizationId, createdBy: actor.userId, lastConfirmedAt: now })
      .returning({ id: activities.id });
    const requested = await syncPartners(tx, actor, { id: created!.id, organizationId }, input.partners, [], now);
    await rememberSearchWords(tx, searchWordsOf(input, values.tagWords));
    await refreshCoverageFor(tx, [null, input]);
    await recordAudit(tx, actor, {
      action: "activity.create",
      entityType: "activity",
      entityId: created!.id,
      organizationId,
      after: snapshot({ ...input, partners: input.partners }),
    });
    return { id: created!.id, requested };
  });
  await mailPartnershipRequests(actor, id, requested);
  return { id };
}

export async function updateActivity(actor: Actor, id: unknown, rawInput: unknown, now = new Date()) {
  const db = getDb();
  const { activity, partners, access } = await requireReadable(db, actor, id);
  if (actor.kind !== "user" || !access.canEdit) deny(actor);
  const input = parseInput(activityInputSchema, rawInput);
  const requested = await db.transaction(async (tx) => {
    const municipalityName = await assertMunicipalityExists(tx, input.municipalityNumber);
    await assertAllowedPartners(
      tx,
      activity.organizationId,
      input.partners,
      partners.map((p) => p.id),
    );
    const coverageBefore = await lockCoverageFootprint(tx, activity.id);
    // Saving the form is the organisation confirming the activity is current.
    const values = rowValues(input, municipalityName, now);
    await tx
      .update(activities)
      .set({ ...values, updatedAt: now, lastConfirmedAt: now })
      .where(eq(activities.id, activity.id));
    const requested = await syncPartners(tx, actor, activity, input.partners, partners, now);
    await rememberSearchWords(tx, searchWordsOf(input, values.tagWords));
    await refreshCoverageFor(tx, [coverageBefore, input]);
    await recordAudit(tx, actor, {
      action: "activity.update",
      entityType: "activity",
      entityId: activity.id,
      organizationId: activity.organizationId,
      before: snapshot({ ...activity, partners: partners.map((p) => p.id) }),
      after: snapshot({ ...input, partners: input.partners }),
    });
    return requested;
  });
  await mailPartnershipRequests(actor, activity.id, requested);
  return { id: activity.id };
}

async function assertNotDuplicate(actor: Actor, rawInput: unknown): Promise<void> {
  const raw: Record<string, unknown> = rawInput !== null && typeof rawInput === "object" ? (rawInput as Record<string, unknown>) : {};
  if (confirmationSchema.parse(raw.confirmNotDuplicate)) return;
  const found = await findSimilarActivities(actor, { municipality: raw.municipality, title: raw.title, description: raw.description, themes: raw.themes });
  if (found.length) throw new SimilarActivitiesError(found.map((s) => ({ id: s.id, title: s.title, organizationName: s.organizationName })));
}

/** One click from the organisation: "this is still right". */
export async function confirmActivity(actor: Actor, id: unknown, now = new Date()) {
  const db = getDb();
  const { activity, access } = await requireReadable(db, actor, id);
  if (!access.canEdit) deny(actor);
  const entry = { action: "activity.confirm", entityType: "activity", entityId: activity.id, organizationId: activity.organizationId };
  await confirmAsCurrent(actor, entry, activity.lastConfirmedAt, now, (tx) =>
    tx.update(activities).set({ lastConfirmedAt: now }).where(eq(activities.id, activity.id)),
  );
  return { id: activity.id, organizationId: activity.organizationId };
}

const deleteSchema = z.object({ confirm: confirmationSchema });

export async function deleteActivity(actor: Actor, id: unknown, rawInput: unknown) {
  const db = getDb();
  const { activity, partners, access } = await requireReadable(db, actor, id);
  if (!access.canEdit) deny(actor);
  const { confirm } = parseInput(deleteSchema, rawInput);
  if (!confirm) throw new AppError("validation", "common.errorSummary", { confirm: { key: "activity.validation.confirmDelete" } });
  await db.transaction(async (tx) => {
    const coverageBefore = await lockCoverageFootprint(tx, activity.id);
    await tx.delete(activities).where(eq(activities.id, activity.id));
    await refreshCoverageFor(tx, [coverageBefore, null]);
    await recordAudit(tx, actor, {
      action: "activity.delete",
      entityType: "activity",
      entityId: activity.id,
      organizationId: activity.organizationId,
      before: snapshot({ ...activity, partners: partners.map((p) => p.id) }),
    });
  });
  return { organizationId: activity.organizationId };
}

const similarInputSchema = z.object({
  municipality: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
  title: z
    .string()
    .catch("")
    .default("")
    .transform((s) => s.slice(0, 200)),
  description: z
    .string()
    .catch("")
    .default("")
    .transform((s) => s.slice(0, 1000)),
  themes: z
    .preprocess((v) => (v == null || v === "" ? [] : typeof v === "string" ? [v] : v), z.array(z.string()))
    .catch([])
    .transform((l) => l.filter((t): t is string => (activityThemes as readonly string[]).includes(t)).slice(0, 20)),
  excludeId: z.string().refine(isUuid).optional().catch(undefined),
});

/**
 * "Search before you create": activities in the same kommune that look like
 * the one being written, by title similarity (trigram), shared words
 * (full text) and shared themes, so an organisation can join instead of
 * starting a parallel one. Only what the actor may read is shown.
 */
export async function findSimilarActivities(actor: Actor, raw: Record<string, unknown>, limit = 5) {
  const { municipality, title, description, themes, excludeId } = similarInputSchema.parse(raw);
  if (!municipality || (title.trim().length < 3 && themes.length === 0)) return [];
  const db = getDb();
  const text = `${title} ${description}`.trim();
  const titleSimilarity = sql<number>`similarity(samspill_unaccent(lower(${activities.title})), samspill_unaccent(lower(${title})))`;
  const words = wordsOf(text).slice(0, 30);
  const textQuery = words.length ? sql`to_tsquery('norwegian', ${words.join(" | ")})` : null;
  const textRank = textQuery ? sql<number>`ts_rank(${activities.searchVector}, ${textQuery})` : sql<number>`0`;
  const themeArray = arrayParam(themes, "text");
  const themeOverlap = themes.length
    ? sql<number>`cardinality(array(select unnest(${activities.themes}) intersect select unnest(${themeArray})))`
    : sql<number>`0`;
  const score = sql<number>`(${titleSimilarity} * 2 + least(${textRank}, 1) + ${themeOverlap} * 0.3)`;
  const rows = await db
    .select({
      ...activityWithOwnerColumns,
      themes: activities.themes,
      status: activities.status,
      score,
      titleSimilarity,
      themeOverlap,
    })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .where(
      and(
        eq(activities.municipalityNumber, municipality),
        ne(activities.status, "ended"),
        excludeId ? ne(activities.id, excludeId) : undefined,
        readableBy(actor),
        or(
          sql`${titleSimilarity} > 0.3`,
          textQuery ? sql`${activities.searchVector} @@ ${textQuery}` : undefined,
          themes.length ? sql`${activities.themes} && ${themeArray}` : undefined,
        ),
      ),
    )
    .orderBy(desc(score), asc(activities.title))
    .limit(limit);
  return rows.filter((r) => r.score >= 0.6);
}

/**
 * Keeps "next occurrence" and weekdays current as time passes: rows whose next
 * occurrence is in the past get it recomputed, a batch at a time, each batch
 * written with one statement (the batch as one JSON parameter): row by row,
 * tens of thousands of passed dates took a minute. Run after start and hourly.
 */
export async function refreshPastOccurrences(now = new Date(), batchSize = 2000, signal?: AbortSignal): Promise<number> {
  const db = getDb();
  let updated = 0;
  // Stopped between batches (a shutdown), never inside one.
  while (!signal?.aborted) {
    const rows = await db
      .select({ id: activities.id, ...scheduleColumns })
      .from(activities)
      .where(sql`${activities.nextOccurrenceAt} < ${now}`)
      .limit(batchSize);
    if (!rows.length) return updated;
    // Past for good: the date becomes null (so the row is not picked again) and the weekdays stay as computed.
    const derived = rows.map((row) => {
      const fields = derivedScheduleFields(scheduleOf(row), now);
      return { id: row.id, next: fields.nextOccurrenceAt?.toISOString() ?? null, weekdays: fields.weekdays };
    });
    await db.execute(sql`
      update activities a
      set next_occurrence_at = d.next, weekdays = d.weekdays
      from json_to_recordset(${JSON.stringify(derived)}::json) as d(id uuid, next timestamptz, weekdays smallint[])
      where a.id = d.id`);
    updated += rows.length;
    if (rows.length < batchSize) return updated;
  }
  return updated;
}

/**
 * Whose data an activity's public page shows besides the activity's own: its organisation and partners, and its
 * kommune. The shared page cache (server/page-cache.server.ts) tags a stored page with them, so a change to any of
 * them empties it. Null for an activity that does not exist.
 */
export async function activityPageSources(db: Queryable, id: string): Promise<{ organizationIds: string[]; municipalityNumber: string } | null> {
  const [activity] = await db
    .select({ organizationId: activities.organizationId, municipalityNumber: activities.municipalityNumber })
    .from(activities)
    .where(eq(activities.id, id));
  if (!activity) return null;
  const partners = await db.select({ id: activityPartners.organizationId }).from(activityPartners).where(eq(activityPartners.activityId, id));
  return { organizationIds: [activity.organizationId, ...partners.map((p) => p.id)], municipalityNumber: activity.municipalityNumber };
}
