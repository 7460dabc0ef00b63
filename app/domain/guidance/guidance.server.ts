import { and, asc, count, desc, eq, exists, inArray, isNotNull, isNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import {
  competenceOffers,
  counties,
  guidanceAttachments,
  guidanceHandovers,
  guidanceInternalNotes,
  guidanceMessages,
  guidanceRequests,
  memberships,
  municipalities,
  organizationMunicipalities,
  organizations,
  roleGrants,
  users,
} from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { clampPage, pageBounds, pageCount } from "~/lib/paging.ts";
import { countyOf, isOrganizationAdmin, isOrganizationMember, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { actsForBody, bodiesOf, bodyColumns, bodyFromColumns, nextBodyUp, sameBody, type Body } from "~/domain/competence/bodies.ts";
import type { CompetenceTopic } from "~/domain/competence/topics.ts";
import type { OrganizationKind } from "~/domain/organizations/organizations.constants.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { acceptUploads, readStoredFile, storeFile, storedFileInfos, type AcceptedFile, type StoredFile } from "~/domain/files/files.server.ts";
import { createQuestionAnswer, suggestedArticles } from "~/domain/knowledge/knowledge.server.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { getEnv } from "~/env.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { kommuneMailLocale } from "~/i18n/malform.server.ts";
import type { Locale } from "~/i18n/config.ts";
import type { GuidanceHandoverKind, GuidanceMessageSide, GuidanceStatus, GuidanceUrgency } from "./guidance.constants.ts";
import {
  competenceOfferRemoveSchema,
  competenceOfferSchema,
  guidanceHandoverSchema,
  guidanceMessageSchema,
  guidanceNoteSchema,
  guidancePeerSchema,
  guidanceReturnSchema,
  guidanceQuestionAnswerSchema,
  newGuidanceRequestSchema,
} from "./guidance.schema.ts";

/**
 * Guidance requests (veiledningsforespørsler, issue 12). An organisation asks;
 * the request goes to its kommune's coordinators, or straight to the
 * fylkeskommune when the kommune has no coordinator; the holding body answers,
 * hands it to the next body up with a reason, or passes it to a peer
 * organisation that offers that competence.
 *
 * Who may read a request:
 * - members of the asking organisation (the asker's view: bodies and
 *   organisations by name, never persons, never internal notes);
 * - those who act for a body the request was routed or handed to — exactly
 *   that body (actsForBody): a county advisor does not read what a kommune in
 *   the fylke still holds, and keeps reading what the fylkeskommune handed on;
 * - members of a peer organisation it was passed to.
 * Everyone else gets not_found, so the request's existence is not revealed.
 */

export const GUIDANCE_PAGE_SIZE = 20;

/** A public body or a peer organisation, as the pages name it. */
export type Holder =
  | { kind: "body"; level: "municipality"; municipalityNumber: string; name: string }
  | { kind: "body"; level: "county"; countyNumber: string; name: string }
  | { kind: "body"; level: "national"; name: string }
  | { kind: "organization"; organizationId: string; name: string };

type RequestRow = typeof guidanceRequests.$inferSelect;

/** Where the asker's kommune routes a new request: its coordinators, or the fylkeskommune when it has none. */
export async function routeFor(municipalityNumber: string, db: Queryable = getDb()): Promise<Body> {
  const [grant] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, "municipal_coordinator"), eq(roleGrants.municipalityNumber, municipalityNumber)))
    .limit(1);
  return grant ? { level: "municipality", municipalityNumber } : { level: "county", countyNumber: countyOf(municipalityNumber) };
}

function holderBody(row: Pick<RequestRow, "holderLevel" | "holderMunicipalityNumber" | "holderCountyNumber">): Body {
  return bodyFromColumns({ level: row.holderLevel, municipalityNumber: row.holderMunicipalityNumber, countyNumber: row.holderCountyNumber });
}

/** SQL: the hand-over row names this body as the receiver. */
function toBody(body: Body): SQL {
  const c = bodyColumns(body);
  return and(
    eq(guidanceHandovers.toLevel, c.level),
    c.municipalityNumber ? eq(guidanceHandovers.toMunicipalityNumber, c.municipalityNumber) : isNull(guidanceHandovers.toMunicipalityNumber),
    c.countyNumber ? eq(guidanceHandovers.toCountyNumber, c.countyNumber) : isNull(guidanceHandovers.toCountyNumber),
  )!;
}

/** SQL: the request is held by this body now (whether or not a peer organisation has it). */
function heldBy(body: Body): SQL {
  const c = bodyColumns(body);
  return and(
    eq(guidanceRequests.holderLevel, c.level),
    c.municipalityNumber ? eq(guidanceRequests.holderMunicipalityNumber, c.municipalityNumber) : isNull(guidanceRequests.holderMunicipalityNumber),
    c.countyNumber ? eq(guidanceRequests.holderCountyNumber, c.countyNumber) : isNull(guidanceRequests.holderCountyNumber),
  )!;
}

function everRoutedTo(db: Queryable, body: Body): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(guidanceHandovers)
      .where(and(eq(guidanceHandovers.requestId, guidanceRequests.id), toBody(body))),
  );
}

function everPassedTo(db: Queryable, organizationIds: string[]): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(guidanceHandovers)
      .where(and(eq(guidanceHandovers.requestId, guidanceRequests.id), inArray(guidanceHandovers.toOrganizationId, organizationIds))),
  );
}

/** The actor's relation to one request. */
interface Access {
  /** A member of the asking organisation. */
  asker: boolean;
  /** The body the actor acts for that holds the request now (may answer, hand over, pass on), if any. */
  holdingBody: Body | null;
  /** A body the actor acts for that the request was ever routed or handed to (reads, writes internal notes). */
  pastBody: Body | null;
  /** The actor is a member of the peer organisation that holds the request now. */
  holdingPeer: boolean;
  /** The actor is a member of a peer organisation the request was ever passed to. */
  pastPeer: boolean;
}

