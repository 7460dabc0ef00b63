import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { counties, events, municipalities, networkAgendaItems, networkDecisions, networkMembers, networks, organizations } from "~/db/schema/index.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { isOrganizationAdmin, isOrganizationMember, type Actor } from "~/domain/auth/actor.ts";
import { listOrganizations } from "~/domain/organizations/organizations.server.ts";
import { actsForBody, bodyFromColumns } from "~/domain/competence/bodies.ts";
import { AppError } from "~/lib/errors.ts";
import { z } from "zod";
import { confirmationSchema, isUuid, parseInput } from "~/lib/validation.ts";
import { agendaItemSchema, agendaPlacementSchema, decisionDoneSchema, decisionSchema } from "./events.schema.ts";
import { organiserFromColumns, mayOrganise, requireEvent } from "./events.server.ts";

/**
 * Networks (issue 12): a standing group run by a body (e.g. Integreringsnettverk
 * Innlandet, run by Innlandet fylkeskommune) with member organisations and
 * kommuner. Its name, members and meetings are public. The agenda backlog and
 * the decisions are the members' working space: members (anyone in a member
 * organisation, the coordinators of a member kommune) and those who run the
 * network read them and add to the backlog; those who run it put items on a
 * meeting and record decisions, which are carried to the next meeting's page
 * until marked done.
 */

type NetworkRow = typeof networks.$inferSelect;

export function mayManageNetwork(actor: Actor, network: NetworkRow): boolean {
  // Networks are run by a body; a row naming no body is run by nobody.
  if (network.organiserLevel === "organization") return false;
  return mayOrganise(actor, organiserFromColumns({ ...network, organiserOrganizationId: null }));
}

async function requireNetwork(id: unknown): Promise<NetworkRow> {
  if (!isUuid(id)) throw new AppError("not_found", "errors.notFound");
  const [row] = await getDb().select().from(networks).where(eq(networks.id, id));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/** What the actor may do in a network: read and add to the backlog (members and managers), run it (managers). */
export async function networkAccess(actor: Actor, networkId: string): Promise<{ isMember: boolean; canManage: boolean }> {
  if (actor.kind !== "user") return { isMember: false, canManage: false };
  const [network] = await getDb().select().from(networks).where(eq(networks.id, networkId));
  if (!network) return { isMember: false, canManage: false };
  const canManage = mayManageNetwork(actor, network);
  const members = await getDb()
    .select({ organizationId: networkMembers.organizationId, municipalityNumber: networkMembers.municipalityNumber })
    .from(networkMembers)
    .where(eq(networkMembers.networkId, networkId));
  const isMember = members.some(
    (m) =>
      (m.organizationId !== null && isOrganizationMember(actor, m.organizationId)) ||
      (m.municipalityNumber !== null && actsForBody(actor, { level: "municipality", municipalityNumber: m.municipalityNumber })),
  );
  return { isMember: isMember || canManage, canManage };
}

/** All networks, by name. Public. */
export async function listNetworks() {
  return getDb()
    .select({
      id: networks.id,
      name: networks.name,
      description: networks.description,
      countyName: counties.name,
      members: sql<number>`(select count(*)::int from ${networkMembers} m where m.network_id = ${networks.id})`,
    })
    .from(networks)
    .leftJoin(counties, eq(counties.number, networks.countyNumber))
    .orderBy(asc(networks.name));
}

async function organiserName(network: NetworkRow): Promise<string> {
  const body = bodyFromColumns({
    level: network.organiserLevel === "organization" ? "national" : network.organiserLevel,
    municipalityNumber: network.organiserMunicipalityNumber,
    countyNumber: network.organiserCountyNumber,
  });
  if (body.level === "county") {
    const [c] = await getDb().select({ name: counties.name }).from(counties).where(eq(counties.number, body.countyNumber));
    return c?.name ?? body.countyNumber;
  }
  if (body.level === "municipality") {
    const [m] = await getDb().select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.number, body.municipalityNumber));
    return m?.name ?? body.municipalityNumber;
  }
  return "IMDi";
}

