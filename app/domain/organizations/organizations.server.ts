import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { pageBounds, pageCount } from "~/lib/paging.ts";
import { actingBody } from "~/domain/auth/acting-body.server.ts";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { escapeLike } from "~/db/sql.ts";
import { memberships, municipalities, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { confirmAsCurrent, listOrganizationAuditEntries, recordAudit } from "~/domain/audit/audit.server.ts";
import { isNationalAdmin, type Actor } from "~/domain/auth/actor.ts";
import { deny, organizationAccess, requireOrganization, type OrganizationRecord } from "./access.server.ts";
import { selectMembers, selectPendingInvitations } from "./members.server.ts";
import { normalizeOrgNumber } from "./org-number.ts";
import { sharesMunicipalityWith } from "~/domain/activities/partners.server.ts";
import {
  ORGANIZATION_PAGE_SIZE,
  listOrganizationsQuerySchema,
  organizationInputSchema,
  organizationVerificationSchema,
  type ListOrganizationsQuery,
  type OrganizationInput,
} from "./organizations.schema.ts";

/** How close a query word must be to part of a name to count as a typo of it (pg_trgm word_similarity). */
const TYPO_SIMILARITY = 0.5;

/**
 * The public register. A name matches when it contains the query, ignoring
 * case and accents ("tonsberg" finds "Tønsberg"); failing that, when a part of
 * it is a near spelling (trigram word similarity), so "frivillgsentral" still
 * finds "frivilligsentral". Exact matches come first, in alphabetical order.
 */
export async function listOrganizations(query: ListOrganizationsQuery = {}) {
  const { q, kind, municipality, page } = listOrganizationsQuerySchema.parse(query);
  const { limit, offset } = pageBounds(page, ORGANIZATION_PAGE_SIZE);
  const db = getDb();

  const unaccentedName = sql`unaccent(${organizations.name})`;
  const contains = sql`${unaccentedName} ilike ('%' || unaccent(${escapeLike(q)}) || '%')`;
  const similarity = sql<number>`word_similarity(unaccent(${q}), ${unaccentedName})`;
  const digits = normalizeOrgNumber(q);

  const filters: SQL[] = [];
  let order: SQL[] = [];
  if (q) {
    const textMatch: SQL[] = [contains];
    // Short queries would match almost anything by trigrams; substring matching is enough there.
    if (q.length >= 3) textMatch.push(sql`${similarity} >= ${TYPO_SIMILARITY}`);
    if (/^\d{9}$/.test(digits)) textMatch.push(eq(organizations.orgNumber, digits));
    filters.push(sql`(${sql.join(textMatch, sql` or `)})`);
    order = [sql`case when ${contains} then 0 else 1 end`, sql`case when ${contains} then 1 else ${similarity} end desc`];
  }
  if (kind) filters.push(eq(organizations.kind, kind));
  if (municipality) {
    filters.push(
      sql`exists (select 1 from ${organizationMunicipalities} where ${organizationMunicipalities.organizationId} = ${organizations.id} and ${organizationMunicipalities.municipalityNumber} = ${municipality})`,
    );
  }
  // PostgreSQL's C collation sorts å before æ and ø; mapping them to the three
  // characters after "z" gives Norwegian alphabetical order on every server.
  order.push(sql`translate(lower(${organizations.name}), 'æøå', '{|}') collate "C"`, asc(organizations.id));

  const where = filters.length ? and(...filters) : undefined;
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(organizations)
    .where(where);
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, orgNumber: organizations.orgNumber, isDemo: organizations.isDemo })
    .from(organizations)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);

  const served = rows.length
    ? await db
        .select({ organizationId: organizationMunicipalities.organizationId, number: municipalities.number, name: municipalities.name })
        .from(organizationMunicipalities)
        .innerJoin(municipalities, eq(municipalities.number, organizationMunicipalities.municipalityNumber))
        .where(
          inArray(
            organizationMunicipalities.organizationId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(municipalities.name))
    : [];

  return {
    items: rows.map((row) => ({
      ...row,
      municipalities: served.filter((s) => s.organizationId === row.id).map(({ number, name }) => ({ number, name })),
    })),
    total,
    page,
    pageSize: ORGANIZATION_PAGE_SIZE,
    pageCount: pageCount(total, ORGANIZATION_PAGE_SIZE),
    query: { q, kind: kind ?? null, municipality: municipality ?? null },
  };
}

