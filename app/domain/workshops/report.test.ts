import { describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { getDb } from "~/db/client.server.ts";
import { workshopActions } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { escalateObstacle, answerEscalation } from "./escalations.server.ts";
import { getWorkshopPdf, getWorkshopReport } from "./report.server.ts";
import { createReportWorkshop } from "./report-fixtures.test-support.ts";

const HAMAR = "3403";
const KINN = "4602";
const req = () => new Request("http://localhost/verksteder/x/rapport");

async function pdfText(buf: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  return (await extractText(pdf, { mergePages: true })).text;
}

async function workshopWithPlan(municipality: string) {
  const participant = await createActor();
  const w = await createReportWorkshop({
    municipality,
    title: municipality === KINN ? "Samarbeid på kysten" : "Samspill i Hamar",
    participants: [
      { name: "Kari Kommune", sector: "municipality", userId: participant.userId },
      { name: "Frida Frivillig", sector: "voluntary" },
      { name: "Arne Arbeidsgiver", sector: "employer" },
    ],
    obstacles: [
      {
        theme: "employment_social_instruments",
        text: "Lønnstilskudd er vanskelig å kombinere med introduksjonsprogrammet",
        votes: 3,
        solutions: [{ text: "Felles møte med NAV hver måned", votes: 2 }],
      },
      { theme: "volunteers_unused_resource", text: "Frivillige vet ikke hvem de skal ringe", votes: 1 },
    ],
  });
  const owner = await createOrganization({ name: "Frivilligsentralen", municipalities: [municipality] });
  await getDb().insert(workshopActions).values({
    workshopId: w.id,
    solutionId: w.solutionIds[0],
    title: "Månedlig møte mellom NAV og arbeidsgivere",
    ownerOrganizationId: owner.id,
    contactName: "Per Kontakt",
    contactPhone: "+47 900 00 000",
    deadline: "2030-03-01",
    status: "in_progress",
  });
  return { w, participant };
}

describe("the workshop report", () => {
  it("prints the action plan, ranked obstacles and sectors in a PDF in bokmål for Hamar", async () => {
    const { w } = await workshopWithPlan(HAMAR);
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const { id } = await escalateObstacle(coordinator, w.id, { obstacleId: w.obstacleIds[0], level: "national" });
    await answerEscalation(imdi, { escalationId: id, status: "taken_up", answer: "Tatt opp med departementet" });
    const { body } = await getWorkshopPdf(coordinator, req(), w.id);
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(body);
    expect(text).toContain("Handlingsplan");
    expect(text).toContain("Månedlig møte mellom NAV og arbeidsgivere");
    expect(text).toContain("Eier: Frivilligsentralen");
    expect(text).toContain("Hindringer i prioritert rekkefølge");
    expect(text).toContain("Lønnstilskudd er vanskelig å kombinere med introduksjonsprogrammet");
    expect(text).toContain("Felles møte med NAV hver måned");
    expect(text).toContain("Tatt opp med departementet");
    // The manager's copy names participants.
    expect(text).toContain("Frida Frivillig");
    expect(text.indexOf("Lønnstilskudd")).toBeLessThan(text.indexOf("Frivillige vet ikke"));
  });

  it("is in nynorsk for Kinn, whatever the reader's language, and has no names in a participant's copy", async () => {
    const { w, participant } = await workshopWithPlan(KINN);
    const text = await pdfText((await getWorkshopPdf(participant, req(), w.id)).body);
    expect(text).toContain("Rapport frå utviklingsverkstad");
    expect(text).toContain("Hindringar i prioritert rekkjefølgje");
    expect(text).toContain("Deltakarar etter sektor");
    expect(text).toContain("Månedlig møte mellom NAV og arbeidsgivere");
    expect(text).not.toContain("Hindringer i prioritert");
    expect(text).not.toContain("Frida Frivillig");
    const page = await getWorkshopReport(participant, req(), w.id);
    expect(page.locale).toBe("nn");
    expect(page.sectors.map((s) => [s.sector, s.count, s.names])).toEqual([
      ["municipality", 1, []],
      ["voluntary", 1, []],
      ["employer", 1, []],
    ]);
  });

  it("is read only by the workshop's managers and participants", async () => {
    const { w } = await workshopWithPlan(HAMAR);
    const allowed = [
      await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] }),
      await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] }),
    ];
    for (const actor of allowed) expect((await getWorkshopReport(actor, req(), w.id)).manager).toBe(true);
    const refused = [
      await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] }),
      await createActor({ roles: [{ role: "county_advisor", countyNumber: "39" }] }),
      await createActor({ roles: [{ role: "national_admin" }] }),
      await createActor(),
    ];
    for (const actor of refused) {
      await expect(getWorkshopReport(actor, req(), w.id)).rejects.toBeAppError("forbidden");
      await expect(getWorkshopPdf(actor, req(), w.id)).rejects.toBeAppError("forbidden");
    }
    await expect(getWorkshopPdf(anonymous(), req(), w.id)).rejects.toBeAppError("unauthenticated");
    await expect(getWorkshopPdf(allowed[0]!, req(), "not-a-uuid")).rejects.toBeAppError("not_found");
  });
});
