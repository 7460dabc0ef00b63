import { eq } from "drizzle-orm";
import { activities, activityPartners, municipalities } from "~/db/schema/index.ts";
import type { Queryable } from "~/db/client.server.ts";
import type { ActivityTranslations } from "~/db/schema/activities.ts";
import { derivedScheduleFields, parseOsloLocal } from "~/domain/activities/schedule.ts";
import { rememberSearchWords, wordsOf } from "~/domain/activities/activities.server.ts";
import { tagWordsFor } from "~/domain/activities/tag-words.ts";
import type { ActivityTheme, TargetGroup, ActivityVisibility, ScheduleKind } from "~/domain/activities/activities.constants.ts";
import { demoActivityIds, demoOrganizationIds as org } from "./ids.ts";

interface DemoActivity {
  id: string;
  organizationId: string;
  municipalityNumber: string;
  title: string;
  description: string;
  howToJoin: string;
  translations?: ActivityTranslations;
  themes: ActivityTheme[];
  targetGroups: TargetGroup[];
  languages: string[];
  address: string;
  postalCode: string;
  postalPlace: string;
  latitude: number;
  longitude: number;
  scheduleKind: ScheduleKind;
  startsAt?: string;
  durationMinutes?: number;
  rrule?: string;
  extraDates?: string[];
  capacity?: number;
  isFree?: boolean;
  costDescription?: string;
  seeksVolunteers?: boolean;
  volunteerTasks?: string;
  visibility?: ActivityVisibility;
  /** Confirmed partnerships. */
  partners?: string[];
  /** Partnerships asked for and not yet answered (the partner's admins see them on its activities page). */
  pendingPartners?: string[];
  /** Months since it was last confirmed (to show the staleness flag in the demo). */
  confirmedMonthsAgo?: number;
}

/** Where demo activities happen; several share a venue. */
const places = {
  hamarLibrary: { address: "Grønnegata 12", postalCode: "2317", postalPlace: "Hamar", latitude: 60.7945, longitude: 11.0679 },
  hamarVolunteerCentre: { address: "Torggata 40", postalCode: "2317", postalPlace: "Hamar", latitude: 60.7961, longitude: 11.0734 },
  hamarStrandvegen: { address: "Strandvegen 100", postalCode: "2315", postalPlace: "Hamar", latitude: 60.8012, longitude: 11.0318 },
  mjosBygg: { address: "Industrigata 8", postalCode: "2316", postalPlace: "Hamar", latitude: 60.7856, longitude: 11.0891 },
  vikingskipet: { address: "Vikingskipet, Åkersvikavegen 1", postalCode: "2321", postalPlace: "Hamar", latitude: 60.7921, longitude: 11.1004 },
  tonsbergRedCross: { address: "Farmannsveien 30", postalCode: "3111", postalPlace: "Tønsberg", latitude: 59.2713, longitude: 10.4096 },
  tonsbergKammegata: { address: "Kammegata 6", postalCode: "3110", postalPlace: "Tønsberg", latitude: 59.2676, longitude: 10.4076 },
  tonsbergStorgaten: { address: "Storgaten 24", postalCode: "3126", postalPlace: "Tønsberg", latitude: 59.2669, longitude: 10.4138 },
  floroStadium: { address: "Stadionvegen 2", postalCode: "6900", postalPlace: "Florø", latitude: 61.6003, longitude: 5.0465 },
  floroStrandgata: { address: "Strandgata 30", postalCode: "6900", postalPlace: "Florø", latitude: 61.5996, longitude: 5.0328 },
} satisfies Record<string, Pick<DemoActivity, "address" | "postalCode" | "postalPlace" | "latitude" | "longitude">>;

