/**
 * The demo data's fixed names: organisation and activity ids, the demo
 * accounts' e-mail addresses and their shared password. The seed writes them,
 * and the route manifest, the browser tests and the unit tests name demo data
 * through them, so none of them retypes an id or the password. Plain data
 * with no imports: Playwright loads it outside the app's build.
 */

/** Every demo account shares this password (listed in the README). */
export const DEMO_PASSWORD = "samspill-demo-2026";

export const demoOrganizationIds = {
  hamarVolunteerCentre: "00000000-0000-4000-8000-000000000101",
  hamarLanguageCafe: "00000000-0000-4000-8000-000000000102",
  hamarEmployer: "00000000-0000-4000-8000-000000000103",
  tonsbergRedCross: "00000000-0000-4000-8000-000000000201",
  tonsbergMigrantAssociation: "00000000-0000-4000-8000-000000000202",
  kinnMigrantAssociation: "00000000-0000-4000-8000-000000000301",
  kinnSportsClub: "00000000-0000-4000-8000-000000000302",
} as const;

export const demoActivityIds = {
  hamarLanguageCafe: "00000000-0000-4000-8000-00000000a101",
  hamarHomework: "00000000-0000-4000-8000-00000000a102",
  hamarWomenWalk: "00000000-0000-4000-8000-00000000a103",
  hamarHousing: "00000000-0000-4000-8000-00000000a104",
  /** Ongoing (no times, by agreement): Mjøs Bygg's tour of the building trades, with a pending partnership request to Hamar frivilligsentral. Not a placement (those are demoPlacementIds). */
  hamarPlacement: "00000000-0000-4000-8000-00000000a105",
  hamarInternal: "00000000-0000-4000-8000-00000000a106",
  hamarPartners: "00000000-0000-4000-8000-00000000a107",
  hamarStale: "00000000-0000-4000-8000-00000000a108",
  /** A parallel initiative to hamarHomework (another organisation, same day and area): /kommuner/3403/parallelle. */
  hamarLibraryHomework: "00000000-0000-4000-8000-00000000a109",
  /** Looks like the language café to the scoring, but is a different offer (women only, childcare): the demo's "distinct" pair. */
  hamarWomenConversation: "00000000-0000-4000-8000-00000000a110",
  tonsbergGuide: "00000000-0000-4000-8000-00000000a201",
  tonsbergHomework: "00000000-0000-4000-8000-00000000a202",
  tonsbergParents: "00000000-0000-4000-8000-00000000a203",
  kinnTraining: "00000000-0000-4000-8000-00000000a301",
  kinnEvening: "00000000-0000-4000-8000-00000000a302",
} as const;

/** A well-formed uuid that no demo row (organisation, activity, import job, user) has, for "does not exist" tests. */
export const UNKNOWN_ID = "00000000-0000-4000-8000-000000000999";

/** The demo account behind each role; the keys are the route manifest's signed-in roles. */
export const demoAccountEmails = {
  national_admin: "imdi@samspill.example",
  county_advisor: "innlandet@samspill.example",
  coordinator_hamar: "hamar@samspill.example",
  coordinator_tonsberg: "tonsberg@samspill.example",
  coordinator_kinn: "kinn@samspill.example",
  org_admin: "frivilligsentral@samspill.example",
  org_member: "frivillig@samspill.example",
  employer: "arbeidsgiver@samspill.example",
} as const;
export type DemoAccountKey = keyof typeof demoAccountEmails;

/**
 * Demo accounts that are not route-manifest roles (so the manifest's crawl does
 * not grow): the competence centre's done-when scenario (issue 12) needs a
 * Vestfold county advisor and an admin of the migrant organisation in Tønsberg.
 * Same password as the others.
 */
export const extraDemoAccountEmails = {
  county_advisor_vestfold: "vestfold@samspill.example",
  org_admin_tonsberg_migrant: "somalisk@samspill.example",
  /** Member of NAV Hamar (issue 14): confirms that NAV follows up the demo placement and records its check-ins. */
  nav_hamar: "nav.hamar@samspill.example",
} as const;

/** Demo guidance requests (issue 12): one Hamar holds, one handed to Innlandet, one Tønsberg answered. */
export const demoGuidanceRequestIds = {
  hamarHeldByKommune: "00000000-0000-4000-8000-00000000c101",
  hamarHandedToInnlandet: "00000000-0000-4000-8000-00000000c102",
  tonsbergAnswered: "00000000-0000-4000-8000-00000000c201",
} as const;

/** Demo events and the Innlandet network (issue 12, events). */
export const demoEventIds = {
  /** Innlandet fylkeskommune's course in Hamar: 3 seats, full, 2 on the waitlist; the org member holds a seat. */
  innlandetCourse: "00000000-0000-4000-8000-00000000e001",
  /** Hamar kommune's meeting place for the kommune, volunteers and employers. */
  hamarMeetingPlace: "00000000-0000-4000-8000-00000000e002",
  /** IMDi's national webinar. */
  imdiWebinar: "00000000-0000-4000-8000-00000000e003",
  /** The Innlandet network's next meeting, to which the last meeting's decision is carried. */
  innlandetNetworkNext: "00000000-0000-4000-8000-00000000e004",
  /** The Innlandet network's last meeting, with an agenda item and a decision. */
  innlandetNetworkLast: "00000000-0000-4000-8000-00000000e005",
} as const;

