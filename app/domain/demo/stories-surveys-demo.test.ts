import { describe, expect, it } from "vitest";
import { anonymous } from "~/domain/auth/actor.ts";
import { getStory, storiesBesideActivity, storyReviewQueue } from "~/domain/stories/stories.server.ts";
import { surveyByToken, surveyResults } from "~/domain/surveys/surveys.server.ts";
import { createActor } from "../../../tests/factories.ts";
import { DEMO_SURVEY_TOKEN, demoActivityIds, demoStoryIds, demoSurveyIds } from "./ids.ts";
import { seedDemoData } from "./seed.server.ts";

describe("demo data: stories and the needs survey (issue 12)", () => {
  it("Hamar frivilligsentral's approved story is public and beside the library's homework help; the other waits for Hamar; IMDi's survey shows results by kind", async () => {
    await seedDemoData();
    await seedDemoData(); // idempotent
    expect((await getStory(anonymous(), demoStoryIds.hamarHomeworkApproved)).status).toBe("approved");
    await expect(getStory(anonymous(), demoStoryIds.hamarWomenWalkPending)).rejects.toBeAppError("not_found");
    const beside = await storiesBesideActivity({ id: demoActivityIds.hamarLibraryHomework, municipalityNumber: "3403", themes: ["homework_help"] });
    expect(beside.map((s) => s.id)).toContain(demoStoryIds.hamarHomeworkApproved);
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    expect((await storyReviewQueue(hamar)).rows.map((r) => r.id)).toEqual([demoStoryIds.hamarWomenWalkPending]);

    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const results = await surveyResults(imdi, demoSurveyIds.imdiInnlandet);
    expect(results).toMatchObject({ sent: 23, answered: 22 });
    expect(results.byKind.rows.map((r) => [r.key, r.answers])).toEqual([
      ["migrant_organization", 8],
      ["voluntary", 6],
      [null, 8],
    ]);
    expect(results.byKind.rows[2]!.merged).toEqual(["faith_community", "volunteer_centre"]);
    expect(results.byCounty.rows.map((r) => [r.key, r.answers])).toEqual([["34", 22]]);
    expect(await surveyByToken(DEMO_SURVEY_TOKEN)).toMatchObject({ organizationName: "Hamar frivilligsentral", open: true, answer: null });
  });
});