/** The register fields the organisation's page and form show; its row's timestamps stay on the server. */
function publicView(organization: OrganizationRecord) {
  const { id, name, kind, orgNumber, description, website, contactEmail, contactPhone, isDemo } = organization;
  const { address, postalCode, postalPlace, inFrivillighetsregisteret, source, verified, lastConfirmedAt } = organization;
  const { verifiedByLevel, verifiedByBody, receptionCentreOperator } = organization;
  return {
    id,
    name,
    kind,
    orgNumber,
    description,
    website,
    contactEmail,
    contactPhone,
    isDemo,
    municipalities: organization.municipalities,
    address,
    postalCode,
    postalPlace,
    inFrivillighetsregisteret,
    source,
    verified,
    verifiedByLevel,
    verifiedByBody,
    receptionCentreOperator,
    lastConfirmedAt,
  };
}

/**
 * An organisation's page: the public part for everyone; members and pending
 * invitations only for its members, those who coordinate it and national admins.
 */
export async function getOrganization(actor: Actor, id: unknown) {
  const db = getDb();
  const organization = await requireOrganization(db, id);
  const access = organizationAccess(actor, organization);
  // What the internal part lists, and no more: no user ids, no invitation ids (token hashes).
  const internal = access.canReadInternal
    ? {
        members: (await selectMembers(db, organization.id)).map(({ name, email, isDemo, role }) => ({ name, email, isDemo, role })),
        invitations: (await selectPendingInvitations(db, organization.id)).map(({ email, role, expiresAt }) => ({ email, role, expiresAt })),
      }
    : null;
  // Members add and confirm the organisation's activities; national admins may too.
  const canManageActivities = access.isMember || isNationalAdmin(actor);
  return { organization: publicView(organization), access, internal, canManageActivities };
}

/** The edit form's current values, for those who may edit. */
export async function getOrganizationForEdit(actor: Actor, id: unknown) {
  const organization = await requireOrganization(getDb(), id);
  if (!organizationAccess(actor, organization).canEdit) deny(actor);
  return publicView(organization);
}

async function assertMunicipalitiesExist(db: Queryable, numbers: string[]) {
  const found = await db.select({ number: municipalities.number }).from(municipalities).where(inArray(municipalities.number, numbers));
  if (found.length !== numbers.length) {
    throw new AppError("validation", "common.errorSummary", { municipalities: { key: "validation.municipality" } });
  }
}

const orgNumberTaken = () => new AppError("conflict", "org.error.orgNumberTaken", { orgNumber: { key: "org.error.orgNumberTaken" } });

async function assertOrgNumberFree(db: Queryable, orgNumber: string | null, exceptId?: string) {
  if (!orgNumber) return;
  const [taken] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.orgNumber, orgNumber), exceptId ? ne(organizations.id, exceptId) : undefined));
  if (taken) throw orgNumberTaken();
}

/** Two people registering the same number at once: the unique index decides, the loser gets the same message. */
function isUniqueViolation(error: unknown): boolean {
  const candidates = [error, (error as { cause?: unknown } | null)?.cause];
  return candidates.some((e) => typeof e === "object" && e !== null && (e as { code?: unknown }).code === "23505");
}

function snapshot(input: OrganizationInput) {
  return {
    name: input.name,
    kind: input.kind,
    orgNumber: input.orgNumber,
    description: input.description,
    website: input.website,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
    address: input.address,
    postalCode: input.postalCode,
    postalPlace: input.postalPlace,
    receptionCentreOperator: input.receptionCentreOperator,
    municipalities: input.municipalities,
  };
}

function columns(input: OrganizationInput) {
  const { municipalities: _served, ...values } = snapshot(input);
  return values;
}

/** Registers an organisation; any signed-in user may, and becomes its admin. */
export async function createOrganization(actor: Actor, input: unknown): Promise<{ id: string }> {
  if (actor.kind !== "user") deny(actor);
  const data = parseInput(organizationInputSchema, input);
  const db = getDb();
  await assertMunicipalitiesExist(db, data.municipalities);
  await assertOrgNumberFree(db, data.orgNumber);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx.insert(organizations).values(columns(data)).returning({ id: organizations.id });
      const id = created!.id;
      await tx.insert(organizationMunicipalities).values(data.municipalities.map((m) => ({ organizationId: id, municipalityNumber: m })));
      await tx.insert(memberships).values({ organizationId: id, userId: actor.userId, role: "admin" });
      await recordAudit(tx, actor, { action: "organization.created", entityType: "organization", entityId: id, organizationId: id, after: snapshot(data) });
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw orgNumberTaken();
    throw error;
  }
}

