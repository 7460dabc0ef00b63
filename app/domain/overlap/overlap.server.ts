/**
 * Parallel initiatives in a kommune (database side): loads one kommune's
 * activities, scores pairs with overlap.ts, leaves out pairs marked
 * distinct, and the two actions on a pair: "these are distinct" and
 * "suggest collaboration". Only for those who coordinate the kommune.
 */
import { and, desc, eq, gte, inArray, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { activities, activityPairDecisions, collaborationSuggestions, memberships, organizations, users } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { activityWithOwnerColumns } from "~/domain/activities/activities.server.ts";
import { canCoordinateMunicipality, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { actingBody } from "~/domain/auth/acting-body.server.ts";
import { getMunicipality } from "~/domain/reference/reference.server.ts";
import { getEnv } from "~/env.server.ts";
import { kommuneMailLocale } from "~/i18n/malform.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import {
  findOverlapsAsync,
  OVERLAP_THRESHOLD,
  OVERLAP_WEIGHTS,
  orderedPair,
  type FindOverlapsResult,
  type OverlapActivity,
  type OverlapPair,
} from "./overlap.ts";
import { pairInputSchema, suggestionInputSchema } from "./overlap.schema.ts";
import { pageOf, parsePage } from "~/lib/paging.ts";
import { followUpStatuses, recordCoordinatorDistinct, recordCoordinatorSuggestion } from "./pair-follow-up.server.ts";

export const PARALLEL_PAGE_SIZE = 50;
/** A pair gets at most one collaboration suggestion in this many days. */
export const SUGGESTION_INTERVAL_DAYS = 7;

export interface KommuneActivity extends OverlapActivity {
  updatedAt: Date;
}

/**
 * One kommune's activities that can still overlap: not ended, and not
 * one-off dates that are all past. Every visibility: coordinators see internal ones.
 */
export async function loadOverlapActivities(db: Queryable, municipalityNumber: string, where?: SQL): Promise<OverlapActivity[]> {
  const osloStart = sql`${activities.startsAt} at time zone 'Europe/Oslo'`;
  const rows = await db
    .select({
      id: activities.id,
      organizationId: activities.organizationId,
      title: activities.title,
      description: activities.description,
      themes: activities.themes,
      targetGroups: activities.targetGroups,
      latitude: activities.latitude,
      longitude: activities.longitude,
      postalCode: activities.postalCode,
      scheduleKind: activities.scheduleKind,
      weekdays: activities.weekdays,
      startMinute: sql<number | null>`(extract(hour from ${osloStart}) * 60 + extract(minute from ${osloStart}))::int`,
      durationMinutes: activities.durationMinutes,
    })
    .from(activities)
    .where(
      and(
        eq(activities.municipalityNumber, municipalityNumber),
        sql`${activities.status} <> 'ended'`,
        sql`not (${activities.scheduleKind} = 'dates' and ${activities.nextOccurrenceAt} is null)`,
        where,
      ),
    );
  return rows;
}

/** Pairs in the kommune marked distinct whose activities have not changed since. */
async function standingDecisions(db: Queryable, municipalityNumber: string) {
  const rows = await db.execute(sql`
    select d.activity_a as a, d.activity_b as b, d.decided_at as "decidedAt"
    from activity_pair_decisions d
    join activities a on a.id = d.activity_a
    join activities b on b.id = d.activity_b
    where a.municipality_number = ${municipalityNumber}
      and d.decision = 'distinct'
      and d.activity_a_updated_at = a.updated_at
      and d.activity_b_updated_at = b.updated_at
    order by d.decided_at desc`);
  return (rows as unknown as { rows: { a: string; b: string; decidedAt: string | Date }[] }).rows.map((r) => ({ ...r, decidedAt: new Date(r.decidedAt) }));
}

const pairKey = (a: string, b: string) => `${a}|${b}`;

/**
 * Parallel initiatives of one kommune: pairs above the threshold, leaving
 * out pairs marked distinct (unless either activity changed since). No
 * authorization: for the page (below) and the benchmark.
 */
export async function detectOverlaps(
  db: Queryable,
  municipalityNumber: string,
  options: { threshold?: number } = {},
): Promise<FindOverlapsResult & { activityCount: number; decisions: Awaited<ReturnType<typeof standingDecisions>> }> {
  const [list, decisions] = await Promise.all([loadOverlapActivities(db, municipalityNumber), standingDecisions(db, municipalityNumber)]);
  const hidden = new Set(decisions.map((d) => pairKey(d.a, d.b)));
  const result = await findOverlapsAsync(list, { threshold: options.threshold, skip: hidden.size ? (a, b) => hidden.has(pairKey(a, b)) : undefined });
  return { ...result, activityCount: list.length, decisions };
}

async function requireCoordinatedMunicipality(actor: Actor, number: string) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const row = await getMunicipality(number);
  if (!row) throw new AppError("not_found", "errors.notFound");
  if (!canCoordinateMunicipality(actor, number)) throw new AppError("forbidden", "errors.forbidden");
  return row;
}