async function accessTo(actor: Actor, row: RequestRow): Promise<Access> {
  const none: Access = { asker: false, holdingBody: null, pastBody: null, holdingPeer: false, pastPeer: false };
  if (actor.kind !== "user") return none;
  const asker = isOrganizationMember(actor, row.organizationId);
  const current = holderBody(row);
  const holdingBody = actsForBody(actor, current) ? current : null;
  const chain = await getDb()
    .select({
      toLevel: guidanceHandovers.toLevel,
      toMunicipalityNumber: guidanceHandovers.toMunicipalityNumber,
      toCountyNumber: guidanceHandovers.toCountyNumber,
      toOrganizationId: guidanceHandovers.toOrganizationId,
    })
    .from(guidanceHandovers)
    .where(eq(guidanceHandovers.requestId, row.id));
  const pastBody =
    holdingBody ??
    chain
      .filter((h) => h.toLevel !== null)
      .map((h) => bodyFromColumns({ level: h.toLevel!, municipalityNumber: h.toMunicipalityNumber, countyNumber: h.toCountyNumber }))
      .find((b) => actsForBody(actor, b)) ??
    null;
  const holdingPeer = row.holderOrganizationId !== null && isOrganizationMember(actor, row.holderOrganizationId);
  const pastPeer = holdingPeer || chain.some((h) => h.toOrganizationId !== null && isOrganizationMember(actor, h.toOrganizationId));
  return { asker, holdingBody, pastBody, holdingPeer, pastPeer };
}

const mayRead = (a: Access) => a.asker || a.pastBody !== null || a.pastPeer;

async function requireUser(actor: Actor): Promise<UserActor> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  return actor;
}

/** The request and the actor's access, or not_found for anyone who may not read it (existence is not revealed). */
async function loadReadable(actor: Actor, id: string): Promise<{ user: UserActor; row: RequestRow; access: Access }> {
  const user = await requireUser(actor);
  if (!isUuid(id)) throw new AppError("not_found", "errors.notFound");
  const [row] = await getDb().select().from(guidanceRequests).where(eq(guidanceRequests.id, id));
  if (!row) throw new AppError("not_found", "errors.notFound");
  const access = await accessTo(user, row);
  if (!mayRead(access)) throw new AppError("not_found", "errors.notFound");
  return { user, row, access };
}

// ---------------------------------------------------------------------------
// Names of bodies and organisations

async function nameBodies(bodies: (Body | null)[]): Promise<(Holder | null)[]> {
  const db = getDb();
  const mNumbers = [...new Set(bodies.flatMap((b) => (b?.level === "municipality" ? [b.municipalityNumber] : [])))];
  const cNumbers = [...new Set(bodies.flatMap((b) => (b?.level === "county" ? [b.countyNumber] : [])))];
  const mNames = new Map(
    mNumbers.length
      ? (await db.select({ n: municipalities.number, name: municipalities.name }).from(municipalities).where(inArray(municipalities.number, mNumbers))).map(
          (r) => [r.n, r.name],
        )
      : [],
  );
  const cNames = new Map(
    cNumbers.length
      ? (await db.select({ n: counties.number, name: counties.name }).from(counties).where(inArray(counties.number, cNumbers))).map((r) => [r.n, r.name])
      : [],
  );
  return bodies.map((b): Holder | null => {
    if (!b) return null;
    if (b.level === "municipality")
      return { kind: "body", level: "municipality", municipalityNumber: b.municipalityNumber, name: mNames.get(b.municipalityNumber) ?? "" };
    if (b.level === "county") return { kind: "body", level: "county", countyNumber: b.countyNumber, name: cNames.get(b.countyNumber) ?? "" };
    return { kind: "body", level: "national", name: "IMDi" };
  });
}

async function organizationNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await getDb().select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function bodyOrNull(level: RequestRow["holderLevel"] | null, municipalityNumber: string | null, countyNumber: string | null): Body | null {
  return level ? bodyFromColumns({ level, municipalityNumber, countyNumber }) : null;
}

// ---------------------------------------------------------------------------
// Asking

/** The organisations the actor may ask for (their memberships), with the kommuner each serves and its kind. */
export async function askerOrganizations(actor: Actor) {
  if (actor.kind !== "user" || actor.memberships.length === 0) return [];
  const ids = actor.memberships.map((m) => m.organizationId);
  const rows = await getDb()
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      municipalityNumber: organizationMunicipalities.municipalityNumber,
      municipalityName: municipalities.name,
    })
    .from(organizations)
    .leftJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
    .leftJoin(municipalities, eq(municipalities.number, organizationMunicipalities.municipalityNumber))
    .where(inArray(organizations.id, ids))
    .orderBy(asc(organizations.name), asc(municipalities.name));
  const byId = new Map<string, { id: string; name: string; kind: OrganizationKind; municipalities: { number: string; name: string }[] }>();
  for (const r of rows) {
    const org = byId.get(r.id) ?? { id: r.id, name: r.name, kind: r.kind, municipalities: [] };
    if (r.municipalityNumber) org.municipalities.push({ number: r.municipalityNumber, name: r.municipalityName ?? r.municipalityNumber });
    byId.set(r.id, org);
  }
  return [...byId.values()];
}

