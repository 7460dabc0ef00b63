/**
 * Parallel initiatives seen from the organisations (issue 11, "reads wrong" 2): the 2016 report places the problem
 * with the organisations ("har ikkje oversikt over kva andre gjer … utviklar parallelle tiltak"), so an
 * organisation's admins see, on their own activities, the similar public activities of other organisations in the
 * same kommune, and follow a suggested collaboration up:
 *
 *   (none) → suggested → in contact → partners / decided distinct
 *
 * - suggest: an admin of either organisation (or, on /parallelle, one who coordinates the kommune); once a week per pair.
 * - in contact, decided distinct: an admin of either organisation, or one who coordinates the kommune.
 * - partners is never set here: the admin asks the other organisation to be a partner on its own activity (the
 *   partner request of rule 9), and the pair counts as partners once that organisation's admins confirm it.
 *
 * Admins see only their own organisation's activities against other organisations' public ones; every step is
 * audited; a suggestion e-mails the other organisation's admins in their own language, else the kommune's målform.
 */
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import {
  activities,
  activityPairFollowUps,
  activityPartners,
  collaborationSuggestions,
  memberships,
  municipalities,
  organizations,
  users,
} from "~/db/schema/index.ts";
import type { PairFollowUpStatus } from "~/db/schema/overview.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { canCoordinateMunicipality, isOrganizationAdmin, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { stalenessCutoffs } from "~/domain/activities/activities.server.ts";
import { assertAllowedPartners, mailPartnershipRequests, selectPartners, syncPartners } from "~/domain/activities/partners.server.ts";
import { deny, requireOrganization } from "~/domain/organizations/access.server.ts";
import { getEnv } from "~/env.server.ts";
import { kommuneMailLocale } from "~/i18n/malform.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { loadOverlapActivities } from "./overlap.server.ts";
import { OVERLAP_THRESHOLD, orderedPair, overlapsBetween } from "./overlap.ts";
import { coordinatorStepInputSchema, pairStepInputSchema } from "./pair-follow-up.schema.ts";

/** Similar activities listed per own activity at most. */
export const SIMILAR_PER_ACTIVITY = 5;
/** A pair gets at most one collaboration suggestion in this many days (as on /parallelle). */
const SUGGESTION_INTERVAL_DAYS = 7;
/** Most partners one activity may have (the activity form's cap). */
const MAX_PARTNERS = 20;

/** What a pair shows: nothing yet, a stored follow-up, or partners (from a confirmed partnership). */
export type PairStatus = "none" | PairFollowUpStatus | "partners";

/** Activities another organisation may see: public, not ended, not past, not hidden for being long unconfirmed. */
function openToOthers(now: Date) {
  const { hiddenBefore } = stalenessCutoffs(now);
  return sql`${activities.visibility} = 'public' and ${activities.lastConfirmedAt} >= ${hiddenBefore}`;
}

/** The stored follow-ups and partnerships of some pairs, keyed "a|b" (ordered). */
async function statusesOf(db: Queryable, pairs: { a: string; b: string }[]) {
  const key = (a: string, b: string) => `${a}|${b}`;
  const result = new Map<string, { status: PairStatus; updatedAt: Date | null; partnerRequested: boolean }>();
  if (!pairs.length) return result;
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const [followUps, partnerRows, owners] = await Promise.all([
    db
      .select({
        a: activityPairFollowUps.activityA,
        b: activityPairFollowUps.activityB,
        status: activityPairFollowUps.status,
        updatedAt: activityPairFollowUps.updatedAt,
      })
      .from(activityPairFollowUps)
      .where(or(inArray(activityPairFollowUps.activityA, ids), inArray(activityPairFollowUps.activityB, ids))),
    db
      .select({ activityId: activityPartners.activityId, organizationId: activityPartners.organizationId, status: activityPartners.status })
      .from(activityPartners)
      .where(inArray(activityPartners.activityId, ids)),
    db.select({ id: activities.id, organizationId: activities.organizationId }).from(activities).where(inArray(activities.id, ids)),
  ]);
  const ownerOf = new Map(owners.map((o) => [o.id, o.organizationId]));
  const stored = new Map(followUps.map((f) => [key(f.a, f.b), f]));
  for (const { a, b } of pairs) {
    // Partners when either activity's owner has named the other's owner as partner and it confirmed.
    const between = partnerRows.filter(
      (p) => (p.activityId === a && p.organizationId === ownerOf.get(b)) || (p.activityId === b && p.organizationId === ownerOf.get(a)),
    );
    const followUp = stored.get(key(a, b));
    result.set(key(a, b), {
      status: between.some((p) => p.status === "confirmed") ? "partners" : (followUp?.status ?? "none"),
      updatedAt: followUp?.updatedAt ?? null,
      partnerRequested: between.some((p) => p.status === "pending"),
    });
  }
  return result;
}

