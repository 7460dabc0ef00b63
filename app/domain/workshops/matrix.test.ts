import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, workshopMunicipalities, workshopParticipants, workshops } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import {
  addMatrixActor,
  addMatrixTask,
  getPublishedMatrix,
  getPublishedMatrixForEdit,
  getWorkshopMatrix,
  matrixForReport,
  publishWorkshopMatrix,
  removeMatrixActor,
  removeMatrixTask,
  updateMatrixActor,
  updateMatrixTask,
} from "./matrix.server.ts";

const HAMAR = "3403";
const LOTEN = "3412";
const TONSBERG = "3905";
const STANGE = "3413";

let codeCounter = 0;
async function createWorkshop(options: { kommuner?: string[]; status?: "planning" | "running" | "closed"; county?: string } = {}) {
  const kommuner = options.kommuner ?? [HAMAR];
  const [ws] = await getDb()
    .insert(workshops)
    .values({
      title: "Verksted om ansvar",
      organiserLevel: options.county ? "county" : "municipality",
      organiserMunicipalityNumber: options.county ? null : kommuner[0]!,
      organiserCountyNumber: options.county ?? null,
      status: options.status ?? "running",
      joinCode: `TST${(codeCounter++).toString().padStart(3, "0")}`,
    })
    .returning();
  await getDb()
    .insert(workshopMunicipalities)
    .values(kommuner.map((m) => ({ workshopId: ws!.id, municipalityNumber: m })));
  return ws!;
}

const request = () => new Request("http://localhost/verksteder/x/ansvar");
const hamarCoordinator = () => createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });

async function matrixWithOneTask() {
  const coordinator = await hamarCoordinator();
  const ws = await createWorkshop();
  const scope = { workshopId: ws.id };
  const { actorId: kommune } = await addMatrixActor(coordinator, scope, { name: "Hamar kommune", sector: "municipality" });
  const { actorId: nav } = await addMatrixActor(coordinator, scope, { name: "NAV Hamar", sector: "nav" });
  const { taskId } = await addMatrixTask(coordinator, scope, {
    title: "Burettleiing for nybusette familiar",
    contactName: "Flyktningtjenesten",
    contactEmail: "flyktning@hamar.kommune.example",
    [`role.${kommune}`]: "responsible",
    [`role.${nav}`]: "informed",
  });
  return { coordinator, ws, scope, kommune, nav, taskId };
}

