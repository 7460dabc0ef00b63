import type { Queryable } from "~/db/client.server.ts";
import { organizationMunicipalities, organizations, surveyAnswers, surveyRecipients, surveys } from "~/db/schema/index.ts";
import type { CompetenceTopic } from "~/domain/competence/topics.ts";
import type { OrganizationKind } from "~/domain/organizations/organizations.constants.ts";
import type { HelpForm, Urgency } from "~/domain/surveys/surveys.constants.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { DEMO_SURVEY_TOKEN, demoOrganizationIds, demoSurveyIds } from "./ids.ts";

/**
 * IMDi's demo needs survey (issue 12, done-when: "IMDi's survey of migrant
 * organisations in Innlandet shows its results by kind"): sent to migrant
 * organisations, voluntary organisations, volunteer centres and faith
 * communities in Innlandet. 22 of 23 have answered: migrant organisations (8)
 * and voluntary organisations (6) are shown apart; faith communities (3) are
 * too few, so they are merged with the volunteer centres (5) into "other" —
 * three alone would be the total minus the rest. Hamar frivilligsentral has
 * not answered: its link is DEMO_SURVEY_TOKEN. Idempotent.
 */

type Need = { topics: CompetenceTopic[]; forms: HelpForm[]; urgency: Urgency };

const recipients: { id: string; name: string; kind: OrganizationKind; municipality: string; need: Need }[] = [
  ...(
    [
      ["Somalisk kvinneforening Gjøvik (demo)", "3407"],
      ["Eritreisk forening Lillehammer (demo)", "3405"],
      ["Syrisk kulturforening Elverum (demo)", "3420"],
      ["Afghansk forening Ringsaker (demo)", "3411"],
      ["Ukrainsk forening Stange (demo)", "3413"],
      ["Kongolesisk forening Kongsvinger (demo)", "3401"],
      ["Internasjonal kvinnegruppe Løten (demo)", "3412"],
      ["Sudanesisk forening Gjøvik (demo)", "3407"],
    ] as const
  ).map(([name, municipality], i) => ({
    id: `00000000-0000-4000-8000-00000000c7${(i + 1).toString(16).padStart(2, "0")}`,
    name,
    kind: "migrant_organization" as const,
    municipality,
    need: {
      topics: (i % 3 === 0
        ? ["grants_funding", "running_organisation", "privacy_police_certificates"]
        : ["grants_funding", i % 2 ? "municipal_cooperation" : "running_organisation"]) as CompetenceTopic[],
      forms: (i % 2 ? ["guidance", "contact"] : ["course", "guidance"]) as HelpForm[],
      urgency: (i < 5 ? "urgent" : "this_year") as Urgency,
    },
  })),
  ...(
    [
      ["Lillehammer Røde Kors (demo)", "3405"],
      ["Gjøvik Sanitetsforening (demo)", "3407"],
      ["Elverum Redd Barna (demo)", "3420"],
      ["Ringsaker turlag (demo)", "3411"],
      ["Kirkens Bymisjon Lillehammer (demo)", "3405"],
      ["Norsk Folkehjelp Kongsvinger (demo)", "3401"],
    ] as const
  ).map(([name, municipality], i) => ({
    id: `00000000-0000-4000-8000-00000000c7${(i + 0x11).toString(16)}`,
    name,
    kind: "voluntary" as const,
    municipality,
    need: {
      topics: (i % 2 ? ["volunteers", "reaching_refugees"] : ["reaching_refugees", "language_culture"]) as CompetenceTopic[],
      forms: (i % 3 === 0 ? ["written_guide"] : ["course", "written_guide"]) as HelpForm[],
      urgency: (i < 2 ? "urgent" : i < 4 ? "this_year" : "not_urgent") as Urgency,
    },
  })),
  ...(
    [
      ["Gjøvik frivilligsentral (demo)", "3407"],
      ["Lillehammer frivilligsentral (demo)", "3405"],
      ["Elverum frivilligsentral (demo)", "3420"],
      ["Stange frivilligsentral (demo)", "3413"],
      ["Løten frivilligsentral (demo)", "3412"],
    ] as const
  ).map(([name, municipality], i) => ({
    id: `00000000-0000-4000-8000-00000000c7${(i + 0x21).toString(16)}`,
    name,
    kind: "volunteer_centre" as const,
    municipality,
    need: {
      topics: ["reaching_refugees", "municipal_cooperation"] as CompetenceTopic[],
      forms: (i % 2 ? ["contact"] : ["guidance", "contact"]) as HelpForm[],
      urgency: (i < 2 ? "this_year" : "not_urgent") as Urgency,
    },
  })),
  ...(
    [
      ["Gjøvik moské (demo)", "3407"],
      ["Lillehammer katolske menighet (demo)", "3405"],
      ["Elverum menighet (demo)", "3420"],
    ] as const
  ).map(([name, municipality], i) => ({
    id: `00000000-0000-4000-8000-00000000c7${(i + 0x31).toString(16)}`,
    name,
    kind: "faith_community" as const,
    municipality,
    need: { topics: ["language_culture", "grants_funding"] as CompetenceTopic[], forms: ["course"] as HelpForm[], urgency: "this_year" as Urgency },
  })),
];

export async function seedDemoSurveys(tx: Queryable): Promise<void> {
  for (const r of recipients) {
    await tx
      .insert(organizations)
      .values({
        id: r.id,
        name: r.name,
        kind: r.kind,
        description: "Demo-organisasjon som har svart på IMDis behovsundersøkelse.",
        contactEmail: `post-${r.id.slice(-4)}@demo.samspill.example`,
        isDemo: true,
      })
      .onConflictDoNothing();
    await tx.insert(organizationMunicipalities).values({ organizationId: r.id, municipalityNumber: r.municipality }).onConflictDoNothing();
  }
  const [created] = await tx
    .insert(surveys)
    .values({
      id: demoSurveyIds.imdiInnlandet,
      title: "Hva trenger organisasjonene i Innlandet hjelp til?",
      intro:
        "IMDi vil vite hva innvandrerorganisasjoner og andre frivillige organisasjoner i Innlandet trenger for å gjøre mer for flyktninger, så kurs, veiledere og kontaktpersoner treffer.",
      senderLevel: "national",
      countyNumber: null,
      criteria: { kinds: ["migrant_organization", "voluntary", "volunteer_centre", "faith_community"], municipalities: [], counties: ["34"] },
      closesAt: new Date(Date.now() + 90 * 86_400_000),
      isDemo: true,
    })
    .onConflictDoNothing()
    .returning({ id: surveys.id });
  // Recipients and answers only with the survey itself, so a restart adds nothing.
  if (!created) return;
  await tx.insert(surveyRecipients).values({
    surveyId: created.id,
    organizationId: demoOrganizationIds.hamarVolunteerCentre,
    tokenHash: hashToken(DEMO_SURVEY_TOKEN),
    email: "post@frivilligsentral.samspill.example",
    kind: "volunteer_centre",
    countyNumber: "34",
  });
  for (const r of recipients) {
    const [recipient] = await tx
      .insert(surveyRecipients)
      .values({
        surveyId: created.id,
        organizationId: r.id,
        tokenHash: hashToken(randomToken()),
        email: `post-${r.id.slice(-4)}@demo.samspill.example`,
        kind: r.kind,
        countyNumber: "34",
      })
      .returning({ id: surveyRecipients.id });
    await tx.insert(surveyAnswers).values({ recipientId: recipient!.id, ...r.need });
  }
}