/**
 * "Similar activities of others" for an organisation's admins (null for everyone else): for each of its own
 * activities that are not ended, the other organisations' public activities in the same kommune that score as
 * possible parallel initiatives, with why, whom to contact and the pair's follow-up status. Scored own × others
 * (never the kommune's whole scan).
 */
export async function listSimilarForOrganization(actor: Actor, organizationId: unknown, options: { now?: Date } = {}) {
  if (actor.kind !== "user") return null;
  const db = getDb();
  const organization = await requireOrganization(db, organizationId);
  if (!isOrganizationAdmin(actor, organization.id)) return null;
  const now = options.now ?? new Date();

  const ownRows = await db
    .selectDistinct({ municipalityNumber: activities.municipalityNumber })
    .from(activities)
    .where(and(eq(activities.organizationId, organization.id), ne(activities.status, "ended")));
  const matches: ReturnType<typeof overlapsBetween> = [];
  for (const { municipalityNumber } of ownRows) {
    const own = await loadOverlapActivities(db, municipalityNumber, eq(activities.organizationId, organization.id));
    const themes = [...new Set(own.flatMap((a) => a.themes))];
    if (!themes.length) continue;
    const others = await loadOverlapActivities(
      db,
      municipalityNumber,
      sql`${activities.organizationId} <> ${organization.id} and ${openToOthers(now)} and ${activities.themes} && ${sql.raw(`'{${themes.join(",")}}'::text[]`)}`,
    );
    matches.push(...overlapsBetween(own, others));
  }
  const perOwn = new Map<string, typeof matches>();
  for (const m of matches) {
    const list = perOwn.get(m.own) ?? [];
    if (list.length < SIMILAR_PER_ACTIVITY) list.push(m);
    perOwn.set(m.own, list);
  }
  const kept = [...perOwn.values()].flat();
  const ids = [...new Set(kept.flatMap((m) => [m.own, m.other]))];
  const info = ids.length
    ? await db
        .select({
          id: activities.id,
          title: activities.title,
          municipalityName: municipalities.name,
          organizationId: organizations.id,
          organizationName: organizations.name,
          contactEmail: organizations.contactEmail,
          contactPhone: organizations.contactPhone,
        })
        .from(activities)
        .innerJoin(organizations, eq(organizations.id, activities.organizationId))
        .innerJoin(municipalities, eq(municipalities.number, activities.municipalityNumber))
        .where(inArray(activities.id, ids))
    : [];
  const byId = new Map(info.map((r) => [r.id, r]));
  const statuses = await statusesOf(
    db,
    kept.map((m) => {
      const [a, b] = orderedPair(m.own, m.other);
      return { a, b };
    }),
  );
  return [...perOwn.entries()]
    .map(([ownId, list]) => ({
      activity: { id: ownId, title: byId.get(ownId)!.title, municipalityName: byId.get(ownId)!.municipalityName },
      similar: list.map((m) => {
        const other = byId.get(m.other)!;
        const [a, b] = orderedPair(m.own, m.other);
        const state = statuses.get(`${a}|${b}`)!;
        return {
          id: other.id,
          title: other.title,
          organization: { id: other.organizationId, name: other.organizationName, contactEmail: other.contactEmail, contactPhone: other.contactPhone },
          score: m.score,
          parts: m.parts,
          details: m.details,
          status: state.status,
          statusSince: state.updatedAt,
          partnerRequested: state.partnerRequested,
        };
      }),
    }))
    .sort((x, y) => x.activity.title.localeCompare(y.activity.title, "nb"));
}

