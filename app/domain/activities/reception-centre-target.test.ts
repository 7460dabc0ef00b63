import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { AppError } from "~/lib/errors.ts";
import { getMunicipalityOverview } from "~/domain/overview/overview.server.ts";
import { getOverviewTable, overviewCsv } from "~/domain/overview/overview-export.server.ts";
import { collectSearchResults, exportRows, toCsv } from "~/domain/opendata/export.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { activityForm } from "../../../tests/fixtures/activity-form.ts";
import { createActivity } from "./activities.server.ts";
import { searchActivities } from "./search.server.ts";

const STANGE = "3413"; // Innlandet; no other activities in this file's database
const now = new Date("2026-11-23T12:00:00Z");

/** The reports: activities for residents of reception centres (asylsøkere i mottak) are a target group of their own. */
describe("residents of reception centres as a target group", () => {
  it("is accepted, filtered by in the finder, counted in the overview and named in exports", async () => {
    const org = await createOrganization({ name: "Stange asylmottak", kind: "reception_centre", municipalities: [STANGE] });
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const forResidents = await createActivity(
      member,
      org.id,
      activityForm({ municipality: STANGE, title: "Norsktrening i mottaket", themes: ["language"], targetGroups: ["reception_centre_residents", "adults"] }),
      now,
    );
    await createActivity(
      member,
      org.id,
      activityForm({ municipality: STANGE, title: "Leksehjelp for barn", themes: ["homework_help"], targetGroups: ["children"] }),
      now,
    );
    const [row] = await getDb().select({ targetGroups: activities.targetGroups }).from(activities).where(eq(activities.id, forResidents.id));
    expect(row!.targetGroups).toContain("reception_centre_residents");

    const found = await searchActivities({ targetGroups: ["reception_centre_residents"], municipality: STANGE }, { now });
    expect(found.items.map((i) => i.title)).toEqual(["Norsktrening i mottaket"]);

    const overview = await getMunicipalityOverview(anonymous(), STANGE, { now });
    const group = overview.targetGroups.find((g) => g.key === "reception_centre_residents");
    expect(group?.activityCount).toBe(1);
    expect(overview.targetGroups.find((g) => g.key === "children")?.activityCount).toBe(1);

    const table = await getOverviewTable(anonymous(), STANGE, { table: "malgruppe", now });
    expect(overviewCsv(table.data)).toContain("Beboere i asylmottak");

    const items = await collectSearchResults({ municipality: STANGE }, { now });
    expect(toCsv(exportRows(items))).toContain("Beboere i asylmottak");
    expect(toCsv(exportRows(items, "en"))).toContain("Residents of reception centres");
  });

  it("refuses target groups outside the list, with a message and nothing written", async () => {
    const org = await createOrganization({ municipalities: [STANGE] });
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const before = (await getDb().select({ id: activities.id }).from(activities)).length;
    for (const targetGroups of [["asylum_seekers"], ["reception_centre_residents'; drop table activities; --"], ["reception_centre"]]) {
      const error = await createActivity(member, org.id, activityForm({ municipality: STANGE, targetGroups }), now).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation");
      const fields = Object.entries((error as AppError).fieldErrors);
      expect(fields.some(([field, e]) => field.startsWith("targetGroups") && e.key === "validation.invalidChoice")).toBe(true);
    }
    expect((await getDb().select({ id: activities.id }).from(activities)).length).toBe(before);
  });
});
