import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { IntlProvider } from "react-intl";
import { count, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, memberships, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { anonymous, type UserActor } from "~/domain/auth/actor.ts";
import { loadActorForSession } from "~/domain/auth/session.server.ts";
import { messages } from "~/i18n/messages.ts";
import OrganizationDetail from "~/routes/organizations/detail.tsx";
import { createActor, createOrganization as createOrganizationRow } from "../../../tests/factories.ts";
import {
  createOrganization,
  getOrganization,
  getOrganizationForEdit,
  listOrganizationAudit,
  setOrganizationVerified,
  updateOrganization,
} from "./organizations.server.ts";
import { listMembers } from "./members.server.ts";
import { appErrorOf } from "../../../tests/app-error.ts";

const HAMAR = "3403";
const TONSBERG = "3905";

const validInput = {
  name: "Hamar Frivilligsentral",
  kind: "volunteer_centre",
  orgNumber: "",
  description: "Språkkafé og leksehjelp.",
  website: "https://frivilligsentral.example",
  contactEmail: "Post@Frivilligsentral.example",
  contactPhone: "+47 62 00 00 00",
  municipalities: [HAMAR],
};

async function reload(actor: UserActor): Promise<UserActor> {
  return (await loadActorForSession(actor.sessionId, null)) as UserActor;
}

async function rowCounts() {
  const db = getDb();
  const [[orgs], [served], [members], [audit]] = await Promise.all([
    db.select({ n: count() }).from(organizations),
    db.select({ n: count() }).from(organizationMunicipalities),
    db.select({ n: count() }).from(memberships),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { orgs: orgs!.n, served: served!.n, members: members!.n, audit: audit!.n };
}

describe("creating an organisation", () => {
  it("makes the creator its admin, normalises input and records it in the organisation's log", async () => {
    const creator = await createActor();
    const { id } = await createOrganization(creator, { ...validInput, orgNumber: "974 760 673", municipalities: [TONSBERG, HAMAR, HAMAR] });

    const { organization, access } = await getOrganization(await reload(creator), id);
    expect(organization).toMatchObject({
      name: "Hamar Frivilligsentral",
      orgNumber: "974760673",
      contactEmail: "post@frivilligsentral.example",
      isDemo: false,
    });
    expect(organization.municipalities.map((m) => m.name)).toEqual(["Hamar", "Tønsberg"]);
    expect(organization.municipalities[0]!.countyName).toBe("Innlandet");
    expect(access).toMatchObject({ isAdmin: true, canEdit: true, canManageMembers: true, canReadAudit: true });

    const { entries } = await listOrganizationAudit(await reload(creator), id);
    expect(entries.map((e) => e.action)).toEqual(["organization.created"]);
    expect(entries[0]!.actorEmail).toBe(creator.email);
  });

  it("requires a signed-in user", async () => {
    await expect(createOrganization(anonymous(), validInput)).rejects.toBeAppError("unauthenticated");
  });

  it("refuses a second organisation with the same number, with a message on the field", async () => {
    const creator = await createActor();
    await createOrganization(creator, { ...validInput, orgNumber: "923609016" });
    const before = await rowCounts();
    const error = await appErrorOf(createOrganization(creator, { ...validInput, name: "Copy", orgNumber: "923 609 016" }), "conflict");
    expect(error.fieldErrors.orgNumber).toEqual({ key: "org.error.orgNumberTaken" });
    expect(await rowCounts()).toEqual(before);
  });

  it("stores HTML and SQL verbatim and the page shows them as text", async () => {
    const creator = await createActor();
    const name = `<script>alert("x")</script>'); drop table organizations; --`;
    const description = `<img src=x onerror=alert(1)> ' or 1=1 --`;
    const { id } = await createOrganization(creator, { ...validInput, name, description });
    const loaded = await getOrganization(anonymous(), id);
    expect(loaded.organization.name).toBe(name);
    expect(loaded.organization.description).toBe(description);

    const html = renderToStaticMarkup(
      createElement(
        MemoryRouter,
        null,
        createElement(
          IntlProvider,
          { locale: "nb", messages: messages.nb },
          createElement(OrganizationDetail as never, {
            loaderData: { ...loaded, title: name, notice: null },
            params: { id },
            matches: [],
            actionData: undefined,
          }),
        ),
      ),
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;");
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const creator = await createActor();
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: "x".repeat(10_000) }, "name", "validation.tooLong"],
      [{ name: "   " }, "name", "validation.required"],
      [{ name: 42 }, "name", "validation.required"],
      [{ kind: "cartel" }, "kind", "validation.invalidChoice"],
      [{ kind: ["voluntary"] }, "kind", "validation.invalidChoice"],
      [{ orgNumber: "974760674" }, "orgNumber", "validation.orgNumber"],
      [{ orgNumber: "400000000" }, "orgNumber", "validation.orgNumber"],
      [{ orgNumber: "12345" }, "orgNumber", "validation.orgNumber"],
      [{ orgNumber: 974760673 }, "orgNumber", "validation.orgNumber"],
      [{ description: "y".repeat(5001) }, "description", "validation.tooLong"],
      [{ website: "javascript:alert(1)" }, "website", "validation.url"],
      [{ website: "ftp://example.org" }, "website", "validation.url"],
      [{ contactEmail: "not-an-email" }, "contactEmail", "validation.email"],
      [{ contactPhone: "call me; drop table" }, "contactPhone", "validation.phone"],
      [{ municipalities: [] }, "municipalities", "validation.municipality"],
      [{ municipalities: undefined }, "municipalities", "validation.municipality"],
      [{ municipalities: ["abcd"] }, "municipalities", "validation.municipality"],
      [{ municipalities: ["9999"] }, "municipalities", "validation.municipality"],
      [{ municipalities: { "0": HAMAR } }, "municipalities", "validation.municipality"],
    ];
    for (const [override, field, key] of cases) {
      const error = await appErrorOf(createOrganization(creator, { ...validInput, ...override }), "validation");
      expect(error.fieldErrors[field]?.key, JSON.stringify(override).slice(0, 80)).toBe(key);
    }
    await expect(createOrganization(creator, null)).rejects.toBeAppError("validation");
    await expect(createOrganization(creator, "name=x")).rejects.toBeAppError("validation");
    expect(await rowCounts()).toEqual(before);
  });
});

describe("who may edit an organisation", () => {
  async function setup() {
    const hamarOrg = await createOrganizationRow({ name: "Hamar org", municipalities: [HAMAR] });
    const otherHamarOrg = await createOrganizationRow({ name: "Other Hamar org", municipalities: [HAMAR] });
    const tonsbergOrg = await createOrganizationRow({ name: "Tønsberg org", municipalities: [TONSBERG] });
    return {
      hamarOrg,
      otherHamarOrg,
      tonsbergOrg,
      admin: await createActor({ memberships: [{ organizationId: hamarOrg.id, role: "admin" }] }),
      member: await createActor({ memberships: [{ organizationId: hamarOrg.id, role: "member" }] }),
      hamarCoordinator: await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] }),
      tonsbergCoordinator: await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] }),
      innlandetAdvisor: await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] }),
      nationalAdmin: await createActor({ roles: [{ role: "national_admin" }] }),
      outsider: await createActor(),
    };
  }

  const edit = (name: string, municipality: string) => ({ ...validInput, name, municipalities: [municipality] });

  it("follows docs/authorization.md for every role", async () => {
    const s = await setup();
    // allowed
    await updateOrganization(s.admin, s.hamarOrg.id, edit("By admin", HAMAR));
    await updateOrganization(s.hamarCoordinator, s.hamarOrg.id, edit("By Hamar coordinator", HAMAR));
    await updateOrganization(s.innlandetAdvisor, s.hamarOrg.id, edit("By Innlandet advisor", HAMAR));
    await updateOrganization(s.nationalAdmin, s.hamarOrg.id, edit("By national admin", HAMAR));
    await updateOrganization(s.nationalAdmin, s.tonsbergOrg.id, edit("Tønsberg by national admin", TONSBERG));
    // refused
    await expect(updateOrganization(s.admin, s.otherHamarOrg.id, edit("Admin of A edits B", HAMAR))).rejects.toBeAppError("forbidden");
    await expect(updateOrganization(s.member, s.hamarOrg.id, edit("Member edits", HAMAR))).rejects.toBeAppError("forbidden");
    await expect(updateOrganization(s.hamarCoordinator, s.tonsbergOrg.id, edit("Hamar edits Tønsberg", TONSBERG))).rejects.toBeAppError("forbidden");
    await expect(updateOrganization(s.innlandetAdvisor, s.tonsbergOrg.id, edit("Innlandet edits Tønsberg", TONSBERG))).rejects.toBeAppError("forbidden");
    await expect(updateOrganization(s.tonsbergCoordinator, s.hamarOrg.id, edit("Tønsberg edits Hamar", HAMAR))).rejects.toBeAppError("forbidden");
    await expect(updateOrganization(s.outsider, s.hamarOrg.id, edit("Outsider", HAMAR))).rejects.toBeAppError("forbidden");
    await expect(updateOrganization(anonymous(), s.hamarOrg.id, edit("Anonymous", HAMAR))).rejects.toBeAppError("unauthenticated");
    await expect(getOrganizationForEdit(s.member, s.hamarOrg.id)).rejects.toBeAppError("forbidden");

    const [hamar] = await getDb().select().from(organizations).where(eq(organizations.id, s.hamarOrg.id));
    const [other] = await getDb().select().from(organizations).where(eq(organizations.id, s.otherHamarOrg.id));
    expect(hamar!.name).toBe("By national admin");
    expect(other!.name).toBe("Other Hamar org");
  });

  it("records before and after of each change", async () => {
    const s = await setup();
    await updateOrganization(s.hamarCoordinator, s.hamarOrg.id, { ...edit("Renamed", HAMAR), municipalities: [HAMAR, TONSBERG] });
    const { entries } = await listOrganizationAudit(s.admin, s.hamarOrg.id);
    expect(entries[0]).toMatchObject({ action: "organization.updated", actorEmail: s.hamarCoordinator.email });
    // Only the fields that changed, as short text (app/domain/audit/audit-changes.ts).
    expect(entries[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: "name", before: "Hamar org", after: "Renamed", oneSided: false },
        { field: "municipalities", before: HAMAR, after: `${HAMAR}, ${TONSBERG}`, oneSided: false },
      ]),
    );
  });

  it("shows the internal part only to members, those who coordinate it and national admins", async () => {
    const s = await setup();
    const internalFor = async (actor: Parameters<typeof getOrganization>[0]) => (await getOrganization(actor, s.hamarOrg.id)).internal !== null;
    expect(await internalFor(anonymous())).toBe(false);
    expect(await internalFor(s.outsider)).toBe(false);
    expect(await internalFor(s.tonsbergCoordinator)).toBe(false);
    expect(await internalFor(s.member)).toBe(true);
    expect(await internalFor(s.hamarCoordinator)).toBe(true);
    expect(await internalFor(s.innlandetAdvisor)).toBe(true);
    expect(await internalFor(s.nationalAdmin)).toBe(true);
    const { internal } = await getOrganization(s.member, s.hamarOrg.id);
    expect(internal!.members.map((m) => m.email).sort()).toEqual([s.admin.email, s.member.email].sort());

    await expect(listMembers(s.tonsbergCoordinator, s.hamarOrg.id)).rejects.toBeAppError("forbidden");
    await expect(listMembers(s.outsider, s.hamarOrg.id)).rejects.toBeAppError("forbidden");
    expect((await listMembers(s.hamarCoordinator, s.hamarOrg.id)).access.canManageMembers).toBe(false);
    expect((await listMembers(s.nationalAdmin, s.hamarOrg.id)).access.canManageMembers).toBe(true);
  });

  it("lets only its admins and national admins read the log", async () => {
    const s = await setup();
    await listOrganizationAudit(s.admin, s.hamarOrg.id);
    await listOrganizationAudit(s.nationalAdmin, s.hamarOrg.id);
    await expect(listOrganizationAudit(s.member, s.hamarOrg.id)).rejects.toBeAppError("forbidden");
    await expect(listOrganizationAudit(s.hamarCoordinator, s.hamarOrg.id)).rejects.toBeAppError("forbidden");
    await expect(listOrganizationAudit(s.admin, s.otherHamarOrg.id)).rejects.toBeAppError("forbidden");
  });

  it("answers not_found for malformed and unknown ids", async () => {
    const s = await setup();
    for (const id of [
      "not-a-uuid",
      "",
      "00000000-0000-4000-8000-00000000zzzz",
      "'; drop table organizations; --",
      "00000000-0000-4000-8000-999999999999",
      42,
      null,
    ]) {
      await expect(getOrganization(anonymous(), id)).rejects.toBeAppError("not_found");
      await expect(updateOrganization(s.nationalAdmin, id, edit("x", HAMAR))).rejects.toBeAppError("not_found");
      await expect(listMembers(s.nationalAdmin, id)).rejects.toBeAppError("not_found");
      await expect(listOrganizationAudit(s.nationalAdmin, id)).rejects.toBeAppError("not_found");
    }
  });

  it("refuses taking another organisation's number on update", async () => {
    const s = await setup();
    await updateOrganization(s.nationalAdmin, s.tonsbergOrg.id, { ...edit("Tønsberg org", TONSBERG), orgNumber: "910079190" });
    const error = await appErrorOf(updateOrganization(s.admin, s.hamarOrg.id, { ...edit("Hamar org", HAMAR), orgNumber: "910079190" }), "conflict");
    expect(error.fieldErrors.orgNumber?.key).toBe("org.error.orgNumberTaken");
    // Keeping its own number is fine.
    await updateOrganization(s.nationalAdmin, s.tonsbergOrg.id, { ...edit("Tønsberg org renamed", TONSBERG), orgNumber: "910 079 190" });
  });
});

