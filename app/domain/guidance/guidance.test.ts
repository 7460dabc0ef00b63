import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { guidanceRequests, outboundEmails, sessions, users } from "~/db/schema/index.ts";
import { anonymous, type Actor } from "~/domain/auth/actor.ts";
import { loadActorForSession } from "~/domain/auth/session.server.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoAccountEmails, demoGuidanceRequestIds, extraDemoAccountEmails } from "~/domain/demo/ids.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import {
  addGuidanceNote,
  closeGuidanceRequest,
  createGuidanceRequest,
  getGuidanceRequest,
  guidanceSuggestions,
  handOverGuidanceRequest,
  listGuidanceRequests,
  passGuidanceRequestToPeer,
  peerCandidates,
  postGuidanceMessage,
  publishGuidanceAsQuestionAnswer,
  readGuidanceAttachment,
  reopenGuidanceRequest,
  returnGuidanceRequestFromPeer,
  setCompetenceOffer,
  takeGuidanceRequest,
} from "./guidance.server.ts";

const TONSBERG = "3905";
const HORTEN = "3901";
const HAMAR = "3403";

async function scenario() {
  const org = await createOrganization({ name: "Somalisk forening (test)", kind: "migrant_organization", municipalities: [TONSBERG] });
  const asker = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
  const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
  const vestfold = await createActor({ roles: [{ role: "county_advisor", countyNumber: "39" }] });
  const innlandet = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
  const imdi = await createActor({ roles: [{ role: "national_admin" }] });
  const otherCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
  const otherOrg = await createOrganization({ municipalities: [TONSBERG] });
  const otherAsker = await createActor({ memberships: [{ organizationId: otherOrg.id, role: "admin" }] });
  return { org, asker, coordinator, vestfold, innlandet, imdi, otherCoordinator, otherOrg, otherAsker };
}

const ask = (organizationId: string, overrides: Record<string, unknown> = {}) => ({
  organizationId,
  topic: "grants_funding",
  municipalityNumber: TONSBERG,
  title: "Tilskudd til kulturkveld",
  description: "Hvilke tilskudd kan en liten forening søke for å holde kulturkvelder?",
  urgency: "normal",
  consentToReuse: "on",
  ...overrides,
});

