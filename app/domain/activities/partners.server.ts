import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { activities, activityPartners, memberships, municipalities, organizationMunicipalities, organizations, roleGrants, users } from "~/db/schema/index.ts";
import type { PartnershipStatus } from "~/db/schema/activities.ts";
import { getEnv } from "~/env.server.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { isOrganizationAdmin, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { deny, organizationAccess, requireOrganization, type OrganizationRecord } from "~/domain/organizations/access.server.ts";
import { defaultLocale, isLocale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";

/**
 * Partnerships between an activity and other organisations (docs/authorization.md).
 *
 * The owner may only ask organisations the activity form offers: those that
 * serve a kommune the owner serves. Asking makes a pending partnership; the
 * partner organisation's admins confirm or decline it. Until it is
 * confirmed the partner is not shown publicly and its members do not read
 * the activity when it is for partners only. An organisation with no admins
 * cannot answer for itself, so those who coordinate it (a coordinator of a
 * kommune it serves, its county advisor, national admins) answer for it.
 */

/** Recipients of one request e-mail (an organisation's admins, or the coordinators answering for it). */
const MAX_REQUEST_RECIPIENTS = 20;

/**
 * SQL condition on `organizations`: the organisation serves a kommune that
 * `ownerId` serves. The activity form lists exactly these as partner
 * candidates, and the server accepts no other new partner.
 */
export function sharesMunicipalityWith(ownerId: string): SQL {
  return sql`exists (select 1 from ${organizationMunicipalities} mine
    join ${organizationMunicipalities} theirs on theirs.municipality_number = mine.municipality_number
    where mine.organization_id = ${ownerId} and theirs.organization_id = ${organizations.id})`;
}

const partnerError = (key: string) => new AppError("validation", "common.errorSummary", { partners: { key } });

/**
 * The activity form's rule, on the server: every partner that is not already
 * one of this activity's (`current`, kept even if the organisations no longer
 * share a kommune) must be an existing organisation other than the owner
 * that serves one of the owner's kommuner. The count cap and duplicates are
 * handled by activityInputSchema.
 */
export async function assertAllowedPartners(db: Queryable, ownerId: string, requested: string[], current: string[]) {
  if (requested.includes(ownerId)) throw partnerError("activity.validation.partnerIsOwner");
  const added = requested.filter((id) => !current.includes(id));
  if (!added.length) return;
  const found = await db
    .select({ id: organizations.id, allowed: sql<boolean>`${sharesMunicipalityWith(ownerId)}` })
    .from(organizations)
    .where(inArray(organizations.id, added));
  if (found.length !== added.length) throw partnerError("activity.validation.partnerUnknown");
  if (found.some((f) => !f.allowed)) throw partnerError("activity.validation.partnerNotNearby");
}

export interface PartnerRow {
  activityId: string;
  id: string;
  name: string;
  status: PartnershipStatus;
}

export async function selectPartners(db: Queryable, activityIds: string[]): Promise<PartnerRow[]> {
  if (!activityIds.length) return [];
  return db
    .select({ activityId: activityPartners.activityId, id: organizations.id, name: organizations.name, status: activityPartners.status })
    .from(activityPartners)
    .innerJoin(organizations, eq(organizations.id, activityPartners.organizationId))
    .where(inArray(activityPartners.activityId, activityIds))
    .orderBy(asc(organizations.name));
}

/**
 * Brings an activity's partnerships in line with the form: partners left
 * out are removed (whatever their status), new ones become pending requests,
 * the rest are left as they are (a save does not undo a confirmation).
 * Runs inside the caller's transaction; returns the new requests so the
 * caller can e-mail them once the transaction has committed.
 */
export async function syncPartners(
  tx: Queryable,
  actor: UserActor,
  activity: { id: string; organizationId: string },
  requested: string[],
  current: Pick<PartnerRow, "id" | "status">[],
  now: Date,
): Promise<string[]> {
  const removed = current.filter((p) => !requested.includes(p.id));
  const added = requested.filter((id) => !current.some((p) => p.id === id));
  if (removed.length) {
    await tx.delete(activityPartners).where(
      and(
        eq(activityPartners.activityId, activity.id),
        inArray(
          activityPartners.organizationId,
          removed.map((p) => p.id),
        ),
      ),
    );
  }
  if (added.length) {
    await tx
      .insert(activityPartners)
      .values(
        added.map((organizationId) => ({ activityId: activity.id, organizationId, status: "pending" as const, requestedAt: now, requestedBy: actor.userId })),
      );
  }
  // Entries under the partner organisation, so its admins see them in its log.
  for (const p of removed) {
    await recordAudit(tx, actor, {
      action: "activity.partner_removed",
      entityType: "activity",
      entityId: activity.id,
      organizationId: p.id,
      before: { owner: activity.organizationId, partner: p.id, status: p.status },
    });
  }
  for (const id of added) {
    await recordAudit(tx, actor, {
      action: "activity.partner_requested",
      entityType: "activity",
      entityId: activity.id,
      organizationId: id,
      after: { owner: activity.organizationId, partner: id, status: "pending" },
    });
  }
  return added;
}

async function hasAdmins(db: Queryable, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "admin")))
    .limit(1);
  return Boolean(row);
}

