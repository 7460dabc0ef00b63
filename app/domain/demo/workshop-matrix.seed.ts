import type { Queryable } from "~/db/client.server.ts";
import { matrixActors, matrixCells, matrixChanges, matrixTasks, responsibilityMatrices } from "~/db/schema/index.ts";
import type { MatrixRole } from "~/domain/workshops/matrix.constants.ts";
import type { ParticipantSector } from "~/domain/workshops/workshops.constants.ts";
import { demoMatrixIds, demoOrganizationIds, demoWorkshops } from "./ids.ts";

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

interface DemoActor {
  key: string;
  name: string;
  sector: ParticipantSector;
  organizationId?: string;
}
interface DemoTask {
  title: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  roles: Record<string, MatrixRole>;
}

/** Writes one matrix with its columns, rows and cells; nothing when it is already there (idempotent). */
async function seedMatrix(
  tx: Queryable,
  row: typeof responsibilityMatrices.$inferInsert & { id: string },
  actors: DemoActor[],
  tasks: DemoTask[],
): Promise<boolean> {
  const [created] = await tx.insert(responsibilityMatrices).values(row).onConflictDoNothing().returning({ id: responsibilityMatrices.id });
  if (!created) return false;
  const ids = new Map<string, string>();
  for (const [position, a] of actors.entries()) {
    const [inserted] = await tx
      .insert(matrixActors)
      .values({ matrixId: row.id, name: a.name, sector: a.sector, organizationId: a.organizationId ?? null, position })
      .returning({ id: matrixActors.id });
    ids.set(a.key, inserted!.id);
  }
  for (const [position, task] of tasks.entries()) {
    const { roles, ...fields } = task;
    const [inserted] = await tx
      .insert(matrixTasks)
      .values({ matrixId: row.id, ...fields, position })
      .returning({ id: matrixTasks.id });
    const cells = Object.entries(roles).map(([key, role]) => ({ taskId: inserted!.id, actorId: ids.get(key)!, role }));
    if (cells.length) await tx.insert(matrixCells).values(cells);
  }
  return true;
}

const hamarActors: DemoActor[] = [
  { key: "kommune", name: "Hamar kommune (flyktningtjenesten)", sector: "municipality" },
  { key: "nav", name: "NAV Hamar", sector: "nav" },
  { key: "frivilligsentral", name: "Hamar frivilligsentral", sector: "voluntary", organizationId: demoOrganizationIds.hamarVolunteerCentre },
  { key: "sprakvenner", name: "Språkvenner Hamar", sector: "voluntary", organizationId: demoOrganizationIds.hamarLanguageCafe },
  { key: "arbeidsgiver", name: "Mjøs Bygg AS og andre arbeidsgivere", sector: "employer", organizationId: demoOrganizationIds.hamarEmployer },
  { key: "fylke", name: "Innlandet fylkeskommune", sector: "county" },
];

const flyktningtjenesten = {
  contactName: "Flyktningtjenesten, Hamar kommune",
  contactPhone: "62 56 30 00",
  contactEmail: "flyktningtjenesten@hamar.kommune.example",
};
const navHamar = { contactName: "NAV Hamar, markedsteamet", contactPhone: "55 55 33 33" };