function renderDetail(loaded: Awaited<ReturnType<typeof getOrganization>>, id: string): string {
  return renderToStaticMarkup(
    createElement(
      MemoryRouter,
      null,
      createElement(
        IntlProvider,
        { locale: "nb", messages: messages.nb },
        createElement(OrganizationDetail as never, {
          loaderData: { ...loaded, staleActivities: 0, pendingPartnerships: 0, title: "x", notice: null },
          params: { id },
          matches: [],
          actionData: undefined,
        }),
      ),
    ),
  );
}

describe("who verified an organisation", () => {
  it("records and shows the verifier's own body: the kommune, the fylkeskommune or IMDi", async () => {
    const cases = [
      { actor: await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] }), level: "municipality", body: "Hamar kommune" },
      { actor: await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] }), level: "county", body: "Innlandet fylkeskommune" },
      { actor: await createActor({ roles: [{ role: "national_admin" }] }), level: "national", body: "IMDi – Integrerings- og mangfoldsdirektoratet" },
    ];
    for (const c of cases) {
      const org = await createOrganizationRow({ name: `Verified by ${c.level}`, municipalities: [HAMAR] });
      await setOrganizationVerified(c.actor, org.id, { verified: "true" });
      const [row] = await getDb().select().from(organizations).where(eq(organizations.id, org.id));
      expect(row).toMatchObject({ verified: true, verifiedByLevel: c.level, verifiedByBody: c.body });
      const loaded = await getOrganization(anonymous(), org.id);
      expect(loaded.organization.verifiedByBody).toBe(c.body);
      const html = renderDetail(loaded, org.id);
      expect(html).toContain(`Verifisert av ${c.body}`);
      expect(html).not.toContain("av kommunen");
      if (c.level !== "municipality") expect(html).not.toContain("Hamar kommune");
      // Unverifying forgets the verifier.
      await setOrganizationVerified(c.actor, org.id, { verified: "false" });
      const [after] = await getDb().select().from(organizations).where(eq(organizations.id, org.id));
      expect(after).toMatchObject({ verified: false, verifiedByLevel: null, verifiedByBody: null });
    }
  });
});