/**
 * Who answers partnership requests for an organisation: its admins; when it
 * has none, those who coordinate it. "asFallback" says the actor answers on
 * its behalf.
 */
async function responderAccess(db: Queryable, actor: Actor, organization: OrganizationRecord) {
  if (isOrganizationAdmin(actor, organization.id)) return { mayRespond: true, asFallback: false };
  if (!organizationAccess(actor, organization).coordinates) return { mayRespond: false, asFallback: false };
  const fallback = !(await hasAdmins(db, organization.id));
  return { mayRespond: fallback, asFallback: fallback };
}

/**
 * The organisation's partnerships as a partner, for those who answer for it
 * (null for everyone else): pending requests first, then confirmed ones.
 */
export async function listPartnerships(actor: Actor, organizationId: unknown) {
  // Anonymous visitors answer for nobody: spare the public page the look-ups.
  if (actor.kind !== "user") return null;
  const db = getDb();
  const organization = await requireOrganization(db, organizationId);
  const access = await responderAccess(db, actor, organization);
  if (!access.mayRespond) return null;
  const owner = alias(organizations, "owner_org");
  const rows = await db
    .select({
      activityId: activities.id,
      title: activities.title,
      visibility: activities.visibility,
      municipalityName: municipalities.name,
      ownerId: activities.organizationId,
      ownerName: owner.name,
      status: activityPartners.status,
      requestedAt: activityPartners.requestedAt,
      confirmedAt: activityPartners.confirmedAt,
    })
    .from(activityPartners)
    .innerJoin(activities, eq(activities.id, activityPartners.activityId))
    .innerJoin(municipalities, eq(municipalities.number, activities.municipalityNumber))
    .innerJoin(owner, eq(owner.id, activities.organizationId))
    .where(eq(activityPartners.organizationId, organization.id))
    .orderBy(desc(sql`${activityPartners.status} = 'pending'`), desc(activityPartners.requestedAt), asc(activities.title))
    .limit(500);
  return {
    asFallback: access.asFallback,
    pending: rows.filter((r) => r.status === "pending"),
    confirmed: rows.filter((r) => r.status === "confirmed"),
  };
}

/** How many requests wait for the actor's answer on the organisation's behalf (0 if the actor may not answer). */
export async function countPendingPartnerships(actor: Actor, organizationId: unknown): Promise<number> {
  if (actor.kind !== "user") return 0;
  const db = getDb();
  const organization = await requireOrganization(db, organizationId);
  if (!(await responderAccess(db, actor, organization)).mayRespond) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(activityPartners)
    .where(and(eq(activityPartners.organizationId, organization.id), eq(activityPartners.status, "pending")));
  return row?.n ?? 0;
}

export const partnershipAnswers = ["confirm", "decline"] as const;
const answerSchema = z.object({ answer: z.enum(partnershipAnswers, { error: "validation.invalidChoice" }) });

/**
 * The partner organisation answers: "confirm" makes a pending partnership
 * confirmed; "decline" deletes it, pending (declined) or confirmed (the
 * partner leaves). Only for those who answer for the organisation (403 for
 * other signed-in users, before anything about the activity is looked up);
 * an activity it is not a partner of is 404. Audited under the partner
 * organisation.
 */