/** Files a request for one of the actor's organisations, in a kommune it serves, and routes it. */
export async function createGuidanceRequest(actor: Actor, rawInput: unknown, uploads: FormDataEntryValue[] = []): Promise<{ id: string; holder: Body }> {
  const user = await requireUser(actor);
  const input = parseInput(newGuidanceRequestSchema, rawInput);
  if (!isOrganizationMember(user, input.organizationId)) {
    throw new AppError("validation", "common.errorSummary", { organizationId: { key: "guidance.error.organization" } });
  }
  const db = getDb();
  const [served] = await db
    .select({ n: organizationMunicipalities.municipalityNumber })
    .from(organizationMunicipalities)
    .where(
      and(eq(organizationMunicipalities.organizationId, input.organizationId), eq(organizationMunicipalities.municipalityNumber, input.municipalityNumber)),
    );
  if (!served) throw new AppError("validation", "common.errorSummary", { municipalityNumber: { key: "guidance.error.municipality" } });
  const files = await acceptUploads(uploads, { field: "attachments" });

  const { id, holder } = await db.transaction(async (tx) => {
    const holder = await routeFor(input.municipalityNumber, tx);
    const c = bodyColumns(holder);
    const now = new Date();
    const [row] = await tx
      .insert(guidanceRequests)
      .values({
        ...input,
        holderLevel: c.level,
        holderMunicipalityNumber: c.municipalityNumber,
        holderCountyNumber: c.countyNumber,
        createdBy: user.userId,
        submittedAt: now,
        updatedAt: now,
      })
      .returning({ id: guidanceRequests.id });
    await tx.insert(guidanceHandovers).values({
      requestId: row!.id,
      kind: "routed",
      toLevel: c.level,
      toMunicipalityNumber: c.municipalityNumber,
      toCountyNumber: c.countyNumber,
      createdBy: user.userId,
      createdAt: now,
    });
    await attach(tx, user, row!.id, null, files);
    await recordAudit(tx, user, {
      action: "guidance.request_created",
      entityType: "guidance_request",
      entityId: row!.id,
      organizationId: input.organizationId,
      after: { topic: input.topic, municipalityNumber: input.municipalityNumber, urgency: input.urgency, holder: c },
    });
    return { id: row!.id, holder };
  });
  await notifyBody(holder, id, input.municipalityNumber, "guidance.mail.newSubject", "guidance.mail.newText", { title: input.title });
  return { id, holder };
}

// ---------------------------------------------------------------------------
// Reading

export interface GuidanceListItem {
  id: string;
  title: string;
  topic: CompetenceTopic;
  status: GuidanceStatus;
  urgency: GuidanceUrgency;
  organizationName: string;
  municipalityName: string;
  holder: Holder;
  submittedAt: Date;
  updatedAt: Date;
}

export type GuidanceListKind = "own" | "inbox" | "handed_on";

/** Which lists the actor has: their organisations' requests, and the inbox of what the bodies or peer organisations they act for hold. */
export function guidanceListsOf(actor: Actor): GuidanceListKind[] {
  if (actor.kind !== "user") return [];
  const body = bodiesOf(actor).length > 0;
  const member = actor.memberships.length > 0;
  // A body's people start in their inbox; an organisation's members start with their own requests (their inbox holds what peers pass them).
  if (body) return member ? ["inbox", "handed_on", "own"] : ["inbox", "handed_on"];
  return member ? ["own", "inbox"] : [];
}

function listCondition(db: Queryable, actor: UserActor, list: GuidanceListKind): SQL | null {
  const bodies = bodiesOf(actor);
  const orgIds = actor.memberships.map((m) => m.organizationId);
  switch (list) {
    case "own":
      return orgIds.length ? inArray(guidanceRequests.organizationId, orgIds) : null;
    case "inbox": {
      // Held by a body the actor acts for (not while a peer has it: then it is the peer's to answer), or by the actor's peer organisation.
      const parts: SQL[] = bodies.map((b) => and(heldBy(b), isNull(guidanceRequests.holderOrganizationId))!);
      if (orgIds.length) parts.push(inArray(guidanceRequests.holderOrganizationId, orgIds));
      return parts.length ? or(...parts)! : null;
    }
    case "handed_on": {
      // Routed or handed to the actor's body once, and held by another body now (or passed to a peer).
      const parts: SQL[] = bodies.map((b) => and(everRoutedTo(db, b), or(sql`not (${heldBy(b)})`, isNotNull(guidanceRequests.holderOrganizationId)))!);
      if (orgIds.length)
        parts.push(
          and(everPassedTo(db, orgIds), or(isNull(guidanceRequests.holderOrganizationId), notInArray(guidanceRequests.holderOrganizationId, orgIds)))!,
        );
      return parts.length ? or(...parts)! : null;
    }
  }
}

/** One page of one of the actor's lists, newest first, optionally by status. */
export async function listGuidanceRequests(
  actor: Actor,
  options: { list: GuidanceListKind; status?: GuidanceStatus | null; page?: number },
): Promise<{ rows: GuidanceListItem[]; total: number; page: number; pageCount: number }> {
  const user = await requireUser(actor);
  const db = getDb();
  const condition = listCondition(db, user, options.list);
  if (!condition) return { rows: [], total: 0, page: 1, pageCount: 1 };
  const where = and(condition, options.status ? eq(guidanceRequests.status, options.status) : undefined);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(guidanceRequests).where(where);
  const pages = pageCount(total, GUIDANCE_PAGE_SIZE);
  const page = clampPage(options.page ?? 1, pages);
  const { limit, offset } = pageBounds(page, GUIDANCE_PAGE_SIZE);
  const rows = await db
    .select({
      id: guidanceRequests.id,
      title: guidanceRequests.title,
      topic: guidanceRequests.topic,
      status: guidanceRequests.status,
      urgency: guidanceRequests.urgency,
      organizationName: organizations.name,
      municipalityName: municipalities.name,
      holderLevel: guidanceRequests.holderLevel,
      holderMunicipalityNumber: guidanceRequests.holderMunicipalityNumber,
      holderCountyNumber: guidanceRequests.holderCountyNumber,
      holderOrganizationId: guidanceRequests.holderOrganizationId,
      submittedAt: guidanceRequests.submittedAt,
      updatedAt: guidanceRequests.updatedAt,
    })
    .from(guidanceRequests)
    .innerJoin(organizations, eq(organizations.id, guidanceRequests.organizationId))
    .innerJoin(municipalities, eq(municipalities.number, guidanceRequests.municipalityNumber))
    .where(where)
    .orderBy(desc(guidanceRequests.updatedAt), desc(guidanceRequests.id))
    .limit(limit)
    .offset(offset);
  const bodies = await nameBodies(rows.map(holderBody));
  const peers = await organizationNames(rows.map((r) => r.holderOrganizationId));
  return {
    rows: rows.map((r, i) => ({
      id: r.id,
      title: r.title,
      topic: r.topic,
      status: r.status,
      urgency: r.urgency,
      organizationName: r.organizationName,
      municipalityName: r.municipalityName,
      holder: r.holderOrganizationId
        ? { kind: "organization", organizationId: r.holderOrganizationId, name: peers.get(r.holderOrganizationId) ?? "" }
        : bodies[i]!,
      submittedAt: r.submittedAt,
      updatedAt: r.updatedAt,
    })),
    total,
    page,
    pageCount: pages,
  };
}

