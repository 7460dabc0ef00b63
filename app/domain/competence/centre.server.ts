import { isNationalAdmin, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { upcomingEvents } from "~/domain/events/events.server.ts";
import { listNetworks } from "~/domain/events/networks.server.ts";
import { listGuidanceRequests, type GuidanceListItem } from "~/domain/guidance/guidance.server.ts";
import { getCountyResponseTimes, getMunicipalityResponseTimes, getNationalResponseTimes } from "~/domain/guidance/response-times.server.ts";
import { searchArticles } from "~/domain/knowledge/knowledge.server.ts";
import { getCounty, getMunicipality } from "~/domain/reference/reference.server.ts";
import { publishedStories, storyWritingOrganizations } from "~/domain/stories/stories.server.ts";
import { surveysFor } from "~/domain/surveys/surveys.server.ts";

/**
 * The competence centre's start (/kompetansesenter, issue 12): each level's
 * tools on one page, gathered from the modules that own them, so their own
 * access rules apply — a kommune's coordinators see its open guidance
 * requests, response times, events and stories; a fylkeskommune's advisors
 * what was handed over to it, its networks and courses and its kommuner side
 * by side; IMDi what was handed over to it, national events, surveys and the
 * national response times; an organisation's members their requests and
 * where to ask; everyone the public parts (knowledge bank, events, stories).
 */

/** How many rows each part of the page lists before "see all". */
export const CENTRE_LIST_LIMIT = 5;

/** The open requests (new or taken, not yet answered) in the actor's inbox: what the bodies they act for hold now. */
async function openInbox(actor: UserActor): Promise<{ rows: GuidanceListItem[]; total: number }> {
  const [fresh, taken] = await Promise.all([
    listGuidanceRequests(actor, { list: "inbox", status: "new" }),
    listGuidanceRequests(actor, { list: "inbox", status: "assigned" }),
  ]);
  const rows = [...fresh.rows, ...taken.rows].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()).slice(0, CENTRE_LIST_LIMIT);
  return { rows, total: fresh.total + taken.total };
}

function scopedNumbers(actor: UserActor, role: "municipal_coordinator" | "county_advisor"): string[] {
  const key = role === "municipal_coordinator" ? "municipalityNumber" : "countyNumber";
  return [...new Set(actor.roles.flatMap((r) => (r.role === role && r[key] ? [r[key]] : [])))].sort();
}

async function kommuneParts(actor: UserActor, now: Date) {
  return Promise.all(
    scopedNumbers(actor, "municipal_coordinator").map(async (number) => {
      const [municipality, responseTimes, events, stories] = await Promise.all([
        getMunicipality(number),
        getMunicipalityResponseTimes(actor, number, { now }),
        upcomingEvents({ municipalityNumber: number, limit: CENTRE_LIST_LIMIT, now }),
        publishedStories({ municipalityNumber: number, limit: CENTRE_LIST_LIMIT }),
      ]);
      return { number, name: municipality?.municipality.name ?? number, responseTimes, events, stories };
    }),
  );
}

async function countyParts(actor: UserActor, now: Date) {
  const numbers = scopedNumbers(actor, "county_advisor");
  if (numbers.length === 0) return [];
  const networks = await listNetworks();
  return Promise.all(
    numbers.map(async (number) => {
      const [county, responseTimes, courses] = await Promise.all([
        getCounty(number),
        getCountyResponseTimes(actor, number, { now }),
        upcomingEvents({ countyNumber: number, limit: CENTRE_LIST_LIMIT, now }),
      ]);
      const name = county?.name ?? number;
      return {
        number,
        name,
        responseTimes,
        courses,
        networks: networks.filter((n) => n.countyName === name).map((n) => ({ id: n.id, name: n.name, members: n.members })),
      };
    }),
  );
}

async function nationalPart(actor: UserActor, now: Date) {
  const [responseTimes, events, surveys] = await Promise.all([
    getNationalResponseTimes(actor, { now }),
    upcomingEvents({ level: "national", limit: CENTRE_LIST_LIMIT, now }),
    surveysFor(actor, CENTRE_LIST_LIMIT),
  ]);
  return {
    responseTimes,
    events,
    surveys: surveys.map((s) => ({ id: s.id, title: s.title, open: s.open, sent: s.sent, answered: s.answered, closesAt: s.closesAt })),
  };
}

async function organizationPart(actor: UserActor) {
  if (actor.memberships.length === 0) return null;
  // Stories are written by an organisation's admins about its own activities.
  const [own, storyOrganizations] = await Promise.all([listGuidanceRequests(actor, { list: "own" }), storyWritingOrganizations(actor)]);
  return { requests: { rows: own.rows.slice(0, CENTRE_LIST_LIMIT), total: own.total }, storyOrganizations };
}

/** Everything the page shows the actor; the public part for everyone, the rest by role. */
export async function getCompetenceCentre(actor: Actor, options: { locale: string; now?: Date }) {
  const now = options.now ?? new Date();
  const user = actor.kind === "user" ? actor : null;
  const [knowledge, events, stories, inbox, kommuner, counties, nation, organization] = await Promise.all([
    searchArticles({}, options.locale, 1),
    upcomingEvents({ limit: CENTRE_LIST_LIMIT, now }),
    publishedStories({ limit: CENTRE_LIST_LIMIT }),
    user && user.roles.length > 0 ? openInbox(user) : null,
    user ? kommuneParts(user, now) : [],
    user ? countyParts(user, now) : [],
    user && isNationalAdmin(user) ? nationalPart(user, now) : null,
    user ? organizationPart(user) : null,
  ]);
  return {
    signedIn: user !== null,
    public: { articles: knowledge.items.slice(0, CENTRE_LIST_LIMIT), articleCount: knowledge.total, events, stories },
    inbox,
    kommuner,
    counties,
    nation,
    organization,
  };
}

export type CompetenceCentre = Awaited<ReturnType<typeof getCompetenceCentre>>;