export async function respondToPartnership(actor: Actor, organizationId: unknown, rawInput: unknown, now = new Date()) {
  const db = getDb();
  const organization = await requireOrganization(db, organizationId);
  if (!(await responderAccess(db, actor, organization)).mayRespond) deny(actor);
  // A malformed activity id names no partnership, like an unknown one.
  const activityId = (rawInput as { activity?: unknown } | null)?.activity;
  if (!isUuid(activityId)) throw new AppError("not_found", "errors.notFound");
  const { answer } = parseInput(answerSchema, rawInput);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: activityPartners.status, ownerId: activities.organizationId })
      .from(activityPartners)
      .innerJoin(activities, eq(activities.id, activityPartners.activityId))
      .where(and(eq(activityPartners.activityId, activityId), eq(activityPartners.organizationId, organization.id)))
      .for("update", { of: activityPartners });
    if (!row) throw new AppError("not_found", "errors.notFound");
    const where = and(eq(activityPartners.activityId, activityId), eq(activityPartners.organizationId, organization.id));
    let action: string;
    if (answer === "confirm") {
      // Confirming twice (a double click, two admins at once) changes nothing.
      if (row.status === "confirmed") return { activityId, answer, previousStatus: row.status, changed: false };
      await tx.update(activityPartners).set({ status: "confirmed", confirmedAt: now }).where(where);
      action = "activity.partner_confirmed";
    } else {
      await tx.delete(activityPartners).where(where);
      action = row.status === "pending" ? "activity.partner_declined" : "activity.partner_ended";
    }
    await recordAudit(tx, actor, {
      action,
      entityType: "activity",
      entityId: activityId,
      organizationId: organization.id,
      before: { owner: row.ownerId, partner: organization.id, status: row.status },
      after: answer === "confirm" ? { owner: row.ownerId, partner: organization.id, status: "confirmed" } : null,
    });
    return { activityId, answer, previousStatus: row.status, changed: true };
  });
}

/**
 * Those a request e-mail goes to: the partner organisation's admins, or, if
 * it has none, the municipal coordinators of the kommuner it serves (who
 * may answer for it). Each gets the e-mail in their own saved language.
 */
async function requestRecipients(db: Queryable, organizationId: string) {
  const admins = await db
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "admin")))
    .limit(MAX_REQUEST_RECIPIENTS);
  if (admins.length) return { asFallback: false, recipients: admins };
  const coordinators = await db
    .selectDistinct({ email: users.email, locale: users.locale })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        eq(roleGrants.role, "municipal_coordinator"),
        sql`${roleGrants.municipalityNumber} in (select ${organizationMunicipalities.municipalityNumber} from ${organizationMunicipalities} where ${organizationMunicipalities.organizationId} = ${organizationId})`,
      ),
    )
    .limit(MAX_REQUEST_RECIPIENTS);
  return { asFallback: true, recipients: coordinators };
}

/** E-mails each new request to those who can answer it. Call after the transaction that made the requests has committed. */
export async function mailPartnershipRequests(actor: UserActor, activityId: string, partnerIds: string[]) {
  if (!partnerIds.length) return;
  const db = getDb();
  const [activity] = await db
    .select({ title: activities.title, ownerName: organizations.name, municipalityName: municipalities.name })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .innerJoin(municipalities, eq(municipalities.number, activities.municipalityNumber))
    .where(eq(activities.id, activityId));
  if (!activity) return;
  const partners = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, partnerIds));
  for (const partner of partners) {
    const { asFallback, recipients } = await requestRecipients(db, partner.id);
    const link = new URL(`/organisasjoner/${partner.id}/aktiviteter#partnerskap`, getEnv().PUBLIC_URL).toString();
    for (const recipient of recipients) {
      const t = getTranslator(isLocale(recipient.locale) ? recipient.locale : defaultLocale);
      const values = {
        name: actor.name,
        owner: activity.ownerName,
        partner: partner.name,
        activity: activity.title,
        municipality: activity.municipalityName,
        link,
      };
      await sendMail({
        to: recipient.email,
        subject: t("activityAdmin.partnership.mail.subject", values),
        text: [
          t("activityAdmin.partnership.mail.intro", values),
          "",
          t("activityAdmin.partnership.mail.consent", values),
          ...(asFallback ? ["", t("activityAdmin.partnership.mail.fallback", values)] : []),
          "",
          t("activityAdmin.partnership.mail.link", values),
        ].join("\n"),
      });
    }
  }
}