describe("the workshop's responsibility matrix", () => {
  it("is built by a manager, flags conflicts, and reads the same for the report", async () => {
    const { coordinator, ws, scope, kommune, nav, taskId } = await matrixWithOneTask();
    const { taskId: second } = await addMatrixTask(coordinator, scope, {
      title: "Oppfølging av praksisplassar",
      [`role.${nav}`]: "responsible",
      [`role.${kommune}`]: "responsible",
    });
    const { taskId: third } = await addMatrixTask(coordinator, scope, { title: "Språktrening", [`role.${kommune}`]: "contributes" });

    const view = await getWorkshopMatrix(request(), coordinator, ws.id);
    expect(view.canEdit).toBe(true);
    expect(view.matrix!.actors.map((a) => a.name)).toEqual(["Hamar kommune", "NAV Hamar"]);
    expect(view.matrix!.tasks[0]).toMatchObject({ id: taskId, contactName: "Flyktningtjenesten", roles: { [kommune]: "responsible", [nav]: "informed" } });
    expect(view.matrix!.conflicts).toEqual([
      { taskId: second, title: "Oppfølging av praksisplassar", kind: "several_responsible" },
      { taskId: third, title: "Språktrening", kind: "none_responsible" },
    ]);

    // An empty value empties the cell; a rename keeps the column's cells.
    await updateMatrixTask(coordinator, scope, { taskId: second, title: "Oppfølging av praksisplassar", [`role.${kommune}`]: "" });
    await updateMatrixActor(coordinator, scope, { actorId: nav, name: "NAV Hamar (arbeidsrettet)", sector: "nav" });
    const report = await matrixForReport(ws.id);
    expect(report!.tasks.find((t) => t.id === second)!.roles).toEqual({ [nav]: "responsible" });
    expect(report!.actors.find((a) => a.id === nav)!.name).toBe("NAV Hamar (arbeidsrettet)");
    expect(report!.conflicts.map((c) => c.taskId)).toEqual([third]);
    expect(report!.publishedFor).toEqual([]);

    // Removing needs the confirmation; removing a column removes its cells.
    await expect(removeMatrixActor(coordinator, scope, { actorId: nav })).rejects.toBeAppError("validation");
    await removeMatrixActor(coordinator, scope, { actorId: nav, confirm: "on" });
    await removeMatrixTask(coordinator, scope, { taskId: third, confirm: "on" });
    const after = await matrixForReport(ws.id);
    expect(after!.tasks.map((t) => t.title)).toEqual(["Burettleiing for nybusette familiar", "Oppfølging av praksisplassar"]);
    expect(after!.conflicts).toEqual([{ taskId: second, title: "Oppfølging av praksisplassar", kind: "none_responsible" }]);

    const audited = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityType, "responsibility_matrix"));
    expect(audited.map((a) => a.action)).toContain("workshop_matrix.actor_removed");
    expect(await matrixForReport((await createWorkshop()).id)).toBeNull();
  });

  it("refuses bad input: unknown role, ids of another matrix, short titles, bad contacts, foreign organisations", async () => {
    const { coordinator, scope, kommune, taskId } = await matrixWithOneTask();
    const other = await matrixWithOneTask();
    await expect(updateMatrixTask(coordinator, scope, { taskId, title: "Burettleiing", [`role.${kommune}`]: "boss" })).rejects.toBeAppError("validation");
    await expect(
      updateMatrixTask(coordinator, scope, { taskId, title: "Burettleiing", [`role.${kommune}`]: ["responsible", "informed"] }),
    ).rejects.toBeAppError("validation");
    // A cell for another workshop's actor, a task of another workshop, or a malformed id: none reach the other matrix.
    await expect(updateMatrixTask(coordinator, scope, { taskId, title: "Burettleiing", [`role.${other.kommune}`]: "responsible" })).rejects.toBeAppError(
      "not_found",
    );
    await expect(addMatrixTask(coordinator, scope, { title: "Ny oppgåve", [`role.${other.nav}`]: "responsible" })).rejects.toBeAppError("not_found");
    await expect(updateMatrixTask(coordinator, scope, { taskId: other.taskId, title: "Kapra" })).rejects.toBeAppError("not_found");
    await expect(removeMatrixTask(coordinator, scope, { taskId: other.taskId, confirm: "on" })).rejects.toBeAppError("not_found");
    await expect(updateMatrixActor(coordinator, scope, { actorId: other.nav, name: "Kapra", sector: "nav" })).rejects.toBeAppError("not_found");
    await expect(removeMatrixActor(coordinator, scope, { actorId: other.kommune, confirm: "on" })).rejects.toBeAppError("not_found");
    await expect(updateMatrixTask(coordinator, scope, { taskId: "not-a-uuid", title: "Burettleiing" })).rejects.toBeAppError("validation");
    await expect(updateMatrixTask(coordinator, scope, { taskId, title: "Burettleiing", "role.not-a-uuid": "responsible" })).rejects.toBeAppError("not_found");
    for (const bad of [
      { title: "x" },
      { title: "y".repeat(201) },
      {},
      { title: "Språktrening", contactEmail: "ikkje ei adresse" },
      { title: "Språktrening", contactPhone: "ring meg" },
    ]) {
      await expect(addMatrixTask(coordinator, scope, bad), JSON.stringify(bad)).rejects.toBeAppError("validation");
    }
    await expect(addMatrixActor(coordinator, scope, { name: "Fylket", sector: "kingdom" })).rejects.toBeAppError("validation");
    const stranger = await createOrganization();
    await expect(addMatrixActor(coordinator, scope, { name: "Framand", sector: "voluntary", organizationId: stranger.id })).rejects.toBeAppError("validation");

    const unchanged = await matrixForReport(other.ws.id);
    expect(unchanged!.tasks).toHaveLength(1);
    expect(unchanged!.actors.map((a) => a.name)).toEqual(["Hamar kommune", "NAV Hamar"]);
  });

  it("takes an organisation from the register when it takes part in the workshop", async () => {
    const { coordinator, ws, scope } = await matrixWithOneTask();
    const org = await createOrganization({ name: "Hamar frivilligsentral", municipalities: [HAMAR] });
    await getDb().insert(workshopParticipants).values({ workshopId: ws.id, name: "Kari", sector: "voluntary", organizationId: org.id, status: "registered" });
    expect((await getWorkshopMatrix(request(), coordinator, ws.id)).organizations).toEqual([{ id: org.id, name: "Hamar frivilligsentral" }]);
    const { actorId } = await addMatrixActor(coordinator, scope, { name: "Hamar frivilligsentral", sector: "voluntary", organizationId: org.id });
    expect((await matrixForReport(ws.id))!.actors.find((a) => a.id === actorId)!.organizationId).toBe(org.id);
  });

  it("lets participants read, managers edit, and nobody else in; a closed workshop's matrix is read-only", async () => {
    const { ws, scope } = await matrixWithOneTask();
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const participantUser = await createActor();
    await getDb()
      .insert(workshopParticipants)
      .values({ workshopId: ws.id, name: "Deltakar", sector: "voluntary", userId: participantUser.userId, status: "registered" });

    const read = await getWorkshopMatrix(request(), participantUser, ws.id);
    expect(read.canEdit).toBe(false);
    expect(read.organizations).toEqual([]);
    expect(read.matrix!.tasks).toHaveLength(1);
    await expect(addMatrixTask(participantUser, scope, { title: "Språktrening" })).rejects.toBeAppError("forbidden");
    await expect(getWorkshopMatrix(request(), tonsberg, ws.id)).rejects.toBeAppError("forbidden");
    await expect(addMatrixTask(tonsberg, scope, { title: "Språktrening" })).rejects.toBeAppError("forbidden");
    await expect(addMatrixTask(imdi, scope, { title: "Språktrening" })).rejects.toBeAppError("forbidden");
    await expect(getWorkshopMatrix(request(), anonymous(), ws.id)).rejects.toBeAppError("unauthenticated");
    await expect(addMatrixTask(anonymous(), scope, { title: "Språktrening" })).rejects.toBeAppError("unauthenticated");
    await expect(getWorkshopMatrix(request(), tonsberg, "not-a-uuid")).rejects.toBeAppError("not_found");

    const advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    await addMatrixTask(advisor, scope, { title: "Språktrening" });

    await getDb().update(workshops).set({ status: "closed" }).where(eq(workshops.id, ws.id));
    const coordinator = await hamarCoordinator();
    expect((await getWorkshopMatrix(request(), coordinator, ws.id)).canEdit).toBe(false);
    await expect(addMatrixTask(coordinator, scope, { title: "Etter stengd" })).rejects.toBeAppError("conflict");
  });
});

