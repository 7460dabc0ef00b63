import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { memberships, organizationMunicipalities, placements, users } from "~/db/schema/index.ts";
import { osloDate } from "~/domain/competence/working-days.ts";
import { demoAccountEmails, demoOrganizationIds, demoPlacementIds, demoWorkshopActionIds, extraDemoAccountEmails } from "./ids.ts";
import { seedDemoPlacementFollowUp } from "./placement-followup.seed.ts";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Demo data for issue 14 (placements). Runs inside the demo seed's transaction, after the workshops' seeds (NAV Hamar
 * and Hamar's flyktningtjeneste are organisations from the action plan's seed). Idempotent: fixed ids, nothing
 * overwritten. passwordHash: the demo password's hash, for the NAV Hamar account (extraDemoAccountEmails.nav_hamar).
 *
 * Mjøs Bygg's practice placement in building and construction (followed up by NAV Hamar, confirmed), an apprenticeship
 * that has ended (its outcomes come from the follow-up seed), and language practice awaiting NAV Hamar's answer.
 */
export async function seedDemoPlacements(tx: Queryable, passwordHash: string, now = new Date()): Promise<void> {
  const navOrg = demoWorkshopActionIds.navHamarOrg;
  const kommuneUnit = demoWorkshopActionIds.hamarMunicipalityOrg;
  // The register's follow-up contacts serve Hamar: the placement form offers them to Hamar's employers.
  await tx
    .insert(organizationMunicipalities)
    .values([
      { organizationId: navOrg, municipalityNumber: "3403" },
      { organizationId: kommuneUnit, municipalityNumber: "3403" },
    ])
    .onConflictDoNothing();

  await tx
    .insert(users)
    .values({ email: extraDemoAccountEmails.nav_hamar, name: "Nina NAV-veileder", passwordHash, emailVerifiedAt: now, isDemo: true })
    .onConflictDoNothing();
  const [nav] = await tx.select({ id: users.id }).from(users).where(eq(users.email, extraDemoAccountEmails.nav_hamar));
  await tx.insert(memberships).values({ userId: nav!.id, organizationId: navOrg, role: "member" }).onConflictDoNothing();
  const [employer] = await tx.select({ id: users.id }).from(users).where(eq(users.email, demoAccountEmails.employer));

  const dateIn = (days: number) => osloDate(new Date(now.getTime() + days * DAY));
  const common = {
    employerOrganizationId: demoOrganizationIds.hamarEmployer,
    municipalityNumber: "3403",
    sector: "construction" as const,
    contactName: "Eirik Arbeidsgiver, Mjøs Bygg",
    contactEmail: "hr@mjosbygg.samspill.example",
    contactPhone: "62 00 00 00",
    createdByUserId: employer?.id ?? null,
  };
  await tx
    .insert(placements)
    .values([
      {
        ...common,
        id: demoPlacementIds.hamarBuildingPractice,
        kind: "practice_placement",
        title: "Praksisplass i bygg og anlegg",
        occupation: "Tømrer / byggearbeider",
        description:
          "Mjøs Bygg tar imot deltakere i introduksjonsprogrammet for arbeidspraksis med fast veileder på byggeplassen. Målet er læreplass eller fast jobb etter praksisperioden.",
        periodStart: dateIn(-21),
        periodEnd: dateIn(70),
        languageRequirement: "a2",
        places: 2,
        supportNeeds: ["follow_up_visits", "mentor", "language_training"],
        followUpOrganizationId: navOrg,
        followUpStatus: "confirmed",
        followUpAnsweredAt: new Date(now.getTime() - 25 * DAY),
        followUpAnsweredByUserId: nav!.id,
        incentivesRequested: ["mentor_grant"],
        incentiveRequestMessage: "Vi har en erfaren tømrer som kan være mentor. Kan vi få mentortilskudd for timene hun bruker?",
        incentiveRequestedAt: new Date(now.getTime() - 30 * DAY),
        status: "ongoing",
        createdAt: new Date(now.getTime() - 30 * DAY),
        updatedAt: new Date(now.getTime() - 25 * DAY),
      },
      {
        ...common,
        id: demoPlacementIds.hamarEndedApprenticeship,
        kind: "apprenticeship",
        title: "Læreplass i tømrerfaget",
        occupation: "Tømrerlærling",
        description: "To års læretid i bedrift for voksne som har fullført teoridelen i videregående opplæring.",
        periodStart: dateIn(-760),
        periodEnd: dateIn(-30),
        languageRequirement: "b1",
        places: 3,
        supportNeeds: ["follow_up_visits", "wage_subsidy_info"],
        followUpOrganizationId: navOrg,
        followUpStatus: "confirmed",
        followUpAnsweredAt: new Date(now.getTime() - 770 * DAY),
        followUpAnsweredByUserId: nav!.id,
        incentivesRequested: ["wage_subsidy"],
        incentiveRequestMessage: "Gjelder lønnstilskudd for lærlinger som trenger ekstra oppfølging?",
        incentiveRequestedAt: new Date(now.getTime() - 775 * DAY),
        status: "ended",
        isPublic: true,
        createdAt: new Date(now.getTime() - 775 * DAY),
        updatedAt: new Date(now.getTime() - 30 * DAY),
      },
      {
        ...common,
        id: demoPlacementIds.hamarLanguagePracticeAwaiting,
        kind: "language_practice",
        title: "Språkpraksis på lageret",
        occupation: "Lagermedarbeider",
        sector: "transport_logistics",
        description: "Tre dager i uka på lageret vårt, med norskopplæring ved siden av. Passer for deg som er tidlig i introduksjonsprogrammet.",
        periodStart: dateIn(30),
        periodEnd: null,
        languageRequirement: "none",
        places: 1,
        supportNeeds: ["language_training", "follow_up_visits"],
        followUpOrganizationId: navOrg,
        followUpStatus: "requested",
        status: "open",
        createdAt: new Date(now.getTime() - 2 * DAY),
        updatedAt: new Date(now.getTime() - 2 * DAY),
      },
    ])
    .onConflictDoNothing();

  // The check-ins and outcomes of these placements (placement-followup.seed.ts).
  await seedDemoPlacementFollowUp(tx, now);
}