export interface ChainStep {
  kind: GuidanceHandoverKind;
  from: Holder | null;
  to: Holder | null;
  reason: string;
  at: Date;
}

export interface GuidanceAttachment {
  id: string;
  name: string;
  sizeBytes: number;
}

export interface ThreadMessage {
  id: string;
  attachments: GuidanceAttachment[];
  side: GuidanceMessageSide;
  /** The asking organisation, the body or the peer organisation: never the person. */
  author: Holder | { kind: "asker"; name: string };
  body: string;
  at: Date;
}

/** What the request page shows. The asker's view has no internal notes, no assignee and no person anywhere. */
export interface GuidanceRequestView {
  id: string;
  organizationId: string;
  organizationName: string;
  organizationKind: OrganizationKind;
  municipalityNumber: string;
  municipalityName: string;
  topic: CompetenceTopic;
  title: string;
  description: string;
  urgency: GuidanceUrgency;
  consentToReuse: boolean;
  status: GuidanceStatus;
  holder: Holder;
  /** When a peer organisation has it, the body that passed it on and stays responsible. */
  responsibleBody: Holder | null;
  submittedAt: Date;
  firstAnsweredAt: Date | null;
  /** Files the asker attached to the question (those of messages are on the messages). */
  attachments: GuidanceAttachment[];
  chain: ChainStep[];
  thread: ThreadMessage[];
  /** What the actor may do here. */
  may: {
    reply: boolean;
    take: boolean;
    handOver: boolean;
    passToPeer: boolean;
    returnFromPeer: boolean;
    note: boolean;
    close: boolean;
    reopen: boolean;
    /** The asker consented and this actor's body answered: it may publish an anonymised question-and-answer. */
    publishQuestionAnswer: boolean;
  };
  /** Only for the answering bodies. */
  internal: {
    assigneeName: string | null;
    notes: { id: string; author: Holder; body: string; at: Date }[];
    nextBody: Holder | null;
  } | null;
}

export async function getGuidanceRequest(actor: Actor, id: string): Promise<GuidanceRequestView> {
  const { row, access } = await loadReadable(actor, id);
  const db = getDb();
  const [org] = await db.select({ name: organizations.name, kind: organizations.kind }).from(organizations).where(eq(organizations.id, row.organizationId));
  const [municipality] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.number, row.municipalityNumber));
  const handovers = await db
    .select()
    .from(guidanceHandovers)
    .where(eq(guidanceHandovers.requestId, row.id))
    .orderBy(asc(guidanceHandovers.createdAt), asc(guidanceHandovers.id));
  const messages = await db
    .select()
    .from(guidanceMessages)
    .where(eq(guidanceMessages.requestId, row.id))
    .orderBy(asc(guidanceMessages.createdAt), asc(guidanceMessages.id));
  const attachmentRows = await db
    .select({ id: guidanceAttachments.id, messageId: guidanceAttachments.messageId, fileId: guidanceAttachments.fileId })
    .from(guidanceAttachments)
    .where(eq(guidanceAttachments.requestId, row.id))
    .orderBy(asc(guidanceAttachments.createdAt), asc(guidanceAttachments.id));
  const fileInfo = new Map((await storedFileInfos(attachmentRows.map((a) => a.fileId))).map((f) => [f.id, f]));
  const attachmentsOf = (messageId: string | null): GuidanceAttachment[] =>
    attachmentRows
      .filter((a) => a.messageId === messageId && fileInfo.has(a.fileId))
      .map((a) => ({ id: a.id, name: fileInfo.get(a.fileId)!.name, sizeBytes: fileInfo.get(a.fileId)!.sizeBytes }));
  const current = holderBody(row);
  const fromBodies = handovers.map((h) => bodyOrNull(h.fromLevel, h.fromMunicipalityNumber, h.fromCountyNumber));
  const toBodies = handovers.map((h) => bodyOrNull(h.toLevel, h.toMunicipalityNumber, h.toCountyNumber));
  const authorBodies = messages.map((m) => bodyOrNull(m.authorLevel, m.authorMunicipalityNumber, m.authorCountyNumber));
  const next = nextBodyUp(current);
  const named = await nameBodies([current, next, ...fromBodies, ...toBodies, ...authorBodies]);
  const [currentName, nextName] = named;
  const fromNamed = named.slice(2, 2 + handovers.length);
  const toNamed = named.slice(2 + handovers.length, 2 + 2 * handovers.length);
  const authorNamed = named.slice(2 + 2 * handovers.length);
  const orgNames = await organizationNames([
    row.holderOrganizationId,
    ...handovers.flatMap((h) => [h.fromOrganizationId, h.toOrganizationId]),
    ...messages.map((m) => m.authorOrganizationId),
  ]);
  const orgHolder = (orgId: string | null): Holder | null => (orgId ? { kind: "organization", organizationId: orgId, name: orgNames.get(orgId) ?? "" } : null);

  const isBody = access.pastBody !== null;
  const open = row.status !== "closed";
  const holdsNow = (access.holdingBody !== null && row.holderOrganizationId === null) || access.holdingPeer;
  let internal: GuidanceRequestView["internal"] = null;
  if (isBody) {
    const notes = await db
      .select()
      .from(guidanceInternalNotes)
      .where(eq(guidanceInternalNotes.requestId, row.id))
      .orderBy(asc(guidanceInternalNotes.createdAt), asc(guidanceInternalNotes.id));
    const noteAuthors = await nameBodies(notes.map((n) => bodyOrNull(n.authorLevel, n.authorMunicipalityNumber, n.authorCountyNumber)));
    const [assignee] = row.assignedUserId ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.assignedUserId)) : [];
    internal = {
      assigneeName: assignee?.name ?? null,
      notes: notes.map((n, i) => ({ id: n.id, author: noteAuthors[i] ?? { kind: "body", level: "national", name: "IMDi" }, body: n.body, at: n.createdAt })),
      nextBody: nextName ?? null,
    };
  }

  return {
    id: row.id,
    organizationId: row.organizationId,
    organizationName: org?.name ?? "",
    organizationKind: org?.kind ?? "other",
    municipalityNumber: row.municipalityNumber,
    municipalityName: municipality?.name ?? row.municipalityNumber,
    topic: row.topic,
    title: row.title,
    description: row.description,
    urgency: row.urgency,
    consentToReuse: row.consentToReuse,
    status: row.status,
    holder: orgHolder(row.holderOrganizationId) ?? currentName!,
    responsibleBody: row.holderOrganizationId ? currentName! : null,
    submittedAt: row.submittedAt,
    firstAnsweredAt: row.firstAnsweredAt,
    attachments: attachmentsOf(null),
    chain: handovers.map((h, i) => ({
      kind: h.kind,
      from: orgHolder(h.fromOrganizationId) ?? fromNamed[i] ?? null,
      to: orgHolder(h.toOrganizationId) ?? toNamed[i] ?? null,
      reason: h.reason,
      at: h.createdAt,
    })),
    thread: messages.map((m, i) => ({
      id: m.id,
      attachments: attachmentsOf(m.id),
      side: m.side,
      author:
        m.side === "asker"
          ? { kind: "asker", name: org?.name ?? "" }
          : (orgHolder(m.authorOrganizationId) ?? authorNamed[i] ?? { kind: "body", level: "national", name: "IMDi" }),
      body: m.body,
      at: m.createdAt,
    })),
    may: {
      reply: open && (access.asker || holdsNow),
      take: open && holdsNow && row.status === "new",
      handOver: open && access.holdingBody !== null && row.holderOrganizationId === null && next !== null,
      passToPeer: open && access.holdingBody !== null && row.holderOrganizationId === null,
      returnFromPeer: open && row.holderOrganizationId !== null && (access.holdingPeer || access.holdingBody !== null),
      note: isBody,
      close: open && access.asker,
      reopen: !open && access.asker,
      publishQuestionAnswer: answeringBodyOf(access, row, messages) !== null,
    },
    internal,
  };
}