describe("publishing the kommune's 'who does what'", () => {
  it("is refused while conflicts remain, listing each; then published, public, and kept current by the kommune's coordinators", async () => {
    const { coordinator, ws, scope, kommune, nav } = await matrixWithOneTask();
    const { taskId: open } = await addMatrixTask(coordinator, scope, { title: "Frivillige møteplassar", [`role.${nav}`]: "contributes" });

    const refusal = await publishWorkshopMatrix(coordinator, ws.id, { municipalities: HAMAR }).then(
      () => null,
      (e: unknown) => e as { code: string; messageKey: string; fieldErrors: Record<string, { key: string; values: Record<string, string> }> },
    );
    expect(refusal!.code).toBe("conflict");
    expect(refusal!.messageKey).toBe("workshopMatrix.error.conflicts");
    expect(refusal!.fieldErrors[`conflict.${open}`]).toEqual({ key: "workshopMatrix.conflict.noneFor", values: { task: "Frivillige møteplassar" } });
    expect((await getPublishedMatrix(anonymous(), HAMAR)).matrix).toBeNull();

    await updateMatrixTask(coordinator, scope, { taskId: open, title: "Frivillige møteplassar", [`role.${kommune}`]: "responsible" });
    await expect(publishWorkshopMatrix(coordinator, ws.id, { municipalities: [] })).rejects.toBeAppError("validation");
    await expect(publishWorkshopMatrix(coordinator, ws.id, { municipalities: [TONSBERG] })).rejects.toBeAppError("forbidden");
    await expect(publishWorkshopMatrix(coordinator, ws.id, { municipalities: [HAMAR, LOTEN] })).rejects.toBeAppError("forbidden");
    await publishWorkshopMatrix(coordinator, ws.id, { municipalities: [HAMAR] });

    const pub = await getPublishedMatrix(anonymous(), HAMAR);
    expect(pub.canEdit).toBe(false);
    expect(pub.workshop).toEqual({ id: ws.id, title: "Verksted om ansvar" });
    expect(pub.matrix!.tasks.map((t) => t.title)).toEqual(["Burettleiing for nybusette familiar", "Frivillige møteplassar"]);
    expect(pub.matrix!.tasks[0]!.contactEmail).toBe("flyktning@hamar.kommune.example");
    expect(pub.changes.map((c) => c.kind)).toEqual(["published"]);
    expect((await matrixForReport(ws.id))!.publishedFor.map((p) => p.municipalityNumber)).toEqual([HAMAR]);

    // Kept current after the workshop closes, from the kommune's side; the workshop's own copy stays as agreed.
    await getDb().update(workshops).set({ status: "closed" }).where(eq(workshops.id, ws.id));
    const another = await hamarCoordinator();
    const edit = await getPublishedMatrixForEdit(another, HAMAR);
    const publishedTask = edit.matrix.tasks[0]!;
    await updateMatrixTask(
      another,
      { municipalityNumber: HAMAR },
      { taskId: publishedTask.id, title: publishedTask.title, contactName: "Flyktningtjenesten, Hamar kommune" },
    );
    const history = await getPublishedMatrix(anonymous(), HAMAR);
    expect(history.changes.map((c) => [c.kind, c.subject])).toEqual([
      ["task_changed", "Burettleiing for nybusette familiar"],
      ["published", "Verksted om ansvar"],
    ]);
    expect((await matrixForReport(ws.id))!.tasks[0]!.contactName).toBe("Flyktningtjenesten");
    const entries = await getDb()
      .select({ actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.action, "workshop_matrix.task_changed"), eq(auditLog.entityId, edit.matrix.id)));
    expect(entries).toEqual([{ actor: another.userId }]);

    // The workshop's task ids do not reach the published copy, nor the other way round.
    const workshopTask = (await matrixForReport(ws.id))!.tasks[0]!;
    await expect(updateMatrixTask(another, { municipalityNumber: HAMAR }, { taskId: workshopTask.id, title: "Kapra" })).rejects.toBeAppError("not_found");

    // Others may read it but not change it.
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    const advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    for (const outsider of [tonsberg, advisor]) {
      await expect(getPublishedMatrixForEdit(outsider, HAMAR)).rejects.toBeAppError("forbidden");
      await expect(addMatrixTask(outsider, { municipalityNumber: HAMAR }, { title: "Kapra" })).rejects.toBeAppError("forbidden");
    }
    await expect(addMatrixTask(anonymous(), { municipalityNumber: HAMAR }, { title: "Kapra" })).rejects.toBeAppError("unauthenticated");
    await expect(getPublishedMatrixForEdit(anonymous(), HAMAR)).rejects.toBeAppError("unauthenticated");
    // No published matrix in Tønsberg: its edit page does not exist; a bad number is not found.
    await expect(getPublishedMatrixForEdit(tonsberg, TONSBERG)).rejects.toBeAppError("not_found");
    expect((await getPublishedMatrix(anonymous(), TONSBERG)).matrix).toBeNull();
    await expect(getPublishedMatrix(anonymous(), "99x9")).rejects.toBeAppError("not_found");
    await expect(getPublishedMatrix(anonymous(), "9999")).rejects.toBeAppError("not_found");

    // Publishing again replaces the kommune's matrix in place: the history continues.
    await getDb().update(workshops).set({ status: "running" }).where(eq(workshops.id, ws.id));
    await publishWorkshopMatrix(coordinator, ws.id, { municipalities: [HAMAR] });
    const again = await getPublishedMatrix(anonymous(), HAMAR);
    expect(again.matrix!.id).toBe(edit.matrix.id);
    expect(again.changes.map((c) => c.kind)).toEqual(["published", "task_changed", "published"]);
    expect(again.matrix!.tasks[0]!.contactName).toBe("Flyktningtjenesten");
  });

  it("publishes a fylkeskommune's workshop per chosen kommune", async () => {
    const advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const ws = await createWorkshop({ kommuner: [LOTEN, STANGE], county: "34" });
    const scope = { workshopId: ws.id };
    const { actorId } = await addMatrixActor(advisor, scope, { name: "Innlandet fylkeskommune", sector: "county" });
    await addMatrixTask(advisor, scope, { title: "Opplæring av frivillige", [`role.${actorId}`]: "responsible" });
    await publishWorkshopMatrix(advisor, ws.id, { municipalities: [STANGE] });
    expect((await getPublishedMatrix(anonymous(), STANGE)).matrix!.tasks).toHaveLength(1);
    expect((await getPublishedMatrix(anonymous(), LOTEN)).matrix).toBeNull();
    const loten = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: LOTEN }] });
    // Løten's coordinator manages the shared workshop, but cannot edit Stange's published copy.
    expect((await getWorkshopMatrix(request(), loten, ws.id)).canEdit).toBe(true);
    await expect(getPublishedMatrixForEdit(loten, STANGE)).rejects.toBeAppError("forbidden");
    await expect(publishWorkshopMatrix(anonymous(), ws.id, { municipalities: [LOTEN] })).rejects.toBeAppError("unauthenticated");
  });
});