export type SimilarActivities = NonNullable<Awaited<ReturnType<typeof listSimilarForOrganization>>>;

interface PairRow {
  id: string;
  title: string;
  organizationId: string;
  municipalityNumber: string;
  visibility: string;
  lastConfirmedAt: Date;
  status: string;
}

async function loadPair(db: Queryable, ids: [string, string]) {
  const rows: PairRow[] = await db
    .select({
      id: activities.id,
      title: activities.title,
      organizationId: activities.organizationId,
      municipalityNumber: activities.municipalityNumber,
      visibility: activities.visibility,
      lastConfirmedAt: activities.lastConfirmedAt,
      status: activities.status,
    })
    .from(activities)
    .where(inArray(activities.id, ids));
  return ids.map((id) => rows.find((r) => r.id === id));
}

async function currentFollowUp(db: Queryable, a: string, b: string) {
  const [row] = await db
    .select({ status: activityPairFollowUps.status })
    .from(activityPairFollowUps)
    .where(and(eq(activityPairFollowUps.activityA, a), eq(activityPairFollowUps.activityB, b)));
  return row?.status ?? null;
}

/** Writes the pair's follow-up status (creating the row) and the audit entry, under `organizationId` when an organisation acted. */
async function writeStatus(
  tx: Queryable,
  actor: UserActor,
  pair: { a: string; b: string; municipalityNumber: string },
  status: PairFollowUpStatus,
  from: PairFollowUpStatus | null,
  organizationId: string | null,
  now: Date,
) {
  await tx
    .insert(activityPairFollowUps)
    .values({
      activityA: pair.a,
      activityB: pair.b,
      municipalityNumber: pair.municipalityNumber,
      status,
      suggestedByOrganizationId: status === "suggested" ? organizationId : null,
      createdAt: now,
      updatedBy: actor.userId,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [activityPairFollowUps.activityA, activityPairFollowUps.activityB],
      set: { status, updatedBy: actor.userId, updatedAt: now, ...(status === "suggested" ? { suggestedByOrganizationId: organizationId } : {}) },
    });
  await recordAudit(tx, actor, {
    action: "overlap.follow_up_changed",
    entityType: "activity_pair",
    entityId: pair.a,
    organizationId: organizationId ?? undefined,
    before: from ? { status: from } : null,
    after: { municipalityNumber: pair.municipalityNumber, activityA: pair.a, activityB: pair.b, status },
  });
}

/** "Decided distinct" also hides the pair from the coordinators' list, as their own "these are distinct" does. */
async function hideAsDistinct(tx: Queryable, actor: UserActor, a: string, b: string) {
  await tx.execute(sql`
    insert into activity_pair_decisions (activity_a, activity_b, decision, activity_a_updated_at, activity_b_updated_at, decided_by, decided_at)
    select x.id, y.id, 'distinct', x.updated_at, y.updated_at, ${actor.userId}, now()
    from activities x, activities y where x.id = ${a} and y.id = ${b}
    on conflict (activity_a, activity_b) do update set
      activity_a_updated_at = excluded.activity_a_updated_at,
      activity_b_updated_at = excluded.activity_b_updated_at,
      decided_by = excluded.decided_by,
      decided_at = excluded.decided_at`);
}

const allowedFrom: Record<"in_contact" | "distinct", (PairFollowUpStatus | null)[]> = {
  in_contact: ["suggested"],
  distinct: [null, "suggested", "in_contact"],
};