/** A network's page: public parts for everyone, backlog and decisions for members and those who run it. */
export async function getNetwork(actor: Actor, id: unknown) {
  const network = await requireNetwork(id);
  const db = getDb();
  const access = await networkAccess(actor, network.id);
  const members = await membersOf(network.id);
  const meetings = await db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, status: events.status })
    .from(events)
    .where(eq(events.networkId, network.id))
    .orderBy(asc(events.startsAt));
  const backlog = access.isMember
    ? await db
        .select({
          id: networkAgendaItems.id,
          title: networkAgendaItems.title,
          description: networkAgendaItems.description,
          proposedByName: networkAgendaItems.proposedByName,
          createdAt: networkAgendaItems.createdAt,
        })
        .from(networkAgendaItems)
        .where(and(eq(networkAgendaItems.networkId, network.id), isNull(networkAgendaItems.eventId)))
        .orderBy(asc(networkAgendaItems.createdAt))
    : [];
  const openDecisions = access.isMember
    ? await db
        .select({ id: networkDecisions.id, text: networkDecisions.text, meetingTitle: events.title, meetingStartsAt: events.startsAt })
        .from(networkDecisions)
        .innerJoin(events, eq(events.id, networkDecisions.eventId))
        .where(and(eq(networkDecisions.networkId, network.id), eq(networkDecisions.done, false)))
        .orderBy(asc(events.startsAt), asc(networkDecisions.createdAt))
    : [];
  return {
    network: { id: network.id, name: network.name, description: network.description, organiserName: await organiserName(network) },
    members,
    meetings,
    backlog,
    openDecisions,
    access,
  };
}

/**
 * A meeting's working parts (shown on the event page of a network meeting) for
 * members: its agenda, the decisions made at it, and the open decisions of
 * earlier meetings carried to it.
 */
export async function meetingWorkspace(actor: Actor, eventId: unknown) {
  const event = await requireEvent(getDb(), eventId);
  if (!event.networkId) return null;
  const access = await networkAccess(actor, event.networkId);
  if (!access.isMember) return { access, agenda: [], decisions: [], carried: [], backlog: [] };
  const db = getDb();
  const agenda = await db
    .select({
      id: networkAgendaItems.id,
      title: networkAgendaItems.title,
      description: networkAgendaItems.description,
      proposedByName: networkAgendaItems.proposedByName,
    })
    .from(networkAgendaItems)
    .where(eq(networkAgendaItems.eventId, event.id))
    .orderBy(asc(networkAgendaItems.createdAt));
  const decisions = await db
    .select({ id: networkDecisions.id, text: networkDecisions.text, done: networkDecisions.done })
    .from(networkDecisions)
    .where(eq(networkDecisions.eventId, event.id))
    .orderBy(asc(networkDecisions.createdAt));
  const carried = await db
    .select({ id: networkDecisions.id, text: networkDecisions.text, meetingTitle: events.title, meetingStartsAt: events.startsAt })
    .from(networkDecisions)
    .innerJoin(events, eq(events.id, networkDecisions.eventId))
    .where(and(eq(networkDecisions.networkId, event.networkId), eq(networkDecisions.done, false), lt(events.startsAt, event.startsAt)))
    .orderBy(desc(events.startsAt), asc(networkDecisions.createdAt));
  const backlog = access.canManage
    ? await db
        .select({ id: networkAgendaItems.id, title: networkAgendaItems.title })
        .from(networkAgendaItems)
        .where(and(eq(networkAgendaItems.networkId, event.networkId), isNull(networkAgendaItems.eventId)))
        .orderBy(asc(networkAgendaItems.createdAt))
    : [];
  return { access, agenda, decisions, carried, backlog };
}

/** A network's member organisations and kommuner with their names, kommuner first by name. */
function membersOf(networkId: string) {
  return getDb()
    .select({
      organizationId: networkMembers.organizationId,
      organizationName: organizations.name,
      municipalityNumber: networkMembers.municipalityNumber,
      municipalityName: municipalities.name,
    })
    .from(networkMembers)
    .leftJoin(organizations, eq(organizations.id, networkMembers.organizationId))
    .leftJoin(municipalities, eq(municipalities.number, networkMembers.municipalityNumber))
    .where(eq(networkMembers.networkId, networkId))
    .orderBy(asc(municipalities.name), asc(organizations.name));
}