export const demoNetworkIds = {
  innlandet: "00000000-0000-4000-8000-00000000e101",
} as const;

/** Demo knowledge-bank articles (issue 12, knowledge): ids and the slugs their public pages have. */
export const demoKnowledgeArticles = {
  /** IMDi's guide to applying for grants, bokmål and nynorsk, written for migrant organisations. */
  grantsGuide: { id: "00000000-0000-4000-8000-000000004b01", slug: "slik-soker-dere-tilskudd" },
  /** Innlandet fylkeskommune's article on police certificates, for everyone. */
  policeCertificates: { id: "00000000-0000-4000-8000-000000004b02", slug: "politiattest-for-frivillige" },
  /** IMDi's link to the 2022 report. */
  report: { id: "00000000-0000-4000-8000-000000004b03", slug: "rapport-frivillige-organisasjoners-behov-for-veiledning" },
  /** IMDi's template for the annual meeting's minutes. */
  template: { id: "00000000-0000-4000-8000-000000004b04", slug: "mal-for-arsmoteprotokoll" },
  /** Innlandet's article past its review-by date (flagged to Innlandet's advisors). */
  stale: { id: "00000000-0000-4000-8000-000000004b05", slug: "rekruttere-frivillige-blant-nykomne" },
  /** Innlandet's draft: seen only by Innlandet's advisors. */
  draft: { id: "00000000-0000-4000-8000-000000004b06", slug: "samarbeidsavtale-med-kommunen" },
  /** Hamar's coordinator's proposal to Innlandet fylkeskommune. */
  proposal: { id: "00000000-0000-4000-8000-000000004b07", slug: "sprakkafe-i-hamar-slik-kom-vi-i-gang" },
} as const;

/** Demo stories (issue 12, experience sharing): one approved and public, one waiting for Hamar's review. */
export const demoStoryIds = {
  hamarHomeworkApproved: "00000000-0000-4000-8000-00000000c601",
  hamarWomenWalkPending: "00000000-0000-4000-8000-00000000c602",
} as const;

/** IMDi's demo needs survey of migrant organisations and others in Innlandet (issue 12), with enough answers to show results by kind. */
export const demoSurveyIds = {
  imdiInnlandet: "00000000-0000-4000-8000-00000000c611",
} as const;

/**
 * The personal answer link of Hamar frivilligsentral in the demo survey (not yet answered). Only demo data has a
 * token in the source; real links are random and only their hash is stored.
 */
export const DEMO_SURVEY_TOKEN = "demo-survey-hamar-frivilligsentral-2026";

/** A demo attachment (a one-page PDF) on the request Hamar handed to Innlandet: /veiledning/:id/vedlegg/:attachment. */
export const demoGuidanceAttachmentIds = {
  hamarHandedToInnlandet: "00000000-0000-4000-8000-00000000c1a1",
} as const;

/**
 * Demo development workshops (issue 13): Hamar's finished workshop with a
 * followed-up action plan and a published responsibility matrix, and Kinn's
 * workshop running today (participants vote from their phones; its report
 * prints in nynorsk). Join codes are fixed for the demo only; real ones are random.
 */
export const demoWorkshops = {
  hamar: { id: "00000000-0000-4000-8000-00000000d001", joinCode: "HAMAR2" },
  kinn: { id: "00000000-0000-4000-8000-00000000d002", joinCode: "KYST46" },
} as const;

export const demoWorkshopSessionIds = {
  hamarMain: "00000000-0000-4000-8000-00000000d011",
  hamarFollowUp: "00000000-0000-4000-8000-00000000d012",
  hamarNextFollowUp: "00000000-0000-4000-8000-00000000d013",
  kinnMain: "00000000-0000-4000-8000-00000000d021",
} as const;

/** Demo workshop participants; those without an account are invited by e-mail. */
export const demoWorkshopParticipantIds = {
  hamarCoordinator: "00000000-0000-4000-8000-00000000d101",
  hamarVolunteerCentre: "00000000-0000-4000-8000-00000000d102",
  hamarLanguageCafe: "00000000-0000-4000-8000-00000000d103",
  hamarEmployer: "00000000-0000-4000-8000-00000000d104",
  hamarNav: "00000000-0000-4000-8000-00000000d105",
  hamarCounty: "00000000-0000-4000-8000-00000000d106",
  kinnCoordinator: "00000000-0000-4000-8000-00000000d201",
  kinnMigrantAssociation: "00000000-0000-4000-8000-00000000d202",
  kinnSportsClub: "00000000-0000-4000-8000-00000000d203",
  kinnNav: "00000000-0000-4000-8000-00000000d204",
} as const;

