import { sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { memberships, organizationMunicipalities, organizations, roleGrants, users } from "~/db/schema/index.ts";
import type { OrganizationKind } from "~/domain/organizations/organizations.constants.ts";
import type { PlatformRole } from "~/db/schema/auth.ts";
import { hashPassword } from "~/domain/auth/password.server.ts";
import { seedDemoActivities } from "./activities.seed.ts";
import { seedDemoSettlement } from "./settlement.seed.ts";
import { seedDemoStories } from "./stories.seed.ts";
import { seedDemoSurveys } from "./surveys.seed.ts";
import { seedDemoGuidance } from "./guidance.seed.ts";
import { seedDemoKnowledge } from "./knowledge.seed.ts";
import { seedDemoEvents } from "./events.seed.ts";
import { seedDemoWorkshops } from "./workshops.seed.ts";
import { seedDemoWorkshopRun } from "./workshop-run.seed.ts";
import { seedDemoWorkshopMatrix } from "./workshop-matrix.seed.ts";
import { seedDemoWorkshopActions } from "./workshop-actions.seed.ts";
import { seedDemoWorkshopEscalations } from "./workshop-escalations.seed.ts";
import { seedDemoNeeds } from "./needs.seed.ts";
import { seedDemoVolunteers } from "./volunteers.seed.ts";
import { seedDemoPlacements } from "./placements.seed.ts";

import { DEMO_PASSWORD, demoAccountEmails, demoOrganizationIds, type DemoAccountKey } from "./ids.ts";

interface DemoAccount {
  /** Its e-mail address is demoAccountEmails[key]. */
  key: DemoAccountKey;
  name: string;
  roles: { role: PlatformRole; municipalityNumber?: string; countyNumber?: string }[];
  memberships: { organizationId: string; role: "member" | "admin" }[];
}

export const demoAccounts: DemoAccount[] = [
  { key: "national_admin", name: "Ingrid Nasjonal (IMDi)", roles: [{ role: "national_admin" }], memberships: [] },
  { key: "county_advisor", name: "Kari Fylkesrådgiver (Innlandet)", roles: [{ role: "county_advisor", countyNumber: "34" }], memberships: [] },
  { key: "coordinator_hamar", name: "Hanne Koordinator (Hamar)", roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }], memberships: [] },
  { key: "coordinator_tonsberg", name: "Tor Koordinator (Tønsberg)", roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }], memberships: [] },
  { key: "coordinator_kinn", name: "Kjersti Koordinator (Kinn)", roles: [{ role: "municipal_coordinator", municipalityNumber: "4602" }], memberships: [] },
  { key: "org_admin", name: "Ola Organisasjonsleder", roles: [], memberships: [{ organizationId: demoOrganizationIds.hamarVolunteerCentre, role: "admin" }] },
  { key: "org_member", name: "Fatima Frivillig", roles: [], memberships: [{ organizationId: demoOrganizationIds.hamarVolunteerCentre, role: "member" }] },
  { key: "employer", name: "Eirik Arbeidsgiver", roles: [], memberships: [{ organizationId: demoOrganizationIds.hamarEmployer, role: "admin" }] },
];