/** Peer organisations that listed the request's topic, nearest first (same kommune, then same fylke), never the asker itself. */
export async function peerCandidates(actor: Actor, id: string) {
  const { row, access } = await loadReadable(actor, id);
  if (access.holdingBody === null) return [];
  const county = countyOf(row.municipalityNumber);
  const nearness = sql<number>`min(case when ${organizationMunicipalities.municipalityNumber} = ${row.municipalityNumber} then 0 when left(${organizationMunicipalities.municipalityNumber}, 2) = ${county} then 1 else 2 end)`;
  return getDb()
    .select({
      organizationId: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      description: competenceOffers.description,
      nearness,
    })
    .from(competenceOffers)
    .innerJoin(organizations, eq(organizations.id, competenceOffers.organizationId))
    .leftJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
    .where(and(eq(competenceOffers.topic, row.topic), sql`${organizations.id} <> ${row.organizationId}`, eq(organizations.active, true)))
    .groupBy(organizations.id, organizations.name, organizations.kind, competenceOffers.description)
    .orderBy(nearness, asc(organizations.name))
    .limit(20);
}

// ---------------------------------------------------------------------------
// Attachments

async function attach(tx: Queryable, user: UserActor, requestId: string, messageId: string | null, files: AcceptedFile[]) {
  for (const file of files) {
    const fileId = await storeFile(tx, file, user);
    await tx.insert(guidanceAttachments).values({ requestId, messageId, fileId });
  }
}

/** An attachment's file, for whoever may read the request (the asker, the bodies it reached, a peer it was passed to); else not_found. */
export async function readGuidanceAttachment(actor: Actor, requestId: string, attachmentId: string): Promise<StoredFile> {
  const { row } = await loadReadable(actor, requestId);
  if (!isUuid(attachmentId)) throw new AppError("not_found", "errors.notFound");
  const [link] = await getDb()
    .select({ fileId: guidanceAttachments.fileId })
    .from(guidanceAttachments)
    .where(and(eq(guidanceAttachments.id, attachmentId), eq(guidanceAttachments.requestId, row.id)));
  const file = link ? await readStoredFile(link.fileId) : null;
  if (!file) throw new AppError("not_found", "errors.notFound");
  return file;
}

// ---------------------------------------------------------------------------
// Acting on a request

function requireOpen(row: RequestRow) {
  if (row.status === "closed") throw new AppError("conflict", "guidance.error.closed");
}

/** Someone at the holding body (or the holding peer) takes the request: new → assigned. */
export async function takeGuidanceRequest(actor: Actor, id: string): Promise<void> {
  const { user, row, access } = await loadReadable(actor, id);
  const holdsNow = (access.holdingBody !== null && row.holderOrganizationId === null) || access.holdingPeer;
  if (!holdsNow) throw new AppError("forbidden", "errors.forbidden");
  requireOpen(row);
  await getDb().transaction(async (tx) => {
    await tx
      .update(guidanceRequests)
      .set({ status: row.status === "new" ? "assigned" : row.status, assignedUserId: user.userId, updatedAt: new Date() })
      .where(eq(guidanceRequests.id, row.id));
    await recordAudit(tx, user, { action: "guidance.request_taken", entityType: "guidance_request", entityId: row.id, before: { status: row.status } });
  });
}

/**
 * A message in the thread. From the holder (body or peer) it is an answer: the
 * request becomes answered and, the first time, first_answered_at is set. From
 * the asker it is a follow-up: an answered request goes back to the holder.
 */
