import type { FinderLocale, Locale, UiLocale } from "./config.ts";
import nbCommon from "./nb/common.json";
import nbErrors from "./nb/errors.json";
import nbAuth from "./nb/auth.json";
import nbAccount from "./nb/account.json";
import nbOrganizations from "./nb/organizations.json";
import nbAdmin from "./nb/admin.json";
import nbPages from "./nb/pages.json";
import nbMunicipalities from "./nb/municipalities.json";
import nbOidc from "./nb/oidc.json";
import nbActivities from "./nb/activities.json";
import nbActivityAdmin from "./nb/activity-admin.json";
import nbFinder from "./nb/finder.json";
import nbJobs from "./nb/jobs.json";
import nbOpendata from "./nb/opendata.json";
import nbOverview from "./nb/overview.json";
import nbSettlement from "./nb/settlement.json";
import nbRollup from "./nb/rollup.json";
import nbOverlap from "./nb/overlap.json";
import nbCompetence from "./nb/competence.json";
import nbGuidance from "./nb/guidance.json";
import nbKnowledge from "./nb/knowledge.json";
import nbStories from "./nb/stories.json";
import nbEvents from "./nb/events.json";
import nbSurveys from "./nb/surveys.json";
import nbWorkshops from "./nb/workshops.json";
import nbWorkshopRun from "./nb/workshop-run.json";
import nbWorkshopMatrix from "./nb/workshop-matrix.json";
import nbWorkshopFollowup from "./nb/workshop-followup.json";
import nbNeeds from "./nb/needs.json";
import nbVolunteers from "./nb/volunteers.json";
import nbVolunteerSelf from "./nb/volunteer-self.json";
import nbPlacements from "./nb/placements.json";
import nbPlacementFollowup from "./nb/placement-followup.json";
import nnCommon from "./nn/common.json";
import nnErrors from "./nn/errors.json";
import nnAuth from "./nn/auth.json";
import nnAccount from "./nn/account.json";
import nnOrganizations from "./nn/organizations.json";
import nnAdmin from "./nn/admin.json";
import nnPages from "./nn/pages.json";
import nnMunicipalities from "./nn/municipalities.json";
import nnOidc from "./nn/oidc.json";
import nnActivities from "./nn/activities.json";
import nnActivityAdmin from "./nn/activity-admin.json";
import nnFinder from "./nn/finder.json";
import nnJobs from "./nn/jobs.json";
import nnOpendata from "./nn/opendata.json";
import nnOverview from "./nn/overview.json";
import nnSettlement from "./nn/settlement.json";
import nnRollup from "./nn/rollup.json";
import nnOverlap from "./nn/overlap.json";
import nnCompetence from "./nn/competence.json";
import nnGuidance from "./nn/guidance.json";
import nnKnowledge from "./nn/knowledge.json";
import nnStories from "./nn/stories.json";
import nnEvents from "./nn/events.json";
import nnSurveys from "./nn/surveys.json";
import nnWorkshops from "./nn/workshops.json";
import nnWorkshopRun from "./nn/workshop-run.json";
import nnWorkshopMatrix from "./nn/workshop-matrix.json";
import nnWorkshopFollowup from "./nn/workshop-followup.json";
import nnNeeds from "./nn/needs.json";
import nnVolunteers from "./nn/volunteers.json";
import nnVolunteerSelf from "./nn/volunteer-self.json";
import nnPlacements from "./nn/placements.json";
import nnPlacementFollowup from "./nn/placement-followup.json";
import enCommon from "./en/common.json";
import enErrors from "./en/errors.json";
import enAuth from "./en/auth.json";
import enAccount from "./en/account.json";
import enOrganizations from "./en/organizations.json";
import enAdmin from "./en/admin.json";
import enPages from "./en/pages.json";
import enMunicipalities from "./en/municipalities.json";
import enOidc from "./en/oidc.json";
import enActivities from "./en/activities.json";
import enActivityAdmin from "./en/activity-admin.json";
import enFinder from "./en/finder.json";
import enJobs from "./en/jobs.json";
import enOpendata from "./en/opendata.json";
import enOverview from "./en/overview.json";
import enSettlement from "./en/settlement.json";
import enRollup from "./en/rollup.json";
import enOverlap from "./en/overlap.json";
import enCompetence from "./en/competence.json";
import enGuidance from "./en/guidance.json";
import enKnowledge from "./en/knowledge.json";
import enStories from "./en/stories.json";
import enEvents from "./en/events.json";
import enSurveys from "./en/surveys.json";
import enWorkshops from "./en/workshops.json";
import enWorkshopRun from "./en/workshop-run.json";
import enWorkshopMatrix from "./en/workshop-matrix.json";
import enWorkshopFollowup from "./en/workshop-followup.json";
import enNeeds from "./en/needs.json";
import enVolunteers from "./en/volunteers.json";
import enVolunteerSelf from "./en/volunteer-self.json";
import enPlacements from "./en/placements.json";
import enPlacementFollowup from "./en/placement-followup.json";
import ukCommon from "./uk/common.json";
import ukErrors from "./uk/errors.json";
import ukActivities from "./uk/activities.json";
import ukPages from "./uk/pages.json";
import ukFinder from "./uk/finder.json";
import arCommon from "./ar/common.json";
import arErrors from "./ar/errors.json";
import arActivities from "./ar/activities.json";
import arPages from "./ar/pages.json";
import arFinder from "./ar/finder.json";
import tiCommon from "./ti/common.json";
import tiErrors from "./ti/errors.json";
import tiActivities from "./ti/activities.json";
import tiPages from "./ti/pages.json";
import tiFinder from "./ti/finder.json";
import soCommon from "./so/common.json";
import soErrors from "./so/errors.json";
import soActivities from "./so/activities.json";
import soPages from "./so/pages.json";
import soFinder from "./so/finder.json";
import prsCommon from "./prs/common.json";
import prsErrors from "./prs/errors.json";
import prsActivities from "./prs/activities.json";
import prsPages from "./prs/pages.json";
import prsFinder from "./prs/finder.json";