describe("guidance requests", () => {
  it("routes to the kommune's coordinators, or straight to the fylkeskommune when the kommune has none", async () => {
    const { org, asker } = await scenario();
    const toKommune = await createGuidanceRequest(asker, ask(org.id));
    expect(toKommune.holder).toEqual({ level: "municipality", municipalityNumber: TONSBERG });

    // Horten has no coordinator: the request goes to Vestfold fylkeskommune, and the chain says so.
    const hortenOrg = await createOrganization({ municipalities: [HORTEN] });
    const hortenAsker = await createActor({ memberships: [{ organizationId: hortenOrg.id, role: "member" }] });
    const toCounty = await createGuidanceRequest(hortenAsker, ask(hortenOrg.id, { municipalityNumber: HORTEN }));
    expect(toCounty.holder).toEqual({ level: "county", countyNumber: "39" });
    const view = await getGuidanceRequest(hortenAsker, toCounty.id);
    expect(view.chain).toEqual([expect.objectContaining({ kind: "routed", from: null, to: expect.objectContaining({ level: "county", name: "Vestfold" }) })]);
  });

  it("runs the done-when hand-over: Tønsberg hands over to Vestfold with a reason, Vestfold answers, the asker sees the answer and the chain as bodies", async () => {
    const { org, asker, coordinator, vestfold } = await scenario();
    const { id } = await createGuidanceRequest(asker, ask(org.id));
    expect((await getGuidanceRequest(coordinator, id)).may.handOver).toBe(true);
    // The county advisor cannot read what the kommune still holds.
    await expect(getGuidanceRequest(vestfold, id)).rejects.toBeAppError("not_found");

    await takeGuidanceRequest(coordinator, id);
    expect((await getGuidanceRequest(coordinator, id)).status).toBe("assigned");
    await expect(handOverGuidanceRequest(coordinator, id, { reason: "" })).rejects.toBeAppError("validation");
    const next = await handOverGuidanceRequest(coordinator, id, { reason: "Fylkeskommunen forvalter tilskuddet til integreringsarbeid." });
    expect(next).toEqual({ level: "county", countyNumber: "39" });
    // Tønsberg keeps reading what it handed on, but may no longer answer it.
    const byKommune = await getGuidanceRequest(coordinator, id);
    expect(byKommune.may.reply).toBe(false);
    await expect(postGuidanceMessage(coordinator, id, { body: "Svar" })).rejects.toBeAppError("forbidden");

    const row = () =>
      getDb()
        .select()
        .from(guidanceRequests)
        .where(eq(guidanceRequests.id, id))
        .then((r) => r[0]!);
    expect((await row()).firstAnsweredAt).toBeNull();
    await postGuidanceMessage(vestfold, id, { body: "Søk Vestfold fylkeskommunes tilskudd til integrering innen 1. mars." });
    const answered = await row();
    expect(answered.status).toBe("answered");
    expect(answered.firstAnsweredAt).not.toBeNull();
    // first_answered_at is set once.
    await postGuidanceMessage(vestfold, id, { body: "Et tillegg." });
    expect((await row()).firstAnsweredAt).toEqual(answered.firstAnsweredAt);

    const view = await getGuidanceRequest(asker, id);
    expect(view.status).toBe("answered");
    expect(view.holder).toMatchObject({ kind: "body", level: "county", name: "Vestfold" });
    expect(view.chain.map((s) => [s.kind, s.from?.name ?? null, s.to?.name])).toEqual([
      ["routed", null, "Tønsberg"],
      ["handed_over", "Tønsberg", "Vestfold"],
    ]);
    expect(view.chain[1]!.reason).toBe("Fylkeskommunen forvalter tilskuddet til integreringsarbeid.");
    expect(view.thread[0]).toMatchObject({ side: "body", author: { kind: "body", level: "county", name: "Vestfold" } });
    // No person anywhere in the asker's view.
    const json = JSON.stringify(view);
    expect(json).not.toContain(coordinator.name);
    expect(json).not.toContain(coordinator.userId);
    expect(json).not.toContain(vestfold.userId);
    expect(json).not.toContain(vestfold.email);

    const mails = await getDb().select({ to: outboundEmails.to, subject: outboundEmails.subject }).from(outboundEmails);
    expect(mails.some((m) => m.to === coordinator.email)).toBe(true); // new request to the kommune
    expect(mails.some((m) => m.to === vestfold.email)).toBe(true); // hand-over to the new body
    expect(mails.some((m) => m.to === asker.email)).toBe(true); // the answer to the asker
  });

  it("shows each body only what was routed or handed to it; one organisation never sees another's requests", async () => {
    const { org, asker, coordinator, vestfold, innlandet, imdi, otherCoordinator, otherAsker } = await scenario();
    const { id } = await createGuidanceRequest(asker, ask(org.id));
    for (const outsider of [vestfold, innlandet, imdi, otherCoordinator, otherAsker]) {
      await expect(getGuidanceRequest(outsider, id)).rejects.toBeAppError("not_found");
      expect((await listGuidanceRequests(outsider, { list: "inbox" })).rows.map((r) => r.id)).not.toContain(id);
      expect((await listGuidanceRequests(outsider, { list: "own" })).rows.map((r) => r.id)).not.toContain(id);
    }
    await expect(getGuidanceRequest(anonymous(), id)).rejects.toBeAppError("unauthenticated");
    const ids = async (actor: typeof asker, list: "inbox" | "own" | "handed_on") => (await listGuidanceRequests(actor, { list })).rows.map((r) => r.id);
    expect(await ids(coordinator, "inbox")).toContain(id);
    expect(await ids(asker, "own")).toEqual([id]);

    await handOverGuidanceRequest(coordinator, id, { reason: "Til fylkeskommunen." });
    expect(await ids(vestfold, "inbox")).toContain(id);
    expect(await ids(coordinator, "inbox")).not.toContain(id);
    expect(await ids(coordinator, "handed_on")).toContain(id);
    expect(await ids(innlandet, "inbox")).not.toContain(id);
    expect(await ids(innlandet, "handed_on")).not.toContain(id);
    await expect(getGuidanceRequest(innlandet, id)).rejects.toBeAppError("not_found");
    await expect(getGuidanceRequest(imdi, id)).rejects.toBeAppError("not_found");
    await expect(handOverGuidanceRequest(otherCoordinator, id, { reason: "Ikke min." })).rejects.toBeAppError("not_found");

    await handOverGuidanceRequest(vestfold, id, { reason: "Nasjonalt spørsmål." });
    expect((await getGuidanceRequest(imdi, id)).holder).toMatchObject({ level: "national", name: "IMDi" });
    // The fylkeskommune keeps reading what it handed on; IMDi has no body above.
    expect((await getGuidanceRequest(vestfold, id)).may.handOver).toBe(false);
    await expect(handOverGuidanceRequest(imdi, id, { reason: "Ingen over oss." })).rejects.toBeAppError("conflict", "guidance.error.noBodyAbove");
  });

  it("keeps the internal note from the asker and from peer organisations", async () => {
    const { org, asker, coordinator, vestfold } = await scenario();
    const { id } = await createGuidanceRequest(asker, ask(org.id));
    const secret = "Organisasjonen har fått avslag før — ring dem.";
    await addGuidanceNote(coordinator, id, { body: secret });
    await expect(addGuidanceNote(asker, id, { body: "Jeg vil se" })).rejects.toBeAppError("forbidden");
    await handOverGuidanceRequest(coordinator, id, { reason: "Til fylkeskommunen." });
    expect((await getGuidanceRequest(vestfold, id)).internal?.notes.map((n) => n.body)).toEqual([secret]);
    const askerView = await getGuidanceRequest(asker, id);
    expect(askerView.internal).toBeNull();
    expect(JSON.stringify(askerView)).not.toContain(secret);
  });

  it("passes to a peer organisation that offers the topic; the peer answers through Samspill, without internal notes", async () => {
    const { org, asker, coordinator, otherAsker } = await scenario();
    const peer = await createOrganization({ name: "Frivilligsentralen (test)", kind: "volunteer_centre", municipalities: [TONSBERG] });
    const peerAdmin = await createActor({ memberships: [{ organizationId: peer.id, role: "admin" }] });
    await setCompetenceOffer(peerAdmin, peer.id, { topic: "grants_funding", description: "Vi har søkt mange tilskudd og hjelper gjerne." });
    await expect(setCompetenceOffer(otherAsker, peer.id, { topic: "volunteers", description: "Ikke vår organisasjon." })).rejects.toBeAppError("forbidden");

    const { id } = await createGuidanceRequest(asker, ask(org.id));
    await addGuidanceNote(coordinator, id, { body: "Hemmelig notat" });
    expect((await peerCandidates(coordinator, id)).map((p) => p.organizationId)).toEqual([peer.id]);
    await expect(passGuidanceRequestToPeer(coordinator, id, { organizationId: org.id, reason: "Seg selv?" })).rejects.toBeAppError("validation");
    await passGuidanceRequestToPeer(coordinator, id, { organizationId: peer.id, reason: "De kjenner tilskuddene godt." });

    const peerView = await getGuidanceRequest(peerAdmin, id);
    expect(peerView.internal).toBeNull();
    expect(JSON.stringify(peerView)).not.toContain("Hemmelig notat");
    await postGuidanceMessage(peerAdmin, id, { body: "Søk Frifond, det er enkelt." });
    const askerView = await getGuidanceRequest(asker, id);
    expect(askerView.holder).toMatchObject({ kind: "organization", name: peer.name });
    expect(askerView.responsibleBody).toMatchObject({ level: "municipality", name: "Tønsberg" });
    expect(askerView.thread.at(-1)).toMatchObject({ side: "peer", author: { kind: "organization", name: peer.name } });
    expect(askerView.chain.at(-1)).toMatchObject({ kind: "passed_to_peer", to: { kind: "organization", name: peer.name } });
    // The body waits while the peer holds it, then takes it back.
    await expect(postGuidanceMessage(coordinator, id, { body: "Vi svarer også" })).rejects.toBeAppError("forbidden");
    await returnGuidanceRequestFromPeer(peerAdmin, id, { reason: "Vi har svart det vi kan." });
    expect((await getGuidanceRequest(coordinator, id)).may.reply).toBe(true);
    // The peer still reads what it was passed, but may no longer answer.
    expect((await getGuidanceRequest(peerAdmin, id)).may.reply).toBe(false);
  });

  it("lets the asker close and reopen, and refuses messages on a closed request", async () => {
    const { org, asker, coordinator } = await scenario();
    const { id } = await createGuidanceRequest(asker, ask(org.id));
    await takeGuidanceRequest(coordinator, id);
    await postGuidanceMessage(coordinator, id, { body: "Her er svaret." });
    await expect(closeGuidanceRequest(coordinator, id)).rejects.toBeAppError("forbidden");
    await closeGuidanceRequest(asker, id);
    expect((await getGuidanceRequest(asker, id)).may.reopen).toBe(true);
    await expect(postGuidanceMessage(asker, id, { body: "Enda et spørsmål" })).rejects.toBeAppError("conflict", "guidance.error.closed");
    await expect(reopenGuidanceRequest(coordinator, id)).rejects.toBeAppError("forbidden");
    expect(await reopenGuidanceRequest(asker, id)).toBe("assigned");
    await expect(reopenGuidanceRequest(asker, id)).rejects.toBeAppError("conflict", "guidance.error.notClosed");
    await postGuidanceMessage(asker, id, { body: "Enda et spørsmål" });
    expect((await getGuidanceRequest(asker, id)).status).toBe("assigned");
  });

  it("refuses bad input with validation errors and writes nothing", async () => {
    const { org, asker, otherOrg } = await scenario();
    const before = (await getDb().select().from(guidanceRequests)).length;
    await expect(createGuidanceRequest(asker, ask(org.id, { title: "" }))).rejects.toBeAppError("validation");
    await expect(createGuidanceRequest(asker, ask(org.id, { topic: "astrology" }))).rejects.toBeAppError("validation");
    await expect(createGuidanceRequest(asker, ask(org.id, { urgency: "yesterday" }))).rejects.toBeAppError("validation");
    await expect(createGuidanceRequest(asker, ask(org.id, { description: "x".repeat(5001) }))).rejects.toBeAppError("validation");
    await expect(createGuidanceRequest(asker, ask("not-a-uuid"))).rejects.toBeAppError("validation");
    // Another organisation, a kommune the organisation does not serve, a kommune that does not exist.
    await expect(createGuidanceRequest(asker, ask(otherOrg.id))).rejects.toBeAppError("validation");
    await expect(createGuidanceRequest(asker, ask(org.id, { municipalityNumber: HAMAR }))).rejects.toBeAppError("validation");
    await expect(createGuidanceRequest(asker, ask(org.id, { municipalityNumber: "9999" }))).rejects.toBeAppError("validation");
    await expect(createGuidanceRequest(asker, ask(org.id, { municipalityNumber: "39'; drop" }))).rejects.toBeAppError("validation");
    await expect(createGuidanceRequest(anonymous(), ask(org.id))).rejects.toBeAppError("unauthenticated");
    expect((await getDb().select().from(guidanceRequests)).length).toBe(before);
    await expect(getGuidanceRequest(asker, "not-a-uuid")).rejects.toBeAppError("not_found");
    const { id } = await createGuidanceRequest(asker, ask(org.id));
    await expect(postGuidanceMessage(asker, id, { body: "   " })).rejects.toBeAppError("validation");
    await expect(addGuidanceNote(asker, id, {})).rejects.toBeAppError("forbidden");
  });
});

