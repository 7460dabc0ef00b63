import {
  activityLanguages,
  activityStatuses,
  activityThemes,
  activityVisibilities,
  repeatFrequencies,
  rruleWeekdays,
  scheduleKinds,
  targetGroups,
  weekdays,
  type ActivityLanguage,
  type ActivityStatus,
  type ActivityTheme,
  type ActivityVisibility,
  type RepeatFrequency,
  type RruleWeekday,
  type ScheduleKind,
  type TargetGroup,
} from "~/domain/activities/activities.constants.ts";
import {
  membershipRoles,
  organizationKinds,
  receptionCentreOperators,
  type MembershipRole,
  type OrganizationKind,
  type ReceptionCentreOperator,
} from "~/domain/organizations/organizations.constants.ts";
import { competenceTopics, type CompetenceTopic } from "~/domain/competence/topics.ts";
import { bodyLevels, type BodyLevel } from "~/domain/competence/bodies.ts";
import {
  obstacleThemes,
  participantSectors,
  participantStatuses,
  workshopStatuses,
  type ObstacleTheme,
  type ParticipantSector,
  type ParticipantStatus,
  type WorkshopStatus,
} from "~/domain/workshops/workshops.constants.ts";
import {
  articleKinds,
  articleLanguages,
  articleStatuses,
  type ArticleKind,
  type ArticleLanguage,
  type ArticleStatus,
} from "~/domain/knowledge/knowledge.constants.ts";
import { needUnits, type NeedUnit, needStatuses, type NeedStatus, commitmentStatuses, type CommitmentStatus } from "~/domain/needs/needs.constants.ts";
import {
  volunteerRoleKinds,
  type VolunteerRoleKind,
  interestStatuses,
  type InterestStatus,
  volunteerAvailability,
  type VolunteerAvailability,
} from "~/domain/volunteers/volunteers.constants.ts";
import {
  placementKinds,
  type PlacementKind,
  placementSectors,
  type PlacementSector,
  languageRequirements,
  type LanguageRequirement,
  employerSupportNeeds,
  type EmployerSupportNeed,
  incentiveKinds,
  type IncentiveKind,
  followUpStatuses,
  type FollowUpStatus,
  placementStatuses,
  type PlacementStatus,
  placementOutcomes,
  type PlacementOutcome,
  earlyEndReasons,
  type EarlyEndReason,
  checkinKinds,
  type CheckinKind,
  checkinAttendance,
  type CheckinAttendance,
  checkinNextSteps,
  type CheckinNextStep,
} from "~/domain/placements/placements.constants.ts";
// A type only: the schema module's values would pull Drizzle into the browser bundle.
import type { PlatformRole } from "~/db/schema/auth.ts";
// Types only, for the same reason (Zod, server modules): their lists are written out below.
import type { SizeClass } from "~/domain/overview/rollup.schema.ts";
import type { OverviewTable } from "~/domain/overview/overview-export.server.ts";
import type { OverlapPart } from "~/domain/overlap/overlap.ts";
import type { PairStatus } from "~/domain/overlap/pair-follow-up.server.ts";
import type { ImportRejectReason } from "~/domain/settlement/settlement.schema.ts";
import type { MessageKey } from "./messages.ts";
import type { Translate } from "./translate.ts";

/**
 * The labels of every enumerated value the interface shows (themes, target
 * groups, organisation kinds, roles…), in one place, typed: a route asks for
 * `label(t, "theme", value)` and never builds a message key from a string.
 * A value without a message in the catalogue is a compile error (below);
 * tests/unit/i18n.test.ts makes the other languages have the same keys.
 */

type Weekday = (typeof weekdays)[number];

