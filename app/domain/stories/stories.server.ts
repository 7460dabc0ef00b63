import { and, arrayOverlaps, asc, count, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities, municipalities, organizations, stories } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { clampPage, pageBounds, pageCount, parsePage } from "~/lib/paging.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import {
  coordinatedMunicipalities,
  countyOf,
  isNationalAdmin,
  isOrganizationAdmin,
  isOrganizationMember,
  type Actor,
  type UserActor,
} from "~/domain/auth/actor.ts";
import { actsForBody } from "~/domain/competence/bodies.ts";
import { reviewSchema, storyFilterSchema, storySchema } from "./stories.schema.ts";
import type { StoryStatus } from "./stories.constants.ts";

/**
 * Experience sharing (issue 12): an organisation's admin tells what one of its
 * activities did, for whom, what worked and what did not, what it cost and
 * whom to ask; a coordinator of the activity's kommune approves it (or sends
 * it back with a comment) before anyone else sees it. Approved stories are
 * public, browsable by theme and kind of organisation, and shown beside
 * similar activities in the same fylke.
 */

export const STORY_PAGE_SIZE = 20;

/** Who reviews a story in kommune `municipalityNumber`: that kommune's coordinators, and IMDi, which administers everything. */
export function mayReviewStoriesIn(actor: Actor, municipalityNumber: string): boolean {
  return isNationalAdmin(actor) || actsForBody(actor, { level: "municipality", municipalityNumber });
}

/** Whether the actor has a review queue at all. */
export function hasStoryReviewQueue(actor: Actor): boolean {
  return isNationalAdmin(actor) || coordinatedMunicipalities(actor).length > 0;
}

function requireUser(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  return actor;
}

async function requireOrganizationAdmin(actor: Actor, organizationId: unknown) {
  const user = requireUser(actor);
  if (!isUuid(organizationId)) throw new AppError("not_found", "errors.notFound");
  const [org] = await getDb().select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new AppError("not_found", "errors.notFound");
  if (!isOrganizationAdmin(user, org.id)) throw new AppError("forbidden", "errors.forbidden");
  return { user, org };
}

/** The organisations the actor may write stories for: those it is an admin of, by name. */
export async function storyWritingOrganizations(actor: UserActor) {
  const adminOf = actor.memberships.filter((m) => m.role === "admin").map((m) => m.organizationId);
  if (adminOf.length === 0) return [];
  return getDb()
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, adminOf))
    .orderBy(asc(organizations.name));
}

/** The organisation's activities a story may be about (its own, any status). */
export async function storyActivityChoices(actor: Actor, organizationId: unknown) {
  const { org } = await requireOrganizationAdmin(actor, organizationId);
  const rows = await getDb()
    .select({ id: activities.id, title: activities.title })
    .from(activities)
    .where(eq(activities.organizationId, org.id))
    .orderBy(activities.title);
  return { organization: org, activities: rows };
}

/** The activity, only if it is the organisation's own: a story cannot be tied to someone else's work. */
async function ownActivity(organizationId: string, activityId: string) {
  const [activity] = await getDb()
    .select({ id: activities.id, municipalityNumber: activities.municipalityNumber, themes: activities.themes })
    .from(activities)
    .where(and(eq(activities.id, activityId), eq(activities.organizationId, organizationId)));
  if (!activity) throw new AppError("validation", "common.errorSummary", { activityId: { key: "stories.error.activity" } });
  return activity;
}

/** Writes a story; it waits for the kommune's review. Audited. */
export async function createStory(actor: Actor, organizationId: unknown, rawInput: unknown): Promise<{ id: string }> {
  const { user, org } = await requireOrganizationAdmin(actor, organizationId);
  const input = parseInput(storySchema, rawInput);
  const activity = await ownActivity(org.id, input.activityId);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(stories)
      .values({
        ...input,
        organizationId: org.id,
        municipalityNumber: activity.municipalityNumber,
        countyNumber: countyOf(activity.municipalityNumber),
        activityThemes: activity.themes,
        status: "pending",
        createdBy: user.userId,
      })
      .returning({ id: stories.id });
    await recordAudit(tx, user, { action: "story.created", entityType: "story", entityId: row!.id, organizationId: org.id, after: input });
    return row!;
  });
}