const demoOrganizations: {
  id: string;
  name: string;
  kind: OrganizationKind;
  orgNumber: string | null;
  description: string;
  municipalities: string[];
  contactEmail: string;
}[] = [
  {
    id: demoOrganizationIds.hamarVolunteerCentre,
    name: "Hamar frivilligsentral",
    kind: "volunteer_centre",
    orgNumber: null,
    description: "Møteplass for frivillige i Hamar: språkkafé, leksehjelp og turgrupper.",
    municipalities: ["3403"],
    contactEmail: "post@frivilligsentral.samspill.example",
  },
  {
    id: demoOrganizationIds.hamarLanguageCafe,
    name: "Språkvenner Hamar",
    kind: "voluntary",
    orgNumber: null,
    description: "Frivillige som øver norsk sammen med nyankomne.",
    municipalities: ["3403"],
    contactEmail: "sprakvenner@samspill.example",
  },
  {
    id: demoOrganizationIds.hamarEmployer,
    name: "Mjøs Bygg AS",
    kind: "employer",
    orgNumber: null,
    description: "Byggfirma som tilbyr praksisplasser og lærlingplasser.",
    municipalities: ["3403"],
    contactEmail: "hr@mjosbygg.samspill.example",
  },
  {
    id: demoOrganizationIds.tonsbergRedCross,
    name: "Tønsberg Røde Kors (demo)",
    kind: "voluntary",
    orgNumber: null,
    description: "Flyktningguide, leksehjelp og norsktrening.",
    municipalities: ["3905"],
    contactEmail: "tonsberg@rodekors.samspill.example",
  },
  {
    id: demoOrganizationIds.tonsbergMigrantAssociation,
    name: "Somalisk forening i Vestfold",
    kind: "migrant_organization",
    orgNumber: null,
    description: "Innvandrerorganisasjon med foreldremøter og kulturkvelder.",
    municipalities: ["3905"],
    contactEmail: "post@somaliskforening.samspill.example",
  },
  {
    id: demoOrganizationIds.kinnMigrantAssociation,
    name: "Fleirkulturelt lag Florø",
    kind: "migrant_organization",
    orgNumber: null,
    description: "Møtestad for nye og gamle innbyggjarar i Florø.",
    municipalities: ["4602"],
    contactEmail: "post@fleirkulturelt.samspill.example",
  },
  {
    id: demoOrganizationIds.kinnSportsClub,
    name: "Florø Turn og Idrettsforening (demo)",
    kind: "sports_club",
    orgNumber: null,
    description: "Idrett for alle, med gratis prøvetrening for nykomne.",
    municipalities: ["4602"],
    contactEmail: "post@fti.samspill.example",
  },
];

/**
 * Seeds demo organisations and one account per role. Idempotent: existing rows
 * are left as they are, so a restart neither duplicates nor resets anything.
 */
export async function seedDemoData(): Promise<void> {
  const db = getDb();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const org of demoOrganizations) {
      await tx
        .insert(organizations)
        .values({
          id: org.id,
          name: org.name,
          kind: org.kind,
          orgNumber: org.orgNumber,
          description: org.description,
          contactEmail: org.contactEmail,
          isDemo: true,
        })
        .onConflictDoNothing();
      await tx
        .insert(organizationMunicipalities)
        .values(org.municipalities.map((m) => ({ organizationId: org.id, municipalityNumber: m })))
        .onConflictDoNothing();
    }
    for (const account of demoAccounts) {
      await tx
        .insert(users)
        .values({ email: demoAccountEmails[account.key], name: account.name, passwordHash, emailVerifiedAt: new Date(), isDemo: true })
        .onConflictDoNothing();
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`${users.email} = ${demoAccountEmails[account.key]}`);
      for (const role of account.roles) {
        await tx
          .insert(roleGrants)
          .values({ userId: user!.id, role: role.role, municipalityNumber: role.municipalityNumber ?? null, countyNumber: role.countyNumber ?? null })
          .onConflictDoNothing();
      }
      for (const membership of account.memberships) {
        await tx
          .insert(memberships)
          .values({ userId: user!.id, ...membership })
          .onConflictDoNothing();
      }
    }
    await seedDemoActivities(tx);
    await seedDemoSettlement(tx);
    await seedDemoStories(tx);
    await seedDemoSurveys(tx);
    await seedDemoGuidance(tx, passwordHash);
    await seedDemoKnowledge(tx);
    await seedDemoEvents(tx);
    await seedDemoWorkshops(tx);
    await seedDemoWorkshopRun(tx);
    await seedDemoWorkshopMatrix(tx);
    await seedDemoWorkshopActions(tx);
    await seedDemoWorkshopEscalations(tx);
    // Issue 14, in this order: volunteer roles sit on needs; placements name NAV Hamar from the action plan's seed.
    await seedDemoNeeds(tx);
    await seedDemoVolunteers(tx);
    await seedDemoPlacements(tx, passwordHash);
  });
}
