import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { needCommitments, needs, users } from "~/db/schema/index.ts";
import { demoAccountEmails, demoNeedIds, demoOrganizationIds } from "./ids.ts";

const DAY = 24 * 60 * 60 * 1000;

function dateIn(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
}

/** The first day of the coming March (next year's when March has begun): "families arriving in March". */
export function nextMarch(now: Date = new Date()): string {
  const year = now.getUTCMonth() >= 2 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  return `${year}-03-01`;
}

async function userId(tx: Queryable, email: string): Promise<string | null> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row?.id ?? null;
}

/**
 * Demo needs (issue 14). Hamar's coordinator asks for 20 housing guides for the families settled next March; the
 * volunteer centre has committed 8 (accepted) and Språkvenner Hamar 12 (pending) — accepting the pending one fills
 * the need, the done-when. Hamar frivilligsentral asks for homework helpers for the reception centre's pupils;
 * Tønsberg asks for language-café hosts (another tenant's need, with a commitment message only Tønsberg may read).
 * Idempotent: fixed need ids; a commitment is skipped when its organisation already has a live one on the need.
 */
export async function seedDemoNeeds(tx: Queryable): Promise<void> {
  const hamarCoordinator = await userId(tx, demoAccountEmails.coordinator_hamar);
  const tonsbergCoordinator = await userId(tx, demoAccountEmails.coordinator_tonsberg);
  const orgAdmin = await userId(tx, demoAccountEmails.org_admin);
  const march = nextMarch();

  await tx
    .insert(needs)
    .values([
      {
        id: demoNeedIds.hamarHousingGuidance,
        municipalityNumber: "3403",
        organizationId: null,
        title: "20 boveiledere for familier som bosettes i mars",
        description:
          "Hamar kommune bosetter flere familier i mars. Vi trenger frivillige boveiledere som kan følge en familie de første månedene: " +
          "vise hvordan boligen fungerer, hjelpe med søppelsortering, strøm og husleie, og være en trygg nabo å spørre.",
        theme: "housing",
        targetGroups: ["families", "newly_settled"],
        unit: "people",
        quantity: 20,
        periodStart: march,
        periodEnd: null,
        deadline: dateIn(45),
        settlementMonth: march,
        contactName: "Hanne Koordinator, flyktningtjenesten",
        contactEmail: "flyktningtjenesten@hamar.kommune.example",
        contactPhone: "62 56 30 00",
        createdByUserId: hamarCoordinator,
        createdAt: new Date(Date.now() - 10 * DAY),
      },
      {
        id: demoNeedIds.hamarReceptionHomework,
        municipalityNumber: "3403",
        organizationId: demoOrganizationIds.hamarVolunteerCentre,
        title: "Leksehjelp for 15 elever på mottaket",
        description:
          "Femten elever på asylmottaket trenger hjelp med lekser to ettermiddager i uka. Vi søker fem frivillige leksehjelpere, " +
          "gjerne med arabisk, tigrinja eller ukrainsk.",
        theme: "homework_help",
        targetGroups: ["reception_centre_residents", "children"],
        unit: "people",
        quantity: 5,
        periodStart: dateIn(14),
        periodEnd: dateIn(120),
        deadline: dateIn(10),
        settlementMonth: null,
        contactName: "Ola Organisasjonsleder",
        contactEmail: "post@frivilligsentral.samspill.example",
        contactPhone: null,
        createdByUserId: orgAdmin,
        createdAt: new Date(Date.now() - 5 * DAY),
      },
      {
        id: demoNeedIds.tonsbergLanguageCafeHosts,
        municipalityNumber: "3905",
        organizationId: null,
        title: "Verter til språkkafé på biblioteket",
        description: "Tønsberg kommune åpner en ny språkkafé på biblioteket og trenger verter som kan lede samtalene.",
        theme: "language",
        targetGroups: ["adults", "newly_settled"],
        unit: "people",
        quantity: 6,
        periodStart: dateIn(20),
        periodEnd: null,
        deadline: dateIn(15),
        settlementMonth: null,
        contactName: "Tor Koordinator",
        contactEmail: "integrering@tonsberg.kommune.example",
        contactPhone: null,
        createdByUserId: tonsbergCoordinator,
        createdAt: new Date(Date.now() - 3 * DAY),
      },
    ])
    .onConflictDoNothing();

  await tx
    .insert(needCommitments)
    .values([
      {
        needId: demoNeedIds.hamarHousingGuidance,
        organizationId: demoOrganizationIds.hamarVolunteerCentre,
        quantity: 8,
        fromDate: march,
        message: "Vi har åtte frivillige som har vært boveiledere før. De kan starte når familiene kommer.",
        status: "accepted",
        decidedAt: new Date(Date.now() - 6 * DAY),
        decidedByUserId: hamarCoordinator,
        createdByUserId: orgAdmin,
        createdAt: new Date(Date.now() - 8 * DAY),
      },
      {
        needId: demoNeedIds.hamarHousingGuidance,
        organizationId: demoOrganizationIds.hamarLanguageCafe,
        quantity: 12,
        fromDate: march,
        message: "Tolv språkvenner kan bli boveiledere. Flere av dem snakker arabisk eller tigrinja.",
        status: "pending",
        createdAt: new Date(Date.now() - 2 * DAY),
      },
      {
        needId: demoNeedIds.tonsbergLanguageCafeHosts,
        organizationId: demoOrganizationIds.tonsbergRedCross,
        quantity: 3,
        fromDate: dateIn(20),
        message: "Tre av våre frivillige kan være verter annenhver uke.",
        status: "pending",
        createdAt: new Date(Date.now() - 1 * DAY),
      },
    ])
    .onConflictDoNothing();
}