/** Each kind of labelled value and its type. */
interface LabelledValues {
  theme: ActivityTheme;
  targetGroup: TargetGroup;
  /** Languages an activity is held in, named as the public finder names them (in all eight languages). */
  language: ActivityLanguage;
  /** ISO weekday, Monday = 1. */
  weekday: Weekday;
  activityStatus: ActivityStatus;
  visibility: ActivityVisibility;
  scheduleKind: ScheduleKind;
  organizationKind: OrganizationKind;
  receptionCentreOperator: ReceptionCentreOperator;
  membershipRole: MembershipRole;
  platformRole: PlatformRole;
  /** What an organisation asks guidance about; also knowledge themes and survey topics (issue 12). */
  competenceTopic: CompetenceTopic;
  /** Kommune, fylkeskommune or IMDi. */
  bodyLevel: BodyLevel;
  /** The 2016 report's obstacle themes (how the actors work together), for development workshops (issue 13). */
  obstacleTheme: ObstacleTheme;
  /** Which side of the table a workshop participant comes from. */
  participantSector: ParticipantSector;
  participantStatus: ParticipantStatus;
  workshopStatus: WorkshopStatus;
  /** Knowledge bank: article, guide, template, report link, question and answer. */
  articleKind: ArticleKind;
  articleStatus: ArticleStatus;
  /** The language an article version is written in, named in that language. */
  articleLanguage: ArticleLanguage;
  /** A language's name in the page's language, as the activity form lists them (finder's `language` names each in its own). */
  languageName: ActivityLanguage;
  repeatFrequency: RepeatFrequency;
  /** RFC 5545 weekday codes (MO…SU) of a recurring activity. */
  rruleWeekday: RruleWeekday;
  /** The roll-ups' kommune size classes. */
  sizeClass: SizeClass;
  /** The kommune overview's export tables (their names are also the sheets'). */
  overviewTable: OverviewTable;
  /** The parts of an overlap score. */
  overlapPart: OverlapPart;
  /** Where a similar pair's follow-up stands. */
  pairStatus: PairStatus;
  /** Why a settlement CSV line was refused. */
  importRejectReason: ImportRejectReason;
  /** What a need's quantity counts. */
  needUnit: NeedUnit;
  needStatus: NeedStatus;
  /** An organisation's commitment to a need. */
  commitmentStatus: CommitmentStatus;
  /** Volunteer roles an activity or a need seeks (issue 14). */
  volunteerRoleKind: VolunteerRoleKind;
  interestStatus: InterestStatus;
  volunteerAvailability: VolunteerAvailability;
  /** Employers' placements (issue 14). */
  placementKind: PlacementKind;
  placementSector: PlacementSector;
  languageRequirement: LanguageRequirement;
  supportNeed: EmployerSupportNeed;
  incentive: IncentiveKind;
  followUpStatus: FollowUpStatus;
  placementStatus: PlacementStatus;
  placementOutcome: PlacementOutcome;
  earlyEndReason: EarlyEndReason;
  checkinKind: CheckinKind;
  checkinAttendance: CheckinAttendance;
  checkinNextStep: CheckinNextStep;
}
export type LabelKind = keyof LabelledValues;
export type LabelValue<K extends LabelKind> = LabelledValues[K];

/** Where each kind's labels live: `${prefix}.${value}`. */
const prefixes = {
  theme: "activity.theme",
  targetGroup: "activity.target",
  language: "finder.language",
  weekday: "activity.weekday",
  activityStatus: "activity.status",
  visibility: "activity.visibility",
  scheduleKind: "activity.scheduleKind",
  organizationKind: "org.kind",
  receptionCentreOperator: "org.receptionCentreOperator",
  membershipRole: "org.role",
  platformRole: "admin.role",
  competenceTopic: "competence.topic",
  bodyLevel: "competence.bodyLevel",
  obstacleTheme: "workshops.theme",
  participantSector: "workshops.sector",
  participantStatus: "workshops.participantStatus",
  workshopStatus: "workshops.status",
  articleKind: "knowledge.kind",
  articleStatus: "knowledge.status",
  articleLanguage: "knowledge.language",
  languageName: "activityAdmin.language",
  repeatFrequency: "activityAdmin.form.frequency",
  rruleWeekday: "activityAdmin.weekday",
  sizeClass: "rollup.sizeClass",
  overviewTable: "overview.export.table",
  overlapPart: "overlap.part",
  pairStatus: "overlap.followUp.status",
  importRejectReason: "settlement.import.reason",
  needUnit: "needs.unit",
  needStatus: "needs.status",
  commitmentStatus: "needs.commitmentStatus",
  volunteerRoleKind: "volunteers.roleKind",
  interestStatus: "volunteers.interestStatus",
  volunteerAvailability: "volunteers.availability",
  placementKind: "placements.kind",
  placementSector: "placements.sector",
  languageRequirement: "placements.languageRequirement",
  supportNeed: "placements.supportNeed",
  incentive: "placements.incentive",
  followUpStatus: "placements.followUpStatus",
  placementStatus: "placements.status",
  placementOutcome: "placements.outcome",
  earlyEndReason: "placements.earlyEndReason",
  checkinKind: "placements.checkinKind",
  checkinAttendance: "placements.attendance",
  checkinNextStep: "placements.nextStep",
} as const satisfies Record<LabelKind, string>;

/** Lists whose modules would bring Zod or server code into the browser bundle, written out (checked below). */
const writtenOut = {
  sizeClass: ["small", "medium", "large", "city"],
  overviewTable: ["tema", "malgruppe", "hull", "utdatert"],
  overlapPart: ["theme", "target", "place", "time", "text"],
  pairStatus: ["none", "suggested", "in_contact", "partners", "distinct"],
  importRejectReason: ["columns", "municipality", "year", "notANumber", "negative", "tooLarge", "duplicate"],
} as const;

