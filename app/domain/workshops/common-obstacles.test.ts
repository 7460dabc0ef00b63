import { describe, expect, it } from "vitest";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActor } from "../../../tests/factories.ts";
import { clusterTexts, listCommonObstacles, topObstaclesFor } from "./common-obstacles.server.ts";
import { createReportWorkshop } from "./report-fixtures.test-support.ts";

describe("common obstacles across workshops", () => {
  it("groups near-duplicates across workshops and leaves different obstacles apart (small fixture)", () => {
    const groups = clusterTexts([
      { text: "Introduksjonsprogrammet stopper når deltakeren får lønnstilskudd" },
      { text: "Lønnstilskudd stoppar introduksjonsprogrammet for deltakaren" },
      { text: "Frivillige vet ikke hvem de skal ringe i kommunen" },
      { text: "Mottaket har ikke tid til frivillige" },
    ]);
    expect(groups.map((g) => g.length).sort()).toEqual([1, 1, 2]);
    expect(groups.find((g) => g.length === 2)!.map((g) => g.text)[0]).toContain("Introduksjonsprogrammet");
  });

  it("counts themes across kommuner and shows the solutions others chose; IMDi sees all, a county advisor their fylke", async () => {
    const hamar = await createReportWorkshop({
      municipality: "3403",
      obstacles: [
        {
          theme: "employment_social_instruments",
          text: "Introduksjonsprogrammet stopper når deltakeren får lønnstilskudd",
          votes: 3,
          solutions: [{ text: "Fast samarbeidsmøte med NAV", votes: 3 }],
        },
      ],
    });
    await createReportWorkshop({
      municipality: "3905",
      obstacles: [{ theme: "employment_social_instruments", text: "Lønnstilskudd stopper introduksjonsprogrammet for deltakeren", votes: 1 }],
    });
    await createReportWorkshop({ municipality: "4602", obstacles: [{ theme: "reception_centres", text: "Mottaket ligg langt frå sentrum", votes: 2 }] });

    const imdi = await listCommonObstacles(await createActor({ roles: [{ role: "national_admin" }] }));
    expect(imdi.themes[0]).toMatchObject({ theme: "employment_social_instruments", kommuner: 2, workshops: 2, votes: 4 });
    expect(imdi.clusters[0]).toMatchObject({ workshops: 2, kommuner: ["Hamar", "Tønsberg"], votes: 4 });
    expect(imdi.clusters[0]!.solutions).toEqual([{ text: "Fast samarbeidsmøte med NAV", votes: 3, municipalityName: "Hamar" }]);

    const innlandet = await listCommonObstacles(await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] }));
    expect(innlandet.clusters.flatMap((c) => c.members.map((m) => m.municipalityName))).toEqual(["Hamar"]);
    const vestfold = await listCommonObstacles(await createActor({ roles: [{ role: "county_advisor", countyNumber: "39" }] }));
    expect(vestfold.clusters.flatMap((c) => c.members.map((m) => m.municipalityName))).toEqual(["Tønsberg"]);

    const top = await topObstaclesFor({ level: "municipality", municipalityNumber: "3403" });
    expect(top.obstacles.map((o) => o.id)).toEqual(hamar.obstacleIds);
  });

  it("is not for kommuner, organisations or visitors", async () => {
    await expect(listCommonObstacles(await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] }))).rejects.toBeAppError(
      "forbidden",
    );
    await expect(listCommonObstacles(await createActor())).rejects.toBeAppError("forbidden");
    await expect(listCommonObstacles(anonymous())).rejects.toBeAppError("unauthenticated");
  });
});