async function findStory(id: unknown) {
  if (!isUuid(id)) throw new AppError("not_found", "errors.notFound");
  const [row] = await getDb()
    .select({
      id: stories.id,
      organizationId: stories.organizationId,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
      activityId: stories.activityId,
      activityTitle: activities.title,
      activityPublic: sql<boolean>`${activities.visibility} = 'public'`,
      municipalityNumber: stories.municipalityNumber,
      municipalityName: municipalities.name,
      countyNumber: stories.countyNumber,
      title: stories.title,
      whatWasDone: stories.whatWasDone,
      forWhom: stories.forWhom,
      whatWorked: stories.whatWorked,
      whatDidNotWork: stories.whatDidNotWork,
      cost: stories.cost,
      contactName: stories.contactName,
      contactEmail: stories.contactEmail,
      contactPhone: stories.contactPhone,
      topics: stories.topics,
      activityThemes: stories.activityThemes,
      status: stories.status,
      reviewComment: stories.reviewComment,
      reviewedAt: stories.reviewedAt,
      isDemo: stories.isDemo,
      updatedAt: stories.updatedAt,
    })
    .from(stories)
    .innerJoin(organizations, eq(organizations.id, stories.organizationId))
    .innerJoin(activities, eq(activities.id, stories.activityId))
    .innerJoin(municipalities, eq(municipalities.number, stories.municipalityNumber))
    .where(eq(stories.id, id));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/**
 * One story. Approved: public. Waiting or sent back: only the organisation's
 * members and the kommune's reviewers; to anyone else it does not exist.
 */
export async function getStory(actor: Actor, id: unknown) {
  const story = await findStory(id);
  const canReview = mayReviewStoriesIn(actor, story.municipalityNumber);
  const canEdit = isOrganizationAdmin(actor, story.organizationId);
  if (story.status !== "approved" && !canReview && !isOrganizationMember(actor, story.organizationId)) throw new AppError("not_found", "errors.notFound");
  const { activityPublic, activityTitle, reviewComment, ...rest } = story;
  // The activity's title only where the activity itself is public; the review comment only to its writers and reviewers.
  const insider = canReview || isOrganizationMember(actor, story.organizationId);
  return {
    ...rest,
    activityTitle: activityPublic ? activityTitle : null,
    reviewComment: insider ? reviewComment : null,
    canEdit,
    canReview: canReview && story.status === "pending",
  };
}

/** A story as its form shows it, for the organisation's admins. */
export async function getStoryForEdit(actor: Actor, id: unknown) {
  requireUser(actor);
  const story = await findStory(id);
  await requireOrganizationAdmin(actor, story.organizationId);
  return story;
}

/** Changes a story; any change goes back to the kommune for review, so nothing unreviewed is public. Audited. */
export async function updateStory(actor: Actor, id: unknown, rawInput: unknown): Promise<{ id: string }> {
  requireUser(actor);
  const story = await findStory(id);
  const { user } = await requireOrganizationAdmin(actor, story.organizationId);
  const input = parseInput(storySchema, rawInput);
  const activity = await ownActivity(story.organizationId, input.activityId);
  await getDb().transaction(async (tx) => {
    await tx
      .update(stories)
      .set({
        ...input,
        municipalityNumber: activity.municipalityNumber,
        countyNumber: countyOf(activity.municipalityNumber),
        activityThemes: activity.themes,
        status: "pending",
        updatedAt: new Date(),
      })
      .where(eq(stories.id, story.id));
    await recordAudit(tx, user, { action: "story.updated", entityType: "story", entityId: story.id, organizationId: story.organizationId, after: input });
  });
  return { id: story.id };
}

/** The coordinator's decision on a waiting story. Audited. */
export async function reviewStory(actor: Actor, id: unknown, rawInput: unknown): Promise<{ status: StoryStatus }> {
  const user = requireUser(actor);
  const story = await findStory(id);
  if (!mayReviewStoriesIn(user, story.municipalityNumber)) {
    // Someone who may not even see it is told it does not exist.
    if (story.status !== "approved" && !isOrganizationMember(user, story.organizationId)) throw new AppError("not_found", "errors.notFound");
    throw new AppError("forbidden", "errors.forbidden");
  }
  const input = parseInput(reviewSchema, rawInput);
  const status: StoryStatus = input.decision === "approve" ? "approved" : "returned";
  await getDb().transaction(async (tx) => {
    const updated = await tx
      .update(stories)
      .set({ status, reviewComment: input.comment, reviewedBy: user.userId, reviewedAt: new Date() })
      .where(and(eq(stories.id, story.id), eq(stories.status, "pending")))
      .returning({ id: stories.id });
    if (updated.length === 0) throw new AppError("conflict", "stories.error.notPending");
    await recordAudit(tx, user, {
      action: status === "approved" ? "story.approved" : "story.returned",
      entityType: "story",
      entityId: story.id,
      organizationId: story.organizationId,
      before: { status: story.status },
      after: { status, comment: input.comment },
    });
  });
  return { status };
}

const listColumns = {
  id: stories.id,
  title: stories.title,
  organizationId: stories.organizationId,
  organizationName: organizations.name,
  organizationKind: organizations.kind,
  municipalityNumber: stories.municipalityNumber,
  municipalityName: municipalities.name,
  countyNumber: stories.countyNumber,
  topics: stories.topics,
  activityThemes: stories.activityThemes,
  forWhom: stories.forWhom,
  isDemo: stories.isDemo,
  updatedAt: stories.updatedAt,
};

/** The coordinator's queue: stories waiting in the kommuner they coordinate (IMDi: all). */
export async function storyReviewQueue(actor: Actor, rawPage: unknown = 1) {
  const user = requireUser(actor);
  if (!hasStoryReviewQueue(user)) throw new AppError("forbidden", "errors.forbidden");
  const where = isNationalAdmin(user)
    ? eq(stories.status, "pending")
    : and(eq(stories.status, "pending"), inArray(stories.municipalityNumber, coordinatedMunicipalities(user)));
  return pagedStories(where, rawPage);
}

async function pagedStories(where: SQL | undefined, rawPage: unknown) {
  const db = getDb();
  const [{ total }] = (await db
    .select({ total: count() })
    .from(stories)
    .innerJoin(organizations, eq(organizations.id, stories.organizationId))
    .where(where)) as [{ total: number }];
  const pages = pageCount(total, STORY_PAGE_SIZE);
  const page = clampPage(parsePage(rawPage), pages);
  const { limit, offset } = pageBounds(page, STORY_PAGE_SIZE);
  const rows = await db
    .select(listColumns)
    .from(stories)
    .innerJoin(organizations, eq(organizations.id, stories.organizationId))
    .innerJoin(municipalities, eq(municipalities.number, stories.municipalityNumber))
    .where(where)
    .orderBy(desc(stories.updatedAt), stories.id)
    .limit(limit)
    .offset(offset);
  return { rows, total, page, pageCount: pages };
}

/** The public list, filtered by competence topic (`tema`) and kind of organisation (`type`), paged. */
export async function listPublishedStories(rawFilters: unknown, rawPage: unknown = 1) {
  const filters = storyFilterSchema.parse(rawFilters ?? {});
  const conditions: SQL[] = [eq(stories.status, "approved")];
  if (filters.tema) conditions.push(arrayOverlaps(stories.topics, [filters.tema]));
  if (filters.type) conditions.push(eq(organizations.kind, filters.type));
  return { filters, ...(await pagedStories(and(...conditions), rawPage)) };
}

/** Approved stories in a kommune or a fylke, newest first (the level pages). */
export async function publishedStories(options: { municipalityNumber?: string; countyNumber?: string; limit: number }) {
  const conditions: SQL[] = [eq(stories.status, "approved")];
  if (options.municipalityNumber) conditions.push(eq(stories.municipalityNumber, options.municipalityNumber));
  if (options.countyNumber) conditions.push(eq(stories.countyNumber, options.countyNumber));
  return getDb()
    .select(listColumns)
    .from(stories)
    .innerJoin(organizations, eq(organizations.id, stories.organizationId))
    .innerJoin(municipalities, eq(municipalities.number, stories.municipalityNumber))
    .where(and(...conditions))
    .orderBy(desc(stories.updatedAt), stories.id)
    .limit(Math.max(1, Math.min(options.limit, 50)));
}

/** Approved stories of the same theme in the same fylke as an activity, not about the activity itself. */
export async function storiesBesideActivity(activity: { id: string; municipalityNumber: string; themes: string[] }, limit = 3) {
  if (activity.themes.length === 0) return [];
  return getDb()
    .select(listColumns)
    .from(stories)
    .innerJoin(organizations, eq(organizations.id, stories.organizationId))
    .innerJoin(municipalities, eq(municipalities.number, stories.municipalityNumber))
    .where(
      and(
        eq(stories.status, "approved"),
        eq(stories.countyNumber, countyOf(activity.municipalityNumber)),
        ne(stories.activityId, activity.id),
        arrayOverlaps(stories.activityThemes, activity.themes),
      ),
    )
    .orderBy(desc(stories.updatedAt), stories.id)
    .limit(limit);
}

/** "Others in your fylke did this": approved stories from the kommune's fylke, other kommuner first. */
export async function storiesInFylkeOf(municipalityNumber: string, limit = 3) {
  return getDb()
    .select(listColumns)
    .from(stories)
    .innerJoin(organizations, eq(organizations.id, stories.organizationId))
    .innerJoin(municipalities, eq(municipalities.number, stories.municipalityNumber))
    .where(and(eq(stories.status, "approved"), eq(stories.countyNumber, countyOf(municipalityNumber))))
    .orderBy(sql`${stories.municipalityNumber} = ${municipalityNumber}`, desc(stories.updatedAt), stories.id)
    .limit(limit);
}

/** The organisation's own stories with their review state, for its members. */
export async function organizationStories(actor: Actor, organizationId: unknown) {
  requireUser(actor);
  if (!isUuid(organizationId)) throw new AppError("not_found", "errors.notFound");
  if (!isOrganizationMember(actor, organizationId)) throw new AppError("forbidden", "errors.forbidden");
  return getDb()
    .select({ id: stories.id, title: stories.title, status: stories.status, reviewComment: stories.reviewComment, updatedAt: stories.updatedAt })
    .from(stories)
    .where(eq(stories.organizationId, organizationId))
    .orderBy(desc(stories.updatedAt));
}
