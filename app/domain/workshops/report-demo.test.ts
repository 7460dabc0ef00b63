import { describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { createActor } from "../../../tests/factories.ts";
import { demoWorkshopEscalationIds, demoWorkshops } from "~/domain/demo/ids.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { listCommonObstacles } from "./common-obstacles.server.ts";
import { listEscalationInbox, listWorkshopEscalations } from "./escalations.server.ts";
import { getWorkshopPdf } from "./report.server.ts";

const req = () => new Request("http://localhost/");

async function pdfText(buf: Buffer) {
  return (await extractText(await getDocumentProxy(new Uint8Array(buf)), { mergePages: true })).text;
}

describe("demo data: Hamar's workshop above the kommune and its report (issue 13)", () => {
  it("Hamar's employment obstacle reached IMDi and its answer shows in the workshop; Innlandet holds one open; IMDi sees Hamar among the common obstacles; the PDFs print in bokmål and nynorsk", async () => {
    await seedDemoData();
    await seedDemoData(); // idempotent
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const innlandet = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const kinn = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "4602" }] });

    expect((await listEscalationInbox(imdi)).answered.map((e) => e.id)).toContain(demoWorkshopEscalationIds.hamarToImdi);
    expect((await listEscalationInbox(innlandet)).open.map((e) => e.id)).toEqual([demoWorkshopEscalationIds.hamarToInnlandet]);
    const inWorkshop = await listWorkshopEscalations(hamar, req(), demoWorkshops.hamar.id);
    expect(inWorkshop.escalations.find((e) => e.id === demoWorkshopEscalationIds.hamarToImdi)).toMatchObject({
      theme: "employment_social_instruments",
      status: "taken_up",
    });

    const common = await listCommonObstacles(imdi);
    expect(common.clusters.slice(0, 5).some((c) => c.kommuner.includes("Hamar"))).toBe(true);
    expect(common.themes.length).toBeGreaterThan(0);

    const hamarPdf = await pdfText((await getWorkshopPdf(hamar, req(), demoWorkshops.hamar.id)).body);
    expect(hamarPdf).toContain("Rapport fra utviklingsverksted");
    expect(hamarPdf).toContain("Handlingsplan");
    expect(hamarPdf).toContain("Tatt opp");
    const kinnPdf = await pdfText((await getWorkshopPdf(kinn, req(), demoWorkshops.kinn.id)).body);
    expect(kinnPdf).toContain("Rapport frå utviklingsverkstad");
  });
});
