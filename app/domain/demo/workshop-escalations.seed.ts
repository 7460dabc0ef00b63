import { and, asc, eq, isNull } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { users, workshopEscalations, workshopObstacles } from "~/db/schema/index.ts";
import { demoAccountEmails, demoWorkshopEscalationIds as ids, demoWorkshops } from "./ids.ts";

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

async function userId(tx: Queryable, email: string): Promise<string | null> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row?.id ?? null;
}

async function hamarObstacle(tx: Queryable, theme: "employment_social_instruments" | "reception_centres") {
  const [row] = await tx
    .select({ id: workshopObstacles.id, theme: workshopObstacles.theme, text: workshopObstacles.text })
    .from(workshopObstacles)
    .where(and(eq(workshopObstacles.workshopId, demoWorkshops.hamar.id), eq(workshopObstacles.theme, theme), isNull(workshopObstacles.mergedIntoId)))
    .orderBy(asc(workshopObstacles.createdAt), asc(workshopObstacles.id));
  return row ?? null;
}

/**
 * Hamar's workshop handed two obstacles up (issue 13): one about the
 * employment instruments to IMDi, which answered "taken up"; one about the
 * reception centre to Innlandet fylkeskommune, still open.
 */
export async function seedDemoWorkshopEscalations(tx: Queryable) {
  const coordinator = await userId(tx, demoAccountEmails.coordinator_hamar);
  const imdi = await userId(tx, demoAccountEmails.national_admin);
  const employment = await hamarObstacle(tx, "employment_social_instruments");
  const reception = await hamarObstacle(tx, "reception_centres");
  const rows = [];
  if (employment) {
    rows.push({
      id: ids.hamarToImdi,
      workshopId: demoWorkshops.hamar.id,
      obstacleId: employment.id,
      theme: employment.theme,
      obstacleText: employment.text,
      note: "Vi ber IMDi se på om regelverket kan åpne for deltidsjobb ved siden av introduksjonsprogrammet uten at programmet må avbrytes.",
      level: "national" as const,
      countyNumber: null,
      status: "taken_up" as const,
      answer:
        "Takk for innspillet. Flere kommuner har meldt det samme. IMDi har tatt det opp med Arbeids- og inkluderingsdepartementet i arbeidet med endringer i forskriften, og kommer tilbake til kommunene når det er avklart.",
      answeredAt: daysAgo(20),
      answeredByUserId: imdi,
      createdByUserId: coordinator,
      createdAt: daysAgo(55),
    });
  }
  if (reception) {
    rows.push({
      id: ids.hamarToInnlandet,
      workshopId: demoWorkshops.hamar.id,
      obstacleId: reception.id,
      theme: reception.theme,
      obstacleText: reception.text,
      note: "Kan fylkeskommunen hjelpe oss å få en fast melderutine fra mottakene i regionen?",
      level: "county" as const,
      countyNumber: "34",
      createdByUserId: coordinator,
      createdAt: daysAgo(50),
    });
  }
  if (rows.length) await tx.insert(workshopEscalations).values(rows).onConflictDoNothing();
}
