import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { municipalityContacts } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { isNationalAdmin, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { getMunicipality } from "~/domain/reference/reference.server.ts";
import { municipalityContactSchema } from "./contact.schema.ts";

/**
 * The kommune's contact for voluntary and integration work (issue 11, reads wrong 6: "no one to call in the
 * kommune"). Public once set: the kommune page shows it to everyone. Only the kommune's own coordinators choose
 * what is shown (and IMDi, which administers everything); a county advisor reads it like everyone else, as with the
 * kommune's settlement figures and gap threshold.
 */

/** The published contact, or null. Public. */
export async function getMunicipalityContact(number: string) {
  const [row] = await getDb()
    .select({
      name: municipalityContacts.name,
      email: municipalityContacts.email,
      phone: municipalityContacts.phone,
      updatedAt: municipalityContacts.updatedAt,
    })
    .from(municipalityContacts)
    .where(eq(municipalityContacts.municipalityNumber, number));
  return row ?? null;
}

/** Whether the actor may change the kommune's published contact: its own municipal coordinators and national admins. */
export function mayEditMunicipalityContact(actor: Actor, number: string): boolean {
  if (actor.kind !== "user") return false;
  return isNationalAdmin(actor) || actor.roles.some((r) => r.role === "municipal_coordinator" && r.municipalityNumber === number);
}

async function requireEditor(actor: Actor, number: string): Promise<UserActor> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!(await getMunicipality(number))) throw new AppError("not_found", "errors.notFound");
  if (!mayEditMunicipalityContact(actor, number)) throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

/** Sets (or replaces) the published contact. Audited. */
export async function setMunicipalityContact(actor: Actor, number: string, rawInput: unknown) {
  const user = await requireEditor(actor, number);
  const input = parseInput(municipalityContactSchema, rawInput);
  const before = await getMunicipalityContact(number);
  await getDb().transaction(async (tx) => {
    await tx
      .insert(municipalityContacts)
      .values({ municipalityNumber: number, ...input, updatedBy: user.userId, updatedAt: new Date() })
      .onConflictDoUpdate({ target: municipalityContacts.municipalityNumber, set: { ...input, updatedBy: user.userId, updatedAt: new Date() } });
    await recordAudit(tx, user, {
      action: "municipality.contact_set",
      entityType: "municipality",
      entityId: number,
      before: before ? { name: before.name, email: before.email, phone: before.phone } : null,
      after: input,
    });
  });
  return input;
}

/** Takes the contact off the public page. Audited when there was one. */
export async function removeMunicipalityContact(actor: Actor, number: string) {
  const user = await requireEditor(actor, number);
  await getDb().transaction(async (tx) => {
    const removed = await tx
      .delete(municipalityContacts)
      .where(eq(municipalityContacts.municipalityNumber, number))
      .returning({ name: municipalityContacts.name, email: municipalityContacts.email, phone: municipalityContacts.phone });
    if (removed.length) {
      await recordAudit(tx, user, { action: "municipality.contact_removed", entityType: "municipality", entityId: number, before: removed[0]!, after: null });
    }
  });
}
