import { sql } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import {
  competenceOffers,
  guidanceAttachments,
  storedFiles,
  guidanceHandovers,
  guidanceInternalNotes,
  guidanceMessages,
  guidanceRequests,
  memberships,
  roleGrants,
  users,
} from "~/db/schema/index.ts";
import { createHash } from "node:crypto";
import { demoGuidanceAttachmentIds, demoGuidanceRequestIds, demoOrganizationIds, extraDemoAccountEmails } from "./ids.ts";

/** A minimal one-page PDF: the demo attachment's content. */
const demoPdf = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const DEMO_PDF_FILE_ID = "00000000-0000-4000-8000-00000000c1f1";

/**
 * Demo data for guidance (issue 12): the two extra accounts of the done-when
 * scenario (Vestfold's county advisor, the admin of Somalisk forening i
 * Vestfold), competence offers, and requests in several states. Idempotent:
 * a request that exists is left as it is, with its chain and thread.
 */
const extraAccounts: {
  email: string;
  name: string;
  role?: { role: "county_advisor"; countyNumber: string };
  membership?: { organizationId: string; role: "admin" };
}[] = [
  { email: extraDemoAccountEmails.county_advisor_vestfold, name: "Vera Fylkesrådgiver (Vestfold)", role: { role: "county_advisor", countyNumber: "39" } },
  {
    email: extraDemoAccountEmails.org_admin_tonsberg_migrant,
    name: "Sahra Styreleder",
    membership: { organizationId: demoOrganizationIds.tonsbergMigrantAssociation, role: "admin" },
  },
];

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemoGuidance(tx: Queryable, passwordHash: string): Promise<void> {
  for (const account of extraAccounts) {
    await tx.insert(users).values({ email: account.email, name: account.name, passwordHash, emailVerifiedAt: new Date(), isDemo: true }).onConflictDoNothing();
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.email} = ${account.email}`);
    if (account.role) {
      await tx.insert(roleGrants).values({ userId: user!.id, role: account.role.role, countyNumber: account.role.countyNumber }).onConflictDoNothing();
    }
    if (account.membership) {
      await tx
        .insert(memberships)
        .values({ userId: user!.id, ...account.membership })
        .onConflictDoNothing();
    }
  }

  await tx
    .insert(competenceOffers)
    .values([
      {
        organizationId: demoOrganizationIds.hamarVolunteerCentre,
        topic: "volunteers",
        description: "Vi har lang erfaring med å rekruttere og følge opp frivillige, og deler gjerne oppsett for frivilligavtaler og introduksjonsmøter.",
      },
      {
        organizationId: demoOrganizationIds.tonsbergRedCross,
        topic: "privacy_police_certificates",
        description: "Vi hjelper andre lag med rutiner for politiattest og personvern når frivillige møter barn og unge.",
      },
    ])
    .onConflictDoNothing();

  const now = Date.now();
  const requests = [
    {
      id: demoGuidanceRequestIds.hamarHeldByKommune,
      organizationId: demoOrganizationIds.hamarVolunteerCentre,
      municipalityNumber: "3403",
      topic: "privacy_police_certificates" as const,
      title: "Politiattest for leksehjelpere",
      description: "Vi starter leksehjelp for barn i Hamar og lurer på om alle frivillige må levere politiattest, og hvordan vi oppbevarer den.",
      urgency: "normal" as const,
      status: "new" as const,
      holderLevel: "municipality" as const,
      holderMunicipalityNumber: "3403",
      holderCountyNumber: null,
      submittedAt: new Date(now - 2 * DAY),
    },
    {
      id: demoGuidanceRequestIds.hamarHandedToInnlandet,
      organizationId: demoOrganizationIds.hamarVolunteerCentre,
      municipalityNumber: "3403",
      topic: "grants_funding" as const,
      title: "Regionale tilskudd til møteplasser",
      description: "Finnes det regionale tilskuddsordninger vi kan søke for å drive språkkafeen videre neste år?",
      urgency: "low" as const,
      status: "new" as const,
      holderLevel: "county" as const,
      holderMunicipalityNumber: null,
      holderCountyNumber: "34",
      submittedAt: new Date(now - 6 * DAY),
    },
    {
      id: demoGuidanceRequestIds.tonsbergAnswered,
      organizationId: demoOrganizationIds.tonsbergMigrantAssociation,
      municipalityNumber: "3905",
      topic: "municipal_cooperation" as const,
      title: "Lokaler til foreldremøter",
      description: "Kan vi låne lokaler på skolene i Tønsberg til foreldremøter på kveldstid, og hvem spør vi?",
      urgency: "normal" as const,
      status: "answered" as const,
      holderLevel: "municipality" as const,
      holderMunicipalityNumber: "3905",
      holderCountyNumber: null,
      consentToReuse: true,
      submittedAt: new Date(now - 10 * DAY),
      firstAnsweredAt: new Date(now - 8 * DAY),
    },
  ];
  for (const request of requests) {
    const inserted = await tx
      .insert(guidanceRequests)
      .values({ ...request, updatedAt: request.submittedAt })
      .onConflictDoNothing()
      .returning({ id: guidanceRequests.id });
    if (inserted.length === 0) continue;
    await tx.insert(guidanceHandovers).values({
      requestId: request.id,
      kind: "routed",
      toLevel: "municipality",
      toMunicipalityNumber: request.municipalityNumber,
      createdAt: request.submittedAt,
    });
  }
  // What happened after each request came in, only the first time it is seeded.
  const fresh = async (id: string) =>
    (
      await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(guidanceHandovers)
        .where(sql`${guidanceHandovers.requestId} = ${id}`)
    )[0]!.n === 1;
  if (await fresh(demoGuidanceRequestIds.hamarHandedToInnlandet)) {
    await tx.insert(guidanceHandovers).values({
      requestId: demoGuidanceRequestIds.hamarHandedToInnlandet,
      kind: "handed_over",
      fromLevel: "municipality",
      fromMunicipalityNumber: "3403",
      toLevel: "county",
      toCountyNumber: "34",
      reason: "Regionale tilskuddsordninger forvaltes av fylkeskommunen, som kjenner søknadsfristene.",
      createdAt: new Date(now - 5 * DAY),
    });
    await tx.insert(guidanceInternalNotes).values({
      requestId: demoGuidanceRequestIds.hamarHandedToInnlandet,
      authorLevel: "municipality",
      authorMunicipalityNumber: "3403",
      body: "Kommunens egen tilskuddspott er brukt opp for i år; derfor sendt videre.",
      createdAt: new Date(now - 5 * DAY),
    });
  }
  if (await fresh(demoGuidanceRequestIds.tonsbergAnswered)) {
    await tx.insert(guidanceMessages).values({
      requestId: demoGuidanceRequestIds.tonsbergAnswered,
      side: "body",
      authorLevel: "municipality",
      authorMunicipalityNumber: "3905",
      body: "Ja, frivillige lag kan låne skolenes lokaler gratis på kveldstid. Send en forespørsel til servicetorget med dato og antall deltakere.",
      createdAt: new Date(now - 8 * DAY),
    });
  }
  await tx
    .insert(storedFiles)
    .values({
      id: DEMO_PDF_FILE_ID,
      mediaType: "application/pdf",
      sizeBytes: demoPdf.byteLength,
      name: "budsjett-spraakkafe.pdf",
      sha256: createHash("sha256").update(demoPdf).digest("hex"),
      content: demoPdf,
    })
    .onConflictDoNothing();
  await tx
    .insert(guidanceAttachments)
    .values({ id: demoGuidanceAttachmentIds.hamarHandedToInnlandet, requestId: demoGuidanceRequestIds.hamarHandedToInnlandet, fileId: DEMO_PDF_FILE_ID })
    .onConflictDoNothing();
}