export async function postGuidanceMessage(actor: Actor, id: string, rawInput: unknown, uploads: FormDataEntryValue[] = []): Promise<void> {
  const { user, row, access } = await loadReadable(actor, id);
  requireOpen(row);
  const holdsAsBody = access.holdingBody !== null && row.holderOrganizationId === null;
  const answering = holdsAsBody || access.holdingPeer;
  if (!answering && !access.asker) throw new AppError("forbidden", "errors.forbidden");
  const input = parseInput(guidanceMessageSchema, rawInput);
  const files = await acceptUploads(uploads, { field: "attachments" });
  const now = new Date();
  const side: GuidanceMessageSide = answering ? (holdsAsBody ? "body" : "peer") : "asker";
  const c = holdsAsBody ? bodyColumns(access.holdingBody!) : null;
  await getDb().transaction(async (tx) => {
    const [message] = await tx
      .insert(guidanceMessages)
      .values({
        requestId: row.id,
        side,
        authorLevel: c?.level ?? null,
        authorMunicipalityNumber: c?.municipalityNumber ?? null,
        authorCountyNumber: c?.countyNumber ?? null,
        authorOrganizationId: side === "peer" ? row.holderOrganizationId : side === "asker" ? row.organizationId : null,
        authorUserId: user.userId,
        body: input.body,
        createdAt: now,
      })
      .returning({ id: guidanceMessages.id });
    await attach(tx, user, row.id, message!.id, files);
    const status: GuidanceStatus = answering ? "answered" : row.status === "answered" ? (row.assignedUserId ? "assigned" : "new") : row.status;
    await tx
      .update(guidanceRequests)
      .set({ status, updatedAt: now, ...(answering && row.firstAnsweredAt === null ? { firstAnsweredAt: now } : {}) })
      .where(eq(guidanceRequests.id, row.id));
    await recordAudit(tx, user, {
      action: answering ? "guidance.answered" : "guidance.asker_message",
      entityType: "guidance_request",
      entityId: row.id,
      organizationId: row.organizationId,
      before: { status: row.status },
      after: { status },
    });
  });
  if (answering) await notifyAsker(row, "guidance.mail.answerSubject", "guidance.mail.answerText");
  else if (row.holderOrganizationId) await notifyOrganization(row.holderOrganizationId, row, "guidance.mail.followUpSubject", "guidance.mail.followUpText");
  else await notifyBody(holderBody(row), row.id, row.municipalityNumber, "guidance.mail.followUpSubject", "guidance.mail.followUpText", { title: row.title });
}

async function moveHolder(
  user: UserActor,
  row: RequestRow,
  step: {
    kind: GuidanceHandoverKind;
    from: { body?: Body; organizationId?: string };
    to: { body?: Body; organizationId?: string };
    reason: string;
    holder: { body: Body; organizationId: string | null };
  },
) {
  const now = new Date();
  const from = step.from.body ? bodyColumns(step.from.body) : null;
  const to = step.to.body ? bodyColumns(step.to.body) : null;
  const holder = bodyColumns(step.holder.body);
  await getDb().transaction(async (tx) => {
    await tx
      .update(guidanceRequests)
      .set({
        holderLevel: holder.level,
        holderMunicipalityNumber: holder.municipalityNumber,
        holderCountyNumber: holder.countyNumber,
        holderOrganizationId: step.holder.organizationId,
        // The new holder has not taken it yet; an answered request stays answered until someone writes.
        status: row.status === "answered" ? "answered" : "new",
        assignedUserId: null,
        updatedAt: now,
      })
      .where(eq(guidanceRequests.id, row.id));
    await tx.insert(guidanceHandovers).values({
      requestId: row.id,
      kind: step.kind,
      fromLevel: from?.level ?? null,
      fromMunicipalityNumber: from?.municipalityNumber ?? null,
      fromCountyNumber: from?.countyNumber ?? null,
      fromOrganizationId: step.from.organizationId ?? null,
      toLevel: to?.level ?? null,
      toMunicipalityNumber: to?.municipalityNumber ?? null,
      toCountyNumber: to?.countyNumber ?? null,
      toOrganizationId: step.to.organizationId ?? null,
      reason: step.reason,
      createdBy: user.userId,
      createdAt: now,
    });
    await recordAudit(tx, user, {
      action: `guidance.${step.kind}`,
      entityType: "guidance_request",
      entityId: row.id,
      organizationId: row.organizationId,
      before: { holder: bodyColumns(holderBody(row)), holderOrganizationId: row.holderOrganizationId },
      after: { holder, holderOrganizationId: step.holder.organizationId, reason: step.reason },
    });
  });
}

/** The holding body hands the request to the next body up (kommune → fylkeskommune → IMDi), with a reason. */
export async function handOverGuidanceRequest(actor: Actor, id: string, rawInput: unknown): Promise<Body> {
  const { user, row, access } = await loadReadable(actor, id);
  if (access.holdingBody === null || row.holderOrganizationId !== null) throw new AppError("forbidden", "errors.forbidden");
  requireOpen(row);
  const input = parseInput(guidanceHandoverSchema, rawInput);
  const next = nextBodyUp(access.holdingBody);
  if (!next) throw new AppError("conflict", "guidance.error.noBodyAbove");
  await moveHolder(user, row, {
    kind: "handed_over",
    from: { body: access.holdingBody },
    to: { body: next },
    reason: input.reason,
    holder: { body: next, organizationId: null },
  });
  await notifyBody(next, row.id, row.municipalityNumber, "guidance.mail.handoverSubject", "guidance.mail.handoverText", {
    title: row.title,
    reason: input.reason,
  });
  return next;
}

/** The holding body passes the request to a peer organisation that listed the request's topic. */
export async function passGuidanceRequestToPeer(actor: Actor, id: string, rawInput: unknown): Promise<void> {
  const { user, row, access } = await loadReadable(actor, id);
  if (access.holdingBody === null || row.holderOrganizationId !== null) throw new AppError("forbidden", "errors.forbidden");
  requireOpen(row);
  const input = parseInput(guidancePeerSchema, rawInput);
  const [offer] = await getDb()
    .select({ id: competenceOffers.id })
    .from(competenceOffers)
    .where(and(eq(competenceOffers.organizationId, input.organizationId), eq(competenceOffers.topic, row.topic)));
  if (!offer || input.organizationId === row.organizationId) {
    throw new AppError("validation", "common.errorSummary", { organizationId: { key: "guidance.error.peer" } });
  }
  await moveHolder(user, row, {
    kind: "passed_to_peer",
    from: { body: access.holdingBody },
    to: { organizationId: input.organizationId },
    reason: input.reason,
    holder: { body: access.holdingBody, organizationId: input.organizationId },
  });
  await notifyOrganization(input.organizationId, row, "guidance.mail.peerSubject", "guidance.mail.peerText", input.reason);
}

