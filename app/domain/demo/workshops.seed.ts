import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { users, workshopMunicipalities, workshopParticipants, workshops, workshopSessions } from "~/db/schema/index.ts";
import { demoAccountEmails, demoOrganizationIds, demoWorkshopParticipantIds, demoWorkshops, demoWorkshopSessionIds } from "./ids.ts";

const DAY = 24 * 60 * 60 * 1000;

/** A day ahead (or back) at a given UTC hour, rounded to whole hours. */
function at(days: number, hourUtc: number): Date {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d;
}

async function userId(tx: Queryable, email: string): Promise<string | null> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row?.id ?? null;
}

/**
 * The demo workshops' plan (issue 13): Hamar's, held two months ago with a
 * follow-up session, now closed; Kinn's, running today. The other parts of the
 * module (obstacles and votes, the responsibility matrix, the action plan)
 * seed on top of these rows in their own seed files. Idempotent: fixed ids.
 */
export async function seedDemoWorkshops(tx: Queryable): Promise<void> {
  const hamarCoordinator = await userId(tx, demoAccountEmails.coordinator_hamar);
  const kinnCoordinator = await userId(tx, demoAccountEmails.coordinator_kinn);
  const volunteerCentreAdmin = await userId(tx, demoAccountEmails.org_admin);
  const employer = await userId(tx, demoAccountEmails.employer);
  const countyAdvisor = await userId(tx, demoAccountEmails.county_advisor);

  await tx
    .insert(workshops)
    .values([
      {
        id: demoWorkshops.hamar.id,
        title: "Utviklingsverksted: flyktninger i arbeid i Hamar",
        purpose:
          "Kommunen, frivillige og arbeidsgivere i Hamar ser ansvarsområdene sine opp mot hverandre, finner hindringene for at flyktninger kommer i varig arbeid, og blir enige om hvem som gjør hva.",
        focusThemes: ["division_of_responsibility", "employer_incentives_follow_up", "placements_vs_lasting_work", "volunteers_unused_resource"],
        organiserLevel: "municipality",
        organiserMunicipalityNumber: "3403",
        facilitatorName: "Hanne Koordinator (Hamar kommune)",
        facilitatorUserId: hamarCoordinator,
        status: "closed",
        capacity: 30,
        joinCode: demoWorkshops.hamar.joinCode,
        createdByUserId: hamarCoordinator,
        createdAt: at(-90, 9),
        closedAt: at(-14, 14),
      },
      {
        id: demoWorkshops.kinn.id,
        title: "Utviklingsverkstad: busetjing og arbeid i Kinn",
        purpose:
          "Kommunen, lag og organisasjonar og arbeidsgivarar i Kinn kartlegg kva som hindrar godt samspel om busetjing og arbeid, og finn løysingar saman.",
        focusThemes: ["settlement_housing_guidance", "arenas_for_cooperation", "competence_mapping"],
        organiserLevel: "municipality",
        organiserMunicipalityNumber: "4602",
        facilitatorName: "Kjersti Koordinator (Kinn kommune)",
        facilitatorUserId: kinnCoordinator,
        status: "running",
        capacity: 40,
        joinCode: demoWorkshops.kinn.joinCode,
        createdByUserId: kinnCoordinator,
        createdAt: at(-21, 9),
      },
    ])
    .onConflictDoNothing();
  await tx
    .insert(workshopMunicipalities)
    .values([
      { workshopId: demoWorkshops.hamar.id, municipalityNumber: "3403" },
      { workshopId: demoWorkshops.kinn.id, municipalityNumber: "4602" },
    ])
    .onConflictDoNothing();
  await tx
    .insert(workshopSessions)
    .values([
      {
        id: demoWorkshopSessionIds.hamarMain,
        workshopId: demoWorkshops.hamar.id,
        kind: "workshop",
        startsAt: at(-60, 8),
        durationMinutes: 240,
        place: "Hamar rådhus, kommunestyresalen",
        reminderSentAt: at(-61, 8),
      },
      {
        id: demoWorkshopSessionIds.hamarFollowUp,
        workshopId: demoWorkshops.hamar.id,
        kind: "follow_up",
        startsAt: at(-14, 12),
        durationMinutes: 120,
        place: "Hamar frivilligsentral",
        reminderSentAt: at(-15, 12),
      },
      {
        id: demoWorkshopSessionIds.hamarNextFollowUp,
        workshopId: demoWorkshops.hamar.id,
        kind: "follow_up",
        startsAt: at(45, 12),
        durationMinutes: 120,
        videoUrl: "https://meet.example/hamar-oppfolging",
      },
      {
        id: demoWorkshopSessionIds.kinnMain,
        workshopId: demoWorkshops.kinn.id,
        kind: "workshop",
        startsAt: at(0, 8),
        durationMinutes: 300,
        place: "Florø kulturhus",
      },
    ])
    .onConflictDoNothing();

  const registered = { status: "registered" as const, registeredAt: at(-70, 10), emailVerifiedAt: at(-70, 10) };
  await tx
    .insert(workshopParticipants)
    .values([
      {
        id: demoWorkshopParticipantIds.hamarCoordinator,
        workshopId: demoWorkshops.hamar.id,
        name: "Hanne Koordinator",
        email: demoAccountEmails.coordinator_hamar,
        userId: hamarCoordinator,
        sector: "municipality",
        ...registered,
      },
      {
        id: demoWorkshopParticipantIds.hamarVolunteerCentre,
        workshopId: demoWorkshops.hamar.id,
        name: "Ola Organisasjonsleder",
        email: demoAccountEmails.org_admin,
        userId: volunteerCentreAdmin,
        organizationId: demoOrganizationIds.hamarVolunteerCentre,
        sector: "voluntary",
        ...registered,
      },
      {
        id: demoWorkshopParticipantIds.hamarLanguageCafe,
        workshopId: demoWorkshops.hamar.id,
        name: "Amina Språkvenn",
        email: "amina.sprakvenn@example.org",
        organizationId: demoOrganizationIds.hamarLanguageCafe,
        sector: "voluntary",
        ...registered,
      },
      {
        id: demoWorkshopParticipantIds.hamarEmployer,
        workshopId: demoWorkshops.hamar.id,
        name: "Eirik Arbeidsgiver",
        email: demoAccountEmails.employer,
        userId: employer,
        organizationId: demoOrganizationIds.hamarEmployer,
        sector: "employer",
        ...registered,
      },
      {
        id: demoWorkshopParticipantIds.hamarNav,
        workshopId: demoWorkshops.hamar.id,
        name: "Nils NAV-veileder",
        email: "nils.nav@example.org",
        sector: "nav",
        ...registered,
      },
      {
        id: demoWorkshopParticipantIds.hamarCounty,
        workshopId: demoWorkshops.hamar.id,
        name: "Kari Fylkesrådgiver",
        email: demoAccountEmails.county_advisor,
        userId: countyAdvisor,
        sector: "county",
        ...registered,
      },
      {
        id: demoWorkshopParticipantIds.kinnCoordinator,
        workshopId: demoWorkshops.kinn.id,
        name: "Kjersti Koordinator",
        email: demoAccountEmails.coordinator_kinn,
        userId: kinnCoordinator,
        sector: "municipality",
        ...registered,
      },
      {
        id: demoWorkshopParticipantIds.kinnMigrantAssociation,
        workshopId: demoWorkshops.kinn.id,
        name: "Yonas Tesfay",
        email: "yonas.tesfay@example.org",
        organizationId: demoOrganizationIds.kinnMigrantAssociation,
        sector: "voluntary",
        ...registered,
      },
      {
        id: demoWorkshopParticipantIds.kinnSportsClub,
        workshopId: demoWorkshops.kinn.id,
        name: "Siri Idrettslag",
        email: "siri.turn@example.org",
        organizationId: demoOrganizationIds.kinnSportsClub,
        sector: "voluntary",
        status: "invited",
      },
      {
        id: demoWorkshopParticipantIds.kinnNav,
        workshopId: demoWorkshops.kinn.id,
        name: "Nora NAV Kinn",
        email: "nora.nav@example.org",
        sector: "nav",
        ...registered,
      },
    ])
    .onConflictDoNothing();
}