const demoActivities: DemoActivity[] = [
  {
    id: demoActivityIds.hamarLanguageCafe,
    organizationId: org.hamarLanguageCafe,
    municipalityNumber: "3403",
    title: "Språkkafé på Hamar bibliotek",
    description: "Øv på norsk i en uformell prat over en kopp kaffe. Frivillige språkvenner er til stede, og alle nivåer er velkomne.",
    howToJoin: "Bare møt opp. Ingen påmelding.",
    translations: {
      nn: {
        title: "Språkkafé på Hamar bibliotek",
        description: "Øv på norsk i ein uformell prat over ein kopp kaffi. Alle nivå er velkomne.",
        howToJoin: "Berre møt opp.",
      },
      en: {
        title: "Language café at Hamar library",
        description: "Practise Norwegian in an informal chat over a cup of coffee. Volunteer language friends are there, and all levels are welcome.",
        howToJoin: "Just come along. No registration.",
      },
      ar: {
        title: "مقهى اللغة في مكتبة هامار",
        description: "تدرّب على اللغة النرويجية في محادثة غير رسمية مع فنجان قهوة. يحضر متطوعون، والجميع مرحّب بهم من كل المستويات.",
        howToJoin: "تعال فقط. لا حاجة للتسجيل.",
      },
      uk: {
        title: "Мовне кафе в бібліотеці Гамара",
        description: "Практикуйте норвезьку в неформальній розмові за кавою. Усі рівні вітаються.",
        howToJoin: "Просто приходьте.",
      },
    },
    themes: ["language", "social_network"],
    targetGroups: ["adults", "newly_settled"],
    languages: ["nb", "en", "ar", "uk"],
    ...places.hamarLibrary,
    scheduleKind: "recurring",
    startsAt: "2026-01-07T17:00",
    durationMinutes: 120,
    rrule: "FREQ=WEEKLY;BYDAY=WE",
    capacity: 40,
    seeksVolunteers: true,
    volunteerTasks: "Språkvenner som liker å prate og lytte.",
    partners: [org.hamarVolunteerCentre],
  },
  {
    id: demoActivityIds.hamarHomework,
    organizationId: org.hamarVolunteerCentre,
    municipalityNumber: "3403",
    title: "Leksehjelp for barn og unge",
    description: "Frivillige hjelper elever i grunnskolen med lekser i matte, norsk og engelsk. Foreldre er velkomne til å bli med.",
    howToJoin: "Møt opp i første etasje på frivilligsentralen.",
    translations: {
      en: {
        title: "Homework help for children and young people",
        description: "Volunteers help primary and lower-secondary pupils with maths, Norwegian and English homework.",
      },
    },
    themes: ["homework_help"],
    targetGroups: ["children", "youth"],
    languages: ["nb", "ar", "ti"],
    ...places.hamarVolunteerCentre,
    scheduleKind: "recurring",
    startsAt: "2026-01-06T16:30",
    durationMinutes: 90,
    rrule: "FREQ=WEEKLY;BYDAY=TU,TH",
    capacity: 25,
    seeksVolunteers: true,
    volunteerTasks: "Voksne som kan hjelpe med matte på barneskolenivå.",
  },
  {
    id: demoActivityIds.hamarWomenWalk,
    organizationId: org.hamarVolunteerCentre,
    municipalityNumber: "3403",
    title: "Turgruppe for kvinner",
    description: "Vi går en rolig tur langs Mjøsa og snakker norsk underveis. Barnevogn går fint.",
    howToJoin: "Oppmøte ved Domkirkeodden parkering.",
    themes: ["sports_outdoors", "social_network", "health"],
    targetGroups: ["women"],
    languages: ["nb", "so", "ar"],
    ...places.hamarStrandvegen,
    scheduleKind: "recurring",
    startsAt: "2026-01-10T11:00",
    durationMinutes: 90,
    rrule: "FREQ=WEEKLY;BYDAY=SA",
  },
  {
    id: demoActivityIds.hamarHousing,
    organizationId: org.hamarVolunteerCentre,
    municipalityNumber: "3403",
    title: "Burettleiing: å bo i Norge",
    description: "Kurs om leiekontrakt, strøm, søppelsortering, nabolag og vedlikehold for nybosatte familier.",
    howToJoin: "Meld deg på hos flyktningtjenesten eller frivilligsentralen.",
    themes: ["housing", "practical_help"],
    targetGroups: ["families", "newly_settled"],
    languages: ["nb", "ar", "prs", "uk"],
    ...places.hamarVolunteerCentre,
    scheduleKind: "dates",
    startsAt: "2026-12-02T18:00",
    durationMinutes: 120,
    extraDates: ["2026-12-09T18:00", "2027-01-13T18:00"],
    capacity: 20,
  },
  {
    id: demoActivityIds.hamarPlacement,
    organizationId: org.hamarEmployer,
    municipalityNumber: "3403",
    // An activity, not a placement (issue 14): the placement itself is in placements.seed.ts.
    title: "Bli kjent med byggfagene: omvisning hos Mjøs Bygg",
    description:
      "Mjøs Bygg viser fram byggeplassen og verkstedet og forteller om fagene – tømrer, betong, maskinfører – og veien til læreplass. For deltakere i introduksjonsprogrammet og andre som vurderer en jobb i bygg. Gratis, etter avtale.",
    howToJoin: "Avtal tid med Mjøs Bygg på hr@mjosbygg.samspill.example, gjerne sammen med flyktningtjenesten eller NAV.",
    themes: ["work"],
    targetGroups: ["adults", "job_seekers"],
    languages: ["nb", "en"],
    ...places.mjosBygg,
    scheduleKind: "ongoing",
    capacity: 4,
    // Shows the partnership request to Hamar frivilligsentral's admin (frivilligsentral@samspill.example).
    pendingPartners: [org.hamarVolunteerCentre],
  },
  {
    id: demoActivityIds.hamarInternal,
    organizationId: org.hamarVolunteerCentre,
    municipalityNumber: "3403",
    title: "Planlegging av vårens frivilligkurs",
    description: "Intern arbeidsgruppe for frivilligsentralen.",
    howToJoin: "",
    themes: ["mentoring"],
    targetGroups: ["adults"],
    languages: ["nb"],
    ...places.hamarVolunteerCentre,
    scheduleKind: "dates",
    startsAt: "2027-02-03T12:00",
    durationMinutes: 60,
    visibility: "internal",
  },
  {
    id: demoActivityIds.hamarPartners,
    organizationId: org.hamarVolunteerCentre,
    municipalityNumber: "3403",
    title: "Samarbeidsmøte for språkvenner",
    description: "Felles planlegging med Språkvenner Hamar.",
    howToJoin: "",
    themes: ["language"],
    targetGroups: ["adults"],
    languages: ["nb"],
    ...places.hamarVolunteerCentre,
    scheduleKind: "dates",
    startsAt: "2027-01-20T12:00",
    durationMinutes: 60,
    visibility: "partners",
    partners: [org.hamarLanguageCafe],
  },
  {
    id: demoActivityIds.hamarStale,
    organizationId: org.hamarVolunteerCentre,
    municipalityNumber: "3403",
    title: "Sykkelopplæring for voksne",
    description: "Lær å sykle trygt i trafikken. Sykkel og hjelm kan lånes.",
    howToJoin: "Meld deg på hos frivilligsentralen.",
    themes: ["sports_outdoors", "practical_help"],
    targetGroups: ["adults", "women"],
    languages: ["nb"],
    ...places.vikingskipet,
    scheduleKind: "recurring",
    startsAt: "2026-04-13T17:00",
    durationMinutes: 60,
    rrule: "FREQ=WEEKLY;BYDAY=MO",
    confirmedMonthsAgo: 7,
  },
  {
    id: demoActivityIds.hamarLibraryHomework,
    organizationId: org.hamarLanguageCafe,
    municipalityNumber: "3403",
    title: "Leksehjelp på biblioteket",
    description: "Frivillige språkvenner hjelper barn og unge med lekser i norsk og matte. Ta med skolesekken.",
    howToJoin: "Møt opp i andre etasje på Hamar bibliotek.",
    themes: ["homework_help"],
    targetGroups: ["children", "youth"],
    languages: ["nb", "ar", "uk"],
    ...places.hamarLibrary,
    scheduleKind: "recurring",
    startsAt: "2026-01-06T17:00",
    durationMinutes: 90,
    rrule: "FREQ=WEEKLY;BYDAY=TU",
    capacity: 15,
  },
  {
    id: demoActivityIds.hamarWomenConversation,
    organizationId: org.hamarVolunteerCentre,
    municipalityNumber: "3403",
    title: "Norsk samtalegruppe for kvinner",
    description: "En liten gruppe for mødre som vil øve på norsk. Barnepass i rommet ved siden av.",
    howToJoin: "Meld deg på hos frivilligsentralen.",
    themes: ["language", "social_network", "parenting"],
    targetGroups: ["women", "adults", "newly_settled"],
    languages: ["nb", "so", "ti"],
    ...places.hamarVolunteerCentre,
    scheduleKind: "recurring",
    startsAt: "2026-01-07T17:30",
    durationMinutes: 90,
    rrule: "FREQ=WEEKLY;BYDAY=WE",
    capacity: 10,
  },
  {
    id: demoActivityIds.tonsbergGuide,
    organizationId: org.tonsbergRedCross,
    municipalityNumber: "3905",
    title: "Flyktningguide",
    description: "En frivillig guide blir kjent med en nybosatt person eller familie og hjelper med å finne fram i lokalsamfunnet.",
    howToJoin: "Ta kontakt med Røde Kors for en samtale.",
    themes: ["social_network", "mentoring"],
    targetGroups: ["newly_settled", "families"],
    languages: ["nb", "en"],
    ...places.tonsbergRedCross,
    scheduleKind: "ongoing",
    seeksVolunteers: true,
    volunteerTasks: "Guider som kan møte en familie et par ganger i måneden.",
  },
  {
    id: demoActivityIds.tonsbergHomework,
    organizationId: org.tonsbergRedCross,
    municipalityNumber: "3905",
    title: "Leksehjelp på Tønsberg bibliotek",
    description: "Gratis leksehjelp for elever, med frivillige fra Røde Kors.",
    howToJoin: "Bare møt opp.",
    themes: ["homework_help"],
    targetGroups: ["children", "youth"],
    languages: ["nb", "so"],
    ...places.tonsbergKammegata,
    scheduleKind: "recurring",
    startsAt: "2026-01-05T16:00",
    durationMinutes: 120,
    rrule: "FREQ=WEEKLY;BYDAY=MO,WE",
  },
  {
    id: demoActivityIds.tonsbergParents,
    organizationId: org.tonsbergMigrantAssociation,
    municipalityNumber: "3905",
    title: "Foreldremøte om skole og barnehage",
    description: "Samtale på somali og norsk om skolen, barnehagen og samarbeid med lærere.",
    howToJoin: "Ingen påmelding.",
    translations: {
      so: {
        title: "Kulan waalidiinta oo ku saabsan dugsiga iyo xannaanada",
        description: "Wadahadal af-Soomaali iyo Norwiiji ah oo ku saabsan dugsiga iyo xannaanada.",
      },
    },
    themes: ["parenting"],
    targetGroups: ["families"],
    languages: ["so", "nb"],
    ...places.tonsbergStorgaten,
    scheduleKind: "recurring",
    startsAt: "2026-01-15T18:00",
    durationMinutes: 120,
    rrule: "FREQ=MONTHLY;BYDAY=3TH",
  },
  {
    id: demoActivityIds.kinnTraining,
    organizationId: org.kinnSportsClub,
    municipalityNumber: "4602",
    title: "Gratis prøvetrening for nykomne",
    description: "Fotball og friidrett for barn og unge. Utstyr kan lånast.",
    howToJoin: "Møt opp på Florø stadion.",
    translations: { nn: { title: "Gratis prøvetrening for nykomne", description: "Fotball og friidrett for born og unge. Utstyr kan lånast." } },
    themes: ["sports_outdoors"],
    targetGroups: ["children", "youth"],
    languages: ["nn", "en"],
    ...places.floroStadium,
    scheduleKind: "recurring",
    startsAt: "2026-01-08T17:30",
    durationMinutes: 90,
    rrule: "FREQ=WEEKLY;BYDAY=TH",
  },
  {
    id: demoActivityIds.kinnEvening,
    organizationId: org.kinnMigrantAssociation,
    municipalityNumber: "4602",
    title: "Fleirkulturell kveld",
    description: "Mat, musikk og samtale for nye og gamle innbyggjarar i Florø.",
    howToJoin: "Alle er velkomne.",
    themes: ["culture_leisure", "social_network"],
    targetGroups: ["everyone"],
    languages: ["nn", "ar", "ti"],
    ...places.floroStrandgata,
    scheduleKind: "recurring",
    startsAt: "2026-01-30T18:00",
    durationMinutes: 180,
    rrule: "FREQ=MONTHLY;BYDAY=-1FR",
    isFree: false,
    costDescription: "50 kroner for mat, gratis for barn.",
  },
];

