import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, outboundEmails, workshopEscalations } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActor } from "../../../tests/factories.ts";
import { answerEscalation, escalateObstacle, listEscalationInbox, listWorkshopEscalations, passOnToImdi } from "./escalations.server.ts";
import { createReportWorkshop } from "./report-fixtures.test-support.ts";

const HAMAR = "3403";
const TONSBERG = "3905";
const req = () => new Request("http://localhost/verksteder/x/innspill");

async function setup() {
  const facilitator = await createActor();
  const participant = await createActor();
  const w = await createReportWorkshop({
    municipality: HAMAR,
    facilitatorUserId: facilitator.userId,
    participants: [
      { name: "Kari Kommune", sector: "municipality", userId: participant.userId },
      { name: "Frida Frivillig", sector: "voluntary" },
    ],
    obstacles: [
      { theme: "employment_social_instruments", text: "Introduksjonsprogrammet stopper når praksisplassen blir til en jobb", votes: 2 },
      { theme: "reception_centres", text: "Mottaket får ikke bruke frivillige i norskopplæringen", votes: 1 },
    ],
  });
  const other = await createReportWorkshop({ municipality: TONSBERG, obstacles: [{ theme: "other", text: "Tønsbergs hindring" }] });
  return {
    w,
    other,
    facilitator,
    participant,
    coordinator: await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] }),
    tonsberg: await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] }),
    innlandet: await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] }),
    vestfold: await createActor({ roles: [{ role: "county_advisor", countyNumber: "39" }] }),
    imdi: await createActor({ roles: [{ role: "national_admin" }] }),
  };
}

