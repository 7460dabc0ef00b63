import type { Locale } from "./config.ts";
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

/**
 * All UI text, ICU MessageFormat, one flat key space split into files by area
 * so parallel work does not collide. Bokmål is the source language; a test
 * fails when a key is missing in another language or used but not defined.
 */
const nb = { ...nbCommon, ...nbErrors, ...nbAuth, ...nbAccount, ...nbOrganizations, ...nbAdmin, ...nbPages, ...nbMunicipalities, ...nbOidc, ...nbActivities };
export type MessageKey = keyof typeof nb;

export const messages: Record<Locale, Record<string, string>> = {
  nb,
  nn: { ...nnCommon, ...nnErrors, ...nnAuth, ...nnAccount, ...nnOrganizations, ...nnAdmin, ...nnPages, ...nnMunicipalities, ...nnOidc, ...nnActivities },
  en: { ...enCommon, ...enErrors, ...enAuth, ...enAccount, ...enOrganizations, ...enAdmin, ...enPages, ...enMunicipalities, ...enOidc, ...enActivities },
};