/** The name an agenda item is shown with: the member organisation or kommune the person belongs to, else their own. */
async function proposerName(actor: Extract<Actor, { kind: "user" }>, networkId: string): Promise<string> {
  const members = await membersOf(networkId);
  const mine = members.find(
    (m) =>
      (m.organizationId && isOrganizationMember(actor, m.organizationId)) ||
      (m.municipalityNumber && actsForBody(actor, { level: "municipality", municipalityNumber: m.municipalityNumber })),
  );
  return mine?.organizationName ?? mine?.municipalityName ?? actor.name;
}

/** A member adds an item to the backlog. */
export async function addAgendaItem(actor: Actor, networkId: unknown, rawInput: unknown): Promise<{ id: string }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const network = await requireNetwork(networkId);
  if (!(await networkAccess(actor, network.id)).isMember) throw new AppError("forbidden", "errors.forbidden");
  const input = parseInput(agendaItemSchema, rawInput);
  const name = await proposerName(actor, network.id);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(networkAgendaItems)
      .values({ networkId: network.id, title: input.title, description: input.description, proposedBy: actor.userId, proposedByName: name })
      .returning({ id: networkAgendaItems.id });
    await recordAudit(tx, actor, { action: "network.agenda_item_added", entityType: "network", entityId: network.id, after: { title: input.title } });
    return { id: row!.id };
  });
}

async function requireManagedMeeting(actor: Actor, eventId: unknown) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const event = await requireEvent(getDb(), eventId);
  if (!event.networkId) throw new AppError("not_found", "errors.notFound");
  const network = await requireNetwork(event.networkId);
  if (!mayManageNetwork(actor, network)) throw new AppError("forbidden", "errors.forbidden");
  return { user: actor, event, network };
}

/** Those who run the network put a backlog item on a meeting's agenda. */
export async function placeAgendaItem(actor: Actor, eventId: unknown, rawInput: unknown): Promise<void> {
  const { user, event, network } = await requireManagedMeeting(actor, eventId);
  const { itemId } = parseInput(agendaPlacementSchema, rawInput);
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(networkAgendaItems)
      .set({ eventId: event.id })
      .where(and(eq(networkAgendaItems.id, itemId), eq(networkAgendaItems.networkId, network.id), isNull(networkAgendaItems.eventId)))
      .returning({ id: networkAgendaItems.id });
    if (!row) throw new AppError("not_found", "errors.notFound");
    await recordAudit(tx, user, { action: "network.agenda_item_placed", entityType: "network", entityId: network.id, after: { itemId, eventId: event.id } });
  });
}

/** Those who run the network record a decision made at a meeting. */
export async function recordDecision(actor: Actor, eventId: unknown, rawInput: unknown): Promise<{ id: string }> {
  const { user, event, network } = await requireManagedMeeting(actor, eventId);
  const { text } = parseInput(decisionSchema, rawInput);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(networkDecisions)
      .values({ networkId: network.id, eventId: event.id, text, createdBy: user.userId })
      .returning({ id: networkDecisions.id });
    await recordAudit(tx, user, { action: "network.decision_recorded", entityType: "network", entityId: network.id, after: { eventId: event.id, text } });
    return { id: row!.id };
  });
}

/** A carried decision is done and stops following the meetings. */
export async function markDecisionDone(actor: Actor, eventId: unknown, rawInput: unknown): Promise<void> {
  const { user, network } = await requireManagedMeeting(actor, eventId);
  const { decisionId } = parseInput(decisionDoneSchema, rawInput);
  const [row] = await getDb()
    .update(networkDecisions)
    .set({ done: true })
    .where(and(eq(networkDecisions.id, decisionId), eq(networkDecisions.networkId, network.id)))
    .returning({ id: networkDecisions.id });
  if (!row) throw new AppError("not_found", "errors.notFound");
  await recordAudit(getDb(), user, { action: "network.decision_done", entityType: "network", entityId: network.id, after: { decisionId } });
}