/**
 * An organisation's admin acts on one of its own activities and a similar public activity of another
 * organisation in the same kommune: suggest collaboration (e-mail to the other organisation), mark in contact,
 * decided distinct, or ask the other organisation to be a partner on the own activity (rule 9's request; partners
 * once it confirms). Refused (403) for anyone but the organisation's admins before any activity is looked up; an
 * own activity of another organisation, or another activity that is not public, not in the same kommune, of the
 * same organisation, ended or hidden, is 404 (nothing is revealed). A new suggestion needs the pair to score as
 * similar (else 404). A step that does not follow from the pair's status is 409.
 */
export async function actOnSimilarPair(actor: Actor, organizationId: unknown, rawInput: unknown, options: { now?: Date } = {}) {
  const db = getDb();
  const organization = await requireOrganization(db, organizationId);
  if (actor.kind !== "user" || !isOrganizationAdmin(actor, organization.id)) deny(actor);
  const user = actor as UserActor;
  const input = parseInput(pairStepInputSchema, rawInput);
  const now = options.now ?? new Date();
  const [own, other] = await loadPair(db, [input.own, input.other]);
  const { hiddenBefore } = stalenessCutoffs(now);
  if (!own || own.organizationId !== organization.id || !other || other.organizationId === organization.id) throw new AppError("not_found", "errors.notFound");
  if (
    other.municipalityNumber !== own.municipalityNumber ||
    other.visibility !== "public" ||
    other.status === "ended" ||
    other.lastConfirmedAt < hiddenBefore
  ) {
    throw new AppError("not_found", "errors.notFound");
  }
  const [a, b] = orderedPair(own.id, other.id);
  const pair = { a, b, municipalityNumber: own.municipalityNumber };
  const from = await currentFollowUp(db, a, b);

  if (input.step === "suggest") {
    if (from !== null && from !== "distinct") throw new AppError("conflict", "overlap.followUp.error.alreadyFollowedUp");
    // Only a pair the page offers: the two must score as possible parallel initiatives.
    const [ownScored, otherScored] = await Promise.all([
      loadOverlapActivities(db, own.municipalityNumber, eq(activities.id, own.id)),
      loadOverlapActivities(db, own.municipalityNumber, eq(activities.id, other.id)),
    ]);
    if (!overlapsBetween(ownScored, otherScored, OVERLAP_THRESHOLD).length) throw new AppError("not_found", "errors.notFound");
    const since = new Date(now.getTime() - SUGGESTION_INTERVAL_DAYS * 24 * 3600 * 1000);
    const [recent] = await db
      .select({ id: collaborationSuggestions.id })
      .from(collaborationSuggestions)
      .where(and(eq(collaborationSuggestions.activityA, a), eq(collaborationSuggestions.activityB, b), sql`${collaborationSuggestions.createdAt} >= ${since}`))
      .limit(1);
    if (recent) throw new AppError("conflict", "overlap.error.alreadySuggested");
    await db.transaction(async (tx) => {
      await tx.insert(collaborationSuggestions).values({ activityA: a, activityB: b, message: input.message, suggestedBy: user.userId, createdAt: now });
      await writeStatus(tx, user, pair, "suggested", from, organization.id, now);
    });
    const recipients = await mailSuggestion(db, user, {
      organizationId: organization.id,
      organizationName: organization.name,
      own,
      other,
      message: input.message,
    });
    return { step: input.step, status: "suggested" as PairStatus, recipients };
  }

  if (input.step === "partner") {
    const current = await selectPartners(db, [own.id]);
    if (current.some((p) => p.id === other.organizationId)) throw new AppError("conflict", "overlap.followUp.error.alreadyPartner");
    if (current.length >= MAX_PARTNERS) throw new AppError("conflict", "overlap.followUp.error.tooManyPartners");
    await assertAllowedPartners(
      db,
      organization.id,
      [...current.map((p) => p.id), other.organizationId],
      current.map((p) => p.id),
    );
    await db.transaction(async (tx) => {
      await syncPartners(tx, user, { id: own.id, organizationId: organization.id }, [...current.map((p) => p.id), other.organizationId], current, now);
      // Asking to be partners means the two are talking.
      if (from === null || from === "suggested") await writeStatus(tx, user, pair, "in_contact", from, organization.id, now);
    });
    await mailPartnershipRequests(user, own.id, [other.organizationId]);
    return { step: input.step, status: "in_contact" as PairStatus, recipients: 0 };
  }

  const step = input.step;
  if (!allowedFrom[step].includes(from)) throw new AppError("conflict", "overlap.followUp.error.step");
  await db.transaction(async (tx) => {
    await writeStatus(tx, user, pair, step, from, organization.id, now);
    if (step === "distinct") await hideAsDistinct(tx, user, a, b);
  });
  return { step, status: step as PairStatus, recipients: 0 };
}

