import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { createActivity, deleteActivity } from "~/domain/activities/activities.server.ts";
import { activityForm } from "../../../tests/fixtures/activity-form.ts";
import { readCoverage, refreshCoverage } from "./coverage.server.ts";

const now = new Date("2026-11-23T12:00:00Z");

describe("coverage figures", () => {
  it("count activities by theme and target group per kommune, the public scope without internal ones, and follow writes", async () => {
    const org = await createOrganization({ municipalities: ["3403"] });
    const actor = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    await createActivity(actor, org.id, activityForm({ capacity: "10", seeksVolunteers: "on", volunteerTasks: "Hjelpe" }), now);
    const internal = await createActivity(actor, org.id, activityForm({ themes: ["language", "homework_help"], targetGroups: ["adults"], visibility: "internal" }), now);
    await createActivity(actor, org.id, activityForm({ status: "ended" }), now);

    const figures = async (scope: "public" | "all") =>
      Object.fromEntries((await readCoverage(scope, ["3403"])).map((r) => [`${r.dimension}:${r.key}`, [r.activityCount, r.capacity, r.seekingVolunteers]]));
    expect(await figures("all")).toEqual({
      "total:all": [2, 10, 1],
      "theme:homework_help": [2, 10, 1],
      "theme:language": [1, 0, 0],
      "target_group:children": [1, 10, 1],
      "target_group:adults": [1, 0, 0],
    });
    expect(await figures("public")).toEqual({ "total:all": [1, 10, 1], "theme:homework_help": [1, 10, 1], "target_group:children": [1, 10, 1] });

    await deleteActivity(actor, internal.id, { confirm: "on" });
    expect((await figures("all"))["theme:language"]).toBeUndefined();
    await refreshCoverage(getDb(), null);
    expect((await figures("all"))["total:all"]).toEqual([1, 10, 1]);
  });
});
