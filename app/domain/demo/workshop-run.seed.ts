import { count, eq } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { workshopObstacles, workshopObstacleVotes, workshopRunSettings, workshopSolutions, workshopSolutionVotes } from "~/db/schema/index.ts";
import type { ObstacleTheme } from "~/domain/workshops/workshops.constants.ts";
import { demoWorkshopParticipantIds as P, demoWorkshopRunIds as ids, demoWorkshops } from "./ids.ts";

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

function dayAt(days: number, hourUtc: number, minutes: number): Date {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return new Date(d.getTime() + minutes * MINUTE);
}

/** Hamar's obstacles as people in the room wrote them, on the 2016 report's findings; the last is a duplicate merged into the fifth. */
const hamarObstacles: [ObstacleTheme, string, keyof typeof P | null][] = [
  [
    "division_of_responsibility",
    "Vi vet ikke hvem i kommunen vi skal ringe når en flyktning trenger hjelp videre – det er en ny person hver gang.",
    "hamarVolunteerCentre",
  ],
  [
    "employer_incentives_follow_up",
    "Som arbeidsgiver får vi ingen fast kontakt i NAV eller kommunen som følger opp etter at praksisen er i gang.",
    "hamarEmployer",
  ],
  ["placements_vs_lasting_work", "Det blir praksisplass etter praksisplass, men sjelden fast jobb av det.", "hamarEmployer"],
  [
    "volunteers_unused_resource",
    "Frivilligsentralen har folk som vil bidra med leksehjelp og nettverk, men kommunen spør oss nesten aldri.",
    "hamarLanguageCafe",
  ],
  ["arenas_for_cooperation", "Det finnes ingen faste møter der kommunen, frivillige og næringslivet sitter rundt samme bord.", "hamarCounty"],
  ["competence_mapping", "Kartleggingen av hva folk kan blir liggende i kommunen – vi som arbeidsgivere får aldri se den.", "hamarEmployer"],
  ["employment_social_instruments", "Reglene i introduksjonsprogrammet gjør det vanskelig å kombinere programmet med en deltidsjobb.", "hamarNav"],
  ["settlement_housing_guidance", "Boligene ligger langt fra arbeidsplassene, og det går nesten ikke buss tidlig om morgenen.", "hamarCoordinator"],
  ["reception_centres", "Vi får vite for sent hvem som kommer fra mottaket, så vi rekker ikke å forberede noe sammen med de frivillige.", "hamarCoordinator"],
  [
    "division_of_responsibility",
    "Frivillige vet ikke hva de kan gjøre selv og hva som er kommunens oppgave, for eksempel med tolk og taushetsplikt.",
    "hamarLanguageCafe",
  ],
  ["arenas_for_cooperation", "Vi møtes aldri på tvers av sektorene.", "hamarVolunteerCentre"],
];

/** Five votes each (the workshop's default); obstacle numbers are 1-based indexes into hamarObstacles. */
const hamarVotes: [keyof typeof P, number[]][] = [
  ["hamarCoordinator", [1, 5, 2, 4, 6]],
  ["hamarVolunteerCentre", [4, 5, 10, 3, 2]],
  ["hamarLanguageCafe", [4, 5, 1, 3, 2]],
  ["hamarEmployer", [2, 3, 6, 5, 7]],
  ["hamarNav", [2, 7, 3, 1, 9]],
  ["hamarCounty", [5, 2, 1, 9, 4]],
];

/** Solutions for the top four (obstacles 2, 5, 1 and 3 by votes). */
const hamarSolutions: [number, string, keyof typeof P][] = [
  [2, "Én fast kontaktperson i NAV Hamar for hver arbeidsgiver som tar inn kandidater på praksis.", "hamarNav"],
  [2, "Trepartsmøte med arbeidsgiver, NAV og kandidaten etter to uker og etter to måneder.", "hamarEmployer"],
  [5, "Et fast samarbeidsforum to ganger i året, ledet av kommunen, med frivilligsentralen og næringsforeningen.", "hamarCounty"],
  [5, "En felles oversikt over hvem som gjør hva, publisert på kommunens nettside.", "hamarCoordinator"],
  [1, "Kommunen utpeker én koordinator for frivillig integreringsarbeid, med telefonnummer på nettsiden.", "hamarVolunteerCentre"],
  [1, "En kort oversikt over hvem i kommunen som har ansvar for hva, delt ut til alle frivillige lag.", "hamarLanguageCafe"],
  [3, "Praksisavtaler får et mål om ansettelse og en dato da det vurderes sammen med arbeidsgiveren.", "hamarEmployer"],
  [3, "Bedrifter som ansetter etter praksis får oppfølging fra NAV det første året.", "hamarNav"],
];

/** Three solution votes each; solution numbers are 1-based indexes into hamarSolutions. */
const hamarSolutionVotes: [keyof typeof P, number[]][] = [
  ["hamarCoordinator", [3, 5, 1]],
  ["hamarVolunteerCentre", [3, 6, 5]],
  ["hamarLanguageCafe", [6, 3, 2]],
  ["hamarEmployer", [1, 2, 7]],
  ["hamarNav", [1, 8, 7]],
  ["hamarCounty", [3, 4, 1]],
];