/**
 * One who coordinates the kommune moves a followed-up pair (in contact, decided distinct) from /parallelle. Both
 * activities must be in the kommune (else 404) and the step must follow from the pair's status (else 409).
 */
export async function coordinatorPairStep(actor: Actor, rawInput: unknown, options: { now?: Date } = {}) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const input = parseInput(coordinatorStepInputSchema, rawInput);
  if (!canCoordinateMunicipality(actor, input.municipality)) throw new AppError("forbidden", "errors.forbidden");
  const db = getDb();
  const [a, b] = orderedPair(input.a, input.b);
  const [first, second] = await loadPair(db, [a, b]);
  if (!first || !second || first.municipalityNumber !== input.municipality || second.municipalityNumber !== input.municipality) {
    throw new AppError("not_found", "errors.notFound");
  }
  if (first.organizationId === second.organizationId) throw new AppError("validation", "overlap.error.sameOrganization");
  const from = await currentFollowUp(db, a, b);
  if (!allowedFrom[input.step].includes(from)) throw new AppError("conflict", "overlap.followUp.error.step");
  const now = options.now ?? new Date();
  await db.transaction(async (tx) => {
    await writeStatus(tx, actor, { a, b, municipalityNumber: input.municipality }, input.step, from, null, now);
    if (input.step === "distinct") await hideAsDistinct(tx, actor, a, b);
  });
  return { a: { id: first.id, title: first.title }, b: { id: second.id, title: second.title }, step: input.step };
}

/** The coordinator's own actions keep the follow-up in step: a suggestion starts (or restarts) it. */
export async function recordCoordinatorSuggestion(tx: Queryable, actor: UserActor, pair: { a: string; b: string; municipalityNumber: string }, now: Date) {
  const from = await currentFollowUp(tx, pair.a, pair.b);
  if (from === null || from === "distinct") await writeStatus(tx, actor, pair, "suggested", from, null, now);
}

/** "These are distinct" on /parallelle ends a follow-up as decided distinct; "show again" takes that back. */
export async function recordCoordinatorDistinct(
  tx: Queryable,
  actor: UserActor,
  pair: { a: string; b: string; municipalityNumber: string },
  distinct: boolean,
  now: Date,
) {
  const from = await currentFollowUp(tx, pair.a, pair.b);
  if (distinct && from !== null && from !== "distinct") await writeStatus(tx, actor, pair, "distinct", from, null, now);
  if (!distinct && from === "distinct") {
    await tx.delete(activityPairFollowUps).where(and(eq(activityPairFollowUps.activityA, pair.a), eq(activityPairFollowUps.activityB, pair.b)));
  }
}

/** Follow-up statuses of pairs on the coordinators' list ("a|b" → status). */
export async function followUpStatuses(pairs: { a: string; b: string }[]) {
  const statuses = await statusesOf(getDb(), pairs);
  return new Map([...statuses].map(([key, s]) => [key, s.status]));
}

/**
 * How a kommune's suggested collaborations went: one indexed count over the stored follow-ups (cheap enough for
 * the start page). "partners" counts pairs whose organisations confirmed a partnership on either activity.
 */
