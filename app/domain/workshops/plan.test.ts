import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { workshopMunicipalities, workshops, workshopSessions } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { AppError } from "~/lib/errors.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { createWorkshop, getWorkshopForEdit, getWorkshopHub, listWorkshops, newJoinCode, setWorkshopStatus, updateWorkshop } from "./plan.server.ts";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "./workshops.constants.ts";

const request = new Request("http://localhost/verksteder/x");

export const validWorkshop = {
  title: "Utviklingsverksted i Hamar",
  purpose: "Kommunen, frivillige og arbeidsgivere finner hindringer sammen.",
  focusThemes: ["division_of_responsibility", "arenas_for_cooperation"],
  organiser: "municipality:3403",
  facilitatorName: "",
  capacity: "20",
  obstacleVotesPerParticipant: "5",
  solutionVotesPerParticipant: "3",
  s0_kind: "workshop",
  s0_startsAt: "2027-03-10T09:00",
  s0_durationMinutes: "240",
  s0_place: "Hamar rådhus",
  s1_kind: "follow_up",
  s1_startsAt: "2027-05-10T12:00",
  s1_durationMinutes: "120",
  s1_videoUrl: "https://meet.example/hamar",
};

const hamarCoordinator = () => createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
const tonsbergCoordinator = () => createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] });

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("planning a workshop", () => {
  it("a Hamar coordinator creates one for Hamar: sessions in Norwegian time, a join code, the facilitator, an empty checklist", async () => {
    const actor = await hamarCoordinator();
    const { id, joinCode } = await createWorkshop(actor, validWorkshop);
    expect(joinCode).toHaveLength(JOIN_CODE_LENGTH);
    expect([...joinCode].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
    const [row] = await getDb().select().from(workshops).where(eq(workshops.id, id));
    expect(row).toMatchObject({
      organiserLevel: "municipality",
      organiserMunicipalityNumber: "3403",
      capacity: 20,
      facilitatorName: "Test Person",
      status: "planning",
    });
    const sessions = await getDb().select().from(workshopSessions).where(eq(workshopSessions.workshopId, id)).orderBy(workshopSessions.startsAt);
    expect(sessions.map((s) => s.startsAt.toISOString())).toEqual(["2027-03-10T08:00:00.000Z", "2027-05-10T10:00:00.000Z"]);
    expect(sessions.map((s) => s.kind)).toEqual(["workshop", "follow_up"]);

    const hub = await getWorkshopHub(request, actor, id);
    expect(hub.manages).toBe(true);
    expect(hub.manager?.joinCode).toBe(joinCode);
    expect(hub.checklist.missing).toEqual(["municipality", "voluntary", "employer"]);
    expect(await listWorkshops(actor)).toEqual([expect.objectContaining({ id, manages: true, municipalityNames: ["Hamar"] })]);
    expect(await listWorkshops(await tonsbergCoordinator())).toEqual([]);
  });

  it("edits the plan: a session moved, one removed, one added; a moved session gets its reminder again", async () => {
    const actor = await hamarCoordinator();
    const { id } = await createWorkshop(actor, validWorkshop);
    const form = await getWorkshopForEdit(actor, id);
    const [first, second] = form.sessionIds;
    await getDb().update(workshopSessions).set({ reminderSentAt: new Date() }).where(eq(workshopSessions.workshopId, id));
    await updateWorkshop(actor, id, {
      ...form.values,
      title: "Nytt navn",
      s0_startsAt: "2027-03-11T09:00",
      s1_remove: "on",
      s2_kind: "follow_up",
      s2_startsAt: "2027-06-01T12:00",
      s2_durationMinutes: "90",
      s2_place: "Frivilligsentralen",
    });
    const sessions = await getDb().select().from(workshopSessions).where(eq(workshopSessions.workshopId, id)).orderBy(workshopSessions.startsAt);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.id).toBe(first);
    expect(sessions[0]!.reminderSentAt).toBeNull();
    expect(sessions.some((s) => s.id === second)).toBe(false);
    expect((await getWorkshopForEdit(actor, id)).title).toBe("Nytt navn");
  });

  it("moves planning → running → closed one step at a time; closing needs the box; a closed plan cannot be edited", async () => {
    const actor = await hamarCoordinator();
    const { id } = await createWorkshop(actor, validWorkshop);
    expect((await appErrorOf(setWorkshopStatus(actor, id, { status: "closed", confirm: "on" }))).code).toBe("conflict");
    await setWorkshopStatus(actor, id, { status: "running" });
    const unconfirmed = await appErrorOf(setWorkshopStatus(actor, id, { status: "closed" }));
    expect(unconfirmed.code).toBe("validation");
    expect(unconfirmed.fieldErrors.confirm?.key).toBe("workshops.hub.closeConfirmRequired");
    await setWorkshopStatus(actor, id, { status: "closed", confirm: "on" });
    expect((await appErrorOf(setWorkshopStatus(actor, id, { status: "running" }))).code).toBe("conflict");
    expect((await appErrorOf(updateWorkshop(actor, id, validWorkshop))).code).toBe("conflict");
    expect((await appErrorOf(setWorkshopStatus(actor, id, { status: "nonsense" }))).code).toBe("validation");
  });

  it("a county advisor organises for several kommuner of their own fylke, never for a kommune of another", async () => {
    const advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const input = { ...validWorkshop, organiser: "county:34", municipalityNumbers: ["3403", "3420"] };
    const { id } = await createWorkshop(advisor, input);
    const kommuner = await getDb().select().from(workshopMunicipalities).where(eq(workshopMunicipalities.workshopId, id));
    expect(kommuner.map((k) => k.municipalityNumber).sort()).toEqual(["3403", "3420"]);
    const [row] = await getDb().select().from(workshops).where(eq(workshops.id, id));
    expect(row).toMatchObject({ organiserLevel: "county", organiserCountyNumber: "34", organiserMunicipalityNumber: null });
    // Tønsberg lies in Vestfold (39).
    expect((await appErrorOf(createWorkshop(advisor, { ...input, municipalityNumbers: ["3403", "3905"] }))).fieldErrors.municipalityNumbers?.key).toBe(
      "workshops.form.error.municipality",
    );
    expect((await appErrorOf(createWorkshop(advisor, { ...input, municipalityNumbers: [] }))).fieldErrors.municipalityNumbers?.key).toBe(
      "workshops.form.error.noMunicipality",
    );
    expect((await appErrorOf(createWorkshop(advisor, { ...input, municipalityNumbers: ["3499"] }))).fieldErrors.municipalityNumbers?.key).toBe(
      "workshops.form.error.municipality",
    );
    expect((await appErrorOf(createWorkshop(advisor, { ...input, organiser: "county:39" }))).fieldErrors.organiser?.key).toBe("workshops.form.error.organiser");
    expect((await appErrorOf(createWorkshop(advisor, { ...input, organiser: "municipality:3403" }))).fieldErrors.organiser?.key).toBe(
      "workshops.form.error.organiser",
    );
  });

  it("refuses bad input field by field", async () => {
    const actor = await hamarCoordinator();
    const before = (await getDb().select({ id: workshops.id }).from(workshops)).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ title: "" }, "title"],
      [{ title: "x".repeat(201) }, "title"],
      [{ purpose: "x".repeat(4001) }, "purpose"],
      [{ focusThemes: ["not_a_theme"] }, "focusThemes"],
      [{ organiser: "kommune" }, "organiser"],
      [{ organiser: "municipality:3905" }, "organiser"],
      [{ facilitatorName: "x".repeat(201) }, "facilitatorName"],
      [{ capacity: "0" }, "capacity"],
      [{ capacity: "1.5" }, "capacity"],
      [{ obstacleVotesPerParticipant: "0" }, "obstacleVotesPerParticipant"],
      [{ obstacleVotesPerParticipant: "21" }, "obstacleVotesPerParticipant"],
      [{ solutionVotesPerParticipant: "" }, "solutionVotesPerParticipant"],
      [{ s0_startsAt: "10.03.2027 09:00" }, "s0_startsAt"],
      [{ s0_startsAt: "2027-02-30T09:00" }, "s0_startsAt"],
      [{ s0_durationMinutes: "5" }, "s0_durationMinutes"],
      [{ s0_durationMinutes: "" }, "s0_durationMinutes"],
      [{ s0_place: "" }, "s0_place"],
      [{ s1_videoUrl: "javascript:alert(1)" }, "s1_videoUrl"],
      [{ s0_kind: "party" }, "s0_kind"],
      [{ s0_id: "not-a-uuid" }, "s0_id"],
      [{ s0_startsAt: "", s1_startsAt: "" }, "s0_startsAt"],
    ];
    for (const [change, field] of cases) {
      const error = await appErrorOf(createWorkshop(actor, { ...validWorkshop, ...change }));
      expect(error.code, JSON.stringify(change)).toBe("validation");
      expect(
        Object.keys(error.fieldErrors).some((k) => k === field || k.startsWith(`${field}.`)),
        `${JSON.stringify(change)}: ${Object.keys(error.fieldErrors).join(",")}`,
      ).toBe(true);
    }
    expect(await getDb().select({ id: workshops.id }).from(workshops)).toHaveLength(before);
  });
});

