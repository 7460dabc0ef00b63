/**
 * Every route in app/routes.ts with sample URLs and the status each role must
 * get, transcribed from docs/authorization.md. The browser tests are generated
 * from it (authz.spec.ts: statuses; crawl.spec.ts: page checks), and a route
 * without an entry here fails the tests, so a new page cannot skip them.
 *
 * Kept free of Playwright imports so Vitest can check it too.
 */
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { DEMO_SURVEY_TOKEN, demoStoryIds, demoSurveyIds } from "../../app/domain/demo/ids.ts";
import { demoEventIds, demoNetworkIds } from "../../app/domain/demo/ids.ts";
import { demoWorkshops as h3Workshops } from "../../app/domain/demo/ids.ts";
import {
  demoAccountEmails as demoAccounts,
  demoActivityIds,
  demoGuidanceAttachmentIds,
  demoGuidanceRequestIds,
  demoOrganizationIds,
  UNKNOWN_ID,
} from "../../app/domain/demo/ids.ts";
import { demoKnowledgeArticles, demoKnowledgeFiles } from "../../app/domain/demo/ids.ts";
import { demoWorkshops as h5Workshops } from "../../app/domain/demo/ids.ts";
import { demoWorkshops as planWorkshops, demoWorkshopSessionIds as planWorkshopSessionIds } from "../../app/domain/demo/ids.ts";
import { demoWorkshopActionIds, demoWorkshops as h4Workshops } from "../../app/domain/demo/ids.ts";
import { demoWorkshops as runWorkshops } from "../../app/domain/demo/ids.ts";
import { demoPlacementIds as followUpPlacements } from "../../app/domain/demo/ids.ts";
import { demoNeedIds as volunteerNeeds, demoVolunteerRoleIds } from "../../app/domain/demo/ids.ts";
import { demoNeedIds } from "../../app/domain/demo/ids.ts";

export const roles = [
  "anonymous",
  "national_admin",
  "county_advisor",
  "coordinator_hamar",
  "coordinator_tonsberg",
  "coordinator_kinn",
  "org_admin",
  "org_member",
  "employer",
] as const;
export type Role = (typeof roles)[number];
export type SignedInRole = Exclude<Role, "anonymous">;

/** The demo account behind each signed-in role (the seed writes them from the same module). */
export const demoAccountEmails: Record<SignedInRole, string> = demoAccounts;
/**
 * The <html lang> a role gets on a URL when nobody chose a language: bokmål, except that a nynorsk kommune's
 * pages and its coordinators default to its målform (Kinn writes nynorsk; app/i18n/malform.server.ts).
 */
export function expectedLang(role: Role, url: string): "nb" | "nn" {
  return role === "coordinator_kinn" || /^\/kommuner\/4602(\/|$|\?)/.test(url) ? "nn" : "nb";
}

/**
 * A status code, or a redirect (302/303) whose Location starts with `to`
 * (`exact`: equals it, ignoring the origin).
 */
export type Expectation = number | { redirect: string; exact?: boolean };

/** Anonymous visitors of a protected page go to sign-in (with ?neste=…). */
export const SIGN_IN: Expectation = { redirect: "/logg-inn" };
export const toHome: Expectation = { redirect: "/", exact: true };

export interface Sample {
  url: string;
  /** What a GET answers for each role. */
  expect: Record<Role, Expectation>;
  /** Load it in the browser for page checks (axe, one h1, lang, console): false for redirects, JSON and OIDC endpoints. */
  crawl: boolean;
  /**
   * Who the crawl loads it as (each must get 200). Default: anonymous (if
   * 200) and the most privileged signed-in role that gets 200, see
   * tests/e2e/support/crawl-plan.ts. Name roles here when a page renders
   * differently for them in a way those two miss.
   */
  crawlAs?: readonly Role[];
  /** Why this sample exists, shown in test titles. */
  note?: string;
}

export interface ManifestEntry {
  /** The route pattern as a URL path: "/", "/organisasjoner/:id", "/*". */
  pattern: string;
  samples: Sample[];
}

/** Demo ids used in docs/authorization.md. */
export const ids = {
  ...demoOrganizationIds,
  /** Well-formed but not in the database. */
  unknownOrganization: UNKNOWN_ID,
  malformedOrganization: "not-a-uuid",
  hamar: "3403",
  tonsberg: "3905",
  kinn: "4602",
  unknownMunicipality: "9999",
  malformedMunicipality: "abc",
} as const;

/** The browser tests' OpenID Connect provider (tests/support/oidc-provider-server.ts), on OIDC_TEST_PORT when a run moves it. */
const testOidcIssuer = `http://127.0.0.1:${process.env.OIDC_TEST_PORT ?? 3901}`;

const signedInRoles = roles.filter((r): r is SignedInRole => r !== "anonymous");

/** The same answer for everybody. */
function all(expectation: Expectation): Record<Role, Expectation> {
  return Object.fromEntries(roles.map((r) => [r, expectation])) as Record<Role, Expectation>;
}

/** Anonymous → sign-in; the listed roles → 200; every other signed-in role → `otherwise`. */
function protectedFor(allowed: readonly SignedInRole[] | "all", otherwise: Expectation = 403): Record<Role, Expectation> {
  const result = { anonymous: SIGN_IN } as Record<Role, Expectation>;
  for (const role of signedInRoles) result[role] = allowed === "all" || allowed.includes(role) ? 200 : otherwise;
  return result;
}

/** Anonymous → sign-in; every signed-in role → `status` (e.g. 404 for a malformed id). */
function signedInGets(status: Expectation): Record<Role, Expectation> {
  return protectedFor([], status);
}

/** Anonymous gets one answer, signed-in users another. */
function anonymousVsSignedIn(anonymous: Expectation, signedIn: Expectation): Record<Role, Expectation> {
  return { ...all(signedIn), anonymous };
}

/** The Brreg import's pages: national admins and municipal coordinators get `status`, other signed-in roles 403. */
function importersGet(status: Expectation): Record<Role, Expectation> {
  return { ...protectedFor([], 403), national_admin: status, coordinator_hamar: status, coordinator_tonsberg: status, coordinator_kinn: status };
}

// Who coordinates what: Hamar (3403) is in Innlandet (34), the county advisor's
// fylke; Tønsberg (3905) is in Vestfold and Kinn (4602) in Vestland.
const coordinatesHamar = ["national_admin", "county_advisor", "coordinator_hamar"] as const;
const coordinatesTonsberg = ["national_admin", "coordinator_tonsberg"] as const;
const coordinatesKinn = ["national_admin", "coordinator_kinn"] as const;

const org = (id: string, suffix = "") => `/organisasjoner/${id}${suffix}`;

/** Demo activities, all run by Hamar frivilligsentral except the language café (Språkvenner Hamar's, partnered by the centre). */
const finderActivityIds = {
  languageCafe: demoActivityIds.hamarLanguageCafe,
  homework: demoActivityIds.hamarHomework,
  internal: demoActivityIds.hamarInternal,
  /** Partner: Språkvenner Hamar, which no demo account belongs to. */
  partnersOnly: demoActivityIds.hamarPartners,
  stale: demoActivityIds.hamarStale,
} as const;
/**
 * An internal or partners-only activity of Hamar
 * frivilligsentral: its members and those who coordinate Hamar read it; for
 * everybody else it does not exist (404, also for anonymous visitors).
 */
const readsHamarVolunteerCentreActivity: Record<Role, Expectation> = {
  ...all(404),
  ...Object.fromEntries([...coordinatesHamar, "org_admin", "org_member"].map((r) => [r, 200])),
};