/** The peer organisation (or the body that passed it) gives the request back to that body, with a reason. */
export async function returnGuidanceRequestFromPeer(actor: Actor, id: string, rawInput: unknown): Promise<void> {
  const { user, row, access } = await loadReadable(actor, id);
  if (row.holderOrganizationId === null || (!access.holdingPeer && access.holdingBody === null)) throw new AppError("forbidden", "errors.forbidden");
  requireOpen(row);
  const input = parseInput(guidanceReturnSchema, rawInput);
  const body = holderBody(row);
  await moveHolder(user, row, {
    kind: "returned",
    from: { organizationId: row.holderOrganizationId },
    to: { body },
    reason: input.reason,
    holder: { body, organizationId: null },
  });
  await notifyBody(body, row.id, row.municipalityNumber, "guidance.mail.returnedSubject", "guidance.mail.returnedText", {
    title: row.title,
    reason: input.reason,
  });
}

/** A note for the answering bodies only: any body the request was routed or handed to. Never shown to the asker or a peer. */
export async function addGuidanceNote(actor: Actor, id: string, rawInput: unknown): Promise<void> {
  const { user, row, access } = await loadReadable(actor, id);
  if (access.pastBody === null) throw new AppError("forbidden", "errors.forbidden");
  const input = parseInput(guidanceNoteSchema, rawInput);
  const c = bodyColumns(access.pastBody);
  await getDb().transaction(async (tx) => {
    await tx.insert(guidanceInternalNotes).values({
      requestId: row.id,
      authorLevel: c.level,
      authorMunicipalityNumber: c.municipalityNumber,
      authorCountyNumber: c.countyNumber,
      authorUserId: user.userId,
      body: input.body,
    });
    await recordAudit(tx, user, { action: "guidance.note_added", entityType: "guidance_request", entityId: row.id });
  });
}

/** The asker closes the request (answered or not). */
export async function closeGuidanceRequest(actor: Actor, id: string): Promise<void> {
  const { user, row, access } = await loadReadable(actor, id);
  if (!access.asker) throw new AppError("forbidden", "errors.forbidden");
  requireOpen(row);
  const now = new Date();
  await getDb().transaction(async (tx) => {
    await tx.update(guidanceRequests).set({ status: "closed", closedAt: now, updatedAt: now }).where(eq(guidanceRequests.id, row.id));
    await recordAudit(tx, user, {
      action: "guidance.closed",
      entityType: "guidance_request",
      entityId: row.id,
      organizationId: row.organizationId,
      before: { status: row.status },
    });
  });
}

/** The asker reopens a closed request: back to the holder, as assigned if someone had taken it, else new. */
export async function reopenGuidanceRequest(actor: Actor, id: string): Promise<GuidanceStatus> {
  const { user, row, access } = await loadReadable(actor, id);
  if (!access.asker) throw new AppError("forbidden", "errors.forbidden");
  if (row.status !== "closed") throw new AppError("conflict", "guidance.error.notClosed");
  const status: GuidanceStatus = row.assignedUserId ? "assigned" : "new";
  await getDb().transaction(async (tx) => {
    await tx.update(guidanceRequests).set({ status, closedAt: null, updatedAt: new Date() }).where(eq(guidanceRequests.id, row.id));
    await recordAudit(tx, user, { action: "guidance.reopened", entityType: "guidance_request", entityId: row.id, organizationId: row.organizationId });
  });
  return status;
}

// ---------------------------------------------------------------------------
// Knowledge: suggested articles for the asker, and answered requests as anonymised questions-and-answers

/** The first knowledge articles on the topic for the asking organisation's kind (a small migrant organisation sees other ones than a national body). */
export async function guidanceSuggestions(organizationKind: OrganizationKind | null, topic: CompetenceTopic, locale: string) {
  return suggestedArticles({ organizationKind, topic, locale, limit: 3 });
}

type MessageRow = typeof guidanceMessages.$inferSelect;

/** The body the actor acts for that answered the request, when the asker consented to reuse; else null. */
function answeringBodyOf(access: Access, row: RequestRow, messages: MessageRow[]): Body | null {
  if (!row.consentToReuse || row.firstAnsweredAt === null || access.pastBody === null) return null;
  const answered = messages.some(
    (m) =>
      m.side === "body" &&
      m.authorLevel !== null &&
      sameBody(bodyFromColumns({ level: m.authorLevel, municipalityNumber: m.authorMunicipalityNumber, countyNumber: m.authorCountyNumber }), access.pastBody!),
  );
  return answered ? access.pastBody : null;
}

/**
 * The answering body publishes the request as an anonymised question-and-answer in the knowledge bank, owned by that
 * body, with the text it edited (names removed). Only with the asker's consent.
 */
export async function publishGuidanceAsQuestionAnswer(actor: Actor, id: string, rawInput: unknown, locale: string): Promise<{ slug: string }> {
  const { user, row, access } = await loadReadable(actor, id);
  const messages = await getDb().select().from(guidanceMessages).where(eq(guidanceMessages.requestId, row.id));
  const body = answeringBodyOf(access, row, messages);
  if (!body) throw new AppError("forbidden", "errors.forbidden");
  const input = parseInput(guidanceQuestionAnswerSchema, rawInput);
  const created = await createQuestionAnswer(user, {
    owner: body,
    topic: row.topic,
    question: input.question,
    answer: input.answer,
    locale,
    sourceGuidanceRequestId: row.id,
  });
  return { slug: created.slug };
}

// ---------------------------------------------------------------------------
// Competence offers

/** The organisation a competence page is about, and whether the actor may change its offers (its admins). */
export async function competenceOfferOwner(actor: Actor, organizationId: string) {
  if (!isUuid(organizationId)) throw new AppError("not_found", "errors.notFound");
  const [org] = await getDb().select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new AppError("not_found", "errors.notFound");
  return { ...org, canEdit: isOrganizationAdmin(actor, organizationId) };
}

