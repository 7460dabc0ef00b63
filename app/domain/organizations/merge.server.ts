import { and, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { activities, activityPartners, auditLog, invitations, memberships, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { refreshCoverage } from "~/domain/overview/coverage.server.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import type { Actor } from "~/domain/auth/actor.ts";
import { deny, findOrganization, isHigherRole, organizationAccess, requireOrganization, type OrganizationRecord } from "./access.server.ts";
import { selectMembers, selectPendingInvitations } from "./members.server.ts";
import { listOrganizations } from "./organizations.server.ts";
import { mergeOrganizationsSchema } from "./organizations.schema.ts";

/**
 * Only those who coordinate an organisation (kommune coordinators, county
 * advisors for a kommune it serves, national admins) may merge it: its own
 * admins must not be able to swallow another organisation.
 */
function mayMerge(actor: Actor, organization: OrganizationRecord): boolean {
  return organizationAccess(actor, organization).coordinates;
}

function assertMergeable(source: OrganizationRecord, target: OrganizationRecord): void {
  if (source.id === target.id) {
    throw new AppError("validation", "org.merge.error.sameOrganization");
  }
  // Two different organisation numbers are two legal units, not a duplicate.
  if (source.orgNumber && target.orgNumber && source.orgNumber !== target.orgNumber) {
    throw new AppError("conflict", "org.merge.error.orgNumberConflict");
  }
}

async function countMembers(db: Queryable, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(eq(memberships.organizationId, organizationId));
  return row?.n ?? 0;
}

async function countPendingInvitations(db: Queryable, organizationId: string): Promise<number> {
  return (await selectPendingInvitations(db, organizationId)).length;
}

async function countAuditEntries(db: Queryable, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(eq(auditLog.organizationId, organizationId));
  return row?.n ?? 0;
}

function summary(organization: OrganizationRecord) {
  const { id, name, kind, orgNumber, isDemo, municipalities } = organization;
  return { id, name, kind, orgNumber, isDemo, municipalities };
}

/**
 * The merge page: candidates matching `q` and, with a chosen source, a
 * preview of what would move. Open to those who coordinate the target.
 */
export async function getMergePreview(actor: Actor, targetId: unknown, query: { q?: unknown; source?: unknown }) {
  const db = getDb();
  const target = await requireOrganization(db, targetId);
  if (!mayMerge(actor, target)) deny(actor);

  const q = typeof query.q === "string" ? query.q.trim().slice(0, 200) : "";
  const found = q ? await listOrganizations({ q }) : null;
  const candidates = found ? found.items.filter((c) => c.id !== target.id) : [];

  const source = query.source === undefined || query.source === "" ? undefined : await findOrganization(db, query.source);
  let preview = null;
  if (source) {
    let problem: "sameOrganization" | "orgNumberConflict" | "notAllowed" | null = null;
    if (!mayMerge(actor, source)) problem = "notAllowed";
    else if (source.id === target.id) problem = "sameOrganization";
    else if (source.orgNumber && target.orgNumber && source.orgNumber !== target.orgNumber) problem = "orgNumberConflict";
    // An organisation the actor may not merge is not described beyond its public name.
    const details =
      problem === "notAllowed"
        ? null
        : {
            sourceMembers: await countMembers(db, source.id),
            targetMembers: await countMembers(db, target.id),
            sourceInvitations: await countPendingInvitations(db, source.id),
            sourceAuditEntries: await countAuditEntries(db, source.id),
          };
    preview = { source: summary(source), problem, details };
  }
  return {
    target: summary(target),
    q,
    candidates,
    /** Only the first page is shown: a duplicate is found by narrowing the search, not by paging. */
    moreCandidates: found ? found.total > found.items.length : false,
    sourceNotFound: query.source !== undefined && query.source !== "" && !source,
    preview,
  };
}

type MergeStep = (tx: Queryable, source: OrganizationRecord, target: OrganizationRecord) => Promise<void>;

/** A user in both keeps the higher role; everyone else moves over as they were. */
const moveMemberships: MergeStep = async (tx, source, target) => {
  const sourceMembers = await tx.select().from(memberships).where(eq(memberships.organizationId, source.id));
  const targetMembers = await tx.select().from(memberships).where(eq(memberships.organizationId, target.id));
  const targetRoles = new Map(targetMembers.map((m) => [m.userId, m.role]));
  for (const member of sourceMembers) {
    const existing = targetRoles.get(member.userId);
    if (existing === undefined) {
      await tx.insert(memberships).values({ organizationId: target.id, userId: member.userId, role: member.role, createdAt: member.createdAt });
    } else if (isHigherRole(member.role, existing)) {
      await tx
        .update(memberships)
        .set({ role: member.role })
        .where(and(eq(memberships.organizationId, target.id), eq(memberships.userId, member.userId)));
    }
  }
  await tx.delete(memberships).where(eq(memberships.organizationId, source.id));
};

const moveMunicipalities: MergeStep = async (tx, source, target) => {
  const missing = source.municipalities.filter((m) => !target.municipalities.some((t) => t.number === m.number));
  if (missing.length) {
    await tx.insert(organizationMunicipalities).values(missing.map((m) => ({ organizationId: target.id, municipalityNumber: m.number })));
  }
};

/**
 * Invitations move so their links keep working; a pending one for an address
 * the target has already invited is dropped, so nobody gets two open invitations.
 */
const moveInvitations: MergeStep = async (tx, source, target) => {
  const pendingInTarget = await selectPendingInvitations(tx, target.id);
  const invitedEmails = pendingInTarget.map((i) => i.email.toLowerCase());
  if (invitedEmails.length) {
    await tx
      .delete(invitations)
      .where(
        and(
          eq(invitations.organizationId, source.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, sql`now()`),
          inArray(sql`lower(${invitations.email})`, invitedEmails),
        ),
      );
  }
  await tx.update(invitations).set({ organizationId: target.id }).where(eq(invitations.organizationId, source.id));
};

/** The source's history becomes the target's; entity ids stay as they were so old entries still say what they were about. */
const moveAuditHistory: MergeStep = async (tx, source, target) => {
  await tx.update(auditLog).set({ organizationId: target.id }).where(eq(auditLog.organizationId, source.id));
};

/**
 * The source's activities become the target's. Partnerships follow; one that
 * would make the target its own partner, or a partner twice, is dropped. The
 * kommuner they are in get their coverage recomputed: two organisations
 * counted apart per theme are now one.
 */
const moveActivities: MergeStep = async (tx, source, target) => {
  const moved = await tx
    .update(activities)
    .set({ organizationId: target.id })
    .where(eq(activities.organizationId, source.id))
    .returning({ municipalityNumber: activities.municipalityNumber });
  await refreshCoverage(tx, [...new Set(moved.map((m) => m.municipalityNumber))]);
  // Both were asked on the same activity: one organisation now, so a confirmation by either counts.
  await tx.execute(sql`update activity_partners t set status = 'confirmed', confirmed_at = s.confirmed_at
    from activity_partners s
    where t.activity_id = s.activity_id and t.organization_id = ${target.id} and s.organization_id = ${source.id}
      and s.status = 'confirmed' and t.status = 'pending'`);
  await tx.delete(activityPartners).where(
    and(
      eq(activityPartners.organizationId, source.id),
      sql`(${activityPartners.activityId} in (select ${activities.id} from ${activities} where ${activities.organizationId} = ${target.id})
        or exists (select 1 from ${activityPartners} other where other.activity_id = ${activityPartners.activityId} and other.organization_id = ${target.id}))`,
    ),
  );
  await tx.update(activityPartners).set({ organizationId: target.id }).where(eq(activityPartners.organizationId, source.id));
  // A source activity that had the target as partner now belongs to the target: not its own partner.
  await tx
    .delete(activityPartners)
    .where(
      and(
        eq(activityPartners.organizationId, target.id),
        sql`${activityPartners.activityId} in (select ${activities.id} from ${activities} where ${activities.organizationId} = ${target.id})`,
      ),
    );
};

/**
 * Everything that belongs to an organisation and must survive the merge;
 * anything not moved is deleted with the source (foreign keys cascade).
 */
const mergeSteps: MergeStep[] = [moveMemberships, moveMunicipalities, moveInvitations, moveActivities, moveAuditHistory];

/** The target keeps its own details and takes the source's only where it has none. */
function filledFields(source: OrganizationRecord, target: OrganizationRecord) {
  return {
    orgNumber: target.orgNumber ?? source.orgNumber,
    description: target.description.trim() ? target.description : source.description,
    website: target.website ?? source.website,
    contactEmail: target.contactEmail ?? source.contactEmail,
    contactPhone: target.contactPhone ?? source.contactPhone,
  };
}

function organizationSnapshot(organization: OrganizationRecord) {
  const { municipalities, ...row } = organization;
  return { ...row, municipalities: municipalities.map((m) => m.number) };
}

/**
 * Merges the duplicate `source` into `targetId`, which stays: members,
 * kommuner, invitations and history move, then the source is deleted.
 * Allowed for those who coordinate both organisations.
 */
export async function mergeOrganizations(actor: Actor, targetId: unknown, input: unknown): Promise<{ targetId: string; sourceName: string }> {
  const db = getDb();
  const target = await requireOrganization(db, targetId);
  if (!mayMerge(actor, target)) deny(actor);
  const data = parseInput(mergeOrganizationsSchema, input);
  const source = await requireOrganization(db, data.source);
  if (!mayMerge(actor, source)) deny(actor);
  assertMergeable(source, target);
  if (!data.confirm) {
    throw new AppError("validation", "common.errorSummary", { confirm: { key: "org.merge.error.confirmRequired" } });
  }

  return db.transaction(async (tx) => {
    // Locked and re-read so a concurrent edit or merge cannot slip in between the check and the move.
    await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(inArray(organizations.id, [source.id, target.id]))
      .for("update");
    const lockedSource = await requireOrganization(tx, source.id);
    const lockedTarget = await requireOrganization(tx, target.id);
    assertMergeable(lockedSource, lockedTarget);

    const before = {
      source: { ...organizationSnapshot(lockedSource), members: await selectMembers(tx, source.id) },
      target: organizationSnapshot(lockedTarget),
    };

    for (const step of mergeSteps) await step(tx, lockedSource, lockedTarget);

    // The source goes first: the organisation number is unique and may be moving to the target.
    await tx.delete(organizations).where(and(eq(organizations.id, source.id), ne(organizations.id, target.id)));
    await tx
      .update(organizations)
      .set({ ...filledFields(lockedSource, lockedTarget), updatedAt: new Date() })
      .where(eq(organizations.id, target.id));

    const merged = await requireOrganization(tx, target.id);
    await recordAudit(tx, actor, {
      action: "organization.merged",
      entityType: "organization",
      entityId: target.id,
      organizationId: target.id,
      before,
      after: organizationSnapshot(merged),
    });
    return { targetId: target.id, sourceName: lockedSource.name };
  });
}