export const manifest: ManifestEntry[] = [
  { pattern: "/", samples: [{ url: "/", expect: all(200), crawl: true }] },
  { pattern: "/sprak", samples: [{ url: "/sprak", expect: all(toHome), crawl: false }] },

  {
    pattern: "/logg-inn",
    samples: [
      { url: "/logg-inn", expect: anonymousVsSignedIn(200, toHome), crawl: true },
      {
        url: "/logg-inn?neste=%2Fkommuner",
        expect: anonymousVsSignedIn(200, { redirect: "/kommuner", exact: true }),
        crawl: true,
        note: "signed in: back to ?neste",
      },
      {
        url: "/logg-inn?neste=https%3A%2F%2Fevil.example%2F",
        expect: anonymousVsSignedIn(200, toHome),
        crawl: false,
        note: "no open redirect",
      },
    ],
  },
  {
    pattern: "/logg-inn/lenke",
    samples: [{ url: "/logg-inn/lenke?token=ugyldig-lenke", expect: all(200), crawl: true, note: "GET never consumes the token" }],
  },
  { pattern: "/logg-ut", samples: [{ url: "/logg-ut", expect: all(toHome), crawl: false }] },
  {
    pattern: "/registrer",
    samples: [{ url: "/registrer", expect: anonymousVsSignedIn(200, { redirect: "/min-side" }), crawl: true }],
  },
  { pattern: "/glemt-passord", samples: [{ url: "/glemt-passord", expect: all(200), crawl: true }] },
  { pattern: "/nytt-passord", samples: [{ url: "/nytt-passord?token=ugyldig-lenke", expect: all(200), crawl: true }] },
  { pattern: "/bekreft-epost", samples: [{ url: "/bekreft-epost?token=ugyldig-lenke", expect: all(200), crawl: true }] },
  {
    pattern: "/auth/oidc/:provider",
    samples: [
      { url: "/auth/oidc/ukjent", expect: all(404), crawl: false, note: "unknown provider" },
      { url: "/auth/oidc/testidp", expect: all({ redirect: `${testOidcIssuer}/` }), crawl: false, note: "to the provider" },
    ],
  },
  {
    pattern: "/auth/oidc/:provider/callback",
    samples: [
      { url: "/auth/oidc/testidp/callback", expect: all(400), crawl: false, note: "missing state" },
      { url: "/auth/oidc/testidp/callback?state=ukjent&code=ukjent", expect: all(400), crawl: false, note: "unknown state" },
    ],
  },

  { pattern: "/min-side", samples: [{ url: "/min-side", expect: protectedFor("all"), crawl: true }] },
  { pattern: "/min-side/personvern", samples: [{ url: "/min-side/personvern", expect: protectedFor("all"), crawl: true }] },
  { pattern: "/min-side/eksport", samples: [{ url: "/min-side/eksport", expect: protectedFor("all"), crawl: false, note: "JSON download" }] },

  {
    pattern: "/organisasjoner",
    samples: [
      { url: "/organisasjoner", expect: all(200), crawl: true },
      { url: "/organisasjoner?q=Hamar&side=1", expect: all(200), crawl: true, note: "search" },
      { url: "/organisasjoner?q=%3Cscript%3E&side=abc", expect: all(200), crawl: false, note: "odd query values" },
    ],
  },
  { pattern: "/organisasjoner/ny", samples: [{ url: "/organisasjoner/ny", expect: protectedFor("all"), crawl: true }] },
  {
    pattern: "/organisasjoner/:id",
    samples: [
      { url: org(ids.hamarVolunteerCentre), expect: all(200), crawl: true, note: "Hamar organisation" },
      { url: org(ids.tonsbergRedCross), expect: all(200), crawl: true, note: "Tønsberg organisation" },
      { url: org(ids.hamarEmployer), expect: all(200), crawl: true, note: "employer" },
      { url: org(ids.unknownOrganization), expect: all(404), crawl: true, note: "unknown id" },
      { url: org(ids.malformedOrganization), expect: all(404), crawl: true, note: "malformed id" },
    ],
  },
  {
    pattern: "/organisasjoner/:id/rediger",
    samples: [
      { url: org(ids.hamarVolunteerCentre, "/rediger"), expect: protectedFor([...coordinatesHamar, "org_admin"]), crawl: true, note: "own organisation" },
      { url: org(ids.tonsbergRedCross, "/rediger"), expect: protectedFor(coordinatesTonsberg), crawl: true, note: "other tenant" },
      { url: org(ids.unknownOrganization, "/rediger"), expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: org(ids.malformedOrganization, "/rediger"), expect: signedInGets(404), crawl: true, note: "malformed id" },
    ],
  },
  {
    pattern: "/organisasjoner/:id/medlemmer",
    samples: [
      {
        url: org(ids.hamarVolunteerCentre, "/medlemmer"),
        expect: protectedFor([...coordinatesHamar, "org_admin", "org_member"]),
        crawl: true,
        note: "Hamar frivilligsentral",
      },
      { url: org(ids.hamarEmployer, "/medlemmer"), expect: protectedFor([...coordinatesHamar, "employer"]), crawl: true, note: "Mjøs Bygg" },
      { url: org(ids.tonsbergRedCross, "/medlemmer"), expect: protectedFor(coordinatesTonsberg), crawl: true, note: "other tenant" },
      { url: org(ids.kinnMigrantAssociation, "/medlemmer"), expect: protectedFor(coordinatesKinn), crawl: false, note: "Kinn" },
      { url: org(ids.malformedOrganization, "/medlemmer"), expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/organisasjoner/:id/logg",
    samples: [
      { url: org(ids.hamarVolunteerCentre, "/logg"), expect: protectedFor(["national_admin", "org_admin"]), crawl: true, note: "own organisation" },
      { url: org(ids.hamarEmployer, "/logg"), expect: protectedFor(["national_admin", "employer"]), crawl: false, note: "Mjøs Bygg" },
      { url: org(ids.tonsbergRedCross, "/logg"), expect: protectedFor(["national_admin"]), crawl: false, note: "other tenant" },
      { url: org(ids.malformedOrganization, "/logg"), expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/organisasjoner/:id/slaa-sammen",
    samples: [
      { url: org(ids.hamarVolunteerCentre, "/slaa-sammen"), expect: protectedFor(coordinatesHamar), crawl: true, note: "own organisation" },
      {
        url: org(ids.hamarVolunteerCentre, "/slaa-sammen?q=Hamar"),
        expect: protectedFor(coordinatesHamar),
        crawl: true,
        note: "search for candidates",
      },
      {
        url: org(ids.hamarVolunteerCentre, `/slaa-sammen?kilde=${ids.hamarLanguageCafe}`),
        expect: protectedFor(coordinatesHamar),
        crawl: true,
        note: "preview of a chosen duplicate",
      },
      { url: org(ids.tonsbergRedCross, "/slaa-sammen"), expect: protectedFor(coordinatesTonsberg), crawl: false, note: "other tenant" },
      { url: org(ids.unknownOrganization, "/slaa-sammen"), expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: org(ids.malformedOrganization, "/slaa-sammen"), expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/organisasjoner/:id/aktiviteter",
    samples: [
      {
        url: org(ids.hamarVolunteerCentre, "/aktiviteter"),
        expect: all(200),
        crawl: true,
        // Its admin also sees the partnership requests (demo: Mjøs Bygg's placement) with confirm/decline forms,
        // and "similar activities of others" (#lignende: the homework pair) with the follow-up forms.
        crawlAs: ["anonymous", "national_admin", "org_admin", "org_member"],
        note: "internal ones only for members and coordinators; POST intent=partnership and intent=similar only for its admins (403 for others); #lignende only for its admins",
      },
      // The employer administers Mjøs Bygg: its own similar section (no public homework-like offer of others).
      { url: org(ids.hamarEmployer, "/aktiviteter"), expect: all(200), crawl: true, crawlAs: ["anonymous", "employer"], note: "another organisation" },
      { url: org(ids.unknownOrganization, "/aktiviteter"), expect: all(404), crawl: false, note: "unknown id" },
      { url: org(ids.malformedOrganization, "/aktiviteter"), expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/organisasjoner/:id/aktiviteter/ny",
    samples: [
      {
        url: org(ids.hamarVolunteerCentre, "/aktiviteter/ny"),
        expect: protectedFor(["national_admin", "org_admin", "org_member"]),
        crawl: true,
        note: "own organisation",
      },
      { url: org(ids.tonsbergRedCross, "/aktiviteter/ny"), expect: protectedFor(["national_admin"]), crawl: false, note: "other organisation" },
      { url: org(ids.unknownOrganization, "/aktiviteter/ny"), expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: org(ids.malformedOrganization, "/aktiviteter/ny"), expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/invitasjon/:token",
    samples: [{ url: "/invitasjon/ugyldig-invitasjon", expect: all(400), crawl: true, note: "unknown token" }],
  },

  { pattern: "/kommuner", samples: [{ url: "/kommuner", expect: all(200), crawl: true }] },
  {
    pattern: "/kommuner/:number",
    samples: [
      { url: `/kommuner/${ids.hamar}`, expect: all(200), crawl: true, note: "Hamar" },
      { url: `/kommuner/${ids.tonsberg}`, expect: all(200), crawl: true, note: "Tønsberg" },
      { url: `/kommuner/${ids.unknownMunicipality}`, expect: all(404), crawl: true, note: "unknown number" },
      { url: `/kommuner/${ids.malformedMunicipality}`, expect: all(404), crawl: false, note: "malformed number" },
    ],
  },
  {
    pattern: "/kommuner/:number/intern",
    samples: [
      {
        url: `/kommuner/${ids.hamar}/intern`,
        expect: protectedFor(coordinatesHamar),
        crawl: true,
        // Hamar's coordinator gets the contact form (#kontakt); the county advisor reads it only.
        crawlAs: ["coordinator_hamar", "county_advisor"],
        note: "Hamar; POST intent=contact / remove-contact only for its own coordinators and national admins (county advisors 403)",
      },
      { url: `/kommuner/${ids.tonsberg}/intern`, expect: protectedFor(coordinatesTonsberg), crawl: true, note: "Tønsberg" },
      { url: `/kommuner/${ids.kinn}/intern`, expect: protectedFor(coordinatesKinn), crawl: false, note: "Kinn" },
      { url: `/kommuner/${ids.unknownMunicipality}/intern`, expect: signedInGets(404), crawl: false, note: "unknown number" },
      { url: `/kommuner/${ids.malformedMunicipality}/intern`, expect: signedInGets(404), crawl: false, note: "malformed number" },
    ],
  },
  {
    // Kommune overview: everybody gets a 200 — the full overview for those who coordinate the kommune, the
    // public summary (public activities, no stale list, no reminders) for everyone else; tests/e2e/overview.spec.ts
    // checks which variant each role gets.
    pattern: "/kommuner/:number/oversikt",
    samples: [
      { url: `/kommuner/${ids.hamar}/oversikt`, expect: all(200), crawl: true, note: "Hamar" },
      { url: `/kommuner/${ids.tonsberg}/oversikt`, expect: all(200), crawl: true, note: "Tønsberg" },
      { url: `/kommuner/${ids.hamar}/oversikt?aar=2024`, expect: all(200), crawl: false, note: "another year" },
      { url: `/kommuner/${ids.hamar}/oversikt?aar=%3Cscript%3E`, expect: all(400), crawl: false, note: "bad year" },
      { url: `/kommuner/${ids.unknownMunicipality}/oversikt`, expect: all(404), crawl: false, note: "unknown number" },
      { url: `/kommuner/${ids.malformedMunicipality}/oversikt`, expect: all(404), crawl: false, note: "malformed number" },
    ],
  },
  {
    pattern: "/kommuner/:number/oversikt/utskrift",
    samples: [
      { url: `/kommuner/${ids.hamar}/oversikt/utskrift`, expect: all(200), crawl: true, note: "Hamar" },
      { url: `/kommuner/${ids.tonsberg}/oversikt/utskrift`, expect: all(200), crawl: false, note: "Tønsberg" },
      { url: `/kommuner/${ids.unknownMunicipality}/oversikt/utskrift`, expect: all(404), crawl: false, note: "unknown number" },
    ],
  },
  {
    // Downloads of the overview's tables: public figures for everybody; the stale table only for those who coordinate the kommune.
    pattern: "/kommuner/:number/oversikt/eksport.csv",
    samples: [
      { url: `/kommuner/${ids.hamar}/oversikt/eksport.csv?tabell=tema`, expect: all(200), crawl: false, note: "themes" },
      { url: `/kommuner/${ids.hamar}/oversikt/eksport.csv?tabell=hull`, expect: all(200), crawl: false, note: "gaps" },
      {
        url: `/kommuner/${ids.hamar}/oversikt/eksport.csv?tabell=utdatert`,
        expect: { ...all(404), ...Object.fromEntries(coordinatesHamar.map((r) => [r, 200])) },
        crawl: false,
        note: "stale entries: coordinators only",
      },
      {
        url: `/kommuner/${ids.tonsberg}/oversikt/eksport.csv?tabell=utdatert`,
        expect: { ...all(404), ...Object.fromEntries(coordinatesTonsberg.map((r) => [r, 200])) },
        crawl: false,
        note: "Tønsberg stale entries",
      },
      { url: `/kommuner/${ids.hamar}/oversikt/eksport.csv?tabell=brukere`, expect: all(400), crawl: false, note: "unknown table" },
      { url: `/kommuner/${ids.unknownMunicipality}/oversikt/eksport.csv?tabell=tema`, expect: all(404), crawl: false, note: "unknown number" },
    ],
  },
  {
    pattern: "/kommuner/:number/oversikt/eksport.xlsx",
    samples: [
      { url: `/kommuner/${ids.hamar}/oversikt/eksport.xlsx?tabell=malgruppe`, expect: all(200), crawl: false, note: "target groups" },
      {
        url: `/kommuner/${ids.hamar}/oversikt/eksport.xlsx?tabell=utdatert`,
        expect: { ...all(404), ...Object.fromEntries(coordinatesHamar.map((r) => [r, 200])) },
        crawl: false,
        note: "stale entries: coordinators only",
      },
    ],
  },

  { pattern: "/admin", samples: [{ url: "/admin", expect: protectedFor(["national_admin", "county_advisor"]), crawl: true }] },
  { pattern: "/admin/roller", samples: [{ url: "/admin/roller", expect: protectedFor(["national_admin", "county_advisor"]), crawl: true }] },
  { pattern: "/admin/logg", samples: [{ url: "/admin/logg", expect: protectedFor(["national_admin"]), crawl: true }] },
  {
    // County roll-up: the county's advisors and national admins (Innlandet's advisor sees fylke 34, not 39).
    pattern: "/fylker/:number/oversikt",
    samples: [
      { url: "/fylker/34/oversikt", expect: protectedFor(["national_admin", "county_advisor"]), crawl: true, note: "Innlandet" },
      {
        url: "/fylker/34/oversikt?sortering=aktiviteter&retning=stigende&aar=2025",
        expect: protectedFor(["national_admin", "county_advisor"]),
        crawl: false,
        note: "Innlandet sorted",
      },
      { url: "/fylker/39/oversikt", expect: protectedFor(["national_admin"]), crawl: true, note: "Vestfold" },
      { url: "/fylker/99/oversikt", expect: signedInGets(404), crawl: false, note: "unknown fylke" },
      { url: "/fylker/x1/oversikt", expect: signedInGets(404), crawl: false, note: "malformed fylke" },
    ],
  },
  {
    // National roll-up: national admins only; bad filter values are ignored, never an error.
    pattern: "/oversikt",
    samples: [
      { url: "/oversikt", expect: protectedFor(["national_admin"]), crawl: true },
      { url: "/oversikt?malform=Nynorsk&storrelse=liten&sortering=dekning", expect: protectedFor(["national_admin"]), crawl: true, note: "filtered" },
      {
        url: "/oversikt?malform=%3Cscript%3E&storrelse=x&fylke=abc&aar=99999&sortering=1&side=-4",
        expect: protectedFor(["national_admin"]),
        crawl: false,
        note: "bad filters",
      },
    ],
  },
  {
    pattern: "/admin/import",
    samples: [
      { url: "/admin/import", expect: protectedFor(["national_admin", "coordinator_hamar", "coordinator_tonsberg", "coordinator_kinn"]), crawl: true },
      {
        url: "/admin/import?feil=tooBig",
        expect: protectedFor(["national_admin", "coordinator_hamar", "coordinator_tonsberg", "coordinator_kinn"]),
        crawl: true,
        note: "a refused upload's message",
      },
    ],
  },
  {
    pattern: "/admin/import/:id",
    samples: [
      {
        url: `/admin/import/${UNKNOWN_ID}`,
        expect: importersGet(404),
        crawl: false,
        note: "unknown job",
      },
      { url: "/admin/import/not-a-uuid", expect: importersGet(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    // Parallel initiatives: those who coordinate the kommune (its coordinator, its county advisor, national admins); else 403.
    pattern: "/kommuner/:number/parallelle",
    samples: [
      { url: `/kommuner/${ids.hamar}/parallelle`, expect: protectedFor(coordinatesHamar), crawl: true, note: "Hamar" },
      { url: `/kommuner/${ids.tonsberg}/parallelle`, expect: protectedFor(coordinatesTonsberg), crawl: true, note: "Tønsberg" },
      {
        url: `/kommuner/${ids.hamar}/parallelle?side=%3Cscript%3E&skjult=x~y`,
        expect: protectedFor(coordinatesHamar),
        crawl: false,
        note: "bad page and notice params",
      },
      { url: `/kommuner/${ids.unknownMunicipality}/parallelle`, expect: signedInGets(404), crawl: false, note: "unknown number" },
      { url: `/kommuner/${ids.malformedMunicipality}/parallelle`, expect: signedInGets(404), crawl: false, note: "malformed number" },
    ],
  },
  {
    // Settlement figures: read by those who coordinate the kommune (incl. its county advisor); entered by its coordinator and national admins.
    pattern: "/kommuner/:number/bosetting",
    samples: [
      { url: `/kommuner/${ids.hamar}/bosetting`, expect: protectedFor(coordinatesHamar), crawl: true, note: "Hamar" },
      { url: `/kommuner/${ids.tonsberg}/bosetting`, expect: protectedFor(coordinatesTonsberg), crawl: true, note: "Tønsberg" },
      { url: `/kommuner/${ids.kinn}/bosetting`, expect: protectedFor(coordinatesKinn), crawl: false, note: "Kinn" },
      { url: `/kommuner/${ids.unknownMunicipality}/bosetting`, expect: signedInGets(404), crawl: false, note: "unknown number" },
      { url: `/kommuner/${ids.malformedMunicipality}/bosetting`, expect: signedInGets(404), crawl: false, note: "malformed number" },
    ],
  },
  { pattern: "/admin/bosetting/import", samples: [{ url: "/admin/bosetting/import", expect: protectedFor(["national_admin"]), crawl: true }] },

  {
    pattern: "/aktiviteter/lignende",
    samples: [
      {
        url: "/aktiviteter/lignende?municipality=3403&title=Leksehjelp&themes=homework_help",
        expect: protectedFor("all"),
        crawl: false,
        note: "JSON for the activity form",
      },
      { url: "/aktiviteter/lignende?municipality=%3Cscript%3E&title=x&themes=nope", expect: protectedFor("all"), crawl: false, note: "odd parameters" },
    ],
  },
  {
    pattern: "/aktiviteter/:id/rediger",
    samples: [
      {
        url: `/aktiviteter/${demoActivityIds.hamarHomework}/rediger`,
        expect: protectedFor(["national_admin", "org_admin", "org_member"]),
        crawl: true,
        note: "the volunteer centre's public activity",
      },
      {
        url: `/aktiviteter/${demoActivityIds.hamarInternal}/rediger`,
        expect: { ...protectedFor(["national_admin", "org_admin", "org_member"], 404), county_advisor: 403, coordinator_hamar: 403 },
        crawl: false,
        note: "internal: 404 for those who may not read it",
      },
      { url: `/aktiviteter/${ids.unknownOrganization}/rediger`, expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: "/aktiviteter/not-a-uuid/rediger", expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/aktiviteter/:id/bekreft",
    samples: [{ url: `/aktiviteter/${demoActivityIds.hamarStale}/bekreft`, expect: all(405), crawl: false, note: "POST only" }],
  },

  {
    pattern: "/aktiviteter",
    samples: [
      { url: "/aktiviteter", expect: all(200), crawl: true, note: "public finder" },
      { url: "/aktiviteter?q=leksehjelp&municipality=3403&themes=homework_help&days=2,4&free=1", expect: all(200), crawl: true, note: "filtered" },
      { url: "/aktiviteter?view=calendar&month=2026-12", expect: all(200), crawl: true, note: "calendar view" },
      { url: "/aktiviteter?q=zzzzqqq", expect: all(200), crawl: true, note: "no results" },
      { url: "/aktiviteter?page=-1&themes=%3Cscript%3E&lat=999&sort=bogus&view=x&month=13", expect: all(200), crawl: false, note: "bad params are dropped" },
    ],
  },
  {
    pattern: "/aktiviteter/:id",
    samples: [
      { url: `/aktiviteter/${finderActivityIds.languageCafe}`, expect: all(200), crawl: true, note: "public, translated" },
      { url: `/aktiviteter/${finderActivityIds.homework}`, expect: all(200), crawl: true, note: "public, recurring" },
      { url: `/aktiviteter/${finderActivityIds.internal}`, expect: readsHamarVolunteerCentreActivity, crawl: true, note: "internal" },
      { url: `/aktiviteter/${finderActivityIds.partnersOnly}`, expect: readsHamarVolunteerCentreActivity, crawl: false, note: "partners only" },
      { url: `/aktiviteter/${finderActivityIds.stale}`, expect: all(200), crawl: true, note: "unconfirmed for 7 months: shown with a warning" },
      { url: `/aktiviteter/${ids.unknownOrganization}`, expect: all(404), crawl: false, note: "unknown id" },
      { url: "/aktiviteter/not-a-uuid", expect: all(404), crawl: false, note: "malformed id" },
    ],
  },

  // Open data (docs/open-data.md): downloads, calendar files and the JSON API; none of them are HTML pages.
  {
    pattern: "/aktiviteter/eksport.csv",
    samples: [
      {
        url: "/aktiviteter/eksport.csv?municipality=3403&themes=homework_help",
        expect: all(200),
        crawl: false,
        note: "CSV of a finder search (not captured by /aktiviteter/:id)",
      },
      {
        url: "/aktiviteter/eksport.csv?page=-1&themes=%3Cscript%3E&q=%27%3B%20drop%20table%20activities",
        expect: all(200),
        crawl: false,
        note: "bad params are dropped",
      },
    ],
  },
  {
    pattern: "/aktiviteter/eksport.xlsx",
    samples: [{ url: "/aktiviteter/eksport.xlsx?q=leksehjelp", expect: all(200), crawl: false, note: "Excel of a finder search" }],
  },
  {
    pattern: "/aktiviteter/:id/kalender.ics",
    samples: [
      { url: `/aktiviteter/${finderActivityIds.languageCafe}/kalender.ics`, expect: all(200), crawl: false, note: "public, recurring" },
      {
        url: `/aktiviteter/${finderActivityIds.internal}/kalender.ics`,
        expect: readsHamarVolunteerCentreActivity,
        crawl: false,
        note: "internal: as the activity page",
      },
      { url: `/aktiviteter/${finderActivityIds.partnersOnly}/kalender.ics`, expect: readsHamarVolunteerCentreActivity, crawl: false, note: "partners only" },
      { url: `/aktiviteter/${demoActivityIds.hamarPlacement}/kalender.ics`, expect: all(404), crawl: false, note: "ongoing: no times, plain-text explanation" },
      { url: `/aktiviteter/${ids.unknownOrganization}/kalender.ics`, expect: all(404), crawl: false, note: "unknown id" },
      { url: "/aktiviteter/not-a-uuid/kalender.ics", expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/kommuner/:number/aktiviteter.ics",
    samples: [
      { url: `/kommuner/${ids.hamar}/aktiviteter.ics`, expect: all(200), crawl: false, note: "public feed" },
      { url: `/kommuner/${ids.unknownMunicipality}/aktiviteter.ics`, expect: all(404), crawl: false, note: "unknown number" },
      { url: `/kommuner/${ids.malformedMunicipality}/aktiviteter.ics`, expect: all(404), crawl: false, note: "malformed number" },
    ],
  },
  {
    pattern: "/organisasjoner/:id/aktiviteter.ics",
    samples: [
      { url: org(ids.hamarVolunteerCentre, "/aktiviteter.ics"), expect: all(200), crawl: false, note: "public feed" },
      { url: org(ids.unknownOrganization, "/aktiviteter.ics"), expect: all(404), crawl: false, note: "unknown id" },
      { url: org(ids.malformedOrganization, "/aktiviteter.ics"), expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  { pattern: "/api/v1", samples: [{ url: "/api/v1", expect: all(200), crawl: false, note: "JSON: API index" }] },
  { pattern: "/api/v1/openapi.json", samples: [{ url: "/api/v1/openapi.json", expect: all(200), crawl: false, note: "OpenAPI 3.1" }] },
  {
    pattern: "/api/v1/services",
    samples: [
      { url: "/api/v1/services?search=leksehjelp&municipality=3403&per_page=5", expect: all(200), crawl: false, note: "JSON, the finder's search" },
      { url: "/api/v1/services?page=-1", expect: all(400), crawl: false, note: "bad page: JSON 400" },
      { url: "/api/v1/services?per_page=100000", expect: all(400), crawl: false, note: "too large page: JSON 400" },
    ],
  },
  {
    pattern: "/api/v1/services/:id",
    samples: [
      { url: `/api/v1/services/${finderActivityIds.languageCafe}`, expect: all(200), crawl: false, note: "public" },
      { url: `/api/v1/services/${finderActivityIds.internal}`, expect: all(404), crawl: false, note: "internal: public data only, for everyone" },
      { url: "/api/v1/services/not-a-uuid", expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  { pattern: "/api/v1/organizations", samples: [{ url: "/api/v1/organizations?search=Hamar", expect: all(200), crawl: false, note: "JSON" }] },
  {
    pattern: "/api/v1/organizations/:id",
    samples: [
      { url: `/api/v1/organizations/${ids.hamarVolunteerCentre}`, expect: all(200), crawl: false, note: "JSON" },
      { url: `/api/v1/organizations/${ids.unknownOrganization}`, expect: all(404), crawl: false, note: "unknown id" },
    ],
  },
  { pattern: "/api/v1/locations", samples: [{ url: "/api/v1/locations", expect: all(200), crawl: false, note: "JSON" }] },
  {
    pattern: "/api/v1/service_at_locations",
    samples: [{ url: "/api/v1/service_at_locations?page=2&per_page=3", expect: all(200), crawl: false, note: "JSON" }],
  },
  { pattern: "/api/v1/schedules", samples: [{ url: "/api/v1/schedules", expect: all(200), crawl: false, note: "JSON" }] },
  { pattern: "/api/v1/*", samples: [{ url: "/api/v1/finnes-ikke", expect: all(404), crawl: false, note: "JSON 404" }] },

  // Guidance requests (issue 12): members of the asking organisation, and those who act for exactly a body the request was
  // routed or handed to (a county advisor: only what reached its fylkeskommune); everyone else 404.
  {
    pattern: "/veiledning",
    samples: [
      { url: "/veiledning", expect: protectedFor("all"), crawl: true, crawlAs: ["county_advisor", "coordinator_hamar", "org_admin"] },
      { url: "/veiledning?liste=videre&status=new&side=2", expect: protectedFor("all"), crawl: false, note: "list, status filter and page" },
    ],
  },
  { pattern: "/veiledning/ny", samples: [{ url: "/veiledning/ny", expect: protectedFor("all"), crawl: true, crawlAs: ["org_admin", "coordinator_hamar"] }] },
  {
    pattern: "/veiledning/:id",
    samples: [
      {
        url: `/veiledning/${demoGuidanceRequestIds.hamarHeldByKommune}`,
        expect: protectedFor(["coordinator_hamar", "org_admin", "org_member"], 404),
        crawl: true,
        crawlAs: ["coordinator_hamar", "org_member"],
        note: "held by Hamar: its coordinators and the asking organisation; not the county advisor nor IMDi",
      },
      {
        url: `/veiledning/${demoGuidanceRequestIds.hamarHandedToInnlandet}`,
        expect: protectedFor(["county_advisor", "coordinator_hamar", "org_admin", "org_member"], 404),
        crawl: true,
        crawlAs: ["county_advisor", "coordinator_hamar", "org_admin"],
        note: "handed to Innlandet: its advisor answers, Hamar still reads it, the asker never sees the internal note",
      },
      {
        url: `/veiledning/${demoGuidanceRequestIds.tonsbergAnswered}`,
        expect: protectedFor(["coordinator_tonsberg"], 404),
        crawl: false,
        note: "another kommune's organisation",
      },
      { url: `/veiledning/${UNKNOWN_ID}`, expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: "/veiledning/not-a-uuid", expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/veiledning/:id/vedlegg/:attachment",
    samples: [
      {
        url: `/veiledning/${demoGuidanceRequestIds.hamarHandedToInnlandet}/vedlegg/${demoGuidanceAttachmentIds.hamarHandedToInnlandet}`,
        expect: protectedFor(["county_advisor", "coordinator_hamar", "org_admin", "org_member"], 404),
        crawl: false,
        note: "a download, only for those who may read the request",
      },
      {
        url: `/veiledning/${demoGuidanceRequestIds.hamarHeldByKommune}/vedlegg/${demoGuidanceAttachmentIds.hamarHandedToInnlandet}`,
        expect: signedInGets(404),
        crawl: false,
        note: "another request's attachment",
      },
      { url: `/veiledning/${demoGuidanceRequestIds.hamarHandedToInnlandet}/vedlegg/not-a-uuid`, expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/organisasjoner/:id/kompetanse",
    samples: [
      {
        url: org(ids.hamarVolunteerCentre, "/kompetanse"),
        expect: all(200),
        crawl: true,
        crawlAs: ["anonymous", "org_admin"],
        note: "public; its admins edit",
      },
      { url: org(ids.unknownOrganization, "/kompetanse"), expect: all(404), crawl: false, note: "unknown id" },
      { url: org(ids.malformedOrganization, "/kompetanse"), expect: all(404), crawl: false, note: "malformed id" },
    ],
  },

  // Courses, network meetings and meeting places (issue 12, events). Events and networks are public; an event's
  // organiser (the body it names, exactly, or the organising organisation's admins) edits it and reads its participants.
  {
    pattern: "/arrangementer",
    samples: [
      { url: "/arrangementer", expect: all(200), crawl: true, crawlAs: ["anonymous", "county_advisor"] },
      { url: "/arrangementer?type=course&level=regional&fylke=34&kommune=3403&side=2", expect: all(200), crawl: false, note: "filters and page" },
      { url: "/arrangementer?type=%3Cscript%3E&fylke=x&side=abc", expect: all(200), crawl: false, note: "odd query values" },
    ],
  },
  {
    pattern: "/arrangementer/ny",
    samples: [
      {
        url: "/arrangementer/ny",
        expect: protectedFor(["national_admin", "county_advisor", "coordinator_hamar", "coordinator_tonsberg", "coordinator_kinn", "org_admin", "employer"]),
        crawl: true,
        crawlAs: ["county_advisor", "org_admin"],
      },
    ],
  },
  {
    pattern: "/arrangementer/bekreft/:token",
    samples: [{ url: "/arrangementer/bekreft/ugyldig-lenke-som-ikke-finnes", expect: all(200), crawl: true, note: "unknown link: a message, never a seat" }],
  },
  {
    pattern: "/arrangementer/avmelding/:token",
    samples: [{ url: "/arrangementer/avmelding/ugyldig-lenke-som-ikke-finnes", expect: all(200), crawl: true, note: "unknown link: a message" }],
  },
  {
    pattern: "/arrangementer/:id",
    samples: [
      {
        url: `/arrangementer/${demoEventIds.innlandetCourse}`,
        expect: all(200),
        crawl: true,
        crawlAs: ["anonymous", "county_advisor", "org_member"],
        note: "full course with a waitlist",
      },
      {
        url: `/arrangementer/${demoEventIds.innlandetNetworkNext}`,
        expect: all(200),
        crawl: true,
        crawlAs: ["anonymous", "county_advisor", "org_member"],
        note: "network meeting: agenda and carried decisions for members",
      },
      { url: `/arrangementer/${demoEventIds.hamarMeetingPlace}`, expect: all(200), crawl: true, note: "meeting place" },
      { url: `/arrangementer/${UNKNOWN_ID}`, expect: all(404), crawl: false, note: "unknown id" },
      { url: "/arrangementer/not-a-uuid", expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/arrangementer/:id/rediger",
    samples: [
      {
        url: `/arrangementer/${demoEventIds.innlandetCourse}/rediger`,
        expect: protectedFor(["county_advisor"]),
        crawl: true,
        note: "the fylkeskommune's event",
      },
      { url: `/arrangementer/${demoEventIds.hamarMeetingPlace}/rediger`, expect: protectedFor(["coordinator_hamar"]), crawl: true, note: "Hamar's event" },
      { url: `/arrangementer/${UNKNOWN_ID}/rediger`, expect: signedInGets(404), crawl: false, note: "unknown id" },
    ],
  },
  {
    pattern: "/arrangementer/:id/deltakere",
    samples: [
      { url: `/arrangementer/${demoEventIds.innlandetCourse}/deltakere`, expect: protectedFor(["county_advisor"]), crawl: true, note: "organiser only" },
      { url: `/arrangementer/${demoEventIds.hamarMeetingPlace}/deltakere`, expect: protectedFor(["coordinator_hamar"]), crawl: false, note: "organiser only" },
      { url: "/arrangementer/not-a-uuid/deltakere", expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/arrangementer/:id/deltakere.csv",
    samples: [
      {
        url: `/arrangementer/${demoEventIds.innlandetCourse}/deltakere.csv`,
        expect: protectedFor(["county_advisor"]),
        crawl: false,
        note: "CSV, organiser only",
      },
      { url: `/arrangementer/${UNKNOWN_ID}/deltakere.csv`, expect: signedInGets(404), crawl: false, note: "unknown id" },
    ],
  },
  {
    pattern: "/arrangementer/:id/kalender.ics",
    samples: [
      { url: `/arrangementer/${demoEventIds.innlandetCourse}/kalender.ics`, expect: all(200), crawl: false, note: "public" },
      { url: `/arrangementer/${UNKNOWN_ID}/kalender.ics`, expect: all(404), crawl: false, note: "unknown id" },
      { url: "/arrangementer/not-a-uuid/kalender.ics", expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/kommuner/:number/arrangementer.ics",
    samples: [
      { url: `/kommuner/${ids.hamar}/arrangementer.ics`, expect: all(200), crawl: false, note: "public feed" },
      { url: `/kommuner/${ids.unknownMunicipality}/arrangementer.ics`, expect: all(404), crawl: false, note: "unknown kommune" },
      { url: `/kommuner/${ids.malformedMunicipality}/arrangementer.ics`, expect: all(404), crawl: false, note: "malformed number" },
    ],
  },
  {
    pattern: "/fylker/:number/arrangementer.ics",
    samples: [
      { url: "/fylker/34/arrangementer.ics", expect: all(200), crawl: false, note: "public feed" },
      { url: "/fylker/99/arrangementer.ics", expect: all(404), crawl: false, note: "unknown fylke" },
      { url: "/fylker/ab/arrangementer.ics", expect: all(404), crawl: false, note: "malformed number" },
    ],
  },
  { pattern: "/nettverk", samples: [{ url: "/nettverk", expect: all(200), crawl: true }] },
  {
    pattern: "/nettverk/:id",
    samples: [
      {
        url: `/nettverk/${demoNetworkIds.innlandet}`,
        expect: all(200),
        crawl: true,
        crawlAs: ["anonymous", "county_advisor", "org_member"],
        note: "backlog and decisions for members",
      },
      { url: `/nettverk/${UNKNOWN_ID}`, expect: all(404), crawl: false, note: "unknown id" },
      { url: "/nettverk/not-a-uuid", expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/nettverk/:id/medlemmer",
    samples: [
      {
        url: `/nettverk/${demoNetworkIds.innlandet}/medlemmer`,
        expect: protectedFor(["county_advisor", "coordinator_hamar", "org_admin", "org_member"]),
        crawl: true,
        crawlAs: ["county_advisor", "org_admin"],
        note: "members see the list; Innlandet's advisors (who run it) add and remove; an organisation admin may leave",
      },
      {
        url: `/nettverk/${demoNetworkIds.innlandet}/medlemmer?q=frivillig`,
        expect: protectedFor(["county_advisor", "coordinator_hamar", "org_admin", "org_member"]),
        crawl: true,
        crawlAs: ["county_advisor"],
        note: "the register search for those who run it",
      },
      { url: `/nettverk/${UNKNOWN_ID}/medlemmer`, expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: "/nettverk/not-a-uuid/medlemmer", expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  // Knowledge bank (issue 12): public search and articles; IMDi (national_admin) and Innlandet's advisor write for their own body;
  // kommune coordinators and organisation admins propose; drafts and proposals exist only for the owner body's people and the proposer.
  {
    pattern: "/kunnskap",
    samples: [
      { url: "/kunnskap", expect: all(200), crawl: true, crawlAs: ["anonymous", "national_admin", "org_admin"], note: "public search" },
      {
        url: "/kunnskap?q=tilskot&tema=grants_funding&for=migrant_organization&type=guide",
        expect: all(200),
        crawl: true,
        note: "search in nynorsk with filters",
      },
      { url: "/kunnskap?q=%3Cscript%3E&tema=x&for=y&type=z&side=-1", expect: all(200), crawl: false, note: "bad params are dropped" },
    ],
  },
  {
    pattern: "/kunnskap/ny",
    samples: [
      {
        url: "/kunnskap/ny",
        expect: protectedFor(["national_admin", "county_advisor", "coordinator_hamar", "coordinator_tonsberg", "coordinator_kinn", "org_admin", "employer"]),
        crawl: true,
        crawlAs: ["national_admin", "coordinator_hamar"],
        note: "writers write, kommune coordinators and organisation admins propose",
      },
    ],
  },
  {
    pattern: "/kunnskap/forslag",
    samples: [{ url: "/kunnskap/forslag", expect: protectedFor("all"), crawl: true, crawlAs: ["county_advisor", "coordinator_hamar"] }],
  },
  { pattern: "/kunnskap/mine", samples: [{ url: "/kunnskap/mine", expect: protectedFor("all"), crawl: true, crawlAs: ["county_advisor", "org_member"] }] },
  {
    pattern: "/kunnskap/:slug",
    samples: [
      { url: `/kunnskap/${demoKnowledgeArticles.grantsGuide.slug}`, expect: all(200), crawl: true, note: "published guide, bokmål and nynorsk" },
      { url: `/kunnskap/${demoKnowledgeArticles.grantsGuide.slug}?sprak=nn`, expect: all(200), crawl: true, note: "nynorsk version" },
      { url: `/kunnskap/${demoKnowledgeArticles.report.slug}`, expect: all(200), crawl: true, note: "report link" },
      {
        url: `/kunnskap/${demoKnowledgeArticles.draft.slug}`,
        expect: { ...all(404), county_advisor: 200 },
        crawl: true,
        note: "Innlandet's draft: its advisors only",
      },
      {
        url: `/kunnskap/${demoKnowledgeArticles.proposal.slug}`,
        expect: { ...all(404), county_advisor: 200, coordinator_hamar: 200 },
        crawl: false,
        note: "Hamar's proposal to Innlandet: the reviewing body and the proposer",
      },
      { url: "/kunnskap/finnes-ikke", expect: all(404), crawl: false, note: "unknown slug" },
    ],
  },
  {
    pattern: "/kunnskap/:id/rediger",
    samples: [
      {
        url: `/kunnskap/${demoKnowledgeArticles.grantsGuide.id}/rediger`,
        expect: protectedFor(["national_admin"]),
        crawl: true,
        note: "IMDi's published guide: IMDi only",
      },
      {
        url: `/kunnskap/${demoKnowledgeArticles.stale.id}/rediger`,
        expect: protectedFor(["county_advisor"]),
        crawl: true,
        note: "Innlandet's stale article, flagged",
      },
      {
        url: `/kunnskap/${demoKnowledgeArticles.draft.id}/rediger`,
        expect: { ...signedInGets(404), county_advisor: 200 },
        crawl: false,
        note: "Innlandet's draft: another body's people get 404",
      },
      {
        url: `/kunnskap/${demoKnowledgeArticles.proposal.id}/rediger`,
        expect: { ...signedInGets(404), county_advisor: 200, coordinator_hamar: 200 },
        crawl: true,
        crawlAs: ["county_advisor", "coordinator_hamar"],
        note: "a proposal: the reviewer reviews, the proposer edits",
      },
      { url: `/kunnskap/${UNKNOWN_ID}/rediger`, expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: "/kunnskap/not-a-uuid/rediger", expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/kunnskap/:id/filer/:file",
    samples: [
      {
        url: `/kunnskap/${demoKnowledgeFiles.templateDocx.articleId}/filer/${demoKnowledgeFiles.templateDocx.id}`,
        expect: all(200),
        crawl: false,
        note: "a published template's file: a public download",
      },
      {
        url: `/kunnskap/${demoKnowledgeFiles.draftPdf.articleId}/filer/${demoKnowledgeFiles.draftPdf.id}`,
        expect: { ...all(404), county_advisor: 200 },
        crawl: false,
        note: "a draft's file: only those who may see the draft",
      },
      {
        url: `/kunnskap/${demoKnowledgeFiles.templateDocx.articleId}/filer/${demoKnowledgeFiles.draftPdf.id}`,
        expect: all(404),
        crawl: false,
        note: "another article's file, through a published article",
      },
      { url: `/kunnskap/${demoKnowledgeFiles.templateDocx.articleId}/filer/not-a-uuid`, expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  // Competence centre (issue 12): public; each role gets its level's sections (tests/e2e/competence-centre.spec.ts runs axe as each role).
  { pattern: "/kompetansesenter", samples: [{ url: "/kompetansesenter", expect: all(200), crawl: true }] },
  // Experience sharing (issue 12, stories): approved stories are public; a pending one only for its organisation and Hamar's reviewers.
  {
    pattern: "/erfaringer",
    samples: [
      {
        url: "/erfaringer",
        expect: all(200),
        crawl: true,
        crawlAs: ["anonymous", "coordinator_hamar"],
        note: "coordinators also get the link to their review queue",
      },
      { url: "/erfaringer?tema=volunteers&type=volunteer_centre&side=1", expect: all(200), crawl: true, note: "filters" },
      { url: "/erfaringer?tema=%3Cscript%3E&type=x&side=abc", expect: all(200), crawl: false, note: "unknown filters read as none" },
    ],
  },
  {
    pattern: "/erfaringer/til-godkjenning",
    samples: [
      {
        url: "/erfaringer/til-godkjenning?side=1",
        expect: protectedFor(["national_admin", "coordinator_hamar", "coordinator_tonsberg", "coordinator_kinn"]),
        crawl: true,
        crawlAs: ["coordinator_hamar", "coordinator_tonsberg"],
        note: "each coordinator sees the stories waiting in their own kommuner (Hamar: one), IMDi all; county advisors 403",
      },
    ],
  },
  {
    pattern: "/erfaringer/:id",
    samples: [
      { url: `/erfaringer/${demoStoryIds.hamarHomeworkApproved}`, expect: all(200), crawl: true, note: "approved: public" },
      {
        url: `/erfaringer/${demoStoryIds.hamarWomenWalkPending}`,
        expect: { ...all(404), national_admin: 200, coordinator_hamar: 200, org_admin: 200, org_member: 200 },
        crawl: true,
        crawlAs: ["coordinator_hamar", "org_member"],
        note: "waiting for review: its organisation and Hamar's reviewers; POST intent=review only Hamar's coordinators and national admins (403 for the organisation, 404 for others)",
      },
      { url: `/erfaringer/${UNKNOWN_ID}`, expect: all(404), crawl: false, note: "unknown id" },
      { url: "/erfaringer/not-a-uuid", expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/erfaringer/:id/rediger",
    samples: [
      { url: `/erfaringer/${demoStoryIds.hamarHomeworkApproved}/rediger`, expect: protectedFor(["org_admin"]), crawl: true, note: "its organisation's admins" },
      { url: `/erfaringer/${UNKNOWN_ID}/rediger`, expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: "/erfaringer/not-a-uuid/rediger", expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/organisasjoner/:id/erfaringer/ny",
    samples: [
      { url: org(ids.hamarVolunteerCentre, "/erfaringer/ny"), expect: protectedFor(["org_admin"]), crawl: true, note: "own organisation's admins" },
      { url: org(ids.tonsbergRedCross, "/erfaringer/ny"), expect: protectedFor([]), crawl: false, note: "other organisation" },
      { url: org(ids.unknownOrganization, "/erfaringer/ny"), expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: org(ids.malformedOrganization, "/erfaringer/ny"), expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  // Needs surveys (issue 12, surveys): senders are IMDi (all surveys) and the fylkeskommuner (their own); answers by personal link.
  { pattern: "/undersokelser", samples: [{ url: "/undersokelser", expect: protectedFor(["national_admin", "county_advisor"]), crawl: true }] },
  {
    pattern: "/undersokelser/ny",
    samples: [
      {
        url: "/undersokelser/ny",
        expect: protectedFor(["national_admin", "county_advisor"]),
        crawl: true,
        crawlAs: ["national_admin", "county_advisor"],
        note: "POST intent=preview / send; the county advisor only Innlandet's organisations",
      },
    ],
  },
  {
    pattern: "/undersokelser/:id",
    samples: [
      {
        url: `/undersokelser/${demoSurveyIds.imdiInnlandet}`,
        expect: protectedFor(["national_admin"]),
        crawl: true,
        note: "IMDi's survey: not for a fylkeskommune",
      },
      { url: `/undersokelser/${UNKNOWN_ID}`, expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: "/undersokelser/not-a-uuid", expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/undersokelser/svar/:token",
    samples: [
      { url: `/undersokelser/svar/${DEMO_SURVEY_TOKEN}`, expect: all(200), crawl: true, note: "Hamar frivilligsentral's demo link; no account needed" },
      { url: "/undersokelser/svar/ugyldig-lenke-som-ikke-finnes", expect: all(404), crawl: false, note: "unknown token" },
      { url: "/undersokelser/svar/x", expect: all(404), crawl: false, note: "malformed token" },
    ],
  },
  // Development workshops, responsibility matrix (issue 13, H3). Hamar's closed workshop: its managers (coordinator, Innlandet's advisor) and participants (the volunteer centre's admin, the employer) read it; Kinn's running one only Kinn's coordinator manages.
  {
    pattern: "/verksteder/:id/ansvar",
    samples: [
      {
        url: `/verksteder/${h3Workshops.hamar.id}/ansvar`,
        expect: protectedFor(["coordinator_hamar", "county_advisor", "org_admin", "employer"]),
        crawl: true,
        crawlAs: ["coordinator_hamar", "employer"],
        note: "closed: read-only for all; managers get the publish form",
      },
      {
        url: `/verksteder/${h3Workshops.kinn.id}/ansvar`,
        expect: protectedFor(["coordinator_kinn"]),
        crawl: true,
        crawlAs: ["coordinator_kinn"],
        note: "running, with a conflict: the editor and the refused publish",
      },
      { url: `/verksteder/${UNKNOWN_ID}/ansvar`, expect: all(404), crawl: false, note: "unknown id" },
    ],
  },
  // Development workshops, run (issue 13, H2). Participants (by account, or by the join code's device cookie) and managers see a workshop's obstacles; IMDi, other kommuner and members not taking part do not.
  {
    pattern: "/verksteder/bli-med",
    samples: [
      { url: "/verksteder/bli-med", expect: all(200), crawl: true, crawlAs: ["anonymous"], note: "join with the code, no account" },
      {
        url: `/verksteder/bli-med?kode=${runWorkshops.kinn.joinCode}`,
        expect: all(200),
        crawl: true,
        crawlAs: ["anonymous"],
        note: "from the QR code: prefilled",
      },
    ],
  },
  {
    pattern: "/verksteder/:id/hindringer",
    samples: [
      {
        url: `/verksteder/${runWorkshops.hamar.id}/hindringer`,
        expect: protectedFor(["coordinator_hamar", "county_advisor", "org_admin", "employer"]),
        crawl: true,
        crawlAs: ["coordinator_hamar", "employer"],
        note: "closed: read-only ranked list",
      },
      {
        url: `/verksteder/${runWorkshops.kinn.id}/hindringer`,
        expect: protectedFor(["coordinator_kinn"]),
        crawl: true,
        crawlAs: ["coordinator_kinn"],
        note: "running: add, vote, manage, join QR",
      },
      { url: `/verksteder/${UNKNOWN_ID}/hindringer`, expect: all(404), crawl: false, note: "unknown id" },
    ],
  },
  {
    pattern: "/verksteder/:id/hindringer/live",
    samples: [
      {
        url: `/verksteder/${runWorkshops.kinn.id}/hindringer/live`,
        expect: protectedFor(["coordinator_kinn"]),
        crawl: true,
        crawlAs: ["coordinator_kinn"],
        note: "projector view",
      },
      {
        url: `/verksteder/${runWorkshops.hamar.id}/hindringer/live`,
        expect: protectedFor(["coordinator_hamar", "county_advisor", "org_admin", "employer"]),
        crawl: false,
      },
    ],
  },
  {
    pattern: "/verksteder/:id/live.json",
    samples: [
      { url: `/verksteder/${runWorkshops.kinn.id}/live.json`, expect: protectedFor(["coordinator_kinn"]), crawl: false, note: "polled by the live view" },
      { url: `/verksteder/${UNKNOWN_ID}/live.json`, expect: all(404), crawl: false },
    ],
  },
  {
    pattern: "/verksteder/:id/losninger",
    samples: [
      {
        url: `/verksteder/${runWorkshops.hamar.id}/losninger`,
        expect: protectedFor(["coordinator_hamar", "county_advisor", "org_admin", "employer"]),
        crawl: true,
        crawlAs: ["employer"],
        note: "solutions for the top four, read-only",
      },
      {
        url: `/verksteder/${runWorkshops.kinn.id}/losninger`,
        expect: protectedFor(["coordinator_kinn"]),
        crawl: true,
        crawlAs: ["coordinator_kinn"],
        note: "running: add solutions, set how many are prioritised",
      },
    ],
  },
  {
    pattern: "/verksteder/:id/qr.svg",
    samples: [
      { url: `/verksteder/${runWorkshops.kinn.id}/qr.svg`, expect: protectedFor(["coordinator_kinn"]), crawl: false, note: "managers show it in the room" },
    ],
  },
  {
    pattern: "/kommuner/:number/hvem-gjor-hva",
    samples: [
      {
        url: `/kommuner/${ids.hamar}/hvem-gjor-hva`,
        expect: all(200),
        crawl: true,
        crawlAs: ["anonymous", "coordinator_hamar"],
        note: "Hamar's published matrix",
      },
      { url: `/kommuner/${ids.tonsberg}/hvem-gjor-hva`, expect: all(200), crawl: true, note: "nothing published yet" },
      { url: `/kommuner/${ids.unknownMunicipality}/hvem-gjor-hva`, expect: all(404), crawl: false, note: "unknown number" },
      { url: `/kommuner/${ids.malformedMunicipality}/hvem-gjor-hva`, expect: all(404), crawl: false, note: "malformed number" },
    ],
  },
  {
    pattern: "/kommuner/:number/hvem-gjor-hva/rediger",
    samples: [
      {
        url: `/kommuner/${ids.hamar}/hvem-gjor-hva/rediger`,
        expect: protectedFor(["national_admin", "coordinator_hamar"]),
        crawl: true,
        crawlAs: ["coordinator_hamar"],
        note: "the kommune's own coordinators (and IMDi); the county advisor reads the public page only",
      },
      {
        url: `/kommuner/${ids.tonsberg}/hvem-gjor-hva/rediger`,
        expect: { ...protectedFor([]), national_admin: 404, coordinator_tonsberg: 404 },
        crawl: false,
        note: "nothing published to edit",
      },
    ],
  },
  // Development workshops, plan (issue 13, H1). Hamar's workshop: managed by its coordinator and Innlandet's advisor; the volunteer
  // centre's admin and the employer take part (hub and calendar, not the plan's forms); everyone else signed in: 404, the
  // workshop is not public. Kinn's: its coordinator.
  {
    pattern: "/verksteder",
    samples: [{ url: "/verksteder", expect: protectedFor("all"), crawl: true, crawlAs: ["coordinator_hamar", "employer", "org_member"] }],
  },
  {
    pattern: "/verksteder/ny",
    samples: [
      {
        url: "/verksteder/ny",
        expect: protectedFor(["county_advisor", "coordinator_hamar", "coordinator_tonsberg", "coordinator_kinn"]),
        crawl: true,
        crawlAs: ["county_advisor", "coordinator_hamar"],
      },
    ],
  },
  {
    pattern: "/verksteder/pamelding/:token",
    samples: [{ url: "/verksteder/pamelding/ugyldig-lenke-som-ikke-finnes", expect: all(200), crawl: true, note: "unknown link: a message" }],
  },
  {
    pattern: "/verksteder/:id",
    samples: [
      {
        url: `/verksteder/${planWorkshops.hamar.id}`,
        expect: { ...protectedFor(["coordinator_hamar", "county_advisor", "org_admin", "employer"], 404) },
        crawl: true,
        crawlAs: ["coordinator_hamar", "employer"],
        note: "managers see the plan, participants their view",
      },
      { url: `/verksteder/${planWorkshops.kinn.id}`, expect: protectedFor(["coordinator_kinn"], 404), crawl: true, note: "nynorsk kommune" },
      { url: `/verksteder/${UNKNOWN_ID}`, expect: all(404), crawl: false, note: "unknown id" },
      { url: "/verksteder/not-a-uuid", expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/verksteder/:id/rediger",
    samples: [
      {
        url: `/verksteder/${planWorkshops.kinn.id}/rediger`,
        expect: protectedFor(["coordinator_kinn"], 404),
        crawl: true,
        note: "managers only",
      },
      {
        url: `/verksteder/${planWorkshops.hamar.id}/rediger`,
        expect: { ...protectedFor(["coordinator_hamar", "county_advisor"], 404), org_admin: 403, employer: 403 },
        crawl: false,
        note: "participants may not edit the plan",
      },
      { url: `/verksteder/${UNKNOWN_ID}/rediger`, expect: signedInGets(404), crawl: false, note: "unknown id" },
    ],
  },
  {
    pattern: "/verksteder/:id/deltakere",
    samples: [
      {
        url: `/verksteder/${planWorkshops.hamar.id}/deltakere`,
        expect: { ...protectedFor(["coordinator_hamar", "county_advisor"], 404), org_admin: 403, employer: 403 },
        crawl: true,
        crawlAs: ["coordinator_hamar"],
        note: "personal data: managers only",
      },
      { url: `/verksteder/${planWorkshops.kinn.id}/deltakere`, expect: protectedFor(["coordinator_kinn"], 404), crawl: true, note: "running workshop" },
      { url: "/verksteder/not-a-uuid/deltakere", expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/verksteder/:id/okter/:session.ics",
    samples: [
      {
        url: `/verksteder/${planWorkshops.hamar.id}/okter/${planWorkshopSessionIds.hamarNextFollowUp}.ics`,
        expect: protectedFor(["coordinator_hamar", "county_advisor", "org_admin", "employer"], 404),
        crawl: false,
        note: "not public: managers and participants",
      },
      { url: `/verksteder/${planWorkshops.hamar.id}/okter/${UNKNOWN_ID}.ics`, expect: signedInGets(404), crawl: false, note: "unknown session" },
      {
        url: `/verksteder/${planWorkshops.hamar.id}/okter/${planWorkshopSessionIds.kinnMain}.ics`,
        expect: signedInGets(404),
        crawl: false,
        note: "another workshop's session: 404 for everyone",
      },
    ],
  },
  // Development workshops, action plan (issue 13, H4). Hamar's closed workshop: its managers (coordinator, Innlandet's advisor), its participants (the volunteer centre's admin, the employer) and the owner organisations' members (the volunteer centre's member) see the plan; only managers edit an action.
  {
    pattern: "/verksteder/:id/handlingsplan",
    samples: [
      {
        url: `/verksteder/${h4Workshops.hamar.id}/handlingsplan`,
        expect: protectedFor(["coordinator_hamar", "county_advisor", "org_admin", "org_member", "employer"]),
        crawl: true,
        crawlAs: ["coordinator_hamar", "org_admin", "employer"],
        note: "closed, followed up: the diff since the main session; managers get the new-action form, owners the status and note forms",
      },
      {
        url: `/verksteder/${h4Workshops.kinn.id}/handlingsplan`,
        expect: protectedFor(["coordinator_kinn"]),
        crawl: true,
        crawlAs: ["coordinator_kinn"],
        note: "running, no actions yet (nynorsk)",
      },
      { url: `/verksteder/${UNKNOWN_ID}/handlingsplan`, expect: all(404), crawl: false, note: "unknown id" },
    ],
  },
  {
    pattern: "/verksteder/:id/handlingsplan/:action",
    samples: [
      {
        url: `/verksteder/${h4Workshops.hamar.id}/handlingsplan/${demoWorkshopActionIds.volunteerMentors}`,
        expect: protectedFor(["coordinator_hamar", "county_advisor"]),
        crawl: true,
        crawlAs: ["coordinator_hamar"],
        note: "edit and delete: managers only (the owner organisation's admin updates status on the plan)",
      },
      {
        url: `/verksteder/${h4Workshops.kinn.id}/handlingsplan/${demoWorkshopActionIds.volunteerMentors}`,
        expect: { ...protectedFor([]), coordinator_kinn: 404 },
        crawl: false,
        note: "another workshop's action: not found for Kinn's manager",
      },
      {
        url: `/verksteder/${h4Workshops.hamar.id}/handlingsplan/${UNKNOWN_ID}`,
        expect: { ...protectedFor([]), coordinator_hamar: 404, county_advisor: 404 },
        crawl: false,
        note: "unknown action",
      },
      { url: `/verksteder/${UNKNOWN_ID}/handlingsplan/${UNKNOWN_ID}`, expect: all(404), crawl: false, note: "unknown workshop" },
    ],
  },
  // Development workshops, report and above the kommune (issue 13, H5). Hamar's workshop: managed by its coordinator and Innlandet's advisor; the volunteer centre's admin and the employer take part.
  {
    pattern: "/verksteder/innspill",
    samples: [
      {
        url: "/verksteder/innspill",
        expect: protectedFor(["national_admin", "county_advisor"]),
        crawl: true,
        crawlAs: ["national_admin", "county_advisor"],
        note: "obstacles handed up: IMDi's and Innlandet's own",
      },
    ],
  },
  {
    pattern: "/verksteder/hindringer-pa-tvers",
    samples: [
      {
        url: "/verksteder/hindringer-pa-tvers",
        expect: protectedFor(["national_admin", "county_advisor"]),
        crawl: true,
        crawlAs: ["national_admin", "county_advisor"],
        note: "IMDi: all workshops; a county advisor: their fylke's",
      },
    ],
  },
  {
    pattern: "/verksteder/:id/innspill",
    samples: [
      {
        url: `/verksteder/${h5Workshops.hamar.id}/innspill`,
        expect: protectedFor(["coordinator_hamar", "county_advisor", "org_admin", "employer"]),
        crawl: true,
        crawlAs: ["coordinator_hamar", "employer"],
        note: "managers hand obstacles up; participants read the answers",
      },
      { url: `/verksteder/${UNKNOWN_ID}/innspill`, expect: all(404), crawl: false, note: "unknown id (found out before who asks)" },
    ],
  },
  {
    pattern: "/verksteder/:id/rapport",
    samples: [
      {
        url: `/verksteder/${h5Workshops.hamar.id}/rapport`,
        expect: protectedFor(["coordinator_hamar", "county_advisor", "org_admin", "employer"]),
        crawl: true,
        crawlAs: ["coordinator_hamar", "employer"],
        note: "printable; names only for managers",
      },
      { url: `/verksteder/${UNKNOWN_ID}/rapport`, expect: all(404), crawl: false, note: "unknown id" },
    ],
  },
  {
    pattern: "/verksteder/:id/rapport.pdf",
    samples: [
      {
        url: `/verksteder/${h5Workshops.hamar.id}/rapport.pdf`,
        expect: protectedFor(["coordinator_hamar", "county_advisor", "org_admin", "employer"]),
        crawl: false,
        note: "PDF in the kommune's målform",
      },
    ],
  },
  // Placements (issue 14, H4): public list, detail and incentives page; posting for members of an employer organisation; editing for the employer's members; the follow-up inbox for kommune units, NAV offices and kommune coordinators (NAV Hamar's account is not a manifest role).
  {
    pattern: "/praksisplasser",
    samples: [
      { url: "/praksisplasser", expect: all(200), crawl: true, crawlAs: ["anonymous", "employer"] },
      {
        url: "/praksisplasser?kommune=3403&type=language_practice&bransje=transport_logistics&side=2",
        expect: all(200),
        crawl: false,
        note: "filters and page",
      },
    ],
  },
  { pattern: "/praksisplasser/ny", samples: [{ url: "/praksisplasser/ny", expect: protectedFor(["employer"]), crawl: true, crawlAs: ["employer"] }] },
  {
    pattern: "/praksisplasser/oppfolging",
    samples: [
      {
        url: "/praksisplasser/oppfolging",
        expect: protectedFor(["coordinator_hamar", "coordinator_tonsberg", "coordinator_kinn"]),
        crawl: true,
        crawlAs: ["coordinator_hamar"],
        note: "a kommune's coordinators follow up placements naming its kommune unit; NAV Hamar's demo account sees its own",
      },
    ],
  },
  { pattern: "/praksisplasser/insentiver", samples: [{ url: "/praksisplasser/insentiver", expect: all(200), crawl: true }] },
  {
    pattern: "/praksisplasser/:id",
    samples: [
      {
        url: `/praksisplasser/${followUpPlacements.hamarBuildingPractice}`,
        expect: all(200),
        crawl: true,
        crawlAs: ["anonymous", "employer"],
        note: "public placement: everyone reads it, the employer also its follow-up and incentive request",
      },
      {
        url: `/praksisplasser/${followUpPlacements.hamarLanguagePracticeAwaiting}`,
        expect: all(200),
        crawl: true,
        crawlAs: ["anonymous", "employer"],
        note: "awaiting NAV Hamar's confirmation",
      },
      { url: `/praksisplasser/${UNKNOWN_ID}`, expect: all(404), crawl: false, note: "unknown id" },
      { url: "/praksisplasser/not-a-uuid", expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/praksisplasser/:id/rediger",
    samples: [
      { url: `/praksisplasser/${followUpPlacements.hamarBuildingPractice}/rediger`, expect: protectedFor(["employer"]), crawl: true, crawlAs: ["employer"] },
      { url: `/praksisplasser/${UNKNOWN_ID}/rediger`, expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: "/praksisplasser/not-a-uuid/rediger", expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  // Placements' follow-up and outcomes (issue 14, H5): the employer (Mjøs Bygg) and the confirmed follow-up contact (NAV Hamar, not a manifest role) only; no coordinator, county advisor or IMDi reads the check-in notes.
  {
    pattern: "/praksisplasser/:id/oppfolging-og-resultat",
    samples: [
      {
        url: `/praksisplasser/${followUpPlacements.hamarBuildingPractice}/oppfolging-og-resultat`,
        expect: protectedFor(["employer"]),
        crawl: true,
        crawlAs: ["employer"],
        note: "the building practice followed up by NAV Hamar: scheduled check-ins, outcome form",
      },
      {
        url: `/praksisplasser/${followUpPlacements.hamarEndedApprenticeship}/oppfolging-og-resultat`,
        expect: protectedFor(["employer"]),
        crawl: true,
        crawlAs: ["employer"],
        note: "the ended apprenticeship: answered check-ins and outcomes, one became lasting work",
      },
      { url: `/praksisplasser/${UNKNOWN_ID}/oppfolging-og-resultat`, expect: signedInGets(404), crawl: false },
      { url: "/praksisplasser/not-a-uuid/oppfolging-og-resultat", expect: signedInGets(404), crawl: false },
    ],
  },
  // Volunteers, the public side and the inboxes (issue 14, H2): public roles and the interest form; roles managed by the activity's organisation / the need's owner; the interests' personal data only for the receiving organisation's members or, for a kommune's own need, that kommune's coordinators (no county advisor, no IMDi).
  {
    pattern: "/frivillig",
    samples: [
      { url: "/frivillig", expect: all(200), crawl: true },
      { url: "/frivillig?kommune=3403&type=homework_helper&sprak=so&side=1", expect: all(200), crawl: true, note: "filters" },
      { url: "/frivillig?kommune=%3Cscript%3E&type=robot&sprak=xx&side=abc", expect: all(200), crawl: false, note: "odd query values" },
    ],
  },
  {
    pattern: "/frivillig/roller/:id",
    samples: [
      {
        url: `/frivillig/roller/${demoVolunteerRoleIds.hamarHomeworkHelper}`,
        expect: all(200),
        crawl: true,
        crawlAs: ["anonymous"],
        note: "homework helper (politiattest); POST intent=interest for everyone (no account)",
      },
      { url: `/frivillig/roller/${demoVolunteerRoleIds.hamarHousingGuide}`, expect: all(200), crawl: true, crawlAs: ["anonymous"], note: "Hamar's own need" },
      { url: `/frivillig/roller/${demoVolunteerRoleIds.tonsbergHomeworkHelper}`, expect: all(200), crawl: false, note: "Tønsberg" },
      { url: `/frivillig/roller/${UNKNOWN_ID}`, expect: all(404), crawl: false, note: "unknown id" },
      { url: "/frivillig/roller/not-a-uuid", expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/frivillig/bekreft/:token",
    samples: [{ url: "/frivillig/bekreft/ugyldig-lenke", expect: all(200), crawl: true, note: "unknown token; GET never confirms" }],
  },
  {
    pattern: "/aktiviteter/:id/frivillige",
    samples: [
      {
        url: `/aktiviteter/${demoActivityIds.hamarHomework}/frivillige`,
        expect: protectedFor(["national_admin", "org_admin", "org_member"]),
        crawl: true,
        crawlAs: ["org_member"],
        note: "Hamar frivilligsentral's homework help",
      },
      { url: `/aktiviteter/${demoActivityIds.tonsbergHomework}/frivillige`, expect: protectedFor(["national_admin"]), crawl: false, note: "other tenant" },
      { url: `/aktiviteter/${UNKNOWN_ID}/frivillige`, expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: "/aktiviteter/not-a-uuid/frivillige", expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/behov/:id/frivillige",
    samples: [
      {
        url: `/behov/${volunteerNeeds.hamarHousingGuidance}/frivillige`,
        expect: protectedFor(["national_admin", "coordinator_hamar"]),
        crawl: true,
        crawlAs: ["coordinator_hamar"],
        note: "Hamar's own need: its coordinators (not the county advisor)",
      },
      {
        url: `/behov/${volunteerNeeds.hamarReceptionHomework}/frivillige`,
        expect: protectedFor(["national_admin", "org_admin", "org_member"]),
        crawl: false,
        note: "Hamar frivilligsentral's need",
      },
      {
        url: `/behov/${volunteerNeeds.tonsbergLanguageCafeHosts}/frivillige`,
        expect: protectedFor(["national_admin", "coordinator_tonsberg"]),
        crawl: false,
        note: "other tenant",
      },
      { url: `/behov/${UNKNOWN_ID}/frivillige`, expect: signedInGets(404), crawl: false, note: "unknown id" },
    ],
  },
  {
    pattern: "/organisasjoner/:id/frivillige",
    samples: [
      {
        url: org(ids.hamarVolunteerCentre, "/frivillige"),
        expect: protectedFor(["org_admin", "org_member"]),
        crawl: true,
        crawlAs: ["org_member"],
        note: "its members only: no coordinator, county advisor or IMDi; POST intent=update likewise",
      },
      { url: org(ids.tonsbergRedCross, "/frivillige"), expect: protectedFor([]), crawl: false, note: "other tenant: nobody of the demo roles" },
      { url: org(ids.hamarEmployer, "/frivillige"), expect: protectedFor(["employer"]), crawl: false, note: "Mjøs Bygg's own (empty)" },
      { url: org(ids.unknownOrganization, "/frivillige"), expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: org(ids.malformedOrganization, "/frivillige"), expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/kommuner/:number/frivillige/innboks",
    samples: [
      {
        url: `/kommuner/${ids.hamar}/frivillige/innboks`,
        expect: protectedFor(["coordinator_hamar"]),
        crawl: true,
        crawlAs: ["coordinator_hamar"],
        note: "interests for Hamar's own needs: its coordinators only",
      },
      { url: `/kommuner/${ids.tonsberg}/frivillige/innboks`, expect: protectedFor(["coordinator_tonsberg"]), crawl: false, note: "Tønsberg" },
      { url: `/kommuner/${ids.unknownMunicipality}/frivillige/innboks`, expect: signedInGets(404), crawl: false, note: "unknown number" },
      { url: `/kommuner/${ids.malformedMunicipality}/frivillige/innboks`, expect: signedInGets(404), crawl: false, note: "malformed number" },
    ],
  },
  { pattern: "/tilgjengelighet", samples: [{ url: "/tilgjengelighet", expect: all(200), crawl: true }] },
  { pattern: "/personvern", samples: [{ url: "/personvern", expect: all(200), crawl: true }] },
  {
    pattern: "/dev/utboks",
    samples: [{ url: "/dev/utboks", expect: all(404), crawl: false, note: "the tests run as in production: the dev outbox never exists there" }],
  },
  // Volunteers, the volunteer's own side (issue 14, H3).
  {
    pattern: "/frivillig/mine/:token",
    samples: [{ url: "/frivillig/mine/ugyldig-lenke-som-ikke-finnes", expect: all(200), crawl: true, note: "unknown link: a message" }],
  },
  {
    pattern: "/frivillig/trekk/:token",
    samples: [{ url: "/frivillig/trekk/ugyldig-lenke-som-ikke-finnes", expect: all(200), crawl: true, note: "unknown link: a message" }],
  },
  {
    pattern: "/frivillig/meg",
    samples: [{ url: "/frivillig/meg", expect: all(200), crawl: true, note: "no cookie: the form that mails a link" }],
  },
  {
    pattern: "/frivillig/meg/:token",
    samples: [{ url: "/frivillig/meg/ugyldig-lenke-som-ikke-finnes", expect: all(200), crawl: true, note: "unknown link: a message" }],
  },
  {
    pattern: "/kommuner/:number/frivillige",
    samples: [
      {
        url: `/kommuner/${ids.hamar}/frivillige`,
        expect: protectedFor(coordinatesHamar),
        crawl: true,
        crawlAs: ["coordinator_hamar", "county_advisor"],
        note: "counts for those who coordinate Hamar; names of the contactable only for Hamar's own coordinators",
      },
      { url: `/kommuner/${ids.tonsberg}/frivillige`, expect: protectedFor(coordinatesTonsberg), crawl: false, note: "Tønsberg: Hamar's coordinator 403" },
      { url: `/kommuner/${ids.unknownMunicipality}/frivillige`, expect: signedInGets(404), crawl: false, note: "unknown number" },
      { url: `/kommuner/${ids.malformedMunicipality}/frivillige`, expect: signedInGets(404), crawl: false, note: "malformed number" },
    ],
  },
  // Needs (issue 14, H1): open needs are public (no contact, no commitments); the owner edits.
  {
    pattern: "/behov",
    samples: [
      { url: "/behov", expect: all(200), crawl: true, crawlAs: ["anonymous", "coordinator_hamar", "org_admin"] },
      {
        url: "/behov?egne=1",
        expect: all(200),
        crawl: true,
        crawlAs: ["coordinator_hamar", "org_member"],
        note: "the actor's own needs (anonymous: the public list)",
      },
      { url: "/behov?kommune=3403&tema=housing&bosetting=2027-03&side=2", expect: all(200), crawl: false, note: "filters and page" },
    ],
  },
  {
    pattern: "/behov/ny",
    samples: [{ url: "/behov/ny", expect: protectedFor("all"), crawl: true, crawlAs: ["coordinator_hamar", "org_admin", "county_advisor"] }],
  },
  {
    pattern: "/behov/:id",
    samples: [
      {
        url: `/behov/${demoNeedIds.hamarHousingGuidance}`,
        expect: all(200),
        crawl: true,
        crawlAs: ["anonymous", "coordinator_hamar", "org_member", "coordinator_tonsberg"],
        note: "Hamar's need: the owner sees commitments, an organisation its own, the public progress only",
      },
      {
        url: `/behov/${demoNeedIds.hamarReceptionHomework}`,
        expect: all(200),
        crawl: true,
        crawlAs: ["org_admin", "employer"],
        note: "posted by the volunteer centre",
      },
      { url: `/behov/${demoNeedIds.tonsbergLanguageCafeHosts}`, expect: all(200), crawl: false, note: "other tenant: public part for all" },
      { url: `/behov/${UNKNOWN_ID}`, expect: all(404), crawl: false, note: "unknown id" },
      { url: "/behov/not-a-uuid", expect: all(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/behov/:id/rediger",
    samples: [
      {
        url: `/behov/${demoNeedIds.hamarHousingGuidance}/rediger`,
        expect: protectedFor(["national_admin", "coordinator_hamar"]),
        crawl: true,
        crawlAs: ["coordinator_hamar"],
        note: "the kommune's own need: its coordinators (not the county advisor)",
      },
      {
        url: `/behov/${demoNeedIds.hamarReceptionHomework}/rediger`,
        expect: protectedFor(["national_admin", "org_admin", "org_member"]),
        crawl: false,
        note: "the volunteer centre's need: its members, not the kommune",
      },
      {
        url: `/behov/${demoNeedIds.tonsbergLanguageCafeHosts}/rediger`,
        expect: protectedFor(["national_admin", "coordinator_tonsberg"]),
        crawl: false,
        note: "other tenant",
      },
      { url: `/behov/${UNKNOWN_ID}/rediger`, expect: signedInGets(404), crawl: false, note: "unknown id" },
      { url: "/behov/not-a-uuid/rediger", expect: signedInGets(404), crawl: false, note: "malformed id" },
    ],
  },
  {
    pattern: "/*",
    samples: [
      { url: "/finnes-ikke", expect: all(404), crawl: true },
      { url: `/organisasjoner/${demoOrganizationIds.hamarVolunteerCentre}/finnes-ikke`, expect: all(404), crawl: false },
    ],
  },
];

/**
 * Query parameters each route reads besides those its sample URLs show
 * (names only: the values they take are the routes' business). The bad-input
 * tests (bad-input.spec.ts) send hostile values in every name known here or
 * in a sample URL, on every route. Add a route's new parameter here.
 */
export const queryParameters: Partial<Record<string, readonly string[]>> = {
  "/": ["konto"],
  "/registrer": ["neste"],
  "/auth/oidc/:provider": ["neste"],
  "/min-side": ["melding"],
  "/organisasjoner": ["type", "kommune"],
  "/organisasjoner/:id/medlemmer": ["fjern", "trekk"],
  "/organisasjoner/:id/logg": ["eldre"],
  "/organisasjoner/:id/aktiviteter": ["lignende-suggest", "lignende-in_contact", "lignende-distinct", "lignende-partner"],
  "/kommuner": ["q", "fylke", "sortering"],
  "/kommuner/:number": ["side"],
  "/frivillig/meg": ["lagret", "slettet", "trukket", "trekk", "slett"],
  "/kommuner/:number/frivillige": ["side"],
  "/kommuner/:number/intern": ["side", "kontakt-lagret", "kontakt-fjernet"],
  "/kommuner/:number/oversikt": ["paminnet", "mottakere"],
  "/kommuner/:number/oversikt/utskrift": ["aar"],
  "/kommuner/:number/oversikt/eksport.csv": ["table", "aar"],
  "/kommuner/:number/oversikt/eksport.xlsx": ["table", "aar"],
  "/kommuner/:number/parallelle": ["angret", "foreslatt", "kontakt"],
  "/kommuner/:number/bosetting": ["lagret", "terskel"],
  "/kommuner/:number/hvem-gjor-hva": ["lagret"],
  "/kommuner/:number/hvem-gjor-hva/rediger": ["oppgave", "aktor", "fjern"],
  "/verksteder/:id/ansvar": ["oppgave", "aktor", "fjern", "lagret", "publisert"],
  "/verksteder/:id/handlingsplan": ["lagret", "okt"],
  "/praksisplasser/:id": ["lagt-ut", "lagret", "svar"],
  "/praksisplasser/oppfolging": ["side"],
  "/praksisplasser/:id/oppfolging-og-resultat": ["lagret"],
  "/admin/roller": ["trekk", "side", "rolle", "fylke"],
  "/veiledning/ny": ["organisasjon", "tema"],
  "/veiledning/:id": ["sendt"],
  "/behov": ["kommune", "tema", "bosetting", "egne", "side"],
  "/behov/ny": ["som"],
  "/behov/:id": ["lagret"],
  "/admin/logg": ["før", "handling", "type"],
  "/kunnskap": ["q", "tema", "for", "type", "side"],
  "/kunnskap/:slug": ["sprak", "takk"],
  "/kunnskap/:id/rediger": ["lagret", "slett", "fjern-fil", "fil-fjernet"],
  "/nettverk/:id/medlemmer": ["fjern", "forlat", "lagt-til", "fjernet"],
  "/kunnskap/mine": ["slettet"],
  "/aktiviteter": ["targetGroups", "languages", "volunteers", "lon", "pageSize", "lang"],
  "/aktiviteter/:id": ["lang"],
  "/aktiviteter/lignende": ["description", "excludeId"],
  "/aktiviteter/eksport.csv": ["municipality", "themes", "targetGroups", "languages", "days", "free", "volunteers", "sort", "lat", "lon"],
  "/aktiviteter/eksport.xlsx": ["municipality", "themes", "targetGroups", "languages", "days", "free", "volunteers", "sort", "lat", "lon"],
  "/api/v1/services": ["q", "themes", "targetGroups", "languages", "days", "free", "volunteers", "sort", "lat", "lon"],
  "/erfaringer/til-godkjenning": ["side"],
  "/erfaringer/:id": ["vurdert", "sendt"],
  "/undersokelser/:id": ["sendt", "stengt"],
  "/undersokelser/svar/:token": ["lagret"],
  "/api/v1/organizations": ["page", "per_page"],
  "/api/v1/locations": ["page", "per_page"],
  "/api/v1/schedules": ["page", "per_page"],
};

/** Flattens React Router's route config into URL patterns ("/", "/organisasjoner/:id", "/*"). */
export function routePatterns(config: RouteConfigEntry[], parent = ""): string[] {
  const patterns: string[] = [];
  for (const entry of config) {
    const path = entry.path ? `${parent.replace(/\/$/, "")}/${entry.path}` : parent || "/";
    // Layout routes (no path, not index) only add their children.
    if (entry.index || entry.path) patterns.push(path);
    if (entry.children) patterns.push(...routePatterns(entry.children, path));
  }
  return [...new Set(patterns)];
}

/** Route patterns that have no manifest entry, and manifest entries for routes that no longer exist. */
export function compareWithRoutes(config: RouteConfigEntry[]): { missing: string[]; stale: string[] } {
  const patterns = routePatterns(config);
  const covered = new Set(manifest.map((e) => e.pattern));
  return {
    missing: patterns.filter((p) => !covered.has(p)),
    stale: [...covered].filter((p) => !patterns.includes(p)),
  };
}

export interface Case {
  pattern: string;
  url: string;
  role: Role;
  expect: Expectation;
  crawl: boolean;
  note?: string;
}

/** Every sample × role, flattened. */
export function allCases(): Case[] {
  return manifest.flatMap((entry) =>
    entry.samples.flatMap((sample) =>
      roles.map((role) => ({ pattern: entry.pattern, url: sample.url, role, expect: sample.expect[role], crawl: sample.crawl, note: sample.note })),
    ),
  );
}

export function describeExpectation(expectation: Expectation): string {
  if (typeof expectation === "number") return String(expectation);
  return `redirect ${expectation.exact ? "to" : "under"} ${expectation.redirect}`;
}
