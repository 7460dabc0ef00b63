import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "~/db/client.server.ts";
import {
  activities,
  auditLog,
  memberships,
  municipalityOverviewSettings,
  organizationMunicipalities,
  organizations,
  settlementFigures,
  users,
} from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { canCoordinateMunicipality, type Actor } from "~/domain/auth/actor.ts";
import { getMunicipality } from "~/domain/reference/reference.server.ts";
import { activityThemes, targetGroups } from "~/domain/activities/activities.constants.ts";
import { staleness, stalenessCutoffs } from "~/domain/activities/activities.server.ts";
import { formatOsloLocal } from "~/domain/activities/schedule.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { actingBody } from "~/domain/auth/acting-body.server.ts";
import { getEnv } from "~/env.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import type { Locale } from "~/i18n/config.ts";
import { readCoverage, type CoverageRow, type CoverageScope } from "./coverage.server.ts";
import { detectOverlaps } from "~/domain/overlap/overlap.server.ts";
import { followUpCounts } from "~/domain/overlap/pair-follow-up.server.ts";
import { kommuneMailLocale } from "~/i18n/malform.server.ts";
import { isMapped, MAPPED_MIN_ACTIVITIES } from "./mapping.ts";
import { needsOverviewFor } from "~/domain/needs/needs-gaps.server.ts";
import { osloDate } from "~/domain/competence/working-days.ts";

/**
 * A kommune's overview (issue 4): what is on offer by theme and target group,
 * set against the refugees settled that year, the gaps below the kommune's
 * threshold, and — for those who coordinate the kommune — stale entries with
 * a one-click reminder. Everyone else gets the public summary: public
 * activities only, no stale list, no contact data.
 */

export const DEFAULT_GAP_THRESHOLD = 2;
/** Stale entries listed on the page at most (the total is shown). */
export const STALE_LIST_LIMIT = 100;
/** A second reminder to the same organisation is refused within this many days. */
export const REMINDER_INTERVAL_DAYS = 7;
export const REMINDER_ACTION = "overview.reminder_sent";

const yearSchema = z.coerce.number().int().min(2000).max(2100);

export interface Figures {
  activityCount: number;
  organizationCount: number;
  capacity: number;
  seekingVolunteers: number;
  /** Activities per 100 settled refugees; null when no settled figure is reported (or it is 0). */
  perHundredSettled: number | null;
}

export interface DimensionRow extends Figures {
  key: string;
}

export interface StaleActivity {
  id: string;
  title: string;
  organizationId: string;
  organizationName: string;
  lastConfirmedAt: Date;
  reminderSentAt: Date | null;
  state: "stale" | "hidden";
}

export interface StaleOrganization {
  id: string;
  name: string;
  lastConfirmedAt: Date | null;
  /** Stale activities of this organisation in the kommune. */
  staleActivityCount: number;
  lastReminderAt: Date | null;
}

function currentYear(now: Date): number {
  return Number(formatOsloLocal(now).slice(0, 4));
}

function perHundred(count: number, settled: number | null): number | null {
  if (settled === null || settled <= 0) return null;
  return Math.round((count / settled) * 1000) / 10;
}

