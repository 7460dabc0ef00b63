import type { Queryable } from "~/db/client.server.ts";
import { stories } from "~/db/schema/index.ts";
import { demoActivityIds, demoOrganizationIds, demoStoryIds } from "./ids.ts";

/**
 * Demo stories (issue 12): Hamar frivilligsentral tells how its homework help
 * worked (approved by Hamar: public, and shown beside the library's homework
 * help), and writes about its walking group for women (waiting in Hamar's
 * review queue). Idempotent: existing rows are left as they are.
 */
export async function seedDemoStories(tx: Queryable): Promise<void> {
  await tx
    .insert(stories)
    .values([
      {
        id: demoStoryIds.hamarHomeworkApproved,
        organizationId: demoOrganizationIds.hamarVolunteerCentre,
        activityId: demoActivityIds.hamarHomework,
        municipalityNumber: "3403",
        countyNumber: "34",
        title: "Leksehjelp som foreldrene også kommer på",
        whatWasDone:
          "Vi flyttet leksehjelpen fra skolen til frivilligsentralen, to ettermiddager i uka, og inviterte foreldrene til å sitte med. Pensjonerte lærere og studenter fra høgskolen er faste frivillige.",
        forWhom: "Barn og unge i 5.–10. klasse som er nye i Norge, og foreldrene deres",
        whatWorked:
          "Faste frivillige hver gang, så barna vet hvem de møter. Foreldre som sitter med lærer norsk sammen med barna og spør om skolen. Enkel mat skaper ro.",
        whatDidNotWork: "Påmelding på nett nådde få familier; det virket bedre at kontaktlæreren og flyktningtjenesten fortalte om tilbudet.",
        cost: "Ca. 30 000 kroner i året til mat og materiell, lokalene er gratis. Rundt 10 frivillige timer i uka.",
        contactName: "Daglig leder, Hamar frivilligsentral",
        contactEmail: "post@frivilligsentral.samspill.example",
        contactPhone: null,
        topics: ["volunteers", "reaching_refugees"],
        activityThemes: ["homework_help"],
        status: "approved",
        reviewedAt: new Date("2026-09-15T10:00:00Z"),
        isDemo: true,
      },
      {
        id: demoStoryIds.hamarWomenWalkPending,
        organizationId: demoOrganizationIds.hamarVolunteerCentre,
        activityId: demoActivityIds.hamarWomenWalk,
        municipalityNumber: "3403",
        countyNumber: "34",
        title: "Turgruppe der kvinner møter nye naboer",
        whatWasDone: "En ukentlig tur langs Mjøsa for kvinner, med kaffe etterpå. Frivillige går sammen med nyankomne og viser fram nærområdet.",
        forWhom: "Kvinner som er nye i Hamar, særlig de som er hjemme med små barn",
        whatWorked: "Barnevogn er velkommen, og turen går på dagtid. Kvinnene tar med venninner.",
        whatDidNotWork: "Om vinteren kommer færre; vi prøver innendørs aktivitet i de mørkeste månedene.",
        cost: "Nesten ingenting: kaffe og refleksvester.",
        contactName: "Frivilligkoordinator, Hamar frivilligsentral",
        contactEmail: "post@frivilligsentral.samspill.example",
        contactPhone: null,
        topics: ["reaching_refugees", "language_culture"],
        activityThemes: ["sports_outdoors", "social_network", "health"],
        status: "pending",
        isDemo: true,
      },
    ])
    .onConflictDoNothing();
}