export interface PairActivity {
  id: string;
  title: string;
  organizationId: string;
  organizationName: string;
  visibility: string;
  isDemo: boolean;
  municipalityNumber: string;
}

async function activityInfo(db: Queryable, ids: string[]): Promise<Map<string, PairActivity>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      ...activityWithOwnerColumns,
      visibility: activities.visibility,
      isDemo: activities.isDemo,
      municipalityNumber: activities.municipalityNumber,
    })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .where(inArray(activities.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The parallel-initiatives page of a kommune: pairs sorted by score (50 a
 * page), clusters of three or more, and the pairs marked distinct (to undo).
 */
export async function listParallelInitiatives(actor: Actor, number: string, options: { page?: unknown; now?: Date; noticePair?: unknown } = {}) {
  const row = await requireCoordinatedMunicipality(actor, number);
  const db = getDb();
  // The pairs marked distinct come with the detection (it hides them), newest first.
  const { pairs, compared, activityCount, clusters, decisions } = await detectOverlaps(db, number);
  // A page past the end shows the last one.
  const { page, pageCount, rows: shown } = pageOf(pairs, parsePage(options.page), PARALLEL_PAGE_SIZE);
  const clusterOf = new Map<string, number>();
  clusters.forEach((c, i) => c.forEach((id) => clusterOf.set(id, i + 1)));
  const distinct = decisions.slice(0, 50);

  const since = new Date((options.now ?? new Date()).getTime() - SUGGESTION_INTERVAL_DAYS * 24 * 3600 * 1000);
  const shownPairs = shown.map((p) => and(eq(collaborationSuggestions.activityA, p.a), eq(collaborationSuggestions.activityB, p.b))!);
  const suggestions = shown.length
    ? await db
        .select({ a: collaborationSuggestions.activityA, b: collaborationSuggestions.activityB, createdAt: collaborationSuggestions.createdAt })
        .from(collaborationSuggestions)
        .where(and(gte(collaborationSuggestions.createdAt, since), or(...shownPairs)))
        .orderBy(desc(collaborationSuggestions.createdAt))
    : [];
  const suggestedAt = new Map<string, Date>();
  for (const s of suggestions) if (!suggestedAt.has(pairKey(s.a, s.b))) suggestedAt.set(pairKey(s.a, s.b), s.createdAt);

  const ids = new Set<string>();
  for (const p of shown) ids.add(p.a).add(p.b);
  for (const c of clusters) for (const id of c) ids.add(id);
  for (const d of distinct) ids.add(d.a).add(d.b);
  // The pair a notice on the page is about ("?skjult=a~b"): only ids of this kommune's activities.
  const noticeIds = typeof options.noticePair === "string" ? options.noticePair.split("~") : [];
  const noticeOk = noticeIds.length === 2 && noticeIds.every((id) => isUuid(id));
  if (noticeOk) noticeIds.forEach((id) => ids.add(id));
  const [info, followUps] = await Promise.all([activityInfo(db, [...ids]), followUpStatuses(shown)]);
  const describe = (id: string) => info.get(id)!;

  return {
    municipality: { number: row.municipality.number, name: row.municipality.name, countyName: row.county.name },
    threshold: OVERLAP_THRESHOLD,
    weights: OVERLAP_WEIGHTS,
    activityCount,
    compared,
    total: pairs.length,
    page,
    pageCount,
    pairs: shown.map((p) => ({
      a: p.a,
      b: p.b,
      score: p.score,
      parts: p.parts,
      details: p.details,
      activityA: describe(p.a),
      activityB: describe(p.b),
      cluster: clusterOf.get(p.a) ?? null,
      suggestedAt: suggestedAt.get(pairKey(p.a, p.b)) ?? null,
      followUp: followUps.get(pairKey(p.a, p.b)) ?? "none",
    })),
    clusters: clusters.map((c, i) => ({ number: i + 1, activities: c.map(describe) })),
    distinct: distinct.map((d) => ({ a: describe(d.a), b: describe(d.b), decidedAt: d.decidedAt })),
    noticePair:
      noticeOk && noticeIds.every((id) => info.get(id)?.municipalityNumber === number) ? { a: describe(noticeIds[0]!), b: describe(noticeIds[1]!) } : null,
  };
}

export type ParallelInitiatives = Awaited<ReturnType<typeof listParallelInitiatives>>;
export type ParallelPair = ParallelInitiatives["pairs"][number];

/** Both activities of a pair, checked: they exist, are in the kommune of the page, by different organisations, and the actor coordinates it. */
async function requirePair(actor: Actor, input: { municipality: string; a: string; b: string }) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const [a, b] = orderedPair(input.a, input.b);
  const rows = await getDb()
    .select({
      id: activities.id,
      title: activities.title,
      organizationId: activities.organizationId,
      municipalityNumber: activities.municipalityNumber,
      updatedAt: activities.updatedAt,
    })
    .from(activities)
    .where(inArray(activities.id, [a, b]));
  const first = rows.find((r) => r.id === a);
  const second = rows.find((r) => r.id === b);
  if (!first || !second || first.municipalityNumber !== input.municipality || second.municipalityNumber !== input.municipality) {
    throw new AppError("not_found", "errors.notFound");
  }
  if (!canCoordinateMunicipality(actor, input.municipality)) throw new AppError("forbidden", "errors.forbidden");
  if (first.organizationId === second.organizationId) throw new AppError("validation", "overlap.error.sameOrganization");
  return { actor: actor as UserActor, a: first, b: second };
}

/** "These are distinct": the pair is hidden until either activity changes. Audited. */
export async function markDistinct(actor: Actor, input: unknown) {
  const parsed = parseInput(pairInputSchema, input);
  const pair = await requirePair(actor, parsed);
  await getDb().transaction(async (tx) => {
    await tx.execute(sql`
      insert into activity_pair_decisions (activity_a, activity_b, decision, activity_a_updated_at, activity_b_updated_at, decided_by, decided_at)
      select a.id, b.id, 'distinct', a.updated_at, b.updated_at, ${pair.actor.userId}, now()
      from activities a, activities b where a.id = ${pair.a.id} and b.id = ${pair.b.id}
      on conflict (activity_a, activity_b) do update set
        activity_a_updated_at = excluded.activity_a_updated_at,
        activity_b_updated_at = excluded.activity_b_updated_at,
        decided_by = excluded.decided_by,
        decided_at = excluded.decided_at`);
    await recordCoordinatorDistinct(tx, pair.actor, { a: pair.a.id, b: pair.b.id, municipalityNumber: parsed.municipality }, true, new Date());
    await recordAudit(tx, pair.actor, {
      action: "overlap.marked_distinct",
      entityType: "activity_pair",
      entityId: pair.a.id,
      after: { municipalityNumber: parsed.municipality, activityA: pair.a.id, activityB: pair.b.id },
    });
  });
  return { a: { id: pair.a.id, title: pair.a.title }, b: { id: pair.b.id, title: pair.b.title } };
}

/** Undo "these are distinct": the pair shows again. Audited. */
export async function unmarkDistinct(actor: Actor, input: unknown) {
  const parsed = parseInput(pairInputSchema, input);
  const pair = await requirePair(actor, parsed);
  await getDb().transaction(async (tx) => {
    const removed = await tx
      .delete(activityPairDecisions)
      .where(and(eq(activityPairDecisions.activityA, pair.a.id), eq(activityPairDecisions.activityB, pair.b.id)))
      .returning({ a: activityPairDecisions.activityA });
    await recordCoordinatorDistinct(tx, pair.actor, { a: pair.a.id, b: pair.b.id, municipalityNumber: parsed.municipality }, false, new Date());
    if (removed.length) {
      await recordAudit(tx, pair.actor, {
        action: "overlap.unmarked_distinct",
        entityType: "activity_pair",
        entityId: pair.a.id,
        after: { municipalityNumber: parsed.municipality, activityA: pair.a.id, activityB: pair.b.id },
      });
    }
  });
  return { a: { id: pair.a.id, title: pair.a.title }, b: { id: pair.b.id, title: pair.b.title } };
}

/** Where to write to an organisation: its contact e-mail, else its admins' e-mails. */
async function organizationRecipients(db: Queryable, organizationId: string) {
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, contactEmail: organizations.contactEmail, contactPhone: organizations.contactPhone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (org!.contactEmail) return { ...org!, recipients: [org!.contactEmail.trim()] };
  const admins = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "admin")));
  return { ...org!, recipients: [...new Set(admins.map((a) => a.email.trim().toLowerCase()))] };
}

