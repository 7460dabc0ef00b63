import { asc, eq } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { organizations, users, workshopActionChanges, workshopActionNotes, workshopActions, workshopSolutions } from "~/db/schema/index.ts";
import type { WorkshopActionStatus } from "~/db/schema/workshop-actions.ts";
import { demoAccountEmails, demoOrganizationIds, demoWorkshopActionIds as ids, demoWorkshops } from "./ids.ts";

const DAY = 24 * 60 * 60 * 1000;

/** Days from now at a UTC hour (the workshop's main session was 60 days ago at 08, the follow-up 14 days ago at 12). */
function at(days: number, hourUtc: number): Date {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d;
}

function dateIn(days: number): string {
  return at(days, 12).toISOString().slice(0, 10);
}

interface DemoAction {
  id: string;
  title: string;
  owner: string;
  ownerName: string;
  contact: { contactName: string; contactEmail: string | null; contactPhone: string | null };
  deadline: string;
  status: WorkshopActionStatus;
  /** Index into the workshop's solutions (in the order they were added), or null: a free-standing action. */
  solution: number | null;
  createdDay: number;
  /** Status changes as [day, to]; a deadline move as [day, from]; notes as [day, by the owner?, text]. */
  statusChanges: [number, WorkshopActionStatus][];
  deadlineMovedFrom?: [number, string];
  notes: [number, "owner" | "kommune", string][];
}

const kommune = { label: "Hamar kommune" };

/**
 * Hamar's closed workshop's action plan (issue 13): seven actions, two done,
 * two in progress, one not started, one overdue and one dropped, with dated
 * progress notes between the main session (60 days ago) and the follow-up
 * (14 days ago) and after it, so the follow-up's "what moved since last time"
 * has something to show. Idempotent: fixed ids; notes and the change log are
 * written only when the action is new.
 */