/** What an organisation offers to help others with. Public, like the organisation's page. */
export async function listCompetenceOffers(organizationId: string) {
  if (!isUuid(organizationId)) return [];
  return getDb()
    .select({ topic: competenceOffers.topic, description: competenceOffers.description, updatedAt: competenceOffers.updatedAt })
    .from(competenceOffers)
    .where(eq(competenceOffers.organizationId, organizationId))
    .orderBy(asc(competenceOffers.topic));
}

async function requireOrganizationAdmin(actor: Actor, organizationId: string): Promise<UserActor> {
  const user = await requireUser(actor);
  if (!isUuid(organizationId)) throw new AppError("not_found", "errors.notFound");
  const [org] = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new AppError("not_found", "errors.notFound");
  if (!isOrganizationAdmin(user, organizationId)) throw new AppError("forbidden", "errors.forbidden");
  return user;
}

/** Adds or replaces the organisation's offer on a topic. Its admins only. */
export async function setCompetenceOffer(actor: Actor, organizationId: string, rawInput: unknown): Promise<void> {
  const user = await requireOrganizationAdmin(actor, organizationId);
  const input = parseInput(competenceOfferSchema, rawInput);
  await getDb().transaction(async (tx) => {
    await tx
      .insert(competenceOffers)
      .values({ organizationId, ...input })
      .onConflictDoUpdate({
        target: [competenceOffers.organizationId, competenceOffers.topic],
        set: { description: input.description, updatedAt: new Date() },
      });
    await recordAudit(tx, user, {
      action: "guidance.competence_offer_set",
      entityType: "organization",
      entityId: organizationId,
      organizationId,
      after: input,
    });
  });
}

export async function removeCompetenceOffer(actor: Actor, organizationId: string, rawInput: unknown): Promise<void> {
  const user = await requireOrganizationAdmin(actor, organizationId);
  const input = parseInput(competenceOfferRemoveSchema, rawInput);
  await getDb().transaction(async (tx) => {
    const removed = await tx
      .delete(competenceOffers)
      .where(and(eq(competenceOffers.organizationId, organizationId), eq(competenceOffers.topic, input.topic)))
      .returning({ topic: competenceOffers.topic });
    if (removed.length) {
      await recordAudit(tx, user, {
        action: "guidance.competence_offer_removed",
        entityType: "organization",
        entityId: organizationId,
        organizationId,
        before: input,
      });
    }
  });
}

// ---------------------------------------------------------------------------
// E-mail: to the people of the holding body, the asker, a peer organisation. Only verified addresses.

function requestLink(id: string): string {
  return new URL(`/veiledning/${id}`, getEnv().PUBLIC_URL).toString();
}

async function sendEach(recipients: { email: string; locale: string | null }[], mail: (locale: Locale) => { subject: string; text: string }, kommune: string) {
  const seen = new Set<string>();
  for (const r of recipients) {
    const to = r.email.trim().toLowerCase();
    if (seen.has(to)) continue;
    seen.add(to);
    await sendMail({ to, ...mail(kommuneMailLocale(kommune, r.locale)) });
  }
}

/** Everyone who acts for the body: its coordinators, its advisors, or IMDi's national admins. */
async function bodyRecipients(body: Body) {
  const c = bodyColumns(body);
  const role = body.level === "municipality" ? "municipal_coordinator" : body.level === "county" ? "county_advisor" : "national_admin";
  return getDb()
    .select({ email: users.email, locale: users.locale })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        eq(roleGrants.role, role),
        c.municipalityNumber ? eq(roleGrants.municipalityNumber, c.municipalityNumber) : undefined,
        c.countyNumber ? eq(roleGrants.countyNumber, c.countyNumber) : undefined,
        isNotNull(users.emailVerifiedAt),
      ),
    );
}

async function notifyBody(
  body: Body,
  id: string,
  kommune: string,
  subjectKey: "guidance.mail.newSubject" | "guidance.mail.handoverSubject" | "guidance.mail.followUpSubject" | "guidance.mail.returnedSubject",
  textKey: "guidance.mail.newText" | "guidance.mail.handoverText" | "guidance.mail.followUpText" | "guidance.mail.returnedText",
  values: { title: string; reason?: string },
) {
  const recipients = await bodyRecipients(body);
  await sendEach(
    recipients,
    (locale) => {
      const t = getTranslator(locale);
      return { subject: t(subjectKey, { title: values.title }), text: t(textKey, { title: values.title, reason: values.reason ?? "", link: requestLink(id) }) };
    },
    kommune,
  );
}

/** The asker: whoever filed it and the organisation's admins. */
async function notifyAsker(row: RequestRow, subjectKey: "guidance.mail.answerSubject", textKey: "guidance.mail.answerText") {
  const recipients = await getDb()
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organizationId, row.organizationId)))
    .where(
      and(
        isNotNull(users.emailVerifiedAt),
        or(row.createdBy ? eq(users.id, row.createdBy) : sql`false`, eq(memberships.role, "admin")),
        // Someone who left the organisation no longer hears about its requests.
        isNotNull(memberships.userId),
      ),
    );
  await sendEach(
    recipients,
    (locale) => {
      const t = getTranslator(locale);
      return { subject: t(subjectKey, { title: row.title }), text: t(textKey, { title: row.title, link: requestLink(row.id) }) };
    },
    row.municipalityNumber,
  );
}

async function notifyOrganization(
  organizationId: string,
  row: RequestRow,
  subjectKey: "guidance.mail.peerSubject" | "guidance.mail.followUpSubject",
  textKey: "guidance.mail.peerText" | "guidance.mail.followUpText",
  reason = "",
) {
  const recipients = await getDb()
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "admin"), isNotNull(users.emailVerifiedAt)));
  await sendEach(
    recipients,
    (locale) => {
      const t = getTranslator(locale);
      return { subject: t(subjectKey, { title: row.title }), text: t(textKey, { title: row.title, reason, link: requestLink(row.id) }) };
    },
    row.municipalityNumber,
  );
}