describe("answered requests in the knowledge bank", () => {
  it("lets the answering body publish an anonymised question-and-answer only with the asker's consent", async () => {
    const { org, asker, coordinator, otherCoordinator } = await scenario();
    const consented = await createGuidanceRequest(asker, ask(org.id));
    const refused = await createGuidanceRequest(asker, ask(org.id, { consentToReuse: "" }));
    const qa = { question: "Hvilke tilskudd kan en liten forening søke?", answer: "Kommunens tilskudd til frivillighet og Frifond." };
    // Not answered yet: nothing to publish.
    await expect(publishGuidanceAsQuestionAnswer(coordinator, consented.id, qa, "nb")).rejects.toBeAppError("forbidden");
    await postGuidanceMessage(coordinator, consented.id, { body: "Søk kommunens tilskudd til frivillighet." });
    await postGuidanceMessage(coordinator, refused.id, { body: "Søk kommunens tilskudd til frivillighet." });
    expect((await getGuidanceRequest(coordinator, consented.id)).may.publishQuestionAnswer).toBe(true);
    expect((await getGuidanceRequest(coordinator, refused.id)).may.publishQuestionAnswer).toBe(false);
    await expect(publishGuidanceAsQuestionAnswer(coordinator, refused.id, qa, "nb")).rejects.toBeAppError("forbidden");
    await expect(publishGuidanceAsQuestionAnswer(asker, consented.id, qa, "nb")).rejects.toBeAppError("forbidden");
    await expect(publishGuidanceAsQuestionAnswer(otherCoordinator, consented.id, qa, "nb")).rejects.toBeAppError("not_found");
    await expect(publishGuidanceAsQuestionAnswer(coordinator, consented.id, { question: "", answer: "" }, "nb")).rejects.toBeAppError("validation");
    const { slug } = await publishGuidanceAsQuestionAnswer(coordinator, consented.id, qa, "nb");
    expect(slug).toBeTruthy();
    const suggested = await guidanceSuggestions("migrant_organization", "grants_funding", "nb");
    expect(suggested.map((a) => a.slug)).toContain(slug);
  });
});

