import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, placements } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { AppError } from "~/lib/errors.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import {
  confirmFollowUp,
  createPlacement,
  declineFollowUp,
  getPlacement,
  getPlacementForEdit,
  listFollowUpInbox,
  listPublicPlacements,
  placementFormOptions,
  updatePlacement,
} from "./placements.server.ts";
import { placementsOnStartPage } from "./placements-start.server.ts";

const HAMAR = "3403";
const TONSBERG = "3905";

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

async function world() {
  const employerOrg = await createOrganization({ kind: "employer", name: "Mjøs Test Bygg", municipalities: [HAMAR] });
  const otherEmployerOrg = await createOrganization({ kind: "employer", name: "Annen Arbeidsgiver", municipalities: [HAMAR] });
  const nav = await createOrganization({ kind: "nav_office", name: "NAV Test Hamar", municipalities: [HAMAR] });
  const unit = await createOrganization({ kind: "municipality_unit", name: "Flyktningtjenesten test", municipalities: [HAMAR] });
  const navTonsberg = await createOrganization({ kind: "nav_office", name: "NAV Test Tønsberg", municipalities: [TONSBERG] });
  const voluntary = await createOrganization({ kind: "voluntary", name: "Frivillig lag", municipalities: [HAMAR] });
  const employer = await createActor({ memberships: [{ organizationId: employerOrg.id, role: "admin" }] });
  const otherEmployer = await createActor({ memberships: [{ organizationId: otherEmployerOrg.id, role: "admin" }] });
  const navMember = await createActor({ memberships: [{ organizationId: nav.id, role: "member" }] });
  const unitMember = await createActor({ memberships: [{ organizationId: unit.id, role: "member" }] });
  const coordinatorHamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
  const coordinatorTonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
  const countyAdvisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
  const nationalAdmin = await createActor({ roles: [{ role: "national_admin" }] });
  const volunteer = await createActor({ memberships: [{ organizationId: voluntary.id, role: "admin" }] });
  return {
    employerOrg,
    nav,
    unit,
    navTonsberg,
    employer,
    otherEmployer,
    navMember,
    unitMember,
    coordinatorHamar,
    coordinatorTonsberg,
    countyAdvisor,
    nationalAdmin,
    volunteer,
  };
}

function input(employerOrganizationId: string, followUpOrganizationId: string, extra: Record<string, unknown> = {}) {
  return {
    employerOrganizationId,
    kind: "practice_placement",
    title: "Praksis på byggeplass",
    occupation: "Tømrer",
    sector: "construction",
    description: "Fire uker med fast veileder.",
    municipalityNumber: HAMAR,
    periodStart: "2027-01-04",
    periodEnd: "2027-03-31",
    languageRequirement: "a2",
    places: "2",
    supportNeeds: ["follow_up_visits", "mentor"],
    followUpOrganizationId,
    incentivesRequested: "mentor_grant",
    incentiveRequestMessage: "Kan vi få mentortilskudd for veilederen?",
    contactName: "Kari Bas",
    contactEmail: "kari@mjos.example",
    contactPhone: "",
    isPublic: "on",
    ...extra,
  };
}