/**
 * All UI text, ICU MessageFormat, one flat key space split into files by area
 * so parallel work does not collide. Bokmål is the source language; a test
 * fails when a key is missing in another language or used but not defined.
 */
const nb = {
  ...nbCommon,
  ...nbErrors,
  ...nbAuth,
  ...nbAccount,
  ...nbOrganizations,
  ...nbAdmin,
  ...nbPages,
  ...nbMunicipalities,
  ...nbOidc,
  ...nbActivities,
  ...nbActivityAdmin,
  ...nbFinder,
  ...nbJobs,
  ...nbOpendata,
  ...nbOverview,
  ...nbSettlement,
  ...nbRollup,
  ...nbOverlap,
  ...nbCompetence,
  ...nbGuidance,
  ...nbKnowledge,
  ...nbStories,
  ...nbEvents,
  ...nbSurveys,
  ...nbWorkshops,
  ...nbWorkshopRun,
  ...nbWorkshopMatrix,
  ...nbWorkshopFollowup,
  ...nbNeeds,
  ...nbVolunteers,
  ...nbVolunteerSelf,
  ...nbPlacements,
  ...nbPlacementFollowup,
};
export type MessageKey = keyof typeof nb;

const en = {
  ...enCommon,
  ...enErrors,
  ...enAuth,
  ...enAccount,
  ...enOrganizations,
  ...enAdmin,
  ...enPages,
  ...enMunicipalities,
  ...enOidc,
  ...enActivities,
  ...enActivityAdmin,
  ...enFinder,
  ...enJobs,
  ...enOpendata,
  ...enOverview,
  ...enSettlement,
  ...enRollup,
  ...enOverlap,
  ...enCompetence,
  ...enGuidance,
  ...enKnowledge,
  ...enStories,
  ...enEvents,
  ...enSurveys,
  ...enWorkshops,
  ...enWorkshopRun,
  ...enWorkshopMatrix,
  ...enWorkshopFollowup,
  ...enNeeds,
  ...enVolunteers,
  ...enVolunteerSelf,
  ...enPlacements,
  ...enPlacementFollowup,
};

const full: Record<Locale, Record<string, string>> = {
  nb,
  nn: {
    ...nnCommon,
    ...nnErrors,
    ...nnAuth,
    ...nnAccount,
    ...nnOrganizations,
    ...nnAdmin,
    ...nnPages,
    ...nnMunicipalities,
    ...nnOidc,
    ...nnActivities,
    ...nnActivityAdmin,
    ...nnFinder,
    ...nnJobs,
    ...nnOpendata,
    ...nnOverview,
    ...nnSettlement,
    ...nnRollup,
    ...nnOverlap,
    ...nnCompetence,
    ...nnGuidance,
    ...nnKnowledge,
    ...nnStories,
    ...nnEvents,
    ...nnSurveys,
    ...nnWorkshops,
    ...nnWorkshopRun,
    ...nnWorkshopMatrix,
    ...nnWorkshopFollowup,
    ...nnNeeds,
    ...nnVolunteers,
    ...nnVolunteerSelf,
    ...nnPlacements,
    ...nnPlacementFollowup,
  },
  en,
};

/**
 * Finder locales (uk, ar, ti, so, prs) translate only what the public finder
 * pages show (see docs/decisions/finder-languages.md). English lies under each
 * of them, so a key that is not translated shows in English instead of throwing.
 * tests/unit/i18n.test.ts lists which keys fell back.
 */
const finder: Record<FinderLocale, Record<string, string>> = {
  uk: { ...en, ...ukCommon, ...ukErrors, ...ukActivities, ...ukPages, ...ukFinder },
  ar: { ...en, ...arCommon, ...arErrors, ...arActivities, ...arPages, ...arFinder },
  ti: { ...en, ...tiCommon, ...tiErrors, ...tiActivities, ...tiPages, ...tiFinder },
  so: { ...en, ...soCommon, ...soErrors, ...soActivities, ...soPages, ...soFinder },
  prs: { ...en, ...prsCommon, ...prsErrors, ...prsActivities, ...prsPages, ...prsFinder },
};

export const messages: Record<UiLocale, Record<string, string>> = { ...full, ...finder };

/** The namespace files each finder locale translates (the rest falls back to English). */
export const finderNamespaces = ["common", "errors", "activities", "pages", "finder"] as const;