describe("attachments", () => {
  const pdf = () => new File([new TextEncoder().encode("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")], "budsjett.pdf");
  it("are stored with the request or a message, checked by content, and read only by those who may read the request", async () => {
    const { org, asker, coordinator, vestfold, otherCoordinator, otherAsker } = await scenario();
    // An HTML page called .pdf is refused, and nothing is written.
    const lying = new File([new TextEncoder().encode("<!doctype html><script>alert(1)</script>")], "faktura.pdf", { type: "application/pdf" });
    await expect(createGuidanceRequest(asker, ask(org.id), [lying])).rejects.toBeAppError("validation");
    const { id } = await createGuidanceRequest(asker, ask(org.id), [pdf()]);
    const [attachment] = (await getGuidanceRequest(asker, id)).attachments;
    expect(attachment).toMatchObject({ name: "budsjett.pdf" });
    expect((await readGuidanceAttachment(asker, id, attachment!.id)).mediaType).toBe("application/pdf");
    expect((await readGuidanceAttachment(coordinator, id, attachment!.id)).name).toBe("budsjett.pdf");
    for (const outsider of [vestfold, otherCoordinator, otherAsker]) {
      await expect(readGuidanceAttachment(outsider, id, attachment!.id)).rejects.toBeAppError("not_found");
    }
    await postGuidanceMessage(coordinator, id, { body: "Her er skjemaet." }, [pdf()]);
    const view = await getGuidanceRequest(asker, id);
    expect(view.thread.at(-1)!.attachments).toHaveLength(1);
    // Another request's id with this attachment: not found.
    const other = await createGuidanceRequest(asker, ask(org.id));
    await expect(readGuidanceAttachment(asker, other.id, attachment!.id)).rejects.toBeAppError("not_found");
    await expect(readGuidanceAttachment(asker, id, "not-a-uuid")).rejects.toBeAppError("not_found");
  });
});