const hamarTasks = (languageContact: string): DemoTask[] => [
  {
    title: "Boveiledning for nybosatte familier",
    ...flyktningtjenesten,
    roles: { kommune: "responsible", frivilligsentral: "contributes", nav: "informed" },
  },
  {
    title: "Arbeidstrening og praksisplasser",
    ...navHamar,
    roles: { nav: "responsible", arbeidsgiver: "contributes", kommune: "contributes", fylke: "informed" },
  },
  {
    title: "Oppfølging av arbeidsgivere som tar inn praksiskandidater",
    ...navHamar,
    roles: { nav: "responsible", kommune: "contributes", arbeidsgiver: "informed" },
  },
  {
    title: "Frivillige møteplasser mellom kommune, frivillige og arbeidsgivere",
    contactName: "Hamar frivilligsentral",
    contactEmail: "post@hamarfrivilligsentral.example",
    roles: { frivilligsentral: "responsible", sprakvenner: "contributes", kommune: "contributes", arbeidsgiver: "contributes", nav: "informed" },
  },
  {
    title: "Språktrening utenom introduksjonsprogrammet",
    contactName: languageContact,
    contactEmail: "sprakvenner@hamar.example",
    roles: { sprakvenner: "responsible", frivilligsentral: "contributes", kommune: "informed" },
  },
  {
    title: "Informasjon til nybosatte om tilbud fra kommune og frivillige",
    ...flyktningtjenesten,
    roles: { kommune: "responsible", frivilligsentral: "contributes", sprakvenner: "contributes", nav: "informed" },
  },
  {
    title: "Kartlegging av kompetanse og kvalifisering",
    contactName: "Innlandet fylkeskommune, avdeling for kompetanse",
    contactEmail: "kompetanse@innlandetfylke.example",
    roles: { fylke: "responsible", nav: "contributes", kommune: "contributes", arbeidsgiver: "informed" },
  },
];

/**
 * Hamar's matrix as agreed in its closed workshop, published as Hamar's "who
 * does what" two days after, and changed once since by the kommune (the
 * language training's contact moved to the language café's coordinator role),
 * so the public page has a history. Kinn's running workshop has a draft with
 * one conflict: two bodies responsible for following up placements.
 */
export async function seedDemoWorkshopMatrix(tx: Queryable): Promise<void> {
  await seedMatrix(
    tx,
    { id: demoMatrixIds.hamarWorkshop, workshopId: demoWorkshops.hamar.id, createdAt: daysAgo(60), updatedAt: daysAgo(60) },
    hamarActors,
    hamarTasks("Språkvenner Hamar"),
  );
  const published = await seedMatrix(
    tx,
    {
      id: demoMatrixIds.hamarPublished,
      workshopId: demoWorkshops.hamar.id,
      municipalityNumber: "3403",
      publishedAt: daysAgo(58),
      createdAt: daysAgo(58),
      updatedAt: daysAgo(10),
    },
    hamarActors,
    hamarTasks("Språkvenner Hamar, koordinator for språkkafeen"),
  );
  if (published) {
    await tx.insert(matrixChanges).values([
      { matrixId: demoMatrixIds.hamarPublished, kind: "published", subject: "Utviklingsverksted: flyktninger i arbeid i Hamar", at: daysAgo(58) },
      { matrixId: demoMatrixIds.hamarPublished, kind: "task_changed", subject: "Språktrening utenom introduksjonsprogrammet", at: daysAgo(10) },
    ]);
  }
  await seedMatrix(
    tx,
    { id: demoMatrixIds.kinnWorkshop, workshopId: demoWorkshops.kinn.id },
    [
      { key: "kommune", name: "Kinn kommune (flyktningtenesta)", sector: "municipality" },
      { key: "nav", name: "NAV Kinn", sector: "nav" },
      { key: "lag", name: "Fleirkulturelt lag Florø", sector: "voluntary", organizationId: demoOrganizationIds.kinnMigrantAssociation },
      { key: "idrett", name: "Florø Turn og Idrettsforening", sector: "voluntary", organizationId: demoOrganizationIds.kinnSportsClub },
    ],
    [
      {
        title: "Burettleiing for nybusette familiar",
        contactName: "Flyktningtenesta, Kinn kommune",
        contactEmail: "flyktningtenesta@kinn.kommune.example",
        roles: { kommune: "responsible", lag: "contributes", nav: "informed" },
      },
      {
        title: "Oppfølging av praksisplassar",
        contactName: "NAV Kinn",
        roles: { nav: "responsible", kommune: "responsible", idrett: "informed" },
      },
      {
        title: "Frivillige møteplassar og aktivitetar for nybusette",
        contactName: "Fleirkulturelt lag Florø",
        roles: { lag: "responsible", idrett: "contributes", kommune: "informed" },
      },
    ],
  );
}