describe("who sees and manages a workshop's plan", () => {
  it("Tønsberg's coordinator, IMDi, an organisation member and a visitor learn nothing of Hamar's workshop", async () => {
    const { id } = await createWorkshop(await hamarCoordinator(), validWorkshop);
    const org = await createOrganization({ municipalities: ["3403"] });
    const outsiders = [
      await tonsbergCoordinator(),
      await createActor({ roles: [{ role: "national_admin" }] }),
      await createActor({ memberships: [{ organizationId: org.id, role: "member" }] }),
    ];
    for (const actor of outsiders) {
      expect((await appErrorOf(getWorkshopHub(request, actor, id))).code).toBe("not_found");
      expect((await appErrorOf(getWorkshopForEdit(actor, id))).code).toBe("not_found");
      expect((await appErrorOf(updateWorkshop(actor, id, validWorkshop))).code).toBe("not_found");
      expect((await appErrorOf(setWorkshopStatus(actor, id, { status: "running" }))).code).toBe("not_found");
      expect(await listWorkshops(actor)).toEqual([]);
    }
    expect((await appErrorOf(getWorkshopHub(request, anonymous(), id))).code).toBe("unauthenticated");
    expect((await appErrorOf(getWorkshopForEdit(anonymous(), id))).code).toBe("unauthenticated");
    expect((await appErrorOf(listWorkshops(anonymous()))).code).toBe("unauthenticated");
    expect((await appErrorOf(getWorkshopHub(request, outsiders[0]!, "not-a-uuid"))).code).toBe("not_found");
  });

  it("Innlandet's county advisor manages Hamar's workshop; only coordinators and advisors may create one", async () => {
    const { id } = await createWorkshop(await hamarCoordinator(), validWorkshop);
    const advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    expect((await getWorkshopHub(request, advisor, id)).manages).toBe(true);
    expect((await listWorkshops(advisor)).map((w) => w.id)).toContain(id);
    const org = await createOrganization();
    const orgAdmin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    expect((await appErrorOf(createWorkshop(orgAdmin, validWorkshop))).code).toBe("forbidden");
    expect((await appErrorOf(createWorkshop(anonymous(), validWorkshop))).code).toBe("unauthenticated");
    expect((await appErrorOf(createWorkshop(await tonsbergCoordinator(), validWorkshop))).fieldErrors.organiser?.key).toBe("workshops.form.error.organiser");
  });

  it("join codes are drawn from the alphabet without look-alikes", () => {
    for (let i = 0; i < 200; i++) expect(newJoinCode()).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$/);
  });
});
