/**
 * What voluntary organisations ask for guidance about (issue 12; the 2022
 * report's list of needs). Guidance requests, knowledge articles' themes,
 * stories and the needs surveys share this one list, so a survey's answer
 * can be read against the requests and the articles on the same topic.
 */
export const competenceTopics = [
  "grants_funding",
  "running_organisation",
  "volunteers",
  "privacy_police_certificates",
  "reaching_refugees",
  "municipal_cooperation",
  "language_culture",
  "other",
] as const;
export type CompetenceTopic = (typeof competenceTopics)[number];