/** Files of demo knowledge-bank articles (issue 12, knowledge): IMDi's template as a Word document (public), and a PDF on Innlandet's draft (its advisors only). */
export const demoKnowledgeFiles = {
  templateDocx: { id: "00000000-0000-4000-8000-000000004f01", articleId: "00000000-0000-4000-8000-000000004b04", name: "arsmoteprotokoll-mal.docx" },
  draftPdf: { id: "00000000-0000-4000-8000-000000004f02", articleId: "00000000-0000-4000-8000-000000004b06", name: "samarbeidsavtale-utkast.pdf" },
} as const;

/** Demo responsibility matrices (issue 13, H3): Hamar's workshop copy and its published "who does what", Kinn's running draft (with one conflict). */
export const demoMatrixIds = {
  hamarWorkshop: "00000000-0000-4000-8000-00000000d301",
  hamarPublished: "00000000-0000-4000-8000-00000000d302",
  kinnWorkshop: "00000000-0000-4000-8000-00000000d303",
} as const;

/**
 * Demo action plan of Hamar's closed workshop (issue 13, H4): two public bodies as owner organisations (the
 * register has no kommune or NAV unit in the demo), and the actions. The volunteer centre (the org_admin and
 * org_member demo accounts) owns `volunteerMentors`, so updating status as an owner can be tried.
 */
export const demoWorkshopActionIds = {
  hamarMunicipalityOrg: "00000000-0000-4000-8000-00000000e001",
  navHamarOrg: "00000000-0000-4000-8000-00000000e002",
  sharedOverview: "00000000-0000-4000-8000-00000000e101",
  navContactPoint: "00000000-0000-4000-8000-00000000e102",
  volunteerMentors: "00000000-0000-4000-8000-00000000e103",
  languagePractice: "00000000-0000-4000-8000-00000000e104",
  workPlacements: "00000000-0000-4000-8000-00000000e105",
  meetingPlace: "00000000-0000-4000-8000-00000000e106",
  competenceMapping: "00000000-0000-4000-8000-00000000e107",
} as const;

/** Demo obstacles and solutions of the workshops (issue 13, run): Hamar's ranked list with solutions for the top four, Kinn's running list. */
export const demoWorkshopRunIds = {
  hamarObstacles: Array.from({ length: 11 }, (_, i) => `00000000-0000-4000-8000-00000000e0${String(i + 1).padStart(2, "0")}`),
  hamarSolutions: Array.from({ length: 8 }, (_, i) => `00000000-0000-4000-8000-00000000e1${String(i + 1).padStart(2, "0")}`),
  kinnObstacles: Array.from({ length: 5 }, (_, i) => `00000000-0000-4000-8000-00000000e2${String(i + 1).padStart(2, "0")}`),
} as const;

/** Demo obstacles handed up from Hamar's workshop (issue 13, report): to IMDi (answered "taken up") and to Innlandet fylkeskommune (open). */
export const demoWorkshopEscalationIds = {
  hamarToImdi: "00000000-0000-4000-8000-00000000e301",
  hamarToInnlandet: "00000000-0000-4000-8000-00000000e302",
} as const;

/** Demo needs (issue 14): Hamar's housing-guidance need (posted by the kommune, tied to March's settlement) and more. */
export const demoNeedIds = {
  /** "20 housing-guidance volunteers for families settled in March": posted by Hamar's coordinator, one commitment pending. */
  hamarHousingGuidance: "00000000-0000-4000-8000-00000000f101",
  /** "Homework help for 15 pupils at the reception centre": posted by Hamar frivilligsentral. */
  hamarReceptionHomework: "00000000-0000-4000-8000-00000000f102",
  /** Tønsberg's own need: another kommune's, for the authorization tests. */
  tonsbergLanguageCafeHosts: "00000000-0000-4000-8000-00000000f201",
} as const;

/** Demo volunteer roles (issue 14): on Hamar's homework activity and on the housing-guidance need. */
export const demoVolunteerRoleIds = {
  hamarHomeworkHelper: "00000000-0000-4000-8000-00000000f111",
  hamarHousingGuide: "00000000-0000-4000-8000-00000000f112",
  tonsbergHomeworkHelper: "00000000-0000-4000-8000-00000000f211",
} as const;

/** Demo placements (issue 14): Mjøs Bygg's practice placement followed up by NAV Hamar, and an ended one with outcomes. */
export const demoPlacementIds = {
  hamarBuildingPractice: "00000000-0000-4000-8000-00000000f121",
  hamarEndedApprenticeship: "00000000-0000-4000-8000-00000000f122",
  /** Language practice at Mjøs Bygg's warehouse, awaiting NAV Hamar's confirmation (the follow-up inbox's first row). */
  hamarLanguagePracticeAwaiting: "00000000-0000-4000-8000-00000000f123",
} as const;
