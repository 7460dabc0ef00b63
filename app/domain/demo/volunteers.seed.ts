import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { volunteerInterestEvents, volunteerInterests, volunteerRoles } from "~/db/schema/index.ts";
import { VOLUNTEER_CONSENT_VERSION, type InterestStatus } from "~/domain/volunteers/volunteers.constants.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { demoActivityIds, demoNeedIds, demoOrganizationIds, demoVolunteerRoleIds } from "./ids.ts";
import { seedDemoVolunteerSelf } from "./volunteer-self.seed.ts";

const DAY = 24 * 60 * 60 * 1000;

type DemoInterest = {
  name: string;
  email: string;
  phone?: string;
  languages: ("nb" | "en" | "ar" | "so" | "uk" | "ti")[];
  message: string;
  status: InterestStatus;
  daysAgo: number;
  contactableByKommune?: boolean;
  policeCertificateSeenOn?: string;
};

/**
 * Demo volunteer roles and interests (issue 14, H2). Hamar frivilligsentral's homework help seeks homework helpers
 * (politiattest required: children) with interests in every status its inbox follows (one new, so the start page
 * and the inbox have something waiting); Hamar's own housing-guidance need seeks housing guides, with a new interest
 * in the kommune's inbox; Tønsberg Røde Kors's homework help is another tenant's, with its own interest (for the
 * authorization tests). Idempotent: fixed role ids; a role's interests are added only when it has none.
 * The volunteers' addresses are under example.org: no real person.
 */
export async function seedDemoVolunteers(tx: Queryable): Promise<void> {
  const now = Date.now();
  const roles: {
    id: string;
    activityId?: string;
    needId?: string;
    organizationId: string | null;
    municipalityNumber: string;
    values: Omit<typeof volunteerRoles.$inferInsert, "id" | "activityId" | "needId">;
    interests: DemoInterest[];
  }[] = [
    {
      id: demoVolunteerRoleIds.hamarHomeworkHelper,
      activityId: demoActivityIds.hamarHomework,
      organizationId: demoOrganizationIds.hamarVolunteerCentre,
      municipalityNumber: "3403",
      values: {
        kind: "homework_helper",
        title: "Leksehjelper for barn på mellomtrinnet",
        description: "Hjelp elever i 4.–7. klasse med lekser i matte, norsk og engelsk. Vi har alltid en erfaren leksehjelper til stede.",
        minAge: 18,
        languages: ["ar", "so"],
        policeCertificateRequired: true,
        timeCommitment: "2 timer en ettermiddag i uka, helst et helt semester",
        places: 4,
      },
      interests: [
        {
          name: "Amina Hassan",
          email: "amina.frivillig@example.org",
          phone: "+47 400 00 001",
          languages: ["nb", "so"],
          message: "Jeg studerer til lærer og kan tirsdager.",
          status: "new",
          daysAgo: 2,
        },
        {
          name: "Ola Berg",
          email: "ola.frivillig@example.org",
          languages: ["nb", "en"],
          message: "Pensjonert mattelærer.",
          status: "contacted",
          daysAgo: 9,
        },
        {
          name: "Yusuf Ali",
          email: "yusuf.frivillig@example.org",
          languages: ["nb", "ar"],
          message: "",
          status: "started",
          daysAgo: 40,
          policeCertificateSeenOn: new Date(now - 30 * DAY).toISOString().slice(0, 10),
        },
        { name: "Kari Lund", email: "kari.frivillig@example.org", languages: ["nb"], message: "", status: "not_suitable", daysAgo: 60 },
        // Never confirmed: invisible to the organisation.
        { name: "Ubekreftet Person", email: "ubekreftet.frivillig@example.org", languages: ["nb"], message: "", status: "unconfirmed", daysAgo: 1 },
      ],
    },
    {
      id: demoVolunteerRoleIds.hamarHousingGuide,
      needId: demoNeedIds.hamarHousingGuidance,
      organizationId: null,
      municipalityNumber: "3403",
      values: {
        kind: "housing_guide",
        title: "Boveileder for en nyankommen familie",
        description: "Vis en familie som bosettes i mars hvordan boligen, søppelsorteringen og strømavtalen virker, og hvor butikken og legekontoret er.",
        minAge: 20,
        languages: ["uk", "ar", "ti"],
        policeCertificateRequired: false,
        timeCommitment: "Et par timer i uka de første tre månedene",
        places: 20,
      },
      interests: [
        {
          name: "Olena Koval",
          email: "olena.frivillig@example.org",
          languages: ["nb", "uk"],
          message: "Jeg kom selv til Hamar for to år siden og vil gjerne hjelpe.",
          status: "new",
          daysAgo: 1,
          contactableByKommune: true,
        },
      ],
    },
    {
      id: demoVolunteerRoleIds.tonsbergHomeworkHelper,
      activityId: demoActivityIds.tonsbergHomework,
      organizationId: demoOrganizationIds.tonsbergRedCross,
      municipalityNumber: "3905",
      values: {
        kind: "homework_helper",
        title: "Leksehjelper på biblioteket",
        description: "Hjelp ungdomsskoleelever med lekser på Tønsberg bibliotek.",
        minAge: 18,
        languages: [],
        policeCertificateRequired: true,
        timeCommitment: "Annenhver onsdag kveld",
        places: null,
      },
      interests: [{ name: "Per Vestfold", email: "per.frivillig@example.org", languages: ["nb"], message: "Kan onsdager.", status: "new", daysAgo: 3 }],
    },
  ];

  for (const role of roles) {
    await tx
      .insert(volunteerRoles)
      .values({ id: role.id, activityId: role.activityId ?? null, needId: role.needId ?? null, ...role.values })
      .onConflictDoNothing();
    const [existing] = await tx.select({ id: volunteerInterests.id }).from(volunteerInterests).where(eq(volunteerInterests.roleId, role.id)).limit(1);
    if (existing) continue;
    for (const i of role.interests) {
      const createdAt = new Date(now - i.daysAgo * DAY);
      const confirmedAt = i.status === "unconfirmed" ? null : new Date(createdAt.getTime() + 60 * 60 * 1000);
      const changedAt = i.status === "new" || i.status === "unconfirmed" ? (confirmedAt ?? createdAt) : new Date(now - Math.floor(i.daysAgo / 2) * DAY);
      const [row] = await tx
        .insert(volunteerInterests)
        .values({
          roleId: role.id,
          organizationId: role.organizationId,
          municipalityNumber: role.municipalityNumber,
          name: i.name,
          email: i.email,
          phone: i.phone ?? null,
          languages: i.languages,
          message: i.message,
          consentVersion: VOLUNTEER_CONSENT_VERSION,
          contactableByKommune: i.contactableByKommune ?? false,
          status: i.status,
          // Nobody holds the demo interests' links: the hash of a token thrown away.
          tokenHash: hashToken(randomToken()),
          confirmedAt,
          statusChangedAt: changedAt,
          policeCertificateSeenOn: i.policeCertificateSeenOn ?? null,
          createdAt,
        })
        .returning({ id: volunteerInterests.id });
      if (confirmedAt) {
        await tx.insert(volunteerInterestEvents).values({ interestId: row!.id, status: "new", at: confirmedAt });
        if (i.status !== "new") await tx.insert(volunteerInterestEvents).values({ interestId: row!.id, status: i.status, at: changedAt });
      }
    }
  }
  // The volunteer's own side (H3): a light profile and an interest old enough to be reminded.
  await seedDemoVolunteerSelf(tx);
}