/** Demo activities; idempotent like the rest of the seed. */
export async function seedDemoActivities(tx: Queryable, now = new Date()): Promise<void> {
  for (const a of demoActivities) {
    // Fields that are not columns as they stand: the schedule is parsed, partners go to their own table.
    const { startsAt: localStart, durationMinutes, rrule, extraDates, partners = [], pendingPartners = [], confirmedMonthsAgo = 0, ...columns } = a;
    const startsAt = localStart ? parseOsloLocal(localStart) : null;
    const [kommune] = await tx.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.number, a.municipalityNumber));
    const tagWords = tagWordsFor({ themes: a.themes, targetGroups: a.targetGroups, languages: a.languages ?? [] }, kommune?.name);
    const schedule = {
      kind: a.scheduleKind,
      startsAt,
      durationMinutes: durationMinutes ?? null,
      rrule: rrule ?? null,
      extraDates: (extraDates ?? []).map((d) => parseOsloLocal(d)!),
      exceptionDates: [],
    };
    const confirmed = new Date(now);
    confirmed.setMonth(confirmed.getMonth() - confirmedMonthsAgo);
    await tx
      .insert(activities)
      .values({
        translations: {},
        capacity: null,
        isFree: true,
        costDescription: null,
        seeksVolunteers: false,
        volunteerTasks: null,
        visibility: "public",
        ...columns,
        startsAt,
        durationMinutes: schedule.durationMinutes,
        rrule: schedule.rrule,
        extraDates: schedule.extraDates,
        status: "active",
        lastConfirmedAt: confirmed,
        isDemo: true,
        tagWords,
        ...derivedScheduleFields(schedule, now),
      })
      .onConflictDoNothing();
    const partnerships = [
      ...partners.map((p) => ({ activityId: a.id, organizationId: p, status: "confirmed" as const, requestedAt: now, confirmedAt: now })),
      ...pendingPartners.map((p) => ({ activityId: a.id, organizationId: p, status: "pending" as const, requestedAt: now })),
    ];
    if (partnerships.length) await tx.insert(activityPartners).values(partnerships).onConflictDoNothing();
    await rememberSearchWords(tx, wordsOf(a.title, a.description, a.translations?.en?.title, tagWords));
  }
}