describe("placements", () => {
  it("an employer posts a placement with NAV as follow-up contact; NAV confirms once, audited", async () => {
    const w = await world();
    const options = await placementFormOptions(w.employer);
    expect(options.employers.map((e) => e.id)).toEqual([w.employerOrg.id]);
    expect(options.followUpOrganizations.map((o) => o.id).sort()).toEqual([w.nav.id, w.unit.id].sort());

    const { id } = await createPlacement(w.employer, input(w.employerOrg.id, w.nav.id));
    const [row] = await getDb().select().from(placements).where(eq(placements.id, id));
    expect(row).toMatchObject({
      places: 2,
      followUpStatus: "requested",
      incentivesRequested: ["mentor_grant"],
      supportNeeds: ["follow_up_visits", "mentor"],
      periodEnd: "2027-03-31",
      contactPhone: null,
      isPublic: true,
    });
    expect(row!.incentiveRequestedAt).not.toBeNull();

    const inbox = await listFollowUpInbox(w.navMember);
    expect(inbox.rows.map((r) => r.id)).toEqual([id]);
    expect(inbox.awaiting).toBe(1);

    const confirmed = await confirmFollowUp(w.navMember, id);
    expect(confirmed.followUpStatus).toBe("confirmed");
    expect(confirmed.followUpAnsweredByUserId).toBe(w.navMember.userId);
    // Answered once: a second answer is a conflict, not a silent overwrite.
    await expectAppError(confirmFollowUp(w.navMember, id), "conflict");
    await expectAppError(declineFollowUp(w.navMember, id), "conflict");

    const actions = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "placement"), eq(auditLog.entityId, id)));
    expect(actions.map((a) => a.action).sort()).toEqual(["placement.created", "placement.follow_up_confirmed"]);
  });

  it("only the follow-up contact answers: not the employer, another kommune, the county, IMDi or a visitor", async () => {
    const w = await world();
    const { id } = await createPlacement(w.employer, input(w.employerOrg.id, w.nav.id));
    await expectAppError(confirmFollowUp(w.employer, id), "forbidden");
    await expectAppError(confirmFollowUp(w.otherEmployer, id), "forbidden");
    await expectAppError(confirmFollowUp(w.coordinatorHamar, id), "forbidden");
    await expectAppError(confirmFollowUp(w.coordinatorTonsberg, id), "forbidden");
    await expectAppError(confirmFollowUp(w.countyAdvisor, id), "forbidden");
    await expectAppError(confirmFollowUp(w.nationalAdmin, id), "forbidden");
    await expectAppError(declineFollowUp(w.unitMember, id), "forbidden");
    await expectAppError(confirmFollowUp(anonymous(), id), "unauthenticated");
    await expectAppError(confirmFollowUp(w.navMember, "not-a-uuid"), "not_found");
    await expectAppError(confirmFollowUp(w.navMember, "00000000-0000-4000-8000-000000000000"), "not_found");
    const [row] = await getDb().select({ s: placements.followUpStatus }).from(placements).where(eq(placements.id, id));
    expect(row!.s).toBe("requested");
  });

  it("a kommune unit as follow-up contact: its members and the kommune's own coordinators answer; they decline, the employer names another", async () => {
    const w = await world();
    const { id } = await createPlacement(w.employer, input(w.employerOrg.id, w.unit.id));
    expect((await listFollowUpInbox(w.coordinatorHamar)).rows.map((r) => r.id)).toEqual([id]);
    expect((await listFollowUpInbox(w.coordinatorTonsberg)).rows).toEqual([]);
    expect((await listFollowUpInbox(w.navMember)).rows).toEqual([]);
    await expectAppError(listFollowUpInbox(w.employer), "forbidden");
    await expectAppError(listFollowUpInbox(w.countyAdvisor), "forbidden");
    await expectAppError(confirmFollowUp(w.coordinatorTonsberg, id), "forbidden");

    const declined = await declineFollowUp(w.coordinatorHamar, id);
    expect(declined.followUpStatus).toBe("declined");
    const edit = await getPlacementForEdit(w.employer, id);
    await updatePlacement(w.employer, id, { ...input(w.employerOrg.id, w.nav.id), status: edit.row.status });
    const [row] = await getDb().select().from(placements).where(eq(placements.id, id));
    expect(row).toMatchObject({ followUpOrganizationId: w.nav.id, followUpStatus: "requested", followUpAnsweredAt: null });
    await confirmFollowUp(w.navMember, id);
  });

  it("the public sees a public placement without its follow-up and incentive request; a non-public one only its employer and follow-up contact", async () => {
    const w = await world();
    const { id } = await createPlacement(w.employer, input(w.employerOrg.id, w.nav.id));
    const publicView = await getPlacement(anonymous(), id);
    expect(publicView.access).toBe("public");
    expect(publicView.internal).toBeNull();
    expect(publicView.followUpOrganizationName).toBeNull();
    expect(JSON.stringify(publicView)).not.toContain("mentortilskudd");
    expect((await getPlacement(w.navMember, id)).internal?.incentiveRequestMessage).toContain("mentortilskudd");
    expect((await getPlacement(w.employer, id)).access).toBe("employer");
    expect((await getPlacement(w.coordinatorTonsberg, id)).access).toBe("public");
    expect((await listPublicPlacements({ municipalityNumber: HAMAR, kind: null, sector: "construction" })).rows.map((r) => r.id)).toContain(id);
    expect((await listPublicPlacements({ municipalityNumber: TONSBERG, kind: null, sector: null })).rows.map((r) => r.id)).not.toContain(id);

    const hidden = await createPlacement(w.employer, input(w.employerOrg.id, w.nav.id, { isPublic: "", title: "Intern praksis" }));
    for (const actor of [anonymous(), w.otherEmployer, w.coordinatorHamar, w.coordinatorTonsberg, w.countyAdvisor, w.nationalAdmin]) {
      await expectAppError(getPlacement(actor, hidden.id), "not_found");
    }
    expect((await getPlacement(w.navMember, hidden.id)).access).toBe("follow_up");
    expect((await listPublicPlacements({ municipalityNumber: null, kind: null, sector: null })).rows.map((r) => r.id)).not.toContain(hidden.id);
  });

  it("only the employer's members edit; the kommune stays; another employer cannot even post for it", async () => {
    const w = await world();
    const { id } = await createPlacement(w.employer, input(w.employerOrg.id, w.nav.id));
    await expectAppError(getPlacementForEdit(w.navMember, id), "forbidden");
    await expectAppError(updatePlacement(w.otherEmployer, id, { ...input(w.employerOrg.id, w.nav.id), status: "open" }), "forbidden");
    await expectAppError(updatePlacement(w.navMember, id, { ...input(w.employerOrg.id, w.nav.id), status: "open" }), "forbidden");
    await expectAppError(updatePlacement(w.employer, id, { ...input(w.employerOrg.id, w.nav.id), status: "open", municipalityNumber: TONSBERG }), "validation");
    await updatePlacement(w.employer, id, { ...input(w.employerOrg.id, w.nav.id), title: "Praksis i tømrerfaget", status: "ongoing" });
    const [row] = await getDb().select().from(placements).where(eq(placements.id, id));
    expect(row).toMatchObject({ title: "Praksis i tømrerfaget", status: "ongoing", followUpStatus: "requested" });

    // Posting for an organisation one does not belong to, or with a follow-up contact from elsewhere: field errors.
    const error = await expectAppError(createPlacement(w.otherEmployer, input(w.employerOrg.id, w.nav.id)), "validation");
    expect(Object.keys(error.fieldErrors)).toContain("employerOrganizationId");
    const elsewhere = await expectAppError(createPlacement(w.employer, input(w.employerOrg.id, w.navTonsberg.id)), "validation");
    expect(Object.keys(elsewhere.fieldErrors)).toContain("followUpOrganizationId");
    const notFollowUp = await expectAppError(createPlacement(w.employer, input(w.employerOrg.id, w.employerOrg.id)), "validation");
    expect(Object.keys(notFollowUp.fieldErrors)).toContain("followUpOrganizationId");
    await expectAppError(createPlacement(w.volunteer, input(w.employerOrg.id, w.nav.id)), "forbidden");
    await expectAppError(placementFormOptions(w.coordinatorHamar), "forbidden");
    await expectAppError(createPlacement(anonymous(), input(w.employerOrg.id, w.nav.id)), "unauthenticated");
  });

  it("refuses bad input with a field message and writes nothing", async () => {
    const w = await world();
    const good = input(w.employerOrg.id, w.nav.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "volunteering" }, "kind"],
      [{ title: "ab" }, "title"],
      [{ title: "x".repeat(161) }, "title"],
      [{ title: ["a", "b"] }, "title"],
      [{ occupation: "" }, "occupation"],
      [{ sector: "mining" }, "sector"],
      [{ description: "x".repeat(4001) }, "description"],
      [{ municipalityNumber: "abc" }, "municipalityNumber"],
      [{ municipalityNumber: TONSBERG }, "municipalityNumber"],
      [{ periodStart: "2027-02-31" }, "periodStart"],
      [{ periodStart: "" }, "periodStart"],
      [{ periodEnd: "2026-12-01" }, "periodEnd"],
      [{ periodEnd: "i morgen" }, "periodEnd"],
      [{ languageRequirement: "c2" }, "languageRequirement"],
      [{ places: "0" }, "places"],
      [{ places: "1001" }, "places"],
      [{ places: "2.5" }, "places"],
      [{ places: "mange" }, "places"],
      [{ supportNeeds: ["mentor", "money"] }, "supportNeeds"],
      [{ followUpOrganizationId: "not-a-uuid" }, "followUpOrganizationId"],
      [{ followUpOrganizationId: "00000000-0000-4000-8000-000000000000" }, "followUpOrganizationId"],
      [{ incentivesRequested: "free_money" }, "incentivesRequested"],
      [{ incentiveRequestMessage: "x".repeat(1001) }, "incentiveRequestMessage"],
      [{ contactName: "K" }, "contactName"],
      [{ contactEmail: "", contactPhone: "" }, "contactEmail"],
      [{ contactEmail: "ikke en adresse" }, "contactEmail"],
      [{ contactEmail: "", contactPhone: "ring meg" }, "contactPhone"],
      [{ employerOrganizationId: "x" }, "employerOrganizationId"],
    ];
    for (const [change, field] of cases) {
      const error = await expectAppError(createPlacement(w.employer, { ...good, ...change }), "validation");
      expect(Object.keys(error.fieldErrors), JSON.stringify(change)).toContain(field);
    }
    await expectAppError(createPlacement(w.employer, null), "validation");
    expect(await getDb().select().from(placements).where(eq(placements.employerOrganizationId, w.employerOrg.id))).toEqual([]);
  });

  it("the start page: the employer's placements and their follow-up; the follow-up contact's placements awaiting an answer", async () => {
    const w = await world();
    expect(await placementsOnStartPage(w.volunteer, new Date())).toBeNull();
    const empty = await placementsOnStartPage(w.employer, new Date());
    expect(empty?.employer?.total).toBe(0);
    const { id } = await createPlacement(w.employer, input(w.employerOrg.id, w.nav.id));
    const start = await placementsOnStartPage(w.employer, new Date());
    expect(start?.employer?.rows).toMatchObject([{ id, followUpStatus: "requested", followUpOrganizationName: "NAV Test Hamar" }]);
    expect(start?.followUp).toBeNull();
    const nav = await placementsOnStartPage(w.navMember, new Date());
    expect(nav?.followUp?.rows.map((r) => r.id)).toEqual([id]);
    expect(await placementsOnStartPage(w.otherEmployer, new Date())).toMatchObject({ employer: { total: 0 } });
    await confirmFollowUp(w.navMember, id);
    expect((await placementsOnStartPage(w.navMember, new Date()))?.followUp?.total).toBe(0);
  });
});