describe("guidance demo data", () => {
  it("seeds the scenario's accounts and requests idempotently: Hamar holds one, Innlandet got one, Tønsberg answered one", async () => {
    await seedDemoData();
    await seedDemoData();
    const [vestfoldUser] = await getDb().select().from(users).where(eq(users.email, extraDemoAccountEmails.county_advisor_vestfold));
    expect(vestfoldUser).toBeDefined();
    const actorFor = async (email: string) => {
      const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, email));
      const sessionId = hashToken(randomToken());
      await getDb()
        .insert(sessions)
        .values({ id: sessionId, userId: user!.id, method: "test", expiresAt: new Date(Date.now() + 3_600_000) });
      return loadActorForSession(sessionId, null);
    };
    const hamar = await actorFor(demoAccountEmails.coordinator_hamar);
    const innlandet = await actorFor(demoAccountEmails.county_advisor);
    const somali = await actorFor(extraDemoAccountEmails.org_admin_tonsberg_migrant);
    const inbox = async (actor: Actor) => (await listGuidanceRequests(actor, { list: "inbox" })).rows.map((r) => r.id);
    expect(await inbox(hamar)).toContain(demoGuidanceRequestIds.hamarHeldByKommune);
    expect(await inbox(hamar)).not.toContain(demoGuidanceRequestIds.hamarHandedToInnlandet);
    expect(await inbox(innlandet)).toEqual([demoGuidanceRequestIds.hamarHandedToInnlandet]);
    expect((await listGuidanceRequests(somali, { list: "own" })).rows.map((r) => r.id)).toEqual([demoGuidanceRequestIds.tonsbergAnswered]);
    expect((await getGuidanceRequest(innlandet, demoGuidanceRequestIds.hamarHandedToInnlandet)).chain).toHaveLength(2);
  });
});