/** Networks an organisation or kommune is in (for start pages). */
export async function networksOf(filter: { organizationIds?: string[]; municipalityNumbers?: string[] }) {
  const conditions = [];
  if (filter.organizationIds?.length) conditions.push(inArray(networkMembers.organizationId, filter.organizationIds));
  if (filter.municipalityNumbers?.length) conditions.push(inArray(networkMembers.municipalityNumber, filter.municipalityNumbers));
  if (!conditions.length) return [];
  return getDb()
    .selectDistinct({ id: networks.id, name: networks.name })
    .from(networks)
    .innerJoin(networkMembers, eq(networkMembers.networkId, networks.id))
    .where(conditions.length === 1 ? conditions[0] : sql`(${conditions[0]} or ${conditions[1]})`);
}

/* ---- Membership (issue 12): the organising body adds and removes members; an organisation's admin may leave. ---- */

const memberIdSchema = z.object({
  memberId: z.uuid({ error: "validation.invalid" }),
  confirm: confirmationSchema.pipe(z.literal(true, { error: "events.networks.error.confirm" })),
});
const leaveSchema = z.object({
  organizationId: z.uuid({ error: "validation.invalid" }),
  confirm: confirmationSchema.pipe(z.literal(true, { error: "events.networks.error.confirm" })),
});
const addOrganizationSchema = z.object({ organizationId: z.uuid({ error: "validation.invalid" }) });
const addMunicipalitySchema = z.object({
  municipalityNumber: z.string({ error: "validation.required" }).regex(/^\d{4}$/, { error: "events.networks.error.municipality" }),
});

/** The kommuner a network may take as members: those of its fylke (a regional network), else every kommune. */
async function eligibleMunicipalities(network: NetworkRow) {
  return getDb()
    .select({ number: municipalities.number, name: municipalities.name })
    .from(municipalities)
    .where(network.countyNumber ? eq(municipalities.countyNumber, network.countyNumber) : undefined)
    .orderBy(asc(municipalities.name));
}

/**
 * The members page: members (anyone in a member organisation, the
 * coordinators of a member kommune) and those who run the network see the
 * list; those who run it also get the register search (`q`) and the kommuner
 * they may add; an organisation's admin sees which of its organisations may leave.
 */
export async function getNetworkMembership(actor: Actor, networkId: unknown, rawQuery: unknown) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const network = await requireNetwork(networkId);
  const access = await networkAccess(actor, network.id);
  if (!access.isMember) throw new AppError("forbidden", "errors.forbidden");
  const members = await getDb()
    .select({
      id: networkMembers.id,
      organizationId: networkMembers.organizationId,
      organizationName: organizations.name,
      municipalityNumber: networkMembers.municipalityNumber,
      municipalityName: municipalities.name,
    })
    .from(networkMembers)
    .leftJoin(organizations, eq(organizations.id, networkMembers.organizationId))
    .leftJoin(municipalities, eq(municipalities.number, networkMembers.municipalityNumber))
    .where(eq(networkMembers.networkId, network.id))
    .orderBy(asc(municipalities.name), asc(organizations.name));
  const q = typeof rawQuery === "string" ? rawQuery.trim().slice(0, 200) : "";
  let candidates: { id: string; name: string }[] = [];
  let moreCandidates = false;
  let municipalityOptions: { number: string; name: string }[] = [];
  if (access.canManage) {
    const memberOrgs = new Set(members.map((m) => m.organizationId));
    if (q) {
      const found = await listOrganizations({ q });
      candidates = found.items.filter((o) => !memberOrgs.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
      moreCandidates = found.total > found.items.length;
    }
    const memberKommuner = new Set(members.map((m) => m.municipalityNumber));
    municipalityOptions = (await eligibleMunicipalities(network)).filter((m) => !memberKommuner.has(m.number));
  }
  return {
    network: { id: network.id, name: network.name, regional: network.countyNumber !== null },
    members: members.map((m) => ({
      ...m,
      /** The actor administers this member organisation and may take it out of the network. */
      mayLeave: m.organizationId !== null && isOrganizationAdmin(actor, m.organizationId),
    })),
    canManage: access.canManage,
    q,
    candidates,
    moreCandidates,
    municipalityOptions,
  };
}

async function requireManagedNetwork(actor: Actor, networkId: unknown) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const network = await requireNetwork(networkId);
  if (!mayManageNetwork(actor, network)) throw new AppError("forbidden", "errors.forbidden");
  return { user: actor, network };
}

