import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { volunteerInterestEvents, volunteerInterests, volunteerProfiles } from "~/db/schema/index.ts";
import { VOLUNTEER_CONSENT_VERSION } from "~/domain/volunteers/volunteers.constants.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { demoOrganizationIds, demoVolunteerRoleIds } from "./ids.ts";

const DAY = 24 * 60 * 60 * 1000;

/**
 * The volunteer's own side in the demo (issue 14, H3), called at the end of seedDemoVolunteers:
 * - a light profile for Amina Hassan (who has an interest in the homework help): Hamar, Somali, homework help and
 *   language café, weekday evenings, and "the kommune may contact me" — so Hamar's coordinator finds her on
 *   /kommuner/3403/frivillige, and the counts there have a profile besides the interests;
 * - Bashir Rahimi's interest in the homework help, confirmed 16 days ago and still unanswered, so
 *   `npm run samspill -- volunteers reminders` reminds the volunteer centre and tells Bashir who to contact (once).
 * Idempotent: the profile by address, the interest by address and role. Addresses under example.org: no real person.
 */
export async function seedDemoVolunteerSelf(tx: Queryable): Promise<void> {
  const now = Date.now();
  await tx
    .insert(volunteerProfiles)
    .values({
      email: "amina.frivillig@example.org",
      name: "Amina Hassan",
      municipalityNumber: "3403",
      languages: ["nb", "so"],
      roleKinds: ["homework_helper", "language_cafe_host"],
      likesToDo: "Hjelpe barn med lekser, og prate norsk og somali på språkkafé.",
      availability: ["weekday_evening"],
      contactableByKommune: true,
    })
    .onConflictDoNothing();

  const email = "bashir.frivillig@example.org";
  const [existing] = await tx
    .select({ id: volunteerInterests.id })
    .from(volunteerInterests)
    .where(and(eq(volunteerInterests.roleId, demoVolunteerRoleIds.hamarHomeworkHelper), sql`lower(${volunteerInterests.email}) = ${email}`));
  if (existing) return;
  const confirmedAt = new Date(now - 16 * DAY);
  const [row] = await tx
    .insert(volunteerInterests)
    .values({
      roleId: demoVolunteerRoleIds.hamarHomeworkHelper,
      organizationId: demoOrganizationIds.hamarVolunteerCentre,
      municipalityNumber: "3403",
      name: "Bashir Rahimi",
      email,
      languages: ["nb", "prs"],
      message: "Jeg er ingeniør og hjelper gjerne med matte.",
      consentVersion: VOLUNTEER_CONSENT_VERSION,
      status: "new",
      // Nobody holds the demo interest's link: the hash of a token thrown away (the reminder mails a fresh one).
      tokenHash: hashToken(randomToken()),
      confirmedAt,
      statusChangedAt: confirmedAt,
      createdAt: new Date(confirmedAt.getTime() - 60 * 60 * 1000),
    })
    .returning({ id: volunteerInterests.id });
  await tx.insert(volunteerInterestEvents).values({ interestId: row!.id, status: "new", at: confirmedAt });
}
