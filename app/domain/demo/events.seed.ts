import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { eventRegistrations, events, networkAgendaItems, networkDecisions, networkMembers, networks, users } from "~/db/schema/index.ts";
import { demoAccountEmails, demoEventIds, demoNetworkIds, demoOrganizationIds } from "./ids.ts";

const DAY = 24 * 60 * 60 * 1000;

/** A day ahead (or back) at a given Norwegian hour, rounded to whole hours. */
function at(days: number, hourUtc: number): Date {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d;
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/**
 * Demo events (issue 12): a course in Innlandet that is full with a waitlist
 * (cancel a seat and the first on the waitlist is promoted: the done-when),
 * a cross-sector meeting place in Hamar for the kommune, volunteers and
 * employers, an IMDi webinar, and Integreringsnettverk Innlandet with a past
 * meeting (agenda item, decision), the next meeting the decision is carried
 * to, and an item waiting in the backlog. Idempotent: fixed ids, nothing
 * overwritten.
 */
export async function seedDemoEvents(tx: Queryable): Promise<void> {
  await tx
    .insert(networks)
    .values({
      id: demoNetworkIds.innlandet,
      name: "Integreringsnettverk Innlandet",
      description:
        "Fylkeskommunens nettverk for kommuner og frivillige organisasjoner i Innlandet som arbeider med integrering. Vi møtes annenhver måned, deler erfaringer og følger opp det vi blir enige om.",
      organiserLevel: "county",
      organiserCountyNumber: "34",
      countyNumber: "34",
    })
    .onConflictDoNothing();
  await tx
    .insert(networkMembers)
    .values([
      { id: id(0xe201), networkId: demoNetworkIds.innlandet, municipalityNumber: "3403" },
      { id: id(0xe202), networkId: demoNetworkIds.innlandet, municipalityNumber: "3420" },
      { id: id(0xe203), networkId: demoNetworkIds.innlandet, organizationId: demoOrganizationIds.hamarVolunteerCentre },
      { id: id(0xe204), networkId: demoNetworkIds.innlandet, organizationId: demoOrganizationIds.hamarLanguageCafe },
    ])
    .onConflictDoNothing();

  const county = { organiserLevel: "county" as const, organiserCountyNumber: "34", countyNumber: "34" };
  await tx
    .insert(events)
    .values([
      {
        id: demoEventIds.innlandetCourse,
        title: "Kurs: Rekruttere og beholde frivillige",
        description:
          "Et halvdagskurs for frivillige organisasjoner i Innlandet om å rekruttere, ta imot og beholde frivillige – også frivillige med flyktningbakgrunn. Med erfaringer fra Hamar frivilligsentral.",
        type: "course",
        level: "regional",
        ...county,
        municipalityNumber: "3403",
        startsAt: at(14, 8),
        durationMinutes: 180,
        lastStartsAt: at(14, 8),
        place: "Hamar kulturhus, Vangsvegen 51",
        capacity: 3,
        audience: ["voluntary", "migrant_organization", "volunteer_centre"],
        registrationDeadline: at(12, 20),
      },
      {
        id: demoEventIds.hamarMeetingPlace,
        title: "Møteplass: Arbeid og frivillighet i Hamar",
        description:
          "Hamar kommune inviterer arbeidsgivere, frivillige organisasjoner og flyktningtjenesten til en møteplass: hvordan kan frivillig innsats og språkpraksis føre til jobb? Kaffe fra kl. 17.30.",
        type: "meeting_place",
        level: "local",
        organiserLevel: "municipality",
        organiserMunicipalityNumber: "3403",
        municipalityNumber: "3403",
        countyNumber: "34",
        startsAt: at(21, 16),
        durationMinutes: 120,
        lastStartsAt: at(21, 16),
        place: "Hamar bibliotek, Parkgata 21",
        capacity: 40,
        audience: ["employer", "voluntary", "volunteer_centre", "nav_office"],
      },
      {
        id: demoEventIds.imdiWebinar,
        title: "Webinar: Tilskudd til integreringsarbeid i frivillig sektor",
        description: "IMDi går gjennom tilskuddsordningene for frivillige organisasjoner, hva søknaden bør inneholde og vanlige feil. Spørsmål i chatten.",
        type: "webinar",
        level: "national",
        organiserLevel: "national",
        startsAt: at(10, 12),
        durationMinutes: 60,
        lastStartsAt: at(10, 12),
        videoUrl: "https://video.samspill.example/imdi-tilskudd",
        audience: ["voluntary", "migrant_organization"],
      },
      {
        id: demoEventIds.innlandetNetworkLast,
        title: "Nettverksmøte: Integreringsnettverk Innlandet",
        description: "Erfaringsdeling om rekruttering av frivillige.",
        type: "network_meeting",
        level: "regional",
        ...county,
        municipalityNumber: "3403",
        startsAt: at(-30, 9),
        durationMinutes: 150,
        lastStartsAt: at(-30, 9),
        place: "Fylkeshuset, Hamar",
        networkId: demoNetworkIds.innlandet,
      },
      {
        id: demoEventIds.innlandetNetworkNext,
        title: "Nettverksmøte: Integreringsnettverk Innlandet",
        description: "Oppfølging av vervekampanjen og tilskudd for 2027.",
        type: "network_meeting",
        level: "regional",
        ...county,
        municipalityNumber: "3403",
        startsAt: at(30, 9),
        durationMinutes: 150,
        lastStartsAt: at(30, 9),
        place: "Fylkeshuset, Hamar",
        videoUrl: "https://video.samspill.example/innlandet-nettverk",
        networkId: demoNetworkIds.innlandet,
      },
    ])
    .onConflictDoNothing();

  const [member] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, demoAccountEmails.org_member));
  const verified = new Date();
  // Confirmed seats first (the capacity trigger counts them), then the waitlist in order.
  await tx
    .insert(eventRegistrations)
    .values([
      {
        id: id(0xe301),
        eventId: demoEventIds.innlandetCourse,
        userId: member?.id ?? null,
        email: demoAccountEmails.org_member,
        name: member?.name ?? "Frivillig",
        organizationName: "Hamar frivilligsentral",
        status: "confirmed",
        emailVerifiedAt: verified,
        queuedAt: at(-5, 10),
      },
      {
        id: id(0xe302),
        eventId: demoEventIds.innlandetCourse,
        email: "ingrid.haugen@samspill.example",
        name: "Ingrid Haugen",
        organizationName: "Elverum Røde Kors",
        status: "confirmed",
        emailVerifiedAt: verified,
        queuedAt: at(-4, 10),
      },
      {
        id: id(0xe303),
        eventId: demoEventIds.innlandetCourse,
        email: "jonas.berg@samspill.example",
        name: "Jonas Berg",
        organizationName: "Stange frivilligsentral",
        status: "confirmed",
        emailVerifiedAt: verified,
        queuedAt: at(-3, 10),
      },
    ])
    .onConflictDoNothing();
  await tx
    .insert(eventRegistrations)
    .values([
      {
        id: id(0xe304),
        eventId: demoEventIds.innlandetCourse,
        email: "amina.yusuf@samspill.example",
        name: "Amina Yusuf",
        organizationName: "Somalisk kvinneforening Hamar",
        status: "waitlisted",
        emailVerifiedAt: verified,
        queuedAt: at(-2, 10),
      },
      {
        id: id(0xe305),
        eventId: demoEventIds.innlandetCourse,
        email: "per.hansen@samspill.example",
        name: "Per Hansen",
        status: "waitlisted",
        emailVerifiedAt: verified,
        queuedAt: at(-1, 10),
      },
    ])
    .onConflictDoNothing();

  await tx
    .insert(networkAgendaItems)
    .values([
      {
        id: id(0xe401),
        networkId: demoNetworkIds.innlandet,
        title: "Felles rekruttering av frivillige",
        description: "Kan kommunene og organisasjonene verve sammen i høst?",
        proposedByName: "Hamar frivilligsentral",
        eventId: demoEventIds.innlandetNetworkLast,
      },
      {
        id: id(0xe402),
        networkId: demoNetworkIds.innlandet,
        title: "Tilskudd 2027: hvem søker hva?",
        description: "Avklare hvem som søker IMDis tilskudd, så vi ikke konkurrerer om de samme midlene.",
        proposedByName: "Hamar",
      },
    ])
    .onConflictDoNothing();
  await tx
    .insert(networkDecisions)
    .values({
      id: id(0xe501),
      networkId: demoNetworkIds.innlandet,
      eventId: demoEventIds.innlandetNetworkLast,
      text: "Hamar frivilligsentral og Hamar kommune lager et utkast til felles vervekampanje til neste møte.",
    })
    .onConflictDoNothing();
}