const kinnObstacles: [ObstacleTheme, string, keyof typeof P][] = [
  ["settlement_housing_guidance", "Dei som blir busette får bustad før nokon har snakka med dei om kvar det finst arbeid.", "kinnCoordinator"],
  ["arenas_for_cooperation", "Laga og organisasjonane møter aldri arbeidsgivarane – vi veit ikkje kven vi skal ringje.", "kinnMigrantAssociation"],
  ["competence_mapping", "Vi veit for lite om kva folk kan frå før, så tilboda våre passar ikkje alltid.", "kinnNav"],
  ["volunteers_unused_resource", "Innvandrarforeininga har frivillige som vil hjelpe nykomne, men vi blir ikkje spurde.", "kinnMigrantAssociation"],
  ["division_of_responsibility", "Det er uklart kven som har ansvaret for oppfølginga etter introduksjonsprogrammet.", "kinnNav"],
];

const kinnVotes: [keyof typeof P, number[]][] = [
  ["kinnCoordinator", [1, 2, 3]],
  ["kinnMigrantAssociation", [4, 2, 1]],
  ["kinnNav", [3, 5, 1]],
];

/**
 * Running the demo workshops (issue 13): Hamar's closed workshop with ranked
 * obstacles (one duplicate merged), votes and solutions for the top four;
 * Kinn's running workshop with a few obstacles in nynorsk and some votes, so
 * the live view has something to show. Runs before the action plan's seed,
 * which builds on Hamar's solutions. Idempotent: fixed ids, and votes only
 * when a workshop has none (the vote-limit trigger counts before a conflict
 * would be ignored).
 */
export async function seedDemoWorkshopRun(tx: Queryable): Promise<void> {
  const hamar = demoWorkshops.hamar.id;
  const kinn = demoWorkshops.kinn.id;
  await tx
    .insert(workshopObstacles)
    .values(
      hamarObstacles.map(([theme, text, author], i) => ({
        id: ids.hamarObstacles[i]!,
        workshopId: hamar,
        theme,
        text,
        participantId: author ? P[author] : null,
        createdAt: dayAt(-60, 9, i * 3),
        updatedAt: dayAt(-60, 9, i * 3),
      })),
    )
    .onConflictDoNothing();
  await tx.update(workshopObstacles).set({ mergedIntoId: ids.hamarObstacles[4]! }).where(eq(workshopObstacles.id, ids.hamarObstacles[10]!));
  await tx.insert(workshopRunSettings).values({ workshopId: hamar, prioritisedCount: 4 }).onConflictDoNothing();
  await tx
    .insert(workshopSolutions)
    .values(
      hamarSolutions.map(([obstacle, text, author], i) => ({
        id: ids.hamarSolutions[i]!,
        workshopId: hamar,
        obstacleId: ids.hamarObstacles[obstacle - 1]!,
        text,
        participantId: P[author],
        createdAt: dayAt(-60, 11, i * 2),
        updatedAt: dayAt(-60, 11, i * 2),
      })),
    )
    .onConflictDoNothing();
  await tx
    .insert(workshopObstacles)
    .values(
      kinnObstacles.map(([theme, text, author], i) => ({
        id: ids.kinnObstacles[i]!,
        workshopId: kinn,
        theme,
        text,
        participantId: P[author],
        createdAt: dayAt(0, 8, 20 + i * 4),
        updatedAt: dayAt(0, 8, 20 + i * 4),
      })),
    )
    .onConflictDoNothing();

  if (await hasNone(tx, hamar, "obstacle")) {
    await tx
      .insert(workshopObstacleVotes)
      .values(hamarVotes.flatMap(([who, picks]) => picks.map((n) => ({ workshopId: hamar, obstacleId: ids.hamarObstacles[n - 1]!, participantId: P[who] }))));
  }
  if (await hasNone(tx, hamar, "solution")) {
    await tx
      .insert(workshopSolutionVotes)
      .values(
        hamarSolutionVotes.flatMap(([who, picks]) => picks.map((n) => ({ workshopId: hamar, solutionId: ids.hamarSolutions[n - 1]!, participantId: P[who] }))),
      );
  }
  if (await hasNone(tx, kinn, "obstacle")) {
    await tx
      .insert(workshopObstacleVotes)
      .values(kinnVotes.flatMap(([who, picks]) => picks.map((n) => ({ workshopId: kinn, obstacleId: ids.kinnObstacles[n - 1]!, participantId: P[who] }))));
  }
}

async function hasNone(tx: Queryable, workshopId: string, kind: "obstacle" | "solution"): Promise<boolean> {
  const table = kind === "obstacle" ? workshopObstacleVotes : workshopSolutionVotes;
  const [row] = await tx.select({ n: count() }).from(table).where(eq(table.workshopId, workshopId));
  return Number(row?.n ?? 0) === 0;
}