async function requireMunicipality(number: string) {
  const row = await getMunicipality(number);
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/** The kommune's gap threshold (default 2 when never set). */
export async function gapThresholdOf(number: string): Promise<number> {
  const [row] = await getDb()
    .select({ gapThreshold: municipalityOverviewSettings.gapThreshold })
    .from(municipalityOverviewSettings)
    .where(eq(municipalityOverviewSettings.municipalityNumber, number));
  return row?.gapThreshold ?? DEFAULT_GAP_THRESHOLD;
}

/** Settlement figures of the kommune, newest year first. */
async function settlementYears(number: string) {
  return getDb()
    .select({
      year: settlementFigures.year,
      requested: settlementFigures.requested,
      decided: settlementFigures.decided,
      settled: settlementFigures.settled,
      inIntroductionProgramme: settlementFigures.inIntroductionProgramme,
    })
    .from(settlementFigures)
    .where(eq(settlementFigures.municipalityNumber, number))
    .orderBy(desc(settlementFigures.year));
}

function toFigures(row: CoverageRow | undefined, settled: number | null): Figures {
  const activityCount = row?.activityCount ?? 0;
  return {
    activityCount,
    organizationCount: row?.organizationCount ?? 0,
    capacity: row?.capacity ?? 0,
    seekingVolunteers: row?.seekingVolunteers ?? 0,
    perHundredSettled: perHundred(activityCount, settled),
  };
}

/** Every value of the dimension, in the constants' order, also those with no activity (a gap shows as 0). */
function dimensionRows(rows: CoverageRow[], dimension: "theme" | "target_group", keys: readonly string[], settled: number | null): DimensionRow[] {
  const byKey = new Map(rows.filter((r) => r.dimension === dimension).map((r) => [r.key, r]));
  return keys.map((key) => ({ key, ...toFigures(byKey.get(key), settled) }));
}

async function staleEntries(number: string, now: Date) {
  const db = getDb();
  const { staleBefore } = stalenessCutoffs(now);
  const staleActivityRows = await db
    .select({
      id: activities.id,
      title: activities.title,
      organizationId: activities.organizationId,
      organizationName: organizations.name,
      lastConfirmedAt: activities.lastConfirmedAt,
      reminderSentAt: activities.reminderSentAt,
    })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .where(and(eq(activities.municipalityNumber, number), ne(activities.status, "ended"), lt(activities.lastConfirmedAt, staleBefore)))
    .orderBy(asc(activities.lastConfirmedAt), asc(activities.title));
  const staleActivities: StaleActivity[] = staleActivityRows.map((a) => ({
    ...a,
    state: staleness(a.lastConfirmedAt, now) === "hidden" ? "hidden" : "stale",
  }));

  // Organisations serving the kommune or running a stale activity here, never confirmed or confirmed too long ago.
  const orgIdsWithStale = [...new Set(staleActivities.map((a) => a.organizationId))];
  const servesHere = sql`exists (select 1 from ${organizationMunicipalities} om where om.organization_id = ${organizations.id} and om.municipality_number = ${number})`;
  const orgStale = or(isNull(organizations.lastConfirmedAt), lt(organizations.lastConfirmedAt, staleBefore));
  const orgWhere = and(
    eq(organizations.active, true),
    or(and(servesHere, orgStale), orgIdsWithStale.length ? inArray(organizations.id, orgIdsWithStale) : undefined),
  );
  const [orgRows, [orgTotal]] = await Promise.all([
    db
      .select({ id: organizations.id, name: organizations.name, lastConfirmedAt: organizations.lastConfirmedAt })
      .from(organizations)
      .where(orgWhere)
      .orderBy(asc(organizations.name))
      .limit(STALE_LIST_LIMIT),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(organizations)
      .where(orgWhere),
  ]);
  const lastReminders = await lastRemindersOf(orgRows.map((o) => o.id));
  const staleOrganizations: StaleOrganization[] = orgRows
    .map((o) => ({
      ...o,
      staleActivityCount: staleActivities.filter((a) => a.organizationId === o.id).length,
      lastReminderAt: lastReminders.get(o.id) ?? null,
    }))
    // Those with stale activities first: a reminder there does the most.
    .sort((a, b) => b.staleActivityCount - a.staleActivityCount || a.name.localeCompare(b.name, "nb"));
  return {
    staleMonths: getEnv().ACTIVITY_STALE_MONTHS,
    activities: staleActivities.slice(0, STALE_LIST_LIMIT),
    activityTotal: staleActivities.length,
    organizations: staleOrganizations,
    organizationTotal: orgTotal?.n ?? 0,
  };
}

async function lastRemindersOf(organizationIds: string[]): Promise<Map<string, Date>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await getDb()
    .select({ organizationId: auditLog.entityId, at: sql<Date>`max(${auditLog.at})`.mapWith(auditLog.at) })
    .from(auditLog)
    .where(and(eq(auditLog.action, REMINDER_ACTION), eq(auditLog.entityType, "organization"), inArray(auditLog.entityId, organizationIds)))
    .groupBy(auditLog.entityId);
  return new Map(rows.map((r) => [r.organizationId!, r.at]));
}

/** How many organisations serving the kommune are listed on an organisation-without-activity page at most. */
export const UNMAPPED_ORGANIZATION_LIMIT = 100;

/**
 * How complete the kommune's picture in Samspill is: the organisations that serve it (registered by hand or
 * from Enhetsregisteret) and how many of them have a current activity here, and how many of its activities
 * were confirmed recently. The same aggregate counts for everyone; `scope` decides which activities count.
 */
