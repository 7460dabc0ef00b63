import { type RouteConfig, index, route } from "@react-router/dev/routes";

/**
 * Every page and endpoint. tests/e2e/route-manifest.ts describes each of them
 * (who may see it, sample parameters); a route missing there fails the tests.
 */
export default [
  index("routes/home.tsx"),
  route("sprak", "routes/language.tsx"),

  route("logg-inn", "routes/auth/sign-in.tsx"),
  route("logg-inn/lenke", "routes/auth/magic-link.tsx"),
  route("logg-ut", "routes/auth/sign-out.tsx"),
  route("registrer", "routes/auth/sign-up.tsx"),
  route("glemt-passord", "routes/auth/forgot-password.tsx"),
  route("nytt-passord", "routes/auth/reset-password.tsx"),
  route("bekreft-epost", "routes/auth/verify-email.tsx"),
  route("auth/oidc/:provider", "routes/auth/oidc-start.ts"),
  route("auth/oidc/:provider/callback", "routes/auth/oidc-callback.ts"),

  route("min-side", "routes/account/profile.tsx"),
  route("min-side/personvern", "routes/account/privacy.tsx"),
  route("min-side/eksport", "routes/account/export.ts"),

  route("organisasjoner", "routes/organizations/list.tsx"),
  route("organisasjoner/ny", "routes/organizations/new.tsx"),
  route("organisasjoner/:id", "routes/organizations/detail.tsx"),
  route("organisasjoner/:id/rediger", "routes/organizations/edit.tsx"),
  route("organisasjoner/:id/medlemmer", "routes/organizations/members.tsx"),
  route("organisasjoner/:id/logg", "routes/organizations/audit.tsx"),
  route("organisasjoner/:id/slaa-sammen", "routes/organizations/merge.tsx"),
  route("organisasjoner/:id/aktiviteter", "routes/organizations/activities.tsx"),
  route("organisasjoner/:id/aktiviteter/ny", "routes/activities/new.tsx"),
  route("organisasjoner/:id/aktiviteter.ics", "routes/organizations/calendar.ts"),
  route("invitasjon/:token", "routes/organizations/invitation.tsx"),

  route("kommuner", "routes/municipalities/list.tsx"),
  route("kommuner/:number", "routes/municipalities/detail.tsx"),
  route("kommuner/:number/intern", "routes/municipalities/internal.tsx"),
  route("kommuner/:number/aktiviteter.ics", "routes/municipalities/calendar.ts"),
  // Kommune overview (issue 4): full for those who coordinate the kommune, a public summary for others.
  route("kommuner/:number/oversikt", "routes/overview/municipality.tsx"),
  route("kommuner/:number/oversikt/utskrift", "routes/overview/municipality-print.tsx"),
  route("kommuner/:number/oversikt/eksport.csv", "routes/overview/municipality-export.ts", { id: "overview-export-csv" }),
  route("kommuner/:number/oversikt/eksport.xlsx", "routes/overview/municipality-export.ts", { id: "overview-export-xlsx" }),
  // Parallel initiatives (issue 4): pairs of overlapping activities, for those who coordinate the kommune.
  route("kommuner/:number/parallelle", "routes/overview/parallel.tsx"),

  route("admin", "routes/admin/index.tsx"),
  route("admin/roller", "routes/admin/roles.tsx"),
  route("admin/logg", "routes/admin/audit.tsx"),
  route("admin/import", "routes/admin/import.tsx"),
  route("admin/import/:id", "routes/admin/import-job.tsx"),
  // County and national roll-ups (issue 4): county advisors and national admins.
  route("fylker/:number/oversikt", "routes/overview/county.tsx"),
  route("oversikt", "routes/overview/national.tsx"),
  // Settlement figures (issue 4): entry per kommune, CSV import for national admins.
  route("kommuner/:number/bosetting", "routes/overview/settlement.tsx"),
  route("admin/bosetting/import", "routes/overview/settlement-import.tsx"),

  route("aktiviteter", "routes/activities/finder.tsx"),
  route("aktiviteter/:id", "routes/activities/detail.tsx"),

  route("aktiviteter/lignende", "routes/activities/similar.ts"),
  route("aktiviteter/:id/rediger", "routes/activities/edit.tsx"),
  route("aktiviteter/:id/bekreft", "routes/activities/confirm.tsx"),
  // Static segments win over aktiviteter/:id whatever the order (React Router ranks them); tests/e2e checks it.
  route("aktiviteter/eksport.csv", "routes/activities/export.ts", { id: "activities-export-csv" }),
  route("aktiviteter/eksport.xlsx", "routes/activities/export.ts", { id: "activities-export-xlsx" }),
  route("aktiviteter/:id/kalender.ics", "routes/activities/calendar.ts"),

  // Open data API (HSDS 3.0), JSON only; see docs/open-data.md.
  route("api/v1", "routes/api/index.ts"),
  route("api/v1/openapi.json", "routes/api/openapi.ts"),
  route("api/v1/services", "routes/api/services.ts"),
  route("api/v1/services/:id", "routes/api/service.ts"),
  route("api/v1/organizations", "routes/api/organizations.ts"),
  route("api/v1/organizations/:id", "routes/api/organization.ts"),
  route("api/v1/locations", "routes/api/locations.ts"),
  route("api/v1/service_at_locations", "routes/api/service-at-locations.ts"),
  route("api/v1/schedules", "routes/api/schedules.ts"),
  route("api/v1/*", "routes/api/not-found.ts"),

  // Guidance requests (issue 12, guidance): organisations ask, the kommune / fylkeskommune / IMDi answer or hand over; competence offers.
  route("veiledning", "routes/guidance/list.tsx"),
  route("veiledning/ny", "routes/guidance/new.tsx"),
  route("veiledning/:id", "routes/guidance/detail.tsx"),
  route("veiledning/:id/vedlegg/:attachment", "routes/guidance/attachment.ts"),
  route("organisasjoner/:id/kompetanse", "routes/guidance/offers.tsx"),

  // Courses, network meetings and meeting places (issue 12, events): public lists and pages, organisers' forms, e-mail links, calendars; networks.
  route("arrangementer", "routes/events/list.tsx"),
  route("arrangementer/ny", "routes/events/new.tsx"),
  route("arrangementer/bekreft/:token", "routes/events/confirm.tsx"),
  route("arrangementer/avmelding/:token", "routes/events/unregister.tsx"),
  route("arrangementer/:id", "routes/events/detail.tsx"),
  route("arrangementer/:id/rediger", "routes/events/edit.tsx"),
  route("arrangementer/:id/deltakere", "routes/events/participants.tsx"),
  route("arrangementer/:id/deltakere.csv", "routes/events/participants-csv.ts"),
  route("arrangementer/:id/kalender.ics", "routes/events/calendar.ts"),
  route("kommuner/:number/arrangementer.ics", "routes/events/municipality-feed.ts"),
  route("fylker/:number/arrangementer.ics", "routes/events/county-feed.ts"),
  route("nettverk", "routes/events/networks.tsx"),
  route("nettverk/:id", "routes/events/network.tsx"),
  route("nettverk/:id/medlemmer", "routes/events/network-members.tsx"),

  // Knowledge bank (issue 12, knowledge): public search and articles; IMDi and the fylkeskommuner write, kommuner and organisations propose.
  route("kunnskap", "routes/knowledge/list.tsx"),
  route("kunnskap/ny", "routes/knowledge/new.tsx"),
  route("kunnskap/forslag", "routes/knowledge/proposals.tsx"),
  route("kunnskap/mine", "routes/knowledge/own.tsx"),
  route("kunnskap/:slug", "routes/knowledge/detail.tsx"),
  route("kunnskap/:id/rediger", "routes/knowledge/edit.tsx"),
  route("kunnskap/:id/filer/:file", "routes/knowledge/file.ts"),

  // Competence centre (issue 12): each level's start — the kommune's, fylkeskommune's and IMDi's tools, an organisation's, and the public parts.
  route("kompetansesenter", "routes/competence/centre.tsx"),

  // Experience sharing (issue 12, stories): organisations' good-practice stories about their activities, public once a coordinator of the activity's kommune approves.
  route("erfaringer", "routes/stories/list.tsx"),
  route("erfaringer/til-godkjenning", "routes/stories/review-queue.tsx"),
  route("erfaringer/:id", "routes/stories/detail.tsx"),
  route("erfaringer/:id/rediger", "routes/stories/edit.tsx"),
  route("organisasjoner/:id/erfaringer/ny", "routes/stories/new.tsx"),

  // Needs surveys (issue 12, surveys): IMDi and the fylkeskommuner ask chosen organisations what they need; answers by personal e-mail link, results by kind and fylke.
  route("undersokelser", "routes/surveys/list.tsx"),
  route("undersokelser/ny", "routes/surveys/new.tsx"),
  route("undersokelser/svar/:token", "routes/surveys/answer.tsx"),
  route("undersokelser/:id", "routes/surveys/results.tsx"),

  // Development workshops, responsibility matrix (issue 13, H3): the workshop's matrix; the kommune's published "who does what" and its coordinators' edit page.
  route("verksteder/:id/ansvar", "routes/workshops/matrix-workshop.tsx"),
  route("kommuner/:number/hvem-gjor-hva", "routes/workshops/matrix-public.tsx"),
  route("kommuner/:number/hvem-gjor-hva/rediger", "routes/workshops/matrix-public-edit.tsx"),
  // Development workshops, plan (issue 13, H1): list, new, hub, edit, participants, the registration link, a session's calendar file.
  route("verksteder", "routes/workshops/plan-list.tsx"),
  route("verksteder/ny", "routes/workshops/plan-new.tsx"),
  route("verksteder/pamelding/:token", "routes/workshops/plan-registration.tsx"),
  route("verksteder/:id", "routes/workshops/plan-hub.tsx"),
  route("verksteder/:id/rediger", "routes/workshops/plan-edit.tsx"),
  route("verksteder/:id/deltakere", "routes/workshops/plan-participants.tsx"),
  route("verksteder/:id/okter/:session.ics", "routes/workshops/plan-session-calendar.ts"),
  // Development workshops, action plan (issue 13, H4): actions, owners, deadlines, status, progress notes, what moved since last session; an action's edit page.
  route("verksteder/:id/handlingsplan", "routes/workshops/actions-plan.tsx"),
  route("verksteder/:id/handlingsplan/:action", "routes/workshops/actions-edit.tsx"),
  // Development workshops, run (issue 13, H2): join with the code (no account), obstacles and dot votes, the live ranking and its JSON, solutions, the join QR code.
  route("verksteder/bli-med", "routes/workshops/run-join.tsx"),
  route("verksteder/:id/hindringer", "routes/workshops/run-obstacles.tsx"),
  route("verksteder/:id/hindringer/live", "routes/workshops/run-live.tsx"),
  route("verksteder/:id/live.json", "routes/workshops/run-live-json.ts"),
  route("verksteder/:id/losninger", "routes/workshops/run-solutions.tsx"),
  route("verksteder/:id/qr.svg", "routes/workshops/run-qr.ts"),
  // Development workshops, report and above the kommune (issue 13, H5): obstacles handed up to the fylkeskommune / IMDi and their answers, common obstacles across kommuner, the printable report and its PDF.
  route("verksteder/innspill", "routes/workshops/report-inbox.tsx"),
  route("verksteder/hindringer-pa-tvers", "routes/workshops/report-common.tsx"),
  route("verksteder/:id/innspill", "routes/workshops/report-escalations.tsx"),
  route("verksteder/:id/rapport", "routes/workshops/report-page.tsx"),
  route("verksteder/:id/rapport.pdf", "routes/workshops/report-pdf.ts"),
  // Placements' follow-up and outcomes (issue 14, H5): check-ins and outcome counts, for the employer and the follow-up contact only.
  route("praksisplasser/:id/oppfolging-og-resultat", "routes/placements/followup-result.tsx"),
  // Volunteers, the public side and the inboxes (issue 14, H2): roles on activities and needs, the public list and interest form (no account), the e-mail confirmation, the receiving organisation's and kommune's inboxes.
  route("frivillig", "routes/volunteers/list.tsx"),
  route("frivillig/roller/:id", "routes/volunteers/role.tsx"),
  route("frivillig/bekreft/:token", "routes/volunteers/confirm.tsx"),
  route("aktiviteter/:id/frivillige", "routes/volunteers/manage-activity.tsx"),
  route("behov/:id/frivillige", "routes/volunteers/manage-need.tsx"),
  route("organisasjoner/:id/frivillige", "routes/volunteers/inbox-organization.tsx"),
  route("kommuner/:number/frivillige/innboks", "routes/volunteers/inbox-municipality.tsx"),
  // Volunteers, the volunteer's own side (issue 14, H3): an interest's status and withdraw links, the light profile behind a mailed link, the kommune's counts.
  route("frivillig/mine/:token", "routes/volunteers/self-status.tsx"),
  route("frivillig/trekk/:token", "routes/volunteers/self-withdraw.tsx"),
  route("frivillig/meg", "routes/volunteers/self-profile.tsx"),
  route("frivillig/meg/:token", "routes/volunteers/self-signin.tsx"),
  route("kommuner/:number/frivillige", "routes/volunteers/kommune-volunteers.tsx"),
  // Needs (issue 14, H1): what a kommune or an organisation needs from others; organisations commit, the owner accepts or declines.
  route("behov", "routes/needs/list.tsx"),
  route("behov/ny", "routes/needs/new.tsx"),
  route("behov/:id", "routes/needs/detail.tsx"),
  route("behov/:id/rediger", "routes/needs/edit.tsx"),
  // Placements (issue 14, H4): employers' placements, the public list, the follow-up contact's inbox and the incentives page.
  route("praksisplasser", "routes/placements/list.tsx"),
  route("praksisplasser/ny", "routes/placements/new.tsx"),
  route("praksisplasser/oppfolging", "routes/placements/inbox.tsx"),
  route("praksisplasser/insentiver", "routes/placements/incentives.tsx"),
  route("praksisplasser/:id", "routes/placements/detail.tsx"),
  route("praksisplasser/:id/rediger", "routes/placements/edit.tsx"),
  route("tilgjengelighet", "routes/pages/accessibility.tsx"),
  route("personvern", "routes/pages/privacy.tsx"),
  route("dev/utboks", "routes/dev/outbox.tsx"),

  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