describe("who runs a reception centre", () => {
  const centre = { ...validInput, name: "Hamar asylmottak", kind: "reception_centre" };

  it("is saved for a reception centre, shown on its page and in the log, and can be cleared", async () => {
    const creator = await createActor();
    const { id } = await createOrganization(creator, { ...centre, receptionCentreOperator: "municipal" });
    const loaded = await getOrganization(anonymous(), id);
    expect(loaded.organization.receptionCentreOperator).toBe("municipal");
    expect(renderDetail(loaded, id)).toContain("Kommunen (kommunalt mottak)");
    const admin = await reload(creator);
    await updateOrganization(admin, id, { ...centre, receptionCentreOperator: "non_profit" });
    expect((await getOrganizationForEdit(admin, id)).receptionCentreOperator).toBe("non_profit");
    const { entries } = await listOrganizationAudit(admin, id);
    expect(JSON.stringify(entries)).toContain("non_profit");
    await updateOrganization(admin, id, { ...centre, receptionCentreOperator: "" });
    expect((await getOrganizationForEdit(admin, id)).receptionCentreOperator).toBeNull();
  });

  it("is refused for other kinds and for values outside the list, with a message on the field and nothing written", async () => {
    const creator = await createActor();
    const existing = await createOrganization(creator, { ...validInput, name: "Frivilligsentralen" });
    const admin = await reload(creator);
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...validInput, receptionCentreOperator: "municipal" }, "org.form.receptionCentreOperatorOnly"],
      [{ ...validInput, kind: "employer", receptionCentreOperator: "private" }, "org.form.receptionCentreOperatorOnly"],
      [{ ...centre, receptionCentreOperator: "state" }, "validation.invalidChoice"],
      [{ ...centre, receptionCentreOperator: ["municipal", "private"] }, "validation.invalidChoice"],
      [{ ...centre, receptionCentreOperator: 1 }, "validation.invalidChoice"],
      [{ ...centre, receptionCentreOperator: "<script>" }, "validation.invalidChoice"],
    ];
    for (const [input, key] of cases) {
      const created = await appErrorOf(createOrganization(creator, input), "validation");
      expect(created.fieldErrors.receptionCentreOperator?.key, JSON.stringify(input.receptionCentreOperator)).toBe(key);
      const updated = await appErrorOf(updateOrganization(admin, existing.id, input), "validation");
      expect(updated.fieldErrors.receptionCentreOperator?.key).toBe(key);
    }
    expect(await rowCounts()).toEqual(before);
    const [row] = await getDb().select().from(organizations).where(eq(organizations.id, existing.id));
    expect(row!.receptionCentreOperator).toBeNull();
    expect(row!.kind).toBe("volunteer_centre");
  });
});