async function mappingOf(number: string, scope: CoverageScope, totalActivities: number, now: Date) {
  const db = getDb();
  const { staleBefore } = stalenessCutoffs(now);
  const visible = scope === "public" ? sql`and a.visibility = 'public'` : sql``;
  const hasActivity = sql`exists (select 1 from ${activities} a where a.organization_id = ${organizations.id} and a.municipality_number = ${number} and a.status <> 'ended' ${visible})`;
  const [[orgs], [confirmed]] = await Promise.all([
    db
      .select({
        registered: sql<number>`count(*)::int`,
        withActivity: sql<number>`(count(*) filter (where ${hasActivity}))::int`,
      })
      .from(organizations)
      .innerJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
      .where(and(eq(organizationMunicipalities.municipalityNumber, number), eq(organizations.active, true))),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(
        and(
          eq(activities.municipalityNumber, number),
          ne(activities.status, "ended"),
          gte(activities.lastConfirmedAt, staleBefore),
          scope === "public" ? eq(activities.visibility, "public") : undefined,
        ),
      ),
  ]);
  return {
    mapped: isMapped(totalActivities),
    minActivities: MAPPED_MIN_ACTIVITIES,
    registeredOrganizations: orgs?.registered ?? 0,
    organizationsWithActivity: orgs?.withActivity ?? 0,
    confirmedRecently: confirmed?.n ?? 0,
  };
}

/**
 * Organisations that serve the kommune but have no current activity in it: whom a coordinator can approach
 * ("viktige ressursar og aktørar blir ikkje mobiliserte"). Those who coordinate the kommune only.
 */
async function organizationsWithoutActivity(number: string) {
  const db = getDb();
  const noActivity = sql`not exists (select 1 from ${activities} a where a.organization_id = ${organizations.id} and a.municipality_number = ${number} and a.status <> 'ended')`;
  const where = and(eq(organizationMunicipalities.municipalityNumber, number), eq(organizations.active, true), noActivity);
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, source: organizations.source })
      .from(organizations)
      .innerJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
      .where(where)
      .orderBy(asc(organizations.name), asc(organizations.id))
      .limit(UNMAPPED_ORGANIZATION_LIMIT),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(organizations)
      .innerJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
      .where(where),
  ]);
  return { organizations: rows, total: total?.n ?? 0 };
}

/**
 * The overview of one kommune for the actor: the full (internal) one for
 * those who coordinate it, the public summary for everyone else.
 */