/** The values of each kind, for text read from storage (a text[] column has no type). */
const values: { [K in LabelKind]: readonly LabelledValues[K][] } = {
  theme: activityThemes,
  targetGroup: targetGroups,
  language: activityLanguages,
  weekday: weekdays,
  activityStatus: activityStatuses,
  visibility: activityVisibilities,
  scheduleKind: scheduleKinds,
  organizationKind: organizationKinds,
  receptionCentreOperator: receptionCentreOperators,
  membershipRole: membershipRoles,
  platformRole: ["municipal_coordinator", "county_advisor", "national_admin"],
  competenceTopic: competenceTopics,
  bodyLevel: bodyLevels,
  obstacleTheme: obstacleThemes,
  participantSector: participantSectors,
  participantStatus: participantStatuses,
  workshopStatus: workshopStatuses,
  articleKind: articleKinds,
  articleStatus: articleStatuses,
  articleLanguage: articleLanguages,
  languageName: activityLanguages,
  repeatFrequency: repeatFrequencies,
  rruleWeekday: rruleWeekdays,
  needUnit: needUnits,
  needStatus: needStatuses,
  commitmentStatus: commitmentStatuses,
  volunteerRoleKind: volunteerRoleKinds,
  interestStatus: interestStatuses,
  volunteerAvailability: volunteerAvailability,
  placementKind: placementKinds,
  placementSector: placementSectors,
  languageRequirement: languageRequirements,
  supportNeed: employerSupportNeeds,
  incentive: incentiveKinds,
  followUpStatus: followUpStatuses,
  placementStatus: placementStatuses,
  placementOutcome: placementOutcomes,
  earlyEndReason: earlyEndReasons,
  checkinKind: checkinKinds,
  checkinAttendance: checkinAttendance,
  checkinNextStep: checkinNextSteps,
  ...writtenOut,
};

type KeyOf<K extends LabelKind> = `${(typeof prefixes)[K]}.${LabelledValues[K]}`;
/** Message keys a value needs but the catalogue lacks; must be none. */
type MissingKeys = { [K in LabelKind]: Exclude<KeyOf<K>, MessageKey> }[LabelKind];
/** Every value has a label: if not, this line names the missing key in the compile error. */
const everyValueHasALabel: [MissingKeys] extends [never] ? true : MissingKeys = true;
/** Every platform role is listed (the list is written out so the browser bundle carries no Drizzle). */
const everyPlatformRoleListed: [Exclude<PlatformRole, (typeof values.platformRole)[number]>] extends [never] ? true : never = true;
/** The written-out lists name every value of their type; if not, this line names the missing ones. */
type Unlisted<K extends keyof typeof writtenOut> = Exclude<LabelledValues[K], (typeof writtenOut)[K][number]>;
type UnlistedValues = { [K in keyof typeof writtenOut]: Unlisted<K> }[keyof typeof writtenOut];
const everyWrittenOutValueListed: [UnlistedValues] extends [never] ? true : UnlistedValues = true;
void everyValueHasALabel;
void everyPlatformRoleListed;
void everyWrittenOutValueListed;

/** The message key of a value. */
export function labelKey<K extends LabelKind>(kind: K, value: LabelledValues[K]): MessageKey {
  // Proven by MissingKeys: every `${prefix}.${value}` is a key.
  return `${prefixes[kind]}.${String(value)}` as MessageKey;
}

/** The label of a value, in the page's language. */
export function label<K extends LabelKind>(t: Translate, kind: K, value: LabelledValues[K]): string {
  return t(labelKey(kind, value));
}

/** Whether text read from storage is one of the kind's values. */
export function isLabelValue<K extends LabelKind>(kind: K, value: unknown): value is LabelledValues[K] {
  return (values[kind] as readonly unknown[]).includes(value);
}

/**
 * The label of a value that arrives as plain text (a text[] column such as
 * themes): a known value's label, else the text itself, so a value retired
 * from the list still shows instead of failing the page.
 */
export function labelOf(t: Translate, kind: LabelKind, value: string | number): string {
  return isLabelValue(kind, value) ? label(t, kind, value) : String(value);
}

/** All values of a kind with their labels, in the list's order (for select options and checkbox groups). */
export function labelOptions<K extends LabelKind>(t: Translate, kind: K): { value: string; label: string }[] {
  return values[kind].map((value) => ({ value: String(value), label: label(t, kind, value) }));
}