/**
 * "Suggest collaboration": one e-mail to each organisation (its contact
 * e-mail, else its admins) with the other organisation's name and contact
 * details and links to both activities; recorded and audited. The same pair
 * can be suggested once a week.
 */
export async function suggestCollaboration(actor: Actor, input: unknown, options: { now?: Date } = {}) {
  const parsed = parseInput(suggestionInputSchema, input);
  const pair = await requirePair(actor, parsed);
  const db = getDb();
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - SUGGESTION_INTERVAL_DAYS * 24 * 3600 * 1000);
  const [recent] = await db
    .select({ createdAt: collaborationSuggestions.createdAt })
    .from(collaborationSuggestions)
    .where(
      and(eq(collaborationSuggestions.activityA, pair.a.id), eq(collaborationSuggestions.activityB, pair.b.id), gte(collaborationSuggestions.createdAt, since)),
    )
    .limit(1);
  if (recent) throw new AppError("conflict", "overlap.error.alreadySuggested");

  const [orgA, orgB] = await Promise.all([organizationRecipients(db, pair.a.organizationId), organizationRecipients(db, pair.b.organizationId)]);
  if (!orgA.recipients.length && !orgB.recipients.length) throw new AppError("conflict", "overlap.error.noRecipients");
  const municipality = (await getMunicipality(parsed.municipality))!.municipality;
  // Signed by the body the sender acts for: a county advisor or IMDi is not the kommune.
  const signer = (await actingBody(pair.actor, [parsed.municipality]))!;
  // Sent in the kommune's name to each organisation's addresses together: in the kommune's målform.
  const t = getTranslator(kommuneMailLocale(parsed.municipality, null));
  const link = (id: string) => new URL(`/aktiviteter/${id}`, getEnv().PUBLIC_URL).toString();
  const none = t("overlap.mail.none");
  const mailFor = (own: typeof orgA, ownActivity: typeof pair.a, other: typeof orgA, otherActivity: typeof pair.a) => ({
    subject: t("overlap.mail.subject", { other: other.name }),
    text: [
      t("overlap.mail.greeting", { organization: own.name }),
      "",
      t("overlap.mail.intro", { name: pair.actor.name, body: signer.body, municipality: municipality.name, other: other.name }),
      "",
      `- ${ownActivity.title}: ${link(ownActivity.id)}`,
      `- ${otherActivity.title} (${other.name}): ${link(otherActivity.id)}`,
      "",
      ...(parsed.message ? [t("overlap.mail.message", { name: pair.actor.name }), parsed.message, ""] : []),
      t("overlap.mail.contact", { other: other.name }),
      t("overlap.mail.email", { email: other.recipients.join(", ") || none }),
      t("overlap.mail.phone", { phone: other.contactPhone || none }),
      t("overlap.mail.organizationPage", { link: new URL(`/organisasjoner/${other.id}`, getEnv().PUBLIC_URL).toString() }),
      "",
      t("overlap.mail.signature", { name: pair.actor.name, email: pair.actor.email, body: signer.body }),
    ].join("\n"),
  });

  await db.transaction(async (tx) => {
    await tx
      .insert(collaborationSuggestions)
      .values({ activityA: pair.a.id, activityB: pair.b.id, message: parsed.message, suggestedBy: pair.actor.userId, createdAt: now });
    await recordCoordinatorSuggestion(tx, pair.actor, { a: pair.a.id, b: pair.b.id, municipalityNumber: parsed.municipality }, now);
    await recordAudit(tx, pair.actor, {
      action: "overlap.collaboration_suggested",
      entityType: "activity_pair",
      entityId: pair.a.id,
      after: {
        municipalityNumber: parsed.municipality,
        activityA: pair.a.id,
        activityB: pair.b.id,
        organizations: [orgA.id, orgB.id],
        recipients: orgA.recipients.length + orgB.recipients.length,
        message: parsed.message,
      },
    });
  });
  const sent: string[] = [];
  for (const [own, ownActivity, other, otherActivity] of [
    [orgA, pair.a, orgB, pair.b],
    [orgB, pair.b, orgA, pair.a],
  ] as const) {
    if (!own.recipients.length) continue;
    await sendMail({ to: own.recipients.join(", "), ...mailFor(own, ownActivity, other, otherActivity) });
    sent.push(own.name);
  }
  return { organizations: sent, a: { id: pair.a.id, title: pair.a.title }, b: { id: pair.b.id, title: pair.b.title } };
}

export type { OverlapPair };