export async function seedDemoWorkshopActions(tx: Queryable): Promise<void> {
  await tx
    .insert(organizations)
    .values([
      {
        id: ids.hamarMunicipalityOrg,
        name: "Hamar kommune, flyktningtjenesten",
        kind: "municipality_unit",
        description: "Kommunens flyktningtjeneste (demo).",
        contactEmail: "flyktningtjenesten@hamar.kommune.example",
        isDemo: true,
      },
      { id: ids.navHamarOrg, name: "NAV Hamar", kind: "nav_office", description: "NAV-kontoret i Hamar (demo).", isDemo: true },
    ])
    .onConflictDoNothing();
  const solutions = await tx
    .select({ id: workshopSolutions.id })
    .from(workshopSolutions)
    .where(eq(workshopSolutions.workshopId, demoWorkshops.hamar.id))
    .orderBy(asc(workshopSolutions.createdAt), asc(workshopSolutions.id));
  const [coordinator] = await tx.select({ id: users.id }).from(users).where(eq(users.email, demoAccountEmails.coordinator_hamar));
  const [orgAdmin] = await tx.select({ id: users.id }).from(users).where(eq(users.email, demoAccountEmails.org_admin));
  const [employer] = await tx.select({ id: users.id }).from(users).where(eq(users.email, demoAccountEmails.employer));
  const ownerUser: Record<string, string | null> = {
    [demoOrganizationIds.hamarVolunteerCentre]: orgAdmin?.id ?? null,
    [demoOrganizationIds.hamarEmployer]: employer?.id ?? null,
  };

  const flyktning = { contactName: "Flyktningtjenesten, Hamar kommune", contactEmail: "flyktningtjenesten@hamar.kommune.example", contactPhone: "62 56 30 00" };
  const actions: DemoAction[] = [
    {
      id: ids.sharedOverview,
      title: "Felles oversikt over tilbud og kontaktpersoner",
      owner: ids.hamarMunicipalityOrg,
      ownerName: "Hamar kommune, flyktningtjenesten",
      contact: flyktning,
      deadline: dateIn(-20),
      status: "done",
      solution: 0,
      createdDay: -60,
      statusChanges: [
        [-40, "in_progress"],
        [-21, "done"],
      ],
      notes: [
        [-40, "owner", "Første utkast sendt til frivilligsentralen og NAV for innspill."],
        [-21, "owner", "Oversikten er publisert som «Hvem gjør hva» på kommunens side."],
      ],
    },
    {
      id: ids.navContactPoint,
      title: "Fast kontaktperson i NAV for frivillige organisasjoner",
      owner: ids.navHamarOrg,
      ownerName: "NAV Hamar",
      contact: { contactName: "NAV Hamar, markedsteamet", contactEmail: null, contactPhone: "55 55 33 33" },
      deadline: dateIn(30),
      status: "in_progress",
      solution: 1,
      createdDay: -60,
      statusChanges: [[-45, "in_progress"]],
      deadlineMovedFrom: [-30, dateIn(-10)],
      notes: [
        [-30, "kommune", "NAV trenger mer tid til å avklare rollen internt; fristen er flyttet etter avtale."],
        [-5, "kommune", "Kontaktpersonen er utpekt; presenteres på neste frivillighetsforum."],
      ],
    },
    {
      id: ids.volunteerMentors,
      title: "Frivillige mentorer for nyansatte flyktninger",
      owner: demoOrganizationIds.hamarVolunteerCentre,
      ownerName: "Hamar frivilligsentral",
      contact: { contactName: "Ola Organisasjonsleder", contactEmail: demoAccountEmails.org_admin, contactPhone: null },
      deadline: dateIn(6),
      status: "in_progress",
      solution: 2,
      createdDay: -60,
      statusChanges: [[-50, "in_progress"]],
      notes: [
        [-50, "owner", "Seks frivillige har meldt seg som mentorer."],
        [-4, "owner", "Mentorene har hatt første samling med Mjøs Bygg."],
      ],
    },
    {
      id: ids.languagePractice,
      title: "Språkpraksis på arbeidsplassen med språkvenn",
      owner: demoOrganizationIds.hamarLanguageCafe,
      ownerName: "Språkvenner Hamar",
      contact: { contactName: "Amina Språkvenn", contactEmail: "post@sprakvenner-hamar.example", contactPhone: null },
      deadline: dateIn(-2),
      status: "done",
      solution: 3,
      createdDay: -60,
      statusChanges: [
        [-35, "in_progress"],
        [-8, "done"],
      ],
      notes: [
        [-35, "owner", "Avtale med to arbeidsplasser om språkvenn i lunsjen."],
        [-8, "owner", "Fire deltakere har fullført; ordningen fortsetter i egen regi."],
      ],
    },
    {
      id: ids.workPlacements,
      title: "Flere arbeidspraksisplasser som kan føre til fast jobb",
      owner: demoOrganizationIds.hamarEmployer,
      ownerName: "Mjøs Bygg AS",
      contact: { contactName: "Eirik Arbeidsgiver", contactEmail: demoAccountEmails.employer, contactPhone: null },
      deadline: dateIn(-3),
      status: "not_started",
      solution: 4,
      createdDay: -60,
      statusChanges: [],
      notes: [[-16, "kommune", "Purret før oppfølgingsmøtet; Mjøs Bygg venter på svar fra NAV om lønnstilskudd."]],
    },
    {
      id: ids.meetingPlace,
      title: "Møteplass to ganger i året for kommune, frivillige og arbeidsgivere",
      owner: ids.hamarMunicipalityOrg,
      ownerName: "Hamar kommune, flyktningtjenesten",
      contact: flyktning,
      deadline: dateIn(60),
      status: "not_started",
      solution: null,
      createdDay: -14,
      statusChanges: [],
      notes: [],
    },
    {
      id: ids.competenceMapping,
      title: "Eget kartleggingsskjema for flyktningers kompetanse",
      owner: ids.hamarMunicipalityOrg,
      ownerName: "Hamar kommune, flyktningtjenesten",
      contact: flyktning,
      deadline: dateIn(10),
      status: "dropped",
      solution: null,
      createdDay: -60,
      statusChanges: [[-14, "dropped"]],
      notes: [[-14, "kommune", "Droppet: IMDis kompetansekartlegging brukes i stedet, avtalt på oppfølgingsmøtet."]],
    },
  ];

  for (const a of actions) {
    const created = at(a.createdDay, a.createdDay === -14 ? 13 : 12);
    const [inserted] = await tx
      .insert(workshopActions)
      .values({
        id: a.id,
        workshopId: demoWorkshops.hamar.id,
        solutionId: a.solution === null ? null : (solutions[a.solution]?.id ?? null),
        title: a.title,
        ownerOrganizationId: a.owner,
        ...a.contact,
        deadline: a.deadline,
        status: a.status,
        createdByUserId: coordinator?.id ?? null,
        createdAt: created,
        updatedAt: created,
        // The demo's past deadlines were reminded when they passed; the run after seeding sends only what is new.
        ...(a.deadline < dateIn(0)
          ? { overdueReminderFor: a.deadline, overdueReminderSentAt: created, dueReminderFor: a.deadline, dueReminderSentAt: created }
          : {}),
      })
      .onConflictDoNothing()
      .returning({ id: workshopActions.id });
    if (!inserted) continue;
    const log = (values: Omit<typeof workshopActionChanges.$inferInsert, "workshopId" | "actionId" | "actionTitle">) =>
      tx.insert(workshopActionChanges).values({ workshopId: demoWorkshops.hamar.id, actionId: a.id, actionTitle: a.title, ...values });
    await log({ kind: "created", toValue: a.deadlineMovedFrom?.[1] ?? a.deadline, actorUserId: coordinator?.id ?? null, createdAt: created });
    let from: WorkshopActionStatus = "not_started";
    for (const [day, to] of a.statusChanges) {
      const byOwner = a.owner in ownerUser;
      await log({ kind: "status", fromValue: from, toValue: to, actorUserId: (byOwner ? ownerUser[a.owner] : coordinator?.id) ?? null, createdAt: at(day, 9) });
      from = to;
    }
    if (a.deadlineMovedFrom) {
      const [day, oldDeadline] = a.deadlineMovedFrom;
      await log({ kind: "deadline", fromValue: oldDeadline, toValue: a.deadline, actorUserId: coordinator?.id ?? null, createdAt: at(day, 10) });
    }
    for (const [day, by, text] of a.notes) {
      const label = by === "owner" ? a.ownerName : kommune.label;
      const authorUserId = by === "owner" ? (ownerUser[a.owner] ?? null) : (coordinator?.id ?? null);
      await tx.insert(workshopActionNotes).values({
        actionId: a.id,
        text,
        authorLabel: label,
        authorOrganizationId: by === "owner" ? a.owner : null,
        authorUserId,
        createdAt: at(day, 11),
      });
      await log({ kind: "note", toValue: label, actorUserId: authorUserId, createdAt: at(day, 11) });
    }
  }
}