export async function getMunicipalityOverview(actor: Actor, number: string, options: { year?: unknown; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const row = await requireMunicipality(number);
  const full = canCoordinateMunicipality(actor, number);
  const scope: CoverageScope = full ? "all" : "public";

  const years = await settlementYears(number);
  let year: number;
  if (options.year === undefined || options.year === null || options.year === "") {
    // The newest year with a settled figure (a year in progress often has only the request), else the newest, else this year.
    year = years.find((y) => y.settled !== null)?.year ?? years[0]?.year ?? currentYear(now);
  } else {
    const parsed = yearSchema.safeParse(options.year);
    if (!parsed.success) throw new AppError("validation", "overview.error.year", { year: { key: "overview.error.year" } });
    year = parsed.data;
  }
  const settlementRow = years.find((y) => y.year === year) ?? null;
  const settlement = {
    requested: settlementRow?.requested ?? null,
    decided: settlementRow?.decided ?? null,
    settled: settlementRow?.settled ?? null,
    inIntroductionProgramme: settlementRow?.inIntroductionProgramme ?? null,
  };
  const yearChoices = [...new Set([currentYear(now), year, ...years.map((y) => y.year)])].sort((a, b) => b - a);

  const [coverage, gapThreshold] = await Promise.all([readCoverage(scope, [number]), gapThresholdOf(number)]);
  const total = toFigures(
    coverage.find((r) => r.dimension === "total"),
    settlement.settled,
  );
  const themes = dimensionRows(coverage, "theme", activityThemes, settlement.settled);
  const groups = dimensionRows(coverage, "target_group", targetGroups, settlement.settled);
  // Mapped or not is judged on every current activity (internal ones too), the same for everyone who asks.
  const allTotal = scope === "all" ? total.activityCount : ((await readCoverage("all", [number])).find((r) => r.dimension === "total")?.activityCount ?? 0);
  const mapping = await mappingOf(number, scope, allTotal, now);
  // An empty theme in a kommune that is not mapped yet says nothing about what is offered: no gaps there.
  const gaps = mapping.mapped
    ? [
        ...themes.filter((r) => r.activityCount < gapThreshold).map((r) => ({ dimension: "theme" as const, key: r.key, activityCount: r.activityCount })),
        ...groups
          .filter((r) => r.activityCount < gapThreshold)
          .map((r) => ({ dimension: "target_group" as const, key: r.key, activityCount: r.activityCount })),
      ]
    : [];

  return {
    municipality: {
      number: row.municipality.number,
      name: row.municipality.name,
      countyNumber: row.county.number,
      countyName: row.county.name,
      population: row.municipality.population,
    },
    full,
    scope,
    year,
    yearChoices,
    settlement,
    total,
    themes,
    targetGroups: groups,
    gapThreshold,
    gaps,
    mapping,
    /** Organisations serving the kommune with no activity registered yet: for those who coordinate it. */
    withoutActivity: full ? await organizationsWithoutActivity(number) : null,
    /** Needs (issue 14): target groups named in open needs without matching activities, demand against supply per theme, needs by settlement month. */
    needsGapsAvailable: true as const,
    needs: await needsOverviewFor(number, { themes, targetGroups: groups }, osloDate(now)),
    stale: full ? await staleEntries(number, now) : null,
    /** Pairs of possible parallel initiatives (not marked distinct), for those who coordinate the kommune; the list is on /parallelle. */
    parallelPairCount: full ? (await detectOverlaps(getDb(), number)).pairs.length : null,
    /** How suggested collaborations went (suggested, in contact, became partnerships, decided distinct): stored figures. */
    followUps: full ? await followUpCounts(number) : null,
    generatedAt: now,
  };
}

export type MunicipalityOverview = Awaited<ReturnType<typeof getMunicipalityOverview>>;

/**
 * A coordinator's start-page figures for one kommune, read only from what is kept cheap: the pre-aggregated
 * coverage (activities, gaps), one count of stale entries. It never runs the parallel-initiative scan
 * (`detectOverlaps` compares every pair of the kommune's activities: seconds for a large kommune); the start page
 * links to that list instead. Only for those who coordinate the kommune.
 */
export async function getMunicipalityHeadline(actor: Actor, number: string, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const row = await requireMunicipality(number);
  if (!canCoordinateMunicipality(actor, number)) throw new AppError("forbidden", "errors.forbidden");
  const { staleBefore } = stalenessCutoffs(now);
  const [coverage, gapThreshold, [stale]] = await Promise.all([
    readCoverage("all", [number]),
    gapThresholdOf(number),
    getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(and(eq(activities.municipalityNumber, number), ne(activities.status, "ended"), lt(activities.lastConfirmedAt, staleBefore))),
  ]);
  const activityCount = coverage.find((r) => r.dimension === "total")?.activityCount ?? 0;
  const mapped = isMapped(activityCount);
  const thin = (dimension: "theme" | "target_group", keys: readonly string[]) =>
    dimensionRows(coverage, dimension, keys, null).filter((r) => r.activityCount < gapThreshold).length;
  return {
    number: row.municipality.number,
    name: row.municipality.name,
    activities: activityCount,
    mapped,
    // Counted as on the overview: only where the kommune is mapped.
    gaps: mapped ? thin("theme", activityThemes) + thin("target_group", targetGroups) : 0,
    staleActivities: stale?.n ?? 0,
  };
}

const reminderSchema = z.object({ organizationId: z.uuid() });

/**
 * "Send reminder": an e-mail to the organisation's contact address and admins
 * listing its stale activities in the kommune, with a link to its activity
 * list. Marks those activities reminded and writes the audit log. Refused
 * (conflict) when the organisation got one within the last 7 days.
 */
export async function sendStaleReminder(actor: Actor, number: string, input: unknown, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const municipality = await requireMunicipality(number);
  if (!canCoordinateMunicipality(actor, number)) throw new AppError("forbidden", "errors.forbidden");
  const parsed = reminderSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "overview.reminder.invalid", { organizationId: { key: "overview.reminder.invalid" } });
  const { organizationId } = parsed.data;
  const db = getDb();
  const { staleBefore } = stalenessCutoffs(now);

  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, contactEmail: organizations.contactEmail, lastConfirmedAt: organizations.lastConfirmedAt })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new AppError("not_found", "errors.notFound");
  const staleHere = await db
    .select({ id: activities.id, title: activities.title, lastConfirmedAt: activities.lastConfirmedAt, reminderSentAt: activities.reminderSentAt })
    .from(activities)
    .where(
      and(
        eq(activities.organizationId, org.id),
        eq(activities.municipalityNumber, number),
        ne(activities.status, "ended"),
        lt(activities.lastConfirmedAt, staleBefore),
      ),
    )
    .orderBy(asc(activities.title));
  const [serves] = await db
    .select({ n: sql<number>`1` })
    .from(organizationMunicipalities)
    .where(and(eq(organizationMunicipalities.organizationId, org.id), eq(organizationMunicipalities.municipalityNumber, number)));
  // Only organisations of this kommune: a coordinator cannot mail organisations elsewhere through it.
  if (!serves && staleHere.length === 0) throw new AppError("not_found", "errors.notFound");
  const orgStale = org.lastConfirmedAt === null || org.lastConfirmedAt < staleBefore;
  if (staleHere.length === 0 && !orgStale) throw new AppError("conflict", "overview.reminder.nothingStale");

  const since = new Date(now.getTime() - REMINDER_INTERVAL_DAYS * 24 * 3600 * 1000);
  const [recent] = await db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.action, REMINDER_ACTION), eq(auditLog.entityType, "organization"), eq(auditLog.entityId, org.id), gte(auditLog.at, since)))
    .orderBy(desc(auditLog.at))
    .limit(1);
  const recentActivityReminder = staleHere.some((a) => a.reminderSentAt !== null && a.reminderSentAt >= since);
  if (recent || recentActivityReminder) throw new AppError("conflict", "overview.reminder.tooSoon");

  const admins = await db
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, org.id), eq(memberships.role, "admin")));
  // Sent in the kommune's name: in its målform, unless the recipient chose a language (app/i18n/malform.server.ts).
  const localeOf = new Map<string, Locale>();
  if (org.contactEmail) localeOf.set(org.contactEmail.trim().toLowerCase(), kommuneMailLocale(number, null));
  for (const admin of admins) localeOf.set(admin.email.trim().toLowerCase(), kommuneMailLocale(number, admin.locale));
  const recipients = [...localeOf.keys()];
  if (recipients.length === 0) throw new AppError("conflict", "overview.reminder.noRecipient");

  // Signed by the body the sender acts for: a county advisor or IMDi is not the kommune.
  const signer = (await actingBody(actor, [number]))!;
  const link = new URL(`/organisasjoner/${org.id}/aktiviteter`, getEnv().PUBLIC_URL).toString();
  const mailIn = (locale: Locale) => {
    const t = getTranslator(locale);
    const lines = staleHere.map((a) => `- ${a.title} (${t("overview.reminder.mailConfirmed", { date: formatOsloLocal(a.lastConfirmedAt).slice(0, 10) })})`);
    const text = [
      t("overview.reminder.mailGreeting", { organization: org.name }),
      "",
      staleHere.length > 0 ? t("overview.reminder.mailIntro", { municipality: municipality.municipality.name }) : t("overview.reminder.mailOrganization"),
      ...lines,
      "",
      t("overview.reminder.mailAction", { link }),
      "",
      t("overview.reminder.mailSignature", { name: actor.name, body: signer.body }),
    ].join("\n");
    return { subject: t("overview.reminder.mailSubject", { organization: org.name }), text };
  };

  await db.transaction(async (tx) => {
    if (staleHere.length > 0) {
      await tx
        .update(activities)
        .set({ reminderSentAt: now })
        .where(
          inArray(
            activities.id,
            staleHere.map((a) => a.id),
          ),
        );
    }
    await recordAudit(tx, actor, {
      action: REMINDER_ACTION,
      entityType: "organization",
      entityId: org.id,
      organizationId: org.id,
      after: { municipalityNumber: number, activityIds: staleHere.map((a) => a.id), recipients: recipients.length },
    });
  });
  for (const [to, locale] of localeOf) await sendMail({ to, ...mailIn(locale) });
  return { organizationId: org.id, organizationName: org.name, recipients: recipients.length, activityCount: staleHere.length };
}

/**
 * The kommune's most recently created or changed activities (every visibility), newest first: what a
 * coordinator's start page lists as "latest changes". Only for those who coordinate the kommune.
 */
export async function recentActivityChanges(actor: Actor, number: string, limit = 5) {
  if (!canCoordinateMunicipality(actor, number)) throw new AppError("forbidden", "errors.forbidden");
  return getDb()
    .select({
      id: activities.id,
      title: activities.title,
      organizationName: organizations.name,
      updatedAt: activities.updatedAt,
      isNew: sql<boolean>`${activities.createdAt} = ${activities.updatedAt}`,
    })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .where(eq(activities.municipalityNumber, number))
    .orderBy(desc(activities.updatedAt), asc(activities.title))
    .limit(limit);
}