describe("obstacles handed up above the kommune", () => {
  it("reaches IMDi with the workshop's wording; IMDi's answer shows in the workshop and mails its managers", async () => {
    const s = await setup();
    const { id } = await escalateObstacle(s.coordinator, s.w.id, { obstacleId: s.w.obstacleIds[0], level: "national", note: "Endre regelverket" });
    // Only IMDi receives it; Innlandet (county level) does not see a national one.
    expect((await listEscalationInbox(s.imdi)).open.map((e) => e.id)).toContain(id);
    expect((await listEscalationInbox(s.innlandet)).open.map((e) => e.id)).not.toContain(id);
    await expect(answerEscalation(s.innlandet, { escalationId: id, status: "taken_up", answer: "Vi ser på det" })).rejects.toBeAppError("forbidden");
    await answerEscalation(s.imdi, { escalationId: id, status: "taken_up", answer: "Tatt opp med Arbeids- og inkluderingsdepartementet." });
    const seen = await listWorkshopEscalations(s.participant, req(), s.w.id);
    expect(seen.manager).toBe(false);
    expect(seen.escalations[0]).toMatchObject({
      obstacleText: "Introduksjonsprogrammet stopper når praksisplassen blir til en jobb",
      status: "taken_up",
      answer: "Tatt opp med Arbeids- og inkluderingsdepartementet.",
    });
    const mails = await getDb().select({ to: outboundEmails.to, subject: outboundEmails.subject }).from(outboundEmails);
    expect(mails.some((m) => m.subject.includes("Svar på innspill"))).toBe(true);
    await expect(answerEscalation(s.imdi, { escalationId: id, status: "changed", answer: "Igjen" })).rejects.toBeAppError("conflict");
    const audit = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "workshop"), eq(auditLog.entityId, s.w.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["workshop.escalation_answered", "workshop.escalation_created"]);
  });

  it("goes to the fylkeskommune of the kommune, which may pass it on to IMDi with a reason", async () => {
    const s = await setup();
    const { id } = await escalateObstacle(s.facilitator, s.w.id, { obstacleId: s.w.obstacleIds[1], level: "county" });
    const [row] = await getDb().select().from(workshopEscalations).where(eq(workshopEscalations.id, id));
    expect(row).toMatchObject({ level: "county", countyNumber: "34" });
    expect((await listEscalationInbox(s.innlandet)).open[0]).toMatchObject({ id, canPassOn: true });
    expect((await listEscalationInbox(s.vestfold)).open).toEqual([]);
    expect((await listEscalationInbox(s.imdi)).open.map((e) => e.id)).not.toContain(id);
    await expect(answerEscalation(s.imdi, { escalationId: id, status: "taken_up", answer: "Ikke vårt ennå" })).rejects.toBeAppError("forbidden");
    await expect(passOnToImdi(s.vestfold, { escalationId: id, reason: "Nasjonalt regelverk" })).rejects.toBeAppError("forbidden");
    await expect(passOnToImdi(s.innlandet, { escalationId: id, reason: "" })).rejects.toBeAppError("validation");
    await passOnToImdi(s.innlandet, { escalationId: id, reason: "Reglene for mottak er nasjonale" });
    expect((await listEscalationInbox(s.imdi)).open[0]).toMatchObject({ id, passedOnReason: "Reglene for mottak er nasjonale", canPassOn: false });
    expect((await listEscalationInbox(s.innlandet)).open).toEqual([]);
    await expect(passOnToImdi(s.imdi, { escalationId: id, reason: "Videre" })).rejects.toBeAppError("conflict");
  });

  it("refuses bad input: a missing level, an unknown answer, an empty answer, another workshop's obstacle, a twice handed-up obstacle", async () => {
    const s = await setup();
    await expect(escalateObstacle(s.coordinator, s.w.id, { obstacleId: s.w.obstacleIds[0] })).rejects.toBeAppError("validation");
    await expect(escalateObstacle(s.coordinator, s.w.id, { obstacleId: s.w.obstacleIds[0], level: "municipality" })).rejects.toBeAppError("validation");
    await expect(escalateObstacle(s.coordinator, s.w.id, { obstacleId: "nope", level: "national" })).rejects.toBeAppError("validation");
    await expect(escalateObstacle(s.coordinator, s.w.id, { obstacleId: s.other.obstacleIds[0], level: "national" })).rejects.toBeAppError("not_found");
    await expect(escalateObstacle(s.coordinator, s.w.id, { obstacleId: s.w.obstacleIds[0], level: "national", note: "x".repeat(2001) })).rejects.toBeAppError(
      "validation",
    );
    const { id } = await escalateObstacle(s.coordinator, s.w.id, { obstacleId: s.w.obstacleIds[0], level: "national" });
    await expect(escalateObstacle(s.coordinator, s.w.id, { obstacleId: s.w.obstacleIds[0], level: "county" })).rejects.toBeAppError(
      "conflict",
      "workshops.escalation.error.already",
    );
    await expect(answerEscalation(s.imdi, { escalationId: id, status: "maybe", answer: "Hm" })).rejects.toBeAppError("validation");
    await expect(answerEscalation(s.imdi, { escalationId: id, status: "changed", answer: " " })).rejects.toBeAppError("validation");
    await expect(answerEscalation(s.imdi, { escalationId: "not-a-uuid", status: "changed", answer: "Ja" })).rejects.toBeAppError("not_found");
  });

  it("is seen only by the workshop's managers and participants, and by the receiving body", async () => {
    const s = await setup();
    await escalateObstacle(s.coordinator, s.w.id, { obstacleId: s.w.obstacleIds[0], level: "county" });
    await expect(escalateObstacle(s.participant, s.w.id, { obstacleId: s.w.obstacleIds[1], level: "county" })).rejects.toBeAppError("forbidden");
    await expect(escalateObstacle(s.tonsberg, s.w.id, { obstacleId: s.w.obstacleIds[1], level: "county" })).rejects.toBeAppError("forbidden");
    await expect(escalateObstacle(s.imdi, s.w.id, { obstacleId: s.w.obstacleIds[1], level: "national" })).rejects.toBeAppError("forbidden");
    await expect(escalateObstacle(anonymous(), s.w.id, { obstacleId: s.w.obstacleIds[1], level: "county" })).rejects.toBeAppError("unauthenticated");
    await expect(listWorkshopEscalations(s.tonsberg, req(), s.w.id)).rejects.toBeAppError("forbidden");
    await expect(listWorkshopEscalations(s.vestfold, req(), s.w.id)).rejects.toBeAppError("forbidden");
    await expect(listWorkshopEscalations(anonymous(), req(), s.w.id)).rejects.toBeAppError("unauthenticated");
    expect((await listWorkshopEscalations(s.innlandet, req(), s.w.id)).manager).toBe(true);
    const managerView = await listWorkshopEscalations(s.coordinator, req(), s.w.id);
    expect(managerView.candidates.map((c) => c.id)).toEqual([s.w.obstacleIds[1]]);
    await expect(listEscalationInbox(s.tonsberg)).rejects.toBeAppError("forbidden");
    await expect(listEscalationInbox(s.participant)).rejects.toBeAppError("forbidden");
    await expect(listEscalationInbox(anonymous())).rejects.toBeAppError("unauthenticated");
  });
});