/** Its admins, those who coordinate it and national admins may edit an organisation. */
export async function updateOrganization(actor: Actor, id: unknown, input: unknown): Promise<void> {
  const db = getDb();
  const organization = await requireOrganization(db, id);
  if (!organizationAccess(actor, organization).canEdit) deny(actor);
  const data = parseInput(organizationInputSchema, input);
  await assertMunicipalitiesExist(db, data.municipalities);
  await assertOrgNumberFree(db, data.orgNumber, organization.id);
  const before = snapshot({ ...organization, municipalities: organization.municipalities.map((m) => m.number) });
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(organizations)
        .set({ ...columns(data), updatedAt: new Date() })
        .where(eq(organizations.id, organization.id));
      await tx.delete(organizationMunicipalities).where(eq(organizationMunicipalities.organizationId, organization.id));
      await tx.insert(organizationMunicipalities).values(data.municipalities.map((m) => ({ organizationId: organization.id, municipalityNumber: m })));
      await recordAudit(tx, actor, {
        action: "organization.updated",
        entityType: "organization",
        entityId: organization.id,
        organizationId: organization.id,
        before,
        after: snapshot(data),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw orgNumberTaken();
    throw error;
  }
}

/** The organisation's own audit trail, newest first; `before` is the cursor for older entries. */
export async function listOrganizationAudit(actor: Actor, id: unknown, options: { before?: unknown } = {}) {
  const organization = await requireOrganization(getDb(), id);
  if (!organizationAccess(actor, organization).canReadAudit) deny(actor);
  const before = typeof options.before === "string" && /^\d{1,15}$/.test(options.before) ? Number(options.before) : undefined;
  const page = await listOrganizationAuditEntries(actor, organization.id, { before });
  return { organization: { id: organization.id, name: organization.name, isDemo: organization.isDemo }, ...page };
}

/**
 * What the activity form needs about the owning organisation: its kommuner
 * (offered first) and the organisations it can name as partners (those
 * serving the same kommuner, plus partners already chosen; the server holds
 * new partners to the same rule, see sharesMunicipalityWith). Only for those
 * who may add its activities: its members and national admins.
 */
export async function getActivityFormContext(actor: Actor, organizationId: unknown, chosenPartnerIds: string[] = []) {
  const db = getDb();
  const organization = await requireOrganization(db, organizationId);
  const access = organizationAccess(actor, organization);
  if (!access.isMember && !isNationalAdmin(actor)) deny(actor);
  const conditions: SQL[] = [];
  if (organization.municipalities.length) conditions.push(sharesMunicipalityWith(organization.id));
  const chosen = chosenPartnerIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (chosen.length) conditions.push(inArray(organizations.id, chosen));
  const partnerCandidates = conditions.length
    ? await db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(and(ne(organizations.id, organization.id), sql`(${sql.join(conditions, sql` or `)})`))
        .orderBy(sql`translate(lower(${organizations.name}), 'æøå', '{|}') collate "C"`)
        .limit(300)
    : [];
  return {
    organization: { id: organization.id, name: organization.name, isDemo: organization.isDemo, municipalities: organization.municipalities },
    partnerCandidates,
  };
}

/**
 * Those who coordinate the organisation (a coordinator of a kommune it serves,
 * the county advisor, national admins) mark it as verified or not. Audited.
 */
export async function setOrganizationVerified(actor: Actor, id: unknown, input: unknown): Promise<void> {
  const db = getDb();
  const organization = await requireOrganization(db, id);
  if (!organizationAccess(actor, organization).coordinates) deny(actor);
  const { verified } = parseInput(organizationVerificationSchema, input);
  // The page names who verified (kommune, fylkeskommune or IMDi), so a county's or IMDi's check is not shown as the kommune's.
  const verifier = verified
    ? await actingBody(
        actor,
        organization.municipalities.map((m) => m.number),
      )
    : null;
  const verifiedBy = { verifiedByLevel: verifier?.level ?? null, verifiedByBody: verifier?.body ?? null };
  await db.transaction(async (tx) => {
    await tx
      .update(organizations)
      .set({ verified, ...verifiedBy, updatedAt: new Date() })
      .where(eq(organizations.id, organization.id));
    await recordAudit(tx, actor, {
      action: verified ? "organization.verified" : "organization.unverified",
      entityType: "organization",
      entityId: organization.id,
      organizationId: organization.id,
      before: { verified: organization.verified, verifiedByBody: organization.verifiedByBody },
      after: { verified, verifiedByBody: verifiedBy.verifiedByBody },
    });
  });
}

/** The organisation's admins (and national admins) confirm its details are current. Audited. */
export async function confirmOrganizationDetails(actor: Actor, id: unknown, now = new Date()): Promise<void> {
  const db = getDb();
  const organization = await requireOrganization(db, id);
  const access = organizationAccess(actor, organization);
  if (!access.isAdmin && !isNationalAdmin(actor)) deny(actor);
  const entry = { action: "organization.confirmed", entityType: "organization", entityId: organization.id, organizationId: organization.id };
  await confirmAsCurrent(actor, entry, organization.lastConfirmedAt, now, (tx) =>
    tx.update(organizations).set({ lastConfirmedAt: now }).where(eq(organizations.id, organization.id)),
  );
}
