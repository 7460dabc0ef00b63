import type { IncentiveKind } from "./placements.constants.ts";

/**
 * The plain information on public incentives an employer sees beside the placement form (issue 14). The texts live
 * in app/i18n/<lang>/placements.json (placements.incentives.<kind>.*); they summarise, and the links go to the
 * bodies' own pages, which decide. When someone re-reads those pages and the texts still hold, move this date.
 */
export const INCENTIVES_LAST_CHECKED = "2026-12-07";

export interface IncentiveInfo {
  kind: IncentiveKind;
  /** Who decides: NAV for the subsidies, the kommune for work practice in the introduction programme. */
  body: "nav" | "kommune";
  /** The body's own page on it. */
  url: string;
  /** A second page, where one helps (IMDi's page on the introduction programme). */
  moreUrl?: string;
}

export const incentives: readonly IncentiveInfo[] = [
  { kind: "wage_subsidy", body: "nav", url: "https://www.nav.no/arbeidsgiver/lonnstilskudd" },
  { kind: "mentor_grant", body: "nav", url: "https://www.nav.no/arbeidsgiver/mentor" },
  {
    kind: "introduction_work_practice",
    body: "kommune",
    url: "https://www.imdi.no/introduksjonsprogram/",
    moreUrl: "https://www.nav.no/arbeidsgiver/arbeidstrening",
  },
];
