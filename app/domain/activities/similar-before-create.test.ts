import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { activities } from "~/db/schema/index.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { activityForm } from "../../../tests/fixtures/activity-form.ts";
import { createActivity, SimilarActivitiesError } from "./activities.server.ts";

const HAMAR = "3403";
const now = new Date("2026-11-23T12:00:00Z");
/** The fixture's post without the "this is not a duplicate" box ticked. */
const unconfirmed = (overrides: Record<string, unknown> = {}) => activityForm({ confirmNotDuplicate: undefined, ...overrides });

async function count() {
  return (await getDb().select({ id: activities.id }).from(activities)).length;
}

async function setup() {
  const existingOrg = await createOrganization({ name: `Hamar frivilligsentral ${Math.random().toString(36).slice(2, 7)}`, municipalities: [HAMAR] });
  const existingMember = await createActor({ memberships: [{ organizationId: existingOrg.id, role: "member" }] });
  const existing = await createActivity(existingMember, existingOrg.id, activityForm(), now);
  const org = await createOrganization({ name: `Røde Kors Hamar ${Math.random().toString(36).slice(2, 7)}`, municipalities: [HAMAR] });
  const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
  return { existing, existingOrg, existingMember, org, member };
}

describe("createActivity: search before you create", () => {
  beforeEach(async () => void (await getDb().delete(activities)));

  it("refuses a new activity like an existing one in the kommune until the user confirms it is different, listing the similar ones", async () => {
    const { existing, existingOrg, org, member } = await setup();
    const error = await createActivity(member, org.id, unconfirmed(), now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimilarActivitiesError);
    expect(error).toMatchObject({
      code: "validation",
      status: 400,
      messageKey: "activityAdmin.similar.mustConfirm",
      fieldErrors: { confirmNotDuplicate: { key: "activityAdmin.similar.mustConfirm" } },
    });
    expect((error as SimilarActivitiesError).similar).toEqual([{ id: existing.id, title: "Leksehjelp for barn", organizationName: existingOrg.name }]);
    expect(await count()).toBe(1);

    for (const confirmNotDuplicate of ["on", "true", true]) {
      await expect(createActivity(member, org.id, unconfirmed({ confirmNotDuplicate }), now)).resolves.toMatchObject({ id: expect.any(String) });
    }
    expect(await count()).toBe(4);
  });

  it("asks before validating the rest of the form, as the form did", async () => {
    const { org, member } = await setup();
    await expect(createActivity(member, org.id, unconfirmed({ durationMinutes: "-5" }), now)).rejects.toBeInstanceOf(SimilarActivitiesError);
    await expect(createActivity(member, org.id, activityForm({ durationMinutes: "-5" }), now)).rejects.not.toBeInstanceOf(SimilarActivitiesError);
  });

  it("creates without asking when nothing alike exists, or only elsewhere, or only where the user may not read", async () => {
    const { existingOrg, existingMember, org, member } = await setup();
    await createActivity(
      existingMember,
      existingOrg.id,
      activityForm({ title: "Intern planlegging av sjakk", description: "Sjakkurs for styret.", themes: ["culture_leisure"], visibility: "internal" }),
      now,
    );
    await createActivity(
      member,
      org.id,
      unconfirmed({ title: "Turgruppe for kvinner", description: "Vi går tur i skogen.", themes: ["sports_outdoors"] }),
      now,
    );
    await createActivity(member, org.id, unconfirmed({ municipality: "3905" }), now);
    await createActivity(member, org.id, unconfirmed({ title: "Sjakkurs for styret", description: "Planlegging av sjakk.", themes: ["culture_leisure"] }), now);
    expect(await count()).toBe(5);
  });

  it("refuses those who may not add activities before looking for similar ones", async () => {
    const { org } = await setup();
    const outsider = await createActor();
    await expect(createActivity(outsider, org.id, unconfirmed(), now)).rejects.toMatchObject({ code: "forbidden" });
  });
});