function alreadyMember(field: string): AppError {
  return new AppError("validation", "common.errorSummary", { [field]: { key: "events.networks.error.alreadyMember" } });
}

/** Those who run the network add an organisation from the register. */
export async function addNetworkOrganization(actor: Actor, networkId: unknown, rawInput: unknown): Promise<{ name: string }> {
  const { user, network } = await requireManagedNetwork(actor, networkId);
  const { organizationId } = parseInput(addOrganizationSchema, rawInput);
  const [org] = await getDb().select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new AppError("validation", "common.errorSummary", { organizationId: { key: "events.networks.error.organization" } });
  return getDb().transaction(async (tx) => {
    const inserted = await tx
      .insert(networkMembers)
      .values({ networkId: network.id, organizationId: org.id })
      .onConflictDoNothing()
      .returning({ id: networkMembers.id });
    if (!inserted.length) throw alreadyMember("organizationId");
    await recordAudit(tx, user, {
      action: "network.member_added",
      entityType: "network",
      entityId: network.id,
      organizationId: org.id,
      after: { memberId: inserted[0]!.id, organizationId: org.id, name: org.name },
    });
    return { name: org.name };
  });
}

/** Those who run the network add a kommune: one of its fylke for a regional network, any for a national one. */
export async function addNetworkMunicipality(actor: Actor, networkId: unknown, rawInput: unknown): Promise<{ name: string }> {
  const { user, network } = await requireManagedNetwork(actor, networkId);
  const { municipalityNumber } = parseInput(addMunicipalitySchema, rawInput);
  const kommune = (await eligibleMunicipalities(network)).find((m) => m.number === municipalityNumber);
  if (!kommune) throw new AppError("validation", "common.errorSummary", { municipalityNumber: { key: "events.networks.error.municipality" } });
  return getDb().transaction(async (tx) => {
    const inserted = await tx
      .insert(networkMembers)
      .values({ networkId: network.id, municipalityNumber })
      .onConflictDoNothing()
      .returning({ id: networkMembers.id });
    if (!inserted.length) throw alreadyMember("municipalityNumber");
    await recordAudit(tx, user, {
      action: "network.member_added",
      entityType: "network",
      entityId: network.id,
      after: { memberId: inserted[0]!.id, municipalityNumber, name: kommune.name },
    });
    return { name: kommune.name };
  });
}

/** Those who run the network remove a member (after the confirm step); the member id must be one of THIS network's. */
export async function removeNetworkMember(actor: Actor, networkId: unknown, rawInput: unknown): Promise<void> {
  const { user, network } = await requireManagedNetwork(actor, networkId);
  const { memberId } = parseInput(memberIdSchema, rawInput);
  await getDb().transaction(async (tx) => {
    const [removed] = await tx
      .delete(networkMembers)
      .where(and(eq(networkMembers.id, memberId), eq(networkMembers.networkId, network.id)))
      .returning();
    if (!removed) throw new AppError("not_found", "errors.notFound");
    await recordAudit(tx, user, {
      action: "network.member_removed",
      entityType: "network",
      entityId: network.id,
      organizationId: removed.organizationId,
      before: { memberId: removed.id, organizationId: removed.organizationId, municipalityNumber: removed.municipalityNumber },
      after: null,
    });
  });
}

/** An organisation's admin takes their organisation out of the network (after the confirm step). */
export async function leaveNetwork(actor: Actor, networkId: unknown, rawInput: unknown): Promise<void> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const network = await requireNetwork(networkId);
  const { organizationId } = parseInput(leaveSchema, rawInput);
  if (!isOrganizationAdmin(actor, organizationId)) throw new AppError("forbidden", "errors.forbidden");
  await getDb().transaction(async (tx) => {
    const [removed] = await tx
      .delete(networkMembers)
      .where(and(eq(networkMembers.networkId, network.id), eq(networkMembers.organizationId, organizationId)))
      .returning();
    if (!removed) throw new AppError("not_found", "errors.notFound");
    await recordAudit(tx, actor, {
      action: "network.member_left",
      entityType: "network",
      entityId: network.id,
      organizationId,
      before: { memberId: removed.id, organizationId },
      after: null,
    });
  });
}
