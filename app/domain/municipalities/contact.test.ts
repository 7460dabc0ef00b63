import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, municipalityContacts } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { AppError } from "~/lib/errors.ts";
import { createActor } from "../../../tests/factories.ts";
import { getMunicipalityContact, removeMunicipalityContact, setMunicipalityContact } from "./contact.server.ts";

const ELVERUM = "3420";

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("the kommune's contact for voluntary and integration work", () => {
  it("is set, replaced and removed by the kommune's own coordinators (and IMDi), audited, and shown to everyone", async () => {
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: ELVERUM }] });
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    expect(await getMunicipalityContact(ELVERUM)).toBeNull();

    await setMunicipalityContact(coordinator, ELVERUM, {
      name: "  Frivillighetskoordinator, flyktningtjenesten ",
      email: "frivillig@elverum.kommune.example",
      phone: "",
    });
    expect(await getMunicipalityContact(ELVERUM)).toMatchObject({
      name: "Frivillighetskoordinator, flyktningtjenesten",
      email: "frivillig@elverum.kommune.example",
      phone: null,
    });
    await setMunicipalityContact(imdi, ELVERUM, { name: "Servicetorget", email: "", phone: "+47 62 43 30 00" });
    expect(await getMunicipalityContact(ELVERUM)).toMatchObject({ name: "Servicetorget", email: null, phone: "+47 62 43 30 00" });
    await removeMunicipalityContact(coordinator, ELVERUM);
    expect(await getMunicipalityContact(ELVERUM)).toBeNull();
    // Removing nothing is not an error.
    await removeMunicipalityContact(coordinator, ELVERUM);

    const entries = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "municipality"), eq(auditLog.entityId, ELVERUM)));
    expect(entries.map((e) => e.action).sort()).toEqual(["municipality.contact_removed", "municipality.contact_set", "municipality.contact_set"]);
  });

  it("refuses everyone else: another kommune's coordinator, the county advisor, organisation admins, visitors", async () => {
    const input = { name: "Kontakt", email: "a@b.example" };
    await expectAppError(
      setMunicipalityContact(await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] }), ELVERUM, input),
      "forbidden",
    );
    await expectAppError(setMunicipalityContact(await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] }), ELVERUM, input), "forbidden");
    await expectAppError(removeMunicipalityContact(await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] }), ELVERUM), "forbidden");
    await expectAppError(setMunicipalityContact(anonymous(), ELVERUM, input), "unauthenticated");
    await expectAppError(setMunicipalityContact(await createActor({ roles: [{ role: "national_admin" }] }), "9999", input), "not_found");
    expect(await getDb().select().from(municipalityContacts).where(eq(municipalityContacts.municipalityNumber, ELVERUM))).toEqual([]);
  });

  it("refuses bad input with a field message and writes nothing", async () => {
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: ELVERUM }] });
    const cases: [unknown, string][] = [
      [{ name: "Kontakt", email: "", phone: "" }, "email"],
      [{ name: "Kontakt" }, "email"],
      [{ name: "K", email: "a@b.example" }, "name"],
      [{ name: "x".repeat(121), email: "a@b.example" }, "name"],
      [{ email: "a@b.example" }, "name"],
      [{ name: "Kontakt", email: "ikke en adresse" }, "email"],
      [{ name: "Kontakt", email: `${"a".repeat(250)}@b.example` }, "email"],
      [{ name: "Kontakt", phone: "ring meg" }, "phone"],
      [{ name: "Kontakt", phone: "1".repeat(31) }, "phone"],
      [{ name: "Kontakt", phone: "\u0000 123 45" }, "phone"],
      [{ name: ["a", "b"], email: "a@b.example" }, "name"],
    ];
    for (const [input, field] of cases) {
      const error = await expectAppError(setMunicipalityContact(coordinator, ELVERUM, input), "validation");
      expect(Object.keys(error.fieldErrors ?? {}), JSON.stringify(input)).toContain(field);
    }
    await expectAppError(setMunicipalityContact(coordinator, ELVERUM, null), "validation");
    expect(await getMunicipalityContact(ELVERUM)).toBeNull();
  });
});
