/** Fixed ids, so tests and links can name demo organisations. */
export const demoOrganizationIds = {
  hamarVolunteerCentre: "00000000-0000-4000-8000-000000000101",
  hamarLanguageCafe: "00000000-0000-4000-8000-000000000102",
  hamarEmployer: "00000000-0000-4000-8000-000000000103",
  tonsbergRedCross: "00000000-0000-4000-8000-000000000201",
  tonsbergMigrantAssociation: "00000000-0000-4000-8000-000000000202",
  kinnMigrantAssociation: "00000000-0000-4000-8000-000000000301",
  kinnSportsClub: "00000000-0000-4000-8000-000000000302",
} as const;