export async function followUpCounts(number: string) {
  const result = await getDb().execute(sql`
    select
      (count(*) filter (where p.partners))::int as partners,
      (count(*) filter (where not p.partners and f.status = 'suggested'))::int as suggested,
      (count(*) filter (where not p.partners and f.status = 'in_contact'))::int as in_contact,
      (count(*) filter (where not p.partners and f.status = 'distinct'))::int as "distinct"
    from activity_pair_follow_ups f
    join activities x on x.id = f.activity_a
    join activities y on y.id = f.activity_b
    cross join lateral (select exists (
      select 1 from activity_partners ap where ap.status = 'confirmed'
        and ((ap.activity_id = x.id and ap.organization_id = y.organization_id) or (ap.activity_id = y.id and ap.organization_id = x.organization_id))
    ) as partners) p
    where f.municipality_number = ${number}`);
  const row = (result as unknown as { rows: { partners: number; suggested: number; in_contact: number; distinct: number }[] }).rows[0];
  return { suggested: row?.suggested ?? 0, inContact: row?.in_contact ?? 0, partners: row?.partners ?? 0, distinct: row?.distinct ?? 0 };
}

/** Suggested collaborations involving the organisation's activities that are still open (suggested or in contact). */
export async function openFollowUpsOf(organizationId: string) {
  const result = await getDb().execute(sql`
    select count(*)::int as n from activity_pair_follow_ups f
    join activities x on x.id = f.activity_a
    join activities y on y.id = f.activity_b
    where f.status in ('suggested', 'in_contact') and (x.organization_id = ${organizationId} or y.organization_id = ${organizationId})`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

/** The suggestion e-mail to the other organisation's admins (its contact address when it has none), each in their own language, else the kommune's målform. */
async function mailSuggestion(
  db: Queryable,
  actor: UserActor,
  input: { organizationId: string; organizationName: string; own: PairRow; other: PairRow; message: string | null },
) {
  const [otherOrg] = await db
    .select({ id: organizations.id, name: organizations.name, contactEmail: organizations.contactEmail })
    .from(organizations)
    .where(eq(organizations.id, input.other.organizationId));
  const [ownOrg] = await db
    .select({ contactEmail: organizations.contactEmail, contactPhone: organizations.contactPhone })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId));
  const admins = await db
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, input.other.organizationId), eq(memberships.role, "admin")));
  const number = input.own.municipalityNumber;
  const recipients = new Map<string, string | null>();
  for (const admin of admins) recipients.set(admin.email.trim().toLowerCase(), admin.locale);
  if (!recipients.size && otherOrg?.contactEmail) recipients.set(otherOrg.contactEmail.trim().toLowerCase(), null);
  const base = getEnv().PUBLIC_URL;
  const link = (path: string) => new URL(path, base).toString();
  for (const [to, choice] of recipients) {
    const t = getTranslator(kommuneMailLocale(number, choice));
    const none = t("overlap.mail.none");
    await sendMail({
      to,
      subject: t("overlap.followUp.mail.subject", { organization: input.organizationName }),
      text: [
        t("overlap.mail.greeting", { organization: otherOrg!.name }),
        "",
        t("overlap.followUp.mail.intro", { name: actor.name, organization: input.organizationName }),
        "",
        `- ${input.other.title}: ${link(`/aktiviteter/${input.other.id}`)}`,
        `- ${input.own.title} (${input.organizationName}): ${link(`/aktiviteter/${input.own.id}`)}`,
        "",
        ...(input.message ? [t("overlap.mail.message", { name: actor.name }), input.message, ""] : []),
        t("overlap.mail.contact", { other: input.organizationName }),
        t("overlap.mail.email", { email: ownOrg?.contactEmail || actor.email || none }),
        t("overlap.mail.phone", { phone: ownOrg?.contactPhone || none }),
        "",
        t("overlap.followUp.mail.answer", { link: link(`/organisasjoner/${input.other.organizationId}/aktiviteter#lignende`) }),
      ].join("\n"),
    });
  }
  return recipients.size;
}
