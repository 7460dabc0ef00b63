import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities } from "~/db/schema/index.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { activityForm } from "../../../tests/fixtures/activity-form.ts";
import { createActivity } from "./activities.server.ts";
import { activityLanguages, activityThemes, targetGroups } from "./activities.constants.ts";

const now = new Date("2026-11-23T12:00:00Z");
const words = (text: string) => new Set(text.split(" ").filter(Boolean));

describe("tag words", () => {
  it("migration 0007 backfills the same words the domain writes", async () => {
    const org = await createOrganization({ name: "Tag Words", municipalities: ["3403"] });
    const actor = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const form = {
      themes: activityThemes.slice(0, 12),
      targetGroups: targetGroups.filter((g) => g !== "everyone").slice(0, 9),
      languages: [...activityLanguages],
    };
    await createActivity(actor, org.id, activityForm(form), now);
    await createActivity(actor, org.id, activityForm({ languages: ["so"], municipality: "3905" }), now);
    const db = getDb();
    const written = await db.select({ id: activities.id, tagWords: activities.tagWords }).from(activities);
    expect(written.every((r) => r.tagWords.length > 0)).toBe(true);

    const migration = readFileSync("drizzle/0007_activity_tag_words.sql", "utf8").split("--> statement-breakpoint");
    const backfill = migration.find((s) => s.includes('UPDATE "activities"'))!;
    await db.execute(sql`update activities set tag_words = ''`);
    await db.execute(sql.raw(backfill));
    const backfilled = new Map((await db.select({ id: activities.id, tagWords: activities.tagWords }).from(activities)).map((r) => [r.id, r.tagWords]));
    for (const row of written) expect(words(backfilled.get(row.id)!)).toEqual(words(row.tagWords));
  });
});
