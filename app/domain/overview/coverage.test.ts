import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { createActivity, deleteActivity, updateActivity } from "~/domain/activities/activities.server.ts";
import { activityForm } from "../../../tests/fixtures/activity-form.ts";
import { readCoverage, refreshCoverage, refreshCoverageFor } from "./coverage.server.ts";

const now = new Date("2026-11-23T12:00:00Z");

describe("coverage figures", () => {
  it("count activities by theme and target group per kommune, the public scope without internal ones, and follow writes", async () => {
    const org = await createOrganization({ municipalities: ["3403"] });
    const actor = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    await createActivity(actor, org.id, activityForm({ capacity: "10", seeksVolunteers: "on", volunteerTasks: "Hjelpe" }), now);
    const internal = await createActivity(
      actor,
      org.id,
      activityForm({ themes: ["language", "homework_help"], targetGroups: ["adults"], visibility: "internal" }),
      now,
    );
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

  it("refresh only an activity's rows on each write, ending with exactly what a full refresh computes", async () => {
    const table = async (db: Queryable) =>
      (
        (await db.execute(sql`
          select municipality_number, scope, dimension, key, activity_count, organization_count, capacity, seeking_volunteers
          from municipality_coverage order by 1, 2, 3, 4`)) as unknown as { rows: unknown[] }
      ).rows;
    /** The full refresh's table, computed in a transaction that is rolled back. */
    const fullRefresh = async () => {
      let rows: unknown[] = [];
      await getDb()
        .transaction(async (tx) => {
          await refreshCoverage(tx, null);
          rows = await table(tx);
          tx.rollback();
        })
        .catch(() => undefined);
      return rows;
    };
    /** The counting rules written the plain way (one scope at a time, every dimension unnested), independent of the refresh's SQL. */
    const reference = async () =>
      (
        (await getDb().execute(sql`
          with base as (
            select a.municipality_number, s.scope, a.organization_id, coalesce(a.capacity, 0) as capacity, a.seeks_volunteers, a.themes, a.target_groups
            from activities a, (values ('public'), ('all')) as s(scope)
            where a.status <> 'ended' and (s.scope = 'all' or a.visibility = 'public')
          ),
          dims as (
            select municipality_number, scope, 'total' as dimension, 'all' as key, organization_id, capacity, seeks_volunteers from base
            union all select municipality_number, scope, 'theme', unnest(themes), organization_id, capacity, seeks_volunteers from base
            union all select municipality_number, scope, 'target_group', unnest(target_groups), organization_id, capacity, seeks_volunteers from base
          )
          select municipality_number, scope, dimension, key, count(*)::int as activity_count, count(distinct organization_id)::int as organization_count,
            sum(capacity)::int as capacity, (count(*) filter (where seeks_volunteers))::int as seeking_volunteers
          from dims group by 1, 2, 3, 4 order by 1, 2, 3, 4`)) as unknown as { rows: unknown[] }
      ).rows;
    const expectSameAsFull = async (step: string) => {
      const incremental = await table(getDb());
      expect(incremental.length, step).toBeGreaterThan(0);
      expect(incremental, step).toEqual(await fullRefresh());
      expect(incremental, step).toEqual(await reference());
    };

    const orgA = await createOrganization({ municipalities: ["3403", "3905"] });
    const orgB = await createOrganization({ municipalities: ["3403", "3905"] });
    const actorA = await createActor({ memberships: [{ organizationId: orgA.id, role: "admin" }] });
    const actorB = await createActor({ memberships: [{ organizationId: orgB.id, role: "admin" }] });
    const tønsberg = { municipality: "3905" };

    const a = await createActivity(
      actorA,
      orgA.id,
      activityForm({ themes: ["work", "mentoring"], targetGroups: ["job_seekers"], capacity: "12", seeksVolunteers: "on", volunteerTasks: "Mentor" }),
      now,
    );
    const b = await createActivity(
      actorB,
      orgB.id,
      activityForm({ themes: ["work", "health"], targetGroups: ["job_seekers", "women"], capacity: "5", visibility: "internal" }),
      now,
    );
    const c = await createActivity(actorB, orgB.id, activityForm({ ...tønsberg, themes: ["digital_skills"], targetGroups: ["seniors"], capacity: "8" }), now);
    await createActivity(actorA, orgA.id, activityForm({ themes: ["digital_skills"], targetGroups: ["seniors"], status: "ended" }), now);
    await expectSameAsFull("after creates");

    // Theme and target group change: "mentoring" and "job_seekers" lose their only counted activity of orgA.
    await updateActivity(actorA, a.id, activityForm({ themes: ["housing"], targetGroups: ["families"], capacity: "3" }), now);
    await expectSameAsFull("after a theme change");
    // Internal → public: the public scope gains b's rows.
    await updateActivity(
      actorB,
      b.id,
      activityForm({ themes: ["work", "health"], targetGroups: ["job_seekers", "women"], capacity: "5", visibility: "public" }),
      now,
    );
    await expectSameAsFull("after a visibility change");
    // Moved from Tønsberg to Hamar: Tønsberg's rows fall to zero and disappear.
    await updateActivity(actorB, c.id, activityForm({ themes: ["digital_skills", "work"], targetGroups: ["seniors"], capacity: "8" }), now);
    await expectSameAsFull("after a kommune move");
    expect(await readCoverage("all", ["3905"])).toEqual([]);
    // Ended: no longer counted anywhere.
    await updateActivity(actorA, a.id, activityForm({ themes: ["housing"], targetGroups: ["families"], status: "ended" }), now);
    await expectSameAsFull("after ending an activity");
    expect((await readCoverage("all", ["3403"])).find((r) => r.dimension === "theme" && r.key === "housing")).toBeUndefined();
    await deleteActivity(actorB, b.id, { confirm: "on" });
    await expectSameAsFull("after a delete");
    await updateActivity(
      actorB,
      c.id,
      activityForm({ ...tønsberg, themes: ["digital_skills"], targetGroups: ["seniors"], seeksVolunteers: "on", volunteerTasks: "Hjelpe" }),
      now,
    );
    await expectSameAsFull("after moving back");

    // A key with quotes, commas and backslashes is bound as data: nothing is written, nothing breaks.
    await refreshCoverageFor(getDb(), [{ municipalityNumber: "3403", themes: ['a","b\\', "x,y}"], targetGroups: ["'; drop table activities; --"] }]);
    await expectSameAsFull("after odd keys");
  });
});
